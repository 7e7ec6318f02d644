package api_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// completedInspection logs a completed inspection of a new site and
// returns the path its findings are posted to, and the site.
func (f *recordsFixture) completedInspection() (string, model.Site) {
	f.t.Helper()
	site := f.site(model.RiskMedium)
	in := f.create("/api/v1/inspections", testutil.Signed(map[string]any{
		"site_id": site.ID, "type": "routine", "status": "completed", "performed_date": fromToday(-1), "result": "conditional",
	}, model.MeaningAuthored))
	return fmt.Sprintf("/api/v1/inspections/%d/findings", in.id()), site
}

func TestFindingDefaultDueDates(t *testing.T) {
	t.Parallel()
	f := newRecordsFixture(t)
	path, site := f.completedInspection()
	tests := []struct {
		severity string
		dueDate  any // sent; nil sends none
		want     any // due_date returned; nil is null
	}{
		{"critical", nil, fromToday(7)},
		{"major", nil, fromToday(30)},
		{"minor", nil, fromToday(90)},
		{"observation", nil, nil},
		{"critical", fromToday(3), fromToday(3)},
		{"observation", fromToday(60), fromToday(60)},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%s %v", tc.severity, tc.dueDate), func(t *testing.T) {
			body := map[string]any{"severity": tc.severity, "category": "quality", "description": "Found it"}
			if tc.dueDate != nil {
				body["due_date"] = tc.dueDate
			}
			got := f.create(path, body)
			if got["due_date"] != tc.want {
				t.Errorf("due_date %v, want %v", got["due_date"], tc.want)
			}
			if got.str("status") != "open" || got.num("site_id") != site.ID || got.str("site_code") != site.Code {
				t.Errorf("status %q site_id %d site_code %q; want open on site %d %s", got.str("status"), got.num("site_id"), got.str("site_code"), site.ID, site.Code)
			}
			if got["overdue"] != false {
				t.Errorf("a new finding is overdue: %v", got["overdue"])
			}
		})
	}
}

func TestCreateFindingValidation(t *testing.T) {
	t.Parallel()
	f := newRecordsFixture(t)
	path, site := f.completedInspection()
	planned := f.create("/api/v1/inspections", map[string]any{"site_id": site.ID, "type": "follow_up", "scheduled_date": fromToday(9)})
	cancelled := f.create("/api/v1/inspections", map[string]any{"site_id": site.ID, "type": "for_cause", "status": "cancelled"})
	valid := func(extra map[string]any) map[string]any {
		b := map[string]any{"severity": "major", "category": "process", "description": "Reflow profile not verified"}
		for k, v := range extra {
			b[k] = v
		}
		return b
	}
	tests := []struct {
		name   string
		path   string
		body   any
		status int
		field  string
	}{
		{"unknown severity", path, valid(map[string]any{"severity": "severe"}), 422, "severity"},
		{"unknown category", path, valid(map[string]any{"category": "hygiene"}), 422, "category"},
		{"unknown status", path, valid(map[string]any{"status": "done"}), 422, "status"},
		{"no description", path, valid(map[string]any{"description": "   "}), 422, "description"},
		{"closed without a note", path, valid(map[string]any{"status": "closed"}), 422, "verification_note"},
		{"requirement too long", path, valid(map[string]any{"requirement": strings.Repeat("é", 201)}), 422, "requirement"},
		{"owner too long", path, valid(map[string]any{"owner": strings.Repeat("x", 201)}), 422, "owner"},
		{"cancelled inspection", fmt.Sprintf("/api/v1/inspections/%d/findings", cancelled.id()), valid(nil), 422, "inspection_id"},
		{"inspection that does not exist", "/api/v1/inspections/99999/findings", valid(nil), 404, ""},
		{"malformed JSON", path, `{"severity":`, 400, ""},
		{"due date as a number", path, valid(map[string]any{"due_date": 20260701}), 400, "due_date"},
		{"site_id is not settable", path, valid(map[string]any{"site_id": site.ID}), 400, "site_id"},
		{"planned inspection", fmt.Sprintf("/api/v1/inspections/%d/findings", planned.id()), valid(nil), 201, ""},
		{"owner of 200 characters", path, valid(map[string]any{"owner": strings.Repeat("é", 200)}), 201, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := f.srv.Do(model.RoleProcurement, http.MethodPost, tc.path, tc.body).Want(tc.status)
			if _, ok := r.ErrorFields()[tc.field]; tc.field != "" && !ok {
				t.Errorf("error fields %v do not name %q", r.ErrorFields(), tc.field)
			}
		})
	}
	f.srv.Do(model.RoleAuditor, http.MethodPost, path, valid(nil)).Want(403)
}

func TestCloseAndReopenFinding(t *testing.T) {
	t.Parallel()
	f := newRecordsFixture(t)
	path, _ := f.completedInspection()
	fd := f.create(path, map[string]any{"severity": "critical", "category": "esd", "description": "Ionisers off", "owner": "Li Wei"})
	findingPath := fmt.Sprintf("/api/v1/findings/%d", fd.id())

	r := f.srv.Do(model.RoleProcurement, http.MethodPatch, findingPath, map[string]any{"version": 1, "status": "closed"}).Want(422)
	if _, ok := r.ErrorFields()["verification_note"]; !ok {
		t.Errorf("closing without a note: fields %v, want verification_note", r.ErrorFields())
	}
	f.srv.Do(model.RoleProcurement, http.MethodPatch, findingPath, map[string]any{"version": 1, "status": "closed", "verification_note": "  "}).Want(422)

	inProgress := f.patch(findingPath, map[string]any{"version": 1, "status": "in_progress", "corrective_action": "Replace ionisers"})
	if inProgress["verified_by_id"] != nil || inProgress["verified_at"] != nil {
		t.Errorf("in progress finding has a verifier: %v", inProgress)
	}

	// The manager closes it: the manager is recorded, not the creator.
	closeBody := testutil.Signed(map[string]any{"version": inProgress.version(), "status": "closed", "verification_note": "Ionisers replaced, balance tested"}, model.MeaningVerified)
	closed := apiRecord(f.srv.Do(model.RoleManager, http.MethodPatch, findingPath, closeBody).Want(200).JSON())
	if closed.num("verified_by_id") != f.user(model.RoleManager) || closed.str("verified_by_name") != "Test manager" {
		t.Errorf("verified_by %v %q, want the manager", closed["verified_by_id"], closed.str("verified_by_name"))
	}
	if closed.str("verified_at") != "2026-06-15T10:00:00Z" {
		t.Errorf("verified_at %q, want the clock's time", closed.str("verified_at"))
	}
	changes := f.auditChanges("finding", fd.id(), "finding.update")
	if old, new := f.change(changes, "status"); old != "in_progress" || new != "closed" {
		t.Errorf("audit status [%v %v], want [in_progress closed]", old, new)
	}
	if _, new := f.change(changes, "verification_note"); new != "Ionisers replaced, balance tested" {
		t.Errorf("audit verification_note new %v", new)
	}

	// Reopening clears the verification, which no longer holds.
	reopened := f.patch(findingPath, map[string]any{"version": closed.version(), "status": "open"})
	if reopened["verified_by_id"] != nil || reopened["verified_at"] != nil || reopened.str("verification_note") != "" {
		t.Errorf("reopened finding keeps its verification: by %v at %v note %q", reopened["verified_by_id"], reopened["verified_at"], reopened.str("verification_note"))
	}
	f.srv.Do(model.RoleProcurement, http.MethodPatch, findingPath, map[string]any{"version": reopened.version(), "status": "closed"}).Want(422)
	f.srv.Do(model.RoleProcurement, http.MethodPatch, findingPath, map[string]any{"version": closed.version(), "owner": "Stale"}).Want(409)

	got := apiRecord(f.srv.Do(model.RoleAuditor, http.MethodGet, findingPath, nil).Want(200).JSON())
	if got.str("status") != "open" || got.str("owner") != "Li Wei" || got.str("corrective_action") != "Replace ionisers" {
		t.Errorf("GET after edits: %v", got)
	}
	f.srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/findings/99999", nil).Want(404)
}

func TestUpdateFindingValidation(t *testing.T) {
	t.Parallel()
	f := newRecordsFixture(t)
	path, _ := f.completedInspection()
	fd := f.create(path, map[string]any{"severity": "minor", "category": "quality", "description": "Labels faded"})
	findingPath := fmt.Sprintf("/api/v1/findings/%d", fd.id())
	for _, tc := range []struct {
		name   string
		body   map[string]any
		status int
		field  string
	}{
		{"no version", map[string]any{"owner": "x"}, 422, "version"},
		{"unknown severity", map[string]any{"version": 1, "severity": "huge"}, 422, "severity"},
		{"null category", map[string]any{"version": 1, "category": nil}, 422, "category"},
		{"empty description", map[string]any{"version": 1, "description": ""}, 422, "description"},
		{"inspection is not editable", map[string]any{"version": 1, "inspection_id": 5}, 400, "inspection_id"},
		{"due date wrong", map[string]any{"version": 1, "due_date": "soon"}, 400, "due_date"},
		{"clear the due date", map[string]any{"version": 1, "due_date": nil}, 200, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := f.srv.Do(model.RoleProcurement, http.MethodPatch, findingPath, tc.body).Want(tc.status)
			if _, ok := r.ErrorFields()[tc.field]; tc.field != "" && !ok {
				t.Errorf("error fields %v do not name %q", r.ErrorFields(), tc.field)
			}
		})
	}
	changes := f.auditChanges("finding", fd.id(), "finding.update")
	if old, new := f.change(changes, "due_date"); old != fromToday(90) || new != nil {
		t.Errorf("audit due_date [%v %v], want [%s null]", old, new, fromToday(90))
	}
	if _, new := f.change(f.auditChanges("finding", fd.id(), "finding.create"), "description"); new != "Labels faded" {
		t.Errorf("create audit description %v", new)
	}
}

func TestListFindings(t *testing.T) {
	t.Parallel()
	f := newRecordsFixture(t)
	pathA, siteA := f.completedInspection()
	pathB, siteB := f.completedInspection()
	mk := func(path string, body map[string]any) int64 { return f.create(path, body).id() }
	overdue := mk(pathA, map[string]any{"severity": "major", "category": "quality", "description": "Calibration lapsed", "due_date": fromToday(-5), "owner": "Q. Manager"})
	closedLate := mk(pathA, testutil.Signed(map[string]any{"severity": "critical", "category": "security", "description": "Badge access open", "due_date": fromToday(-5),
		"status": "closed", "verification_note": "Access control fixed"}, model.MeaningVerified))
	dueToday := mk(pathA, map[string]any{"severity": "minor", "category": "process", "description": "Work instruction 50% translated", "due_date": fromToday(0), "status": "in_progress"})
	observation := mk(pathB, map[string]any{"severity": "observation", "category": "other", "description": "Good 5S practice", "requirement": "ISO 9001:2015 7.1.4"})
	critical := mk(pathB, map[string]any{"severity": "critical", "category": "traceability", "description": "Lot records missing"})

	tests := []struct {
		query string
		want  []int64
	}{
		{"", []int64{overdue, closedLate, dueToday, critical, observation}},
		{"sort=-due_date", []int64{critical, dueToday, closedLate, overdue, observation}},
		{"sort=severity", []int64{closedLate, critical, overdue, dueToday, observation}},
		{"sort=-severity", []int64{observation, dueToday, overdue, critical, closedLate}},
		{"sort=status", []int64{overdue, observation, critical, dueToday, closedLate}},
		{"overdue=true", []int64{overdue}},
		{"overdue=false", []int64{closedLate, dueToday, critical, observation}},
		{"status=open", []int64{overdue, critical, observation}},
		{"status=open,in_progress", []int64{overdue, dueToday, critical, observation}},
		{"status=closed", []int64{closedLate}},
		{"severity=critical", []int64{closedLate, critical}},
		{fmt.Sprintf("site_id=%d", siteB.ID), []int64{critical, observation}},
		{fmt.Sprintf("inspection_id=%d&sort=created_at", inspectionOf(t, f, overdue)), []int64{overdue, closedLate, dueToday}},
		{"q=calibration", []int64{overdue}},
		{"q=manager", []int64{overdue}},
		{"q=9001", []int64{observation}},
		{"q=50%25", []int64{dueToday}},
		{"sort=created_at&page=2&page_size=2", []int64{dueToday, observation}},
	}
	for _, tc := range tests {
		t.Run(tc.query, func(t *testing.T) {
			got, _ := f.listIDs("/api/v1/findings?" + tc.query)
			if !slices.Equal(got, tc.want) {
				t.Errorf("ids %v, want %v", got, tc.want)
			}
		})
	}
	items, total := f.list("/api/v1/findings?overdue=true")
	if total != 1 || items[0]["overdue"] != true || items[0].str("site_code") != siteA.Code || items[0].str("site_name") != siteA.Name {
		t.Errorf("overdue list %v (total %d)", items, total)
	}
	items, _ = f.list(fmt.Sprintf("/api/v1/findings?status=closed&site_id=%d", siteA.ID))
	if items[0]["overdue"] != false || items[0].str("verified_by_name") != "Test procurement" {
		t.Errorf("a closed finding past its due date: overdue %v verified_by_name %q", items[0]["overdue"], items[0].str("verified_by_name"))
	}
	if _, total := f.listIDs("/api/v1/findings?page_size=2"); total != 5 {
		t.Errorf("total %d on a page of 2, want 5", total)
	}
	for _, bad := range []struct{ query, field string }{
		{"status=open,shut", "status"},
		{"severity=high", "severity"},
		{"overdue=maybe", "overdue"},
		{"sort=owner", "sort"},
		{"inspection_id=-1", "inspection_id"},
	} {
		r := f.srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/findings?"+bad.query, nil).Want(422)
		if _, ok := r.ErrorFields()[bad.field]; !ok {
			t.Errorf("%s: error fields %v do not name %q", bad.query, r.ErrorFields(), bad.field)
		}
	}
}

// inspectionOf reads a finding's inspection id.
func inspectionOf(t *testing.T, f *recordsFixture, findingID int64) int64 {
	t.Helper()
	return apiRecord(f.srv.Do(model.RoleAuditor, http.MethodGet, fmt.Sprintf("/api/v1/findings/%d", findingID), nil).Want(200).JSON()).num("inspection_id")
}
