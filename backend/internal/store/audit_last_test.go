package store_test

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/store"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// The busiest writes (an inspection or a finding created or changed)
// append their audit event after every other statement of theirs: from the
// chain's lock (PostgreSQL) or the read of its head on, the transaction
// does nothing but the append, so other writers wait for the chain no
// longer than the append and the commit.
func TestBusiestWritesAppendTheirAuditEventLast(t *testing.T) {
	t.Parallel()
	st, b := cacheStore(t)
	var (
		mu        sync.Mutex
		seen      []string
		recording atomic.Bool
	)
	record := func(tx *gorm.DB) {
		if tx.DryRun || !recording.Load() {
			return
		}
		mu.Lock()
		seen = append(seen, tx.Statement.SQL.String())
		mu.Unlock()
	}
	cb := st.DB().Callback()
	testutil.Fatal(t, cb.Create().After("gorm:create").Register("test:order", record), "log creates")
	testutil.Fatal(t, cb.Update().After("gorm:update").Register("test:order", record), "log updates")
	testutil.Fatal(t, cb.Delete().After("gorm:delete").Register("test:order", record), "log deletes")
	testutil.Fatal(t, cb.Query().After("gorm:query").Register("test:order", record), "log queries")
	testutil.Fatal(t, cb.Row().After("gorm:row").Register("test:order", record), "log row reads")
	testutil.Fatal(t, cb.Raw().After("gorm:raw").Register("test:order", record), "log statements")

	ctx := context.Background()
	actor := audit.Actor{Email: "test@example.com", Role: string(model.RoleManager)}
	site := b.Site(b.Manufacturer("Acme"), "S-1")
	var in store.InspectionRow
	var f store.FindingRow
	for _, c := range []struct {
		name  string
		write func()
	}{
		{"plan an inspection", func() { in = b.Planned(site.ID, "2026-03-01") }},
		{"change an inspection", func() {
			var err error
			in, err = st.UpdateInspection(ctx, in.ID, in.Version, actor, func(i *model.Inspection) error {
				i.Summary = "Line 2 and the stores."
				return nil
			})
			testutil.Fatal(t, err, "change the inspection")
		}},
		{"raise a finding", func() { f = b.Finding(in.ID, model.SeverityMinor) }},
		{"change a finding", func() { f = b.Start(f) }},
	} {
		mu.Lock()
		seen = nil
		mu.Unlock()
		recording.Store(true)
		c.write()
		recording.Store(false)
		mu.Lock()
		statements := seen
		mu.Unlock()
		chain := -1
		for i, s := range statements {
			if strings.Contains(s, "audit_events") || strings.Contains(s, "pg_advisory_xact_lock") {
				chain = i
				break
			}
		}
		if chain < 0 {
			t.Errorf("%s: no statement of the audit chain among %d", c.name, len(statements))
			continue
		}
		for _, s := range statements[chain:] {
			if !strings.Contains(s, "audit_events") && !strings.Contains(s, "pg_advisory_xact_lock") {
				t.Errorf("%s: after the chain's first statement the write still runs %s", c.name, s)
			}
		}
		if last := statements[len(statements)-1]; !strings.HasPrefix(last, "INSERT INTO") {
			t.Errorf("%s: the last statement is %s, want the event's insert", c.name, last)
		}
	}
}
