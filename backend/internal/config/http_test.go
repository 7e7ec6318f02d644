package config

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestCORSOrigins(t *testing.T) {
	c, err := Load(env(nil))
	if err != nil || c.CORSOrigins != nil {
		t.Fatalf("default: %v %v, want no origins", c.CORSOrigins, err)
	}
	c, err = Load(env(map[string]string{"QUALTRACK_CORS_ORIGINS": " https://App.Example.com , http://localhost:5173,"}))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"https://app.example.com", "http://localhost:5173"}; !slices.Equal(c.CORSOrigins, want) {
		t.Fatalf("origins %q, want %q", c.CORSOrigins, want)
	}
	for _, bad := range []string{
		"*", "https://*.example.com", "app.example.com", "ftp://app.example.com", "https://app.example.com/",
		"https://app.example.com/app", "https://app.example.com?x=1", "https://app.example.com#x",
		"https://user@app.example.com", "https://", "null", "https://app.example.com:port",
		"https://ok.example.com,https://app.example.com/path",
	} {
		_, err := Load(env(map[string]string{"QUALTRACK_CORS_ORIGINS": bad}))
		if err == nil || !strings.Contains(err.Error(), "QUALTRACK_CORS_ORIGINS") {
			t.Errorf("%q accepted (%v)", bad, err)
		}
	}
}

func TestHTTPTimeouts(t *testing.T) {
	c, err := Load(env(nil))
	if err != nil || c.HTTP != DefaultHTTPTimeouts {
		t.Fatalf("defaults %+v %v", c.HTTP, err)
	}
	if c.HTTP.ReadHeader != 10*time.Second || c.HTTP.Write != 5*time.Minute || c.HTTP.Shutdown != 30*time.Second {
		t.Fatalf("defaults changed: %+v", c.HTTP)
	}
	c, err = Load(env(map[string]string{
		"QUALTRACK_HTTP_READ_HEADER_TIMEOUT": "500ms", "QUALTRACK_HTTP_READ_TIMEOUT": "1m",
		"QUALTRACK_HTTP_WRITE_TIMEOUT": "10m", "QUALTRACK_HTTP_IDLE_TIMEOUT": "30s", "QUALTRACK_SHUTDOWN_TIMEOUT": "5s",
	}))
	if err != nil {
		t.Fatal(err)
	}
	want := HTTPTimeouts{ReadHeader: 500 * time.Millisecond, Read: time.Minute, Write: 10 * time.Minute, Idle: 30 * time.Second, Shutdown: 5 * time.Second}
	if c.HTTP != want {
		t.Fatalf("got %+v, want %+v", c.HTTP, want)
	}
	for _, name := range []string{"QUALTRACK_HTTP_READ_HEADER_TIMEOUT", "QUALTRACK_HTTP_READ_TIMEOUT", "QUALTRACK_HTTP_WRITE_TIMEOUT", "QUALTRACK_HTTP_IDLE_TIMEOUT", "QUALTRACK_SHUTDOWN_TIMEOUT"} {
		for _, v := range []string{"soon", "0", "10ms", "2h"} {
			if _, err := Load(env(map[string]string{name: v})); err == nil || !strings.Contains(err.Error(), name) {
				t.Errorf("%s=%q: %v", name, v, err)
			}
		}
	}
}

// .env.example lists every HTTP hardening variable with its default.
func TestEnvExampleHasHTTPDefaults(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "..", ".env.example"))
	if err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{}
	for _, line := range strings.Split(string(raw), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok && !strings.HasPrefix(line, "#") {
			vars[k] = v
		}
	}
	for _, name := range []string{"QUALTRACK_CORS_ORIGINS", "QUALTRACK_HTTP_READ_HEADER_TIMEOUT", "QUALTRACK_HTTP_READ_TIMEOUT",
		"QUALTRACK_HTTP_WRITE_TIMEOUT", "QUALTRACK_HTTP_IDLE_TIMEOUT", "QUALTRACK_SHUTDOWN_TIMEOUT"} {
		if _, ok := vars[name]; !ok {
			t.Errorf(".env.example lacks %s", name)
		}
	}
	c, err := Load(env(vars))
	if err != nil {
		t.Fatal(err)
	}
	if c.HTTP != DefaultHTTPTimeouts || c.CORSOrigins != nil {
		t.Fatalf(".env.example values %+v %v differ from the defaults %+v", c.HTTP, c.CORSOrigins, DefaultHTTPTimeouts)
	}
}
