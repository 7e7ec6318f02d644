package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
	"time"
)

// apiClient calls a running qualtrack over HTTP with a bearer token.
type apiClient struct {
	base  string
	token string
	http  *http.Client
}

func newAPIClient(addr string) *apiClient {
	return &apiClient{base: "http://" + addr, http: &http.Client{Timeout: 30 * time.Second}}
}

// login signs in and keeps the token.
func (c *apiClient) login(t *testing.T, email, password string) {
	t.Helper()
	status, body, err := c.json("POST", "/api/v1/auth/login", map[string]string{"email": email, "password": password})
	if err != nil || status != 200 {
		t.Fatalf("sign in %s: %d %s %v", email, status, body, err)
	}
	var out struct {
		Token string `json:"token"`
	}
	_ = json.Unmarshal(body, &out)
	c.token = out.Token
}

func (c *apiClient) send(method, path, contentType string, body io.Reader) (int, []byte, error) {
	req, err := http.NewRequest(method, c.base+path, body)
	if err != nil {
		return 0, nil, err
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, b, err
}

// json sends v as JSON (nil: no body).
func (c *apiClient) json(method, path string, v any) (int, []byte, error) {
	if v == nil {
		return c.send(method, path, "", nil)
	}
	b, _ := json.Marshal(v)
	return c.send(method, path, "application/json", bytes.NewReader(b))
}

// upload attaches a text file with content to the record at owner
// (e.g. "/sites/1").
func (c *apiClient) upload(owner, name string, content []byte) (int, []byte, error) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	part, _ := w.CreateFormFile("file", name)
	_, _ = part.Write(content)
	_ = w.Close()
	return c.send("POST", "/api/v1"+owner+"/attachments", w.FormDataContentType(), &buf)
}

// mustJSON is json that fails the test unless the status is want, and
// decodes the answer into out (may be nil).
func (c *apiClient) mustJSON(t *testing.T, method, path string, v any, want int, out any) {
	t.Helper()
	status, body, err := c.json(method, path, v)
	if err != nil || status != want {
		t.Fatalf("%s %s: %d %s %v (want %d)", method, path, status, body, err, want)
	}
	if out != nil {
		if err := json.Unmarshal(body, out); err != nil {
			t.Fatalf("%s %s: %v", method, path, err)
		}
	}
}

// record is the id of a created record.
type record struct {
	ID int64 `json:"id"`
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// textFile is distinct plain text of about n bytes.
func textFile(label string, n int) []byte {
	line := fmt.Sprintf("%s: calibration record, line of text\n", label)
	return []byte(strings.Repeat(line, n/len(line)+1))
}

func jsonInto(b []byte, v any) error { return json.Unmarshal(b, v) }
