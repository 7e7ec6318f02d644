package config

import (
	"net"
	"net/url"
	"strconv"
	"strings"
)

// Where the roles of users who sign in with the identity provider come
// from (QUALTRACK_OIDC_ROLES_FROM).
const (
	RolesFromQualtrack = "qualtrack" // administrators set them on the Users page
	RolesFromGroups    = "groups"    // the provider's group claim decides at every sign-in
)

// OIDC is single sign-on through an OpenID Connect provider; off while
// Issuer is empty.
type OIDC struct {
	Issuer       string
	ClientID     string
	ClientSecret Secret
	RedirectURL  string
	// ProviderName labels the sign-in button ("Sign in with <name>").
	ProviderName string
	Scopes       []string
	// GroupsClaim names the ID token claim that lists the user's groups.
	GroupsClaim string
	RolesFrom   string
	// RoleGroups maps a provider group to a qualtrack role.
	RoleGroups []GroupRole
	// ManufacturerGroups maps a provider group to the manufacturer an
	// auditor is limited to or a supplier is bound to.
	ManufacturerGroups map[string][]int64
	// CreateUsers creates a user on their first sign-in (just in time);
	// otherwise an administrator creates them first.
	CreateUsers bool
	// RequireTOTP keeps qualtrack's two-factor code step after a sign-in
	// at the provider for users enrolled in it.
	RequireTOTP bool
}

// GroupRole is one entry of QUALTRACK_OIDC_ROLE_GROUPS.
type GroupRole struct {
	Role  string
	Group string
}

// Enabled reports whether single sign-on is configured.
func (o OIDC) Enabled() bool { return o.Issuer != "" }

// DefaultSSOCallbackPath is the web app's page the provider sends the
// browser back to.
const DefaultSSOCallbackPath = "/sso/callback"

var oidcRoles = map[string]bool{"admin": true, "manager": true, "procurement": true, "auditor": true, "supplier": true}

// loadOIDC reads single sign-on and whether local passwords stay on.
func loadOIDC(c *Config, getenv func(string) string, bad func(name, format string, a ...any)) {
	o := OIDC{
		Issuer:       strings.TrimRight(strings.TrimSpace(getenv("QUALTRACK_OIDC_ISSUER")), "/"),
		ClientID:     strings.TrimSpace(getenv("QUALTRACK_OIDC_CLIENT_ID")),
		RedirectURL:  strings.TrimSpace(getenv("QUALTRACK_OIDC_REDIRECT_URL")),
		ProviderName: or(getenv("QUALTRACK_OIDC_PROVIDER_NAME"), "single sign-on"),
		Scopes:       strings.Fields(or(getenv("QUALTRACK_OIDC_SCOPES"), "openid email profile")),
		GroupsClaim:  or(getenv("QUALTRACK_OIDC_GROUPS_CLAIM"), "groups"),
		RolesFrom:    strings.ToLower(or(getenv("QUALTRACK_OIDC_ROLES_FROM"), RolesFromQualtrack)),
	}
	secret, err := readKeySetting(getenv, "QUALTRACK_OIDC_CLIENT_SECRET")
	if err != nil {
		bad("QUALTRACK_OIDC_CLIENT_SECRET", "%v", err)
	}
	o.ClientSecret = Secret(secret)
	o.CreateUsers = loadBool(getenv, "QUALTRACK_OIDC_CREATE_USERS", false, bad)
	o.RequireTOTP = loadBool(getenv, "QUALTRACK_OIDC_REQUIRE_TOTP", false, bad)
	c.LocalPasswords = loadBool(getenv, "QUALTRACK_LOCAL_PASSWORDS", true, bad)
	c.BreakGlassEmail = strings.ToLower(strings.TrimSpace(getenv("QUALTRACK_BREAK_GLASS_EMAIL")))

	for _, entry := range splitEntries(getenv("QUALTRACK_OIDC_ROLE_GROUPS")) {
		role, group, ok := strings.Cut(entry, "=")
		role, group = strings.TrimSpace(role), strings.TrimSpace(group)
		if !ok || !oidcRoles[role] || group == "" {
			bad("QUALTRACK_OIDC_ROLE_GROUPS", "must look like admin=qualtrack-admins;manager=qualtrack-managers (role=group, one per entry), not %q", entry)
			continue
		}
		o.RoleGroups = append(o.RoleGroups, GroupRole{Role: role, Group: group})
	}
	for _, entry := range splitEntries(getenv("QUALTRACK_OIDC_MANUFACTURER_GROUPS")) {
		i := strings.LastIndexByte(entry, '=')
		var id int64
		if i > 0 {
			id, err = strconv.ParseInt(strings.TrimSpace(entry[i+1:]), 10, 64)
		}
		if i <= 0 || err != nil || id < 1 || strings.TrimSpace(entry[:i]) == "" {
			bad("QUALTRACK_OIDC_MANUFACTURER_GROUPS", "must look like qualtrack-acme=12 (group=manufacturer id, one per entry), not %q", entry)
			continue
		}
		if o.ManufacturerGroups == nil {
			o.ManufacturerGroups = map[string][]int64{}
		}
		g := strings.TrimSpace(entry[:i])
		o.ManufacturerGroups[g] = append(o.ManufacturerGroups[g], id)
	}
	if o.RedirectURL == "" && c.BaseURL != "" && o.Issuer != "" {
		o.RedirectURL = c.BaseURL + DefaultSSOCallbackPath
	}
	c.OIDC = o

	if o.RolesFrom != RolesFromQualtrack && o.RolesFrom != RolesFromGroups {
		bad("QUALTRACK_OIDC_ROLES_FROM", "must be %q or %q, not %q", RolesFromQualtrack, RolesFromGroups, o.RolesFrom)
	}
	if !o.Enabled() {
		if !c.LocalPasswords {
			bad("QUALTRACK_LOCAL_PASSWORDS", "can only be false when single sign-on is configured (QUALTRACK_OIDC_ISSUER)")
		}
		return
	}
	if u, err := url.Parse(o.Issuer); err != nil || (u.Scheme != "https" && !(u.Scheme == "http" && !c.Production() && loopback(u.Hostname()))) || u.Host == "" {
		bad("QUALTRACK_OIDC_ISSUER", "must be the provider's https:// issuer URL (http:// only to a loopback address in development), not %q", o.Issuer)
	}
	if o.ClientID == "" {
		bad("QUALTRACK_OIDC_CLIENT_ID", "is required with QUALTRACK_OIDC_ISSUER")
	}
	if o.ClientSecret == "" {
		bad("QUALTRACK_OIDC_CLIENT_SECRET", "is required with QUALTRACK_OIDC_ISSUER (or QUALTRACK_OIDC_CLIENT_SECRET_FILE)")
	}
	if u, err := url.Parse(o.RedirectURL); o.RedirectURL == "" || err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		bad("QUALTRACK_OIDC_REDIRECT_URL", "must be the absolute URL of qualtrack's %s page (or set QUALTRACK_BASE_URL), not %q", DefaultSSOCallbackPath, o.RedirectURL)
	}
	if !strings.Contains(" "+strings.Join(o.Scopes, " ")+" ", " openid ") {
		bad("QUALTRACK_OIDC_SCOPES", "must include openid")
	}
	if o.RolesFrom == RolesFromGroups && len(o.RoleGroups) == 0 {
		bad("QUALTRACK_OIDC_ROLE_GROUPS", "is required when QUALTRACK_OIDC_ROLES_FROM=groups")
	}
	if o.CreateUsers && o.RolesFrom != RolesFromGroups {
		bad("QUALTRACK_OIDC_CREATE_USERS", "needs QUALTRACK_OIDC_ROLES_FROM=groups: a user created on first sign-in takes their role from their groups")
	}
	if !c.LocalPasswords && c.BreakGlassEmail == "" {
		bad("QUALTRACK_BREAK_GLASS_EMAIL", "is required when QUALTRACK_LOCAL_PASSWORDS=false: name the administrator who may still sign in with a password")
	}
}

// splitEntries splits a list of entries separated by semicolons or new
// lines (group names may hold commas, as directory names do).
func splitEntries(v string) []string {
	var out []string
	for _, e := range strings.FieldsFunc(v, func(r rune) bool { return r == ';' || r == '\n' }) {
		if e = strings.TrimSpace(e); e != "" {
			out = append(out, e)
		}
	}
	return out
}

func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func loadBool(getenv func(string) string, name string, def bool, bad func(name, format string, a ...any)) bool {
	v := strings.TrimSpace(getenv(name))
	if v == "" {
		return def
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		bad(name, "must be true or false, not %q", v)
		return def
	}
	return b
}
