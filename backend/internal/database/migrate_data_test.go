package database_test

import (
	"slices"
	"testing"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/auth"
	"github.com/qualtrack/qualtrack/backend/internal/database"
	"github.com/qualtrack/qualtrack/backend/internal/seed"
	"github.com/qualtrack/qualtrack/backend/internal/store"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// Migrations 00008 (counts kept in step for the dashboard, and the
// search indexes) and 00033 (unclosed findings by due date) over a
// database that already holds a register (seeded with every migration,
// then rolled back to 00007 and migrated up again): the counts start equal
// to the rows, and the search finds the existing records through the index
// exactly as a scan does.
func TestCountsAndSearchMigrateExistingData(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	db := testutil.NewDB(t, nil)
	st := store.New(db.DB, func() time.Time { return testutil.FixedNow })
	_, err := seed.Bulk(ctx, st, auth.NewTestHasher(), seed.BulkOptions{Sites: 60, Inspections: 900, Findings: 400, Certifications: 150, Seed: 9})
	testutil.Fatal(t, err, "seed")
	testutil.Fatal(t, database.MigrateDownTo(ctx, db.DB, 7), "roll back to 00007")
	_, err = database.Migrate(ctx, db.DB)
	testutil.Fatal(t, err, "migrate the rest")
	indexed, err := database.SearchIndexed(ctx, db.DB)
	testutil.Fatal(t, err, "search indexed")
	if !indexed {
		t.Fatal("the migration left search without its indexes")
	}

	type count struct {
		K string
		N int64
	}
	counts := func(sql string) []count {
		var out []count
		testutil.Fatal(t, db.Raw(sql).Scan(&out).Error, "%s", sql)
		return out
	}
	month := "substr(performed_date, 1, 7)"
	if db.Dialect == database.Postgres {
		month = "to_char(performed_date, 'YYYY-MM')"
	}
	pairs := [][2]string{
		{"SELECT month || ' ' || result AS k, n FROM inspection_month_results WHERE n <> 0 ORDER BY k",
			"SELECT " + month + " || ' ' || result AS k, count(*) AS n FROM inspections WHERE status = 'completed' AND performed_date IS NOT NULL GROUP BY " + month + ", result ORDER BY k"},
		{"SELECT severity AS k, n FROM finding_open_counts WHERE n <> 0 ORDER BY k",
			"SELECT severity AS k, count(*) AS n FROM findings WHERE status <> 'closed' GROUP BY severity ORDER BY k"},
		// Migration 00033.
		{"SELECT due_date AS k, n FROM finding_due_counts WHERE n <> 0 ORDER BY k",
			"SELECT due_date AS k, count(*) AS n FROM findings WHERE status <> 'closed' AND due_date IS NOT NULL GROUP BY due_date ORDER BY k"},
	}
	for _, p := range pairs {
		kept, counted := counts(p[0]), counts(p[1])
		if len(counted) == 0 || !slices.Equal(kept, counted) {
			t.Errorf("kept counts %v, counted %v", kept, counted)
		}
	}

	page := store.Page{Page: 1, PageSize: store.MaxPageSize}
	for _, q := range []string{"shen", "ltd", "an", "9001"} {
		found, total, err := st.ListSites(ctx, store.SiteFilter{Q: q}, page)
		testutil.Fatal(t, err, "search %q", q)
		scanned, scannedTotal, err := st.WithSearchByScan().ListSites(ctx, store.SiteFilter{Q: q}, page)
		testutil.Fatal(t, err, "scan %q", q)
		if total != scannedTotal || len(found) != len(scanned) {
			t.Errorf("q=%q: the index finds %d sites, a scan %d", q, total, scannedTotal)
		}
		for i := range found {
			if found[i].ID != scanned[i].ID {
				t.Errorf("q=%q: row %d is site %d by the index, %d by a scan", q, i, found[i].ID, scanned[i].ID)
				break
			}
		}
		certs, n, err := st.ListCertifications(ctx, store.CertificationFilter{Q: q}, page)
		testutil.Fatal(t, err, "search certifications %q", q)
		_, m, err := st.WithSearchByScan().ListCertifications(ctx, store.CertificationFilter{Q: q}, page)
		testutil.Fatal(t, err, "scan certifications %q", q)
		if n != m || (q == "9001" && len(certs) == 0) {
			t.Errorf("certifications q=%q: the index finds %d, a scan %d", q, n, m)
		}
	}
}
