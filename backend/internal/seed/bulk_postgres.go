package seed

import (
	"fmt"

	"github.com/jackc/pgx/v5"
	"gorm.io/gorm"
)

// countTrigger is a row trigger that keeps a table of counts in step with
// the rows of the table it is on, and the query that takes the same counts
// from scratch (the one the migration that made them ran on existing data,
// 00008_dashboard_and_search.sql).
type countTrigger struct {
	trigger, counts, recount string
}

// countTriggers are the count triggers, by the table they are on.
var countTriggers = map[string][]countTrigger{
	"inspections": {{"inspection_month_results_insert", "inspection_month_results", `
		INSERT INTO inspection_month_results (month, result, n)
		SELECT to_char(performed_date, 'YYYY-MM'), result, count(*) FROM inspections
		WHERE status = 'completed' AND performed_date IS NOT NULL
		GROUP BY to_char(performed_date, 'YYYY-MM'), result`}},
	"findings": {{"finding_open_counts_insert", "finding_open_counts", `
		INSERT INTO finding_open_counts (severity, n)
		SELECT severity, count(*) FROM findings WHERE status <> 'closed' GROUP BY severity`},
		// 00033_unclosed_findings_by_due_date.sql
		{"finding_due_counts_insert", "finding_due_counts", `
		INSERT INTO finding_due_counts (due_date, n)
		SELECT due_date, count(*) FROM findings WHERE status <> 'closed' AND due_date IS NOT NULL GROUP BY due_date`}},
}

// withoutIndexes runs write, which fills tables, in tx on PostgreSQL with
// the tables' secondary indexes dropped and their count triggers off, then
// builds each index once from the loaded table (one sort, not millions of
// insertions), counts what the triggers would have counted in one grouped
// query each, and turns the triggers back on. PostgreSQL otherwise updates
// every index and runs every row trigger for each row written: at ten times
// the benchmark register (two million inspections behind 22 indexes, three
// of them trigram GIN indexes, and a count trigger) that took the bulk seed
// from minutes to hours. It is all transactional: a failure leaves the
// empty register as it was.
func withoutIndexes(tx *gorm.DB, tables []string, write func(tx *gorm.DB) error) error {
	// Index builds sort in memory up to this much, per index.
	if err := tx.Exec("SET LOCAL maintenance_work_mem = '256MB'").Error; err != nil {
		return err
	}
	type index struct{ Name, Def string }
	var dropped []index
	for _, table := range tables {
		// Not the indexes of constraints (the primary key, unique
		// constraints): the rows are checked against those as they go in.
		var indexes []index
		err := tx.Raw(`SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
			WHERE i.schemaname = current_schema() AND i.tablename = ?
			AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = to_regclass(quote_ident(i.schemaname) || '.' || quote_ident(i.indexname)))
			ORDER BY i.indexname`, table).Scan(&indexes).Error
		if err != nil {
			return fmt.Errorf("indexes of %s: %w", table, err)
		}
		for _, ix := range indexes {
			if err := tx.Exec("DROP INDEX " + pgx.Identifier{ix.Name}.Sanitize()).Error; err != nil {
				return fmt.Errorf("drop %s: %w", ix.Name, err)
			}
		}
		dropped = append(dropped, indexes...)
		for _, c := range countTriggers[table] {
			if err := tx.Exec("ALTER TABLE " + pgx.Identifier{table}.Sanitize() + " DISABLE TRIGGER " + pgx.Identifier{c.trigger}.Sanitize()).Error; err != nil {
				return fmt.Errorf("disable %s: %w", c.trigger, err)
			}
		}
	}
	if err := write(tx); err != nil {
		return err
	}
	for _, ix := range dropped {
		if err := tx.Exec(ix.Def).Error; err != nil {
			return fmt.Errorf("build %s: %w", ix.Name, err)
		}
	}
	for _, table := range tables {
		for _, c := range countTriggers[table] {
			if err := tx.Exec("DELETE FROM " + pgx.Identifier{c.counts}.Sanitize()).Error; err != nil {
				return err
			}
			if err := tx.Exec(c.recount).Error; err != nil {
				return fmt.Errorf("recount %s: %w", c.counts, err)
			}
			if err := tx.Exec("ALTER TABLE " + pgx.Identifier{table}.Sanitize() + " ENABLE TRIGGER " + pgx.Identifier{c.trigger}.Sanitize()).Error; err != nil {
				return fmt.Errorf("enable %s: %w", c.trigger, err)
			}
		}
	}
	return nil
}
