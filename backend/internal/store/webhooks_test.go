package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/store"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// An event is queued in the transaction of its change: a change rolled
// back takes its events with it, a committed one leaves them queued.
func TestWebhookEventsRollBackWithTheirChange(t *testing.T) {
	t.Parallel()
	clock := testutil.NewClock(testutil.FixedNow)
	db := testutil.NewDB(t, clock.Now)
	st := store.New(db.DB, clock.Now)
	ctx := context.Background()
	b := testutil.NewBuilder(t, st)
	site := b.Site(b.Manufacturer("Acme"), "ACME-SZ1")
	in := b.Completed(site.ID, "2026-06-01", model.ResultPass)
	_, err := st.CreateWebhook(ctx, store.WebhookInput{Name: "ERP", URL: "https://erp.example.com/hook", EventTypes: []string{model.EventFindingOpened}, Active: true}, "sealed", testutil.SystemActor)
	testutil.Fatal(t, err, "subscribe")
	count := func(table string) int64 {
		var n int64
		testutil.Fatal(t, db.Table(table).Count(&n).Error, "count %s", table)
		return n
	}

	boom := errors.New("the change failed after its event was queued")
	err = st.CreateFindingThenFail(ctx, in.ID, &model.Finding{Severity: model.SeverityMajor, Category: "esd", Description: "Rolled back"}, testutil.SystemActor, boom)
	if !errors.Is(err, boom) {
		t.Fatalf("the change did not queue an event before failing: %v", err)
	}
	if n := count("webhook_outbox"); n != 0 {
		t.Fatalf("a rolled-back change left %d queued events", n)
	}
	if n := count("findings"); n != 0 {
		t.Fatalf("the rolled-back finding is stored")
	}

	b.Finding(in.ID, model.SeverityMajor)
	if n := count("webhook_outbox"); n != 1 {
		t.Fatalf("a committed finding queued %d events, want 1", n)
	}
}
