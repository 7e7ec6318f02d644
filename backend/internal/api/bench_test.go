package api_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/auth"
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
		{"SitesList", "/api/v1/sites?page=%d&page_size=50"},
		{"SitesFiltered", "/api/v1/sites?page_size=50&status=qualified&risk_tier=high&page=%d"},
		{"SitesSearch", "/api/v1/sites?page_size=50&q=shen&page=%d"},
		{"SiteDetail", "/api/v1/sites/%d"},
		{"FindingsOverdue", "/api/v1/findings?overdue=true&page_size=50&page=%d"},
		{"Dashboard", "/api/v1/dashboard?n=%d"},
	}
	for _, p := range pages {
		b.Run(p.name, func(b *testing.B) {
			i := 0
			for b.Loop() {
				i++
				srv.Do(model.RoleAuditor, http.MethodGet, fmt.Sprintf(p.path, 1+i%20), nil).Want(http.StatusOK)
			}
		})
	}
}

// BenchmarkSitesListFloor is the floor for the sites list: the SQL the
// list runs for a page (count, rows, then manufacturer names, open
// findings and certificates grouped for the page) through database/sql
// and encoding/json, with no router, auth or ORM. BenchmarkAPI/SitesList
// over this is the cost of everything else.
func BenchmarkSitesListFloor(b *testing.B) {
	srv := benchServer(b)
	sqlDB, err := srv.DB.DB.DB()
	testutil.Fatal(b, err, "sql.DB")
	bind := func(q string) string {
		if srv.DB.Dialect != "postgres" {
			return q
		}
		n := 0
		var sb strings.Builder
		for _, r := range q {
			if r == '?' {
				n++
				fmt.Fprintf(&sb, "$%d", n)
				continue
			}
			sb.WriteRune(r)
		}
		return sb.String()
	}
	page := bind(`SELECT * FROM sites WHERE sites.archived_at IS NULL ORDER BY sites.code ASC, id ASC LIMIT 50 OFFSET ?`)
	i := 0
	for b.Loop() {
		i++
		if err := floorPage(sqlDB, bind, page, (i%20)*50, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

func floorPage(db *sql.DB, bind func(string) string, page string, offset int, w io.Writer) error {
	var total int64
	if err := db.QueryRow(`SELECT count(*) FROM sites WHERE sites.archived_at IS NULL`).Scan(&total); err != nil {
		return err
	}
	items, err := queryMaps(db, page, offset)
	if err != nil {
		return err
	}
	ids := make([]any, len(items))
	mfrs := make([]any, len(items))
	for i, it := range items {
		ids[i], mfrs[i] = it["id"], it["manufacturer_id"]
	}
	in := strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",")
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{`SELECT id, name FROM manufacturers WHERE id IN (` + in + `)`, mfrs},
		{`SELECT site_id, severity, count(*) AS n FROM findings WHERE site_id IN (` + in + `) AND status IN ('open','in_progress') GROUP BY site_id, severity`, ids},
		{`SELECT site_id, expires_on, withdrawn, count(*) AS n FROM certifications WHERE site_id IN (` + in + `) GROUP BY site_id, expires_on, withdrawn`, ids},
	} {
		rows, err := queryMaps(db, bind(q.sql), q.args...)
		if err != nil {
			return err
		}
		for i := range items {
			items[i][fmt.Sprintf("derived_%d", len(rows)%3)] = len(rows)
		}
	}
	return json.NewEncoder(w).Encode(map[string]any{"items": items, "total": total, "page": offset/50 + 1, "page_size": 50})
}

func queryMaps(db *sql.DB, q string, args ...any) ([]map[string]any, error) {
	rows, err := db.Query(q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []map[string]any
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		m := make(map[string]any, len(cols))
		for i, c := range cols {
			if b, ok := vals[i].([]byte); ok {
				vals[i] = string(b)
			}
			m[c] = vals[i]
		}
		out = append(out, m)
	}
	return out, rows.Err()
}
