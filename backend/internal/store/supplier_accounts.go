package store

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
)

// SupplierBinding is what a supplier account may see: one manufacturer
// and, when Sites is not empty, only those of its sites.
type SupplierBinding struct {
	ManufacturerID int64   `json:"manufacturer_id"`
	Sites          []int64 `json:"site_ids"`
}

// ForSupplier returns the store as a supplier bound to b sees it. Unlike
// For, it is never unscoped: a supplier bound to nothing (its manufacturer
// was deleted, or its binding is ambiguous) has a scope of manufacturer 0,
// which matches no record.
func (s *Store) ForSupplier(userID int64, b SupplierBinding) *Store {
	c := *s
	c.scope, c.scopeUser = []int64{b.ManufacturerID}, userID
	c.sites = nil
	if len(b.Sites) > 0 {
		c.sites = slices.Clone(b.Sites)
	}
	return &c
}

// SupplierBindingOf reads a supplier's binding. Anything but exactly one
// manufacturer row binds it to nothing (manufacturer 0): fail closed.
func (s *Store) SupplierBindingOf(ctx context.Context, userID int64) (SupplierBinding, error) {
	db := s.db.WithContext(ctx)
	var ms []int64
	if err := db.Model(&model.UserManufacturerScope{}).Where("user_id = ?", userID).Order("manufacturer_id").Pluck("manufacturer_id", &ms).Error; err != nil {
		return SupplierBinding{}, fmt.Errorf("store: supplier binding: %w", err)
	}
	var b SupplierBinding
	if len(ms) == 1 {
		b.ManufacturerID = ms[0]
	}
	if err := db.Model(&model.UserSiteScope{}).Where("user_id = ?", userID).Order("site_id").Pluck("site_id", &b.Sites).Error; err != nil {
		return SupplierBinding{}, fmt.Errorf("store: supplier binding: sites: %w", err)
	}
	if len(b.Sites) == 0 {
		b.Sites = nil
	}
	return b, nil
}

// SiteScopes returns the site limits of users, in one query.
func (s *Store) SiteScopes(ctx context.Context, userIDs []int64) (map[int64][]int64, error) {
	out := map[int64][]int64{}
	if len(userIDs) == 0 {
		return out, nil
	}
	var rows []model.UserSiteScope
	if err := s.db.WithContext(ctx).Where("user_id IN ?", userIDs).Order("user_id, site_id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("store: site scopes: %w", err)
	}
	for _, r := range rows {
		out[r.UserID] = append(out[r.UserID], r.SiteID)
	}
	return out, nil
}

// CreateSupplier stores a supplier account bound to manufacturerID (and,
// when siteIDs is not empty, to those of its sites) in one transaction, so
// a supplier is never stored unbound.
func (s *Store) CreateSupplier(ctx context.Context, u *model.User, manufacturerID int64, siteIDs []int64, actor audit.Actor) error {
	if u.Role != model.RoleSupplier {
		return errors.New("store: create supplier: not a supplier")
	}
	u.Email = NormalizeEmail(u.Email)
	u.Version = 1
	return s.tx(ctx, func(tx *gorm.DB) error {
		if err := checkSupplierBinding(tx, manufacturerID, siteIDs); err != nil {
			return err
		}
		if err := tx.Create(u).Error; err != nil {
			if errors.Is(translate(err, ""), ErrConflict) {
				return &ConflictError{Field: "email", Message: "A user with this e-mail already exists."}
			}
			return translate(err, "create supplier")
		}
		if _, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionUserCreate, EntityType: audit.EntityUser, EntityID: u.ID, Changes: audit.Diff(nil, u)}); err != nil {
			return err
		}
		if _, err := s.setManufacturerScope(tx, *u, []int64{manufacturerID}, actor); err != nil {
			return err
		}
		sites := slices.Compact(slices.Sorted(slices.Values(siteIDs)))
		now := s.Now()
		for _, id := range sites {
			if err := tx.Create(&model.UserSiteScope{UserID: u.ID, SiteID: id, CreatedAt: now}).Error; err != nil {
				return fmt.Errorf("store: set site scope: %w", err)
			}
		}
		if len(sites) == 0 {
			return nil
		}
		_, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionUserScope, EntityType: audit.EntityUser, EntityID: u.ID,
			Changes: map[string][2]any{"scope_site_ids": {nil, sites}}})
		return err
	})
}

// checkSupplierBinding refuses a manufacturer that does not exist or is
// archived, and sites that are not that manufacturer's.
func checkSupplierBinding(tx *gorm.DB, manufacturerID int64, siteIDs []int64) error {
	p := qualification.Problems{}
	var m model.Manufacturer
	err := tx.Select("id", "archived_at").Take(&m, manufacturerID).Error
	switch {
	case errors.Is(err, gorm.ErrRecordNotFound):
		p.Add("manufacturer_id", "Choose an existing manufacturer.")
	case err != nil:
		return fmt.Errorf("store: check supplier binding: %w", err)
	case m.ArchivedAt != nil:
		p.Add("manufacturer_id", "This manufacturer is archived; its people cannot be invited.")
	}
	if len(siteIDs) > 200 {
		p.Add("site_ids", "List at most 200 sites.")
	} else if len(siteIDs) > 0 && err == nil {
		uniq := slices.Compact(slices.Sorted(slices.Values(siteIDs)))
		var n int64
		if err := tx.Model(&model.Site{}).Where("id IN ? AND manufacturer_id = ?", uniq, manufacturerID).Count(&n).Error; err != nil {
			return fmt.Errorf("store: check supplier sites: %w", err)
		}
		if int(n) != len(uniq) {
			p.Add("site_ids", "Choose sites of this manufacturer.")
		}
	}
	return p.Err("The supplier cannot be invited.")
}
