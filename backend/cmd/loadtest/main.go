// Command loadtest drives a running qualtrack server with concurrent
// clients for a set time per scenario and prints requests per second and
// latency percentiles, with errors by status. It signs in once with the
// given credentials and sends the token as a Bearer header.
//
//	loadtest -url http://127.0.0.1:8080 -email admin@example.com -password ... \
//	         -clients 32 -writers 16 -duration 10s
//
// With -floor-db it also measures the floors for the sites list and the
// dashboard: the same SQL through database/sql, encoded with
// encoding/json, served by net/http with no framework, no auth, no cache
// and no logging.
//
// It only ever sends traffic to loopback addresses, and every run is
// bounded by -duration per scenario.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"time"
)

type options struct {
	baseURL       string
	email         string
	password      string
	clients       int
	writers       int
	mixedReaders  int
	mixedWriters  int
	reportClients int
	duration      time.Duration
	warmup        time.Duration
	scenarios     string
	floorDB       string
	label         string
	targetFactor  float64
	jsonOut       string
	mdOut         string
	pid           int
}

func main() {
	var o options
	flag.StringVar(&o.baseURL, "url", "http://127.0.0.1:8080", "server to load (loopback only)")
	flag.StringVar(&o.email, "email", os.Getenv("QUALTRACK_ADMIN_EMAIL"), "sign-in e-mail")
	flag.StringVar(&o.password, "password", os.Getenv("QUALTRACK_ADMIN_PASSWORD"), "sign-in password")
	flag.IntVar(&o.clients, "clients", 32, "concurrent clients for read scenarios")
	flag.IntVar(&o.writers, "writers", 16, "concurrent clients for the write scenario")
	flag.IntVar(&o.mixedReaders, "mixed-readers", 28, "readers of the mixed scenario")
	flag.IntVar(&o.mixedWriters, "mixed-writers", 4, "writers of the mixed scenario")
	flag.IntVar(&o.reportClients, "report-clients", 4, "concurrent clients for the report download")
	flag.DurationVar(&o.duration, "duration", 10*time.Second, "measured time per scenario (at most 5m)")
	flag.DurationVar(&o.warmup, "warmup", 2*time.Second, "unmeasured time before each scenario")
	flag.StringVar(&o.scenarios, "scenarios", "all", "comma-separated scenario names, or all")
	flag.StringVar(&o.floorDB, "floor-db", "", "measure the sites-list and dashboard floors on this database (SQLite file path or postgres:// URL)")
	flag.StringVar(&o.label, "label", "", "name of this run in the output (e.g. SQLite)")
	flag.Float64Var(&o.targetFactor, "target-factor", 1, "targets are relaxed by this factor (2: PostgreSQL within 2x)")
	flag.StringVar(&o.jsonOut, "json", "", "also write the results as JSON to this file")
	flag.StringVar(&o.mdOut, "markdown", "", "also write the results as a Markdown table to this file")
	flag.IntVar(&o.pid, "pid", 0, "the server's process id: report its CPU time per request (from /proc)")
	freePort := flag.Bool("free-port", false, "print a free loopback port and exit (for scripts)")
	flag.Parse()
	if *freePort {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			fmt.Fprintln(os.Stderr, "loadtest:", err)
			os.Exit(1)
		}
		fmt.Println(ln.Addr().(*net.TCPAddr).Port)
		ln.Close()
		return
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, o, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, o options, out io.Writer) error {
	if o.duration <= 0 || o.duration > 5*time.Minute {
		return errors.New("-duration must be between 0 and 5m")
	}
	if err := loopbackOnly(o.baseURL); err != nil {
		return err
	}
	client := newClient(o.baseURL, max(o.clients, o.writers, o.reportClients))
	if err := client.signIn(ctx, o.email, o.password); err != nil {
		return err
	}
	fx, err := loadFixture(ctx, client)
	if err != nil {
		return err
	}
	want := map[string]bool{}
	for _, s := range strings.Split(o.scenarios, ",") {
		want[strings.TrimSpace(s)] = true
	}
	var results []result
	for _, sc := range scenarios(o, fx) {
		if !want["all"] && !want[sc.name] {
			continue
		}
		if sc.probe != nil {
			if why := sc.probe(ctx, client); why != "" {
				fmt.Fprintf(out, "%-18s skipped: %s\n", sc.name, why)
				results = append(results, result{Name: sc.name, Skipped: why})
				continue
			}
		}
		r := measure(ctx, client, sc, o.warmup, o.duration, o.pid)
		r.Target = sc.target.relaxed(o.targetFactor)
		r.Met, r.Missed = r.Target.check(r)
		fmt.Fprintln(out, r.line())
		results = append(results, r)
	}
	if want["all"] || want["mixed"] {
		mx, err := loadMixedFixture(ctx, client)
		if err != nil {
			return err
		}
		reads := scenario{name: "mixed", clients: o.mixedReaders, next: mixedReader(fx, mx)}
		rd, wr := measureMixed(ctx, client, reads, o.mixedWriters, mixedWriter(fx, mx, fx.userID, o.password), o.warmup, o.duration, o.pid)
		rd.Target = target{MinRPS: 1500, MaxP99Ms: 50}.relaxed(o.targetFactor)
		wr.Target = target{MinRPS: 100, ZeroErrors: true}.relaxed(o.targetFactor)
		for _, r := range []*result{&rd, &wr} {
			r.Met, r.Missed = r.Target.check(*r)
			fmt.Fprintln(out, r.line())
			results = append(results, *r)
		}
	}
	if o.floorDB != "" && (want["all"] || want["sites-list"] || want["dashboard"]) {
		rs, err := measureFloors(ctx, o, fx, want["all"] || want["sites-list"], want["all"] || want["dashboard"])
		if err != nil {
			return fmt.Errorf("floor: %w", err)
		}
		for _, r := range rs {
			fmt.Fprintln(out, r.line())
		}
		results = append(results, rs...)
	}
	if o.jsonOut != "" {
		b, _ := json.MarshalIndent(results, "", "  ")
		if err := os.WriteFile(o.jsonOut, b, 0o644); err != nil {
			return err
		}
	}
	if o.mdOut != "" {
		if err := os.WriteFile(o.mdOut, []byte(markdown(o, results)), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// loopbackOnly refuses any target that is not this machine.
func loopbackOnly(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return fmt.Errorf("-url %q is not a URL", raw)
	}
	host := u.Hostname()
	if host == "localhost" {
		return nil
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("-url %q: loadtest only targets loopback addresses (127.0.0.0/8, ::1, localhost)", raw)
	}
	return nil
}

// client is an HTTP client holding the session token.
type client struct {
	base  string
	http  *http.Client
	token string
}

func newClient(base string, conns int) *client {
	tr := &http.Transport{MaxIdleConns: conns * 2, MaxIdleConnsPerHost: conns * 2, IdleConnTimeout: time.Minute}
	return &client{base: strings.TrimRight(base, "/"), http: &http.Client{Transport: tr, Timeout: 60 * time.Second}}
}

func (c *client) signIn(ctx context.Context, email, password string) error {
	if email == "" || password == "" {
		return errors.New("-email and -password are required (or QUALTRACK_ADMIN_EMAIL/QUALTRACK_ADMIN_PASSWORD)")
	}
	body, _ := json.Marshal(map[string]string{"email": email, "password": password})
	status, b, err := c.do(ctx, http.MethodPost, "/api/v1/auth/login", body)
	if err != nil {
		return fmt.Errorf("sign in: %w", err)
	}
	if status != http.StatusOK {
		return fmt.Errorf("sign in: status %d: %s", status, b)
	}
	var out struct {
		Token string `json:"token"`
	}
	if err := json.Unmarshal(b, &out); err != nil || out.Token == "" {
		return fmt.Errorf("sign in: no token in %s", b)
	}
	c.token = out.Token
	return nil
}

// do sends one request and reads the whole body.
func (c *client) do(ctx context.Context, method, path string, body []byte) (int, []byte, error) {
	var rd io.Reader
	if body != nil {
		rd = strings.NewReader(string(body))
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, rd)
	if err != nil {
		return 0, nil, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, b, err
}

// getJSON reads a JSON answer into v.
func (c *client) getJSON(ctx context.Context, path string, v any) error {
	status, b, err := c.do(ctx, http.MethodGet, path, nil)
	if err != nil {
		return err
	}
	if status != http.StatusOK {
		return fmt.Errorf("GET %s: status %d: %.200s", path, status, b)
	}
	return json.Unmarshal(b, v)
}
