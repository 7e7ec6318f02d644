package auth

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// FuzzTokensParse: no input makes Parse panic, and whatever it accepts is
// an HS256 token signed with the server's secret (checked here with
// crypto/hmac, not with the JWT library), for qualtrack, unexpired and
// naming a user.
func FuzzTokensParse(f *testing.F) {
	now := time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)
	tokens, err := NewTokens(secret, 12*time.Hour, time.Hour, fixed(now))
	if err != nil {
		f.Fatal(err)
	}
	valid, _, _ := tokens.Issue(7, 1)
	browser, _, _ := tokens.IssueBrowser(7, 1, now.Add(-time.Minute), false)
	parts := strings.Split(valid, ".")
	sign := func(m jwt.SigningMethod, key any, claims jwt.MapClaims) string {
		s, err := jwt.NewWithClaims(m, claims).SignedString(key)
		if err != nil {
			f.Fatal(err)
		}
		return s
	}
	claims := jwt.MapClaims{"iss": Issuer, "aud": Audience, "sub": "7", "tv": 1, "iat": now.Unix(), "exp": now.Add(time.Hour).Unix()}
	none := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"none","typ":"JWT"}`))
	for _, s := range []string{
		valid, browser, "", ".", "..", "a.b.c", valid + "x", strings.ToUpper(valid),
		none + "." + parts[1] + ".",
		sign(jwt.SigningMethodHS512, secret, claims),
		sign(jwt.SigningMethodHS256, []byte("another-secret-another-secret-xx"), claims),
		sign(jwt.SigningMethodHS256, secret, jwt.MapClaims{"iss": Issuer, "aud": Audience, "sub": "x", "exp": now.Add(time.Hour).Unix()}),
		sign(jwt.SigningMethodHS256, secret, jwt.MapClaims{"iss": Issuer, "aud": []string{"other", Audience}, "sub": "7", "exp": 1e300}),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, token string) {
		c, err := tokens.Parse(token)
		if err != nil {
			return
		}
		segs := strings.Split(token, ".")
		if len(segs) != 3 {
			t.Fatalf("accepted a token of %d segments: %q", len(segs), token)
		}
		var header struct {
			Alg string `json:"alg"`
		}
		raw, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(segs[0], "="))
		if err != nil || json.Unmarshal(raw, &header) != nil || header.Alg != "HS256" {
			t.Fatalf("accepted a token whose header is %q (alg %q)", raw, header.Alg)
		}
		sig, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(segs[2], "="))
		mac := hmac.New(sha256.New, secret)
		mac.Write([]byte(segs[0] + "." + segs[1]))
		if err != nil || !hmac.Equal(sig, mac.Sum(nil)) {
			t.Fatalf("accepted a token not signed with the secret: %q", token)
		}
		if c.Issuer != Issuer || !slices.Contains(c.Audience, Audience) || c.ExpiresAt == nil || c.ExpiresAt.Time.Before(now.Add(-time.Minute)) {
			t.Fatalf("accepted claims %+v", c)
		}
		if _, err := c.UserID(); err != nil {
			t.Fatalf("accepted a token without a user: %+v", c)
		}
	})
}
