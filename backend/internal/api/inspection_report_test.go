package api_test

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// The per-inspection workbook holds the inspection, every checklist
// answer and the findings, with user text kept as text.
func TestInspectionReportWorkbook(t *testing.T) {
	t.Parallel()
	w := newChecklistWorld(t)
	insp := w.planned()
	cl := w.addChecklist(insp, w.template("Supply chain").id())
	photo := attDecode(attUpload(t, w.srv, model.RoleProcurement, path("/api/v1/inspections/%d/attachments", insp), "xray-lot-7.png", attPNG).
		Want(http.StatusCreated))
	evil := `=HYPERLINK("http://evil.example","click")`
	w.answer(model.RoleProcurement, insp, cl, "1.1", map[string]any{"answer": "no", "note": evil, "attachment_ids": []int64{photo.ID}}).Want(http.StatusCreated)
	w.answer(model.RoleProcurement, insp, cl, "1.2", map[string]any{"not_applicable": true}).Want(http.StatusCreated)
	w.answer(model.RoleProcurement, insp, cl, "2.2", map[string]any{"text": "+BMC 1.4.2"}).Want(http.StatusCreated)
	item := clItems(cl)["1.1"].id()
	finding := apiRecord(w.srv.Do(model.RoleProcurement, http.MethodPost, path("/api/v1/inspections/%d/checklists/%d/items/%d/finding", insp, cl.id(), item), nil).
		Want(http.StatusCreated).JSON())

	w.srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/inspections/999999/report.xlsx", nil).Want(http.StatusNotFound)
	r := w.srv.Do(model.RoleAuditor, http.MethodGet, path("/api/v1/inspections/%d/report.xlsx", insp), nil).Want(http.StatusOK)
	if ct := r.Header.Get("Content-Type"); ct != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
		t.Errorf("content type %q", ct)
	}
	wantName := path(`inspection-%d-MK1-SZ-%s.xlsx`, insp, fromToday(-1))
	if cd := r.Header.Get("Content-Disposition"); !strings.Contains(cd, wantName) {
		t.Errorf("disposition %q, want %s", cd, wantName)
	}
	f, err := excelize.OpenReader(bytes.NewReader(r.Body))
	testutil.Fatal(t, err, "open workbook")
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), ","); got != "Inspection,Checklist,Contradictions,Findings,Report" {
		t.Fatalf("sheets %s", got)
	}

	rows, err := f.GetRows("Checklist")
	testutil.Fatal(t, err, "checklist rows")
	if len(rows) != 5 || rows[0][4] != "Question" || rows[0][8] != "Answer" {
		t.Fatalf("checklist rows %q", rows)
	}
	byNumber := map[string][]string{}
	rowOf := map[string]int{}
	for i, row := range rows[1:] {
		byNumber[row[2]], rowOf[row[2]] = row, i+2
	}
	first := byNumber["1.1"]
	if first[0] != "Supply chain" || first[1] != "1" || first[4] != "Are ICs bought only from authorised distributors?" || first[6] != "critical" ||
		first[8] != "no" || first[9] != "'"+evil || first[10] != "xray-lot-7.png" || first[11] != path("%d", finding.id()) || first[12] != "Test procurement" {
		t.Errorf("row 1.1 %q", first)
	}
	if byNumber["1.2"][8] != "N/A" || byNumber["2.1"][8] != "not answered" || byNumber["2.2"][8] != "+BMC 1.4.2" {
		t.Errorf("other answers %q %q %q", byNumber["1.2"], byNumber["2.1"], byNumber["2.2"])
	}
	noteCell, _ := excelize.CoordinatesToCellName(10, rowOf["1.1"])
	if formula, _ := f.GetCellFormula("Checklist", noteCell); formula != "" {
		t.Errorf("note became a formula: %q", formula)
	}
	dateCell, _ := excelize.CoordinatesToCellName(14, rowOf["1.1"])
	raw, _ := f.GetCellValue("Checklist", dateCell, excelize.Options{RawCellValue: true})
	shown, _ := f.GetCellValue("Checklist", dateCell)
	if typ, _ := f.GetCellType("Checklist", dateCell); typ == excelize.CellTypeInlineString || typ == excelize.CellTypeSharedString || raw != "46188" || shown != "2026-06-15" {
		t.Errorf("answered-on cell type %v raw %q shown %q, want a date cell 2026-06-15", typ, raw, shown)
	}
	for _, sheet := range []string{"Inspection", "Checklist", "Findings", "Report"} {
		panes, err := f.GetPanes(sheet)
		testutil.Fatal(t, err, "panes")
		if !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("%s: header not frozen: %+v", sheet, panes)
		}
		style, _ := f.GetCellStyle(sheet, "A1")
		s, err := f.GetStyle(style)
		testutil.Fatal(t, err, "style")
		if s.Font == nil || !s.Font.Bold {
			t.Errorf("%s: header not bold", sheet)
		}
	}

	info := map[string]string{}
	rows, _ = f.GetRows("Inspection")
	for _, row := range rows[1:] {
		if len(row) > 1 {
			info[row[0]] = row[1]
		}
	}
	if info["Suggested result"] != "Fail" || info["Status"] != "Planned" || info["Site code"] != "MK1-SZ" || info["Items answered"] != "3 of 4" ||
		!strings.Contains(info["Why"], "Critical item 1.1 failed") || info["Open critical findings"] != "1" {
		t.Errorf("inspection sheet %v", info)
	}
	rows, _ = f.GetRows("Findings")
	if len(rows) != 2 || rows[1][1] != "Critical" || !strings.Contains(rows[1][4], "authorised distributors") || rows[1][7] != fromToday(7) {
		t.Errorf("findings sheet %q", rows)
	}
	rows, _ = f.GetRows("Report")
	if !strings.Contains(path("%q", rows), "auditor@example.com") {
		t.Errorf("report sheet %q", rows)
	}
	w.auditChanges("inspection", insp, "report.export")

	// The site's dossier carries the same answers, each with its inspection.
	siteID := int64(w.srv.Do(model.RoleAuditor, http.MethodGet, path("/api/v1/inspections/%d", insp), nil).Want(http.StatusOK).JSON()["site_id"].(float64))
	r = w.srv.Do(model.RoleAuditor, http.MethodGet, path("/api/v1/sites/%d/dossier.xlsx", siteID), nil).Want(http.StatusOK)
	d, err := excelize.OpenReader(bytes.NewReader(r.Body))
	testutil.Fatal(t, err, "open dossier")
	defer d.Close()
	rows, err = d.GetRows("Checklist answers")
	testutil.Fatal(t, err, "dossier checklist answers")
	if len(rows) != 5 || rows[0][0] != "Inspection ID" || rows[1][0] != path("%d", insp) || rows[0][6] != "Question" {
		t.Fatalf("dossier checklist answers %q", rows)
	}
}
