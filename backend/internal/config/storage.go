package config

import (
	"strconv"
	"strings"
	"time"
)

// Defaults of the storage settings.
const (
	// DefaultDatabaseTimeout bounds a database call or transaction.
	DefaultDatabaseTimeout = 30 * time.Second
	// DefaultMinFreeDiskMB is the free space under which /readyz says the
	// data directory is full.
	DefaultMinFreeDiskMB = 100
)

// loadStorage reads how long database calls may take and how much free
// space the data directory needs to count as ready.
func loadStorage(c *Config, getenv func(string) string, bad func(name, format string, a ...any)) {
	c.DatabaseTimeout = DefaultDatabaseTimeout
	c.MinFreeDiskMB = DefaultMinFreeDiskMB
	if v := strings.TrimSpace(getenv("QUALTRACK_DATABASE_TIMEOUT")); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < 100*time.Millisecond || d > 10*time.Minute {
			bad("QUALTRACK_DATABASE_TIMEOUT", "must be a duration from 100ms to 10m, e.g. 30s, not %q", v)
		}
		c.DatabaseTimeout = d
	}
	if v := strings.TrimSpace(getenv("QUALTRACK_MIN_FREE_DISK_MB")); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 || n > 1<<20 {
			bad("QUALTRACK_MIN_FREE_DISK_MB", "must be a whole number of megabytes from 0 to 1048576, not %q", v)
		}
		c.MinFreeDiskMB = n
	}
}
