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
	"io"
	"log/slog"
	"math/big"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/config"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/reminders"
	"github.com/qualtrack/qualtrack/backend/internal/store"
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
	digest := store.Digest{UserID: 1, Email: "jane@example.com", Name: "Jane", Items: []store.DigestItem{
		{ReminderID: 1, Kind: model.KindFindingOverdue, Title: "Major finding at ACME-SZ1 is overdue by 2 days", Link: "/findings/4", DueDate: model.NewDate(2026, 6, 13)},
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
