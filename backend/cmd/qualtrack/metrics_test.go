package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	testutil.Fatal(t, err, "port")
	defer ln.Close()
	return ln.Addr().String()
}

func get(t *testing.T, url, token string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	testutil.Fatal(t, err, "request")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	testutil.Fatal(t, err, "GET %s", url)
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// serve with QUALTRACK_METRICS_ADDR and QUALTRACK_PPROF_ADDR: the metrics
// listener answers in the Prometheus format with the request, sign-in and
// pool metrics; the main listener does not serve them; pprof answers on
// its loopback listener.
func TestServeMetricsAndPprof(t *testing.T) {
	t.Parallel()
	env := testEnv(t)
	env["QUALTRACK_ADDR"] = freeAddr(t)
	env["QUALTRACK_METRICS_ADDR"] = freeAddr(t)
	env["QUALTRACK_PPROF_ADDR"] = freeAddr(t)
	env["QUALTRACK_ADMIN_EMAIL"] = "first@example.com"
	env["QUALTRACK_ADMIN_PASSWORD"] = "first admin password"
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	var out, errOut bytes.Buffer
	go func() {
		done <- run(ctx, []string{"qualtrack", "serve"}, func(k string) string { return env[k] }, strings.NewReader(""), &out, &errOut)
	}()
	defer func() {
		cancel()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Error("serve did not stop")
		}
	}()
	for i := 0; ; i++ {
		if code, _, _ := qualtrack(t, env, "", "healthcheck"); code == 0 {
			break
		}
		if i == 100 {
			t.Fatalf("server never became ready: %s", errOut.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	base := "http://" + env["QUALTRACK_ADDR"]
	login := func(password string) *http.Response {
		resp, err := http.Post(base+"/api/v1/auth/login", "application/json",
			strings.NewReader(`{"email":"first@example.com","password":"`+password+`"}`))
		testutil.Fatal(t, err, "login")
		return resp
	}
	login("not the password").Body.Close()
	resp := login("first admin password")
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	token := strings.Split(strings.Split(string(b), `"token":"`)[1], `"`)[0]
	if code, _ := get(t, base+"/api/v1/sites?page=1", token); code != http.StatusOK {
		t.Fatalf("sites list: %d", code)
	}

	code, metrics := get(t, "http://"+env["QUALTRACK_METRICS_ADDR"]+"/metrics", "")
	if code != http.StatusOK {
		t.Fatalf("/metrics: %d", code)
	}
	dbName := "sqlite"
	if env["QUALTRACK_DATABASE_URL"] != "" {
		dbName = "postgres"
	}
	for _, want := range []string{
		`qualtrack_http_requests_total{method="GET",route="/api/v1/sites",status="200"} 1`,
		`qualtrack_http_requests_total{method="POST",route="/api/v1/auth/login",status="401"} 1`,
		`qualtrack_http_request_duration_seconds_bucket{method="GET",route="/api/v1/sites",status="200",le="0.1"}`,
		`qualtrack_login_failures_total{reason="wrong_password"} 1`,
		`go_sql_open_connections{db_name="` + dbName + `"}`,
		`go_sql_wait_count_total{db_name="` + dbName + `"}`,
		`go_goroutines`,
		`process_resident_memory_bytes`,
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if _, body := get(t, base+"/metrics", ""); strings.Contains(body, "qualtrack_http_requests_total") {
		t.Error("the main listener serves the metrics")
	}
	if code, body := get(t, "http://"+env["QUALTRACK_PPROF_ADDR"]+"/debug/pprof/", ""); code != http.StatusOK || !strings.Contains(body, "goroutine") {
		t.Errorf("pprof index: %d", code)
	}
}

// Profiles are for the machine's operator: a pprof address off loopback is
// refused at start.
func TestPprofOnlyOnLoopback(t *testing.T) {
	t.Parallel()
	env := testEnv(t)
	env["QUALTRACK_PPROF_ADDR"] = "0.0.0.0:6060"
	code, _, stderr := qualtrack(t, env, "", "serve")
	if code != 2 || !strings.Contains(stderr, "QUALTRACK_PPROF_ADDR") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
}
