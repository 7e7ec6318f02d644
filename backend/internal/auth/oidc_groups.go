package auth

import (
	"slices"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

// GroupRole says that members of Group get Role.
type GroupRole struct {
	Role  model.Role
	Group string
}

// GroupAccess is what a user's groups at the identity provider give them
// in qualtrack.
type GroupAccess struct {
	Role model.Role
	// Manufacturers limit an auditor (none: every manufacturer) and bind
	// a supplier (exactly one is needed).
	Manufacturers []int64
}

// AccessFromGroups maps the provider's groups to a role and manufacturer
// scope. A user in several mapped groups gets the most powerful role
// (model.Roles order); ok is false when no group maps to a role. Only an
// auditor or a supplier keeps manufacturers: other roles read everything.
func AccessFromGroups(groups []string, roles []GroupRole, manufacturers map[string][]int64) (GroupAccess, bool) {
	best := -1
	for _, gr := range roles {
		if !slices.Contains(groups, gr.Group) {
			continue
		}
		if i := slices.Index(model.Roles, gr.Role); i >= 0 && (best < 0 || i < best) {
			best = i
		}
	}
	if best < 0 {
		return GroupAccess{}, false
	}
	a := GroupAccess{Role: model.Roles[best]}
	if a.Role != model.RoleAuditor && a.Role != model.RoleSupplier {
		return a, true
	}
	for _, g := range groups {
		a.Manufacturers = append(a.Manufacturers, manufacturers[g]...)
	}
	slices.Sort(a.Manufacturers)
	a.Manufacturers = slices.Compact(a.Manufacturers)
	return a, true
}
