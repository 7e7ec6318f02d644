package auth

import (
	"sync"
	"time"
)

// FailureLimiter counts failures per key in a sliding window and refuses a
// key that reached its limit until its oldest failure leaves the window.
// Counting only failures means a user who signs in correctly is never
// slowed down by their own past typos once they succeed (Reset).
type FailureLimiter struct {
	mu     sync.Mutex
	max    int
	window time.Duration
	now    func() time.Time
	keys   map[string][]time.Time
}

// NewFailureLimiter allows max failures per key within window.
func NewFailureLimiter(max int, window time.Duration, now func() time.Time) *FailureLimiter {
	if now == nil {
		now = time.Now
	}
	return &FailureLimiter{max: max, window: window, now: now, keys: map[string][]time.Time{}}
}

// Check reports whether key may try again, and if not, how long it waits.
func (l *FailureLimiter) Check(key string) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	fails := l.prune(key)
	if len(fails) < l.max {
		return true, 0
	}
	wait := fails[len(fails)-l.max].Add(l.window).Sub(l.now())
	if wait < time.Second {
		wait = time.Second
	}
	return false, wait
}

// Fail records a failure for key.
func (l *FailureLimiter) Fail(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	fails := l.prune(key)
	l.keys[key] = append(fails, l.now())
	if len(l.keys) > 100_000 {
		l.sweep()
	}
}

// Reset forgets key's failures.
func (l *FailureLimiter) Reset(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.keys, key)
}

func (l *FailureLimiter) prune(key string) []time.Time {
	fails := l.keys[key]
	cutoff := l.now().Add(-l.window)
	i := 0
	for i < len(fails) && !fails[i].After(cutoff) {
		i++
	}
	if i == len(fails) {
		delete(l.keys, key)
		return nil
	}
	fails = fails[i:]
	l.keys[key] = fails
	return fails
}

// sweep drops keys whose failures have all left the window, bounding memory
// under a flood of distinct keys.
func (l *FailureLimiter) sweep() {
	for k := range l.keys {
		l.prune(k)
	}
}

// LoginLimits guards sign-in. Three limits apply, each with its own reason:
//   - per e-mail and IP (5 in 15 min): stops guessing one account from one
//     place, and only locks out that place;
//   - per IP (30 in 15 min): stops one place spraying many accounts;
//   - per e-mail from anywhere (50 in 15 min): stops a distributed attack on
//     one account. It is high enough that an attacker must work hard to
//     trip it, and it locks the real user out for 15 minutes at most.
type LoginLimits struct {
	pair, ip, account *FailureLimiter
}

// NewLoginLimits returns the sign-in limits.
func NewLoginLimits(now func() time.Time) *LoginLimits {
	const window = 15 * time.Minute
	return &LoginLimits{
		pair:    NewFailureLimiter(5, window, now),
		ip:      NewFailureLimiter(30, window, now),
		account: NewFailureLimiter(50, window, now),
	}
}

// Check reports whether a sign-in for email from ip may be tried now.
func (l *LoginLimits) Check(email, ip string) (bool, time.Duration) {
	var longest time.Duration
	ok := true
	for _, c := range []struct {
		lim *FailureLimiter
		key string
	}{{l.pair, email + "|" + ip}, {l.ip, ip}, {l.account, email}} {
		if allowed, wait := c.lim.Check(c.key); !allowed {
			ok = false
			longest = max(longest, wait)
		}
	}
	return ok, longest
}

// Fail records a failed sign-in.
func (l *LoginLimits) Fail(email, ip string) {
	l.pair.Fail(email + "|" + ip)
	l.ip.Fail(ip)
	l.account.Fail(email)
}

// Succeed clears the failures of this e-mail from this IP.
func (l *LoginLimits) Succeed(email, ip string) {
	l.pair.Reset(email + "|" + ip)
}
