package api_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/qualtrack/qualtrack/backend/cmd/loadtest/floor"
	"github.com/qualtrack/qualtrack/backend/internal/auth"
	"github.com/qualtrack/qualtrack/backend/internal/database"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/seed"
	"github.com/qualtrack/qualtrack/backend/internal/store"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// benchSites is the register the in-process benchmarks run on: big enough
// for the indexes to matter, small enough to seed in a few seconds
// (QUALTRACK_BENCH_SITES sets another size). The load tool (make bench)
// runs on 10,000 sites over real HTTP.
func benchSites() int {
	if n, err := strconv.Atoi(os.Getenv("QUALTRACK_BENCH_SITES")); err == nil && n > 0 {
		return n
	}
	return 2000
}

func benchServer(b *testing.B) *testutil.Server {
	b.Helper()
	benchSites := benchSites()
	srv := testutil.NewServer(b, nil)
	_, err := seed.Bulk(context.Background(), srv.Store, auth.NewTestHasher(), seed.BulkOptions{
		Sites: benchSites, Inspections: benchSites * 20, Findings: benchSites * 10, Certifications: benchSites * 3, Seed: 1,
	})
	testutil.Fatal(b, err, "bulk seed")
	return srv
}

// BenchmarkAPI runs the main read pages through the whole stack (router,
// auth, store, JSON) without the network.
func BenchmarkAPI(b *testing.B) {
	srv := benchServer(b)
	pages := []struct{ name, path string }{
		{"SitesList", "/api/v1/sites?page=%[1]d&page_size=50"},
		// A query of its own each time: never answered from the list cache.
		{"SitesListUncached", "/api/v1/sites?page_size=50&page=%[1]d&uncached=%[2]d"},
		{"SitesFiltered", "/api/v1/sites?page_size=50&status=qualified&risk_tier=high&page=%[1]d"},
		{"SitesSearch", "/api/v1/sites?page_size=50&q=shen&page=%[1]d"},
		{"SiteDetail", "/api/v1/sites/%[1]d"},
		{"FindingsOverdue", "/api/v1/findings?overdue=true&page_size=50&page=%[1]d"},
		{"Dashboard", "/api/v1/dashboard?n=%[1]d"},
	}
	for _, p := range pages {
		b.Run(p.name, func(b *testing.B) {
			i := 0
			for b.Loop() {
				i++
				srv.Do(model.RoleAuditor, http.MethodGet, fmt.Sprintf(p.path, 1+i%20, i), nil).Want(http.StatusOK)
			}
		})
	}
}

// BenchmarkDashboardUncached computes the dashboard as after any write:
// a store of its own each time, so nothing comes from the cache. cpu-ms/op
// is the process's CPU time per dashboard.
func BenchmarkDashboardUncached(b *testing.B) {
	srv := benchServer(b)
	var before, after syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &before)
	for b.Loop() {
		if _, err := store.New(srv.DB.DB, srv.Clock.Now).Dashboard(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &after)
	cpu := time.Duration(after.Utime.Nano() + after.Stime.Nano() - before.Utime.Nano() - before.Stime.Nano())
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
}

// BenchmarkSitesListFloor is the floor for the sites list (package
// floor: the same SQL through database/sql and encoding/json, no
// router, auth, ORM or cache). BenchmarkAPI/SitesListUncached over this is
// the cost of everything else.
func BenchmarkSitesListFloor(b *testing.B) {
	srv := benchServer(b)
	sqlDB, err := srv.DB.DB.DB()
	testutil.Fatal(b, err, "sql.DB")
	f := floor.Floor{DB: sqlDB, Postgres: srv.DB.Dialect == database.Postgres}
	i := 0
	for b.Loop() {
		i++
		if err := f.WritePage(context.Background(), 1+i%20, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}
