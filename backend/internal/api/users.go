package api

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/qualtrack/qualtrack/backend/internal/accounts"
	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/auth"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

func (s *Server) listUsers(c *gin.Context) error {
	p, err := listQuery(c, store.UserSorts)
	if err != nil {
		return err
	}
	problems := qualification.Problems{}
	f := store.UserFilter{
		Q:      querySearch(c, problems),
		Role:   queryEnum(c, "role", model.Roles, problems),
		Active: queryBool(c, "active", problems),
	}
	if err := problems.Err("The filters are not valid."); err != nil {
		return err
	}
	users, total, err := s.unscoped.ListUsers(c.Request.Context(), f, p)
	if err != nil {
		return err
	}
	views, err := s.userViews(c.Request.Context(), users)
	if err != nil {
		return err
	}
	writeList(c, views, total, p)
	return nil
}

func (s *Server) getUser(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	u, err := s.unscoped.UserByID(c.Request.Context(), id)
	if err != nil {
		return err
	}
	if u.Service {
		return store.ErrNotFound
	}
	return s.writeUser(c, u)
}

// userView is a user as the users API shows it: with the manufacturers an
// auditor is limited to (null: every manufacturer) and whether two-factor
// sign-in is on.
type userView struct {
	model.User
	ScopeManufacturerIDs []int64 `json:"scope_manufacturer_ids"`
	// ScopeSiteIDs are the sites a supplier is limited to (null: every
	// site of its manufacturer; always null for other roles).
	ScopeSiteIDs []int64 `json:"scope_site_ids"`
	TOTPEnabled  bool    `json:"totp_enabled"`
}

// userViews adds scopes and two-factor state to users, one query each.
func (s *Server) userViews(ctx context.Context, users []model.User) ([]userView, error) {
	ids := make([]int64, len(users))
	for i, u := range users {
		ids[i] = u.ID
	}
	scopes, err := s.unscoped.ManufacturerScopes(ctx, ids)
	if err != nil {
		return nil, err
	}
	totp, err := s.unscoped.TOTPEnabledUsers(ctx, ids)
	if err != nil {
		return nil, err
	}
	sites, err := s.unscoped.SiteScopes(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]userView, len(users))
	for i, u := range users {
		out[i] = userView{User: u, ScopeManufacturerIDs: scopes[u.ID], TOTPEnabled: totp[u.ID]}
		if u.Role == model.RoleSupplier {
			out[i].ScopeSiteIDs = sites[u.ID]
		}
	}
	return out, nil
}

func (s *Server) writeUser(c *gin.Context, u model.User) error {
	views, err := s.userViews(c.Request.Context(), []model.User{u})
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, views[0])
	return nil
}

type createUserRequest struct {
	Email           string     `json:"email"`
	Name            string     `json:"name"`
	Role            model.Role `json:"role"`
	Password        string     `json:"password"`
	Active          *bool      `json:"active"`
	AccessExpiresAt *time.Time `json:"access_expires_at"`
	// ScopeManufacturerIDs limits a new auditor to these manufacturers,
	// or binds a new supplier to its one manufacturer.
	ScopeManufacturerIDs []int64 `json:"scope_manufacturer_ids"`
	// ScopeSiteIDs limits a new supplier to some of its manufacturer's
	// sites.
	ScopeSiteIDs []int64 `json:"scope_site_ids"`
}

type createdUser struct {
	userView
	// GeneratedPassword is shown once when the admin gave none.
	GeneratedPassword string `json:"generated_password,omitempty"`
}

func (s *Server) createUser(c *gin.Context) error {
	var req createUserRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	u, generated, err := s.accounts.Create(c.Request.Context(), accounts.NewUser{Email: req.Email, Name: req.Name, Role: req.Role,
		Password: req.Password, Active: req.Active == nil || *req.Active, AccessExpiresAt: req.AccessExpiresAt,
		ScopeManufacturerIDs: req.ScopeManufacturerIDs, ScopeSiteIDs: req.ScopeSiteIDs,
		// The administrator knows this password (they chose it or are
		// shown it): the user must replace it at their first sign-in.
		MustChangePassword: true}, actor(c))
	if err != nil {
		return err
	}
	views, err := s.userViews(c.Request.Context(), []model.User{u})
	if err != nil {
		return err
	}
	c.JSON(http.StatusCreated, createdUser{userView: views[0], GeneratedPassword: generated})
	return nil
}

type updateUserRequest struct {
	Version         int64           `json:"version"`
	Email           Opt[string]     `json:"email"`
	Name            Opt[string]     `json:"name"`
	Role            Opt[model.Role] `json:"role"`
	Active          Opt[bool]       `json:"active"`
	AccessExpiresAt Opt[*time.Time] `json:"access_expires_at"`
	Password        Opt[string]     `json:"password"`
	// ScopeManufacturerIDs limits an auditor to these manufacturers; null
	// or [] removes the limit.
	ScopeManufacturerIDs Opt[[]int64] `json:"scope_manufacturer_ids"`
}

func (r *updateUserRequest) sentVersion() int64 { return r.Version }

// updateUser edits a user. Changing the role, disabling, changing the
// access end or resetting the password ends the user's sessions. An admin
// cannot remove the last active admin.
func (s *Server) updateUser(c *gin.Context) error {
	var req updateUserRequest
	id, err := bindUpdate(c, &req)
	if err != nil {
		return err
	}
	ctx := c.Request.Context()
	var newHash string
	if req.Password.Set {
		// The policy needs the e-mail and name the user will have.
		cur, err := s.unscoped.UserByID(ctx, id)
		if err != nil {
			return err
		}
		email, name := cur.Email, cur.Name
		if req.Email.Set {
			email = req.Email.Value
		}
		if req.Name.Set {
			name = req.Name.Value
		}
		if why := auth.CheckPasswordPolicy(req.Password.Value, email, name); why != "" {
			return invalid("Choose another password.", map[string]string{"password": why})
		}
		if newHash, err = s.hasher.Hash(ctx, req.Password.Value); err != nil {
			return err
		}
	}
	var scope *[]int64
	if req.ScopeManufacturerIDs.Set {
		ids := req.ScopeManufacturerIDs.Value
		if ids == nil {
			ids = []int64{}
		}
		scope = &ids
	}
	u, err := s.unscoped.UpdateUserWithScope(ctx, id, req.Version, scope, actor(c), func(u *model.User) error {
		wasRole := u.Role
		if req.Email.Set {
			u.Email = req.Email.Value
		}
		if req.Name.Set {
			u.Name = strings.TrimSpace(req.Name.Value)
		}
		if req.Role.Set {
			u.Role = req.Role.Value
		}
		if req.Active.Set {
			u.Active = req.Active.Value
		}
		if req.AccessExpiresAt.Set {
			u.AccessExpiresAt = nil
			if req.AccessExpiresAt.Value != nil {
				t := req.AccessExpiresAt.Value.UTC()
				u.AccessExpiresAt = &t
			}
		}
		if newHash != "" {
			u.PasswordHash = newHash
			// A password an administrator set for someone else is known
			// to them: the user must replace it at their next sign-in.
			u.MustChangePassword = u.ID != principal(c).ID
		}
		problems := qualification.Problems{}
		accounts.ValidateUserFields(problems, u.Email, u.Name, u.Role)
		switch {
		case (u.Role == model.RoleSupplier) != (wasRole == model.RoleSupplier):
			// A supplier is someone outside the company: it never becomes
			// staff, nor staff a supplier, by a change of role.
			problems.Add("role", "A supplier account stays a supplier account, and no other account becomes one; invite the person as a supplier instead.")
		case u.Role == model.RoleSupplier && scope != nil:
			problems.Add("scope_manufacturer_ids", "A supplier stays bound to the manufacturer it was invited for; invite a new account for another.")
		case scope != nil && len(*scope) > 0 && u.Role != model.RoleAuditor:
			problems.Add("scope_manufacturer_ids", "Only auditors can be limited to some manufacturers.")
		}
		// The store keeps the last active admin (under a lock).
		return problems.Err("The user cannot be saved.")
	})
	if err != nil {
		return err
	}
	return s.writeUser(c, u)
}

// endUserSessions signs a user out everywhere (a lost laptop, a leaver).
func (s *Server) endUserSessions(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if err := s.unscoped.EndSessions(c.Request.Context(), id, actor(c), audit.ActionUserEndSessions); err != nil {
		return err
	}
	c.Status(http.StatusNoContent)
	return nil
}
