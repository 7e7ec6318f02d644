package config

import (
	"net"
	"strings"
)

// loadObservability reads the metrics and profiling listeners. Both are
// off unless set. Profiles show code paths and memory, so pprof listens on
// loopback only; metrics may listen anywhere the scraper can reach (they
// carry counts and durations, never records).
func loadObservability(c *Config, getenv func(string) string, bad func(name, format string, a ...any)) {
	if v := strings.TrimSpace(getenv("QUALTRACK_METRICS_ADDR")); v != "" {
		if _, _, err := net.SplitHostPort(v); err != nil {
			bad("QUALTRACK_METRICS_ADDR", "must be host:port, e.g. 127.0.0.1:9090 (%v)", err)
		}
		c.MetricsAddr = v
	}
	if v := strings.TrimSpace(getenv("QUALTRACK_PPROF_ADDR")); v != "" {
		host, _, err := net.SplitHostPort(v)
		if err != nil {
			bad("QUALTRACK_PPROF_ADDR", "must be host:port on loopback, e.g. 127.0.0.1:6060 (%v)", err)
		} else if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
			bad("QUALTRACK_PPROF_ADDR", "must be a loopback address (127.0.0.1, ::1 or localhost), not %q: profiles are for the machine's operator only", host)
		}
		c.PprofAddr = v
	}
}
