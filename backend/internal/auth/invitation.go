package auth

import (
	"fmt"
	"strconv"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// InvitationAudience is the audience of a supplier's invitation link: it
// is neither a session's nor a challenge's, so the one never passes for
// the others.
const InvitationAudience = "qualtrack-invitation"

// InvitationTTL is how long an invitation link sets a password.
const InvitationTTL = 7 * 24 * time.Hour

// IssueInvitation signs the link with which userID chooses a password.
// It carries the user's token version: setting the password moves the
// version on, so a link works once, and ending the user's sessions or
// disabling them voids it too.
func (t *Tokens) IssueInvitation(userID, tokenVersion int64) (string, time.Time, error) {
	now := t.now().UTC()
	exp := now.Add(InvitationTTL)
	claims := Claims{
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer: Issuer, Subject: strconv.FormatInt(userID, 10), Audience: jwt.ClaimStrings{InvitationAudience},
			IssuedAt: jwt.NewNumericDate(now), NotBefore: jwt.NewNumericDate(now), ExpiresAt: jwt.NewNumericDate(exp),
		},
		TokenVersion: tokenVersion,
		AuthTime:     now.Unix(),
	}
	s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(t.secret)
	if err != nil {
		return "", time.Time{}, fmt.Errorf("auth: sign invitation: %w", err)
	}
	return s, exp, nil
}

// ParseInvitation checks a link made by IssueInvitation.
func (t *Tokens) ParseInvitation(token string) (*Claims, error) {
	return t.parse(token, InvitationAudience)
}
