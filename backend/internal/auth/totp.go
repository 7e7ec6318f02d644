package auth

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base32"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	qrcode "github.com/skip2/go-qrcode"
)

// TOTP parameters (RFC 6238 defaults, which every authenticator app
// supports): HMAC-SHA-1, 30-second steps, 6 digits.
const (
	TOTPPeriod = 30
	TOTPDigits = 6
	// TOTPSkew is how many steps either side of now a code is accepted,
	// for clocks that drift a little.
	TOTPSkew = 1
)

// TOTPCode is the code of key at the given step (RFC 4226 HOTP with the
// step as counter), digits long.
func TOTPCode(key []byte, step int64, digits int) string {
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], uint64(step))
	m := hmac.New(sha1.New, key)
	m.Write(msg[:])
	sum := m.Sum(nil)
	off := sum[len(sum)-1] & 0x0f
	bin := binary.BigEndian.Uint32(sum[off:off+4]) & 0x7fffffff
	mod := uint32(1)
	for range digits {
		mod *= 10
	}
	return fmt.Sprintf("%0*d", digits, bin%mod)
}

// TOTPStep is the 30-second step that t falls in.
func TOTPStep(t time.Time) int64 { return t.Unix() / TOTPPeriod }

// CheckTOTP returns the step whose code equals code, within TOTPSkew steps
// of now and after lastStep (a code once accepted is never accepted
// again), or ok false.
func CheckTOTP(key []byte, code string, now time.Time, lastStep int64) (step int64, ok bool) {
	code = strings.ReplaceAll(strings.TrimSpace(code), " ", "")
	if len(code) != TOTPDigits {
		return 0, false
	}
	cur := TOTPStep(now)
	for s := cur - TOTPSkew; s <= cur+TOTPSkew; s++ {
		if s <= lastStep {
			continue
		}
		if subtle.ConstantTimeCompare([]byte(TOTPCode(key, s, TOTPDigits)), []byte(code)) == 1 {
			return s, true
		}
	}
	return 0, false
}

// NewTOTPSecret returns a random 160-bit secret (RFC 4226's recommended
// length) and its base32 form, which people type into an app.
func NewTOTPSecret() ([]byte, string) {
	key := make([]byte, 20)
	_, _ = rand.Read(key)
	return key, EncodeTOTPSecret(key)
}

// EncodeTOTPSecret is the unpadded base32 form of key.
func EncodeTOTPSecret(key []byte) string {
	return base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(key)
}

// TOTPURL is the otpauth:// URL authenticator apps read from a QR code.
func TOTPURL(issuer, account, secret string) string {
	v := url.Values{}
	v.Set("secret", secret)
	v.Set("issuer", issuer)
	v.Set("algorithm", "SHA1")
	v.Set("digits", fmt.Sprint(TOTPDigits))
	v.Set("period", fmt.Sprint(TOTPPeriod))
	return "otpauth://totp/" + url.PathEscape(issuer+":"+account) + "?" + v.Encode()
}

// QRSVG draws text as a QR code in SVG: one path of dark modules with a
// four-module quiet zone.
func QRSVG(text string) (string, error) {
	q, err := qrcode.New(text, qrcode.Medium)
	if err != nil {
		return "", fmt.Errorf("auth: qr code: %w", err)
	}
	q.DisableBorder = true
	bm := q.Bitmap()
	const quiet = 4
	n := len(bm) + 2*quiet
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" shape-rendering="crispEdges" role="img" aria-label="QR code for your authenticator app">`, n, n)
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="#fff"/><path fill="#000" d="`, n, n)
	for y, row := range bm {
		for x, dark := range row {
			if dark {
				fmt.Fprintf(&b, "M%d %dh1v1h-1z", x+quiet, y+quiet)
			}
		}
	}
	b.WriteString(`"/></svg>`)
	return b.String(), nil
}

// SecretBox encrypts secrets at rest (two-factor secrets, webhook signing
// secrets) with AES-256-GCM under a key
// derived from the encryption key (QUALTRACK_ENCRYPTION_KEY; HKDF-SHA256
// with its own info string). It also opens secrets sealed under the keys
// it replaced, so a key can be rotated: Reseal moves a secret to the
// current key.
type SecretBox struct {
	aead     cipher.AEAD
	previous []cipher.AEAD
}

const totpKeyInfo = "qualtrack totp secret encryption v1"

// NewSecretBox seals under key and opens under key or any of previous.
func NewSecretBox(key []byte, previous ...[]byte) (*SecretBox, error) {
	aead, err := totpAEAD(key)
	if err != nil {
		return nil, err
	}
	b := &SecretBox{aead: aead}
	for _, k := range previous {
		p, err := totpAEAD(k)
		if err != nil {
			return nil, err
		}
		b.previous = append(b.previous, p)
	}
	return b, nil
}

func totpAEAD(secret []byte) (cipher.AEAD, error) {
	key, err := hkdf.Key(sha256.New, secret, nil, totpKeyInfo, 32)
	if err != nil {
		return nil, fmt.Errorf("auth: derive totp key: %w", err)
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

// Seal encrypts plain; the nonce travels in front of the ciphertext.
func (b *SecretBox) Seal(plain []byte) string {
	nonce := make([]byte, b.aead.NonceSize())
	_, _ = rand.Read(nonce)
	return base64.StdEncoding.EncodeToString(b.aead.Seal(nonce, nonce, plain, nil))
}

// ErrSecretUnreadable means a stored secret was sealed under another key.
var ErrSecretUnreadable = errors.New("auth: the stored secret cannot be decrypted with QUALTRACK_ENCRYPTION_KEY")

// Open decrypts what Seal returned, under the current key or a previous one.
func (b *SecretBox) Open(sealed string) ([]byte, error) {
	plain, _, err := b.open(sealed)
	return plain, err
}

// Reseal returns sealed under the current key; changed is false when it
// already was.
func (b *SecretBox) Reseal(sealed string) (resealed string, changed bool, err error) {
	plain, current, err := b.open(sealed)
	if err != nil || current {
		return sealed, false, err
	}
	return b.Seal(plain), true, nil
}

func (b *SecretBox) open(sealed string) (plain []byte, current bool, err error) {
	raw, err := base64.StdEncoding.DecodeString(sealed)
	if err != nil || len(raw) < b.aead.NonceSize() {
		return nil, false, ErrSecretUnreadable
	}
	n := b.aead.NonceSize()
	for i, a := range append([]cipher.AEAD{b.aead}, b.previous...) {
		if plain, err := a.Open(nil, raw[:n], raw[n:], nil); err == nil {
			return plain, i == 0, nil
		}
	}
	return nil, false, ErrSecretUnreadable
}

// NewRecoveryCodes returns n single-use recovery codes (80 random bits
// each, as xxxx-xxxx-xxxx-xxxx of base32 letters and digits).
func NewRecoveryCodes(n int) []string {
	out := make([]string, n)
	for i := range out {
		raw := make([]byte, 10)
		_, _ = rand.Read(raw)
		s := strings.ToLower(base32.StdEncoding.EncodeToString(raw))
		out[i] = s[0:4] + "-" + s[4:8] + "-" + s[8:12] + "-" + s[12:16]
	}
	return out
}

// HashRecoveryCode is the SHA-256 of a code as typed (spaces and case do
// not matter). What is stored is this wrapped in a salted argon2id hash
// (Hasher.Hash), so a copy of the database gives no fast way to test
// codes; earlier versions stored it bare, and those rows are wrapped in
// place (store.UpgradeRecoveryCodes).
func HashRecoveryCode(code string) string {
	c := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(code), " ", ""))
	sum := sha256.Sum256([]byte(c))
	return hex.EncodeToString(sum[:])
}

// IsLegacyRecoveryHash reports a recovery code stored by an earlier
// version: the bare SHA-256 (HashRecoveryCode) rather than a PHC string.
func IsLegacyRecoveryHash(stored string) bool { return !strings.HasPrefix(stored, "$") }

// SameLegacyRecoveryHash compares a legacy stored hash in constant time.
func SameLegacyRecoveryHash(stored, code string) bool {
	return subtle.ConstantTimeCompare([]byte(stored), []byte(HashRecoveryCode(code))) == 1
}
