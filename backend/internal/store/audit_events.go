package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/model"
)

// AuditSorts are the sort fields of the audit trail.
var AuditSorts = SortFields{"sequence": numberSort("sequence"), "occurred_at": numberSort("sequence")}

// AuditFilter narrows the audit trail.
type AuditFilter struct {
	EntityType string
	EntityID   int64
	ActorID    int64
	Action     string
	From, To   time.Time // To is exclusive; zero means open
}

// ListAuditEvents returns one page of the trail, newest first by default.
func (s *Store) ListAuditEvents(ctx context.Context, f AuditFilter, p Page) ([]model.AuditEvent, int64, error) {
	q := s.filterAuditEvents(s.db.WithContext(ctx).Model(&model.AuditEvent{}), f)
	events := []model.AuditEvent{}
	total, err := list(q, p, AuditSorts, "-sequence", &events)
	return events, total, translate(err, "list audit events")
}

// auditExportBatch is how many events the trail spreadsheet reads at a time.
const auditExportBatch = 500

// EachAuditEvent hands the filtered trail to fn in batches, newest first,
// reading one batch at a time (the trail spreadsheet).
func (s *Store) EachAuditEvent(ctx context.Context, f AuditFilter, fn func([]model.AuditEvent) error) error {
	var before int64
	for {
		q := s.filterAuditEvents(s.db.WithContext(ctx).Model(&model.AuditEvent{}), f)
		if before > 0 {
			q = q.Where("sequence < ?", before)
		}
		var batch []model.AuditEvent
		if err := q.Order("sequence DESC").Limit(auditExportBatch).Find(&batch).Error; err != nil {
			return translate(err, "read audit events")
		}
		if len(batch) == 0 {
			return nil
		}
		if err := fn(batch); err != nil {
			return err
		}
		if len(batch) < auditExportBatch {
			return nil
		}
		before = batch[len(batch)-1].Sequence
	}
}

// AuditActor is a person who appears in the trail, for the filter.
type AuditActor struct {
	ID    int64  `json:"id"`
	Name  string `json:"name"`
	Email string `json:"email"`
}

// ListAuditActors returns the people who acted in the part of the trail
// the store may read, by name.
func (s *Store) ListAuditActors(ctx context.Context) ([]AuditActor, error) {
	var ids []int64
	q := s.auditInScope(s.db.WithContext(ctx).Model(&model.AuditEvent{}), s.scopeUser)
	if err := q.Where("actor_id IS NOT NULL").Distinct("actor_id").Pluck("actor_id", &ids).Error; err != nil {
		return nil, translate(err, "list audit actors")
	}
	out := []AuditActor{}
	if len(ids) == 0 {
		return out, nil
	}
	err := s.db.WithContext(ctx).Model(&model.User{}).Select("id", "name", "email").Where("id IN ?", ids).Order("name, id").Scan(&out).Error
	return out, translate(err, "list audit actors")
}

// DescribeAuditEvents turns events into what an auditor reads: names
// instead of ids, labels instead of codes, only what changed. The names of
// every record the events refer to are read in one query per kind.
func (s *Store) DescribeAuditEvents(ctx context.Context, events []model.AuditEvent) ([]audit.Readable, error) {
	wanted := map[string][]int64{}
	for _, ev := range events {
		for _, r := range audit.Refs(ev) {
			wanted[r.Type] = append(wanted[r.Type], r.ID)
		}
	}
	lk, err := s.auditLookup(ctx, wanted)
	if err != nil {
		return nil, err
	}
	out := make([]audit.Readable, len(events))
	for i, ev := range events {
		out[i] = audit.Describe(ev, lk)
	}
	return out, nil
}

// auditNameQueries select (id, name) of each kind of record, in scope.
var auditNameQueries = map[string]struct {
	sql string
	via scopeVia
	all bool // readable whatever the scope: users and templates are not scoped records
}{
	"manufacturer":       {sql: "SELECT id, name FROM manufacturers WHERE id IN ?", via: viaManufacturer},
	"site":               {sql: "SELECT id, code || ' ' || name AS name FROM sites WHERE id IN ?", via: viaSite},
	"inspection":         {sql: "SELECT i.id, s.code || ' ' || i.type AS name FROM inspections i JOIN sites s ON s.id = i.site_id WHERE i.id IN ?", via: viaInspection},
	"finding":            {sql: "SELECT f.id, s.code || ' finding #' || CAST(f.id AS VARCHAR(20)) AS name FROM findings f JOIN sites s ON s.id = f.site_id WHERE f.id IN ?", via: viaFinding},
	"certification":      {sql: "SELECT c.id, s.code || ' ' || c.standard AS name FROM certifications c JOIN sites s ON s.id = c.site_id WHERE c.id IN ?", via: viaCertification},
	"component_source":   {sql: "SELECT id, name FROM component_sources WHERE id IN ?", via: viaComponentSource},
	"user":               {sql: "SELECT id, name FROM users WHERE id IN ?", all: true},
	"checklist_template": {sql: "SELECT id, name || ' v' || CAST(version AS VARCHAR(20)) AS name FROM checklist_templates WHERE id IN ?", all: true},
}

func (s *Store) auditLookup(ctx context.Context, wanted map[string][]int64) (audit.Lookup, error) {
	lk := audit.Lookup{Names: map[string]map[int64]string{}, AttachmentOwners: map[int64]audit.Ref{}, ChecklistInspections: map[int64]int64{}}
	db := s.db.WithContext(ctx)
	for typ, ids := range wanted {
		ids = distinctInt64s(ids)
		type named struct {
			ID   int64
			Name string
		}
		var rows []named
		switch typ {
		case "attachment":
			var as []model.Attachment
			q := s.attachmentsInScope(db.Model(&model.Attachment{}).Select("id", "file_name", "owner_type", "owner_id").Where("id IN ?", ids), "attachments")
			if err := q.Find(&as).Error; err != nil {
				return lk, translate(err, "name attachments")
			}
			for _, a := range as {
				rows = append(rows, named{a.ID, a.FileName})
				lk.AttachmentOwners[a.ID] = audit.Ref{Type: string(a.OwnerType), ID: a.OwnerID}
			}
		case "inspection_checklist":
			var ics []model.InspectionChecklist
			if err := db.Model(&model.InspectionChecklist{}).Select("id", "inspection_id").Where("id IN ?", ids).Find(&ics).Error; err != nil {
				return lk, translate(err, "name checklists")
			}
			for _, ic := range ics {
				lk.ChecklistInspections[ic.ID] = ic.InspectionID
			}
		default:
			nq, ok := auditNameQueries[typ]
			if !ok {
				continue
			}
			sql, args := nq.sql, []any{ids}
			if !nq.all {
				cond, scopeArgs := s.inSQL("id", nq.via)
				sql = fmt.Sprintf("SELECT id, name FROM (%s) named WHERE %s", sql, cond)
				args = append(args, scopeArgs...)
			}
			if err := db.Raw(sql, args...).Scan(&rows).Error; err != nil {
				return lk, translate(err, "name "+typ+"s")
			}
		}
		names := map[int64]string{}
		for _, r := range rows {
			if typ == "inspection" { // "ACME-SZ1 for_cause" -> "ACME-SZ1 for cause inspection #12"
				cut := strings.LastIndex(r.Name, " ")
				code, kind := r.Name[:max(cut, 0)], r.Name[cut+1:]
				r.Name = fmt.Sprintf("%s %s inspection #%d", code, strings.ToLower(audit.TypeLabel(kind)), r.ID)
			}
			names[r.ID] = strings.TrimSpace(r.Name)
		}
		lk.Names[typ] = names
	}
	return lk, nil
}

// filterAuditEvents narrows q to the events the filter and the scope allow.
func (s *Store) filterAuditEvents(q *gorm.DB, f AuditFilter) *gorm.DB {
	q = s.auditInScope(q, s.scopeUser)
	if f.EntityType == audit.ExportRecordType {
		q = q.Where("action = ?", string(audit.ActionReportExport))
	} else if f.EntityType != "" {
		q = q.Where("entity_type = ?", f.EntityType)
	}
	if f.EntityID != 0 {
		q = q.Where("entity_id = ?", f.EntityID)
	}
	if f.ActorID != 0 {
		q = q.Where("actor_id = ?", f.ActorID)
	}
	if f.Action != "" {
		q = q.Where("action = ?", f.Action)
	}
	if !f.From.IsZero() {
		q = q.Where("occurred_at >= ?", f.From.UTC())
	}
	if !f.To.IsZero() {
		q = q.Where("occurred_at < ?", f.To.UTC())
	}
	return q
}
