package config

import (
	"net/mail"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Checkpoints is how the audit chain's head is signed and published
// outside the database, so that someone who does not trust the database
// can check the trail.
type Checkpoints struct {
	// KeyFile holds the Ed25519 signing key (PKCS#8 PEM); created when
	// missing. Empty: checkpoint.key in the data directory.
	KeyFile string
	// Log is the append-only file every checkpoint is published to.
	// Empty: checkpoints.jsonl in the data directory.
	Log string
	// Every signs a checkpoint once this many events were appended.
	Every int64
	// Interval signs a checkpoint at least this often while events arrive.
	Interval time.Duration
	// WebhookURL, when set, receives every checkpoint as a JSON POST.
	WebhookURL string
	// Emails, when set, receive every checkpoint by e-mail (through the
	// SMTP server of the reminders).
	Emails []string
}

// CheckpointKeyFile is the signing key's path.
func (c Config) CheckpointKeyFile() string {
	if c.Checkpoints.KeyFile != "" {
		return c.Checkpoints.KeyFile
	}
	return filepath.Join(c.DataDir, "checkpoint.key")
}

// CheckpointLog is the published checkpoints' path.
func (c Config) CheckpointLog() string {
	if c.Checkpoints.Log != "" {
		return c.Checkpoints.Log
	}
	return filepath.Join(c.DataDir, "checkpoints.jsonl")
}

func loadCheckpoints(c *Config, getenv func(string) string, bad func(name, format string, a ...any)) {
	c.Checkpoints = Checkpoints{
		KeyFile:  strings.TrimSpace(getenv("QUALTRACK_CHECKPOINT_KEY_FILE")),
		Log:      strings.TrimSpace(getenv("QUALTRACK_CHECKPOINT_LOG")),
		Every:    1000,
		Interval: time.Hour,
	}
	if v := strings.TrimSpace(getenv("QUALTRACK_CHECKPOINT_EVERY")); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 1 || n > 1_000_000 {
			bad("QUALTRACK_CHECKPOINT_EVERY", "must be a number of events from 1 to 1000000, not %q", v)
		}
		c.Checkpoints.Every = n
	}
	if v := strings.TrimSpace(getenv("QUALTRACK_CHECKPOINT_INTERVAL")); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < time.Minute || d > 24*time.Hour {
			bad("QUALTRACK_CHECKPOINT_INTERVAL", "must be a duration from 1m to 24h, e.g. 1h, not %q", v)
		}
		c.Checkpoints.Interval = d
	}
	if v := strings.TrimSpace(getenv("QUALTRACK_CHECKPOINT_WEBHOOK_URL")); v != "" {
		u, err := url.Parse(v)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			bad("QUALTRACK_CHECKPOINT_WEBHOOK_URL", "must be an http(s) URL, not %q", v)
		}
		c.Checkpoints.WebhookURL = v
	}
	if v := strings.TrimSpace(getenv("QUALTRACK_CHECKPOINT_EMAIL")); v != "" {
		for _, a := range strings.Split(v, ",") {
			if a = strings.TrimSpace(a); a == "" {
				continue
			}
			addr, err := mail.ParseAddress(a)
			if err != nil || addr.Name != "" {
				bad("QUALTRACK_CHECKPOINT_EMAIL", "%q is not an e-mail address; list plain addresses separated by commas", a)
				continue
			}
			c.Checkpoints.Emails = append(c.Checkpoints.Emails, addr.Address)
		}
		if !c.SMTP.Configured() {
			bad("QUALTRACK_CHECKPOINT_EMAIL", "needs an SMTP server to send through: set QUALTRACK_SMTP_HOST and QUALTRACK_SMTP_FROM")
		}
	}
}
