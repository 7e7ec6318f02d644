package store

import (
	"context"
	"errors"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
)

// UserSorts are the sort fields of the users list.
var UserSorts = SortFields{"name": textSort("name"), "email": textSort("email"), "role": textSort("role"), "created_at": timeSort("created_at"), "updated_at": timeSort("updated_at"), "last_login_at": nullable(timeSort("last_login_at"))}

// UserFilter narrows the users list.
type UserFilter struct {
	Q      string
	Role   model.Role
	Active *bool
	// Manufacturer keeps the users limited or bound to it (0: any).
	Manufacturer int64
}

// NormalizeEmail is the stored form of an e-mail address.
func NormalizeEmail(e string) string { return strings.ToLower(strings.TrimSpace(e)) }

// UserByID returns a user.
func (s *Store) UserByID(ctx context.Context, id int64) (model.User, error) {
	var u model.User
	err := s.quick(ctx).Take(&u, id).Error
	return u, translate(err, "user by id")
}

// UserByEmail returns the user with this e-mail, whatever its case.
func (s *Store) UserByEmail(ctx context.Context, email string) (model.User, error) {
	var u model.User
	err := s.db.WithContext(ctx).Where("lower(email) = ?", NormalizeEmail(email)).Take(&u).Error
	return u, translate(err, "user by email")
}

// CountUsers counts every user.
func (s *Store) CountUsers(ctx context.Context) (int64, error) {
	var n int64
	err := s.db.WithContext(ctx).Model(&model.User{}).Count(&n).Error
	return n, translate(err, "count users")
}

// ListUsers returns one page of users.
func (s *Store) ListUsers(ctx context.Context, f UserFilter, p Page) ([]model.User, int64, error) {
	q := s.db.WithContext(ctx).Model(&model.User{}).Where("service = ?", false)
	if f.Q != "" {
		pat := likePattern(f.Q)
		q = q.Where(`lower(name) LIKE ? ESCAPE '\' OR lower(email) LIKE ? ESCAPE '\'`, pat, pat)
	}
	if f.Role != "" {
		q = q.Where("role = ?", f.Role)
	}
	if f.Active != nil {
		q = q.Where("active = ?", *f.Active)
	}
	if f.Manufacturer != 0 {
		q = q.Where("id IN (SELECT user_id FROM user_manufacturer_scopes WHERE manufacturer_id = ?)", f.Manufacturer)
	}
	users := []model.User{}
	total, err := list(q, p, UserSorts, "name", &users)
	return users, total, translate(err, "list users")
}

// CreateUser inserts u (its PasswordHash already set).
func (s *Store) CreateUser(ctx context.Context, u *model.User, actor audit.Actor) error {
	return s.CreateUserWithScope(ctx, u, nil, actor)
}

// CreateUserWithScope inserts u limited to the manufacturers scope (empty:
// not limited) in one transaction: an auditor meant to be limited is never
// stored without the limit.
func (s *Store) CreateUserWithScope(ctx context.Context, u *model.User, scope []int64, actor audit.Actor) error {
	u.Email = NormalizeEmail(u.Email)
	u.Version = 1
	return s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(u).Error; err != nil {
			if errors.Is(translate(err, ""), ErrConflict) {
				return &ConflictError{Field: "email", Message: "A user with this e-mail already exists."}
			}
			return translate(err, "create user")
		}
		if _, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionUserCreate, EntityType: audit.EntityUser, EntityID: u.ID, Changes: audit.Diff(nil, u)}); err != nil {
			return err
		}
		if len(scope) == 0 {
			return nil
		}
		if err := checkScope(tx, scope); err != nil {
			return err
		}
		_, err := s.setManufacturerScope(tx, *u, scope, actor)
		return err
	})
}

// UpdateUser applies change to the user at the version the client read. A
// change of role, activation, access end or password ends the user's
// sessions (their token version moves on).
func (s *Store) UpdateUser(ctx context.Context, id, version int64, actor audit.Actor, change func(u *model.User) error) (model.User, error) {
	return s.UpdateUserWithScope(ctx, id, version, nil, actor, change)
}

// UpdateUserWithScope is UpdateUser that also replaces the user's
// manufacturer scope when scope is not nil (an empty list: unlimited). A
// changed scope ends the user's sessions like a changed role.
func (s *Store) UpdateUserWithScope(ctx context.Context, id, version int64, scope *[]int64, actor audit.Actor, change func(u *model.User) error) (model.User, error) {
	var u model.User
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Take(&u, id).Error; err != nil {
			return translate(err, "update user")
		}
		if u.Service {
			// Managed as its service token, never as a person.
			return ErrNotFound
		}
		if u.Version != version {
			return ErrVersionConflict
		}
		before := u
		if err := change(&u); err != nil {
			return err
		}
		u.Email = NormalizeEmail(u.Email)
		if u.Email != before.Email {
			// A new address has not been refused yet.
			u.EmailRefusedAt, u.EmailRefusal = nil, ""
		}
		if before.Role == model.RoleAdmin && before.Active && (u.Role != model.RoleAdmin || !u.Active) {
			if err := keepAnActiveAdmin(tx, u.ID); err != nil {
				return err
			}
		}
		scopeChanged := false
		if scope != nil {
			if err := checkScope(tx, *scope); err != nil {
				return err
			}
			var err error
			if scopeChanged, err = s.setManufacturerScope(tx, u, *scope, actor); err != nil {
				return err
			}
		}
		if scopeChanged || u.Role != before.Role || u.Active != before.Active || u.PasswordHash != before.PasswordHash ||
			!sameTime(u.AccessExpiresAt, before.AccessExpiresAt) {
			u.TokenVersion = before.TokenVersion + 1
		}
		if u.PasswordHash != before.PasswordHash {
			// A reset password means the account may be in the wrong
			// hands: the calendar feed URL stops working too.
			if err := s.revokeCalendarToken(tx, u.ID, actor); err != nil {
				return err
			}
		}
		u.Version = version + 1
		if err := saveVersioned(tx, &u, id, version); err != nil {
			if errors.Is(translate(err, ""), ErrConflict) {
				return &ConflictError{Field: "email", Message: "A user with this e-mail already exists."}
			}
			return translate(err, "update user")
		}
		changes := audit.Diff(before, u)
		if u.PasswordHash != before.PasswordHash {
			changes["password"] = [2]any{"(set)", "(changed)"}
		}
		_, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionUserUpdate, EntityType: audit.EntityUser, EntityID: u.ID, Changes: changes})
		return err
	})
	return u, err
}

// EndSessions ends every session of the user (sign-out everywhere, an
// admin's "end sessions") and revokes their calendar feed URL, which is a
// session of its own.
func (s *Store) EndSessions(ctx context.Context, id int64, actor audit.Actor, action audit.Action) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&model.User{}).Where("id = ?", id).Update("token_version", gorm.Expr("token_version + 1"))
		if res.Error != nil {
			return translate(res.Error, "end sessions")
		}
		if res.RowsAffected == 0 {
			return ErrNotFound
		}
		if err := s.revokeCalendarToken(tx, id, actor); err != nil {
			return err
		}
		_, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: action, EntityType: audit.EntityUser, EntityID: id})
		return err
	})
}

// RecordLogin notes a successful sign-in.
func (s *Store) RecordLogin(ctx context.Context, u model.User, actor audit.Actor) error {
	now := s.Now()
	return s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Model(&model.User{}).Where("id = ?", u.ID).UpdateColumn("last_login_at", now).Error; err != nil {
			return translate(err, "record login")
		}
		_, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionAuthLogin, EntityType: audit.EntityUser, EntityID: u.ID})
		return err
	})
}

// ChangePassword stores a new hash, ends every other session and revokes
// the calendar feed URL (a password change is what a user does when they
// think their account was exposed).
func (s *Store) ChangePassword(ctx context.Context, id int64, hash string, actor audit.Actor) (model.User, error) {
	var u model.User
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Take(&u, id).Error; err != nil {
			return translate(err, "change password")
		}
		u.PasswordHash = hash
		u.MustChangePassword = false
		u.TokenVersion++
		u.Version++
		if err := tx.Model(&u).Select("password_hash", "must_change_password", "token_version", "version", "updated_at").Updates(&u).Error; err != nil {
			return translate(err, "change password")
		}
		if err := s.revokeCalendarToken(tx, u.ID, actor); err != nil {
			return err
		}
		_, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionAuthPasswordChange, EntityType: audit.EntityUser, EntityID: u.ID})
		return err
	})
	return u, err
}

func sameTime(a, b *time.Time) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Equal(*b)
}

// errLastAdmin refuses to demote or disable the last active admin.
var errLastAdmin = qualification.Problems{"role": "This is the last active admin; make another user admin first."}.Err("The user cannot be saved.")

// keepAnActiveAdmin refuses (422) when no active admin but userID would be
// left. On PostgreSQL it locks the other active admins' rows, so two
// demotions at the same time are decided one after the other: the second
// sees the first's result (read committed re-checks a locked row) and is
// refused; SQLite serialises write transactions anyway.
func keepAnActiveAdmin(tx *gorm.DB, userID int64) error {
	var others []int64
	err := lockRows(tx.Model(&model.User{}), "UPDATE").Where("role = ? AND active = ? AND id <> ?", model.RoleAdmin, true, userID).
		Pluck("id", &others).Error
	if err != nil {
		return translate(err, "count admins")
	}
	if len(others) == 0 {
		return errLastAdmin
	}
	return nil
}
