package store

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

// CacheMaxAge bounds how long a computed dashboard (or a cached list page,
// see api) is served. Writes made through this process's store invalidate
// it at once; the age bound covers writes made by other instances on the
// same database.
const CacheMaxAge = 5 * time.Second

// dashboardCache keeps the last dashboard. Computing it reads every table
// (a few tens of milliseconds on a 10,000-site register), and it is the
// page everyone opens first; between writes the answer is the same.
type dashboardCache struct {
	// writes counts committed transactions of the store; a dashboard
	// computed before the latest one is stale.
	writes atomic.Uint64
	// mu lets one request compute while the others wait for its answer.
	mu       sync.Mutex
	have     bool
	value    Dashboard
	day      model.Date
	asOf     uint64    // writes when the computation started
	computed time.Time // monotonic
}

// fresh returns the cached dashboard when it is still the answer for day.
func (c *dashboardCache) fresh(day model.Date) (Dashboard, bool) {
	if c.have && c.day.Equal(day) && c.asOf == c.writes.Load() && time.Since(c.computed) < CacheMaxAge {
		return c.value, true
	}
	return Dashboard{}, false
}

// Dashboard returns the overview as of the store's today: the cached one
// when nothing was written since and it is younger than CacheMaxAge,
// otherwise a new one (one computation at a time). Callers must not
// modify the maps and slices of the answer: it is shared.
func (s *Store) Dashboard(ctx context.Context) (Dashboard, error) {
	if len(s.scope) > 0 {
		// A scoped auditor's figures are their own: never from, nor into,
		// the shared cache.
		return s.computeDashboard(ctx)
	}
	c := s.dashboard
	today := s.Today()
	c.mu.Lock()
	defer c.mu.Unlock()
	if d, ok := c.fresh(today); ok {
		return d, nil
	}
	asOf, started := c.writes.Load(), time.Now()
	d, err := s.computeDashboard(ctx)
	if err != nil {
		return d, err
	}
	c.have, c.value, c.day, c.asOf, c.computed = true, d, today, asOf, started
	return d, nil
}

// wrote records a committed write (see tx).
func (s *Store) wrote() { s.dashboard.writes.Add(1) }

// Writes counts the transactions this process's store has committed. A
// value derived from the database while Writes stayed the same is still
// current, as far as this process's writes go.
func (s *Store) Writes() uint64 { return s.dashboard.writes.Load() }
