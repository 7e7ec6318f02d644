package reminders

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"net/smtp"
	"net/textproto"
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
	// StepTimeout bounds connecting, and each read and each write: a
	// server that accepts and never answers costs this, not minutes.
	StepTimeout time.Duration
	// Timeout bounds one message's whole exchange.
	Timeout time.Duration
}

// RefusedError is a mail server's permanent refusal (5xx) of a recipient
// or of the message to them: sending again would be refused again.
type RefusedError struct {
	Step   string // the SMTP command refused, e.g. "RCPT TO"
	Answer string // the server's code and text
}

func (e *RefusedError) Error() string {
	return fmt.Sprintf("reminders: the SMTP server refused %s for good: %s", e.Step, e.Answer)
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
	step := cfg.Timeout
	if step <= 0 {
		step = config.DefaultSMTPTimeout
	}
	return &SMTPMailer{cfg: cfg, from: from, now: now, StepTimeout: step, Timeout: 5 * time.Minute}, nil
}

// Send delivers m. Errors name the step that failed, never the password;
// a step the server does not answer in time says "timed out"; a 5xx answer
// to the recipient or the message is a *RefusedError.
func (s *SMTPMailer) Send(ctx context.Context, m Message) error {
	body, err := m.compose(s.from, s.now())
	if err != nil {
		return fmt.Errorf("reminders: compose mail: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, s.Timeout)
	defer cancel()
	addr := net.JoinHostPort(s.cfg.Host, strconv.Itoa(s.cfg.Port))
	fail := func(step string, err error) error {
		if isTimeout(err) {
			return fmt.Errorf("reminders: SMTP server %s: %s timed out: no answer within %s (QUALTRACK_SMTP_TIMEOUT)", addr, step, s.StepTimeout)
		}
		return fmt.Errorf("reminders: SMTP server %s: %s: %w", addr, step, err)
	}
	d := net.Dialer{Timeout: s.StepTimeout}
	raw, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return fail("connect", err)
	}
	defer raw.Close()
	// Closing the connection when ctx ends unblocks any read or write.
	stop := context.AfterFunc(ctx, func() { raw.Close() })
	defer stop()
	var conn net.Conn = &deadlineConn{Conn: raw, timeout: s.StepTimeout}
	if s.cfg.TLS == config.SMTPTLSImplicit {
		tc := tls.Client(conn, s.tlsConfig())
		if err := tc.HandshakeContext(ctx); err != nil {
			return fail("TLS handshake", err)
		}
		conn = tc
	}
	c, err := smtp.NewClient(conn, s.cfg.Host)
	if err != nil {
		return fail("greeting", err)
	}
	defer c.Close()
	if err := c.Hello(helloName()); err != nil {
		return fail("EHLO", err)
	}
	if s.cfg.TLS == config.SMTPTLSStartTLS {
		if ok, _ := c.Extension("STARTTLS"); !ok {
			return errors.New("reminders: the SMTP server does not offer STARTTLS; set QUALTRACK_SMTP_TLS to tls or none")
		}
		if err := c.StartTLS(s.tlsConfig()); err != nil {
			return fail("STARTTLS", err)
		}
	}
	if s.cfg.Username != "" {
		if err := c.Auth(smtp.PlainAuth("", s.cfg.Username, s.cfg.Password.Reveal(), s.cfg.Host)); err != nil {
			return fail("authentication as "+s.cfg.Username, err)
		}
	}
	if err := c.Mail(s.from.Address); err != nil {
		return fail("MAIL FROM", err)
	}
	if err := c.Rcpt(m.To); err != nil {
		if r := refusal("RCPT TO "+m.To, err); r != nil {
			return r
		}
		return fail("RCPT TO "+m.To, err)
	}
	w, err := c.Data()
	if err != nil {
		return fail("DATA", err)
	}
	if _, err := w.Write(body); err != nil {
		return fail("DATA", err)
	}
	if err := w.Close(); err != nil {
		if r := refusal("the message to "+m.To, err); r != nil {
			return r
		}
		return fail("message", err)
	}
	if err := c.Quit(); err != nil {
		return fail("QUIT", err)
	}
	return nil
}

// refusal is the *RefusedError of a permanent (5xx) SMTP answer, or nil.
func refusal(step string, err error) error {
	var te *textproto.Error
	if errors.As(err, &te) && te.Code >= 500 && te.Code < 600 {
		return &RefusedError{Step: step, Answer: fmt.Sprintf("%d %s", te.Code, te.Msg)}
	}
	return nil
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.Is(err, os.ErrDeadlineExceeded) || errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout())
}

// deadlineConn gives every read and every write its own deadline, so a
// server that stops answering midway is given up on in time.
type deadlineConn struct {
	net.Conn
	timeout time.Duration
}

func (c *deadlineConn) Read(b []byte) (int, error) {
	_ = c.Conn.SetReadDeadline(time.Now().Add(c.timeout))
	return c.Conn.Read(b)
}

func (c *deadlineConn) Write(b []byte) (int, error) {
	_ = c.Conn.SetWriteDeadline(time.Now().Add(c.timeout))
	return c.Conn.Write(b)
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
