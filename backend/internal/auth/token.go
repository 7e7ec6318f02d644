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
}

// UserID is the subject as a number.
func (c Claims) UserID() (int64, error) {
	return strconv.ParseInt(c.Subject, 10, 64)
}

// Tokens issues and checks HS256 session tokens.
type Tokens struct {
	secret []byte
	ttl    time.Duration
	now    func() time.Time
}

// NewTokens returns a token issuer. secret must be at least 32 bytes.
func NewTokens(secret []byte, ttl time.Duration, now func() time.Time) (*Tokens, error) {
	if len(secret) < 32 {
		return nil, errors.New("auth: the token secret must be at least 32 bytes")
	}
	if now == nil {
		now = time.Now
	}
	return &Tokens{secret: secret, ttl: ttl, now: now}, nil
}

// TTL is how long a new token lives.
func (t *Tokens) TTL() time.Duration { return t.ttl }

// Issue signs a token for the user.
func (t *Tokens) Issue(userID, tokenVersion int64) (string, time.Time, error) {
	now := t.now().UTC()
	exp := now.Add(t.ttl)
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
	if len(token) > 4096 {
		return nil, errors.New("auth: token too long")
	}
	var c Claims
	_, err := jwt.ParseWithClaims(token, &c, func(*jwt.Token) (any, error) { return t.secret, nil },
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithIssuer(Issuer),
		jwt.WithAudience(Audience),
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
