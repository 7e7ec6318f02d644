// Package seed fills a database: the first admin, the demo data that
// `make run` shows, and bulk data for benchmarks.
package seed

import (
	"context"
	"fmt"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/auth"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// DemoPassword signs in every demo user. Demo data is refused in production.
const DemoPassword = "qualtrack-demo"

// DemoUser is one demo sign-in.
type DemoUser struct {
	Email string
	Name  string
	Role  model.Role
}

// DemoUsers has one user per role.
var DemoUsers = []DemoUser{
	{"admin@example.com", "Ada Admin", model.RoleAdmin},
	{"manager@example.com", "Mia Manager", model.RoleManager},
	{"procurement@example.com", "Pat Procurement", model.RoleProcurement},
	{"auditor@example.com", "Ari Auditor", model.RoleAuditor},
}

var system = audit.Actor{Email: "system", Role: "system"}

// FirstAdmin creates an admin when the database has no users yet. It
// reports whether it created one.
func FirstAdmin(ctx context.Context, st *store.Store, h *auth.Hasher, email, password string) (bool, error) {
	n, err := st.CountUsers(ctx)
	if err != nil || n > 0 {
		return false, err
	}
	// The operator's bootstrap credential for a role mailbox (often
	// admin@...): the common-password and length rules apply, not the rule
	// against the user's own name, which would refuse every "admin ..." phrase
	// in existing deployment files.
	if why := auth.CheckPasswordPolicy(password, "", ""); why != "" {
		return false, fmt.Errorf("QUALTRACK_ADMIN_PASSWORD: %s", why)
	}
	hash, err := h.Hash(ctx, password)
	if err != nil {
		return false, err
	}
	u := model.User{Email: email, Name: "Administrator", Role: model.RoleAdmin, PasswordHash: hash, Active: true}
	if err := st.CreateUser(ctx, &u, system); err != nil {
		return false, fmt.Errorf("seed: first admin: %w", err)
	}
	return true, nil
}

// Demo fills an empty database with one user per role and the demo story
// (see demoRecords). It does nothing if users exist.
func Demo(ctx context.Context, st *store.Store, h *auth.Hasher, now time.Time) (bool, error) {
	n, err := st.CountUsers(ctx)
	if err != nil || n > 0 {
		return false, err
	}
	hash, err := h.Hash(ctx, DemoPassword)
	if err != nil {
		return false, err
	}
	users := map[model.Role]model.User{}
	for _, du := range DemoUsers {
		u := model.User{Email: du.Email, Name: du.Name, Role: du.Role, PasswordHash: hash, Active: true}
		if err := st.CreateUser(ctx, &u, system); err != nil {
			return false, fmt.Errorf("seed: demo user %s: %w", du.Email, err)
		}
		users[du.Role] = u
	}
	if err := demoRecords(ctx, st, users, now, hash); err != nil {
		return false, err
	}
	if err := demoSupplierStory(ctx, st, users); err != nil {
		return false, err
	}
	return true, nil
}
