package database_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	gosync "sync"
	"testing"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/schema"

	"github.com/qualtrack/qualtrack/backend/internal/database"
	"github.com/qualtrack/qualtrack/backend/internal/filestore"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
	"github.com/qualtrack/qualtrack/migrations"
)

// Both dialect folders must hold the same migration versions.
func TestMigrationFoldersMatch(t *testing.T) {
	names := func(dir string) []string {
		entries, err := fs.ReadDir(migrations.FS, dir)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range entries {
			out = append(out, e.Name())
		}
		return out
	}
	sq, pg := names("sqlite"), names("postgres")
	if len(sq) == 0 || !slices.Equal(sq, pg) {
		t.Fatalf("sqlite migrations %v differ from postgres %v", sq, pg)
	}
}

// Every field of every gorm model has its column after migrating (on the
// dialect under test: SQLite, or PostgreSQL when the test URL is set).
func TestModelsMatchSchema(t *testing.T) {
	db := testutil.NewDB(t, nil)
	models := []any{
		&model.User{}, &model.Manufacturer{}, &model.Site{}, &model.QualificationDecision{},
		&model.Inspection{}, &model.Finding{}, &model.Certification{}, &model.Attachment{}, &model.AuditEvent{},
		&model.ChecklistTemplate{}, &model.ChecklistSection{}, &model.ChecklistItem{},
		&model.InspectionChecklist{}, &model.ChecklistAnswer{},
		&model.ReminderRun{}, &model.Reminder{}, &model.Notification{}, &model.NotificationPreference{}, &model.CalendarToken{},
		&model.UserManufacturerScope{}, &model.UserTOTP{}, &model.TOTPRecoveryCode{}, &model.LoginFailure{},
		&model.RequestKey{},
	}
	for _, m := range models {
		s, err := schema.Parse(m, &gosync.Map{}, db.NamingStrategy)
		if err != nil {
			t.Fatal(err)
		}
		cols, err := db.Migrator().ColumnTypes(m)
		if err != nil {
			t.Fatalf("%s: %v", s.Table, err)
		}
		have := map[string]bool{}
		for _, c := range cols {
			have[strings.ToLower(c.Name())] = true
		}
		for _, f := range s.Fields {
			if f.DBName != "" && !have[f.DBName] {
				t.Errorf("%s (%s): table %s has no column %s", s.Name, db.Dialect, s.Table, f.DBName)
			}
		}
	}
}

// A constraint the store turns into 409 or 422 is not logged as an error;
// a real SQL error still is.
func TestConstraintViolationsAreNotLoggedAsErrors(t *testing.T) {
	var buf bytes.Buffer
	db, err := database.Open(context.Background(), database.Options{Dialect: "sqlite", DSN: filepath.Join(t.TempDir(), "log.db"),
		Logger: slog.New(slog.NewTextHandler(&buf, nil))})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = database.Close(db) })
	if err := db.Exec("CREATE TABLE codes (id INTEGER PRIMARY KEY, code TEXT UNIQUE)").Error; err != nil {
		t.Fatal(err)
	}
	type code struct {
		ID   int64
		Code string
	}
	if err := db.Create(&code{Code: "A"}).Error; err != nil {
		t.Fatal(err)
	}
	if err := db.Create(&code{Code: "A"}).Error; !errors.Is(err, gorm.ErrDuplicatedKey) {
		t.Fatalf("duplicate: %v", err)
	}
	if strings.Contains(buf.String(), "level=ERROR") {
		t.Fatalf("a duplicate key was logged as an error: %s", buf.String())
	}
	_ = db.Exec("SELECT nothing FROM nowhere").Error
	if !strings.Contains(buf.String(), "level=ERROR") {
		t.Fatalf("a broken query was not logged: %q", buf.String())
	}
}

// Every SQLite connection reads the file through memory mapping, so a
// write does not send each reader back to read calls for every page.
func TestSQLiteConnectionsReadThroughMemoryMapping(t *testing.T) {
	db, err := database.Open(context.Background(), database.Options{Dialect: "sqlite", DSN: filepath.Join(t.TempDir(), "mmap.db")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = database.Close(db) })
	sqlDB, err := db.DB()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var conns []*sql.Conn
	for range 3 { // connections the pool opens later get it too
		c, err := sqlDB.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
		var mapped int64
		if err := c.QueryRowContext(ctx, "PRAGMA mmap_size").Scan(&mapped); err != nil {
			t.Fatal(err)
		}
		if mapped < 1<<30 {
			t.Fatalf("connection %d maps %d bytes of the file, want at least 1 GiB", len(conns), mapped)
		}
	}
	for _, c := range conns {
		_ = c.Close()
	}
}

// On SQLite the writes queue for the one writer connection and the reads
// have connections of their own: a read is answered at once while a write
// transaction holds the write lock and more writers than there are
// connections wait behind it; the writers then go through one by one.
func TestSQLiteReadsDoNotWaitBehindQueuedWriters(t *testing.T) {
	ctx := context.Background()
	db, err := database.Open(ctx, database.Options{Dialect: "sqlite", DSN: filepath.Join(t.TempDir(), "pools.db")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = database.Close(db) })
	if err := db.Exec("CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)").Error; err != nil {
		t.Fatal(err)
	}
	if err := db.Exec("INSERT INTO counter (id, n) VALUES (1, 0)").Error; err != nil {
		t.Fatal(err)
	}
	release := holdWriteLock(t, db, "UPDATE counter SET n = n + 1")
	const writers = 12 // more than every connection of both pools
	queued := make(chan error, writers)
	for range writers {
		go func() {
			queued <- db.Transaction(func(tx *gorm.DB) error { return tx.Exec("UPDATE counter SET n = n + 1").Error })
		}()
	}
	time.Sleep(100 * time.Millisecond) // the writers reach the pool and wait
	for i := range 3 {
		readCtx, cancel := context.WithTimeout(ctx, 2*time.Second)
		var n int64
		err := db.WithContext(readCtx).Raw("SELECT n FROM counter WHERE id = 1").Scan(&n).Error
		cancel()
		if err != nil {
			t.Fatalf("read %d while a write holds the lock and %d wait: %v", i+1, writers, err)
		}
		if n != 0 {
			t.Fatalf("read %d saw %d, want the committed 0", i+1, n)
		}
	}
	release()
	for range writers {
		if err := <-queued; err != nil {
			t.Fatalf("a queued writer: %v", err)
		}
	}
	var n int64
	if err := db.Raw("SELECT n FROM counter WHERE id = 1").Scan(&n).Error; err != nil || n != writers+1 {
		t.Fatalf("after every write: n = %d (%v), want %d", n, err, writers+1)
	}
}

// Only statements that cannot write go to SQLite's readers.
func TestOnlyReadsGoToTheReaders(t *testing.T) {
	for query, want := range map[string]bool{
		"SELECT * FROM sites": true,
		"  select count(*) FROM (SELECT 1 FROM sites) AS matches": true,
		"(SELECT 1) UNION (SELECT 2)":                             true,
		"EXPLAIN QUERY PLAN SELECT id FROM sites":                 true,
		"INSERT INTO sites (code) VALUES (?) RETURNING id":        false,
		"UPDATE sites SET name = ? WHERE id = ?":                  false,
		"DELETE FROM sites WHERE id = ?":                          false,
		"WITH x AS (SELECT 1) DELETE FROM sites":                  false,
		"PRAGMA optimize":                                         false,
		"VACUUM INTO ?":                                           true,
		"VACUUM":                                                  false,
		"SELEC":                                                   false,
		"":                                                        false,
	} {
		if got := database.Reads(query); got != want {
			t.Errorf("reads(%q) = %v, want %v", query, got, want)
		}
	}
}

// A backup copies the SQLite file with VACUUM INTO, which takes no write
// lock: it goes to the readers and completes while a write transaction
// holds the writer connection.
func TestSQLiteBackupDoesNotWaitForTheWriter(t *testing.T) {
	db := testutil.NewDB(t, nil)
	if db.Dialect != database.SQLite {
		t.Skip("PostgreSQL is backed up with pg_dump")
	}
	release := holdWriteLock(t, db.DB, "UPDATE users SET updated_at = updated_at")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	dir := t.TempDir()
	_, err := database.Backup(ctx, db.DB, filestore.New(filepath.Join(dir, "attachments")), filepath.Join(dir, "backup"))
	release()
	if err != nil {
		t.Fatalf("backup while a write transaction is open: %v", err)
	}
}

// holdWriteLock runs write in a transaction and keeps it open, holding the
// write lock (on SQLite the writer connection), until the returned release
// is called; release commits it and fails the test if it failed.
func holdWriteLock(t *testing.T, db *gorm.DB, write string) (release func()) {
	t.Helper()
	holding, done := make(chan struct{}), make(chan struct{})
	result := make(chan error, 1)
	go func() {
		result <- db.Transaction(func(tx *gorm.DB) error {
			err := tx.Exec(write).Error
			close(holding)
			if err != nil {
				return err
			}
			<-done
			return nil
		})
	}()
	<-holding
	return func() {
		t.Helper()
		close(done)
		if err := <-result; err != nil {
			t.Fatalf("the transaction holding the write lock: %v", err)
		}
	}
}

// What is read with a ReadSnapshot's context is one state of a SQLite
// database: a write committed after its first read is not seen until
// done; then it is. On PostgreSQL the context is returned as it was.
func TestReadSnapshotReadsOneStateOfTheDatabase(t *testing.T) {
	db := testutil.NewDB(t, nil)
	testutil.Fatal(t, db.Exec("CREATE TABLE snapshot_rows (id INTEGER PRIMARY KEY)").Error, "create table")
	testutil.Fatal(t, db.Exec("INSERT INTO snapshot_rows (id) VALUES (1)").Error, "insert")
	count := func(ctx context.Context) int64 {
		t.Helper()
		var n int64
		testutil.Fatal(t, db.WithContext(ctx).Raw("SELECT count(*) FROM snapshot_rows").Scan(&n).Error, "count")
		return n
	}
	ctx, done, err := database.ReadSnapshot(context.Background(), db.DB)
	testutil.Fatal(t, err, "read snapshot")
	defer done()
	if db.Dialect == database.Postgres {
		if database.InSnapshot(ctx) {
			t.Fatal("a PostgreSQL context carries a snapshot; want it as it was")
		}
		return
	}
	if !database.InSnapshot(ctx) {
		t.Fatal("the snapshot's context carries none")
	}
	if n := count(ctx); n != 1 {
		t.Fatalf("first read in the snapshot = %d rows, want 1", n)
	}
	testutil.Fatal(t, db.Exec("INSERT INTO snapshot_rows (id) VALUES (2)").Error, "insert during the snapshot")
	if n := count(ctx); n != 1 {
		t.Fatalf("read in the snapshot after a write = %d rows, want the snapshot's 1", n)
	}
	if n := count(context.Background()); n != 2 {
		t.Fatalf("read outside the snapshot = %d rows, want 2", n)
	}
	inner, innerDone, err := database.ReadSnapshot(ctx, db.DB)
	testutil.Fatal(t, err, "nested snapshot")
	innerDone()
	if n := count(inner); n != 1 {
		t.Fatalf("a snapshot asked for inside one = %d rows, want the outer snapshot's 1", n)
	}
	done()
	if n := count(context.Background()); n != 2 {
		t.Fatalf("after done = %d rows, want 2", n)
	}
}
