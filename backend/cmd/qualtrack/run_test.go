package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/database"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// qualtrack runs a subcommand against a SQLite database in dir (or the
// PostgreSQL test database when one is configured).
func qualtrack(t *testing.T, env map[string]string, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), append([]string{"qualtrack"}, args...), func(k string) string { return env[k] }, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func testEnv(t *testing.T) map[string]string {
	dir := t.TempDir()
	env := map[string]string{"QUALTRACK_DATA_DIR": dir, "QUALTRACK_LOG_LEVEL": "error"}
	if os.Getenv(testutil.PostgresURLEnv) != "" {
		db := testutil.NewDB(t, nil) // a fresh schema of its own
		env["QUALTRACK_DATABASE_URL"] = db.DSN
	}
	return env
}

// demoEnv is testEnv with the demo data seeded (`seed --demo`). On
// SQLite the data directory is a copy of one seeded once per test process:
// seeding is slow under the race detector, and TestSeedDemo tests the
// command itself.
func demoEnv(t *testing.T) map[string]string {
	t.Helper()
	env := testEnv(t)
	if env["QUALTRACK_DATABASE_URL"] != "" {
		if code, _, errOut := qualtrack(t, env, "", "seed", "--demo"); code != 0 {
			t.Fatalf("seed: %d %s", code, errOut)
		}
		return env
	}
	seeded, err := seededDemo()
	if err != nil {
		t.Fatalf("seed the demo: %v", err)
	}
	testutil.Fatal(t, os.CopyFS(env["QUALTRACK_DATA_DIR"], os.DirFS(seeded)), "copy the seeded data directory")
	return env
}

// seededDemo is a data directory with the demo seeded, made once per test
// process (and left behind in the system's temporary directory only if the
// process is killed: TestMain removes it).
var seededDemo = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "qualtrack-demo-")
	if err != nil {
		return "", err
	}
	demoDir = dir
	var out, errOut bytes.Buffer
	env := map[string]string{"QUALTRACK_DATA_DIR": dir, "QUALTRACK_LOG_LEVEL": "error"}
	if code := run(context.Background(), []string{"qualtrack", "seed", "--demo"}, func(k string) string { return env[k] }, strings.NewReader(""), &out, &errOut); code != 0 {
		return "", fmt.Errorf("exit %d: %s", code, errOut.String())
	}
	return dir, nil
})

func TestVersionAndUsage(t *testing.T) {
	t.Parallel()
	if code, out, _ := qualtrack(t, nil, "", "version"); code != 0 || !strings.HasPrefix(out, "qualtrack ") {
		t.Fatalf("version: %d %q", code, out)
	}
	if code, _, errOut := qualtrack(t, map[string]string{"QUALTRACK_DATA_DIR": t.TempDir()}, "", "frobnicate"); code != 2 || !strings.Contains(errOut, "unknown command") {
		t.Fatalf("unknown command: %d %q", code, errOut)
	}
}

func TestInvalidConfigurationStopsStart(t *testing.T) {
	t.Parallel()
	code, _, errOut := qualtrack(t, map[string]string{"QUALTRACK_ENV": "production"}, "", "serve")
	if code != 2 || !strings.Contains(errOut, "QUALTRACK_JWT_SECRET") {
		t.Fatalf("production without secret: %d %q", code, errOut)
	}
}

func TestUserCreateMigrateAuditBackup(t *testing.T) {
	t.Parallel()
	env := testEnv(t)
	code, _, errOut := qualtrack(t, env, "", "migrate", "up")
	if code != 0 {
		t.Fatalf("migrate up: %d %s", code, errOut)
	}
	code, out, _ := qualtrack(t, env, "", "migrate", "status")
	if code != 0 || !strings.Contains(out, "00001_init.sql") || !strings.Contains(out, "applied") {
		t.Fatalf("migrate status: %d %q", code, out)
	}
	// Password generated and printed once.
	code, out, errOut = qualtrack(t, env, "", "user", "create", "--email", "boss@example.com", "--name", "Boss", "--role", "admin")
	if code != 0 || !strings.Contains(out, "password (shown once): ") {
		t.Fatalf("user create: %d %q %q", code, out, errOut)
	}
	// Password from standard input, checked against the policy.
	code, _, errOut = qualtrack(t, env, "short\n", "user", "create", "--email", "a@example.com", "--name", "A", "--role", "auditor", "--password-stdin")
	if code != 1 || !strings.Contains(errOut, "password") {
		t.Fatalf("weak password accepted: %d %q", code, errOut)
	}
	code, out, _ = qualtrack(t, env, "a long enough password\n", "user", "create", "--email", "a@example.com", "--name", "A", "--role", "auditor", "--password-stdin")
	if code != 0 || strings.Contains(out, "shown once") {
		t.Fatalf("stdin password: %d %q", code, out)
	}
	code, _, _ = qualtrack(t, env, "", "user", "create", "--email", "b@example.com", "--name", "B", "--role", "root")
	if code == 0 {
		t.Fatal("unknown role accepted")
	}

	code, out, _ = qualtrack(t, env, "", "audit", "verify")
	if code != 0 || !strings.Contains(out, "audit chain valid: 2 events") {
		t.Fatalf("audit verify: %d %q", code, out)
	}
	backup := filepath.Join(t.TempDir(), "backup")
	if env["QUALTRACK_DATABASE_URL"] == "" {
		code, out, errOut = qualtrack(t, env, "", "backup", "--out", backup)
		if code != 0 || !strings.Contains(out, "0 attachment file(s)") {
			t.Fatalf("backup: %d %q %q", code, out, errOut)
		}
		// The backup is a working data directory with the same chain.
		code, out, _ = qualtrack(t, map[string]string{"QUALTRACK_DATA_DIR": backup}, "", "audit", "verify")
		if code != 0 || !strings.Contains(out, "2 events") {
			t.Fatalf("verify backup: %d %q", code, out)
		}
		code, _, _ = qualtrack(t, env, "", "backup", "--out", backup)
		if code == 0 {
			t.Fatal("backup overwrote an existing directory")
		}
	} else {
		// PostgreSQL is backed up with pg_dump; the command says so.
		code, _, errOut = qualtrack(t, env, "", "backup", "--out", backup)
		if code != 1 || !strings.Contains(errOut, "pg_dump") {
			t.Fatalf("backup on PostgreSQL: %d %q", code, errOut)
		}
	}

	// An exported head proves later that nothing before it changed.
	headFile := filepath.Join(t.TempDir(), "head.json")
	code, out, _ = qualtrack(t, env, "", "audit", "head", "--out", headFile)
	if code != 0 || !strings.Contains(out, "event 2") {
		t.Fatalf("audit head: %d %q", code, out)
	}
	code, out, _ = qualtrack(t, env, "", "audit", "verify", "--head", headFile)
	if code != 0 {
		t.Fatalf("verify against head: %d %q", code, out)
	}

	// Tamper behind the app's back: exit status 1 and the broken event.
	dsn := env["QUALTRACK_DATABASE_URL"]
	dialect := database.Postgres
	if dsn == "" {
		dialect, dsn = database.SQLite, filepath.Join(env["QUALTRACK_DATA_DIR"], "qualtrack.db")
	}
	db, err := database.Open(context.Background(), database.Options{Dialect: dialect, DSN: dsn})
	testutil.Fatal(t, err, "open")
	testutil.TamperWithAudit(t, db, "UPDATE audit_events SET actor_email = 'forger@example.com' WHERE sequence = 1")
	database.Close(db)
	code, out, _ = qualtrack(t, env, "", "audit", "verify")
	if code != 1 || !strings.Contains(out, "BROKEN at event 1") {
		t.Fatalf("tampered verify: %d %q", code, out)
	}
	code, _, _ = qualtrack(t, env, "", "audit", "verify", "--head", filepath.Join(t.TempDir(), "missing.json"))
	if code != 1 {
		t.Fatal("verify with a missing head file passed")
	}
}

func TestSeedDemo(t *testing.T) {
	t.Parallel()
	env := testEnv(t)
	if code, out, errOut := qualtrack(t, env, "", "seed", "--demo"); code != 0 {
		t.Fatalf("seed: %d %q %q", code, out, errOut)
	}
	if code, _, errOut := qualtrack(t, env, "", "seed", "--demo"); code != 1 || !strings.Contains(errOut, "not empty") {
		t.Fatalf("second seed: %d %q", code, errOut)
	}
	env["QUALTRACK_ENV"] = "production"
	env["QUALTRACK_JWT_SECRET"] = "k7Rq2vX9mW4tZ8pL3nB6cF1hJ5sD0gYa"
	if code, _, _ := qualtrack(t, env, "", "seed", "--demo"); code == 0 {
		t.Fatal("demo seeded in production")
	}
}

func TestServeHealthcheckAndShutdown(t *testing.T) {
	t.Parallel()
	env := testEnv(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	testutil.Fatal(t, err, "port")
	env["QUALTRACK_ADDR"] = ln.Addr().String()
	ln.Close()
	env["QUALTRACK_ADMIN_EMAIL"] = "first@example.com"
	env["QUALTRACK_ADMIN_PASSWORD"] = "first admin password"

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	var out, errOut bytes.Buffer
	go func() {
		done <- run(ctx, []string{"qualtrack", "serve"}, func(k string) string { return env[k] }, strings.NewReader(""), &out, &errOut)
	}()
	ready := false
	for i := 0; i < 100 && !ready; i++ {
		code, _, _ := qualtrack(t, env, "", "healthcheck")
		ready = code == 0
		if !ready {
			time.Sleep(50 * time.Millisecond)
		}
	}
	if !ready {
		cancel()
		t.Fatalf("server never became ready: %s", errOut.String())
	}
	resp, err := http.Post("http://"+env["QUALTRACK_ADDR"]+"/api/v1/auth/login", "application/json",
		strings.NewReader(`{"email":"first@example.com","password":"first admin password"}`))
	testutil.Fatal(t, err, "login")
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("first admin sign-in: %s", resp.Status)
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
	if !strings.Contains(out.String(), "qualtrack is running at http://") {
		t.Fatalf("no URL printed: %q", out.String())
	}
	if strings.Contains(errOut.String(), "first admin password") {
		t.Fatal("the admin password reached the log")
	}
}

// .env is read in development only: in production its settings (here an
// invalid log level) do not reach the configuration.
func TestDotEnvIsReadInDevelopmentOnly(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	testutil.Fatal(t, os.WriteFile(".env", []byte("QUALTRACK_LOG_LEVEL=chatty\n"), 0o600), "write .env")
	env := map[string]string{"QUALTRACK_DATA_DIR": filepath.Join(dir, "data")}
	if code, _, errOut := qualtrack(t, env, "", "audit", "verify"); code != 2 || !strings.Contains(errOut, "QUALTRACK_LOG_LEVEL") {
		t.Fatalf("development did not read .env: %d %s", code, errOut)
	}
	prod := map[string]string{"QUALTRACK_DATA_DIR": filepath.Join(dir, "data"), "QUALTRACK_ENV": "production",
		"QUALTRACK_JWT_SECRET": "k7Rq2vX9mW4tZ8pL3nB6cF1hJ5sD0gYa", "QUALTRACK_ENCRYPTION_KEY": strings.Repeat("e", 32), "QUALTRACK_BASE_URL": "https://qt.example.com"}
	if code, _, errOut := qualtrack(t, prod, "", "audit", "verify"); code == 2 || strings.Contains(errOut, "QUALTRACK_LOG_LEVEL") {
		t.Fatalf("production read .env: %d %s", code, errOut)
	}
	testutil.Fatal(t, os.WriteFile(".env", []byte("QUALTRACK_ENV=production\nQUALTRACK_LOG_LEVEL=chatty\n"), 0o600), "write .env")
	if code, _, errOut := qualtrack(t, env, "", "audit", "verify"); code == 2 {
		t.Fatalf("a .env asking for production was read: %d %s", code, errOut)
	}
}

// Commands that read a database do not create an empty one where there
// is none; a PostgreSQL that cannot be reached is one line; serve on a
// database without users says how to create the first admin, and prints
// demo sign-ins only when it seeded them.
func TestOperatorMessages(t *testing.T) {
	t.Chdir(t.TempDir())
	for _, args := range [][]string{{"audit", "verify"}, {"audit", "head"}, {"backup", "--out", "b"}} {
		code, _, errOut := qualtrack(t, map[string]string{}, "", args...)
		if code != 1 || !strings.Contains(errOut, "there is no database at data/qualtrack.db") {
			t.Fatalf("%v outside a data directory: %d %s", args, code, errOut)
		}
		if _, err := os.Stat("data"); !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("%v created a data directory", args)
		}
	}
	code, _, errOut := qualtrack(t, map[string]string{"QUALTRACK_DATABASE_URL": "postgres://x@127.0.0.1:1/db?connect_timeout=2"}, "", "migrate", "status")
	if code != 1 || strings.Count(strings.TrimSpace(errOut), "\n") != 0 || !strings.Contains(errOut, "cannot connect to PostgreSQL") {
		t.Fatalf("unreachable database: %d\n%s", code, errOut)
	}

	env := testEnv(t)
	env["QUALTRACK_LOG_LEVEL"] = "info"
	out, logs := serveOnce(t, env, "qualtrack user create --role admin")
	if !strings.Contains(out, "qualtrack user create --role admin") || strings.Contains(logs, "inspection intervals changed") {
		t.Fatalf("serve on a new database without users:\n%s\n%s", out, logs)
	}
	demo := testEnv(t)
	demo["QUALTRACK_DEMO"] = "true"
	if out, _ := serveOnce(t, demo, "Demo sign-ins"); !strings.Contains(out, "Demo sign-ins") {
		t.Fatalf("first demo start:\n%s", out)
	}
	env["QUALTRACK_DEMO"] = "true"
	qualtrack(t, env, "", "user", "create", "--role", "admin", "--email", "ops@example.com", "--name", "Ops")
	if out, _ := serveOnce(t, env, "no demo data was added"); strings.Contains(out, "Demo sign-ins") || !strings.Contains(out, "no demo data was added") {
		t.Fatalf("demo asked for on a database with users:\n%s", out)
	}
}

// serveOnce runs serve until its output says want (or two minutes pass:
// seeding the demo data under the race detector is slow),
// then stops it and returns what it printed and logged.
func serveOnce(t *testing.T, env map[string]string, want string) (string, string) {
	t.Helper()
	env["QUALTRACK_ADDR"] = "127.0.0.1:0"
	ctx, cancel := context.WithCancel(context.Background())
	var out, errOut lockedBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"qualtrack", "serve"}, func(k string) string { return env[k] }, strings.NewReader(""), &out, &errOut)
	}()
	deadline := time.Now().Add(2 * time.Minute)
	for !strings.Contains(out.String(), want) && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	if code := <-done; code != 0 {
		t.Fatalf("serve exited %d: %s", code, errOut.String())
	}
	return out.String(), errOut.String()
}
