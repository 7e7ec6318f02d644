package api_test

import (
	"encoding/base32"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/auth"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

func bearer(token string) http.Header {
	h := http.Header{}
	h.Set("Authorization", "Bearer "+token)
	return h
}

// totpNow is the code the user's app shows at the server's clock.
func totpNow(t *testing.T, srv *testutil.Server, secret string) string {
	t.Helper()
	key, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(secret)
	testutil.Fatal(t, err, "decode secret")
	return auth.TOTPCode(key, auth.TOTPStep(srv.Clock.Now()), auth.TOTPDigits)
}

// enrol runs enrolment for a bearer session and returns the secret, the
// recovery codes and the session's new token (enrolling ends the user's
// sessions, the one that enrolled gets a new token).
func enrol(t *testing.T, srv *testutil.Server, h http.Header) (string, []string, string) {
	t.Helper()
	var e struct {
		Secret     string `json:"secret"`
		OtpauthURL string `json:"otpauth_url"`
		QRSVG      string `json:"qr_svg"`
	}
	// Enrolment needs the password.
	srv.DoWith(h, http.MethodPost, "/api/v1/me/totp/enrol", map[string]any{}).Want(http.StatusUnprocessableEntity)
	srv.DoWith(h, http.MethodPost, "/api/v1/me/totp/enrol", map[string]any{"password": testutil.Password}).Want(http.StatusOK).Decode(&e)
	if !strings.HasPrefix(e.OtpauthURL, "otpauth://totp/") || !strings.HasPrefix(e.QRSVG, "<svg") {
		t.Fatalf("enrolment %+v", e)
	}
	srv.DoWith(h, http.MethodPost, "/api/v1/me/totp/confirm", map[string]any{"code": "000000"}).Want(http.StatusUnprocessableEntity)
	var conf struct {
		RecoveryCodes []string `json:"recovery_codes"`
		Token         string   `json:"token"`
	}
	srv.DoWith(h, http.MethodPost, "/api/v1/me/totp/confirm", map[string]any{"code": totpNow(t, srv, e.Secret)}).Want(http.StatusOK).Decode(&conf)
	if len(conf.RecoveryCodes) != 10 || conf.Token == "" {
		t.Fatalf("recovery codes %v, token %q", conf.RecoveryCodes, conf.Token)
	}
	srv.DoWith(h, http.MethodGet, "/api/v1/auth/me", nil).Want(http.StatusUnauthorized)
	return e.Secret, conf.RecoveryCodes, conf.Token
}

type loginAnswer struct {
	Token                 string `json:"token"`
	TOTPRequired          bool   `json:"totp_required"`
	Challenge             string `json:"challenge"`
	TOTPEnrolmentRequired bool   `json:"totp_enrolment_required"`
}

func password(srv *testutil.Server, email string) loginAnswer {
	var a loginAnswer
	r := srv.Do("", http.MethodPost, "/api/v1/auth/login", map[string]string{"email": email, "password": testutil.Password}).Want(http.StatusOK)
	r.Decode(&a)
	if a.TOTPRequired && (a.Token != "" || r.Header.Get("Set-Cookie") != "") {
		srv.T.Errorf("a sign-in waiting for its code started a session: %s", r.Body)
	}
	return a
}

func TestTwoFactorSignIn(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	u := srv.Users[model.RoleManager]
	secret, recovery, token := enrol(t, srv, bearer(srv.Tokens[model.RoleManager]))

	a := password(srv, u.Email)
	if !a.TOTPRequired || a.Challenge == "" {
		t.Fatalf("login after enrolment: %+v", a)
	}
	// The challenge is no session.
	srv.DoWith(bearer(a.Challenge), http.MethodGet, "/api/v1/auth/me", nil).Want(http.StatusUnauthorized)
	// The code that confirmed the enrolment cannot be used again.
	srv.Do("", http.MethodPost, "/api/v1/auth/login/totp", map[string]any{"challenge": a.Challenge, "code": totpNow(t, srv, secret)}).Want(http.StatusUnauthorized)

	srv.Clock.Advance(30 * time.Second)
	code := totpNow(t, srv, secret)
	var done loginAnswer
	srv.Do("", http.MethodPost, "/api/v1/auth/login/totp", map[string]any{"challenge": a.Challenge, "code": code}).Want(http.StatusOK).Decode(&done)
	srv.DoWith(bearer(done.Token), http.MethodGet, "/api/v1/sites", nil).Want(http.StatusOK)
	// Replay of the same code in its window is refused.
	srv.Do("", http.MethodPost, "/api/v1/auth/login/totp", map[string]any{"challenge": password(srv, u.Email).Challenge, "code": code}).Want(http.StatusUnauthorized)

	// A recovery code works once.
	srv.Do("", http.MethodPost, "/api/v1/auth/login/totp", map[string]any{"challenge": password(srv, u.Email).Challenge, "recovery_code": recovery[0]}).Want(http.StatusOK)
	srv.Do("", http.MethodPost, "/api/v1/auth/login/totp", map[string]any{"challenge": password(srv, u.Email).Challenge, "recovery_code": recovery[0]}).Want(http.StatusUnauthorized)

	// An expired challenge is refused.
	old := password(srv, u.Email).Challenge
	srv.Clock.Advance(6 * time.Minute)
	srv.Do("", http.MethodPost, "/api/v1/auth/login/totp", map[string]any{"challenge": old, "code": totpNow(t, srv, secret)}).Want(http.StatusUnauthorized)

	// Wrong codes count towards the sign-in limit (5 per e-mail and IP).
	ch := password(srv, u.Email).Challenge
	limited := false
	for range 5 {
		r := srv.Do("", http.MethodPost, "/api/v1/auth/login/totp", map[string]any{"challenge": ch, "code": "000000"})
		if r.Status == http.StatusTooManyRequests {
			limited = true
			break
		}
		r.Want(http.StatusUnauthorized)
	}
	if !limited {
		t.Error("five wrong codes in a row were never rate limited")
	}
	srv.Do("", http.MethodPost, "/api/v1/auth/login/totp", map[string]any{"challenge": ch, "code": totpNow(t, srv, secret)}).Want(http.StatusTooManyRequests)
	srv.Do("", http.MethodPost, "/api/v1/auth/login", map[string]string{"email": u.Email, "password": testutil.Password}).Want(http.StatusTooManyRequests)

	var events struct {
		Items []struct {
			Action string `json:"action"`
		} `json:"items"`
	}
	srv.Do(model.RoleAdmin, http.MethodGet, fmt.Sprintf("/api/v1/audit-events?entity_type=user&entity_id=%d&page_size=200", u.ID), nil).Want(http.StatusOK).Decode(&events)
	seen := map[string]int{}
	for _, e := range events.Items {
		seen[e.Action]++
	}
	if seen["totp.enrol"] != 1 || seen["totp.confirm"] != 1 || seen["auth.totp_failed"] < 5 || seen["totp.confirm_failed"] != 1 {
		t.Errorf("audit actions %v", seen)
	}

	// Disabling takes the password and a current code; an admin can reset.
	srv.Clock.Advance(16 * time.Minute)
	h := bearer(token)
	other := bearer(done.Token)
	srv.DoWith(h, http.MethodDelete, "/api/v1/me/totp", map[string]any{"password": "wrong password!", "code": totpNow(t, srv, secret)}).Want(http.StatusUnprocessableEntity)
	var off struct {
		Token string `json:"token"`
	}
	srv.DoWith(h, http.MethodDelete, "/api/v1/me/totp", map[string]any{"password": testutil.Password, "code": totpNow(t, srv, secret)}).Want(http.StatusOK).Decode(&off)
	// Turning it off ended the user's other sessions; this one goes on
	// with the new token.
	srv.DoWith(other, http.MethodGet, "/api/v1/auth/me", nil).Want(http.StatusUnauthorized)
	h = bearer(off.Token)
	srv.DoWith(h, http.MethodGet, "/api/v1/auth/me", nil).Want(http.StatusOK)
	if a := password(srv, u.Email); a.TOTPRequired || a.Token == "" {
		t.Errorf("after disabling: %+v", a)
	}
	_, _, token = enrol(t, srv, h)
	h = bearer(token)
	srv.Do(model.RoleAdmin, http.MethodPost, fmt.Sprintf("/api/v1/users/%d/totp/reset", u.ID), map[string]any{}).Want(http.StatusNoContent)
	srv.DoWith(h, http.MethodGet, "/api/v1/sites", nil).Want(http.StatusUnauthorized)
	if a := password(srv, u.Email); a.TOTPRequired {
		t.Errorf("after reset: %+v", a)
	}
}

// With two-factor sign-in mandatory for a role, a user not enrolled gets a
// session that can only enrol; enrolling makes it a full one.
func TestMandatoryTwoFactorEnrolment(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	srv.Do(model.RoleManager, http.MethodPut, "/api/v1/settings/security", map[string]any{"require_totp_for": []string{"manager"}}).Want(http.StatusForbidden)
	srv.Do(model.RoleAdmin, http.MethodPut, "/api/v1/settings/security", map[string]any{"require_totp_for": []string{"boss"}}).Want(http.StatusUnprocessableEntity)
	managerSession := bearer(srv.Tokens[model.RoleManager])
	srv.DoWith(managerSession, http.MethodGet, "/api/v1/sites", nil).Want(http.StatusOK)
	srv.Do(model.RoleAdmin, http.MethodPut, "/api/v1/settings/security", map[string]any{"require_totp_for": []string{"manager", "procurement"}}).Want(http.StatusOK)
	// Sessions opened without a second factor end for the roles that now
	// need one; others go on.
	srv.DoWith(managerSession, http.MethodGet, "/api/v1/sites", nil).Want(http.StatusUnauthorized)
	srv.Do(model.RoleProcurement, http.MethodGet, "/api/v1/sites", nil).Want(http.StatusUnauthorized)
	srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/sites", nil).Want(http.StatusOK)
	// Saving again ends only the sessions of roles newly required.
	srv.Tokens[model.RoleProcurement] = password(srv, srv.Users[model.RoleProcurement].Email).Token
	srv.Do(model.RoleAdmin, http.MethodPut, "/api/v1/settings/security", map[string]any{"require_totp_for": []string{"manager", "admin"}}).Want(http.StatusOK)
	srv.Do(model.RoleProcurement, http.MethodGet, "/api/v1/auth/me", nil).Want(http.StatusOK)
	// The admin's own session, opened without a second factor, ended too.
	srv.Do(model.RoleAdmin, http.MethodGet, "/api/v1/settings/security", nil).Want(http.StatusUnauthorized)
	srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/sites", nil).Want(http.StatusOK)
	var set struct {
		RequireTOTPFor []string `json:"require_totp_for"`
	}
	srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/settings/security", nil).Want(http.StatusForbidden)
	var raw string
	srv.DB.Table("settings").Select("value").Where("key = ?", "security").Scan(&raw)
	testutil.Fatal(t, json.Unmarshal([]byte(raw), &set), "settings")
	if fmt.Sprint(set.RequireTOTPFor) != "[manager admin]" {
		t.Errorf("settings %v", set)
	}

	u := srv.Users[model.RoleManager]
	a := password(srv, u.Email)
	if !a.TOTPEnrolmentRequired || a.Token == "" {
		t.Fatalf("login: %+v", a)
	}
	h := bearer(a.Token)
	if r := srv.DoWith(h, http.MethodGet, "/api/v1/sites", nil).Want(http.StatusForbidden); r.ErrorCode() != "totp_enrolment_required" {
		t.Errorf("code %q", r.ErrorCode())
	}
	var me struct {
		TOTPEnabled           bool `json:"totp_enabled"`
		TOTPEnrolmentRequired bool `json:"totp_enrolment_required"`
	}
	srv.DoWith(h, http.MethodGet, "/api/v1/auth/me", nil).Want(http.StatusOK).Decode(&me)
	if me.TOTPEnabled || !me.TOTPEnrolmentRequired {
		t.Errorf("me during enrolment: %+v", me)
	}
	var e struct {
		Secret string `json:"secret"`
	}
	srv.DoWith(h, http.MethodPost, "/api/v1/me/totp/enrol", map[string]any{"password": testutil.Password}).Want(http.StatusOK).Decode(&e)
	var conf struct {
		Token string `json:"token"`
	}
	srv.DoWith(h, http.MethodPost, "/api/v1/me/totp/confirm", map[string]any{"code": totpNow(t, srv, e.Secret)}).Want(http.StatusOK).Decode(&conf)
	srv.DoWith(bearer(conf.Token), http.MethodGet, "/api/v1/sites", nil).Want(http.StatusOK)
	me.TOTPEnabled, me.TOTPEnrolmentRequired = false, true
	srv.DoWith(bearer(conf.Token), http.MethodGet, "/api/v1/auth/me", nil).Want(http.StatusOK).Decode(&me)
	if !me.TOTPEnabled || me.TOTPEnrolmentRequired {
		t.Errorf("me after enrolment: %+v", me)
	}
	// Procurement is not required to enrol.
	if a := password(srv, srv.Users[model.RoleProcurement].Email); a.TOTPEnrolmentRequired {
		t.Errorf("procurement: %+v", a)
	}
	// A required user cannot turn it off.
	srv.Clock.Advance(time.Minute)
	srv.DoWith(bearer(conf.Token), http.MethodDelete, "/api/v1/me/totp", map[string]any{"password": testutil.Password, "code": totpNow(t, srv, e.Secret)}).Want(http.StatusConflict)
}
