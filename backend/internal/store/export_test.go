package store

import (
	"context"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/model"
)

// CreateFindingThenFail raises a finding as CreateFinding does (the
// finding, its audit event, its webhook events), then fails the
// transaction with fail: a change rolled back after it queued its events.
func (s *Store) CreateFindingThenFail(ctx context.Context, inspectionID int64, f *model.Finding, actor audit.Actor, fail error) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		if _, err := s.createFinding(tx, inspectionID, f, actor); err != nil {
			return err
		}
		var queued int64
		if err := tx.Model(&model.WebhookMessage{}).Count(&queued).Error; err != nil {
			return err
		}
		if queued == 0 {
			return nil // the caller sees no error and fails the test
		}
		return fail
	})
}

// OnCacheWait calls f each time a reader of the shared cache has read its
// mark and is about to wait for its key's value.
func (s *Store) OnCacheWait(f func()) { s.cache.waiting = f }

// WithSearchStartingUpTo returns the store reading a filtered list from its
// search's matches only when they are at most n (searchStartsUpTo), so
// that a small register has broad searches.
func (s *Store) WithSearchStartingUpTo(n int) *Store {
	c := *s
	c.searchStartsUpTo = n
	return &c
}

// ActiveOnly is activeOnly.
func (f SiteFilter) ActiveOnly() bool { return f.activeOnly() }

// WithSearchCountedUpTo returns the store counting a broad search's matches
// up to n only (searchSizeCap), so that a small register has searches
// broader than were counted.
func (s *Store) WithSearchCountedUpTo(n int) *Store {
	c := *s
	c.searchCountsUpTo = n
	return &c
}
