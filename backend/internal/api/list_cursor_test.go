package api_test

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/seed"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// A list read by cursor: page 1's next cursor gives what page=2 gives and
// says it is page 2; following next to the end reads every row once; the
// last page has no next. A cursor that was not handed out by this list for
// this order is 400 on after, in the contract's shape, never a 500.
func TestListCursors(t *testing.T) {
	t.Parallel()
	srv := seededServer(t, seed.BulkOptions{Sites: 40, Inspections: 200, Findings: 80, Certifications: 40, Seed: 9})

	get := func(path string) listPage {
		var p listPage
		srv.Do(model.RoleProcurement, http.MethodGet, path, nil).Want(200).Decode(&p)
		return p
	}
	for _, path := range []string{"/api/v1/sites?sort=-next_inspection_due&status=qualified,conditional", "/api/v1/inspections?sort=score",
		"/api/v1/findings?sort=-due_date", "/api/v1/certifications?sort=issued_on", "/api/v1/manufacturers?sort=-country"} {
		first, second := get(path+"&page_size=4"), get(path+"&page_size=4&page=2")
		if first.Next == "" {
			t.Fatalf("%s: page 1 of %d rows has no next cursor", path, first.Total)
		}
		after := get(path + "&page_size=4&after=" + url.QueryEscape(first.Next))
		if !slices.Equal(after.ids(), second.ids()) || after.Page != 2 || after.Total != second.Total {
			t.Errorf("%s: after page 1 %v (page %d, total %d), page 2 %v (total %d)", path, after.ids(), after.Page, after.Total, second.ids(), second.Total)
		}
		seen, next, pages := map[int64]bool{}, "", 0
		for {
			q := path + "&page_size=7"
			if next != "" {
				q += "&after=" + url.QueryEscape(next)
			}
			p := get(q)
			for _, id := range p.ids() {
				if seen[id] {
					t.Fatalf("%s: row %d twice", path, id)
				}
				seen[id] = true
			}
			if pages++; p.Next == "" || pages > 100 {
				break
			}
			next = p.Next
		}
		if int64(len(seen)) != first.Total {
			t.Errorf("%s: %d rows by cursor, total %d", path, len(seen), first.Total)
		}
	}

	sites := get("/api/v1/sites?page_size=2").Next
	inspections := get("/api/v1/inspections?page_size=2").Next
	raw, err := base64.RawURLEncoding.DecodeString(sites)
	testutil.Fatal(t, err, "cursor is base64url")
	edit := func(from, to string) string {
		return base64.RawURLEncoding.EncodeToString([]byte(strings.Replace(string(raw), from, to, 1)))
	}
	bad := map[string]string{
		"another list's":              "/api/v1/sites?after=" + inspections,
		"another order's":             "/api/v1/sites?sort=-code&after=" + sites,
		"not base64":                  "/api/v1/sites?after=%25%25%25",
		"empty":                       "/api/v1/sites?after=",
		"not JSON":                    "/api/v1/sites?after=" + base64.RawURLEncoding.EncodeToString([]byte("hello")),
		"a number for the code":       "/api/v1/sites?after=" + edit(`"v":"`, `"v":12,"x":"`),
		"an unknown field":            "/api/v1/sites?after=" + edit(`{`, `{"extra":1,`),
		"a negative id":               "/api/v1/sites?after=" + edit(`"id":`, `"id":-`),
		"a page before 2":             "/api/v1/sites?after=" + edit(`"p":2`, `"p":0`),
		"an object for the value":     "/api/v1/sites?after=" + edit(`"v":`, `"v":{"a":1},"y":`),
		"too long":                    "/api/v1/sites?after=" + strings.Repeat("A", 2000),
		"with page":                   "/api/v1/sites?page=2&after=" + sites,
		"on a list read by page only": fmt.Sprintf("/api/v1/sites/%d/all-attachments?after=%s", 1, sites),
	}
	for name, path := range bad {
		r := srv.Do(model.RoleProcurement, http.MethodGet, path, nil).Want(400)
		if r.ErrorCode() != "bad_request" || r.ErrorFields()["after"] == "" {
			t.Errorf("%s cursor: %s %v", name, r.ErrorCode(), r.ErrorFields())
		}
	}
	// A date that is no date, for a date order.
	due := get("/api/v1/findings?sort=due_date&page_size=2").Next
	raw, err = base64.RawURLEncoding.DecodeString(due)
	testutil.Fatal(t, err, "cursor is base64url")
	broken := strings.Replace(string(raw), `"v":"20`, `"v":"x0`, 1)
	if broken == string(raw) {
		t.Fatalf("the findings cursor carries no date: %s", raw)
	}
	srv.Do(model.RoleProcurement, http.MethodGet, "/api/v1/findings?sort=due_date&after="+base64.RawURLEncoding.EncodeToString([]byte(broken)), nil).Want(400)
}
