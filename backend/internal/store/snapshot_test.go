package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/database"
	"github.com/qualtrack/qualtrack/backend/internal/store"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// A list read with a snapshot's context reads that snapshot: its count and
// its page agree with each other and leave out a site created since. And
// while snapshots hold every SQLite reader connection, what a request
// reads in one of them (the cache mark, which is otherwise a prepared
// statement, and a list) needs no other connection.
func TestListsAndTheCacheMarkReadInTheRequestsSnapshot(t *testing.T) {
	t.Parallel()
	st, b := cacheStore(t)
	if database.DialectOf(st.DB()) != database.SQLite {
		t.Skip("PostgreSQL reads each statement as it finds the database")
	}
	m := b.Manufacturer("Acme")
	b.Site(m, "S-1")

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var held []context.Context
	for range 4 { // SQLite's reader connections
		c, done, err := database.ReadSnapshot(ctx, st.DB())
		testutil.Fatal(t, err, "read snapshot")
		defer done()
		var n int64
		testutil.Fatal(t, st.DB().WithContext(c).Raw("SELECT count(*) FROM sites").Scan(&n).Error, "first read of the snapshot")
		held = append(held, c)
	}
	b.Site(m, "S-2")

	snap := held[0]
	_, err := st.CacheMark(snap)
	testutil.Fatal(t, err, "cache mark in a snapshot while every reader is held")
	var pos store.Position
	sites, total, err := st.ListSites(snap, store.SiteFilter{}, store.Page{Page: 1, PageSize: 50, Position: &pos})
	testutil.Fatal(t, err, "list in a snapshot while every reader is held")
	if total != 1 || len(sites) != 1 || sites[0].Code != "S-1" {
		t.Fatalf("list in the snapshot = %d sites of %d, want S-1 alone (the snapshot's state)", len(sites), total)
	}
}
