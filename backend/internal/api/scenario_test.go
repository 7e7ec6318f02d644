package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// The whole story of qualifying a site, as docs/rules.md tells it, through the
// API with real tokens for each role.
func TestQualificationScenario(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	id := func(r *testutil.Response) int64 { return int64(r.JSON()["id"].(float64)) }
	version := func(r *testutil.Response) int64 { return int64(r.JSON()["version"].(float64)) }

	// Procurement records the manufacturer and its site.
	m := srv.Do(model.RoleProcurement, "POST", "/api/v1/manufacturers", map[string]any{
		"name": "Acme Contract Manufacturing", "legal_name": "Acme CM Ltd.", "country": "cn", "website": "https://acme.example"}).Want(201)
	site := srv.Do(model.RoleProcurement, "POST", "/api/v1/sites", map[string]any{
		"manufacturer_id": id(m), "code": "acme-sz1", "name": "Shenzhen Plant 1", "city": "Shenzhen", "country": "CN",
		"processes": []string{"smt", "final_assembly"}, "risk_tier": "high", "approved_scope": "SMT and final assembly of servers"}).Want(201)
	siteID := id(site)
	if got := site.JSON(); got["code"] != "ACME-SZ1" || got["qualification_status"] != "prospective" {
		t.Fatalf("new site %v", got)
	}

	// Procurement starts the qualification: the one decision it may make.
	srv.Do(model.RoleProcurement, "POST", path("/api/v1/sites/%d/qualification", siteID), testutil.Signed(map[string]any{
		"status": "in_qualification", "reason": "Selected for the next server generation"}, model.MeaningApproved)).Want(201)

	// Procurement plans the qualification inspection.
	lead := srv.Users[model.RoleProcurement].ID
	ins := srv.Do(model.RoleProcurement, "POST", "/api/v1/inspections", map[string]any{
		"site_id": siteID, "type": "qualification", "scheduled_date": "2026-06-10", "lead_inspector_id": lead,
		"scope": "SMT, ESD, traceability, firmware programming"}).Want(201)
	insID := id(ins)

	// The manager tries to qualify before the inspection is done: refused,
	// with every unmet rule in words.
	r := srv.Do(model.RoleManager, "POST", path("/api/v1/sites/%d/qualification", siteID), map[string]any{
		"status": "qualified", "reason": "Looks fine"}).Want(422)
	fields := r.ErrorFields()
	if fields["inspection"] == "" || fields["certification"] == "" {
		t.Fatalf("refusal does not list the unmet rules: %s", r.Body)
	}

	// The inspection is done and passed, with a minor finding.
	fnd := srv.Do(model.RoleProcurement, "POST", path("/api/v1/inspections/%d/findings", insID), map[string]any{
		"severity": "minor", "category": "esd", "requirement": "ANSI/ESD S20.20 7.3",
		"description": "Two wrist-strap testers past calibration", "owner": "Site quality manager"}).Want(201)
	if due := fnd.JSON()["due_date"]; due != "2026-09-13" { // minor: 90 days from 2026-06-15
		t.Fatalf("default due date %v", due)
	}
	srv.Do(model.RoleProcurement, "PATCH", path("/api/v1/inspections/%d", insID), testutil.Signed(map[string]any{
		"version": version(ins), "status": "completed", "performed_date": "2026-06-12", "result": "pass", "score": 91,
		"summary": "Processes under control"}, model.MeaningAuthored)).Want(200)

	// An ISO 9001 certificate.
	srv.Do(model.RoleProcurement, "POST", "/api/v1/certifications", map[string]any{
		"site_id": siteID, "standard": "ISO 9001:2015", "certificate_number": "CN-9001-4711", "issuing_body": "TÜV SÜD",
		"issued_on": "2025-03-01", "expires_on": "2028-02-28", "verified": true}).Want(201)

	// Procurement may not qualify.
	r = srv.Do(model.RoleProcurement, "POST", path("/api/v1/sites/%d/qualification", siteID), map[string]any{
		"status": "qualified", "reason": "All evidence in place"}).Want(403)
	if r.ErrorCode() != "forbidden" {
		t.Fatalf("code %s", r.ErrorCode())
	}
	// The manager may, now that the evidence is there.
	srv.Do(model.RoleManager, "POST", path("/api/v1/sites/%d/qualification", siteID), testutil.Signed(map[string]any{
		"status": "qualified", "reason": "Qualification audit passed; ISO 9001 verified"}, model.MeaningApproved)).Want(201)
	got := srv.Do(model.RoleAuditor, "GET", path("/api/v1/sites/%d", siteID), nil).Want(200).JSON()
	if got["qualification_status"] != "qualified" || got["last_inspection_date"] != "2026-06-12" || got["next_inspection_due"] != "2027-06-12" || got["overdue"] != false {
		t.Fatalf("qualified site %v", got)
	}
	if of := got["open_findings"].(map[string]any); of["minor"] != float64(1) {
		t.Fatalf("open findings %v", of)
	}

	// The auditor reads all of it...
	for _, p := range []string{
		"/api/v1/manufacturers", path("/api/v1/manufacturers/%d", id(m)), "/api/v1/sites", path("/api/v1/sites/%d", siteID),
		path("/api/v1/sites/%d/qualification", siteID), path("/api/v1/inspections?site_id=%d", siteID), path("/api/v1/inspections/%d", insID),
		path("/api/v1/findings?site_id=%d", siteID), path("/api/v1/certifications?site_id=%d", siteID), "/api/v1/dashboard",
		path("/api/v1/audit-events?entity_type=site&entity_id=%d", siteID),
	} {
		r := srv.Do(model.RoleAuditor, "GET", p, nil).Want(200)
		if strings.Contains(p, "?") || !strings.Contains(p[len("/api/v1/"):], "/") {
			if total, ok := r.JSON()["total"].(float64); ok && total == 0 {
				t.Errorf("auditor sees an empty %s", p)
			}
		}
	}
	history := srv.Do(model.RoleAuditor, "GET", path("/api/v1/sites/%d/qualification", siteID), nil).Want(200).JSON()
	if history["total"] != float64(2) {
		t.Fatalf("history %v", history)
	}
	// ...and is refused every write.
	for _, w := range []struct{ method, path string }{
		{"POST", "/api/v1/manufacturers"}, {"PATCH", path("/api/v1/sites/%d", siteID)},
		{"POST", path("/api/v1/sites/%d/qualification", siteID)}, {"POST", "/api/v1/inspections"},
		{"PATCH", path("/api/v1/inspections/%d", insID)}, {"POST", path("/api/v1/inspections/%d/findings", insID)},
		{"POST", "/api/v1/certifications"}, {"DELETE", path("/api/v1/inspections/%d", insID)},
	} {
		srv.Do(model.RoleAuditor, w.method, w.path, map[string]any{"version": 1, "status": "suspended", "reason": "x"}).Want(http.StatusForbidden)
	}
	// Every step is in the trail, and the chain holds.
	events := srv.Do(model.RoleAuditor, "GET", path("/api/v1/audit-events?entity_type=site&entity_id=%d&action=site.qualification", siteID), nil).Want(200).JSON()
	if events["total"] != float64(2) {
		t.Fatalf("decision events %v", events)
	}
	v := srv.Do(model.RoleAuditor, "GET", "/api/v1/audit-events/verify", nil).Want(200).JSON()
	if v["valid"] != true {
		t.Fatalf("chain %v", v)
	}
}
