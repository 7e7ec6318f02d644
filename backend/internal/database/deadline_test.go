package database_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/database"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// Every call whose context has no deadline gets the database's: a
// statement that runs too long, a write waiting on a lock another
// connection holds and a transaction that cannot begin all end soon after
// the deadline, with an error Unavailable recognises; a call with a
// deadline of its own keeps it; a closed pool is unavailable too, while
// errors that are the request's own fault are not.
func TestEveryCallHasADeadline(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	base := testutil.NewDB(t, nil)
	const timeout = 400 * time.Millisecond
	db, err := database.Open(ctx, database.Options{Dialect: base.Dialect, DSN: base.DSN, Timeout: timeout})
	testutil.Fatal(t, err, "open with a short deadline")
	defer database.Close(db)
	if database.Timeout(db) != timeout {
		t.Fatalf("timeout %v", database.Timeout(db))
	}

	// The statements below would run for minutes or wait forever: a
	// database-unavailable error is the deadline's (how soon it comes is
	// measured by no test; a loaded machine stretches it).
	ended := func(what string, call func() error) {
		t.Helper()
		if err := call(); err == nil || !database.Unavailable(err) {
			t.Errorf("%s: %v (want a database-unavailable error)", what, err)
		}
	}

	slow := "WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 2000000000) SELECT count(*) FROM c"
	if base.Dialect == database.Postgres {
		slow = "SELECT count(*) FROM pg_sleep(30)"
	}
	ended("a slow statement (Exec)", func() error { return db.Exec(slow).Error })
	ended("a slow query (Raw and Scan)", func() error {
		var n int64
		return db.Raw(slow).Scan(&n).Error
	})

	// Another connection holds the lock writers need.
	holder := base.DB.Begin()
	testutil.Fatal(t, holder.Error, "begin the holder")
	if base.Dialect == database.Postgres {
		testutil.Fatal(t, holder.Exec("LOCK TABLE manufacturers IN ACCESS EXCLUSIVE MODE").Error, "lock")
	} else {
		testutil.Fatal(t, holder.Create(&model.Manufacturer{Name: "Holder", Country: "DE"}).Error, "write")
	}
	ended("a write waiting on the lock", func() error {
		return db.Create(&model.Manufacturer{Name: "Waiter", Country: "DE"}).Error
	})
	ended("a transaction waiting on the lock", func() error {
		ctx, cancel := database.WithDeadline(ctx, db)
		defer cancel()
		return db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
			return tx.Create(&model.Manufacturer{Name: "Waiter", Country: "DE"}).Error
		})
	})
	// The write that timed out did not go through once the lock was free.
	testutil.Fatal(t, holder.Rollback().Error, "release")
	var n int64
	testutil.Fatal(t, db.Model(&model.Manufacturer{}).Where("name = ?", "Waiter").Count(&n).Error, "count")
	if n != 0 {
		t.Errorf("%d writes the caller was told failed were stored later", n)
	}

	// A caller's own, longer deadline is kept: the write waits for a lock
	// held longer than the database's deadline and then succeeds.
	holder = base.DB.Begin()
	if base.Dialect == database.Postgres {
		testutil.Fatal(t, holder.Exec("LOCK TABLE manufacturers IN ACCESS EXCLUSIVE MODE").Error, "lock")
	} else {
		testutil.Fatal(t, holder.Create(&model.Manufacturer{Name: "Holder", Country: "DE"}).Error, "write")
	}
	release := time.AfterFunc(2*timeout, func() { holder.Rollback() })
	defer release.Stop()
	long, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if base.Dialect == database.Postgres {
		// lock_timeout is the server's; a long job sets its own.
		testutil.Fatal(t, db.WithContext(long).Transaction(func(tx *gorm.DB) error {
			if err := tx.Exec("SET LOCAL lock_timeout = 0").Error; err != nil {
				return err
			}
			return tx.Create(&model.Manufacturer{Name: "Patient", Country: "DE"}).Error
		}), "a write with its own deadline")
	} else {
		testutil.Fatal(t, db.WithContext(long).Create(&model.Manufacturer{Name: "Patient", Country: "DE"}).Error, "a write with its own deadline")
	}

	// Errors that are the caller's own fault are not the database's.
	for _, err := range []error{gorm.ErrRecordNotFound, gorm.ErrDuplicatedKey, context.Canceled, errors.New("validation")} {
		if database.Unavailable(err) {
			t.Errorf("%v counted as the database being unavailable", err)
		}
	}
	if err := db.Exec("SELEC 1").Error; err == nil || database.Unavailable(err) {
		t.Errorf("a syntax error: %v", err)
	}

	testutil.Fatal(t, database.Close(db), "close")
	ended("a call on a closed pool", func() error { return db.Exec("SELECT 1").Error })
}
