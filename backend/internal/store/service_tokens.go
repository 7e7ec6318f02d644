package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
)

// ServiceTokenView is a service token as the administrators' list shows
// it: never its secret or hash.
type ServiceTokenView struct {
	ID             int64      `json:"id"`
	Name           string     `json:"name"`
	Prefix         string     `json:"prefix"`
	Role           model.Role `json:"role"`
	ManufacturerID *int64     `json:"manufacturer_id"`
	Manufacturer   string     `json:"manufacturer_name"`
	Status         string     `json:"status"`
	ExpiresAt      *time.Time `json:"expires_at"`
	RevokedAt      *time.Time `json:"revoked_at"`
	LastUsedAt     *time.Time `json:"last_used_at"`
	CreatedAt      time.Time  `json:"created_at"`
	CreatedBy      string     `json:"created_by"`
}

// NewServiceToken is a validated request with the secret's hash.
type NewServiceToken struct {
	qualification.ServiceTokenRequest
	TokenHash   string
	Prefix      string
	CreatedByID int64
}

// ServiceTokenActorName is how the audit trail names what a token did.
func ServiceTokenActorName(name string) string { return "token: " + name }

// CreateServiceToken stores a token and the service user it acts as, with
// its manufacturer scope, in one transaction.
func (s *Store) CreateServiceToken(ctx context.Context, in NewServiceToken, actor audit.Actor) (ServiceTokenView, error) {
	if err := qualification.CheckServiceToken(in.ServiceTokenRequest, s.Now()); err != nil {
		return ServiceTokenView{}, err
	}
	name := strings.TrimSpace(in.Name)
	var tok model.ServiceToken
	err := s.tx(ctx, func(tx *gorm.DB) error {
		var n int64
		if err := tx.Model(&model.ServiceToken{}).Where("name_key = ?", model.NameKey(name)).Count(&n).Error; err != nil {
			return translate(err, "create service token")
		}
		if n > 0 {
			return &ConflictError{Field: "name", Message: "A service token with this name already exists."}
		}
		var scope []int64
		if in.ManufacturerID != 0 {
			scope = []int64{in.ManufacturerID}
			if err := checkScope(tx, scope); err != nil {
				var ve *qualification.ValidationError
				if errors.As(err, &ve) {
					return qualification.Problems{"manufacturer_id": "Choose an existing manufacturer."}.Err("The token cannot be created.")
				}
				return err
			}
		}
		u := model.User{Email: serviceUserEmail(), Name: ServiceTokenActorName(name), Role: in.Role, Service: true, Version: 1}
		if err := tx.Create(&u).Error; err != nil {
			return translate(err, "create service user")
		}
		for _, m := range scope {
			if err := tx.Create(&model.UserManufacturerScope{UserID: u.ID, ManufacturerID: m, CreatedAt: s.Now()}).Error; err != nil {
				return translate(err, "set service token scope")
			}
		}
		by := in.CreatedByID
		exp := in.ExpiresAt.UTC().Truncate(time.Second)
		tok = model.ServiceToken{UserID: u.ID, Name: name, NameKey: model.NameKey(name), TokenHash: in.TokenHash,
			Prefix: in.Prefix, ExpiresAt: &exp, CreatedByID: &by}
		if err := tx.Create(&tok).Error; err != nil {
			if errors.Is(translate(err, ""), ErrConflict) {
				return &ConflictError{Field: "name", Message: "A service token with this name already exists."}
			}
			return translate(err, "create service token")
		}
		_, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionServiceTokenCreate, EntityType: audit.EntityServiceToken, EntityID: tok.ID,
			Changes: map[string]any{"name": name, "role": in.Role, "manufacturer_id": scope, "expires_at": exp, "prefix": in.Prefix}})
		return err
	})
	if err != nil {
		return ServiceTokenView{}, err
	}
	return s.serviceTokenView(ctx, tok.ID)
}

// serviceUserEmail is a unique address that can receive nothing (.invalid
// is reserved): a service user never signs in or gets e-mail.
func serviceUserEmail() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return "service-token-" + hex.EncodeToString(b) + "@qualtrack.invalid"
}

// ListServiceTokens lists every token, newest first.
func (s *Store) ListServiceTokens(ctx context.Context) ([]ServiceTokenView, error) {
	return s.serviceTokenViews(s.db.WithContext(ctx), 0)
}

func (s *Store) serviceTokenView(ctx context.Context, id int64) (ServiceTokenView, error) {
	vs, err := s.serviceTokenViews(s.db.WithContext(ctx), id)
	if err != nil {
		return ServiceTokenView{}, err
	}
	if len(vs) == 0 {
		return ServiceTokenView{}, ErrNotFound
	}
	return vs[0], nil
}

func (s *Store) serviceTokenViews(db *gorm.DB, id int64) ([]ServiceTokenView, error) {
	type row struct {
		model.ServiceToken
		Role           model.Role
		ManufacturerID *int64
		Manufacturer   string
		CreatedBy      string
	}
	q := db.Table("service_tokens t").
		Select("t.*, u.role AS role, sc.manufacturer_id AS manufacturer_id, COALESCE(m.name, '') AS manufacturer, COALESCE(c.name, '') AS created_by").
		Joins("JOIN users u ON u.id = t.user_id").
		Joins("LEFT JOIN user_manufacturer_scopes sc ON sc.user_id = t.user_id").
		Joins("LEFT JOIN manufacturers m ON m.id = sc.manufacturer_id").
		Joins("LEFT JOIN users c ON c.id = t.created_by_id").
		Order("t.id DESC")
	if id != 0 {
		q = q.Where("t.id = ?", id)
	}
	var rows []row
	if err := q.Scan(&rows).Error; err != nil {
		return nil, translate(err, "list service tokens")
	}
	now := s.Now()
	out := make([]ServiceTokenView, len(rows))
	for i, r := range rows {
		out[i] = ServiceTokenView{ID: r.ID, Name: r.Name, Prefix: r.Prefix, Role: r.Role, ManufacturerID: r.ManufacturerID,
			Manufacturer: r.Manufacturer, Status: qualification.ServiceTokenStatus(r.ServiceToken, now), ExpiresAt: utcPtr(r.ExpiresAt),
			RevokedAt: utcPtr(r.RevokedAt), LastUsedAt: utcPtr(r.LastUsedAt), CreatedAt: r.CreatedAt.UTC(), CreatedBy: r.CreatedBy}
	}
	return out, nil
}

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

// RevokeServiceToken ends a token for good; revoking a revoked token
// changes nothing.
func (s *Store) RevokeServiceToken(ctx context.Context, id int64, actor audit.Actor) (ServiceTokenView, error) {
	err := s.tx(ctx, func(tx *gorm.DB) error {
		var tok model.ServiceToken
		if err := tx.Take(&tok, id).Error; err != nil {
			return translate(err, "revoke service token")
		}
		if tok.RevokedAt != nil {
			return nil
		}
		now := s.Now()
		if err := tx.Model(&tok).UpdateColumns(map[string]any{"revoked_at": now, "updated_at": now}).Error; err != nil {
			return translate(err, "revoke service token")
		}
		_, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionServiceTokenRevoke, EntityType: audit.EntityServiceToken, EntityID: id,
			Changes: map[string]any{"name": tok.Name}})
		return err
	})
	if err != nil {
		return ServiceTokenView{}, err
	}
	return s.serviceTokenView(ctx, id)
}

// ServiceTokenByHash returns the token with this secret hash and the user
// it acts as; the caller checks expiry and revocation.
func (s *Store) ServiceTokenByHash(ctx context.Context, hash string) (model.ServiceToken, model.User, error) {
	var tok model.ServiceToken
	if err := s.quick(ctx).Where("token_hash = ?", hash).Take(&tok).Error; err != nil {
		return model.ServiceToken{}, model.User{}, translate(err, "service token")
	}
	var u model.User
	if err := s.quick(ctx).Take(&u, tok.UserID).Error; err != nil {
		return model.ServiceToken{}, model.User{}, translate(err, "service token user")
	}
	return tok, u, nil
}

// serviceTokenTouchEvery is how stale last_used_at may get: recording
// every request would make each read a write.
const serviceTokenTouchEvery = time.Minute

// TouchServiceToken records that the token was used at.
func (s *Store) TouchServiceToken(ctx context.Context, tok model.ServiceToken, at time.Time) error {
	if tok.LastUsedAt != nil && at.Sub(*tok.LastUsedAt) < serviceTokenTouchEvery {
		return nil
	}
	err := s.db.WithContext(ctx).Model(&model.ServiceToken{}).Where("id = ?", tok.ID).UpdateColumn("last_used_at", at.UTC().Truncate(time.Second)).Error
	if err != nil {
		return fmt.Errorf("store: touch service token: %w", err)
	}
	return nil
}
