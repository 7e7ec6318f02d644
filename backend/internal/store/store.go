// Package store reads and writes qualtrack's records. Every write runs in
// a transaction together with its audit event; updates check the version
// the client read, so concurrent edits never silently overwrite each other.
package store

import (
	"context"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/database"
	"github.com/qualtrack/qualtrack/backend/internal/filestore"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
)

// Errors callers map to HTTP statuses.
var (
	ErrNotFound        = errors.New("not found")
	ErrConflict        = errors.New("conflicts with an existing record")
	ErrVersionConflict = errors.New("the record was changed by someone else")
)

// ConflictError is an ErrConflict that says what clashed.
type ConflictError struct {
	Field   string
	Message string
}

func (e *ConflictError) Error() string { return e.Message }

// Unwrap makes errors.Is(err, ErrConflict) true.
func (e *ConflictError) Unwrap() error { return ErrConflict }

// ForbiddenError refuses a change the actor's role may not make to this
// record in its present state (the route itself is open to the role).
type ForbiddenError struct{ Message string }

func (e *ForbiddenError) Error() string { return e.Message }

// Store is the data access layer.
type Store struct {
	db    *gorm.DB
	trail *audit.Trail
	now   func() time.Time
	rules Rules
	files filestore.Store // attachment files; see WithFiles
	// fileLocks guard storing and removing files in this process; shared
	// by every copy of the store made after WithFiles.
	fileLocks *fileLocks
	// scope, when set, limits every read to these manufacturers' records
	// (see For in scope.go).
	scope     []int64
	scopeUser int64
	// sites, when set, further limits a supplier's scope to these sites
	// of its manufacturer (see ForSupplier).
	sites []int64
	// signer, when set, signs the signed changes (see SignedBy).
	signer *Signer
	// cache is shared by every copy of the store (For, WithRules, WithFiles).
	cache *derivedCache
	// prepared runs the few queries every request makes (the signed-in
	// user, the cache mark) as prepared statements: SQLite would otherwise
	// parse them again each time, a quarter of a cached page's CPU.
	prepared *gorm.DB
	// searchByScan searches without the search indexes (WithSearchByScan).
	searchByScan bool
	// searchStartsUpTo replaces the constant when above zero (tests).
	searchStartsUpTo int
	// searchCountsUpTo replaces searchSizeCap when above zero (tests).
	searchCountsUpTo int
	// reports holds a slot for each report reading (reportSlots).
	reports chan struct{}
}

// Rules are the configurable parts of the domain rules the store applies
// when it derives values.
type Rules struct {
	Intervals          qualification.Intervals
	ExpiringWithinDays int
}

// DefaultRules are the domain's defaults (package qualification).
var DefaultRules = Rules{Intervals: qualification.DefaultIntervals, ExpiringWithinDays: qualification.DefaultExpiringWithinDays}

// New returns a store over db with the default rules.
func New(db *gorm.DB, now func() time.Time) *Store {
	if now == nil {
		now = time.Now
	}
	return &Store{db: db, trail: audit.NewTrail(now), now: now, rules: DefaultRules, cache: newDerivedCache(),
		prepared: db.Session(&gorm.Session{PrepareStmt: true}), reports: reportSlots(db)}
}

// reportSlots is how many reports may read at once: half the connections
// reads may take. A report holds one connection for its cursor while it
// loads each batch's derived values on another; as many reports as
// connections would each hold one and wait for another for ever (four
// workbooks downloaded at once on SQLite's four readers).
func reportSlots(db *gorm.DB) chan struct{} {
	n := 1
	if sqlDB, err := db.DB(); err == nil {
		n = max(1, sqlDB.Stats().MaxOpenConnections/2)
	}
	return make(chan struct{}, n)
}

// WithRules returns the store applying r.
func (s *Store) WithRules(r Rules) *Store {
	c := *s
	c.rules = r
	return &c
}

// Rules are the rules the store applies.
func (s *Store) Rules() Rules { return s.rules }

// Today is the store clock's calendar date (UTC).
func (s *Store) Today() model.Date { return model.DateOf(s.Now()) }

// DB returns the underlying handle, for reports that stream rows.
func (s *Store) DB() *gorm.DB { return s.db }

// Now is the store's clock.
func (s *Store) Now() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

// Trail is the audit trail writes append to.
func (s *Store) Trail() *audit.Trail { return s.trail }

// tx runs fn in a transaction, under the database's deadline (beginning
// and committing are bounded too). A commit makes the cached dashboard
// stale.
func (s *Store) tx(ctx context.Context, fn func(tx *gorm.DB) error) error {
	ctx, cancel := database.WithDeadline(ctx, s.db)
	defer cancel()
	err := s.db.WithContext(ctx).Transaction(fn)
	if err == nil {
		s.wrote()
	}
	return err
}

// snapshot returns ctx reading in one snapshot of the database until done
// (database.ReadSnapshot): a request that reads several times, a list's
// count and page or a record and its related rows, sees one state.
func (s *Store) snapshot(ctx context.Context) (context.Context, func(), error) {
	ctx, done, err := database.ReadSnapshot(ctx, s.db)
	if err != nil {
		return nil, nil, fmt.Errorf("store: read snapshot: %w", err)
	}
	return ctx, done, nil
}

// quick is the handle for the few queries every request makes: prepared
// statements, except in a read snapshot, which they cannot join.
func (s *Store) quick(ctx context.Context) *gorm.DB {
	if database.InSnapshot(ctx) {
		return s.db.WithContext(ctx)
	}
	return s.prepared.WithContext(ctx)
}

// Record appends an audit event in a transaction of its own, for events
// that change nothing else (sign-ins, exports).
func (s *Store) Record(ctx context.Context, e audit.Entry) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		_, err := s.trail.Append(tx, e)
		return err
	})
}

// translate maps gorm errors onto the store's.
func translate(err error, what string) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, gorm.ErrRecordNotFound):
		return ErrNotFound
	case errors.Is(err, gorm.ErrDuplicatedKey):
		return fmt.Errorf("store: %s: %w", what, ErrConflict)
	}
	return fmt.Errorf("store: %s: %w", what, err)
}

// saveVersioned writes every column of rec (a pointer to a model whose
// Version field has already been moved to version+1) only if the row still
// has the version the client read.
func saveVersioned(tx *gorm.DB, rec any, id, version int64) error {
	res := tx.Model(rec).Where("id = ? AND version = ?", id, version).Select("*").Omit("id", "created_at").Updates(rec)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrVersionConflict
	}
	return nil
}

// Page selects one page of a list and its order.
type Page struct {
	Page     int
	PageSize int
	// Sort is a whitelisted field, "-" first for descending.
	Sort string
	// After, when set, is the cursor of the previous page (its Next): the
	// page holds the rows after that one instead of those after Offset.
	After string
	// Position, when not nil, receives where the page is.
	Position *Position
	// BoundTotal lets the count of the matches stop at totalBound, past
	// which counting costs more than reading the page: the total is then
	// a lower bound, and Position (which must be set) says so.
	BoundTotal bool
}

// Position is where a page read is: its number (from the cursor when
// read after one) and the cursor of the page after it ("" on the last).
type Position struct {
	Page int
	Next string
	// TotalBounded says the count stopped at its bound: more rows than the
	// total match.
	TotalBounded bool
}

// MaxPageSize bounds a page.
const MaxPageSize = 200

// Offset is the number of rows before the page.
func (p Page) Offset() int { return (p.Page - 1) * p.PageSize }

// likePattern escapes a user's search text for LIKE, so % and _ match
// themselves.
func likePattern(q string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + strings.ToLower(r.Replace(strings.TrimSpace(q))) + "%"
}

// list counts the rows of q and reads one page of them into dst (a
// pointer to a slice of models with an ID), in the order p.Sort names
// (def when none), after p.After when set. It reads one row more than the
// page to know whether another page follows, and fills p.Position.
//
// The next page's cursor needs the sort value of the page's last row,
// read just after the page. A row deleted between the two reads has no
// value left to read: the page is read again (it has changed anyway),
// a few times at most.
func list(q *gorm.DB, p Page, sorts SortFields, def string, dst any) (int64, error) {
	ctx, done, err := database.ReadSnapshot(q.Statement.Context, q)
	if err != nil {
		return 0, fmt.Errorf("store: list: %w", err)
	}
	defer done()
	q = q.WithContext(ctx)
	for attempt := 1; ; attempt++ {
		total, err := listOnce(q, p, sorts, def, dst)
		if errors.Is(err, errRowGone) && attempt < 3 {
			continue
		}
		return total, err
	}
}

// countMatches counts the rows of the list q, all of them when bound is 0,
// else at most bound+1: the count stops there.
func countMatches(q *gorm.DB, bound int64) (int64, error) {
	var n int64
	if bound <= 0 {
		err := q.Session(&gorm.Session{}).Count(&n).Error
		return n, err
	}
	matches := q.Session(&gorm.Session{}).Select("1").Limit(int(bound + 1))
	err := q.Session(&gorm.Session{NewDB: true}).Raw("SELECT count(*) FROM (?) AS matches", matches).Scan(&n).Error
	return n, err
}

// totalBound is where the count of a list's matches may stop, for the page
// p of a table of about rows rows whose walks cost cost: twenty pages past
// p (so a pager can number the pages ahead), never below what choosePlan
// needs to tell a sort from a walk (a count that stopped there has total²
// ≥ cost x (skip+limit) x rows, so it is walked, never sorted as if those
// were all the matches), rounded up to a thousand. Counting every match of
// a broad filter reads them all on every page (42,000 rows for a year of
// inspections); this reads a few thousand at most on a first page.
func totalBound(p Page, rows int64, cost walkCost) int64 {
	need := int64(p.Offset() + p.PageSize + 1)
	bound := max(int64(p.Offset())+20*int64(p.PageSize), 3*need, int64(math.Ceil(math.Sqrt(float64(cost.times(need*rows))))))
	return (bound + 999) / 1000 * 1000
}

// tableSize is about how many rows table holds: its highest id (ids are
// not reused and records are seldom deleted), read off the primary key.
func tableSize(q *gorm.DB, table string) (int64, error) {
	var rows int64
	err := q.Session(&gorm.Session{NewDB: true}).Raw("SELECT COALESCE(max(id), 0) FROM " + table).Scan(&rows).Error
	return rows, err
}

// errRowGone is a page's last row deleted before its sort value was read.
var errRowGone = errors.New("store: the page's last row was deleted while it was read")

func listOnce(q *gorm.DB, p Page, sorts SortFields, def string, dst any) (int64, error) {
	if err := q.Statement.Parse(q.Statement.Model); err != nil {
		return 0, err
	}
	o := sorts.resolve(p.Sort, def, q.Statement.Table)
	page := q.Session(&gorm.Session{})
	if p.After != "" {
		value, id, n, err := o.decode(p.After)
		if err != nil {
			return 0, err
		}
		p.Page = n
		page = o.after(page, value, id)
	} else {
		page = page.Offset(p.Offset())
	}
	var tableRows, bound int64
	if p.BoundTotal && p.Position != nil {
		var err error
		if tableRows, err = tableSize(q, o.table); err != nil {
			return 0, err
		}
		bound = totalBound(p, tableRows, walkCostOf(q, o.table))
	}
	total, err := countMatches(q, bound)
	if err != nil {
		return 0, err
	}
	if p.Position != nil {
		*p.Position = Position{Page: p.Page}
		if bound > 0 && total > bound {
			total, p.Position.TotalBounded = bound, true
		}
	}
	rows := reflect.ValueOf(dst).Elem()
	rows.SetLen(0)
	if total == 0 {
		return 0, nil
	}
	if p.After == "" && int64(p.Offset()) >= total {
		return total, nil // a page past the last match (a bounded total is always past the page)
	}
	page = page.Session(&gorm.Session{}) // each read below starts from it afresh
	read, plan, err := o.arrange(q, page, total, tableRows, p)
	if err != nil {
		return 0, err
	}
	if err := readPage(read, plan, p.PageSize+1, dst); err != nil {
		return 0, err
	}
	if plan == walkAWindow && int64(rows.Len()) < min(int64(p.PageSize+1), total-int64(p.Offset())) {
		// The window held fewer of the page's rows than there are:
		// the matches are further along the order; sort them.
		rows.SetLen(0)
		if read, err = o.read(q, page, sortTheMatches, p); err != nil {
			return 0, err
		}
		if err := readPage(read, sortTheMatches, p.PageSize+1, dst); err != nil {
			return 0, err
		}
	}
	if rows.Len() <= p.PageSize {
		return total, nil
	}
	rows.SetLen(p.PageSize)
	if p.Position == nil {
		return total, nil
	}
	id := rows.Index(p.PageSize - 1).FieldByName("ID").Int()
	value, err := o.valueOf(q, id)
	if err != nil {
		return 0, err
	}
	p.Position.Next, err = o.encode(value, id, p.Page+1)
	return total, err
}
