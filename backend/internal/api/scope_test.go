package api_test

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/qualtrack/qualtrack/backend/internal/auth"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// scopeWorld is one manufacturer with a record of every kind, each of
// whose texts carries marker, so a response leaking it is easy to spot.
type scopeWorld struct {
	marker                                                                      string
	manufacturer, site, inspection, planned, finding, certification, attachment int64
	// correctiveAction was issued for finding; its supplier answered
	// containment with caFile attached.
	correctiveAction, caFile int64
	// change is a change notification its supplier sent for site, with
	// changeFile attached.
	change, changeFile int64
	// assessment is a questionnaire sent for site; its supplier saved a
	// draft answer with assessmentFile as evidence.
	assessment, assessmentFile int64
}

func newScopeWorld(t *testing.T, srv *testutil.Server, marker string) scopeWorld {
	t.Helper()
	w := scopeWorld{marker: marker}
	do := func(path string, body any) int64 {
		t.Helper()
		return apiRecord(srv.Do(model.RoleManager, http.MethodPost, path, body).Want(http.StatusCreated).JSON()).id()
	}
	w.manufacturer = do("/api/v1/manufacturers", map[string]any{"name": marker + " Corp", "country": "CN"})
	w.site = do("/api/v1/sites", map[string]any{"manufacturer_id": w.manufacturer, "code": marker + "-SZ1",
		"name": marker + " plant", "country": "CN", "risk_tier": "high"})
	srv.Do(model.RoleManager, http.MethodPost, fmt.Sprintf("/api/v1/sites/%d/qualification", w.site),
		testutil.Signed(map[string]any{"status": "in_qualification", "reason": marker + " starts"}, model.MeaningApproved)).Want(http.StatusOK, http.StatusCreated)
	w.inspection = do("/api/v1/inspections", testutil.Signed(map[string]any{"site_id": w.site, "type": "qualification", "status": "completed",
		"performed_date": fromToday(-20), "result": "conditional", "score": 70, "summary": marker + " visit"}, model.MeaningAuthored))
	w.planned = do("/api/v1/inspections", map[string]any{"site_id": w.site, "type": "routine",
		"scheduled_date": fromToday(10), "summary": marker + " next"})
	w.finding = do(fmt.Sprintf("/api/v1/inspections/%d/findings", w.inspection), map[string]any{"severity": "major",
		"category": "esd", "description": marker + " wrist straps untested", "due_date": fromToday(-2)})
	w.certification = do("/api/v1/certifications", map[string]any{"site_id": w.site, "standard": "ISO 9001:2015",
		"certificate_number": marker + "-Q1", "issuing_body": "TUV", "issued_on": fromToday(-1000), "expires_on": fromToday(30)})
	// A component source holding a certificate: a row of the certifications
	// list, in scope as its site is.
	do(fmt.Sprintf("/api/v1/sites/%d/component-sources", w.site), map[string]any{"name": marker + " Distribution", "source_type": "authorised_distributor",
		"authorised": true, "certification_standard": "SAE AS6081", "certificate_number": marker + "-AS", "certificate_expires_on": fromToday(25)})
	w.attachment = attDecode(attUpload(t, srv, model.RoleManager, fmt.Sprintf("/api/v1/sites/%d/attachments", w.site),
		marker+"-audit.pdf", []byte("%PDF-1.4 "+marker)).Want(http.StatusCreated)).ID
	w.correctiveAction = do(fmt.Sprintf("/api/v1/findings/%d/corrective-action", w.finding), map[string]any{"request": marker + " contain it"})
	_, supplier := srv.CreateSupplier(strings.ToLower(marker)+"@supplier.example", w.manufacturer)
	caPath := fmt.Sprintf("/api/v1/supplier/corrective-actions/%d/stages/d3", w.correctiveAction)
	w.caFile = apiRecord(supplierUpload(t, srv, supplier, caPath+"/files", marker+"-containment.pdf", []byte("%PDF-1.4 "+marker)).Want(http.StatusCreated).JSON()).id()
	srv.DoWith(supplier, http.MethodPost, caPath+"/submit", map[string]any{"text": marker + " lots quarantined"}).Want(http.StatusCreated)
	w.change = apiRecord(srv.DoWith(supplier, http.MethodPost, "/api/v1/supplier/change-notifications", map[string]any{"kind": "equipment",
		"title": marker + " new reflow oven", "site_ids": []int64{w.site}}).Want(http.StatusCreated).JSON()).id()
	w.changeFile = attDecode(supplierUpload(t, srv, supplier, fmt.Sprintf("/api/v1/supplier/change-notifications/%d/files", w.change),
		marker+"-oven-drawing.pdf", []byte("%PDF-1.4 "+marker+" oven")).Want(http.StatusCreated)).ID
	// Templates are shared by every manufacturer: no marker in the name.
	tpl := do("/api/v1/checklist-templates", clTemplateBody("Self-assessment "+strings.ToLower(marker)))
	a := apiRecord(srv.Do(model.RoleProcurement, http.MethodPost, "/api/v1/self-assessments", map[string]any{"site_id": w.site, "template_id": tpl,
		"due_date": fromToday(14), "message": marker + " answer before the visit"}).Want(http.StatusCreated).JSON())
	w.assessment = a.id()
	w.assessmentFile = attDecode(supplierUpload(t, srv, supplier, fmt.Sprintf("/api/v1/supplier/self-assessments/%d/files", w.assessment),
		marker+"-calibration.pdf", []byte("%PDF-1.4 "+marker+" calibration")).Want(http.StatusCreated)).ID
	item := apiRecord(apiRecord(a["sections"].([]any)[0].(map[string]any))["items"].([]any)[0].(map[string]any))
	srv.DoWith(supplier, http.MethodPut, fmt.Sprintf("/api/v1/supplier/self-assessments/%d/answers", w.assessment), map[string]any{"version": a.version(),
		"answers": []any{map[string]any{"item_id": item.id(), "answer": "yes", "note": marker + " all from distributors", "attachment_ids": []int64{w.assessmentFile}}}}).
		Want(http.StatusOK)
	return w
}

// ids maps a path prefix to the record of the world an :id there names.
func (w scopeWorld) id(path string) (int64, bool) {
	for _, p := range []struct {
		prefix string
		id     int64
	}{{"/manufacturers/", w.manufacturer}, {"/sites/", w.site}, {"/inspections/", w.inspection},
		{"/findings/", w.finding}, {"/certifications/", w.certification}, {"/attachments/", w.attachment},
		{"/corrective-actions/", w.correctiveAction}, {"/corrective-action-files/", w.caFile},
		{"/supplier/sites/", w.site}, {"/supplier/corrective-actions/", w.correctiveAction}, {"/supplier/corrective-action-files/", w.caFile},
		{"/change-notifications/", w.change}, {"/supplier/change-notifications/", w.change}, {"/supplier/change-notification-files/", w.changeFile},
		{"/self-assessments/", w.assessment}, {"/supplier/self-assessments/", w.assessment}, {"/supplier/self-assessment-files/", w.assessmentFile}} {
		if strings.HasPrefix(path, p.prefix) {
			return p.id, true
		}
	}
	return 0, false
}

// visibleText is what a response shows: its body, or for a workbook the
// text of every cell of every sheet.
func visibleText(t *testing.T, r *testutil.Response) string {
	t.Helper()
	if !strings.Contains(r.Header.Get("Content-Type"), "spreadsheetml") {
		return string(r.Body)
	}
	f, err := excelize.OpenReader(bytes.NewReader(r.Body))
	testutil.Fatal(t, err, "open workbook %s", r.Path)
	defer func() { _ = f.Close() }()
	var b strings.Builder
	for _, sh := range f.GetSheetList() {
		rows, err := f.GetRows(sh)
		testutil.Fatal(t, err, "read sheet %s", sh)
		for _, row := range rows {
			b.WriteString(strings.Join(row, "\t") + "\n")
		}
	}
	return b.String()
}

// scopedAuditor creates an auditor limited to the manufacturers and
// returns their bearer header.
func scopedAuditor(t *testing.T, srv *testutil.Server, email string, manufacturers ...int64) (model.User, http.Header) {
	t.Helper()
	u := srv.CreateUser(email, model.RoleAuditor)
	var got struct {
		ScopeManufacturerIDs []int64 `json:"scope_manufacturer_ids"`
	}
	srv.Do(model.RoleAdmin, http.MethodPatch, fmt.Sprintf("/api/v1/users/%d", u.ID),
		map[string]any{"version": u.Version, "scope_manufacturer_ids": manufacturers}).Want(http.StatusOK).Decode(&got)
	if fmt.Sprint(got.ScopeManufacturerIDs) != fmt.Sprint(manufacturers) {
		t.Fatalf("scope_manufacturer_ids = %v, want %v", got.ScopeManufacturerIDs, manufacturers)
	}
	h := http.Header{}
	h.Set("Authorization", "Bearer "+srv.Login(email, testutil.Password))
	return u, h
}

// A scoped auditor walks every GET route of the route table, with ids of
// records inside and outside the scope, and sees nothing from outside it:
// outside ids are 404, lists, dashboard, audit trail and workbooks hold no
// outside record. The same walk as an unscoped auditor does see the
// outside records, so the check can fail.
func TestScopedAuditorSeesNothingOutsideTheScope(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	in := newScopeWorld(t, srv, "INSIDE")
	out := newScopeWorld(t, srv, "OUTSIDE")
	srv.Do(model.RoleManager, http.MethodPost, "/api/v1/checklist-templates", clTemplateBody("Walk template")).Want(http.StatusCreated)
	_, scoped := scopedAuditor(t, srv, "scoped@example.com", in.manufacturer)
	open := http.Header{}
	open.Set("Authorization", "Bearer "+srv.Tokens[model.RoleAuditor])

	leaksSeen := 0
	for _, rt := range srv.API.Routes() {
		if rt.Method != http.MethodGet || !rt.API || rt.Permission == auth.Public || !rt.Permission.Allows(model.RoleAuditor) {
			continue
		}
		t.Run(rt.Path, func(t *testing.T) {
			if !strings.Contains(rt.Path, ":") {
				r := srv.DoWith(scoped, http.MethodGet, "/api/v1"+rt.Path, nil).Want(http.StatusOK)
				if text := visibleText(t, r); strings.Contains(text, "OUTSIDE") {
					t.Errorf("scoped auditor sees an outside record:\n%.600s", text)
				}
				if text := visibleText(t, srv.DoWith(open, http.MethodGet, "/api/v1"+rt.Path, nil).Want(http.StatusOK)); strings.Contains(text, "OUTSIDE") {
					leaksSeen++
				}
				return
			}
			inID, ok := in.id(rt.Path)
			if !ok { // checklist templates: shared by every manufacturer
				return
			}
			outID, _ := out.id(rt.Path)
			path := func(id int64) string { return "/api/v1" + pathParam.ReplaceAllString(rt.Path, fmt.Sprint(id)) }
			r := srv.DoWith(scoped, http.MethodGet, path(inID), nil).Want(http.StatusOK)
			if text := visibleText(t, r); strings.Contains(text, "OUTSIDE") {
				t.Errorf("inside record shows outside data:\n%.600s", text)
			}
			if r := srv.DoWith(scoped, http.MethodGet, path(outID), nil); r.Status != http.StatusNotFound {
				t.Errorf("outside record: %d, want 404: %.300s", r.Status, r.Body)
			}
			srv.DoWith(open, http.MethodGet, path(outID), nil).Want(http.StatusOK)
		})
	}
	if leaksSeen < 10 {
		t.Errorf("an unscoped auditor saw outside records on only %d list routes; the walk proves nothing", leaksSeen)
	}

	var dash struct {
		SitesByStatus map[string]int `json:"sites_by_status"`
		Overdue       int            `json:"overdue_findings"`
	}
	srv.DoWith(scoped, http.MethodGet, "/api/v1/dashboard", nil).Want(http.StatusOK).Decode(&dash)
	if dash.SitesByStatus["in_qualification"] != 1 || dash.Overdue != 1 {
		t.Errorf("scoped dashboard = %+v, want one site and one overdue finding", dash)
	}
	var sites struct {
		Items []apiRecord `json:"items"`
		Total int         `json:"total"`
	}
	srv.DoWith(scoped, http.MethodGet, "/api/v1/sites", nil).Want(http.StatusOK).Decode(&sites)
	if sites.Total != 1 || sites.Items[0].id() != in.site {
		t.Errorf("scoped sites = %+v, want only %d", sites, in.site)
	}
	f := xlOpen(t, srv.DoWith(scoped, http.MethodGet, "/api/v1/reports/findings.xlsx", nil).Want(http.StatusOK))
	if text := strings.Join(flatten(xlRows(t, f, "Findings")), "\n"); !strings.Contains(text, "INSIDE wrist straps") {
		t.Errorf("scoped findings report lacks the inside finding:\n%s", text)
	}

	// The calendar feed of a scoped auditor lists only inside records.
	feed := apiRecord(srv.DoWith(scoped, http.MethodPost, "/api/v1/me/calendar-token", nil).Want(http.StatusOK, http.StatusCreated).JSON())
	r := srv.Do("", http.MethodGet, feed.str("url")[strings.Index(feed.str("url"), "/calendar/"):], nil).Want(http.StatusOK)
	if body := string(r.Body); strings.Contains(body, "OUTSIDE") || !strings.Contains(body, "INSIDE") {
		t.Errorf("scoped calendar feed:\n%s", body)
	}
}

func flatten(rows [][]string) []string {
	var out []string
	for _, r := range rows {
		out = append(out, strings.Join(r, "\t"))
	}
	return out
}

// Changing a scope ends the auditor's sessions like a role change; only
// auditors can be limited, and only to manufacturers that exist.
func TestManufacturerScopeChanges(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	in := newScopeWorld(t, srv, "INSIDE")
	u, h := scopedAuditor(t, srv, "scoped@example.com", in.manufacturer)
	srv.DoWith(h, http.MethodGet, "/api/v1/sites", nil).Want(http.StatusOK)
	user := apiRecord(srv.Do(model.RoleAdmin, http.MethodGet, fmt.Sprintf("/api/v1/users/%d", u.ID), nil).Want(http.StatusOK).JSON())
	srv.Do(model.RoleAdmin, http.MethodPatch, fmt.Sprintf("/api/v1/users/%d", u.ID),
		map[string]any{"version": user.version(), "scope_manufacturer_ids": nil}).Want(http.StatusOK)
	srv.DoWith(h, http.MethodGet, "/api/v1/sites", nil).Want(http.StatusUnauthorized)
	user = apiRecord(srv.Do(model.RoleAdmin, http.MethodGet, fmt.Sprintf("/api/v1/users/%d", u.ID), nil).Want(http.StatusOK).JSON())
	if v, ok := user["scope_manufacturer_ids"]; !ok || v != nil {
		t.Errorf("scope_manufacturer_ids = %v (present %v), want null", v, ok)
	}
	for name, c := range map[string]struct {
		id   int64
		body map[string]any
	}{
		"unknown manufacturer": {u.ID, map[string]any{"scope_manufacturer_ids": []int64{in.manufacturer, 999999}}},
		"not an auditor":       {srv.Users[model.RoleProcurement].ID, map[string]any{"scope_manufacturer_ids": []int64{in.manufacturer}}},
	} {
		cur := apiRecord(srv.Do(model.RoleAdmin, http.MethodGet, fmt.Sprintf("/api/v1/users/%d", c.id), nil).Want(http.StatusOK).JSON())
		c.body["version"] = cur.version()
		r := srv.Do(model.RoleAdmin, http.MethodPatch, fmt.Sprintf("/api/v1/users/%d", c.id), c.body).Want(http.StatusUnprocessableEntity)
		if r.ErrorFields()["scope_manufacturer_ids"] == "" {
			t.Errorf("%s: fields %v", name, r.ErrorFields())
		}
	}
}
