package spreadsheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// book is an import file of any format, read sheet by sheet.
type book interface {
	Sheets() []string
	Rows(sheet string) (sheetRows, error)
	// Date1904 reports whether date serials count from 1904 (old Mac
	// workbooks), which shifts every date by four years.
	Date1904() bool
	Close() error
}

// sheetRows is one sheet read row by row, as the spreadsheet shows it:
// every cell as its value, formulas as the value last calculated.
type sheetRows interface {
	Next() bool
	Columns() ([]string, error)
	// NoValue reports whether the cell in column col (0-based) of the
	// current row holds a formula saved without its value.
	NoValue(col int) bool
	Error() error
	Close() error
}

// xlsxBook reads an .xlsx workbook with excelize.
type xlsxBook struct{ f *excelize.File }

func (b xlsxBook) Sheets() []string { return b.f.GetSheetList() }
func (b xlsxBook) Close() error     { return b.f.Close() }

func (b xlsxBook) Date1904() bool {
	props, err := b.f.GetWorkbookProps()
	return err == nil && props.Date1904 != nil && *props.Date1904
}

func (b xlsxBook) Rows(sheet string) (sheetRows, error) {
	r, err := b.f.Rows(sheet)
	if err != nil {
		return nil, err
	}
	return &xlsxRows{f: b.f, sheet: sheet, rows: r}, nil
}

type xlsxRows struct {
	f     *excelize.File
	sheet string
	rows  *excelize.Rows
	n     int
}

func (r *xlsxRows) Next() bool {
	if r.rows.Next() {
		r.n++
		return true
	}
	return false
}

func (r *xlsxRows) Columns() ([]string, error) {
	return r.rows.Columns(excelize.Options{RawCellValue: true})
}

func (r *xlsxRows) NoValue(col int) bool {
	cell, err := excelize.CoordinatesToCellName(col+1, r.n)
	if err != nil {
		return false
	}
	formula, err := r.f.GetCellFormula(r.sheet, cell)
	return err == nil && formula != ""
}

func (r *xlsxRows) Error() error { return r.rows.Error() }
func (r *xlsxRows) Close() error { return r.rows.Close() }

// csvBook is a .csv file as Excel and LibreOffice save it: UTF-8 (a byte
// order mark is dropped), fields separated by commas or semicolons
// (whichever the header line has more of), quoted as RFC 4180 says. It is
// one sheet, named "CSV"; its cells are text, so it has no formulas.
type csvBook struct{ records [][]string }

// csvSheet is the name a CSV file's one sheet goes by in answers.
const csvSheet = "CSV"

func readCSV(data []byte) (book, error) {
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if !utf8.Valid(data) {
		return nil, fileError("The file is neither an Excel workbook nor a UTF-8 text (CSV) file. Save it as .xlsx, or as CSV UTF-8 (comma or semicolon separated).")
	}
	first, _, _ := bytes.Cut(data, []byte("\n"))
	sep := ','
	if bytes.Count(first, []byte(";")) > bytes.Count(first, []byte(",")) {
		sep = ';'
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma, r.FieldsPerRecord, r.LazyQuotes = sep, -1, true
	records, err := r.ReadAll()
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, fileError(fmt.Sprintf("Line %d of the CSV file could not be read: %v. Save it again from Excel or LibreOffice as CSV UTF-8.", pe.Line, pe.Err))
		}
		return nil, fileError("The CSV file could not be read. Save it again from Excel or LibreOffice as CSV UTF-8.")
	}
	return &csvBook{records: records}, nil
}

func (b *csvBook) Sheets() []string { return []string{csvSheet} }
func (b *csvBook) Date1904() bool   { return false }
func (b *csvBook) Close() error     { return nil }

func (b *csvBook) Rows(string) (sheetRows, error) { return &csvRows{records: b.records, n: -1}, nil }

type csvRows struct {
	records [][]string
	n       int
}

func (r *csvRows) Next() bool                 { r.n++; return r.n < len(r.records) }
func (r *csvRows) Columns() ([]string, error) { return r.records[r.n], nil }
func (r *csvRows) NoValue(int) bool           { return false }
func (r *csvRows) Error() error               { return nil }
func (r *csvRows) Close() error               { return nil }
