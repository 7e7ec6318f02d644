package store_test

import (
	"context"
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
	clock := testutil.NewClock(testutil.FixedNow)
	st := store.New(testutil.NewDB(t, clock.Now).DB, clock.Now)
	b := testutil.NewBuilder(t, st)
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
