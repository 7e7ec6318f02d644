package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

func TestCreateInspectionValidation(t *testing.T) {
	t.Parallel()
	f := newRecordsFixture(t)
	site := f.site(model.RiskMedium)
	archived := f.site(model.RiskLow)
	f.archive(archived.ID)
	disabled := f.srv.CreateUser("gone@example.com", model.RoleProcurement)
	f.srv.Do(model.RoleAdmin, http.MethodPatch, fmt.Sprintf("/api/v1/users/%d", disabled.ID),
		map[string]any{"version": disabled.Version, "active": false}).Want(http.StatusOK)

	planned := func(extra map[string]any) map[string]any {
		b := map[string]any{"site_id": site.ID, "type": "routine", "scheduled_date": fromToday(10)}
		for k, v := range extra {
			b[k] = v
		}
		return b
	}
	completed := func(extra map[string]any) map[string]any {
		b := testutil.Signed(map[string]any{"site_id": site.ID, "type": "routine", "status": "completed", "performed_date": fromToday(0), "result": "pass"}, model.MeaningAuthored)
		for k, v := range extra {
			if v == nil {
				delete(b, k)
				continue
			}
			b[k] = v
		}
		return b
	}
	tests := []struct {
		name   string
		body   any
		status int
		field  string // the field the error names
	}{
		{"planned without scheduled date", map[string]any{"site_id": site.ID, "type": "routine"}, 422, "scheduled_date"},
		{"planned with a result", planned(map[string]any{"result": "pass"}), 422, "result"},
		{"completed without performed date", completed(map[string]any{"performed_date": nil}), 422, "performed_date"},
		{"completed in the future", completed(map[string]any{"performed_date": fromToday(1)}), 422, "performed_date"},
		{"completed without result", completed(map[string]any{"result": nil}), 422, "result"},
		{"unknown type", planned(map[string]any{"type": "surprise"}), 422, "type"},
		{"missing type", map[string]any{"site_id": site.ID, "scheduled_date": fromToday(3)}, 422, "type"},
		{"unknown status", planned(map[string]any{"status": "done"}), 422, "status"},
		{"unknown result", completed(map[string]any{"result": "great"}), 422, "result"},
		{"score 101", completed(map[string]any{"score": 101}), 422, "score"},
		{"score -1", completed(map[string]any{"score": -1}), 422, "score"},
		{"no site", map[string]any{"type": "routine", "scheduled_date": fromToday(3)}, 422, "site_id"},
		{"site that does not exist", planned(map[string]any{"site_id": 99999}), 422, "site_id"},
		{"archived site", planned(map[string]any{"site_id": archived.ID}), 422, "site_id"},
		{"lead inspector that does not exist", planned(map[string]any{"lead_inspector_id": 99999}), 422, "lead_inspector_id"},
		{"auditor as lead inspector", planned(map[string]any{"lead_inspector_id": f.user(model.RoleAuditor)}), 422, "lead_inspector_id"},
		{"disabled lead inspector", planned(map[string]any{"lead_inspector_id": disabled.ID}), 422, "lead_inspector_id"},
		{"malformed JSON", `{"site_id": 1,`, 400, ""},
		{"score as text", planned(map[string]any{"score": "high"}), 400, "score"},
		{"score with a fraction", planned(map[string]any{"score": 80.5}), 400, "score"},
		{"site_id as text", planned(map[string]any{"site_id": "ACME"}), 400, "site_id"},
		{"date in another format", planned(map[string]any{"scheduled_date": "15/06/2026"}), 400, "scheduled_date"},
		{"date that does not exist", planned(map[string]any{"scheduled_date": "2026-02-30"}), 400, "scheduled_date"},
		{"unknown field", planned(map[string]any{"inspector": "Jane"}), 400, "inspector"},
		{"planned", planned(nil), 201, ""},
		{"completed today with score 100", completed(map[string]any{"score": 100}), 201, ""},
		{"cancelled without dates", map[string]any{"site_id": site.ID, "type": "for_cause", "status": "cancelled"}, 201, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := f.srv.Do(model.RoleProcurement, http.MethodPost, "/api/v1/inspections", tc.body).Want(tc.status)
			if tc.field != "" {
				if _, ok := r.ErrorFields()[tc.field]; !ok {
					t.Errorf("error fields %v do not name %q", r.ErrorFields(), tc.field)
				}
			}
			if tc.status == 422 && r.ErrorCode() != "validation_failed" {
				t.Errorf("code %q, want validation_failed", r.ErrorCode())
			}
			if tc.status == 400 && r.ErrorCode() != "bad_request" {
				t.Errorf("code %q, want bad_request", r.ErrorCode())
			}
		})
	}
}

func TestCreateInspectionDefaultsAndLabels(t *testing.T) {
	t.Parallel()
	f := newRecordsFixture(t)
	site := f.site(model.RiskMedium)
	in := f.create("/api/v1/inspections", map[string]any{
		"site_id": site.ID, "type": "qualification", "scheduled_date": fromToday(14),
		"lead_inspector_id": f.user(model.RoleManager), "team": "  Ana, Bo  ", "scope": "SMT line 2",
	})
	want := map[string]string{
		"status": "planned", "scheduled_date": fromToday(14), "site_code": site.Code,
		"site_name": site.Name, "lead_inspector_name": "Test manager", "team": "Ana, Bo", "result": "",
	}
	for k, v := range want {
		if got := in.str(k); got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
	if in["performed_date"] != nil || in["score"] != nil {
		t.Errorf("performed_date %v, score %v; want null", in["performed_date"], in["score"])
	}
	if in.version() != 1 {
		t.Errorf("version %d, want 1", in.version())
	}
	if c := in.obj("finding_counts"); c.num("critical") != 0 || c.num("open") != 0 {
		t.Errorf("finding_counts %v, want zeros", c)
	}
	got := apiRecord(f.srv.Do(model.RoleAuditor, http.MethodGet, fmt.Sprintf("/api/v1/inspections/%d", in.id()), nil).Want(200).JSON())
	if got.str("site_code") != site.Code || got.str("lead_inspector_name") != "Test manager" {
		t.Errorf("GET returned %v", got)
	}
	f.srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/inspections/99999", nil).Want(404)
	f.srv.Do(model.RoleAuditor, http.MethodPost, "/api/v1/inspections", map[string]any{"site_id": site.ID}).Want(403)
}

func TestInspectionCannotPassWithOpenCriticalFinding(t *testing.T) {
	t.Parallel()
	f := newRecordsFixture(t)
	site := f.site(model.RiskHigh)
	in := f.create("/api/v1/inspections", testutil.Signed(map[string]any{
		"site_id": site.ID, "type": "routine", "status": "completed", "performed_date": fromToday(-2), "result": "conditional",
	}, model.MeaningAuthored))
	path := fmt.Sprintf("/api/v1/inspections/%d", in.id())
	finding := f.create(path+"/findings", map[string]any{"severity": "critical", "category": "esd", "description": "No wrist straps at SMT line 2"})
	f.create(path+"/findings", map[string]any{"severity": "minor", "category": "process", "description": "Work instruction out of date"})

	r := f.srv.Do(model.RoleManager, http.MethodPatch, path, testutil.Signed(map[string]any{"version": in.version(), "result": "pass",
		"correction_reason": "Re-assessed"}, model.MeaningApproved)).Want(422)
	if why := r.ErrorFields()["result"]; !strings.Contains(why, "open critical finding") {
		t.Errorf("result error %q does not mention the open critical finding", why)
	}
	got := apiRecord(f.srv.Do(model.RoleAuditor, http.MethodGet, path, nil).Want(200).JSON())
	if got.str("result") != "conditional" {
		t.Errorf("result %q after refused change, want conditional", got.str("result"))
	}
	if c := got.obj("finding_counts"); c.num("critical") != 1 || c.num("minor") != 1 || c.num("open") != 2 {
		t.Errorf("finding_counts %v, want 1 critical, 1 minor, 2 open", c)
	}

	f.patch(fmt.Sprintf("/api/v1/findings/%d", finding.id()), testutil.Signed(map[string]any{
		"version": finding.version(), "status": "closed", "verification_note": "Straps issued and checked on site",
	}, model.MeaningVerified))
	// Changing a completed inspection's result is a manager's correction.
	correct := func(version int64, result string) map[string]any {
		return testutil.Signed(map[string]any{"version": version, "result": result, "correction_reason": "Re-assessed"}, model.MeaningApproved)
	}
	passed := apiRecord(f.srv.Do(model.RoleManager, http.MethodPatch, path, correct(in.version(), "pass")).Want(200).JSON())
	if passed.str("result") != "pass" {
		t.Errorf("result %q, want pass", passed.str("result"))
	}
	if c := passed.obj("finding_counts"); c.num("critical") != 1 || c.num("open") != 1 {
		t.Errorf("finding_counts %v, want the closed critical still counted and 1 open", c)
	}

	// A critical finding recorded after the inspection passed is kept; it
	// does not block other edits, only setting pass again.
	f.create(path+"/findings", map[string]any{"severity": "critical", "category": "security", "description": "Found in the report review"})
	edited := f.patch(path, map[string]any{"version": passed.version(), "summary": "Report reviewed"})
	if edited.str("result") != "pass" || edited.obj("finding_counts").num("critical") != 2 {
		t.Errorf("result %q critical %d, want pass kept and 2 critical findings", edited.str("result"), edited.obj("finding_counts").num("critical"))
	}
	downgraded := apiRecord(f.srv.Do(model.RoleManager, http.MethodPatch, path, correct(edited.version(), "conditional")).Want(200).JSON())
	f.srv.Do(model.RoleManager, http.MethodPatch, path, correct(downgraded.version(), "pass")).Want(422)
}

func TestUpdateInspectionVersionAndValidation(t *testing.T) {
	t.Parallel()
	f := newRecordsFixture(t)
	site := f.site(model.RiskMedium)
	in := f.create("/api/v1/inspections", map[string]any{"site_id": site.ID, "type": "routine", "scheduled_date": fromToday(5)})
	path := fmt.Sprintf("/api/v1/inspections/%d", in.id())

	tests := []struct {
		name   string
		body   map[string]any
		status int
		code   string
		field  string
	}{
		{"no version", map[string]any{"summary": "x"}, 422, "validation_failed", "version"},
		{"complete without result", map[string]any{"version": 1, "status": "completed", "performed_date": fromToday(0)}, 422, "validation_failed", "result"},
		{"complete in the future", map[string]any{"version": 1, "status": "completed", "performed_date": fromToday(3), "result": "pass"}, 422, "validation_failed", "performed_date"},
		{"clear the scheduled date of a planned one", map[string]any{"version": 1, "scheduled_date": nil}, 422, "validation_failed", "scheduled_date"},
		{"score 101", map[string]any{"version": 1, "score": 101}, 422, "validation_failed", "score"},
		{"auditor as lead", map[string]any{"version": 1, "lead_inspector_id": f.user(model.RoleAuditor)}, 422, "validation_failed", "lead_inspector_id"},
		{"site that does not exist", map[string]any{"version": 1, "site_id": 424242}, 422, "validation_failed", "site_id"},
		{"wrong type", map[string]any{"version": 1, "score": true}, 400, "bad_request", "score"},
		{"read-only field", map[string]any{"version": 1, "site_code": "X"}, 400, "bad_request", "site_code"},
		{"edit", map[string]any{"version": 1, "summary": "Agreed agenda", "lead_inspector_id": f.user(model.RoleAdmin)}, 200, "", ""},
		{"stale version", map[string]any{"version": 1, "summary": "Overwrite"}, 409, "version_conflict", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := f.srv.Do(model.RoleProcurement, http.MethodPatch, path, tc.body).Want(tc.status)
			if r.ErrorCode() != tc.code {
				t.Errorf("code %q, want %q", r.ErrorCode(), tc.code)
			}
			if _, ok := r.ErrorFields()[tc.field]; tc.field != "" && !ok {
				t.Errorf("error fields %v do not name %q", r.ErrorFields(), tc.field)
			}
		})
	}
	got := apiRecord(f.srv.Do(model.RoleAuditor, http.MethodGet, path, nil).Want(200).JSON())
	if got.str("summary") != "Agreed agenda" || got.version() != 2 || got.str("lead_inspector_name") != "Test admin" {
		t.Errorf("after edits: summary %q version %d lead %q", got.str("summary"), got.version(), got.str("lead_inspector_name"))
	}
	f.srv.Do(model.RoleProcurement, http.MethodPatch, "/api/v1/inspections/99999", map[string]any{"version": 1}).Want(404)
}

func TestCompletingAnInspectionIsAudited(t *testing.T) {
	t.Parallel()
	f := newRecordsFixture(t)
	site := f.site(model.RiskMedium)
	in := f.create("/api/v1/inspections", map[string]any{"site_id": site.ID, "type": "routine", "scheduled_date": fromToday(-1)})
	f.patch(fmt.Sprintf("/api/v1/inspections/%d", in.id()), testutil.Signed(map[string]any{
		"version": in.version(), "status": "completed", "performed_date": fromToday(-1), "result": "pass", "score": 91,
	}, model.MeaningAuthored))
	changes := f.auditChanges("inspection", in.id(), "inspection.update")
	for field, want := range map[string][2]any{
		"status":         {"planned", "completed"},
		"result":         {"", "pass"},
		"performed_date": {nil, fromToday(-1)},
		"score":          {nil, float64(91)},
	} {
		old, new := f.change(changes, field)
		if old != want[0] || new != want[1] {
			t.Errorf("audit %s: [%v %v], want %v", field, old, new, want)
		}
	}
	if _, ok := changes["scheduled_date"]; ok {
		t.Errorf("audit lists the unchanged scheduled_date: %v", changes)
	}
	created := f.auditChanges("inspection", in.id(), "inspection.create")
	if _, new := f.change(created, "status"); new != "planned" {
		t.Errorf("create audit status %v, want planned", new)
	}
}

func TestDeleteInspection(t *testing.T) {
	t.Parallel()
	f := newRecordsFixture(t)
	site := f.site(model.RiskMedium)
	newInspection := func(body map[string]any) int64 {
		b := map[string]any{"site_id": site.ID, "type": "routine", "scheduled_date": fromToday(20)}
		for k, v := range body {
			b[k] = v
		}
		return f.create("/api/v1/inspections", b).id()
	}
	withFinding := newInspection(nil)
	f.create(fmt.Sprintf("/api/v1/inspections/%d/findings", withFinding), map[string]any{"severity": "minor", "category": "other", "description": "Seen on the pre-visit call"})

	tests := []struct {
		name    string
		role    model.Role
		id      int64
		status  int
		message string
	}{
		{"planned by admin", model.RoleAdmin, newInspection(nil), 204, ""},
		{"planned by manager", model.RoleManager, newInspection(nil), 403, ""},
		{"planned by procurement", model.RoleProcurement, newInspection(nil), 403, ""},
		{"completed", model.RoleAdmin, newInspection(testutil.Signed(map[string]any{"status": "completed", "performed_date": fromToday(-3), "result": "pass"}, model.MeaningAuthored)), 409, "kept as history"},
		{"cancelled", model.RoleAdmin, newInspection(map[string]any{"status": "cancelled"}), 409, "kept as history"},
		{"planned with a finding", model.RoleAdmin, withFinding, 409, "finding"},
		{"missing", model.RoleAdmin, 99999, 404, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := fmt.Sprintf("/api/v1/inspections/%d", tc.id)
			r := f.srv.Do(tc.role, http.MethodDelete, path, nil).Want(tc.status)
			if tc.message != "" && !strings.Contains(string(r.Body), tc.message) {
				t.Errorf("body %s does not say %q", r.Body, tc.message)
			}
			if tc.status == 409 && r.ErrorCode() != "conflict" {
				t.Errorf("code %q, want conflict", r.ErrorCode())
			}
			want := 200
			if tc.status == 204 || tc.status == 404 {
				want = 404
			}
			f.srv.Do(model.RoleAuditor, http.MethodGet, path, nil).Want(want)
		})
	}
	deleted := tests[0].id
	changes := f.auditChanges("inspection", deleted, "inspection.delete")
	var rec struct {
		ID            int64  `json:"id"`
		Status        string `json:"status"`
		ScheduledDate string `json:"scheduled_date"`
	}
	if err := json.Unmarshal(changes["deleted"], &rec); err != nil || rec.ID != deleted || rec.Status != "planned" || rec.ScheduledDate != fromToday(20) {
		t.Errorf("deleted record in audit = %+v (%v), want the planned inspection", rec, err)
	}
}
