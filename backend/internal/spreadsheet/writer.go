// Package spreadsheet writes qualtrack's spreadsheet reports and reads its
// spreadsheet imports, with excelize. Reports stream their rows through
// excelize's StreamWriter, sheet by sheet, and the finished workbook is
// zipped straight onto the response; imports read a workbook within fixed
// limits and turn its rows into store records or problems a person can fix.
package spreadsheet

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

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

// Criterion is one filter in words: "Expiring within", "90 days".
type Criterion struct {
	Label string
	Text  string
}

// Meta says what a report is, who made it and when.
type Meta struct {
	Title       string
	GeneratedAt time.Time
	GeneratedBy string
	Filters     []Filter
	// Criteria are the filters in words, as the Report sheet shows them;
	// without them it shows Filters as they are.
	Criteria []Criterion
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
	// title and at name the workbook in its document properties and in
	// every printed page's footer.
	title string
	at    time.Time
	// dimensions are the sheets' real used ranges, by sheet name.
	dimensions map[string]string
}

// setDimension records a sheet's used range. The stream writer writes the
// sheet's <dimension> before its rows are known (as A1), so Write puts
// the real one in while zipping the sheet.
func (w *Workbook) setDimension(sheet, ref string) {
	if w.dimensions == nil {
		w.dimensions = map[string]string{}
	}
	w.dimensions[sheet] = ref
}

// SetTitle names the workbook and the time it was made, for its document
// properties and its printed pages' footers.
func (w *Workbook) SetTitle(title string, at time.Time) { w.title, w.at = title, at.UTC() }

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
	width float64 // the columns' widths added up, in characters
	// printCols, when set, limits the printed page to the first columns.
	printCols int
	colWidths []float64
	rows      int // data rows written
	cells     []any
	buf       []excelize.Cell
	// rowOpts gives every row the plain text style, so excelize takes a
	// cell's style from the cell or the row and never scans the column
	// definitions for each cell.
	rowOpts excelize.RowOpts
}

// AddSheet starts a sheet with a header row. Only one sheet is open at a
// time: adding one closes the previous.
func (w *Workbook) AddSheet(name string, cols []Column) (*Sheet, error) {
	return w.AddListSheet(name, 0, cols)
}

// AddListSheet starts a sheet whose first keys columns identify each row
// (a site code, a record's id): they stay in view with the header row
// when the sheet is scrolled sideways.
func (w *Workbook) AddListSheet(name string, keys int, cols []Column) (*Sheet, error) {
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
	// The stream writer writes the sheet's properties when it starts.
	if err := w.f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: ptr(true)}); err != nil {
		return nil, fmt.Errorf("report: sheet %q: %w", name, err)
	}
	cols = headerWidths(cols)
	sw, err := w.f.NewStreamWriter(name)
	if err != nil {
		return nil, fmt.Errorf("report: sheet %q: %w", name, err)
	}
	s := &Sheet{wb: w, name: name, sw: sw, cols: len(cols), cells: make([]any, len(cols)), buf: make([]excelize.Cell, len(cols))}
	for _, c := range cols {
		s.width += c.Width
		s.colWidths = append(s.colWidths, c.Width)
	}
	w.sheets = append(w.sheets, s)
	w.open = s
	// excelize puts each new width first; setting them right to left
	// leaves the <col> elements in the ascending order Excel requires.
	for i := len(cols) - 1; i >= 0; i-- {
		if err := sw.SetColWidth(i+1, i+1, cols[i].Width); err != nil {
			return nil, fmt.Errorf("report: sheet %q: width: %w", name, err)
		}
	}
	if err := sw.SetPanes(frozenPanes(min(keys, len(cols)-1))); err != nil {
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
	lines := 2
	for i, c := range cols {
		row[i] = excelize.Cell{StyleID: header, Value: c.Header}
		lines = max(lines, headerLines(c.Header, c.Width))
	}
	if err := sw.SetRow("A1", row, excelize.RowOpts{Height: float64(lines) * lineHeight}); err != nil {
		return nil, fmt.Errorf("report: sheet %q: header: %w", name, err)
	}
	return s, nil
}

// frozenPanes keeps the header row, and the first keys columns, in view.
func frozenPanes(keys int) *excelize.Panes {
	if keys <= 0 {
		return &excelize.Panes{
			Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
			Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}},
		}
	}
	first, _ := excelize.CoordinatesToCellName(keys+1, 2)
	return &excelize.Panes{
		Freeze: true, XSplit: keys, YSplit: 1, TopLeftCell: first, ActivePane: "bottomRight",
		Selection: []excelize.Selection{
			{Pane: "topRight"}, {Pane: "bottomLeft"},
			{SQRef: first, ActiveCell: first, Pane: "bottomRight"},
		},
	}
}

// Headers are bold, which takes about a tenth more room than the width
// estimate (in characters of the normal font) allows for.
const boldFactor = 1.15

// headerWidths widens every column whose header has a word too long for
// it: a header wraps between words, never inside one, so a long word
// would be clipped.
func headerWidths(cols []Column) []Column {
	out := cols
	for i, c := range cols {
		need := 0.0
		for _, word := range strings.Fields(c.Header) {
			need = max(need, float64(utf8.RuneCountInString(word))*boldFactor+2)
		}
		if need > c.Width {
			if &out[0] == &cols[0] {
				out = append([]Column(nil), cols...)
			}
			out[i].Width = need
		}
	}
	return out
}

// headerLines is how many lines a bold header takes in a column, wrapped
// between words as a spreadsheet program wraps it.
func headerLines(h string, width float64) int {
	room := width - 2 // the cell's padding
	lines, used := 1, 0.0
	for _, word := range strings.Fields(h) {
		w := float64(utf8.RuneCountInString(word)) * boldFactor
		switch {
		case used == 0:
			used = w
		case used+boldFactor+w <= room:
			used += boldFactor + w
		default:
			lines++
			used = w
		}
	}
	return lines
}

// PrintColumns limits the printed pages to the first n columns: a list
// too wide to read on paper prints the columns that matter and keeps the
// rest on screen.
func (s *Sheet) PrintColumns(n int) {
	if n > 0 && n < s.cols {
		s.printCols = n
	}
}

// lineHeight is the height, in points, of one line of text in the
// workbook's font; maxRowLines bounds a row's height (Excel allows 409
// points).
const (
	lineHeight  = 15
	maxRowLines = 27
)

// valueLines is how many lines a value takes in a column width wide.
func valueLines(v any, width float64) int {
	switch x := v.(type) {
	case string:
		return textLines(x, width)
	case Toned:
		return valueLines(x.Value, width)
	}
	return 1
}

// textLines estimates the lines wrapped text takes in a column width
// characters wide: each line break starts a line, and a long line wraps
// at about the column's width (a little less, for word breaks).
func textLines(s string, width float64) int {
	if len(s) <= int(width) && !strings.ContainsRune(s, '\n') {
		return 1
	}
	per := max(int(width*0.9)-1, 4)
	n := 0
	for _, line := range strings.Split(s, "\n") {
		n += max(1, (utf8.RuneCountInString(line)+per-1)/per)
	}
	return n
}

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
	rows := overflowRows(values)
	if rows == nil {
		return s.add(values)
	}
	for _, r := range rows {
		if err := s.add(r); err != nil {
			return err
		}
	}
	return nil
}

func (s *Sheet) add(values []any) error {
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
	// Wrapped text needs a row tall enough to show it: spreadsheet
	// programs do not all measure rows when they open a file, and a row
	// too short lets the text spill over the next one when printed.
	opts, lines := s.rowOpts, 1
	for i, v := range values {
		if i < len(s.colWidths) {
			lines = max(lines, valueLines(v, s.colWidths[i]))
		}
	}
	if lines > 1 {
		opts.Height = float64(min(lines, maxRowLines)) * lineHeight
	}
	if err := s.sw.SetRow(ref, cells, opts); err != nil {
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
	s.wb.setDimension(s.name, "A1:"+last)
	width := s.width
	if s.printCols > 0 {
		width = 0
		for _, w := range s.colWidths[:s.printCols] {
			width += w
		}
		last, _ := excelize.ColumnNumberToName(s.printCols)
		err := s.wb.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", RefersTo: "'" + s.name + "'!$A:$" + last, Scope: s.name})
		if err != nil {
			return fmt.Errorf("report: sheet %q: print area: %w", s.name, err)
		}
	}
	if err := s.wb.printSetup(s.name, width, true); err != nil {
		return err
	}
	if err := s.sw.Flush(); err != nil {
		return fmt.Errorf("report: sheet %q: flush: %w", s.name, err)
	}
	s.sw = nil
	return nil
}

// wideSheet is the width, in characters, beyond which a sheet prints in
// landscape.
const wideSheet = 100

// printSetup makes a sheet print legibly: A4, landscape when wide, every
// column on one page width, the header row repeated on every page (when
// header is set), and a footer with the report, page x of y and when it
// was generated. It edits the worksheet a stream writer is about to
// flush, so nothing is read back.
func (w *Workbook) printSetup(sheet string, width float64, header bool) error {
	orientation := "portrait"
	if width > wideSheet {
		orientation = "landscape"
	}
	err := w.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{
		Size: ptr(9), Orientation: &orientation, FitToWidth: ptr(1), FitToHeight: ptr(0),
	})
	if err == nil {
		err = w.f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{
			Left: ptr(0.4), Right: ptr(0.4), Top: ptr(0.5), Bottom: ptr(0.6), Header: ptr(0.3), Footer: ptr(0.3),
		})
	}
	if err == nil {
		err = w.f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: w.footer()})
	}
	if err == nil && header {
		err = w.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: "'" + sheet + "'!$1:$1", Scope: sheet})
	}
	if err != nil {
		return fmt.Errorf("report: sheet %q: print setup: %w", sheet, err)
	}
	return nil
}

// footer is the printed footer: the report on the left, page x of y in
// the middle, when it was generated on the right.
func (w *Workbook) footer() string {
	title := w.title
	if title == "" {
		title = "qualtrack"
	}
	at := ""
	if !w.at.IsZero() {
		at = "&R&8Generated " + w.at.Format("2006-01-02 15:04") + " UTC"
	}
	// & starts a footer code: a literal one is written twice.
	title = strings.ReplaceAll(title, "&", "&&")
	return "&L&8" + title + "&C&8Page &P of &N" + at
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
	at := w.at
	if at.IsZero() {
		at = time.Now().UTC()
	}
	err := w.f.SetDocProps(&excelize.DocProperties{
		Creator: "qualtrack", LastModifiedBy: "qualtrack", Title: w.title,
		Created: at.Format(time.RFC3339), Modified: at.Format(time.RFC3339),
	})
	if err != nil {
		return fmt.Errorf("report: document properties: %w", err)
	}
	// excelize zips into whatever its ZipWriter returns; pointing that at
	// out (instead of the buffer it passes) streams the file.
	dims := map[string]string{}
	for id, name := range w.f.GetSheetMap() {
		if ref, ok := w.dimensions[name]; ok {
			dims["xl/worksheets/sheet"+strconv.Itoa(id)+".xml"] = ref
		}
	}
	w.f.ZipWriter = func(io.Writer) excelize.ZipWriter {
		zw := zip.NewWriter(out)
		zw.RegisterCompressor(zip.Deflate, func(o io.Writer) (io.WriteCloser, error) {
			return flate.NewWriter(o, flate.BestSpeed)
		})
		return &dimensionWriter{Writer: zw, dims: dims}
	}
	if _, err := w.f.WriteToBuffer(); err != nil {
		return fmt.Errorf("report: write workbook: %w", err)
	}
	return nil
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

// dimensionWriter zips the workbook, writing each streamed sheet's real
// dimension in place of the placeholder the stream writer wrote.
type dimensionWriter struct {
	*zip.Writer
	dims map[string]string // sheet part -> used range
	open *dimensionFixer
}

func (z *dimensionWriter) Create(name string) (io.Writer, error) {
	if err := z.flush(); err != nil {
		return nil, err
	}
	w, err := z.Writer.Create(name)
	if ref, ok := z.dims[name]; ok && err == nil {
		z.open = &dimensionFixer{w: w, ref: ref}
		return z.open, nil
	}
	return w, err
}

func (z *dimensionWriter) Close() error {
	if err := z.flush(); err != nil {
		return err
	}
	return z.Writer.Close()
}

// flush writes what the open sheet still holds back (a sheet too short
// to reach the search bound without a placeholder).
func (z *dimensionWriter) flush() error {
	d := z.open
	z.open = nil
	if d == nil || d.done || len(d.head) == 0 {
		return nil
	}
	d.done = true
	_, err := d.w.Write(d.head)
	return err
}

// dimensionFixer holds back the start of a sheet's XML until the
// <dimension> element has passed, rewrites it, and then passes the rest
// through untouched: nothing but the first few hundred bytes is held.
type dimensionFixer struct {
	w    io.Writer
	ref  string
	head []byte
	done bool
}

// dimensionSearch bounds how far into a sheet the <dimension> may be.
const dimensionSearch = 4096

var placeholderDimension = []byte(`<dimension ref="A1"></dimension>`)

func (d *dimensionFixer) Write(p []byte) (int, error) {
	if d.done {
		return d.w.Write(p)
	}
	d.head = append(d.head, p...)
	i := bytes.Index(d.head, placeholderDimension)
	if i < 0 {
		i = bytes.Index(d.head, []byte(`<dimension ref="A1"/>`))
	}
	switch {
	case i >= 0:
		end := i + bytes.IndexByte(d.head[i:], '>') + 1
		if bytes.HasPrefix(d.head[i:], placeholderDimension) {
			end = i + len(placeholderDimension)
		}
		out := append(append(append([]byte{}, d.head[:i]...), `<dimension ref="`+d.ref+`"/>`...), d.head[end:]...)
		d.done, d.head = true, nil
		if _, err := d.w.Write(out); err != nil {
			return 0, err
		}
	case len(d.head) > dimensionSearch:
		d.done = true
		if _, err := d.w.Write(d.head); err != nil {
			return 0, err
		}
		d.head = nil
	}
	return len(p), nil
}
