// Package app owns the application: it opens the database and builds the
// store, the accounts service, the reminder scheduler, the webhook
// dispatcher and the HTTP server from one configuration. Start-up steps
// that write (migrations, the first admin, the built-in checklists, the
// schedule refresh) are named methods that `serve` and the other
// subcommands call explicitly; building an App or its HTTP server writes
// nothing.
package app

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/accounts"
	"github.com/qualtrack/qualtrack/backend/internal/api"
	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/auth"
	"github.com/qualtrack/qualtrack/backend/internal/config"
	"github.com/qualtrack/qualtrack/backend/internal/database"
	"github.com/qualtrack/qualtrack/backend/internal/filestore"
	"github.com/qualtrack/qualtrack/backend/internal/metrics"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
	"github.com/qualtrack/qualtrack/backend/internal/reminders"
	"github.com/qualtrack/qualtrack/backend/internal/seed"
	"github.com/qualtrack/qualtrack/backend/internal/store"
	"github.com/qualtrack/qualtrack/backend/internal/webhooks"
)

// Options adjust how an App is built; the zero value is production's.
type Options struct {
	// Logger receives the application's log; nil discards it.
	Logger *slog.Logger
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Hasher hashes passwords; nil means the production argon2id cost.
	Hasher *auth.Hasher
	// Metrics is the registry; nil gives the App one of its own.
	Metrics *metrics.Metrics
	// SQLiteCacheMB enlarges SQLite's page cache (bulk seeding).
	SQLiteCacheMB int
	// Existing: the database must already exist (see database.Options).
	Existing bool
}

// App is one qualtrack: its configuration and the parts built from it.
type App struct {
	// DemoSeeded: PrepareToServe put demo data into the empty database.
	DemoSeeded bool
	Config     config.Config
	Log        *slog.Logger
	DB         *gorm.DB
	Store      *store.Store
	// Files is where attachment content is kept (the local directory or
	// a bucket); Uploads is the local directory uploads are received
	// into before they are stored there.
	Files    filestore.Store
	Uploads  *filestore.Files
	Hasher   *auth.Hasher
	Accounts *accounts.Service
	Metrics  *metrics.Metrics
	Now      func() time.Time
	// FreeSpace measures a directory's free bytes for /readyz; nil asks
	// the file system.
	FreeSpace func(dir string) (uint64, error)
	// CheckpointKey signs audit checkpoints and exported heads; set by
	// LoadCheckpointKey (PrepareToServe). Without it the HTTP server signs
	// heads with a key of its own process only.
	CheckpointKey *audit.Key

	ownsDB bool
}

// Open opens the configured database (without migrating it) and builds
// the application over it. Close releases it.
func Open(ctx context.Context, cfg config.Config, o Options) (*App, error) {
	dsn := cfg.DatabaseURL
	if cfg.Dialect() == "sqlite" {
		dsn = cfg.SQLitePath()
	}
	db, err := database.Open(ctx, database.Options{Dialect: database.Dialect(cfg.Dialect()), DSN: dsn, Logger: o.Logger, Timeout: cfg.DatabaseTimeout, SQLiteCacheMB: o.SQLiteCacheMB, Existing: o.Existing})
	if err != nil {
		return nil, err
	}
	a, err := New(cfg, db, o)
	if err != nil {
		_ = database.Close(db)
		return nil, err
	}
	a.ownsDB = true
	return a, nil
}

// New builds the application over an open database (tests open their
// own); it writes nothing.
func New(cfg config.Config, db *gorm.DB, o Options) (*App, error) {
	if db == nil {
		return nil, errors.New("app: no database")
	}
	now := o.Now
	if now == nil {
		now = time.Now
	}
	log := o.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	hasher := o.Hasher
	if hasher == nil {
		hasher = auth.NewHasher(4)
	}
	m := o.Metrics
	if m == nil {
		m = metrics.New()
	}
	if sqlDB, err := db.DB(); err == nil {
		m.WatchDB(string(database.DialectOf(db)), sqlDB)
	}
	uploads := filestore.New(cfg.AttachmentsDir())
	var files filestore.Store = uploads
	if cfg.ObjectStorage() {
		var err error
		if files, err = FileStoreAt(cfg, cfg.Attachments.URL); err != nil {
			return nil, err
		}
	}
	st := store.New(db, now).WithRules(store.Rules{
		Intervals:          qualification.IntervalsFrom(cfg.InspectionIntervalMonths),
		ExpiringWithinDays: cfg.ExpiringWithinDays,
	}).WithFiles(files)
	return &App{Config: cfg, Log: log, DB: db, Store: st, Files: files, Uploads: uploads, Hasher: hasher,
		Accounts: accounts.New(st, hasher, now), Metrics: m, Now: now}, nil
}

// FileStoreAt is the attachment store at location: an s3://bucket/prefix
// URL (reached with the configured S3 settings) or a local directory.
func FileStoreAt(cfg config.Config, location string) (filestore.Store, error) {
	if !strings.HasPrefix(location, "s3:") {
		if location == "" {
			return nil, errors.New("app: no attachments location")
		}
		return filestore.New(location), nil
	}
	loc, err := filestore.ParseS3URL(location)
	if err != nil {
		return nil, fmt.Errorf("app: attachments: %w", err)
	}
	o := cfg.Attachments.S3
	return filestore.NewS3(loc, filestore.S3Options{Endpoint: o.Endpoint, Region: o.Region, AccessKeyID: o.AccessKeyID,
		SecretAccessKey: o.SecretAccessKey, SessionToken: o.SessionToken, PathStyle: o.PathStyle})
}

// Close closes the database when the App opened it.
func (a *App) Close() error {
	if !a.ownsDB {
		return nil
	}
	return database.Close(a.DB)
}

// Migrate applies the pending migrations, logging each.
func (a *App) Migrate(ctx context.Context) (int, error) {
	res, err := database.Migrate(ctx, a.DB)
	if err != nil {
		return 0, err
	}
	for _, r := range res {
		a.Log.Info("migration applied", "version", r.Source.Version, "file", r.Source.Path)
	}
	return len(res), nil
}

// CreateFirstAdmin creates the admin of QUALTRACK_ADMIN_EMAIL when the
// database has no users yet.
func (a *App) CreateFirstAdmin(ctx context.Context) (bool, error) {
	if a.Config.AdminEmail == "" {
		return false, nil
	}
	created, err := seed.FirstAdmin(ctx, a.Store, a.Hasher, a.Config.AdminEmail, a.Config.AdminPassword)
	if created {
		a.Log.Info("first admin created", "email", a.Config.AdminEmail)
	}
	return created, err
}

// SeedDemo fills an empty database with the demo data; false when it was
// not empty.
func (a *App) SeedDemo(ctx context.Context) (bool, error) {
	return seed.Demo(ctx, a.Store, a.Hasher, a.Now())
}

// SeedChecklists adds the built-in checklist templates that are missing.
func (a *App) SeedChecklists(ctx context.Context) error {
	n, err := seed.Checklists(ctx, a.Store)
	if n > 0 {
		a.Log.Info("built-in checklist templates created", "count", n)
	}
	return err
}

// RefreshSchedules moves every site's stored due date when the configured
// inspection intervals differ from the ones the dates were computed with.
func (a *App) RefreshSchedules(ctx context.Context) error {
	refreshed, err := a.Store.RefreshSchedulesIfIntervalsChanged(ctx)
	if refreshed {
		a.Log.Info("inspection intervals changed; recomputed every site's schedule")
	}
	return err
}

// UpgradeRecoveryCodes stores two-factor recovery codes that earlier
// versions kept as a bare SHA-256 under a per-code salt and argon2id.
func (a *App) UpgradeRecoveryCodes(ctx context.Context) error {
	n, err := a.Store.UpgradeRecoveryCodes(ctx, func(h string) (string, error) { return a.Hasher.Hash(ctx, h) })
	if n > 0 {
		a.Log.Info("stored recovery codes under a salted slow hash", "codes", n)
	}
	return err
}

// CheckEncryptionKey proves at start-up that QUALTRACK_ENCRYPTION_KEY
// opens every stored secret (two-factor secrets, webhook signing
// secrets), and re-encrypts under it those sealed under a previous key
// (QUALTRACK_ENCRYPTION_KEY_PREVIOUS, or the session secret that keyed
// them before the encryption key was a setting of its own), so that the
// previous key can then be removed. A two-factor secret the key does not
// open (a restore onto a host with another key) stops the start with a
// message saying so, instead of failing those users' sign-ins with a 500.
// A webhook signing secret it does not open is logged: the start goes on,
// since the cure, deleting the subscription and creating it again with a
// new secret, needs the server, and its deliveries fail saying why.
func (a *App) CheckEncryptionKey(ctx context.Context) error {
	key, previous := a.Config.TOTPKeys()
	box, err := auth.NewSecretBox(key, previous...)
	if err != nil {
		return err
	}
	unreadable, err := a.reseal(ctx, box, store.TOTPSecrets)
	if err != nil {
		return err
	}
	if len(unreadable) > 0 {
		return fmt.Errorf("%s: it is not the key this database was used with. Set that key (after a restore: the old host's QUALTRACK_ENCRYPTION_KEY, "+
			"or in development its data directory's encryption-key file), or name it in QUALTRACK_ENCRYPTION_KEY_PREVIOUS; "+
			"see docs/operations.md, Encryption key", notOpened(store.TOTPSecrets, unreadable))
	}
	if unreadable, err = a.reseal(ctx, box, store.WebhookSecrets); err != nil {
		return err
	}
	if len(unreadable) > 0 {
		a.Log.Warn(notOpened(store.WebhookSecrets, unreadable)+": their deliveries fail until each is deleted and created again, "+
			"or the key that sealed them is named in QUALTRACK_ENCRYPTION_KEY_PREVIOUS", "subscriptions", unreadable)
	}
	return nil
}

// notOpened says that the key opens none of the secrets of column whose
// rows are ids.
func notOpened(column store.SecretColumn, ids []int64) string {
	return fmt.Sprintf("QUALTRACK_ENCRYPTION_KEY does not decrypt the %s of %d %s(s) (%s id %d first)",
		column.Name, len(ids), column.Owner, column.Owner, ids[0])
}

// reseal opens every secret of column with box and stores again, sealed
// under its current key, those a previous key opened; it returns the ids
// of the rows whose secret no key opened, in order.
func (a *App) reseal(ctx context.Context, box *auth.SecretBox, column store.SecretColumn) ([]int64, error) {
	secrets, err := a.Store.SealedSecrets(ctx, column)
	if err != nil {
		return nil, err
	}
	var unreadable []int64
	resealed := 0
	for id, sealed := range secrets {
		if sealed == "" {
			continue // nothing was sealed
		}
		re, changed, err := box.Reseal(sealed)
		if err != nil {
			unreadable = append(unreadable, id)
			continue
		}
		if changed {
			if err := a.Store.ReplaceSealedSecret(ctx, column, id, sealed, re); err != nil {
				return nil, err
			}
			resealed++
		}
	}
	if resealed > 0 {
		a.Log.Info(column.Name+" re-encrypted under the current QUALTRACK_ENCRYPTION_KEY", "count", resealed)
	}
	slices.Sort(unreadable)
	return unreadable, nil
}

// LoadCheckpointKey reads the audit checkpoint key from its file outside
// the database, creating the file (owner-only) when it does not exist.
func (a *App) LoadCheckpointKey() error {
	k, err := audit.LoadOrCreateKey(a.Config.CheckpointKeyFile())
	if err != nil {
		return err
	}
	a.CheckpointKey = k
	return nil
}

// PrepareToServe runs serve's start-up steps in order: the checkpoint
// key, migrations, the encryption key check, the recovery-code upgrade, the first admin, demo
// data when asked for, the built-in checklists, the schedule refresh and the
// query planner's statistics.
func (a *App) PrepareToServe(ctx context.Context) error {
	if err := a.LoadCheckpointKey(); err != nil {
		return err
	}
	if _, err := a.Migrate(ctx); err != nil {
		return err
	}
	if err := a.CheckEncryptionKey(ctx); err != nil {
		return err
	}
	if err := a.UpgradeRecoveryCodes(ctx); err != nil {
		return err
	}
	if _, err := a.CreateFirstAdmin(ctx); err != nil {
		return err
	}
	if a.Config.Demo {
		seeded, err := a.SeedDemo(ctx)
		if err != nil {
			return err
		}
		a.DemoSeeded = seeded
	}
	if err := a.SeedChecklists(ctx); err != nil {
		return err
	}
	if err := a.WarnWithoutSearchIndexes(ctx); err != nil {
		return err
	}
	if err := a.RefreshSchedules(ctx); err != nil {
		return err
	}
	return a.UpdatePlannerStatistics(ctx)
}

// UpdatePlannerStatistics has SQLite gather the statistics its query
// planner chooses indexes by, for the tables that have none yet or whose
// rows changed much since (PRAGMA optimize). Without them it reads a list
// filtered on a column of few values (completed inspections, four in five)
// through that column's index and sorts it, instead of walking the order's
// index: 285 ms for a page against 5 ms at 200,000 inspections. PostgreSQL's
// autovacuum keeps its own statistics.
func (a *App) UpdatePlannerStatistics(ctx context.Context) error {
	if database.DialectOf(a.DB) != database.SQLite {
		return nil
	}
	// Every row is read (a sample, analysis_limit, left the planner with the
	// status index): under a second at 200,000 inspections, and only for
	// tables whose statistics are missing or out of date. It reads on a
	// connection of its own without memory mapping: mapped, every page of
	// the file it reads would stay in the server's resident memory from its
	// start (396 MB on the benchmark register instead of 48;
	// TestStartUpStatisticsLeaveTheFileUnmapped).
	sqlDB, err := a.DB.DB()
	if err != nil {
		return err
	}
	conn, err := sqlDB.Conn(ctx)
	if err != nil {
		return fmt.Errorf("planner statistics: %w", err)
	}
	defer conn.Close()
	var mapped int64
	if err := conn.QueryRowContext(ctx, "PRAGMA mmap_size").Scan(&mapped); err != nil {
		return fmt.Errorf("planner statistics: %w", err)
	}
	if _, err := conn.ExecContext(ctx, "PRAGMA mmap_size = 0"); err != nil {
		return fmt.Errorf("planner statistics: %w", err)
	}
	_, err = conn.ExecContext(ctx, "PRAGMA optimize = 0x10002")
	// The connection goes back to the pool: mapped again, whatever happened.
	if _, restore := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA mmap_size = %d", mapped)); restore != nil && err == nil {
		err = restore
	}
	if err != nil {
		return fmt.Errorf("planner statistics: %w", err)
	}
	return nil
}

// WarnWithoutSearchIndexes logs a warning when PostgreSQL search has no
// trigram indexes (the pg_trgm extension could not be created by the
// migration): search then scans, which is correct but slow on a large
// register.
func (a *App) WarnWithoutSearchIndexes(ctx context.Context) error {
	ok, err := database.SearchIndexed(ctx, a.DB)
	if err != nil || ok {
		return err
	}
	a.Log.Warn("search has no index: the PostgreSQL extension pg_trgm is missing, so searches scan their tables; " +
		"have a superuser run CREATE EXTENSION pg_trgm in this database, then create the search indexes as docs/operations.md shows")
	return nil
}

// ReminderScheduler is the scheduler serve and `reminders run` share;
// actor names who runs it in the audit trail.
func (a *App) ReminderScheduler(actor audit.Actor) (*reminders.Scheduler, error) {
	mailer, err := reminders.MailerFor(a.Config.SMTP, nil)
	if err != nil {
		return nil, err
	}
	return reminders.NewScheduler(reminders.Options{Store: a.Store, Mailer: mailer, BaseURL: a.Config.BaseURL,
		Hour: a.Config.ReminderHour, Logger: a.Log, Actor: actor, Metrics: a.Metrics}), nil
}

// WebhookDispatcher delivers the queued webhook events (serve runs it in
// the background).
func (a *App) WebhookDispatcher() (*webhooks.Dispatcher, error) {
	key, previous := a.Config.TOTPKeys()
	box, err := auth.NewSecretBox(key, previous...)
	if err != nil {
		return nil, err
	}
	return webhooks.New(webhooks.Options{Store: a.Store, Box: box, Policy: webhooks.PolicyOf(a.Config.Webhooks), Logger: a.Log,
		Timeout: a.Config.Webhooks.Timeout, PauseAfter: a.Config.Webhooks.PauseAfter}), nil
}

// HTTP builds the HTTP server; frontend is the built web app (nil serves
// a page saying it is not built).
func (a *App) HTTP(frontend fs.FS) (*api.Server, error) {
	mailer, err := reminders.MailerFor(a.Config.SMTP, a.Now)
	if err != nil {
		return nil, err
	}
	return api.New(api.Deps{Config: a.Config, DB: a.DB, Store: a.Store, Files: a.Files, Uploads: a.Uploads, Accounts: a.Accounts,
		Hasher: a.Hasher, Logger: a.Log, Now: a.Now, Frontend: frontend, Metrics: a.Metrics, CheckpointKey: a.CheckpointKey, FreeSpace: a.FreeSpace,
		Mailer: mailer})
}
