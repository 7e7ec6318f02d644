package config

import (
	"net/url"
	"strings"
	"time"
)

// HTTPTimeouts bound how long the server waits for a client, so a slow or
// stalled client (slowloris) cannot hold connections open.
type HTTPTimeouts struct {
	// ReadHeader is the time a client has to send its request headers.
	ReadHeader time.Duration
	// Read is the time to read a whole request, body included (uploads).
	Read time.Duration
	// Write is the time to write a response (large downloads, reports).
	Write time.Duration
	// Idle is how long a kept-alive connection waits for its next request.
	Idle time.Duration
	// Shutdown is how long SIGTERM waits for requests in flight.
	Shutdown time.Duration
}

// DefaultHTTPTimeouts are the timeouts without configuration.
var DefaultHTTPTimeouts = HTTPTimeouts{
	ReadHeader: 10 * time.Second,
	Read:       2 * time.Minute,
	Write:      5 * time.Minute,
	Idle:       2 * time.Minute,
	Shutdown:   30 * time.Second,
}

func loadHTTPTimeouts(getenv func(string) string, bad func(name, format string, a ...any)) HTTPTimeouts {
	t := DefaultHTTPTimeouts
	for _, v := range []struct {
		name string
		dst  *time.Duration
	}{
		{"QUALTRACK_HTTP_READ_HEADER_TIMEOUT", &t.ReadHeader},
		{"QUALTRACK_HTTP_READ_TIMEOUT", &t.Read},
		{"QUALTRACK_HTTP_WRITE_TIMEOUT", &t.Write},
		{"QUALTRACK_HTTP_IDLE_TIMEOUT", &t.Idle},
		{"QUALTRACK_SHUTDOWN_TIMEOUT", &t.Shutdown},
	} {
		s := strings.TrimSpace(getenv(v.name))
		if s == "" {
			continue
		}
		d, err := time.ParseDuration(s)
		if err != nil || d < 100*time.Millisecond || d > time.Hour {
			bad(v.name, "must be a duration between 100ms and 1h, e.g. 10s, not %q", s)
			continue
		}
		*v.dst = d
	}
	return t
}

// loadCORSOrigins reads QUALTRACK_CORS_ORIGINS: comma-separated exact
// origins. A wildcard is refused: the API answers with credentials, and a
// credentialed answer must name the one origin it trusts.
func loadCORSOrigins(getenv func(string) string, bad func(name, format string, a ...any)) []string {
	v := strings.TrimSpace(getenv("QUALTRACK_CORS_ORIGINS"))
	if v == "" {
		return nil
	}
	var out []string
	for _, o := range strings.Split(v, ",") {
		o = strings.TrimSpace(o)
		if o == "" {
			continue
		}
		origin, ok := parseOrigin(o)
		if !ok {
			bad("QUALTRACK_CORS_ORIGINS", "%q is not an origin; write scheme and host only, e.g. https://app.example.com (no path, no *)", o)
			continue
		}
		out = append(out, origin)
	}
	return out
}

// parseOrigin accepts http(s)://host[:port] and returns it as browsers
// send it in the Origin header: scheme and host in lower case.
func parseOrigin(s string) (string, bool) {
	u, err := url.Parse(s)
	if err != nil || u.Host == "" || u.User != nil || u.Path != "" || u.RawQuery != "" ||
		u.Fragment != "" || u.Opaque != "" || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "#") {
		return "", false
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "https" {
		return "", false
	}
	if strings.ContainsAny(u.Host, "*") || u.Hostname() == "" {
		return "", false
	}
	if p := u.Port(); p != "" && strings.TrimLeft(p, "0123456789") != "" {
		return "", false
	}
	return scheme + "://" + strings.ToLower(u.Host), true
}
