package api

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/auth"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// oidcLoginTTL is how long a sign-in at the provider may take.
const oidcLoginTTL = 10 * time.Minute

// oidcStateCookie binds a sign-in under way to the browser that started
// it: a callback with a state from another browser is refused.
const oidcStateCookie = "qualtrack_sso_state"

// signInMethods is what the sign-in page offers.
type signInMethods struct {
	// Password: anyone may sign in with a password; when false only the
	// break-glass administrator may (behind "Administrator sign-in").
	Password bool `json:"password"`
	SSO      *struct {
		ProviderName string `json:"provider_name"`
	} `json:"sso"`
}

func (s *Server) signInMethods(c *gin.Context) error {
	m := signInMethods{Password: s.cfg.LocalPasswords}
	if s.oidc != nil {
		m.SSO = &struct {
			ProviderName string `json:"provider_name"`
		}{s.cfg.OIDC.ProviderName}
	}
	c.JSON(http.StatusOK, m)
	return nil
}

func errSSOOff() error {
	return &Error{Status: http.StatusNotFound, Code: "not_found", Message: "Single sign-on is not configured."}
}

func errProviderUnavailable() error {
	return &Error{Status: http.StatusServiceUnavailable, Code: "sso_unavailable", RetryAfter: 30 * time.Second,
		Message: "The identity provider cannot be reached. Try again in a minute; if it persists, tell your administrator."}
}

type oidcStartResponse struct {
	AuthorizationURL string    `json:"authorization_url"`
	ExpiresAt        time.Time `json:"expires_at"`
}

// startOIDC begins a sign-in at the provider: the state, nonce and PKCE
// verifier stay on the server, the state also in a short-lived cookie,
// and the web app sends the browser to the answer's URL.
func (s *Server) startOIDC(c *gin.Context) error {
	if s.oidc == nil {
		return errSSOOff()
	}
	l := auth.NewOIDCLogin()
	url, err := s.oidc.AuthURL(l)
	if err != nil {
		s.log.Warn("single sign-on: provider discovery failed", "err", err)
		return errProviderUnavailable()
	}
	if err := s.unscoped.StartOIDCLogin(c.Request.Context(), l.State, l.Nonce, l.Verifier, oidcLoginTTL); err != nil {
		return err
	}
	s.setStateCookie(c, l.State, int(oidcLoginTTL.Seconds()))
	c.JSON(http.StatusOK, oidcStartResponse{AuthorizationURL: url, ExpiresAt: s.now().UTC().Add(oidcLoginTTL)})
	return nil
}

// setStateCookie is Lax, not Strict: the browser comes back from the
// provider's site, and the page it lands on posts the state at once.
func (s *Server) setStateCookie(c *gin.Context, state string, maxAge int) {
	http.SetCookie(c.Writer, &http.Cookie{Name: oidcStateCookie, Value: state, Path: "/api/v1/auth/oidc", MaxAge: maxAge,
		HttpOnly: true, Secure: s.secureCookies(c), SameSite: http.SameSiteLaxMode})
}

type oidcCallbackRequest struct {
	Code    string `json:"code"`
	State   string `json:"state"`
	Session string `json:"session"`
}

var errSSOState = &Error{Status: http.StatusBadRequest, Code: "bad_request",
	Message: "This sign-in has expired or was already used. Start again with the single sign-on button."}

// finishOIDC completes a sign-in at the provider: the state must be one
// this server issued to this browser and not used yet; the code is
// redeemed with the PKCE verifier, and the ID token verified. The session
// then starts exactly as a password sign-in's does.
func (s *Server) finishOIDC(c *gin.Context) error {
	if s.oidc == nil {
		return errSSOOff()
	}
	var req oidcCallbackRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	fields := map[string]string{}
	if req.Code == "" || len(req.Code) > 2048 {
		fields["code"] = "required, at most 2048 characters"
	}
	if req.State == "" || len(req.State) > 200 {
		fields["state"] = "required, at most 200 characters"
	}
	if !validSession(req.Session) {
		fields["session"] = "must be cookie or token"
	}
	if len(fields) > 0 {
		return invalid("The identity provider's answer is incomplete. Start the sign-in again.", fields)
	}
	cookie, _ := c.Cookie(oidcStateCookie)
	s.setStateCookie(c, "", -1)
	if subtle.ConstantTimeCompare([]byte(cookie), []byte(req.State)) != 1 {
		s.ssoFailed(c, nil, "sso_state_mismatch")
		return errSSOState
	}
	ctx := c.Request.Context()
	nonce, verifier, err := s.unscoped.TakeOIDCLogin(ctx, req.State)
	switch {
	case errors.Is(err, store.ErrNotFound):
		s.ssoFailed(c, nil, "sso_state_unknown")
		return errSSOState
	case err != nil:
		return err
	}
	id, err := s.oidc.Exchange(ctx, auth.OIDCLogin{State: req.State, Nonce: nonce, Verifier: verifier}, req.Code)
	switch {
	case errors.Is(err, auth.ErrProviderUnavailable):
		s.log.Warn("single sign-on: provider unavailable", "err", err)
		return errProviderUnavailable()
	case errors.Is(err, auth.ErrProviderRefused), errors.Is(err, auth.ErrIDTokenInvalid):
		s.log.Warn("single sign-on: refused", "err", err)
		s.ssoFailed(c, nil, "sso_token_invalid")
		return &Error{Status: http.StatusUnauthorized, Code: "unauthenticated",
			Message: "The identity provider's answer could not be verified. Start the sign-in again; if it persists, tell your administrator."}
	case err != nil:
		return err
	}
	u, err := s.ssoUser(c, id)
	if err != nil {
		return err
	}
	if err := s.unscoped.RecordSSOLogin(ctx, u, audit.ActorOf(u, c.ClientIP())); err != nil {
		return err
	}
	enrolOnly := false
	if s.cfg.OIDC.RequireTOTP {
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
		if enrolOnly, err = s.accounts.TOTPRequired(ctx, u.Role); err != nil {
			return err
		}
	}
	return s.respondSignedIn(c, u, enrolOnly, req.Session)
}

// ssoFailed records a refused single sign-on.
func (s *Server) ssoFailed(c *gin.Context, u *model.User, reason string) {
	s.metric.LoginFailed(reason)
	e := audit.Entry{Actor: audit.Actor{IP: c.ClientIP()}, Action: audit.ActionAuthLoginFailed, EntityType: audit.EntityUser,
		Changes: map[string]string{"reason": reason, "method": "single sign-on"}}
	if u != nil {
		e.Actor, e.EntityID = audit.ActorOf(*u, c.ClientIP()), u.ID
	}
	if err := s.unscoped.Record(c.Request.Context(), e); err != nil {
		s.log.Error("audit a refused single sign-on", "err", err)
	}
}

func errSSORefused(format string, a ...any) error {
	return &Error{Status: http.StatusForbidden, Code: "forbidden", Message: fmt.Sprintf(format, a...)}
}
