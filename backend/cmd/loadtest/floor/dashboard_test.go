package floor_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/qualtrack/qualtrack/backend/cmd/loadtest/floor"
	"github.com/qualtrack/qualtrack/backend/internal/auth"
	"github.com/qualtrack/qualtrack/backend/internal/database"
	"github.com/qualtrack/qualtrack/backend/internal/seed"
	"github.com/qualtrack/qualtrack/backend/internal/store"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// The dashboard's floor computes the figures GET /dashboard shows, on a
// seeded register with an archived site: it is the same SQL, so it is a
// fair floor.
func TestDashboardFloorComputesTheDashboard(t *testing.T) {
	t.Parallel()
	db := testutil.NewDB(t, nil)
	st := store.New(db.DB, func() time.Time { return testutil.FixedNow })
	_, err := seed.Bulk(t.Context(), st, auth.NewTestHasher(), seed.BulkOptions{Sites: 80, Inspections: 800, Findings: 400, Certifications: 160, Seed: 4})
	testutil.Fatal(t, err, "bulk seed")
	var open []int64
	testutil.Fatal(t, db.Table("findings").Where("status <> 'closed'").Order("id").Limit(3).Pluck("site_id", &open).Error, "sites with open findings")
	b := testutil.NewBuilder(t, st)
	for _, site := range open {
		b.Archive(site)
	}
	want, err := st.Dashboard(t.Context())
	testutil.Fatal(t, err, "dashboard")

	sqlDB, err := db.DB.DB()
	testutil.Fatal(t, err, "database/sql handle")
	var buf bytes.Buffer
	f := floor.Floor{DB: sqlDB, Postgres: db.Dialect == database.Postgres}
	testutil.Fatal(t, f.WriteDashboard(t.Context(), testutil.FixedNow, st.Rules().ExpiringWithinDays, &buf), "floor")
	var got floor.Dashboard
	testutil.Fatal(t, json.Unmarshal(buf.Bytes(), &got), "floor json")

	for status, n := range want.SitesByStatus {
		if got.SitesByStatus[string(status)] != n {
			t.Errorf("sites %s: floor %d, dashboard %d", status, got.SitesByStatus[string(status)], n)
		}
	}
	for sev, n := range want.OpenFindingsBySeverity {
		if got.OpenFindingsBySeverity[string(sev)] != n {
			t.Errorf("open %s findings: floor %d, dashboard %d", sev, got.OpenFindingsBySeverity[string(sev)], n)
		}
	}
	for name, pair := range map[string][2]int64{
		"due":                      {got.InspectionsDue30Days, want.InspectionsDue30Days},
		"overdue":                  {got.InspectionsOverdue, want.InspectionsOverdue},
		"planned":                  {got.PlannedInspectionsNext30Days, want.PlannedInspectionsNext30Days},
		"expiring":                 {got.CertificationsExpiring, want.CertificationsExpiring},
		"expired":                  {got.CertificationsExpired, want.CertificationsExpired},
		"overdue findings":         {got.OverdueFindings, want.OverdueFindings},
		"overdue corrective":       {got.OverdueCorrectiveActions, want.OverdueCorrectiveActions},
		"overdue questionnaires":   {got.OverdueSelfAssessments, want.OverdueSelfAssessments},
		"questionnaires to review": {got.SelfAssessmentsToReview, want.SelfAssessmentsToReview},
		"overdue sites listed":     {int64(len(got.Attention["overdue_sites"])), int64(len(want.Attention.OverdueSites))},
		"expiring certs listed":    {int64(len(got.Attention["expiring_certifications"])), int64(len(want.Attention.ExpiringCertifications))},
		"findings listed":          {int64(len(got.Attention["overdue_findings"])), int64(len(want.Attention.OverdueFindings))},
	} {
		if pair[0] != pair[1] {
			t.Errorf("%s: floor %d, dashboard %d", name, pair[0], pair[1])
		}
	}
	if want.InspectionsOverdue == 0 || want.OverdueFindings == 0 || want.CertificationsExpiring == 0 {
		t.Fatalf("the register gives the comparison nothing to count: %+v", want)
	}
	for _, m := range want.InspectionsPerMonth {
		g := got.InspectionsPerMonth[m.Month]
		if g["pass"] != m.Pass || g["conditional"] != m.Conditional || g["fail"] != m.Fail {
			t.Errorf("month %s: floor %v, dashboard %+v", m.Month, g, m)
		}
	}
	for i, s := range want.Attention.OverdueSites {
		if fmt.Sprint(got.Attention["overdue_sites"][i]["id"]) != fmt.Sprint(s.ID) {
			t.Errorf("overdue site %d: floor %v, dashboard %d", i, got.Attention["overdue_sites"][i]["id"], s.ID)
		}
	}
}
