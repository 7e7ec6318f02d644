package spreadsheet

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

// ClearMarker in a cell clears the field; a blank cell leaves it as it
// is. It is matched ignoring case and surrounding spaces.
const ClearMarker = "(clear)"

// rowReader reads the cells of one row, collecting problems.
type rowReader struct {
	t        *table
	row      int
	cells    []string
	date1904 bool
	// noValue reports whether the cell in a column holds a formula that
	// was saved without its value (nil: the format has no formulas).
	noValue  func(col int) bool
	problems *[]Problem
	// failedKeys are the fields of this row that have a problem, so
	// checking is constant time however many problems the file has.
	failedKeys map[string]bool
	// set are the fields the row gives a value or clears.
	set []string
}

func (r *rowReader) fail(key, msg string) {
	*r.problems = append(*r.problems, r.t.problem(r.row, key, msg))
	if r.failedKeys == nil {
		r.failedKeys = map[string]bool{}
	}
	r.failedKeys[key] = true
}

// failed reports whether the field's cell already has a problem.
func (r *rowReader) failed(key string) bool { return r.failedKeys[key] }

// hasProblems reports whether the row has a problem.
func (r *rowReader) hasProblems() bool { return len(r.failedKeys) > 0 }

// text is the trimmed text of the field's cell ("" without a column).
// Error values left by a broken formula are refused, and so is a formula
// saved without its value: the cell is not really blank.
func (r *rowReader) text(key string) string {
	i, ok := r.t.col[key]
	if !ok {
		return ""
	}
	v := ""
	if i < len(r.cells) {
		v = strings.TrimSpace(r.cells[i])
	}
	if v == "" && r.noValue != nil && r.noValue(i) {
		r.fail(key, "The cell holds a formula saved without its value, so qualtrack cannot see what it shows. Open the file in Excel or LibreOffice, let it calculate, save it and import again, or type the value.")
		return ""
	}
	if cellErrors[v] || libreOfficeError.MatchString(v) {
		r.fail(key, fmt.Sprintf("The cell shows the error %s, left by a formula. Fix the formula or type the value.", v))
		return ""
	}
	return unneutralize(v)
}

// field reads a field that a blank cell leaves as it is: ok is false for
// a blank cell (or a problem); a cell holding ClearMarker gives "" and
// ok. Either way a set field is remembered in r.set.
func (r *rowReader) field(key string) (v string, ok bool) {
	v = r.text(key)
	switch {
	case r.failed(key):
		return "", false
	case strings.EqualFold(v, ClearMarker):
		v = ""
	case v == "":
		return "", false
	}
	r.set = append(r.set, key)
	return v, true
}

// key reads a field that identifies the record: it cannot be blank or
// cleared.
func (r *rowReader) key(key, label, how string) string {
	v := r.text(key)
	switch {
	case r.failed(key):
	case v == "":
		r.fail(key, fmt.Sprintf("The %s is missing. %s", label, how))
	case strings.EqualFold(v, ClearMarker):
		r.fail(key, fmt.Sprintf("The %s identifies the row's record and cannot be cleared.", label))
		v = ""
	}
	return v
}

// date reads an Excel date cell, or text in an unambiguous form, as
// field does.
func (r *rowReader) date(key, label string) model.Date {
	v, ok := r.field(key)
	if !ok || v == "" {
		return model.Date{}
	}
	d, err := parseImportDate(v, r.date1904)
	if err != nil {
		r.fail(key, fmt.Sprintf("The %s %s", label, err.Error()))
	}
	return d
}

// libreOfficeError is LibreOffice's form of a formula's error ("Err:502").
var libreOfficeError = regexp.MustCompile(`^Err:\d{3}$`)

// cellErrors are the error values a formula can leave in a cell.
var cellErrors = map[string]bool{
	"#NULL!": true, "#DIV/0!": true, "#VALUE!": true, "#REF!": true, "#NAME?": true,
	"#NUM!": true, "#N/A": true, "#GETTING_DATA": true, "#SPILL!": true, "#CALC!": true,
}

var (
	isoDate   = regexp.MustCompile(`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$`)
	dottedDMY = regexp.MustCompile(`^(\d{1,2})\.(\d{1,2})\.(\d{4})$`)
	slashed   = regexp.MustCompile(`^(\d{1,2})/(\d{1,2})/(\d{4})$`)
	excelNum  = regexp.MustCompile(`^\d+(\.\d+)?$`)
	// Written-out months cannot be misread: "15 Jun 2026", "15-Jun-2026",
	// "June 15, 2026", "Jun 15 2026".
	namedLayouts = []string{"2 Jan 2006", "2-Jan-2006", "2 January 2006", "2-January-2006", "Jan 2, 2006", "January 2, 2006", "Jan 2 2006", "January 2 2006", "2-Jan-06"}
)

// Serial numbers outside 1950-01-01 .. 2199-12-31 are not read as dates:
// a number like 2026 is far likelier a year typed in the wrong column.
const (
	minDateSerial = 18264
	maxDateSerial = 109574
)

// parseImportDate reads what a spreadsheet holds for a date: a date cell
// (an Excel serial number), ISO text (2026-06-15), day.month.year with
// dots (15.06.2026) or a written-out month. Slashed forms like 06/07/2026
// are refused: they mean different days in different countries.
func parseImportDate(v string, date1904 bool) (model.Date, error) {
	if excelNum.MatchString(v) {
		n, err := strconv.ParseFloat(v, 64)
		if err == nil && n >= minDateSerial && n <= maxDateSerial {
			t, err := excelize.ExcelDateToTime(n, date1904)
			if err == nil {
				return model.DateOf(t), nil
			}
		}
		return model.Date{}, fmt.Errorf("%q is a number, not a date. Format the cell as a date or write it as YYYY-MM-DD, e.g. 2027-03-31.", v)
	}
	if m := isoDate.FindStringSubmatch(v); m != nil {
		return ymd(v, m[1], m[2], m[3])
	}
	if m := dottedDMY.FindStringSubmatch(v); m != nil {
		return ymd(v, m[3], m[2], m[1])
	}
	for _, layout := range namedLayouts {
		if t, err := time.Parse(layout, v); err == nil {
			return model.DateOf(t), nil
		}
	}
	if m := slashed.FindStringSubmatch(v); m != nil {
		a, _ := strconv.Atoi(m[1])
		b, _ := strconv.Atoi(m[2])
		switch {
		case a > 12 || a == b: // 13/03/2026 and 05/05/2026 mean one day
			return ymd(v, m[3], m[2], m[1])
		case b > 12: // 03/13/2026
			return ymd(v, m[3], m[1], m[2])
		}
	}
	if strings.Count(v, "/") == 2 {
		return model.Date{}, fmt.Errorf("%q could be read as two different days (month/day or day/month). Write it as YYYY-MM-DD, e.g. 2027-03-31, or format the cell as a date.", v)
	}
	return model.Date{}, fmt.Errorf("%q is not a date. Write it as YYYY-MM-DD, e.g. 2027-03-31, or format the cell as a date.", v)
}

func ymd(v, y, m, d string) (model.Date, error) {
	yy, _ := strconv.Atoi(y)
	mm, _ := strconv.Atoi(m)
	dd, _ := strconv.Atoi(d)
	t := time.Date(yy, time.Month(mm), dd, 0, 0, 0, 0, time.UTC)
	if mm < 1 || mm > 12 || t.Day() != dd || yy < 1900 || yy > 2199 {
		return model.Date{}, fmt.Errorf("%q is not a day that exists. Write it as YYYY-MM-DD, e.g. 2027-03-31.", v)
	}
	return model.DateOf(t), nil
}

// parseYesNo reads a yes/no cell; an empty (or cleared) cell is no.
func parseYesNo(v string) (bool, bool) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "", "no", "n", "false", "0", "-":
		return false, true
	case "yes", "y", "true", "1", "x", "withdrawn":
		return true, true
	}
	return false, false
}
