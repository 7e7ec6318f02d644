package auth

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

var secret = []byte("0123456789abcdef0123456789abcdef")

func fixed(t time.Time) func() time.Time { return func() time.Time { return t } }

func TestPasswordHashAndVerify(t *testing.T) {
	h := NewHasher(2)
	ctx := context.Background()
	enc, err := h.Hash(ctx, "correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(enc, "$argon2id$v=19$m=32768,t=2,p=1$") {
		t.Fatalf("not a PHC argon2id string: %s", enc)
	}
	if err := h.Verify(ctx, enc, "correct horse battery"); err != nil {
		t.Fatalf("right password refused: %v", err)
	}
	if err := h.Verify(ctx, enc, "correct horse batterY"); !errors.Is(err, ErrPasswordMismatch) {
		t.Fatalf("wrong password: %v", err)
	}
	other, _ := h.Hash(ctx, "correct horse battery")
	if other == enc {
		t.Fatal("two hashes of one password share a salt")
	}
	for _, bad := range []string{"", "$argon2i$v=19$m=1,t=1,p=1$AAAA$AAAA", "$argon2id$v=19$m=99999999,t=2,p=1$c2FsdA$" + strings.Repeat("A", 43)} {
		if err := h.Verify(ctx, bad, "x"); err == nil {
			t.Fatalf("malformed hash %q accepted", bad)
		}
	}
	h.VerifyNobody(ctx, "anything") // must not panic: the dummy hash is well formed
	if _, _, _, err := decodeHash(dummyHash); err != nil {
		t.Fatalf("dummy hash malformed: %v", err)
	}
}

func TestPasswordPolicy(t *testing.T) {
	if len(commonPasswords) < 900 {
		t.Fatalf("common password list has only %d entries", len(commonPasswords))
	}
	for pw, ok := range map[string]bool{
		"short":                                 false,
		"twelve chars":                          true,
		"            ":                          false,
		strings.Repeat("ä", 256):                true,
		strings.Repeat("a", 257):                false,
		"correct horse battery!!!":              true,
		"Password1234":                          false,
		"qwertyuiopas":                          false,
		"111111111111":                          false,
		"Sunshine2026!":                         false,
		"FOOTBALL123456":                        false,
		"Qualtrack-Demo":                        false,
		strings.Repeat("\x00", 12):              false,
		"twelve\x01chars":                       false,
		"line\nbreak in it":                     false,
		strings.Repeat("\u200b", 12):            false,
		"\u00a0" + strings.Repeat("\u200b", 11): false,
		"zero\u200bwidth inside a phrase":       true,
	} {
		if got := CheckPasswordPolicy(pw, "someone@example.com", "Some One") == ""; got != ok {
			t.Errorf("policy(%q...) ok=%v, want %v", pw[:min(len(pw), 12)], got, ok)
		}
	}
}

// A password may not contain the user's e-mail local part or name, and the
// shipped common-password list has at least 10,000 entries, among them
// passwords long enough to pass the length rule.
func TestPasswordPolicyRefusesPersonalAndCommonPasswords(t *testing.T) {
	if n := CommonPasswordCount(); n < 10000 {
		t.Fatalf("common password list has %d entries, want at least 10,000", n)
	}
	for _, c := range []struct {
		pw, email, name string
		ok              bool
	}{
		{"jane.doe is my password", "jane.doe@example.com", "Jane Doe", false},
		{"my name is JANE forever", "jd@example.com", "Jane Doe", false},
		{"my name is janedoe, hi", "jd@example.com", "Jane Doe", false},
		{"jdoe4ever and ever", "jdoe@example.com", "Jane Doe", false},
		{"sixty-one wombats dance", "jane.doe@example.com", "Jane Doe", true},
		{"weirdly long phrase", "lw@example.com", "Li Wei", true}, // "wei" alone is too short to refuse
		// From the Xato list (zxcvbn), 12 characters or more.
		{"1qaz2wsx3edc", "x@example.com", "X Y", false},
		{"iseedeadpeople", "x@example.com", "X Y", false},
		{"qwerty123456789", "x@example.com", "X Y", false},
	} {
		if got := CheckPasswordPolicy(c.pw, c.email, c.name) == ""; got != c.ok {
			t.Errorf("policy(%q, %s, %s) ok=%v, want %v", c.pw, c.email, c.name, got, c.ok)
		}
	}
}

func TestTokens(t *testing.T) {
	now := time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)
	tk, err := NewTokens(secret, time.Hour, 0, fixed(now))
	if err != nil {
		t.Fatal(err)
	}
	good, _, err := tk.Issue(7, 3)
	if err != nil {
		t.Fatal(err)
	}
	c, err := tk.Parse(good)
	if err != nil {
		t.Fatalf("good token refused: %v", err)
	}
	if id, _ := c.UserID(); id != 7 || c.TokenVersion != 3 {
		t.Fatalf("claims %+v", c)
	}

	sign := func(method jwt.SigningMethod, key any, claims jwt.MapClaims) string {
		s, err := jwt.NewWithClaims(method, claims).SignedString(key)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	base := func() jwt.MapClaims {
		return jwt.MapClaims{"iss": Issuer, "aud": Audience, "sub": "7", "tv": 3,
			"iat": now.Unix(), "exp": now.Add(time.Hour).Unix()}
	}
	with := func(k string, v any) jwt.MapClaims { m := base(); m[k] = v; return m }
	without := func(k string) jwt.MapClaims { m := base(); delete(m, k); return m }
	parts := strings.Split(good, ".")
	payload, _ := base64.RawURLEncoding.DecodeString(parts[1])
	tampered := parts[0] + "." + base64.RawURLEncoding.EncodeToString([]byte(strings.Replace(string(payload), `"sub":"7"`, `"sub":"1"`, 1))) + "." + parts[2]
	noneHeader := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"none","typ":"JWT"}`))

	cases := map[string]string{
		"tampered payload":     tampered,
		"alg none":             noneHeader + "." + parts[1] + ".",
		"wrong secret":         sign(jwt.SigningMethodHS256, []byte("another-secret-another-secret-xx"), base()),
		"HS512":                sign(jwt.SigningMethodHS512, secret, base()),
		"expired":              sign(jwt.SigningMethodHS256, secret, with("exp", now.Add(-time.Hour).Unix())),
		"no expiry":            sign(jwt.SigningMethodHS256, secret, without("exp")),
		"issued in the future": sign(jwt.SigningMethodHS256, secret, with("iat", now.Add(time.Hour).Unix())),
		"wrong issuer":         sign(jwt.SigningMethodHS256, secret, with("iss", "someone-else")),
		"wrong audience":       sign(jwt.SigningMethodHS256, secret, with("aud", "other-api")),
		"no subject":           sign(jwt.SigningMethodHS256, secret, without("sub")),
		"garbage":              "not.a.token",
		"empty":                "",
		"huge":                 strings.Repeat("a", 5000),
	}
	for name, tok := range cases {
		if _, err := tk.Parse(tok); err == nil {
			t.Errorf("%s: token accepted", name)
		}
	}
	later, _ := NewTokens(secret, time.Hour, 0, fixed(now.Add(2*time.Hour)))
	if _, err := later.Parse(good); err == nil {
		t.Error("token accepted after its expiry")
	}
	if _, err := NewTokens([]byte("short"), time.Hour, 0, nil); err == nil {
		t.Error("short secret accepted")
	}
}

func TestSessionValid(t *testing.T) {
	now := time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)
	past, future := now.Add(-time.Minute), now.Add(time.Hour)
	u := model.User{Active: true, TokenVersion: 2}
	cases := []struct {
		name string
		mod  func(u *model.User)
		tv   int64
		want bool
	}{
		{"current", func(*model.User) {}, 2, true},
		{"old token version", func(*model.User) {}, 1, false},
		{"disabled", func(u *model.User) { u.Active = false }, 2, false},
		{"access ended", func(u *model.User) { u.AccessExpiresAt = &past }, 2, false},
		{"access ends later", func(u *model.User) { u.AccessExpiresAt = &future }, 2, true},
	}
	for _, c := range cases {
		v := u
		c.mod(&v)
		if got := SessionValid(v, c.tv, now); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

func TestPermissions(t *testing.T) {
	want := map[Permission][]model.Role{
		Public:             model.Roles,
		Self:               model.Roles,
		Read:               model.StaffRoles,
		Edit:               {model.RoleAdmin, model.RoleManager, model.RoleProcurement},
		Decide:             {model.RoleAdmin, model.RoleManager, model.RoleProcurement},
		Delete:             {model.RoleAdmin},
		ManageUsers:        {model.RoleAdmin},
		ManageTemplates:    {model.RoleAdmin, model.RoleManager},
		Approve:            {model.RoleAdmin, model.RoleManager},
		InviteSuppliers:    {model.RoleAdmin, model.RoleManager},
		Calendar:           model.StaffRoles,
		SupplierPortal:     {model.RoleSupplier},
		DecideChanges:      {model.RoleAdmin, model.RoleManager},
		ManageIntegrations: {model.RoleAdmin},
	}
	if len(want) != len(Permissions) {
		t.Errorf("the test names %d permissions, the package %d", len(want), len(Permissions))
	}
	for p, roles := range want {
		for _, r := range model.Roles {
			allowed := false
			for _, w := range roles {
				allowed = allowed || w == r
			}
			if p.Allows(r) != allowed {
				t.Errorf("%s allows %s = %v, want %v", p, r, p.Allows(r), allowed)
			}
		}
	}
	if ManageTemplates.String() != "manage_templates" {
		t.Errorf("ManageTemplates is named %q", ManageTemplates.String())
	}
	if len(Permissions) != len(permissionNames) {
		t.Errorf("Permissions lists %d rules, %d are named", len(Permissions), len(permissionNames))
	}
	for _, p := range Permissions {
		if !p.Valid() {
			t.Errorf("%d listed but not valid", p)
		}
	}
	if Permission(0).Valid() || Permission(0).Allows(model.RoleAdmin) {
		t.Error("the unset permission is valid")
	}
	for _, c := range []struct {
		role     model.Role
		from, to model.QualificationStatus
		want     bool
	}{
		{model.RoleProcurement, model.StatusProspective, model.StatusInQualification, true},
		{model.RoleProcurement, model.StatusInQualification, model.StatusQualified, false},
		{model.RoleProcurement, model.StatusProspective, model.StatusDisqualified, false},
		{model.RoleManager, model.StatusInQualification, model.StatusQualified, true},
		{model.RoleAdmin, model.StatusQualified, model.StatusSuspended, true},
		{model.RoleAuditor, model.StatusProspective, model.StatusInQualification, false},
	} {
		if got := CanDecide(c.role, c.from, c.to); got != c.want {
			t.Errorf("CanDecide(%s, %s->%s) = %v", c.role, c.from, c.to, got)
		}
	}
}

// memoryFailures is a FailureLog in memory, for the limit rules alone.
type memoryFailures struct {
	mu   sync.Mutex
	next int64
	rows map[int64]failureRow
}

type failureRow struct {
	key string
	at  time.Time
}

func newMemoryFailures() *memoryFailures { return &memoryFailures{rows: map[int64]failureRow{}} }

func (m *memoryFailures) RecentFailures(_ context.Context, key string, since time.Time, n int) ([]time.Time, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var ids []int64
	for id, r := range m.rows {
		if r.key == key && r.at.After(since) {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	var out []time.Time
	for _, id := range slices.Backward(ids) {
		if len(out) < n {
			out = append(out, m.rows[id].at)
		}
	}
	return out, nil
}

func (m *memoryFailures) ReserveAttempts(_ context.Context, keys []string, at, _ time.Time) ([]int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var ids []int64
	for _, k := range keys {
		m.next++
		m.rows[m.next] = failureRow{k, at}
		ids = append(ids, m.next)
	}
	return ids, nil
}

func (m *memoryFailures) ForgetAttempts(_ context.Context, ids []int64) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, id := range ids {
		delete(m.rows, id)
	}
	return nil
}

func (m *memoryFailures) ForgetFailures(_ context.Context, key string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for id, r := range m.rows {
		if r.key == key {
			delete(m.rows, id)
		}
	}
	return nil
}

func TestLoginLimits(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)
	clock := now
	l := NewLoginLimits(newMemoryFailures(), func() time.Time { return clock })
	// check reserves an attempt and gives it back, as a sign-in that
	// never got to the password does.
	check := func(email, ip string) (bool, time.Duration) {
		t.Helper()
		a, wait, err := l.Reserve(ctx, email, ip)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.Release(ctx); err != nil {
			t.Fatal(err)
		}
		return a != nil, wait
	}
	fail := func(l *LoginLimits, email, ip string) {
		t.Helper()
		a, _, err := l.Reserve(ctx, email, ip)
		if err != nil {
			t.Fatal(err)
		}
		if a != nil {
			a.Failed()
		}
	}
	for i := 0; i < 5; i++ {
		if ok, _ := check("a@x", "1.1.1.1"); !ok {
			t.Fatalf("refused after %d failures", i)
		}
		clock = clock.Add(time.Minute)
		fail(l, "a@x", "1.1.1.1")
	}
	// The first of the five counted failures (at 10:01) leaves the window at 10:16.
	ok, wait := check("a@x", "1.1.1.1")
	if ok || wait != 11*time.Minute {
		t.Fatalf("6th attempt from the same place at 10:05: ok=%v wait=%v, want 11m", ok, wait)
	}
	// Refused attempts are not counted: the wait does not grow.
	for range 10 {
		check("a@x", "1.1.1.1")
	}
	if _, wait := check("a@x", "1.1.1.1"); wait != 11*time.Minute {
		t.Fatalf("refused attempts lengthened the wait to %v", wait)
	}
	// The real user elsewhere is not locked out by one attacker's place.
	if ok, _ := check("a@x", "2.2.2.2"); !ok {
		t.Fatal("account locked out for every IP by 5 failures from one")
	}
	// Time heals.
	clock = now.Add(16*time.Minute + time.Second)
	if ok, _ := check("a@x", "1.1.1.1"); !ok {
		t.Fatal("still refused after the window")
	}
	// One IP spraying many accounts.
	for i := 0; i < 30; i++ {
		fail(l, strings.Repeat("x", i+1)+"@x", "3.3.3.3")
	}
	if ok, _ := check("new@x", "3.3.3.3"); ok {
		t.Fatal("IP spraying many accounts not limited")
	}
	// Many IPs against one account.
	for i := 0; i < 50; i++ {
		fail(l, "victim@x", "10.0.0."+strings.Repeat("1", i%3+1)+string(rune('a'+i%26)))
	}
	if ok, _ := check("victim@x", "4.4.4.4"); ok {
		t.Fatal("distributed attack on one account not limited")
	}
	// Success clears the pair, and its own attempt.
	l2 := NewLoginLimits(newMemoryFailures(), func() time.Time { return now })
	for i := 0; i < 4; i++ {
		fail(l2, "b@x", "5.5.5.5")
	}
	a, _, err := l2.Reserve(ctx, "b@x", "5.5.5.5")
	if err != nil || a == nil {
		t.Fatalf("5th attempt refused: %v", err)
	}
	if err := a.Succeeded(ctx); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 4; i++ {
		fail(l2, "b@x", "5.5.5.5")
	}
	if a, _, _ := l2.Reserve(ctx, "b@x", "5.5.5.5"); a == nil {
		t.Fatal("failures before a success still counted")
	}
}

// Parallel attempts are counted before they are checked, so no more than
// the limit get through however many arrive at once.
func TestLoginLimitsHoldUnderParallelAttempts(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)
	l := NewLoginLimits(newMemoryFailures(), func() time.Time { return now })
	var wg sync.WaitGroup
	var mu sync.Mutex
	allowed := 0
	for range 60 {
		wg.Go(func() {
			a, _, err := l.Reserve(ctx, "a@x", "1.1.1.1")
			if err != nil {
				t.Error(err)
				return
			}
			if a != nil {
				mu.Lock()
				allowed++
				mu.Unlock()
				a.Failed()
			}
		})
	}
	wg.Wait()
	if allowed > 5 {
		t.Fatalf("%d of 60 parallel attempts were allowed, limit 5", allowed)
	}
}

func TestVerifyRemembersAcceptedPasswordsForAFewMinutes(t *testing.T) {
	h := NewTestHasher()
	ctx := context.Background()
	now := time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC)
	h.recent.now = func() time.Time { return now }
	enc, err := h.Hash(ctx, "correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	verify := func(password string) (int64, error) {
		before := h.derived.Load()
		err := h.Verify(ctx, enc, password)
		return h.derived.Load() - before, err
	}
	if derived, err := verify("correct horse battery"); err != nil || derived != 1 {
		t.Fatalf("first check: err %v, %d derivations, want nil and 1", err, derived)
	}
	if derived, err := verify("correct horse battery"); err != nil || derived != 0 {
		t.Fatalf("second check a minute later: err %v, %d derivations, want nil and 0", err, derived)
	}
	for range 3 {
		if derived, err := verify("correct horse batterY"); !errors.Is(err, ErrPasswordMismatch) || derived != 1 {
			t.Fatalf("wrong password after a right one: err %v, %d derivations, want a mismatch that derived", err, derived)
		}
	}
	other, _ := h.Hash(ctx, "correct horse battery")
	if h.recent.has(other, "correct horse battery") {
		t.Fatal("an acceptance is found under another stored hash (a changed password)")
	}
	if h.recent.has(enc, "correct horse batterY") {
		t.Fatal("a refused password was remembered")
	}
	now = now.Add(recentFor)
	if derived, err := verify("correct horse battery"); err != nil || derived != 1 {
		t.Fatalf("check after %s: err %v, %d derivations, want the derivation again", recentFor, err, derived)
	}
}

func TestRecentlyAcceptedStaysBounded(t *testing.T) {
	r := newRecentlyAccepted()
	now := time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC)
	r.now = func() time.Time { return now }
	for i := range recentMax + 100 {
		r.add("$argon2id$hash", strings.Repeat("p", 12)+string(rune('a'+i%26))+strconv.Itoa(i))
	}
	if n := len(r.expires); n > recentMax {
		t.Fatalf("%d entries remembered, at most %d", n, recentMax)
	}
	if !r.has("$argon2id$hash", strings.Repeat("p", 12)+string(rune('a'+(recentMax+99)%26))+strconv.Itoa(recentMax+99)) {
		t.Fatal("the last acceptance was dropped to make room")
	}
	for k := range r.expires {
		if bytes.Contains(k[:], []byte("pppp")) {
			t.Fatal("an entry holds the password")
		}
	}
}
