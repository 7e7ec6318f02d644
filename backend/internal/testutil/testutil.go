// Package testutil gives tests a fresh, migrated database of their own (on
// SQLite, or on PostgreSQL when QUALTRACK_TEST_DATABASE_URL is set), a fixed
// clock and small builders.
package testutil

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/database"
)

// PostgresURLEnv names the variable that selects PostgreSQL for tests.
const PostgresURLEnv = "QUALTRACK_TEST_DATABASE_URL"

// Clock is a settable clock for tests.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// NewClock returns a clock stopped at t.
func NewClock(t time.Time) *Clock { return &Clock{t: t.UTC()} }

// FixedNow is the instant tests start at unless they say otherwise:
// 2026-06-15 10:00 UTC.
var FixedNow = time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Advance moves the clock forward by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// Set moves the clock to t.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t.UTC()
}

// DB is a test database.
type DB struct {
	*gorm.DB
	Dialect database.Dialect
	// DSN opens the same database again (another process, another pool).
	DSN string
}

// NewDB returns a migrated database that only this test uses, dropped when
// the test ends. now stamps created_at/updated_at; nil means time.Now.
func NewDB(t testing.TB, now func() time.Time) *DB {
	t.Helper()
	return newDB(t, now, 0)
}

// newDB is NewDB whose calls time out after timeout (0: the default).
// On SQLite the test's database starts as a copy of one migrated once per
// test process (migrating costs far more than copying, above all under the
// race detector); Migrate then finds nothing to do.
func newDB(t testing.TB, now func() time.Time, timeout time.Duration) *DB {
	t.Helper()
	var db *DB
	if os.Getenv(PostgresURLEnv) == "" {
		image, err := migratedSQLite()
		if err != nil {
			t.Fatalf("testutil: migrate: %v", err)
		}
		path := filepath.Join(t.TempDir(), "test.db")
		if err := os.WriteFile(path, image, 0o600); err != nil {
			t.Fatalf("testutil: %v", err)
		}
		db = openSQLite(t, path, now, timeout)
	} else {
		db = openDB(t, now, timeout)
	}
	if _, err := database.Migrate(context.Background(), db.DB); err != nil {
		t.Fatalf("testutil: migrate: %v", err)
	}
	return db
}

// migratedSQLite is the file of a freshly migrated SQLite database, made
// once per test process.
var migratedSQLite = sync.OnceValues(func() ([]byte, error) {
	dir, err := os.MkdirTemp("", "qualtrack-migrated-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "migrated.db")
	ctx := context.Background()
	db, err := database.Open(ctx, database.Options{Dialect: database.SQLite, DSN: path})
	if err != nil {
		return nil, err
	}
	_, err = database.Migrate(ctx, db)
	if err == nil {
		// Everything into the main file, so the file alone is the database.
		err = db.Exec("PRAGMA wal_checkpoint(TRUNCATE)").Error
	}
	if cerr := database.Close(db); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, err
	}
	return os.ReadFile(path)
})

// openSQLite opens the SQLite database at path for the test.
func openSQLite(t testing.TB, path string, now func() time.Time, timeout time.Duration) *DB {
	t.Helper()
	db, err := database.Open(context.Background(), database.Options{Dialect: database.SQLite, DSN: path, Now: now, Timeout: timeout})
	if err != nil {
		t.Fatalf("testutil: open sqlite: %v", err)
	}
	t.Cleanup(func() { _ = database.Close(db) })
	return &DB{DB: db, Dialect: database.SQLite, DSN: path}
}

// EmptyDB returns a database that only this test uses, with no migration
// applied yet.
func EmptyDB(t testing.TB) *DB {
	t.Helper()
	return openDB(t, nil, 0)
}

// openDB opens a database of the test's own without migrating it, whose
// calls time out after timeout (0: the default).
func openDB(t testing.TB, now func() time.Time, timeout time.Duration) *DB {
	t.Helper()
	ctx := context.Background()
	dialect, dsn := database.SQLite, filepath.Join(t.TempDir(), "test.db")
	if base := os.Getenv(PostgresURLEnv); base != "" {
		dialect = database.Postgres
		dsn = postgresSchema(t, base)
	}
	db, err := database.Open(ctx, database.Options{Dialect: dialect, DSN: dsn, Now: now, Timeout: timeout})
	if err != nil {
		t.Fatalf("testutil: open %s: %v", dialect, err)
	}
	t.Cleanup(func() { _ = database.Close(db) })
	return &DB{DB: db, Dialect: dialect, DSN: dsn}
}

var trigramOnce sync.Once

// keepTrigramInPublic makes sure the database's pg_trgm extension lives in
// public. Extensions are per database, not per schema: the first test to
// migrate would otherwise create it in its own schema, and dropping that
// schema at the end of the test would drop the extension, and with it the
// search indexes of every test still running. Another test process doing
// the same at the same moment is harmless (its error is only noticed).
func keepTrigramInPublic(admin *gorm.DB) {
	admin.Exec(`DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
        CREATE EXTENSION pg_trgm SCHEMA public;
    ELSIF (SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm') <> 'public' THEN
        ALTER EXTENSION pg_trgm SET SCHEMA public;
    END IF;
EXCEPTION WHEN others THEN
    RAISE NOTICE 'pg_trgm: %', SQLERRM;
END
$$`)
}

// postgresSchema creates a schema of the test's own and returns a URL whose
// search_path points at it, so parallel tests never see each other's rows.
func postgresSchema(t testing.TB, base string) string {
	t.Helper()
	ctx := context.Background()
	admin, err := database.Open(ctx, database.Options{Dialect: "postgres", DSN: base})
	if err != nil {
		t.Fatalf("testutil: open postgres: %v", err)
	}
	defer database.Close(admin)
	trigramOnce.Do(func() { keepTrigramInPublic(admin) })
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	if err := admin.Exec("CREATE SCHEMA " + schema).Error; err != nil {
		t.Fatalf("testutil: create schema: %v", err)
	}
	t.Cleanup(func() {
		db, err := database.Open(ctx, database.Options{Dialect: "postgres", DSN: base})
		if err != nil {
			return
		}
		defer database.Close(db)
		db.Exec("DROP SCHEMA " + schema + " CASCADE")
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("testutil: %s: %v", PostgresURLEnv, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// Fatal stops the test when err is not nil.
func Fatal(t testing.TB, err error, what string, args ...any) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", fmt.Sprintf(what, args...), err)
	}
}

// TamperWithAudit runs sql against audit_events the way an attacker with
// schema rights would: with the append-only triggers dropped first.
func TamperWithAudit(t testing.TB, db *gorm.DB, sql string) {
	t.Helper()
	drops := []string{"DROP TRIGGER IF EXISTS audit_events_no_update", "DROP TRIGGER IF EXISTS audit_events_no_delete"}
	if database.DialectOf(db) == database.Postgres {
		drops = []string{"DROP TRIGGER IF EXISTS audit_events_no_update_delete ON audit_events"}
	}
	for _, d := range drops {
		if err := db.Exec(d).Error; err != nil {
			t.Fatalf("testutil: drop audit trigger: %v", err)
		}
	}
	if err := db.Exec(sql).Error; err != nil {
		t.Fatalf("testutil: tamper: %v", err)
	}
}
