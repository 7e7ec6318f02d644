// Package testutil gives tests a fresh, migrated database of their own (on
// SQLite, or on PostgreSQL when QUALTRACK_TEST_DATABASE_URL is set), a fixed
// clock and small builders.
package testutil

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/database"
	"github.com/qualtrack/qualtrack/migrations"
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
// The test's database starts as a copy of one already migrated (migrating
// costs far more than copying, above all under the race detector): on
// SQLite a file migrated once per test process, on PostgreSQL a template
// database migrated once per set of migrations. Migrate then finds nothing
// to do.
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
		db = open(t, database.SQLite, path, now, timeout)
	} else {
		db = open(t, database.Postgres, postgresDatabase(t, os.Getenv(PostgresURLEnv)), now, timeout)
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

// open opens the database at dsn for the test, closed when it ends.
func open(t testing.TB, dialect database.Dialect, dsn string, now func() time.Time, timeout time.Duration) *DB {
	t.Helper()
	db, err := database.Open(context.Background(), database.Options{Dialect: dialect, DSN: dsn, Now: now, Timeout: timeout})
	if err != nil {
		t.Fatalf("testutil: open %s: %v", dialect, err)
	}
	t.Cleanup(func() { _ = database.Close(db) })
	return &DB{DB: db, Dialect: dialect, DSN: dsn}
}

// EmptyDB returns a database that only this test uses, with no migration
// applied yet.
func EmptyDB(t testing.TB) *DB {
	t.Helper()
	if base := os.Getenv(PostgresURLEnv); base != "" {
		return open(t, database.Postgres, postgresSchema(t, base), nil, 0)
	}
	return open(t, database.SQLite, filepath.Join(t.TempDir(), "test.db"), nil, 0)
}

// postgresDatabase creates a database of the test's own, a copy of the
// migrated template, dropped when the test ends, and returns its URL.
func postgresDatabase(t testing.TB, base string) string {
	t.Helper()
	template, err := postgresTemplate()
	if err != nil {
		t.Fatalf("testutil: template database: %v", err)
	}
	admin, err := database.Open(context.Background(), database.Options{Dialect: database.Postgres, DSN: base})
	if err != nil {
		t.Fatalf("testutil: open postgres: %v", err)
	}
	defer database.Close(admin)
	name := "t_" + randomHex(6)
	if err := admin.Exec("CREATE DATABASE " + name + " TEMPLATE " + template).Error; err != nil {
		t.Fatalf("testutil: create database: %v", err)
	}
	t.Cleanup(func() {
		admin, err := database.Open(context.Background(), database.Options{Dialect: database.Postgres, DSN: base})
		if err != nil {
			return
		}
		defer database.Close(admin)
		admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
	})
	return withDatabase(base, name)
}

// postgresTemplate returns the name of a database migrated with this
// build's migrations, to copy for each test: made once by the first test
// process that needs it (under an advisory lock, so that test processes
// running side by side wait for it), under a name that changes with the
// migrations. It is built under another name and renamed when complete, so
// a run stopped half-way leaves no template half-migrated.
var postgresTemplate = sync.OnceValues(func() (string, error) {
	base := os.Getenv(PostgresURLEnv)
	h := sha256.New()
	err := fs.WalkDir(migrations.FS, string(database.Postgres), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := migrations.FS.ReadFile(path)
		h.Write([]byte(path))
		h.Write(b)
		return err
	})
	if err != nil {
		return "", err
	}
	name := "qualtrack_template_" + hex.EncodeToString(h.Sum(nil))[:16]

	ctx := context.Background()
	admin, err := database.Open(ctx, database.Options{Dialect: database.Postgres, DSN: base})
	if err != nil {
		return "", err
	}
	defer database.Close(admin)
	sqlDB, err := admin.DB()
	if err != nil {
		return "", err
	}
	conn, err := sqlDB.Conn(ctx)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	const lockKey = 0x71756174 // "quat"
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock($1)", lockKey); err != nil {
		return "", err
	}
	defer conn.ExecContext(ctx, "SELECT pg_advisory_unlock($1)", lockKey)
	var exists bool
	if err := conn.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil || exists {
		return name, err
	}
	building := name + "_" + randomHex(4)
	if _, err := conn.ExecContext(ctx, "CREATE DATABASE "+building); err != nil {
		return "", err
	}
	db, err := database.Open(ctx, database.Options{Dialect: database.Postgres, DSN: withDatabase(base, building)})
	if err != nil {
		return "", err
	}
	_, err = database.Migrate(ctx, db)
	if cerr := database.Close(db); err == nil {
		err = cerr
	}
	if err == nil {
		_, err = conn.ExecContext(ctx, "ALTER DATABASE "+building+" RENAME TO "+name)
	}
	if err != nil {
		_, _ = conn.ExecContext(ctx, "DROP DATABASE IF EXISTS "+building+" WITH (FORCE)")
		return "", err
	}
	return name, nil
})

// withDatabase is the PostgreSQL URL base with its database replaced.
func withDatabase(base, name string) string {
	u, err := url.Parse(base)
	if err != nil {
		return base
	}
	u.Path = "/" + name
	return u.String()
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
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
	schema := "t_" + randomHex(6)
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
