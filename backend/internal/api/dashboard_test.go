package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/app"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

func TestDashboardFigures(t *testing.T) {
	t.Parallel()
	w := newSitesWorld(t)
	mfr := w.manufacturer("Acme")
	// Today is 2026-06-15; certificates expire "soon" until 2026-09-13,
	// inspections are "due soon" until 2026-07-15.
	a := w.site(mfr, "AA", nil) // never inspected: due today, not overdue
	w.cert(a.ID, "ISO 9001:2015", "2026-07-01", false)
	w.cert(a.ID, "ISO 14001:2015", "2026-07-02", true)

	// Each site reaches its status the way it would have: the decisions on
	// the days they were taken, on the evidence of those days.
	var b, c, e siteJSON
	var bIn, eIn int64
	w.on("2024-06-02", func() { // B: qualified after a pass, due 2025-12-01: overdue today
		b = w.storedSite(mfr, "BB", model.RiskMedium)
		bIn = w.completed(b.ID, "2024-06-01", model.ResultPass)
		w.cert(b.ID, "ISO 9001:2015", "2026-09-13", false)
		w.cert(b.ID, "ISO 14001:2015", "2026-09-14", false)
		w.decide(b.ID, model.StatusInQualification)
		w.decide(b.ID, model.StatusQualified)
	})
	critical := w.finding(bIn, b.ID, model.SeverityCritical, model.FindingOpen, "2026-06-01")
	major := w.finding(bIn, b.ID, model.SeverityMajor, model.FindingInProgress, "2026-06-14")
	w.finding(bIn, b.ID, model.SeverityMajor, model.FindingOpen, "2026-06-15")
	w.finding(bIn, b.ID, model.SeverityMinor, model.FindingClosed, "2026-01-01")
	w.finding(bIn, b.ID, model.SeverityObservation, model.FindingOpen, "")

	w.on("2026-01-11", func() { // C: critical tier, due 2026-07-10; its certificate expired since
		c = w.storedSite(mfr, "CC", model.RiskCritical)
		w.completed(c.ID, "2026-01-10", model.ResultPass)
		w.cert(c.ID, "ISO 9001:2015", "2026-06-14", false)
		w.decide(c.ID, model.StatusInQualification)
		w.decide(c.ID, model.StatusQualified)
	})
	w.planned(c.ID, "2026-07-05")
	w.cert(c.ID, "AS9100D", "2025-01-01", false)
	w.cert(c.ID, "ISO 13485:2016", "2025-02-01", true)

	d := w.site(mfr, "DD", nil)                       // last 2026-03-01: due 2027-09-01
	w.completed(d.ID, "2025-06-30", model.ResultPass) // before the 12 months
	w.completed(d.ID, "2025-07-01", model.ResultFail)
	w.completed(d.ID, "2026-01-20", model.ResultPass)
	w.completed(d.ID, "2026-03-01", model.ResultConditional)
	w.decide(d.ID, model.StatusInQualification)
	w.decide(d.ID, model.StatusConditional, "2026-09-30")
	w.planned(d.ID, "2026-08-01")
	w.cert(d.ID, "ISO 9001:2015", "2026-06-15", false) // its last valid day

	f := w.site(mfr, "FF", nil) // failed 2026-06-10: due 2026-08-09
	w.completed(f.ID, "2026-06-10", model.ResultFail)
	w.decide(f.ID, model.StatusDisqualified)
	w.cancelled(f.ID, "2026-06-11")
	w.planned(f.ID, "2026-06-20")
	w.planned(f.ID, "2026-06-01") // planned in the past: not "next 30 days"

	// An archived site counts nowhere but in the inspection history.
	w.on("2026-05-21", func() {
		e = w.storedSite(mfr, "EE", model.RiskMedium)
		eIn = w.completed(e.ID, "2026-05-20", model.ResultPass)
		w.cert(e.ID, "ISO 9001:2015", "2026-06-20", false)
		w.decide(e.ID, model.StatusInQualification)
		w.decide(e.ID, model.StatusQualified)
		w.decide(e.ID, model.StatusSuspended)
	})
	w.planned(e.ID, "2026-06-20")
	w.cert(e.ID, "AS9100D", "2026-01-01", false)
	w.finding(eIn, e.ID, model.SeverityCritical, model.FindingOpen, "2026-01-01")
	w.srv.Do(model.RoleManager, http.MethodPatch, fmt.Sprintf("/api/v1/sites/%d", e.ID), map[string]any{"archived": true, "version": w.get(e.ID).Version}).Want(200)

	var got struct {
		SitesByStatus                map[string]int64 `json:"sites_by_status"`
		InspectionsDue30Days         int64            `json:"inspections_due_30_days"`
		InspectionsOverdue           int64            `json:"inspections_overdue"`
		PlannedInspectionsNext30Days int64            `json:"planned_inspections_next_30_days"`
		CertificationsExpiring       int64            `json:"certifications_expiring"`
		CertificationsExpired        int64            `json:"certifications_expired"`
		OpenFindingsBySeverity       map[string]int64 `json:"open_findings_by_severity"`
		OverdueFindings              int64            `json:"overdue_findings"`
		InspectionsPerMonth          []struct {
			Month                   string
			Pass, Conditional, Fail int64
		} `json:"inspections_per_month"`
		Attention struct {
			OverdueSites []struct {
				ID          int64  `json:"id"`
				Code        string `json:"code"`
				DaysOverdue int    `json:"days_overdue"`
			} `json:"overdue_sites"`
			ExpiringCertifications []struct {
				SiteID    int64  `json:"site_id"`
				SiteCode  string `json:"site_code"`
				ExpiresOn string `json:"expires_on"`
			} `json:"expiring_certifications"`
			OverdueFindings []struct {
				ID       int64  `json:"id"`
				SiteCode string `json:"site_code"`
				Severity string `json:"severity"`
			} `json:"overdue_findings"`
		} `json:"attention"`
	}
	w.srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/dashboard", nil).Want(http.StatusOK).Decode(&got)

	wantStatus := map[string]int64{"prospective": 1, "in_qualification": 0, "qualified": 2, "conditional": 1, "suspended": 0, "disqualified": 1}
	if !reflect.DeepEqual(got.SitesByStatus, wantStatus) {
		t.Errorf("sites_by_status = %v, want %v", got.SitesByStatus, wantStatus)
	}
	for name, pair := range map[string][2]int64{
		"inspections_due_30_days (A today, C 2026-07-10)":         {got.InspectionsDue30Days, 2},
		"inspections_overdue (B)":                                 {got.InspectionsOverdue, 1},
		"planned_inspections_next_30_days (C 07-05, F 06-20)":     {got.PlannedInspectionsNext30Days, 2},
		"certifications_expiring (A 07-01, B 09-13, D today)":     {got.CertificationsExpiring, 3},
		"certifications_expired (C twice; withdrawn not counted)": {got.CertificationsExpired, 2},
		"overdue_findings (B critical and major)":                 {got.OverdueFindings, 2},
	} {
		if pair[0] != pair[1] {
			t.Errorf("%s = %d, want %d", name, pair[0], pair[1])
		}
	}
	wantSev := map[string]int64{"critical": 1, "major": 2, "minor": 0, "observation": 1}
	if !reflect.DeepEqual(got.OpenFindingsBySeverity, wantSev) {
		t.Errorf("open_findings_by_severity = %v, want %v", got.OpenFindingsBySeverity, wantSev)
	}

	months, _ := json.Marshal(got.InspectionsPerMonth)
	wantMonths := `[{"Month":"2025-07","Pass":0,"Conditional":0,"Fail":1},{"Month":"2025-08","Pass":0,"Conditional":0,"Fail":0},` +
		`{"Month":"2025-09","Pass":0,"Conditional":0,"Fail":0},{"Month":"2025-10","Pass":0,"Conditional":0,"Fail":0},` +
		`{"Month":"2025-11","Pass":0,"Conditional":0,"Fail":0},{"Month":"2025-12","Pass":0,"Conditional":0,"Fail":0},` +
		`{"Month":"2026-01","Pass":2,"Conditional":0,"Fail":0},{"Month":"2026-02","Pass":0,"Conditional":0,"Fail":0},` +
		`{"Month":"2026-03","Pass":0,"Conditional":1,"Fail":0},{"Month":"2026-04","Pass":0,"Conditional":0,"Fail":0},` +
		`{"Month":"2026-05","Pass":1,"Conditional":0,"Fail":0},{"Month":"2026-06","Pass":0,"Conditional":0,"Fail":1}]`
	if string(months) != wantMonths {
		t.Errorf("inspections_per_month =\n%s\nwant\n%s", months, wantMonths)
	}

	att := got.Attention
	if len(att.OverdueSites) != 1 || att.OverdueSites[0].ID != b.ID || att.OverdueSites[0].DaysOverdue != 196 {
		t.Errorf("attention.overdue_sites = %+v", att.OverdueSites)
	}
	var certs []string
	for _, c := range att.ExpiringCertifications {
		certs = append(certs, c.SiteCode+" "+c.ExpiresOn)
	}
	if fmt.Sprint(certs) != "[DD 2026-06-15 AA 2026-07-01 BB 2026-09-13]" {
		t.Errorf("attention.expiring_certifications = %v", certs)
	}
	if len(att.OverdueFindings) != 2 || att.OverdueFindings[0].ID != critical || att.OverdueFindings[1].ID != major || att.OverdueFindings[0].SiteCode != "BB" {
		t.Errorf("attention.overdue_findings = %+v", att.OverdueFindings)
	}
}

func TestDashboardEmpty(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	r := srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/dashboard", nil).Want(http.StatusOK).JSON()
	att := r["attention"].(map[string]any)
	for _, k := range []string{"overdue_sites", "expiring_certifications", "overdue_findings"} {
		if l, ok := att[k].([]any); !ok || len(l) != 0 {
			t.Errorf("attention.%s = %v, want []", k, att[k])
		}
	}
	if months := r["inspections_per_month"].([]any); len(months) != 12 {
		t.Errorf("%d months", len(months))
	}
	srv.Do("", http.MethodGet, "/api/v1/dashboard", nil).Want(http.StatusUnauthorized)
}

// TestScheduleRefreshWhenIntervalsChange starts the server again with other
// inspection intervals: stored due dates follow, once.
func TestScheduleRefreshWhenIntervalsChange(t *testing.T) {
	t.Parallel()
	w := newSitesWorld(t)
	s := w.site(w.manufacturer("Acme"), "IV-1", nil)
	w.completed(s.ID, "2026-01-10", model.ResultPass)
	due := func() string {
		var site model.Site
		testutil.Fatal(t, w.srv.DB.DB.Take(&site, s.ID).Error, "read site")
		return site.NextInspectionDue.String()
	}
	if got := due(); got != "2027-07-10" {
		t.Fatalf("medium (18 months) due = %s", got)
	}
	restart := func(medium int) {
		cfg := w.srv.Config
		cfg.InspectionIntervalMonths = map[string]int{"low": 24, "medium": medium, "high": 12, "critical": 6}
		a, err := app.New(cfg, w.srv.DB.DB, app.Options{Now: w.srv.Clock.Now})
		testutil.Fatal(t, err, "app.New")
		testutil.Fatal(t, a.RefreshSchedules(t.Context()), "refresh schedules")
	}
	// Building the application and its HTTP server writes nothing: the
	// refresh is serve's start-up step, not a side effect of the server.
	cfg := w.srv.Config
	cfg.InspectionIntervalMonths = map[string]int{"low": 24, "medium": 9, "high": 12, "critical": 6}
	a, err := app.New(cfg, w.srv.DB.DB, app.Options{Now: w.srv.Clock.Now})
	testutil.Fatal(t, err, "app.New")
	srv, err := a.HTTP(nil)
	testutil.Fatal(t, err, "HTTP")
	_, err = srv.Handler()
	testutil.Fatal(t, err, "handler")
	if got := due(); got != "2027-07-10" {
		t.Fatalf("building the server moved the due date to %s", got)
	}
	restart(9)
	if got := due(); got != "2026-10-10" {
		t.Errorf("after changing medium to 9 months due = %s, want 2026-10-10", got)
	}
	// Unchanged intervals: no recomputation (a hand-set date survives).
	testutil.Fatal(t, w.srv.DB.DB.Model(&model.Site{}).Where("id = ?", s.ID).Update("next_inspection_due", w.date("2030-01-01")).Error, "set due")
	restart(9)
	if got := due(); got != "2030-01-01" {
		t.Errorf("restart with the same intervals recomputed: due = %s", got)
	}
	restart(18)
	if got := due(); got != "2027-07-10" {
		t.Errorf("back to 18 months due = %s", got)
	}
}
