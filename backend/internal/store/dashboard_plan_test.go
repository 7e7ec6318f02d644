package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/database"
	"github.com/qualtrack/qualtrack/backend/internal/seed"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// The dashboard's counts that read records of many sites read indexes
// alone, with the planner's statistics the server gathers when it starts:
// the planned inspections of the next 30 days by status, date and site
// (migration 00030), the archived sites' open and overdue findings from
// each archived site into the findings' index of site, status, severity
// and due date (not through each severity's index and every finding's
// row), and the overdue findings from the unclosed findings counted by due
// date (migration 00033). On PostgreSQL, with sequential scans priced out,
// none reads its table whole.
func TestDashboardCountsReadIndexesAlone(t *testing.T) {
	t.Parallel()
	db, st, log := orderRegister(t, seed.BulkOptions{Sites: 60, Inspections: 600, Findings: 300, Certifications: 30, Seed: 11})
	b := testutil.NewBuilder(t, st)
	var sites []int64
	testutil.Fatal(t, db.Table("sites").Where("archived_at IS NULL").Order("id").Limit(3).Pluck("id", &sites).Error, "sites")
	for _, id := range sites {
		b.Archive(id)
	}
	sqlite := db.Dialect != database.Postgres
	if sqlite {
		testutil.Fatal(t, db.Exec("ANALYZE").Error, "analyze")
	}
	log.reset()
	_, err := st.Dashboard(context.Background())
	testutil.Fatal(t, err, "dashboard")

	for _, c := range []struct {
		name, marker, table, sqlitePlan string
	}{
		{"planned inspections", "inspections.status = 'planned'", "inspections", "SEARCH inspections USING COVERING INDEX"},
		{"archived sites' open and overdue findings", "CROSS JOIN findings", "findings", "SEARCH findings USING COVERING INDEX findings_site_id_idx"},
		{"overdue findings", "finding_due_counts", "finding_due_counts", "SEARCH finding_due_counts USING PRIMARY KEY (due_date<?)"},
	} {
		q, ok := log.find(c.marker)
		if !ok {
			t.Errorf("the dashboard ran no query with %q", c.marker)
			continue
		}
		plan := explain(t, db, q)
		switch {
		case sqlite && !strings.Contains(plan, c.sqlitePlan):
			t.Errorf("%s: want %q, the plan is %s\n%s", c.name, c.sqlitePlan, strings.ReplaceAll(plan, "\n", "; "), q.sql)
		case !sqlite && strings.Contains(plan, "Seq Scan on "+c.table):
			t.Errorf("%s: reads %s whole: %s", c.name, c.table, plan)
		}
	}
}
