package auth

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"
)

// FailureLog keeps failed attempts where every instance sees them (the
// store keeps them in the database), so several instances behind one
// database enforce one set of limits.
type FailureLog interface {
	// RecentFailures returns the times of key's failures after since,
	// newest first, at most n of them.
	RecentFailures(ctx context.Context, key string, since time.Time, n int) ([]time.Time, error)
	// ReserveAttempts records an attempt at at under each key, forgets
	// every attempt from before forgetBefore, and returns the ids of the
	// rows it wrote.
	ReserveAttempts(ctx context.Context, keys []string, at, forgetBefore time.Time) ([]int64, error)
	// ForgetAttempts deletes the rows ReserveAttempts returned.
	ForgetAttempts(ctx context.Context, ids []int64) error
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
// slowed down by their own past typos once they succeed (Succeeded).
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

// LoginLimits guards every check of a password or a code (see the limits
// above).
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

// Attempt is one check of a password or code that was counted before it
// was made. Settle it with Succeeded or Failed; Release gives back an
// attempt that was never settled (the check did not happen).
type Attempt struct {
	l         *LoginLimits
	email, ip string
	ids       []int64
	settled   bool
}

// Reserve counts an attempt for email from ip before the secret is
// checked, and returns it when every limit still allows it. Counting
// first means parallel requests cannot all be checked against the same
// old count: the n-th reservation sees at least n rows. When a limit is
// reached the reservation is withdrawn and Reserve returns nil and how
// long to wait.
func (l *LoginLimits) Reserve(ctx context.Context, email, ip string) (*Attempt, time.Duration, error) {
	now := l.now()
	ks := keysOf(email, ip)
	keys := make([]string, len(ks))
	for i, k := range ks {
		keys[i] = k.key
	}
	ids, err := l.log.ReserveAttempts(ctx, keys, now, now.Add(-LoginWindow))
	if err != nil {
		return nil, 0, fmt.Errorf("auth: sign-in limits: %w", err)
	}
	a := &Attempt{l: l, email: email, ip: ip, ids: ids}
	var longest time.Duration
	for _, k := range ks {
		// This attempt is among them: more than max means max were
		// counted before it.
		fails, err := l.log.RecentFailures(ctx, k.key, now.Add(-LoginWindow), k.max+1)
		if err != nil {
			a.Release(ctx)
			return nil, 0, fmt.Errorf("auth: sign-in limits: %w", err)
		}
		if len(fails) <= k.max {
			continue
		}
		// Without this attempt the key holds at least max failures; the
		// next one passes when the max-th newest of them leaves the window.
		wait := max(fails[k.max].Add(LoginWindow).Sub(now), time.Second)
		longest = max(longest, wait)
	}
	if longest > 0 {
		a.Release(ctx)
		return nil, longest, nil
	}
	return a, 0, nil
}

// Failed settles the attempt as a failure: it stays counted.
func (a *Attempt) Failed() { a.settled = true }

// Succeeded settles the attempt as a success: it is no longer counted, and
// neither are the earlier failures of this e-mail from this IP.
func (a *Attempt) Succeeded(ctx context.Context) error {
	a.settled = true
	if err := a.l.log.ForgetAttempts(ctx, a.ids); err != nil {
		return fmt.Errorf("auth: sign-in limits: %w", err)
	}
	if err := a.l.log.ForgetFailures(ctx, limitKey(limitPair, a.email, a.ip)); err != nil {
		return fmt.Errorf("auth: sign-in limits: %w", err)
	}
	return nil
}

// Release withdraws an attempt that was not settled (nothing was checked,
// or the check neither failed nor completed a sign-in); it reports whether
// it did.
func (a *Attempt) Release(ctx context.Context) (bool, error) {
	if a == nil || a.settled {
		return false, nil
	}
	a.settled = true
	if err := a.l.log.ForgetAttempts(context.WithoutCancel(ctx), a.ids); err != nil {
		return false, fmt.Errorf("auth: sign-in limits: %w", err)
	}
	return true, nil
}
