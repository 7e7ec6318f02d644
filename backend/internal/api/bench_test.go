package api_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/auth"
	"github.com/qualtrack/qualtrack/backend/internal/benchfloor"
	"github.com/qualtrack/qualtrack/backend/internal/database"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/seed"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// benchSites is the register the in-process benchmarks run on: big enough
// for the indexes to matter, small enough to seed in a few seconds. The
// load tool (make bench) runs on 10,000 sites over real HTTP.
const benchSites = 2000

func benchServer(b *testing.B) *testutil.Server {
	b.Helper()
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

// BenchmarkSitesListFloor is the floor for the sites list (package
// benchfloor: the same SQL through database/sql and encoding/json, no
// router, auth, ORM or cache). BenchmarkAPI/SitesListUncached over this is
// the cost of everything else.
func BenchmarkSitesListFloor(b *testing.B) {
	srv := benchServer(b)
	sqlDB, err := srv.DB.DB.DB()
	testutil.Fatal(b, err, "sql.DB")
	f := benchfloor.Floor{DB: sqlDB, Postgres: srv.DB.Dialect == database.Postgres}
	i := 0
	for b.Loop() {
		i++
		if err := f.WritePage(context.Background(), 1+i%20, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}
