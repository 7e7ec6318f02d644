package config

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// MinEncryptionKeyBytes is the shortest encryption key accepted.
const MinEncryptionKeyBytes = 32

// devEncryptionKeyFile is where a development process keeps the key it
// generated, in the data directory.
const devEncryptionKeyFile = "encryption-key"

// loadEncryptionKeys reads QUALTRACK_ENCRYPTION_KEY (or _FILE), the key
// that encrypts two-factor secrets at rest, and the keys it replaced
// (QUALTRACK_ENCRYPTION_KEY_PREVIOUS or _FILE, comma-separated): secrets
// sealed under a previous key are re-encrypted under the current one at
// start-up. Production requires the key, so a restore onto a new host
// cannot run with a different one by accident.
func loadEncryptionKeys(c *Config, getenv func(string) string, bad func(name, format string, a ...any)) {
	key, err := readKeySetting(getenv, "QUALTRACK_ENCRYPTION_KEY")
	if err != nil {
		bad("QUALTRACK_ENCRYPTION_KEY", "%v", err)
	}
	c.EncryptionKey = key
	prev, err := readKeySetting(getenv, "QUALTRACK_ENCRYPTION_KEY_PREVIOUS")
	if err != nil {
		bad("QUALTRACK_ENCRYPTION_KEY_PREVIOUS", "%v", err)
	}
	if len(prev) > 0 {
		for _, k := range strings.Split(string(prev), ",") {
			if k = strings.TrimSpace(k); len(k) < MinEncryptionKeyBytes {
				bad("QUALTRACK_ENCRYPTION_KEY_PREVIOUS", "each key must be at least %d bytes", MinEncryptionKeyBytes)
			} else {
				c.PreviousEncryptionKeys = append(c.PreviousEncryptionKeys, []byte(k))
			}
		}
	}
	if c.Production() && len(c.EncryptionKey) == 0 {
		bad("QUALTRACK_ENCRYPTION_KEY", "is required in production (at least %d bytes, e.g. openssl rand -hex 32; or QUALTRACK_ENCRYPTION_KEY_FILE): it encrypts two-factor secrets, and a restored database needs the same key", MinEncryptionKeyBytes)
	}
}

// readKeySetting reads name or name_FILE (not both).
func readKeySetting(getenv func(string) string, name string) ([]byte, error) {
	v := getenv(name)
	if f := getenv(name + "_FILE"); f != "" {
		if v != "" {
			return nil, fmt.Errorf("set either %s or %s_FILE, not both", name, name)
		}
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("cannot read %s_FILE: %w", name, err)
		}
		v = strings.TrimRight(string(b), "\r\n")
	}
	v = strings.TrimSpace(v)
	if v == "" {
		return nil, nil
	}
	if name == "QUALTRACK_ENCRYPTION_KEY" && len(v) < MinEncryptionKeyBytes {
		return nil, fmt.Errorf("must be at least %d bytes, got %d", MinEncryptionKeyBytes, len(v))
	}
	return []byte(v), nil
}

// ensureDevEncryptionKey gives a development process an encryption key
// when none is configured: generated once into the data directory, next
// to the database, so a copy of the directory keeps working.
func (c *Config) ensureDevEncryptionKey() error {
	if len(c.EncryptionKey) > 0 {
		return nil
	}
	if c.Production() {
		return errors.New("QUALTRACK_ENCRYPTION_KEY: is required in production")
	}
	path := filepath.Join(c.DataDir, devEncryptionKeyFile)
	if b, err := os.ReadFile(path); err == nil && len(strings.TrimSpace(string(b))) >= MinEncryptionKeyBytes {
		c.EncryptionKey = []byte(strings.TrimSpace(string(b)))
		return nil
	}
	if err := os.MkdirAll(c.DataDir, 0o700); err != nil {
		return fmt.Errorf("config: create data dir: %w", err)
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return fmt.Errorf("config: generate encryption key: %w", err)
	}
	key := hex.EncodeToString(raw)
	if err := os.WriteFile(path, []byte(key+"\n"), 0o600); err != nil {
		return fmt.Errorf("config: keep encryption key: %w", err)
	}
	c.EncryptionKey = []byte(key)
	return nil
}

// TOTPKeys are the keys two-factor secrets are opened with, the current
// one first. The session secret comes last: before the encryption key was
// a setting of its own, secrets were sealed under a key derived from it,
// and start-up re-encrypts those under the current key.
func (c Config) TOTPKeys() (current []byte, previous [][]byte) {
	current = c.EncryptionKey
	if len(current) == 0 {
		current = c.JWTSecret
	}
	previous = append(previous, c.PreviousEncryptionKeys...)
	if len(c.EncryptionKey) > 0 && len(c.JWTSecret) > 0 {
		previous = append(previous, c.JWTSecret)
	}
	return current, previous
}
