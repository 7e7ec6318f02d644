package api

import (
	"io/fs"
	"net/http"
	"path"
	"strings"

	"github.com/gin-gonic/gin"
)

const notBuiltPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>qualtrack</title></head>
<body style="font-family:sans-serif;max-width:40em;margin:4em auto">
<h1>qualtrack</h1><p>The web frontend is not built into this binary. Run <code>make build</code>
(which needs Node.js) or use the API under <code>/api/v1</code>.</p></body></html>`

// serveSPA serves the built frontend: files under assets/ are immutable
// (their names carry a content hash) and cached for a year; every other
// path that is not a file gets index.html, uncached, so client-side routes
// survive a reload. Unknown /api paths get a JSON 404.
func (s *Server) serveSPA(c *gin.Context) error {
	p := c.Request.URL.Path
	if strings.HasPrefix(p, "/api/") || p == "/api" {
		return notFound("This API route")
	}
	if c.Request.Method != http.MethodGet && c.Request.Method != http.MethodHead {
		return notFound("This page")
	}
	if s.spa == nil {
		c.Data(http.StatusOK, "text/html; charset=utf-8", []byte(notBuiltPage))
		return nil
	}
	name := strings.TrimPrefix(path.Clean(p), "/")
	if name != "" && name != "index.html" {
		if st, err := fs.Stat(s.spa, name); err == nil && !st.IsDir() {
			if strings.HasPrefix(name, "assets/") {
				c.Header("Cache-Control", "public, max-age=31536000, immutable")
			} else {
				// The service worker (sw.js) and the manifest among them:
				// revalidated on every load, so a new release reaches the
				// installed app on its next start.
				c.Header("Cache-Control", "no-cache")
			}
			if path.Ext(name) == ".webmanifest" { // not in Go's MIME table
				c.Header("Content-Type", "application/manifest+json")
			}
			c.FileFromFS(name, http.FS(s.spa))
			return nil
		}
		if strings.HasPrefix(name, "assets/") {
			return notFound("This file")
		}
	}
	index, err := fs.ReadFile(s.spa, "index.html")
	if err != nil {
		c.Data(http.StatusOK, "text/html; charset=utf-8", []byte(notBuiltPage))
		return nil
	}
	c.Header("Cache-Control", "no-cache")
	c.Data(http.StatusOK, "text/html; charset=utf-8", index)
	return nil
}
