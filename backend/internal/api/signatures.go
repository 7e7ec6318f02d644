package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/gin-gonic/gin"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// signatureRequest is the electronic signature a signed change carries
// (a qualification decision, closing a finding, completing an
// inspection): the signer's password again, their current two-factor
// code when they use two-factor sign-in, and what the signature means.
// Any handler whose change is signed takes it as a "signature" field and
// passes it to signingStore.
type signatureRequest struct {
	Password string                 `json:"password"`
	Code     string                 `json:"code"`
	Meaning  model.SignatureMeaning `json:"meaning"`
}

// UnmarshalJSON reads a signature strictly: it is an object of exactly
// these fields, so a client cannot believe it set anything else (a signer,
// a time) that the server would ignore.
func (r *signatureRequest) UnmarshalJSON(b []byte) error {
	type plain signatureRequest
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var p plain
	if err := dec.Decode(&p); err != nil {
		return fmt.Errorf("signature: must be an object of password, code and meaning: %w", err)
	}
	*r = signatureRequest(p)
	return nil
}

var errSignatureRejected = invalid("The signature was not accepted: the password or the code is not correct.",
	map[string]string{"signature.password": "is not correct, or the code is not the one your app shows now"})

// signingStore returns the request's store, signing as the signed-in user
// when the request carries a signature. The signer is re-authenticated
// first; a wrong password or code counts against the sign-in limits and is
// audited. Without a signature the store refuses any signed change, and
// with one it refuses a change that signs nothing.
func (s *Server) signingStore(c *gin.Context, sig *signatureRequest) (*store.Store, error) {
	st := s.st(c)
	if sig == nil {
		return st, nil
	}
	u := principal(c)
	twoFactor, err := s.reauthenticate(c, u, sig.Password, sig.Code)
	if err != nil {
		return nil, err
	}
	return st.SignedBy(store.Signer{User: u, Meaning: sig.Meaning, TwoFactor: twoFactor}), nil
}

// reauthenticate proves that the signed-in user is at the keyboard: their
// password and, when they use two-factor sign-in, a current code. The
// check is reserved against the sign-in limits before it is made, and a
// failure stays counted and is audited (signature.failed). It reports
// whether a code was checked.
func (s *Server) reauthenticate(c *gin.Context, u model.User, password, code string) (bool, error) {
	if password == "" {
		return false, invalid("Enter your password to sign.", map[string]string{"signature.password": "is required"})
	}
	attempt, err := s.reserveAttempt(c, u.Email)
	if err != nil {
		return false, err
	}
	defer s.releaseAttempt(c, attempt)
	ctx := c.Request.Context()
	if err := s.hasher.Verify(ctx, u.PasswordHash, password); err != nil {
		s.secretFailed(c, attempt, u, audit.ActionSignatureFailed, "wrong_password")
		return false, errSignatureRejected
	}
	enrolled, err := s.totpEnabled(ctx, u.ID)
	if err != nil {
		return false, err
	}
	if !enrolled {
		s.secretChecked(c, attempt)
		return false, nil
	}
	if code == "" {
		return false, invalid("Enter the code your app shows to sign.", map[string]string{"signature.code": "is required: you use two-factor sign-in"})
	}
	ok, err := s.checkSecondFactor(ctx, u, code, "", audit.ActorOf(u, c.ClientIP()))
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return false, err
	}
	if !ok {
		s.secretFailed(c, attempt, u, audit.ActionSignatureFailed, "wrong_code")
		return false, errSignatureRejected
	}
	s.secretChecked(c, attempt)
	return true, nil
}
