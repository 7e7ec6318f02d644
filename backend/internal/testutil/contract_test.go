package testutil

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// The contract check fails what breaks docs/openapi.yaml: an undocumented
// status, field or content type, a wrong type, a missing required field;
// it passes what the document describes.
func TestContractCheck(t *testing.T) {
	c, err := OpenAPIContract()
	if err != nil {
		t.Fatal(err)
	}
	user := `{"id":1,"email":"a@example.com","name":"A","role":"admin","active":true,"access_expires_at":null,` +
		`"last_login_at":null,"version":1,"created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z"}`
	json := "application/json; charset=utf-8"
	for _, tc := range []struct {
		name, method, path string
		status             int
		contentType, body  string
		ok                 bool
	}{
		{"documented", "GET", "/healthz", 200, json, `{"status":"ok"}`, true},
		{"undocumented field", "GET", "/healthz", 200, json, `{"status":"ok","uptime":3}`, false},
		{"value outside the enum", "GET", "/healthz", 200, json, `{"status":"fine"}`, false},
		{"wrong type", "GET", "/healthz", 200, json, `{"status":5}`, false},
		{"undocumented status", "GET", "/healthz", 404, json, `{"status":"ok"}`, false},
		{"undocumented content type", "GET", "/healthz", 200, "text/plain", `ok`, false},
		{"list through allOf", "GET", "/api/v1/users", 200, json, `{"items":[` + user + `],"total":1,"total_exact":true,"page":1,"page_size":50}`, true},
		{"undocumented field of an allOf", "GET", "/api/v1/users", 200, json, `{"items":[],"total":0,"total_exact":true,"page":1,"page_size":50,"next":2}`, false},
		{"undocumented field of an item", "GET", "/api/v1/users", 200, json, `{"items":[` + user[:len(user)-1] + `,"password_hash":"x"}],"total":1,"total_exact":true,"page":1,"page_size":50}`, false},
		{"missing required field", "GET", "/api/v1/users", 200, json, `{"items":[],"total":0,"total_exact":true,"page":1}`, false},
		{"error shape", "GET", "/api/v1/users/7", 404, json, `{"error":{"code":"not_found","message":"The record was not found."}}`, true},
		{"unknown error code", "GET", "/api/v1/users/7", 404, json, `{"error":{"code":"gone","message":"x"}}`, false},
		{"500 in the error shape on any route", "GET", "/api/v1/users", 500, json, `{"error":{"code":"internal","message":"Something went wrong."}}`, true},
		{"500 leaking details", "GET", "/api/v1/users", 500, json, `{"error":{"code":"internal","message":"x","stack":"..."}}`, false},
		{"binary by content type", "GET", "/api/v1/reports/findings.xlsx", 200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "PK\x03\x04", true},
		{"unknown path is outside the contract", "GET", "/somewhere", 200, "text/html", "<html>", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(tc.method, tc.path, nil)
			h := http.Header{"Content-Type": {tc.contentType}}
			err := c.Check(req, tc.status, h, []byte(tc.body))
			if tc.ok && err != nil {
				t.Errorf("want it to pass: %v", err)
			}
			if !tc.ok && err == nil {
				t.Error("want it to fail")
			}
		})
	}
}
