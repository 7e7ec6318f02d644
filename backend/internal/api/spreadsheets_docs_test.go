package api_test

import (
	"net/http"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

// docs/spreadsheets.md is true to the code: its route tables list exactly
// the spreadsheet routes of the route table, and each report's sheets are
// the ones its workbook has.
func TestXLSpreadsheetDocsMatchTheCode(t *testing.T) {
	t.Parallel()
	doc, err := os.ReadFile("../../../docs/spreadsheets.md")
	if err != nil {
		t.Fatal(err)
	}
	w := newXLWorld(t)
	var documented []string
	sheets := map[string]string{}
	for _, m := range regexp.MustCompile("(?m)^\\| `(GET|POST) /api/v1(/[^`? ]+)[^`]*` \\|(.*)$").FindAllStringSubmatch(string(doc), -1) {
		route := m[1] + " " + strings.ReplaceAll(strings.ReplaceAll(m[2], "{id}", ":id"), "\\", "")
		documented = append(documented, route)
		if cols := strings.Split(m[3], "|"); len(cols) > 2 && strings.HasSuffix(m[2], ".xlsx") {
			sheets[route] = strings.TrimSpace(cols[1])
		}
	}
	var routes []string
	for _, rt := range w.srv.API.Routes() {
		if strings.HasSuffix(rt.Path, ".xlsx") || strings.HasPrefix(rt.Path, "/imports/") {
			routes = append(routes, rt.Method+" "+rt.Path)
		}
	}
	slices.Sort(documented)
	slices.Sort(routes)
	if !slices.Equal(documented, routes) {
		t.Errorf("docs/spreadsheets.md lists\n %q\nthe route table has\n %q", documented, routes)
	}
	ids := map[string]string{
		"/sites/:id/":       path("/sites/%d/", w.sites[xlQualified].ID),
		"/inspections/:id/": "/inspections/1/",
	}
	for route, want := range sheets {
		p := strings.TrimPrefix(route, "GET ")
		for k, v := range ids {
			p = strings.Replace(p, k, v, 1)
		}
		if strings.Contains(p, ":id") {
			continue // no such record in the fixture; the route list above covers it
		}
		f := xlOpen(t, w.srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1"+p, nil))
		got := slices.DeleteFunc(f.GetSheetList(), func(s string) bool { return s == "Report" })
		for _, name := range got {
			if !strings.Contains(want, name) {
				t.Errorf("%s: the sheet %q is not in the docs (%q)", route, name, want)
			}
		}
		if !strings.HasPrefix(want, got[0]) {
			t.Errorf("%s: the docs name the sheets %q, the workbook has %q", route, want, got)
		}
	}
}
