package api_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"math"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/seed"
	"github.com/qualtrack/qualtrack/backend/internal/spreadsheet"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// xlAllStatuses asks the approved-suppliers report for every site of the
// test world, not only the approved ones.
const xlAllStatuses = "qualified,conditional,suspended,prospective"

// Every report has the same look: a bold, filled, frozen header with an
// autofilter over every row, set column widths, and a Report sheet that
// says what, when and who; every staff role may download it, a supplier
// none.
func TestXLReportsShareTheLook(t *testing.T) {
	t.Parallel()
	w := newXLWorld(t)
	dossier := path("/api/v1/sites/%d/dossier.xlsx", w.sites[xlQualified].ID)
	cases := []struct {
		path, file string
		sheets     []string
		// frozen are the columns that stay in view with the header, by
		// sheet: the ones that say which record a row is.
		frozen map[string]string
	}{
		{"/api/v1/reports/approved-suppliers.xlsx", "approved-suppliers-2026-06-15.xlsx", []string{"Approved suppliers"}, map[string]string{"Approved suppliers": "Code"}},
		{"/api/v1/reports/inspections.xlsx", "inspections-2026-06-15.xlsx", []string{"Inspections"}, map[string]string{"Inspections": "Inspection ID, Site code"}},
		{"/api/v1/reports/certifications.xlsx", "certifications-2026-06-15.xlsx", []string{"Certifications"}, map[string]string{"Certifications": "Site code"}},
		{"/api/v1/reports/findings.xlsx", "findings-2026-06-15.xlsx", []string{"Findings"}, map[string]string{"Findings": "Finding ID, Site code"}},
		{"/api/v1/reports/summary.xlsx", "summary-2026-06-15.xlsx", []string{"Inspections by month", "Sites by status", "Expiring certificates"}, nil},
		{"/api/v1/reports/integrity-drift.xlsx", "integrity-drift-2026-06-15.xlsx", []string{"Drift"}, nil},
		{dossier, "dossier-ACME-SZ1-2026-06-15.xlsx", []string{"Overview", "Qualification history", "Inspections", "Checklist answers", "Questionnaires", "Findings", "Certifications", "Attachments", "Integrity", "Component sources"},
			map[string]string{"Inspections": "Inspection ID", "Questionnaires": "Questionnaire ID, Item", "Findings": "Finding ID"}},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			for _, role := range model.StaffRoles {
				w.srv.Do(role, http.MethodGet, tc.path, nil).Want(http.StatusOK)
			}
			w.srv.Do(model.RoleSupplier, http.MethodGet, tc.path, nil).Want(http.StatusForbidden)
			r := w.srv.Do(model.RoleAuditor, http.MethodGet, tc.path, nil)
			if cd := r.Header.Get("Content-Disposition"); cd != "attachment; filename="+tc.file {
				t.Errorf("Content-Disposition %q", cd)
			}
			f := xlOpen(t, r)
			if got, want := f.GetSheetList(), append(slices.Clone(tc.sheets), "Report"); !slices.Equal(got, want) {
				t.Fatalf("sheets %q, want %q", got, want)
			}
			names := map[string]string{}
			for _, d := range f.GetDefinedName() {
				if d.Name == "_xlnm._FilterDatabase" {
					names[d.Scope] = d.RefersTo
				}
			}
			for _, sh := range append(tc.sheets, "Report") {
				rows := xlRows(t, f, sh)
				st := xlStyle(t, f, sh, "A1")
				if st.Font == nil || !st.Font.Bold || st.Fill.Pattern != 1 || !strings.EqualFold(strings.TrimPrefix(st.Fill.Color[0], "#"), spreadsheet.HeaderFill) {
					t.Errorf("%s: header style %+v %+v", sh, st.Font, st.Fill)
				}
				panes, err := f.GetPanes(sh)
				var frozen []string
				for i := range panes.XSplit {
					frozen = append(frozen, rows[0][i])
				}
				topLeft, _ := excelize.CoordinatesToCellName(panes.XSplit+1, 2)
				if err != nil || !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != topLeft || strings.Join(frozen, ", ") != tc.frozen[sh] {
					t.Errorf("%s: panes %+v (frozen columns %q, want %q) %v", sh, panes, frozen, tc.frozen[sh], err)
				}
				if sh == "Report" {
					continue
				}
				// Headers are never clipped: every word fits its column
				// (bold text takes about a tenth more room), and the row
				// is tall enough for the lines the header wraps to.
				height, _ := f.GetRowHeight(sh, 1)
				for i, h := range rows[0] {
					col, _ := excelize.ColumnNumberToName(i + 1)
					width, _ := f.GetColWidth(sh, col)
					chars := 0
					for _, word := range strings.Fields(h) {
						chars = max(chars, len([]rune(word)))
						if float64(len([]rune(word)))*1.1+1 > width {
							t.Errorf("%s: header %q: %q does not fit a column %v wide", sh, h, word, width)
						}
					}
					if lines := math.Ceil(float64(len([]rune(h))) * 1.1 / width); height < lines*15 {
						t.Errorf("%s: header %q needs %v lines, the row is %v points tall", sh, h, lines, height)
					}
				}
				last, _ := excelize.CoordinatesToCellName(len(rows[0]), max(len(rows), 1), true)
				if want := fmt.Sprintf("'%s'!$A$1:%s", sh, last); names[sh] != want {
					t.Errorf("%s: autofilter %q, want %q", sh, names[sh], want)
				}
				for i := range rows[0] {
					col, _ := excelize.ColumnNumberToName(i + 1)
					if width, _ := f.GetColWidth(sh, col); width == 9.140625 || width < 7 {
						t.Errorf("%s: column %s (%s) has width %v", sh, col, rows[0][i], width)
					}
				}
			}
			meta := xlRows(t, f, "Report")
			wantMeta := map[string]string{"Generated at (UTC)": "2026-06-15 10:00", "Generated by": "Test auditor <auditor@example.com> (auditor)"}
			for _, row := range meta {
				if want, ok := wantMeta[row[0]]; ok && row[1] != want {
					t.Errorf("Report sheet: %s = %q, want %q", row[0], row[1], want)
				}
				delete(wantMeta, row[0])
			}
			if len(wantMeta) > 0 {
				t.Errorf("Report sheet lacks %v: %q", wantMeta, meta)
			}
		})
	}
}

func TestXLApprovedSuppliers(t *testing.T) {
	t.Parallel()
	w := newXLWorld(t)
	// By default only the sites one may buy from, and the title says so.
	byDefault := xlOpen(t, w.srv.Do(model.RoleManager, http.MethodGet, "/api/v1/reports/approved-suppliers.xlsx", nil))
	if rows := xlRows(t, byDefault, "Approved suppliers"); len(rows) != 3 || rows[1][0] != xlQualified || rows[2][0] != xlOverdue {
		t.Errorf("default: %q, want the qualified and the conditional site", rows)
	}
	if got := xlRows(t, byDefault, "Report")[1][1]; got != "Approved suppliers (qualified and conditional)" {
		t.Errorf("default title %q", got)
	}
	r := w.srv.Do(model.RoleManager, http.MethodGet, "/api/v1/reports/approved-suppliers.xlsx?status="+xlAllStatuses, nil)
	if cd := r.Header.Get("Content-Disposition"); cd != "attachment; filename=sites-qualified-conditional-suspended-prospective-2026-06-15.xlsx" {
		t.Errorf("Content-Disposition %q", cd)
	}
	f := xlOpen(t, r)
	if got := xlRows(t, f, "Report")[1][1]; got != "Sites: qualified, conditional, suspended and prospective" {
		t.Errorf("title %q", got)
	}
	const sh = "Approved suppliers"
	rows := xlRows(t, f, sh)
	if len(rows) != 5 {
		t.Fatalf("%d rows, want the header and 4 active sites (not the archived one): %q", len(rows), rows)
	}
	if rows[0][2] != "Status" {
		t.Errorf("status is not among the first columns: %q", rows[0])
	}
	q := xlRowOf(t, f, sh, 0, xlQualified)
	want := map[string]string{
		"Site name": "Acme Shenzhen 1", "Manufacturer": "Acme Electronics", "Country": "China", "Processes": "SMT, Testing",
		"Risk tier": "High", "Status": "Qualified", "Last result": "Pass", "Overdue": "No", "Contact phone": xlPhone,
		"Valid certifications": "IATF 16949:2016 (to 2026-08-01); ISO 9001:2015 (to 2027-12-31)",
	}
	for h, v := range want {
		if got := xlCell(t, f, sh, h, q); got != v {
			t.Errorf("%s: %q, want %q", h, got, v)
		}
	}
	xlDateCell(t, f, sh, xlRef(t, f, sh, "Last inspection", q), "2026-03-01")
	xlDateCell(t, f, sh, xlRef(t, f, sh, "Next inspection due", q), "2027-03-01")
	xlDateCell(t, f, sh, xlRef(t, f, sh, "Status since", q), "2026-03-15")
	if got := xlFill(t, f, sh, xlRef(t, f, sh, "Status", q)); got != "C6EFCE" {
		t.Errorf("qualified fill %q, want green", got)
	}
	if got := xlFill(t, f, sh, xlRef(t, f, sh, "Risk tier", q)); got != "F8CBAD" {
		t.Errorf("high risk tier fill %q, want orange as in the web app", got)
	}
	if got := xlFill(t, f, sh, xlRef(t, f, sh, "Valid certifications", q)); got != "FFD98C" {
		t.Errorf("certificates with one expiring: fill %q, want amber", got)
	}

	o := xlRowOf(t, f, sh, 0, xlOverdue)
	xlDateCell(t, f, sh, xlRef(t, f, sh, "Conditional until", o), "2026-09-30")
	for h, fill := range map[string]string{"Next inspection due": "FFC7CE", "Overdue": "FFC7CE", "Status": "FFF2A8", "Open critical": "FFC7CE", "Open major": "F8CBAD", "Risk tier": "FFC7CE"} {
		if got := xlFill(t, f, sh, xlRef(t, f, sh, h, o)); got != fill {
			t.Errorf("overdue conditional site: %s fill %q, want %q", h, got, fill)
		}
	}
	for h, v := range map[string]string{"Status": "Conditional until 2026-09-30", "Overdue": "Yes", "Open critical": "1", "Open major": "1", "Open minor": "0", "Processes": "Final assembly, Conformal coating"} {
		if got := xlCell(t, f, sh, h, o); got != v {
			t.Errorf("overdue site: %s %q, want %q", h, got, v)
		}
	}
	// Counts are numbers, not text.
	if typ, _ := f.GetCellType(sh, xlRef(t, f, sh, "Open critical", o)); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
		t.Errorf("open critical is a %v cell, want a number", typ)
	}
	fills := map[string]string{xlSuspended: "F8CBAD", xlNewCode: "E7E6E6"}
	for code, fill := range fills {
		if got := xlFill(t, f, sh, xlRef(t, f, sh, "Status", xlRowOf(t, f, sh, 0, code))); got != fill {
			t.Errorf("%s status fill %q, want %q", code, got, fill)
		}
	}

	// Text a spreadsheet would run arrives as inert text.
	for code, cells := range map[string]map[string]string{
		xlOverdue:   {"Site name": "'" + xlEvilName},
		xlSuspended: {"Site name": "'" + xlEvilCmd, "Manufacturer": "'" + xlEvilMaker},
	} {
		row := xlRowOf(t, f, sh, 0, code)
		for h, v := range cells {
			ref := xlRef(t, f, sh, h, row)
			if formula, _ := f.GetCellFormula(sh, ref); formula != "" {
				t.Errorf("%s %s is a formula: %q", code, h, formula)
			}
			if got, _ := f.GetCellValue(sh, ref); got != v {
				t.Errorf("%s %s = %q, want %q", code, h, got, v)
			}
			if typ, _ := f.GetCellType(sh, ref); typ != excelize.CellTypeInlineString {
				t.Errorf("%s %s is a %v cell, want text", code, h, typ)
			}
		}
	}

	// The export is in the audit trail with its report, filters and rows.
	w.srv.Do(model.RoleManager, http.MethodGet, "/api/v1/reports/approved-suppliers.xlsx?status=qualified,conditional&country=china", nil).Want(http.StatusOK)
	var events struct {
		Items []struct {
			Action     string         `json:"action"`
			ActorEmail string         `json:"actor_email"`
			EntityType string         `json:"entity_type"`
			Changes    map[string]any `json:"changes"`
		} `json:"items"`
	}
	w.srv.Do(model.RoleAdmin, http.MethodGet, "/api/v1/audit-events?action=report.export", nil).Want(http.StatusOK).Decode(&events)
	if len(events.Items) != 3 {
		t.Fatalf("%d export events, want 3", len(events.Items))
	}
	ev := events.Items[0]
	filters, _ := ev.Changes["filters"].(map[string]any)
	if ev.ActorEmail != "manager@example.com" || ev.EntityType != "report" || ev.Changes["report"] != "approved-suppliers" ||
		ev.Changes["rows"] != 2.0 || filters["status"] != "qualified,conditional" || filters["country"] != "CN" {
		t.Errorf("export event %+v", ev)
	}
}

func TestXLApprovedSuppliersFilters(t *testing.T) {
	t.Parallel()
	w := newXLWorld(t)
	manufacturer := w.sites[xlSuspended].ManufacturerID
	cases := []struct {
		query string
		codes []string
	}{
		{"", []string{xlQualified, xlOverdue}},
		{"?status=" + xlAllStatuses, []string{xlSuspended, xlQualified, xlOverdue, xlNewCode}},
		{"?status=qualified", []string{xlQualified}},
		{"?status=qualified,conditional", []string{xlQualified, xlOverdue}},
		{"?overdue=true", []string{xlOverdue}},
		{"?overdue=false&status=" + xlAllStatuses, []string{xlSuspended, xlQualified, xlNewCode}},
		{"?risk_tier=low&status=" + xlAllStatuses, []string{xlNewCode}},
		{"?country=US&status=" + xlAllStatuses, []string{xlSuspended}},
		{"?country=malaysia&status=" + xlAllStatuses, []string{xlNewCode}},
		{"?q=shenZHEN", []string{xlQualified}},
		{"?q=%25", []string{}},
		{path("?manufacturer_id=%d&status=", manufacturer) + xlAllStatuses, []string{xlSuspended}},
	}
	for _, tc := range cases {
		f := xlOpen(t, w.srv.Do(model.RoleProcurement, http.MethodGet, "/api/v1/reports/approved-suppliers.xlsx"+tc.query, nil))
		var codes []string
		for _, r := range xlRows(t, f, "Approved suppliers")[1:] {
			codes = append(codes, r[0])
		}
		if !slices.Equal(codes, tc.codes) && !(len(codes) == 0 && len(tc.codes) == 0) {
			t.Errorf("%s: %q, want %q", tc.query, codes, tc.codes)
		}
		if tc.query != "" {
			found := false
			for _, r := range xlRows(t, f, "Report") {
				found = found || strings.HasPrefix(r[0], "Filter: ")
			}
			if !found {
				t.Errorf("%s: the Report sheet names no filter", tc.query)
			}
		}
	}
}

func TestXLReportFiltersAreChecked(t *testing.T) {
	t.Parallel()
	srv := newXLServer(t, nil)
	cases := []struct{ path, field string }{
		{"/api/v1/reports/approved-suppliers.xlsx?status=approved", "status"},
		{"/api/v1/reports/approved-suppliers.xlsx?risk_tier=extreme", "risk_tier"},
		{"/api/v1/reports/approved-suppliers.xlsx?country=Atlantis", "country"},
		{"/api/v1/reports/approved-suppliers.xlsx?overdue=maybe", "overdue"},
		{"/api/v1/reports/approved-suppliers.xlsx?manufacturer_id=x", "manufacturer_id"},
		{"/api/v1/reports/inspections.xlsx?from=2026-02-30", "from"},
		{"/api/v1/reports/inspections.xlsx?from=2026-06-01&to=2026-05-01", "to"},
		{"/api/v1/reports/certifications.xlsx?expiring_within_days=-1", "expiring_within_days"},
		{"/api/v1/reports/findings.xlsx?status=done", "status"},
	}
	for _, tc := range cases {
		r := srv.Do(model.RoleAuditor, http.MethodGet, tc.path, nil).Want(http.StatusUnprocessableEntity)
		if _, ok := r.ErrorFields()[tc.field]; !ok {
			t.Errorf("%s: fields %v, want %s", tc.path, r.ErrorFields(), tc.field)
		}
	}
	srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/sites/424242/dossier.xlsx", nil).Want(http.StatusNotFound)
	srv.Do("", http.MethodGet, "/api/v1/reports/findings.xlsx", nil).Want(http.StatusUnauthorized)
}

func TestXLInspectionsReport(t *testing.T) {
	t.Parallel()
	w := newXLWorld(t)
	f := xlOpen(t, w.srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/reports/inspections.xlsx", nil))
	const sh = "Inspections"
	rows := xlRows(t, f, sh)
	var order []string
	for _, r := range rows[1:] {
		order = append(order, r[1]+" "+r[6])
	}
	// By date: performed, or scheduled when not performed.
	if want := []string{"EVL-1 Completed", "ACME-SZ2 Completed", "ACME-SZ1 Completed", "ACME-SZ1 Planned"}; !slices.Equal(order, want) {
		t.Fatalf("order %q, want %q", order, want)
	}
	c := 3
	for h, v := range map[string]string{"Type": "For cause", "Result": "Conditional", "Findings": "3", "Critical": "1", "Major": "1",
		"Minor": "1", "Open findings": "2", "Summary": "-ESD gaps", "Country": "China"} {
		if got := xlCell(t, f, sh, h, c); got != v {
			t.Errorf("%s %q, want %q", h, got, v)
		}
	}
	if got := xlFill(t, f, sh, xlRef(t, f, sh, "Open findings", c)); got != "FFC7CE" {
		t.Errorf("open findings fill %q, want red", got)
	}
	if got := xlFill(t, f, sh, xlRef(t, f, sh, "Result", c)); got != "FFF2A8" {
		t.Errorf("conditional result fill %q", got)
	}
	p := 4
	xlDateCell(t, f, sh, xlRef(t, f, sh, "Performed", p), "2026-03-01")
	xlDateCell(t, f, sh, xlRef(t, f, sh, "Scheduled", p), "2026-02-28")
	for h, v := range map[string]string{"Lead inspector": "Test manager", "Score": "92", "Result": "Pass"} {
		if got := xlCell(t, f, sh, h, p); got != v {
			t.Errorf("%s %q, want %q", h, got, v)
		}
	}
	if raw, _ := f.GetCellValue(sh, xlRef(t, f, sh, "Score", p), excelize.Options{RawCellValue: true}); raw != "92" {
		t.Errorf("score %q is not the number 92", raw)
	}

	f = xlOpen(t, w.srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/reports/inspections.xlsx?from=2026-02-01&to=2026-06-30", nil))
	if rows := xlRows(t, f, sh); len(rows) != 2 || rows[1][1] != xlQualified {
		t.Errorf("from/to: %q", rows)
	}
	if rows := xlRows(t, f, "Report"); !slices.ContainsFunc(rows, func(r []string) bool { return r[0] == "Filter: From" && r[1] == "2026-02-01" }) {
		t.Errorf("the Report sheet does not name the from filter: %q", rows)
	}
}

func TestXLCertificationsReport(t *testing.T) {
	t.Parallel()
	w := newXLWorld(t)
	f := xlOpen(t, w.srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/reports/certifications.xlsx", nil))
	const sh = "Certifications"
	want := []struct {
		standard, status, days, fill string
	}{
		{"ISO 13485:2016", "Expired", "-45", "FFC7CE"},
		{"IATF 16949:2016", "Expiring", "47", "FFD98C"},
		{"ISO 9001:2015", "Valid", "564", "C6EFCE"},
		{"AS9100D", "Withdrawn", "", "E7E6E6"},
	}
	rows := xlRows(t, f, sh)
	if len(rows) != len(want)+1 {
		t.Fatalf("%d rows: %q", len(rows), rows)
	}
	for i, wc := range want {
		row := i + 2
		got := []string{xlCell(t, f, sh, "Standard", row), xlCell(t, f, sh, "Status", row), xlCell(t, f, sh, "Days to expiry", row)}
		if !slices.Equal(got, []string{wc.standard, wc.status, wc.days}) {
			t.Errorf("row %d: %q, want %v", row, got, wc)
		}
		for _, h := range []string{"Status", "Expires on"} {
			if fill := xlFill(t, f, sh, xlRef(t, f, sh, h, row)); fill != wc.fill {
				t.Errorf("row %d %s fill %q, want %q", row, h, fill, wc.fill)
			}
		}
	}
	xlDateCell(t, f, sh, xlRef(t, f, sh, "Expires on", 4), "2027-12-31")
	xlDateCell(t, f, sh, xlRef(t, f, sh, "Issued on", 4), "2024-01-01")
	if got := xlCell(t, f, sh, "Withdrawn", 5); got != "Yes" {
		t.Errorf("withdrawn %q", got)
	}

	f = xlOpen(t, w.srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/reports/certifications.xlsx?expiring_within_days=60", nil))
	if rows := xlRows(t, f, sh); len(rows) != 2 || rows[1][3] != "IATF 16949:2016" {
		t.Errorf("expiring within 60 days: %q", rows)
	}
}

func TestXLFindingsReport(t *testing.T) {
	t.Parallel()
	w := newXLWorld(t)
	f := xlOpen(t, w.srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/reports/findings.xlsx", nil))
	const sh = "Findings"
	var severities []string
	for _, r := range xlRows(t, f, sh)[1:] {
		severities = append(severities, r[6])
	}
	if want := []string{"Minor", "Critical", "Major"}; !slices.Equal(severities, want) {
		t.Errorf("by due date: %q, want %q", severities, want)
	}
	crit := 3
	for h, v := range map[string]string{"Overdue": "Yes", "Days overdue": "14", "Owner": "Plant manager", "Status": "Open", "Corrective action": "Install flooring"} {
		if got := xlCell(t, f, sh, h, crit); got != v {
			t.Errorf("%s %q, want %q", h, got, v)
		}
	}
	for _, h := range []string{"Due date", "Overdue", "Severity", "Status"} {
		if fill := xlFill(t, f, sh, xlRef(t, f, sh, h, crit)); fill != "FFC7CE" {
			t.Errorf("overdue critical %s fill %q, want red", h, fill)
		}
	}
	xlDateCell(t, f, sh, xlRef(t, f, sh, "Due date", crit), "2026-06-01")
	if got := xlCell(t, f, sh, "Overdue", 2); got != "No" {
		t.Errorf("a closed finding past its due date is not overdue: %q", got)
	}

	f = xlOpen(t, w.srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/reports/findings.xlsx?status=in_progress", nil))
	if rows := xlRows(t, f, sh); len(rows) != 2 || rows[1][6] != "Major" {
		t.Errorf("status=in_progress: %q", rows)
	}
}

func TestXLDossier(t *testing.T) {
	t.Parallel()
	w := newXLWorld(t)
	id := w.sites[xlQualified].ID
	f := xlOpen(t, w.srv.Do(model.RoleAuditor, http.MethodGet, path("/api/v1/sites/%d/dossier.xlsx", id), nil))
	overview := map[string]string{}
	for _, r := range xlRows(t, f, "Overview")[1:] {
		if len(r) > 1 {
			overview[r[0]] = r[1]
		}
	}
	for k, v := range map[string]string{"Code": xlQualified, "Qualification status": "Qualified", "Risk tier": "High", "Processes": "SMT, Testing", "Next inspection due": "2027-03-01", "Country": "China"} {
		if overview[k] != v {
			t.Errorf("overview %s = %q, want %q", k, overview[k], v)
		}
	}
	counts := map[string]int{"Qualification history": 2, "Inspections": 2, "Findings": 0, "Certifications": 2, "Attachments": 2}
	for sh, n := range counts {
		if got := len(xlRows(t, f, sh)) - 1; got != n {
			t.Errorf("%s: %d rows, want %d", sh, got, n)
		}
	}
	if got := xlCell(t, f, "Qualification history", "To", 3); got != "Qualified" {
		t.Errorf("history: %q", got)
	}
	if got := xlCell(t, f, "Attachments", "File name", 3); got != "'=report.pdf" {
		t.Errorf("attachment name %q, want it neutralised", got)
	}
	if got := xlCell(t, f, "Attachments", "Attached to", 3); !strings.HasPrefix(got, "inspection ") {
		t.Errorf("attached to %q", got)
	}

	var events struct {
		Items []struct {
			EntityType string `json:"entity_type"`
			EntityID   int64  `json:"entity_id"`
		} `json:"items"`
	}
	w.srv.Do(model.RoleAdmin, http.MethodGet, "/api/v1/audit-events?action=report.export", nil).Want(http.StatusOK).Decode(&events)
	if len(events.Items) != 1 || events.Items[0].EntityType != "site" || events.Items[0].EntityID != id {
		t.Errorf("dossier export event %+v", events.Items)
	}
}

func TestXLSummaryHasCharts(t *testing.T) {
	t.Parallel()
	w := newXLWorld(t)
	r := w.srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/reports/summary.xlsx", nil)
	f := xlOpen(t, r)
	zr, err := zip.NewReader(bytes.NewReader(r.Body), int64(len(r.Body)))
	if err != nil {
		t.Fatal(err)
	}
	charts := map[string]string{}
	for _, zf := range zr.File {
		if strings.HasPrefix(zf.Name, "xl/charts/chart") {
			rc, _ := zf.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			charts[zf.Name] = string(b)
		}
	}
	if len(charts) != 3 {
		t.Errorf("%d charts, want 3", len(charts))
	}
	// Charts read as charts in LibreOffice and Excel: month axes labelled as
	// months (not date serial numbers), counts in whole steps, dark labels
	// of a legible size, and the month in progress left out (it would look
	// like a collapse).
	for name, xml := range charts {
		if !strings.Contains(xml, `<numFmt formatCode="0" sourceLinked="false">`) || !regexp.MustCompile(`<majorUnit val="[1-9][0-9]*">`).MatchString(xml) {
			t.Errorf("%s: the count axis does not step in whole numbers", name)
		}
		for _, size := range regexp.MustCompile(`<a:defRPr [^>]*sz="(\d+)"[^>]*><a:solidFill><a:srgbClr val="([0-9A-F]+)">`).FindAllStringSubmatch(xml, -1) {
			if n, _ := strconv.Atoi(size[1]); n < 900 || size[2] != "000000" {
				t.Errorf("%s: axis labels of size %s colour %s", name, size[1], size[2])
			}
		}
		if strings.Contains(xml, "by month") && !strings.Contains(xml, `<numFmt formatCode="mmm yyyy" sourceLinked="false">`) {
			t.Errorf("%s: the month axis is not labelled as months", name)
		}
	}
	if c := charts["xl/charts/chart1.xml"]; !strings.Contains(c, `&#39;Inspections by month&#39;!$A$2:$A$12<`) || !strings.Contains(c, "complete months") {
		t.Errorf("the inspections chart includes the month in progress: %s", regexp.MustCompile(`<f>[^<]*</f>`).FindAllString(c, -1))
	}
	if c := charts["xl/charts/chart3.xml"]; !strings.Contains(c, `&#39;Expiring certificates&#39;!$A$2:$A$13<`) {
		t.Errorf("the expiring chart: %s", regexp.MustCompile(`<f>[^<]*</f>`).FindAllString(c, -1))
	}
	months := xlRows(t, f, "Inspections by month")
	if len(months) != 13 || months[1][0] != "Jul 2025" || months[12][0] != "Jun 2026" {
		t.Fatalf("months %q", months)
	}
	xlDateCell(t, f, "Inspections by month", "A10", "2026-03-01")
	if note := xlCell(t, f, "Inspections by month", "Note", 13); note != "Month in progress (to 2026-06-15); not in the chart" {
		t.Errorf("the month in progress is not marked: %q", note)
	}
	if note := xlCell(t, f, "Expiring certificates", "Note", 2); note != "From 2026-06-15 (today) to the month's end" {
		t.Errorf("this month's expiring certificates are not marked: %q", note)
	}
	if months[9][1] != "1" || months[5][2] != "1" {
		t.Errorf("March pass and November conditional: %q %q", months[9], months[5])
	}
	status := map[string]string{}
	for _, r := range xlRows(t, f, "Sites by status")[1:] {
		status[r[0]] = r[1]
	}
	if status["Qualified"] != "1" || status["Disqualified"] != "0" || status["In qualification"] != "0" || len(status) != 6 {
		t.Errorf("sites by status %v (the archived site does not count)", status)
	}
	expiring := xlRows(t, f, "Expiring certificates")
	if len(expiring) != 13 || expiring[3][0] != "Aug 2026" || expiring[3][1] != "1" {
		t.Errorf("expiring %q", expiring)
	}
}

// A filtered export says what it holds in words: in its file name, on the
// Report sheet and in the printed footer; never as query parameters.
func TestXLFilteredReportsSayWhatTheyHold(t *testing.T) {
	t.Parallel()
	w := newXLWorld(t)
	cases := []struct {
		query, file, title string
		criteria           map[string]string
		rows               int
	}{
		{"/api/v1/reports/certifications.xlsx?expiring_within_days=90", "certifications-expiring-within-90-days-2026-06-15.xlsx",
			"Certifications expiring within 90 days", map[string]string{"Filter: Expiring within": "90 days (not withdrawn)"}, 1},
		{"/api/v1/reports/certifications.xlsx?expiring_within_days=1", "certifications-expiring-within-1-day-2026-06-15.xlsx",
			"Certifications expiring within 1 day", map[string]string{"Filter: Expiring within": "1 day (not withdrawn)"}, 0},
		{"/api/v1/reports/findings.xlsx?status=open,in_progress", "findings-open-in-progress-2026-06-15.xlsx",
			"Findings and corrective actions: open and in progress", map[string]string{"Filter: Status": "Open, In progress"}, 2},
		{"/api/v1/reports/findings.xlsx?status=closed", "findings-closed-2026-06-15.xlsx",
			"Findings and corrective actions: closed", map[string]string{"Filter: Status": "Closed"}, 1},
		{"/api/v1/reports/inspections.xlsx?from=2026-02-01&to=2026-06-30", "inspections-2026-02-01-to-2026-06-30-2026-06-15.xlsx",
			"Inspection log from 2026-02-01 to 2026-06-30", map[string]string{"Filter: From": "2026-02-01", "Filter: To": "2026-06-30 (included)"}, 1},
		{"/api/v1/reports/approved-suppliers.xlsx?risk_tier=high&country=CN&overdue=false", "approved-suppliers-high-risk-china-not-overdue-2026-06-15.xlsx",
			"Approved suppliers (qualified and conditional): high risk, in China, not overdue",
			map[string]string{"Filter: Status": "Qualified, Conditional", "Filter: Risk tier": "High", "Filter: Country": "China", "Filter: Overdue": "Not overdue"}, 1},
		{path("/api/v1/reports/approved-suppliers.xlsx?status=suspended&manufacturer_id=%d", w.sites[xlSuspended].ManufacturerID), "sites-suspended-sum-1-2026-06-15.xlsx",
			"Sites: suspended: " + xlEvilMaker, map[string]string{"Filter: Status": "Suspended", "Filter: Manufacturer": "'" + xlEvilMaker}, 1},
	}
	for _, tc := range cases {
		r := w.srv.Do(model.RoleAuditor, http.MethodGet, tc.query, nil)
		f := xlOpen(t, r)
		if cd := r.Header.Get("Content-Disposition"); cd != "attachment; filename="+tc.file {
			t.Errorf("%s: Content-Disposition %q, want %q", tc.query, cd, tc.file)
		}
		report := map[string]string{}
		for _, row := range xlRows(t, f, "Report") {
			if len(row) > 1 {
				report[row[0]] = row[1]
			}
			if strings.Contains(strings.Join(row, " "), "_") {
				t.Errorf("%s: the Report sheet speaks in parameters: %q", tc.query, row)
			}
		}
		if report["Report"] != tc.title {
			t.Errorf("%s: Report %q, want %q", tc.query, report["Report"], tc.title)
		}
		for k, v := range tc.criteria {
			if report[k] != v {
				t.Errorf("%s: %s %q, want %q", tc.query, k, report[k], v)
			}
		}
		sheet := f.GetSheetList()[0]
		if n := len(xlRows(t, f, sheet)) - 1; n != tc.rows {
			t.Errorf("%s: %d rows, want %d", tc.query, n, tc.rows)
		}
		doc, _ := f.GetDocProps()
		hf, _ := f.GetHeaderFooter(sheet)
		if doc.Title != tc.title || hf == nil || !strings.Contains(hf.OddFooter, strings.ReplaceAll(tc.title, "&", "&&")) {
			t.Errorf("%s: document title %q, footer %+v", tc.query, doc.Title, hf)
		}
	}
}

// A site whose certificate list is longer than a cell holds: the list goes
// on in rows of its own, nothing is cut, and the export still imports.
func TestXLLongCertificateListGoesToItsOwnRows(t *testing.T) {
	t.Parallel()
	w := newXLWorld(t)
	// 400 certificates with standards of the longest name allowed (100
	// characters): their list is longer than a cell holds (32,767).
	const certs = 400
	book := [][]any{{"Site code", "Standard", "Certificate number", "Expires on"}}
	for i := range certs {
		standard := fmt.Sprintf("ISO 9001:2015 SCOPE-%04d ", i)
		standard += strings.Repeat("x", 100-len(standard))
		book = append(book, []any{xlQualified, standard, fmt.Sprintf("N-%04d", i), "2027-12-31"})
	}
	// In imports of 200 rows, each well within the database deadline under the race detector.
	for i := 1; i < len(book); i += 200 {
		rows := append([][]any{book[0]}, book[i:i+200]...)
		if got := xlDecodeImport(t, xlUpload(t, w.srv, model.RoleManager, xlCertsImport, xlBook(t, "Certifications", rows)).Want(http.StatusOK)); got.Created != 200 {
			t.Fatalf("import %+v", got)
		}
	}
	r := w.srv.Do(model.RoleManager, http.MethodGet, "/api/v1/reports/approved-suppliers.xlsx", nil)
	f := xlOpen(t, r)
	const sh = "Approved suppliers"
	rows := xlRows(t, f, sh)
	at := xlRowOf(t, f, sh, 0, xlQualified)
	col := slices.Index(rows[0], "Valid certifications")
	listed := 0
	for i := at - 1; i < len(rows); i++ {
		if i > at-1 && rows[i][0] != "" {
			break
		}
		text := rows[i][col]
		if i > at-1 && !strings.HasPrefix(text, "(continued) ") {
			t.Errorf("row %d: %.30q", i+1, text)
		}
		if n := len([]rune(text)); n > spreadsheet.MaxCellChars {
			t.Errorf("row %d holds %d characters", i+1, n)
		}
		listed += strings.Count(text, "SCOPE-")
	}
	if listed != certs {
		t.Errorf("%d of %d certificates listed", listed, certs)
	}
	if len(rows) < 4 {
		t.Fatalf("%d rows", len(rows))
	}
	// The continuation rows are not sites: the export imports as before.
	got := xlDecodeImport(t, xlUpload(t, w.srv, model.RoleManager, xlSitesImport+"?dry_run=true", r.Body).Want(http.StatusOK))
	if len(got.Errors) != 0 || got.Created != 0 || got.Updated+got.Unchanged != 2 {
		t.Errorf("re-import: %+v", got)
	}
	for _, c := range got.Changes {
		if c.Record == xlQualified {
			t.Errorf("re-import changes %s: %+v", xlQualified, c)
		}
	}
}

// More workbooks downloaded at once than the database has connections for
// reads all arrive: each report holds a connection for its cursor while it
// loads each batch's derived values on another, so the reports reading at
// once are fewer than the connections (four at once on SQLite's four
// readers waited for ever).
func TestMoreReportsAtOnceThanConnectionsAllArrive(t *testing.T) {
	t.Parallel()
	// Several batches each, so every cursor stays open across queries.
	srv := seededServer(t, seed.BulkOptions{Sites: 40, Inspections: 3 * store.ReportBatch, Findings: 200, Certifications: 40, Seed: 4})
	const downloads = 8
	type result struct {
		status int
		size   int
	}
	done := make(chan result, downloads)
	for range downloads {
		go func() {
			r := srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/reports/inspections.xlsx", nil)
			done <- result{r.Status, len(r.Body)}
		}()
	}
	deadline := time.After(2 * time.Minute) // a deadlock, not a speed: each takes a second or two
	for i := range downloads {
		select {
		case r := <-done:
			if r.status != http.StatusOK || r.size == 0 {
				t.Errorf("download %d: status %d, %d bytes", i+1, r.status, r.size)
			}
		case <-deadline:
			t.Fatalf("%d of %d downloads still waiting after two minutes", downloads-i, downloads)
		}
	}
}
