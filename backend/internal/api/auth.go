package api

import (
	"crypto/sha256"
	"encoding/hex"
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
	// Session is SessionCookie for the web app (no token in the answer),
	// empty or SessionToken for API clients.
	Session string `json:"session"`
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
	// PasswordChangeRequired: an administrator set the password; the
	// session may only change it (POST /auth/password).
	PasswordChangeRequired bool `json:"password_change_required,omitempty"`
}

// passwordAllowed reports whether email may use a qualtrack password:
// anyone while local passwords are on, else only the break-glass admin.
func (s *Server) passwordAllowed(email string) bool {
	return s.cfg.LocalPasswords || (s.cfg.BreakGlassEmail != "" && store.NormalizeEmail(email) == s.cfg.BreakGlassEmail)
}

func errPasswordsOff(provider string) error {
	return &Error{Status: http.StatusForbidden, Code: "forbidden", Message: "Password sign-in is switched off here. Sign in with " + provider + "."}
}

var errBadCredentials = &Error{Status: http.StatusUnauthorized, Code: "unauthenticated", Message: "The e-mail or password is not correct."}

// actor is the audit actor of the request's principal.
func actor(c *gin.Context) audit.Actor {
	if p := auth.PrincipalFrom(c); p != nil {
		a := audit.ActorOf(p.User, c.ClientIP())
		if p.ServiceToken != nil {
			// The trail names the token, not its service user's address.
			a.Email = store.ServiceTokenActorName(p.ServiceToken.Name)
		}
		return a
	}
	return audit.Actor{IP: c.ClientIP()}
}

func principal(c *gin.Context) model.User { return auth.PrincipalFrom(c).User }

// st is the store as the request's user may see it: a scoped auditor's
// reads leave out every record outside their manufacturers.
func (s *Server) st(c *gin.Context) *store.Store {
	if p := auth.PrincipalFrom(c); p != nil {
		if p.User.Role == model.RoleSupplier {
			// Never unscoped: an unbound supplier reads nothing.
			b := store.SupplierBinding{}
			if p.Supplier != nil {
				b = *p.Supplier
			}
			return s.supplierScoped(p.User.ID, b)
		}
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
	if !validSession(req.Session) {
		fields["session"] = "must be cookie or token"
	}
	if len(fields) > 0 {
		return invalid("Enter your e-mail and password.", fields)
	}
	if !s.passwordAllowed(email) {
		return errPasswordsOff(s.cfg.OIDC.ProviderName)
	}
	ctx := c.Request.Context()
	attempt, err := s.reserveAttempt(c, email)
	if err != nil {
		return err
	}
	defer s.releaseAttempt(c, attempt)
	u, err := s.unscoped.UserByEmail(ctx, email)
	switch {
	case errors.Is(err, store.ErrNotFound):
		s.hasher.VerifyNobody(ctx, req.Password)
		s.loginFailed(c, attempt, email, nil, "unknown_email")
		return errBadCredentials
	case err != nil:
		return err
	}
	if err := s.hasher.Verify(ctx, u.PasswordHash, req.Password); err != nil {
		s.loginFailed(c, attempt, email, &u, "wrong_password")
		return errBadCredentials
	}
	if !u.Active {
		s.loginFailed(c, attempt, email, &u, "disabled")
		return &Error{Status: http.StatusUnauthorized, Code: "unauthenticated", Message: "This account is disabled. Ask an administrator to enable it."}
	}
	if u.AccessExpiresAt != nil && !s.now().Before(*u.AccessExpiresAt) {
		s.loginFailed(c, attempt, email, &u, "access_expired")
		return &Error{Status: http.StatusUnauthorized, Code: "unauthenticated", Message: "This account's access has ended. Ask an administrator to extend it."}
	}
	enrolled, err := s.totpEnabled(ctx, u.ID)
	if err != nil {
		return err
	}
	if enrolled {
		// The password was right, but the sign-in is not complete: the
		// attempt is released (deferred) and the code step counts its own.
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
	return s.completeLogin(c, attempt, u, enrolOnly, req.Session)
}

// errTooManyAttempts answers a check refused by the limits.
func errTooManyAttempts(wait time.Duration) *Error {
	return &Error{Status: http.StatusTooManyRequests, Code: "rate_limited", RetryAfter: wait,
		Message: "Too many failed attempts. Wait a few minutes and try again."}
}

// reserveAttempt counts a check of a password or code for email from the
// request's address before the check is made, so parallel guesses cannot
// all be checked against the same count; past a limit it answers 429.
// Every check of a secret goes through it: sign-in, its code step, the
// password change and the two-factor changes.
func (s *Server) reserveAttempt(c *gin.Context, email string) (*auth.Attempt, error) {
	a, wait, err := s.limits.Reserve(c.Request.Context(), email, c.ClientIP())
	switch {
	case err != nil:
		return nil, err
	case a == nil:
		return nil, errTooManyAttempts(wait)
	}
	return a, nil
}

// releaseAttempt gives back an attempt the handler did not settle (the
// check was not made, or it neither failed nor completed).
func (s *Server) releaseAttempt(c *gin.Context, a *auth.Attempt) {
	if _, err := a.Release(c.Request.Context()); err != nil {
		s.log.Error("release a sign-in attempt", "err", err)
	}
}

// secretFailed settles a failed check of u's password or code: it stays
// counted against the limits, and the audit trail records it.
func (s *Server) secretFailed(c *gin.Context, a *auth.Attempt, u model.User, action audit.Action, reason string) {
	a.Failed()
	e := audit.Entry{Actor: audit.ActorOf(u, c.ClientIP()), Action: action, EntityType: audit.EntityUser, EntityID: u.ID}
	if reason != "" {
		e.Changes = map[string]string{"reason": reason}
	}
	if err := s.unscoped.Record(c.Request.Context(), e); err != nil {
		s.log.Error("audit a failed check", "action", action, "err", err)
	}
}

// secretChecked settles a successful check.
func (s *Server) secretChecked(c *gin.Context, a *auth.Attempt) {
	if err := a.Succeeded(c.Request.Context()); err != nil {
		s.log.Error("settle a sign-in attempt", "err", err)
	}
}

// Sessions a sign-in may ask for: the web app asks for SessionCookie and
// gets only the HttpOnly cookie; an API client leaves it out and gets a
// bearer token in the body as well.
const (
	SessionCookie = "cookie"
	SessionToken  = "token"
)

func validSession(v string) bool { return v == "" || v == SessionCookie || v == SessionToken }

// completeLogin starts the session of a user who proved who they are.
func (s *Server) completeLogin(c *gin.Context, a *auth.Attempt, u model.User, enrolOnly bool, session string) error {
	s.secretChecked(c, a)
	if err := s.unscoped.RecordLogin(c.Request.Context(), u, audit.ActorOf(u, c.ClientIP())); err != nil {
		return err
	}
	return s.respondSignedIn(c, u, enrolOnly, session)
}

// respondSignedIn starts the session of a user whose sign-in is recorded
// and answers as sign-in does.
func (s *Server) respondSignedIn(c *gin.Context, u model.User, enrolOnly bool, session string) error {
	token, exp, err := s.startSession(c, u, enrolOnly)
	if err != nil {
		return err
	}
	if session == SessionCookie {
		token = ""
	}
	c.JSON(http.StatusOK, loginResponse{Token: token, ExpiresAt: exp, User: sessionUser{ID: u.ID, Email: u.Email, Name: u.Name, Role: u.Role},
		TOTPEnrolmentRequired: enrolOnly, PasswordChangeRequired: u.MustChangePassword})
	return nil
}

// loginFailed counts and records a failed sign-in. An e-mail that names no
// account is the sender's text, not a user: the trail keeps only its hash
// (enough to tell one guessed address from many), never the text.
func (s *Server) loginFailed(c *gin.Context, a *auth.Attempt, email string, u *model.User, reason string) {
	s.metric.LoginFailed(reason)
	if u != nil {
		s.secretFailed(c, a, *u, audit.ActionAuthLoginFailed, reason)
		return
	}
	a.Failed()
	sum := sha256.Sum256([]byte(email))
	e := audit.Entry{Actor: audit.Actor{IP: c.ClientIP()}, Action: audit.ActionAuthLoginFailed, EntityType: audit.EntityUser,
		Changes: map[string]string{"reason": reason, "email_sha256": hex.EncodeToString(sum[:])}}
	if err := s.unscoped.Record(c.Request.Context(), e); err != nil {
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
		Name:     s.cookieName(c),
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

// cookieName is the session cookie's name: __Host- prefixed wherever the
// cookie is Secure.
func (s *Server) cookieName(c *gin.Context) string {
	if s.secureCookies(c) {
		return auth.SecureCookieName
	}
	return auth.CookieName
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
	http.SetCookie(c.Writer, &http.Cookie{Name: s.cookieName(c), Value: "", Path: "/", MaxAge: -1,
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

type languageRequest struct {
	Language *model.Language `json:"language"`
}

// setLanguage sets the language of the user's translated screens and
// e-mails ("" follows the browser).
func (s *Server) setLanguage(c *gin.Context) error {
	var req languageRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if req.Language == nil || !req.Language.Valid() {
		return invalid("Choose a language.", map[string]string{"language": "must be one of: \"\" (the browser's), " + joinValues(model.Languages)})
	}
	u := principal(c)
	updated, err := s.unscoped.UpdateUserWithScope(c.Request.Context(), u.ID, u.Version, nil, actor(c), func(u *model.User) error {
		u.Language = *req.Language
		return nil
	})
	if err != nil {
		return err
	}
	views, err := s.userViews(c.Request.Context(), []model.User{updated})
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
	if !s.passwordAllowed(u.Email) {
		return errPasswordsOff(s.cfg.OIDC.ProviderName)
	}
	ctx := c.Request.Context()
	attempt, err := s.reserveAttempt(c, u.Email)
	if err != nil {
		return err
	}
	defer s.releaseAttempt(c, attempt)
	if err := s.hasher.Verify(ctx, u.PasswordHash, req.CurrentPassword); err != nil {
		s.secretFailed(c, attempt, u, audit.ActionAuthPasswordChangeFailed, "wrong_password")
		return invalid("The current password is not correct.", map[string]string{"current_password": "is not correct"})
	}
	s.secretChecked(c, attempt)
	if why := auth.CheckPasswordPolicy(req.NewPassword, u.Email, u.Name); why != "" {
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
