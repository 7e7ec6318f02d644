package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/database"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// TestAuditVerifyChecksSignedCheckpoints: `audit verify` checks every
// checkpoint in the log with the checkpoint key, so events removed from
// the end of the chain (which leaves a chain consistent in itself) are
// caught, and so is a checkpoint not signed by the key.
func TestAuditVerifyChecksSignedCheckpoints(t *testing.T) {
	t.Parallel()
	env := testEnv(t)
	for _, email := range []string{"a@example.com", "b@example.com"} {
		if code, _, errOut := qualtrack(t, env, "", "user", "create", "--email", email, "--name", "A", "--role", "admin"); code != 0 {
			t.Fatalf("user create: %s", errOut)
		}
	}
	// A signed head is a checkpoint; publish one into the log.
	headFile := filepath.Join(t.TempDir(), "head.json")
	if code, out, errOut := qualtrack(t, env, "", "audit", "head", "--out", headFile); code != 0 {
		t.Fatalf("audit head: %d %s %s", code, out, errOut)
	}
	raw, err := os.ReadFile(headFile)
	testutil.Fatal(t, err, "read head")
	if !strings.Contains(string(raw), `"signature"`) {
		t.Fatalf("exported head is not signed: %s", raw)
	}
	line := strings.Join(strings.Fields(string(raw)), "") + "\n"
	logFile := filepath.Join(env["QUALTRACK_DATA_DIR"], "checkpoints.jsonl")
	testutil.Fatal(t, os.WriteFile(logFile, []byte(line), 0o644), "write log")
	code, out, _ := qualtrack(t, env, "", "audit", "verify")
	if code != 0 || !strings.Contains(out, "signed checkpoints valid: 1") {
		t.Fatalf("verify with a checkpoint: %d %q", code, out)
	}
	// An auditor's copy of the public key is enough.
	pub := filepath.Join(t.TempDir(), "checkpoint.pub")
	keyPEM, err := os.ReadFile(filepath.Join(env["QUALTRACK_DATA_DIR"], "checkpoint.key"))
	testutil.Fatal(t, err, "read key")
	key, err := audit.ParsePublicKeyPEM(keyPEM)
	testutil.Fatal(t, err, "public key")
	testutil.Fatal(t, os.WriteFile(pub, []byte(key.PEM()), 0o644), "write public key")
	if code, out, _ := qualtrack(t, env, "", "audit", "verify", "--public-key", pub, "--checkpoints", logFile); code != 0 {
		t.Fatalf("verify with the public key: %d %q", code, out)
	}
	// Another key's public key does not vouch for the checkpoint.
	otherKey := filepath.Join(t.TempDir(), "other.key")
	if _, err := audit.LoadOrCreateKey(otherKey); err != nil {
		t.Fatal(err)
	}
	if code, out, _ := qualtrack(t, env, "", "audit", "verify", "--public-key", otherKey); code != 1 || !strings.Contains(out, "FAILED") {
		t.Fatalf("a checkpoint checked with another key: %d %q", code, out)
	}

	// The database owner removes the newest event: the chain alone looks fine.
	dsn, dialect := env["QUALTRACK_DATABASE_URL"], database.Postgres
	if dsn == "" {
		dialect, dsn = database.SQLite, filepath.Join(env["QUALTRACK_DATA_DIR"], "qualtrack.db")
	}
	db, err := database.Open(context.Background(), database.Options{Dialect: dialect, DSN: dsn})
	testutil.Fatal(t, err, "open")
	testutil.TamperWithAudit(t, db, "DELETE FROM audit_events WHERE sequence = 2")
	database.Close(db)
	code, out, _ = qualtrack(t, env, "", "audit", "verify")
	if code != 1 || !strings.Contains(out, "audit chain valid: 1 events") || !strings.Contains(out, "signed checkpoint FAILED") || !strings.Contains(out, "event 2 is gone") {
		t.Fatalf("a cut-short chain passed its checkpoints: %d %q", code, out)
	}
}
