package api

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/qualtrack/qualtrack/backend/internal/auth"
)

// defaultMaxBody bounds a JSON request body.
const defaultMaxBody = 1 << 20

// requestStartKey holds when the request arrived, for timings that span
// handlers (a report is built before it is sent).
const requestStartKey = "qualtrack.start"

// accessLog writes one line per request and counts it in the metrics. It
// logs the route pattern, not the raw URL, and never a header, so tokens
// and cookies stay out of the log.
func (s *Server) accessLog() gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Set(requestStartKey, start)
		c.Next()
		route := c.FullPath()
		if route == "" {
			route = "(unmatched)"
		}
		s.metric.ObserveRequest(c.Request.Method, route, c.Writer.Status(), time.Since(start))
		attrs := []any{
			"method", c.Request.Method,
			"route", route,
			"status", c.Writer.Status(),
			"duration_ms", float64(time.Since(start).Microseconds()) / 1000,
			"bytes", c.Writer.Size(),
			"ip", c.ClientIP(),
		}
		if p := auth.PrincipalFrom(c); p != nil {
			attrs = append(attrs, "user_id", p.User.ID)
			if p.ServiceToken != nil {
				attrs = append(attrs, "service_token", p.ServiceToken.Name)
			}
		}
		if c.Request.Context().Err() != nil {
			attrs = append(attrs, "client_gone", true)
		}
		level := slog.LevelInfo
		if c.Writer.Status() >= 500 {
			level = slog.LevelError
		}
		s.log.Log(c.Request.Context(), level, "http", attrs...)
	}
}

// recovery turns a panic into a 500 in the contract's shape.
func (s *Server) recovery() gin.HandlerFunc {
	return gin.CustomRecoveryWithWriter(nil, func(c *gin.Context, err any) {
		s.log.Error("panic", "route", c.FullPath(), "panic", err)
		c.AbortWithStatusJSON(http.StatusInternalServerError, gin.H{"error": toError(nil)})
	})
}

// contentSecurityPolicy allows only the app's own scripts and connections.
// Styles may be inline because Mantine sets CSS variables in <style>
// elements at run time; no script is ever inline.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; " +
	"base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

// securityHeaders sets the headers every response carries. HSTS is sent
// only when the request came over TLS (directly, or through a trusted
// proxy that says so), since browsers ignore it over plain HTTP anyway.
func (s *Server) securityHeaders() gin.HandlerFunc {
	return func(c *gin.Context) {
		h := c.Writer.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
		if s.overTLS(c) {
			h.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
		}
		c.Next()
	}
}

// BodyLimit is the most bytes a request body of the route may have: its
// MaxBody, or the JSON default.
func (r Route) BodyLimit() int64 {
	if r.MaxBody > 0 {
		return r.MaxBody
	}
	return defaultMaxBody
}

// bodyLimit caps the request body; reading past it fails with
// *http.MaxBytesError, which the error middleware answers with 413. A
// declared Content-Length over the limit is refused before anything else
// runs, without reading the body.
func bodyLimit(n int64) gin.HandlerFunc {
	return func(c *gin.Context) {
		if c.Request.ContentLength > n {
			_ = c.Error(&http.MaxBytesError{Limit: n})
			c.Abort()
			return
		}
		c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, n)
		c.Next()
	}
}
