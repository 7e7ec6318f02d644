package store

import (
	"context"
	"fmt"
)

// SecretColumn is a kind of secret stored encrypted under the encryption
// key (auth.SecretBox): start-up checks that the key opens every one, and
// re-encrypts under it those sealed under a previous key.
type SecretColumn struct {
	// Name says what the secrets are and Owner whose each one is, in
	// messages.
	Name, Owner string
	table, key  string
}

// The secrets kept encrypted: users' two-factor secrets, by user id, and
// webhook subscriptions' signing secrets, by subscription id.
var (
	TOTPSecrets    = SecretColumn{Name: "two-factor secrets", Owner: "user", table: "user_totp", key: "user_id"}
	WebhookSecrets = SecretColumn{Name: "signing secrets", Owner: "webhook subscription", table: "webhook_subscriptions", key: "id"}
)

// SealedSecrets returns every secret of the column, encrypted, by the id
// of its row.
func (s *Store) SealedSecrets(ctx context.Context, c SecretColumn) (map[int64]string, error) {
	var rows []struct {
		ID        int64
		SecretEnc string
	}
	err := s.db.WithContext(ctx).Table(c.table).Select(c.key + " AS id, secret_enc").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("store: %s: %w", c.Name, err)
	}
	out := make(map[int64]string, len(rows))
	for _, r := range rows {
		out[r.ID] = r.SecretEnc
	}
	return out, nil
}

// ReplaceSealedSecret stores a secret re-encrypted under a new key,
// unless it changed since it was read (a user enrolled again, a webhook
// was given a new secret meanwhile). The secret itself is the same, so
// neither the row's version nor the audit trail changes.
func (s *Store) ReplaceSealedSecret(ctx context.Context, c SecretColumn, id int64, old, resealed string) error {
	err := s.db.WithContext(ctx).Table(c.table).Where(c.key+" = ? AND secret_enc = ?", id, old).
		UpdateColumn("secret_enc", resealed).Error
	return translate(err, "re-encrypt "+c.Name)
}
