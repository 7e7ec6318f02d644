package store_test

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/database"
	"github.com/qualtrack/qualtrack/backend/internal/store"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// A page whose last row is deleted between the page's read and the read of
// that row's sort value (which the next cursor carries) is read again: the
// answer is the page as it is now, with a cursor that leads on, not an
// error. On SQLite a list reads one snapshot (database.ReadSnapshot): the
// delete is not seen, and the page, its total and its cursor are those of
// the database before it, as if the list had been read just before.
func TestCursorOfAPageWhoseLastRowWasJustDeleted(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := testutil.NewDB(t, nil)
	st := store.New(db.DB, func() time.Time { return testutil.FixedNow })
	b := testutil.NewBuilder(t, st)
	var ids []int64
	for _, name := range []string{"Alpha", "Bravo", "Charlie", "Delta", "Echo"} {
		ids = append(ids, b.Manufacturer(name).ID)
	}
	bravo := ids[1]
	wantFirst, wantTotal, wantSecond, wantMore := []int64{ids[0], ids[2]}, int64(4), []int64{ids[3], ids[4]}, false
	if db.Dialect == database.SQLite {
		wantFirst, wantTotal, wantSecond, wantMore = []int64{ids[0], ids[1]}, 5, []int64{ids[2], ids[3]}, true
	}

	var once sync.Once
	deleted := false
	testutil.Fatal(t, db.Callback().Query().After("gorm:query").Register("test:delete-last-row", func(tx *gorm.DB) {
		// Not a dry run: that builds a subquery's text and reads nothing.
		if tx.DryRun || tx.Statement.Table != "manufacturers" || !strings.Contains(tx.Statement.SQL.String(), "LIMIT") {
			return
		}
		once.Do(func() {
			err := tx.Session(&gorm.Session{NewDB: true}).Exec("DELETE FROM manufacturers WHERE id = ?", bravo).Error
			testutil.Fatal(t, err, "delete Bravo")
			deleted = true
		})
	}), "register the deleting callback")

	var pos store.Position
	first, total, err := st.ListManufacturers(ctx, store.ManufacturerFilter{}, store.Page{Page: 1, PageSize: 2, Sort: "name", Position: &pos})
	testutil.Fatal(t, err, "first page")
	if !deleted {
		t.Fatal("the page query never ran: nothing was deleted in between")
	}
	if got := manufacturerIDs(first); !slices.Equal(got, wantFirst) || total != wantTotal {
		t.Fatalf("first page %v of %d, want %v of %d", got, total, wantFirst, wantTotal)
	}
	if pos.Next == "" {
		t.Fatal("no cursor to the next page")
	}
	second, _, err := st.ListManufacturers(ctx, store.ManufacturerFilter{}, store.Page{PageSize: 2, Sort: "name", After: pos.Next, Position: &pos})
	testutil.Fatal(t, err, "second page")
	if got := manufacturerIDs(second); !slices.Equal(got, wantSecond) || (pos.Next != "") != wantMore {
		t.Fatalf("second page %v (next %q), want %v (a next page: %v)", got, pos.Next, wantSecond, wantMore)
	}
}

func manufacturerIDs(rows []store.ManufacturerView) []int64 {
	out := make([]int64, len(rows))
	for i, r := range rows {
		out[i] = r.ID
	}
	return out
}
