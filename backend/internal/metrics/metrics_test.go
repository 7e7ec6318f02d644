package metrics_test

import (
	"errors"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/metrics"
)

func scrape(t *testing.T, m *metrics.Metrics) string {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	b, _ := io.ReadAll(rec.Body)
	return string(b)
}

// Exports and imports are counted by name and outcome with their durations.
func TestExportsAndImports(t *testing.T) {
	m := metrics.New()
	m.ObserveExport("inspections", 1500*time.Millisecond, nil)
	m.ObserveExport("inspections", time.Second, errors.New("disk full"))
	m.ObserveImport("sites", 200*time.Millisecond, nil)
	out := scrape(t, m)
	for _, want := range []string{
		`qualtrack_exports_total{outcome="ok",report="inspections"} 1`,
		`qualtrack_exports_total{outcome="error",report="inspections"} 1`,
		`qualtrack_export_duration_seconds_sum{report="inspections"} 2.5`,
		`qualtrack_export_duration_seconds_count{report="inspections"} 2`,
		`qualtrack_imports_total{kind="sites",outcome="ok"} 1`,
		`qualtrack_import_duration_seconds_count{kind="sites"} 1`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

// A nil registry records nothing and does not panic.
func TestNilMetrics(t *testing.T) {
	var m *metrics.Metrics
	m.ObserveRequest("GET", "/", 200, time.Millisecond)
	m.ObserveExport("x", time.Millisecond, nil)
	m.ObserveImport("x", time.Millisecond, nil)
	m.LoginFailed("wrong_password")
	m.WatchDB("x", nil)
}
