package config

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Checkpoint e-mail takes plain addresses and needs the SMTP server the
// reminders use; a bad address or no SMTP server names the variable.
func TestCheckpointEmail(t *testing.T) {
	smtp := map[string]string{"QUALTRACK_SMTP_HOST": "mail.example.com", "QUALTRACK_SMTP_FROM": "qualtrack <qt@example.com>"}
	with := func(extra map[string]string) map[string]string {
		m := map[string]string{}
		for k, v := range smtp {
			m[k] = v
		}
		for k, v := range extra {
			m[k] = v
		}
		return m
	}
	c, err := Load(env(with(map[string]string{"QUALTRACK_CHECKPOINT_EMAIL": " auditor@example.com, ,cso@example.com "})))
	if err != nil || !slices.Equal(c.Checkpoints.Emails, []string{"auditor@example.com", "cso@example.com"}) {
		t.Fatalf("addresses: %v %v", c.Checkpoints.Emails, err)
	}
	for _, bad := range []string{"auditor at example", "Ann <ann@example.com>"} {
		if _, err := Load(env(with(map[string]string{"QUALTRACK_CHECKPOINT_EMAIL": bad}))); err == nil || !strings.Contains(err.Error(), "QUALTRACK_CHECKPOINT_EMAIL") {
			t.Errorf("%q: %v", bad, err)
		}
	}
	if _, err := Load(env(map[string]string{"QUALTRACK_CHECKPOINT_EMAIL": "auditor@example.com"})); err == nil ||
		!strings.Contains(err.Error(), "QUALTRACK_CHECKPOINT_EMAIL: needs an SMTP server") {
		t.Errorf("without SMTP: %v", err)
	}
	raw, err := os.ReadFile(filepath.Join("..", "..", "..", ".env.example"))
	if err != nil || !strings.Contains(string(raw), "\nQUALTRACK_CHECKPOINT_EMAIL=\n") {
		t.Errorf(".env.example lacks QUALTRACK_CHECKPOINT_EMAIL (%v)", err)
	}
}
