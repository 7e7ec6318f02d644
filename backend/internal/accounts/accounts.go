// Package accounts owns user accounts outside HTTP: creating a user under
// the rules (the Users page and `qualtrack user create` call the same
// function) and the rule of which roles must use two-factor sign-in.
package accounts

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"net/mail"
	"slices"
	"strings"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/auth"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// Service creates users and answers the two-factor policy.
type Service struct {
	store  *store.Store
	hasher *auth.Hasher
	now    func() time.Time
}

// New returns the accounts service over st.
func New(st *store.Store, h *auth.Hasher, now func() time.Time) *Service {
	return &Service{store: st, hasher: h, now: now}
}

// NewUser is a user to create.
type NewUser struct {
	Email           string
	Name            string
	Role            model.Role
	Password        string // empty: one is generated and returned once
	Active          bool
	AccessExpiresAt *time.Time
	// ScopeManufacturerIDs limits a new auditor to these manufacturers
	// from the start (empty: not limited).
	ScopeManufacturerIDs []int64
	// ScopeSiteIDs narrows a supplier (bound to the one manufacturer of
	// ScopeManufacturerIDs) to these of its sites (empty: all of them).
	ScopeSiteIDs []int64
	// MustChangePassword: the password is known to whoever set or saw it
	// (an administrator on the Users page); the user must replace it at
	// their first sign-in.
	MustChangePassword bool
	// Language is the one the user's screens and e-mails speak ("": the
	// browser's, e-mails in English).
	Language model.Language
}

// Create checks u against the rules (e-mail, name, role, password policy,
// an access end in the future) and stores it. When u has no password one is
// generated and returned, to be shown once.
func (s *Service) Create(ctx context.Context, u NewUser, a audit.Actor) (model.User, string, error) {
	problems := qualification.Problems{}
	ValidateUserFields(problems, u.Email, u.Name, u.Role)
	generated := ""
	if u.Password == "" {
		generated = GeneratePassword()
		u.Password = generated
	} else if why := auth.CheckPasswordPolicy(u.Password, u.Email, u.Name); why != "" {
		problems.Add("password", why)
	}
	if u.AccessExpiresAt != nil && !u.AccessExpiresAt.After(s.now()) {
		problems.Add("access_expires_at", "must be in the future")
	}
	switch {
	case u.Role == model.RoleSupplier && len(u.ScopeManufacturerIDs) != 1:
		problems.Add("scope_manufacturer_ids", "A supplier is bound to exactly one manufacturer.")
	case len(u.ScopeManufacturerIDs) > 0 && u.Role != model.RoleAuditor && u.Role != model.RoleSupplier:
		problems.Add("scope_manufacturer_ids", "Only auditors and suppliers can be limited to some manufacturers.")
	}
	if !u.Language.Valid() {
		problems.Add("language", "must be en or zh-CN")
	}
	if len(u.ScopeSiteIDs) > 0 && u.Role != model.RoleSupplier {
		problems.Add("scope_site_ids", "Only suppliers can be limited to some sites.")
	}
	if err := problems.Err("The user cannot be created."); err != nil {
		return model.User{}, "", err
	}
	hash, err := s.hasher.Hash(ctx, u.Password)
	if err != nil {
		return model.User{}, "", err
	}
	var exp *time.Time
	if u.AccessExpiresAt != nil {
		t := u.AccessExpiresAt.UTC()
		exp = &t
	}
	rec := model.User{Email: u.Email, Name: strings.TrimSpace(u.Name), Role: u.Role, PasswordHash: hash, Active: u.Active, AccessExpiresAt: exp,
		MustChangePassword: u.MustChangePassword, Language: u.Language}
	if u.Role == model.RoleSupplier {
		err = s.store.CreateSupplier(ctx, &rec, u.ScopeManufacturerIDs[0], u.ScopeSiteIDs, a)
	} else {
		err = s.store.CreateUserWithScope(ctx, &rec, u.ScopeManufacturerIDs, a)
	}
	if err != nil {
		return model.User{}, "", err
	}
	return rec, generated, nil
}

// ValidateUserFields checks the fields every user has.
func ValidateUserFields(p qualification.Problems, email, name string, role model.Role) {
	if a, err := mail.ParseAddress(email); err != nil || a.Address != strings.TrimSpace(email) || len(email) > 254 {
		p.Add("email", "must be an e-mail address such as jane@example.com")
	}
	if n := len(strings.TrimSpace(name)); n == 0 || n > 200 {
		p.Add("name", "is required (at most 200 characters)")
	} else if why := qualification.CheckPersonName(name); why != "" {
		p.Add("name", why)
	}
	if !role.Valid() {
		p.Add("role", "must be one of: admin, manager, procurement, auditor, supplier")
	}
}

// GeneratePassword returns a random 20-character password.
func GeneratePassword() string {
	b := make([]byte, 15)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// TOTPRequired reports whether users of role must use two-factor sign-in
// (the security settings an admin keeps).
func (s *Service) TOTPRequired(ctx context.Context, role model.Role) (bool, error) {
	set, err := s.store.SecuritySettings(ctx)
	return slices.Contains(set.RequireTOTPFor, role), err
}
