package reminders

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"net/smtp"
	"os"
	"strconv"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/config"
)

// Mailer sends one message. The scheduler depends on this, not on SMTP, so
// tests can count what would be sent.
type Mailer interface {
	Send(ctx context.Context, m Message) error
}

// SMTPMailer sends through the configured SMTP server with net/smtp, one
// connection per message (a digest run sends one message per user).
type SMTPMailer struct {
	cfg  config.SMTP
	from *mail.Address
	now  func() time.Time
	// TLSConfig overrides the TLS settings (tests trust their own CA).
	TLSConfig *tls.Config
	// Timeout bounds one message's whole exchange.
	Timeout time.Duration
}

// MailerFor returns the mailer for cfg, or nil when no SMTP server is
// configured (reminders then stay in the app).
func MailerFor(cfg config.SMTP, now func() time.Time) (Mailer, error) {
	if !cfg.Configured() {
		return nil, nil
	}
	return NewSMTPMailer(cfg, now)
}

// NewSMTPMailer returns a mailer for the SMTP server of cfg.
func NewSMTPMailer(cfg config.SMTP, now func() time.Time) (*SMTPMailer, error) {
	if !cfg.Configured() {
		return nil, errors.New("reminders: no SMTP server configured (QUALTRACK_SMTP_HOST)")
	}
	from, err := mail.ParseAddress(cfg.From)
	if err != nil {
		return nil, fmt.Errorf("reminders: QUALTRACK_SMTP_FROM: %w", err)
	}
	if now == nil {
		now = time.Now
	}
	return &SMTPMailer{cfg: cfg, from: from, now: now, Timeout: 2 * time.Minute}, nil
}

// Send delivers m. Errors name the step that failed, never the password.
func (s *SMTPMailer) Send(ctx context.Context, m Message) error {
	body, err := m.compose(s.from, s.now())
	if err != nil {
		return fmt.Errorf("reminders: compose mail: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, s.Timeout)
	defer cancel()
	addr := net.JoinHostPort(s.cfg.Host, strconv.Itoa(s.cfg.Port))
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return fmt.Errorf("reminders: connect to SMTP server %s: %w", addr, err)
	}
	defer conn.Close()
	if dl, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(dl)
	}
	// Closing the connection when ctx ends unblocks any read or write.
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()
	if s.cfg.TLS == config.SMTPTLSImplicit {
		tc := tls.Client(conn, s.tlsConfig())
		if err := tc.HandshakeContext(ctx); err != nil {
			return fmt.Errorf("reminders: TLS with SMTP server %s: %w", addr, err)
		}
		conn = tc
	}
	c, err := smtp.NewClient(conn, s.cfg.Host)
	if err != nil {
		return fmt.Errorf("reminders: SMTP greeting from %s: %w", addr, err)
	}
	defer c.Close()
	if err := c.Hello(helloName()); err != nil {
		return fmt.Errorf("reminders: SMTP EHLO: %w", err)
	}
	if s.cfg.TLS == config.SMTPTLSStartTLS {
		if ok, _ := c.Extension("STARTTLS"); !ok {
			return errors.New("reminders: the SMTP server does not offer STARTTLS; set QUALTRACK_SMTP_TLS to tls or none")
		}
		if err := c.StartTLS(s.tlsConfig()); err != nil {
			return fmt.Errorf("reminders: SMTP STARTTLS: %w", err)
		}
	}
	if s.cfg.Username != "" {
		if err := c.Auth(smtp.PlainAuth("", s.cfg.Username, s.cfg.Password.Reveal(), s.cfg.Host)); err != nil {
			return fmt.Errorf("reminders: SMTP authentication as %s: %w", s.cfg.Username, err)
		}
	}
	if err := c.Mail(s.from.Address); err != nil {
		return fmt.Errorf("reminders: SMTP MAIL FROM: %w", err)
	}
	if err := c.Rcpt(m.To); err != nil {
		return fmt.Errorf("reminders: SMTP RCPT TO %s: %w", m.To, err)
	}
	w, err := c.Data()
	if err != nil {
		return fmt.Errorf("reminders: SMTP DATA: %w", err)
	}
	if _, err := w.Write(body); err != nil {
		return fmt.Errorf("reminders: SMTP DATA: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("reminders: SMTP message refused: %w", err)
	}
	if err := c.Quit(); err != nil {
		return fmt.Errorf("reminders: SMTP QUIT: %w", err)
	}
	return nil
}

func (s *SMTPMailer) tlsConfig() *tls.Config {
	if s.TLSConfig != nil {
		return s.TLSConfig
	}
	return &tls.Config{ServerName: s.cfg.Host, MinVersion: tls.VersionTLS12}
}

// helloName is the name qualtrack greets the SMTP server with.
func helloName() string {
	if h, err := os.Hostname(); err == nil && h != "" {
		return h
	}
	return "localhost"
}
