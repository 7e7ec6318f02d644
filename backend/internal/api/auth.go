package api

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/auth"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

type loginRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

type sessionUser struct {
	ID    int64      `json:"id"`
	Email string     `json:"email"`
	Name  string     `json:"name"`
	Role  model.Role `json:"role"`
}

type loginResponse struct {
	Token     string      `json:"token,omitempty"`
	ExpiresAt time.Time   `json:"expires_at"`
	User      sessionUser `json:"user,omitzero"`
	// TOTPRequired: the password was right; send a code with Challenge to
	// POST /auth/login/totp. No session was started.
	TOTPRequired bool   `json:"totp_required,omitempty"`
	Challenge    string `json:"challenge,omitempty"`
	// TOTPEnrolmentRequired: the session may only enrol in two-factor
	// sign-in until it is set up.
	TOTPEnrolmentRequired bool `json:"totp_enrolment_required,omitempty"`
}

var errBadCredentials = &Error{Status: http.StatusUnauthorized, Code: "unauthenticated", Message: "The e-mail or password is not correct."}

// actor is the audit actor of the request's principal.
func actor(c *gin.Context) audit.Actor {
	if p := auth.PrincipalFrom(c); p != nil {
		return audit.ActorOf(p.User, c.ClientIP())
	}
	return audit.Actor{IP: c.ClientIP()}
}

func principal(c *gin.Context) model.User { return auth.PrincipalFrom(c).User }

// st is the store as the request's user may see it: a scoped auditor's
// reads leave out every record outside their manufacturers.
func (s *Server) st(c *gin.Context) *store.Store {
	if p := auth.PrincipalFrom(c); p != nil {
		return s.scoped(p.User.ID, p.Scope)
	}
	return s.scoped(0, nil)
}

func (s *Server) login(c *gin.Context) error {
	var req loginRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	email := store.NormalizeEmail(req.Email)
	fields := map[string]string{}
	switch {
	case email == "":
		fields["email"] = "required"
	case len(email) > 254:
		fields["email"] = "must be at most 254 characters"
	}
	switch {
	case req.Password == "":
		fields["password"] = "required"
	case len(req.Password) > 4*auth.MaxPasswordLen:
		fields["password"] = fmt.Sprintf("must be at most %d characters", auth.MaxPasswordLen)
	}
	if len(fields) > 0 {
		return invalid("Enter your e-mail and password.", fields)
	}
	ip := c.ClientIP()
	ctx := c.Request.Context()
	if err := s.withinLimits(c, email, ip); err != nil {
		return err
	}
	u, err := s.unscoped.UserByEmail(ctx, email)
	switch {
	case errors.Is(err, store.ErrNotFound):
		s.hasher.VerifyNobody(ctx, req.Password)
		s.loginFailed(c, email, nil, "unknown_email")
		return errBadCredentials
	case err != nil:
		return err
	}
	if err := s.hasher.Verify(ctx, u.PasswordHash, req.Password); err != nil {
		s.loginFailed(c, email, &u, "wrong_password")
		return errBadCredentials
	}
	if !u.Active {
		s.loginFailed(c, email, &u, "disabled")
		return &Error{Status: http.StatusUnauthorized, Code: "unauthenticated", Message: "This account is disabled. Ask an administrator to enable it."}
	}
	if u.AccessExpiresAt != nil && !s.now().Before(*u.AccessExpiresAt) {
		s.loginFailed(c, email, &u, "access_expired")
		return &Error{Status: http.StatusUnauthorized, Code: "unauthenticated", Message: "This account's access has ended. Ask an administrator to extend it."}
	}
	enrolled, err := s.totpEnabled(ctx, u.ID)
	if err != nil {
		return err
	}
	if enrolled {
		challenge, exp, err := s.tokens.IssueChallenge(u.ID, u.TokenVersion)
		if err != nil {
			return err
		}
		c.JSON(http.StatusOK, loginResponse{TOTPRequired: true, Challenge: challenge, ExpiresAt: exp})
		return nil
	}
	enrolOnly, err := s.accounts.TOTPRequired(ctx, u.Role)
	if err != nil {
		return err
	}
	return s.completeLogin(c, u, enrolOnly)
}

// withinLimits answers nil when a sign-in for email from ip may be tried
// now; when not, a 429 saying how long to wait.
func (s *Server) withinLimits(c *gin.Context, email, ip string) error {
	ok, wait, err := s.limits.Check(c.Request.Context(), email, ip)
	switch {
	case err != nil:
		return err
	case !ok:
		return &Error{Status: http.StatusTooManyRequests, Code: "rate_limited", RetryAfter: wait,
			Message: "Too many failed sign-in attempts. Wait a few minutes and try again."}
	}
	return nil
}

// countFailure counts a failed sign-in step against the limits.
func (s *Server) countFailure(c *gin.Context, email string) {
	if err := s.limits.Fail(c.Request.Context(), email, c.ClientIP()); err != nil {
		s.log.Error("count a failed sign-in", "err", err)
	}
}

// completeLogin starts the session of a user who proved who they are.
func (s *Server) completeLogin(c *gin.Context, u model.User, enrolOnly bool) error {
	if err := s.limits.Succeed(c.Request.Context(), u.Email, c.ClientIP()); err != nil {
		s.log.Error("clear sign-in failures", "err", err)
	}
	if err := s.unscoped.RecordLogin(c.Request.Context(), u, audit.ActorOf(u, c.ClientIP())); err != nil {
		return err
	}
	token, exp, err := s.startSession(c, u, enrolOnly)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, loginResponse{Token: token, ExpiresAt: exp, User: sessionUser{ID: u.ID, Email: u.Email, Name: u.Name, Role: u.Role},
		TOTPEnrolmentRequired: enrolOnly})
	return nil
}

func (s *Server) loginFailed(c *gin.Context, email string, u *model.User, reason string) {
	s.countFailure(c, email)
	s.metric.LoginFailed(reason)
	a := audit.Actor{Email: email, IP: c.ClientIP()}
	var id int64
	if u != nil {
		a, id = audit.ActorOf(*u, c.ClientIP()), u.ID
	}
	if err := s.unscoped.Record(c.Request.Context(), audit.Entry{Actor: a, Action: audit.ActionAuthLoginFailed, EntityType: audit.EntityUser, EntityID: id, Changes: map[string]string{"reason": reason}}); err != nil {
		s.log.Error("audit login failure", "err", err)
	}
}

// startSession signs the user in now: a bearer token for API clients (it
// lives the whole session lifetime) and a browser cookie (it also ends
// after the idle timeout, and is renewed while the browser is used).
func (s *Server) startSession(c *gin.Context, u model.User, enrolOnly bool) (string, time.Time, error) {
	issue := s.tokens.Issue
	if enrolOnly {
		issue = s.tokens.IssueEnrolOnly
	}
	token, exp, err := issue(u.ID, u.TokenVersion)
	if err != nil {
		return "", time.Time{}, err
	}
	if err := s.setSessionCookie(c, u, s.now(), enrolOnly); err != nil {
		return "", time.Time{}, err
	}
	return token, exp, nil
}

// setSessionCookie sets a browser token for the sign-in made at authTime.
func (s *Server) setSessionCookie(c *gin.Context, u model.User, authTime time.Time, enrolOnly bool) error {
	token, exp, err := s.tokens.IssueBrowser(u.ID, u.TokenVersion, authTime, enrolOnly)
	if err != nil {
		return err
	}
	http.SetCookie(c.Writer, &http.Cookie{
		Name:     auth.CookieName,
		Value:    token,
		Path:     "/",
		Expires:  exp,
		MaxAge:   int(exp.Sub(s.now()).Seconds()),
		HttpOnly: true,
		Secure:   s.secureCookies(c),
		SameSite: http.SameSiteStrictMode,
	})
	return nil
}

func (s *Server) secureCookies(c *gin.Context) bool {
	return s.cfg.Production() || s.overTLS(c)
}

// overTLS reports whether the client reached us over TLS: directly, or
// through a trusted proxy that says so in X-Forwarded-Proto.
func (s *Server) overTLS(c *gin.Context) bool {
	if c.Request.TLS != nil {
		return true
	}
	return strings.EqualFold(c.GetHeader("X-Forwarded-Proto"), "https") && s.fromTrustedProxy(c)
}

// fromTrustedProxy reports whether the direct peer is a configured proxy.
func (s *Server) fromTrustedProxy(c *gin.Context) bool {
	ip := net.ParseIP(c.RemoteIP())
	if ip == nil {
		return false
	}
	for _, p := range s.cfg.TrustedProxies {
		if _, n, err := net.ParseCIDR(p); err == nil && n.Contains(ip) {
			return true
		}
		if net.ParseIP(p).Equal(ip) {
			return true
		}
	}
	return false
}

func (s *Server) clearCookie(c *gin.Context) {
	http.SetCookie(c.Writer, &http.Cookie{Name: auth.CookieName, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: s.secureCookies(c), SameSite: http.SameSiteStrictMode})
}

// logout ends every session of the user: tokens carry the user's token
// version, and signing out moves it on.
func (s *Server) logout(c *gin.Context) error {
	u := principal(c)
	if err := s.unscoped.EndSessions(c.Request.Context(), u.ID, actor(c), audit.ActionAuthLogout); err != nil {
		return err
	}
	s.clearCookie(c)
	c.Status(http.StatusNoContent)
	return nil
}

// meView is the signed-in user as the users API shows them, and whether
// this session may only enrol in two-factor sign-in (the SPA then keeps
// the user on the security page, also after a reload).
type meView struct {
	userView
	TOTPEnrolmentRequired bool `json:"totp_enrolment_required"`
}

func (s *Server) me(c *gin.Context) error {
	views, err := s.userViews(c.Request.Context(), []model.User{principal(c)})
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, meView{userView: views[0], TOTPEnrolmentRequired: auth.PrincipalFrom(c).EnrolOnly})
	return nil
}

type passwordRequest struct {
	CurrentPassword string `json:"current_password"`
	NewPassword     string `json:"new_password"`
}

// changePassword ends every other session and renews this one's cookie.
func (s *Server) changePassword(c *gin.Context) error {
	var req passwordRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	u := principal(c)
	ctx := c.Request.Context()
	if err := s.hasher.Verify(ctx, u.PasswordHash, req.CurrentPassword); err != nil {
		return invalid("The current password is not correct.", map[string]string{"current_password": "is not correct"})
	}
	if why := auth.CheckPasswordPolicy(req.NewPassword); why != "" {
		return invalid("Choose another password.", map[string]string{"new_password": why})
	}
	if req.NewPassword == req.CurrentPassword {
		return invalid("Choose another password.", map[string]string{"new_password": "must differ from the current password"})
	}
	hash, err := s.hasher.Hash(ctx, req.NewPassword)
	if err != nil {
		return err
	}
	updated, err := s.unscoped.ChangePassword(ctx, u.ID, hash, actor(c))
	if err != nil {
		return err
	}
	if auth.PrincipalFrom(c).ViaCookie {
		if err := s.setSessionCookie(c, updated, s.now(), false); err != nil {
			return err
		}
	}
	c.Status(http.StatusNoContent)
	return nil
}
