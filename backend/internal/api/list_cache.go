package api

import (
	"context"
	"encoding/json"
	"net/http"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/qualtrack/qualtrack/backend/internal/auth"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// listCacheEntries bounds the cache (about 50 kB a page of 50 sites).
const listCacheEntries = 256

// listCache keeps the encoded answers of the sites and findings lists. A
// page costs a few milliseconds of SQLite work (count, rows, grouped
// queries for the derived values: see docs/benchmarks.md) and every
// unscoped user sees the same answer, so between writes a page is served
// from here. An entry is used
// only while the store's CacheMark is the one it was computed at (nothing
// written by any instance since, same day) and for at most
// store.CacheMaxAge.
type listCache struct {
	mu      sync.Mutex
	entries map[string]listCacheEntry
}

type listCacheEntry struct {
	body []byte
	mark store.CacheMark
	at   time.Time
}

func newListCache() *listCache { return &listCache{entries: map[string]listCacheEntry{}} }

func (lc *listCache) get(key string, mark store.CacheMark) ([]byte, bool) {
	lc.mu.Lock()
	defer lc.mu.Unlock()
	e, ok := lc.entries[key]
	if !ok || e.mark != mark || time.Since(e.at) >= store.CacheMaxAge {
		return nil, false
	}
	return e.body, true
}

func (lc *listCache) put(key string, e listCacheEntry) {
	lc.mu.Lock()
	defer lc.mu.Unlock()
	if len(lc.entries) >= listCacheEntries {
		for k, old := range lc.entries {
			if old.mark != e.mark || time.Since(old.at) >= store.CacheMaxAge {
				delete(lc.entries, k)
			}
		}
		if len(lc.entries) >= listCacheEntries {
			lc.entries = map[string]listCacheEntry{}
		}
	}
	lc.entries[key] = e
}

// writeCachedList answers a list page from the cache when it can;
// otherwise it loads the page and keeps the answer.
func writeCachedList[T any](s *Server, c *gin.Context, p store.Page, load func(ctx context.Context) ([]T, int64, error)) error {
	return s.cachedList(c, func() (any, error) {
		items, total, err := load(c.Request.Context())
		if err != nil {
			return nil, err
		}
		if items == nil {
			items = []T{}
		}
		return listResponse[T]{Items: items, Total: total, Page: p.Page, PageSize: p.PageSize}, nil
	})
}

// cachedList answers from the cache when it can; otherwise it runs load
// and keeps the answer.
func (s *Server) cachedList(c *gin.Context, load func() (any, error)) error {
	if p := auth.PrincipalFrom(c); p != nil && len(p.Scope) > 0 {
		// A scoped auditor sees a list of their own: never cached.
		v, err := load()
		if err != nil {
			return err
		}
		c.JSON(http.StatusOK, v)
		return nil
	}
	key := c.FullPath() + "?" + c.Request.URL.RawQuery
	mark, err := s.unscoped.CacheMark(c.Request.Context())
	if err != nil {
		return err
	}
	if body, ok := s.lists.get(key, mark); ok {
		c.Data(http.StatusOK, "application/json; charset=utf-8", body)
		return nil
	}
	started := time.Now()
	v, err := load()
	if err != nil {
		return err
	}
	body, err := json.Marshal(v)
	if err != nil {
		return err
	}
	s.lists.put(key, listCacheEntry{body: body, mark: mark, at: started})
	c.Data(http.StatusOK, "application/json; charset=utf-8", body)
	return nil
}
