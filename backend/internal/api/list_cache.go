package api

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// writeCachedList answers a list page from the cache when it can;
// otherwise it loads the page and keeps the answer.
func writeCachedList[T any](s *Server, c *gin.Context, p store.Page, load func(ctx context.Context) ([]T, int64, error)) error {
	return s.cachedList(c, func() (any, error) {
		items, total, err := load(c.Request.Context())
		if err != nil {
			return nil, err
		}
		return listBody(items, total, p), nil
	})
}

// cachedList answers a list page from the store's cache of derived values
// (shared with the dashboard, see store.Cached) when it can; otherwise it
// runs load and keeps the encoded answer. A scoped user's store never
// caches: their lists are their own.
func (s *Server) cachedList(c *gin.Context, load func() (any, error)) error {
	key := c.FullPath() + "?" + c.Request.URL.RawQuery
	body, err := s.st(c).Cached(c.Request.Context(), key, func(context.Context) ([]byte, error) {
		v, err := load()
		if err != nil {
			return nil, err
		}
		return json.Marshal(v)
	})
	if err != nil {
		return err
	}
	c.Data(http.StatusOK, "application/json; charset=utf-8", body)
	return nil
}
