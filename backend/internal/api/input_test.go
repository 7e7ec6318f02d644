package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

func TestBadInputIsA4xx(t *testing.T) {
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
}

func TestUsersAPI(t *testing.T) {
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
	srv := testutil.NewServer(t, nil)
	srv.Do("", "GET", "/healthz", nil).Want(200)
	srv.Do("", "GET", "/readyz", nil).Want(200)
	r := srv.Do("", "GET", "/", nil).Want(200)
	if !strings.Contains(string(r.Body), "not built") || r.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Fatalf("SPA fallback without a build: %s", r.Body)
	}
	_ = http.StatusOK
}
