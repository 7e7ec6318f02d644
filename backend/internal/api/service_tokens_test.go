package api_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/accounts"
	"github.com/qualtrack/qualtrack/backend/internal/app"
	"github.com/qualtrack/qualtrack/backend/internal/auth"
	"github.com/qualtrack/qualtrack/backend/internal/config"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// createToken creates a service token as the admin and returns its
// record and secret.
func createToken(t *testing.T, srv *testutil.Server, body map[string]any) (apiRecord, string) {
	t.Helper()
	if _, ok := body["expires_at"]; !ok {
		body["expires_at"] = srv.Clock.Now().Add(90 * 24 * time.Hour).Format(time.RFC3339)
	}
	rec := apiRecord(srv.Do(model.RoleAdmin, http.MethodPost, "/api/v1/admin/service-tokens", body).Want(http.StatusCreated).JSON())
	secret := rec.str("token")
	if !strings.HasPrefix(secret, "qt_") || len(secret) < 40 {
		t.Fatalf("token %q: want qt_ and 256 random bits", secret)
	}
	return rec, secret
}

func TestServiceTokenCreateListRevoke(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	tok, secret := createToken(t, srv, map[string]any{"name": "ERP sync", "role": "auditor"})
	if tok.str("status") != "active" || tok.str("role") != "auditor" || !strings.HasPrefix(secret, tok.str("prefix")) {
		t.Fatalf("created token: %v", tok)
	}

	list := srv.Do(model.RoleAdmin, http.MethodGet, "/api/v1/admin/service-tokens", nil).Want(http.StatusOK)
	if bytes.Contains(list.Body, []byte(secret)) || bytes.Contains(list.Body, []byte(auth.HashServiceToken(secret))) {
		t.Fatal("the list shows the secret or its hash")
	}
	items := list.JSON()["items"].([]any)
	if len(items) != 1 || items[0].(map[string]any)["name"] != "ERP sync" || items[0].(map[string]any)["last_used_at"] != nil {
		t.Fatalf("list: %s", list.Body)
	}
	// The service user is no person: the Users page does not list it.
	if users := srv.Do(model.RoleAdmin, http.MethodGet, "/api/v1/users?page_size=200", nil).Want(http.StatusOK); bytes.Contains(users.Body, []byte("token: ERP sync")) {
		t.Fatal("the users list shows the token's service user")
	}

	srv.DoWith(bearer(secret), http.MethodGet, "/api/v1/sites", nil).Want(http.StatusOK)
	srv.Do(model.RoleAdmin, http.MethodPost, path("/api/v1/admin/service-tokens/%d/revoke", tok.id()), nil).Want(http.StatusOK)
	r := srv.DoWith(bearer(secret), http.MethodGet, "/api/v1/sites", nil).Want(http.StatusUnauthorized)
	if r.ErrorCode() != "unauthenticated" {
		t.Fatalf("revoked token: %s", r.Body)
	}
	after := apiRecord(srv.Do(model.RoleAdmin, http.MethodGet, "/api/v1/admin/service-tokens", nil).Want(http.StatusOK).JSON()["items"].([]any)[0].(map[string]any))
	if after.str("status") != "revoked" {
		t.Fatalf("after revoking: %v", after)
	}
	// Names are unique.
	srv.Do(model.RoleAdmin, http.MethodPost, "/api/v1/admin/service-tokens", map[string]any{"name": "erp  SYNC", "role": "auditor",
		"expires_at": srv.Clock.Now().Add(time.Hour).Format(time.RFC3339)}).Want(http.StatusConflict)
}

func TestServiceTokenRequestsAreChecked(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	m := apiRecord(srv.Do(model.RoleManager, http.MethodPost, "/api/v1/manufacturers", map[string]any{"name": "Acme", "country": "CN"}).Want(http.StatusCreated).JSON()).id()
	soon := srv.Clock.Now().Add(time.Hour).Format(time.RFC3339)
	for _, c := range []struct {
		name  string
		body  map[string]any
		field string
	}{
		{"admin role", map[string]any{"name": "a", "role": "admin", "expires_at": soon}, "role"},
		{"manager role", map[string]any{"name": "a", "role": "manager", "expires_at": soon}, "role"},
		{"no name", map[string]any{"name": " ", "role": "auditor", "expires_at": soon}, "name"},
		{"no expiry", map[string]any{"name": "a", "role": "auditor"}, "expires_at"},
		{"past expiry", map[string]any{"name": "a", "role": "auditor", "expires_at": srv.Clock.Now().Add(-time.Hour).Format(time.RFC3339)}, "expires_at"},
		{"three years", map[string]any{"name": "a", "role": "auditor", "expires_at": srv.Clock.Now().AddDate(3, 0, 0).Format(time.RFC3339)}, "expires_at"},
		{"scoped writer", map[string]any{"name": "a", "role": "procurement", "manufacturer_id": m, "expires_at": soon}, "manufacturer_id"},
		{"unknown manufacturer", map[string]any{"name": "a", "role": "auditor", "manufacturer_id": m + 100, "expires_at": soon}, "manufacturer_id"},
	} {
		r := srv.Do(model.RoleAdmin, http.MethodPost, "/api/v1/admin/service-tokens", c.body).Want(http.StatusUnprocessableEntity)
		if _, ok := r.ErrorFields()[c.field]; !ok {
			t.Errorf("%s: want a problem with %s, got %s", c.name, c.field, r.Body)
		}
	}
	srv.Do(model.RoleAdmin, http.MethodPost, "/api/v1/admin/service-tokens", `{"name":"a","role":"auditor","expires_at":"soon"}`).Want(http.StatusBadRequest)
	for _, role := range []model.Role{model.RoleManager, model.RoleProcurement, model.RoleAuditor, model.RoleSupplier} {
		srv.Do(role, http.MethodGet, "/api/v1/admin/service-tokens", nil).Want(http.StatusForbidden)
		srv.Do(role, http.MethodPost, "/api/v1/admin/service-tokens", map[string]any{"name": "x", "role": "auditor", "expires_at": soon}).Want(http.StatusForbidden)
	}
}

func TestServiceTokenRoleAndScope(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	b := testutil.NewBuilder(t, srv.Store)
	acme, other := b.Manufacturer("Acme"), b.Manufacturer("Other")
	acmeSite, otherSite := b.Site(acme, "ACME-SZ1"), b.Site(other, "OTHR-HN1")

	_, reader := createToken(t, srv, map[string]any{"name": "Acme portal", "role": "auditor", "manufacturer_id": acme.ID})
	srv.DoWith(bearer(reader), http.MethodGet, path("/api/v1/sites/%d", acmeSite.ID), nil).Want(http.StatusOK)
	srv.DoWith(bearer(reader), http.MethodGet, path("/api/v1/sites/%d", otherSite.ID), nil).Want(http.StatusNotFound)
	list := srv.DoWith(bearer(reader), http.MethodGet, "/api/v1/sites", nil).Want(http.StatusOK)
	if !bytes.Contains(list.Body, []byte("ACME-SZ1")) || bytes.Contains(list.Body, []byte("OTHR-HN1")) {
		t.Fatalf("a scoped token's site list: %s", list.Body)
	}
	// Read-only: no writes, no administration, no account of its own.
	srv.DoWith(bearer(reader), http.MethodPatch, path("/api/v1/sites/%d", acmeSite.ID), map[string]any{"name": "x", "version": 1}).Want(http.StatusForbidden)
	srv.DoWith(bearer(reader), http.MethodPost, "/api/v1/manufacturers", map[string]any{"name": "New", "country": "CN"}).Want(http.StatusForbidden)
	srv.DoWith(bearer(reader), http.MethodGet, "/api/v1/users", nil).Want(http.StatusForbidden)
	srv.DoWith(bearer(reader), http.MethodPost, "/api/v1/auth/password", map[string]any{"current_password": "x", "new_password": "y"}).Want(http.StatusForbidden)
	if me := apiRecord(srv.DoWith(bearer(reader), http.MethodGet, "/api/v1/auth/me", nil).Want(http.StatusOK).JSON()); me.str("role") != "auditor" {
		t.Fatalf("me: %v", me)
	}

	_, writer := createToken(t, srv, map[string]any{"name": "ERP writer", "role": "procurement"})
	created := apiRecord(srv.DoWith(bearer(writer), http.MethodPost, "/api/v1/manufacturers", map[string]any{"name": "From ERP", "country": "DE"}).Want(http.StatusCreated).JSON())
	srv.DoWith(bearer(writer), http.MethodGet, path("/api/v1/sites/%d", otherSite.ID), nil).Want(http.StatusOK)
	srv.DoWith(bearer(writer), http.MethodDelete, path("/api/v1/manufacturers/%d", created.id()), nil).Want(http.StatusForbidden)
	srv.DoWith(bearer(writer), http.MethodGet, "/api/v1/admin/service-tokens", nil).Want(http.StatusForbidden)

	// The trail names the token as the actor.
	events := srv.Do(model.RoleAdmin, http.MethodGet, path("/api/v1/audit-events?entity_type=manufacturer&entity_id=%d", created.id()), nil).Want(http.StatusOK).JSON()
	ev := events["items"].([]any)[0].(map[string]any)
	if ev["actor_email"] != "token: ERP writer" || ev["actor_role"] != "procurement" || ev["action"] != "manufacturer.create" {
		t.Fatalf("audit event of the token's change: %v", ev)
	}
}

func TestServiceTokenExpiresAndRecordsUse(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	_, secret := createToken(t, srv, map[string]any{"name": "Nightly", "role": "auditor",
		"expires_at": srv.Clock.Now().Add(3 * time.Hour).Format(time.RFC3339)})
	lastUsed := func() any {
		return srv.Do(model.RoleAdmin, http.MethodGet, "/api/v1/admin/service-tokens", nil).Want(http.StatusOK).JSON()["items"].([]any)[0].(map[string]any)["last_used_at"]
	}
	if lastUsed() != nil {
		t.Fatal("an unused token has a last use")
	}
	srv.DoWith(bearer(secret), http.MethodGet, "/api/v1/dashboard", nil).Want(http.StatusOK)
	if got, want := lastUsed(), srv.Clock.Now().UTC().Format(time.RFC3339); got != want {
		t.Fatalf("last used %v, want %v", got, want)
	}
	srv.Clock.Advance(2 * time.Hour)
	srv.DoWith(bearer(secret), http.MethodGet, "/api/v1/sites", nil).Want(http.StatusOK)
	if got, want := lastUsed(), srv.Clock.Now().UTC().Format(time.RFC3339); got != want {
		t.Fatalf("last used %v after a second use, want %v", got, want)
	}

	srv.Clock.Advance(time.Hour)
	r := srv.DoWith(bearer(secret), http.MethodGet, "/api/v1/sites", nil).Want(http.StatusUnauthorized)
	if r.ErrorCode() != "unauthenticated" || !strings.Contains(r.ErrorCodeMessage(), "revoked or expired") {
		t.Fatalf("expired token: %s", r.Body)
	}
	if srv.Do(model.RoleAdmin, http.MethodGet, "/api/v1/admin/service-tokens", nil).Want(http.StatusOK).JSON()["items"].([]any)[0].(map[string]any)["status"] != "expired" {
		t.Fatal("the list does not show the token expired")
	}
	// A made-up or altered token is refused the same way.
	srv.DoWith(bearer(secret[:len(secret)-1]+"x"), http.MethodGet, "/api/v1/sites", nil).Want(http.StatusUnauthorized)
	srv.DoWith(bearer("qt_"), http.MethodGet, "/api/v1/sites", nil).Want(http.StatusUnauthorized)
}

// The secret is in the answer that creates the token and nowhere else:
// not in the access log of its uses, which names the token instead.
func TestServiceTokenSecretStaysOutOfTheLog(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	db := testutil.NewDB(t, nil)
	cfg, _ := config.Load(func(string) string { return "" })
	cfg.JWTSecret = testutil.Secret
	a, err := app.New(cfg, db.DB, app.Options{Hasher: auth.NewTestHasher(),
		Logger: slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))})
	testutil.Fatal(t, err, "app")
	srv, err := a.HTTP(nil)
	testutil.Fatal(t, err, "server")
	h, err := srv.Handler()
	testutil.Fatal(t, err, "handler")
	_, _, err = a.Accounts.Create(t.Context(), accounts.NewUser{Email: "admin@example.com", Name: "Admin", Role: "admin", Password: testutil.Password, Active: true}, testutil.SystemActor)
	testutil.Fatal(t, err, "user")
	do := func(method, target, body string, hdr http.Header) *httptest.ResponseRecorder {
		req := httptest.NewRequest(method, target, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		for k, v := range hdr {
			req.Header[k] = v
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	login := do("POST", "/api/v1/auth/login", `{"email":"admin@example.com","password":"`+testutil.Password+`"}`, nil)
	session := apiRecord(decodeMap(t, login.Body.Bytes())).str("token")
	rec := do("POST", "/api/v1/admin/service-tokens", `{"name":"Logged","role":"auditor","expires_at":"`+time.Now().Add(time.Hour).UTC().Format(time.RFC3339)+`"}`, bearer(session))
	if rec.Code != http.StatusCreated {
		t.Fatalf("create: %d %s", rec.Code, rec.Body)
	}
	secret := apiRecord(decodeMap(t, rec.Body.Bytes())).str("token")
	if r := do("GET", "/api/v1/sites?q=x", "", bearer(secret)); r.Code != http.StatusOK {
		t.Fatalf("use: %d", r.Code)
	}
	do("GET", "/api/v1/sites", "", bearer(secret[:20]))
	log := buf.String()
	if strings.Contains(log, secret) || strings.Contains(log, secret[3:20]) {
		t.Fatalf("the log holds the token:\n%s", log)
	}
	if !strings.Contains(log, "service_token=Logged") {
		t.Fatalf("the access log does not name the token:\n%s", log)
	}
}

func decodeMap(t *testing.T, b []byte) map[string]any {
	t.Helper()
	var m map[string]any
	testutil.Fatal(t, json.Unmarshal(b, &m), "decode %s", b)
	return m
}
