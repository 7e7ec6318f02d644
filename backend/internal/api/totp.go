package api

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/auth"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// recoveryCodeCount is how many recovery codes a confirmed enrolment gets.
const recoveryCodeCount = 10

// totpEnabled reports whether the user signs in with a code.
func (s *Server) totpEnabled(ctx context.Context, userID int64) (bool, error) {
	t, err := s.unscoped.TOTPOf(ctx, userID)
	if errors.Is(err, store.ErrNotFound) {
		return false, nil
	}
	return t.Enabled, err
}

type totpLoginRequest struct {
	Challenge    string `json:"challenge"`
	Code         string `json:"code"`
	RecoveryCode string `json:"recovery_code"`
	// Session is as in POST /auth/login.
	Session string `json:"session"`
}

var errBadCode = &Error{Status: http.StatusUnauthorized, Code: "unauthenticated", Message: "The code is not correct or was used already."}

// loginTOTP completes a sign-in whose password was right with a code from
// the user's app or one of their recovery codes. Wrong codes count
// towards the same limits as wrong passwords.
func (s *Server) loginTOTP(c *gin.Context) error {
	var req totpLoginRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if !validSession(req.Session) {
		return invalid("The sign-in is not valid.", map[string]string{"session": "must be cookie or token"})
	}
	claims, err := s.tokens.ParseChallenge(req.Challenge)
	if err != nil {
		return &Error{Status: http.StatusUnauthorized, Code: "unauthenticated", Message: "The sign-in has expired; enter your password again."}
	}
	id, _ := claims.UserID()
	ctx := c.Request.Context()
	u, err := s.unscoped.UserByID(ctx, id)
	if err != nil || !auth.SessionValid(u, claims.TokenVersion, s.now()) {
		return &Error{Status: http.StatusUnauthorized, Code: "unauthenticated", Message: "The sign-in has expired; enter your password again."}
	}
	attempt, err := s.reserveAttempt(c, u.Email)
	if err != nil {
		return err
	}
	defer s.releaseAttempt(c, attempt)
	ok, err := s.checkSecondFactor(ctx, u, req.Code, req.RecoveryCode, audit.ActorOf(u, c.ClientIP()))
	if err != nil {
		return err
	}
	if !ok {
		s.secretFailed(c, attempt, u, audit.ActionAuthTotpFailed, "")
		return errBadCode
	}
	return s.completeLogin(c, attempt, u, false, req.Session)
}

// checkSecondFactor checks a code (once per step) or spends a recovery code.
func (s *Server) checkSecondFactor(ctx context.Context, u model.User, code, recovery string, a audit.Actor) (bool, error) {
	if strings.TrimSpace(recovery) != "" {
		return s.useRecoveryCode(ctx, u.ID, recovery, a)
	}
	t, err := s.unscoped.TOTPOf(ctx, u.ID)
	if errors.Is(err, store.ErrNotFound) || (err == nil && !t.Enabled) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	key, err := s.box.Open(t.SecretEnc)
	if err != nil {
		return false, err
	}
	step, ok := auth.CheckTOTP(key, code, s.now(), t.LastStep)
	if !ok {
		return false, nil
	}
	return s.unscoped.UseTOTPStep(ctx, u.ID, step)
}

// useRecoveryCode spends one of the user's unused recovery codes if code
// is one of them. Each is stored under its own salt, so each is tried in
// turn (ten at most).
func (s *Server) useRecoveryCode(ctx context.Context, userID int64, code string, a audit.Actor) (bool, error) {
	codes, err := s.unscoped.UnusedRecoveryCodes(ctx, userID)
	if err != nil {
		return false, err
	}
	digest := auth.HashRecoveryCode(code)
	for _, rc := range codes {
		var match bool
		if auth.IsLegacyRecoveryHash(rc.CodeHash) {
			// Written by an earlier version still running next to this one.
			match = auth.SameLegacyRecoveryHash(rc.CodeHash, code)
		} else {
			err := s.hasher.Verify(ctx, rc.CodeHash, digest)
			if err != nil && !errors.Is(err, auth.ErrPasswordMismatch) {
				return false, err
			}
			match = err == nil
		}
		if match {
			return s.unscoped.SpendRecoveryCode(ctx, userID, rc.ID, a)
		}
	}
	return false, nil
}

// checkPassword checks the signed-in user's password again before a
// change to how they sign in; a wrong one counts against the limits and
// is audited as action.
func (s *Server) checkPassword(c *gin.Context, a *auth.Attempt, u model.User, password string, action audit.Action) error {
	if err := s.hasher.Verify(c.Request.Context(), u.PasswordHash, password); err != nil {
		s.secretFailed(c, a, u, action, "wrong_password")
		return invalid("The password is not correct.", map[string]string{"password": "is not correct"})
	}
	return nil
}

type totpEnrolRequest struct {
	Password string `json:"password"`
}

type totpEnrolment struct {
	Secret     string `json:"secret"`
	OtpauthURL string `json:"otpauth_url"`
	QRSVG      string `json:"qr_svg"`
}

// enrolTOTP makes a new secret for the signed-in user; it takes effect
// once confirmed with a code. It takes the password, so a session left
// open cannot bind someone else's phone to the account.
func (s *Server) enrolTOTP(c *gin.Context) error {
	var req totpEnrolRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	u := principal(c)
	attempt, err := s.reserveAttempt(c, u.Email)
	if err != nil {
		return err
	}
	defer s.releaseAttempt(c, attempt)
	if err := s.checkPassword(c, attempt, u, req.Password, audit.ActionTotpEnrolFailed); err != nil {
		return err
	}
	s.secretChecked(c, attempt)
	key, secret := auth.NewTOTPSecret()
	if err := s.unscoped.StartTOTPEnrolment(c.Request.Context(), u.ID, s.box.Seal(key), actor(c)); err != nil {
		return err
	}
	link := auth.TOTPURL("qualtrack", u.Email, secret)
	svg, err := auth.QRSVG(link)
	if err != nil {
		return err
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, totpEnrolment{Secret: secret, OtpauthURL: link, QRSVG: svg})
	return nil
}

type totpCodeRequest struct {
	Code string `json:"code"`
}

type totpConfirmed struct {
	RecoveryCodes []string `json:"recovery_codes"`
	// Token replaces the bearer token of the session that confirmed: the
	// user's other sessions ended. A cookie session gets a new cookie
	// instead.
	Token string `json:"token,omitempty"`
}

// confirmTOTP switches two-factor sign-in on with a first code and returns
// the recovery codes, shown this once. The user's other sessions end.
func (s *Server) confirmTOTP(c *gin.Context) error {
	var req totpCodeRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	u := principal(c)
	ctx := c.Request.Context()
	t, err := s.unscoped.TOTPOf(ctx, u.ID)
	if errors.Is(err, store.ErrNotFound) || (err == nil && t.Enabled) {
		return &Error{Status: http.StatusConflict, Code: "conflict", Message: "Start the enrolment first (POST /me/totp/enrol)."}
	}
	if err != nil {
		return err
	}
	key, err := s.box.Open(t.SecretEnc)
	if err != nil {
		return err
	}
	attempt, err := s.reserveAttempt(c, u.Email)
	if err != nil {
		return err
	}
	defer s.releaseAttempt(c, attempt)
	step, ok := auth.CheckTOTP(key, req.Code, s.now(), 0)
	if !ok {
		s.secretFailed(c, attempt, u, audit.ActionTotpConfirmFailed, "")
		return invalid("The code is not correct.", map[string]string{"code": "is not the code your app shows now"})
	}
	s.secretChecked(c, attempt)
	codes := auth.NewRecoveryCodes(recoveryCodeCount)
	hashes := make([]string, len(codes))
	for i, rc := range codes {
		if hashes[i], err = s.hasher.Hash(ctx, auth.HashRecoveryCode(rc)); err != nil {
			return err
		}
	}
	updated, err := s.unscoped.ConfirmTOTP(ctx, u.ID, step, hashes, actor(c))
	if err != nil {
		return err
	}
	out := totpConfirmed{RecoveryCodes: codes}
	if out.Token, err = s.continueSession(c, updated); err != nil {
		return err
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, out)
	return nil
}

// continueSession keeps the request's own session going after a change
// that ended all of the user's sessions: a cookie session gets a new
// cookie; a bearer session gets a new token, which it returns.
func (s *Server) continueSession(c *gin.Context, u model.User) (string, error) {
	if auth.PrincipalFrom(c).ViaCookie {
		return "", s.setSessionCookie(c, u, s.now(), false)
	}
	token, _, err := s.tokens.Issue(u.ID, u.TokenVersion)
	return token, err
}

type totpDisableRequest struct {
	Password string `json:"password"`
	Code     string `json:"code"`
}

type totpDisabled struct {
	// Token replaces the bearer token of the session that turned two-factor
	// sign-in off (see totpConfirmed).
	Token string `json:"token,omitempty"`
}

// disableTOTP turns two-factor sign-in off; it takes the password and a
// current code, so a session left open cannot do it alone. The user's
// other sessions end.
func (s *Server) disableTOTP(c *gin.Context) error {
	var req totpDisableRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	u := principal(c)
	ctx := c.Request.Context()
	attempt, err := s.reserveAttempt(c, u.Email)
	if err != nil {
		return err
	}
	defer s.releaseAttempt(c, attempt)
	if err := s.checkPassword(c, attempt, u, req.Password, audit.ActionTotpDisableFailed); err != nil {
		return err
	}
	ok, err := s.checkSecondFactor(ctx, u, req.Code, "", actor(c))
	if err != nil {
		return err
	}
	if !ok {
		s.secretFailed(c, attempt, u, audit.ActionTotpDisableFailed, "wrong_code")
		return invalid("The code is not correct.", map[string]string{"code": "is not the code your app shows now"})
	}
	s.secretChecked(c, attempt)
	if required, err := s.accounts.TOTPRequired(ctx, u.Role); err != nil || required {
		if err == nil {
			err = &Error{Status: http.StatusConflict, Code: "conflict", Message: "Two-factor sign-in is required for your role; it cannot be turned off."}
		}
		return err
	}
	if err := s.unscoped.DisableTOTP(ctx, u.ID, audit.ActionTotpDisable, actor(c)); err != nil {
		return err
	}
	updated, err := s.unscoped.UserByID(ctx, u.ID)
	if err != nil {
		return err
	}
	var out totpDisabled
	if out.Token, err = s.continueSession(c, updated); err != nil {
		return err
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, out)
	return nil
}

// resetUserTOTP lets an admin turn off a user's two-factor sign-in (a lost
// phone); the user's sessions end and they enrol again.
func (s *Server) resetUserTOTP(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if err := s.unscoped.DisableTOTP(c.Request.Context(), id, audit.ActionTotpReset, actor(c)); err != nil {
		return err
	}
	c.Status(http.StatusNoContent)
	return nil
}

func (s *Server) getSecuritySettings(c *gin.Context) error {
	set, err := s.unscoped.SecuritySettings(c.Request.Context())
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, set)
	return nil
}

type securitySettingsRequest struct {
	// A pointer: the setting is replaced whole, so leaving it out must not
	// read as "required for nobody".
	RequireTOTPFor *[]model.Role `json:"require_totp_for"`
}

func (s *Server) putSecuritySettings(c *gin.Context) error {
	var req securitySettingsRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if req.RequireTOTPFor == nil {
		return invalid("The settings are not valid.", map[string]string{"require_totp_for": "is required: the roles that must use two-factor sign-in ([] for none)"})
	}
	roles := []model.Role{}
	for _, r := range *req.RequireTOTPFor {
		if !r.Valid() {
			return invalid("The settings are not valid.", map[string]string{"require_totp_for": "must list roles among: admin, manager, procurement, auditor, supplier"})
		}
		if !slices.Contains(roles, r) {
			roles = append(roles, r)
		}
	}
	set := store.SecuritySettings{RequireTOTPFor: roles}
	if err := s.unscoped.SetSecuritySettings(c.Request.Context(), set, actor(c)); err != nil {
		return err
	}
	c.JSON(http.StatusOK, set)
	return nil
}
