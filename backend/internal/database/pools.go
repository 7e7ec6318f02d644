package database

import (
	"context"
	"database/sql"
	"errors"
	"strings"
)

// The SQLite connections: readers, and the one writer SQLite allows at a
// time.
const (
	sqliteReaders = 4
	sqliteWriters = 1
)

// sqlitePools is the gorm connection pool of a SQLite database: reads go
// to a pool of reader connections, and every transaction and every other
// statement to a pool of one writer connection.
//
// SQLite writes one transaction at a time. With one pool for both, the
// writers waiting for the write lock held connections the readers then
// waited for, and each of the many connections dropped its page cache (its
// memory mapping, sqliteMmapBytes) at its first read after any write: on
// the mixed load (docs/benchmarks.md), one pool of eight connections
// served 460 reads and 73 writes a second. Here the writers queue for the
// writer connection in the pool, never holding a reader's, and the few
// readers each drop their cache less often: four readers and the writer
// serve 500-550 reads and 120-130 writes a second (three readers: 480 and
// 138; six: 560 and 96).
//
// A read whose context carries a read snapshot (ReadSnapshot) runs in the
// snapshot's transaction, on the reader it holds.
//
// A statement is a read when it starts with SELECT or EXPLAIN (those
// cannot write) or is a backup's VACUUM INTO. A transaction always takes the writer (it begins with
// BEGIN IMMEDIATE, SQLiteDSN), so what a transaction reads and writes is
// on one connection, as before.
type sqlitePools struct {
	read, write *sql.DB
}

// openSQLitePools opens both pools on dsn.
func openSQLitePools(dsn string) (*sqlitePools, error) {
	read, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	write, err := sql.Open("sqlite", dsn)
	if err != nil {
		_ = read.Close()
		return nil, err
	}
	read.SetMaxOpenConns(sqliteReaders)
	read.SetMaxIdleConns(sqliteReaders)
	write.SetMaxOpenConns(sqliteWriters)
	write.SetMaxIdleConns(sqliteWriters)
	return &sqlitePools{read: read, write: write}, nil
}

// reads says whether query only reads the database: a SELECT, an
// EXPLAIN, or the copy of it into another file that a backup makes
// (VACUUM INTO takes no write lock, so a backup holds up no write).
func reads(query string) bool {
	q := strings.TrimLeft(query, " \t\r\n(")
	for _, verb := range []string{"SELECT", "EXPLAIN", "VACUUM INTO"} {
		if len(q) >= len(verb) && strings.EqualFold(q[:len(verb)], verb) {
			return true
		}
	}
	return false
}

func (p *sqlitePools) pool(query string) *sql.DB {
	if reads(query) {
		return p.read
	}
	return p.write
}

func (p *sqlitePools) PrepareContext(ctx context.Context, query string) (*sql.Stmt, error) {
	return p.pool(query).PrepareContext(ctx, query)
}

func (p *sqlitePools) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if tx := snapshotOf(ctx, query); tx != nil {
		return tx.ExecContext(ctx, query, args...)
	}
	return p.pool(query).ExecContext(ctx, query, args...)
}

func (p *sqlitePools) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if tx := snapshotOf(ctx, query); tx != nil {
		return tx.QueryContext(ctx, query, args...)
	}
	return p.pool(query).QueryContext(ctx, query, args...)
}

func (p *sqlitePools) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if tx := snapshotOf(ctx, query); tx != nil {
		return tx.QueryRowContext(ctx, query, args...)
	}
	return p.pool(query).QueryRowContext(ctx, query, args...)
}

// BeginTx begins a transaction on the writer.
func (p *sqlitePools) BeginTx(ctx context.Context, opts *sql.TxOptions) (*sql.Tx, error) {
	return p.write.BeginTx(ctx, opts)
}

// GetDBConn is the readers' pool, for what gorm's DB() is asked for:
// pinging, statistics, connections of their own (the start-up planner
// statistics) and migrations, which take the write lock like any writer.
func (p *sqlitePools) GetDBConn() (*sql.DB, error) { return p.read, nil }

// Close closes both pools.
func (p *sqlitePools) Close() error {
	return errors.Join(p.read.Close(), p.write.Close())
}
