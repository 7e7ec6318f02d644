package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base32"
	"encoding/hex"
	"encoding/json"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/auth"
	"github.com/qualtrack/qualtrack/backend/internal/database"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// documentedRestore is the shell block of docs/operations.md marked
// <!-- restore:sqlite -->, with its two paths set to backup and data.
func documentedRestore(t *testing.T, backup, data string) string {
	t.Helper()
	return documentedBlock(t, "<!-- restore:sqlite -->", map[string]string{"BACKUP": backup, "DATA": data})
}

// documentedBlock is the shell block of docs/operations.md after marker,
// with each variable of vars set where the block sets it.
func documentedBlock(t *testing.T, marker string, vars map[string]string) string {
	t.Helper()
	doc, err := os.ReadFile(filepath.Join("..", "..", "..", "docs", "operations.md"))
	testutil.Fatal(t, err, "read docs/operations.md")
	m := regexp.MustCompile("(?s)" + regexp.QuoteMeta(marker) + "\\s*```sh\\n(.*?)```").FindSubmatch(doc)
	if m == nil {
		t.Fatalf("docs/operations.md has no %s block", marker)
	}
	script := string(m[1])
	for name, value := range vars {
		re := regexp.MustCompile("(?m)^" + name + "=\\S+")
		if !re.MatchString(script) {
			t.Fatalf("the %s block does not set %s", marker, name)
		}
		script = re.ReplaceAllLiteralString(script, name+"='"+value+"'")
	}
	return script
}

// docs/operations.md's SQLite restore, run as written onto a new host: a
// two-factor user signs in with a code afterwards. Started with another
// encryption key, qualtrack refuses to start and says why, rather than
// answering that user's sign-in with a 500. The block fails, changing
// nothing, when a path is wrong.
func TestDocumentedRestoreKeepsTwoFactorUsers(t *testing.T) {
	t.Parallel()
	if os.Getenv(testutil.PostgresURLEnv) != "" {
		t.Skip("qualtrack backup is for SQLite; PostgreSQL is backed up with pg_dump")
	}
	const email, password = "admin@example.com", "restore test admin password"
	env := testEnv(t)
	env["QUALTRACK_ADMIN_EMAIL"], env["QUALTRACK_ADMIN_PASSWORD"] = email, password
	addr, stop := startServe(t, env)
	c := newAPIClient(addr)
	c.login(t, email, password)
	var enrol struct {
		Secret string `json:"secret"`
	}
	c.mustJSON(t, "POST", "/api/v1/me/totp/enrol", map[string]string{"password": password}, 200, &enrol)
	key, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(enrol.Secret)
	testutil.Fatal(t, err, "decode secret")
	step := auth.TOTPStep(time.Now())
	c.mustJSON(t, "POST", "/api/v1/me/totp/confirm", map[string]string{"code": auth.TOTPCode(key, step, auth.TOTPDigits)}, 200, nil)
	if code := stop(); code != 0 {
		t.Fatalf("serve exited %d", code)
	}
	backup := filepath.Join(t.TempDir(), "qualtrack-backup")
	if code, out, errOut := qualtrack(t, env, "", "backup", "--out", backup); code != 0 {
		t.Fatalf("backup: %d %s %s", code, out, errOut)
	}

	// A new host: an empty data directory of its own.
	host := t.TempDir()
	bash := func(script string) (string, error) {
		cmd := exec.Command("bash", "-c", script)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		err := cmd.Run()
		return out.String(), err
	}
	if out, err := bash(documentedRestore(t, filepath.Join(t.TempDir(), "no-such-backup"), host)); err == nil {
		t.Fatalf("the restore block went on without a backup: %s", out)
	}
	if entries, _ := os.ReadDir(host); len(entries) != 0 {
		t.Fatalf("a failed restore left %d entries in the data directory", len(entries))
	}
	if out, err := bash(documentedRestore(t, backup, host)); err != nil {
		t.Fatalf("the documented restore failed: %v\n%s", err, out)
	}
	renv := map[string]string{"QUALTRACK_DATA_DIR": host, "QUALTRACK_LOG_LEVEL": "error"}
	if code, out, _ := qualtrack(t, renv, "", "audit", "verify"); code != 0 {
		t.Fatalf("restored audit chain: %d %s", code, out)
	}

	// Without the old installation's key the start stops, naming the setting.
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var out, errOut bytes.Buffer
	renv["QUALTRACK_ADDR"] = "127.0.0.1:0"
	code := run(ctx, []string{"qualtrack", "serve"}, func(k string) string { return renv[k] }, strings.NewReader(""), &out, &errOut)
	if code != 1 || !strings.Contains(errOut.String(), "QUALTRACK_ENCRYPTION_KEY does not decrypt the two-factor secrets of 1 user(s)") ||
		strings.Count(strings.TrimSpace(errOut.String()), "\n") != 0 {
		t.Fatalf("serve with another key: %d\n%s", code, errOut.String())
	}

	// With it, the two-factor user signs in.
	oldKey, err := os.ReadFile(filepath.Join(env["QUALTRACK_DATA_DIR"], "encryption-key"))
	testutil.Fatal(t, err, "the old host's key")
	renv["QUALTRACK_ENCRYPTION_KEY"] = strings.TrimSpace(string(oldKey))
	raddr, rstop := startServe(t, renv)
	rc := newAPIClient(raddr)
	status, body, err := rc.json("POST", "/api/v1/auth/login", map[string]string{"email": email, "password": password})
	var first struct {
		TOTPRequired bool   `json:"totp_required"`
		Challenge    string `json:"challenge"`
	}
	_ = json.Unmarshal(body, &first)
	if err != nil || status != 200 || !first.TOTPRequired || first.Challenge == "" {
		t.Fatalf("sign-in after the restore: %d %s %v", status, body, err)
	}
	next := auth.TOTPCode(key, auth.TOTPStep(time.Now())+1, auth.TOTPDigits)
	status, body, err = rc.json("POST", "/api/v1/auth/login/totp", map[string]string{"challenge": first.Challenge, "code": next})
	if err != nil || status != 200 || !strings.Contains(string(body), `"token"`) {
		t.Fatalf("two-factor sign-in after the restore: %d %s %v", status, body, err)
	}
	if code := rstop(); code != 0 {
		t.Fatalf("restored serve exited %d", code)
	}
}

// docs/operations.md's PostgreSQL backup and restore, run as written: a
// dump of one database restored into a new one with the attachments; the
// restored chain verifies, another encryption key stops the start with a
// clear message, and with the old installation's key a two-factor user
// signs in with a code. The restore block fails, changing nothing, when
// the dump is not there.
func TestDocumentedPostgresRestoreKeepsTwoFactorUsers(t *testing.T) {
	t.Parallel()
	base := os.Getenv(testutil.PostgresURLEnv)
	if base == "" {
		t.Skip("the PostgreSQL backup and restore need a PostgreSQL server: set " + testutil.PostgresURLEnv)
	}
	src, dst := newPostgresDatabase(t, base), newPostgresDatabase(t, base)
	const email, password = "admin@example.com", "restore test admin password"
	env := map[string]string{"QUALTRACK_DATA_DIR": t.TempDir(), "QUALTRACK_LOG_LEVEL": "error", "QUALTRACK_DATABASE_URL": src,
		"QUALTRACK_ADMIN_EMAIL": email, "QUALTRACK_ADMIN_PASSWORD": password}
	addr, stop := startServe(t, env)
	c := newAPIClient(addr)
	c.login(t, email, password)
	var enrol struct {
		Secret string `json:"secret"`
	}
	c.mustJSON(t, "POST", "/api/v1/me/totp/enrol", map[string]string{"password": password}, 200, &enrol)
	key, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(enrol.Secret)
	testutil.Fatal(t, err, "decode secret")
	c.mustJSON(t, "POST", "/api/v1/me/totp/confirm", map[string]string{"code": auth.TOTPCode(key, auth.TOTPStep(time.Now()), auth.TOTPDigits)}, 200, nil)
	if code := stop(); code != 0 {
		t.Fatalf("serve exited %d", code)
	}
	// An attachment file to carry over (the block copies the directory).
	files := filepath.Join(env["QUALTRACK_DATA_DIR"], "attachments", "ab")
	testutil.Fatal(t, os.MkdirAll(files, 0o755), "attachments")
	testutil.Fatal(t, os.WriteFile(filepath.Join(files, "ab12"), []byte("evidence"), 0o644), "attachment")

	bash := func(script string) (string, error) {
		cmd := exec.Command("bash", "-c", script)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		err := cmd.Run()
		return out.String(), err
	}
	out := t.TempDir()
	if log, err := bash(documentedBlock(t, "<!-- backup:postgres -->", map[string]string{"DB_URL": src, "DATA": env["QUALTRACK_DATA_DIR"], "OUT": out})); err != nil {
		t.Fatalf("the documented backup failed: %v\n%s", err, log)
	}
	dumps, _ := filepath.Glob(filepath.Join(out, "qualtrack-*.dump"))
	if len(dumps) != 1 {
		t.Fatalf("the backup left %v", dumps)
	}

	host := t.TempDir()
	restore := func(dump string) (string, error) {
		return bash(documentedBlock(t, "<!-- restore:postgres -->", map[string]string{
			"DB_URL": dst, "DUMP": dump, "FILES": filepath.Join(out, "attachments"), "DATA": host}))
	}
	if log, err := restore(filepath.Join(out, "no-such.dump")); err == nil {
		t.Fatalf("the restore block went on without a dump: %s", log)
	}
	if entries, _ := os.ReadDir(host); len(entries) != 0 {
		t.Fatalf("a failed restore left %d entries in the data directory", len(entries))
	}
	if log, err := restore(dumps[0]); err != nil {
		t.Fatalf("the documented restore failed: %v\n%s", err, log)
	}
	if got, err := os.ReadFile(filepath.Join(host, "attachments", "ab", "ab12")); err != nil || string(got) != "evidence" {
		t.Fatalf("the attachment was not restored: %q %v", got, err)
	}
	renv := map[string]string{"QUALTRACK_DATA_DIR": host, "QUALTRACK_LOG_LEVEL": "error", "QUALTRACK_DATABASE_URL": dst}
	if code, stdout, _ := qualtrack(t, renv, "", "audit", "verify"); code != 0 {
		t.Fatalf("restored audit chain: %d %s", code, stdout)
	}

	// Without the old installation's key the start stops, naming the setting.
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var stdout, stderr bytes.Buffer
	renv["QUALTRACK_ADDR"] = "127.0.0.1:0"
	code := run(ctx, []string{"qualtrack", "serve"}, func(k string) string { return renv[k] }, strings.NewReader(""), &stdout, &stderr)
	if code != 1 || !strings.Contains(stderr.String(), "QUALTRACK_ENCRYPTION_KEY does not decrypt the two-factor secrets of 1 user(s)") {
		t.Fatalf("serve with another key: %d\n%s", code, stderr.String())
	}

	// With it, the two-factor user signs in.
	oldKey, err := os.ReadFile(filepath.Join(env["QUALTRACK_DATA_DIR"], "encryption-key"))
	testutil.Fatal(t, err, "the old installation's key")
	renv["QUALTRACK_ENCRYPTION_KEY"] = strings.TrimSpace(string(oldKey))
	raddr, rstop := startServe(t, renv)
	rc := newAPIClient(raddr)
	status, body, err := rc.json("POST", "/api/v1/auth/login", map[string]string{"email": email, "password": password})
	var first struct {
		TOTPRequired bool   `json:"totp_required"`
		Challenge    string `json:"challenge"`
	}
	_ = json.Unmarshal(body, &first)
	if err != nil || status != 200 || !first.TOTPRequired || first.Challenge == "" {
		t.Fatalf("sign-in after the restore: %d %s %v", status, body, err)
	}
	next := auth.TOTPCode(key, auth.TOTPStep(time.Now())+1, auth.TOTPDigits)
	status, body, err = rc.json("POST", "/api/v1/auth/login/totp", map[string]string{"challenge": first.Challenge, "code": next})
	if err != nil || status != 200 || !strings.Contains(string(body), `"token"`) {
		t.Fatalf("two-factor sign-in after the restore: %d %s %v", status, body, err)
	}
	if code := rstop(); code != 0 {
		t.Fatalf("restored serve exited %d", code)
	}
}

// newPostgresDatabase creates an empty database of the test's own on the
// server of base (pg_dump works on whole databases) and returns its URL;
// it is dropped when the test ends.
func newPostgresDatabase(t *testing.T, base string) string {
	t.Helper()
	admin, err := database.Open(context.Background(), database.Options{Dialect: database.Postgres, DSN: base})
	testutil.Fatal(t, err, "open postgres")
	defer database.Close(admin)
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	name := "qt_restore_" + hex.EncodeToString(b)
	testutil.Fatal(t, admin.Exec("CREATE DATABASE "+name).Error, "create database")
	t.Cleanup(func() {
		if db, err := database.Open(context.Background(), database.Options{Dialect: database.Postgres, DSN: base}); err == nil {
			db.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
			database.Close(db)
		}
	})
	u, err := url.Parse(base)
	testutil.Fatal(t, err, "parse "+testutil.PostgresURLEnv)
	u.Path = "/" + name
	return u.String()
}
