// Package database opens qualtrack's database (SQLite by default,
// PostgreSQL when the URL says so), runs the embedded migrations and makes
// backups.
package database

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/libtnb/sqlite"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/qualtrack/qualtrack/migrations"
)

// Dialect is a database's SQL dialect. Code that must speak differently to
// SQLite and PostgreSQL asks DialectOf, the one place that tells them apart.
type Dialect string

// The dialects qualtrack runs on.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// DialectOf returns the dialect of an open database.
func DialectOf(db *gorm.DB) Dialect {
	if db.Dialector.Name() == "postgres" {
		return Postgres
	}
	return SQLite
}

// Options says how to open a database.
type Options struct {
	Dialect Dialect
	// DSN is a file path for SQLite or a postgres:// URL.
	DSN string
	// Now is the clock gorm stamps created_at/updated_at with (UTC).
	Now func() time.Time
	// Logger receives slow-query and error logs; nil keeps gorm quiet.
	Logger *slog.Logger
	// SQLiteCacheMB sets SQLite's page cache per connection (0: SQLite's
	// default, about 2 MB). Bulk loads set it high so index pages stay in
	// memory for the whole transaction.
	SQLiteCacheMB int
	// Timeout bounds every database call and transaction whose context
	// has no deadline of its own (0: DefaultTimeout), a writer's wait for
	// the lock included.
	Timeout time.Duration
	// Existing refuses to create a SQLite database that is not there: a
	// command that only reads one (audit verify, backup) run in the wrong
	// directory says so instead of creating an empty one.
	Existing bool
}

// oneLine joins a multi-line driver error (pgx lists every address it
// tried) into one line, without repeating a line.
func oneLine(msg string) string {
	var parts []string
	for _, l := range strings.Split(msg, "\n") {
		if l = strings.TrimSpace(l); l != "" && !slices.Contains(parts, l) {
			parts = append(parts, l)
		}
	}
	return strings.Join(parts, " ")
}

// quietConstraints keeps constraint violations out of the error log: the
// store answers them as 409 or 422 (a taken site code, a stale reference),
// so they are the database doing its job, not a fault to look into. A
// query stopped because its request's client went away is not one either.
type quietConstraints struct{ logger.Interface }

func (q quietConstraints) LogMode(l logger.LogLevel) logger.Interface {
	return quietConstraints{q.Interface.LogMode(l)}
}

func (q quietConstraints) Trace(ctx context.Context, begin time.Time, fc func() (string, int64), err error) {
	if errors.Is(err, gorm.ErrDuplicatedKey) || errors.Is(err, gorm.ErrForeignKeyViolated) || errors.Is(err, gorm.ErrCheckConstraintViolated) {
		err = nil
	}
	if err != nil && errors.Is(ctx.Err(), context.Canceled) {
		// Whatever the driver answers then (context canceled, or pgx's
		// "driver: bad connection" for the connection it closed).
		err = nil
	}
	q.Interface.Trace(ctx, begin, fc, err)
}

// Open opens and pings the database.
func Open(ctx context.Context, o Options) (*gorm.DB, error) {
	now := o.Now
	if now == nil {
		now = time.Now
	}
	timeout := o.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	opened := false
	cfg := &gorm.Config{
		TranslateError:         true,
		SkipDefaultTransaction: true,
		NowFunc:                func() time.Time { return now().UTC().Truncate(time.Microsecond) },
		Logger:                 logger.Discard,
		// Open pings below, under the deadline; gorm's own ping has none.
		DisableAutomaticPing: true,
	}
	if o.Logger != nil {
		cfg.Logger = quietConstraints{logger.NewSlogLogger(o.Logger, logger.Config{
			SlowThreshold:             500 * time.Millisecond,
			LogLevel:                  logger.Warn,
			IgnoreRecordNotFoundError: true,
			ParameterizedQueries:      true,
		})}
	}
	var dialector gorm.Dialector
	switch o.Dialect {
	case Postgres:
		dialector = postgres.Open(withLockTimeout(o.DSN, timeout))
	case SQLite:
		if o.Existing {
			if _, err := os.Stat(o.DSN); errors.Is(err, fs.ErrNotExist) {
				return nil, fmt.Errorf("database: there is no database at %s: run this where the server's data directory is, or set QUALTRACK_DATA_DIR (or QUALTRACK_DATABASE_URL)", o.DSN)
			}
		}
		if dir := filepath.Dir(o.DSN); dir != "" {
			if err := os.MkdirAll(dir, 0o700); err != nil {
				return nil, fmt.Errorf("database: create directory: %w", err)
			}
		}
		dsn := SQLiteDSN(o.DSN)
		if o.SQLiteCacheMB > 0 {
			dsn += "&" + url.Values{"_pragma": {fmt.Sprintf("cache_size(-%d)", o.SQLiteCacheMB*1024)}}.Encode()
		}
		// What the dialector adds to a DSN it opens itself: times read
		// back as times.
		dsn += "&_texttotime=1&_inttotime=1&_time_format=sqlite"
		pools, err := openSQLitePools(dsn)
		if err != nil {
			return nil, fmt.Errorf("database: open %s: %s", o.Dialect, oneLine(err.Error()))
		}
		defer func() {
			if !opened {
				_ = pools.Close()
			}
		}()
		dialector = sqlite.New(sqlite.Config{DSN: dsn, Conn: pools})
	default:
		return nil, fmt.Errorf("database: unknown dialect %q", o.Dialect)
	}
	// gorm logs a failed connect itself, over several lines; the error
	// returned says it once.
	queryLog := cfg.Logger
	cfg.Logger = logger.Discard
	db, err := gorm.Open(dialector, cfg)
	if err != nil {
		if o.Dialect == Postgres {
			return nil, fmt.Errorf("database: cannot connect to PostgreSQL (QUALTRACK_DATABASE_URL): %s", oneLine(err.Error()))
		}
		return nil, fmt.Errorf("database: open %s: %s", o.Dialect, oneLine(err.Error()))
	}
	db.Logger = queryLog
	if err := db.Use(&deadlines{timeout: timeout}); err != nil {
		return nil, fmt.Errorf("database: %w", err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, fmt.Errorf("database: %w", err)
	}
	if o.Dialect == Postgres { // SQLite's pools are sized in openSQLitePools
		sqlDB.SetMaxOpenConns(postgresConns)
		sqlDB.SetMaxIdleConns(postgresConns)
	}
	sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	pingCtx, cancel := WithDeadline(ctx, db)
	defer cancel()
	if err := sqlDB.PingContext(pingCtx); err != nil {
		_ = sqlDB.Close()
		if o.Dialect == Postgres {
			return nil, fmt.Errorf("database: cannot connect to PostgreSQL (QUALTRACK_DATABASE_URL): %s", oneLine(err.Error()))
		}
		return nil, fmt.Errorf("database: ping %s: %w", o.Dialect, err)
	}
	opened = true
	return db, nil
}

// sqliteBusyTimeout is the longest any SQLite call waits for the write
// lock.
const sqliteBusyTimeout = 10 * time.Minute

// sqliteMmapBytes is how much of the database file SQLite reads through
// memory mapping instead of read calls into each connection's own page
// cache. In WAL mode every write makes each connection drop its cache at
// its next read, so under steady writes readers read nearly every page
// again; mapped, they read the operating system's single copy of the file,
// with no system call and no copy (the mixed load: 6.5 ms of server CPU
// per request instead of 8.4). SQLite only reads through the mapping and
// writes with write calls, as without it. The mapped pages show in the
// process's resident memory as shared file pages, which the system
// reclaims as it needs.
const sqliteMmapBytes = 1 << 30

// postgresConns is the size of an instance's PostgreSQL pool, every
// connection kept open. Each connection is a server process, and more of
// them than the server can run at once only take turns: under the mixed
// load (docs/benchmarks.md, 2 CPUs for the server, PostgreSQL and the load
// tool), a pool of 20 (10 kept idle, so connections were also closed and
// opened again) served 521-531 reads and 47-50 writes a second, p99
// 350-366 ms; 16: 574, 63 and 294 ms; 12: 549-581, 73-81 and 283-306 ms;
// 10: 564, 85 and 277 ms; 8: 490-497 reads, 88-90 writes. The writes gain
// most: an audit append holds the chain's lock until it commits, and with
// fewer processes to share the CPUs with, it commits sooner. A separate,
// smaller pool for writes did worse (15 writes a second): the writers'
// processes then ran beside ten busy readers' instead of queueing with
// them.
const postgresConns = 10

// withLockTimeout has PostgreSQL itself give up a wait for a lock a little
// before the caller's deadline, unless the DSN sets lock_timeout: a write
// the client stopped waiting for must not go through later, when the lock
// is released, after the client was told it failed.
func withLockTimeout(dsn string, timeout time.Duration) string {
	ms := (timeout - min(time.Second, timeout/10)).Milliseconds()
	if strings.Contains(dsn, "lock_timeout") {
		return dsn
	}
	if u, err := url.Parse(dsn); err == nil && (u.Scheme == "postgres" || u.Scheme == "postgresql") {
		q := u.Query()
		q.Set("lock_timeout", strconv.FormatInt(ms, 10))
		u.RawQuery = q.Encode()
		return u.String()
	}
	return dsn + " lock_timeout=" + strconv.FormatInt(ms, 10)
}

// SQLiteDSN is the DSN for the SQLite file at path, with every pragma
// qualtrack relies on: WAL, a busy timeout, foreign keys and immediate
// transactions (so a writer takes the lock at BEGIN, never half-way).
//
// A writer waits for the write lock until its call's deadline ends (the
// driver's busy handler stops at the context's end); busy_timeout only
// bounds waits of calls without one (migrations), and lets a call with a
// long deadline of its own (an import, a backup) wait that long.
func SQLiteDSN(path string) string {
	q := url.Values{}
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", sqliteBusyTimeout.Milliseconds()))
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_pragma", fmt.Sprintf("mmap_size(%d)", sqliteMmapBytes))
	q.Set("_txlock", "immediate")
	return "file:" + path + "?" + q.Encode()
}

func provider(db *gorm.DB) (*goose.Provider, error) {
	sqlDB, err := db.DB()
	if err != nil {
		return nil, err
	}
	dialect := DialectOf(db)
	fsys, err := fs.Sub(migrations.FS, string(dialect))
	if err != nil {
		return nil, err
	}
	var opts []goose.ProviderOption
	gd := goose.DialectSQLite3
	if dialect == Postgres {
		gd = goose.DialectPostgres
		// Several instances may start at once: the advisory lock makes one
		// migrate while the others wait, looking again every second for up
		// to five minutes. The lock is the schema's: migrations of other
		// schemas of the same database (each test has one) do not wait.
		var schema string
		if err := sqlDB.QueryRow("SELECT current_schema()").Scan(&schema); err != nil {
			return nil, fmt.Errorf("database: current schema: %w", err)
		}
		locker, err := lock.NewPostgresSessionLocker(
			lock.WithLockID(migrationLockID(schema)),
			lock.WithLockTimeout(1, 300),
		)
		if err != nil {
			return nil, err
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	return goose.NewProvider(gd, sqlDB, fsys, opts...)
}

// migrationLockID is the advisory lock that guards the migrations of a
// PostgreSQL schema: goose's own lock id for the schema public (the one
// earlier versions took), another for each other schema.
func migrationLockID(schema string) int64 {
	if schema == "public" {
		return lock.DefaultLockID
	}
	h := fnv.New64a()
	_, _ = h.Write([]byte("qualtrack migrations " + schema))
	return int64(h.Sum64())
}

// Migrate applies every pending migration.
func Migrate(ctx context.Context, db *gorm.DB) ([]*goose.MigrationResult, error) {
	p, err := provider(db)
	if err != nil {
		return nil, fmt.Errorf("database: migrations: %w", err)
	}
	res, err := p.Up(ctx)
	if err != nil {
		return res, fmt.Errorf("database: migrate: %w", err)
	}
	return res, nil
}

// MigrationStatus lists every migration with whether it is applied.
func MigrationStatus(ctx context.Context, db *gorm.DB) ([]*goose.MigrationStatus, error) {
	p, err := provider(db)
	if err != nil {
		return nil, fmt.Errorf("database: migrations: %w", err)
	}
	return p.Status(ctx)
}

// Current reports whether every migration is applied.
func Current(ctx context.Context, db *gorm.DB) (bool, error) {
	p, err := provider(db)
	if err != nil {
		return false, err
	}
	pending, err := p.HasPending(ctx)
	if err != nil {
		return false, err
	}
	return !pending, nil
}

// Ping checks that the database answers.
func Ping(ctx context.Context, db *gorm.DB) error {
	sqlDB, err := db.DB()
	if err != nil {
		return err
	}
	return sqlDB.PingContext(ctx)
}

// Close closes the pool (SQLite's two).
func Close(db *gorm.DB) error {
	if pools, ok := db.Config.ConnPool.(*sqlitePools); ok {
		return pools.Close()
	}
	sqlDB, err := db.DB()
	if err != nil {
		return err
	}
	return sqlDB.Close()
}

// SearchIndexed says whether search has its indexes: always on SQLite
// (FTS5, migration 00008); on PostgreSQL when the migration could create
// the pg_trgm extension and its trigram indexes.
func SearchIndexed(ctx context.Context, db *gorm.DB) (bool, error) {
	if DialectOf(db) != Postgres {
		return true, nil
	}
	var n int64
	err := db.WithContext(ctx).Raw("SELECT count(*) FROM pg_indexes WHERE schemaname = current_schema() AND indexname = 'sites_name_search_idx'").Scan(&n).Error
	if err != nil {
		return false, fmt.Errorf("database: search indexes: %w", err)
	}
	return n == 1, nil
}
