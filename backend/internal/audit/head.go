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
type Head struct {
	Sequence   int64     `json:"sequence"`
	Hash       string    `json:"hash"`
	OccurredAt time.Time `json:"occurred_at"`
	ExportedAt time.Time `json:"exported_at"`
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
	var ev model.AuditEvent
	err = db.WithContext(ctx).Select("sequence", "hash").Where("sequence = ?", head.Sequence).Take(&ev).Error
	seq := head.Sequence
	switch {
	case errors.Is(err, gorm.ErrRecordNotFound):
		res.Valid, res.FirstInvalidSequence = false, &seq
		res.Reason = fmt.Sprintf("the chain ends before the exported head (event %d is gone)", seq)
	case err != nil:
		return res, fmt.Errorf("audit: verify head: %w", err)
	case ev.Hash != head.Hash:
		res.Valid, res.FirstInvalidSequence = false, &seq
		res.Reason = fmt.Sprintf("event %d no longer has the exported hash: the chain was rewritten", seq)
	}
	return res, nil
}
