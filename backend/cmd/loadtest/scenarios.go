package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// fixture is what the scenarios pick from, read from the server first.
type fixture struct {
	siteIDs []int64
	cities  []string
	pages   int // pages of 50 in the unfiltered sites list
	userID  int64
	today   time.Time
}

func loadFixture(ctx context.Context, c *client) (fixture, error) {
	fx := fixture{today: time.Now().UTC()}
	var me struct {
		ID int64 `json:"id"`
	}
	if err := c.getJSON(ctx, "/api/v1/auth/me", &me); err != nil {
		return fx, err
	}
	fx.userID = me.ID
	seen := map[string]bool{}
	for page := 1; page <= 5; page++ {
		var list struct {
			Items []struct {
				ID   int64  `json:"id"`
				City string `json:"city"`
			} `json:"items"`
			Total int `json:"total"`
		}
		if err := c.getJSON(ctx, "/api/v1/sites?page_size=200&page="+strconv.Itoa(page), &list); err != nil {
			return fx, err
		}
		fx.pages = max(1, (list.Total+49)/50)
		for _, s := range list.Items {
			fx.siteIDs = append(fx.siteIDs, s.ID)
			if c := strings.ToLower(s.City); len(c) >= 4 && !seen[c[:4]] {
				seen[c[:4]] = true
				fx.cities = append(fx.cities, c[:4])
			}
		}
		if len(list.Items) < 200 {
			break
		}
	}
	if len(fx.siteIDs) == 0 {
		return fx, fmt.Errorf("the server has no sites: seed it first (qualtrack seed --sites N ...)")
	}
	if len(fx.cities) == 0 {
		fx.cities = []string{"a"}
	}
	return fx, nil
}

// request is one call a client makes; next builds it from the client's
// own random source.
type request struct {
	method string
	path   string
	body   []byte
}

type scenario struct {
	name    string
	clients int
	next    func(r *rand.Rand) request
	// probe, when set, runs once first; a non-empty answer skips the
	// scenario with that reason.
	probe  func(ctx context.Context, c *client) string
	target target
}

// target is what a scenario must reach on SQLite; PostgreSQL runs relax it.
type target struct {
	MinRPS     float64 `json:"min_rps,omitempty"`
	MaxP99Ms   float64 `json:"max_p99_ms,omitempty"`
	ZeroErrors bool    `json:"zero_errors,omitempty"`
}

func (t target) relaxed(f float64) target {
	if f <= 1 {
		return t
	}
	if t.MinRPS > 0 {
		t.MinRPS /= f
	}
	if t.MaxP99Ms > 0 {
		t.MaxP99Ms *= f
	}
	return t
}

// check says whether r meets t and, if not, what it missed.
func (t target) check(r result) (bool, []string) {
	var missed []string
	if t.MinRPS > 0 && r.RPS < t.MinRPS {
		missed = append(missed, fmt.Sprintf("%.0f req/s < %.0f", r.RPS, t.MinRPS))
	}
	if t.MaxP99Ms > 0 && r.P99Ms > t.MaxP99Ms {
		missed = append(missed, fmt.Sprintf("p99 %.1f ms > %.0f", r.P99Ms, t.MaxP99Ms))
	}
	if t.ZeroErrors && r.ErrorCount() > 0 {
		missed = append(missed, fmt.Sprintf("%d errors", r.ErrorCount()))
	}
	return len(missed) == 0, missed
}

func (t target) String() string {
	var parts []string
	if t.MinRPS > 0 {
		parts = append(parts, fmt.Sprintf("≥ %.0f/s", t.MinRPS))
	}
	if t.MaxP99Ms > 0 {
		parts = append(parts, fmt.Sprintf("p99 < %.0f ms", t.MaxP99Ms))
	}
	if t.ZeroErrors {
		parts = append(parts, "no errors")
	}
	return strings.Join(parts, ", ")
}

func scenarios(o options, fx fixture) []scenario {
	pick := func(r *rand.Rand) int64 { return fx.siteIDs[r.IntN(len(fx.siteIDs))] }
	listPages := min(fx.pages, 50)
	filters := []string{
		"status=qualified&risk_tier=high",
		"country=CN&overdue=true",
		"status=qualified,conditional&sort=-next_inspection_due",
		"risk_tier=critical&overdue=false&sort=name",
	}
	from := fx.today.AddDate(0, -3, 0).Format("2006-01-02")
	to := fx.today.Format("2006-01-02")
	report := "/api/v1/reports/inspections.xlsx?from=" + from + "&to=" + to
	return []scenario{
		{name: "sites-list", clients: o.clients, target: target{MinRPS: 1500, MaxP99Ms: 50},
			next: func(r *rand.Rand) request {
				return request{method: http.MethodGet, path: fmt.Sprintf("/api/v1/sites?page=%d&page_size=50", 1+r.IntN(listPages))}
			}},
		{name: "sites-filtered", clients: o.clients, target: target{MinRPS: 800},
			next: func(r *rand.Rand) request {
				q := filters[r.IntN(len(filters))]
				if r.IntN(2) == 0 {
					q = "q=" + url.QueryEscape(fx.cities[r.IntN(len(fx.cities))]) + "&status=qualified"
				}
				return request{method: http.MethodGet, path: "/api/v1/sites?page_size=50&" + q}
			}},
		{name: "site-detail", clients: o.clients,
			next: func(r *rand.Rand) request {
				return request{method: http.MethodGet, path: fmt.Sprintf("/api/v1/sites/%d", pick(r))}
			}},
		{name: "dashboard", clients: o.clients, target: target{MaxP99Ms: 100},
			next: func(*rand.Rand) request { return request{method: http.MethodGet, path: "/api/v1/dashboard"} }},
		{name: "findings-overdue", clients: o.clients,
			next: func(r *rand.Rand) request {
				return request{method: http.MethodGet, path: fmt.Sprintf("/api/v1/findings?overdue=true&page_size=50&page=%d", 1+r.IntN(5))}
			}},
		{name: "inspection-create", clients: o.writers, target: target{MinRPS: 300, ZeroErrors: true},
			next: func(r *rand.Rand) request {
				body, _ := json.Marshal(map[string]any{
					"site_id": pick(r), "type": "routine", "status": "planned",
					"scheduled_date":    fx.today.AddDate(0, 0, 7+r.IntN(180)).Format("2006-01-02"),
					"lead_inspector_id": fx.userID, "scope": "Load test visit",
				})
				return request{method: http.MethodPost, path: "/api/v1/inspections", body: body}
			}},
		{name: "report-inspections", clients: o.reportClients,
			probe: func(ctx context.Context, c *client) string {
				status, _, err := c.do(ctx, http.MethodGet, report, nil)
				switch {
				case err != nil:
					return err.Error()
				case status == http.StatusNotFound:
					return "GET /api/v1/reports/inspections.xlsx answers 404 (reports are not in this build)"
				case status != http.StatusOK:
					return fmt.Sprintf("GET /api/v1/reports/inspections.xlsx answers %d", status)
				}
				return ""
			},
			next: func(*rand.Rand) request { return request{method: http.MethodGet, path: report} }},
	}
}

// result is one scenario's figures.
type result struct {
	Name     string         `json:"name"`
	Clients  int            `json:"clients"`
	Requests int            `json:"requests"`
	Seconds  float64        `json:"seconds"`
	RPS      float64        `json:"rps"`
	P50Ms    float64        `json:"p50_ms"`
	P95Ms    float64        `json:"p95_ms"`
	P99Ms    float64        `json:"p99_ms"`
	Errors   map[string]int `json:"errors,omitempty"`
	Target   target         `json:"target"`
	Met      bool           `json:"met"`
	Missed   []string       `json:"missed,omitempty"`
	Skipped  string         `json:"skipped,omitempty"`
	// CPUMsPerReq is the server's CPU time (user + system) per request:
	// unlike req/s it hardly moves when other processes load the machine.
	CPUMsPerReq float64 `json:"server_cpu_ms_per_req,omitempty"`
	Note        string  `json:"note,omitempty"`
}

// ErrorCount is the number of failed requests.
func (r result) ErrorCount() int {
	n := 0
	for _, v := range r.Errors {
		n += v
	}
	return n
}

func (r result) line() string {
	s := fmt.Sprintf("%-18s %3d clients %7d req %8.1f req/s  p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms",
		r.Name, r.Clients, r.Requests, r.RPS, r.P50Ms, r.P95Ms, r.P99Ms)
	if r.CPUMsPerReq > 0 {
		s += fmt.Sprintf("  cpu %5.2f ms/req", r.CPUMsPerReq)
	}
	if len(r.Errors) > 0 {
		s += fmt.Sprintf("  errors %v", r.Errors)
	}
	if len(r.Missed) > 0 {
		s += "  MISSED: " + strings.Join(r.Missed, "; ")
	}
	return s
}

// measure runs sc with its clients: warmup unmeasured, then duration
// measured.
// With pid set it also reports that process's CPU time per measured request.
func measure(ctx context.Context, c *client, sc scenario, warmup, duration time.Duration, pid int) result {
	if warmup > 0 {
		drive(ctx, c, sc, warmup)
	}
	before, cpuErr := processCPU(pid)
	lat, errs, elapsed := drive(ctx, c, sc, duration)
	r := summarize(sc.name, sc.clients, lat, errs, elapsed)
	if after, err := processCPU(pid); pid != 0 && cpuErr == nil && err == nil && r.Requests > 0 {
		r.CPUMsPerReq = float64((after - before).Microseconds()) / 1000 / float64(r.Requests)
	}
	return r
}

// drive runs sc's clients until d has passed and returns every latency
// and the errors by status ("transport" when no answer came).
func drive(ctx context.Context, c *client, sc scenario, d time.Duration) ([]time.Duration, map[string]int, time.Duration) {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	var mu sync.Mutex
	var all []time.Duration
	errs := map[string]int{}
	var wg sync.WaitGroup
	start := time.Now()
	for w := range sc.clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(w)+1, uint64(start.UnixNano())))
			var lat []time.Duration
			local := map[string]int{}
			for ctx.Err() == nil {
				req := sc.next(r)
				t0 := time.Now()
				status, _, err := c.do(ctx, req.method, req.path, req.body)
				if ctx.Err() != nil {
					break // cut off by the deadline: not a result
				}
				lat = append(lat, time.Since(t0))
				switch {
				case err != nil:
					local["transport"]++
				case status >= 400:
					local[strconv.Itoa(status)]++
				}
			}
			mu.Lock()
			all = append(all, lat...)
			for k, v := range local {
				errs[k] += v
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	return all, errs, time.Since(start)
}

func summarize(name string, clients int, lat []time.Duration, errs map[string]int, elapsed time.Duration) result {
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(p float64) float64 {
		if len(lat) == 0 {
			return 0
		}
		i := int(float64(len(lat)-1) * p)
		return float64(lat[i].Microseconds()) / 1000
	}
	r := result{Name: name, Clients: clients, Requests: len(lat), Seconds: elapsed.Seconds(),
		P50Ms: pct(0.50), P95Ms: pct(0.95), P99Ms: pct(0.99)}
	if elapsed > 0 {
		r.RPS = float64(len(lat)) / elapsed.Seconds()
	}
	if len(errs) > 0 {
		r.Errors = errs
	}
	return r
}

// markdown renders the results as a table.
func markdown(o options, results []result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "| scenario | clients | requests | req/s | p50 ms | p95 ms | p99 ms | server CPU ms/req | errors | target | met |\n")
	fmt.Fprintf(&b, "|---|---:|---:|---:|---:|---:|---:|---:|---|---|---|\n")
	for _, r := range results {
		if r.Skipped != "" {
			fmt.Fprintf(&b, "| %s | | | | | | | | | | skipped: %s |\n", r.Name, r.Skipped)
			continue
		}
		errs := "0"
		if len(r.Errors) > 0 {
			keys := make([]string, 0, len(r.Errors))
			for k := range r.Errors {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			var parts []string
			for _, k := range keys {
				parts = append(parts, fmt.Sprintf("%s×%d", k, r.Errors[k]))
			}
			errs = strings.Join(parts, ", ")
		}
		met := ""
		if t := r.Target.String(); t != "" {
			met = "yes"
			if !r.Met {
				met = "**no**: " + strings.Join(r.Missed, "; ")
			}
		}
		if r.Note != "" {
			met = r.Note
		}
		cpu := "n/a"
		if r.CPUMsPerReq > 0 {
			cpu = fmt.Sprintf("%.2f", r.CPUMsPerReq)
		}
		fmt.Fprintf(&b, "| %s | %d | %d | %.0f | %.1f | %.1f | %.1f | %s | %s | %s | %s |\n",
			r.Name, r.Clients, r.Requests, r.RPS, r.P50Ms, r.P95Ms, r.P99Ms, cpu, errs, r.Target, met)
	}
	return b.String()
}
