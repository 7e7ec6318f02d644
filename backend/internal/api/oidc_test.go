package api_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/api"
	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/auth"
	"github.com/qualtrack/qualtrack/backend/internal/config"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/store"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// newSSOServer is a qualtrack signed in to the test provider, its clock
// at the provider's (real) time: the provider stamps its ID tokens with it.
func newSSOServer(t *testing.T, p *testOP, adjust func(*config.Config)) *testutil.Server {
	t.Helper()
	srv := testutil.NewServer(t, func(c *config.Config) {
		c.OIDC = config.OIDC{Issuer: p.URL, ClientID: opClientID, ClientSecret: opClientSecret, RedirectURL: opRedirectURL,
			ProviderName: "Example ID", Scopes: []string{"openid", "email", "profile"}, GroupsClaim: "groups", RolesFrom: config.RolesFromQualtrack}
		if adjust != nil {
			adjust(c)
		}
	})
	srv.Clock.Set(time.Now())
	return srv
}

// startSSO asks qualtrack to start a sign-in and returns where to send
// the browser and the state cookie qualtrack set.
func startSSO(t *testing.T, srv *testutil.Server) (authURL, stateCookie string) {
	t.Helper()
	r := srv.Do("", http.MethodPost, "/api/v1/auth/oidc/start", nil).Want(http.StatusOK)
	var out struct {
		AuthorizationURL string `json:"authorization_url"`
	}
	r.Decode(&out)
	return out.AuthorizationURL, cookieValue(t, r.Header, "qualtrack_sso_state")
}

func finishSSO(srv *testutil.Server, stateCookie, code, state string) *testutil.Response {
	h := http.Header{}
	if stateCookie != "" {
		h.Set("Cookie", "qualtrack_sso_state="+stateCookie)
	}
	return srv.DoWith(h, http.MethodPost, "/api/v1/auth/oidc/callback", map[string]string{"code": code, "state": state, "session": "cookie"})
}

// signInSSO signs user in at the provider and brings the answer back to
// qualtrack, as the browser and the web app do.
func signInSSO(t *testing.T, srv *testutil.Server, p *testOP, user string) *testutil.Response {
	t.Helper()
	authURL, cookie := startSSO(t, srv)
	code, state := p.SignIn(t, authURL, user)
	return finishSSO(srv, cookie, code, state)
}

func cookieValue(t *testing.T, h http.Header, name string) string {
	t.Helper()
	for _, c := range (&http.Response{Header: h}).Cookies() {
		if c.Name == name && c.MaxAge >= 0 {
			return c.Value
		}
	}
	t.Fatalf("no cookie %s in %v", name, h.Values("Set-Cookie"))
	return ""
}

// sessionOf is the session cookie a sign-in set, as the browser sends it.
func sessionOf(t *testing.T, r *testutil.Response) http.Header {
	t.Helper()
	h := http.Header{}
	h.Set("Cookie", auth.CookieName+"="+cookieValue(t, r.Header, auth.CookieName))
	return h
}

func meWith(srv *testutil.Server, h http.Header) (int, map[string]any) {
	r := srv.DoWith(h, http.MethodGet, "/api/v1/auth/me", nil)
	if r.Status != http.StatusOK {
		return r.Status, nil
	}
	return r.Status, r.JSON()
}

func TestSSOSignInStartsASessionAndSignOutEndsIt(t *testing.T) {
	t.Parallel()
	p := newTestOP(t)
	srv := newSSOServer(t, p, nil)
	srv.CreateUser("pat@example.com", model.RoleProcurement)
	p.AddUser("pat", "Pat@Example.com")

	r := signInSSO(t, srv, p, "pat").Want(http.StatusOK)
	var out struct {
		Token string `json:"token"`
		User  struct {
			Email string     `json:"email"`
			Role  model.Role `json:"role"`
		} `json:"user"`
	}
	r.Decode(&out)
	if out.User.Email != "pat@example.com" || out.User.Role != model.RoleProcurement || out.Token != "" {
		t.Fatalf("signed in as %+v (token %q), want pat@example.com as procurement with a cookie only", out.User, out.Token)
	}
	session := sessionOf(t, r)
	if status, me := meWith(srv, session); status != http.StatusOK || me["email"] != "pat@example.com" {
		t.Fatalf("GET /auth/me with the session: %d %v", status, me)
	}
	srv.DoWith(session, http.MethodGet, "/api/v1/sites", nil).Want(http.StatusOK)

	logout := session.Clone()
	logout.Set(auth.CSRFHeader, auth.CSRFValue)
	srv.DoWith(logout, http.MethodPost, "/api/v1/auth/logout", nil).Want(http.StatusNoContent)
	if status, _ := meWith(srv, session); status != http.StatusUnauthorized {
		t.Fatalf("GET /auth/me after signing out: %d, want 401", status)
	}
}

func TestSSORefusesAReplayedState(t *testing.T) {
	t.Parallel()
	p := newTestOP(t)
	srv := newSSOServer(t, p, nil)
	srv.CreateUser("pat@example.com", model.RoleManager)
	p.AddUser("pat", "pat@example.com")
	authURL, cookie := startSSO(t, srv)
	code, state := p.SignIn(t, authURL, "pat")
	finishSSO(srv, cookie, code, state).Want(http.StatusOK)

	r := finishSSO(srv, cookie, code, state).Want(http.StatusBadRequest)
	if r.ErrorCode() != "bad_request" || !strings.Contains(r.ErrorCodeMessage(), "already used") {
		t.Errorf("replayed state: %s %q", r.ErrorCode(), r.ErrorCodeMessage())
	}
	if len(r.Header.Values("Set-Cookie")) > 0 && strings.Contains(strings.Join(r.Header.Values("Set-Cookie"), ";"), auth.CookieName+"=ey") {
		t.Error("a replayed state started a session")
	}
}

func TestSSORefusesAnUnknownStateOrAnotherBrowsersState(t *testing.T) {
	t.Parallel()
	p := newTestOP(t)
	srv := newSSOServer(t, p, nil)
	srv.CreateUser("pat@example.com", model.RoleManager)
	p.AddUser("pat", "pat@example.com")

	finishSSO(srv, "made-up-state", "some-code", "made-up-state").Want(http.StatusBadRequest)

	// A state this server issued, brought back by a browser that did not
	// start the sign-in (no state cookie): a login forced on a victim.
	authURL, _ := startSSO(t, srv)
	code, state := p.SignIn(t, authURL, "pat")
	r := finishSSO(srv, "", code, state).Want(http.StatusBadRequest)
	if r.ErrorCode() != "bad_request" {
		t.Errorf("state without its cookie: %s", r.ErrorCode())
	}
}

func TestSSORefusesAnIDTokenForAnotherAudience(t *testing.T) {
	t.Parallel()
	p := newTestOP(t)
	srv := newSSOServer(t, p, nil)
	srv.CreateUser("pat@example.com", model.RoleManager)
	p.AddUser("pat", "pat@example.com")
	p.IssueForAudience("another-application")

	r := signInSSO(t, srv, p, "pat").Want(http.StatusUnauthorized)
	if r.ErrorCode() != "unauthenticated" || strings.Contains(strings.Join(r.Header.Values("Set-Cookie"), ";"), auth.CookieName) {
		t.Errorf("wrong audience: %s, cookies %v", r.ErrorCode(), r.Header.Values("Set-Cookie"))
	}
}

func TestSSORefusesAnExpiredIDToken(t *testing.T) {
	t.Parallel()
	p := newTestOP(t)
	srv := newSSOServer(t, p, nil)
	srv.CreateUser("pat@example.com", model.RoleManager)
	p.AddUser("pat", "pat@example.com")
	// The provider's ID tokens live an hour; qualtrack's clock is two
	// hours ahead of the provider's.
	srv.Clock.Advance(2 * time.Hour)
	authURL, cookie := startSSO(t, srv)
	code, state := p.SignIn(t, authURL, "pat")
	r := finishSSO(srv, cookie, code, state).Want(http.StatusUnauthorized)
	if r.ErrorCode() != "unauthenticated" {
		t.Errorf("expired ID token: %s", r.ErrorCode())
	}
}

func groupRoles(c *config.Config) {
	c.OIDC.RolesFrom = config.RolesFromGroups
	c.OIDC.RoleGroups = []config.GroupRole{{Role: "admin", Group: "qt-admins"}, {Role: "procurement", Group: "qt-buyers"}, {Role: "auditor", Group: "qt-auditors"}}
}

func TestSSOGroupClaimSetsTheRoleAtEverySignIn(t *testing.T) {
	t.Parallel()
	p := newTestOP(t)
	var acme model.Manufacturer
	srv := newSSOServer(t, p, groupRoles)
	acme = testutil.NewBuilder(t, srv.Store).Manufacturer("Acme Electronics")
	srv.API, srv.Handler = rebuild(t, srv, func(c *config.Config) {
		c.OIDC.ManufacturerGroups = map[string][]int64{"qt-audit-acme": {acme.ID}}
	})
	u := srv.CreateUser("pat@example.com", model.RoleProcurement)
	p.AddUser("pat", "pat@example.com", "qt-buyers")

	r := signInSSO(t, srv, p, "pat").Want(http.StatusOK)
	if role := r.JSON()["user"].(map[string]any)["role"]; role != "procurement" {
		t.Fatalf("role %v, want procurement", role)
	}
	first := sessionOf(t, r)

	p.SetGroups("pat", "qt-auditors", "qt-audit-acme", "unrelated")
	r = signInSSO(t, srv, p, "pat").Want(http.StatusOK)
	status, me := meWith(srv, sessionOf(t, r))
	if status != http.StatusOK || me["role"] != "auditor" {
		t.Fatalf("after the group change: %d %v, want an auditor", status, me)
	}
	if scope, _ := me["scope_manufacturer_ids"].([]any); len(scope) != 1 || scope[0] != float64(acme.ID) {
		t.Errorf("auditor scope %v, want [%d]", me["scope_manufacturer_ids"], acme.ID)
	}
	if status, _ := meWith(srv, first); status != http.StatusUnauthorized {
		t.Errorf("the session with the old role: %d, want 401 (a role change ends sessions)", status)
	}
	events, _, err := srv.Store.ListAuditEvents(context.Background(), store.AuditFilter{EntityType: "user", EntityID: u.ID, Action: string(audit.ActionUserUpdate)}, store.Page{Page: 1, PageSize: 10})
	testutil.Fatal(t, err, "audit events")
	if len(events) != 1 || !strings.Contains(events[0].Changes, "auditor") {
		t.Errorf("the role change is not in the audit trail: %+v", events)
	}

	p.SetGroups("pat", "unrelated")
	r = signInSSO(t, srv, p, "pat").Want(http.StatusForbidden)
	if !strings.Contains(r.ErrorCodeMessage(), "no group") {
		t.Errorf("no mapped group: %q", r.ErrorCodeMessage())
	}
}

func TestSSOKeepsADisabledUserOut(t *testing.T) {
	t.Parallel()
	p := newTestOP(t)
	srv := newSSOServer(t, p, groupRoles)
	u := srv.CreateUser("pat@example.com", model.RoleProcurement)
	p.AddUser("pat", "pat@example.com", "qt-admins")
	_, err := srv.Store.UpdateUser(context.Background(), u.ID, u.Version, testutil.SystemActor, func(u *model.User) error {
		u.Active = false
		return nil
	})
	testutil.Fatal(t, err, "disable")

	r := signInSSO(t, srv, p, "pat").Want(http.StatusForbidden)
	if !strings.Contains(r.ErrorCodeMessage(), "disabled") || strings.Contains(strings.Join(r.Header.Values("Set-Cookie"), ";"), auth.CookieName) {
		t.Errorf("disabled user: %q, cookies %v", r.ErrorCodeMessage(), r.Header.Values("Set-Cookie"))
	}
	after, err := srv.Store.UserByID(context.Background(), u.ID)
	testutil.Fatal(t, err, "user")
	if after.Active || after.Role != model.RoleProcurement {
		t.Errorf("the provider's groups changed a disabled user: active %v role %s", after.Active, after.Role)
	}
}

func TestSSOWithoutJustInTimeCreationRefusesAnUnknownUser(t *testing.T) {
	t.Parallel()
	p := newTestOP(t)
	srv := newSSOServer(t, p, groupRoles)
	p.AddUser("newcomer", "newcomer@example.com", "qt-buyers")

	r := signInSSO(t, srv, p, "newcomer").Want(http.StatusForbidden)
	if !strings.Contains(r.ErrorCodeMessage(), "no qualtrack account") {
		t.Errorf("unknown user: %q", r.ErrorCodeMessage())
	}
	if _, err := srv.Store.UserByEmail(context.Background(), "newcomer@example.com"); err == nil {
		t.Error("a user was created with just-in-time creation off")
	}
}

func TestSSOJustInTimeCreatesTheUserAndKnowsThemBySubject(t *testing.T) {
	t.Parallel()
	p := newTestOP(t)
	srv := newSSOServer(t, p, func(c *config.Config) {
		groupRoles(c)
		c.OIDC.CreateUsers = true
	})
	p.AddUser("newcomer", "newcomer@example.com", "qt-buyers")

	r := signInSSO(t, srv, p, "newcomer").Want(http.StatusOK)
	u, err := srv.Store.UserByEmail(context.Background(), "newcomer@example.com")
	testutil.Fatal(t, err, "the created user")
	if u.Role != model.RoleProcurement || u.Name != "Pat Provider" || !u.Active {
		t.Errorf("created %+v", u)
	}
	if status, me := meWith(srv, sessionOf(t, r)); status != http.StatusOK || me["email"] != "newcomer@example.com" {
		t.Errorf("session of the created user: %d %v", status, me)
	}
	// The provider account is linked: a new address there signs in to the
	// same user.
	p.AddUser("newcomer", "renamed@example.com", "qt-buyers")
	r = signInSSO(t, srv, p, "newcomer").Want(http.StatusOK)
	if id := r.JSON()["user"].(map[string]any)["id"]; id != float64(u.ID) {
		t.Errorf("signed in as user %v, want %d", id, u.ID)
	}
}

func TestPasswordSignInSwitchedOffExceptForTheBreakGlassAdmin(t *testing.T) {
	t.Parallel()
	p := newTestOP(t)
	srv := newSSOServer(t, p, nil)
	srv.API, srv.Handler = rebuild(t, srv, func(c *config.Config) {
		c.LocalPasswords = false
		c.BreakGlassEmail = "admin@example.com"
	})
	r := srv.Do("", http.MethodPost, "/api/v1/auth/login", map[string]string{"email": "procurement@example.com", "password": testutil.Password}).Want(http.StatusForbidden)
	if !strings.Contains(r.ErrorCodeMessage(), "Sign in with Example ID") {
		t.Errorf("password sign-in switched off: %q", r.ErrorCodeMessage())
	}
	srv.Login("Admin@example.com", testutil.Password)

	var methods struct {
		Password bool `json:"password"`
		SSO      *struct {
			ProviderName string `json:"provider_name"`
		} `json:"sso"`
	}
	srv.Do("", http.MethodGet, "/api/v1/auth/methods", nil).Want(http.StatusOK).Decode(&methods)
	if methods.Password || methods.SSO == nil || methods.SSO.ProviderName != "Example ID" {
		t.Errorf("sign-in methods %+v", methods)
	}
	p.AddUser("buyer", "procurement@example.com")
	session := sessionOf(t, signInSSO(t, srv, p, "buyer").Want(http.StatusOK))
	session.Set(auth.CSRFHeader, auth.CSRFValue)
	srv.DoWith(session, http.MethodPost, "/api/v1/auth/password",
		map[string]string{"current_password": testutil.Password, "new_password": "a new and long passphrase"}).Want(http.StatusForbidden)
}

func TestSignInMethodsWithoutSSO(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	m := srv.Do("", http.MethodGet, "/api/v1/auth/methods", nil).Want(http.StatusOK).JSON()
	if m["password"] != true || m["sso"] != nil {
		t.Errorf("sign-in methods %v, want passwords only", m)
	}
	srv.Do("", http.MethodPost, "/api/v1/auth/oidc/start", nil).Want(http.StatusNotFound)
	srv.Do("", http.MethodPost, "/api/v1/auth/oidc/callback", map[string]string{"code": "x", "state": "y"}).Want(http.StatusNotFound)
}

func TestSSOProviderDownIsA503(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, func(c *config.Config) {
		c.OIDC = config.OIDC{Issuer: "http://127.0.0.1:1", ClientID: opClientID, ClientSecret: opClientSecret, RedirectURL: opRedirectURL,
			ProviderName: "Example ID", Scopes: []string{"openid"}, GroupsClaim: "groups", RolesFrom: config.RolesFromQualtrack}
	})
	r := srv.Do("", http.MethodPost, "/api/v1/auth/oidc/start", nil).Want(http.StatusServiceUnavailable)
	if r.ErrorCode() != "sso_unavailable" {
		t.Errorf("provider down: %s", r.ErrorCode())
	}
}

// rebuild builds the HTTP side again over the same application with a
// changed configuration.
func rebuild(t *testing.T, srv *testutil.Server, adjust func(*config.Config)) (*api.Server, http.Handler) {
	t.Helper()
	adjust(&srv.Config)
	srv.App.Config = srv.Config
	a, err := srv.App.HTTP(nil)
	testutil.Fatal(t, err, "api")
	h, err := a.Handler()
	testutil.Fatal(t, err, "handler")
	return a, h
}

// The provider's sign-in replaces qualtrack's two-factor code, unless the
// deployment asks for both.
func TestSSOAndTwoFactorSignIn(t *testing.T) {
	t.Parallel()
	p := newTestOP(t)
	srv := newSSOServer(t, p, nil)
	u := srv.Users[model.RoleManager]
	secret, _, _ := enrol(t, srv, bearer(srv.Login(u.Email, testutil.Password)))
	p.AddUser("mira", u.Email)

	var a loginAnswer
	signInSSO(t, srv, p, "mira").Want(http.StatusOK).Decode(&a)
	if a.TOTPRequired {
		t.Fatalf("single sign-on asked for the two-factor code: %+v", a)
	}

	srv.API, srv.Handler = rebuild(t, srv, func(c *config.Config) { c.OIDC.RequireTOTP = true })
	r := signInSSO(t, srv, p, "mira").Want(http.StatusOK)
	r.Decode(&a)
	if !a.TOTPRequired || a.Challenge == "" || strings.Contains(strings.Join(r.Header.Values("Set-Cookie"), ";"), auth.CookieName) {
		t.Fatalf("with QUALTRACK_OIDC_REQUIRE_TOTP: %+v, cookies %v", a, r.Header.Values("Set-Cookie"))
	}
	srv.Clock.Advance(30 * time.Second)
	srv.Do("", http.MethodPost, "/api/v1/auth/login/totp", map[string]any{"challenge": a.Challenge, "code": totpNow(t, srv, secret)}).Want(http.StatusOK)
}
