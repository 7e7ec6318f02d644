// Package spreadsheet writes qualtrack's spreadsheet reports and reads its
// spreadsheet imports, with excelize. Reports stream their rows through
// excelize's StreamWriter, sheet by sheet, and the finished workbook is
// zipped straight onto the response; imports read a workbook within fixed
// limits and turn its rows into store records or problems a person can fix.
package spreadsheet

import (
	"archive/zip"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

// ContentType is the media type of an .xlsx workbook.
const ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// Column is one column of a sheet: its header and its width in characters.
type Column struct {
	Header string
	Width  float64
}

// Filter is one filter a report was run with, as the Report sheet shows it.
type Filter struct {
	Name  string
	Value string
}

// Meta says what a report is, who made it and when.
type Meta struct {
	Title       string
	GeneratedAt time.Time
	GeneratedBy string
	Filters     []Filter
	// Notes are extra lines for the Report sheet (what a column means).
	Notes []string
}

// Workbook is a report being written. Add sheets, fill them, then
// Write; Close always.
type Workbook struct {
	f      *excelize.File
	styles *styles
	sheets []*Sheet
	open   *Sheet
}

// NewWorkbook starts an empty workbook.
func NewWorkbook() *Workbook {
	f := excelize.NewFile()
	return &Workbook{f: f, styles: newStyles(f)}
}

// Close removes the workbook's temporary files.
func (w *Workbook) Close() error { return w.f.Close() }

// Sheet is one sheet being streamed: a styled, frozen header row, then
// data rows in order.
type Sheet struct {
	wb    *Workbook
	name  string
	sw    *excelize.StreamWriter
	cols  int
	rows  int // data rows written
	cells []any
	buf   []excelize.Cell
	// rowOpts gives every row the plain text style, so excelize takes a
	// cell's style from the cell or the row and never scans the column
	// definitions for each cell.
	rowOpts excelize.RowOpts
}

// AddSheet starts a sheet with a header row. Only one sheet is open at a
// time: adding one closes the previous.
func (w *Workbook) AddSheet(name string, cols []Column) (*Sheet, error) {
	if w.open != nil {
		if err := w.open.Close(); err != nil {
			return nil, err
		}
	}
	if len(w.sheets) == 0 {
		if err := w.f.SetSheetName("Sheet1", name); err != nil {
			return nil, fmt.Errorf("report: sheet %q: %w", name, err)
		}
	} else if _, err := w.f.NewSheet(name); err != nil {
		return nil, fmt.Errorf("report: sheet %q: %w", name, err)
	}
	sw, err := w.f.NewStreamWriter(name)
	if err != nil {
		return nil, fmt.Errorf("report: sheet %q: %w", name, err)
	}
	s := &Sheet{wb: w, name: name, sw: sw, cols: len(cols), cells: make([]any, len(cols)), buf: make([]excelize.Cell, len(cols))}
	w.sheets = append(w.sheets, s)
	w.open = s
	// excelize puts each new width first; setting them right to left
	// leaves the <col> elements in the ascending order Excel requires.
	for i := len(cols) - 1; i >= 0; i-- {
		if err := sw.SetColWidth(i+1, i+1, cols[i].Width); err != nil {
			return nil, fmt.Errorf("report: sheet %q: width: %w", name, err)
		}
	}
	err = sw.SetPanes(&excelize.Panes{
		Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}},
	})
	if err != nil {
		return nil, fmt.Errorf("report: sheet %q: panes: %w", name, err)
	}
	header, err := w.styles.id(kindHeader, ToneNone)
	if err != nil {
		return nil, err
	}
	if s.rowOpts.StyleID, err = w.styles.id(kindText, ToneNone); err != nil {
		return nil, err
	}
	row := make([]any, len(cols))
	for i, c := range cols {
		row[i] = excelize.Cell{StyleID: header, Value: c.Header}
	}
	if err := sw.SetRow("A1", row, excelize.RowOpts{Height: 30}); err != nil {
		return nil, fmt.Errorf("report: sheet %q: header: %w", name, err)
	}
	return s, nil
}

// Name is the sheet's name.
func (s *Sheet) Name() string { return s.name }

// Rows is the number of data rows written so far.
func (s *Sheet) Rows() int { return s.rows }

// Toned is a value shown in a status colour.
type Toned struct {
	Value any
	Tone  Tone
}

// Month is a month shown as "Jun 2026" (a date cell on its first day).
type Month struct{ model.Date }

// Add writes the next data row. Values may be: string (written as text,
// neutralised), model.Date (a date cell), Month, time.Time (a date and time
// cell in UTC), int, int64, *int and float64 (numbers), bool (Yes/No),
// Toned (any of those in a colour) and nil (an empty cell). Empty strings
// and zero dates leave the cell empty.
func (s *Sheet) Add(values ...any) error {
	if len(values) > len(s.cells) {
		s.cells, s.buf = make([]any, len(values)), make([]excelize.Cell, len(values))
	}
	cells := s.cells[:len(values)]
	for i, v := range values {
		// The row's cells live in a buffer reused for every row: SetRow
		// copies them into the sheet's XML at once, and a pointer in an
		// interface costs no allocation per cell.
		ok, err := s.wb.fill(&s.buf[i], v, ToneNone)
		if err != nil {
			return fmt.Errorf("report: sheet %q row %d column %d: %w", s.name, s.rows+2, i+1, err)
		}
		cells[i] = nil
		if ok {
			cells[i] = &s.buf[i]
		}
	}
	s.rows++
	ref, err := excelize.CoordinatesToCellName(1, s.rows+1)
	if err != nil {
		return fmt.Errorf("report: sheet %q: %w", s.name, err)
	}
	if err := s.sw.SetRow(ref, cells, s.rowOpts); err != nil {
		return fmt.Errorf("report: sheet %q: row %d: %w", s.name, s.rows+1, err)
	}
	return nil
}

// fill sets c to the styled cell for v; false means an empty cell.
func (w *Workbook) fill(c *excelize.Cell, v any, tone Tone) (bool, error) {
	kind := kindText
	switch x := v.(type) {
	case nil:
		return w.blank(c, tone)
	case Toned:
		if _, nested := x.Value.(Toned); nested {
			return false, errors.New("nested colours")
		}
		return w.fill(c, x.Value, x.Tone)
	case string:
		if x == "" {
			return w.blank(c, tone)
		}
		if n := Neutralize(x); n != x {
			v = n // re-boxed only when it changed
		}
	case model.Date:
		if x.IsZero() {
			return w.blank(c, tone)
		}
		kind, v = kindDate, x.Time()
	case Month:
		kind, v = kindMonth, x.Time()
	case time.Time:
		if x.IsZero() {
			return w.blank(c, tone)
		}
		kind, v = kindDateTime, x.UTC()
	case *int:
		if x == nil {
			return w.blank(c, tone)
		}
		kind, v = kindInt, *x
	case int, int64:
		kind = kindInt
	case float64:
	case bool:
		v = "No"
		if x {
			v = "Yes"
		}
	default:
		return false, fmt.Errorf("cannot write a %T", v)
	}
	id, err := w.styles.id(kind, tone)
	if err != nil {
		return false, err
	}
	*c = excelize.Cell{StyleID: id, Value: v}
	return true, nil
}

// blank is an empty cell, coloured when it has a tone.
func (w *Workbook) blank(c *excelize.Cell, tone Tone) (bool, error) {
	if tone == ToneNone {
		return false, nil
	}
	id, err := w.styles.id(kindText, tone)
	if err != nil {
		return false, err
	}
	*c = excelize.Cell{StyleID: id}
	return true, nil
}

// Close ends the sheet: the autofilter covers the header and every row.
func (s *Sheet) Close() error {
	if s.sw == nil {
		return nil
	}
	if s.wb.open == s {
		s.wb.open = nil
	}
	last, err := excelize.CoordinatesToCellName(max(s.cols, 1), s.rows+1)
	if err != nil {
		return fmt.Errorf("report: sheet %q: %w", s.name, err)
	}
	// The worksheet the stream writer flushes is the one AutoFilter edits,
	// so the filter is written after the rows without re-reading them.
	if err := s.wb.f.AutoFilter(s.name, "A1:"+last, nil); err != nil {
		return fmt.Errorf("report: sheet %q: autofilter: %w", s.name, err)
	}
	if err := s.sw.Flush(); err != nil {
		return fmt.Errorf("report: sheet %q: flush: %w", s.name, err)
	}
	s.sw = nil
	return nil
}

// Write adds the Report sheet (unless meta has no title: templates have
// none) and writes the zipped workbook to out as
// it is compressed, so only the sheets' temporary data and the zip
// writer's window are held, never the whole file.
func (w *Workbook) Write(meta Meta, out io.Writer) error {
	if w.open != nil {
		if err := w.open.Close(); err != nil {
			return err
		}
	}
	if meta.Title != "" {
		if err := w.writeReportSheet(meta); err != nil {
			return err
		}
	}
	w.f.SetActiveSheet(0)
	// excelize zips into whatever its ZipWriter returns; pointing that at
	// out (instead of the buffer it passes) streams the file.
	w.f.ZipWriter = func(io.Writer) excelize.ZipWriter {
		zw := zip.NewWriter(out)
		zw.RegisterCompressor(zip.Deflate, func(o io.Writer) (io.WriteCloser, error) {
			return flate.NewWriter(o, flate.BestSpeed)
		})
		return zw
	}
	if _, err := w.f.WriteToBuffer(); err != nil {
		return fmt.Errorf("report: write workbook: %w", err)
	}
	return nil
}

// Neutralize makes text that a spreadsheet program would read as a formula
// inert, as OWASP recommends for CSV injection: text starting with = + - @,
// a tab or a carriage return gets a leading apostrophe. Cells are written
// as strings anyway; the apostrophe also keeps the text inert when someone
// edits the cell or saves the sheet as CSV. Imports undo it (see
// unneutralize).
func Neutralize(s string) string {
	if s != "" && isFormulaTrigger(s[0]) {
		return "'" + s
	}
	return s
}

func isFormulaTrigger(b byte) bool {
	switch b {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	}
	return false
}

// AddChart places a native Excel chart on the sheet, before it is closed.
// Its series refer to cells of this or earlier sheets.
func (s *Sheet) AddChart(cell string, chart *excelize.Chart) error {
	if s.sw == nil {
		return errors.New("report: chart on a closed sheet")
	}
	if err := s.wb.f.AddChart(s.name, cell, chart); err != nil {
		return fmt.Errorf("report: sheet %q: chart: %w", s.name, err)
	}
	return nil
}

// Range is an absolute reference to rows first..last of column col on the
// sheet, as chart series want it.
func (s *Sheet) Range(col, first, last int) string {
	a, _ := excelize.CoordinatesToCellName(col, first, true)
	b, _ := excelize.CoordinatesToCellName(col, last, true)
	return "'" + s.name + "'!" + a + ":" + b
}

// AddValidation offers a drop-down list of values on a range of the
// sheet, before it is closed.
func (s *Sheet) AddValidation(sqref string, values []string) error {
	dv := excelize.NewDataValidation(true)
	dv.Sqref = sqref
	if err := dv.SetDropList(values); err != nil {
		return fmt.Errorf("report: sheet %q: validation: %w", s.name, err)
	}
	if err := s.wb.f.AddDataValidation(s.name, dv); err != nil {
		return fmt.Errorf("report: sheet %q: validation: %w", s.name, err)
	}
	return nil
}
