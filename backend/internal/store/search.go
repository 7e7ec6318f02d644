package store

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"gorm.io/gorm"

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
// searchAside).
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
// always starts from (searchAside).
const searchStartsUpTo = 1000

// searchSizeCap is how far the matches of a broader search are counted,
// to weigh them against the rows the list's filters find (searchAside).
const searchSizeCap = 4 * searchStartsUpTo

// searchSizeLimit is searchSizeCap, or the store's own (tests).
func (s *Store) searchSizeLimit() int {
	if s.searchCountsUpTo > 0 {
		return s.searchCountsUpTo
	}
	return searchSizeCap
}

// searchStartLimit is searchStartsUpTo, or the store's own (tests).
func (s *Store) searchStartLimit() int {
	if s.searchStartsUpTo > 0 {
		return s.searchStartsUpTo
	}
	return searchStartsUpTo
}

// searchRows counts the rows of table SQLite's search index finds for q,
// up to most+1, off the index alone; 0 when the search is not asked of
// the index.
func (s *Store) searchRows(ctx context.Context, table string, cols []string, q string, most int) (int64, error) {
	q = strings.TrimSpace(q)
	if !s.searchIndexed(q) {
		return 0, nil
	}
	var n int64
	err := s.db.WithContext(ctx).Raw(fmt.Sprintf("SELECT count(*) FROM (SELECT 1 FROM %s_search WHERE %s_search MATCH ? LIMIT ?) AS matches", table, table),
		searchPhrase(cols, q), max(1, most)+1).Scan(&n).Error
	if err != nil {
		return 0, fmt.Errorf("store: search %s: %w", table, err)
	}
	return n, nil
}

// searchAside says whether a list whose filters are q (its search not yet
// among them) and whose search finds about found rows (searchRows) reads
// the rows its filters find and tests each against the search's matches
// (textMatchAs aside), rather than start from the matches and look up
// each in the table to test the filters. The read starts from the smaller
// side: from the search when it finds no more than searchStartLimit rows,
// or fewer than the filters do, which are then counted up to found (the
// critical findings that mention "tra": 26 ms through the matches, 7 ms
// through the severity's index; the inspections that passed at the 168
// sites of "cluj-", some 3,400 inspections: 91 ms walking the 148,740
// passes, a few through the sites' inspections).
func (s *Store) searchAside(q *gorm.DB, found int64) (bool, error) {
	switch {
	case found <= int64(s.searchStartLimit()):
		return false, nil
	case found > int64(s.searchSizeLimit()):
		// More than were counted ("proces" in some 30,000 summaries): when
		// both sides are that large, a test aside costs least, an index
		// entry and a probe of the matches for each row the filters find
		// where the matches would each be looked up in the table (the
		// completed follow-ups that mention it: 85 ms from the matches).
		return true, nil
	}
	n, err := countMatches(q, found)
	if err != nil {
		return false, fmt.Errorf("store: weigh a search against its filters: %w", err)
	}
	return n < found, nil
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
// list's other filters find (see searchAside).
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
