package store

import (
	"context"
	"fmt"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

// SealedTOTPSecrets returns every stored two-factor secret, encrypted, by
// user id: start-up checks the encryption key opens them all.
func (s *Store) SealedTOTPSecrets(ctx context.Context) (map[int64]string, error) {
	var rows []model.UserTOTP
	if err := s.db.WithContext(ctx).Select("user_id", "secret_enc").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("store: two-factor secrets: %w", err)
	}
	out := make(map[int64]string, len(rows))
	for _, r := range rows {
		out[r.UserID] = r.SecretEnc
	}
	return out, nil
}

// ReplaceSealedTOTPSecret stores a secret re-encrypted under a new key,
// unless it changed since it was read (the user enrolled again meanwhile).
func (s *Store) ReplaceSealedTOTPSecret(ctx context.Context, userID int64, old, resealed string) error {
	err := s.db.WithContext(ctx).Model(&model.UserTOTP{}).Where("user_id = ? AND secret_enc = ?", userID, old).
		UpdateColumn("secret_enc", resealed).Error
	return translate(err, "re-encrypt two-factor secret")
}
