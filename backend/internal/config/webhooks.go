package config

import (
	"net/netip"
	"strconv"
	"strings"
	"time"
)

// Webhooks configure outbound webhook delivery.
type Webhooks struct {
	// AllowPrivate names hosts, addresses and networks (CIDR) webhooks may
	// reach although they are loopback, link-local or private.
	AllowPrivate []string
	// Hosts, when set, are the only hosts webhooks may be delivered to
	// ("*.example.com" for a whole domain).
	Hosts []string
	// PauseAfter consecutive failed deliveries pause an endpoint.
	PauseAfter int
	// Timeout bounds one delivery.
	Timeout time.Duration
}

// loadWebhooks reads QUALTRACK_WEBHOOK_*.
func loadWebhooks(c *Config, getenv func(string) string, bad func(name, format string, a ...any)) {
	c.Webhooks = Webhooks{PauseAfter: 10, Timeout: 10 * time.Second}
	for _, v := range splitList(getenv("QUALTRACK_WEBHOOK_ALLOW_HOSTS")) {
		if strings.Contains(v, "/") {
			if _, err := netip.ParsePrefix(v); err != nil {
				bad("QUALTRACK_WEBHOOK_ALLOW_HOSTS", "%q is not a network such as 10.1.0.0/16", v)
				continue
			}
		}
		c.Webhooks.AllowPrivate = append(c.Webhooks.AllowPrivate, v)
	}
	c.Webhooks.Hosts = splitList(getenv("QUALTRACK_WEBHOOK_HOSTS"))
	if v := strings.TrimSpace(getenv("QUALTRACK_WEBHOOK_PAUSE_AFTER")); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1000 {
			bad("QUALTRACK_WEBHOOK_PAUSE_AFTER", "must be a number of failed deliveries from 1 to 1000, not %q", v)
		}
		c.Webhooks.PauseAfter = n
	}
	if v := strings.TrimSpace(getenv("QUALTRACK_WEBHOOK_TIMEOUT")); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < time.Second || d > time.Minute {
			bad("QUALTRACK_WEBHOOK_TIMEOUT", "must be a duration from 1s to 1m, such as 10s, not %q", v)
		}
		c.Webhooks.Timeout = d
	}
}

func splitList(v string) []string {
	var out []string
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
