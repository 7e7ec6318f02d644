package api

import (
	"errors"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/qualtrack/qualtrack/backend/internal/accounts"
	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/auth"
	"github.com/qualtrack/qualtrack/backend/internal/config"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// ssoUser finds the qualtrack user the provider vouched for (or creates
// one, when configured), applies the role its groups give when roles come
// from groups, and refuses one who may not sign in. qualtrack has the
// last word: a user disabled here stays out whatever the provider says.
func (s *Server) ssoUser(c *gin.Context, id auth.Identity) (model.User, error) {
	ctx := c.Request.Context()
	fromGroups := s.cfg.OIDC.RolesFrom == config.RolesFromGroups
	access, mapped := auth.AccessFromGroups(id.Groups, s.roleGroups(), s.cfg.OIDC.ManufacturerGroups)
	u, err := s.unscoped.UserByIdentity(ctx, id.Issuer, id.Subject)
	switch {
	case errors.Is(err, store.ErrNotFound):
		if u, err = s.linkSSOUser(c, id, access, mapped && fromGroups); err != nil {
			return model.User{}, err
		}
	case err != nil:
		return model.User{}, err
	}
	if !u.Active {
		s.ssoFailed(c, &u, "disabled")
		return model.User{}, errSSORefused("This account is disabled in qualtrack. Ask an administrator to enable it.")
	}
	if u.AccessExpiresAt != nil && !s.now().Before(*u.AccessExpiresAt) {
		s.ssoFailed(c, &u, "access_expired")
		return model.User{}, errSSORefused("This account's access has ended. Ask an administrator to extend it.")
	}
	if !fromGroups {
		return u, nil
	}
	if err := s.checkGroupAccess(c, &u, access, mapped); err != nil {
		return model.User{}, err
	}
	return s.applyGroupAccess(c, u, access)
}

func (s *Server) roleGroups() []auth.GroupRole {
	out := make([]auth.GroupRole, 0, len(s.cfg.OIDC.RoleGroups))
	for _, g := range s.cfg.OIDC.RoleGroups {
		out = append(out, auth.GroupRole{Role: model.Role(g.Role), Group: g.Group})
	}
	return out
}

// checkGroupAccess refuses a user whose groups give no role, or a
// supplier whose groups do not name exactly one manufacturer.
func (s *Server) checkGroupAccess(c *gin.Context, u *model.User, a auth.GroupAccess, mapped bool) error {
	if !mapped {
		s.ssoFailed(c, u, "sso_no_group")
		return errSSORefused("Your account at %s is in no group that gives access to qualtrack. Ask an administrator.", s.cfg.OIDC.ProviderName)
	}
	if a.Role == model.RoleSupplier && len(a.Manufacturers) != 1 {
		s.ssoFailed(c, u, "sso_supplier_unbound")
		return errSSORefused("Your account at %s is a supplier's, but its groups do not name exactly one manufacturer. Ask an administrator.", s.cfg.OIDC.ProviderName)
	}
	return nil
}

// linkSSOUser links a provider account seen for the first time to the
// user with its e-mail address, or creates the user when just-in-time
// creation is on (create: roles come from groups and they map).
func (s *Server) linkSSOUser(c *gin.Context, id auth.Identity, a auth.GroupAccess, create bool) (model.User, error) {
	ctx := c.Request.Context()
	email := store.NormalizeEmail(id.Email)
	if email == "" || id.EmailUnverified {
		s.ssoFailed(c, nil, "sso_no_email")
		return model.User{}, errSSORefused("%s did not give a verified e-mail address, so no qualtrack account can be matched. Ask an administrator.", s.cfg.OIDC.ProviderName)
	}
	u, err := s.unscoped.UserByEmail(ctx, email)
	switch {
	case err == nil:
		linked, err := s.unscoped.HasIdentity(ctx, u.ID, id.Issuer)
		if err != nil {
			return model.User{}, err
		}
		if linked {
			s.ssoFailed(c, &u, "sso_linked_elsewhere")
			return model.User{}, errSSORefused("This qualtrack account is linked to another account at %s. Ask an administrator.", s.cfg.OIDC.ProviderName)
		}
		if !u.Active {
			return u, nil // refused by the caller; a disabled account is not linked
		}
		return u, s.unscoped.LinkIdentity(ctx, u.ID, id.Issuer, id.Subject, audit.ActorOf(u, c.ClientIP()))
	case !errors.Is(err, store.ErrNotFound):
		return model.User{}, err
	}
	if !s.cfg.OIDC.CreateUsers {
		s.ssoFailed(c, nil, "sso_unknown_user")
		return model.User{}, errSSORefused("There is no qualtrack account for %s. Ask an administrator to create one.", email)
	}
	if err := s.checkGroupAccess(c, nil, a, create); err != nil {
		return model.User{}, err
	}
	name := strings.TrimSpace(id.Name)
	if name == "" || len(name) > 200 {
		name = email
	}
	p := qualification.Problems{}
	if accounts.ValidateUserFields(p, email, name, a.Role); len(p) > 0 {
		s.ssoFailed(c, nil, "sso_invalid_profile")
		return model.User{}, errSSORefused("%s gave an e-mail address or name qualtrack cannot use. Ask an administrator to create your account.", s.cfg.OIDC.ProviderName)
	}
	u = model.User{Email: email, Name: name, Role: a.Role, Active: true}
	actor := audit.Actor{Email: email, Role: string(a.Role), IP: c.ClientIP()}
	if err := s.unscoped.CreateSSOUser(ctx, &u, a.Manufacturers, id.Issuer, id.Subject, actor); err != nil {
		return model.User{}, err
	}
	return u, nil
}

// applyGroupAccess gives u the role and manufacturer scope its groups
// give now; a change is audited and ends the user's other sessions.
func (s *Server) applyGroupAccess(c *gin.Context, u model.User, a auth.GroupAccess) (model.User, error) {
	ctx := c.Request.Context()
	scope, err := s.unscoped.ManufacturerScope(ctx, u.ID)
	if err != nil {
		return model.User{}, err
	}
	if u.Role == a.Role && slices.Equal(scope, a.Manufacturers) {
		return u, nil
	}
	want := a.Manufacturers
	if want == nil {
		want = []int64{}
	}
	return s.unscoped.UpdateUserWithScope(ctx, u.ID, u.Version, &want, audit.ActorOf(u, c.ClientIP()), func(x *model.User) error {
		x.Role = a.Role
		return nil
	})
}
