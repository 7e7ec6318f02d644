package api_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// TestAuditorKeepsAndChecksASignedHead: an auditor downloads the signed
// head, later sends it back and has it proven; a changed head, one signed
// by another key, and a chain cut short are all refused with the reason.
func TestAuditorKeepsAndChecksASignedHead(t *testing.T) {
	t.Parallel()
	f := newRecordsFixture(t)
	f.site(model.RiskMedium)
	f.srv.Do(model.RoleManager, http.MethodPost, "/api/v1/manufacturers", map[string]any{"name": "Kept Head Ltd", "country": "DE"}).Want(201)

	var key struct {
		KeyID        string `json:"key_id"`
		PublicKeyPEM string `json:"public_key_pem"`
	}
	f.srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/audit-events/checkpoint-key", nil).Want(200).Decode(&key)
	pub, err := audit.ParsePublicKeyPEM([]byte(key.PublicKeyPEM))
	testutil.Fatal(t, err, "public key")
	if pub.ID != key.KeyID {
		t.Fatalf("key id %s, key %s", key.KeyID, pub.ID)
	}

	r := f.srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/audit-events/head", nil).Want(200)
	var head audit.Head
	r.Decode(&head)
	if head.Sequence == 0 || pub.Check(head) != nil {
		t.Fatalf("head %+v is not signed with the server's key", head)
	}
	kept := head

	type check struct {
		Valid          bool   `json:"valid"`
		SignatureValid bool   `json:"signature_valid"`
		Reason         string `json:"reason"`
		Events         int64  `json:"events"`
	}
	query := func(h audit.Head) string {
		q := url.Values{}
		q.Set("hash", h.Hash)
		q.Set("occurred_at", h.OccurredAt.Format(time.RFC3339Nano))
		q.Set("exported_at", h.ExportedAt.Format(time.RFC3339Nano))
		q.Set("key_id", h.KeyID)
		q.Set("signature", h.Signature)
		return fmt.Sprintf("/api/v1/audit-events/heads/%d/verify?", h.Sequence) + q.Encode()
	}
	verify := func(h audit.Head) check {
		t.Helper()
		var c check
		f.srv.Do(model.RoleAuditor, http.MethodGet, query(h), nil).Want(200).Decode(&c)
		return c
	}
	// More events later: the kept head still holds.
	f.srv.Do(model.RoleManager, http.MethodPost, "/api/v1/manufacturers", map[string]any{"name": "Later Ltd", "country": "DE"}).Want(201)
	if c := verify(kept); !c.Valid || !c.SignatureValid || c.Events <= head.Sequence {
		t.Fatalf("kept head: %+v", c)
	}

	edited := head
	edited.Hash = strings.Repeat("0", 63) + "1"
	if c := verify(edited); c.Valid || c.SignatureValid {
		t.Errorf("an edited head passed: %+v", c)
	}
	other, err := audit.LoadOrCreateKey(t.TempDir() + "/other.key")
	testutil.Fatal(t, err, "other key")
	if c := verify(other.Sign(head)); c.Valid || c.SignatureValid || !strings.Contains(c.Reason, "signature") {
		t.Errorf("a head signed elsewhere passed: %+v", c)
	}

	for name, tc := range map[string]struct{ path, field string }{
		"nothing":      {"/api/v1/audit-events/heads/1/verify", "hash"},
		"short hash":   {strings.Replace(query(head), "hash="+head.Hash, "hash=abc", 1), "hash"},
		"bad sequence": {strings.Replace(query(head), fmt.Sprintf("/heads/%d/", head.Sequence), "/heads/x/", 1), "sequence"},
		"bad time":     {strings.Replace(query(head), "occurred_at=", "occurred_at=yesterday&was=", 1), "occurred_at"},
	} {
		r := f.srv.Do(model.RoleAuditor, http.MethodGet, tc.path, nil)
		if r.Status != 422 || r.ErrorFields()[tc.field] == "" {
			t.Errorf("%s: %d %s", name, r.Status, r.Body)
		}
	}
	// A bad sequence with every other field right names the sequence, and
	// only it.
	for _, seq := range []string{"x", "-1", "1.5", "1e3", "99999999999999999999", "%2B1", "01"} {
		p := strings.Replace(query(head), fmt.Sprintf("/heads/%d/", head.Sequence), "/heads/"+seq+"/", 1)
		r := f.srv.Do(model.RoleAuditor, http.MethodGet, p, nil)
		if fields := r.ErrorFields(); r.Status != 422 || len(fields) != 1 || !strings.Contains(fields["sequence"], "whole number") {
			t.Errorf("sequence %q: %d %s", seq, r.Status, r.Body)
		}
	}

	// The newest events are removed behind the server's back: the chain
	// left is consistent, the kept head proves it was cut short.
	testutil.TamperWithAudit(t, f.srv.DB.DB, fmt.Sprintf("DELETE FROM audit_events WHERE sequence >= %d", head.Sequence))
	if c := verify(kept); c.Valid || !c.SignatureValid || !strings.Contains(c.Reason, "gone") {
		t.Errorf("a cut-short chain passed: %+v", c)
	}
	var v struct{ Valid bool }
	f.srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/audit-events/verify", nil).Want(200).Decode(&v)
	if !v.Valid {
		t.Fatal("the chain itself should still look consistent; the test proves nothing")
	}
}
