package api_test

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"testing/fstest"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/app"
	"github.com/qualtrack/qualtrack/backend/internal/auth"
	"github.com/qualtrack/qualtrack/backend/internal/config"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// The installable app: the service worker and the manifest are revalidated
// on every load (a release reaches installed apps), the manifest has its
// own type, hashed assets are immutable and client-side routes get
// index.html, so a reload of /inspections/7/inspect works.
func TestSPAServesTheInstallableApp(t *testing.T) {
	t.Parallel()
	cfg, err := config.Load(func(string) string { return "" })
	testutil.Fatal(t, err, "config")
	cfg.JWTSecret = testutil.Secret
	cfg.DataDir = t.TempDir()
	spa := fstest.MapFS{
		"index.html":            {Data: []byte(`<!doctype html><div id="root"></div>`)},
		"sw.js":                 {Data: []byte(`self.addEventListener('fetch', () => {});`)},
		"manifest.webmanifest":  {Data: []byte(`{"name":"qualtrack"}`)},
		"icons/icon-192.png":    {Data: []byte("\x89PNG\r\n\x1a\n")},
		"assets/index-abc12.js": {Data: []byte(`console.log(1)`)},
	}
	a, err := app.New(cfg, testutil.NewDB(t, func() time.Time { return testutil.FixedNow }).DB, app.Options{Hasher: auth.NewTestHasher()})
	testutil.Fatal(t, err, "app.New")
	srv, err := a.HTTP(spa)
	testutil.Fatal(t, err, "api.New")
	h, err := srv.Handler()
	testutil.Fatal(t, err, "handler")
	tests := []struct {
		path, wantType, wantCache string
	}{
		{"/sw.js", "text/javascript; charset=utf-8", "no-cache"},
		{"/manifest.webmanifest", "application/manifest+json", "no-cache"},
		{"/icons/icon-192.png", "image/png", "no-cache"},
		{"/assets/index-abc12.js", "text/javascript; charset=utf-8", "public, max-age=31536000, immutable"},
		{"/inspections/7/inspect", "text/html; charset=utf-8", "no-cache"},
	}
	for _, tt := range tests {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, tt.path, nil))
		if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != tt.wantType || rec.Header().Get("Cache-Control") != tt.wantCache {
			t.Errorf("%s: %d, type %q, cache %q; want %q, %q", tt.path, rec.Code, rec.Header().Get("Content-Type"), rec.Header().Get("Cache-Control"), tt.wantType, tt.wantCache)
		}
	}
}
