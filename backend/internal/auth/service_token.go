package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// ServiceTokenPrefix starts every service token, so the middleware can
// tell one from a session token (and a secret scanner can find a leaked
// one).
const ServiceTokenPrefix = "qt_"

// ErrServiceTokenEnded refuses a revoked or expired service token (401).
var ErrServiceTokenEnded = errors.New("the service token is revoked or expired")

// NewServiceTokenSecret returns a new token (256 random bits) and the
// short prefix that names it in lists.
func NewServiceTokenSecret() (secret, prefix string) {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand never fails on supported platforms
	secret = ServiceTokenPrefix + base64.RawURLEncoding.EncodeToString(b)
	return secret, secret[:len(ServiceTokenPrefix)+6]
}

// HashServiceToken is what is stored of a token: its SHA-256. The secret
// has 256 bits of entropy, so a fast hash is enough.
func HashServiceToken(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// ServiceTokenFinder looks service tokens up; the store implements it.
type ServiceTokenFinder interface {
	ServiceTokenByHash(ctx context.Context, hash string) (model.ServiceToken, model.User, error)
	TouchServiceToken(ctx context.Context, tok model.ServiceToken, at time.Time) error
}

// AcceptServiceTokens lets requests authenticate with a service token
// (Authorization: Bearer qt_...).
func (g *Guard) AcceptServiceTokens(f ServiceTokenFinder) { g.serviceTokens = f }

// authenticateServiceToken checks a bearer service token: known, its hash
// equal (in constant time), not revoked, not expired, and its user one of
// the roles a token may have. It records the use.
func (g *Guard) authenticateServiceToken(c *gin.Context, secret string) (*Principal, error) {
	if g.serviceTokens == nil || len(secret) > 200 {
		return nil, ErrServiceTokenEnded
	}
	ctx := c.Request.Context()
	hash := HashServiceToken(secret)
	tok, u, err := g.serviceTokens.ServiceTokenByHash(ctx, hash)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return nil, ErrServiceTokenEnded
	case err != nil:
		return nil, fmt.Errorf("auth: load the service token: %w", err)
	}
	now := g.now()
	if subtle.ConstantTimeCompare([]byte(tok.TokenHash), []byte(hash)) != 1 ||
		qualification.ServiceTokenStatus(tok, now) != "active" || !u.Service {
		return nil, ErrServiceTokenEnded
	}
	pr := &Principal{User: u, ServiceToken: &tok}
	switch u.Role {
	case model.RoleAuditor:
		if pr.Scope, err = g.users.ManufacturerScope(ctx, u.ID); err != nil {
			return nil, err
		}
	case model.RoleProcurement:
	default:
		// A token never administers, whatever its row says.
		return nil, ErrServiceTokenEnded
	}
	if err := g.serviceTokens.TouchServiceToken(ctx, tok, now); err != nil {
		return nil, err
	}
	return pr, nil
}

// isServiceToken reports whether a bearer credential is a service token.
func isServiceToken(token string) bool { return strings.HasPrefix(token, ServiceTokenPrefix) }
