package api_test

import (
	"net/http"
	"regexp"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/auth"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

var pathParam = regexp.MustCompile(`:[a-z_]+`)

// Every route declares a rule; a route added without one fails here.
func TestEveryRouteDeclaresAPermission(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	for _, rt := range srv.API.Routes() {
		if !rt.Permission.Valid() {
			t.Errorf("%s %s declares no permission", rt.Method, rt.Path)
		}
		if rt.Method != http.MethodGet && rt.Permission == auth.Read {
			t.Errorf("%s %s: a write guarded only by Read", rt.Method, rt.Path)
		}
	}
}

// The role matrix, generated from the route table: each role gets 403 on
// exactly the routes its role may not call, everyone else gets past the
// guard, nobody gets a 5xx, and without a token every non-public route is 401.
func TestRoleMatrix(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	for _, rt := range srv.API.Routes() {
		if rt.Permission == auth.Public {
			continue
		}
		p := rt.Path
		if rt.API {
			p = "/api/v1" + p
		}
		p = pathParam.ReplaceAllString(p, "999999")
		var body any
		if rt.Method != http.MethodGet && rt.Method != http.MethodDelete {
			body = map[string]any{}
		}
		t.Run(rt.Method+" "+rt.Path, func(t *testing.T) {
			if rt.Path == "/auth/logout" {
				return // ends the role's session; covered by TestTokenInvalidation
			}
			r := srv.Do("", rt.Method, p, body)
			if r.Status != http.StatusUnauthorized {
				t.Errorf("no token: %d, want 401", r.Status)
			}
			for _, role := range model.Roles {
				r := srv.Do(role, rt.Method, p, body)
				allowed := rt.Permission.Allows(role)
				switch {
				case r.Status >= 500:
					t.Errorf("%s: %d %s", role, r.Status, r.Body)
				case allowed && (r.Status == http.StatusForbidden || r.Status == http.StatusUnauthorized):
					t.Errorf("%s may %s but got %d %s", role, rt.Permission, r.Status, r.Body)
				case !allowed && r.Status != http.StatusForbidden:
					t.Errorf("%s may not %s but got %d", role, rt.Permission, r.Status)
				}
			}
		})
	}
}

// An auditor is refused every route that is not a read.
func TestAuditorCannotWrite(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	n := 0
	for _, rt := range srv.API.Routes() {
		// Self and Calendar are the auditor's own account and calendar link.
		if rt.Method == http.MethodGet || rt.Permission == auth.Public || rt.Permission == auth.Self || rt.Permission == auth.Calendar {
			continue
		}
		n++
		p := "/api/v1" + pathParam.ReplaceAllString(rt.Path, "1")
		srv.Do(model.RoleAuditor, rt.Method, p, map[string]any{}).Want(http.StatusForbidden)
	}
	if n == 0 {
		t.Fatal("no write routes found")
	}
}
