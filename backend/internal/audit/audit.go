// Package audit owns the tamper-evident audit trail: every change, sign-in
// and export appends an event, in the same transaction as the change, and
// each event's hash covers the previous event's hash, so editing, removing
// or reordering any stored event breaks the chain at that event.
package audit

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/database"
	"github.com/qualtrack/qualtrack/backend/internal/model"
)

// GenesisHash is the prev_hash of the first event.
const GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000"

// chainLockKey is the PostgreSQL advisory lock that serialises appends
// across connections and instances. SQLite needs none: qualtrack opens
// every SQLite transaction with BEGIN IMMEDIATE, which takes the one write
// lock before the chain head is read.
const chainLockKey = 0x5175616c74726b // "Qualtrk"

// Actor is who did something, and from where.
type Actor struct {
	ID    *int64
	Email string
	Role  string
	IP    string
}

// ActorOf returns the actor for a signed-in user.
func ActorOf(u model.User, ip string) Actor {
	id := u.ID
	return Actor{ID: &id, Email: u.Email, Role: string(u.Role), IP: ip}
}

// Entry is what happened, before it is chained.
type Entry struct {
	Actor      Actor
	Action     Action
	EntityType EntityType
	EntityID   int64 // 0 when none
	// Changes is marshalled to JSON: a Diff, {"deleted": record}, or any
	// small object describing the event.
	Changes any
}

// Trail appends events.
type Trail struct {
	now func() time.Time
}

// NewTrail returns a trail stamping events with now.
func NewTrail(now func() time.Time) *Trail {
	if now == nil {
		now = time.Now
	}
	return &Trail{now: now}
}

// Append chains e onto the trail inside tx, which must be a transaction:
// the event commits or rolls back with the change it records. On
// PostgreSQL it takes the chain's lock, which every other write waits for
// until tx ends: the busiest writes (inspections, findings) append last,
// after every other statement of theirs.
func (t *Trail) Append(tx *gorm.DB, e Entry) (model.AuditEvent, error) {
	if database.DialectOf(tx) == database.Postgres {
		if err := tx.Exec("SELECT pg_advisory_xact_lock(?)", chainLockKey).Error; err != nil {
			return model.AuditEvent{}, fmt.Errorf("audit: lock chain: %w", err)
		}
	}
	var head model.AuditEvent
	err := tx.Select("sequence", "hash").Order("sequence DESC").Limit(1).Take(&head).Error
	switch {
	case errors.Is(err, gorm.ErrRecordNotFound):
		head = model.AuditEvent{Sequence: 0, Hash: GenesisHash}
	case err != nil:
		return model.AuditEvent{}, fmt.Errorf("audit: read chain head: %w", err)
	}
	changes := ""
	if e.Changes != nil {
		b, err := json.Marshal(e.Changes)
		if err != nil {
			return model.AuditEvent{}, fmt.Errorf("audit: encode changes: %w", err)
		}
		changes = string(b)
	}
	ev := model.AuditEvent{
		Sequence:   head.Sequence + 1,
		OccurredAt: t.now().UTC().Truncate(time.Microsecond),
		ActorID:    e.Actor.ID,
		ActorEmail: e.Actor.Email,
		ActorRole:  e.Actor.Role,
		Action:     string(e.Action),
		EntityType: string(e.EntityType),
		Changes:    changes,
		ClientIP:   e.Actor.IP,
		PrevHash:   head.Hash,
	}
	if e.EntityID != 0 {
		id := e.EntityID
		ev.EntityID = &id
	}
	ev.CreatedAt = ev.OccurredAt
	ev.Hash = Hash(ev)
	if err := tx.Create(&ev).Error; err != nil {
		return model.AuditEvent{}, fmt.Errorf("audit: append: %w", err)
	}
	return ev, nil
}

// canonical is the hashed form of an event: fixed field order, UTC
// microsecond timestamps, and changes as the exact stored text.
type canonical struct {
	Sequence   int64  `json:"sequence"`
	OccurredAt string `json:"occurred_at"`
	ActorID    string `json:"actor_id"`
	ActorEmail string `json:"actor_email"`
	ActorRole  string `json:"actor_role"`
	Action     string `json:"action"`
	EntityType string `json:"entity_type"`
	EntityID   string `json:"entity_id"`
	Changes    string `json:"changes"`
	ClientIP   string `json:"client_ip"`
}

// Hash is SHA-256(prev_hash || canonical event), hex encoded.
func Hash(ev model.AuditEvent) string {
	c := canonical{
		Sequence:   ev.Sequence,
		OccurredAt: ev.OccurredAt.UTC().Truncate(time.Microsecond).Format(time.RFC3339Nano),
		ActorID:    optID(ev.ActorID),
		ActorEmail: ev.ActorEmail,
		ActorRole:  ev.ActorRole,
		Action:     ev.Action,
		EntityType: ev.EntityType,
		EntityID:   optID(ev.EntityID),
		Changes:    ev.Changes,
		ClientIP:   ev.ClientIP,
	}
	b, _ := json.Marshal(c) // a struct of strings and ints always encodes
	h := sha256.New()
	h.Write([]byte(ev.PrevHash))
	h.Write(b)
	return hex.EncodeToString(h.Sum(nil))
}

func optID(p *int64) string {
	if p == nil {
		return ""
	}
	return strconv.FormatInt(*p, 10)
}

// VerifyResult is the outcome of re-walking the chain.
type VerifyResult struct {
	Valid                bool   `json:"valid"`
	Events               int64  `json:"events"`
	FirstInvalidSequence *int64 `json:"first_invalid_sequence,omitempty"`
	Reason               string `json:"reason,omitempty"`
	// HeadHash is the newest event's hash when the chain is valid (the
	// genesis hash for an empty trail); empty when it is broken, since a
	// broken chain has no head anyone should keep.
	HeadHash string `json:"head_hash,omitempty"`
}

// Verify re-walks the whole chain in order, in batches, and names the first
// event whose sequence, link or hash is wrong.
func Verify(ctx context.Context, db *gorm.DB) (VerifyResult, error) {
	const batch = 2000
	res := VerifyResult{Valid: true, HeadHash: GenesisHash}
	var last int64
	prev := GenesisHash
	for {
		var events []model.AuditEvent
		if err := db.WithContext(ctx).Where("sequence > ?", last).Order("sequence").Limit(batch).Find(&events).Error; err != nil {
			return res, fmt.Errorf("audit: verify: %w", err)
		}
		for _, ev := range events {
			reason := ""
			switch {
			case ev.Sequence != last+1:
				reason = fmt.Sprintf("event %d is missing", last+1)
			case ev.PrevHash != prev:
				reason = "the link to the previous event is broken"
			case Hash(ev) != ev.Hash:
				reason = "the event's content does not match its hash"
			}
			if reason != "" {
				seq := ev.Sequence
				if ev.Sequence != last+1 {
					seq = last + 1
				}
				res.Valid, res.FirstInvalidSequence, res.Reason, res.HeadHash = false, &seq, reason, ""
				return res, nil
			}
			res.Events++
			last, prev = ev.Sequence, ev.Hash
		}
		if len(events) < batch {
			res.HeadHash = prev
			return res, nil
		}
	}
}
