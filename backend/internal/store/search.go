package store

import (
	"context"
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
	return s.textMatchAs(table, cols, q, false)
}

// textMatchAs is textMatch; aside, on SQLite, it is a test of each row the
// list's other filters find, not the rows the read starts from (see
// broadSearch).
func (s *Store) textMatchAs(table string, cols []string, q string, aside bool) (string, []any) {
	q = strings.TrimSpace(q)
	if s.searchIndexed(q) {
		plus := ""
		if aside {
			plus = "+"
		}
		return fmt.Sprintf("%s%s.id IN (SELECT rowid FROM %s_search WHERE %s_search MATCH ?)", plus, table, table, table),
			[]any{searchPhrase(cols, q)}
	}
	pat := likePattern(q)
	conds, args := make([]string, len(cols)), make([]any, len(cols))
	for i, c := range cols {
		conds[i], args[i] = fmt.Sprintf(`lower(%s.%s) LIKE ? ESCAPE '\'`, table, c), pat
	}
	return "(" + strings.Join(conds, " OR ") + ")", args
}

// searchIndexed says whether the search q is asked of SQLite's search
// indexes.
func (s *Store) searchIndexed(q string) bool {
	return !s.searchByScan && database.DialectOf(s.db) == database.SQLite && utf8.RuneCountInString(q) >= searchIndexMinRunes
}

// searchPhrase is the FTS5 query for q in cols: one phrase, quoted.
func searchPhrase(cols []string, q string) string {
	return "{" + strings.Join(cols, " ") + "}: " + `"` + strings.ReplaceAll(q, `"`, `""`) + `"`
}

// searchStartsUpTo is how many matches of a search a filtered list's read
// may start from (broadSearch).
const searchStartsUpTo = 1000

// searchStartLimit is searchStartsUpTo, or the store's own (tests).
func (s *Store) searchStartLimit() int {
	if s.searchStartsUpTo > 0 {
		return s.searchStartsUpTo
	}
	return searchStartsUpTo
}

// broadSearch says whether SQLite's search index finds more than limit
// rows of table for q, read off the index alone. A list filtered besides
// its search then reads the rows its filters find and tests each against
// the search's matches (textMatchAs aside) instead of looking up every
// match in the table to test the filters: the critical findings that
// mention "tra", 26 ms through the matches, 7 ms through the severity's
// index. A search that finds few rows still starts the read.
func (s *Store) broadSearch(ctx context.Context, table string, cols []string, q string, limit int) (bool, error) {
	limit = max(1, limit)
	q = strings.TrimSpace(q)
	if !s.searchIndexed(q) {
		return false, nil
	}
	var n int64
	err := s.db.WithContext(ctx).Raw(fmt.Sprintf("SELECT count(*) FROM (SELECT 1 FROM %s_search WHERE %s_search MATCH ? LIMIT ?) AS matches", table, table),
		searchPhrase(cols, q), limit+1).Scan(&n).Error
	if err != nil {
		return false, fmt.Errorf("store: search %s: %w", table, err)
	}
	return n > int64(limit), nil
}

// siteMatch is the condition keeping rows whose column col is the id of a
// site matching q in cols. On PostgreSQL the sites are read once into an
// array (`= ANY (ARRAY(...))`): unlike `IN (SELECT ...)`, that is a
// condition an index on col answers, so a search ORing it with the
// record's own text reads both indexes (BitmapOr) instead of every row
// (inspections matching "chonb" at 100,000 sites: 108 ms, 587 ms before).
func (s *Store) siteMatch(col string, cols []string, q string) (string, []any) {
	return s.siteMatchAs(col, cols, q, false)
}

// siteMatchAs is siteMatch; aside, on SQLite, a test of each row the
// list's other filters find (see broadSearch).
func (s *Store) siteMatchAs(col string, cols []string, q string, aside bool) (string, []any) {
	cond, args := s.textMatch("sites", cols, q)
	if database.DialectOf(s.db) == database.Postgres {
		return col + " = ANY (ARRAY(SELECT sites.id FROM sites WHERE " + cond + "))", args
	}
	if aside {
		col = "+" + col
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
