package api_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// siteJSON is a site as the API returns it.
type siteJSON struct {
	ID                   int64    `json:"id"`
	ManufacturerID       int64    `json:"manufacturer_id"`
	ManufacturerName     string   `json:"manufacturer_name"`
	Code                 string   `json:"code"`
	Name                 string   `json:"name"`
	City                 string   `json:"city"`
	Country              string   `json:"country"`
	Processes            []string `json:"processes"`
	RiskTier             string   `json:"risk_tier"`
	QualificationStatus  string   `json:"qualification_status"`
	StatusSince          string   `json:"status_since"`
	ConditionalUntil     *string  `json:"conditional_until"`
	LastInspectionDate   *string  `json:"last_inspection_date"`
	LastInspectionResult string   `json:"last_inspection_result"`
	NextInspectionDue    *string  `json:"next_inspection_due"`
	Overdue              bool     `json:"overdue"`
	Archived             bool     `json:"archived"`
	ArchivedAt           *string  `json:"archived_at"`
	Version              int64    `json:"version"`
	OpenFindings         struct {
		Critical, Major, Minor, Observation int
	} `json:"open_findings"`
	CertificationSummary struct {
		Valid      int     `json:"valid"`
		Expiring   int     `json:"expiring"`
		Expired    int     `json:"expired"`
		Withdrawn  int     `json:"withdrawn"`
		NextExpiry *string `json:"next_expiry"`
	} `json:"certification_summary"`
}

// siteList is a sites list answer.
type siteList struct{ listEnvelope[siteJSON] }

func (l siteList) codes() []string {
	out := make([]string, len(l.Items))
	for i, s := range l.Items {
		out[i] = s.Code
	}
	return out
}

// sitesWorld builds manufacturers, sites and their records for a test:
// through the API where the API owns the write, and through the store
// (testutil.Builder: rules, schedules and audit events apply) for the
// inspections, findings and certifications other handlers own.
type sitesWorld struct {
	t   *testing.T
	srv *testutil.Server
	b   *testutil.Builder
}

func newSitesWorld(t *testing.T) *sitesWorld {
	t.Helper()
	srv := testutil.NewServer(t, nil)
	return &sitesWorld{t: t, srv: srv, b: testutil.NewBuilder(t, srv.Store).WithClock(srv.Clock)}
}

func (w *sitesWorld) manufacturer(name string) int64 {
	w.t.Helper()
	var m struct{ ID int64 }
	w.srv.Do(model.RoleManager, http.MethodPost, "/api/v1/manufacturers", map[string]any{"name": name, "country": "DE"}).Want(http.StatusCreated).Decode(&m)
	return m.ID
}

// site creates a site with the given fields over sensible defaults.
func (w *sitesWorld) site(mfr int64, code string, fields map[string]any) siteJSON {
	w.t.Helper()
	body := map[string]any{"manufacturer_id": mfr, "code": code, "name": "Site " + code, "country": "CN", "risk_tier": "medium"}
	for k, v := range fields {
		body[k] = v
	}
	var s siteJSON
	w.srv.Do(model.RoleProcurement, http.MethodPost, "/api/v1/sites", body).Want(http.StatusCreated).Decode(&s)
	return s
}

func (w *sitesWorld) get(id int64) siteJSON {
	w.t.Helper()
	var s siteJSON
	w.srv.Do(model.RoleAuditor, http.MethodGet, fmt.Sprintf("/api/v1/sites/%d", id), nil).Want(http.StatusOK).Decode(&s)
	return s
}

func (w *sitesWorld) list(query string) siteList {
	w.t.Helper()
	var l siteList
	w.srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/sites"+query, nil).Want(http.StatusOK).Decode(&l)
	return l
}

// advance moves the clock on and signs everyone in again, as sessions
// would have ended.
func (w *sitesWorld) advance(d time.Duration) {
	w.t.Helper()
	w.srv.Clock.Advance(d)
	for role, u := range w.srv.Users {
		w.srv.Tokens[role] = w.srv.Login(u.Email, testutil.Password)
	}
}

func (w *sitesWorld) date(s string) model.Date { return testutil.Date(w.t, s) }

// completed records a completed inspection.
func (w *sitesWorld) completed(site int64, performed string, result model.InspectionResult) int64 {
	w.t.Helper()
	return w.b.Completed(site, performed, result).ID
}

// storedSite creates a site through the store, at the store's clock (in
// on, a day of the past, where the API's sessions are not yet valid).
func (w *sitesWorld) storedSite(mfr int64, code string, tier model.RiskTier) siteJSON {
	w.t.Helper()
	s := model.Site{ManufacturerID: mfr, Code: code, Name: "Site " + code, Country: "CN", RiskTier: tier}
	testutil.Fatal(w.t, w.srv.Store.CreateSite(context.Background(), &s, audit.ActorOf(w.srv.Users[model.RoleProcurement], "")), "site %s", code)
	return siteJSON{ID: s.ID, Code: s.Code}
}

// cancelled records an inspection planned for scheduled, then cancelled.
func (w *sitesWorld) cancelled(site int64, scheduled string) {
	w.t.Helper()
	w.b.Cancel(w.b.Planned(site, scheduled))
}

// planned records a planned inspection.
func (w *sitesWorld) planned(site int64, scheduled string) int64 {
	w.t.Helper()
	return w.b.Planned(site, scheduled).ID
}

// finding raises a finding and moves it to status (closing verifies it);
// due "" keeps the severity's default due date.
func (w *sitesWorld) finding(inspection, site int64, sev model.Severity, status model.FindingStatus, due string) int64 {
	w.t.Helper()
	opts := []testutil.FindingOption{testutil.Described("Finding " + string(sev))}
	if due != "" {
		opts = append(opts, testutil.Due(due))
	}
	f := w.b.Finding(inspection, sev, opts...)
	if f.SiteID != site {
		w.t.Fatalf("finding of inspection %d is on site %d, not %d", inspection, f.SiteID, site)
	}
	switch status {
	case model.FindingClosed:
		w.b.Close(f)
	case model.FindingInProgress:
		w.b.Start(f)
	}
	return f.ID
}

func (w *sitesWorld) cert(site int64, standard, expires string, withdrawn bool) int64 {
	w.t.Helper()
	c := w.b.Certification(site, standard, expires)
	if withdrawn {
		w.b.Withdraw(c)
	}
	return c.ID
}

// on writes what build writes on day (the store's clock at that day).
func (w *sitesWorld) on(day string, build func()) {
	w.t.Helper()
	w.b.On(day, build)
}

// decide moves a site to a status by a manager's decision, checked against
// its evidence as the API checks it.
func (w *sitesWorld) decide(site int64, to model.QualificationStatus, conditionalUntil ...string) {
	w.t.Helper()
	w.b.Decide(site, to, conditionalUntil...)
}

// reach brings a new site to st by the decisions that lead there, taken on
// 2025-01-02 on the evidence they needed then: a pass of 2025-01-01 and a
// certificate that expired on 2025-06-30, neither of which counts today.
func (w *sitesWorld) reach(site int64, st model.QualificationStatus) {
	w.t.Helper()
	w.on("2025-01-02", func() {
		switch st {
		case model.StatusProspective:
		case model.StatusInQualification:
			w.decide(site, model.StatusInQualification)
		case model.StatusDisqualified:
			w.decide(site, model.StatusDisqualified)
		case model.StatusQualified, model.StatusConditional, model.StatusSuspended:
			w.completed(site, "2025-01-01", model.ResultPass)
			w.cert(site, "ISO 9001:2015", "2025-06-30", false)
			w.decide(site, model.StatusInQualification)
			if st == model.StatusConditional {
				w.decide(site, model.StatusConditional, "2025-03-31")
				return
			}
			w.decide(site, model.StatusQualified)
			if st == model.StatusSuspended {
				w.decide(site, model.StatusSuspended)
			}
		default:
			w.t.Fatalf("reach: no way to %s", st)
		}
	})
}

// auditEvents returns the trail of one record, newest first.
func (w *sitesWorld) auditEvents(entityType string, id int64) []auditEventJSON {
	w.t.Helper()
	var out struct {
		Items []auditEventJSON `json:"items"`
	}
	w.srv.Do(model.RoleAuditor, http.MethodGet, fmt.Sprintf("/api/v1/audit-events?entity_type=%s&entity_id=%d", entityType, id), nil).
		Want(http.StatusOK).Decode(&out)
	return out.Items
}

type auditEventJSON struct {
	Action     string         `json:"action"`
	ActorEmail string         `json:"actor_email"`
	Changes    map[string]any `json:"changes"`
}

// change returns [old, new] of field in ev's changes.
func (ev auditEventJSON) change(field string) (any, any, bool) {
	v, ok := ev.Changes[field].([]any)
	if !ok || len(v) != 2 {
		return nil, nil, false
	}
	return v[0], v[1], true
}
