package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/store"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// The unclosed findings counted by due date (migration 00033) stay equal
// to a plain count through every write that moves a finding into them,
// out of them or to another date: raised, given another due date, started
// (the same date), closed, reopened, deleted. The dashboard's overdue
// figure, read from them less the archived sites' overdue findings, stays
// equal to the findings list's.
func TestUnclosedFindingsByDueDateStayInStep(t *testing.T) {
	t.Parallel()
	clock := testutil.NewClock(testutil.FixedNow)
	db := testutil.NewDB(t, clock.Now)
	st := store.New(db.DB, clock.Now)
	b := testutil.NewBuilder(t, st)
	ctx := context.Background()
	today := st.Today()
	past, earlier, future := today.AddDays(-20).String(), today.AddDays(-45).String(), today.AddDays(30).String()

	m := b.Manufacturer("Due Dates Ltd")
	kept, archivedSite := b.Site(m, "DD-1"), b.Site(m, "DD-2")
	in := b.Completed(kept.ID, today.AddDays(-60).String(), model.ResultConditional)
	other := b.Completed(archivedSite.ID, today.AddDays(-60).String(), model.ResultConditional)

	type count struct {
		K string
		N int64
	}
	check := func(step string) {
		t.Helper()
		var counted, counts []count
		testutil.Fatal(t, db.Raw("SELECT due_date AS k, n FROM finding_due_counts WHERE n <> 0 ORDER BY k").Scan(&counts).Error, "kept counts")
		testutil.Fatal(t, db.Raw("SELECT due_date AS k, count(*) AS n FROM findings WHERE status <> 'closed' AND due_date IS NOT NULL GROUP BY due_date ORDER BY k").
			Scan(&counted).Error, "plain counts")
		if !slices.Equal(counts, counted) {
			t.Errorf("%s: kept by due date %v, counted %v", step, counts, counted)
		}
		d, err := st.Dashboard(ctx)
		testutil.Fatal(t, err, "dashboard")
		yes := true
		_, overdue, err := st.ListFindings(ctx, store.FindingFilter{Overdue: &yes, ActiveSites: true}, store.Page{Page: 1, PageSize: 1})
		testutil.Fatal(t, err, "overdue findings")
		if d.OverdueFindings != overdue {
			t.Errorf("%s: the dashboard counts %d overdue findings, the list %d", step, d.OverdueFindings, overdue)
		}
	}
	move := func(f store.FindingRow, change func(f *model.Finding)) store.FindingRow {
		t.Helper()
		row, err := st.UpdateFinding(ctx, f.ID, f.Version, testutil.SystemActor, func(m *model.Finding) error { change(m); return nil })
		testutil.Fatal(t, err, "update finding %d", f.ID)
		return row
	}

	a := b.Finding(in.ID, model.SeverityMajor, testutil.Due(past))
	c := b.Finding(in.ID, model.SeverityMinor, testutil.Due(past))
	e := b.Finding(in.ID, model.SeverityCritical, testutil.Due(future))
	gone := b.Finding(in.ID, model.SeverityObservation, testutil.Due(earlier))
	b.Finding(other.ID, model.SeverityMajor, testutil.Due(past))
	check("raised")
	if d, _ := st.Dashboard(ctx); d.OverdueFindings != 4 {
		t.Fatalf("the register holds 4 overdue findings, the dashboard counts %d: this test shows nothing", d.OverdueFindings)
	}

	a = move(a, func(f *model.Finding) { f.DueDate = testutil.Date(t, future) })
	check("a due date moved past today")
	e = move(e, func(f *model.Finding) { f.DueDate = testutil.Date(t, earlier) })
	check("a due date moved before today")
	c = b.Start(c)
	check("started, the same date")
	move(c, func(f *model.Finding) { f.Description = "Reworded, nothing else" })
	check("edited, the same date and status")
	e = b.Close(e)
	check("closed")
	move(e, func(f *model.Finding) { f.Status = model.FindingOpen })
	check("reopened")
	b.Archive(archivedSite.ID)
	check("its site archived")
	// The store deletes no finding; the database may (an operator's SQL).
	// A write through the store then tells the dashboard's cache.
	testutil.Fatal(t, db.Exec("DELETE FROM findings WHERE id = ?", gone.ID).Error, "delete a finding")
	b.Manufacturer("After The Delete Ltd")
	check("deleted")
	move(a, func(f *model.Finding) { f.DueDate = testutil.Date(t, past) })
	check("a due date moved back before today")
}
