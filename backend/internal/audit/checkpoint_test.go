package audit_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

func TestCheckpointKeyIsKeptAndSignaturesHold(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "checkpoint.key")
	k, err := audit.LoadOrCreateKey(path)
	testutil.Fatal(t, err, "create key")
	if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("key file %v %v, want mode 0600", st, err)
	}
	again, err := audit.LoadOrCreateKey(path)
	testutil.Fatal(t, err, "load key")
	if again.Public.ID != k.Public.ID {
		t.Fatal("the key changed when read again")
	}
	fromPEM, err := audit.ParsePublicKeyPEM([]byte(k.Public.PEM()))
	testutil.Fatal(t, err, "parse public key")
	fromPrivate, err := audit.ParsePublicKeyPEM(must(os.ReadFile(path)))
	testutil.Fatal(t, err, "public half of the key file")
	if fromPEM.ID != k.Public.ID || fromPrivate.ID != k.Public.ID {
		t.Fatal("the public key does not read back")
	}
	head := audit.Head{Sequence: 7, Hash: strings.Repeat("ab", 32), OccurredAt: testutil.FixedNow, ExportedAt: testutil.FixedNow.Add(time.Minute)}
	cp := k.Sign(head)
	if err := k.Public.Check(cp); err != nil {
		t.Fatalf("own checkpoint: %v", err)
	}
	other, err := audit.LoadOrCreateKey(filepath.Join(dir, "other.key"))
	testutil.Fatal(t, err, "other key")
	for name, h := range map[string]audit.Head{
		"another sequence":  with(cp, func(h *audit.Head) { h.Sequence = 8 }),
		"another hash":      with(cp, func(h *audit.Head) { h.Hash = strings.Repeat("cd", 32) }),
		"another time":      with(cp, func(h *audit.Head) { h.OccurredAt = h.OccurredAt.Add(time.Second) }),
		"another export":    with(cp, func(h *audit.Head) { h.ExportedAt = h.ExportedAt.Add(time.Second) }),
		"unsigned":          head,
		"garbage signature": with(cp, func(h *audit.Head) { h.Signature = "!!" }),
		"another key":       other.Sign(head),
		"another key's id":  with(other.Sign(head), func(h *audit.Head) { h.KeyID = k.Public.ID }),
	} {
		if err := k.Public.Check(h); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "bad.key"), []byte("not a key"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := audit.LoadOrCreateKey(filepath.Join(dir, "bad.key")); err == nil {
		t.Error("a broken key file was accepted")
	}
}

// TestCheckpointerSignsPublishesAndCatchesRewrites: checkpoints are made
// every N events, appended to the log and posted to the webhook; every
// one of them is checked by VerifyCheckpoints, which catches a chain that
// is consistent in itself but was cut short or rewritten.
func TestCheckpointerSignsPublishesAndCatchesRewrites(t *testing.T) {
	ctx := context.Background()
	clock := testutil.NewClock(testutil.FixedNow)
	db := testutil.NewDB(t, clock.Now)
	trail := audit.NewTrail(clock.Now)
	key, err := audit.LoadOrCreateKey(filepath.Join(t.TempDir(), "k"))
	testutil.Fatal(t, err, "key")
	posted := make(chan audit.Head, 10)
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var h audit.Head
		b, _ := io.ReadAll(r.Body)
		if json.Unmarshal(b, &h) == nil {
			posted <- h
		}
	}))
	defer hook.Close()
	logPath := filepath.Join(t.TempDir(), "checkpoints.jsonl")
	cpr := &audit.Checkpointer{DB: db.DB, Key: key, Log: logPath, Every: 3, Interval: time.Hour, Webhook: hook.URL,
		Now: clock.Now, Logger: slog.New(slog.DiscardHandler)}

	tick := func() *audit.Head {
		t.Helper()
		cp, err := cpr.Tick(ctx)
		testutil.Fatal(t, err, "tick")
		return cp
	}
	if tick() != nil {
		t.Fatal("a checkpoint of an empty trail")
	}
	appendN(t, db.DB, trail, 1)
	if cp := tick(); cp == nil || cp.Sequence != 1 {
		t.Fatalf("first checkpoint %+v", cp)
	}
	appendN(t, db.DB, trail, 2)
	if cp := tick(); cp != nil {
		t.Fatalf("a checkpoint after 2 of 3 events: %+v", cp)
	}
	appendN(t, db.DB, trail, 1)
	if cp := tick(); cp == nil || cp.Sequence != 4 {
		t.Fatalf("a checkpoint every 3 events: %+v", cp)
	}
	appendN(t, db.DB, trail, 1)
	clock.Advance(time.Hour)
	if cp := tick(); cp == nil || cp.Sequence != 5 {
		t.Fatalf("a checkpoint every hour: %+v", cp)
	}
	select {
	case h := <-posted:
		if key.Public.Check(h) != nil {
			t.Errorf("webhook got %+v", h)
		}
	case <-time.After(5 * time.Second):
		t.Error("no checkpoint reached the webhook")
	}

	cps, err := audit.ReadCheckpoints(logPath)
	testutil.Fatal(t, err, "read log")
	if len(cps) != 3 {
		t.Fatalf("log holds %d checkpoints, want 3", len(cps))
	}
	res, err := audit.VerifyCheckpoints(ctx, db.DB, key.Public, cps)
	testutil.Fatal(t, err, "verify checkpoints")
	if res.Checked != 3 || res.FailedSequence != nil {
		t.Fatalf("checkpoints of an untouched chain: %+v", res)
	}

	// A database owner rewrites the last events: the chain is consistent
	// again, but checkpoint 4 no longer holds, and no new one is signed.
	testutil.TamperWithAudit(t, db.DB, "DELETE FROM audit_events WHERE sequence >= 4")
	appendN(t, db.DB, audit.NewTrail(func() time.Time { return testutil.FixedNow.Add(48 * time.Hour) }), 3)
	if v, _ := audit.Verify(ctx, db.DB); !v.Valid {
		t.Fatalf("the rewrite left a broken chain: %+v", v)
	}
	res, err = audit.VerifyCheckpoints(ctx, db.DB, key.Public, cps)
	testutil.Fatal(t, err, "verify checkpoints")
	if res.FailedSequence == nil || *res.FailedSequence != 4 || !strings.Contains(res.Reason, "rewritten") {
		t.Fatalf("rewrite not caught: %+v", res)
	}
	clock.Advance(2 * time.Hour)
	if _, err := cpr.Tick(ctx); err == nil || !strings.Contains(err.Error(), "not signing") {
		t.Fatalf("a checkpoint was signed over a rewritten chain: %v", err)
	}
	// A forged checkpoint in the log (signed with another key) is caught too.
	forger, _ := audit.LoadOrCreateKey(filepath.Join(t.TempDir(), "forger"))
	res, err = audit.VerifyCheckpoints(ctx, db.DB, key.Public, []audit.Head{forger.Sign(cps[0])})
	testutil.Fatal(t, err, "verify forged")
	if res.FailedSequence == nil || !strings.Contains(res.Reason, "signature") {
		t.Fatalf("forged checkpoint accepted: %+v", res)
	}
}

func with(h audit.Head, change func(*audit.Head)) audit.Head {
	change(&h)
	return h
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}
