package store_test

import (
	"context"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/database"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/store"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// A finding saved with its text unchanged (a new status) leaves SQLite's
// search index as it was: the update trigger fires only when the text
// changes (migration 00032). Changed, the text is found by its new words
// and no longer by its old ones.
func TestSearchIndexIsRewrittenOnlyWhenTheTextChanges(t *testing.T) {
	t.Parallel()
	st, b := cacheStore(t)
	if database.DialectOf(st.DB()) != database.SQLite {
		t.Skip("PostgreSQL's trigram indexes have no triggers")
	}
	ctx := context.Background()
	site := b.Site(b.Manufacturer("Acme"), "S-1")
	in := b.Planned(site.ID, "2026-03-01")
	f := b.Finding(in.ID, model.SeverityMajor, func(_ *testutil.Builder, f *model.Finding) { f.Description = "Solder joints cracked" })
	segments := func() int64 {
		t.Helper()
		var n int64
		testutil.Fatal(t, st.DB().Raw("SELECT count(*) FROM findings_search_data").Scan(&n).Error, "search index rows")
		return n
	}
	found := func(q string) bool {
		t.Helper()
		rows, _, err := st.ListFindings(ctx, store.FindingFilter{Q: q}, store.Page{Page: 1, PageSize: 10})
		testutil.Fatal(t, err, "search %q", q)
		return len(rows) == 1 && rows[0].ID == f.ID
	}
	actor := audit.Actor{Email: "test@example.com", Role: string(model.RoleManager)}

	before := segments()
	f = b.Start(f)
	if after := segments(); after != before {
		t.Errorf("a change of status rewrote the search index: %d rows, %d before", after, before)
	}
	if !found("cracked") {
		t.Error("after a change of status the finding is not found by its text")
	}
	_, err := st.UpdateFinding(ctx, f.ID, f.Version, actor, func(f *model.Finding) error {
		f.Description = "Conformal coating missing"
		return nil
	})
	testutil.Fatal(t, err, "change the description")
	if segments() == before {
		t.Error("a new description left the search index as it was")
	}
	if !found("coating") || found("cracked") {
		t.Errorf("after a new description: found by the new text %v, by the old %v; want true, false", found("coating"), found("cracked"))
	}
}
