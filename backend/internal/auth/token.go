package auth

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// Token issuer and audience: a token made for another service, or by it,
// is refused.
const (
	Issuer   = "qualtrack"
	Audience = "qualtrack-api"
)

// Claims are what a session token carries. TokenVersion must equal the
// user's current token version: bumping it ends every session at once.
type Claims struct {
	jwt.RegisteredClaims
	TokenVersion int64 `json:"tv"`
	// AuthTime is when the user signed in (Unix seconds). Renewed browser
	// tokens keep it, so no renewal outlives the absolute lifetime.
	AuthTime int64 `json:"auth_time"`
	// EnrolOnly marks a session that may only enrol in two-factor sign-in
	// (an administrator made it mandatory for the user's role).
	EnrolOnly bool `json:"enrol_only,omitempty"`
}

// ChallengeAudience is the audience of a two-factor challenge: it is not
// the API's, so a challenge never passes for a session.
const ChallengeAudience = "qualtrack-totp-challenge"

// ChallengeTTL is how long a password-checked sign-in waits for its code.
const ChallengeTTL = 5 * time.Minute

// IssueChallenge signs the proof that userID gave the right password, to
// be completed with a code within ChallengeTTL.
func (t *Tokens) IssueChallenge(userID, tokenVersion int64) (string, time.Time, error) {
	now := t.now().UTC()
	exp := now.Add(ChallengeTTL)
	claims := Claims{
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer: Issuer, Subject: strconv.FormatInt(userID, 10), Audience: jwt.ClaimStrings{ChallengeAudience},
			IssuedAt: jwt.NewNumericDate(now), NotBefore: jwt.NewNumericDate(now), ExpiresAt: jwt.NewNumericDate(exp),
		},
		TokenVersion: tokenVersion,
		AuthTime:     now.Unix(),
	}
	s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(t.secret)
	if err != nil {
		return "", time.Time{}, fmt.Errorf("auth: sign challenge: %w", err)
	}
	return s, exp, nil
}

// ParseChallenge checks a challenge made by IssueChallenge.
func (t *Tokens) ParseChallenge(token string) (*Claims, error) {
	return t.parse(token, ChallengeAudience)
}

// SignedInAt is when the user signed in.
func (c Claims) SignedInAt() time.Time { return time.Unix(c.AuthTime, 0).UTC() }

// UserID is the subject as a number.
func (c Claims) UserID() (int64, error) {
	return strconv.ParseInt(c.Subject, 10, 64)
}

// Tokens issues and checks HS256 session tokens. A sign-in lives at most
// ttl; a browser session also ends after idle without a request (its
// cookie token is short and renewed while it is used).
type Tokens struct {
	secret []byte
	ttl    time.Duration
	idle   time.Duration
	now    func() time.Time
}

// NewTokens returns a token issuer. secret must be at least 32 bytes; idle
// 0 means no idle timeout.
func NewTokens(secret []byte, ttl, idle time.Duration, now func() time.Time) (*Tokens, error) {
	if len(secret) < 32 {
		return nil, errors.New("auth: the token secret must be at least 32 bytes")
	}
	if now == nil {
		now = time.Now
	}
	if idle <= 0 || idle > ttl {
		idle = ttl
	}
	return &Tokens{secret: secret, ttl: ttl, idle: idle, now: now}, nil
}

// Issue signs a bearer token for a sign-in now; it lives the whole TTL.
func (t *Tokens) Issue(userID, tokenVersion int64) (string, time.Time, error) {
	now := t.now().UTC()
	return t.sign(userID, tokenVersion, now, now.Add(t.ttl), false)
}

// IssueEnrolOnly signs a bearer token for a session that may only enrol
// in two-factor sign-in.
func (t *Tokens) IssueEnrolOnly(userID, tokenVersion int64) (string, time.Time, error) {
	now := t.now().UTC()
	return t.sign(userID, tokenVersion, now, now.Add(t.ttl), true)
}

// IssueBrowser signs a browser session token for a sign-in at authTime: it
// expires after the idle timeout, and never after authTime + TTL.
func (t *Tokens) IssueBrowser(userID, tokenVersion int64, authTime time.Time, enrolOnly bool) (string, time.Time, error) {
	exp := t.now().UTC().Add(t.idle)
	if limit := authTime.Add(t.ttl); exp.After(limit) {
		exp = limit
	}
	return t.sign(userID, tokenVersion, authTime, exp, enrolOnly)
}

func (t *Tokens) sign(userID, tokenVersion int64, authTime, exp time.Time, enrolOnly bool) (string, time.Time, error) {
	now := t.now().UTC()
	claims := Claims{
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer:    Issuer,
			Subject:   strconv.FormatInt(userID, 10),
			Audience:  jwt.ClaimStrings{Audience},
			IssuedAt:  jwt.NewNumericDate(now),
			NotBefore: jwt.NewNumericDate(now),
			ExpiresAt: jwt.NewNumericDate(exp),
		},
		TokenVersion: tokenVersion,
		AuthTime:     authTime.Unix(),
		EnrolOnly:    enrolOnly,
	}
	s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(t.secret)
	if err != nil {
		return "", time.Time{}, fmt.Errorf("auth: sign token: %w", err)
	}
	return s, exp, nil
}

// Parse checks a token's signature (HS256 only), expiry, issue time, issuer
// and audience, and returns its claims.
func (t *Tokens) Parse(token string) (*Claims, error) {
	return t.parse(token, Audience)
}

func (t *Tokens) parse(token, audience string) (*Claims, error) {
	if len(token) > 4096 {
		return nil, errors.New("auth: token too long")
	}
	var c Claims
	_, err := jwt.ParseWithClaims(token, &c, func(*jwt.Token) (any, error) { return t.secret, nil },
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithIssuer(Issuer),
		jwt.WithAudience(audience),
		jwt.WithTimeFunc(t.now),
		jwt.WithLeeway(30*time.Second),
	)
	if err != nil {
		return nil, fmt.Errorf("auth: %w", err)
	}
	if _, err := c.UserID(); err != nil {
		return nil, errors.New("auth: token has no user")
	}
	return &c, nil
}
