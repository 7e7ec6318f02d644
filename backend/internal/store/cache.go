package store

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

// CacheMaxAge bounds how long a computed dashboard (or a cached list page,
// see api) is served even when its CacheMark still matches: a change made
// without an audit event (an instance recomputing every schedule at start
// after the intervals changed) shows within this time.
const CacheMaxAge = time.Minute

// CacheMark says which state of the database a derived value was computed
// from. Every write appends an audit event in its own transaction, and
// events are numbered in commit order, so the chain head's sequence moves
// with every write of every instance and process; writes is this store's
// own count of committed transactions (free to read, and it moves before a
// reader could see the new head); day is the store's today, which overdue
// and due-soon depend on.
type CacheMark struct {
	writes uint64
	head   int64
	day    model.Date
}

// CacheMark reads the current mark: one indexed query.
func (s *Store) CacheMark(ctx context.Context) (CacheMark, error) {
	m := CacheMark{writes: s.cache.writes.Load(), day: s.Today()}
	err := s.quick(ctx).Raw("SELECT COALESCE(max(sequence), 0) FROM audit_events").Row().Scan(&m.head)
	if err != nil {
		return m, fmt.Errorf("store: cache mark: %w", err)
	}
	return m, nil
}

// cacheEntries bounds the cache: the dashboard and about 250 list pages
// (some 50 kB each).
const cacheEntries = 256

// derivedCache keeps values derived from the database between writes: the
// dashboard and the encoded pages of the busiest lists. The dashboard runs
// a dozen aggregate queries and a list page a few grouped ones, and between
// writes every unscoped user gets the same answer. An entry is used only
// while the CacheMark it was computed at is current (nothing written by
// any instance since, same day) and for at most CacheMaxAge; a key is
// computed once at a time, the other readers of that key waiting for its
// answer. One cache is shared by every copy of the store (For, WithRules,
// WithFiles).
type derivedCache struct {
	// writes counts committed transactions of the store.
	writes atomic.Uint64

	mu      sync.Mutex
	entries map[string]*cacheEntry

	// waiting, when set (by tests), is called by a reader that has read
	// its mark and is about to wait for its key.
	waiting func()
}

type cacheEntry struct {
	mu       sync.Mutex // held while the value is computed
	have     bool
	value    any
	mark     CacheMark
	computed time.Time // monotonic
}

func newDerivedCache() *derivedCache { return &derivedCache{entries: map[string]*cacheEntry{}} }

// entry returns key's entry, making room when the cache is full.
func (c *derivedCache) entry(key string, mark CacheMark) *cacheEntry {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.entries[key]; ok {
		return e
	}
	if len(c.entries) >= cacheEntries {
		for k, old := range c.entries {
			if old.mu.TryLock() {
				if !old.have || !old.mark.covers(mark) || time.Since(old.computed) >= CacheMaxAge {
					delete(c.entries, k)
				}
				old.mu.Unlock()
			}
		}
		if len(c.entries) >= cacheEntries {
			c.entries = map[string]*cacheEntry{}
		}
	}
	e := &cacheEntry{}
	c.entries[key] = e
	return e
}

// covers says whether a value computed at mark m answers a reader who came
// at mark r: computed the same day, after everything r had seen.
func (m CacheMark) covers(r CacheMark) bool {
	return m.day == r.day && m.writes >= r.writes && m.head >= r.head
}

// cached answers key from the cache while it is current, otherwise from
// compute, which runs once at a time per key. A reader who waited for
// another's computation takes its answer when that computation began after
// the reader came (it holds every write the reader could have seen);
// otherwise it computes again at the mark of that moment, so the readers
// queued behind one computation are answered by the next, however many
// writes came in between: after a write, the dashboard is computed at most
// twice, not once per reader. A scoped store's values are its user's own:
// never from, nor into, the shared cache.
func (s *Store) cached(ctx context.Context, key string, compute func(ctx context.Context) (any, error)) (any, error) {
	if len(s.scope) > 0 {
		return compute(ctx)
	}
	mark, err := s.CacheMark(ctx)
	if err != nil {
		return nil, err
	}
	e := s.cache.entry(key, mark)
	if s.cache.waiting != nil {
		s.cache.waiting()
	}
	waited := !e.mu.TryLock()
	if waited {
		e.mu.Lock()
	}
	defer e.mu.Unlock()
	if e.have && e.mark.covers(mark) && time.Since(e.computed) < CacheMaxAge {
		return e.value, nil
	}
	started := time.Now()
	if waited {
		// Waited behind an older computation: compute at the current mark,
		// which answers everyone who queued meanwhile.
		if mark, err = s.CacheMark(ctx); err != nil {
			return nil, err
		}
	}
	v, err := compute(ctx)
	if err != nil {
		return nil, err
	}
	e.have, e.value, e.mark, e.computed = true, v, mark, started
	return v, nil
}

// Cached answers a derived value, such as an encoded list page, from the
// cache shared with the dashboard (see derivedCache). Callers must not
// modify the bytes of the answer: they are shared.
func (s *Store) Cached(ctx context.Context, key string, compute func(ctx context.Context) ([]byte, error)) ([]byte, error) {
	v, err := s.cached(ctx, "list "+key, func(ctx context.Context) (any, error) { return compute(ctx) })
	if err != nil {
		return nil, err
	}
	return v.([]byte), nil
}

// Dashboard returns the overview as of the store's today, from the cache
// while nothing was written (see derivedCache). Callers must not modify the
// maps and slices of the answer: it is shared.
func (s *Store) Dashboard(ctx context.Context) (Dashboard, error) {
	v, err := s.cached(ctx, "dashboard", func(ctx context.Context) (any, error) { return s.computeDashboard(ctx) })
	if err != nil {
		return Dashboard{}, err
	}
	return v.(Dashboard), nil
}

// wrote records a committed write (see tx).
func (s *Store) wrote() { s.cache.writes.Add(1) }
