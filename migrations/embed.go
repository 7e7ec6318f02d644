// Package migrations holds the SQL schema migrations, one folder per SQL
// dialect. Both folders hold the same versions; a test keeps them in step.
package migrations

import "embed"

// FS holds sqlite/*.sql and postgres/*.sql.
//
//go:embed sqlite/*.sql postgres/*.sql
var FS embed.FS
