package api

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
	"github.com/qualtrack/qualtrack/backend/internal/spreadsheet"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// auditEvent is an event as the API shows it: changes decoded, and as an
// auditor reads it (names, labels, only what changed, the record's link).
type auditEvent struct {
	model.AuditEvent
	Changes json.RawMessage `json:"changes"`
	audit.Readable
}

func (s *Server) listAuditEvents(c *gin.Context) error {
	p, err := listQuery(c, store.AuditSorts)
	if err != nil {
		return err
	}
	f, err := auditFilter(c)
	if err != nil {
		return err
	}
	events, total, err := s.st(c).ListAuditEvents(c.Request.Context(), f, p)
	if err != nil {
		return err
	}
	readable, err := s.st(c).DescribeAuditEvents(c.Request.Context(), events)
	if err != nil {
		return err
	}
	out := make([]auditEvent, len(events))
	for i, ev := range events {
		out[i] = auditEvent{AuditEvent: ev, Changes: eventChanges(ev.Changes), Readable: readable[i]}
	}
	writeList(c, out, total, p)
	return nil
}

// listAuditActors lists the people in the trail, for the person filter.
func (s *Server) listAuditActors(c *gin.Context) error {
	actors, err := s.st(c).ListAuditActors(c.Request.Context())
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, gin.H{"items": actors})
	return nil
}

// auditTrailReport exports the filtered trail as a spreadsheet.
func (s *Server) auditTrailReport(c *gin.Context) error {
	f, err := auditFilter(c)
	if err != nil {
		return err
	}
	exp, err := spreadsheet.AuditTrail(c.Request.Context(), s.st(c), f, s.reportRun(c))
	return s.sendExport(c, exp, err, "", 0)
}

// auditFilter reads the trail's filters from the query string.
func auditFilter(c *gin.Context) (store.AuditFilter, error) {
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
	if f.EntityType != "" && !slices.Contains(audit.RecordTypes, f.EntityType) {
		problems.Add("entity_type", "must be one of "+strings.Join(audit.RecordTypes, ", "))
	}
	return f, problems.Err("The filters are not valid.")
}

// maxUnreadableChanges bounds how much of an unreadable changes column an
// event shows.
const maxUnreadableChanges = 2000

// eventChanges is the stored changes column as JSON. qualtrack always
// stores JSON, but the column is text: one written around the application
// is shown as {"unreadable_changes": text} (verification names the event,
// whose hash no longer matches) rather than failing the whole page.
func eventChanges(stored string) json.RawMessage {
	switch {
	case stored == "":
		return json.RawMessage("null")
	case json.Valid([]byte(stored)):
		return json.RawMessage(stored)
	}
	if len(stored) > maxUnreadableChanges {
		stored = stored[:maxUnreadableChanges] + "…"
	}
	b, _ := json.Marshal(map[string]string{"unreadable_changes": strings.ToValidUTF8(stored, "\uFFFD")})
	return b
}

func (s *Server) verifyAuditTrail(c *gin.Context) error {
	res, err := audit.Verify(c.Request.Context(), s.db)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, res)
	return nil
}

// auditHead exports the chain head signed with the checkpoint key; kept
// by an auditor, it later proves that nothing up to it changed (GET
// /audit-events/heads/:sequence/verify, or `qualtrack audit verify --head`).
func (s *Server) auditHead(c *gin.Context) error {
	head, err := audit.CurrentHead(c.Request.Context(), s.db, s.now())
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, s.checkpointKey.Sign(head))
	return nil
}

type headCheck struct {
	audit.VerifyResult
	// SignatureValid says the head was signed with this server's
	// checkpoint key: it is a head the server vouched for, not one made
	// up later.
	SignatureValid bool   `json:"signature_valid"`
	KeyID          string `json:"key_id"`
}

// verifyKeptHead re-walks the chain and proves that it still holds a head
// exported earlier, sent back field by field in the path and query: the
// head's signature must be this server's and the chain must still have
// that event with that hash. It changes nothing, hence a GET.
func (s *Server) verifyKeptHead(c *gin.Context) error {
	head, err := keptHead(c)
	if err != nil {
		return err
	}
	res, err := audit.VerifyAgainst(c.Request.Context(), s.db, head)
	if err != nil {
		return err
	}
	out := headCheck{VerifyResult: res, KeyID: s.checkpointKey.Public.ID, SignatureValid: s.checkpointKey.Public.Check(head) == nil}
	if !out.SignatureValid && out.Valid {
		out.Valid, out.Reason = false, "the head's signature is not this server's: it was changed or not exported by this server"
	}
	c.JSON(http.StatusOK, out)
	return nil
}

// keptHead reads a head from the path (its sequence) and the query string
// (its other fields, under the names the exported head uses).
func keptHead(c *gin.Context) (audit.Head, error) {
	p := qualification.Problems{}
	var h audit.Head
	seq, err := strconv.ParseInt(c.Param("sequence"), 10, 64)
	if err != nil || seq < 0 || strconv.FormatInt(seq, 10) != c.Param("sequence") {
		p.Add("sequence", "must be the whole number of the head's event")
	}
	h.Sequence = seq
	h.Hash = c.Query("hash")
	if len(h.Hash) != 64 || strings.Trim(h.Hash, "0123456789abcdef") != "" {
		p.Add("hash", "must be 64 lower-case hex digits")
	}
	for name, dst := range map[string]*time.Time{"occurred_at": &h.OccurredAt, "exported_at": &h.ExportedAt} {
		t, err := time.Parse(time.RFC3339Nano, c.Query(name))
		if err != nil {
			p.Add(name, "must be an RFC 3339 time, as in the exported head")
		}
		*dst = t
	}
	h.KeyID, h.Signature = c.Query("key_id"), c.Query("signature")
	if len(h.KeyID) > 64 || len(h.Signature) > 200 {
		p.Add("signature", "is too long to be a checkpoint signature")
	}
	return h, p.Err("This is not an exported audit head.")
}

type checkpointKeyView struct {
	KeyID        string `json:"key_id"`
	PublicKeyPEM string `json:"public_key_pem"`
}

// checkpointPublicKey is the key that checks checkpoints and exported
// heads; an auditor keeps it with the heads.
func (s *Server) checkpointPublicKey(c *gin.Context) error {
	c.JSON(http.StatusOK, checkpointKeyView{KeyID: s.checkpointKey.Public.ID, PublicKeyPEM: s.checkpointKey.Public.PEM()})
	return nil
}
