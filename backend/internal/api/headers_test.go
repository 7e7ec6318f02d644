package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/config"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

func TestSecurityHeadersOnEveryResponse(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, func(c *config.Config) { c.TrustedProxies = []string{"192.0.2.0/24"} })
	for _, r := range []*testutil.Response{
		srv.Do("", "GET", "/", nil),
		srv.Do("", "GET", "/healthz", nil),
		srv.Do("", "GET", "/api/v1/auth/me", nil),
		srv.Do(model.RoleAuditor, "GET", "/api/v1/users", nil),
		srv.Do(model.RoleAdmin, "POST", "/api/v1/users", `{`),
	} {
		csp := r.Header.Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "object-src 'none'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("%s %s: CSP %q lacks %s", r.Method, r.Path, csp, want)
			}
		}
		if strings.Contains(csp, "script-src 'self' 'unsafe") {
			t.Errorf("CSP allows unsafe scripts: %s", csp)
		}
		if r.Header.Get("X-Content-Type-Options") != "nosniff" || r.Header.Get("Referrer-Policy") == "" || r.Header.Get("X-Frame-Options") != "DENY" {
			t.Errorf("%s %s: headers %v", r.Method, r.Path, r.Header)
		}
		if r.Header.Get("Strict-Transport-Security") != "" {
			t.Errorf("HSTS over plain HTTP")
		}
	}
	// Behind a trusted proxy that terminated TLS: HSTS and Secure cookies.
	r := srv.DoWith(http.Header{"X-Forwarded-Proto": {"https"}}, "POST", "/api/v1/auth/login",
		map[string]string{"email": "admin@example.com", "password": testutil.Password}).Want(200)
	if r.Header.Get("Strict-Transport-Security") == "" || !strings.Contains(r.Header.Get("Set-Cookie"), "Secure") {
		t.Fatalf("behind TLS proxy: %v", r.Header)
	}
	// The same header from an untrusted peer is ignored.
	plain := testutil.NewServer(t, nil)
	r = plain.DoWith(http.Header{"X-Forwarded-Proto": {"https"}}, "POST", "/api/v1/auth/login",
		map[string]string{"email": "admin@example.com", "password": testutil.Password}).Want(200)
	if r.Header.Get("Strict-Transport-Security") != "" || strings.Contains(r.Header.Get("Set-Cookie"), "Secure") {
		t.Fatalf("untrusted X-Forwarded-Proto believed: %v", r.Header)
	}
}
