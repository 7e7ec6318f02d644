package api

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// The query string, read in one place: every list, report and filter
// parameter of every resource goes through these functions, which collect
// each bad value in problems under the parameter's name.

// listQuery reads page (or after, a cursor), page_size, sort, checking
// sort against sorts, and count. The cursor itself is checked by the
// store, which knows the list and order it must belong to. The count of
// the matches may stop at a bound (store.Page.BoundTotal) unless count is
// exact.
func listQuery(c *gin.Context, sorts store.SortFields) (store.Page, error) {
	p := store.Page{Page: 1, PageSize: 50, Sort: c.Query("sort"), After: c.Query("after"), Position: &store.Position{}, BoundTotal: true}
	if _, ok := c.GetQuery("after"); ok {
		switch {
		case len(sorts) == 0:
			return p, badRequest("This list is read by page number only.", map[string]string{"after": "is not accepted by this list; use page"})
		case c.Query("page") != "":
			return p, badRequest("Send page or after, not both.", map[string]string{"after": "cannot be combined with page"})
		case p.After == "" || len(p.After) > maxCursorLength:
			return p, errBadCursor
		}
	}
	fields := map[string]string{}
	if v := c.Query("page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1_000_000 {
			fields["page"] = "must be a whole number of at least 1"
		}
		p.Page = n
	}
	if v := c.Query("page_size"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > store.MaxPageSize {
			fields["page_size"] = fmt.Sprintf("must be a whole number from 1 to %d", store.MaxPageSize)
		}
		p.PageSize = n
	}
	if p.Sort != "" {
		if _, ok := sorts[strings.TrimPrefix(p.Sort, "-")]; !ok {
			fields["sort"] = "can be one of: " + strings.Join(sortedNames(sorts), ", ") + " (with - in front for descending)"
		}
	}
	switch c.Query("count") {
	case "":
	case "exact":
		p.BoundTotal = false
	default:
		fields["count"] = "can be exact (count every match), or left out"
	}
	if len(fields) > 0 {
		return p, invalid("The list parameters are not valid.", fields)
	}
	return p, nil
}

// maxCursorLength bounds after=: the cursors the lists hand out are far
// shorter.
const maxCursorLength = 1024

// errBadCursor answers an after= that is not the next cursor of this list
// in this order.
var errBadCursor = badRequest("The after cursor is not one this list handed out for this order; start again from the first page.",
	map[string]string{"after": "must be the next cursor of a page of this list, in the same order"})

func sortedNames(s store.SortFields) []string {
	names := s.Names()
	for i := 1; i < len(names); i++ {
		for j := i; j > 0 && names[j] < names[j-1]; j-- {
			names[j], names[j-1] = names[j-1], names[j]
		}
	}
	return names
}

// maxSearchLength bounds the search box: longer text is no search anyone
// types, and SQLite refuses LIKE patterns past 50,000 bytes.
const maxSearchLength = 200

// querySearch reads the q search text.
func querySearch(c *gin.Context, problems qualification.Problems) string {
	q := strings.TrimSpace(c.Query("q"))
	if utf8.RuneCountInString(q) > maxSearchLength {
		problems.Add("q", fmt.Sprintf("must be at most %d characters", maxSearchLength))
		return ""
	}
	return q
}

// queryInt64 reads an optional positive integer filter.
func queryInt64(c *gin.Context, name string, problems qualification.Problems) int64 {
	v := c.Query(name)
	if v == "" {
		return 0
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 1 {
		problems.Add(name, "must be a positive whole number")
		return 0
	}
	return n
}

// queryBool reads an optional true/false filter.
func queryBool(c *gin.Context, name string, problems qualification.Problems) *bool {
	v := c.Query(name)
	if v == "" {
		return nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		problems.Add(name, "must be true or false")
		return nil
	}
	return &b
}

// queryFlag reads an optional true/false filter whose absence means false.
func queryFlag(c *gin.Context, name string, problems qualification.Problems) bool {
	b := queryBool(c, name, problems)
	return b != nil && *b
}

// queryDate reads an optional YYYY-MM-DD filter.
func queryDate(c *gin.Context, name string, problems qualification.Problems) model.Date {
	v := c.Query(name)
	if v == "" {
		return model.Date{}
	}
	d, err := model.ParseDate(v)
	if err != nil {
		problems.Add(name, err.Error())
	}
	return d
}

// queryDateRange reads from and to (YYYY-MM-DD), to not before from.
func queryDateRange(c *gin.Context, problems qualification.Problems) (from, to model.Date) {
	from, to = queryDate(c, "from", problems), queryDate(c, "to", problems)
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		problems.Add("to", "must not be before from")
	}
	return from, to
}

// queryEnum reads an optional filter that must be one of allowed.
func queryEnum[T ~string](c *gin.Context, name string, allowed []T, problems qualification.Problems) T {
	v := T(c.Query(name))
	if v == "" {
		return v
	}
	for _, a := range allowed {
		if a == v {
			return v
		}
	}
	names := make([]string, len(allowed))
	for i, a := range allowed {
		names[i] = string(a)
	}
	problems.Add(name, "must be one of: "+strings.Join(names, ", "))
	return ""
}

// queryEnumList reads an optional comma-separated filter whose every value
// must be one of allowed ("open,in_progress").
func queryEnumList[T ~string](c *gin.Context, name string, allowed []T, problems qualification.Problems) []T {
	v := strings.TrimSpace(c.Query(name))
	if v == "" {
		return nil
	}
	var out []T
	for _, part := range strings.Split(v, ",") {
		t := T(strings.TrimSpace(part))
		ok := false
		for _, a := range allowed {
			ok = ok || a == t
		}
		if !ok {
			names := make([]string, len(allowed))
			for i, a := range allowed {
				names[i] = string(a)
			}
			problems.Add(name, "must be one or more (comma-separated) of: "+strings.Join(names, ", "))
			return nil
		}
		out = append(out, t)
	}
	return out
}

// queryStatuses reads the qualification status filter: one status or
// several separated by commas (status=qualified,conditional).
func queryStatuses(c *gin.Context, problems qualification.Problems) []model.QualificationStatus {
	return queryEnumList(c, "status", model.QualificationStatuses, problems)
}

// queryArchived reads the archived filter: absent or false lists active
// records, true archived ones, all both.
func queryArchived(c *gin.Context, problems qualification.Problems) store.Archived {
	switch c.Query("archived") {
	case "", "false":
		return store.ActiveOnly
	case "true":
		return store.ArchivedOnly
	case "all":
		return store.ArchivedAll
	}
	problems.Add("archived", "must be true, false or all")
	return store.ActiveOnly
}

// queryCountry reads a country filter, an ISO 3166-1 alpha-2 code or the
// country's English name, as the code.
func queryCountry(c *gin.Context, problems qualification.Problems) string {
	v := strings.TrimSpace(c.Query("country"))
	if v == "" {
		return ""
	}
	code, ok := qualification.CountryCode(v)
	if !ok {
		problems.Add("country", "must be a country's ISO code (e.g. DE, CN or US) or English name")
	}
	return code
}

// maxExpiryWindowDays bounds expiring_within_days (ten years).
const maxExpiryWindowDays = 3650

// queryExpiringWithin reads expiring_within_days, a number of days.
func queryExpiringWithin(c *gin.Context, problems qualification.Problems) *int {
	v := c.Query("expiring_within_days")
	if v == "" {
		return nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > maxExpiryWindowDays {
		problems.Add("expiring_within_days", "must be a whole number of days from 0 to "+strconv.Itoa(maxExpiryWindowDays))
		return nil
	}
	return &n
}

// queryText reads a free-text filter, bounded like the search box.
func queryText(c *gin.Context, name string, problems qualification.Problems) string {
	v := strings.TrimSpace(c.Query(name))
	if utf8.RuneCountInString(v) > maxSearchLength {
		problems.Add(name, fmt.Sprintf("must be at most %d characters", maxSearchLength))
		return ""
	}
	return v
}

// queryVersion reads the required ?version= a delete sends: the version
// of the record the client read.
func queryVersion(c *gin.Context, problems qualification.Problems) int64 {
	version, err := strconv.ParseInt(c.Query("version"), 10, 64)
	if err != nil || version < 1 {
		problems.Add("version", "is required (?version=N)")
		return 0
	}
	return version
}
