package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

type decisionJSON struct {
	Decision struct {
		ID               int64   `json:"id"`
		SiteID           int64   `json:"site_id"`
		From             string  `json:"from"`
		To               string  `json:"to"`
		Reason           string  `json:"reason"`
		ConditionalUntil *string `json:"conditional_until"`
		DecidedAt        string  `json:"decided_at"`
		DecidedBy        struct {
			ID    int64  `json:"id"`
			Name  string `json:"name"`
			Email string `json:"email"`
		} `json:"decided_by"`
		Signature *model.Signature `json:"signature"`
	} `json:"decision"`
	Site siteJSON `json:"site"`
}

func TestQualificationDecisionRules(t *testing.T) {
	t.Parallel()
	w := newSitesWorld(t)
	mfr := w.manufacturer("Acme")

	// evidence sets up a site's records for a case.
	type evidence func(site int64)
	passed := func(date string) evidence {
		return func(site int64) { w.completed(site, date, model.ResultPass) }
	}
	certified := func(expires string) evidence {
		return func(site int64) { w.cert(site, "ISO 9001:2015", expires, false) }
	}
	openFinding := func(sev model.Severity) evidence {
		return func(site int64) {
			in := w.completed(site, "2026-02-01", model.ResultConditional)
			w.finding(in, site, sev, model.FindingOpen, "")
		}
	}

	tests := []struct {
		name     string
		from     model.QualificationStatus
		evidence []evidence
		role     model.Role
		body     map[string]any
		status   int
		fields   []string // 422: fields the refusal must name
		contains string   // text the error must contain
	}{
		{"procurement starts a qualification", model.StatusProspective, nil, model.RoleProcurement,
			map[string]any{"status": "in_qualification", "reason": "Supplier shortlisted"}, 201, nil, ""},
		{"procurement may not disqualify", model.StatusProspective, nil, model.RoleProcurement,
			map[string]any{"status": "disqualified", "reason": "No"}, 403, nil, "Procurement can only start a qualification"},
		{"procurement may not qualify", model.StatusInQualification, []evidence{passed("2026-05-01"), certified("2027-06-01")}, model.RoleProcurement,
			map[string]any{"status": "qualified", "reason": "Passed"}, 403, nil, "ask a manager"},
		{"auditor may not decide", model.StatusProspective, nil, model.RoleAuditor,
			map[string]any{"status": "in_qualification", "reason": "x"}, 403, nil, ""},
		{"manager cannot skip to qualified", model.StatusProspective, nil, model.RoleManager,
			map[string]any{"status": "qualified", "reason": "Looks good"}, 422, []string{"status", "inspection", "certification"}, "in qualification or disqualified"},
		{"manager qualifies without a passed inspection", model.StatusInQualification, []evidence{certified("2027-06-01")}, model.RoleManager,
			map[string]any{"status": "qualified", "reason": "Looks good"}, 422, []string{"inspection"}, "no completed inspection yet"},
		{"pass older than 12 months", model.StatusInQualification, []evidence{passed("2025-06-01"), certified("2027-06-01")}, model.RoleManager,
			map[string]any{"status": "qualified", "reason": "Old audit"}, 422, []string{"inspection"}, "2025-06-01"},
		{"open major finding blocks qualified", model.StatusInQualification, []evidence{passed("2026-05-01"), certified("2027-06-01"), openFinding(model.SeverityMajor)}, model.RoleManager,
			map[string]any{"status": "qualified", "reason": "Passed"}, 422, []string{"findings"}, "1 open major finding"},
		{"only an expired certificate", model.StatusInQualification, []evidence{passed("2026-05-01"), certified("2026-06-14")}, model.RoleManager,
			map[string]any{"status": "qualified", "reason": "Passed"}, 422, []string{"certification"}, "expired on 2026-06-14"},
		{"manager qualifies with full evidence", model.StatusInQualification, []evidence{passed("2026-05-01"), certified("2026-07-01")}, model.RoleManager,
			map[string]any{"status": "qualified", "reason": "Audit passed, ISO 9001 valid"}, 201, nil, ""},
		{"admin qualifies with full evidence", model.StatusSuspended, []evidence{passed("2026-05-01"), certified("2027-07-01")}, model.RoleAdmin,
			map[string]any{"status": "qualified", "reason": "Reinstated"}, 201, nil, ""},
		{"conditional needs a date", model.StatusInQualification, []evidence{openFinding(model.SeverityMajor)}, model.RoleManager,
			map[string]any{"status": "conditional", "reason": "Major finding open"}, 422, []string{"conditional_until"}, ""},
		{"conditional date in the past", model.StatusInQualification, []evidence{openFinding(model.SeverityMajor)}, model.RoleManager,
			map[string]any{"status": "conditional", "reason": "Major finding open", "conditional_until": "2026-06-01"}, 422, []string{"conditional_until"}, ""},
		{"open critical finding blocks conditional", model.StatusInQualification, []evidence{openFinding(model.SeverityCritical)}, model.RoleManager,
			map[string]any{"status": "conditional", "reason": "x", "conditional_until": "2026-09-30"}, 422, []string{"findings"}, "critical"},
		{"conditional with open major finding", model.StatusInQualification, []evidence{openFinding(model.SeverityMajor)}, model.RoleManager,
			map[string]any{"status": "conditional", "reason": "Major finding open", "conditional_until": "2026-09-30"}, 201, nil, ""},
		{"date only for conditional", model.StatusQualified, nil, model.RoleManager,
			map[string]any{"status": "suspended", "reason": "Recall", "conditional_until": "2026-09-30"}, 422, []string{"conditional_until"}, ""},
		{"reason required", model.StatusQualified, nil, model.RoleManager,
			map[string]any{"status": "suspended", "reason": "  "}, 422, []string{"reason"}, ""},
		{"unknown status", model.StatusQualified, nil, model.RoleManager,
			map[string]any{"status": "approved", "reason": "x"}, 422, []string{"status"}, "not a qualification status"},
		{"same status", model.StatusQualified, nil, model.RoleManager,
			map[string]any{"status": "qualified", "reason": "x"}, 422, []string{"status"}, "already qualified"},
		{"bad date", model.StatusQualified, nil, model.RoleManager,
			map[string]any{"status": "conditional", "reason": "x", "conditional_until": "2026-02-30"}, 400, []string{"conditional_until"}, ""},
		{"unknown field", model.StatusQualified, nil, model.RoleManager,
			map[string]any{"to": "suspended", "reason": "x"}, 400, []string{"to"}, ""},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			site := w.site(mfr, fmt.Sprintf("Q-%02d", i), nil)
			w.reach(site.ID, tc.from)
			before := w.get(site.ID)
			for _, e := range tc.evidence {
				e(site.ID)
			}
			r := w.srv.Do(tc.role, http.MethodPost, fmt.Sprintf("/api/v1/sites/%d/qualification", site.ID), testutil.Signed(tc.body, model.MeaningApproved)).Want(tc.status)
			for _, f := range tc.fields {
				if r.ErrorFields()[f] == "" {
					t.Errorf("error fields %v do not name %q", r.ErrorFields(), f)
				}
			}
			if tc.contains != "" && !strings.Contains(string(r.Body), tc.contains) {
				t.Errorf("body does not say %q: %s", tc.contains, r.Body)
			}
			after := w.get(site.ID)
			if tc.status != 201 {
				if after.QualificationStatus != string(tc.from) || after.Version != before.Version {
					t.Errorf("refused decision changed the site: %s v%d", after.QualificationStatus, after.Version)
				}
				return
			}
			var out decisionJSON
			r.Decode(&out)
			want := tc.body["status"]
			if after.QualificationStatus != want || out.Site.QualificationStatus != want || after.Version != before.Version+1 {
				t.Errorf("site after decision: %s v%d", after.QualificationStatus, after.Version)
			}
			if out.Decision.From != string(tc.from) || out.Decision.To != want || out.Decision.DecidedBy.Email != w.srv.Users[tc.role].Email {
				t.Errorf("decision %+v", out.Decision)
			}
			if until, _ := tc.body["conditional_until"].(string); until != "" && (after.ConditionalUntil == nil || *after.ConditionalUntil != until) {
				t.Errorf("conditional_until = %v, want %s", after.ConditionalUntil, until)
			}
		})
	}
}

func TestQualificationHistoryAndAudit(t *testing.T) {
	t.Parallel()
	w := newSitesWorld(t)
	mfr := w.manufacturer("Acme")
	s := w.site(mfr, "HIST-1", nil)
	path := fmt.Sprintf("/api/v1/sites/%d/qualification", s.ID)

	w.srv.Do(model.RoleProcurement, http.MethodPost, path, testutil.Signed(map[string]any{"status": "in_qualification", "reason": "Shortlisted"}, model.MeaningApproved)).Want(201)
	in := w.completed(s.ID, "2026-06-01", model.ResultConditional)
	w.finding(in, s.ID, model.SeverityMajor, model.FindingOpen, "")
	w.advance(time.Hour)
	w.srv.Do(model.RoleManager, http.MethodPost, path, testutil.Signed(map[string]any{"status": "conditional", "reason": "One major finding open", "conditional_until": "2026-12-31"}, model.MeaningApproved)).Want(201)
	if got := w.get(s.ID); got.ConditionalUntil == nil || *got.ConditionalUntil != "2026-12-31" {
		t.Fatalf("conditional_until %v", got.ConditionalUntil)
	}
	w.advance(time.Hour)
	r := w.srv.Do(model.RoleManager, http.MethodPost, path, testutil.Signed(map[string]any{"status": "suspended", "reason": "Customer complaint"}, model.MeaningApproved)).Want(201)
	var out decisionJSON
	r.Decode(&out)
	if out.Site.ConditionalUntil != nil || out.Site.Version != 4 {
		t.Errorf("suspending did not clear conditional_until: %+v", out.Site)
	}

	var hist struct {
		Items []struct {
			From, To, Reason string
			DecidedBy        struct{ Name, Email string } `json:"decided_by"`
		} `json:"items"`
		Total int64 `json:"total"`
	}
	w.srv.Do(model.RoleAuditor, http.MethodGet, path, nil).Want(200).Decode(&hist)
	if hist.Total != 3 || len(hist.Items) != 3 {
		t.Fatalf("history %+v", hist)
	}
	var steps []string
	for _, h := range hist.Items {
		steps = append(steps, h.From+">"+h.To+" by "+h.DecidedBy.Email)
	}
	want := "conditional>suspended by manager@example.com, in_qualification>conditional by manager@example.com, prospective>in_qualification by procurement@example.com"
	if got := strings.Join(steps, ", "); got != want {
		t.Errorf("history newest first:\n got %s\nwant %s", got, want)
	}
	if hist.Items[0].DecidedBy.Name != "Test manager" || hist.Items[0].Reason != "Customer complaint" {
		t.Errorf("history item %+v", hist.Items[0])
	}
	w.srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/sites/999999/qualification", nil).Want(404)
	w.srv.Do(model.RoleManager, http.MethodPost, "/api/v1/sites/999999/qualification", map[string]any{"status": "qualified", "reason": "x"}).Want(404)

	events := w.auditEvents("site", s.ID)
	if len(events) != 4 || events[0].Action != "site.qualification" || events[0].ActorEmail != "manager@example.com" {
		t.Fatalf("events %+v", events)
	}
	for field, want := range map[string][2]any{
		"qualification_status": {"conditional", "suspended"},
		"conditional_until":    {"2026-12-31", nil},
		"reason":               {nil, "Customer complaint"},
	} {
		if o, n, ok := events[0].change(field); !ok || o != want[0] || n != want[1] {
			t.Errorf("audit %s = [%v %v], want %v (changes %v)", field, o, n, want, events[0].Changes)
		}
	}
}

func TestQualificationOptions(t *testing.T) {
	t.Parallel()
	w := newSitesWorld(t)
	mfr := w.manufacturer("Acme")
	s := w.site(mfr, "OPT-1", nil)
	path := fmt.Sprintf("/api/v1/sites/%d/qualification/options", s.ID)
	type options struct {
		Current string `json:"current"`
		Allowed []struct {
			Status string `json:"status"`
			Unmet  []struct {
				Rule     string `json:"rule"`
				Message  string `json:"message"`
				Blockers []struct {
					Type  string  `json:"type"`
					ID    int64   `json:"id"`
					Label string  `json:"label"`
					Date  *string `json:"date"`
				} `json:"blockers"`
			} `json:"unmet"`
			NeedsConditionalUntil bool `json:"needs_conditional_until"`
		} `json:"allowed"`
	}
	get := func(role model.Role) options {
		var o options
		w.srv.Do(role, http.MethodGet, path, nil).Want(200).Decode(&o)
		return o
	}
	statuses := func(o options) string {
		var out []string
		for _, a := range o.Allowed {
			out = append(out, fmt.Sprintf("%s(%d)", a.Status, len(a.Unmet)))
		}
		return strings.Join(out, " ")
	}
	for role, want := range map[model.Role]string{
		model.RoleManager:     "in_qualification(0) disqualified(0)",
		model.RoleProcurement: "in_qualification(0)",
		model.RoleAuditor:     "",
	} {
		if o := get(role); o.Current != "prospective" || statuses(o) != want {
			t.Errorf("%s: current %s options %q, want %q", role, o.Current, statuses(o), want)
		}
	}

	w.decide(s.ID, model.StatusInQualification)
	in := w.completed(s.ID, "2026-06-01", model.ResultPass)
	major := w.finding(in, s.ID, model.SeverityMajor, model.FindingOpen, "")
	o := get(model.RoleManager)
	if statuses(o) != "qualified(2) conditional(0) disqualified(0)" {
		t.Fatalf("options %q", statuses(o))
	}
	// Each unmet rule says what is wrong and names the records that block it.
	findings, certification := o.Allowed[0].Unmet[0], o.Allowed[0].Unmet[1]
	if findings.Rule != "findings" || !strings.Contains(findings.Message, "1 open major finding") ||
		len(findings.Blockers) != 1 || findings.Blockers[0].Type != "finding" || findings.Blockers[0].ID != major ||
		!strings.HasPrefix(findings.Blockers[0].Label, "Major finding") || findings.Blockers[0].Date != nil {
		t.Errorf("findings rule for qualified: %+v", findings)
	}
	if certification.Rule != "certification" || !strings.Contains(certification.Message, "no certificate") || len(certification.Blockers) != 0 {
		t.Errorf("certification rule for qualified: %+v", certification)
	}
	expired := w.cert(s.ID, "ISO 9001:2015", "2026-01-31", false)
	o = get(model.RoleManager)
	if b := o.Allowed[0].Unmet[1].Blockers; len(b) != 1 || b[0].ID != expired || b[0].Type != "certification" || b[0].Date == nil || *b[0].Date != "2026-01-31" {
		t.Errorf("expired certificate blockers: %+v", b)
	}
	if !o.Allowed[1].NeedsConditionalUntil || o.Allowed[0].NeedsConditionalUntil {
		t.Errorf("needs_conditional_until %+v", o.Allowed)
	}
	if got := statuses(get(model.RoleProcurement)); got != "" {
		t.Errorf("procurement options for a site in qualification: %q", got)
	}
	w.srv.Do(model.RoleManager, http.MethodGet, "/api/v1/sites/999999/qualification/options", nil).Want(404)
}

// TestQualificationConcurrentDecisions sends the same decision twice at
// once: exactly one is recorded, the other is refused.
func TestQualificationConcurrentDecisions(t *testing.T) {
	t.Parallel()
	w := newSitesWorld(t)
	s := w.site(w.manufacturer("Acme"), "RACE-1", nil)
	path := fmt.Sprintf("/api/v1/sites/%d/qualification", s.ID)
	statuses := make(chan int, 2)
	var wg sync.WaitGroup
	for _, role := range []model.Role{model.RoleManager, model.RoleAdmin} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses <- w.srv.Do(role, http.MethodPost, path, testutil.Signed(map[string]any{"status": "in_qualification", "reason": "Shortlisted"}, model.MeaningApproved)).Status
		}()
	}
	wg.Wait()
	close(statuses)
	created, refused := 0, 0
	for st := range statuses {
		switch st {
		case http.StatusCreated:
			created++
		case http.StatusConflict, http.StatusUnprocessableEntity:
			refused++
		default:
			t.Errorf("unexpected status %d", st)
		}
	}
	if created != 1 || refused != 1 {
		t.Errorf("created %d, refused %d; want one of each", created, refused)
	}
	var hist struct{ Total int64 }
	w.srv.Do(model.RoleAuditor, http.MethodGet, path, nil).Want(200).Decode(&hist)
	if got := w.get(s.ID); hist.Total != 1 || got.Version != 2 {
		t.Errorf("history %d decisions, site version %d", hist.Total, got.Version)
	}
}
