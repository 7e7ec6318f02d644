package reminders_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/config"
	"github.com/qualtrack/qualtrack/backend/internal/reminders"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// Checkpoints are published by e-mail too: each signed checkpoint reaches
// every configured address through the SMTP server, with the signed head
// in the message as the JSON an auditor keeps and later checks; that head
// verifies with the server's public key and the chain. A mail server that
// is down does not stop the checkpoint: the log file still has it.
func TestCheckpointsArePublishedByEmail(t *testing.T) {
	ctx := context.Background()
	clock := testutil.NewClock(testutil.FixedNow)
	db := testutil.NewDB(t, clock.Now)
	trail := audit.NewTrail(clock.Now)
	appendEvent := func() {
		t.Helper()
		testutil.Fatal(t, db.Transaction(func(tx *gorm.DB) error {
			_, err := trail.Append(tx, audit.Entry{Actor: audit.Actor{Email: "test"}, Action: audit.ActionRemindersRun})
			return err
		}), "append")
	}
	key, err := audit.LoadOrCreateKey(filepath.Join(t.TempDir(), "checkpoint.key"))
	testutil.Fatal(t, err, "key")
	srv := startSMTP(t, nil, smtpPassword)
	mailer, err := reminders.MailerFor(smtpConfig(srv, config.SMTPTLSNone, smtpPassword), clock.Now)
	testutil.Fatal(t, err, "mailer")
	var logs lockedLog // written by the mailing goroutine, read here
	logPath := filepath.Join(t.TempDir(), "checkpoints.jsonl")
	to := []string{"auditor@example.com", "cso@example.com"}
	cpr := &audit.Checkpointer{DB: db.DB, Key: key, Log: logPath, Every: 2, Interval: time.Hour, Now: clock.Now,
		Logger: slog.New(slog.NewTextHandler(&logs, nil)), Mail: reminders.CheckpointMail(mailer, to, "https://qt.example.com")}

	appendEvent()
	appendEvent()
	cp, err := cpr.Tick(ctx)
	testutil.Fatal(t, err, "tick")
	if cp == nil || cp.Sequence != 2 {
		t.Fatalf("checkpoint %+v", cp)
	}
	deadline := time.Now().Add(10 * time.Second)
	for len(srv.received()) < len(to) && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	got := srv.received()
	var rcpts []string
	for _, m := range got {
		rcpts = append(rcpts, m.To...)
	}
	slices.Sort(rcpts)
	if !slices.Equal(rcpts, to) {
		t.Fatalf("checkpoint mailed to %v, want %v; log: %s", rcpts, to, logs.String())
	}
	msg, err := mail.ReadMessage(strings.NewReader(got[0].Data))
	testutil.Fatal(t, err, "parse message")
	if s := msg.Header.Get("Subject"); s != "qualtrack audit checkpoint: event 2" {
		t.Errorf("Subject %q", s)
	}
	text := plainPart(t, msg)
	var mailed audit.Head
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, "{") {
			testutil.Fatal(t, json.Unmarshal([]byte(line), &mailed), "the signed head in the mail")
		}
	}
	if mailed.Sequence != cp.Sequence || mailed.Hash != cp.Hash || key.Public.Check(mailed) != nil {
		t.Fatalf("mailed head %+v does not verify (checkpoint %+v); mail: %s", mailed, cp, text)
	}
	if res, err := audit.VerifyAgainst(ctx, db.DB, mailed); err != nil || !res.Valid {
		t.Errorf("the chain does not hold the mailed head: %+v %v", res, err)
	}
	if !strings.Contains(text, "Check a kept head") || !strings.Contains(text, "https://qt.example.com/audit-trail") {
		t.Errorf("the mail does not say how to check the head: %s", text)
	}

	// The mail server goes away: the next checkpoint is still signed and
	// logged, and the failure is logged.
	srv.ln.Close()
	appendEvent()
	appendEvent()
	cp, err = cpr.Tick(ctx)
	testutil.Fatal(t, err, "tick without a mail server")
	if cp == nil || cp.Sequence != 4 {
		t.Fatalf("checkpoint without a mail server: %+v", cp)
	}
	cps, err := audit.ReadCheckpoints(logPath)
	testutil.Fatal(t, err, "read log")
	if len(cps) != 2 || cps[1].Sequence != 4 {
		t.Errorf("log holds %+v", cps)
	}
	for !strings.Contains(logs.String(), "audit checkpoint e-mail") && time.Now().Before(deadline.Add(10*time.Second)) {
		time.Sleep(20 * time.Millisecond)
	}
	if !strings.Contains(logs.String(), "audit checkpoint e-mail") {
		t.Errorf("a failed checkpoint e-mail was not logged: %s", logs.String())
	}
}

// plainPart is the decoded text/plain part of a multipart/alternative mail.
func plainPart(t *testing.T, msg *mail.Message) string {
	t.Helper()
	_, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	testutil.Fatal(t, err, "content type")
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for {
		p, err := mr.NextRawPart()
		if err == io.EOF {
			t.Fatal("no text/plain part")
		}
		testutil.Fatal(t, err, "part")
		if strings.HasPrefix(p.Header.Get("Content-Type"), "text/plain") {
			b, err := io.ReadAll(quotedprintable.NewReader(p))
			testutil.Fatal(t, err, "decode")
			return strings.ReplaceAll(string(b), "\r\n", "\n")
		}
	}
}

// lockedLog is a log buffer that the checkpointer's goroutines write while
// the test reads it.
type lockedLog struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *lockedLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *lockedLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}
