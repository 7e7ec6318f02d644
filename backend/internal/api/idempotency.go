package api

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/qualtrack/qualtrack/backend/internal/qualification"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// idempotencyKeyHeader carries a client's key for a write it may send
// again (an offline batch whose answer was lost): the same request under
// the same key answers what the first one did and writes nothing more.
const idempotencyKeyHeader = "Idempotency-Key"

// maxIdempotencyKey bounds a key (a UUID is 36 characters).
const maxIdempotencyKey = 100

// idempotencyKey reads the request's key, if any, with the SHA-256 of the
// request as read (req, encoded again, so spacing and key order do not
// matter): a key of 1 to 100 visible ASCII characters.
func idempotencyKey(c *gin.Context, req any) (store.RequestKeyed, error) {
	key := c.GetHeader(idempotencyKeyHeader)
	if key == "" {
		return store.RequestKeyed{Status: http.StatusCreated}, nil
	}
	ok := len(key) <= maxIdempotencyKey
	for i := 0; ok && i < len(key); i++ {
		ok = key[i] > ' ' && key[i] < 0x7f
	}
	if !ok {
		p := qualification.Problems{}
		p.Add(idempotencyKeyHeader, "Send a key of 1 to 100 visible ASCII characters, such as a UUID.")
		return store.RequestKeyed{}, p.Err("The idempotency key is not valid.")
	}
	body, err := json.Marshal(req)
	if err != nil {
		return store.RequestKeyed{}, err
	}
	sum := sha256.Sum256(body)
	return store.RequestKeyed{Key: key, Hash: hex.EncodeToString(sum[:]), Status: http.StatusCreated}, nil
}

// writeKeyed writes a keyed write's answer; a kept answer sent again says
// so in Idempotency-Replayed.
func writeKeyed(c *gin.Context, r store.KeyedResponse) {
	if r.Replayed {
		c.Header("Idempotency-Replayed", "true")
	}
	c.Data(r.Status, "application/json; charset=utf-8", r.Body)
}
