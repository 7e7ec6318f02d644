package auth

import (
	"slices"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

func TestAccessFromGroups(t *testing.T) {
	roles := []GroupRole{{model.RoleAuditor, "qt-auditors"}, {model.RoleAdmin, "qt-admins"}, {model.RoleProcurement, "qt-buyers"},
		{model.RoleSupplier, "qt-suppliers"}}
	manufacturers := map[string][]int64{"qt-acme": {12}, "qt-globex": {14, 12}}
	for _, tc := range []struct {
		name   string
		groups []string
		role   model.Role
		scope  []int64
		ok     bool
	}{
		{"no group", nil, "", nil, false},
		{"only unmapped groups", []string{"everyone"}, "", nil, false},
		{"one role", []string{"everyone", "qt-buyers"}, model.RoleProcurement, nil, true},
		{"the most powerful role wins", []string{"qt-auditors", "qt-admins"}, model.RoleAdmin, nil, true},
		{"an admin reads everything", []string{"qt-admins", "qt-acme"}, model.RoleAdmin, nil, true},
		{"an unlimited auditor", []string{"qt-auditors"}, model.RoleAuditor, nil, true},
		{"a limited auditor", []string{"qt-auditors", "qt-acme", "qt-globex"}, model.RoleAuditor, []int64{12, 14}, true},
		{"a supplier bound to one", []string{"qt-suppliers", "qt-acme"}, model.RoleSupplier, []int64{12}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, ok := AccessFromGroups(tc.groups, roles, manufacturers)
			if ok != tc.ok || a.Role != tc.role || !slices.Equal(a.Manufacturers, tc.scope) {
				t.Errorf("got %+v %v, want %s %v %v", a, ok, tc.role, tc.scope, tc.ok)
			}
		})
	}
}
