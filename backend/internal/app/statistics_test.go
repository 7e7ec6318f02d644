package app_test

import (
	"database/sql"
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/app"
	"github.com/qualtrack/qualtrack/backend/internal/auth"
	"github.com/qualtrack/qualtrack/backend/internal/config"
	"github.com/qualtrack/qualtrack/backend/internal/seed"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// On SQLite, serve's start-up gives the query planner its statistics: a
// list of completed inspections (most of them) in another order is then
// read off that order's index, a page at a time, not gathered through the
// status index and sorted whole.
func TestStartUpGathersPlannerStatisticsOnSQLite(t *testing.T) {
	t.Parallel()
	a := openSQLiteApp(t, "SQLite's planner statistics")
	ctx := t.Context()
	_, err := a.Migrate(ctx)
	testutil.Fatal(t, err, "migrate")
	_, err = seed.Bulk(ctx, a.Store, auth.NewTestHasher(), seed.BulkOptions{Sites: 40, Inspections: 3000, Findings: 200, Certifications: 50, Seed: 3})
	testutil.Fatal(t, err, "seed")

	const page = "SELECT * FROM inspections WHERE inspections.status = 'completed' ORDER BY inspections.updated_at, inspections.id LIMIT 51"
	plan := func() string {
		var rows []struct {
			ID, Parent, Notused int
			Detail              string
		}
		testutil.Fatal(t, a.DB.Raw("EXPLAIN QUERY PLAN "+page).Scan(&rows).Error, "explain")
		var details []string
		for _, r := range rows {
			details = append(details, r.Detail)
		}
		return strings.Join(details, "; ")
	}
	before := plan()
	if !strings.Contains(before, "TEMP B-TREE") {
		t.Fatalf("without statistics the page was not sorted, so this test shows nothing: %s", before)
	}

	testutil.Fatal(t, a.PrepareToServe(ctx), "start-up")
	var analyzed int64
	testutil.Fatal(t, a.DB.Raw("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'inspections'").Scan(&analyzed).Error, "statistics")
	if analyzed == 0 {
		t.Fatal("no planner statistics for inspections after start-up")
	}
	after := plan()
	if strings.Contains(after, "TEMP B-TREE") || !strings.Contains(after, "inspections_updated_at") {
		t.Fatalf("with statistics the page is still sorted: %s (before: %s)", after, before)
	}

	// The statistics were read without memory mapping, and the connection
	// that read them maps the file again like every other.
	sqlDB, err := a.DB.DB()
	testutil.Fatal(t, err, "pool")
	var conns []*sql.Conn
	defer func() {
		for _, c := range conns {
			_ = c.Close()
		}
	}()
	for range 3 {
		c, err := sqlDB.Conn(ctx)
		testutil.Fatal(t, err, "connection")
		conns = append(conns, c)
		var mapped int64
		testutil.Fatal(t, c.QueryRowContext(ctx, "PRAGMA mmap_size").Scan(&mapped), "mmap_size")
		if mapped < 1<<30 {
			t.Errorf("connection %d after start-up maps %d bytes of the file, want at least 1 GiB", len(conns), mapped)
		}
	}
}

// The start-up statistics read every row of the tables they cover without
// memory mapping: mapped, each page read would stay in the server's
// resident memory (as file pages) from its start.
func TestStartUpStatisticsLeaveTheFileUnmapped(t *testing.T) {
	t.Parallel()
	if _, err := residentFilePages(); err != nil {
		t.Skipf("no resident memory figures here: %v", err)
	}
	a := openSQLiteApp(t, "SQLite's memory mapping")
	ctx := t.Context()
	// About 40 MB of rows and index entries, none analyzed yet.
	for _, stmt := range []string{
		"CREATE TABLE filler (id INTEGER PRIMARY KEY, v TEXT NOT NULL)",
		"CREATE INDEX filler_v ON filler (v)",
		"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 160000) " +
			"INSERT INTO filler (v) SELECT printf('%0120d', i) FROM n",
	} {
		testutil.Fatal(t, a.DB.WithContext(ctx).Exec(stmt).Error, "%s", stmt)
	}
	before, err := residentFilePages()
	testutil.Fatal(t, err, "resident memory")
	testutil.Fatal(t, a.UpdatePlannerStatistics(ctx), "statistics")
	after, err := residentFilePages()
	testutil.Fatal(t, err, "resident memory")
	var analyzed int64
	testutil.Fatal(t, a.DB.Raw("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'filler'").Scan(&analyzed).Error, "statistics")
	if analyzed == 0 {
		t.Fatal("the filler table was not analyzed, so this test shows nothing")
	}
	if grown := after - before; grown > 12<<20 {
		t.Errorf("reading the statistics of a 40 MB table left %d MB more of file pages in resident memory, want it read without mapping", grown>>20)
	}
}

// residentFilePages is how much of this process's resident memory is pages
// of files (RssFile, in bytes).
func residentFilePages() (int64, error) {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, err
	}
	for line := range strings.SplitSeq(string(status), "\n") {
		if rest, ok := strings.CutPrefix(line, "RssFile:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10, err
		}
	}
	return 0, errors.New("no RssFile in /proc/self/status")
}

// openSQLiteApp opens the app on a SQLite database of its own in a
// temporary data directory, closed when the test ends; a test of what only
// SQLite does (why) is skipped on PostgreSQL.
func openSQLiteApp(t *testing.T, why string) *app.App {
	t.Helper()
	cfg, err := config.Load(func(string) string { return "" })
	testutil.Fatal(t, err, "config")
	if cfg.Dialect() != "sqlite" || os.Getenv(testutil.PostgresURLEnv) != "" {
		t.Skip(why)
	}
	cfg.DataDir = t.TempDir()
	a, err := app.Open(t.Context(), cfg, app.Options{Hasher: auth.NewTestHasher(), Now: func() time.Time { return testutil.FixedNow }})
	testutil.Fatal(t, err, "open")
	t.Cleanup(func() { a.Close() })
	return a
}
