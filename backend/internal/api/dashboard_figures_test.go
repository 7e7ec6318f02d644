package api_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/app"
	"github.com/qualtrack/qualtrack/backend/internal/auth"
	"github.com/qualtrack/qualtrack/backend/internal/config"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/seed"
	"github.com/qualtrack/qualtrack/backend/internal/store"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// dashboardFigureLists pairs every figure of the dashboard with the list
// its card opens (the same query strings as the web app's dashboard).
func dashboardFigureLists(t *testing.T, d store.Dashboard) []struct {
	figure string
	value  int64
	list   string
} {
	type pair = struct {
		figure string
		value  int64
		list   string
	}
	var out []pair
	for _, st := range model.QualificationStatuses {
		out = append(out, pair{"sites " + string(st), d.SitesByStatus[st], "/api/v1/sites?status=" + string(st)})
	}
	out = append(out,
		pair{"inspections overdue", d.InspectionsOverdue, "/api/v1/sites?overdue=true"},
		pair{"inspections due in 30 days", d.InspectionsDue30Days, "/api/v1/sites?due_soon=true&sort=next_inspection_due"},
		pair{"certificates expiring", d.CertificationsExpiring, "/api/v1/certifications?status=expiring&active_sites=true"},
		pair{"certificates expired", d.CertificationsExpired, "/api/v1/certifications?status=expired&active_sites=true"},
		pair{"findings overdue", d.OverdueFindings, "/api/v1/findings?overdue=true&active_sites=true"},
		pair{"products with integrity drift", d.IntegrityDrift, "/api/v1/integrity/drift?page=1"},
		pair{"corrective-action requests overdue", d.OverdueCorrectiveActions, "/api/v1/corrective-actions?overdue=true"},
		pair{"questionnaires overdue", d.OverdueSelfAssessments, "/api/v1/self-assessments?overdue=true"},
		pair{"questionnaires to review", d.SelfAssessmentsToReview, "/api/v1/self-assessments?status=submitted"},
	)
	for _, sev := range model.Severities {
		out = append(out, pair{"open " + string(sev) + " findings", d.OpenFindingsBySeverity[sev],
			"/api/v1/findings?severity=" + string(sev) + "&status=open%2Cin_progress&active_sites=true"})
	}
	for _, m := range d.InspectionsPerMonth {
		first := testutil.Date(t, m.Month+"-01")
		last := first.AddMonths(1).AddDays(-1)
		for result, n := range map[model.InspectionResult]int64{model.ResultPass: m.Pass, model.ResultConditional: m.Conditional, model.ResultFail: m.Fail} {
			out = append(out, pair{fmt.Sprintf("%s %s inspections", m.Month, result), n,
				"/api/v1/inspections?status=completed&result=" + string(result) + "&from=" + first.String() + "&to=" + last.String()})
		}
	}
	return out
}

// checkFiguresMatchLists asserts that every figure of the dashboard equals
// the total of the list it opens, and that there are figures to compare.
func checkFiguresMatchLists(t *testing.T, srv *testutil.Server, role model.Role, when string) {
	t.Helper()
	var d store.Dashboard
	srv.Do(role, http.MethodGet, "/api/v1/dashboard", nil).Want(http.StatusOK).Decode(&d)
	nonZero := 0
	for _, p := range dashboardFigureLists(t, d) {
		var page struct {
			Total int64 `json:"total"`
		}
		srv.Do(role, http.MethodGet, p.list+"&page_size=1", nil).Want(http.StatusOK).Decode(&page)
		if page.Total != p.value {
			t.Errorf("%s: the dashboard's %s is %d, its list %s holds %d", when, p.figure, p.value, p.list, page.Total)
		}
		if p.value > 0 {
			nonZero++
		}
	}
	if nonZero < 10 {
		t.Fatalf("%s: only %d figures are not zero; the comparison proves little", when, nonZero)
	}
}

// Every dashboard figure opens a list whose total is the figure, on the
// demo data.
func TestDashboardFiguresMatchTheirListsOnTheDemo(t *testing.T) {
	t.Parallel()
	clock := testutil.NewClock(testutil.FixedNow)
	db := testutil.NewDB(t, clock.Now)
	cfg, err := config.Load(func(string) string { return "" })
	testutil.Fatal(t, err, "config")
	cfg.JWTSecret = testutil.Secret
	cfg.DataDir = t.TempDir()
	a, err := app.New(cfg, db.DB, app.Options{Now: clock.Now, Hasher: auth.NewTestHasher()})
	testutil.Fatal(t, err, "app")
	done, err := seed.Demo(t.Context(), a.Store, auth.NewTestHasher(), testutil.FixedNow)
	testutil.Fatal(t, err, "demo")
	if !done {
		t.Fatal("demo not seeded")
	}
	h, err := a.HTTP(nil)
	testutil.Fatal(t, err, "server")
	handler, err := h.Handler()
	testutil.Fatal(t, err, "handler")
	srv := &testutil.Server{T: t, Handler: handler, Tokens: map[model.Role]string{}}
	var login struct {
		Token string `json:"token"`
	}
	srv.Do("", http.MethodPost, "/api/v1/auth/login", map[string]string{"email": "auditor@example.com", "password": seed.DemoPassword}).
		Want(http.StatusOK).Decode(&login)
	srv.Tokens[model.RoleAuditor] = login.Token
	checkFiguresMatchLists(t, srv, model.RoleAuditor, "demo")
}

// The same on a seeded register, before and after writes that move the
// figures: a site with open findings and certificates archived, findings
// closed and raised, inspections completed, planned and deleted. The
// figures kept in step by the database (per month, by severity) stay equal
// to plain counts.
func TestDashboardFiguresMatchTheirListsOnASeededRegister(t *testing.T) {
	t.Parallel()
	srv := seededServer(t, seed.BulkOptions{Sites: 150, Inspections: 3000, Findings: 1500, Certifications: 450, Seed: 3})
	checkFiguresMatchLists(t, srv, model.RoleAuditor, "seeded")

	// Archive the site with the most open findings.
	var open struct {
		Items []struct {
			SiteID int64 `json:"site_id"`
		} `json:"items"`
	}
	srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/findings?status=open&page_size=1&sort=-created_at", nil).Want(http.StatusOK).Decode(&open)
	if len(open.Items) == 0 {
		t.Fatal("no open finding seeded")
	}
	siteID := open.Items[0].SiteID
	site := srv.Do(model.RoleAdmin, http.MethodGet, fmt.Sprintf("/api/v1/sites/%d", siteID), nil).Want(http.StatusOK).JSON()
	srv.Do(model.RoleAdmin, http.MethodPatch, fmt.Sprintf("/api/v1/sites/%d", siteID), map[string]any{"version": site["version"], "archived": true}).Want(http.StatusOK)

	// Close a finding, raise one, complete a planned inspection and plan
	// and delete another.
	var findings struct {
		Items []map[string]any `json:"items"`
	}
	srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/findings?status=open&active_sites=true&page_size=2", nil).Want(http.StatusOK).Decode(&findings)
	f := findings.Items[0]
	srv.Do(model.RoleProcurement, http.MethodPatch, fmt.Sprintf("/api/v1/findings/%v", f["id"]),
		testutil.Signed(map[string]any{"version": f["version"], "status": "closed", "verification_note": "Checked on site: the fix works."}, model.MeaningVerified)).Want(http.StatusOK)
	srv.Do(model.RoleProcurement, http.MethodPatch, fmt.Sprintf("/api/v1/findings/%v", findings.Items[1]["id"]),
		map[string]any{"version": findings.Items[1]["version"], "severity": "critical"}).Want(http.StatusOK)
	var planned struct {
		Items []map[string]any `json:"items"`
	}
	srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/inspections?status=planned&page_size=1", nil).Want(http.StatusOK).Decode(&planned)
	in := planned.Items[0]
	today := testutil.Today()
	srv.Do(model.RoleProcurement, http.MethodPatch, fmt.Sprintf("/api/v1/inspections/%v", in["id"]),
		testutil.Signed(map[string]any{"version": in["version"], "status": "completed", "performed_date": today.String(), "result": "conditional", "score": 70}, model.MeaningAuthored)).Want(http.StatusOK)
	srv.Do(model.RoleProcurement, http.MethodPost, fmt.Sprintf("/api/v1/inspections/%v/findings", in["id"]),
		map[string]any{"severity": "major", "category": "quality", "description": "Solder paste past its shelf life."}).Want(http.StatusCreated)
	created := srv.Do(model.RoleProcurement, http.MethodPost, "/api/v1/inspections",
		testutil.Signed(map[string]any{"site_id": in["site_id"], "type": "routine", "status": "completed", "performed_date": today.AddDays(-40).String(), "result": "pass", "score": 90}, model.MeaningAuthored)).
		Want(http.StatusCreated).JSON()
	srv.Do(model.RoleManager, http.MethodPatch, fmt.Sprintf("/api/v1/inspections/%v", created["id"]),
		testutil.Signed(map[string]any{"version": created["version"], "result": "fail", "score": 30, "correction_reason": "Re-scored"}, model.MeaningApproved)).Want(http.StatusOK)
	plan := srv.Do(model.RoleProcurement, http.MethodPost, "/api/v1/inspections",
		map[string]any{"site_id": in["site_id"], "type": "routine", "status": "planned", "scheduled_date": today.AddDays(5).String()}).Want(http.StatusCreated).JSON()
	srv.Do(model.RoleAdmin, http.MethodDelete, fmt.Sprintf("/api/v1/inspections/%v", plan["id"]), nil).Want(http.StatusNoContent)

	checkFiguresMatchLists(t, srv, model.RoleAuditor, "after writes")
}
