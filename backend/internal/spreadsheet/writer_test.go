package spreadsheet

import (
	"bytes"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
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
