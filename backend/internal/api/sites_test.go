package api_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

func TestSiteCreateValidation(t *testing.T) {
	t.Parallel()
	w := newSitesWorld(t)
	mfr := w.manufacturer("Acme")
	w.site(mfr, "ACME-SZ1", nil)
	valid := func(change map[string]any, drop ...string) map[string]any {
		b := map[string]any{"manufacturer_id": mfr, "code": "NEW-1", "name": "New site", "country": "DE", "risk_tier": "high"}
		for k, v := range change {
			b[k] = v
		}
		for _, k := range drop {
			delete(b, k)
		}
		return b
	}
	tooMany := make([]string, 21)
	for i := range tooMany {
		tooMany[i] = fmt.Sprintf("process %d", i)
	}
	tests := []struct {
		name   string
		role   model.Role
		body   any
		status int
		fields []string
	}{
		{"missing fields", model.RoleManager, map[string]any{}, 422, []string{"manufacturer_id", "code", "name", "country", "risk_tier"}},
		{"unknown risk tier", model.RoleManager, valid(map[string]any{"risk_tier": "extreme"}), 422, []string{"risk_tier"}},
		{"unknown country", model.RoleManager, valid(map[string]any{"country": "ZZ"}), 422, []string{"country"}},
		{"code with spaces", model.RoleManager, valid(map[string]any{"code": "ACME SZ"}), 422, []string{"code"}},
		{"code too short", model.RoleManager, valid(map[string]any{"code": "A"}), 422, []string{"code"}},
		{"bad contact e-mail", model.RoleManager, valid(map[string]any{"contact_email": "not-an-address"}), 422, []string{"contact_email"}},
		{"too many processes", model.RoleManager, valid(map[string]any{"processes": tooMany}), 422, []string{"processes"}},
		{"process too long", model.RoleManager, valid(map[string]any{"processes": []string{strings.Repeat("p", 61)}}), 422, []string{"processes"}},
		{"manufacturer does not exist", model.RoleManager, valid(map[string]any{"manufacturer_id": 424242}), 422, []string{"manufacturer_id"}},
		{"status set on create", model.RoleManager, valid(map[string]any{"qualification_status": "qualified"}), 422, []string{"qualification_status"}},
		{"conditional_until set on create", model.RoleManager, valid(map[string]any{"conditional_until": "2026-09-01"}), 422, []string{"conditional_until"}},
		{"duplicate code in other case", model.RoleManager, valid(map[string]any{"code": "acme-sz1"}), 409, []string{"code"}},
		{"manufacturer_id not a number", model.RoleManager, valid(map[string]any{"manufacturer_id": "one"}), 400, []string{"manufacturer_id"}},
		{"processes not a list", model.RoleManager, valid(map[string]any{"processes": "smt"}), 400, []string{"processes"}},
		{"derived field sent", model.RoleManager, valid(map[string]any{"next_inspection_due": "2027-01-01"}), 400, []string{"next_inspection_due"}},
		{"malformed JSON", model.RoleManager, `{"code": "X"`, 400, nil},
		{"auditor may not create", model.RoleAuditor, valid(nil), 403, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := w.srv.Do(tc.role, http.MethodPost, "/api/v1/sites", tc.body).Want(tc.status)
			for _, f := range tc.fields {
				if r.ErrorFields()[f] == "" {
					t.Errorf("error fields %v do not name %q", r.ErrorFields(), f)
				}
			}
		})
	}
}

func TestSiteCreateNormalisesAndDerives(t *testing.T) {
	t.Parallel()
	w := newSitesWorld(t)
	mfr := w.manufacturer("Acme")
	s := w.site(mfr, " acme-sz2 ", map[string]any{
		"country": "china", "risk_tier": "critical", "city": " Shenzhen ",
		"processes":     []string{"SMT", "Final Assembly", " conformal coating ", "smt", ""},
		"contact_email": "quality@acme.example",
	})
	if s.Code != "ACME-SZ2" || s.Country != "CN" || s.City != "Shenzhen" {
		t.Errorf("normalised fields: %+v", s)
	}
	if want := []string{"smt", "final_assembly", "conformal coating"}; !slices.Equal(s.Processes, want) {
		t.Errorf("processes = %q, want %q", s.Processes, want)
	}
	if s.QualificationStatus != "prospective" || s.Version != 1 || s.ManufacturerName != "Acme" {
		t.Errorf("new site: %+v", s)
	}
	if st, err := time.Parse(time.RFC3339, s.StatusSince); err != nil || !st.Equal(testutil.FixedNow) {
		t.Errorf("status_since = %q", s.StatusSince)
	}
	// Never inspected: due from the day it was created, not yet overdue.
	if s.NextInspectionDue == nil || *s.NextInspectionDue != "2026-06-15" || s.Overdue || s.LastInspectionDate != nil {
		t.Errorf("schedule: due %v overdue %v", s.NextInspectionDue, s.Overdue)
	}
	events := w.auditEvents("site", s.ID)
	if len(events) != 1 || events[0].Action != "site.create" {
		t.Fatalf("events %+v", events)
	}
	if _, code, ok := events[0].change("code"); !ok || code != "ACME-SZ2" {
		t.Errorf("create event %v", events[0].Changes)
	}
}

func TestSiteListFiltersAndSorts(t *testing.T) {
	t.Parallel()
	w := newSitesWorld(t)
	acme := w.manufacturer("Acme Electronics")
	zeta := w.manufacturer("Zeta Works")
	w.site(acme, "ACME-SZ1", map[string]any{"name": "Shenzhen plant", "city": "Shenzhen", "country": "CN", "risk_tier": "high"})
	w.site(acme, "ACME-MX1", map[string]any{"name": "guadalajara", "city": "Guadalajara", "country": "MX", "risk_tier": "low"})
	w.site(zeta, "ZETA-DE1", map[string]any{"name": "Berlin", "city": "Berlin", "country": "DE", "risk_tier": "critical"})
	q := w.site(zeta, "ZETA-CN1", map[string]any{"name": "Suzhou", "city": "Suzhou", "country": "CN", "risk_tier": "medium"})
	a := w.site(acme, "ACME_OLD", map[string]any{"name": "Old plant", "city": "Penang", "country": "MY", "risk_tier": "low"})
	w.reach(q.ID, model.StatusQualified)
	w.srv.Do(model.RoleManager, http.MethodPatch, fmt.Sprintf("/api/v1/sites/%d", a.ID), map[string]any{"archived": true, "version": 1}).Want(200)

	tests := []struct {
		query string
		want  string
	}{
		{"", "ACME-MX1 ACME-SZ1 ZETA-CN1 ZETA-DE1"},
		{"?sort=-code", "ZETA-DE1 ZETA-CN1 ACME-SZ1 ACME-MX1"},
		{"?sort=name", "ZETA-DE1 ACME-MX1 ACME-SZ1 ZETA-CN1"},
		{"?sort=risk_tier", "ACME-MX1 ZETA-CN1 ACME-SZ1 ZETA-DE1"},
		{"?sort=-risk_tier", "ZETA-DE1 ACME-SZ1 ZETA-CN1 ACME-MX1"},
		{"?sort=country", "ACME-SZ1 ZETA-CN1 ZETA-DE1 ACME-MX1"},
		{"?sort=-manufacturer", "ZETA-CN1 ZETA-DE1 ACME-MX1 ACME-SZ1"}, // ties by id, same direction
		{"?sort=qualification_status", "ACME-SZ1 ACME-MX1 ZETA-DE1 ZETA-CN1"},
		{"?q=shenzhen", "ACME-SZ1"},
		{"?q=zeta", "ZETA-CN1 ZETA-DE1"},
		{"?q=electronics", "ACME-MX1 ACME-SZ1"},
		{"?q=guadala", "ACME-MX1"},
		{"?q=_", ""},
		{"?manufacturer_id=" + fmt.Sprint(zeta), "ZETA-CN1 ZETA-DE1"},
		{"?status=qualified", "ZETA-CN1"},
		{"?status=prospective,qualified", "ACME-MX1 ACME-SZ1 ZETA-CN1 ZETA-DE1"},
		{"?status=suspended", ""},
		{"?risk_tier=low", "ACME-MX1"},
		{"?country=cn", "ACME-SZ1 ZETA-CN1"},
		{"?archived=true", "ACME_OLD"},
		{"?archived=all&country=MY", "ACME_OLD"},
		{"?q=plant", "ACME-SZ1"},
		{"?q=plant&archived=all", "ACME-SZ1 ACME_OLD"},
		{"?page_size=3", "ACME-MX1 ACME-SZ1 ZETA-CN1"},
		{"?page_size=3&page=2", "ZETA-DE1"},
		{"?page_size=3&page=3", ""},
	}
	for _, tc := range tests {
		l := w.list(tc.query)
		if got := strings.Join(l.codes(), " "); got != tc.want {
			t.Errorf("GET /sites%s = %q, want %q", tc.query, got, tc.want)
		}
	}
	l := w.list("?page_size=3&page=2")
	if l.Total != 4 || l.Page != 2 || l.PageSize != 3 {
		t.Errorf("page metadata %+v", l)
	}
	for _, bad := range []string{"?status=approved", "?status=qualified,nope", "?risk_tier=extreme", "?country=QQ", "?overdue=maybe",
		"?manufacturer_id=x", "?sort=city", "?page=0", "?page_size=201", "?archived=yes"} {
		r := w.srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/sites"+bad, nil).Want(http.StatusUnprocessableEntity)
		if len(r.ErrorFields()) == 0 {
			t.Errorf("%s: no field named: %s", bad, r.Body)
		}
	}
}

func TestSiteOverdueFilter(t *testing.T) {
	t.Parallel()
	w := newSitesWorld(t)
	mfr := w.manufacturer("Acme")
	// Created at 2026-06-15 and never inspected, so due that day.
	fresh := w.site(mfr, "FRESH", nil)
	// Passed 2024-06-01, medium tier (18 months): due 2025-12-01, overdue.
	late := w.site(mfr, "LATE", nil)
	w.completed(late.ID, "2024-06-01", model.ResultPass)
	// Due 2025-12-01 too, but an inspection is planned for 2025-11-20 (on
	// or before the due date): not overdue.
	covered := w.site(mfr, "COVERED", nil)
	w.completed(covered.ID, "2024-06-01", model.ResultPass)
	w.planned(covered.ID, "2025-11-20")
	// Planned only after the due date: still overdue.
	planLate := w.site(mfr, "PLAN-LATE", nil)
	w.completed(planLate.ID, "2024-06-01", model.ResultPass)
	w.planned(planLate.ID, "2026-07-01")
	// Failed 2026-05-01: recheck after 60 days, 2026-06-30, not overdue.
	failed := w.site(mfr, "FAILED", nil)
	w.completed(failed.ID, "2026-05-01", model.ResultFail)

	if got := strings.Join(w.list("?overdue=true").codes(), " "); got != "LATE PLAN-LATE" {
		t.Errorf("overdue=true: %q", got)
	}
	if got := strings.Join(w.list("?overdue=false").codes(), " "); got != "COVERED FAILED FRESH" {
		t.Errorf("overdue=false: %q", got)
	}
	if s := w.get(failed.ID); *s.NextInspectionDue != "2026-06-30" || s.Overdue || s.LastInspectionResult != "fail" || *s.LastInspectionDate != "2026-05-01" {
		t.Errorf("failed site: %+v", s)
	}
	if s := w.get(late.ID); !s.Overdue || *s.NextInspectionDue != "2025-12-01" {
		t.Errorf("late site: %+v", s)
	}
	// A day later the never-inspected site is overdue too.
	w.advance(24 * time.Hour)
	if got := strings.Join(w.list("?overdue=true&sort=next_inspection_due").codes(), " "); got != "LATE PLAN-LATE FRESH" {
		t.Errorf("overdue=true a day later: %q", got)
	}
	if s := w.get(fresh.ID); !s.Overdue {
		t.Errorf("fresh site a day later not overdue")
	}
}

func TestSiteUpdate(t *testing.T) {
	t.Parallel()
	w := newSitesWorld(t)
	acme := w.manufacturer("Acme")
	other := w.manufacturer("Other")
	s := w.site(acme, "ACME-1", map[string]any{"risk_tier": "medium", "contact_email": "a@acme.example"})
	w.completed(s.ID, "2026-01-10", model.ResultPass)
	path := fmt.Sprintf("/api/v1/sites/%d", s.ID)
	if got := w.get(s.ID); *got.NextInspectionDue != "2027-07-10" {
		t.Fatalf("medium tier due = %v", *got.NextInspectionDue)
	}

	tests := []struct {
		name   string
		body   any
		status int
		field  string
	}{
		{"no version", map[string]any{"name": "X"}, 422, "version"},
		{"status edited", map[string]any{"qualification_status": "qualified", "version": 1}, 422, "qualification_status"},
		{"unknown risk tier", map[string]any{"risk_tier": "urgent", "version": 1}, 422, "risk_tier"},
		{"name cleared", map[string]any{"name": nil, "version": 1}, 422, "name"},
		{"bad country", map[string]any{"country": "Narnia", "version": 1}, 422, "country"},
		{"missing manufacturer", map[string]any{"manufacturer_id": 999999, "version": 1}, 422, "manufacturer_id"},
		{"archived null", map[string]any{"archived": nil, "version": 1}, 422, "archived"},
		{"unknown field", map[string]any{"colour": "red", "version": 1}, 400, "colour"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := w.srv.Do(model.RoleManager, http.MethodPatch, path, tc.body).Want(tc.status)
			if r.ErrorFields()[tc.field] == "" {
				t.Errorf("error fields %v do not name %q", r.ErrorFields(), tc.field)
			}
		})
	}

	// A risk tier change moves the due date; absent fields stay as they were.
	var got siteJSON
	w.srv.Do(model.RoleProcurement, http.MethodPatch, path, map[string]any{"risk_tier": "critical", "manufacturer_id": other, "contact_email": "", "version": 1}).
		Want(http.StatusOK).Decode(&got)
	if got.RiskTier != "critical" || *got.NextInspectionDue != "2026-07-10" || got.Version != 2 || got.ManufacturerName != "Other" || got.Name != "Site ACME-1" {
		t.Errorf("after update: %+v", got)
	}
	r := w.srv.Do(model.RoleManager, http.MethodPatch, path, map[string]any{"name": "Late edit", "version": 1}).Want(http.StatusConflict)
	if r.ErrorCode() != "version_conflict" {
		t.Errorf("stale version code %q", r.ErrorCode())
	}
	w.srv.Do(model.RoleAuditor, http.MethodPatch, path, map[string]any{"name": "X", "version": 2}).Want(http.StatusForbidden)
	w.srv.Do(model.RoleManager, http.MethodPatch, "/api/v1/sites/999999", map[string]any{"name": "X", "version": 1}).Want(http.StatusNotFound)

	events := w.auditEvents("site", s.ID)
	if len(events) != 2 || events[0].Action != "site.update" || events[0].ActorEmail != "procurement@example.com" {
		t.Fatalf("events %+v", events)
	}
	for field, want := range map[string][2]any{
		"risk_tier":           {"medium", "critical"},
		"next_inspection_due": {"2027-07-10", "2026-07-10"},
		"manufacturer_id":     {float64(acme), float64(other)},
		"contact_email":       {"a@acme.example", ""},
	} {
		if o, n, ok := events[0].change(field); !ok || o != want[0] || n != want[1] {
			t.Errorf("audit %s = [%v %v], want %v", field, o, n, want)
		}
	}
	if _, _, ok := events[0].change("name"); ok {
		t.Errorf("unchanged name in audit: %v", events[0].Changes)
	}
}

func TestSiteArchiveAndDelete(t *testing.T) {
	t.Parallel()
	w := newSitesWorld(t)
	mfr := w.manufacturer("Acme")
	empty := w.site(mfr, "EMPTY", nil)
	inspected := w.site(mfr, "INSPECTED", nil)
	w.planned(inspected.ID, "2026-07-01")
	certified := w.site(mfr, "CERTIFIED", nil)
	w.cert(certified.ID, "ISO 9001:2015", "2027-01-01", false)
	decided := w.site(mfr, "DECIDED", nil)
	w.srv.Do(model.RoleProcurement, http.MethodPost, fmt.Sprintf("/api/v1/sites/%d/qualification", decided.ID),
		testutil.Signed(map[string]any{"status": "in_qualification", "reason": "Audit booked"}, model.MeaningApproved)).Want(http.StatusCreated)
	attached := w.site(mfr, "ATTACHED", nil)
	attUpload(t, w.srv, model.RoleProcurement, fmt.Sprintf("/api/v1/sites/%d/attachments", attached.ID), "a.pdf", []byte("%PDF-1.4")).Want(http.StatusCreated)

	path := func(id int64) string { return fmt.Sprintf("/api/v1/sites/%d", id) }
	w.srv.Do(model.RoleManager, http.MethodDelete, path(empty.ID), nil).Want(http.StatusForbidden)
	for _, s := range []siteJSON{inspected, certified, decided, attached} {
		r := w.srv.Do(model.RoleAdmin, http.MethodDelete, path(s.ID), nil).Want(http.StatusConflict)
		if !strings.Contains(string(r.Body), "archive it instead") {
			t.Errorf("delete %s: %s", s.Code, r.Body)
		}
	}
	w.srv.Do(model.RoleAdmin, http.MethodDelete, path(empty.ID), nil).Want(http.StatusNoContent)
	w.srv.Do(model.RoleAdmin, http.MethodGet, path(empty.ID), nil).Want(http.StatusNotFound)
	events := w.auditEvents("site", empty.ID)
	if len(events) != 2 || events[0].Action != "site.delete" {
		t.Fatalf("events %+v", events)
	}
	if rec, _ := events[0].Changes["deleted"].(map[string]any); rec["code"] != "EMPTY" {
		t.Errorf("deleted record %v", events[0].Changes)
	}

	// Archiving hides a site from lists and decisions; restoring brings it back.
	var s siteJSON
	w.srv.Do(model.RoleProcurement, http.MethodPatch, path(inspected.ID), map[string]any{"archived": true, "version": 1}).Want(200).Decode(&s)
	if !s.Archived || s.ArchivedAt == nil || s.Version != 2 {
		t.Errorf("archived site %+v", s)
	}
	if got := strings.Join(w.list("").codes(), " "); got != "ATTACHED CERTIFIED DECIDED" {
		t.Errorf("list after archive: %q", got)
	}
	r := w.srv.Do(model.RoleManager, http.MethodPost, path(inspected.ID)+"/qualification", map[string]any{"status": "in_qualification", "reason": "x"}).Want(422)
	if !strings.Contains(r.ErrorFields()["status"], "archived") {
		t.Errorf("decision on archived site: %s", r.Body)
	}
	w.srv.Do(model.RoleProcurement, http.MethodPatch, path(inspected.ID), map[string]any{"archived": false, "version": 2}).Want(200).Decode(&s)
	if s.Archived || s.ArchivedAt != nil {
		t.Errorf("restored site %+v", s)
	}
}

func TestSiteDerivedValues(t *testing.T) {
	t.Parallel()
	w := newSitesWorld(t)
	mfr := w.manufacturer("Acme")
	s := w.site(mfr, "DERIVED", nil)
	other := w.site(mfr, "OTHER", nil)
	in := w.completed(s.ID, "2026-03-01", model.ResultConditional)
	w.finding(in, s.ID, model.SeverityCritical, model.FindingOpen, "2026-03-08")
	w.finding(in, s.ID, model.SeverityMajor, model.FindingInProgress, "")
	w.finding(in, s.ID, model.SeverityMajor, model.FindingOpen, "")
	w.finding(in, s.ID, model.SeverityMinor, model.FindingClosed, "")
	w.finding(in, s.ID, model.SeverityObservation, model.FindingOpen, "")
	w.cert(s.ID, "ISO 9001:2015", "2028-01-01", false)     // valid
	w.cert(s.ID, "ISO 14001:2015", "2026-08-01", false)    // expiring (within 90 days)
	w.cert(s.ID, "IATF 16949:2016", "2026-07-01", false)   // expiring, soonest
	w.cert(s.ID, "AS9100D", "2026-06-14", false)           // expired yesterday
	w.cert(s.ID, "ISO 13485:2016", "2026-06-20", true)     // withdrawn
	w.cert(other.ID, "ISO 9001:2015", "2026-06-15", false) // expiring today, last valid day

	got := w.get(s.ID)
	f := got.OpenFindings
	if f.Critical != 1 || f.Major != 2 || f.Minor != 0 || f.Observation != 1 {
		t.Errorf("open findings %+v", f)
	}
	c := got.CertificationSummary
	if c.Valid != 1 || c.Expiring != 2 || c.Expired != 1 || c.Withdrawn != 1 || c.NextExpiry == nil || *c.NextExpiry != "2026-07-01" {
		t.Errorf("certification summary %+v next %v", c, c.NextExpiry)
	}
	if *got.LastInspectionDate != "2026-03-01" || got.LastInspectionResult != "conditional" || *got.NextInspectionDue != "2027-09-01" {
		t.Errorf("schedule %+v", got)
	}
	// The list carries the same values.
	l := w.list("")
	item := l.Items[0]
	if item.Code != "DERIVED" || item.OpenFindings != got.OpenFindings || *item.CertificationSummary.NextExpiry != *c.NextExpiry ||
		item.CertificationSummary.Valid != c.Valid || item.CertificationSummary.Expiring != c.Expiring || item.CertificationSummary.Expired != c.Expired {
		t.Errorf("list item differs from detail: %+v", l.Items[0])
	}
	if o := l.Items[1]; o.CertificationSummary.Expiring != 1 || *o.CertificationSummary.NextExpiry != "2026-06-15" || o.OpenFindings.Critical != 0 {
		t.Errorf("other site %+v", o)
	}
}

// TestSiteListQueryCount guards against N+1 queries: a page of 50 sites
// must take as many SQL statements as a page of 1.
func TestSiteListQueryCount(t *testing.T) {
	t.Parallel()
	w := newSitesWorld(t)
	var statements atomic.Int64
	count := func(*gorm.DB) { statements.Add(1) }
	cb := w.srv.DB.DB.Callback()
	testutil.Fatal(t, cb.Query().After("gorm:query").Register("test:count_query", count), "register")
	testutil.Fatal(t, cb.Row().After("gorm:row").Register("test:count_row", count), "register")
	testutil.Fatal(t, cb.Raw().After("gorm:raw").Register("test:count_raw", count), "register")

	measure := func() int64 {
		statements.Store(0)
		l := w.list("?page_size=50")
		if len(l.Items) == 0 {
			t.Fatal("empty page")
		}
		return statements.Load()
	}
	addSite := func(mfr int64, code string) {
		s := w.site(mfr, code, nil)
		in := w.completed(s.ID, "2026-01-10", model.ResultPass)
		w.finding(in, s.ID, model.SeverityMajor, model.FindingOpen, "2026-02-10")
		w.cert(s.ID, "ISO 9001:2015", "2027-01-01", false)
	}
	addSite(w.manufacturer("M0"), "S-000")
	one := measure()
	for i := 1; i < 50; i++ {
		addSite(w.manufacturer(fmt.Sprintf("M%d", i)), fmt.Sprintf("S-%03d", i))
	}
	fifty := measure()
	t.Logf("statements: page of 1: %d, page of 50: %d", one, fifty)
	if one == 0 || fifty != one {
		t.Errorf("a page of 1 site took %d statements, a page of 50 took %d; want the same", one, fifty)
	}
}
