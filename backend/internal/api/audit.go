package api

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

type auditActor = audit.Actor

// auditEvent is an event as the API shows it, changes decoded.
type auditEvent struct {
	model.AuditEvent
	Changes json.RawMessage `json:"changes"`
}

func (s *Server) listAuditEvents(c *gin.Context) error {
	p, err := listQuery(c, store.AuditSorts)
	if err != nil {
		return err
	}
	problems := qualification.Problems{}
	f := store.AuditFilter{
		EntityType: queryText(c, "entity_type", problems),
		EntityID:   queryInt64(c, "entity_id", problems),
		ActorID:    queryInt64(c, "actor_id", problems),
		Action:     queryText(c, "action", problems),
	}
	from, to := queryDateRange(c, problems)
	if !from.IsZero() {
		f.From = from.Time()
	}
	if !to.IsZero() {
		f.To = to.Time().Add(24 * time.Hour) // "to" includes that whole day
	}
	if err := problems.Err("The filters are not valid."); err != nil {
		return err
	}
	events, total, err := s.st(c).ListAuditEvents(c.Request.Context(), f, p)
	if err != nil {
		return err
	}
	out := make([]auditEvent, len(events))
	for i, ev := range events {
		out[i] = auditEvent{AuditEvent: ev, Changes: json.RawMessage("null")}
		if ev.Changes != "" {
			out[i].Changes = json.RawMessage(ev.Changes)
		}
	}
	writeList(c, out, total, p)
	return nil
}

func (s *Server) verifyAuditTrail(c *gin.Context) error {
	res, err := audit.Verify(c.Request.Context(), s.db)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, res)
	return nil
}

// auditHead exports the chain head; kept by an auditor, it later proves
// that nothing up to it changed (`qualtrack audit verify --head`).
func (s *Server) auditHead(c *gin.Context) error {
	head, err := audit.CurrentHead(c.Request.Context(), s.db, s.now())
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, head)
	return nil
}
