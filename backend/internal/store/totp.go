package store

import (
	"context"
	"fmt"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

// TOTPEnabledUsers reports which of users have two-factor sign-in on.
func (s *Store) TOTPEnabledUsers(ctx context.Context, userIDs []int64) (map[int64]bool, error) {
	out := map[int64]bool{}
	if len(userIDs) == 0 {
		return out, nil
	}
	var ids []int64
	err := s.db.WithContext(ctx).Model(&model.UserTOTP{}).Where("user_id IN ? AND enabled = ?", userIDs, true).Pluck("user_id", &ids).Error
	if err != nil {
		return nil, fmt.Errorf("store: totp enabled: %w", err)
	}
	for _, id := range ids {
		out[id] = true
	}
	return out, nil
}
