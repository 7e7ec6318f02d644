package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

func TestBadInputIsA4xx(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	huge := `{"email":"` + strings.Repeat("a", 2<<20) + `"}`
	cases := []struct {
		name, method, path string
		body               any
		want               int
		code               string
	}{
		{"malformed JSON", "POST", "/api/v1/users", `{"email": "a@b.c",`, 400, "bad_request"},
		{"not an object", "POST", "/api/v1/users", `"hello"`, 400, "bad_request"},
		{"null", "POST", "/api/v1/users", `null`, 400, "bad_request"},
		{"wrong types", "POST", "/api/v1/users", `{"email": 1, "name": [], "role": {}}`, 400, "bad_request"},
		{"unknown field", "POST", "/api/v1/users", `{"email": "x@example.com", "admin": true}`, 400, "bad_request"},
		{"unknown role", "POST", "/api/v1/users", `{"email": "x@example.com", "name": "X", "role": "root"}`, 422, "validation_failed"},
		{"bad e-mail", "POST", "/api/v1/users", `{"email": "not-an-email", "name": "X", "role": "auditor"}`, 422, "validation_failed"},
		{"huge body", "POST", "/api/v1/users", huge, 413, "too_large"},
		{"bad id", "GET", "/api/v1/users/abc", nil, 404, "not_found"},
		{"negative id", "GET", "/api/v1/users/-1", nil, 404, "not_found"},
		{"missing", "GET", "/api/v1/users/424242", nil, 404, "not_found"},
		{"bad page", "GET", "/api/v1/users?page=0", nil, 422, "validation_failed"},
		{"page too large", "GET", "/api/v1/users?page_size=201", nil, 422, "validation_failed"},
		{"unknown sort", "GET", "/api/v1/users?sort=password_hash", nil, 422, "validation_failed"},
		{"unknown role filter", "GET", "/api/v1/users?role=root", nil, 422, "validation_failed"},
		{"bad date filter", "GET", "/api/v1/audit-events?from=2026-02-30", nil, 422, "validation_failed"},
		{"unknown API route", "GET", "/api/v1/nothing-here", nil, 404, "not_found"},
		{"wrong method", "PUT", "/api/v1/users", `{}`, 405, "method_not_allowed"},
		{"no version", "PATCH", "/api/v1/users/1", `{"name": "X"}`, 422, "validation_failed"},
		// Only an id's one spelling names the record.
		{"signed id", "GET", "/api/v1/users/+1", nil, 404, "not_found"},
		{"zero-padded id", "GET", "/api/v1/users/01", nil, 404, "not_found"},
		// Past SQLite's LIKE limit this was a 500; no one types 200 characters into a search.
		{"search too long", "GET", "/api/v1/sites?q=" + strings.Repeat("x", 50_000), nil, 422, "validation_failed"},
		{"search too long, findings", "GET", "/api/v1/findings?q=" + strings.Repeat("x", 201), nil, 422, "validation_failed"},
		{"search too long, report", "GET", "/api/v1/reports/approved-suppliers.xlsx?q=" + strings.Repeat("x", 201), nil, 422, "validation_failed"},
		{"reversed audit range", "GET", "/api/v1/audit-events?from=2026-05-01&to=2026-01-01", nil, 422, "validation_failed"},
		{"settings without the setting", "PUT", "/api/v1/settings/security", `{}`, 422, "validation_failed"},
		{"settings set to null", "PUT", "/api/v1/settings/security", `{"require_totp_for": null}`, 422, "validation_failed"},
		{"NUL in a name", "POST", "/api/v1/manufacturers", `{"name": "Ctl\u0000Works", "country": "DE"}`, 422, "validation_failed"},
		{"escape sequence in a name", "POST", "/api/v1/users", `{"email": "x@example.com", "name": "X\u001b[31m", "role": "auditor"}`, 422, "validation_failed"},
		{"null in a list", "POST", "/api/v1/sites", `{"manufacturer_id": 1, "code": "NL-1", "name": "N", "country": "DE", "risk_tier": "low", "processes": [null]}`, 400, "bad_request"},
		{"invalid UTF-8", "POST", "/api/v1/manufacturers", "{\"name\": \"Bad \xff\xfe\", \"country\": \"DE\"}", 400, "bad_request"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := srv.Do(model.RoleAdmin, c.method, c.path, c.body).Want(c.want)
			if r.ErrorCode() != c.code {
				t.Fatalf("code %q, want %q: %s", r.ErrorCode(), c.code, r.Body)
			}
		})
	}
}

// A form posted from another site cannot reach a JSON route, sign-in
// included.
func TestJSONRoutesRefuseOtherContentTypes(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	body := `{"email":"admin@example.com","password":"` + testutil.Password + `"}`
	for _, ct := range []string{"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ""} {
		h := http.Header{"Content-Type": {ct}}
		if ct == "" {
			h = http.Header{"Content-Type": {"nonsense/;;"}}
		}
		r := srv.DoWith(h, "POST", "/api/v1/auth/login", body).Want(400)
		if r.Header.Get("Set-Cookie") != "" {
			t.Fatalf("%q: signed in", ct)
		}
	}
	srv.DoWith(http.Header{"Content-Type": {"application/json; charset=utf-8"}}, "POST", "/api/v1/auth/login", body).Want(200)
	// A body the server would misread is refused, not guessed at.
	srv.DoWith(http.Header{"Content-Type": {"application/json; charset=utf-16"}}, "POST", "/api/v1/auth/login", body).Want(400)
	srv.DoWith(http.Header{"Content-Type": {"application/json"}, "Content-Encoding": {"gzip"}}, "POST", "/api/v1/auth/login", body).Want(400)
}

// Text keeps tabs and line breaks (notes span lines); the manufacturer is
// stored as sent.
func TestTextKeepsTabsAndLineBreaks(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	var m struct {
		Notes string `json:"notes"`
	}
	srv.Do(model.RoleProcurement, "POST", "/api/v1/manufacturers", map[string]any{"name": "Multi Line", "country": "DE", "notes": "first\tline\r\nsecond line"}).
		Want(201).Decode(&m)
	if m.Notes != "first\tline\r\nsecond line" {
		t.Fatalf("notes %q", m.Notes)
	}
}

// Sign-in names the field that is wrong, and why.
func TestLoginSaysWhichFieldIsWrong(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	r := srv.Do("", "POST", "/api/v1/auth/login", map[string]string{"email": "admin@example.com", "password": strings.Repeat("p", 2000)}).Want(422)
	var e struct {
		Error struct {
			Fields map[string]string `json:"fields"`
		} `json:"error"`
	}
	r.Decode(&e)
	if _, ok := e.Error.Fields["email"]; ok || !strings.Contains(e.Error.Fields["password"], "at most") {
		t.Fatalf("fields %v", e.Error.Fields)
	}
}

func TestUsersAPI(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	// Created without a password: one is generated and shown once.
	r := srv.Do(model.RoleAdmin, "POST", "/api/v1/users", map[string]any{"email": "Ext.Auditor@Registrar.example", "name": "Ext Auditor", "role": "auditor", "access_expires_at": "2026-07-01T00:00:00Z"}).Want(201)
	created := r.JSON()
	pw, _ := created["generated_password"].(string)
	if created["email"] != "ext.auditor@registrar.example" || len(pw) < 16 || created["access_expires_at"] != "2026-07-01T00:00:00Z" {
		t.Fatalf("created %v", created)
	}
	srv.Login("ext.auditor@registrar.example", pw)
	id := int64(created["id"].(float64))
	// Duplicate e-mail, any case.
	r = srv.Do(model.RoleAdmin, "POST", "/api/v1/users", map[string]any{"email": "EXT.auditor@registrar.example", "name": "Dup", "role": "auditor"}).Want(409)
	if r.ErrorFields()["email"] == "" {
		t.Fatalf("conflict without field: %s", r.Body)
	}
	// Stale version.
	srv.Do(model.RoleAdmin, "PATCH", path("/api/v1/users/%d", id), map[string]any{"version": 1, "name": "Renamed"}).Want(200)
	r = srv.Do(model.RoleAdmin, "PATCH", path("/api/v1/users/%d", id), map[string]any{"version": 1, "name": "Lost update"}).Want(409)
	if r.ErrorCode() != "version_conflict" {
		t.Fatalf("code %s", r.ErrorCode())
	}
	got := srv.Do(model.RoleAdmin, "GET", path("/api/v1/users/%d", id), nil).Want(200).JSON()
	if got["name"] != "Renamed" || got["version"] != float64(2) {
		t.Fatalf("after update: %v", got)
	}
	// Filters and search.
	var list struct {
		Items []model.User `json:"items"`
		Total int64        `json:"total"`
	}
	srv.Do(model.RoleAdmin, "GET", "/api/v1/users?role=auditor&sort=-email", nil).Want(200).Decode(&list)
	if list.Total != 2 || list.Items[0].Email != "ext.auditor@registrar.example" {
		t.Fatalf("auditors: %+v", list)
	}
	srv.Do(model.RoleAdmin, "GET", "/api/v1/users?q=REGISTRAR", nil).Want(200).Decode(&list)
	if list.Total != 1 {
		t.Fatalf("search: %+v", list)
	}
	srv.Do(model.RoleAdmin, "GET", "/api/v1/users?q=%25", nil).Want(200).Decode(&list)
	if list.Total != 0 {
		t.Fatalf("%% matched as a wildcard: %+v", list)
	}
	// The last active admin cannot be demoted or disabled.
	admin := srv.Users[model.RoleAdmin]
	r = srv.Do(model.RoleAdmin, "PATCH", path("/api/v1/users/%d", admin.ID), map[string]any{"version": admin.Version, "active": false}).Want(422)
	if r.ErrorFields()["role"] == "" {
		t.Fatalf("last admin: %s", r.Body)
	}
	// User changes are audited with old and new values, never the hash.
	var events struct {
		Items []map[string]any `json:"items"`
	}
	srv.Do(model.RoleAuditor, "GET", path("/api/v1/audit-events?entity_type=user&entity_id=%d&action=user.update", id), nil).Want(200).Decode(&events)
	if len(events.Items) != 1 {
		t.Fatalf("events %v", events.Items)
	}
	changes := events.Items[0]["changes"].(map[string]any)
	if n := changes["name"].([]any); n[0] != "Ext Auditor" || n[1] != "Renamed" {
		t.Fatalf("changes %v", changes)
	}
	for _, ev := range events.Items {
		if strings.Contains(ev["changes"].(map[string]any)["name"].([]any)[0].(string), "argon2") {
			t.Fatal("password hash in the audit trail")
		}
	}
}

func TestAuditTrailVerifiesThroughAPI(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	v := srv.Do(model.RoleAuditor, "GET", "/api/v1/audit-events/verify", nil).Want(200).JSON()
	if v["valid"] != true || v["events"].(float64) < 8 { // 4 users created + 4 sign-ins
		t.Fatalf("verify %v", v)
	}
	head := srv.Do(model.RoleAuditor, "GET", "/api/v1/audit-events/head", nil).Want(200).JSON()
	if head["sequence"] != v["events"] || head["hash"] != v["head_hash"] {
		t.Fatalf("head %v does not match verify %v", head, v)
	}
	testutil.TamperWithAudit(t, srv.DB.DB, "UPDATE audit_events SET action = 'nothing' WHERE sequence = 2")
	v = srv.Do(model.RoleAuditor, "GET", "/api/v1/audit-events/verify", nil).Want(200).JSON()
	if v["valid"] != false || v["first_invalid_sequence"] != float64(2) {
		t.Fatalf("tampered verify %v", v)
	}
}

func TestHealth(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	srv.Do("", "GET", "/healthz", nil).Want(200)
	srv.Do("", "GET", "/readyz", nil).Want(200)
	r := srv.Do("", "GET", "/", nil).Want(200)
	if !strings.Contains(string(r.Body), "not built") || r.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Fatalf("SPA fallback without a build: %s", r.Body)
	}
	_ = http.StatusOK
}

// An override reason too long is refused even where no reason is needed
// (a planned inspection): text sent is never dropped silently.
func TestOverrideReasonTooLongIsRefused(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	var m, s, in struct {
		ID      int64 `json:"id"`
		Version int64 `json:"version"`
	}
	srv.Do(model.RoleProcurement, "POST", "/api/v1/manufacturers", map[string]any{"name": "Reason Works", "country": "DE"}).Want(201).Decode(&m)
	srv.Do(model.RoleProcurement, "POST", "/api/v1/sites", map[string]any{"manufacturer_id": m.ID, "code": "RW-1", "name": "RW 1", "country": "DE", "risk_tier": "low"}).
		Want(201).Decode(&s)
	srv.Do(model.RoleProcurement, "POST", "/api/v1/inspections", map[string]any{"site_id": s.ID, "type": "routine", "status": "planned",
		"scheduled_date": srv.Clock.Now().AddDate(0, 0, 7).Format("2006-01-02")}).Want(201).Decode(&in)
	r := srv.Do(model.RoleProcurement, "PATCH", path("/api/v1/inspections/%d", in.ID), map[string]any{"version": in.Version, "result_override_reason": strings.Repeat("r", 2001)}).Want(422)
	if !strings.Contains(string(r.Body), "result_override_reason") {
		t.Fatalf("422 without the field: %s", r.Body)
	}
	srv.Do(model.RoleProcurement, "PATCH", path("/api/v1/inspections/%d", in.ID), map[string]any{"version": in.Version, "scope": "Still editable"}).Want(200)
}

// A record that is not there, or an id that names none, answers 404 with
// the kind of record in words, whichever route reads it.
func TestMissingRecordsAreNamed(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	for path, want := range map[string]string{
		"/api/v1/sites/99999":                  "The site was not found.",
		"/api/v1/sites/abc":                    "The site was not found.",
		"/api/v1/certifications/007":           "The certification was not found.",
		"/api/v1/change-notifications/99999":   "The change notification was not found.",
		"/api/v1/corrective-actions/99999":     "The corrective-action request was not found.",
		"/api/v1/self-assessments/99999":       "The questionnaire was not found.",
		"/api/v1/inspections/99999/checklists": "The inspection was not found.",
	} {
		r := srv.Do(model.RoleManager, http.MethodGet, path, nil).Want(http.StatusNotFound)
		if got := r.JSON()["error"].(map[string]any)["message"]; got != want {
			t.Errorf("%s: %q, want %q", path, got, want)
		}
	}
}
