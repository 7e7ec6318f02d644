package api_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/config"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

func preflight(origin, method string) http.Header {
	return http.Header{
		"Origin":                         {origin},
		"Access-Control-Request-Method":  {method},
		"Access-Control-Request-Headers": {"content-type, x-requested-with"},
	}
}

func corsHeaders(h http.Header) []string {
	var out []string
	for k := range h {
		if strings.HasPrefix(k, "Access-Control-") {
			out = append(out, k)
		}
	}
	return out
}

// Without QUALTRACK_CORS_ORIGINS no response carries a CORS header, so a
// browser lets no other origin read an answer or pass a preflight.
func TestCORSClosedByDefault(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	for _, r := range []*testutil.Response{
		srv.DoWith(preflight("https://app.example.com", "POST"), "OPTIONS", "/api/v1/manufacturers", nil),
		srv.DoWith(preflight("https://app.example.com", "GET"), "OPTIONS", "/api/v1/auth/me", nil),
		srv.DoWith(http.Header{"Origin": {"https://app.example.com"}, "Authorization": {"Bearer " + srv.Tokens[model.RoleAdmin]}}, "GET", "/api/v1/manufacturers", nil).Want(200),
		srv.DoWith(http.Header{"Origin": {"https://app.example.com"}}, "POST", "/api/v1/auth/login",
			map[string]string{"email": "admin@example.com", "password": testutil.Password}).Want(200),
	} {
		if h := corsHeaders(r.Header); len(h) > 0 {
			t.Errorf("%s %s: CORS headers %v", r.Method, r.Path, h)
		}
		if r.Status == http.StatusNoContent || r.Status == http.StatusOK && r.Method == "OPTIONS" {
			t.Errorf("%s %s: preflight answered %d", r.Method, r.Path, r.Status)
		}
	}
}

func TestCORSOnlyForConfiguredOrigins(t *testing.T) {
	t.Parallel()
	const app = "https://app.example.com"
	srv := testutil.NewServer(t, func(c *config.Config) { c.CORSOrigins = []string{app, "http://localhost:5173"} })

	// A listed origin passes the preflight, for its own origin only.
	r := srv.DoWith(preflight(app, "PATCH"), "OPTIONS", "/api/v1/manufacturers/1", nil).Want(http.StatusNoContent)
	if r.Header.Get("Access-Control-Allow-Origin") != app || r.Header.Get("Access-Control-Allow-Credentials") != "true" {
		t.Fatalf("preflight headers %v", r.Header)
	}
	// Every method the routes use, PUT included.
	for _, rt := range srv.API.Routes() {
		if rt.Method == http.MethodGet || rt.Method == http.MethodHead {
			continue
		}
		if !slices.Contains(strings.Split(r.Header.Get("Access-Control-Allow-Methods"), ", "), rt.Method) {
			t.Errorf("methods %q lack %s (%s)", r.Header.Get("Access-Control-Allow-Methods"), rt.Method, rt.Path)
		}
	}
	for _, want := range []string{"Content-Type", "X-Requested-With", "Authorization"} {
		if !strings.Contains(r.Header.Get("Access-Control-Allow-Headers"), want) {
			t.Errorf("allowed headers %q lack %s", r.Header.Get("Access-Control-Allow-Headers"), want)
		}
	}
	// A listed origin reads answers (with credentials) and never gets "*".
	r = srv.DoWith(http.Header{"Origin": {app}, "Authorization": {"Bearer " + srv.Tokens[model.RoleAuditor]}}, "GET", "/api/v1/manufacturers", nil).Want(200)
	if r.Header.Get("Access-Control-Allow-Origin") != app || r.Header.Get("Access-Control-Allow-Credentials") != "true" || !strings.Contains(r.Header.Get("Vary"), "Origin") {
		t.Fatalf("listed origin: %v", r.Header)
	}
	// Any other origin, a near miss or none: no Access-Control-Allow-*.
	for _, other := range []string{"https://evil.example", "https://app.example.com.evil.example", "http://app.example.com", "https://app.example.com:8443", "null"} {
		r := srv.DoWith(preflight(other, "POST"), "OPTIONS", "/api/v1/manufacturers", nil)
		if r.Status == http.StatusNoContent || len(corsHeaders(r.Header)) > 0 {
			t.Errorf("preflight from %s: %d %v", other, r.Status, r.Header)
		}
		r = srv.DoWith(http.Header{"Origin": {other}, "Authorization": {"Bearer " + srv.Tokens[model.RoleAuditor]}}, "GET", "/api/v1/manufacturers", nil).Want(200)
		if len(corsHeaders(r.Header)) > 0 {
			t.Errorf("GET from %s: %v", other, r.Header)
		}
	}
	r = srv.Do(model.RoleAuditor, "GET", "/api/v1/manufacturers", nil).Want(200)
	if len(corsHeaders(r.Header)) > 0 || !strings.Contains(r.Header.Get("Vary"), "Origin") {
		t.Errorf("same-origin GET: %v", r.Header)
	}
}

// A listed origin may write with the session cookie, but the CSRF header is
// still required; an unlisted origin may not write even with it.
func TestCORSKeepsCSRFGuard(t *testing.T) {
	t.Parallel()
	const app = "https://app.example.com"
	srv := testutil.NewServer(t, func(c *config.Config) { c.CORSOrigins = []string{app} })
	r := srv.DoWith(http.Header{"Origin": {app}}, "POST", "/api/v1/auth/login",
		map[string]string{"email": "procurement@example.com", "password": testutil.Password}).Want(200)
	cookie := strings.Split(r.Header.Get("Set-Cookie"), ";")[0]
	body := func(name string) map[string]any { return map[string]any{"name": name, "country": "DE"} }
	write := func(h http.Header, name string) *testutil.Response {
		h.Set("Cookie", cookie)
		return srv.DoWith(h, "POST", "/api/v1/manufacturers", body(name))
	}
	write(http.Header{"Origin": {app}, "Sec-Fetch-Site": {"same-site"}}, "No header GmbH").Want(403)
	write(http.Header{"Origin": {app}, "Sec-Fetch-Site": {"same-site"}, "X-Requested-With": {"other"}}, "Wrong header GmbH").Want(403)
	write(http.Header{"Origin": {"https://evil.example"}, "Sec-Fetch-Site": {"cross-site"}, "X-Requested-With": {"qualtrack"}}, "Evil GmbH").Want(403)
	write(http.Header{"Origin": {"https://evil.example"}, "X-Requested-With": {"qualtrack"}}, "Evil GmbH").Want(403)
	r = write(http.Header{"Origin": {app}, "Sec-Fetch-Site": {"same-site"}, "X-Requested-With": {"qualtrack"}}, "Listed GmbH").Want(201)
	if r.Header.Get("Access-Control-Allow-Origin") != app {
		t.Fatalf("write from listed origin: %v", r.Header)
	}
	// Bearer tokens are no cookie: a listed origin's API client needs no CSRF header.
	srv.DoWith(http.Header{"Origin": {app}, "Authorization": {"Bearer " + srv.Tokens[model.RoleProcurement]}}, "POST", "/api/v1/manufacturers", body("Bearer GmbH")).Want(201)
}
