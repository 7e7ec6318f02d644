package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// SIGTERM lets a request in flight finish: a large download read slowly
// by its client completes with 200 and every byte after the signal, while
// the server takes no new connections, and the process then exits 0.
func TestSIGTERMFinishesRequestsInFlight(t *testing.T) {
	t.Parallel()
	env := testEnv(t)
	env["QUALTRACK_ADMIN_EMAIL"] = "admin@example.com"
	env["QUALTRACK_ADMIN_PASSWORD"] = "shutdown test admin password"
	env["QUALTRACK_LOG_LEVEL"] = "info"
	p := startProcess(t, env)
	c := newAPIClient(p.addr)
	c.login(t, "admin@example.com", "shutdown test admin password")
	var maker, site record
	c.mustJSON(t, "POST", "/api/v1/manufacturers", map[string]any{"name": "Acme", "country": "CN"}, 201, &maker)
	c.mustJSON(t, "POST", "/api/v1/sites", map[string]any{"manufacturer_id": maker.ID, "code": "ACME-1", "name": "Acme 1",
		"country": "CN", "risk_tier": "high"}, 201, &site)
	// Larger than what the kernel buffers between the two ends, so the
	// server is still writing when the signal comes.
	content := textFile("inspection photo log", 24<<20)[:24<<20]
	status, body, err := c.upload(fmt.Sprintf("/sites/%d", site.ID), "log.txt", content)
	var att record
	if err != nil || status != 201 || jsonInto(body, &att) != nil {
		t.Fatalf("upload: %d %s %v", status, body, err)
	}

	req, _ := http.NewRequest("GET", fmt.Sprintf("%s/api/v1/attachments/%d", c.base, att.ID), nil)
	req.Header.Set("Authorization", "Bearer "+c.token)
	resp, err := (&http.Client{}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("download: %s", resp.Status)
	}
	h := sha256.New()
	first := make([]byte, 256<<10)
	n, err := io.ReadFull(resp.Body, first)
	if err != nil {
		t.Fatalf("first bytes: %v", err)
	}
	h.Write(first[:n])
	got := int64(n)

	p.signal(syscall.SIGTERM)
	// The server stops listening at once...
	deadline := time.Now().Add(5 * time.Second)
	for {
		r, err := (&http.Client{Timeout: time.Second}).Get(c.base + "/healthz")
		if err != nil {
			break
		}
		r.Body.Close()
		if time.Now().After(deadline) {
			t.Fatal("the server still takes new requests after SIGTERM")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if p.exited() {
		t.Fatal("the server exited with a download in flight")
	}
	// ...and the slow client still gets the rest.
	buf := make([]byte, 512<<10)
	for {
		n, err := resp.Body.Read(buf)
		h.Write(buf[:n])
		got += int64(n)
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("download cut off after %d of %d bytes: %v", got, len(content), err)
		}
		time.Sleep(2 * time.Millisecond)
	}
	if want := strconv.Itoa(len(content)); resp.Header.Get("Content-Length") != want || got != int64(len(content)) {
		t.Fatalf("read %d bytes, Content-Length %s, want %s", got, resp.Header.Get("Content-Length"), want)
	}
	if want := sha256.Sum256(content); hex.EncodeToString(h.Sum(nil)) != hex.EncodeToString(want[:]) {
		t.Fatal("the downloaded bytes differ from the upload")
	}
	if code := p.wait(30 * time.Second); code != 0 {
		t.Fatalf("exit status %d after SIGTERM: %s", code, p.out.String())
	}
	if !p.logHas("finishing requests in flight") {
		t.Fatalf("no shutdown message: %s", p.out.String())
	}
}
