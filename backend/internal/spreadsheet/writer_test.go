package spreadsheet

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// writeAndOpen writes one sheet of rows and opens the workbook again.
func writeAndOpen(t *testing.T, cols []Column, rows [][]any) *excelize.File {
	t.Helper()
	wb := NewWorkbook()
	defer wb.Close()
	wb.SetTitle("Test", time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC))
	sh, err := wb.AddSheet("Data", cols)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if err := sh.Add(r...); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := wb.Write(Meta{Title: "Test", GeneratedAt: time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)}, &buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = f.Close() })
	return f
}

// Read back, text is shown as written and is a text cell, never a formula;
// only text that would run after a CSV re-save carries an apostrophe.
func TestTextIsShownAsWritten(t *testing.T) {
	cases := []struct{ in, shown string }{
		{"+86 755 1234 5678", "+86 755 1234 5678"},
		{"+1 (555) 010-0199", "+1 (555) 010-0199"},
		{"-ESD gaps", "-ESD gaps"},
		{"@home", "@home"},
		{"＋86 755 1234", "＋86 755 1234"},
		{`=HYPERLINK("http://evil","x")`, `'=HYPERLINK("http://evil","x")`},
		{"@SUM(1)", "'@SUM(1)"},
		{`+cmd|' /C calc'!A0`, `'+cmd|' /C calc'!A0`},
		{"＝SUM(1)", "'＝SUM(1)"},
		{"＠SUM（1)", "'＠SUM（1)"},
	}
	rows := make([][]any, len(cases))
	for i, c := range cases {
		rows[i] = []any{c.in}
	}
	f := writeAndOpen(t, []Column{{"Text", 40}}, rows)
	for i, c := range cases {
		ref, _ := excelize.CoordinatesToCellName(1, i+2)
		if got, _ := f.GetCellValue("Data", ref); got != c.shown {
			t.Errorf("%q is shown as %q, want %q", c.in, got, c.shown)
		}
		if formula, _ := f.GetCellFormula("Data", ref); formula != "" {
			t.Errorf("%q became the formula %q", c.in, formula)
		}
		if typ, _ := f.GetCellType("Data", ref); typ != excelize.CellTypeInlineString {
			t.Errorf("%q is a %v cell, want text", c.in, typ)
		}
	}
}

// A list longer than a cell holds goes on in rows of its own below,
// never cut: every item is in the workbook, each cell within the limit.
func TestLongTextGoesToItsOwnRows(t *testing.T) {
	var certs []store.ReportCertificate
	for i := range 1500 {
		certs = append(certs, store.ReportCertificate{Standard: fmt.Sprintf("STD-%04d", i), ExpiresOn: model.NewDate(2027, 12, 31), Status: model.CertValid})
	}
	summary := certificateSummary(certs)
	full := summary.Value.(string)
	if utf8.RuneCountInString(full) <= MaxCellChars {
		t.Fatalf("the list is only %d characters", len(full))
	}
	f := writeAndOpen(t, []Column{{"Code", 10}, {"Valid certifications", 40}, {"City", 10}}, [][]any{{"LONG-1", summary, "Shenzhen"}, {"NEXT-1", "ISO 9001:2015 (to 2027-12-31)", "Penang"}})
	rows, err := f.GetRows("Data")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 || rows[1][0] != "LONG-1" || rows[1][2] != "Shenzhen" || rows[2][0] != "" || rows[3][0] != "NEXT-1" {
		t.Fatalf("rows: %d, first cells %q", len(rows), [][]string{rows[1][:1], rows[2][:1]})
	}
	if !strings.HasPrefix(rows[2][1], "(continued) ") || len(rows[2]) > 2 {
		t.Errorf("the continuation row: %.40q (%d cells)", rows[2][1], len(rows[2]))
	}
	var items []string
	for _, r := range rows[1:3] {
		if n := utf8.RuneCountInString(r[1]); n > MaxCellChars {
			t.Errorf("a cell of %d characters", n)
		}
		items = append(items, strings.Split(strings.TrimPrefix(r[1], "(continued) "), "; ")...)
	}
	if strings.Join(items, "; ") != full {
		t.Errorf("the list read back differs: %d items, want %d", len(items), len(certs))
	}
	if fill, _ := f.GetCellStyle("Data", "B3"); fill == 0 {
		t.Error("the continuation has no style")
	}
}
