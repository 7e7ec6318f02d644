package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/database"
	"github.com/qualtrack/qualtrack/backend/internal/model"
)

// RecentFailures returns the times of key's failed sign-ins after since,
// newest first, at most n (auth.FailureLog).
func (s *Store) RecentFailures(ctx context.Context, key string, since time.Time, n int) ([]time.Time, error) {
	var rows []model.LoginFailure
	err := s.db.WithContext(ctx).Select("created_at").Where("key_hash = ? AND created_at > ?", key, since.UTC()).
		Order("created_at DESC").Limit(n).Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("store: recent sign-in failures: %w", err)
	}
	out := make([]time.Time, len(rows))
	for i, r := range rows {
		out[i] = r.CreatedAt
	}
	return out, nil
}

// ReserveAttempts records an attempt under each key, deletes the
// attempts from before forgetBefore, which no limit counts any more, and
// returns the new rows' ids (auth.FailureLog).
func (s *Store) ReserveAttempts(ctx context.Context, keys []string, at, forgetBefore time.Time) ([]int64, error) {
	rows := make([]model.LoginFailure, len(keys))
	for i, k := range keys {
		rows[i] = model.LoginFailure{CreatedAt: at.UTC(), KeyHash: k}
	}
	// Not s.tx: an attempt changes no record, so it must not make the
	// cached lists and dashboard recompute (that would let a password
	// guesser keep every instance's caches cold).
	ctx, cancel := database.WithDeadline(ctx, s.db)
	defer cancel()
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Where("created_at < ?", forgetBefore.UTC()).Delete(&model.LoginFailure{}).Error; err != nil {
			return err
		}
		return tx.Create(&rows).Error
	})
	if err != nil {
		return nil, fmt.Errorf("store: reserve a sign-in attempt: %w", err)
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	return ids, nil
}

// ForgetAttempts deletes the attempts ReserveAttempts returned.
func (s *Store) ForgetAttempts(ctx context.Context, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	if err := s.db.WithContext(ctx).Where("id IN ?", ids).Delete(&model.LoginFailure{}).Error; err != nil {
		return fmt.Errorf("store: forget sign-in attempts: %w", err)
	}
	return nil
}

// ForgetFailures deletes key's failed sign-ins.
func (s *Store) ForgetFailures(ctx context.Context, key string) error {
	if err := s.db.WithContext(ctx).Where("key_hash = ?", key).Delete(&model.LoginFailure{}).Error; err != nil {
		return fmt.Errorf("store: forget sign-in failures: %w", err)
	}
	return nil
}
