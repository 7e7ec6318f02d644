package store_test

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/store"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// Readers of one key after a write cause one computation, not one each; a
// write makes the value stale; a scoped store neither reads nor fills the
// shared cache.
func TestCachedComputesOncePerWrite(t *testing.T) {
	t.Parallel()
	st, b := cacheStore(t)
	ctx := context.Background()
	var computed atomic.Int64
	compute := func(context.Context) ([]byte, error) {
		n := computed.Add(1)
		return []byte{byte('0' + n)}, nil
	}
	read := func(s *store.Store) string {
		v, err := s.Cached(ctx, "sites?page=1", compute)
		testutil.Fatal(t, err, "cached")
		return string(v)
	}

	var wg sync.WaitGroup
	for range 30 {
		wg.Go(func() { read(st) })
	}
	wg.Wait()
	if n := computed.Load(); n != 1 {
		t.Fatalf("30 readers computed %d times, want 1", n)
	}
	if got := read(st); got != "1" {
		t.Fatalf("second read = %q, want the cached %q", got, "1")
	}

	b.Manufacturer("Acme")
	if got := read(st); got != "2" {
		t.Fatalf("after a write read = %q, want a new computation", got)
	}

	scoped := st.For(7, []int64{1})
	if got := read(scoped); got != "3" {
		t.Fatalf("scoped read = %q, want its own computation", got)
	}
	if got := read(st); got != "2" {
		t.Fatalf("after a scoped read the shared value = %q, want %q", got, "2")
	}
}

// Readers queued behind one computation while writes keep coming are
// answered by the next computation, not one computation each: each reader
// gets a value computed after it came, and the key is computed twice.
func TestReadersQueuedBehindAComputationShareTheNext(t *testing.T) {
	t.Parallel()
	st, b := cacheStore(t)
	ctx := context.Background()
	arrived := make(chan struct{}, 16)
	st.OnCacheWait(func() { arrived <- struct{}{} })
	started, release := make(chan struct{}), make(chan struct{})
	var computed atomic.Int64
	compute := func(context.Context) ([]byte, error) {
		n := computed.Add(1)
		if n == 1 {
			close(started)
			<-release
		}
		return []byte{byte('0' + n)}, nil
	}
	const waiters = 10
	got := make([]string, waiters+1)
	var wg sync.WaitGroup
	read := func(i int) {
		v, err := st.Cached(ctx, "findings?page=1", compute)
		if err != nil {
			t.Errorf("reader %d: %v", i, err)
			return
		}
		got[i] = string(v)
	}
	wg.Go(func() { read(0) })
	<-started
	<-arrived
	for i := 1; i <= waiters; i++ {
		b.Manufacturer(fmt.Sprintf("Written while reader 0 computes %d", i))
		wg.Go(func() { read(i) })
		<-arrived // reader i has its mark, taken after write i
	}
	close(release)
	wg.Wait()
	if n := computed.Load(); n != 2 {
		t.Fatalf("1 computing reader and %d queued behind it computed %d times, want 2", waiters, n)
	}
	if got[0] != "1" {
		t.Errorf("the first reader got %q, want its own computation", got[0])
	}
	for i := 1; i <= waiters; i++ {
		if got[i] != "2" {
			t.Errorf("queued reader %d got %q, want the computation after its write", i, got[i])
		}
	}
}

// cacheStore is a store over an empty database, and a builder to write
// through it.
func cacheStore(t *testing.T) (*store.Store, *testutil.Builder) {
	t.Helper()
	clock := testutil.NewClock(testutil.FixedNow)
	st := store.New(testutil.NewDB(t, clock.Now).DB, clock.Now)
	return st, testutil.NewBuilder(t, st)
}
