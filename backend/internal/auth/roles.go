package auth

import (
	"errors"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

// Permission is the rule a route declares: which roles may call it. The
// zero value is deliberately invalid, so a route that forgot to declare a
// rule cannot be registered (and a test fails).
type Permission int

const (
	// Public needs no sign-in (sign-in itself, health checks).
	Public Permission = iota + 1
	// Self is any signed-in user acting on their own account.
	Self
	// Read is reading records, the dashboard, the audit trail, reports.
	Read
	// Edit is creating and editing records, uploads and imports.
	Edit
	// Decide is recording a qualification decision; the handler narrows
	// procurement to prospective -> in_qualification.
	Decide
	// Delete is deleting what is safe to delete.
	Delete
	// ManageUsers is the users API.
	ManageUsers
	// ManageTemplates is creating, editing and archiving checklist
	// templates: what every inspection is measured against.
	ManageTemplates
	// Approve is approving what others recorded: firmware releases
	// (a signed action) and the justification for an unauthorised
	// component source.
	Approve
	// InviteSuppliers is inviting people of a contract manufacturer to
	// the supplier portal and seeing who has been invited.
	InviteSuppliers
	// Calendar is a user's own calendar feed of the register's dates:
	// staff only, a supplier follows its dates in the portal.
	Calendar
	// SupplierPortal is the supplier portal (/supplier/...): only
	// suppliers, each reading through a store limited to its manufacturer.
	SupplierPortal
	// DecideChanges is approving or rejecting a manufacturer's change
	// notification: a manager's decision, like qualification decisions.
	DecideChanges
	// ManageIntegrations is service tokens and webhooks: what other
	// systems may read and write, and what they are told.
	ManageIntegrations
)

// permissionRoles lists the roles of each rule by name, never as "every
// role": a new role gets no existing route by accident.
var permissionRoles = map[Permission][]model.Role{
	Self:        {model.RoleAdmin, model.RoleManager, model.RoleProcurement, model.RoleAuditor, model.RoleSupplier},
	Read:        {model.RoleAdmin, model.RoleManager, model.RoleProcurement, model.RoleAuditor},
	Edit:        {model.RoleAdmin, model.RoleManager, model.RoleProcurement},
	Decide:      {model.RoleAdmin, model.RoleManager, model.RoleProcurement},
	Delete:      {model.RoleAdmin},
	ManageUsers: {model.RoleAdmin},
	// Procurement answers checklists but does not set the standard its own
	// suppliers are measured against.
	ManageTemplates: {model.RoleAdmin, model.RoleManager},
	// Procurement records firmware releases and sources; a manager
	// approves them.
	Approve:         {model.RoleAdmin, model.RoleManager},
	InviteSuppliers: {model.RoleAdmin, model.RoleManager},
	Calendar:        {model.RoleAdmin, model.RoleManager, model.RoleProcurement, model.RoleAuditor},
	SupplierPortal:  {model.RoleSupplier},
	DecideChanges:   {model.RoleAdmin, model.RoleManager},
	// Only administrators: a token or a webhook hands records to another
	// system.
	ManageIntegrations: {model.RoleAdmin},
}

var permissionNames = map[Permission]string{
	Public: "public", Self: "self", Read: "read", Edit: "edit",
	Decide: "decide", Delete: "delete", ManageUsers: "manage_users",
	ManageTemplates: "manage_templates", Approve: "approve", InviteSuppliers: "invite_suppliers",
	Calendar: "calendar", SupplierPortal: "supplier_portal", DecideChanges: "decide_changes",
	ManageIntegrations: "manage_integrations",
}

// Permissions lists every declared rule.
var Permissions = []Permission{Public, Self, Read, Edit, Decide, Delete, ManageUsers, ManageTemplates, Approve, InviteSuppliers, Calendar, SupplierPortal, DecideChanges, ManageIntegrations}

// Valid reports whether p is a declared rule.
func (p Permission) Valid() bool { _, ok := permissionNames[p]; return ok }

func (p Permission) String() string {
	if n, ok := permissionNames[p]; ok {
		return n
	}
	return "unset"
}

// Allows reports whether role may do p. Public allows everyone.
func (p Permission) Allows(role model.Role) bool {
	if p == Public {
		return true
	}
	for _, r := range permissionRoles[p] {
		if r == role {
			return true
		}
	}
	return false
}

// Roles lists the roles p allows (every role for Public).
func (p Permission) Roles() []model.Role {
	if p == Public {
		return model.Roles
	}
	return permissionRoles[p]
}

// CanDecide reports whether role may move a site from one status to another.
// Procurement may only start a qualification.
func CanDecide(role model.Role, from, to model.QualificationStatus) bool {
	switch role {
	case model.RoleAdmin, model.RoleManager:
		return true
	case model.RoleProcurement:
		return from == model.StatusProspective && to == model.StatusInQualification
	}
	return false
}

// Errors the middleware reports; the API turns them into 401 and 403.
var (
	ErrUnauthenticated = errors.New("sign in to continue")
	ErrSessionEnded    = errors.New("your session has ended; sign in again")
	ErrForbidden       = errors.New("your role does not allow this")
	ErrCrossSite       = errors.New("cross-site request refused")
	// ErrEnrolmentRequired refuses an enrol-only session anything but
	// enrolling (and signing out).
	ErrEnrolmentRequired = errors.New("two-factor enrolment required")
	// ErrPasswordChangeRequired refuses a user whose password an
	// administrator set anything but changing it.
	ErrPasswordChangeRequired = errors.New("password change required")
)
