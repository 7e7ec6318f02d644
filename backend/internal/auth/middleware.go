package auth

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// CookieName is the browser session cookie over plain HTTP (development);
// SecureCookieName is its name wherever the cookie is Secure (over TLS and
// in production). The __Host- prefix makes browsers refuse the cookie
// unless it is Secure, for this host only (no Domain) and for every path,
// so a sibling subdomain or a plain-HTTP page cannot plant or shadow it.
const (
	CookieName       = "qualtrack_session"
	SecureCookieName = "__Host-" + CookieName
)

// CSRFHeader must accompany every cookie-authenticated write. A browser
// only sends a custom header cross-origin after a CORS preflight, which
// qualtrack grants only to the configured origins (QUALTRACK_CORS_ORIGINS),
// so a forged cross-site form or fetch lacks it.
const (
	CSRFHeader = "X-Requested-With"
	CSRFValue  = "qualtrack"
)

// Principal is the signed-in user of a request.
type Principal struct {
	User      model.User
	ViaCookie bool
	// Scope, when not nil, limits an auditor to these manufacturers'
	// records; the API reads through store.For(Scope).
	Scope []int64
	// Supplier, for a supplier, is the manufacturer (and sites) it is
	// bound to; the API reads through store.ForSupplier(Supplier).
	Supplier *store.SupplierBinding
	// EnrolOnly: the session may only enrol in two-factor sign-in.
	EnrolOnly bool
	// ServiceToken is the token the request came with; User is then the
	// token's service user.
	ServiceToken *model.ServiceToken
}

const principalKey = "qualtrack.principal"

// PrincipalFrom returns the request's principal, or nil on a public route.
func PrincipalFrom(c *gin.Context) *Principal {
	if v, ok := c.Get(principalKey); ok {
		return v.(*Principal)
	}
	return nil
}

// UserFinder loads a user by id; the middleware reads the user on every
// request, so a disabled account, a changed role or an ended session takes
// effect on the very next request.
type UserFinder interface {
	UserByID(ctx context.Context, id int64) (model.User, error)
	// ManufacturerScope returns the manufacturers a user is limited to
	// (nil: none). The guard asks only for auditors, the one role that can
	// be limited, so other users' requests cost no extra query.
	ManufacturerScope(ctx context.Context, userID int64) ([]int64, error)
	// SupplierBindingOf returns the manufacturer and sites a supplier is
	// bound to; asked only for suppliers.
	SupplierBindingOf(ctx context.Context, userID int64) (store.SupplierBinding, error)
}

// Guard authenticates requests and enforces permissions.
type Guard struct {
	tokens *Tokens
	users  UserFinder
	now    func() time.Time
	// renew, when set, gives a browser session a fresh cookie token; the
	// API sets it because only it knows the cookie's attributes.
	renew func(c *gin.Context, u model.User, authTime time.Time, enrolOnly bool)
	// trusted are the CORS origins whose cookie writes are accepted (still
	// only with the CSRF header).
	trusted map[string]bool
	// enrolPaths are the routes an enrol-only session may call.
	enrolPaths map[string]bool
	// passwordPaths are the routes a user who must change their password
	// may call.
	passwordPaths map[string]bool
	// serviceTokens, when set, accepts service tokens.
	serviceTokens ServiceTokenFinder
}

// AllowDuringPasswordChange names the routes (gin full paths) a user whose
// password an administrator set may call before changing it.
func (g *Guard) AllowDuringPasswordChange(paths ...string) {
	g.passwordPaths = map[string]bool{}
	for _, p := range paths {
		g.passwordPaths[p] = true
	}
}

// TrustOrigins lets cookie-authenticated writes come from these exact
// origins (the configured CORS origins) besides the server's own.
func (g *Guard) TrustOrigins(origins []string) {
	g.trusted = map[string]bool{}
	for _, o := range origins {
		g.trusted[o] = true
	}
}

// AllowDuringEnrolment names the routes (gin full paths) a session that
// must first enrol in two-factor sign-in may call.
func (g *Guard) AllowDuringEnrolment(paths ...string) {
	g.enrolPaths = map[string]bool{}
	for _, p := range paths {
		g.enrolPaths[p] = true
	}
}

// OnRenew sets how a used browser session gets its renewed token.
func (g *Guard) OnRenew(fn func(c *gin.Context, u model.User, authTime time.Time, enrolOnly bool)) {
	g.renew = fn
}

// renewAfter is how old a browser token gets before a request renews it,
// so not every request sets a cookie.
const renewAfter = time.Minute

// NewGuard returns a Guard.
func NewGuard(tokens *Tokens, users UserFinder, now func() time.Time) *Guard {
	if now == nil {
		now = time.Now
	}
	return &Guard{tokens: tokens, users: users, now: now}
}

// Require authenticates the request (unless p is Public) and refuses it
// when the user's role is not allowed p.
func (g *Guard) Require(p Permission) gin.HandlerFunc {
	if !p.Valid() {
		panic("auth: route registered without a permission")
	}
	return func(c *gin.Context) {
		if p == Public {
			c.Next()
			return
		}
		pr, err := g.authenticate(c)
		if err != nil {
			_ = c.Error(err)
			c.Abort()
			return
		}
		c.Set(principalKey, pr)
		if pr.User.MustChangePassword && !g.passwordPaths[c.FullPath()] {
			_ = c.Error(ErrPasswordChangeRequired)
			c.Abort()
			return
		}
		if pr.EnrolOnly && !g.enrolPaths[c.FullPath()] {
			_ = c.Error(ErrEnrolmentRequired)
			c.Abort()
			return
		}
		if pr.ServiceToken != nil && (p == Self || p == Calendar) && c.FullPath() != "/api/v1/auth/me" {
			// A token has no account of its own to manage.
			_ = c.Error(ErrForbidden)
			c.Abort()
			return
		}
		if !p.Allows(pr.User.Role) {
			_ = c.Error(ErrForbidden)
			c.Abort()
			return
		}
		c.Next()
	}
}

func (g *Guard) authenticate(c *gin.Context) (*Principal, error) {
	token, viaCookie := bearer(c.Request)
	for _, name := range []string{SecureCookieName, CookieName} {
		if token != "" {
			break
		}
		if ck, err := c.Request.Cookie(name); err == nil {
			token, viaCookie = ck.Value, true
		}
	}
	if token == "" {
		return nil, ErrUnauthenticated
	}
	if !viaCookie && isServiceToken(token) {
		return g.authenticateServiceToken(c, token)
	}
	claims, err := g.tokens.Parse(token)
	if err != nil {
		return nil, ErrSessionEnded
	}
	id, _ := claims.UserID()
	u, err := g.users.UserByID(c.Request.Context(), id)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return nil, ErrSessionEnded
	case err != nil:
		// The database failed (or the request was cancelled): not a reason
		// to sign the user out, which a 401 would make the web app do.
		return nil, fmt.Errorf("auth: load the signed-in user: %w", err)
	}
	if !SessionValid(u, claims.TokenVersion, g.now()) {
		return nil, ErrSessionEnded
	}
	if viaCookie && !safeMethod(c.Request.Method) {
		if err := g.checkSameOrigin(c.Request); err != nil {
			return nil, err
		}
	}
	if viaCookie && g.renew != nil && claims.IssuedAt != nil && g.now().Sub(claims.IssuedAt.Time) >= renewAfter {
		g.renew(c, u, claims.SignedInAt(), claims.EnrolOnly)
	}
	pr := &Principal{User: u, ViaCookie: viaCookie, EnrolOnly: claims.EnrolOnly}
	switch u.Role {
	case model.RoleAuditor:
		if pr.Scope, err = g.users.ManufacturerScope(c.Request.Context(), u.ID); err != nil {
			return nil, err
		}
	case model.RoleSupplier:
		b, err := g.users.SupplierBindingOf(c.Request.Context(), u.ID)
		if err != nil {
			return nil, err
		}
		pr.Supplier = &b
	}
	return pr, nil
}

// SessionValid reports whether a token of the given version still speaks
// for u at now.
func SessionValid(u model.User, tokenVersion int64, now time.Time) bool {
	if !u.Active || u.TokenVersion != tokenVersion {
		return false
	}
	if u.AccessExpiresAt != nil && !now.Before(*u.AccessExpiresAt) {
		return false
	}
	return true
}

func bearer(r *http.Request) (string, bool) {
	h := r.Header.Get("Authorization")
	if len(h) > 7 && strings.EqualFold(h[:7], "bearer ") {
		return strings.TrimSpace(h[7:]), false
	}
	return "", false
}

func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions
}

// checkSameOrigin refuses a cookie-authenticated write that a browser may
// have sent on another site's behalf. The CSRF header is required from
// every origin, trusted ones included.
func (g *Guard) checkSameOrigin(r *http.Request) error {
	if r.Header.Get(CSRFHeader) != CSRFValue {
		return ErrCrossSite
	}
	origin := r.Header.Get("Origin")
	if g.trusted[origin] {
		return nil
	}
	if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" && site != "none" {
		return ErrCrossSite
	}
	if origin != "" {
		u, err := url.Parse(origin)
		if err != nil || !strings.EqualFold(u.Host, r.Host) {
			return ErrCrossSite
		}
	}
	return nil
}

// IsAuthError reports whether err is one of the middleware's refusals, and
// whether it means 401 (true) or 403 (false).
func IsAuthError(err error) (is bool, unauthenticated bool) {
	switch {
	case errors.Is(err, ErrUnauthenticated), errors.Is(err, ErrSessionEnded), errors.Is(err, ErrServiceTokenEnded):
		return true, true
	case errors.Is(err, ErrForbidden), errors.Is(err, ErrCrossSite):
		return true, false
	}
	return false, false
}
