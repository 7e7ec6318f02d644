package config

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestLoadDefaults(t *testing.T) {
	c, err := Load(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:8080" || c.DataDir != "./data" || c.Env != EnvDevelopment ||
		c.SessionTTL != 12*time.Hour || c.MaxUploadMB != 25 || c.Demo || c.LogLevel != "info" ||
		c.ExpiringWithinDays != 90 || c.InspectionIntervalMonths["critical"] != 6 || c.InspectionIntervalMonths["low"] != 24 {
		t.Fatalf("unexpected defaults: %+v", c)
	}
	if c.Dialect() != "sqlite" || c.SQLitePath() != filepath.Join("data", "qualtrack.db") {
		t.Fatalf("dialect %s path %s", c.Dialect(), c.SQLitePath())
	}
}

func TestLoadNamesEveryInvalidVariable(t *testing.T) {
	cases := map[string]string{
		"QUALTRACK_ENV":                        "staging",
		"QUALTRACK_ADDR":                       "8080",
		"QUALTRACK_DATABASE_URL":               "mysql://x",
		"QUALTRACK_SESSION_TTL":                "forever",
		"QUALTRACK_DEMO":                       "perhaps",
		"QUALTRACK_MAX_UPLOAD_MB":              "-1",
		"QUALTRACK_LOG_LEVEL":                  "loud",
		"QUALTRACK_EXPIRING_WITHIN_DAYS":       "0",
		"QUALTRACK_INSPECTION_INTERVAL_MONTHS": "critical=0",
		"QUALTRACK_MAX_IMPORT_ROWS":            "lots",
		"QUALTRACK_TRUSTED_PROXIES":            "not-an-ip",
		"QUALTRACK_JWT_SECRET":                 "short",
	}
	for name, value := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := Load(env(map[string]string{name: value}))
			if err == nil || !strings.Contains(err.Error(), name) {
				t.Fatalf("%s=%q: error %v does not name the variable", name, value, err)
			}
		})
	}
}

func TestProductionNeedsSecretAndRefusesDemo(t *testing.T) {
	_, err := Load(env(map[string]string{"QUALTRACK_ENV": "production"}))
	if err == nil || !strings.Contains(err.Error(), "QUALTRACK_JWT_SECRET") {
		t.Fatalf("production without secret: %v", err)
	}
	secret := "k7Rq2vX9mW4tZ8pL3nB6cF1hJ5sD0gYa"
	_, err = Load(env(map[string]string{"QUALTRACK_ENV": "production", "QUALTRACK_JWT_SECRET": secret}))
	if err == nil || !strings.Contains(err.Error(), "QUALTRACK_ENCRYPTION_KEY: is required in production") ||
		!strings.Contains(err.Error(), "QUALTRACK_BASE_URL: is required in production") {
		t.Fatalf("production without an encryption key and a base URL: %v", err)
	}
	prod := map[string]string{"QUALTRACK_ENV": "production", "QUALTRACK_JWT_SECRET": secret,
		"QUALTRACK_ENCRYPTION_KEY": strings.Repeat("e", 32), "QUALTRACK_BASE_URL": "https://qt.example.com"}
	c, err := Load(env(prod))
	if err != nil || string(c.JWTSecret) != secret || string(c.EncryptionKey) != strings.Repeat("e", 32) {
		t.Fatalf("production with secret, key and base URL: %v", err)
	}
	prod["QUALTRACK_DEMO"] = "true"
	_, err = Load(env(prod))
	if err == nil || !strings.Contains(err.Error(), "QUALTRACK_DEMO") {
		t.Fatalf("production with demo: %v", err)
	}
	if err := (&Config{Env: EnvProduction}).EnsureDevSecret(); err == nil {
		t.Fatal("EnsureDevSecret made a secret in production")
	}
}

// In development the encryption key is generated once into the data
// directory and read back from there; a short key is refused; the keys it
// replaced are listed for re-encryption, the session secret last.
func TestEncryptionKey(t *testing.T) {
	dir := t.TempDir()
	c, err := Load(env(map[string]string{"QUALTRACK_DATA_DIR": dir}))
	if err != nil || len(c.EncryptionKey) != 0 {
		t.Fatalf("load: %v", err)
	}
	if err := c.EnsureDevSecret(); err != nil || len(c.EncryptionKey) < MinEncryptionKeyBytes {
		t.Fatalf("dev key: %v %d", err, len(c.EncryptionKey))
	}
	if b, err := os.ReadFile(filepath.Join(dir, "encryption-key")); err != nil || strings.TrimSpace(string(b)) != string(c.EncryptionKey) {
		t.Fatalf("the key is not kept in the data directory: %v", err)
	}
	again, _ := Load(env(map[string]string{"QUALTRACK_DATA_DIR": dir}))
	if err := again.EnsureDevSecret(); err != nil || string(again.EncryptionKey) != string(c.EncryptionKey) {
		t.Fatalf("a second start made another key: %v", err)
	}
	if _, err := Load(env(map[string]string{"QUALTRACK_ENCRYPTION_KEY": "short"})); err == nil || !strings.Contains(err.Error(), "QUALTRACK_ENCRYPTION_KEY") {
		t.Fatalf("a short key: %v", err)
	}
	old := strings.Repeat("o", 32)
	rot, err := Load(env(map[string]string{"QUALTRACK_ENCRYPTION_KEY": strings.Repeat("n", 32), "QUALTRACK_ENCRYPTION_KEY_PREVIOUS": old,
		"QUALTRACK_JWT_SECRET": strings.Repeat("j", 32)}))
	if err != nil {
		t.Fatal(err)
	}
	cur, prev := rot.TOTPKeys()
	if string(cur) != strings.Repeat("n", 32) || len(prev) != 2 || string(prev[0]) != old || string(prev[1]) != strings.Repeat("j", 32) {
		t.Fatalf("keys: %q %q", cur, prev)
	}
}

func TestSecretFile(t *testing.T) {
	f := filepath.Join(t.TempDir(), "secret")
	if err := os.WriteFile(f, []byte(strings.Repeat("k", 40)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := Load(env(map[string]string{"QUALTRACK_JWT_SECRET_FILE": f}))
	if err != nil || len(c.JWTSecret) != 40 {
		t.Fatalf("secret file: %v (%d bytes)", err, len(c.JWTSecret))
	}
	if _, err := Load(env(map[string]string{"QUALTRACK_JWT_SECRET_FILE": f, "QUALTRACK_JWT_SECRET": strings.Repeat("k", 40)})); err == nil {
		t.Fatal("both secret and secret file accepted")
	}
}

func TestDevSecretIsKept(t *testing.T) {
	dir := t.TempDir()
	a := Config{Env: EnvDevelopment, DataDir: dir}
	if err := a.EnsureDevSecret(); err != nil {
		t.Fatal(err)
	}
	b := Config{Env: EnvDevelopment, DataDir: dir}
	if err := b.EnsureDevSecret(); err != nil {
		t.Fatal(err)
	}
	if len(a.JWTSecret) < MinSecretBytes || string(a.JWTSecret) != string(b.JWTSecret) {
		t.Fatal("development secret not generated once and kept")
	}
	st, err := os.Stat(filepath.Join(dir, "jwt-secret"))
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("secret file mode: %v %v", st, err)
	}
}

func TestPostgresURLSelectsPostgres(t *testing.T) {
	c, err := Load(env(map[string]string{"QUALTRACK_DATABASE_URL": "postgres://u@localhost/db"}))
	if err != nil || c.Dialect() != "postgres" {
		t.Fatalf("%v %s", err, c.Dialect())
	}
	c, err = Load(env(map[string]string{"QUALTRACK_DATABASE_URL": "sqlite:///tmp/x.db?mode=rwc"}))
	if err != nil || c.SQLitePath() != "/tmp/x.db" {
		t.Fatalf("%v %s", err, c.SQLitePath())
	}
}

// Production refuses a JWT secret that is long enough but guessable (a
// repeated character, a short pattern repeated, a word repeated), naming
// the variable; random secrets as the docs generate them pass.
func TestProductionRefusesALowEntropySecret(t *testing.T) {
	prod := func(secret string) error {
		_, err := Load(env(map[string]string{"QUALTRACK_ENV": "production", "QUALTRACK_JWT_SECRET": secret,
			"QUALTRACK_ENCRYPTION_KEY": strings.Repeat("e", 32), "QUALTRACK_BASE_URL": "https://qt.example.com"}))
		return err
	}
	for _, weak := range []string{
		strings.Repeat("a", 32),
		strings.Repeat("ab", 16),
		strings.Repeat("0123", 10),
		strings.Repeat("secret", 6),
	} {
		err := prod(weak)
		if err == nil || !strings.Contains(err.Error(), "QUALTRACK_JWT_SECRET: is too easy to guess") {
			t.Errorf("production accepted the secret %q: %v", weak, err)
		}
	}
	for range 20 {
		raw := make([]byte, 32)
		_, _ = rand.Read(raw)
		for _, strong := range []string{base64.StdEncoding.EncodeToString(raw), hex.EncodeToString(raw[:16])} {
			if err := prod(strong); err != nil {
				t.Fatalf("production refused the random secret %q: %v", strong, err)
			}
		}
	}
	// Development generates its own secret and does not judge a given one.
	if _, err := Load(env(map[string]string{"QUALTRACK_JWT_SECRET": strings.Repeat("a", 32)})); err != nil {
		t.Errorf("development refused a weak secret: %v", err)
	}
}
