package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/model"
)

func stateHash(state string) string {
	sum := sha256.Sum256([]byte(state))
	return hex.EncodeToString(sum[:])
}

// StartOIDCLogin keeps a sign-in's nonce and PKCE verifier until the
// browser brings state back (or ttl passes), and forgets sign-ins that
// were never finished.
func (s *Store) StartOIDCLogin(ctx context.Context, state, nonce, verifier string, ttl time.Duration) error {
	now := s.Now()
	return s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Where("expires_at < ?", now).Delete(&model.OIDCLogin{}).Error; err != nil {
			return translate(err, "forget expired sign-ins")
		}
		l := model.OIDCLogin{StateHash: stateHash(state), Nonce: nonce, CodeVerifier: verifier, ExpiresAt: now.Add(ttl)}
		return translate(tx.Create(&l).Error, "start sign-in")
	})
}

// TakeOIDCLogin returns the nonce and verifier of the sign-in state names
// and deletes it, so a state is honoured once: ErrNotFound when it is
// unknown, expired or already used (two requests racing with the same
// state: only the one whose delete removes the row wins).
func (s *Store) TakeOIDCLogin(ctx context.Context, state string) (nonce, verifier string, err error) {
	var l model.OIDCLogin
	err = s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Where("state_hash = ?", stateHash(state)).Take(&l).Error; err != nil {
			return translate(err, "take sign-in")
		}
		res := tx.Where("id = ?", l.ID).Delete(&model.OIDCLogin{})
		if res.Error != nil {
			return translate(res.Error, "take sign-in")
		}
		if res.RowsAffected != 1 || !s.Now().Before(l.ExpiresAt) {
			return ErrNotFound
		}
		return nil
	})
	return l.Nonce, l.CodeVerifier, err
}

// UserByIdentity returns the user linked to the provider account.
func (s *Store) UserByIdentity(ctx context.Context, issuer, subject string) (model.User, error) {
	var u model.User
	err := s.db.WithContext(ctx).Where("id = (SELECT user_id FROM oidc_identities WHERE issuer = ? AND subject = ?)", issuer, subject).Take(&u).Error
	return u, translate(err, "user by identity")
}

// HasIdentity reports whether the user is linked to an account at issuer.
func (s *Store) HasIdentity(ctx context.Context, userID int64, issuer string) (bool, error) {
	var n int64
	err := s.db.WithContext(ctx).Model(&model.OIDCIdentity{}).Where("user_id = ? AND issuer = ?", userID, issuer).Count(&n).Error
	if err != nil {
		return false, fmt.Errorf("store: has identity: %w", err)
	}
	return n > 0, nil
}

// LinkIdentity links a provider account to an existing user.
func (s *Store) LinkIdentity(ctx context.Context, userID int64, issuer, subject string, actor audit.Actor) error {
	return s.tx(ctx, func(tx *gorm.DB) error { return s.linkIdentity(tx, userID, issuer, subject, actor) })
}

func (s *Store) linkIdentity(tx *gorm.DB, userID int64, issuer, subject string, actor audit.Actor) error {
	id := model.OIDCIdentity{UserID: userID, Issuer: issuer, Subject: subject}
	if err := tx.Create(&id).Error; err != nil {
		if errors.Is(translate(err, ""), ErrConflict) {
			return &ConflictError{Field: "subject", Message: "This account is already linked to another account at the identity provider."}
		}
		return translate(err, "link identity")
	}
	_, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionUserIdentityLink, EntityType: audit.EntityUser, EntityID: userID,
		Changes: map[string][2]any{"issuer": {nil, issuer}, "subject": {nil, subject}}})
	return err
}

// CreateSSOUser creates a user on their first sign-in at the provider:
// without a password, limited to scope (an auditor's manufacturers or a
// supplier's one) and linked to the provider account, in one transaction.
func (s *Store) CreateSSOUser(ctx context.Context, u *model.User, scope []int64, issuer, subject string, actor audit.Actor) error {
	u.Email = NormalizeEmail(u.Email)
	u.Version = 1
	return s.tx(ctx, func(tx *gorm.DB) error {
		if err := checkScope(tx, scope); err != nil {
			return err
		}
		if err := tx.Create(u).Error; err != nil {
			if errors.Is(translate(err, ""), ErrConflict) {
				return &ConflictError{Field: "email", Message: "A user with this e-mail already exists."}
			}
			return translate(err, "create user")
		}
		if _, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionUserCreate, EntityType: audit.EntityUser, EntityID: u.ID, Changes: audit.Diff(nil, u)}); err != nil {
			return err
		}
		if len(scope) > 0 {
			if _, err := s.setManufacturerScope(tx, *u, scope, actor); err != nil {
				return err
			}
		}
		return s.linkIdentity(tx, u.ID, issuer, subject, actor)
	})
}

// RecordSSOLogin notes a successful sign-in through the identity provider.
func (s *Store) RecordSSOLogin(ctx context.Context, u model.User, actor audit.Actor) error {
	now := s.Now()
	return s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Model(&model.User{}).Where("id = ?", u.ID).UpdateColumn("last_login_at", now).Error; err != nil {
			return translate(err, "record login")
		}
		_, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionAuthLogin, EntityType: audit.EntityUser, EntityID: u.ID,
			Changes: map[string]string{"method": "single sign-on"}})
		return err
	})
}
