package store

import (
	"context"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

// AuditSorts are the sort fields of the audit trail.
var AuditSorts = SortFields{"sequence": "sequence", "occurred_at": "sequence"}

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
	q := s.auditInScope(s.db.WithContext(ctx).Model(&model.AuditEvent{}), s.scopeUser)
	if f.EntityType != "" {
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
	events := []model.AuditEvent{}
	total, err := list(q, p, AuditSorts, "-sequence", &events)
	return events, total, translate(err, "list audit events")
}
