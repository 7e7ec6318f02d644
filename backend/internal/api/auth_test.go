package api_test

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/auth"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

func TestLoginAndMe(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	r := srv.Do("", "POST", "/api/v1/auth/login", map[string]string{"email": "  MANAGER@example.com ", "password": testutil.Password}).Want(200)
	var out struct {
		Token     string    `json:"token"`
		ExpiresAt time.Time `json:"expires_at"`
		User      struct {
			ID    int64  `json:"id"`
			Email string `json:"email"`
			Role  string `json:"role"`
		} `json:"user"`
	}
	r.Decode(&out)
	if out.Token == "" || out.User.Email != "manager@example.com" || out.User.Role != "manager" || !out.ExpiresAt.Equal(testutil.FixedNow.Add(12*time.Hour)) {
		t.Fatalf("login response %+v", out)
	}
	ck := r.Header.Get("Set-Cookie")
	for _, want := range []string{auth.CookieName + "=", "HttpOnly", "SameSite=Strict", "Path=/"} {
		if !strings.Contains(ck, want) {
			t.Errorf("session cookie %q lacks %s", ck, want)
		}
	}
	if strings.Contains(string(r.Body), "password") {
		t.Error("login response mentions the password hash")
	}
	me := srv.Do(model.RoleManager, "GET", "/api/v1/auth/me", nil).Want(200).JSON()
	if me["email"] != "manager@example.com" || me["role"] != "manager" || me["password_hash"] != nil ||
		me["totp_enabled"] != false || me["totp_enrolment_required"] != false {
		t.Fatalf("me: %v", me)
	}
	srv.Do("", "GET", "/api/v1/auth/me", nil).Want(401)
}

func TestLoginFailures(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	cases := []struct {
		name string
		body any
		want int
	}{
		{"wrong password", map[string]string{"email": "admin@example.com", "password": "wrong password!"}, 401},
		{"unknown e-mail", map[string]string{"email": "nobody@example.com", "password": testutil.Password}, 401},
		{"empty", map[string]string{"email": "", "password": ""}, 422},
		{"malformed JSON", `{"email":`, 400},
		{"wrong type", `{"email": 5, "password": true}`, 400},
		{"array", `[]`, 400},
		{"no body", "", 400},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv.Do("", "POST", "/api/v1/auth/login", c.body).Want(c.want)
		})
	}
	// Failures are in the audit trail: an unknown e-mail by its hash only
	// (the text is the sender's), a known account by the account.
	sum := sha256.Sum256([]byte("nobody@example.com"))
	var n int64
	srv.DB.Table("audit_events").Where("action = ? AND actor_email = ? AND changes LIKE ?", "auth.login_failed", "", "%"+hex.EncodeToString(sum[:])+"%").Count(&n)
	if n != 1 {
		t.Fatalf("failed sign-in for an unknown e-mail recorded %d times", n)
	}
	srv.DB.Table("audit_events").Where("action = ? AND actor_email = ?", "auth.login_failed", "admin@example.com").Count(&n)
	if n != 1 {
		t.Fatalf("failed sign-in of an account recorded %d times", n)
	}
}

func TestLoginRateLimit(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	bad := map[string]string{"email": "procurement@example.com", "password": "not the password"}
	for i := 0; i < 5; i++ {
		srv.Do("", "POST", "/api/v1/auth/login", bad).Want(401)
	}
	r := srv.Do("", "POST", "/api/v1/auth/login", map[string]string{"email": "procurement@example.com", "password": testutil.Password}).Want(429)
	if r.ErrorCode() != "rate_limited" || r.Header.Get("Retry-After") == "" {
		t.Fatalf("429 without code or Retry-After: %v %s", r.Header, r.Body)
	}
	// After the window the right password works again.
	srv.Clock.Advance(16 * time.Minute)
	srv.Do("", "POST", "/api/v1/auth/login", map[string]string{"email": "procurement@example.com", "password": testutil.Password}).Want(200)
}

// Every way a session ends takes effect on the very next request.
func TestTokenInvalidation(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		end  func(srv *testutil.Server, u model.User, token string)
	}{
		{"disabled", func(srv *testutil.Server, u model.User, _ string) {
			srv.Do(model.RoleAdmin, "PATCH", path("/api/v1/users/%d", u.ID), map[string]any{"version": u.Version, "active": false}).Want(200)
		}},
		{"role changed", func(srv *testutil.Server, u model.User, _ string) {
			srv.Do(model.RoleAdmin, "PATCH", path("/api/v1/users/%d", u.ID), map[string]any{"version": u.Version, "role": "manager"}).Want(200)
		}},
		{"auditor access ended", func(srv *testutil.Server, u model.User, _ string) {
			end := testutil.FixedNow.Add(time.Hour)
			srv.Do(model.RoleAdmin, "PATCH", path("/api/v1/users/%d", u.ID), map[string]any{"version": u.Version, "access_expires_at": end}).Want(200)
			srv.Clock.Advance(2 * time.Hour)
		}},
		{"password changed", func(srv *testutil.Server, u model.User, token string) {
			other := srv.Login(u.Email, testutil.Password) // a second session changes the password
			h := http.Header{"Authorization": {"Bearer " + other}}
			srv.DoWith(h, "POST", "/api/v1/auth/password", map[string]string{"current_password": testutil.Password, "new_password": "a brand new password"}).Want(204)
		}},
		{"logged out", func(srv *testutil.Server, u model.User, token string) {
			srv.DoWith(http.Header{"Authorization": {"Bearer " + token}}, "POST", "/api/v1/auth/logout", nil).Want(204)
		}},
		{"sessions ended by admin", func(srv *testutil.Server, u model.User, _ string) {
			srv.Do(model.RoleAdmin, "POST", path("/api/v1/users/%d/end-sessions", u.ID), nil).Want(204)
		}},
		{"password reset by admin", func(srv *testutil.Server, u model.User, _ string) {
			srv.Do(model.RoleAdmin, "PATCH", path("/api/v1/users/%d", u.ID), map[string]any{"version": u.Version, "password": "reset by the admin 1"}).Want(200)
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv := testutil.NewServer(t, nil)
			u := srv.Users[model.RoleAuditor]
			token := srv.Tokens[model.RoleAuditor]
			h := http.Header{"Authorization": {"Bearer " + token}}
			srv.DoWith(h, "GET", "/api/v1/auth/me", nil).Want(200)
			c.end(srv, u, token)
			r := srv.DoWith(h, "GET", "/api/v1/auth/me", nil).Want(401)
			if r.ErrorCode() != "unauthenticated" {
				t.Fatalf("code %q", r.ErrorCode())
			}
		})
	}
}

func TestExpiredAuditorCannotSignIn(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	u := srv.Users[model.RoleAuditor]
	end := testutil.FixedNow.Add(time.Hour)
	srv.Do(model.RoleAdmin, "PATCH", path("/api/v1/users/%d", u.ID), map[string]any{"version": u.Version, "access_expires_at": end}).Want(200)
	srv.Do("", "POST", "/api/v1/auth/login", map[string]string{"email": u.Email, "password": testutil.Password}).Want(200)
	srv.Clock.Advance(time.Hour)
	srv.Do("", "POST", "/api/v1/auth/login", map[string]string{"email": u.Email, "password": testutil.Password}).Want(401)
}

func TestCookieSessionAndCrossSiteWrites(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	r := srv.Do("", "POST", "/api/v1/auth/login", map[string]string{"email": "admin@example.com", "password": testutil.Password}).Want(200)
	cookie := strings.Split(r.Header.Get("Set-Cookie"), ";")[0]
	body := map[string]any{"email": "new@example.com", "name": "New", "role": "auditor"}

	srv.DoWith(http.Header{"Cookie": {cookie}}, "GET", "/api/v1/auth/me", nil).Want(200)
	// A cookie write without the header a cross-site page cannot send.
	r = srv.DoWith(http.Header{"Cookie": {cookie}}, "POST", "/api/v1/users", body).Want(403)
	if !strings.Contains(r.ErrorCodeMessage(), "ross-site") {
		t.Fatalf("message: %s", r.Body)
	}
	// From another origin, even with the header.
	srv.DoWith(http.Header{"Cookie": {cookie}, "X-Requested-With": {"qualtrack"}, "Origin": {"https://evil.example"}}, "POST", "/api/v1/users", body).Want(403)
	srv.DoWith(http.Header{"Cookie": {cookie}, "X-Requested-With": {"qualtrack"}, "Sec-Fetch-Site": {"cross-site"}}, "POST", "/api/v1/users", body).Want(403)
	// The SPA's own request.
	srv.DoWith(http.Header{"Cookie": {cookie}, "X-Requested-With": {"qualtrack"}, "Origin": {"http://example.com"}, "Sec-Fetch-Site": {"same-origin"}}, "POST", "/api/v1/users", body).Want(201)
	// Bearer clients are not browsers: no header needed.
	srv.Do(model.RoleAdmin, "POST", "/api/v1/users", map[string]any{"email": "other@example.com", "name": "Other", "role": "auditor"}).Want(201)
}

func TestChangePassword(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	cases := []struct {
		name      string
		current   string
		next      string
		want      int
		wantField string
	}{
		{"wrong current", "nope nope nope", "a good new password", 422, "current_password"},
		{"too short", testutil.Password, "short", 422, "new_password"},
		{"too long", testutil.Password, strings.Repeat("x", 257), 422, "new_password"},
		{"same", testutil.Password, testutil.Password, 422, "new_password"},
		{"ok", testutil.Password, "a good new password", 204, ""},
	}
	for _, c := range cases {
		r := srv.Do(model.RoleProcurement, "POST", "/api/v1/auth/password", map[string]string{"current_password": c.current, "new_password": c.next}).Want(c.want)
		if c.wantField != "" && r.ErrorFields()[c.wantField] == "" {
			t.Errorf("%s: no message on %s: %s", c.name, c.wantField, r.Body)
		}
	}
	srv.Do("", "POST", "/api/v1/auth/login", map[string]string{"email": "procurement@example.com", "password": "a good new password"}).Want(200)
}

// A browser session ends after an hour without requests, is renewed while
// used, and never outlives the absolute lifetime; bearer tokens live the
// absolute lifetime.
func TestSessionIdleTimeoutAndLifetime(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil) // idle 1h, lifetime 12h
	login := func() (string, string) {
		r := srv.Do("", "POST", "/api/v1/auth/login", map[string]string{"email": "manager@example.com", "password": testutil.Password}).Want(200)
		var out struct {
			Token string `json:"token"`
		}
		r.Decode(&out)
		return strings.Split(r.Header.Get("Set-Cookie"), ";")[0], out.Token
	}
	me := func(cookie string) *testutil.Response {
		return srv.DoWith(http.Header{"Cookie": {cookie}}, "GET", "/api/v1/auth/me", nil)
	}

	// Idle for longer than the timeout: the browser session is over.
	cookie, bearer := login()
	srv.Clock.Advance(61 * time.Minute)
	me(cookie).Want(401)
	srv.DoWith(http.Header{"Authorization": {"Bearer " + bearer}}, "GET", "/api/v1/auth/me", nil).Want(200)

	// Used every 50 minutes: renewed each time, until the lifetime ends.
	cookie, bearer = login()
	start := srv.Clock.Now()
	for srv.Clock.Now().Sub(start) < 11*time.Hour {
		srv.Clock.Advance(50 * time.Minute)
		r := me(cookie).Want(200)
		if renewed := r.Header.Get("Set-Cookie"); renewed != "" {
			cookie = strings.Split(renewed, ";")[0]
		}
	}
	srv.Clock.Set(start.Add(12*time.Hour + time.Minute))
	me(cookie).Want(401)
	srv.DoWith(http.Header{"Authorization": {"Bearer " + bearer}}, "GET", "/api/v1/auth/me", nil).Want(401)
}
