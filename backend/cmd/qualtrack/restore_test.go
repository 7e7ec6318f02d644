package main

import (
	"bytes"
	"context"
	"encoding/base32"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/auth"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// documentedRestore is the shell block of docs/operations.md marked
// <!-- restore:sqlite -->, with its two paths set to backup and data.
func documentedRestore(t *testing.T, backup, data string) string {
	t.Helper()
	doc, err := os.ReadFile(filepath.Join("..", "..", "..", "docs", "operations.md"))
	testutil.Fatal(t, err, "read docs/operations.md")
	m := regexp.MustCompile("(?s)<!-- restore:sqlite -->\\s*```sh\\n(.*?)```").FindSubmatch(doc)
	if m == nil {
		t.Fatal("docs/operations.md has no restore:sqlite block")
	}
	script := string(m[1])
	for name, value := range map[string]string{"BACKUP": backup, "DATA": data} {
		re := regexp.MustCompile("(?m)^" + name + "=\\S+")
		if !re.MatchString(script) {
			t.Fatalf("the restore block does not set %s", name)
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
