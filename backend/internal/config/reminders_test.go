package config

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"testing"
)

func TestReminderDefaults(t *testing.T) {
	c, err := Load(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.ReminderHour != 6 || c.BaseURL != "http://127.0.0.1:8080" || c.SMTP.Configured() ||
		c.SMTP.TLS != SMTPTLSStartTLS || c.SMTP.Port != 587 {
		t.Fatalf("unexpected defaults: hour %d, base %q, smtp %+v", c.ReminderHour, c.BaseURL, c.SMTP)
	}
	c, err = Load(env(map[string]string{"QUALTRACK_ADDR": "0.0.0.0:9000"}))
	if err != nil || c.BaseURL != "http://localhost:9000" {
		t.Fatalf("base URL from a wildcard address: %q %v", c.BaseURL, err)
	}
}

func TestSMTPSettings(t *testing.T) {
	full := map[string]string{
		"QUALTRACK_SMTP_HOST": "mail.example.com", "QUALTRACK_SMTP_FROM": "qualtrack <qt@example.com>",
		"QUALTRACK_SMTP_USERNAME": "qt", "QUALTRACK_SMTP_PASSWORD": "hunter2-smtp", "QUALTRACK_SMTP_TLS": "TLS",
		"QUALTRACK_BASE_URL": "https://qt.example.com/", "QUALTRACK_REMINDER_HOUR": "0",
	}
	c, err := Load(env(full))
	if err != nil {
		t.Fatal(err)
	}
	if !c.SMTP.Configured() || c.SMTP.Port != 465 || c.SMTP.TLS != SMTPTLSImplicit || c.SMTP.Password.Reveal() != "hunter2-smtp" ||
		c.BaseURL != "https://qt.example.com" || c.ReminderHour != 0 {
		t.Fatalf("settings not read: %+v %q %d", c.SMTP, c.BaseURL, c.ReminderHour)
	}
	// The password never shows when the configuration is printed or logged.
	var buf bytes.Buffer
	slog.New(slog.NewTextHandler(&buf, nil)).Info("config", "smtp", c.SMTP, "password", c.SMTP.Password)
	js, _ := json.Marshal(c.SMTP)
	for _, out := range []string{fmt.Sprintf("%v %+v %#v %s", c, c.SMTP, c.SMTP, c.SMTP.Password), buf.String(), string(js)} {
		if strings.Contains(out, "hunter2") {
			t.Errorf("password printed: %s", out)
		}
	}
}

func TestReminderSettingsNameTheVariable(t *testing.T) {
	base := map[string]string{"QUALTRACK_SMTP_HOST": "mail.example.com", "QUALTRACK_SMTP_FROM": "qt@example.com"}
	cases := []struct {
		name string
		set  map[string]string
	}{
		{"QUALTRACK_REMINDER_HOUR", map[string]string{"QUALTRACK_REMINDER_HOUR": "24"}},
		{"QUALTRACK_REMINDER_HOUR", map[string]string{"QUALTRACK_REMINDER_HOUR": "six"}},
		{"QUALTRACK_BASE_URL", map[string]string{"QUALTRACK_BASE_URL": "qt.example.com"}},
		{"QUALTRACK_BASE_URL", map[string]string{"QUALTRACK_BASE_URL": "ftp://qt.example.com"}},
		{"QUALTRACK_BASE_URL", map[string]string{"QUALTRACK_BASE_URL": "https://qt.example.com/?a=1"}},
		{"QUALTRACK_SMTP_TLS", map[string]string{"QUALTRACK_SMTP_TLS": "ssl"}},
		{"QUALTRACK_SMTP_PORT", map[string]string{"QUALTRACK_SMTP_PORT": "70000"}},
		{"QUALTRACK_SMTP_TIMEOUT", map[string]string{"QUALTRACK_SMTP_TIMEOUT": "2h"}},
		{"QUALTRACK_SMTP_TIMEOUT", map[string]string{"QUALTRACK_SMTP_TIMEOUT": "soon"}},
		{"QUALTRACK_SMTP_FROM", map[string]string{"QUALTRACK_SMTP_FROM": ""}},
		{"QUALTRACK_SMTP_FROM", map[string]string{"QUALTRACK_SMTP_FROM": "not an address"}},
		{"QUALTRACK_SMTP_HOST", map[string]string{"QUALTRACK_SMTP_HOST": "mail.example.com:25"}},
		{"QUALTRACK_SMTP_USERNAME", map[string]string{"QUALTRACK_SMTP_USERNAME": "qt"}},
		{"QUALTRACK_SMTP_TLS", map[string]string{"QUALTRACK_SMTP_USERNAME": "qt", "QUALTRACK_SMTP_PASSWORD": "pw", "QUALTRACK_SMTP_TLS": "none"}},
		{"QUALTRACK_SMTP_PASSWORD", map[string]string{"QUALTRACK_SMTP_HOST": "", "QUALTRACK_SMTP_PASSWORD": "pw"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := map[string]string{}
			for k, v := range base {
				m[k] = v
			}
			for k, v := range tc.set {
				m[k] = v
			}
			_, err := Load(env(m))
			if err == nil || !strings.Contains(err.Error(), tc.name) {
				t.Fatalf("%v: error %v does not name %s", tc.set, err, tc.name)
			}
			if strings.Contains(fmt.Sprint(err), "pw") && tc.set["QUALTRACK_SMTP_PASSWORD"] == "pw" {
				t.Fatalf("error shows the password: %v", err)
			}
		})
	}
	// Without TLS, credentials are accepted only for a mail server on this machine.
	if _, err := Load(env(map[string]string{"QUALTRACK_SMTP_HOST": "127.0.0.1", "QUALTRACK_SMTP_FROM": "qt@example.com",
		"QUALTRACK_SMTP_USERNAME": "qt", "QUALTRACK_SMTP_PASSWORD": "pw", "QUALTRACK_SMTP_TLS": "none"})); err != nil {
		t.Fatalf("local relay refused: %v", err)
	}
}

// .env.example documents every reminder variable with its default.
func TestEnvExampleListsReminderVariables(t *testing.T) {
	b, err := os.ReadFile("../../../.env.example")
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{"QUALTRACK_BASE_URL=", "QUALTRACK_REMINDER_HOUR=6", "QUALTRACK_SMTP_HOST=",
		"QUALTRACK_SMTP_PORT=", "QUALTRACK_SMTP_USERNAME=", "QUALTRACK_SMTP_PASSWORD=", "QUALTRACK_SMTP_FROM=", "QUALTRACK_SMTP_TLS=starttls",
		"QUALTRACK_SMTP_TIMEOUT=30s"} {
		if !strings.Contains(string(b), "\n"+v+"\n") {
			t.Errorf(".env.example lacks %s", v)
		}
	}
	// A .env copied from the example with another address: links follow it.
	vars := map[string]string{}
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok && !strings.HasPrefix(line, "#") {
			vars[k] = v
		}
	}
	vars["QUALTRACK_ADDR"] = "127.0.0.1:9090"
	c, err := Load(func(k string) string { return vars[k] })
	if err != nil {
		t.Fatal(err)
	}
	if c.BaseURL != "http://127.0.0.1:9090" {
		t.Fatalf("with QUALTRACK_ADDR=127.0.0.1:9090 the example's links point at %s", c.BaseURL)
	}
}
