package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The database deadline and the free-space floor of /readyz have defaults
// that .env.example shows, take valid values and name the variable of a
// bad one.
func TestStorageSettings(t *testing.T) {
	c, err := Load(env(nil))
	if err != nil || c.DatabaseTimeout != DefaultDatabaseTimeout || c.MinFreeDiskMB != DefaultMinFreeDiskMB {
		t.Fatalf("defaults: %v %v %v", c.DatabaseTimeout, c.MinFreeDiskMB, err)
	}
	raw, err := os.ReadFile(filepath.Join("..", "..", "..", ".env.example"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{"QUALTRACK_DATABASE_TIMEOUT=30s", "QUALTRACK_MIN_FREE_DISK_MB=100"} {
		if !strings.Contains(string(raw), "\n"+line+"\n") {
			t.Errorf(".env.example lacks %s", line)
		}
	}
	c, err = Load(env(map[string]string{"QUALTRACK_DATABASE_TIMEOUT": "250ms", "QUALTRACK_MIN_FREE_DISK_MB": "0"}))
	if err != nil || c.DatabaseTimeout != 250*time.Millisecond || c.MinFreeDiskMB != 0 {
		t.Fatalf("set: %v %v %v", c.DatabaseTimeout, c.MinFreeDiskMB, err)
	}
	for name, v := range map[string]string{"QUALTRACK_DATABASE_TIMEOUT": "0s", "QUALTRACK_MIN_FREE_DISK_MB": "-1"} {
		if _, err := Load(env(map[string]string{name: v})); err == nil || !strings.Contains(err.Error(), name+":") {
			t.Errorf("%s=%s: %v", name, v, err)
		}
	}
	if _, err := Load(env(map[string]string{"QUALTRACK_DATABASE_TIMEOUT": "forever"})); err == nil {
		t.Error("a timeout that is not a duration was accepted")
	}
}
