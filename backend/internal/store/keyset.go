package store

import (
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/database"
	"github.com/qualtrack/qualtrack/backend/internal/model"
)

// A list's order is its sort expression, then the row's id: every page
// is the rows after the previous one in that order. With a cursor (Page.After)
// the page starts after the cursor's row by a comparison on (value, id)
// that an index serves, instead of reading and skipping every row before
// it (OFFSET). The cursor is opaque to clients: the sort values and the
// id of the last row of a page, and a fingerprint of the list and order
// it belongs to.

// SortKind is the kind of value a sort expression yields: what a cursor
// carries and is checked against.
type SortKind int

// The kinds of sort values.
const (
	TextSort   SortKind = iota
	NumberSort          // whole numbers
	DateSort            // calendar dates
	TimeSort            // instants
)

// SortField is one order a list accepts: an SQL expression over the list's
// own table (written here, never taken from a request) and the kind of its
// values.
type SortField struct {
	Expr string
	Kind SortKind
	// NullsLast puts the rows without a value after the others in both
	// directions; SQLite and PostgreSQL disagree on where NULL sorts, and
	// a list sorted by date reads best with the undated rows at the end.
	NullsLast bool
	// Nullable says the expression may be NULL and sorts where the
	// database puts NULL (first ascending on SQLite, last on PostgreSQL).
	Nullable bool
}

func textSort(expr string) SortField   { return SortField{Expr: expr, Kind: TextSort} }
func numberSort(expr string) SortField { return SortField{Expr: expr, Kind: NumberSort} }
func dateSort(expr string) SortField   { return SortField{Expr: expr, Kind: DateSort} }
func timeSort(expr string) SortField   { return SortField{Expr: expr, Kind: TimeSort} }

// nullsLast is f with the rows without a value last in both directions.
func nullsLast(f SortField) SortField { f.NullsLast = true; return f }

// nullable is f on an expression that may be NULL.
func nullable(f SortField) SortField { f.Nullable = true; return f }

// SortFields maps API sort names to how they order.
type SortFields map[string]SortField

// Names lists the accepted sort names.
func (f SortFields) Names() []string {
	out := make([]string, 0, len(f))
	for k := range f {
		out = append(out, k)
	}
	return out
}

// order is one resolved order of a list: the field, its direction and the
// table whose id breaks ties.
type order struct {
	field SortField
	desc  bool
	table string
}

// resolve picks the order for sort (already validated against f; "" is
// def).
func (f SortFields) resolve(sort, def, table string) order {
	if sort == "" {
		sort = def
	}
	field, ok := f[strings.TrimPrefix(sort, "-")]
	if !ok {
		sort = def
		field = f[strings.TrimPrefix(def, "-")]
	}
	return order{field: field, desc: strings.HasPrefix(sort, "-"), table: table}
}

// SQL is the ORDER BY clause. The empty values of a NullsLast field are
// ordered by "IS NULL" ascending, spelled "IS NOT NULL DESC" when the
// field is descending, so every term runs in one direction and one index
// (migration 00025) serves the whole order, read forwards or backwards.
func (o order) SQL() string {
	e, id := o.field.Expr, o.table+".id"
	switch {
	case o.field.NullsLast && o.desc:
		return e + " IS NOT NULL DESC, " + e + " DESC, " + id + " DESC"
	case o.field.NullsLast:
		return e + " IS NULL, " + e + ", " + id
	case o.desc:
		return e + " DESC, " + id + " DESC"
	}
	return e + ", " + id
}

// sortSQL is the same order as SQL, each term behind SQLite's unary plus:
// the rows come out in the same order, but the planner no longer sees the
// order's index in it, so it reads the rows that match by the filters'
// own indexes (or the table) and sorts them instead of walking the whole
// order to find them. SQLite only; see choosePlan.
func (o order) sortSQL() string {
	e, id := o.field.Expr, o.table+".id"
	switch {
	case o.field.NullsLast && o.desc:
		return "+(" + e + " IS NOT NULL) DESC, +" + e + " DESC, +" + id + " DESC"
	case o.field.NullsLast:
		return "+(" + e + " IS NULL), +" + e + ", +" + id
	case o.desc:
		return "+" + e + " DESC, +" + id + " DESC"
	}
	return "+" + e + ", +" + id
}

// pagePlan is how a page of a list is read.
type pagePlan int

const (
	// plannerChooses leaves the plan to the database.
	plannerChooses pagePlan = iota
	// sortTheMatches reads the rows that match and sorts them (sortSQL).
	sortTheMatches
	// walkTheOrder reads the order's index from the start, testing each
	// row against the filters until the page is full (INDEXED BY).
	walkTheOrder
	// walkAWindow walks the order's index as walkTheOrder does, but no
	// further than the first rows of the whole table (windowRows); when
	// the page's rows are not all among them, the matches are sorted.
	walkAWindow
)

// arrange orders page, a page of the list q with total rows matching, and
// says how it is read (choosePlan, then read). A page walked in a window
// is bounded to the window's rows; when it comes back short the caller
// reads it again sorted.
func (o order) arrange(q, page *gorm.DB, total, rows int64, p Page) (*gorm.DB, pagePlan, error) {
	skip := 0
	if p.After == "" {
		skip = p.Offset()
	}
	plan, err := choosePlan(q, o, total, rows, skip, p.PageSize+1, p.After != "")
	if err != nil {
		return nil, plan, err
	}
	if plan != walkAWindow {
		page, err = o.read(q, page, plan, p)
		return page, plan, err
	}
	if rows == 0 {
		if rows, err = tableSize(q, o.table); err != nil {
			return nil, plan, err
		}
	}
	last, ok, err := o.windowEnd(q, windowRows(total, rows, skip+p.PageSize+1))
	switch {
	case err != nil:
		return nil, plan, err
	case !ok: // the table is no longer than the window
		page, err = o.read(q, page, walkTheOrder, p)
		return page, walkTheOrder, err
	case last.value == nil: // the window takes in every row with a value
		page, err = o.read(q, page, sortTheMatches, p)
		return page, sortTheMatches, err
	}
	page, err = o.read(q, o.upTo(page, last), walkTheOrder, p)
	return page, plan, err
}

// windowFactor is how many times what an even spread of the matches
// would read a window of an order holds.
const windowFactor = 2

// windowRows is how far a walk of a page need rows long goes before
// the matches are sorted instead: windowFactor times what it reads when
// the total matches are spread evenly through the rows of the table.
func windowRows(total, rows int64, need int) int64 {
	return windowFactor * int64(need) * rows / max(total, 1)
}

// sortKey is a row's place in an order: its sort value and id.
type sortKey struct {
	value any
	id    int64
}

// windowEnd is the key of the row n rows into the whole table in o's
// order, read off the order's index alone; false when the table has no
// more rows than that.
func (o order) windowEnd(q *gorm.DB, n int64) (sortKey, bool, error) {
	var ids []int64
	err := q.Session(&gorm.Session{NewDB: true}).Table(o.table).Select(o.table+".id").
		Order(o.SQL()).Offset(int(n)).Limit(1).Pluck(o.table+".id", &ids).Error
	if err != nil || len(ids) == 0 {
		return sortKey{}, false, err
	}
	v, err := o.valueOf(q, ids[0])
	if errors.Is(err, errRowGone) {
		return sortKey{}, false, nil // deleted meanwhile: walk without a window
	}
	return sortKey{v, ids[0]}, err == nil, err
}

// read is page arranged to be read as plan says: on SQLite by the ORDER
// BY it writes (the order behind unary plus, or the order's index
// named); on PostgreSQL by the planner settings readPage gives the read.
// Sorted matches are read as sortedIDsFirst says.
func (o order) read(q, page *gorm.DB, plan pagePlan, p Page) (*gorm.DB, error) {
	postgres := database.DialectOf(q) == database.Postgres
	// A list that joins other tables for columns of its rows reads them
	// in one step: the second would need the joins again.
	byID := plan == sortTheMatches && len(q.Statement.Joins) == 0 && len(q.Statement.Selects) == 0 && q.Statement.Clauses["SELECT"].Expression == nil
	switch {
	case byID && postgres:
		return o.sortedIDsFirst(q, page, o.SQL(), p.PageSize+1), nil
	case byID:
		return o.sortedIDsFirst(q, page, o.sortSQL(), p.PageSize+1), nil
	case postgres:
		return page.Order(o.SQL()), nil
	case plan == sortTheMatches:
		return page.Order(o.sortSQL()), nil
	case plan == walkTheOrder && holdsTheMatches(q):
		// read as the planner chooses: the partial index of the order
	case plan == walkTheOrder:
		index, err := o.index(q)
		if err != nil {
			return nil, err
		}
		if index != "" {
			page = page.Table(o.table + " INDEXED BY " + index)
		}
	}
	return page.Order(o.SQL()), nil
}

// sortedIDsFirst reads a page of sorted matches in two steps: the ids of
// the matches, sorted by orderBy and cut to the page (limit rows after the
// page's offset), then those rows whole, by id, sorted again. Sorting every
// match whole carries each one's every column through the sort; by id, the
// sort carries the id and its key, and only the page's rows are read whole
// (a deep page of routine inspections by planned date, 4,000 rows in, in
// the SQLite shell: 110 ms whole, 87 ms by id; of qualified sites by name:
// 15 ms and 6 ms).
func (o order) sortedIDsFirst(q, page *gorm.DB, orderBy string, limit int) *gorm.DB {
	ids := page.Select(o.table + ".id").Order(orderBy).Limit(limit)
	return q.Session(&gorm.Session{NewDB: true}).Table(o.table).Where(o.table+".id IN (?)", ids).Order(orderBy)
}

// postgresPlans are the planner settings that have PostgreSQL read a page
// the way choosePlan says, set for the page's read only: set_config with
// is_local true (SET LOCAL as a function, so both settings go in one
// statement), in a transaction of its own: no index read in order (the filters' indexes
// still gather the matches, by bitmap scans), so that the matches are
// sorted; or no sort, so that the order's index is walked.
var postgresPlans = map[pagePlan]string{
	sortTheMatches: "SELECT set_config('enable_indexscan', 'off', true), set_config('enable_indexonlyscan', 'off', true)",
	walkTheOrder:   "SELECT set_config('enable_sort', 'off', true)",
	walkAWindow:    "SELECT set_config('enable_sort', 'off', true)",
}

// readPage reads limit rows of page into dst, read as plan says.
func readPage(page *gorm.DB, plan pagePlan, limit int, dst any) error {
	settings, ok := postgresPlans[plan]
	if !ok || database.DialectOf(page) != database.Postgres {
		return page.Limit(limit).Find(dst).Error
	}
	return page.Transaction(func(tx *gorm.DB) error {
		if err := tx.Exec(settings).Error; err != nil {
			return err
		}
		return tx.Limit(limit).Find(dst).Error
	})
}

// choosePlan chooses how to read a page of a list, total rows
// of it matching (at least: a count that stopped at totalBound), skip rows
// into it, limit rows long, from a table of about rows rows (0: not read
// yet). Walking the order's index reads its entries in order, testing
// each against the filters, until skip+limit of them match: about
// (skip+limit) x rows/total entries when the matches are spread evenly
// through the order. Sorting reads the total matches by a filter's index
// (or the whole table when none narrows them) and sorts them. What an
// entry walked costs against a match sorted is walkCost: three times as
// much when each entry is looked up in the table to test the filters,
// an eighth when the order's index holds the filters' columns.
//
//   - The matches are sorted when an even spread would make the walk cost
//     more (total² < walkCost x (skip+limit) x rows): the 89th page of the
//     qualification inspections by date, 4,400 of 10,000 matches to skip
//     among 200,000 inspections, 244 ms walked through the table, 48 ms
//     sorted.
//   - Otherwise the order's index is walked (the first page of the
//     completed inspections by creation, 190,000 of 200,000: 520 ms
//     sorted, 1 ms walked), unless the list's filters follow the order
//     (a date range, see filtersFollowTheOrder): their matches may all
//     come last in the order, so the walk is taken only when even that
//     costs less than sorting them (walkCost x (rows-total+skip+limit) <
//     total). Otherwise, in the order the range is on (the inspections
//     from a day, by date), the range's own index is read in order: named
//     when it holds the filters (SQLite's planner reads the matches of a
//     type and status by the index of those and sorts them, 110 ms, where
//     the range read in order takes 1 ms), else as the planner chooses. In
//     any other order a window of the order is walked (walkAWindow), and
//     the matches sorted when the page is not in it: an order that only
//     goes with the range's (the inspections from a day, by creation:
//     they were mostly created around their dates) may have them at its
//     far end (62,900 inspections since April by creation, 900 in: 205 ms
//     walked, as the planner chose; 11 ms sorted), or at its start
//     (newest first: 7 ms walked, 200 ms sorted).
//
// A page after a cursor is never walked by name: the cursor's comparison
// already starts the walk in the order's index, and named, SQLite would
// split the comparison's OR into two reads of it and sort their rows.
//
// The times are the SQLite shell's on the seeded register of
// docs/benchmarks.md. SQLite's planner cannot tell these apart by itself:
// its statistics hold the average number of rows per value, and the values
// of a status or a type are far from even. PostgreSQL's statistics cannot
// either when filters go together (the for-cause inspections that failed,
// by score: it walked the score's index through two million inspections
// for a page, 8 s, at ten times the benchmark register), so the same
// rules choose for both.
func choosePlan(q *gorm.DB, o order, total, rows int64, skip, limit int, afterCursor bool) (pagePlan, error) {
	need := int64(skip + limit)
	if total < 3*need {
		return sortTheMatches, nil // fewer matches than even the walk's best case reads
	}
	if rows == 0 {
		var err error
		if rows, err = tableSize(q, o.table); err != nil {
			return plannerChooses, err
		}
	}
	rows = max(rows, total)
	cost := walkCostOf(q, o.table)
	own, follow := q.Get(followOrderKey)
	// Only an order of dates or instants follows a date range: the rows of
	// a range are spread through an order of scores, names or statuses as
	// evenly as any filter's (the recent conditional inspections by score,
	// a page in: 52 ms sorted, walked from the covered index in well under
	// the page's share of it).
	follow = follow && (o.field.Kind == DateSort || o.field.Kind == TimeSort)
	switch {
	case cost.times(need*rows) > total*total:
		return sortTheMatches, nil
	case afterCursor:
		return plannerChooses, nil
	case !follow || cost.times(rows-total+need) < total:
		return walkTheOrder, nil
	case slices.Contains(own.([]string), o.field.Expr) && cost.covered():
		return walkTheOrder, nil
	case slices.Contains(own.([]string), o.field.Expr):
		return plannerChooses, nil
	case o.field.Nullable:
		return sortTheMatches, nil
	}
	return walkAWindow, nil
}

// walkCost is what an entry walked costs against a match sorted, as a
// fraction.
type walkCost struct{ num, den int64 }

func (c walkCost) times(n int64) int64 { return n * c.num / c.den }

// covered says the walk tests the filters from the order's index.
func (c walkCost) covered() bool { return c.num < c.den }

// filtersInOrderIndexes are the tables whose order indexes end with the
// columns their lists filter on (migration 00029, SQLite only: a
// PostgreSQL index scan reads the table row before testing a filter).
var filtersInOrderIndexes = map[string]bool{"inspections": true, "findings": true}

// walkCostOf is the walk cost of the list q of table.
func walkCostOf(q *gorm.DB, table string) walkCost {
	if holdsTheMatches(q) || filtersInOrderIndexes[table] && database.DialectOf(q) == database.SQLite {
		return walkCost{1, 8}
	}
	return walkCost{3, 1}
}

// ordersHoldTheMatchesKey marks a list query whose order indexes hold
// exactly its matches (ordersHoldTheMatches).
const ordersHoldTheMatchesKey = "qualtrack:orders_hold_the_matches"

// holdsTheMatches says whether q is marked by ordersHoldTheMatches.
func holdsTheMatches(q *gorm.DB) bool {
	_, exact := q.Get(ordersHoldTheMatchesKey)
	return exact
}

// ordersHoldTheMatches marks q as a list whose only filter is the
// condition of its orders' partial indexes (the sites that are not
// archived: migration 00025): a walk of an order reads its matches and
// nothing else, so it is read as the database chooses (which is that
// index; an index named by order alone would be the whole table's) and
// its walk costs what a covered one does. The 80th page of the sites by
// risk tier: 16-25 ms sorted, 0.9 ms walked.
func ordersHoldTheMatches(q *gorm.DB) *gorm.DB {
	return q.Set(ordersHoldTheMatchesKey, true)
}

// followOrderKey marks a list query whose filters follow its orders.
const followOrderKey = "qualtrack:filters_follow_the_order"

// filtersFollowTheOrder marks q as a list whose filters pick rows by a
// date that the list's orders of dates and instants follow (a date range,
// overdue, expiring; choosePlan treats its other orders as unmarked):
// its matches gather at one end of the order, and walking the order's
// index from the other end reads every row before them. own are the sort
// expressions whose index holds the range itself, so that the database
// reads the range in order from it.
func filtersFollowTheOrder(q *gorm.DB, own ...string) *gorm.DB {
	return q.Set(followOrderKey, own)
}

// orderIndexes holds, per ORDER BY clause, the SQLite index that reads the
// whole table in that order ("" when none does).
var orderIndexes sync.Map

// sqlitePlanIndex is the index of an EXPLAIN QUERY PLAN line that scans a
// table in index order.
var sqlitePlanIndex = regexp.MustCompile(`^SCAN (\w+) USING (?:COVERING )?INDEX (\w+)$`)

// index is the SQLite index that reads o's table in o's order, found once
// by asking the planner how it reads the whole table in that order; ""
// when it reads it another way (an order with no index of its own, or
// only a partial one).
func (o order) index(q *gorm.DB) (string, error) {
	key := o.SQL()
	if name, ok := orderIndexes.Load(key); ok {
		return name.(string), nil
	}
	rows, err := q.Session(&gorm.Session{NewDB: true}).Raw("EXPLAIN QUERY PLAN SELECT " + o.table + ".id FROM " + o.table + " ORDER BY " + key + " LIMIT 1").Rows()
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			return "", err
		}
		lines = append(lines, detail)
	}
	if err := rows.Err(); err != nil {
		return "", err
	}
	name := ""
	if len(lines) == 1 {
		if m := sqlitePlanIndex.FindStringSubmatch(lines[0]); m != nil && m[1] == o.table {
			name = m[2]
		}
	}
	orderIndexes.Store(key, name)
	return name, nil
}

// fingerprint names the list and order a cursor belongs to, so a cursor
// of another list or order is refused rather than misread.
func (o order) fingerprint() string {
	sum := sha256.Sum256([]byte(o.table + "\x00" + o.SQL()))
	return hex.EncodeToString(sum[:6])
}

// ErrBadCursor is a cursor this list did not hand out (tampered with, of
// another list or order, or not a cursor at all).
var ErrBadCursor = errors.New("store: not a cursor of this list and order")

// cursor is the position after a row: its sort value, its id and the
// number of the page that follows.
type cursor struct {
	Key   string          `json:"k"`
	Value json.RawMessage `json:"v"`
	ID    int64           `json:"id"`
	Page  int             `json:"p"`
}

// encode makes the opaque cursor after the row with this value and id.
func (o order) encode(value any, id int64, page int) (string, error) {
	v, err := json.Marshal(value)
	if err != nil {
		return "", fmt.Errorf("store: encode cursor: %w", err)
	}
	b, err := json.Marshal(cursor{Key: o.fingerprint(), Value: v, ID: id, Page: page})
	if err != nil {
		return "", fmt.Errorf("store: encode cursor: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// decode reads a cursor of this order strictly: any other text is
// ErrBadCursor. value is nil for a row without a value.
func (o order) decode(s string) (value any, id int64, page int, err error) {
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || len(raw) > 1024 {
		return nil, 0, 0, ErrBadCursor
	}
	var c cursor
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.DisallowUnknownFields()
	if dec.Decode(&c) != nil || dec.More() || c.Key != o.fingerprint() || c.ID < 1 || c.Page < 2 || c.Page > 1_000_000 || c.Value == nil {
		return nil, 0, 0, ErrBadCursor
	}
	value, ok := o.field.Kind.parse(c.Value)
	if !ok || (value == nil && !o.field.NullsLast && !o.field.Nullable) {
		return nil, 0, 0, ErrBadCursor
	}
	return value, c.ID, c.Page, nil
}

// parse reads a cursor's JSON value as this kind: the Go value the
// comparison binds, or nil for JSON null.
func (k SortKind) parse(raw json.RawMessage) (any, bool) {
	if string(raw) == "null" {
		return nil, true
	}
	switch k {
	case NumberSort:
		var n float64
		if json.Unmarshal(raw, &n) != nil || n != math.Trunc(n) || math.Abs(n) > 1<<53 {
			return nil, false
		}
		return int64(n), true
	case TextSort:
		var s string
		return s, json.Unmarshal(raw, &s) == nil
	case DateSort:
		var s string
		if json.Unmarshal(raw, &s) != nil {
			return nil, false
		}
		d, err := model.ParseDate(s)
		return d, err == nil
	case TimeSort:
		var t time.Time
		if json.Unmarshal(raw, &t) != nil {
			return nil, false
		}
		return t.UTC(), true
	}
	return nil, false
}

// normalize turns what the driver scanned for this kind into the value a
// cursor carries (JSON-encodable, and bound as the column's kind on
// both dialects).
func (k SortKind) normalize(v any) (any, error) {
	if b, ok := v.([]byte); ok {
		v = string(b)
	}
	if v == nil {
		return nil, nil
	}
	switch k {
	case NumberSort:
		switch n := v.(type) {
		case int64:
			return n, nil
		case int32:
			return int64(n), nil
		case int:
			return int64(n), nil
		case float64:
			if n == math.Trunc(n) {
				return int64(n), nil
			}
		}
	case TextSort:
		if s, ok := v.(string); ok {
			return s, nil
		}
	case DateSort:
		var d model.Date
		if err := d.Scan(v); err != nil {
			return nil, err
		}
		return d, nil
	case TimeSort:
		if t, ok := v.(time.Time); ok {
			return t.UTC(), nil
		}
	}
	return nil, fmt.Errorf("store: sort value %T is not of its kind", v)
}

// after restricts q to the rows after the cursor's row in this order.
// Where the rows without a value go depends on the dialect for a plain
// Nullable field; a NullsLast field keeps them last in both.
func (o order) after(q *gorm.DB, value any, id int64) *gorm.DB {
	e, t := o.field.Expr, o.table+".id"
	op := " > "
	if o.desc {
		op = " < "
	}
	if o.field.NullsLast {
		switch {
		case value == nil:
			return q.Where("("+e+" IS NULL AND "+t+op+"?)", id)
		case o.desc:
			return q.Where("("+e+" IS NOT NULL, "+e+", "+t+") < (TRUE, ?, ?)", value, id)
		}
		return q.Where("("+e+" IS NULL, "+e+", "+t+") > (FALSE, ?, ?)", value, id)
	}
	if !o.field.Nullable {
		return q.Where("("+e+", "+t+")"+op+"(?, ?)", value, id)
	}
	// NULL sorts first ascending on SQLite, last on PostgreSQL.
	nullsFirst := (database.DialectOf(q) == database.Postgres) == o.desc
	switch {
	case value == nil && nullsFirst:
		return q.Where("(("+e+" IS NULL AND "+t+op+"?) OR "+e+" IS NOT NULL)", id)
	case value == nil:
		return q.Where("("+e+" IS NULL AND "+t+op+"?)", id)
	case nullsFirst:
		return q.Where("("+e+", "+t+")"+op+"(?, ?)", value, id)
	}
	return q.Where("(("+e+", "+t+")"+op+"(?, ?) OR "+e+" IS NULL)", value, id)
}

// upTo bounds q to the rows in o's order up to the value last: those
// with that value or one before it (a first part of the order, perhaps a
// few rows past last among its ties). A plain comparison on the value,
// not the cursor's on (value, id), so that SQLite reads it as the range
// of the walk in the order's index even behind an "IS NULL" column. The
// rows without a value, last in a NullsLast order, fall outside; a
// window ending among them is not bounded (arrange sorts instead).
func (o order) upTo(q *gorm.DB, last sortKey) *gorm.DB {
	if o.desc {
		return q.Where(o.field.Expr+" >= ?", last.value)
	}
	return q.Where(o.field.Expr+" <= ?", last.value)
}

// valueOf reads the sort value of the row id.
func (o order) valueOf(q *gorm.DB, id int64) (any, error) {
	var v any
	err := q.Session(&gorm.Session{NewDB: true}).Table(o.table).
		Select(o.field.Expr).Where(o.table+".id = ?", id).Row().Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errRowGone
	}
	if err != nil {
		return nil, fmt.Errorf("store: read sort value: %w", err)
	}
	return o.field.Kind.normalize(v)
}
