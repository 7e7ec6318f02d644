package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is a bytes.Buffer a server goroutine writes while the test
// reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

var runningAt = regexp.MustCompile(`qualtrack is running at http://(\S+)`)

// startServe runs `qualtrack serve` in this process on 127.0.0.1:0 and
// returns its address and a function that stops it (as SIGTERM does) and
// returns the exit status.
func startServe(t *testing.T, env map[string]string) (string, func() int) {
	t.Helper()
	env["QUALTRACK_ADDR"] = "127.0.0.1:0"
	ctx, cancel := context.WithCancel(context.Background())
	var out, errOut lockedBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"qualtrack", "serve"}, func(k string) string { return env[k] }, strings.NewReader(""), &out, &errOut)
	}()
	stopped := false
	stop := func() int {
		if stopped {
			return 0
		}
		stopped = true
		cancel()
		select {
		case code := <-done:
			return code
		case <-time.After(time.Minute):
			t.Fatal("serve did not stop")
			return -1
		}
	}
	t.Cleanup(func() { stop() })
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if m := runningAt.FindStringSubmatch(out.String()); m != nil {
			return m[1], stop
		}
		select {
		case code := <-done:
			t.Fatalf("serve exited %d: %s", code, errOut.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	t.Fatalf("serve printed no address: %q %q", out.String(), errOut.String())
	return "", nil
}

// A client that never finishes its request headers (slowloris) is cut off
// after QUALTRACK_HTTP_READ_HEADER_TIMEOUT, however steadily it trickles
// bytes; one that trickles its body is cut off after the read timeout.
// Other clients are served meanwhile.
func TestSlowClientsAreCutOff(t *testing.T) {
	t.Parallel()
	const headerTimeout, readTimeout = 500 * time.Millisecond, time.Second
	env := testEnv(t)
	env["QUALTRACK_HTTP_READ_HEADER_TIMEOUT"] = headerTimeout.String()
	env["QUALTRACK_HTTP_READ_TIMEOUT"] = readTimeout.String()
	addr, stop := startServe(t, env)

	t.Run("headers", func(t *testing.T) {
		reply, alive := trickle(t, addr, "GET /healthz HTTP/1.1\r\nHost: qualtrack\r\n", "X-Slow: a\r\n")
		if alive < headerTimeout-100*time.Millisecond || alive > headerTimeout+3*time.Second {
			t.Fatalf("connection lived %v, want about %v", alive, headerTimeout)
		}
		if reply != "" {
			t.Fatalf("the unfinished request was answered: %q", reply)
		}
		t.Logf("cut off after %v", alive)
	})
	t.Run("body", func(t *testing.T) {
		head := "POST /api/v1/auth/login HTTP/1.1\r\nHost: qualtrack\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"
		reply, alive := trickle(t, addr, head, " ")
		if alive > readTimeout+3*time.Second {
			t.Fatalf("connection lived %v with a read timeout of %v", alive, readTimeout)
		}
		if strings.HasPrefix(reply, "HTTP/1.1 2") {
			t.Fatalf("the unfinished body was accepted: %q", reply)
		}
	})
	resp, err := http.Get("http://" + addr + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("healthz after slow clients: %s", resp.Status)
	}
	if code := stop(); code != 0 {
		t.Fatalf("serve exited %d", code)
	}
}

// trickle sends head, then one more piece every 50 ms, until the server
// closes the connection (or 10 s pass). It returns what the server wrote
// and how long the connection lived.
func trickle(t *testing.T, addr, head, piece string) (string, time.Duration) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	start := time.Now()
	if _, err := io.WriteString(conn, head); err != nil {
		t.Fatal(err)
	}
	closed := make(chan string, 1)
	go func() {
		_ = conn.SetReadDeadline(time.Now().Add(10 * time.Second))
		b, _ := io.ReadAll(bufio.NewReader(conn))
		closed <- string(b)
	}()
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case reply := <-closed:
			return reply, time.Since(start)
		case <-tick.C:
			if time.Since(start) > 10*time.Second {
				t.Fatal("the server never cut the slow client off")
			}
			// Writes fail once the server has closed; the read tells when.
			_, _ = io.WriteString(conn, piece)
		}
	}
}
