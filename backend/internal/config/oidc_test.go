package config

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestLoadOIDC(t *testing.T) {
	secretFile := filepath.Join(t.TempDir(), "client-secret")
	if err := os.WriteFile(secretFile, []byte("from-a-file\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := Load(env(map[string]string{
		"QUALTRACK_BASE_URL":                 "https://qualtrack.example.com",
		"QUALTRACK_OIDC_ISSUER":              "https://login.example.com/tenant/v2.0/",
		"QUALTRACK_OIDC_CLIENT_ID":           "qualtrack",
		"QUALTRACK_OIDC_CLIENT_SECRET_FILE":  secretFile,
		"QUALTRACK_OIDC_ROLES_FROM":          "groups",
		"QUALTRACK_OIDC_ROLE_GROUPS":         "admin=qt-admins; auditor=CN=Auditors,OU=Groups,DC=example,DC=com",
		"QUALTRACK_OIDC_MANUFACTURER_GROUPS": "qt-acme=12;qt-acme=14",
		"QUALTRACK_OIDC_CREATE_USERS":        "true",
		"QUALTRACK_LOCAL_PASSWORDS":          "false",
		"QUALTRACK_BREAK_GLASS_EMAIL":        "Root@Example.com",
	}))
	if err != nil {
		t.Fatal(err)
	}
	o := c.OIDC
	if o.Issuer != "https://login.example.com/tenant/v2.0" || o.ClientSecret.Reveal() != "from-a-file" ||
		o.RedirectURL != "https://qualtrack.example.com/sso/callback" || !o.CreateUsers || c.LocalPasswords || c.BreakGlassEmail != "root@example.com" {
		t.Errorf("loaded %+v, local passwords %v, break-glass %q", o, c.LocalPasswords, c.BreakGlassEmail)
	}
	if want := []GroupRole{{"admin", "qt-admins"}, {"auditor", "CN=Auditors,OU=Groups,DC=example,DC=com"}}; !slices.Equal(o.RoleGroups, want) {
		t.Errorf("role groups %v, want %v", o.RoleGroups, want)
	}
	if got := o.ManufacturerGroups["qt-acme"]; !slices.Equal(got, []int64{12, 14}) {
		t.Errorf("manufacturer groups %v", o.ManufacturerGroups)
	}
}

func TestLoadOIDCRefuses(t *testing.T) {
	base := map[string]string{"QUALTRACK_OIDC_ISSUER": "https://login.example.com", "QUALTRACK_OIDC_CLIENT_ID": "qualtrack",
		"QUALTRACK_OIDC_CLIENT_SECRET": "s", "QUALTRACK_OIDC_REDIRECT_URL": "https://qualtrack.example.com/sso/callback"}
	for _, tc := range []struct {
		name string
		set  map[string]string
		want string
	}{
		{"passwords off without single sign-on", map[string]string{"QUALTRACK_OIDC_ISSUER": "", "QUALTRACK_LOCAL_PASSWORDS": "false"}, "QUALTRACK_LOCAL_PASSWORDS"},
		{"passwords off without a break-glass admin", map[string]string{"QUALTRACK_LOCAL_PASSWORDS": "false"}, "QUALTRACK_BREAK_GLASS_EMAIL"},
		{"a plain-http issuer", map[string]string{"QUALTRACK_OIDC_ISSUER": "http://login.example.com"}, "QUALTRACK_OIDC_ISSUER"},
		{"no client secret", map[string]string{"QUALTRACK_OIDC_CLIENT_SECRET": ""}, "QUALTRACK_OIDC_CLIENT_SECRET"},
		{"a relative redirect URL", map[string]string{"QUALTRACK_OIDC_REDIRECT_URL": "/sso/callback"}, "QUALTRACK_OIDC_REDIRECT_URL"},
		{"groups without a mapping", map[string]string{"QUALTRACK_OIDC_ROLES_FROM": "groups"}, "QUALTRACK_OIDC_ROLE_GROUPS"},
		{"an unknown role", map[string]string{"QUALTRACK_OIDC_ROLES_FROM": "groups", "QUALTRACK_OIDC_ROLE_GROUPS": "owner=qt"}, "QUALTRACK_OIDC_ROLE_GROUPS"},
		{"just in time without groups", map[string]string{"QUALTRACK_OIDC_CREATE_USERS": "true"}, "QUALTRACK_OIDC_CREATE_USERS"},
		{"a manufacturer that is no id", map[string]string{"QUALTRACK_OIDC_MANUFACTURER_GROUPS": "qt-acme=Acme"}, "QUALTRACK_OIDC_MANUFACTURER_GROUPS"},
		{"no openid scope", map[string]string{"QUALTRACK_OIDC_SCOPES": "email profile"}, "QUALTRACK_OIDC_SCOPES"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := map[string]string{}
			for k, v := range base {
				m[k] = v
			}
			for k, v := range tc.set {
				m[k] = v
			}
			_, err := Load(env(m))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one naming %s", err, tc.want)
			}
		})
	}
}

// .env.example documents every single sign-on variable with its default.
func TestEnvExampleListsOIDCVariables(t *testing.T) {
	b, err := os.ReadFile("../../../.env.example")
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{"QUALTRACK_OIDC_ISSUER=", "QUALTRACK_OIDC_CLIENT_ID=", "QUALTRACK_OIDC_CLIENT_SECRET=", "QUALTRACK_OIDC_REDIRECT_URL=",
		"QUALTRACK_OIDC_PROVIDER_NAME=single sign-on", "QUALTRACK_OIDC_SCOPES=openid email profile", "QUALTRACK_OIDC_GROUPS_CLAIM=groups",
		"QUALTRACK_OIDC_ROLES_FROM=qualtrack", "QUALTRACK_OIDC_ROLE_GROUPS=", "QUALTRACK_OIDC_MANUFACTURER_GROUPS=",
		"QUALTRACK_OIDC_CREATE_USERS=false", "QUALTRACK_OIDC_REQUIRE_TOTP=false", "QUALTRACK_LOCAL_PASSWORDS=true", "QUALTRACK_BREAK_GLASS_EMAIL="} {
		if !strings.Contains(string(b), "\n"+v+"\n") {
			t.Errorf(".env.example lacks %s", v)
		}
	}
}
