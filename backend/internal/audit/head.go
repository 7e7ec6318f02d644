package audit

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

// Head is the newest event of the chain, exported so that an auditor can
// later prove that nothing up to it has changed: its hash covers every
// event before it.
//
// Signed with the server's checkpoint key (Key.Sign), a head is a
// checkpoint: it then also proves that this server vouched for it, so a
// head cannot be made up by whoever later controls the database.
type Head struct {
	Sequence   int64     `json:"sequence"`
	Hash       string    `json:"hash"`
	OccurredAt time.Time `json:"occurred_at"`
	ExportedAt time.Time `json:"exported_at"`
	KeyID      string    `json:"key_id,omitempty"`
	Signature  string    `json:"signature,omitempty"`
}

// CurrentHead returns the chain's newest event (sequence 0 and the genesis
// hash when the trail is empty).
func CurrentHead(ctx context.Context, db *gorm.DB, now time.Time) (Head, error) {
	var ev model.AuditEvent
	err := db.WithContext(ctx).Select("sequence", "hash", "occurred_at").Order("sequence DESC").Limit(1).Take(&ev).Error
	switch {
	case errors.Is(err, gorm.ErrRecordNotFound):
		return Head{Hash: GenesisHash, ExportedAt: now.UTC()}, nil
	case err != nil:
		return Head{}, fmt.Errorf("audit: head: %w", err)
	}
	return Head{Sequence: ev.Sequence, Hash: ev.Hash, OccurredAt: ev.OccurredAt.UTC(), ExportedAt: now.UTC()}, nil
}

// VerifyAgainst re-walks the chain and also checks that the event of an
// earlier exported head is still there with the same hash: a chain that
// was cut short or rewritten from some event on is caught even though it
// is consistent in itself.
func VerifyAgainst(ctx context.Context, db *gorm.DB, head Head) (VerifyResult, error) {
	res, err := Verify(ctx, db)
	if err != nil || !res.Valid || head.Sequence == 0 {
		return res, err
	}
	reason, err := headReason(ctx, db, head)
	if err != nil {
		return res, err
	}
	if reason != "" {
		seq := head.Sequence
		res.Valid, res.FirstInvalidSequence, res.Reason = false, &seq, reason
	}
	return res, nil
}

// headReason says why the chain no longer holds head ("" when it does).
func headReason(ctx context.Context, db *gorm.DB, head Head) (string, error) {
	if head.Sequence == 0 {
		return "", nil
	}
	var ev model.AuditEvent
	err := db.WithContext(ctx).Select("sequence", "hash").Where("sequence = ?", head.Sequence).Take(&ev).Error
	switch {
	case errors.Is(err, gorm.ErrRecordNotFound):
		return fmt.Sprintf("the chain ends before the exported head (event %d is gone)", head.Sequence), nil
	case err != nil:
		return "", fmt.Errorf("audit: verify head: %w", err)
	case ev.Hash != head.Hash:
		return fmt.Sprintf("event %d no longer has the exported hash: the chain was rewritten", head.Sequence), nil
	}
	return "", nil
}
