package database

import (
	"context"
	"database/sql"
	"strings"

	"gorm.io/gorm"
)

// snapshotKey carries, in a context, the read transaction of ReadSnapshot.
type snapshotKey struct{}

// ReadSnapshot returns ctx carrying, until done is called, one read-only
// transaction on one of SQLite's reader connections, and every read made
// through db's connection pool with that context reads in it: one
// snapshot of the database, so that a list's count and its page, or the
// dashboard's figures, agree though a write commits between them. It is
// also cheaper: a SQLite connection drops its page cache (its memory
// mapping) at the first read after any commit, and under a steady stream
// of writes each of a request's statements began cold; in one transaction
// only the first does, and the others find the pages it read.
//
// On PostgreSQL, inside a transaction, and when ctx carries a snapshot
// already, ctx is returned as it is. Prepared statements do not join the
// snapshot: they take a reader connection of their own, so code that
// runs in a snapshot asks InSnapshot and reads without them (four
// requests holding the four readers would otherwise each wait for a
// fifth).
func ReadSnapshot(ctx context.Context, db *gorm.DB) (context.Context, func(), error) {
	pools, ok := db.Statement.ConnPool.(*sqlitePools)
	if !ok || InSnapshot(ctx) {
		return ctx, func() {}, nil
	}
	tx, err := pools.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, nil, err
	}
	return context.WithValue(ctx, snapshotKey{}, tx), func() { _ = tx.Rollback() }, nil
}

// InSnapshot says whether ctx carries a read snapshot.
func InSnapshot(ctx context.Context) bool {
	_, in := ctx.Value(snapshotKey{}).(*sql.Tx)
	return in
}

// snapshotOf is the read transaction ctx carries for query, nil when it
// carries none or query is not a plain read.
func snapshotOf(ctx context.Context, query string) *sql.Tx {
	if ctx == nil || !reads(query) || strings.HasPrefix(strings.ToUpper(strings.TrimSpace(query)), "VACUUM") {
		return nil // a backup's VACUUM INTO runs outside any transaction
	}
	tx, _ := ctx.Value(snapshotKey{}).(*sql.Tx)
	return tx
}
