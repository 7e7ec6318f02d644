package database

import (
	"context"

	"gorm.io/gorm"
)

// MigrateDownTo rolls the migrations back to version, for tests of a
// migration over existing data.
func MigrateDownTo(ctx context.Context, db *gorm.DB, version int64) error {
	p, err := provider(db)
	if err != nil {
		return err
	}
	_, err = p.DownTo(ctx, version)
	return err
}

// MigrationLockID is the advisory lock that guards a schema's migrations.
var MigrationLockID = migrationLockID

// Reads is reads, the test of a statement that goes to SQLite's readers.
var Reads = reads
