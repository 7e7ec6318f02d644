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

// CookieName is the browser session cookie.
const CookieName = "qualtrack_session"

// CSRFHeader must accompany every cookie-authenticated write. A browser
// only sends a custom header cross-origin after a CORS preflight, which
// qualtrack never grants, so a forged cross-site form or fetch lacks it.
const (
	CSRFHeader = "X-Requested-With"
	CSRFValue  = "qualtrack"
)

// Principal is the signed-in user of a request.
type Principal struct {
	User      model.User
	ViaCookie bool
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
}

// Guard authenticates requests and enforces permissions.
type Guard struct {
	tokens *Tokens
	users  UserFinder
	now    func() time.Time
	// renew, when set, gives a browser session a fresh cookie token; the
	// API sets it because only it knows the cookie's attributes.
	renew func(c *gin.Context, u model.User, authTime time.Time)
}

// OnRenew sets how a used browser session gets its renewed token.
func (g *Guard) OnRenew(fn func(c *gin.Context, u model.User, authTime time.Time)) { g.renew = fn }

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
	if token == "" {
		if ck, err := c.Request.Cookie(CookieName); err == nil {
			token, viaCookie = ck.Value, true
		}
	}
	if token == "" {
		return nil, ErrUnauthenticated
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
		if err := checkSameOrigin(c.Request); err != nil {
			return nil, err
		}
	}
	if viaCookie && g.renew != nil && claims.IssuedAt != nil && g.now().Sub(claims.IssuedAt.Time) >= renewAfter {
		g.renew(c, u, claims.SignedInAt())
	}
	return &Principal{User: u, ViaCookie: viaCookie}, nil
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
// have sent on another site's behalf.
func checkSameOrigin(r *http.Request) error {
	if r.Header.Get(CSRFHeader) != CSRFValue {
		return ErrCrossSite
	}
	if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" && site != "none" {
		return ErrCrossSite
	}
	if origin := r.Header.Get("Origin"); origin != "" {
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
	case errors.Is(err, ErrUnauthenticated), errors.Is(err, ErrSessionEnded):
		return true, true
	case errors.Is(err, ErrForbidden), errors.Is(err, ErrCrossSite):
		return true, false
	}
	return false, false
}
