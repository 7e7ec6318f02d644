// Package auth owns who a request is and what they may do: password
// hashing, signed session tokens, sign-in rate limits, the role rules and
// the gin middleware that enforces them on every route.
package auth

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	_ "embed"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"unicode"

	"golang.org/x/crypto/argon2"
)

// Argon2id parameters (OWASP's 19 MiB, 2 passes, 1 lane baseline, a little
// above it in memory).
const (
	argonTime    = 2
	argonMemory  = 32 * 1024 // KiB
	argonThreads = 1
	argonKeyLen  = 32
	saltLen      = 16

	// MinPasswordLen and MaxPasswordLen bound a new password.
	MinPasswordLen = 12
	MaxPasswordLen = 256
)

// ErrPasswordMismatch is returned when a password does not match its hash.
var ErrPasswordMismatch = errors.New("auth: password does not match")

// Hasher hashes and checks passwords with argon2id. It bounds how many
// hashes run at once, so a burst of sign-ins cannot exhaust memory.
type Hasher struct {
	slots  chan struct{}
	memory uint32
	time   uint32
	recent *recentlyAccepted

	derived atomic.Int64 // verifications that ran the derivation
}

// NewHasher allows at most concurrency hashes at once.
func NewHasher(concurrency int) *Hasher {
	if concurrency < 1 {
		concurrency = 1
	}
	return &Hasher{slots: make(chan struct{}, concurrency), memory: argonMemory, time: argonTime, recent: newRecentlyAccepted()}
}

// NewTestHasher is a Hasher with the cheapest parameters, for tests only:
// the hashes it makes verify like any other, but cost nothing to make.
func NewTestHasher() *Hasher {
	return &Hasher{slots: make(chan struct{}, 8), memory: 64, time: 1, recent: newRecentlyAccepted()}
}

func (h *Hasher) acquire(ctx context.Context) error {
	select {
	case h.slots <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (h *Hasher) release() { <-h.slots }

// Hash returns the PHC-style encoding of password:
// $argon2id$v=19$m=32768,t=2,p=1$<salt>$<key>.
func (h *Hasher) Hash(ctx context.Context, password string) (string, error) {
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("auth: salt: %w", err)
	}
	if err := h.acquire(ctx); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(password), salt, h.time, h.memory, argonThreads, argonKeyLen)
	h.release()
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, h.memory, h.time, argonThreads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// Verify checks password against an encoded hash in constant time. It
// returns ErrPasswordMismatch when they differ. A password it accepted for
// the same hash within the last minutes is accepted again without the
// derivation (see recentlyAccepted).
func (h *Hasher) Verify(ctx context.Context, encoded, password string) error {
	p, salt, key, err := decodeHash(encoded)
	if err != nil {
		return err
	}
	if h.recent.has(encoded, password) {
		return nil
	}
	if err := h.acquire(ctx); err != nil {
		return err
	}
	got := argon2.IDKey([]byte(password), salt, p.time, p.memory, p.threads, uint32(len(key)))
	h.release()
	h.derived.Add(1)
	if subtle.ConstantTimeCompare(got, key) != 1 {
		return ErrPasswordMismatch
	}
	h.recent.add(encoded, password)
	return nil
}

// dummyHash is verified against when the e-mail is unknown, so a failed
// sign-in takes the same time whether or not the account exists.
const dummyHash = "$argon2id$v=19$m=32768,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0kM6eOQm3R3l1SQbm+I7IA8y2dZKQ2gYj0x1dY8Gx0k"

// VerifyNobody burns the time of one verification.
func (h *Hasher) VerifyNobody(ctx context.Context, password string) {
	_ = h.Verify(ctx, dummyHash, password)
}

type argonParams struct {
	memory  uint32
	time    uint32
	threads uint8
}

func decodeHash(encoded string) (argonParams, []byte, []byte, error) {
	var p argonParams
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return p, nil, nil, errors.New("auth: not an argon2id hash")
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return p, nil, nil, errors.New("auth: unsupported argon2 version")
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.memory, &p.time, &p.threads); err != nil {
		return p, nil, nil, errors.New("auth: bad argon2 parameters")
	}
	if p.memory > 1<<20 || p.time > 10 || p.threads == 0 {
		return p, nil, nil, errors.New("auth: argon2 parameters out of range")
	}
	b64 := base64.RawStdEncoding
	salt, err := b64.DecodeString(parts[4])
	if err != nil {
		return p, nil, nil, errors.New("auth: bad salt")
	}
	key, err := b64.DecodeString(parts[5])
	if err != nil || len(key) < 16 {
		return p, nil, nil, errors.New("auth: bad key")
	}
	return p, salt, key, nil
}

// The refused passwords: a list made for qualtrack (long passwords built
// from common words, suffixes and keyboard walks) and the 30,000 most
// common passwords of the Xato corpus as zxcvbn ships them (MIT licence;
// see docs/security.md). Both are compiled into the binary.
var (
	//go:embed common-passwords.txt
	commonPasswordList string
	//go:embed common-passwords-zxcvbn.txt
	frequentPasswordList string
)

// commonPasswords is the embedded lists, lower-cased.
var commonPasswords = func() map[string]bool {
	m := map[string]bool{}
	for _, list := range []string{commonPasswordList, frequentPasswordList} {
		for _, line := range strings.Split(list, "\n") {
			if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
				m[strings.ToLower(line)] = true
			}
		}
	}
	return m
}()

// CommonPasswordCount is how many passwords the policy refuses as common.
func CommonPasswordCount() int { return len(commonPasswords) }

// invisible reports runes that show nothing: spaces and formatting
// characters such as the zero-width space.
func invisible(r rune) bool { return unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) }

// personalWords are the parts of a user's e-mail and name that a password
// must not contain: the whole local part and name (3 characters or more)
// and each of their words of 4 characters or more ("jane.doe@x" gives
// "jane.doe" and "jane"; "Li Wei" gives only "liwei" and "li wei").
func personalWords(email, name string) []string {
	var out []string
	add := func(w string, min int) {
		w = strings.ToLower(strings.TrimSpace(w))
		if len([]rune(w)) >= min {
			out = append(out, w)
		}
	}
	local, _, _ := strings.Cut(email, "@")
	add(local, 3)
	add(name, 3)
	add(strings.Join(strings.Fields(name), ""), 3)
	split := func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }
	for _, w := range strings.FieldsFunc(local, split) {
		add(w, 4)
	}
	for _, w := range strings.FieldsFunc(name, split) {
		add(w, 4)
	}
	return out
}

// CheckPasswordPolicy returns why password is not acceptable as a new
// password of the user with this e-mail and name, or "". Length is counted
// in characters, and every character counts: nothing is cut off before
// hashing.
func CheckPasswordPolicy(password, email, name string) string {
	n := len([]rune(password))
	switch {
	case n < MinPasswordLen:
		return fmt.Sprintf("Use at least %d characters.", MinPasswordLen)
	case n > MaxPasswordLen:
		return fmt.Sprintf("Use at most %d characters.", MaxPasswordLen)
	case strings.ContainsFunc(password, unicode.IsControl):
		return "A password cannot contain control characters (such as NUL or a line break)."
	case strings.TrimFunc(password, invisible) == "":
		return "A password cannot be only spaces or invisible characters."
	case commonPasswords[strings.ToLower(password)]:
		return "This password is too common; choose a longer phrase of your own."
	}
	lower := strings.ToLower(password)
	for _, w := range personalWords(email, name) {
		if strings.Contains(lower, w) {
			return "A password cannot contain your e-mail address or name; choose a phrase others cannot guess from them."
		}
	}
	return ""
}
