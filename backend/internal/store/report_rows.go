package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

// ReportBatch is how many rows a report reads before it loads their
// derived values and writes them: large enough that the grouped queries
// are few, small enough that memory stays flat however many rows there are.
const ReportBatch = 1000

// reportBuffers is how many batches are in flight: one being read, one
// waiting, one being written.
const reportBuffers = 3

// reportTimeout bounds reading one report: its cursor stays open while
// the workbook is written, longer than the deadline of a single call.
const reportTimeout = 10 * time.Minute

// reportRows runs a report's query and hands its rows to fn in batches of
// ReportBatch, each completed by enrich (its derived values, loaded with
// grouped queries; nil for none).
//
// Reading and writing overlap: a goroutine reads and enriches the next
// batch while fn writes the current one, so on two cores the database
// work hides behind the spreadsheet's. Batches are recycled: fn must not
// keep one. Memory is bounded by reportBuffers batches whatever the
// table's size.
//
// The cursor stays open while enrich queries on another pooled
// connection; both dialects allow that (SQLite in WAL mode has many
// readers), and it never waits on a client: the workbook is sent once
// it is complete. A report waits for one of slots first (Store.reports),
// so that the reports reading never take every connection between them.
// The slot is held until the producer has closed its cursor.
func reportRows[T any](ctx context.Context, slots chan struct{}, q *gorm.DB, scan func(*sql.Rows, *T) error, enrich, fn func([]T) error) error {
	ctx, cancel := context.WithTimeout(ctx, reportTimeout)
	defer cancel()
	select {
	case slots <- struct{}{}:
		defer func() { <-slots }()
	case <-ctx.Done():
		return ctx.Err()
	}
	free := make(chan []T, reportBuffers)
	for range reportBuffers {
		free <- make([]T, 0, ReportBatch)
	}
	full := make(chan []T, 1)
	produced := make(chan error, 1)
	go func() {
		defer close(full)
		produced <- produceReportRows(ctx, q, scan, enrich, free, full)
	}()
	var werr error
	for batch := range full {
		if werr == nil {
			if werr = fn(batch); werr != nil {
				cancel() // stops the reader at its next batch
			}
		}
		free <- batch[:0]
	}
	if err := <-produced; werr == nil && err != nil {
		return err
	}
	return werr
}

func produceReportRows[T any](ctx context.Context, q *gorm.DB, scan func(*sql.Rows, *T) error, enrich func([]T) error, free <-chan []T, full chan<- []T) error {
	rows, err := q.WithContext(ctx).Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	send := func(batch []T) error {
		if enrich != nil {
			if err := enrich(batch); err != nil {
				return err
			}
		}
		select {
		case full <- batch:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	batch := <-free
	var zero T
	for rows.Next() {
		batch = append(batch, zero)
		if err := scan(rows, &batch[len(batch)-1]); err != nil {
			return err
		}
		if len(batch) == ReportBatch {
			if err := send(batch); err != nil {
				return err
			}
			select {
			case batch = <-free:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(batch) > 0 {
		return send(batch)
	}
	return nil
}

// ReportFindingCounts counts findings by severity.
type ReportFindingCounts struct {
	Critical, Major, Minor, Observation int
}

// Add counts n findings of severity sev.
func (c *ReportFindingCounts) Add(sev model.Severity, n int) {
	switch sev {
	case model.SeverityCritical:
		c.Critical += n
	case model.SeverityMajor:
		c.Major += n
	case model.SeverityMinor:
		c.Minor += n
	case model.SeverityObservation:
		c.Observation += n
	}
}

// Total is the number of findings counted.
func (c ReportFindingCounts) Total() int { return c.Critical + c.Major + c.Minor + c.Observation }

// reportFindingCounts counts the findings of the rows whose key column
// (inspection_id or site_id) is in ids, all of them and the still open
// ones, in one grouped query.
func reportFindingCounts(db *gorm.DB, key string, ids []int64) (all, open map[int64]ReportFindingCounts, err error) {
	all, open = map[int64]ReportFindingCounts{}, map[int64]ReportFindingCounts{}
	if len(ids) == 0 {
		return all, open, nil
	}
	rows, err := db.Raw("SELECT "+key+", severity, status, COUNT(*) FROM findings WHERE "+key+" IN ? GROUP BY "+key+", severity, status", ids).Rows()
	if err != nil {
		return nil, nil, fmt.Errorf("store: report finding counts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r struct {
			OwnerID  int64
			Severity model.Severity
			Status   model.FindingStatus
			N        int
		}
		if err := rows.Scan(&r.OwnerID, &r.Severity, &r.Status, &r.N); err != nil {
			return nil, nil, fmt.Errorf("store: report finding counts: %w", err)
		}
		c := all[r.OwnerID]
		c.Add(r.Severity, r.N)
		all[r.OwnerID] = c
		if r.Status != model.FindingClosed {
			o := open[r.OwnerID]
			o.Add(r.Severity, r.N)
			open[r.OwnerID] = o
		}
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("store: report finding counts: %w", err)
	}
	return all, open, nil
}

// reportIDs collects the ids of a batch.
func reportIDs[T any](rows []T, id func(*T) int64) []int64 {
	ids := make([]int64, len(rows))
	for i := range rows {
		ids[i] = id(&rows[i])
	}
	return ids
}

// reportDate selects a DATE column as text. The SQLite driver would parse
// a DATE column into a time.Time by trying six layouts before the right
// one, for every cell; model.Date reads "YYYY-MM-DD" text directly, and
// PostgreSQL casts a date to that same text.
func reportDate(col string) string { return "CAST(" + col + " AS TEXT)" }

// nullsLastOrder orders by expr with NULLs last on both dialects (SQLite
// sorts NULL first, PostgreSQL last).
func nullsLastOrder(expr string) string {
	return "CASE WHEN " + expr + " IS NULL THEN 1 ELSE 0 END, " + expr
}

// reportRefs names the sites and users a report's rows point at. Names are
// loaded for the ids of each batch not seen before, one query per kind, and
// kept for the rest of the report: memory grows with the sites and users
// named, not with the rows.
type reportRefs struct {
	sites map[int64]ReportSiteRef
	users map[int64]string
}

func newReportRefs() *reportRefs {
	return &reportRefs{sites: map[int64]ReportSiteRef{}, users: map[int64]string{0: ""}}
}

func (r *reportRefs) loadSites(db *gorm.DB, ids []int64) error {
	missing := reportMissing(ids, func(id int64) bool { _, ok := r.sites[id]; return ok })
	if len(missing) == 0 {
		return nil
	}
	rows, err := db.Raw(`SELECT sites.id, sites.code, sites.name, manufacturers.name, sites.country
		FROM sites JOIN manufacturers ON manufacturers.id = sites.manufacturer_id WHERE sites.id IN ?`, missing).Rows()
	if err != nil {
		return fmt.Errorf("store: report sites: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var ref ReportSiteRef
		if err := rows.Scan(&id, &ref.SiteCode, &ref.SiteName, &ref.Manufacturer, &ref.Country); err != nil {
			return fmt.Errorf("store: report sites: %w", err)
		}
		r.sites[id] = ref
	}
	return rows.Err()
}

func (r *reportRefs) loadUsers(db *gorm.DB, ids []int64) error {
	missing := reportMissing(ids, func(id int64) bool { _, ok := r.users[id]; return ok })
	if len(missing) == 0 {
		return nil
	}
	var users []struct {
		ID   int64
		Name string
	}
	if err := db.Model(&model.User{}).Select("id, name").Where("id IN ?", missing).Scan(&users).Error; err != nil {
		return fmt.Errorf("store: report users: %w", err)
	}
	for _, u := range users {
		r.users[u.ID] = u.Name
	}
	return nil
}

// reportMissing lists the distinct ids not known yet.
func reportMissing(ids []int64, known func(int64) bool) []int64 {
	var out []int64
	seen := map[int64]bool{}
	for _, id := range ids {
		if !seen[id] && !known(id) {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}
