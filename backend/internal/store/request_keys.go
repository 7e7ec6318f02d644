package store

import (
	"context"
	"encoding/json"
	"errors"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/model"
)

// RequestKeyed is a write sent under an idempotency key: the client's key
// (unique per user), the SHA-256 of the request as the server read it, and
// the status the write answers with when it succeeds.
type RequestKeyed struct {
	Key    string
	Hash   string
	Status int
}

// KeyedResponse is a keyed write's answer: its status and JSON body, and
// whether it is the answer kept from the first request with the key.
type KeyedResponse struct {
	Status   int
	Body     []byte
	Replayed bool
}

// errKeyTaken: another transaction recorded the key first.
var errKeyTaken = errors.New("store: idempotency key taken meanwhile")

// once runs write under the actor's idempotency key. The first request
// with the key claims it, runs write and keeps the answer in the same
// transaction; the same request sent again gets that answer back and
// writes nothing; another request under the same key is a conflict.
// Requests sent at the same time with one key wait for the first: on
// PostgreSQL the claim waits on the first's uncommitted row and, refused
// once it commits, reads the kept answer; on SQLite the write lock orders
// them. A failed write keeps nothing, so sending it again runs it again.
// Without a key or a user, write simply runs.
func (s *Store) once(ctx context.Context, key RequestKeyed, actor audit.Actor, write func(tx *gorm.DB) (any, error)) (KeyedResponse, error) {
	user := deref(actor.ID)
	for attempt := 0; ; attempt++ {
		var out KeyedResponse
		err := s.tx(ctx, func(tx *gorm.DB) error {
			var row model.RequestKey
			if key.Key != "" && user != 0 {
				err := tx.Where("user_id = ? AND idempotency_key = ?", user, key.Key).Take(&row).Error
				if err == nil {
					out, err = kept(row, key)
					return err
				}
				if !errors.Is(err, gorm.ErrRecordNotFound) {
					return translate(err, "idempotency key")
				}
				row = model.RequestKey{UserID: user, IdempotencyKey: key.Key, RequestHash: key.Hash, Status: key.Status}
				if err := tx.Create(&row).Error; err != nil {
					if errors.Is(err, gorm.ErrDuplicatedKey) {
						return errKeyTaken
					}
					return translate(err, "idempotency key")
				}
			}
			result, err := write(tx)
			if err != nil {
				return err
			}
			body, err := json.Marshal(result)
			if err != nil {
				return err
			}
			out = KeyedResponse{Status: key.Status, Body: body}
			if row.ID != 0 {
				return translate(tx.Model(&row).Update("response", string(body)).Error, "idempotency key")
			}
			return nil
		})
		if errors.Is(err, errKeyTaken) && attempt == 0 {
			continue
		}
		return out, err
	}
}

// kept is the answer kept under a key, for the same request; another
// request under the key is refused.
func kept(row model.RequestKey, key RequestKeyed) (KeyedResponse, error) {
	if row.RequestHash != key.Hash {
		return KeyedResponse{}, &ConflictError{Field: "Idempotency-Key",
			Message: "This idempotency key was sent before with another request; send each new request with a new key."}
	}
	return KeyedResponse{Status: row.Status, Body: []byte(row.Response), Replayed: true}, nil
}
