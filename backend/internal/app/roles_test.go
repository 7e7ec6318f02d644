package app_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/app"
	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/config"
	"github.com/qualtrack/qualtrack/backend/internal/database"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// TestRuntimeRoleCannotDisableTheTrail follows docs/operations.md's
// "Database roles" on PostgreSQL: the migration role owns the schema and
// migrates, deploy/postgres/runtime-grants.sql (run with psql as
// documented) grants the runtime role its rights, and the application
// then works as the runtime role, which cannot disable or drop the
// append-only triggers, remove or edit audit events or signatures, or
// change the schema.
func TestRuntimeRoleCannotDisableTheTrail(t *testing.T) {
	base := os.Getenv(testutil.PostgresURLEnv)
	if base == "" {
		t.Skip("PostgreSQL only: set " + testutil.PostgresURLEnv)
	}
	if _, err := exec.LookPath("psql"); err != nil {
		t.Skip("needs psql, as the documented steps do")
	}
	ctx := context.Background()
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	suffix := hex.EncodeToString(b)
	owner, appRole, schema := "qt_owner_"+suffix, "qt_app_"+suffix, "qt_roles_"+suffix

	admin, err := database.Open(ctx, database.Options{Dialect: database.Postgres, DSN: base})
	testutil.Fatal(t, err, "open as admin")
	t.Cleanup(func() {
		for _, q := range []string{"DROP SCHEMA IF EXISTS " + schema + " CASCADE", "DROP OWNED BY " + appRole, "DROP ROLE IF EXISTS " + appRole, "DROP ROLE IF EXISTS " + owner} {
			admin.Exec(q)
		}
		database.Close(admin)
	})
	for _, q := range []string{
		"CREATE ROLE " + owner + " LOGIN", "CREATE ROLE " + appRole + " LOGIN",
		"CREATE SCHEMA " + schema + " AUTHORIZATION " + owner,
	} {
		testutil.Fatal(t, admin.Exec(q).Error, "%s", q)
	}
	dsn := func(user string, pgx bool) string {
		u, err := url.Parse(base)
		testutil.Fatal(t, err, "parse base URL")
		u.User = url.User(user)
		q := u.Query()
		if pgx {
			q.Set("search_path", schema)
		} else {
			q.Set("options", "-csearch_path="+schema) // what psql understands
		}
		u.RawQuery = q.Encode()
		return u.String()
	}

	// 1. The migration role migrates.
	ownerDB, err := database.Open(ctx, database.Options{Dialect: database.Postgres, DSN: dsn(owner, true)})
	testutil.Fatal(t, err, "open as the migration role")
	_, err = database.Migrate(ctx, ownerDB)
	testutil.Fatal(t, err, "migrate as the migration role")
	database.Close(ownerDB)

	// 2. The documented grants, with psql.
	_, file, _, _ := runtime.Caller(0)
	script := filepath.Join(filepath.Dir(file), "..", "..", "..", "deploy", "postgres", "runtime-grants.sql")
	out, err := exec.Command("psql", dsn(owner, false), "-v", "app="+appRole, "-f", script).CombinedOutput()
	if err != nil {
		t.Fatalf("runtime-grants.sql: %v\n%s", err, out)
	}

	// 3. The application runs as the runtime role: start-up (migrations
	// are current), writes, the audit chain.
	cfg, err := config.Load(func(string) string { return "" })
	testutil.Fatal(t, err, "config")
	cfg.DatabaseURL, cfg.DataDir = dsn(appRole, true), t.TempDir()
	q, err := app.Open(ctx, cfg, app.Options{})
	testutil.Fatal(t, err, "open as the runtime role")
	defer q.Close()
	if n, err := q.Migrate(ctx); err != nil || n != 0 {
		t.Fatalf("start-up migration check as the runtime role: %d %v", n, err)
	}
	m := model.Manufacturer{Name: "Runtime Role GmbH", Country: "DE"}
	testutil.Fatal(t, q.Store.CreateManufacturer(ctx, &m, audit.Actor{Email: "test", Role: "system"}), "write as the runtime role")
	if res, err := audit.Verify(ctx, q.DB); err != nil || !res.Valid || res.Events != 1 {
		t.Fatalf("chain as the runtime role: %+v %v", res, err)
	}

	// 4. What the runtime role cannot do.
	for _, stmt := range []string{
		"ALTER TABLE audit_events DISABLE TRIGGER ALL",
		"ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete",
		"DROP TRIGGER audit_events_no_update_delete ON audit_events",
		"DROP FUNCTION audit_events_append_only() CASCADE",
		"DELETE FROM audit_events",
		"UPDATE audit_events SET actor_email = 'forger@example.com'",
		"TRUNCATE audit_events",
		"UPDATE signatures SET entity_id = 1",
		"DELETE FROM signatures",
		"ALTER TABLE signatures DISABLE TRIGGER ALL",
		"DROP TABLE audit_events",
		"CREATE TABLE audit_events_copy (id int)",
		"DELETE FROM goose_db_version",
		"SET session_replication_role = replica",
	} {
		err := q.DB.Exec(stmt).Error
		if err == nil {
			t.Errorf("the runtime role could: %s", stmt)
			continue
		}
		if msg := err.Error(); !strings.Contains(msg, "permission denied") && !strings.Contains(msg, "must be owner") {
			t.Errorf("%s: refused for another reason: %v", stmt, err)
		}
	}
	if res, err := audit.Verify(ctx, q.DB); err != nil || !res.Valid || res.Events != 1 {
		t.Fatalf("chain after the attempts: %+v %v", res, err)
	}
}
