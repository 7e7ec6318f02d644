package config

import (
	"fmt"
	"log/slog"
	"net"
	"net/mail"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// SMTP TLS modes.
const (
	SMTPTLSNone     = "none"
	SMTPTLSStartTLS = "starttls"
	SMTPTLSImplicit = "tls"
)

// SMTP is the outgoing mail server reminder digests go through. An empty
// Host means e-mail is not configured: reminders are in-app only.
type SMTP struct {
	Host     string
	Port     int
	Username string
	Password Secret
	From     string // as configured, e.g. "qualtrack <qualtrack@example.com>"
	TLS      string // none | starttls | tls
	// Timeout bounds connecting to the server and each read and write.
	Timeout time.Duration
}

// DefaultSMTPTimeout is QUALTRACK_SMTP_TIMEOUT's default.
const DefaultSMTPTimeout = 30 * time.Second

// Configured reports whether reminder e-mail can be sent.
func (s SMTP) Configured() bool { return s.Host != "" }

// Secret is a configured password. It prints, logs and marshals as
// "[redacted]", so passing the configuration to a logger cannot leak it.
type Secret string

func (Secret) String() string               { return "[redacted]" }
func (Secret) GoString() string             { return `"[redacted]"` }
func (Secret) LogValue() slog.Value         { return slog.StringValue("[redacted]") }
func (Secret) MarshalText() ([]byte, error) { return []byte("[redacted]"), nil }

// Reveal returns the secret itself, for the one place that needs it.
func (s Secret) Reveal() string { return string(s) }

// loadReminders reads the reminder schedule, the base URL links point to
// and the SMTP server.
func loadReminders(c *Config, getenv func(string) string, bad func(name, format string, a ...any)) {
	c.ReminderHour = 6
	if v := strings.TrimSpace(getenv("QUALTRACK_REMINDER_HOUR")); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > 23 {
			bad("QUALTRACK_REMINDER_HOUR", "must be an hour of the day (UTC) from 0 to 23, not %q", v)
		}
		c.ReminderHour = n
	}

	c.BaseURL = defaultBaseURL(c.Addr)
	if c.Production() && strings.TrimSpace(getenv("QUALTRACK_BASE_URL")) == "" {
		// Without it every link in an e-mail and every calendar feed URL
		// would silently point at http://localhost.
		bad("QUALTRACK_BASE_URL", "is required in production: the address users open qualtrack at (links in reminder e-mails and calendar feed URLs), such as https://qualtrack.example.com")
	}
	if v := strings.TrimSpace(getenv("QUALTRACK_BASE_URL")); v != "" {
		u, err := url.Parse(v)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
			bad("QUALTRACK_BASE_URL", "must be the address users open qualtrack at, such as https://qualtrack.example.com, not %q", v)
		} else {
			c.BaseURL = strings.TrimRight(u.String(), "/")
		}
	}

	s := SMTP{
		Host:     strings.TrimSpace(getenv("QUALTRACK_SMTP_HOST")),
		Username: getenv("QUALTRACK_SMTP_USERNAME"),
		Password: Secret(getenv("QUALTRACK_SMTP_PASSWORD")),
		From:     strings.TrimSpace(getenv("QUALTRACK_SMTP_FROM")),
		TLS:      strings.ToLower(or(getenv("QUALTRACK_SMTP_TLS"), SMTPTLSStartTLS)),
	}
	switch s.TLS {
	case SMTPTLSNone:
		s.Port = 25
	case SMTPTLSStartTLS:
		s.Port = 587
	case SMTPTLSImplicit:
		s.Port = 465
	default:
		bad("QUALTRACK_SMTP_TLS", "must be none, starttls or tls, not %q", s.TLS)
	}
	if v := strings.TrimSpace(getenv("QUALTRACK_SMTP_PORT")); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 65535 {
			bad("QUALTRACK_SMTP_PORT", "must be a port number from 1 to 65535, not %q", v)
		}
		s.Port = n
	}
	s.Timeout = DefaultSMTPTimeout
	if v := strings.TrimSpace(getenv("QUALTRACK_SMTP_TIMEOUT")); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < time.Second || d > 10*time.Minute {
			bad("QUALTRACK_SMTP_TIMEOUT", "must be a duration from 1s to 10m, e.g. 30s, not %q", v)
		}
		s.Timeout = d
	}
	c.SMTP = s
	if s.Host == "" {
		for _, name := range []string{"QUALTRACK_SMTP_USERNAME", "QUALTRACK_SMTP_PASSWORD", "QUALTRACK_SMTP_FROM"} {
			if getenv(name) != "" {
				bad(name, "is set but QUALTRACK_SMTP_HOST is not; set the host to send e-mail")
			}
		}
		return
	}
	if strings.ContainsAny(s.Host, " /:") {
		bad("QUALTRACK_SMTP_HOST", "must be a host name or IP address without port, not %q", s.Host)
	}
	if s.From == "" {
		bad("QUALTRACK_SMTP_FROM", "is required with QUALTRACK_SMTP_HOST: the sender address, e.g. qualtrack <qualtrack@example.com>")
	} else if _, err := mail.ParseAddress(s.From); err != nil || strings.ContainsAny(s.From, "\r\n") {
		bad("QUALTRACK_SMTP_FROM", "must be an e-mail address such as qualtrack <qualtrack@example.com>, not %q", s.From)
	}
	if (s.Username == "") != (s.Password == "") {
		bad("QUALTRACK_SMTP_USERNAME", "QUALTRACK_SMTP_USERNAME and QUALTRACK_SMTP_PASSWORD must be set together")
	}
	if s.Username != "" && s.TLS == SMTPTLSNone && !isLoopback(s.Host) {
		bad("QUALTRACK_SMTP_TLS", "must be starttls or tls when QUALTRACK_SMTP_USERNAME is set: the password would cross the network unencrypted")
	}
}

// defaultBaseURL is the address the server listens on, as a browser on the
// same machine would reach it.
func defaultBaseURL(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "http://localhost:8080"
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "localhost"
	}
	return fmt.Sprintf("http://%s", net.JoinHostPort(host, port))
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
