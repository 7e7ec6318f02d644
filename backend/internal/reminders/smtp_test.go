package reminders_test

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"fmt"
	"io"
	"log/slog"
	"math/big"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	"net/http/httptest"
	"net/mail"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/config"
	"github.com/qualtrack/qualtrack/backend/internal/metrics"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/reminders"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

const smtpPassword = "s3cret-smtp-pass"

func smtpConfig(srv *smtpServer, tlsMode, password string) config.SMTP {
	port, _ := strconv.Atoi(srv.port())
	return config.SMTP{Host: "127.0.0.1", Port: port, Username: "qt", Password: config.Secret(password),
		From: "qualtrack <qt@example.com>", TLS: tlsMode}
}

// A real SMTP exchange: the scheduler's digests reach a test server with
// the right envelope, headers and both parts of a multipart/alternative
// body; user text is escaped in the HTML part; the password never reaches
// the log, even when the server refuses it.
func TestDigestOverRealSMTP(t *testing.T) {
	w := newWorld(t)
	srv := startSMTP(t, nil, smtpPassword)
	site := w.site()
	siteName := `<script>alert("x")</script> & Söhne`
	testutil.Fatal(t, w.db.Model(&model.Site{}).Where("id = ?", site.ID).Update("name", siteName).Error, "rename")
	cert := w.certificate(site.ID, "ISO 9001:2015", w.store.Today().AddDays(30))
	var logs bytes.Buffer
	mailer, err := reminders.MailerFor(smtpConfig(srv, config.SMTPTLSNone, smtpPassword), w.clock.Now)
	testutil.Fatal(t, err, "mailer")
	sched := reminders.NewScheduler(reminders.Options{Store: w.store, Mailer: mailer, BaseURL: "https://qt.example.com", Hour: 6,
		Logger: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))})
	if res := w.run(sched); res.Digests != 3 || res.DigestsFailed != 0 {
		t.Fatalf("run: %+v; log: %s", res, logs.String())
	}

	got := srv.received()
	var rcpts []string
	for _, m := range got {
		rcpts = append(rcpts, m.To...)
		if m.From != "qt@example.com" || len(m.To) != 1 || m.Auth != "qt:"+smtpPassword || m.BareLF {
			t.Errorf("envelope: from %q to %v auth %q bare LF %v", m.From, m.To, m.Auth, m.BareLF)
		}
	}
	slices.Sort(rcpts)
	if want := []string{"admin@example.com", "manager@example.com", "procurement@example.com"}; !slices.Equal(rcpts, want) {
		t.Fatalf("recipients %v, want %v (the auditor hears nothing by default)", rcpts, want)
	}

	msg, err := mail.ReadMessage(strings.NewReader(got[0].Data))
	testutil.Fatal(t, err, "parse message")
	to, err := mail.ParseAddress(msg.Header.Get("To"))
	if err != nil || to.Address != got[0].To[0] {
		t.Errorf("To header %q for envelope %v", msg.Header.Get("To"), got[0].To)
	}
	if from, err := mail.ParseAddress(msg.Header.Get("From")); err != nil || from.Address != "qt@example.com" || from.Name != "qualtrack" {
		t.Errorf("From header %q", msg.Header.Get("From"))
	}
	if s := msg.Header.Get("Subject"); s != "qualtrack: 1 reminder for 2026-06-15" {
		t.Errorf("Subject %q", s)
	}
	if msg.Header.Get("Date") == "" || msg.Header.Get("Message-Id") == "" || msg.Header.Get("Mime-Version") != "1.0" {
		t.Errorf("missing headers: %v", msg.Header)
	}
	mediaType, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || mediaType != "multipart/alternative" {
		t.Fatalf("Content-Type %q", msg.Header.Get("Content-Type"))
	}
	parts := map[string]string{}
	var order []string
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for {
		p, err := mr.NextRawPart()
		if err == io.EOF {
			break
		}
		testutil.Fatal(t, err, "part")
		ct, cp, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
		if cp["charset"] != "utf-8" || p.Header.Get("Content-Transfer-Encoding") != "quoted-printable" {
			t.Errorf("part %s headers %v", ct, p.Header)
		}
		body, err := io.ReadAll(quotedprintable.NewReader(p))
		testutil.Fatal(t, err, "decode part")
		parts[ct] = string(body)
		order = append(order, ct)
	}
	if !slices.Equal(order, []string{"text/plain", "text/html"}) {
		t.Fatalf("parts %v, want text/plain then text/html", order)
	}
	link := "https://qt.example.com/certifications/" + strconv.FormatInt(cert.ID, 10)
	text, html := parts["text/plain"], parts["text/html"]
	title := "ISO 9001:2015 certificate of " + site.Code + " expires in 30 days"
	for _, want := range []string{"Hello Test ", title, siteName + " (" + site.Code + ")", link, "Certificates expiring", "https://qt.example.com/profile/notifications"} {
		if !strings.Contains(text, want) {
			t.Errorf("text part lacks %q:\n%s", want, text)
		}
	}
	for _, want := range []string{title, `href="` + link + `"`, "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; Söhne", "<h2"} {
		if !strings.Contains(html, want) {
			t.Errorf("html part lacks %q:\n%s", want, html)
		}
	}
	if strings.Contains(html, "<script>") {
		t.Errorf("user text reached the HTML unescaped:\n%s", html)
	}

	// A refused password is logged as a failure, without the password.
	w.at(w.store.Today().AddDays(16)) // the 14-day stage
	bad, err := reminders.MailerFor(smtpConfig(srv, config.SMTPTLSNone, "wrong-"+smtpPassword), w.clock.Now)
	testutil.Fatal(t, err, "mailer")
	badSched := reminders.NewScheduler(reminders.Options{Store: w.store, Mailer: bad, BaseURL: "https://qt.example.com", Hour: 6,
		Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	if res := w.run(badSched); res.DigestsFailed != 3 {
		t.Fatalf("with a wrong password: %+v", res)
	}
	if !strings.Contains(logs.String(), "authentication") {
		t.Errorf("the failure is not logged: %s", logs.String())
	}
	if strings.Contains(logs.String(), smtpPassword) {
		t.Errorf("the log holds the password: %s", logs.String())
	}
}

// With QUALTRACK_SMTP_TLS=starttls the mailer upgrades the connection
// before authenticating, and refuses a server that does not offer it.
func TestSMTPStartTLS(t *testing.T) {
	serverTLS, roots := testCertificate(t)
	srv := startSMTP(t, serverTLS, smtpPassword)
	m, err := reminders.NewSMTPMailer(smtpConfig(srv, config.SMTPTLSStartTLS, smtpPassword), nil)
	testutil.Fatal(t, err, "mailer")
	m.TLSConfig = &tls.Config{RootCAs: roots, ServerName: "127.0.0.1"}
	digest := reminders.Digest{UserID: 1, Email: "jane@example.com", Name: "Jane", Items: []reminders.Item{
		{Kind: model.KindFindingOverdue, EntityID: 4, Title: "Major finding at ACME-SZ1 is overdue by 2 days", Link: "/findings/4", Date: model.NewDate(2026, 6, 13)},
	}}
	msg, err := reminders.RenderDigest(digest, model.NewDate(2026, 6, 15), "https://qt.example.com")
	testutil.Fatal(t, err, "render")
	testutil.Fatal(t, m.Send(context.Background(), msg), "send")
	got := srv.received()
	if len(got) != 1 || !got[0].UsedTLS || got[0].Auth != "qt:"+smtpPassword || !strings.Contains(got[0].Data, "Subject: qualtrack: 1 reminder for 2026-06-15 (some overdue)") {
		t.Fatalf("received %+v", got)
	}

	plain := startSMTP(t, nil, smtpPassword)
	m, err = reminders.NewSMTPMailer(smtpConfig(plain, config.SMTPTLSStartTLS, smtpPassword), nil)
	testutil.Fatal(t, err, "mailer")
	if err := m.Send(context.Background(), msg); err == nil || !strings.Contains(err.Error(), "STARTTLS") || len(plain.received()) != 0 {
		t.Fatalf("a server without STARTTLS: %v, %d received", err, len(plain.received()))
	}
}

// testCertificate is a self-signed certificate for 127.0.0.1.
func testCertificate(t *testing.T) (*tls.Config, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	testutil.Fatal(t, err, "key")
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "test smtp"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	testutil.Fatal(t, err, "certificate")
	leaf, err := x509.ParseCertificate(der)
	testutil.Fatal(t, err, "parse certificate")
	pool := x509.NewCertPool()
	pool.AddCert(leaf)
	return &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}}}, pool
}

// A server that accepts the connection and never answers costs the step
// timeout, not minutes, and the error says it timed out.
func TestSMTPTimesOut(t *testing.T) {
	srv := startSMTP(t, nil, "")
	srv.mu.Lock()
	srv.hang = true
	srv.mu.Unlock()
	cfg := smtpConfig(srv, config.SMTPTLSNone, "")
	cfg.Username, cfg.Timeout = "", 300*time.Millisecond
	m, err := reminders.NewSMTPMailer(cfg, nil)
	testutil.Fatal(t, err, "mailer")
	err = m.Send(context.Background(), reminders.Message{To: "jane@example.com", Subject: "s", Text: "t", HTML: "h"})
	if err == nil || !strings.Contains(err.Error(), "timed out") || !strings.Contains(err.Error(), "QUALTRACK_SMTP_TIMEOUT") {
		t.Fatalf("a silent server: %v", err)
	}
}

// A permanent refusal (5xx) of an address stops further tries for it: the
// user is marked, hears in the app instead, the refusal is counted in the
// metrics, and a new address is tried again.
func TestRefusedAddressIsNotRetried(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	srv := startSMTP(t, nil, "")
	srv.refuseRecipient("procurement@example.com", "550 5.1.1 mailbox unavailable")
	cfg := smtpConfig(srv, config.SMTPTLSNone, "")
	cfg.Username = ""
	mailer, err := reminders.MailerFor(cfg, w.clock.Now)
	testutil.Fatal(t, err, "mailer")
	reg := metrics.New()
	sched := reminders.NewScheduler(reminders.Options{Store: w.store, Mailer: mailer, BaseURL: "https://qt.example.com", Hour: 6, Metrics: reg})
	site := w.site()
	w.certificate(site.ID, "ISO 9001:2015", w.store.Today().AddDays(7))
	if res := w.run(sched); res.Digests != 2 || res.DigestsRefused != 1 || res.DigestsFailed != 0 {
		t.Fatalf("run: %+v", res)
	}
	proc := w.users[model.RoleProcurement]
	var u model.User
	testutil.Fatal(t, w.db.Take(&u, proc.ID).Error, "user")
	if u.EmailRefusedAt == nil || u.EmailRefusal != "550 5.1.1 mailbox unavailable" {
		t.Fatalf("refusal not recorded: %v %q", u.EmailRefusedAt, u.EmailRefusal)
	}
	rec := httptest.NewRecorder()
	reg.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if !strings.Contains(rec.Body.String(), `qualtrack_reminder_emails_total{outcome="refused"} 1`) ||
		!strings.Contains(rec.Body.String(), `qualtrack_reminder_emails_total{outcome="sent"} 2`) {
		t.Fatalf("metrics:\n%s", rec.Body.String())
	}

	// The next stage a week later: nothing is tried for the refused address;
	// the reminder is in the app.
	w.at(w.store.Today().AddDays(7))
	before := len(srv.received())
	if res := w.run(sched); res.DigestsRefused != 0 || res.Digests != 2 {
		t.Fatalf("next stage: %+v", res)
	}
	if got := srv.received()[before:]; len(got) != 2 || slices.ContainsFunc(got, func(m receivedMail) bool { return slices.Contains(m.To, "procurement@example.com") }) {
		t.Fatalf("after the refusal: %+v", got)
	}
	ns := w.notifications(proc.ID)
	var channel string
	testutil.Fatal(t, w.db.Model(&model.Reminder{}).Where("user_id = ?", proc.ID).Order("id DESC").Limit(1).Pluck("channel", &channel).Error, "channel")
	if len(ns) != 2 || channel != "in_app" {
		t.Fatalf("in-app instead: %d notifications, last channel %q", len(ns), channel)
	}

	// A new address starts afresh.
	_, err = w.store.UpdateUser(ctx, proc.ID, u.Version, system, func(u *model.User) error { u.Email = "proc2@example.com"; return nil })
	testutil.Fatal(t, err, "change address")
	var changed model.User
	testutil.Fatal(t, w.db.Take(&changed, proc.ID).Error, "user")
	if changed.EmailRefusedAt != nil || changed.EmailRefusal != "" {
		t.Fatalf("a new address is still refused: %v %q", changed.EmailRefusedAt, changed.EmailRefusal)
	}
}

// Digests go out a few at a time, never more than the bound.
func TestDigestsAreSentConcurrentlyWithinBound(t *testing.T) {
	w := newWorld(t)
	for i := range 12 {
		w.user(fmt.Sprintf("buyer%d@example.com", i), model.RoleProcurement)
	}
	site := w.site()
	w.certificate(site.ID, "ISO 9001:2015", w.store.Today().AddDays(7))
	m := &slowMailer{}
	sched := reminders.NewScheduler(reminders.Options{Store: w.store, Mailer: m, BaseURL: "https://qt.example.com", Hour: 6, SendConcurrency: 3})
	if res := w.run(sched); res.Digests != 15 {
		t.Fatalf("run: %+v", res)
	}
	if m.max != 3 {
		t.Fatalf("at most %d digests were in flight at once, want 3", m.max)
	}
}

// slowMailer holds each message a short while and notes the most in
// flight at once.
type slowMailer struct {
	mu            sync.Mutex
	inFlight, max int
}

func (m *slowMailer) Send(ctx context.Context, _ reminders.Message) error {
	m.mu.Lock()
	m.inFlight++
	m.max = max(m.max, m.inFlight)
	m.mu.Unlock()
	time.Sleep(20 * time.Millisecond)
	m.mu.Lock()
	m.inFlight--
	m.mu.Unlock()
	return nil
}
