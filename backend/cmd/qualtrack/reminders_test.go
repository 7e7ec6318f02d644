package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"net"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/database"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// `reminders run --dry-run` lists today's reminders without recording
// them; `reminders run` records them once; a second run does nothing.
func TestRemindersCommand(t *testing.T) {
	t.Parallel()
	env := demoEnv(t)
	today := time.Now().UTC().Format("2006-01-02")
	code, out, errOut := qualtrack(t, env, "", "reminders", "run", "--dry-run")
	if code != 0 || !strings.Contains(out, "Reminders for "+today+" (dry run") || !strings.Contains(out, "E-mail is not configured") {
		t.Fatalf("dry run: %d %q %q", code, out, errOut)
	}
	lines := strings.Count(out, "@example.com")
	if lines == 0 {
		t.Fatalf("the demo data has nothing to remind of: %q", out)
	}
	db := openEnvDB(t, env)
	var n int64
	testutil.Fatal(t, db.Model(&model.Reminder{}).Count(&n).Error, "count")
	if n != 0 {
		t.Fatalf("the dry run recorded %d reminders", n)
	}

	code, out, errOut = qualtrack(t, env, "", "reminders", "run")
	if code != 0 || !strings.Contains(out, "Reminders of "+today+": ") || !strings.Contains(out, "in the app only") {
		t.Fatalf("run: %d %q %q", code, out, errOut)
	}
	testutil.Fatal(t, db.Model(&model.Reminder{}).Count(&n).Error, "count")
	if int(n) != lines {
		t.Fatalf("the run recorded %d reminders; the dry run listed %d", n, lines)
	}
	code, out, _ = qualtrack(t, env, "", "reminders", "run")
	if code != 0 || !strings.Contains(out, "already ran") {
		t.Fatalf("second run: %d %q", code, out)
	}
	code, out, _ = qualtrack(t, env, "", "reminders", "run", "--dry-run")
	if code != 0 || !strings.Contains(out, "Nothing to remind anyone of.") || !strings.Contains(out, "already ran") {
		t.Fatalf("dry run after the run: %d %q", code, out)
	}
	if code, _, errOut := qualtrack(t, env, "", "reminders"); code != 1 || !strings.Contains(errOut, "usage: qualtrack reminders run") {
		t.Fatalf("no subcommand: %d %q", code, errOut)
	}
}

// serve starts the scheduler, which runs a missed run at once, and stops
// it on shutdown. A mail server that cannot be reached is logged without
// the SMTP password.
func TestServeRunsReminders(t *testing.T) {
	t.Parallel()
	env := demoEnv(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	testutil.Fatal(t, err, "port")
	env["QUALTRACK_ADDR"] = ln.Addr().String()
	ln.Close()
	closed, err := net.Listen("tcp", "127.0.0.1:0")
	testutil.Fatal(t, err, "smtp port")
	_, smtpPort, _ := net.SplitHostPort(closed.Addr().String())
	closed.Close() // nothing listens there: every digest fails
	env["QUALTRACK_REMINDER_HOUR"] = "0"
	env["QUALTRACK_LOG_LEVEL"] = "info"
	env["QUALTRACK_SMTP_HOST"] = "127.0.0.1"
	env["QUALTRACK_SMTP_PORT"] = smtpPort
	env["QUALTRACK_SMTP_TLS"] = "none"
	env["QUALTRACK_SMTP_FROM"] = "qualtrack <qt@example.com>"
	env["QUALTRACK_SMTP_USERNAME"] = "qt"
	env["QUALTRACK_SMTP_PASSWORD"] = "smtp-password-never-logged"

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	var out, errOut syncBuffer
	go func() {
		done <- run(ctx, []string{"qualtrack", "serve"}, func(k string) string { return env[k] }, strings.NewReader(""), &out, &errOut)
	}()
	db := openEnvDB(t, env)
	deadline := time.Now().Add(30 * time.Second)
	for {
		var runs int64
		if db.Model(&model.ReminderRun{}).Where("finished_at IS NOT NULL").Count(&runs).Error == nil && runs == 1 &&
			strings.Contains(errOut.String(), "reminders sent") {
			break
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("the missed run did not happen at start: %s", errOut.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("serve exited %d: %s", code, errOut.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop on cancel")
	}
	logged := errOut.String()
	if !strings.Contains(logged, "reminder digest not sent") {
		t.Errorf("failed digests not logged: %s", logged)
	}
	if strings.Contains(logged, "smtp-password-never-logged") {
		t.Errorf("the SMTP password reached the log: %s", logged)
	}
}

// openEnvDB opens the database a test's subcommands use.
func openEnvDB(t *testing.T, env map[string]string) *testutil.DB {
	t.Helper()
	dsn, dialect := env["QUALTRACK_DATABASE_URL"], database.Postgres
	if dsn == "" {
		dialect, dsn = database.SQLite, filepath.Join(env["QUALTRACK_DATA_DIR"], "qualtrack.db")
	}
	db, err := database.Open(context.Background(), database.Options{Dialect: dialect, DSN: dsn})
	testutil.Fatal(t, err, "open")
	t.Cleanup(func() { _ = database.Close(db) })
	return &testutil.DB{DB: db, Dialect: dialect, DSN: dsn}
}

// syncBuffer is a bytes.Buffer safe to write from the server's goroutines
// while the test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// After an SMTP outage a later `reminders run` the same day sends what is
// pending (its dry run lists it first) instead of "nothing to do"; and
// `reminders test-email` checks the mail settings.
func TestRemindersRunAfterOutageSendsPending(t *testing.T) {
	t.Parallel()
	env := demoEnv(t)
	sink := startMailSink(t)
	env["QUALTRACK_SMTP_HOST"] = "127.0.0.1"
	env["QUALTRACK_SMTP_PORT"] = sink.port
	env["QUALTRACK_SMTP_TLS"] = "none"
	env["QUALTRACK_SMTP_FROM"] = "qualtrack <qt@example.com>"
	env["QUALTRACK_SMTP_TIMEOUT"] = "2s"

	sink.setDown(true)
	code, out, errOut := qualtrack(t, env, "", "reminders", "run")
	if code != 1 || !strings.Contains(errOut, "could not be sent") || !strings.Contains(errOut, "run `qualtrack reminders run` again") {
		t.Fatalf("run during the outage: %d %q %q", code, out, errOut)
	}
	sink.setDown(false)
	code, out, errOut = qualtrack(t, env, "", "reminders", "run", "--dry-run")
	if code != 0 || !strings.Contains(out, "Digests waiting to be sent") || !strings.Contains(out, "pending digest(s)") {
		t.Fatalf("dry run after the outage: %d %q %q", code, out, errOut)
	}
	code, out, errOut = qualtrack(t, env, "", "reminders", "run")
	if code != 0 || !strings.Contains(out, "already ran") || strings.Contains(out, " 0 pending e-mail digest(s) sent") || sink.count() == 0 {
		t.Fatalf("run after the outage: %d %q %q, %d received", code, out, errOut, sink.count())
	}
	sent := sink.count()
	if code, out, _ = qualtrack(t, env, "", "reminders", "run"); code != 0 || !strings.Contains(out, " 0 pending e-mail digest(s) sent") || sink.count() != sent {
		t.Fatalf("a third run sent again: %d %q", code, out)
	}

	code, out, errOut = qualtrack(t, env, "", "reminders", "test-email", "--to", "ops@example.com")
	if code != 0 || !strings.Contains(out, "Test e-mail sent to ops@example.com") || sink.count() != sent+1 {
		t.Fatalf("test-email: %d %q %q", code, out, errOut)
	}
	delete(env, "QUALTRACK_SMTP_HOST")
	delete(env, "QUALTRACK_SMTP_FROM")
	if code, _, errOut = qualtrack(t, env, "", "reminders", "test-email", "--to", "ops@example.com"); code != 1 || !strings.Contains(errOut, "not configured") {
		t.Fatalf("test-email without SMTP: %d %q", code, errOut)
	}
}

// mailSink is an SMTP server that accepts every message, or when down
// answers every connection with 421 (service not available).
type mailSink struct {
	port string
	mu   sync.Mutex
	n    int
	down bool
}

func (s *mailSink) setDown(d bool) { s.mu.Lock(); s.down = d; s.mu.Unlock() }
func (s *mailSink) count() int     { s.mu.Lock(); defer s.mu.Unlock(); return s.n }

func startMailSink(t *testing.T) *mailSink {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	testutil.Fatal(t, err, "listen")
	t.Cleanup(func() { ln.Close() })
	s := &mailSink{}
	_, s.port, _ = net.SplitHostPort(ln.Addr().String())
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go s.session(c)
		}
	}()
	return s
}

func (s *mailSink) session(c net.Conn) {
	defer c.Close()
	r := bufio.NewReader(c)
	say := func(l string) { fmt.Fprintf(c, "%s\r\n", l) }
	s.mu.Lock()
	down := s.down
	s.mu.Unlock()
	if down {
		say("421 4.3.2 service not available")
		return
	}
	say("220 sink ready")
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		switch verb, _, _ := strings.Cut(strings.TrimSpace(line), " "); strings.ToUpper(verb) {
		case "DATA":
			say("354 go ahead")
			for {
				l, err := r.ReadString('\n')
				if err != nil {
					return
				}
				if l == ".\r\n" {
					break
				}
			}
			s.mu.Lock()
			s.n++
			s.mu.Unlock()
			say("250 queued")
		case "QUIT":
			say("221 bye")
			return
		default:
			say("250 ok")
		}
	}
}
