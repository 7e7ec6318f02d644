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
	ip := c.ClientIP()
	if err := s.withinLimits(c, u.Email, ip); err != nil {
		return err
	}
	ok, err := s.checkSecondFactor(ctx, u, req.Code, req.RecoveryCode, audit.ActorOf(u, ip))
	if err != nil {
		return err
	}
	if !ok {
		s.totpFailed(c, u, audit.ActionAuthTotpFailed)
		return errBadCode
	}
	return s.completeLogin(c, u, false)
}

// checkSecondFactor checks a code (once per step) or spends a recovery code.
func (s *Server) checkSecondFactor(ctx context.Context, u model.User, code, recovery string, a audit.Actor) (bool, error) {
	if strings.TrimSpace(recovery) != "" {
		return s.unscoped.UseRecoveryCode(ctx, u.ID, auth.HashRecoveryCode(recovery), a)
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

// totpFailed counts and records a wrong code.
func (s *Server) totpFailed(c *gin.Context, u model.User, action audit.Action) {
	s.countFailure(c, u.Email)
	if err := s.unscoped.Record(c.Request.Context(), audit.Entry{Actor: audit.ActorOf(u, c.ClientIP()), Action: action, EntityType: audit.EntityUser, EntityID: u.ID}); err != nil {
		s.log.Error("audit totp failure", "err", err)
	}
}

type totpEnrolment struct {
	Secret     string `json:"secret"`
	OtpauthURL string `json:"otpauth_url"`
	QRSVG      string `json:"qr_svg"`
}

// enrolTOTP makes a new secret for the signed-in user; it takes effect
// once confirmed with a code.
func (s *Server) enrolTOTP(c *gin.Context) error {
	u := principal(c)
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
	// Token is a full session, for a session that could only enrol.
	Token string `json:"token,omitempty"`
}

// confirmTOTP switches two-factor sign-in on with a first code and returns
// the recovery codes, shown this once.
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
	step, ok := auth.CheckTOTP(key, req.Code, s.now(), 0)
	if !ok {
		s.totpFailed(c, u, audit.ActionTotpConfirmFailed)
		return invalid("The code is not correct.", map[string]string{"code": "is not the code your app shows now"})
	}
	codes := auth.NewRecoveryCodes(recoveryCodeCount)
	hashes := make([]string, len(codes))
	for i, rc := range codes {
		hashes[i] = auth.HashRecoveryCode(rc)
	}
	if err := s.unscoped.ConfirmTOTP(ctx, u.ID, step, hashes, actor(c)); err != nil {
		return err
	}
	out := totpConfirmed{RecoveryCodes: codes}
	if auth.PrincipalFrom(c).EnrolOnly {
		// The enrol-only session becomes a full one.
		if out.Token, _, err = s.startSession(c, u, false); err != nil {
			return err
		}
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, out)
	return nil
}

type totpDisableRequest struct {
	Password string `json:"password"`
	Code     string `json:"code"`
}

// disableTOTP turns two-factor sign-in off; it takes the password and a
// current code, so a session left open cannot do it alone.
func (s *Server) disableTOTP(c *gin.Context) error {
	var req totpDisableRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	u := principal(c)
	ctx := c.Request.Context()
	if err := s.hasher.Verify(ctx, u.PasswordHash, req.Password); err != nil {
		return invalid("The password is not correct.", map[string]string{"password": "is not correct"})
	}
	ok, err := s.checkSecondFactor(ctx, u, req.Code, "", actor(c))
	if err != nil {
		return err
	}
	if !ok {
		s.totpFailed(c, u, audit.ActionTotpDisableFailed)
		return invalid("The code is not correct.", map[string]string{"code": "is not the code your app shows now"})
	}
	if required, err := s.accounts.TOTPRequired(ctx, u.Role); err != nil || required {
		if err == nil {
			err = &Error{Status: http.StatusConflict, Code: "conflict", Message: "Two-factor sign-in is required for your role; it cannot be turned off."}
		}
		return err
	}
	if err := s.unscoped.DisableTOTP(ctx, u.ID, audit.ActionTotpDisable, actor(c)); err != nil {
		return err
	}
	c.Status(http.StatusNoContent)
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
			return invalid("The settings are not valid.", map[string]string{"require_totp_for": "must list roles among: admin, manager, procurement, auditor"})
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
