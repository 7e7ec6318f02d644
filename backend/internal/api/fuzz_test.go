package api_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/api"
	"github.com/qualtrack/qualtrack/backend/internal/auth"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// fuzzSeeds are valid bodies of every JSON create and update route, by
// "METHOD path"; the fuzzer mutates them. Ids in paths are the fixture's.
var fuzzSeeds = map[string][]string{
	"POST /auth/login":    {`{"email":"admin@example.com","password":"wrong password here"}`},
	"POST /auth/password": {`{"current_password":"not the password","new_password":"a much longer passphrase"}`},
	"POST /users": {`{"email":"new@example.com","name":"New","role":"auditor","access_expires_at":"2026-07-01T00:00:00Z"}`,
		`{"email":"pw@example.com","name":"Pw","role":"procurement","password":"long enough password","active":false}`},
	"PATCH /users/:id":              {`{"version":1,"name":"Renamed","role":"manager","active":true,"access_expires_at":null}`},
	"POST /manufacturers":           {`{"name":"Acme GmbH","legal_name":"Acme Elektronik GmbH","country":"de","website":"https://acme.example","notes":"n"}`},
	"PATCH /manufacturers/:id":      {`{"version":1,"name":"Acme 2","country":"Germany","notes":null}`, `{"version":2,"archived":false,"website":"https://x.example"}`},
	"POST /sites":                   {`{"manufacturer_id":1,"code":"ACME-B1","name":"Berlin","city":"Berlin","country":"DE","processes":["smt","testing"],"risk_tier":"high","approved_scope":"SMT","contact_email":"qa@acme.example"}`},
	"PATCH /sites/:id":              {`{"version":1,"risk_tier":"critical","processes":["final_assembly"],"contact_phone":"+49 30 1234"}`, `{"version":2,"archived":false,"country":"deu"}`},
	"POST /sites/:id/qualification": {`{"status":"qualified","reason":"Audit passed","signature":{"password":"correct horse battery","meaning":"approved"}}`, `{"status":"conditional","reason":"Minor gaps","conditional_until":"2026-12-31"}`},
	"POST /inspections": {`{"site_id":1,"type":"routine","status":"planned","scheduled_date":"2026-07-01","lead_inspector_id":1}`,
		`{"site_id":1,"type":"for_cause","status":"completed","performed_date":"2026-06-01","result":"pass","score":91,"summary":"ok","team":"A, B","scope":"SMT","signature":{"password":"correct horse battery","meaning":"authored"}}`},
	"PATCH /inspections/:id":         {`{"version":1,"status":"completed","performed_date":"2026-06-14","result":"conditional","score":70,"signature":{"password":"correct horse battery","meaning":"authored"}}`},
	"POST /inspections/:id/findings": {`{"severity":"major","category":"esd","requirement":"ANSI/ESD S20.20 8.3","description":"Wrist straps untested","owner":"QA","due_date":"2026-07-15"}`},
	"PATCH /findings/:id":            {`{"version":1,"status":"closed","verification_note":"Checked on site","signature":{"password":"correct horse battery","meaning":"verified"}}`, `{"version":1,"due_date":null,"severity":"critical"}`},
	"POST /certifications":           {`{"site_id":1,"standard":"ISO 9001:2015","certificate_number":"Q-1","issuing_body":"TUV","issued_on":"2025-01-01","expires_on":"2028-01-01"}`},
	"PATCH /certifications/:id":      {`{"version":1,"withdrawn":true,"withdrawn_reason":"Suspended by registrar","verified":true}`},
}

// fuzzRoutes are the routes that take a JSON body.
func fuzzRoutes(srv *testutil.Server) []api.Route {
	var out []api.Route
	for _, rt := range bodyRoutes(srv) {
		if rt.API && rt.MaxBody == 0 {
			out = append(out, rt)
		}
	}
	return out
}

// FuzzJSONBodies sends any body to any JSON create or update route, as an
// admin with a real token: the answer is never a 5xx, and no handler
// panics (the recovery middleware would turn a panic into a 500).
func FuzzJSONBodies(f *testing.F) {
	srv := testutil.NewServer(f, nil)
	owners := newRecordSet(f, srv)
	// Routes about one user act on a user of their own, so the fuzzer can
	// disable or end the sessions of that one and not of the admin.
	target := srv.CreateUser("fuzz-target@example.com", model.RoleProcurement)
	ids := map[string]int64{"users": target.ID, "manufacturers": owners.Manufacturer, "sites": owners.Site,
		"inspections": owners.Inspection, "findings": owners.Finding, "certifications": owners.Certification}
	routes := fuzzRoutes(srv)
	if len(routes) == 0 || len(routes) > 256 {
		f.Fatalf("%d JSON routes", len(routes))
	}
	for i, rt := range routes {
		seeds, ok := fuzzSeeds[rt.Method+" "+rt.Path]
		if !ok {
			seeds = []string{`{}`}
		}
		for _, s := range seeds {
			f.Add(byte(i), []byte(s))
		}
	}
	admin := srv.Users[model.RoleAdmin]
	tokens, err := auth.NewTokens(testutil.Secret, srv.Config.SessionTTL, srv.Config.SessionIdleTimeout, srv.Clock.Now)
	testutil.Fatal(f, err, "tokens")
	token := srv.Tokens[model.RoleAdmin]
	contract, err := testutil.OpenAPIContract()
	testutil.Fatal(f, err, "docs/openapi.yaml")

	f.Fuzz(func(t *testing.T, pick byte, body []byte) {
		rt := routes[int(pick)%len(routes)]
		id, ok := ids[resourceOf(rt.Path)]
		if !ok {
			id = 1 // a resource without a fixture: its first record, if any
		}
		url := "/api/v1" + pathParam.ReplaceAllStringFunc(rt.Path, func(string) string { return fmt.Sprint(id) })
		req := httptest.NewRequest(rt.Method, url, bytes.NewReader(body))
		req.RemoteAddr = "192.0.2.77:5000"
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+token)
		rec := httptest.NewRecorder()
		srv.Handler.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("%s %s %q: %d %s", rt.Method, url, body, rec.Code, rec.Body)
		}
		if err := contract.Check(req, rec.Code, rec.Header(), rec.Body.Bytes()); err != nil {
			t.Fatalf("%q: the response breaks docs/openapi.yaml: %v\nbody: %s", body, err, rec.Body)
		}
		if rec.Code == http.StatusUnauthorized && rt.Path != "/auth/login" {
			// A body ended the admin's sessions (sign-out, password
			// change): sign in again for the next input.
			u, err := srv.Store.UserByID(context.Background(), admin.ID)
			testutil.Fatal(t, err, "read admin")
			token, _, err = tokens.Issue(u.ID, u.TokenVersion)
			testutil.Fatal(t, err, "issue token")
		}
	})
}

// resourceOf is the first segment of a route path: "sites" for
// "/sites/:id/qualification".
func resourceOf(p string) string {
	for i := 1; i < len(p); i++ {
		if p[i] == '/' {
			return p[1:i]
		}
	}
	return p[1:]
}

// recordSet is one record of each kind, inserted directly.
type recordSet struct {
	Manufacturer, Site, Inspection, Finding, Certification int64
}

func newRecordSet(t testing.TB, srv *testutil.Server) recordSet {
	t.Helper()
	db := srv.DB.DB
	m := model.Manufacturer{Name: "Acme Electronics", Country: "CN", Version: 1}
	testutil.Fatal(t, db.Create(&m).Error, "manufacturer")
	site := model.Site{ManufacturerID: m.ID, Code: "ACME-SZ1", Name: "Acme Shenzhen 1", Country: "CN",
		RiskTier: model.RiskMedium, QualificationStatus: model.StatusInQualification, StatusSince: testutil.FixedNow, Version: 1}
	testutil.Fatal(t, db.Create(&site).Error, "site")
	insp := model.Inspection{SiteID: site.ID, Type: model.InspectionQualification, Status: model.InspectionCompleted,
		PerformedDate: testutil.Date(t, "2026-06-01"), Result: model.ResultConditional, Version: 1}
	testutil.Fatal(t, db.Create(&insp).Error, "inspection")
	fd := model.Finding{InspectionID: insp.ID, SiteID: site.ID, Severity: model.SeverityMajor, Category: "esd",
		Description: "Wrist straps not tested daily", DueDate: testutil.Date(t, "2026-07-01"), Status: model.FindingOpen, Version: 1}
	testutil.Fatal(t, db.Create(&fd).Error, "finding")
	cert := model.Certification{SiteID: site.ID, Standard: "ISO 9001:2015", CertificateNumber: "Q-123",
		IssuedOn: testutil.Date(t, "2025-01-10"), ExpiresOn: testutil.Date(t, "2028-01-09"), Version: 1}
	testutil.Fatal(t, db.Create(&cert).Error, "certification")
	return recordSet{Manufacturer: m.ID, Site: site.ID, Inspection: insp.ID, Finding: fd.ID, Certification: cert.ID}
}

// querySeeds are query strings the list and report routes understand; the
// fuzzer mutates them and sends them to every GET route.
var querySeeds = []string{
	"page=2&per_page=5&sort=-name",
	"q=shen&sort=code",
	"status=qualified,conditional&sort=-next_inspection_due",
	"country=Germany&risk_tier=high&archived=all",
	"from=2026-01-01&to=2026-12-31&severity=critical",
	"expiring_within_days=90&manufacturer_id=1",
	"status=open,in_progress&overdue=true&after=17",
	"due_soon=true&active_sites=1&since=2026-06-01T00:00:00Z",
}

// FuzzQueryStrings sends any query string to any GET route, as an admin: the
// answer is never a 5xx, and what it answers is what docs/openapi.yaml says.
func FuzzQueryStrings(f *testing.F) {
	srv := testutil.NewServer(f, nil)
	owners := newRecordSet(f, srv)
	ids := map[string]int64{"manufacturers": owners.Manufacturer, "sites": owners.Site,
		"inspections": owners.Inspection, "findings": owners.Finding, "certifications": owners.Certification}
	var routes []api.Route
	for _, rt := range srv.API.Routes() {
		if rt.API && rt.Method == http.MethodGet {
			routes = append(routes, rt)
		}
	}
	if len(routes) == 0 || len(routes) > 256 {
		f.Fatalf("%d GET routes", len(routes))
	}
	for i := range routes {
		for _, q := range querySeeds {
			f.Add(byte(i), q)
		}
	}
	token := srv.Tokens[model.RoleAdmin]
	contract, err := testutil.OpenAPIContract()
	testutil.Fatal(f, err, "docs/openapi.yaml")

	f.Fuzz(func(t *testing.T, pick byte, query string) {
		rt := routes[int(pick)%len(routes)]
		id, ok := ids[resourceOf(rt.Path)]
		if !ok {
			id = 1
		}
		path := "/api/v1" + pathParam.ReplaceAllStringFunc(rt.Path, func(string) string { return fmt.Sprint(id) })
		req := httptest.NewRequest(http.MethodGet, path, nil)
		req.URL.RawQuery = query
		req.RemoteAddr = "192.0.2.78:5000"
		req.Header.Set("Authorization", "Bearer "+token)
		rec := httptest.NewRecorder()
		srv.Handler.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("GET %s?%s: %d %s", path, query, rec.Code, rec.Body)
		}
		if err := contract.Check(req, rec.Code, rec.Header(), rec.Body.Bytes()); err != nil {
			t.Fatalf("GET %s?%s: the response breaks docs/openapi.yaml: %v\nbody: %.2000s", path, query, err, rec.Body)
		}
	})
}
