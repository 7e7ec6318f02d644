package main

import (
	"strings"
	"testing"
)

// qualtrack seed --sites N ...: bulk data with the first admin from the
// environment, refused into a database that has records, refused without
// a mode and in production.
func TestSeedBulk(t *testing.T) {
	t.Parallel()
	env := testEnv(t)
	env["QUALTRACK_ADMIN_EMAIL"] = "bench@example.com"
	env["QUALTRACK_ADMIN_PASSWORD"] = "bench admin password"
	code, out, stderr := qualtrack(t, env, "", "seed", "--sites", "30", "--inspections", "300", "--findings", "100", "--certifications", "40")
	if code != 0 || !strings.Contains(out, "30 sites, 300 inspections, 100 findings, 40 certifications") {
		t.Fatalf("exit %d: %s %s", code, out, stderr)
	}
	code, out, _ = qualtrack(t, env, "", "audit", "verify")
	if code != 0 || !strings.Contains(out, "audit chain valid: 2 events") { // the first admin, seed.bulk
		t.Fatalf("audit verify: %d %s", code, out)
	}
	if code, _, stderr := qualtrack(t, env, "", "seed", "--sites", "5"); code != 1 || !strings.Contains(stderr, "empty") {
		t.Fatalf("second bulk seed: exit %d: %s", code, stderr)
	}
	if code, _, stderr := qualtrack(t, env, "", "seed"); code != 1 || !strings.Contains(stderr, "usage") {
		t.Fatalf("seed without a mode: exit %d: %s", code, stderr)
	}
	prod := testEnv(t)
	prod["QUALTRACK_ENV"] = "production"
	prod["QUALTRACK_JWT_SECRET"] = "k7Rq2vX9mW4tZ8pL3nB6cF1hJ5sD0gYa"
	prod["QUALTRACK_ENCRYPTION_KEY"] = strings.Repeat("e", 32)
	prod["QUALTRACK_BASE_URL"] = "https://qt.example.com"
	if code, _, stderr := qualtrack(t, prod, "", "seed", "--sites", "5"); code != 1 || !strings.Contains(stderr, "production") {
		t.Fatalf("bulk seed in production: exit %d: %s", code, stderr)
	}
}
