package store

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/qualtrack/qualtrack/backend/internal/database"
)

// searchIndexMinRunes is the shortest search a trigram index can answer:
// a shorter one has no trigram, so it scans.
const searchIndexMinRunes = 3

// textMatch is the condition keeping the rows of table (by table.id) where
// any of cols contains q, ignoring case; q is not empty.
//
// On SQLite it asks the table's FTS5 trigram index (table_search, migration
// 00008), a phrase query restricted to cols; on PostgreSQL the condition is
// `lower(col) LIKE '%q%'`, which pg_trgm's GIN indexes on lower(col) serve
// as it is. A search shorter than three characters has no trigram, so
// SQLite scans it with the same LIKE. Both give the rows a plain scan does
// (TestSearchFindsWhatAScanFinds), except that SQLite's lower() folds only
// ASCII letters while its index folds every letter: "tüv" finds "TÜV SÜD"
// through the index, and did not by the scan.
func (s *Store) textMatch(table string, cols []string, q string) (string, []any) {
	q = strings.TrimSpace(q)
	if !s.searchByScan && database.DialectOf(s.db) == database.SQLite && utf8.RuneCountInString(q) >= searchIndexMinRunes {
		phrase := `"` + strings.ReplaceAll(q, `"`, `""`) + `"`
		return fmt.Sprintf("%s.id IN (SELECT rowid FROM %s_search WHERE %s_search MATCH ?)", table, table, table),
			[]any{"{" + strings.Join(cols, " ") + "}: " + phrase}
	}
	pat := likePattern(q)
	conds, args := make([]string, len(cols)), make([]any, len(cols))
	for i, c := range cols {
		conds[i], args[i] = fmt.Sprintf(`lower(%s.%s) LIKE ? ESCAPE '\'`, table, c), pat
	}
	return "(" + strings.Join(conds, " OR ") + ")", args
}

// siteMatch is the condition keeping rows whose column col is the id of a
// site matching q in cols. On PostgreSQL the sites are read once into an
// array (`= ANY (ARRAY(...))`): unlike `IN (SELECT ...)`, that is a
// condition an index on col answers, so a search ORing it with the
// record's own text reads both indexes (BitmapOr) instead of every row
// (inspections matching "chonb" at 100,000 sites: 108 ms, 587 ms before).
func (s *Store) siteMatch(col string, cols []string, q string) (string, []any) {
	cond, args := s.textMatch("sites", cols, q)
	if database.DialectOf(s.db) == database.Postgres {
		return col + " = ANY (ARRAY(SELECT sites.id FROM sites WHERE " + cond + "))", args
	}
	return col + " IN (SELECT sites.id FROM sites WHERE " + cond + ")", args
}

// anyOf joins conditions with OR.
func anyOf(conds ...func() (string, []any)) (string, []any) {
	parts, args := make([]string, 0, len(conds)), []any{}
	for _, c := range conds {
		cond, a := c()
		parts, args = append(parts, cond), append(args, a...)
	}
	return "(" + strings.Join(parts, " OR ") + ")", args
}

// WithSearchByScan returns the store searching without the SQLite search
// indexes (the plain LIKE scan), for comparing the two.
func (s *Store) WithSearchByScan() *Store {
	c := *s
	c.searchByScan = true
	return &c
}
