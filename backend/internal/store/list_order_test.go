package store_test

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/auth"
	"github.com/qualtrack/qualtrack/backend/internal/database"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
	"github.com/qualtrack/qualtrack/backend/internal/seed"
	"github.com/qualtrack/qualtrack/backend/internal/store"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// orderedList is a list the API sorts: its whitelist, and reading one page
// of it with a filter as the API does. The first filter, "", is the list
// as it opens (no filter but the default ones).
type orderedList struct {
	name    string
	table   string
	sorts   store.SortFields
	filters map[string]func(st *store.Store, p store.Page) ([]int64, int64, error)
}

// idsOf is the ids of a page's rows, in order.
func idsOf[T any](rows []T, total int64, err error) ([]int64, int64, error) {
	ids := make([]int64, len(rows))
	for i := range rows {
		ids[i] = reflect.ValueOf(rows[i]).FieldByName("ID").Int()
	}
	return ids, total, err
}

// orderedLists are the lists with their common filters (those the web
// app's list screens and the dashboard's cards send).
func orderedLists() []orderedList {
	ctx := context.Background()
	return []orderedList{
		{"sites", "sites", store.SiteSorts, map[string]func(*store.Store, store.Page) ([]int64, int64, error){
			"": func(st *store.Store, p store.Page) ([]int64, int64, error) {
				return idsOf(st.ListSites(ctx, store.SiteFilter{}, p))
			},
			"two statuses": func(st *store.Store, p store.Page) ([]int64, int64, error) {
				return idsOf(st.ListSites(ctx, store.SiteFilter{Statuses: []model.QualificationStatus{model.StatusQualified, model.StatusConditional}}, p))
			},
			"search": func(st *store.Store, p store.Page) ([]int64, int64, error) {
				return idsOf(st.ListSites(ctx, store.SiteFilter{Q: "an"}, p))
			},
			"not overdue": func(st *store.Store, p store.Page) ([]int64, int64, error) {
				return idsOf(st.ListSites(ctx, store.SiteFilter{Overdue: new(false)}, p))
			},
		}},
		{"manufacturers", "manufacturers", store.ManufacturerSorts, map[string]func(*store.Store, store.Page) ([]int64, int64, error){
			"": func(st *store.Store, p store.Page) ([]int64, int64, error) {
				return idsOf(st.ListManufacturers(ctx, store.ManufacturerFilter{}, p))
			},
		}},
		{"inspections", "inspections", store.InspectionSorts, map[string]func(*store.Store, store.Page) ([]int64, int64, error){
			"": func(st *store.Store, p store.Page) ([]int64, int64, error) {
				return idsOf(st.ListInspections(ctx, store.InspectionFilter{}, p))
			},
			"completed": func(st *store.Store, p store.Page) ([]int64, int64, error) {
				return idsOf(st.ListInspections(ctx, store.InspectionFilter{Status: model.InspectionCompleted}, p))
			},
			// A date range: in date order the range's index is read; in
			// any other, a window of the order is walked, and the matches
			// sorted when the page is not all in it.
			"of the last three years": func(st *store.Store, p store.Page) ([]int64, int64, error) {
				return idsOf(st.ListInspections(ctx, store.InspectionFilter{From: model.DateOf(time.Now()).AddDays(-3 * 365)}, p))
			},
			"search among the completed": func(st *store.Store, p store.Page) ([]int64, int64, error) {
				f := store.InspectionFilter{Status: model.InspectionCompleted, Q: "an"}
				return idsOf(st.WithSearchStartingUpTo(1).ListInspections(ctx, f, p))
			},
			"longer search among the completed": func(st *store.Store, p store.Page) ([]int64, int64, error) {
				f := store.InspectionFilter{Status: model.InspectionCompleted, Q: "ion"}
				return idsOf(st.WithSearchStartingUpTo(1).ListInspections(ctx, f, p))
			},
		}},
		{"findings", "findings", store.FindingSorts, map[string]func(*store.Store, store.Page) ([]int64, int64, error){
			"": func(st *store.Store, p store.Page) ([]int64, int64, error) {
				return idsOf(st.ListFindings(ctx, store.FindingFilter{}, p))
			},
			"unclosed": func(st *store.Store, p store.Page) ([]int64, int64, error) {
				return idsOf(st.ListFindings(ctx, store.FindingFilter{Statuses: []model.FindingStatus{model.FindingOpen, model.FindingInProgress}}, p))
			},
			"search": func(st *store.Store, p store.Page) ([]int64, int64, error) {
				return idsOf(st.ListFindings(ctx, store.FindingFilter{Q: "calibration"}, p))
			},
			"not overdue": func(st *store.Store, p store.Page) ([]int64, int64, error) {
				return idsOf(st.ListFindings(ctx, store.FindingFilter{Overdue: new(false)}, p))
			},
			// A search among the unclosed findings, its matches tested
			// aside (the store counts every search as broad).
			"search among the unclosed": func(st *store.Store, p store.Page) ([]int64, int64, error) {
				f := store.FindingFilter{Statuses: []model.FindingStatus{model.FindingOpen, model.FindingInProgress}, Q: "ion"}
				return idsOf(st.WithSearchStartingUpTo(1).ListFindings(ctx, f, p))
			},
		}},
		{"certifications", "certifications", store.CertificationSorts, map[string]func(*store.Store, store.Page) ([]int64, int64, error){
			"": func(st *store.Store, p store.Page) ([]int64, int64, error) {
				return idsOf(st.ListCertifications(ctx, store.CertificationFilter{}, p))
			},
			"expiring within three years": func(st *store.Store, p store.Page) ([]int64, int64, error) {
				return idsOf(st.ListCertifications(ctx, store.CertificationFilter{ExpiringWithinDays: new(3 * 365)}, p))
			},
		}},
		{"corrective actions", "corrective_actions", store.CorrectiveActionSorts, map[string]func(*store.Store, store.Page) ([]int64, int64, error){
			"": func(st *store.Store, p store.Page) ([]int64, int64, error) {
				return idsOf(st.ListCorrectiveActions(ctx, store.CorrectiveActionFilter{}, p))
			},
		}},
		{"change notifications", "change_notifications", store.ChangeNotificationSorts, map[string]func(*store.Store, store.Page) ([]int64, int64, error){
			"": func(st *store.Store, p store.Page) ([]int64, int64, error) {
				return idsOf(st.ListChangeNotifications(ctx, store.ChangeNotificationFilter{}, p))
			},
		}},
		{"questionnaires", "self_assessments", store.SelfAssessmentSorts, map[string]func(*store.Store, store.Page) ([]int64, int64, error){
			"": func(st *store.Store, p store.Page) ([]int64, int64, error) {
				return idsOf(st.ListSelfAssessments(ctx, store.SelfAssessmentFilter{}, p))
			},
		}},
	}
}

// sortsOf is every sort of a whitelist, both directions, in a stable order.
func sortsOf(f store.SortFields) []string {
	names := f.Names()
	sort.Strings(names)
	var out []string
	for _, n := range names {
		out = append(out, n, "-"+n)
	}
	return out
}

// capturedQuery is a statement the store ran, with its arguments.
type capturedQuery struct {
	sql  string
	vars []any
}

// queryLog keeps the queries a database ran.
type queryLog struct {
	mu   sync.Mutex
	seen []capturedQuery
}

func (l *queryLog) reset() { l.mu.Lock(); l.seen = nil; l.mu.Unlock() }

// pageQuery is the last query read that orders by expr and takes a limit:
// the page query of a list.
func (l *queryLog) pageQuery(t *testing.T, expr string) capturedQuery {
	t.Helper()
	l.mu.Lock()
	defer l.mu.Unlock()
	for i := len(l.seen) - 1; i >= 0; i-- {
		q := l.seen[i]
		if at := strings.Index(q.sql, "ORDER BY "); at >= 0 && strings.Contains(q.sql[at:], expr) && strings.Contains(q.sql[at:], "LIMIT") {
			return q
		}
	}
	t.Fatalf("no page query ordered by %s among %d queries", expr, len(l.seen))
	return capturedQuery{}
}

// settingsOf is the planner settings statement run just before q (on
// PostgreSQL, in q's own transaction), or "".
func (l *queryLog) settingsOf(q capturedQuery) string {
	l.mu.Lock()
	defer l.mu.Unlock()
	for i := len(l.seen) - 1; i > 0; i-- {
		if l.seen[i].sql == q.sql && strings.Contains(l.seen[i-1].sql, "set_config(") {
			return l.seen[i-1].sql
		}
	}
	return ""
}

// orderRegister is a bulk-seeded register of the given size (sites,
// inspections, findings, certificates) with corrective actions, change
// notifications and questionnaires written through the store, on a
// database whose queries are logged.
func orderRegister(t *testing.T, size seed.BulkOptions) (*testutil.DB, *store.Store, *queryLog) {
	t.Helper()
	ctx := context.Background()
	db := testutil.NewDB(t, nil)
	log := &queryLog{}
	record := func(tx *gorm.DB) {
		if tx.DryRun {
			return // a subquery's text being built: nothing ran
		}
		log.mu.Lock()
		log.seen = append(log.seen, capturedQuery{tx.Statement.SQL.String(), slices.Clone(tx.Statement.Vars)})
		log.mu.Unlock()
	}
	testutil.Fatal(t, db.Callback().Query().After("gorm:query").Register("test:log", record), "log queries")
	testutil.Fatal(t, db.Callback().Raw().After("gorm:raw").Register("test:log", record), "log statements")
	testutil.Fatal(t, db.Callback().Row().After("gorm:row").Register("test:log", record), "log row reads")
	st := store.New(db.DB, func() time.Time { return testutil.FixedNow })
	_, err := seed.Bulk(ctx, st, auth.NewTestHasher(), size)
	testutil.Fatal(t, err, "bulk seed")
	_, err = seed.Checklists(ctx, st)
	testutil.Fatal(t, err, "checklists")

	var users []model.User
	testutil.Fatal(t, db.Order("id").Find(&users).Error, "users")
	actor := audit.ActorOf(users[0], "")
	var findings []model.Finding
	testutil.Fatal(t, db.Where("status <> ?", model.FindingClosed).Order("id").Limit(6).Find(&findings).Error, "findings")
	for _, f := range findings {
		_, err := st.IssueCorrectiveActionFor(ctx, f.ID, store.IssueCorrectiveAction{Request: "Contain and find the cause."}, qualification.DefaultCorrectiveDueDays, actor)
		testutil.Fatal(t, err, "corrective action")
	}
	var sites []model.Site
	testutil.Fatal(t, db.Where("archived_at IS NULL").Order("id").Limit(6).Find(&sites).Error, "sites")
	var template model.ChecklistTemplate
	testutil.Fatal(t, db.Order("id").Take(&template).Error, "template")
	for i, s := range sites {
		planned := model.Date{}
		if i%2 == 0 {
			planned = st.Today().AddDays(10 * (i % 3))
		}
		_, err := st.CreateChangeNotification(ctx, store.NewChange{ManufacturerID: s.ManufacturerID, Kind: "equipment",
			Title: fmt.Sprintf("New oven %d", i), PlannedDate: planned, SiteIDs: []int64{s.ID}}, actor)
		testutil.Fatal(t, err, "change notification")
		_, err = st.SendSelfAssessment(ctx, store.SendAssessment{SiteID: s.ID, TemplateID: template.ID, DueDate: st.Today().AddDays(7 * (i % 3))}, actor)
		testutil.Fatal(t, err, "questionnaire")
	}
	return db, st, log
}

// planProblem says what is wrong with the plan of q ("" when an index
// serves its order): on SQLite a temporary B-tree for the ORDER BY or a
// table read without an index; on PostgreSQL, with sequential scans and
// sorts priced out so that any index that can serve the order is taken, a
// Sort node or a sequential scan of table.
func planProblem(t *testing.T, db *testutil.DB, table string, q capturedQuery) string {
	t.Helper()
	if db.Dialect != database.Postgres {
		lines := strings.Split(explain(t, db, q), "\n")
		indexed := false
		for _, detail := range lines {
			indexed = indexed || (strings.HasPrefix(detail, "SCAN "+table+" USING ") || strings.HasPrefix(detail, "SEARCH "+table+" USING ")) && strings.Contains(detail, "INDEX")
		}
		plan := strings.Join(lines, "; ")
		switch {
		case strings.Contains(plan, "TEMP B-TREE FOR ORDER BY"):
			return "sorts: " + plan
		case !indexed:
			return "reads " + table + " without an index: " + plan
		}
		return ""
	}
	var plan string
	err := db.Transaction(func(tx *gorm.DB) error {
		for _, set := range []string{"SET LOCAL enable_seqscan = off", "SET LOCAL enable_sort = off"} {
			if err := tx.Exec(set).Error; err != nil {
				return err
			}
		}
		return tx.Raw("EXPLAIN (FORMAT JSON) "+q.sql, q.vars...).Row().Scan(&plan)
	})
	testutil.Fatal(t, err, "explain %s", q.sql)
	var nodes []struct {
		Plan pgPlan `json:"Plan"`
	}
	testutil.Fatal(t, json.Unmarshal([]byte(plan), &nodes), "plan json")
	var problem string
	var walk func(n pgPlan)
	walk = func(n pgPlan) {
		switch {
		case strings.Contains(n.NodeType, "Sort"):
			problem = "sorts: " + plan
		case n.NodeType == "Seq Scan" && n.Relation == table:
			problem = "reads " + table + " without an index: " + plan
		}
		for _, c := range n.Plans {
			walk(c)
		}
	}
	walk(nodes[0].Plan)
	return problem
}

type pgPlan struct {
	NodeType string   `json:"Node Type"`
	Relation string   `json:"Relation Name"`
	Plans    []pgPlan `json:"Plans"`
}

// Every order every list accepts, first page and a page after a cursor, is
// read off an index on both dialects: no sort of the matching rows. The
// cases come from the whitelists, so a sort added without its index fails
// here. The list is read as it opens (active sites and manufacturers, all
// of the other records); with a filter that has an index of its own (a
// site, a status) the planner may rather read the few matches by that
// index and sort them.
func TestEveryListOrderIsReadOffAnIndex(t *testing.T) {
	t.Parallel()
	db, st, log := orderRegister(t, seed.BulkOptions{Sites: 60, Inspections: 600, Findings: 300, Certifications: 120, Seed: 3})
	for _, l := range orderedLists() {
		for _, s := range sortsOf(l.sorts) {
			expr := l.sorts[strings.TrimPrefix(s, "-")].Expr
			names := make([]string, 0, len(l.filters))
			for name := range l.filters {
				names = append(names, name)
			}
			sort.Strings(names)
			for _, name := range names[:1] {
				read := l.filters[name]
				log.reset()
				var pos store.Position
				ids, _, err := read(st, store.Page{Page: 1, PageSize: 1, Sort: s, Position: &pos})
				testutil.Fatal(t, err, "%s %s sort=%s", l.name, name, s)
				if len(ids) != 1 || pos.Next == "" {
					t.Fatalf("%s %s sort=%s: %d rows and no next page; the register is too small for this test", l.name, name, s, len(ids))
				}
				if why := planProblem(t, db, l.table, log.pageQuery(t, expr)); why != "" {
					t.Errorf("%s (%s), sort=%s, page 1: %s", l.name, name, s, why)
				}
				log.reset()
				_, _, err = read(st, store.Page{PageSize: 1, Sort: s, After: pos.Next, Position: &pos})
				testutil.Fatal(t, err, "%s %s sort=%s after", l.name, name, s)
				if why := planProblem(t, db, l.table, log.pageQuery(t, expr)); why != "" {
					t.Errorf("%s (%s), sort=%s, after a cursor: %s", l.name, name, s, why)
				}
			}
		}
	}
}

// Reading a list page after page by cursor (after=) gives the same rows in
// the same order as by page number, and both the same as one plain read
// (search by scan instead of the search indexes, pages of the largest
// size): every list, every sort both ways, with its common filters and a
// search. Pages of 7 rows end inside runs of equal sort values, so the id
// tie-break and the cursor's handling of rows without a value are crossed.
func TestPagesByCursorEqualPagesByNumber(t *testing.T) {
	t.Parallel()
	// Every page of every order and filter is read three ways, so the
	// register is small; it still has ties on every sort (statuses,
	// severities, dates shared by many rows) and rows without a value.
	_, st, _ := orderRegister(t, seed.BulkOptions{Sites: 20, Inspections: 150, Findings: 80, Certifications: 40, Seed: 3})
	plain := st.WithSearchByScan()
	const size = 7
	for _, l := range orderedLists() {
		for name, read := range l.filters {
			for _, s := range sortsOf(l.sorts) {
				what := fmt.Sprintf("%s (%s) sort=%s", l.name, name, s)
				var want []int64
				var total int64
				for page := 1; ; page++ {
					ids, n, err := read(plain, store.Page{Page: page, PageSize: store.MaxPageSize, Sort: s})
					testutil.Fatal(t, err, "%s plain page %d", what, page)
					want, total = append(want, ids...), n
					if len(ids) < store.MaxPageSize {
						break
					}
				}
				if int64(len(want)) != total {
					t.Fatalf("%s: %d rows read, total %d", what, len(want), total)
				}
				var byNumber, byCursor []int64
				for page := 1; page <= len(want)/size+1; page++ {
					ids, _, err := read(st, store.Page{Page: page, PageSize: size, Sort: s})
					testutil.Fatal(t, err, "%s page %d", what, page)
					byNumber = append(byNumber, ids...)
				}
				after, pages := "", 0
				for {
					var pos store.Position
					ids, n, err := read(st, store.Page{Page: 1, PageSize: size, Sort: s, After: after, Position: &pos})
					testutil.Fatal(t, err, "%s after %q", what, after)
					pages++
					if n != total || (after != "" && pos.Page != pages) {
						t.Fatalf("%s: page %d after a cursor says total %d, page %d", what, pages, n, pos.Page)
					}
					byCursor = append(byCursor, ids...)
					if pos.Next == "" {
						break
					}
					if pages > len(want)/size+1 {
						t.Fatalf("%s: more pages by cursor than rows", what)
					}
					after = pos.Next
				}
				if !slices.Equal(byNumber, want) {
					t.Errorf("%s: by page number\n%v\nplain\n%v", what, byNumber, want)
				}
				if !slices.Equal(byCursor, want) {
					t.Errorf("%s: by cursor\n%v\nplain\n%v", what, byCursor, want)
				}
			}
		}
	}
}

// On SQLite a deep page of a filter that few rows match is read by sorting
// those rows, not by walking the order's index from the start until
// enough of them turned up; a first page of a filter most rows match walks
// the order's index, not the filter's. (TestPagesByCursorEqualPagesByNumber
// reads pages every way and checks that the rows and their order are the
// same.)
func TestListPagesChooseBetweenSortingAndWalking(t *testing.T) {
	t.Parallel()
	db, st, log := orderRegister(t, seed.BulkOptions{Sites: 30, Inspections: 400, Findings: 50, Certifications: 30, Seed: 5})
	postgres := db.Dialect == database.Postgres
	ctx := context.Background()
	date := store.InspectionSorts["date"].Expr
	orderOf := func(q capturedQuery) string { return q.sql[strings.Index(q.sql, "ORDER BY "):] }
	count := func(f store.InspectionFilter) int64 {
		_, total, err := st.ListInspections(ctx, f, store.Page{Page: 1, PageSize: 1})
		testutil.Fatal(t, err, "count inspections")
		return total
	}
	// sorted and walked say whether q was read as chosen: on SQLite by
	// its ORDER BY and plan; on PostgreSQL by the settings its read was
	// given and the plan they make. Sorted matches are sorted by id and
	// key, then the page's rows read whole by id.
	sorted := func(q capturedQuery) string {
		if !strings.Contains(q.sql, "inspections.id IN (SELECT inspections.id FROM") {
			return "read whole, not by the ids of the sorted matches first: " + q.sql
		}
		if postgres {
			set := log.settingsOf(q)
			if !strings.Contains(set, "enable_indexscan") {
				return "read with the settings " + strconv.Quote(set)
			}
			if plan := explainWith(t, db, set, q); !strings.Contains(plan, "Sort") {
				return "not sorted: " + plan
			}
			return ""
		}
		if !strings.HasPrefix(orderOf(q), "ORDER BY +") {
			return "walks the order: " + orderOf(q)
		}
		if why := planProblem(t, db, "inspections", q); !strings.HasPrefix(why, "sorts") {
			return "the plan " + why
		}
		return ""
	}
	walked := func(q capturedQuery) string {
		if postgres {
			set := log.settingsOf(q)
			if !strings.Contains(set, "enable_sort") {
				return "read with the settings " + strconv.Quote(set)
			}
			if plan := explainWith(t, db, set, q); strings.Contains(plan, "Sort") || !strings.Contains(plan, "Index Scan") {
				return "not walked: " + plan
			}
			return ""
		}
		if strings.HasPrefix(orderOf(q), "ORDER BY +") || !strings.Contains(q.sql, "INDEXED BY inspections_") {
			return "does not name the order's index: " + q.sql
		}
		return planProblem(t, db, "inspections", q)
	}

	narrow := store.InspectionFilter{Type: model.InspectionQualification}
	total := count(narrow)
	if total < 12 || total > 200 {
		t.Fatalf("%d qualification inspections of 400: the register no longer fits this test", total)
	}
	log.reset()
	last := int(total+4) / 5
	rows, _, err := st.ListInspections(ctx, narrow, store.Page{Page: last, PageSize: 5, Sort: "-date"})
	testutil.Fatal(t, err, "last page")
	if len(rows) == 0 {
		t.Fatalf("the last page (%d) of %d rows is empty", last, total)
	}
	if why := sorted(log.pageQuery(t, date)); why != "" {
		t.Errorf("page %d of %d qualification inspections: want its matches sorted, %s", last, total, why)
	}

	broad := store.InspectionFilter{Status: model.InspectionCompleted}
	if n := count(broad); n < 300 {
		t.Fatalf("%d completed inspections of 400: the register no longer fits this test", n)
	}
	for _, sort := range []string{"-date", "score", "updated_at"} {
		log.reset()
		_, _, err = st.ListInspections(ctx, broad, store.Page{Page: 1, PageSize: 5, Sort: sort})
		testutil.Fatal(t, err, "first page of the completed inspections")
		if why := walked(log.pageQuery(t, store.InspectionSorts[strings.TrimPrefix(sort, "-")].Expr)); why != "" {
			t.Errorf("the first page of the completed inspections by %s: %s", sort, why)
		}
	}

	// The latest quarter of the inspections come last in the order of
	// creation. On SQLite the inspections' order indexes hold the date
	// (migration 00029), so even a walk from the oldest, testing each
	// entry from the index, costs less than sorting the quarter. On
	// PostgreSQL each entry walked reads the table: the walk stops at the
	// end of a window of the order, without the page, and the matches are
	// sorted.
	covered := !postgres
	var dates []model.Date
	testutil.Fatal(t, db.Model(&model.Inspection{}).Order(date+" DESC").Limit(100).Pluck(date, &dates).Error, "latest dates")
	recent := store.InspectionFilter{From: dates[len(dates)-1]}
	if n := count(recent); n < 60 || n > 200 {
		t.Fatalf("%d inspections since %s: the register no longer fits this test", n, dates[len(dates)-1])
	}
	for _, sort := range []string{"created_at", "scheduled_date"} {
		log.reset()
		_, _, err = st.ListInspections(ctx, recent, store.Page{Page: 1, PageSize: 5, Sort: sort})
		testutil.Fatal(t, err, "the latest inspections by %s", sort)
		q := log.pageQuery(t, store.InspectionSorts[sort].Expr)
		if covered {
			if why := walked(q); why != "" {
				t.Errorf("the inspections of the latest dates by %s: want the order walked from the index alone, %s", sort, why)
			}
			continue
		}
		if strings.Contains(log.settingsOf(q), "enable_sort") {
			t.Errorf("the inspections of the latest dates are read by walking the order of %s from its start: %s", sort, q.sql)
		}
		if why := sorted(q); why != "" {
			t.Errorf("the inspections of the latest dates by %s: want the range's matches sorted, %s", sort, why)
		}
	}
	// Newest first, the latest dates come first: the page of the latest
	// half is read by walking the order of creation; on PostgreSQL no
	// further than a window of it. (For the latest quarter, the window
	// would cost more there than sorting the matches it may end in.)
	testutil.Fatal(t, db.Model(&model.Inspection{}).Order(date+" DESC").Limit(200).Pluck(date, &dates).Error, "latest dates")
	half := store.InspectionFilter{From: dates[len(dates)-1]}
	if n := count(half); n < 150 || n > 300 {
		t.Fatalf("%d inspections since %s: the register no longer fits this test", n, dates[len(dates)-1])
	}
	log.reset()
	_, _, err = st.ListInspections(ctx, half, store.Page{Page: 1, PageSize: 5, Sort: "-created_at"})
	testutil.Fatal(t, err, "the latest inspections, newest first")
	q := log.pageQuery(t, store.InspectionSorts["created_at"].Expr)
	if !covered && !strings.Contains(q.sql, "inspections.created_at >= ") {
		t.Errorf("the latest half of the inspections, newest first: the walk is not bounded to a window: %s", q.sql)
	}
	if why := walked(q); why != "" {
		t.Errorf("the latest half of the inspections, newest first: want the order walked, %s", why)
	}
	// Scores do not follow dates: the range's rows are spread through
	// their order like any filter's, and it is walked to the page, with no
	// window (which would cut the walk short of a page at its end).
	log.reset()
	_, _, err = st.ListInspections(ctx, half, store.Page{Page: 1, PageSize: 5, Sort: "-score"})
	testutil.Fatal(t, err, "the latest inspections by score")
	q = log.pageQuery(t, store.InspectionSorts["score"].Expr)
	if why := walked(q); why != "" {
		t.Errorf("the latest half of the inspections by score: want the order walked, %s", why)
	}
	if strings.Contains(q.sql, store.InspectionSorts["score"].Expr+" >= ") {
		t.Errorf("the latest half of the inspections by score: the walk is bounded to a window, as if scores followed dates: %s", q.sql)
	}
	// In date order, the order the range is on, the range is read in
	// order from the date's index: on SQLite named, since the planner
	// would rather read the filters' index and sort (it holds the filters
	// too); on PostgreSQL as the planner chooses.
	if covered {
		// With the planner statistics the server gathers when it starts.
		testutil.Fatal(t, db.Exec("ANALYZE").Error, "analyze")
	}
	log.reset()
	_, _, err = st.ListInspections(ctx, recent, store.Page{Page: 1, PageSize: 5, Sort: "date"})
	testutil.Fatal(t, err, "the latest inspections by date")
	q = log.pageQuery(t, date)
	if covered {
		if why := walked(q); why != "" {
			t.Errorf("the inspections of the latest dates by date: want the range read from the date's index, %s", why)
		} else if plan := explain(t, db, q); !strings.Contains(plan, "SEARCH inspections USING INDEX inspections_date_asc_idx (ANY(<expr>) AND <expr>>?)") {
			t.Errorf("the inspections of the latest dates by date: the date's index is not read from the range's start: %s", plan)
		}
	} else if strings.HasPrefix(orderOf(q), "ORDER BY +") || log.settingsOf(q) != "" {
		t.Errorf("the inspections of the latest dates by date: want the planner's read of the range, got %q with settings %q", q.sql, log.settingsOf(q))
	}
}

// explainWith is PostgreSQL's plan of q as text, under the settings
// statement set (run first in the same transaction, as the store does).
func explainWith(t *testing.T, db *testutil.DB, set string, q capturedQuery) string {
	t.Helper()
	var lines []string
	err := db.Transaction(func(tx *gorm.DB) error {
		if err := tx.Exec(set).Error; err != nil {
			return err
		}
		return tx.Raw("EXPLAIN "+q.sql, q.vars...).Scan(&lines).Error
	})
	testutil.Fatal(t, err, "explain %s", q.sql)
	return strings.Join(lines, "\n")
}

// The counts of the lists filtered on two columns of few values, or on one
// with the findings at active sites only, are read off an index that holds
// the filters together (migration 00028), not by looking up every row that
// one filter's index finds: on SQLite from the index alone. So is the count
// of a standard's certificates, matched ignoring case (migration 00031).
func TestCountsOfCommonFilterPairsReadOneIndex(t *testing.T) {
	t.Parallel()
	db, st, log := orderRegister(t, seed.BulkOptions{Sites: 30, Inspections: 300, Findings: 200, Certifications: 20, Seed: 7})
	ctx := context.Background()
	cases := []struct {
		name, index string
		read        func() error
	}{
		{"closed critical findings", "findings_status_severity_site_idx", func() error {
			_, _, err := st.ListFindings(ctx, store.FindingFilter{Statuses: []model.FindingStatus{model.FindingClosed}, Severity: model.SeverityCritical}, store.Page{Page: 1, PageSize: 5})
			return err
		}},
		{"minor findings at active sites", "findings_severity_site_idx", func() error {
			_, _, err := st.ListFindings(ctx, store.FindingFilter{Severity: model.SeverityMinor, ActiveSites: true}, store.Page{Page: 1, PageSize: 5})
			return err
		}},
		{"routine inspections with conditions", "inspections_type_result_status_idx", func() error {
			_, _, err := st.ListInspections(ctx, store.InspectionFilter{Type: model.InspectionRoutine, Result: model.ResultConditional}, store.Page{Page: 1, PageSize: 5})
			return err
		}},
		{"failed inspections", "inspections_result_status_type_idx", func() error {
			_, _, err := st.ListInspections(ctx, store.InspectionFilter{Result: model.ResultFail}, store.Page{Page: 1, PageSize: 5})
			return err
		}},
		{"certificates of a standard, whatever its case", "certifications_standard_lower_idx", func() error {
			_, _, err := st.ListCertifications(ctx, store.CertificationFilter{Standard: "iso 9001:2015"}, store.Page{Page: 1, PageSize: 5})
			return err
		}},
	}
	for _, c := range cases {
		log.reset()
		testutil.Fatal(t, c.read(), "%s", c.name)
		q := log.countQuery(t)
		plan := explain(t, db, q)
		want := c.index
		if db.Dialect != database.Postgres {
			want = "USING COVERING INDEX " + c.index
		}
		if !strings.Contains(plan, want) {
			t.Errorf("%s: the count is not read off %s: %s\n%s", c.name, c.index, q.sql, plan)
		}
	}
}

// countQuery is the last count the store ran.
func (l *queryLog) countQuery(t *testing.T) capturedQuery {
	t.Helper()
	l.mu.Lock()
	defer l.mu.Unlock()
	for i := len(l.seen) - 1; i >= 0; i-- {
		if strings.HasPrefix(l.seen[i].sql, "SELECT count(*)") {
			return l.seen[i]
		}
	}
	t.Fatalf("no count among %d queries", len(l.seen))
	return capturedQuery{}
}

// explain is q's plan as text: SQLite's EXPLAIN QUERY PLAN lines, or
// PostgreSQL's EXPLAIN with sequential scans priced out (the test
// register is small enough to read whole).
func explain(t *testing.T, db *testutil.DB, q capturedQuery) string {
	t.Helper()
	var lines []string
	err := db.Transaction(func(tx *gorm.DB) error {
		explain := "EXPLAIN QUERY PLAN "
		if db.Dialect == database.Postgres {
			explain = "EXPLAIN "
			if err := tx.Exec("SET LOCAL enable_seqscan = off").Error; err != nil {
				return err
			}
		}
		rows, err := tx.Raw(explain+q.sql, q.vars...).Rows()
		if err != nil {
			return err
		}
		defer rows.Close()
		columns, err := rows.Columns()
		if err != nil {
			return err
		}
		for rows.Next() {
			values := make([]any, len(columns))
			for i := range values {
				values[i] = new(any)
			}
			if err := rows.Scan(values...); err != nil {
				return err
			}
			lines = append(lines, fmt.Sprint(*values[len(values)-1].(*any)))
		}
		return rows.Err()
	})
	testutil.Fatal(t, err, "explain %s", q.sql)
	return strings.Join(lines, "\n")
}

// A search of the inspections, findings or certifications matches the
// record's own text or its site's: both halves are read off indexes (the
// sites' and the record's search indexes, then the record's index on its
// site), not by reading every record to test the site half.
func TestSearchesThroughTheSiteReadIndexes(t *testing.T) {
	t.Parallel()
	db, st, log := orderRegister(t, seed.BulkOptions{Sites: 30, Inspections: 300, Findings: 200, Certifications: 60, Seed: 7})
	ctx := context.Background()
	for table, read := range map[string]func() error{
		"inspections": func() error {
			_, _, err := st.ListInspections(ctx, store.InspectionFilter{Q: "shen"}, store.Page{Page: 1, PageSize: 5})
			return err
		},
		"findings": func() error {
			_, _, err := st.ListFindings(ctx, store.FindingFilter{Q: "shen"}, store.Page{Page: 1, PageSize: 5})
			return err
		},
		"certifications": func() error {
			_, _, err := st.ListCertifications(ctx, store.CertificationFilter{Q: "shen"}, store.Page{Page: 1, PageSize: 5})
			return err
		},
	} {
		log.reset()
		testutil.Fatal(t, read(), "search %s", table)
		plan := explain(t, db, log.countQuery(t))
		if strings.Contains(plan, "Seq Scan on "+table) || strings.Contains(plan, "SCAN "+table+"\n") || strings.HasSuffix(plan, "SCAN "+table) {
			t.Errorf("searching %s reads every row:\n%s", table, plan)
		}
	}
}

// A count that may stop at its bound (the API's lists, unless count=exact)
// stops twenty pages past the page: the total is then the bound and the
// position says so, while the page's rows, its cursor and the way it is
// read are those of the exact count; the count itself reads the index an
// exact one does, and no further than the bound. A page deep enough that
// the bound passes every match is counted exactly.
func TestBoundedCountsStopPastThePagesAhead(t *testing.T) {
	t.Parallel()
	db, st, log := orderRegister(t, seed.BulkOptions{Sites: 40, Inspections: 3000, Findings: 60, Certifications: 20, Seed: 11})
	ctx := context.Background()
	failed := store.InspectionFilter{Result: model.ResultFail}
	completed := store.InspectionFilter{Status: model.InspectionCompleted}
	type read struct {
		ids      []int64
		total    int64
		pos      store.Position
		page     capturedQuery
		settings string
		count    capturedQuery
	}
	list := func(f store.InspectionFilter, p store.Page) read {
		t.Helper()
		var r read
		p.Position = &r.pos
		log.reset()
		rows, total, err := st.ListInspections(ctx, f, p)
		testutil.Fatal(t, err, "inspections")
		for _, row := range rows {
			r.ids = append(r.ids, row.ID)
		}
		r.total, r.page, r.count = total, log.pageQuery(t, store.InspectionSorts["updated_at"].Expr), log.countQuery(t)
		r.settings = log.settingsOf(r.page)
		return r
	}
	first := store.Page{Page: 1, PageSize: 50, Sort: "updated_at"}
	exact := list(completed, first)
	if exact.total <= 1000 || exact.total >= 3000 || exact.pos.TotalBounded {
		t.Fatalf("%d completed inspections of 3,000 (bounded: %v): the register no longer fits this test", exact.total, exact.pos.TotalBounded)
	}
	first.BoundTotal = true
	bounded := list(completed, first)
	if bounded.total != 1000 || !bounded.pos.TotalBounded {
		t.Errorf("first page of %d completed inspections, count bounded: total %d (bounded: %v), want 1000 and bounded",
			exact.total, bounded.total, bounded.pos.TotalBounded)
	}
	if !slices.Equal(bounded.ids, exact.ids) || bounded.pos.Next != exact.pos.Next {
		t.Errorf("the bounded count changed the page: %v (next %q), exact %v (next %q)", bounded.ids, bounded.pos.Next, exact.ids, exact.pos.Next)
	}
	if bounded.page.sql != exact.page.sql || bounded.settings != exact.settings {
		t.Errorf("the bounded count changed how the page is read:\n%s %s\nexact:\n%s %s", bounded.settings, bounded.page.sql, exact.settings, exact.page.sql)
	}
	if !strings.Contains(bounded.count.sql, "LIMIT") {
		t.Errorf("the bounded count does not stop: %s", bounded.count.sql)
	}

	// Twenty pages ahead of page 40 reach past the last completed
	// inspection: an exact count.
	deep := list(completed, store.Page{Page: 40, PageSize: 50, Sort: "updated_at", BoundTotal: true})
	if deep.total != exact.total || deep.pos.TotalBounded {
		t.Errorf("page 40: total %d (bounded: %v), want the exact %d", deep.total, deep.pos.TotalBounded, exact.total)
	}

	// Fewer matches than the bound: exact, and counted off the index
	// the exact count reads.
	few := list(failed, store.Page{Page: 1, PageSize: 50, Sort: "updated_at"})
	fewBounded := list(failed, store.Page{Page: 1, PageSize: 50, Sort: "updated_at", BoundTotal: true})
	if few.total >= 1000 || fewBounded.total != few.total || fewBounded.pos.TotalBounded {
		t.Errorf("%d failed inspections: bounded count %d (bounded: %v), want the same, exact", few.total, fewBounded.total, fewBounded.pos.TotalBounded)
	}
	index := "inspections_result_status_type_idx"
	if plan := explain(t, db, fewBounded.count); !strings.Contains(plan, index) {
		t.Errorf("the bounded count of the failed inspections is not read off %s: %s\n%s", index, fewBounded.count.sql, plan)
	}
}

// A page past the last match answers no rows and the count, without
// reading the matches it would have skipped.
func TestAPagePastTheLastMatchReadsNoRows(t *testing.T) {
	t.Parallel()
	_, st, log := orderRegister(t, seed.BulkOptions{Sites: 10, Inspections: 120, Findings: 20, Certifications: 10, Seed: 3})
	ctx := context.Background()
	_, total, err := st.ListInspections(ctx, store.InspectionFilter{}, store.Page{Page: 1, PageSize: 10})
	testutil.Fatal(t, err, "inspections")
	for _, p := range []store.Page{
		{Page: int(total/10) + 2, PageSize: 10, Sort: "score"},
		{Page: int(total/10) + 2, PageSize: 10, Sort: "score", BoundTotal: true, Position: &store.Position{}},
	} {
		log.reset()
		rows, got, err := st.ListInspections(ctx, store.InspectionFilter{}, p)
		testutil.Fatal(t, err, "page %d", p.Page)
		if len(rows) != 0 || got != total {
			t.Errorf("page %d of %d inspections by 10: %d rows, total %d; want none and %d", p.Page, total, len(rows), got, total)
		}
		for _, q := range log.seen {
			if strings.Contains(q.sql, "ORDER BY") && strings.Contains(q.sql, store.InspectionSorts["score"].Expr) {
				t.Errorf("page %d past the last of %d inspections read the table: %s", p.Page, total, q.sql)
			}
		}
	}
}

// A filtered list whose search finds more rows than a read starts from
// (WithSearchStartingUpTo) starts from the smaller side: from the rows its
// filters find when they are fewer than the search's, testing each against
// the search's matches aside; from the search's matches when the filters
// find more. A search that finds more than were counted
// (WithSearchCountedUpTo) is tested aside. Either way the rows are those
// of a plain scan.
func TestBroadSearchesAreTestedAsideNarrowerFilters(t *testing.T) {
	t.Parallel()
	db, st, log := orderRegister(t, seed.BulkOptions{Sites: 30, Inspections: 300, Findings: 400, Certifications: 20, Seed: 9})
	ctx := context.Background()
	sqlite := db.Dialect != database.Postgres
	broad := st.WithSearchStartingUpTo(1) // every search of more than one match is broad
	read := func(st *store.Store, f store.FindingFilter) ([]store.FindingRow, int64, capturedQuery) {
		t.Helper()
		log.reset()
		rows, total, err := st.ListFindings(ctx, f, store.Page{Page: 1, PageSize: 500})
		testutil.Fatal(t, err, "findings %+v", f)
		return rows, total, log.countQuery(t)
	}
	ids := func(rows []store.FindingRow) []int64 {
		out := make([]int64, len(rows))
		for i, r := range rows {
			out[i] = r.ID
		}
		return out
	}
	scan := st.WithSearchByScan()
	_, searched, _ := read(scan, store.FindingFilter{Q: "ion"})
	minor, minors, _ := read(scan, store.FindingFilter{Severity: model.SeverityMinor})
	if minors <= searched {
		t.Fatalf("%d minor findings, %d mention %q: the register no longer fits this test", minors, searched, "ion")
	}
	perSite := map[int64]int{}
	site := int64(0)
	for _, f := range minor {
		if perSite[f.SiteID]++; site == 0 || perSite[f.SiteID] > perSite[site] {
			site = f.SiteID
		}
	}
	// Counted no further than two, the search finds more than were
	// counted: tested aside, whatever the filters find.
	uncounted := broad.WithSearchCountedUpTo(2)
	for _, c := range []struct {
		name  string
		st    *store.Store
		f     store.FindingFilter
		aside bool
	}{
		{"the minor findings of one site", broad, store.FindingFilter{SiteID: site, Severity: model.SeverityMinor, Q: "ion"}, true},
		{"every minor finding", broad, store.FindingFilter{Severity: model.SeverityMinor, Q: "ion"}, false},
		{"every minor finding, the search counted up to two", uncounted, store.FindingFilter{Severity: model.SeverityMinor, Q: "ion"}, true},
	} {
		want, wantTotal, _ := read(scan, c.f)
		if wantTotal == 0 {
			t.Fatalf("no %s mentions %q: the register no longer fits this test", c.name, c.f.Q)
		}
		rows, total, count := read(c.st, c.f)
		if got := ids(rows); !slices.Equal(got, ids(want)) || total != wantTotal {
			t.Errorf("a broad search among %s: %d rows %v, the scan's %d %v", c.name, total, got, wantTotal, ids(want))
		}
		if !sqlite {
			continue
		}
		if aside := strings.Contains(count.sql, "+findings.id IN (SELECT rowid FROM findings_search"); aside != c.aside {
			t.Errorf("a broad search among %s (%d of them) is tested aside: %v, want %v: %s", c.name, wantTotal, aside, c.aside, count.sql)
		}
		if plan := explain(t, db, count); c.aside && !strings.Contains(plan, "SEARCH findings USING COVERING INDEX") {
			t.Errorf("a broad search among %s is not read from the filters' index: %s", c.name, plan)
		}
	}

	filtered := store.FindingFilter{Severity: model.SeverityMinor, Q: "ion"}
	want, wantTotal, _ := read(scan, filtered)
	rows, total, count := read(st, filtered)
	if got := ids(rows); !slices.Equal(got, ids(want)) || total != wantTotal {
		t.Errorf("a narrow search among minor findings: %d rows %v, the scan's %d %v", total, got, wantTotal, ids(want))
	}
	if sqlite && (strings.Contains(count.sql, "+findings.id") || !strings.Contains(count.sql, "findings.id IN (SELECT rowid FROM findings_search")) {
		t.Errorf("a narrow search among minor findings does not start the read: %s", count.sql)
	}
	alone := store.FindingFilter{Q: filtered.Q}
	want, wantTotal, _ = read(scan, alone)
	rows, total, count = read(broad, alone)
	if got := ids(rows); !slices.Equal(got, ids(want)) || total != wantTotal {
		t.Errorf("a broad search alone: %d rows %v, the scan's %d %v", total, got, wantTotal, ids(want))
	}
	if sqlite && strings.Contains(count.sql, "+findings.id") {
		t.Errorf("a search alone is tested aside, with nothing else to read from: %s", count.sql)
	}
}

// The sites list with no filter but the default (the sites that are not
// archived) walks each order in the partial index of the active sites,
// which holds its matches and nothing else: read as the database chooses,
// never through an index of the whole table named for the order, and
// never sorted, however deep the page. The same rows as a plain read.
func TestActiveSitesPagesWalkTheirOrdersIndex(t *testing.T) {
	t.Parallel()
	db, st, log := orderRegister(t, seed.BulkOptions{Sites: 60, Inspections: 60, Findings: 10, Certifications: 10, Seed: 3})
	ctx := context.Background()
	for _, sort := range []string{"code", "-risk_tier", "name"} {
		field := store.SiteSorts[strings.TrimPrefix(sort, "-")]
		all, _, err := idsOf(st.ListSites(ctx, store.SiteFilter{}, store.Page{Page: 1, PageSize: 500, Sort: sort}))
		testutil.Fatal(t, err, "every active site by %s", sort)
		if len(all) < 40 {
			t.Fatalf("%d active sites: the register no longer fits this test", len(all))
		}
		log.reset()
		page, _, err := idsOf(st.ListSites(ctx, store.SiteFilter{}, store.Page{Page: 4, PageSize: 3, Sort: sort}))
		testutil.Fatal(t, err, "page 4 of the active sites by %s", sort)
		if want := all[9:12]; !slices.Equal(page, want) {
			t.Errorf("page 4 of the active sites by %s = %v, want %v", sort, page, want)
		}
		q := log.pageQuery(t, field.Expr)
		if strings.Contains(q.sql, "INDEXED BY") || strings.Contains(q.sql, "ORDER BY +") || strings.Contains(q.sql, "sites.id IN (SELECT") {
			t.Errorf("page 4 of the active sites by %s is not walked as the database chooses: %s", sort, q.sql)
		}
		if why := planProblem(t, db, "sites", q); why != "" {
			t.Errorf("page 4 of the active sites by %s: %s", sort, why)
		}
		if db.Dialect != database.Postgres {
			if plan := explain(t, db, q); !strings.Contains(plan, "sites_active_") {
				t.Errorf("page 4 of the active sites by %s is not read from a partial index of the active sites: %s", sort, plan)
			}
		}
	}
}

// A sites filter that sets any of its fields keeps more or fewer sites than
// the active ones, so its pages are not read as the active sites' are.
func TestEverySiteFilterFieldNarrowsTheActiveSites(t *testing.T) {
	t.Parallel()
	if !(store.SiteFilter{}).ActiveOnly() {
		t.Fatal("the zero filter is not the active sites")
	}
	typ := reflect.TypeOf(store.SiteFilter{})
	for i := range typ.NumField() {
		var f store.SiteFilter
		v := reflect.ValueOf(&f).Elem().Field(i)
		switch v.Kind() {
		case reflect.String:
			v.SetString("all")
		case reflect.Int64:
			v.SetInt(1)
		case reflect.Bool:
			v.SetBool(true)
		case reflect.Slice:
			v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		case reflect.Pointer:
			v.Set(reflect.New(v.Type().Elem()))
		default:
			t.Fatalf("SiteFilter.%s is a %s this test cannot set", typ.Field(i).Name, v.Kind())
		}
		if f.ActiveOnly() {
			t.Errorf("a filter setting %s is read as the active sites alone", typ.Field(i).Name)
		}
	}
}

// find is the last query the log holds whose SQL contains marker.
func (l *queryLog) find(marker string) (capturedQuery, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for i := len(l.seen) - 1; i >= 0; i-- {
		if strings.Contains(l.seen[i].sql, marker) {
			return l.seen[i], true
		}
	}
	return capturedQuery{}, false
}
