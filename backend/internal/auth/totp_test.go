package auth

import (
	"strings"
	"testing"
	"time"
)

// RFC 6238 appendix B, SHA-1 rows (8 digits).
func TestTOTPCodeRFC6238Vectors(t *testing.T) {
	key := []byte("12345678901234567890")
	for _, c := range []struct {
		unix int64
		want string
	}{{59, "94287082"}, {1111111109, "07081804"}, {1111111111, "14050471"}, {1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000, "65353130"}} {
		if got := TOTPCode(key, TOTPStep(time.Unix(c.unix, 0)), 8); got != c.want {
			t.Errorf("T=%d: %s, want %s", c.unix, got, c.want)
		}
	}
}

func TestCheckTOTPWindowAndReplay(t *testing.T) {
	key := []byte("12345678901234567890")
	now := time.Unix(1111111111, 0)
	step := TOTPStep(now)
	for _, c := range []struct {
		name     string
		step     int64
		lastStep int64
		ok       bool
	}{
		{"now", step, 0, true}, {"one step early", step - 1, 0, true}, {"one step late", step + 1, 0, true},
		{"two steps early", step - 2, 0, false}, {"two steps late", step + 2, 0, false},
		{"already used", step, step, false}, {"older than the last used", step - 1, step, false},
	} {
		got, ok := CheckTOTP(key, TOTPCode(key, c.step, TOTPDigits), now, c.lastStep)
		if ok != c.ok || (ok && got != c.step) {
			t.Errorf("%s: step %d ok %v, want %d %v", c.name, got, ok, c.step, c.ok)
		}
	}
	if _, ok := CheckTOTP(key, "12345", now, 0); ok {
		t.Error("a 5-digit code was accepted")
	}
}

func TestSecretBox(t *testing.T) {
	a, _ := NewSecretBox([]byte(strings.Repeat("a", 32)))
	b, _ := NewSecretBox([]byte(strings.Repeat("b", 32)))
	sealed := a.Seal([]byte("secret"))
	if got, err := a.Open(sealed); err != nil || string(got) != "secret" {
		t.Fatalf("open: %q %v", got, err)
	}
	if _, err := b.Open(sealed); err == nil {
		t.Error("another key opened the secret")
	}
	if strings.Contains(sealed, "secret") {
		t.Error("sealed text shows the secret")
	}
}

func TestQRSVG(t *testing.T) {
	svg, err := QRSVG(TOTPURL("qualtrack", "jane@example.com", "JBSWY3DPEHPK3PXP"))
	if err != nil || !strings.HasPrefix(svg, "<svg") || !strings.Contains(svg, "M4 4h1v1h-1z") {
		t.Fatalf("svg %.100s %v", svg, err)
	}
}

// A box with the keys it replaced opens their secrets, and Reseal moves a
// secret to the current key, after which the old key alone cannot open it.
func TestSecretBoxRotation(t *testing.T) {
	oldKey, newKey := []byte(strings.Repeat("o", 32)), []byte(strings.Repeat("n", 32))
	old, _ := NewSecretBox(oldKey)
	sealed := old.Seal([]byte("secret"))
	rotating, _ := NewSecretBox(newKey, oldKey)
	re, changed, err := rotating.Reseal(sealed)
	if err != nil || !changed || re == sealed {
		t.Fatalf("reseal: changed %v, %v", changed, err)
	}
	if _, changed, err := rotating.Reseal(re); err != nil || changed {
		t.Fatalf("a second reseal: changed %v, %v", changed, err)
	}
	current, _ := NewSecretBox(newKey)
	if got, err := current.Open(re); err != nil || string(got) != "secret" {
		t.Fatalf("the new key alone: %q %v", got, err)
	}
	if _, err := old.Open(re); err == nil {
		t.Fatal("the old key still opens the resealed secret")
	}
	if _, _, err := current.Reseal(sealed); err != ErrSecretUnreadable {
		t.Fatalf("a secret under an unknown key: %v", err)
	}
}
