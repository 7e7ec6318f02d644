package audit_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/database"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

func appendN(t *testing.T, db *gorm.DB, trail *audit.Trail, n int) {
	t.Helper()
	for i := 0; i < n; i++ {
		err := db.Transaction(func(tx *gorm.DB) error {
			_, err := trail.Append(tx, audit.Entry{
				Actor:  audit.Actor{Email: "a@example.com", Role: "admin", IP: "192.0.2.1"},
				Action: "site.update", EntityType: "site", EntityID: int64(i + 1),
				Changes: audit.Diff(map[string]any{"name": "old"}, map[string]any{"name": fmt.Sprint("new ", i)}),
			})
			return err
		})
		testutil.Fatal(t, err, "append")
	}
}

func TestChainVerifiesAndDetectsTampering(t *testing.T) {
	cases := []struct {
		name    string
		tamper  string
		wantSeq int64
	}{
		{"edited changes", "UPDATE audit_events SET changes = '{\"name\":[\"old\",\"forged\"]}' WHERE sequence = 3", 3},
		{"edited actor", "UPDATE audit_events SET actor_email = 'someone@else' WHERE sequence = 2", 2},
		{"edited time", "UPDATE audit_events SET occurred_at = occurred_at + INTERVAL_ONE_DAY WHERE sequence = 4", 4},
		{"deleted event", "DELETE FROM audit_events WHERE sequence = 3", 3},
		{"rehashed event without relinking", "UPDATE audit_events SET prev_hash = hash WHERE sequence = 2", 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			clock := testutil.NewClock(testutil.FixedNow)
			db := testutil.NewDB(t, clock.Now)
			trail := audit.NewTrail(clock.Now)
			appendN(t, db.DB, trail, 5)
			res, err := audit.Verify(context.Background(), db.DB)
			testutil.Fatal(t, err, "verify")
			if !res.Valid || res.Events != 5 {
				t.Fatalf("untampered chain: %+v", res)
			}
			sql := c.tamper
			if db.Dialect == database.Postgres {
				sql = replace(sql, "INTERVAL_ONE_DAY", "interval '1 day'")
			} else {
				sql = replace(sql, "occurred_at + INTERVAL_ONE_DAY", "'2020-01-01 00:00:00+00:00'")
			}
			testutil.TamperWithAudit(t, db.DB, sql)
			res, err = audit.Verify(context.Background(), db.DB)
			testutil.Fatal(t, err, "verify")
			if res.Valid || res.FirstInvalidSequence == nil || *res.FirstInvalidSequence != c.wantSeq {
				t.Fatalf("tampering not caught at %d: %+v", c.wantSeq, res)
			}
		})
	}
}

// Appends from many goroutines at once still form one unbroken chain.
func TestConcurrentAppendsStaySerialised(t *testing.T) {
	db := testutil.NewDB(t, nil)
	trail := audit.NewTrail(nil)
	var wg sync.WaitGroup
	errs := make(chan error, 40)
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < 5; i++ {
				errs <- db.Transaction(func(tx *gorm.DB) error {
					_, err := trail.Append(tx, audit.Entry{Action: "test", EntityType: "worker", EntityID: int64(w)})
					return err
				})
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		testutil.Fatal(t, err, "concurrent append")
	}
	res, err := audit.Verify(context.Background(), db.DB)
	testutil.Fatal(t, err, "verify")
	if !res.Valid || res.Events != 40 {
		t.Fatalf("chain after concurrent appends: %+v", res)
	}
}

func TestDiff(t *testing.T) {
	type rec struct {
		Name    string `json:"name"`
		Country string `json:"country"`
		Secret  string `json:"-"`
		Version int64  `json:"version"`
	}
	d := audit.Diff(rec{Name: "A", Country: "DE", Secret: "x", Version: 1}, rec{Name: "B", Country: "DE", Secret: "y", Version: 2})
	if len(d) != 1 || d["name"] != [2]any{"A", "B"} {
		t.Fatalf("diff %v", d)
	}
	created := audit.Diff(nil, rec{Name: "A"})
	if created["name"] != [2]any{nil, "A"} {
		t.Fatalf("creation diff %v", created)
	}
}

func replace(s, old, new string) string { return strings.ReplaceAll(s, old, new) }

// The database itself refuses to change or remove an event.
func TestAuditTableIsAppendOnly(t *testing.T) {
	db := testutil.NewDB(t, nil)
	appendN(t, db.DB, audit.NewTrail(nil), 2)
	for _, sql := range []string{
		"UPDATE audit_events SET action = 'forged' WHERE sequence = 1",
		"DELETE FROM audit_events WHERE sequence = 2",
		"DELETE FROM audit_events",
	} {
		err := db.Exec(sql).Error
		if err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: %v", sql, err)
		}
	}
	if db.Dialect == database.Postgres {
		if err := db.Exec("TRUNCATE audit_events").Error; err == nil {
			t.Error("TRUNCATE allowed")
		}
	}
	var n int64
	db.Table("audit_events").Count(&n)
	if n != 2 {
		t.Fatalf("%d events left", n)
	}
}

// A chain cut short, or rewritten from some event on so that it is
// consistent in itself, still fails against an exported head.
func TestVerifyAgainstExportedHead(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		name   string
		tamper func(db *testutil.DB)
		reason string
	}{
		{"cut short", func(db *testutil.DB) {
			testutil.TamperWithAudit(t, db.DB, "DELETE FROM audit_events WHERE sequence >= 4")
		}, "gone"},
		{"rewritten", func(db *testutil.DB) {
			testutil.TamperWithAudit(t, db.DB, "DELETE FROM audit_events WHERE sequence >= 3")
			appendN(t, db.DB, audit.NewTrail(func() time.Time { return testutil.FixedNow.Add(time.Hour) }), 3)
		}, "rewritten"},
	} {
		t.Run(c.name, func(t *testing.T) {
			db := testutil.NewDB(t, nil)
			appendN(t, db.DB, audit.NewTrail(nil), 4)
			head, err := audit.CurrentHead(ctx, db.DB, testutil.FixedNow)
			testutil.Fatal(t, err, "head")
			if head.Sequence != 4 {
				t.Fatalf("head %+v", head)
			}
			res, err := audit.VerifyAgainst(ctx, db.DB, head)
			if err != nil || !res.Valid {
				t.Fatalf("untouched chain against its head: %+v %v", res, err)
			}
			c.tamper(db)
			if res, _ := audit.Verify(ctx, db.DB); !res.Valid {
				t.Fatalf("the tampering left an inconsistent chain, so the head adds nothing: %+v", res)
			}
			res, err = audit.VerifyAgainst(ctx, db.DB, head)
			testutil.Fatal(t, err, "verify")
			if res.Valid || !strings.Contains(res.Reason, c.reason) {
				t.Fatalf("not caught: %+v", res)
			}
		})
	}
}

// A broken chain has no head to keep: wherever it breaks (the first event
// included, where the walk has read nothing but the genesis hash), Verify
// reports no head hash, never the all-zero genesis hash; an empty trail is
// valid with the genesis hash as its head.
func TestBrokenChainReportsNoHead(t *testing.T) {
	ctx := context.Background()
	db := testutil.NewDB(t, nil)
	res, err := audit.Verify(ctx, db.DB)
	testutil.Fatal(t, err, "verify empty")
	if !res.Valid || res.HeadHash != audit.GenesisHash {
		t.Fatalf("empty trail: %+v", res)
	}
	appendN(t, db.DB, audit.NewTrail(time.Now), 3)
	for _, tamper := range []string{
		"UPDATE audit_events SET changes = '{}' WHERE sequence = 1",
		"UPDATE audit_events SET hash = '" + strings.Repeat("0", 64) + "' WHERE sequence = 1",
		"DELETE FROM audit_events WHERE sequence = 1",
		"UPDATE audit_events SET changes = '{' WHERE sequence = 3",
	} {
		testutil.TamperWithAudit(t, db.DB, tamper)
		res, err := audit.Verify(ctx, db.DB)
		testutil.Fatal(t, err, "verify")
		if res.Valid || res.HeadHash != "" {
			t.Errorf("%s: %+v", tamper, res)
		}
		if b, _ := json.Marshal(res); strings.Contains(string(b), "head_hash") || strings.Contains(string(b), audit.GenesisHash) {
			t.Errorf("%s: the answer names a head: %s", tamper, b)
		}
	}
}
