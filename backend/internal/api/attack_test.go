package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/auth"
	"github.com/qualtrack/qualtrack/backend/internal/config"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// auditCount counts the audit events of action about user id.
func auditCount(t *testing.T, srv *testutil.Server, action string, userID int64) int64 {
	t.Helper()
	var n int64
	err := srv.DB.Table("audit_events").Where("action = ? AND entity_type = ? AND entity_id = ?", action, "user", userID).Count(&n).Error
	testutil.Fatal(t, err, "count audit events")
	return n
}

// Sixty wrong passwords sent at once from one address: the limits count
// each attempt before its password is checked, so at most five are checked
// (the per e-mail and IP limit) and the rest are refused with 429.
func TestSignInLimitsHoldUnderParallelRequests(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	bad := map[string]string{"email": "procurement@example.com", "password": "not the password at all"}
	var wg sync.WaitGroup
	var mu sync.Mutex
	statuses := map[int]int{}
	for range 60 {
		wg.Go(func() {
			r := srv.Do("", http.MethodPost, "/api/v1/auth/login", bad)
			mu.Lock()
			statuses[r.Status]++
			mu.Unlock()
		})
	}
	wg.Wait()
	checked := statuses[http.StatusUnauthorized]
	// Attempts in flight at once may refuse each other (each counts the
	// others' reservations), so fewer than five may be checked, never more.
	if checked > 5 || checked+statuses[http.StatusTooManyRequests] != 60 {
		t.Fatalf("60 parallel wrong passwords answered %v; at most 5 may be checked", statuses)
	}
	// Attempts refused while others were in flight were not counted: more
	// wrong passwords are checked until exactly five failed in all, then
	// even the right password waits for the window to pass.
	for checked < 5 {
		srv.Do("", http.MethodPost, "/api/v1/auth/login", bad).Want(http.StatusUnauthorized)
		checked++
	}
	srv.Do("", http.MethodPost, "/api/v1/auth/login", bad).Want(http.StatusTooManyRequests)
	srv.Do("", http.MethodPost, "/api/v1/auth/login", map[string]string{"email": "procurement@example.com", "password": testutil.Password}).Want(http.StatusTooManyRequests)
}

// The password change and the two-factor changes check the password (or a
// code) too: the same limits apply, and every failure is audited.
func TestEveryPasswordCheckIsLimitedAndAudited(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		action string
		try    func(srv *testutil.Server, h http.Header) *testutil.Response
	}{
		{"change password", "auth.password_change_failed", func(srv *testutil.Server, h http.Header) *testutil.Response {
			return srv.DoWith(h, http.MethodPost, "/api/v1/auth/password", map[string]string{"current_password": "not my password", "new_password": "sixty-one wombats dance"})
		}},
		{"enrol in two-factor sign-in", "totp.enrol_failed", func(srv *testutil.Server, h http.Header) *testutil.Response {
			return srv.DoWith(h, http.MethodPost, "/api/v1/me/totp/enrol", map[string]string{"password": "not my password"})
		}},
		{"turn two-factor sign-in off", "totp.disable_failed", func(srv *testutil.Server, h http.Header) *testutil.Response {
			return srv.DoWith(h, http.MethodDelete, "/api/v1/me/totp", map[string]string{"password": "not my password", "code": "123456"})
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			srv := testutil.NewServer(t, nil)
			u := srv.Users[model.RoleManager]
			h := bearer(srv.Tokens[model.RoleManager])
			for i := range 5 {
				if r := c.try(srv, h); r.Status != http.StatusUnprocessableEntity {
					t.Fatalf("attempt %d: %d %s", i+1, r.Status, r.Body)
				}
			}
			r := c.try(srv, h).Want(http.StatusTooManyRequests)
			if r.ErrorCode() != "rate_limited" || r.Header.Get("Retry-After") == "" {
				t.Fatalf("refusal %v %s", r.Header, r.Body)
			}
			if n := auditCount(t, srv, c.action, u.ID); n != 5 {
				t.Errorf("%d %s events, want 5", n, c.action)
			}
			// The limit is the sign-in's: signing in from here waits too.
			srv.Do("", http.MethodPost, "/api/v1/auth/login", map[string]string{"email": u.Email, "password": testutil.Password}).Want(http.StatusTooManyRequests)
		})
	}
}

// The web app asks for a cookie session and gets no bearer token, which
// script could read; API clients still get one.
func TestWebSignInGetsOnlyTheCookie(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	r := srv.Do("", http.MethodPost, "/api/v1/auth/login", map[string]string{"email": "auditor@example.com", "password": testutil.Password, "session": "cookie"}).Want(http.StatusOK)
	body := r.JSON()
	if _, has := body["token"]; has || body["user"] == nil {
		t.Fatalf("cookie sign-in answered %s", r.Body)
	}
	cookie := strings.Split(r.Header.Get("Set-Cookie"), ";")[0]
	if !strings.HasPrefix(cookie, "qualtrack_session=") {
		t.Fatalf("cookie %q", cookie)
	}
	srv.DoWith(http.Header{"Cookie": {cookie}}, http.MethodGet, "/api/v1/auth/me", nil).Want(http.StatusOK)

	for _, session := range []string{"", "token"} {
		req := map[string]string{"email": "auditor@example.com", "password": testutil.Password}
		if session != "" {
			req["session"] = session
		}
		r := srv.Do("", http.MethodPost, "/api/v1/auth/login", req).Want(http.StatusOK)
		if tok, _ := r.JSON()["token"].(string); tok == "" {
			t.Errorf("API sign-in (session %q) without a token: %s", session, r.Body)
		}
	}
	r = srv.Do("", http.MethodPost, "/api/v1/auth/login", map[string]string{"email": "auditor@example.com", "password": testutil.Password, "session": "both"}).Want(http.StatusUnprocessableEntity)
	if r.ErrorFields()["session"] == "" {
		t.Errorf("unknown session kind: %s", r.Body)
	}
}

// Authenticated API answers are never stored by a browser or proxy.
func TestAPIAnswersAreNotCached(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	for _, r := range []*testutil.Response{
		srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/auth/me", nil).Want(http.StatusOK),
		srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/sites", nil).Want(http.StatusOK),
		srv.Do(model.RoleAdmin, http.MethodGet, "/api/v1/users", nil).Want(http.StatusOK),
		srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/users", nil).Want(http.StatusForbidden),
		srv.Do("", http.MethodPost, "/api/v1/auth/login", map[string]string{"email": "auditor@example.com", "password": testutil.Password}).Want(http.StatusOK),
	} {
		if got := r.Header.Get("Cache-Control"); got != "no-store" {
			t.Errorf("%s %s: Cache-Control %q", r.Method, r.Path, got)
		}
	}
}

// Over TLS the session cookie carries the __Host- prefix, and it signs in.
func TestSecureSessionCookieIsHostPrefixed(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		adjust func(*config.Config)
		h      http.Header
	}{
		{"behind a trusted TLS proxy", func(c *config.Config) { c.TrustedProxies = []string{"192.0.2.0/24"} }, http.Header{"X-Forwarded-Proto": {"https"}}},
		{"in production", func(c *config.Config) { c.Env = config.EnvProduction }, http.Header{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			srv := testutil.NewServer(t, c.adjust)
			r := srv.DoWith(c.h, http.MethodPost, "/api/v1/auth/login", map[string]string{"email": "admin@example.com", "password": testutil.Password, "session": "cookie"}).Want(http.StatusOK)
			set := r.Header.Get("Set-Cookie")
			for _, want := range []string{"__Host-qualtrack_session=", "Path=/", "Secure", "HttpOnly", "SameSite=Strict"} {
				if !strings.Contains(set, want) {
					t.Errorf("Set-Cookie %q lacks %s", set, want)
				}
			}
			if strings.Contains(strings.ToLower(set), "domain=") {
				t.Errorf("a __Host- cookie may not name a domain: %q", set)
			}
			h := c.h.Clone()
			h.Set("Cookie", strings.Split(set, ";")[0])
			srv.DoWith(h, http.MethodGet, "/api/v1/auth/me", nil).Want(http.StatusOK)
			h.Set("X-Requested-With", "qualtrack")
			r = srv.DoWith(h, http.MethodPost, "/api/v1/auth/logout", nil).Want(http.StatusNoContent)
			if !strings.Contains(r.Header.Get("Set-Cookie"), "__Host-qualtrack_session=;") {
				t.Errorf("sign-out cleared %q", r.Header.Get("Set-Cookie"))
			}
		})
	}
}

// The calendar feed URL is a session of its own: signing out everywhere,
// a password reset by an admin, the user's own password change and an
// admin's "end sessions" revoke it.
func TestCalendarFeedEndsWithTheSessions(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		end  func(srv *testutil.Server, u model.User)
	}{
		{"sign-out everywhere", func(srv *testutil.Server, _ model.User) {
			srv.Do(model.RoleProcurement, http.MethodPost, "/api/v1/auth/logout", nil).Want(http.StatusNoContent)
		}},
		{"password reset by an admin", func(srv *testutil.Server, u model.User) {
			srv.Do(model.RoleAdmin, http.MethodPatch, path("/api/v1/users/%d", u.ID), map[string]any{"version": u.Version, "password": "sixty-one wombats dance"}).Want(http.StatusOK)
		}},
		{"own password change", func(srv *testutil.Server, _ model.User) {
			srv.Do(model.RoleProcurement, http.MethodPost, "/api/v1/auth/password", map[string]string{"current_password": testutil.Password, "new_password": "sixty-one wombats dance"}).Want(http.StatusNoContent)
		}},
		{"sessions ended by an admin", func(srv *testutil.Server, u model.User) {
			srv.Do(model.RoleAdmin, http.MethodPost, path("/api/v1/users/%d/end-sessions", u.ID), nil).Want(http.StatusNoContent)
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			srv := testutil.NewServer(t, nil)
			feed := newFeed(t, srv, model.RoleProcurement)
			srv.Do("", http.MethodGet, feed, nil).Want(http.StatusOK)
			u := srv.Users[model.RoleProcurement]
			c.end(srv, u)
			srv.Do("", http.MethodGet, feed, nil).Want(http.StatusNotFound)
			if n := auditCount(t, srv, "user.calendar_token_revoke", u.ID); n != 1 {
				t.Errorf("%d revocation events", n)
			}
		})
	}
}

// A password an admin chose or the server generated is known to someone
// else: the user must replace it before doing anything else.
func TestAdminSetPasswordMustBeChangedAtFirstSignIn(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	var created struct {
		ID                int64  `json:"id"`
		Version           int64  `json:"version"`
		GeneratedPassword string `json:"generated_password"`
	}
	srv.Do(model.RoleAdmin, http.MethodPost, "/api/v1/users", map[string]any{"email": "new@example.com", "name": "New Person", "role": "procurement"}).Want(http.StatusCreated).Decode(&created)
	srv.Do(model.RoleAdmin, http.MethodPost, "/api/v1/users", map[string]any{"email": "chosen@example.com", "name": "Chosen Person", "role": "procurement", "password": "sixty-one wombats dance"}).Want(http.StatusCreated)

	for _, c := range []struct{ email, password string }{{"new@example.com", created.GeneratedPassword}, {"chosen@example.com", "sixty-one wombats dance"}} {
		r := srv.Do("", http.MethodPost, "/api/v1/auth/login", map[string]string{"email": c.email, "password": c.password}).Want(http.StatusOK)
		var a struct {
			Token                  string `json:"token"`
			PasswordChangeRequired bool   `json:"password_change_required"`
		}
		r.Decode(&a)
		if !a.PasswordChangeRequired {
			t.Fatalf("%s: sign-in %s", c.email, r.Body)
		}
		h := bearer(a.Token)
		if r := srv.DoWith(h, http.MethodGet, "/api/v1/sites", nil).Want(http.StatusForbidden); r.ErrorCode() != "password_change_required" {
			t.Errorf("code %q", r.ErrorCode())
		}
		if me := srv.DoWith(h, http.MethodGet, "/api/v1/auth/me", nil).Want(http.StatusOK).JSON(); me["must_change_password"] != true {
			t.Errorf("me %v", me)
		}
		srv.DoWith(h, http.MethodPost, "/api/v1/auth/password", map[string]string{"current_password": c.password, "new_password": "my own long passphrase"}).Want(http.StatusNoContent)
		a.Token = srv.Login(c.email, "my own long passphrase")
		srv.DoWith(bearer(a.Token), http.MethodGet, "/api/v1/sites", nil).Want(http.StatusOK)
	}

	// An admin's reset sets the rule again; the user's own change clears it.
	u := srv.Users[model.RoleAuditor]
	srv.Do(model.RoleAdmin, http.MethodPatch, path("/api/v1/users/%d", u.ID), map[string]any{"version": u.Version, "password": "sixty-one wombats dance"}).Want(http.StatusOK)
	tok := srv.Login(u.Email, "sixty-one wombats dance")
	srv.DoWith(bearer(tok), http.MethodGet, "/api/v1/sites", nil).Want(http.StatusForbidden)
}

// A new password may not contain the user's e-mail local part or name,
// wherever it is set.
func TestPasswordsRefuseTheUsersOwnNameAndEmail(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	r := srv.Do(model.RoleAdmin, http.MethodPost, "/api/v1/users", map[string]any{"email": "jane.doe@example.com", "name": "Jane Doe", "role": "auditor", "password": "Jane.Doe is the best"}).Want(http.StatusUnprocessableEntity)
	if r.ErrorFields()["password"] == "" {
		t.Fatalf("%s", r.Body)
	}
	u := srv.Users[model.RoleManager] // "Test manager", manager@example.com
	r = srv.Do(model.RoleManager, http.MethodPost, "/api/v1/auth/password", map[string]string{"current_password": testutil.Password, "new_password": "i am the manager here"}).Want(http.StatusUnprocessableEntity)
	if r.ErrorFields()["new_password"] == "" {
		t.Fatalf("%s", r.Body)
	}
	r = srv.Do(model.RoleAdmin, http.MethodPatch, path("/api/v1/users/%d", u.ID), map[string]any{"version": u.Version, "password": "manager of everything"}).Want(http.StatusUnprocessableEntity)
	if r.ErrorFields()["password"] == "" {
		t.Fatalf("%s", r.Body)
	}
}

// Recovery codes are stored under their own salt with a slow hash; codes
// stored by an earlier version (a bare SHA-256) are rehashed when the
// server starts and keep working.
func TestRecoveryCodesAreSaltedAndSlowlyHashed(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	u := srv.Users[model.RoleManager]
	_, codes, _ := enrol(t, srv, bearer(srv.Tokens[model.RoleManager]))
	var stored []string
	testutil.Fatal(t, srv.DB.Table("totp_recovery_codes").Where("user_id = ?", u.ID).Pluck("code_hash", &stored).Error, "read codes")
	salts := map[string]bool{}
	for _, h := range stored {
		parts := strings.Split(h, "$")
		if !strings.HasPrefix(h, "$argon2id$") || len(parts) != 6 {
			t.Fatalf("stored recovery code %q is not an argon2id hash", h)
		}
		salts[parts[4]] = true
	}
	if len(stored) != 10 || len(salts) != 10 {
		t.Fatalf("%d codes with %d distinct salts", len(stored), len(salts))
	}

	// A code stored the old way: the hex SHA-256 of the code.
	legacy := "abcd-efgh-ijkl-mnop"
	testutil.Fatal(t, srv.DB.Exec("INSERT INTO totp_recovery_codes (created_at, user_id, code_hash) VALUES (?, ?, ?)",
		testutil.FixedNow, u.ID, auth.HashRecoveryCode(legacy)).Error, "insert legacy code")
	restarted := testutil.Restart(t, srv)
	var legacyStored string
	testutil.Fatal(t, srv.DB.Table("totp_recovery_codes").Where("user_id = ? AND id = (SELECT max(id) FROM totp_recovery_codes)", u.ID).Pluck("code_hash", &legacyStored).Error, "read")
	if !strings.HasPrefix(legacyStored, "$argon2id$") {
		t.Fatalf("legacy code still stored as %q", legacyStored)
	}
	for _, code := range []string{legacy, strings.ToUpper(codes[3])} {
		ch := password(restarted, u.Email).Challenge
		restarted.Do("", http.MethodPost, "/api/v1/auth/login/totp", map[string]any{"challenge": ch, "recovery_code": code}).Want(http.StatusOK)
		ch = password(restarted, u.Email).Challenge
		restarted.Do("", http.MethodPost, "/api/v1/auth/login/totp", map[string]any{"challenge": ch, "recovery_code": code}).Want(http.StatusUnauthorized)
	}
}

// Names refuse invisible and direction-changing characters, and two names
// that read the same (fullwidth letters, ligatures, case) cannot both
// exist.
func TestNamesRefuseHiddenCharactersAndLookAlikes(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	for _, name := range []string{"Acme\u202Eetis", "Ac\u200bme", "\u2066Acme\u2069", "Acme\ufeff"} {
		r := srv.Do(model.RoleProcurement, http.MethodPost, "/api/v1/manufacturers", map[string]any{"name": name}).Want(http.StatusUnprocessableEntity)
		if r.ErrorFields()["name"] == "" {
			t.Errorf("%q: %s", name, r.Body)
		}
	}
	var m struct {
		ID      int64 `json:"id"`
		Version int64 `json:"version"`
	}
	srv.Do(model.RoleProcurement, http.MethodPost, "/api/v1/manufacturers", map[string]any{"name": "Straße Électronique"}).Want(http.StatusCreated).Decode(&m)
	for _, name := range []string{"ＳＴＲＡＳＳＥ ÉLECTRONIQUE", "STRASSE ÉLECTRONIQUE", "Straße  E\u0301lectronique"} {
		r := srv.Do(model.RoleProcurement, http.MethodPost, "/api/v1/manufacturers", map[string]any{"name": name}).Want(http.StatusConflict)
		if r.ErrorFields()["name"] == "" {
			t.Errorf("%q: %s", name, r.Body)
		}
	}
	// Renaming onto a look-alike is refused as well.
	srv.Do(model.RoleProcurement, http.MethodPost, "/api/v1/manufacturers", map[string]any{"name": "Other"}).Want(http.StatusCreated)
	srv.Do(model.RoleProcurement, http.MethodPatch, path("/api/v1/manufacturers/%d", m.ID), map[string]any{"version": m.Version, "name": "ｏｔｈｅｒ"}).Want(http.StatusConflict)

	r := srv.Do(model.RoleAdmin, http.MethodPost, "/api/v1/users", map[string]any{"email": "x@example.com", "name": "Eve\u202Elyn", "role": "auditor"}).Want(http.StatusUnprocessableEntity)
	if r.ErrorFields()["name"] == "" {
		t.Errorf("user name: %s", r.Body)
	}
	site := map[string]any{"manufacturer_id": m.ID, "code": "ACME-1", "name": "Plant\u200b 1", "country": "DE", "risk_tier": "low"}
	if r := srv.Do(model.RoleProcurement, http.MethodPost, "/api/v1/sites", site).Want(http.StatusUnprocessableEntity); r.ErrorFields()["name"] == "" {
		t.Errorf("site name: %s", r.Body)
	}
}

// A failed sign-in for an address that names no account keeps only a hash
// of what was typed: the sender's text never enters the audit trail.
func TestFailedSignInsKeepNoAttackerTextInTheTrail(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	hostile := "<script>alert(1)</script>=cmd|' /C calc'!A0@evil.example"
	srv.Do("", http.MethodPost, "/api/v1/auth/login", map[string]string{"email": hostile, "password": "whatever it is"}).Want(http.StatusUnauthorized)
	var rows []struct {
		ActorEmail string
		Changes    string
	}
	testutil.Fatal(t, srv.DB.Table("audit_events").Select("actor_email, changes").Where("action = ?", "auth.login_failed").Scan(&rows).Error, "read")
	if len(rows) != 1 {
		t.Fatalf("%d failure events", len(rows))
	}
	if strings.Contains(rows[0].ActorEmail+rows[0].Changes, "script") || strings.Contains(rows[0].Changes, "calc") {
		t.Fatalf("the trail holds the sender's text: %+v", rows[0])
	}
	if !strings.Contains(rows[0].Changes, "email_sha256") {
		t.Fatalf("no hash of the address: %+v", rows[0])
	}
}

// An event whose changes column is not JSON (written around the
// application) shows as unreadable instead of failing its page of the
// trail, and the broken chain reports no head.
func TestAuditTrailSurvivesUnreadableChanges(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	srv.Do(model.RoleProcurement, http.MethodPost, "/api/v1/manufacturers", map[string]any{"name": "Tampered Ltd"}).Want(http.StatusCreated)
	testutil.TamperWithAudit(t, srv.DB.DB, "UPDATE audit_events SET changes = '{\"name\": [null, \"Tamp' WHERE action = 'manufacturer.create'")

	var page struct {
		Items []struct {
			Action  string         `json:"action"`
			Changes map[string]any `json:"changes"`
		} `json:"items"`
	}
	srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/audit-events?page_size=200", nil).Want(http.StatusOK).Decode(&page)
	found := false
	for _, e := range page.Items {
		if e.Action == "manufacturer.create" {
			found = e.Changes["unreadable_changes"] == `{"name": [null, "Tamp`
		}
	}
	if !found {
		t.Fatalf("the tampered event is not shown as unreadable: %+v", page.Items)
	}
	v := srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/audit-events/verify", nil).Want(http.StatusOK).JSON()
	if v["valid"] != false || v["first_invalid_sequence"] == nil {
		t.Fatalf("verify %v", v)
	}
	if h, has := v["head_hash"]; has {
		t.Fatalf("a broken chain reported the head %v", h)
	}
}

// Two admins demoting each other at the same moment: one demotion wins and
// the other is refused, so an active admin always remains. (On SQLite write
// transactions are serialised anyway; on PostgreSQL the admins' rows are
// locked while the rule is checked.)
func TestSimultaneousDemotionsKeepAnAdmin(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	for round := range 8 {
		a := srv.CreateUser(fmt.Sprintf("admin-a%d@example.com", round), model.RoleAdmin)
		b := srv.CreateUser(fmt.Sprintf("admin-b%d@example.com", round), model.RoleAdmin)
		// Only a and b are active admins this round.
		var admins []model.User
		testutil.Fatal(t, srv.DB.Where("role = ? AND active = ? AND id NOT IN ?", model.RoleAdmin, true, []int64{a.ID, b.ID}).Find(&admins).Error, "admins")
		for _, u := range admins {
			testutil.Fatal(t, srv.DB.Model(&model.User{}).Where("id = ?", u.ID).Update("active", false).Error, "disable admin")
		}
		ta, tb := srv.Login(a.Email, testutil.Password), srv.Login(b.Email, testutil.Password)
		var wg sync.WaitGroup
		statuses := make([]int, 2)
		for i, c := range []struct {
			token  string
			target model.User
		}{{ta, b}, {tb, a}} {
			wg.Go(func() {
				statuses[i] = srv.DoWith(bearer(c.token), http.MethodPatch, path("/api/v1/users/%d", c.target.ID), map[string]any{"version": c.target.Version, "role": "auditor"}).Status
			})
		}
		wg.Wait()
		var n int64
		testutil.Fatal(t, srv.DB.Model(&model.User{}).Where("role = ? AND active = ?", model.RoleAdmin, true).Count(&n).Error, "count")
		if n < 1 {
			t.Fatalf("round %d: both demotions succeeded (%v): no active admin is left", round, statuses)
		}
	}
}
