// Package config reads every qualtrack setting from the environment, with
// its default and its validation. Nothing else reads the environment.
package config

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/qualification"
)

// Environments.
const (
	EnvDevelopment = "development"
	EnvProduction  = "production"
)

// MinSecretBytes is the shortest JWT secret accepted.
const MinSecretBytes = 32

// MinSecretEntropyBits is the least estimated entropy production accepts in
// the JWT secret: 32 x "a" is 32 bytes long but guessable at once.
const MinSecretEntropyBits = 96

// secretEntropyBits estimates a secret's entropy from how its bytes are
// distributed: the length times the Shannon entropy of its byte
// frequencies. It cannot prove a secret random, but it rates repeated or
// near-constant strings near zero, while 16 random bytes in hex (about
// 115 bits by this measure) or any longer random string pass easily.
func secretEntropyBits(secret []byte) float64 {
	if len(secret) == 0 {
		return 0
	}
	var counts [256]int
	for _, b := range secret {
		counts[b]++
	}
	n := float64(len(secret))
	perByte := 0.0
	for _, c := range counts {
		if c > 0 {
			p := float64(c) / n
			perByte -= p * math.Log2(p)
		}
	}
	return perByte * n
}

// Config is every setting of a qualtrack process.
type Config struct {
	Addr        string
	DatabaseURL string // as given; empty means SQLite under DataDir
	DataDir     string
	Env         string
	JWTSecret   []byte
	// EncryptionKey encrypts two-factor and webhook signing secrets at rest; the keys it
	// replaced open secrets not yet re-encrypted (see encryption.go).
	EncryptionKey          []byte
	PreviousEncryptionKeys [][]byte
	SessionTTL             time.Duration // absolute lifetime of a sign-in
	// SessionIdleTimeout ends a browser session nobody used for this long.
	SessionIdleTimeout time.Duration
	AdminEmail         string
	AdminPassword      string
	Demo               bool
	MaxUploadMB        int64
	LogLevel           string

	// ExpiringWithinDays is the window in which a certificate counts as expiring.
	ExpiringWithinDays int
	// InspectionIntervalMonths by risk tier: low, medium, high, critical.
	InspectionIntervalMonths map[string]int
	// MaxImportRows bounds the rows of one imported sheet.
	MaxImportRows int
	// TrustedProxies are the proxies whose X-Forwarded-For is believed.
	TrustedProxies []string

	// BaseURL is where users open qualtrack (links in e-mails and feeds),
	// without a trailing slash.
	BaseURL string
	// ReminderHour is the hour of the day (UTC) reminders are sent at.
	ReminderHour int
	// SMTP is the mail server reminder digests go through.
	SMTP SMTP
	// Webhooks configure outbound webhook delivery.
	Webhooks Webhooks
	// CorrectiveDueDays are the days a supplier has for each stage of a
	// corrective-action request, per finding severity.
	CorrectiveDueDays qualification.CorrectiveDueDays
	// CORSOrigins are the exact origins (scheme://host[:port]) other web
	// apps may call the API from; empty means no CORS at all.
	CORSOrigins []string
	// HTTP bounds how long the server waits for clients.
	HTTP HTTPTimeouts

	// MetricsAddr serves /metrics (Prometheus) on a listener of its own;
	// empty: off.
	MetricsAddr string
	// PprofAddr serves net/http/pprof on a loopback listener; empty: off.
	PprofAddr string

	// Checkpoints signs and publishes the audit chain's head.
	Checkpoints Checkpoints

	// DatabaseTimeout bounds every database call and transaction: a hung
	// or unreachable database answers 503, not a request that never ends.
	DatabaseTimeout time.Duration
	// MinFreeDiskMB is the free space the data directory needs for
	// /readyz to answer ready.
	MinFreeDiskMB int64

	// OIDC is single sign-on through the company's identity provider.
	OIDC OIDC
	// LocalPasswords: users may sign in with a qualtrack password. When
	// false only BreakGlassEmail may (single sign-on must be on).
	LocalPasswords  bool
	BreakGlassEmail string
	// Attachments says where attachment content is kept.
	Attachments Attachments
}

// Production reports whether the process runs in production mode.
func (c Config) Production() bool { return c.Env == EnvProduction }

// Dialect is "postgres" or "sqlite", from the database URL.
func (c Config) Dialect() string {
	if strings.HasPrefix(c.DatabaseURL, "postgres://") || strings.HasPrefix(c.DatabaseURL, "postgresql://") {
		return "postgres"
	}
	return "sqlite"
}

// SQLitePath is the database file when the dialect is SQLite.
func (c Config) SQLitePath() string {
	u := c.DatabaseURL
	if u == "" {
		return filepath.Join(c.DataDir, "qualtrack.db")
	}
	u = strings.TrimPrefix(u, "sqlite://")
	u = strings.TrimPrefix(u, "file:")
	if i := strings.IndexByte(u, '?'); i >= 0 {
		u = u[:i]
	}
	return u
}

// AttachmentsDir is where attachment files are stored.
func (c Config) AttachmentsDir() string { return filepath.Join(c.DataDir, "attachments") }

// Load reads the configuration through getenv. It returns an error naming
// the variable for every invalid value.
func Load(getenv func(string) string) (Config, error) {
	c := Config{
		Addr:                     or(getenv("QUALTRACK_ADDR"), "127.0.0.1:8080"),
		DatabaseURL:              strings.TrimSpace(getenv("QUALTRACK_DATABASE_URL")),
		DataDir:                  or(getenv("QUALTRACK_DATA_DIR"), "./data"),
		Env:                      or(getenv("QUALTRACK_ENV"), EnvDevelopment),
		AdminEmail:               strings.TrimSpace(getenv("QUALTRACK_ADMIN_EMAIL")),
		AdminPassword:            getenv("QUALTRACK_ADMIN_PASSWORD"),
		LogLevel:                 strings.ToLower(or(getenv("QUALTRACK_LOG_LEVEL"), "info")),
		SessionTTL:               12 * time.Hour,
		SessionIdleTimeout:       time.Hour,
		MaxUploadMB:              25,
		ExpiringWithinDays:       qualification.DefaultExpiringWithinDays,
		MaxImportRows:            20000,
		InspectionIntervalMonths: qualification.DefaultIntervals.ByName(),
		HTTP:                     DefaultHTTPTimeouts,
	}
	var errs []error
	bad := func(name, format string, a ...any) {
		errs = append(errs, fmt.Errorf("%s: %s", name, fmt.Sprintf(format, a...)))
	}

	if c.Env != EnvDevelopment && c.Env != EnvProduction {
		bad("QUALTRACK_ENV", "must be %q or %q, not %q", EnvDevelopment, EnvProduction, c.Env)
	}
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		bad("QUALTRACK_ADDR", "must be host:port, e.g. 127.0.0.1:8080 (%v)", err)
	}
	if u := c.DatabaseURL; u != "" && c.Dialect() != "postgres" &&
		!strings.HasPrefix(u, "sqlite://") && !strings.HasPrefix(u, "file:") {
		bad("QUALTRACK_DATABASE_URL", "must start with postgres://, sqlite:// or file:")
	}
	if v := getenv("QUALTRACK_SESSION_TTL"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < time.Minute || d > 30*24*time.Hour {
			bad("QUALTRACK_SESSION_TTL", "must be a duration between 1m and 720h, e.g. 12h, not %q", v)
		}
		c.SessionTTL = d
	}
	if v := getenv("QUALTRACK_SESSION_IDLE_TIMEOUT"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < time.Minute || d > 30*24*time.Hour {
			bad("QUALTRACK_SESSION_IDLE_TIMEOUT", "must be a duration between 1m and 720h, e.g. 1h, not %q", v)
		}
		c.SessionIdleTimeout = d
	}
	if c.SessionIdleTimeout > c.SessionTTL {
		c.SessionIdleTimeout = c.SessionTTL
	}
	if v := getenv("QUALTRACK_DEMO"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			bad("QUALTRACK_DEMO", "must be true or false, not %q", v)
		}
		c.Demo = b
	}
	if v := getenv("QUALTRACK_MAX_UPLOAD_MB"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 1 || n > 1024 {
			bad("QUALTRACK_MAX_UPLOAD_MB", "must be a whole number of megabytes from 1 to 1024, not %q", v)
		}
		c.MaxUploadMB = n
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		bad("QUALTRACK_LOG_LEVEL", "must be debug, info, warn or error, not %q", c.LogLevel)
	}
	if v := getenv("QUALTRACK_EXPIRING_WITHIN_DAYS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 730 {
			bad("QUALTRACK_EXPIRING_WITHIN_DAYS", "must be a number of days from 1 to 730, not %q", v)
		}
		c.ExpiringWithinDays = n
	}
	if v := getenv("QUALTRACK_INSPECTION_INTERVAL_MONTHS"); v != "" {
		m, err := parseIntervals(v)
		if err != nil {
			bad("QUALTRACK_INSPECTION_INTERVAL_MONTHS", "%v", err)
		}
		for k, n := range m {
			c.InspectionIntervalMonths[k] = n
		}
	}
	if v := getenv("QUALTRACK_MAX_IMPORT_ROWS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1_000_000 {
			bad("QUALTRACK_MAX_IMPORT_ROWS", "must be a number from 1 to 1000000, not %q", v)
		}
		c.MaxImportRows = n
	}
	if v := strings.TrimSpace(getenv("QUALTRACK_TRUSTED_PROXIES")); v != "" {
		for _, p := range strings.Split(v, ",") {
			p = strings.TrimSpace(p)
			if net.ParseIP(p) == nil {
				if _, _, err := net.ParseCIDR(p); err != nil {
					bad("QUALTRACK_TRUSTED_PROXIES", "%q is not an IP address or CIDR range", p)
					continue
				}
			}
			c.TrustedProxies = append(c.TrustedProxies, p)
		}
	}
	loadReminders(&c, getenv, bad)
	c.CORSOrigins = loadCORSOrigins(getenv, bad)
	c.HTTP = loadHTTPTimeouts(getenv, bad)
	loadObservability(&c, getenv, bad)
	loadEncryptionKeys(&c, getenv, bad)
	loadCheckpoints(&c, getenv, bad)
	loadStorage(&c, getenv, bad)
	loadAttachments(&c, getenv, bad)
	loadCorrectiveDueDays(&c, getenv, bad)
	loadOIDC(&c, getenv, bad)
	loadWebhooks(&c, getenv, bad)
	if (c.AdminEmail == "") != (c.AdminPassword == "") {
		bad("QUALTRACK_ADMIN_EMAIL", "QUALTRACK_ADMIN_EMAIL and QUALTRACK_ADMIN_PASSWORD must be set together")
	}

	secret, err := readSecret(getenv)
	if err != nil {
		errs = append(errs, err)
	}
	c.JWTSecret = secret
	if c.Production() {
		if len(c.JWTSecret) == 0 {
			bad("QUALTRACK_JWT_SECRET", "is required in production (at least %d bytes; or QUALTRACK_JWT_SECRET_FILE)", MinSecretBytes)
		} else if bits := secretEntropyBits(c.JWTSecret); bits < MinSecretEntropyBits {
			bad("QUALTRACK_JWT_SECRET", "is too easy to guess (about %.0f bits; at least %d are needed): use random bytes, e.g. `openssl rand -base64 32`", bits, MinSecretEntropyBits)
		}
		if c.Demo {
			bad("QUALTRACK_DEMO", "demo data is never seeded in production")
		}
	}
	return c, errors.Join(errs...)
}

func readSecret(getenv func(string) string) ([]byte, error) {
	v := getenv("QUALTRACK_JWT_SECRET")
	if f := getenv("QUALTRACK_JWT_SECRET_FILE"); f != "" {
		if v != "" {
			return nil, errors.New("QUALTRACK_JWT_SECRET: set either QUALTRACK_JWT_SECRET or QUALTRACK_JWT_SECRET_FILE, not both")
		}
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("QUALTRACK_JWT_SECRET_FILE: cannot read the secret file: %w", err)
		}
		v = strings.TrimRight(string(b), "\r\n")
	}
	if v == "" {
		return nil, nil
	}
	if len(v) < MinSecretBytes {
		return nil, fmt.Errorf("QUALTRACK_JWT_SECRET: must be at least %d bytes, got %d", MinSecretBytes, len(v))
	}
	return []byte(v), nil
}

// EnsureDevSecret gives a development process a JWT secret when none is
// configured: generated once and kept in the data directory, so sessions
// survive restarts. Production never reaches here without a secret.
func (c *Config) EnsureDevSecret() error {
	if err := c.ensureDevEncryptionKey(); err != nil {
		return err
	}
	if len(c.JWTSecret) > 0 {
		return nil
	}
	if c.Production() {
		return errors.New("QUALTRACK_JWT_SECRET: is required in production")
	}
	path := filepath.Join(c.DataDir, "jwt-secret")
	if b, err := os.ReadFile(path); err == nil && len(strings.TrimSpace(string(b))) >= MinSecretBytes {
		c.JWTSecret = []byte(strings.TrimSpace(string(b)))
		return nil
	}
	if err := os.MkdirAll(c.DataDir, 0o700); err != nil {
		return fmt.Errorf("config: create data dir: %w", err)
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return fmt.Errorf("config: generate secret: %w", err)
	}
	secret := hex.EncodeToString(raw)
	if err := os.WriteFile(path, []byte(secret+"\n"), 0o600); err != nil {
		return fmt.Errorf("config: keep secret: %w", err)
	}
	c.JWTSecret = []byte(secret)
	return nil
}

func parseIntervals(v string) (map[string]int, error) {
	m := map[string]int{}
	for _, part := range strings.Split(v, ",") {
		k, n, ok := strings.Cut(strings.TrimSpace(part), "=")
		k = strings.TrimSpace(k)
		if !ok || (k != "low" && k != "medium" && k != "high" && k != "critical") {
			return nil, fmt.Errorf("must look like critical=6,high=12,medium=18,low=24, not %q", v)
		}
		months, err := strconv.Atoi(strings.TrimSpace(n))
		if err != nil || months < 1 || months > 60 {
			return nil, fmt.Errorf("%s must be a number of months from 1 to 60", k)
		}
		m[k] = months
	}
	return m, nil
}

func or(v, def string) string {
	if v = strings.TrimSpace(v); v != "" {
		return v
	}
	return def
}
