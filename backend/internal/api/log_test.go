package api_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/accounts"
	"github.com/qualtrack/qualtrack/backend/internal/app"
	"github.com/qualtrack/qualtrack/backend/internal/auth"
	"github.com/qualtrack/qualtrack/backend/internal/config"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// The access log records each request without tokens, cookies, passwords
// or query strings.
func TestAccessLogHoldsNoSecrets(t *testing.T) {
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
	password := "a very secret password"
	_, _, err = a.Accounts.Create(t.Context(), accounts.NewUser{Email: "log@example.com", Name: "Log", Role: "admin", Password: password, Active: true}, testutil.SystemActor)
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
	rec := do("POST", "/api/v1/auth/login", `{"email":"log@example.com","password":"`+password+`"}`, nil)
	if rec.Code != 200 {
		t.Fatalf("login %d", rec.Code)
	}
	cookie := strings.Split(rec.Header().Get("Set-Cookie"), ";")[0]
	token := strings.TrimPrefix(cookie, auth.CookieName+"=")
	do("GET", "/api/v1/users?q=needle-in-query", "", http.Header{"Authorization": {"Bearer " + token}})
	do("GET", "/api/v1/auth/me", "", http.Header{"Cookie": {cookie}})
	do("POST", "/api/v1/auth/login", `{"email":"log@example.com","password":"wrong `+password+`"}`, nil)

	logged := buf.String()
	if !strings.Contains(logged, "route=/api/v1/users") || !strings.Contains(logged, "status=200") {
		t.Fatalf("access log lacks the request: %s", logged)
	}
	for _, secret := range []string{password, token, "needle-in-query", "argon2"} {
		if strings.Contains(logged, secret) {
			t.Errorf("log contains %q", secret)
		}
	}
}

// A request whose client went away before the answer (a closed tab, a load
// tool stopping) is logged as such: no ERROR line, no 500.
func TestClientGoneIsNotLoggedAsAnError(t *testing.T) {
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
	password := "a very secret password"
	_, _, err = a.Accounts.Create(t.Context(), accounts.NewUser{Email: "gone@example.com", Name: "Gone", Role: "admin", Password: password, Active: true}, testutil.SystemActor)
	testutil.Fatal(t, err, "user")
	req := httptest.NewRequest("POST", "/api/v1/auth/login", strings.NewReader(`{"email":"gone@example.com","password":"`+password+`"}`))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != 200 {
		t.Fatalf("login %d", rec.Code)
	}
	cookie := strings.Split(rec.Header().Get("Set-Cookie"), ";")[0]
	token := strings.TrimPrefix(cookie, auth.CookieName+"=")
	buf.Reset()

	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	req = httptest.NewRequest("GET", "/api/v1/sites", nil).WithContext(ctx)
	req.Header.Set("Authorization", "Bearer "+token)
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)

	logged := buf.String()
	if rec.Code == http.StatusInternalServerError || strings.Contains(logged, "level=ERROR") {
		t.Fatalf("a request whose client went away was answered %d and logged as an error:\n%s", rec.Code, logged)
	}
	if !strings.Contains(logged, "status=499") || !strings.Contains(logged, "client_gone=true") {
		t.Fatalf("the access log does not say the client went away:\n%s", logged)
	}
}
