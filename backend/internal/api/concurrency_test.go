package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// loadClient talks to a real HTTP server with a bearer token.
type loadClient struct {
	base, token string
	http        *http.Client
	slowest     *slowest
}

// slowest keeps the longest request time seen.
type slowest struct {
	mu  sync.Mutex
	max time.Duration
}

func (s *slowest) observe(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.max = max(s.max, d)
}

func (c loadClient) do(method, path string, body any) (int, []byte, error) {
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, c.base+path, rd)
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	start := time.Now()
	resp, err := c.http.Do(req)
	if c.slowest != nil {
		defer func() { c.slowest.observe(time.Since(start)) }()
	}
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, b, err
}

// counterRecord is a record whose notes hold a number the clients
// increment by read-modify-write.
type counterRecord struct {
	path     string
	accepted atomic.Int64
}

// Fifty clients create and edit the same records at once for a few
// seconds through the real HTTP stack: no answer is a 5xx, every stale
// write is refused with 409 version_conflict, no accepted update is lost
// (each counter equals the number of 200s it got, and has one audit event
// per 200), every create either succeeds once or is a 409 conflict, and
// the audit chain verifies afterwards.
func TestConcurrentWritersLoseNothing(t *testing.T) {
	t.Parallel()
	const clients = 50
	const duration = 3 * time.Second
	const maxRequestsPerClient = 400
	srv := testutil.NewServer(t, nil)
	ts := httptest.NewServer(srv.Handler)
	defer ts.Close()
	transport := &http.Transport{MaxIdleConnsPerHost: clients}
	defer transport.CloseIdleConnections()

	mfr := srv.Do(model.RoleManager, "POST", "/api/v1/manufacturers", map[string]any{"name": "Shared Maker", "country": "DE", "notes": "0"}).Want(201).JSON()
	site := srv.Do(model.RoleManager, "POST", "/api/v1/sites", map[string]any{"manufacturer_id": mfr["id"], "code": "SHARED-1",
		"name": "Shared site", "country": "DE", "risk_tier": "medium", "notes": "0"}).Want(201).JSON()
	counters := []*counterRecord{
		{path: fmt.Sprintf("/api/v1/manufacturers/%d", int64(mfr["id"].(float64)))},
		{path: fmt.Sprintf("/api/v1/sites/%d", int64(site["id"].(float64)))},
	}
	const pool = 10 // clients race to create the same ten names
	var created, createConflicts, staleWrites atomic.Int64
	var worst slowest
	var mu sync.Mutex
	var failures []string
	fail := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		if len(failures) < 20 {
			failures = append(failures, fmt.Sprintf(format, args...))
		}
	}

	roles := []model.Role{model.RoleProcurement, model.RoleManager, model.RoleAdmin}
	deadline := time.Now().Add(duration)
	var wg sync.WaitGroup
	for i := 0; i < clients; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			c := loadClient{base: ts.URL, token: srv.Tokens[roles[i%len(roles)]], http: &http.Client{Transport: transport, Timeout: time.Minute}, slowest: &worst}
			for n := 0; n < maxRequestsPerClient && time.Now().Before(deadline); n++ {
				if (i+n)%3 == 2 {
					name := fmt.Sprintf("Pool maker %d", (i+n)%pool)
					status, body, err := c.do("POST", "/api/v1/manufacturers", map[string]any{"name": name, "country": "FR"})
					switch {
					case err != nil:
						fail("create: %v", err)
					case status == 201:
						created.Add(1)
					case status == 409 && errorCode(body) == "conflict":
						createConflicts.Add(1)
					default:
						fail("create %s: %d %s", name, status, body)
					}
					continue
				}
				rec := counters[(i+n)%len(counters)]
				status, body, err := c.do("GET", rec.path, nil)
				if err != nil || status != 200 {
					fail("read %s: %d %s %v", rec.path, status, body, err)
					continue
				}
				var cur struct {
					Notes   string `json:"notes"`
					Version int64  `json:"version"`
				}
				_ = json.Unmarshal(body, &cur)
				count, err := strconv.Atoi(cur.Notes)
				if err != nil {
					fail("%s notes %q", rec.path, cur.Notes)
					continue
				}
				status, body, err = c.do("PATCH", rec.path, map[string]any{"version": cur.Version, "notes": strconv.Itoa(count + 1)})
				switch {
				case err != nil:
					fail("update: %v", err)
				case status == 200:
					rec.accepted.Add(1)
				case status == 409 && errorCode(body) == "version_conflict":
					staleWrites.Add(1)
				default:
					fail("update %s: %d %s", rec.path, status, body)
				}
			}
		}(i)
	}
	wg.Wait()
	for _, f := range failures {
		t.Error(f)
	}
	t.Logf("%d updates accepted, %d stale writes refused, %d created, %d duplicate creates refused; slowest request %v",
		counters[0].accepted.Load()+counters[1].accepted.Load(), staleWrites.Load(), created.Load(), createConflicts.Load(), worst.max)
	if staleWrites.Load() == 0 || createConflicts.Load() == 0 {
		t.Fatal("no write ever collided; the test proved nothing")
	}

	for _, rec := range counters {
		got := srv.Do(model.RoleAuditor, "GET", rec.path, nil).Want(200).JSON()
		want := rec.accepted.Load()
		if got["notes"] != strconv.FormatInt(want, 10) || int64(got["version"].(float64)) != want+1 {
			t.Errorf("%s: notes %v version %v after %d accepted updates", rec.path, got["notes"], got["version"], want)
		}
		var events struct {
			Total int64 `json:"total"`
		}
		entity, id := splitPath(rec.path)
		srv.Do(model.RoleAuditor, "GET", fmt.Sprintf("/api/v1/audit-events?entity_type=%s&entity_id=%s&action=%s.update", entity, id, entity), nil).Want(200).Decode(&events)
		if events.Total != want {
			t.Errorf("%s: %d update events for %d accepted updates", rec.path, events.Total, want)
		}
	}
	var list struct {
		Total int64 `json:"total"`
	}
	srv.Do(model.RoleAuditor, "GET", "/api/v1/manufacturers?q=Pool+maker", nil).Want(200).Decode(&list)
	if list.Total != created.Load() || created.Load() > pool {
		t.Errorf("%d pool manufacturers stored, %d creates accepted, %d names", list.Total, created.Load(), pool)
	}
	v := srv.Do(model.RoleAuditor, "GET", "/api/v1/audit-events/verify", nil).Want(200).JSON()
	if v["valid"] != true {
		t.Fatalf("audit chain after the load: %v", v)
	}
}

func errorCode(body []byte) string {
	var e struct {
		Error struct {
			Code string `json:"code"`
		} `json:"error"`
	}
	_ = json.Unmarshal(body, &e)
	return e.Error.Code
}

// splitPath turns "/api/v1/sites/7" into ("site", "7").
func splitPath(p string) (string, string) {
	var kind, id string
	for i := len(p) - 1; i >= 0; i-- {
		if p[i] == '/' {
			kind, id = p[len("/api/v1/"):i], p[i+1:]
			break
		}
	}
	return kind[:len(kind)-1], id
}
