package database_test

import (
	"context"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/database"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// Instances starting together on one PostgreSQL schema migrate it once,
// one after the other; a schema whose migrations lock is held does not
// hold up another schema of the same database (each test has its own).
func TestMigrationsLockTheirSchemaOnly(t *testing.T) {
	t.Parallel()
	if os.Getenv(testutil.PostgresURLEnv) == "" {
		t.Skip("the migrations lock is PostgreSQL's advisory lock")
	}
	ctx := t.Context()

	same := testutil.EmptyDB(t)
	var wg sync.WaitGroup
	errs := make([]error, 3)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			db, err := database.Open(ctx, database.Options{Dialect: database.Postgres, DSN: same.DSN})
			if err != nil {
				errs[i] = err
				return
			}
			defer database.Close(db)
			_, errs[i] = database.Migrate(ctx, db)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		testutil.Fatal(t, err, "instance %d migrates", i)
	}
	var applied, distinct int64
	testutil.Fatal(t, same.Raw("SELECT count(*), count(DISTINCT version_id) FROM goose_db_version WHERE version_id > 0").Row().Scan(&applied, &distinct), "versions")
	if applied == 0 || applied != distinct {
		t.Fatalf("%d migrations recorded, %d distinct: each must be applied once", applied, distinct)
	}

	// Another schema's lock, held by someone migrating it for as long as
	// this test runs.
	var held string
	testutil.Fatal(t, same.Raw("SELECT current_schema()").Row().Scan(&held), "schema")
	sqlDB, err := same.DB.DB()
	testutil.Fatal(t, err, "pool")
	conn, err := sqlDB.Conn(ctx)
	testutil.Fatal(t, err, "connection")
	defer conn.Close()
	_, err = conn.ExecContext(ctx, "SELECT pg_advisory_lock($1)", database.MigrationLockID(held))
	testutil.Fatal(t, err, "hold the lock")
	defer conn.ExecContext(context.Background(), "SELECT pg_advisory_unlock($1)", database.MigrationLockID(held))

	other := testutil.EmptyDB(t)
	// Waiting for the held lock would fail only after five minutes; a
	// minute is far more than migrating takes.
	octx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	_, err = database.Migrate(octx, other.DB)
	testutil.Fatal(t, err, "another schema migrates while the first one's lock is held")
	if database.MigrationLockID(held) == database.MigrationLockID("public") {
		t.Fatalf("schema %s shares the public schema's lock", held)
	}
}
