package auth

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"
)

// FailureLog keeps failed sign-ins where every instance sees them (the
// store keeps them in the database), so several instances behind one
// database enforce one set of limits.
type FailureLog interface {
	// RecentFailures returns the times of key's failures after since,
	// newest first, at most n of them.
	RecentFailures(ctx context.Context, key string, since time.Time, n int) ([]time.Time, error)
	// RecordFailures records a failure at at for each key and forgets
	// every failure from before forgetBefore.
	RecordFailures(ctx context.Context, keys []string, at, forgetBefore time.Time) error
	// ForgetFailures forgets key's failures.
	ForgetFailures(ctx context.Context, key string) error
}

// limit is one sign-in limit: at most max failures per key within the
// window; a key that reached it waits until its oldest counted failure
// leaves the window.
type limit struct {
	name string
	max  int
}

// Counting only failures means a user who signs in correctly is never
// slowed down by their own past typos once they succeed (Succeed).
//
// Three limits apply, each with its own reason:
//   - per e-mail and IP (5 in 15 min): stops guessing one account from one
//     place, and only locks out that place;
//   - per IP (30 in 15 min): stops one place spraying many accounts;
//   - per e-mail from anywhere (50 in 15 min): stops a distributed attack on
//     one account. It is high enough that an attacker must work hard to
//     trip it, and it locks the real user out for 15 minutes at most.
var (
	limitPair    = limit{"pair", 5}
	limitIP      = limit{"ip", 30}
	limitAccount = limit{"account", 50}
)

// LoginWindow is how long a failed sign-in counts.
const LoginWindow = 15 * time.Minute

// LoginLimits guards sign-in (see the limits above).
type LoginLimits struct {
	log FailureLog
	now func() time.Time
}

// NewLoginLimits returns the sign-in limits over log.
func NewLoginLimits(log FailureLog, now func() time.Time) *LoginLimits {
	if now == nil {
		now = time.Now
	}
	return &LoginLimits{log: log, now: now}
}

// limitKey names what a limit counts without keeping the address itself.
func limitKey(l limit, parts ...string) string {
	h := sha256.New()
	h.Write([]byte(l.name))
	for _, p := range parts {
		h.Write([]byte{0})
		h.Write([]byte(p))
	}
	return hex.EncodeToString(h.Sum(nil))
}

type limitedKey struct {
	limit
	key string
}

func keysOf(email, ip string) []limitedKey {
	return []limitedKey{
		{limitPair, limitKey(limitPair, email, ip)},
		{limitIP, limitKey(limitIP, ip)},
		{limitAccount, limitKey(limitAccount, email)},
	}
}

// Check reports whether a sign-in for email from ip may be tried now, and
// if not, how long to wait.
func (l *LoginLimits) Check(ctx context.Context, email, ip string) (bool, time.Duration, error) {
	now := l.now()
	var longest time.Duration
	for _, k := range keysOf(email, ip) {
		fails, err := l.log.RecentFailures(ctx, k.key, now.Add(-LoginWindow), k.max)
		if err != nil {
			return false, 0, fmt.Errorf("auth: sign-in limits: %w", err)
		}
		if len(fails) < k.max {
			continue
		}
		// The oldest of the newest max failures must leave the window.
		wait := max(fails[k.max-1].Add(LoginWindow).Sub(now), time.Second)
		longest = max(longest, wait)
	}
	return longest == 0, longest, nil
}

// Fail records a failed sign-in.
func (l *LoginLimits) Fail(ctx context.Context, email, ip string) error {
	now := l.now()
	ks := keysOf(email, ip)
	keys := make([]string, len(ks))
	for i, k := range ks {
		keys[i] = k.key
	}
	if err := l.log.RecordFailures(ctx, keys, now, now.Add(-LoginWindow)); err != nil {
		return fmt.Errorf("auth: sign-in limits: %w", err)
	}
	return nil
}

// Succeed clears the failures of this e-mail from this IP.
func (l *LoginLimits) Succeed(ctx context.Context, email, ip string) error {
	if err := l.log.ForgetFailures(ctx, limitKey(limitPair, email, ip)); err != nil {
		return fmt.Errorf("auth: sign-in limits: %w", err)
	}
	return nil
}
