package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
)

// For returns the store as seen by a user limited to the manufacturers
// scope (nil or empty: everything). Every read path narrows its rows
// through in(); a record outside the scope is then ErrNotFound, and lists,
// counts and reports simply leave it out.
func (s *Store) For(userID int64, scope []int64) *Store {
	if len(scope) == 0 {
		return s
	}
	c := *s
	c.scope, c.scopeUser = slices.Clone(scope), userID
	return &c
}

// attachmentOwnerVia maps an attachment's owner type to its kind of record.
var attachmentOwnerVia = map[model.AttachmentOwner]scopeVia{
	model.OwnerSite: viaSite, model.OwnerInspection: viaInspection,
	model.OwnerFinding: viaFinding, model.OwnerCertification: viaCertification,
	model.OwnerSelfAssessment: viaSelfAssessment, model.OwnerChangeNotification: viaChangeNotification,
}

// Scoped reports whether the store reads only part of the records.
func (s *Store) Scoped() bool { return s.scope != nil }

// scopeVia says what a column holding an id refers to.
type scopeVia int

const (
	viaManufacturer scopeVia = iota
	viaSite
	viaInspection
	viaFinding
	viaCertification
	viaSelfAssessment
	viaSiteProduct
	viaObservation
	viaComponentSource
	viaChangeNotification
)

// The subqueries selecting the ids in scope, one per kind of record; each
// takes the scope's manufacturer ids as its one argument.
var scopeSubqueries = map[scopeVia]string{
	viaManufacturer:    "?",
	viaSite:            "(SELECT scope_s.id FROM sites scope_s WHERE scope_s.manufacturer_id IN ?)",
	viaInspection:      "(SELECT scope_i.id FROM inspections scope_i JOIN sites scope_s ON scope_s.id = scope_i.site_id WHERE scope_s.manufacturer_id IN ?)",
	viaFinding:         "(SELECT scope_f.id FROM findings scope_f JOIN sites scope_s ON scope_s.id = scope_f.site_id WHERE scope_s.manufacturer_id IN ?)",
	viaCertification:   "(SELECT scope_c.id FROM certifications scope_c JOIN sites scope_s ON scope_s.id = scope_c.site_id WHERE scope_s.manufacturer_id IN ?)",
	viaSelfAssessment:  "(SELECT scope_q.id FROM self_assessments scope_q JOIN sites scope_s ON scope_s.id = scope_q.site_id WHERE scope_s.manufacturer_id IN ?)",
	viaSiteProduct:     "(SELECT scope_p.id FROM site_products scope_p JOIN sites scope_s ON scope_s.id = scope_p.site_id WHERE scope_s.manufacturer_id IN ?)",
	viaObservation:     "(SELECT scope_o.id FROM integrity_observations scope_o JOIN sites scope_s ON scope_s.id = scope_o.site_id WHERE scope_s.manufacturer_id IN ?)",
	viaComponentSource: "(SELECT scope_v.id FROM component_sources scope_v JOIN sites scope_s ON scope_s.id = scope_v.site_id WHERE scope_s.manufacturer_id IN ?)",
	// A change is its manufacturer's (changesInScope).
	viaChangeNotification: "(SELECT scope_n.id FROM change_notifications scope_n WHERE scope_n.manufacturer_id IN ?)",
}

// siteSubqueries are scopeSubqueries for a store also limited to some
// sites (a supplier's, see ForSupplier); each takes the manufacturer ids,
// then the site ids.
var siteSubqueries = map[scopeVia]string{
	viaSite:            "(SELECT scope_s.id FROM sites scope_s WHERE scope_s.manufacturer_id IN ? AND scope_s.id IN ?)",
	viaInspection:      "(SELECT scope_i.id FROM inspections scope_i JOIN sites scope_s ON scope_s.id = scope_i.site_id WHERE scope_s.manufacturer_id IN ? AND scope_s.id IN ?)",
	viaFinding:         "(SELECT scope_f.id FROM findings scope_f JOIN sites scope_s ON scope_s.id = scope_f.site_id WHERE scope_s.manufacturer_id IN ? AND scope_s.id IN ?)",
	viaCertification:   "(SELECT scope_c.id FROM certifications scope_c JOIN sites scope_s ON scope_s.id = scope_c.site_id WHERE scope_s.manufacturer_id IN ? AND scope_s.id IN ?)",
	viaSelfAssessment:  "(SELECT scope_q.id FROM self_assessments scope_q JOIN sites scope_s ON scope_s.id = scope_q.site_id WHERE scope_s.manufacturer_id IN ? AND scope_s.id IN ?)",
	viaSiteProduct:     "(SELECT scope_p.id FROM site_products scope_p JOIN sites scope_s ON scope_s.id = scope_p.site_id WHERE scope_s.manufacturer_id IN ? AND scope_s.id IN ?)",
	viaObservation:     "(SELECT scope_o.id FROM integrity_observations scope_o JOIN sites scope_s ON scope_s.id = scope_o.site_id WHERE scope_s.manufacturer_id IN ? AND scope_s.id IN ?)",
	viaComponentSource: "(SELECT scope_v.id FROM component_sources scope_v JOIN sites scope_s ON scope_s.id = scope_v.site_id WHERE scope_s.manufacturer_id IN ? AND scope_s.id IN ?)",
	// A change concerning one of the sites (changesInScope).
	viaChangeNotification: "(SELECT scope_n.id FROM change_notifications scope_n WHERE scope_n.manufacturer_id IN ? AND scope_n.id IN " +
		"(SELECT scope_ns.change_notification_id FROM change_notification_sites scope_ns WHERE scope_ns.site_id IN ?))",
}

// subquery is the subquery selecting the ids of the kind via in scope,
// with its arguments.
func (s *Store) subquery(via scopeVia) (string, []any) {
	if s.sites != nil && via != viaManufacturer {
		return siteSubqueries[via], []any{s.scope, s.sites}
	}
	return scopeSubqueries[via], []any{s.scope}
}

// in narrows q to rows whose col (an id of the kind via) is in scope.
func (s *Store) in(q *gorm.DB, col string, via scopeVia) *gorm.DB {
	if s.scope == nil {
		return q
	}
	cond, args := s.inSQL(col, via)
	return q.Where(cond, args...)
}

// inSQL is in() as a condition and its arguments, for hand-written SQL; it
// is "1=1" for an unscoped store.
func (s *Store) inSQL(col string, via scopeVia) (string, []any) {
	if s.scope == nil {
		return "1=1", nil
	}
	sub, args := s.subquery(via)
	return col + " IN " + sub, args
}

// checkOwnerInScope returns ErrNotFound when an attachment's owner is
// outside the scope. A BOM revision is the buyer's: every reader but a
// supplier reads it.
func (s *Store) checkOwnerInScope(db *gorm.DB, owner model.AttachmentOwner, id int64) error {
	if owner == model.OwnerBOMRevision {
		if s.sites != nil {
			return ErrNotFound
		}
		return nil
	}
	return s.checkInScope(db, attachmentOwnerVia[owner], id)
}

// attachmentsInScope narrows attachments to those of records in scope.
func (s *Store) attachmentsInScope(q *gorm.DB, table string) *gorm.DB {
	if s.scope == nil {
		return q
	}
	cond, args := "", []any{}
	for _, o := range []struct {
		owner model.AttachmentOwner
		via   scopeVia
	}{{model.OwnerSite, viaSite}, {model.OwnerInspection, viaInspection}, {model.OwnerFinding, viaFinding}, {model.OwnerCertification, viaCertification},
		{model.OwnerSelfAssessment, viaSelfAssessment}, {model.OwnerChangeNotification, viaChangeNotification}} {
		if cond != "" {
			cond += " OR "
		}
		sub, subArgs := s.subquery(o.via)
		cond += "(" + table + ".owner_type = ? AND " + table + ".owner_id IN " + sub + ")"
		args = append(append(args, o.owner), subArgs...)
	}
	if s.sites == nil {
		cond += " OR " + table + ".owner_type = ?"
		args = append(args, model.OwnerBOMRevision)
	}
	return q.Where("("+cond+")", args...)
}

// auditInScope narrows the audit trail to events about records in scope,
// and the scoped user's own account. Events about anything else (other
// users, imports, templates, deleted records) are left out: a scoped
// auditor cannot tell whether they concerned the scope. The buyer's own
// integrity records (products, firmware releases, BOM/AVL revisions,
// part incidents) are read by every reader, and so are their events.
func (s *Store) auditInScope(q *gorm.DB, userID int64) *gorm.DB {
	if s.scope == nil {
		return q
	}
	cond, args := s.entityInScope("entity_type", "entity_id")
	if s.sites == nil {
		cond = "(" + cond + " OR entity_type IN ?)"
		args = append(args, buyerEntityTypes)
	}
	return q.Where("((entity_type = 'user' AND entity_id = ?) OR "+cond+")", append([]any{userID}, args...)...)
}

// buyerEntityTypes are the kinds of record that belong to no manufacturer.
var buyerEntityTypes = []string{string(audit.EntityProduct), string(audit.EntityFirmwareRelease), string(audit.EntityBOMRevision), string(audit.EntityPartIncident)}

// entityInScope is the condition that a (type, id) pair of columns names
// a manufacturer, site, inspection, finding, certification or attachment
// in scope; any other type is outside it.
func (s *Store) entityInScope(typeCol, idCol string) (string, []any) {
	var conds []string
	var args []any
	for _, e := range []struct {
		typ string
		via scopeVia
	}{{"manufacturer", viaManufacturer}, {"site", viaSite}, {"inspection", viaInspection}, {"finding", viaFinding}, {"certification", viaCertification},
		{"self_assessment", viaSelfAssessment}, {string(audit.EntitySiteProduct), viaSiteProduct},
		{string(audit.EntityIntegrityObservation), viaObservation}, {string(audit.EntityComponentSource), viaComponentSource}} {
		sub, subArgs := s.subquery(e.via)
		conds = append(conds, "("+typeCol+" = '"+e.typ+"' AND "+idCol+" IN "+sub+")")
		args = append(args, subArgs...)
	}
	var owners []string
	for _, o := range []model.AttachmentOwner{model.OwnerSite, model.OwnerInspection, model.OwnerFinding, model.OwnerCertification, model.OwnerSelfAssessment,
		model.OwnerChangeNotification} {
		sub, subArgs := s.subquery(attachmentOwnerVia[o])
		owners = append(owners, "(scope_a.owner_type = ? AND scope_a.owner_id IN "+sub+")")
		args = append(append(args, o), subArgs...)
	}
	conds = append(conds, "("+typeCol+" = 'attachment' AND "+idCol+" IN (SELECT scope_a.id FROM attachments scope_a WHERE "+strings.Join(owners, " OR ")+"))")
	return "(" + strings.Join(conds, " OR ") + ")", args
}

// ManufacturerScope returns the manufacturers a user is limited to (nil:
// not limited).
func (s *Store) ManufacturerScope(ctx context.Context, userID int64) ([]int64, error) {
	var ids []int64
	err := s.db.WithContext(ctx).Model(&model.UserManufacturerScope{}).Where("user_id = ?", userID).
		Order("manufacturer_id").Pluck("manufacturer_id", &ids).Error
	if err != nil {
		return nil, fmt.Errorf("store: manufacturer scope: %w", err)
	}
	return ids, nil
}

// ManufacturerScopes returns the scopes of users, in one query.
func (s *Store) ManufacturerScopes(ctx context.Context, userIDs []int64) (map[int64][]int64, error) {
	out := map[int64][]int64{}
	if len(userIDs) == 0 {
		return out, nil
	}
	var rows []model.UserManufacturerScope
	err := s.db.WithContext(ctx).Where("user_id IN ?", userIDs).Order("user_id, manufacturer_id").Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("store: manufacturer scopes: %w", err)
	}
	for _, r := range rows {
		out[r.UserID] = append(out[r.UserID], r.ManufacturerID)
	}
	return out, nil
}

// setManufacturerScope replaces u's scope inside tx and reports whether
// it changed. ids must name existing manufacturers (the caller checks).
func (s *Store) setManufacturerScope(tx *gorm.DB, u model.User, ids []int64, actor audit.Actor) (bool, error) {
	var before []int64
	if err := tx.Model(&model.UserManufacturerScope{}).Where("user_id = ?", u.ID).Order("manufacturer_id").Pluck("manufacturer_id", &before).Error; err != nil {
		return false, fmt.Errorf("store: read scope: %w", err)
	}
	after := slices.Clone(ids)
	slices.Sort(after)
	after = slices.Compact(after)
	if slices.Equal(before, after) {
		return false, nil
	}
	if err := tx.Where("user_id = ?", u.ID).Delete(&model.UserManufacturerScope{}).Error; err != nil {
		return false, fmt.Errorf("store: clear scope: %w", err)
	}
	now := s.Now()
	for _, id := range after {
		if err := tx.Create(&model.UserManufacturerScope{UserID: u.ID, ManufacturerID: id, CreatedAt: now}).Error; err != nil {
			return false, fmt.Errorf("store: set scope: %w", err)
		}
	}
	_, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionUserScope, EntityType: audit.EntityUser, EntityID: u.ID,
		Changes: map[string][2]any{"scope_manufacturer_ids": {before, after}}})
	return true, err
}

// checkScope refuses a scope naming a manufacturer that does not exist.
func checkScope(tx *gorm.DB, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	if len(ids) > 1000 {
		p := qualification.Problems{}
		p.Add("scope_manufacturer_ids", "List at most 1000 manufacturers.")
		return p.Err("The user cannot be saved.")
	}
	var n int64
	uniq := slices.Compact(slices.Sorted(slices.Values(ids)))
	if err := tx.Model(&model.Manufacturer{}).Where("id IN ?", uniq).Count(&n).Error; err != nil {
		return fmt.Errorf("store: check scope: %w", err)
	}
	if int(n) != len(uniq) {
		p := qualification.Problems{}
		p.Add("scope_manufacturer_ids", "Choose existing manufacturers.")
		return p.Err("The user cannot be saved.")
	}
	return nil
}

// scopeTables are the tables a record id given in a path can name.
var scopeTables = map[scopeVia]string{
	viaManufacturer: "manufacturers", viaSite: "sites", viaInspection: "inspections",
	viaFinding: "findings", viaCertification: "certifications", viaSelfAssessment: "self_assessments",
	viaChangeNotification: "change_notifications",
}

// checkInScope returns ErrNotFound when the record id of the kind via lies
// outside the scope; an unscoped store checks nothing.
func (s *Store) checkInScope(db *gorm.DB, via scopeVia, id int64) error {
	if s.scope == nil {
		return nil
	}
	var n int64
	if err := s.in(db.Table(scopeTables[via]).Where("id = ?", id), "id", via).Count(&n).Error; err != nil {
		return fmt.Errorf("store: check scope: %w", err)
	}
	if n == 0 {
		return ErrNotFound
	}
	return nil
}

// notificationsInScope hides notifications about records outside scope
// (made before the scope was set, or by a run that did not know it).
func (s *Store) notificationsInScope(q *gorm.DB) *gorm.DB {
	if s.scope == nil {
		return q
	}
	cond, args := s.entityInScope("notifications.entity_type", "notifications.entity_id")
	return q.Where(cond, args...)
}

// reportScope adds the scope to a report's WHERE terms.
func (s *Store) reportScope(where []string, args []any, col string, via scopeVia) ([]string, []any) {
	if s.scope == nil {
		return where, args
	}
	cond, a := s.inSQL(col, via)
	return append(where, cond), append(args, a...)
}
