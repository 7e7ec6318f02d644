package seed_test

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/auth"
	"github.com/qualtrack/qualtrack/backend/internal/database"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/seed"
	"github.com/qualtrack/qualtrack/backend/internal/store"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// Bulk data on small numbers: the counts asked for, every status and tier,
// schedule columns equal to what the store itself derives, one audit event
// and a sound chain, ids that later writes continue from, and no second run.
func TestBulk(t *testing.T) {
	ctx := context.Background()
	db := testutil.NewDB(t, nil)
	st := store.New(db.DB, func() time.Time { return testutil.FixedNow })
	opts := seed.BulkOptions{Sites: 120, Inspections: 2400, Findings: 900, Certifications: 300, Seed: 7}
	schema := schemaObjects(t, db)
	n, err := seed.Bulk(ctx, st, auth.NewTestHasher(), opts)
	testutil.Fatal(t, err, "bulk")
	// On PostgreSQL the rows go in with the indexes dropped and the count
	// triggers off: every index and trigger is back as it was.
	if after := schemaObjects(t, db); !slices.Equal(after, schema) {
		t.Errorf("indexes and triggers after the seed:\n%s\nbefore:\n%s", strings.Join(after, "\n"), strings.Join(schema, "\n"))
	}
	// The tables of counts the dashboard reads hold what counting the rows gives.
	var months, open, due []struct {
		Key string
		N   int64
	}
	month := "to_char(performed_date, 'YYYY-MM')"
	if db.Dialect == database.SQLite {
		month = "strftime('%Y-%m', performed_date)"
	}
	testutil.Fatal(t, db.Raw(`SELECT `+month+` || ' ' || result AS key, count(*) AS n FROM inspections
		WHERE status = 'completed' AND performed_date IS NOT NULL GROUP BY 1 ORDER BY 1`).Scan(&months).Error, "count months")
	testutil.Fatal(t, db.Raw(`SELECT severity AS key, count(*) AS n FROM findings WHERE status <> 'closed' GROUP BY 1 ORDER BY 1`).Scan(&open).Error, "count open")
	testutil.Fatal(t, db.Raw(`SELECT due_date AS key, count(*) AS n FROM findings WHERE status <> 'closed' AND due_date IS NOT NULL GROUP BY 1 ORDER BY 1`).Scan(&due).Error, "count due")
	var keptMonths, keptOpen, keptDue []struct {
		Key string
		N   int64
	}
	testutil.Fatal(t, db.Raw(`SELECT month || ' ' || result AS key, n FROM inspection_month_results WHERE n > 0 ORDER BY 1`).Scan(&keptMonths).Error, "kept months")
	testutil.Fatal(t, db.Raw(`SELECT severity AS key, n FROM finding_open_counts WHERE n > 0 ORDER BY 1`).Scan(&keptOpen).Error, "kept open")
	if len(months) == 0 || !slices.Equal(months, keptMonths) {
		t.Errorf("inspection_month_results %v, counted %v", keptMonths, months)
	}
	if len(open) == 0 || !slices.Equal(open, keptOpen) {
		t.Errorf("finding_open_counts %v, counted %v", keptOpen, open)
	}
	testutil.Fatal(t, db.Raw(`SELECT due_date AS key, n FROM finding_due_counts WHERE n > 0 ORDER BY 1`).Scan(&keptDue).Error, "kept due")
	if len(due) == 0 || !slices.Equal(due, keptDue) {
		t.Errorf("finding_due_counts %v, counted %v", keptDue, due)
	}
	if n.Sites != 120 || n.Inspections != 2400 || n.Findings != 900 || n.Certifications != 300 || n.Manufacturers == 0 {
		t.Fatalf("counts %+v", n)
	}
	count := func(table string) int64 {
		var c int64
		testutil.Fatal(t, db.Table(table).Count(&c).Error, "count %s", table)
		return c
	}
	for table, want := range map[string]int64{"sites": 120, "inspections": 2400, "findings": 900, "certifications": 300, "manufacturers": int64(n.Manufacturers)} {
		if got := count(table); got != want {
			t.Errorf("%s: %d rows, want %d", table, got, want)
		}
	}
	var sites []model.Site
	testutil.Fatal(t, db.Order("id").Find(&sites).Error, "sites")
	statuses, tiers := map[model.QualificationStatus]bool{}, map[model.RiskTier]bool{}
	for _, s := range sites {
		statuses[s.QualificationStatus], tiers[s.RiskTier] = true, true
	}
	if len(statuses) < 5 || len(tiers) != 4 {
		t.Errorf("statuses %v tiers %v", statuses, tiers)
	}
	// Findings sit on their inspection's site.
	var misplaced int64
	testutil.Fatal(t, db.Table("findings").Joins("JOIN inspections ON inspections.id = findings.inspection_id").
		Where("inspections.site_id <> findings.site_id").Count(&misplaced).Error, "findings' sites")
	if misplaced > 0 {
		t.Errorf("%d findings on another site than their inspection's", misplaced)
	}

	// The store recomputing every schedule changes nothing.
	_, err = st.RefreshSchedules(ctx)
	testutil.Fatal(t, err, "refresh")
	var again []model.Site
	testutil.Fatal(t, db.Order("id").Find(&again).Error, "sites again")
	for i := range sites {
		a, b := sites[i], again[i]
		if !a.NextInspectionDue.Equal(b.NextInspectionDue) || !a.LastInspectionDate.Equal(b.LastInspectionDate) ||
			a.LastInspectionResult != b.LastInspectionResult || !a.NextPlannedDate.Equal(b.NextPlannedDate) {
			t.Fatalf("site %s: seeded schedule (%s %s %s %s) differs from the store's (%s %s %s %s)", a.Code,
				a.LastInspectionDate, a.LastInspectionResult, a.NextInspectionDue, a.NextPlannedDate,
				b.LastInspectionDate, b.LastInspectionResult, b.NextInspectionDue, b.NextPlannedDate)
		}
	}
	refreshed, err := st.RefreshSchedulesIfIntervalsChanged(ctx)
	if err != nil || refreshed {
		t.Errorf("the seed did not record the intervals it used: %v %v", refreshed, err)
	}

	var events []model.AuditEvent
	testutil.Fatal(t, db.Order("sequence").Find(&events).Error, "events")
	if len(events) != 1 || events[0].Action != "seed.bulk" {
		t.Fatalf("audit events %+v, want one seed.bulk", events)
	}
	var logged seed.BulkCounts
	testutil.Fatal(t, json.Unmarshal([]byte(events[0].Changes), &logged), "event changes")
	if logged != n {
		t.Errorf("event says %+v, seeded %+v", logged, n)
	}
	res, err := audit.Verify(ctx, db.DB)
	if err != nil || !res.Valid {
		t.Fatalf("chain %+v %v", res, err)
	}

	// New records continue after the seeded ids (PostgreSQL identities).
	site := model.Site{ManufacturerID: 1, Code: "NEW-1", Name: "New", Country: "DE", RiskTier: model.RiskLow}
	testutil.Fatal(t, st.CreateSite(ctx, &site, testutil.SystemActor), "create site after seeding")
	if site.ID != 121 {
		t.Errorf("new site id %d, want 121", site.ID)
	}

	if _, err := seed.Bulk(ctx, st, auth.NewTestHasher(), opts); !errors.Is(err, seed.ErrNotEmpty) {
		t.Errorf("second bulk run: %v, want ErrNotEmpty", err)
	}
}

// schemaObjects lists the definitions of the database's indexes and
// triggers, with whether each trigger is on.
func schemaObjects(t *testing.T, db *testutil.DB) []string {
	t.Helper()
	var defs []string
	q := `SELECT type || ' ' || name || ': ' || COALESCE(sql, '') FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY 1`
	if db.Dialect == database.Postgres {
		q = `SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema()
			UNION ALL SELECT pg_get_triggerdef(oid) || ' enabled=' || tgenabled::text FROM pg_trigger WHERE NOT tgisinternal
			ORDER BY 1`
	}
	testutil.Fatal(t, db.Raw(q).Scan(&defs).Error, "indexes and triggers")
	if len(defs) < 10 {
		t.Fatalf("only %d indexes and triggers", len(defs))
	}
	return defs
}
