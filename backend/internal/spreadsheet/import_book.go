package spreadsheet

import (
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
