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
	m := CacheMark{writes: s.dashboard.writes.Load(), day: s.Today()}
	err := s.prepared.WithContext(ctx).Raw("SELECT COALESCE(max(sequence), 0) FROM audit_events").Row().Scan(&m.head)
	if err != nil {
		return m, fmt.Errorf("store: cache mark: %w", err)
	}
	return m, nil
}

// dashboardCache keeps the last dashboard. Computing it runs a dozen
// aggregate queries over every table, and it is the page everyone opens
// first; between writes the answer is the same.
type dashboardCache struct {
	// writes counts committed transactions of the store.
	writes atomic.Uint64
	// mu lets one request compute while the others wait for its answer.
	mu       sync.Mutex
	have     bool
	value    Dashboard
	mark     CacheMark
	computed time.Time // monotonic
}

// Dashboard returns the overview as of the store's today: the cached one
// while the CacheMark is unchanged (nothing written by any instance, same
// day) and it is younger than CacheMaxAge, otherwise a new one (one
// computation at a time). Callers must not modify the maps and slices of
// the answer: it is shared.
func (s *Store) Dashboard(ctx context.Context) (Dashboard, error) {
	if len(s.scope) > 0 {
		// A scoped auditor's figures are their own: never from, nor into,
		// the shared cache.
		return s.computeDashboard(ctx)
	}
	mark, err := s.CacheMark(ctx)
	if err != nil {
		return Dashboard{}, err
	}
	c := s.dashboard
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.have && c.mark == mark && time.Since(c.computed) < CacheMaxAge {
		return c.value, nil
	}
	started := time.Now()
	d, err := s.computeDashboard(ctx)
	if err != nil {
		return d, err
	}
	c.have, c.value, c.mark, c.computed = true, d, mark, started
	return d, nil
}

// wrote records a committed write (see tx).
func (s *Store) wrote() { s.dashboard.writes.Add(1) }
