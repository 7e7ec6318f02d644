package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// cors lets the configured origins (QUALTRACK_CORS_ORIGINS) call the API
// from their pages, with credentials. Without configuration it adds
// nothing, so a browser refuses every cross-origin read and preflight.
// The answer names the one requesting origin, never "*": a wildcard
// cannot carry credentials, and naming only listed origins keeps every
// other site out. Cookie writes from a listed origin still need the CSRF
// header (auth.Guard.TrustOrigins).
func (s *Server) cors() gin.HandlerFunc {
	allowed := map[string]bool{}
	for _, o := range s.cfg.CORSOrigins {
		allowed[o] = true
	}
	return func(c *gin.Context) {
		if len(allowed) == 0 {
			c.Next()
			return
		}
		h := c.Writer.Header()
		// Caches must keep the answer for one origin from another.
		h.Add("Vary", "Origin")
		origin := c.GetHeader("Origin")
		if !allowed[origin] {
			c.Next()
			return
		}
		h.Set("Access-Control-Allow-Origin", origin)
		h.Set("Access-Control-Allow-Credentials", "true")
		if c.Request.Method == http.MethodOptions && c.GetHeader("Access-Control-Request-Method") != "" {
			h.Set("Access-Control-Allow-Methods", corsMethods)
			h.Set("Access-Control-Allow-Headers", "Authorization, Content-Type, X-Requested-With")
			h.Set("Access-Control-Max-Age", "600")
			h.Add("Vary", "Access-Control-Request-Method, Access-Control-Request-Headers")
			c.AbortWithStatus(http.StatusNoContent)
			return
		}
		h.Set("Access-Control-Expose-Headers", "Content-Disposition, ETag, Retry-After")
		c.Next()
	}
}

// corsMethods are the methods the route table uses (a test checks it
// against Routes, so a route with a new method cannot be left out).
const corsMethods = "GET, POST, PUT, PATCH, DELETE"
