package seed_test

import (
	"context"
	"testing"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/auth"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
	"github.com/qualtrack/qualtrack/backend/internal/seed"
	"github.com/qualtrack/qualtrack/backend/internal/store"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// The demo story shows every status and risk tier, inspections over a year
// and a half, certificates valid, expiring and expired, and a sound chain.
func TestDemo(t *testing.T) {
	ctx := context.Background()
	db := testutil.NewDB(t, nil)
	st := store.New(db.DB, func() time.Time { return testutil.FixedNow })
	done, err := seed.Demo(ctx, st, auth.NewTestHasher(), testutil.FixedNow)
	testutil.Fatal(t, err, "demo")
	if !done {
		t.Fatal("demo not seeded into an empty database")
	}
	count := func(table, col string) map[string]int64 {
		rows := []struct {
			K string
			N int64
		}{}
		testutil.Fatal(t, db.Table(table).Select(col+" AS k, count(*) AS n").Group(col).Scan(&rows).Error, "count")
		out := map[string]int64{}
		for _, r := range rows {
			out[r.K] = r.N
		}
		return out
	}
	statuses := count("sites", "qualification_status")
	for _, s := range model.QualificationStatuses {
		if statuses[string(s)] == 0 {
			t.Errorf("no %s site: %v", s, statuses)
		}
	}
	tiers := count("sites", "risk_tier")
	for _, r := range model.RiskTiers {
		if tiers[string(r)] == 0 {
			t.Errorf("no %s-risk site", r)
		}
	}
	if n := len(count("sites", "country")); n < 8 {
		t.Errorf("sites in only %d countries", n)
	}
	var first model.Inspection
	testutil.Fatal(t, db.Where("status = ?", "completed").Order("performed_date").First(&first).Error, "first inspection")
	if first.PerformedDate.DaysUntil(model.DateOf(testutil.FixedNow)) < 365 {
		t.Errorf("inspections start only on %s", first.PerformedDate)
	}
	findings := count("findings", "status")
	if findings["open"] == 0 || findings["closed"] == 0 {
		t.Errorf("findings %v", findings)
	}
	today := model.DateOf(testutil.FixedNow)
	var certs []model.Certification
	testutil.Fatal(t, db.Find(&certs).Error, "certs")
	seen := map[model.CertificationStatus]bool{}
	for _, c := range certs {
		seen[qualification.CertificationStatus(c.ExpiresOn, c.Withdrawn, today, 90)] = true
	}
	for _, s := range []model.CertificationStatus{model.CertValid, model.CertExpiring, model.CertExpired} {
		if !seen[s] {
			t.Errorf("no %s certificate", s)
		}
	}
	res, err := audit.Verify(ctx, db.DB)
	testutil.Fatal(t, err, "verify")
	if !res.Valid || res.Events < 100 {
		t.Fatalf("chain %+v", res)
	}
	assertDemoChecklists(t, db, st)
	// A request waiting on each stage, one verified, a returned answer, a
	// pending change notification, and the supplier who answered them.
	open := count("corrective_actions", "current_stage")
	for _, st := range model.CAStages {
		if open[string(st)] == 0 {
			t.Errorf("no request at %s: %v", st, open)
		}
	}
	if closed := count("corrective_actions", "status"); closed["closed"] != 1 {
		t.Errorf("requests by status %v, want one verified", closed)
	}
	var rework int64
	testutil.Fatal(t, db.Table("corrective_actions").Where("rework_count > 0").Count(&rework).Error, "rework")
	if rework == 0 {
		t.Error("no request had an answer returned")
	}
	if pending := count("change_notifications", "status"); pending["pending"] != 1 {
		t.Errorf("change notifications %v, want one pending", pending)
	}
	// Questionnaires: one in progress (open, part answered by the
	// supplier), one never answered and past its due date, one submitted
	// and waiting for the buyer's review; the dashboard counts the last
	// two, as the buyer sees it now.
	if qs := count("self_assessments", "status"); qs["open"] != 2 || qs["submitted"] != 1 || len(qs) != 2 {
		t.Errorf("questionnaires %v, want two open and one submitted", qs)
	}
	dash, err := st.Dashboard(ctx)
	testutil.Fatal(t, err, "dashboard")
	if dash.OverdueSelfAssessments != 1 || dash.SelfAssessmentsToReview != 1 {
		t.Errorf("the demo dashboard shows %d questionnaires overdue and %d to review, want 1 and 1", dash.OverdueSelfAssessments, dash.SelfAssessmentsToReview)
	}
	var contradictions int64
	testutil.Fatal(t, db.Table("contradiction_findings").Count(&contradictions).Error, "contradiction findings")
	if contradictions != 0 {
		t.Errorf("%d findings raised from contradictions with the demo's questionnaires, which no visit followed", contradictions)
	}
	var answered int64
	testutil.Fatal(t, db.Table("self_assessment_answers").Count(&answered).Error, "questionnaire answers")
	if answered == 0 {
		t.Error("the demo questionnaire has no answer yet")
	}
	var sup model.User
	testutil.Fatal(t, db.Where("email = ?", seed.DemoSupplierEmail).Take(&sup).Error, "demo supplier")
	if sup.Role != model.RoleSupplier {
		t.Errorf("demo supplier role %s", sup.Role)
	}
	again, err := seed.Demo(ctx, st, auth.NewTestHasher(), testutil.FixedNow)
	if err != nil || again {
		t.Fatalf("demo seeded twice: %v %v", again, err)
	}
}
