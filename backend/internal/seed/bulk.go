package seed

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/auth"
	"github.com/qualtrack/qualtrack/backend/internal/database"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// BulkOptions says how much data Bulk makes.
type BulkOptions struct {
	Sites          int
	Inspections    int
	Findings       int
	Certifications int
	// Seed makes the data reproducible; the same seed gives the same rows.
	Seed uint64
	// Now is the day the data ends on (zero: the store's clock).
	Now time.Time
}

// BulkCounts is what Bulk wrote.
type BulkCounts struct {
	Users          int `json:"users"`
	Manufacturers  int `json:"manufacturers"`
	Sites          int `json:"sites"`
	Decisions      int `json:"qualification_decisions"`
	Inspections    int `json:"inspections"`
	Findings       int `json:"findings"`
	Certifications int `json:"certifications"`
}

// ErrNotEmpty is returned by Bulk when the database already holds records.
var ErrNotEmpty = errors.New("seed: the database already has manufacturers, sites or inspections; bulk data goes only into an empty one")

// bulkBatch is the rows per INSERT statement: well under SQLite's and
// PostgreSQL's limits on bound parameters for the widest table.
const bulkBatch = 500

// bulkTimeout bounds a whole bulk seed.
const bulkTimeout = 2 * time.Hour

// Bulk fills an empty database with a large, varied register for
// benchmarks: manufacturers, sites in every status and risk tier,
// inspections over several years, findings and certifications. Rows are
// written directly in a few big transactions (not through the store's
// per-record writes), and each site's derived schedule columns are worked
// out in Go from the inspections generated for it. So the records have no
// audit events of their own: the trail gets one seed.bulk event with the
// counts. Users already present (the first admin) are kept.
func Bulk(ctx context.Context, st *store.Store, h *auth.Hasher, o BulkOptions) (BulkCounts, error) {
	var counts BulkCounts
	if o.Sites < 1 {
		return counts, errors.New("seed: --sites must be at least 1")
	}
	if o.Inspections < 0 || o.Findings < 0 || o.Certifications < 0 {
		return counts, errors.New("seed: counts cannot be negative")
	}
	// A bulk load's transactions and its VACUUM run for minutes on a
	// large register: they get a deadline of their own, not the one of a
	// request's call.
	ctx, cancel := context.WithTimeout(ctx, bulkTimeout)
	defer cancel()
	db := st.DB().WithContext(ctx)
	for _, table := range []string{"manufacturers", "sites", "inspections"} {
		var n int64
		if err := db.Table(table).Count(&n).Error; err != nil {
			return counts, fmt.Errorf("seed: count %s: %w", table, err)
		}
		if n > 0 {
			return counts, ErrNotEmpty
		}
	}
	now := o.Now
	if now.IsZero() {
		now = st.Now()
	}
	g := newGenerator(o, now.UTC(), st.Rules())

	// Users to lead inspections and verify findings. Nobody knows their
	// password: they are names in the data, not sign-ins.
	raw := make([]byte, 24)
	_, _ = rand.Read(raw)
	hash, err := h.Hash(ctx, hex.EncodeToString(raw))
	if err != nil {
		return counts, err
	}
	users := g.users(hash)
	err = db.Transaction(func(tx *gorm.DB) error {
		if err := tx.Create(&users).Error; err != nil {
			return fmt.Errorf("seed: bulk users: %w", err)
		}
		return nil
	})
	if err != nil {
		return counts, err
	}
	for _, u := range users {
		if u.Role == model.RoleManager {
			g.managers = append(g.managers, u.ID)
		} else {
			g.inspectors = append(g.inspectors, u.ID)
		}
	}

	g.generate()
	counts = BulkCounts{
		Users: len(users), Manufacturers: len(g.mfrs), Sites: len(g.sites), Decisions: len(g.decisions),
		Inspections: len(g.inspections), Findings: len(g.findings), Certifications: len(g.certs),
	}
	steps := []struct {
		what   string
		tables []string // written here: on PostgreSQL, without their indexes until the end (bulk_postgres.go)
		rows   func(tx *gorm.DB) error
	}{
		{"manufacturers and sites", []string{"manufacturers", "sites", "qualification_decisions"}, func(tx *gorm.DB) error {
			if err := tx.CreateInBatches(g.mfrs, bulkBatch).Error; err != nil {
				return err
			}
			if err := tx.CreateInBatches(g.sites, bulkBatch).Error; err != nil {
				return err
			}
			return tx.CreateInBatches(g.decisions, bulkBatch).Error
		}},
		{"inspections", []string{"inspections"}, func(tx *gorm.DB) error { return tx.CreateInBatches(g.inspections, bulkBatch).Error }},
		{"findings and certifications", []string{"findings", "certifications"}, func(tx *gorm.DB) error {
			if err := tx.CreateInBatches(g.findings, bulkBatch).Error; err != nil {
				return err
			}
			if err := tx.CreateInBatches(g.certs, bulkBatch).Error; err != nil {
				return err
			}
			if database.DialectOf(tx) == database.Postgres {
				// Rows were written with their ids; move each identity past them.
				for _, t := range []string{"manufacturers", "sites", "qualification_decisions", "inspections", "findings", "certifications"} {
					if err := tx.Exec("SELECT setval(pg_get_serial_sequence(?, 'id'), (SELECT COALESCE(max(id), 0) + 1 FROM "+t+"), false)", t).Error; err != nil {
						return err
					}
				}
			}
			_, err := st.Trail().Append(tx, audit.Entry{Actor: system, Action: audit.ActionSeedBulk, Changes: counts})
			return err
		}},
	}
	postgres := database.DialectOf(db) == database.Postgres
	for _, s := range steps {
		err := db.Transaction(func(tx *gorm.DB) error {
			if postgres {
				return withoutIndexes(tx, s.tables, s.rows)
			}
			return s.rows(tx)
		})
		if err != nil {
			return counts, fmt.Errorf("seed: bulk %s: %w", s.what, err)
		}
	}
	// The due dates were computed with the intervals in force: record them
	// so the next start does not recompute every site.
	if err := st.RememberIntervals(ctx); err != nil {
		return counts, err
	}
	if database.DialectOf(db) == database.Postgres {
		// Without statistics the planner guesses a handful of rows per
		// table and picks nested loops that take seconds (the dashboard's
		// overdue findings: 15 s, 22 ms after ANALYZE). VACUUM also marks
		// the freshly written pages all-visible, which index-only scans
		// need. Autovacuum would get there, but only later, and while the
		// register is already in use.
		// Only the tables written here (named through the search path), not
		// every table of the database.
		if err := db.Exec("VACUUM (ANALYZE) manufacturers, sites, qualification_decisions, inspections, findings, certifications, users").Error; err != nil {
			return counts, fmt.Errorf("seed: vacuum: %w", err)
		}
	}
	return counts, nil
}
