package auth

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"sync"
	"time"
)

// How long, and for how many passwords, a Hasher remembers the ones it
// has just accepted.
const (
	recentFor = 10 * time.Minute
	recentMax = 4096
)

// recentlyAccepted remembers the passwords argon2id accepted a moment ago,
// so that the same user signing again (a signature is a re-entered
// password, and people sign a run of findings one after another) is
// checked by a keyed hash instead of a second 40 ms derivation. It holds
// neither passwords nor anything a stolen database could be checked
// against: each entry is HMAC-SHA256 of the stored hash and the password
// under a key drawn when the process starts and never written anywhere.
// The stored hash is part of the digest, so a changed password (a new
// hash, a new salt) is never found. Only acceptances are remembered: a
// wrong password always costs the full derivation.
type recentlyAccepted struct {
	key [32]byte
	now func() time.Time

	mu      sync.Mutex
	expires map[[sha256.Size]byte]time.Time
}

func newRecentlyAccepted() *recentlyAccepted {
	r := &recentlyAccepted{now: time.Now, expires: make(map[[sha256.Size]byte]time.Time)}
	if _, err := rand.Read(r.key[:]); err != nil {
		panic("auth: no randomness for the accepted-password key: " + err.Error())
	}
	return r
}

func (r *recentlyAccepted) digest(encoded, password string) [sha256.Size]byte {
	m := hmac.New(sha256.New, r.key[:])
	m.Write([]byte(encoded))
	m.Write([]byte{0})
	m.Write([]byte(password))
	var d [sha256.Size]byte
	m.Sum(d[:0])
	return d
}

// has reports whether this password was accepted for this hash within
// recentFor. The lookup compares digests, which say nothing about the
// password without the key.
func (r *recentlyAccepted) has(encoded, password string) bool {
	d := r.digest(encoded, password)
	r.mu.Lock()
	defer r.mu.Unlock()
	exp, ok := r.expires[d]
	if ok && !r.now().Before(exp) {
		delete(r.expires, d)
		return false
	}
	return ok
}

// add remembers an acceptance for recentFor. When full it first drops
// what has expired, then, if still full, any entry: forgetting only costs
// the next check its derivation.
func (r *recentlyAccepted) add(encoded, password string) {
	d := r.digest(encoded, password)
	now := r.now()
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.expires) >= recentMax {
		for k, exp := range r.expires {
			if !now.Before(exp) {
				delete(r.expires, k)
			}
		}
		for k := range r.expires {
			if len(r.expires) < recentMax {
				break
			}
			delete(r.expires, k)
		}
	}
	r.expires[d] = now.Add(recentFor)
}
