package spreadsheet

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"

	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// Limits bound what an import reads. The request body limit bounds the
// file itself; these bound what it unpacks to and how many rows it holds.
type Limits struct {
	// MaxRows is the most data rows (below the header) a sheet may have.
	MaxRows int
	// MaxUnzipped bounds the total unpacked size of the workbook, so a
	// small zip that unpacks to gigabytes (a zip bomb) is refused.
	MaxUnzipped int64
	// MaxUnzippedXML bounds the part of a sheet kept in memory; larger
	// sheets are unpacked to a temporary file by excelize.
	MaxUnzippedXML int64
}

// DefaultLimits are the import limits without configuration.
var DefaultLimits = Limits{MaxRows: 20000, MaxUnzipped: 100 << 20, MaxUnzippedXML: 16 << 20}

// Problem is something wrong with an import, where the spreadsheet shows
// it: Row is the row number on screen (the header is row 1 in a template)
// and Column the header of the column as the file spells it.
type Problem struct {
	Sheet   string `json:"sheet"`
	Row     int    `json:"row"`
	Column  string `json:"column"`
	Cell    string `json:"cell,omitempty"`
	Message string `json:"message"`
}

// FileError is a file that cannot be imported at all: not a workbook,
// password-protected, too big unpacked, too many rows, no usable sheet.
// Problems say where, when there is a where.
type FileError struct {
	Message  string
	Problems []Problem
}

func (e *FileError) Error() string { return e.Message }

func fileError(msg string, where ...Problem) *FileError {
	if len(where) == 0 {
		where = []Problem{{Message: msg}}
	}
	return &FileError{Message: msg, Problems: where}
}

var (
	zipMagic = []byte("PK\x03\x04")
	// oleMagic starts OLE compound files: old .xls workbooks, and .xlsx
	// files encrypted with a password (which Office wraps in OLE).
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	// encryptedPackage is the stream name of an encrypted OOXML file, as
	// stored in the OLE directory (UTF-16LE).
	encryptedPackage = utf16le("EncryptedPackage")
)

func utf16le(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

// ErrPasswordProtected is the message for an encrypted workbook.
const ErrPasswordProtected = "The file is password-protected; remove the password and try again (in Excel: File > Info > Protect Workbook > Encrypt with Password, clear the password, save)."

// errDamaged is the answer to a file excelize cannot make sense of.
const errDamaged = "The file could not be read as an Excel workbook; it may be damaged. Open it in Excel, save it as .xlsx and try again."

// recoverDamaged turns a panic while reading a malformed file into the
// FileError of a damaged file: bad input must never take a request down.
func recoverDamaged(err *error) {
	if r := recover(); r != nil {
		*err = fileError(errDamaged)
	}
}

// openWorkbook checks what the bytes are before excelize parses them and
// opens them within the limits. Encrypted and legacy files never reach
// excelize: decrypting would cost CPU for nothing.
func openWorkbook(data []byte, limits Limits) (book, error) {
	switch {
	case len(data) == 0:
		return nil, fileError("The file is empty. Choose the .xlsx, .ods or .csv file to import.")
	case bytes.HasPrefix(data, oleMagic):
		if bytes.Contains(data, encryptedPackage) {
			return nil, fileError(ErrPasswordProtected)
		}
		return nil, fileError("This is an Excel 97-2003 workbook (.xls). Open it in Excel and save it as an Excel Workbook (.xlsx), then import that file.")
	case !bytes.HasPrefix(data, zipMagic):
		// Not a zip: a CSV file, or nothing qualtrack reads.
		if len(data) > int(limits.MaxUnzipped) {
			return nil, fileError(fmt.Sprintf("The file is larger than %d MB, the most qualtrack reads.", limits.MaxUnzipped>>20))
		}
		return readCSV(data)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fileError(errDamaged)
	}
	switch mt := odfMimeType(zr); {
	case mt == odsMimeType:
		return readODS(zr, limits)
	case strings.HasPrefix(mt, "application/vnd.oasis.opendocument."):
		return nil, fileError("This is an OpenDocument file, but not a spreadsheet. Import a spreadsheet saved as .ods, .xlsx or .csv.")
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit:    limits.MaxUnzipped,
		UnzipXMLSizeLimit: min(limits.MaxUnzippedXML, limits.MaxUnzipped),
	})
	if err != nil {
		if f != nil {
			_ = f.Close()
		}
		if strings.Contains(err.Error(), "unzip size exceeds") {
			return nil, fileError(fmt.Sprintf("The file unpacks to more than %d MB, the most qualtrack reads. Remove unused sheets, images and formatting, or split the file.", limits.MaxUnzipped>>20))
		}
		return nil, fileError(errDamaged)
	}
	if len(f.GetSheetList()) == 0 {
		_ = f.Close()
		return nil, fileError("The file has no worksheets.")
	}
	return xlsxBook{f}, nil
}

// field is one column an import understands.
type field struct {
	key      string // the store's field name
	header   string // the template's header
	aliases  []string
	required bool
	// help and allowed explain the column on the template's Notes sheet.
	help    string
	example string
}

// headerKey normalises a header for matching: letters and digits only,
// lower case, without a bracketed remark, so "Contact E-Mail",
// "contact_email" and "Contact email (work)" all match.
func headerKey(h string) string {
	if i := strings.IndexAny(h, "(["); i > 0 {
		h = h[:i]
	}
	var b strings.Builder
	for _, r := range strings.ToLower(h) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// table is a sheet whose header row has been matched to fields.
type table struct {
	key       string // the key field, the first one
	sheet     string
	headerRow int
	col       map[string]int    // field key -> column index (0-based)
	written   map[string]string // field key -> header as the file spells it
	ignored   []string          // headers that match no field
}

// has reports whether the file has a column for the field.
func (t *table) has(key string) bool { _, ok := t.col[key]; return ok }

// problem is a Problem on row in the field's column.
func (t *table) problem(row int, key, msg string) Problem {
	p := Problem{Sheet: t.sheet, Row: row, Column: t.written[key], Message: msg}
	if i, ok := t.col[key]; ok {
		p.Cell, _ = excelize.CoordinatesToCellName(i+1, row)
	}
	return p
}

// storeProblems places problems the store found on their rows and columns.
func (t *table) storeProblems(ps []store.ImportProblem, fields []field) []Problem {
	out := make([]Problem, 0, len(ps))
	for _, p := range ps {
		pr := t.problem(p.Row, p.Field, p.Message)
		if pr.Column == "" {
			pr.Column = headerOf(fields, p.Field)
		}
		out = append(out, pr)
	}
	return out
}

func headerOf(fields []field, key string) string {
	for _, f := range fields {
		if f.key == key {
			return f.header
		}
	}
	return ""
}

// headerSearchRows is how far down a sheet the header row may be: files
// often start with a title and a blank line.
const headerSearchRows = 10

// matchHeader maps a row of headers onto fields. It returns nil when the
// row lacks the key field (the first one), so it is not a header.
func matchHeader(cells []string, fields []field) (*table, error) {
	byKey := map[string]int{}
	for i, f := range fields {
		byKey[headerKey(f.header)] = i
		for _, a := range f.aliases {
			byKey[headerKey(a)] = i
		}
	}
	t := &table{key: fields[0].key, col: map[string]int{}, written: map[string]string{}}
	var dup []string
	for i, c := range cells {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		fi, ok := byKey[headerKey(c)]
		if !ok {
			t.ignored = append(t.ignored, c)
			continue
		}
		key := fields[fi].key
		if j, seen := t.col[key]; seen {
			a, _ := excelize.ColumnNumberToName(j + 1)
			b, _ := excelize.ColumnNumberToName(i + 1)
			dup = append(dup, fmt.Sprintf("columns %s (%s) and %s (%s) are both read as %s; delete or rename one of them", a, t.written[key], b, c, fields[fi].header))
			continue
		}
		t.col[key], t.written[key] = i, c
	}
	if !t.has(fields[0].key) {
		return nil, nil
	}
	if len(dup) > 0 {
		return t, errors.New(strings.Join(dup, "; "))
	}
	return t, nil
}

// readRows finds the sheet with the fields' header and calls fn with
// every non-blank row below it (row numbers as the spreadsheet shows
// them), problems collected in problems. Missing required columns, an
// empty sheet and too many rows are file errors. Sheets before the data
// sheet (a legend, instructions) are passed over.
func readRows(b book, fields []field, limits Limits, fn func(r *rowReader), problems *[]Problem) (*table, error) {
	var t *table
	var rows sheetRows
	for _, name := range b.Sheets() {
		r, err := b.Rows(name)
		if err != nil {
			continue // a chart sheet or a broken one: look at the next
		}
		for n := 1; n <= headerSearchRows && r.Next(); n++ {
			cells, err := r.Columns()
			if err != nil {
				break
			}
			found, err := matchHeader(cells, fields)
			if err != nil {
				_ = r.Close()
				return nil, fileError("The header row has a column twice.", Problem{Sheet: name, Row: n, Message: capitalizeFirst(err.Error()) + "."})
			}
			if found != nil {
				found.sheet, found.headerRow, t = name, n, found
				break
			}
		}
		if t != nil {
			rows = r
			break
		}
		_ = r.Close()
	}
	if t == nil {
		first := b.Sheets()[0]
		return nil, fileError(fmt.Sprintf("No sheet has a %s column in its first %d rows. Put the column headers in the first row (download the template to see them).", fields[0].header, headerSearchRows),
			Problem{Sheet: first, Row: 1, Column: fields[0].header, Message: fmt.Sprintf("No sheet has a %s column. The first row must hold the column headers: %s.", fields[0].header, requiredHeaders(fields))})
	}
	defer rows.Close()
	var missing []Problem
	for _, fl := range fields {
		if fl.required && !t.has(fl.key) {
			missing = append(missing, Problem{Sheet: t.sheet, Row: t.headerRow, Column: fl.header,
				Message: fmt.Sprintf("The %s column is missing. Add a column headed %q%s.", fl.header, fl.header, aliasHint(fl))})
		}
	}
	if len(missing) > 0 {
		return nil, fileError("Required columns are missing.", missing...)
	}
	date1904 := b.Date1904()
	n, data := t.headerRow, 0
	for rows.Next() {
		n++
		cells, err := rows.Columns()
		if err != nil {
			return nil, fileError(fmt.Sprintf("Row %d of sheet %s could not be read; the file may be damaged. Open it in Excel, save it and try again.", n, t.sheet),
				Problem{Sheet: t.sheet, Row: n, Message: "This row could not be read."})
		}
		// A row with nothing in the columns the import reads is blank: an
		// export's continuation row (a list too long for one cell) or
		// notes of one's own in other columns.
		if t.blank(cells) && !t.formulaWithoutValue(rows) {
			continue
		}
		data++
		if data > limits.MaxRows {
			msg := fmt.Sprintf("The sheet %s has more than %d rows below the header; qualtrack imports at most %d rows at a time. Split the file and import each part.", t.sheet, limits.MaxRows, limits.MaxRows)
			return nil, fileError(msg, Problem{Sheet: t.sheet, Row: n, Message: msg})
		}
		fn(&rowReader{t: t, row: n, cells: cells, date1904: date1904, noValue: rows.NoValue, problems: problems})
	}
	if err := rows.Error(); err != nil {
		return nil, fileError("The sheet could not be read to the end; the file may be damaged.", Problem{Sheet: t.sheet, Row: n, Message: "Reading stopped here."})
	}
	if data == 0 {
		msg := fmt.Sprintf("The sheet %s has no rows below the header. Add one row per record under the header row.", t.sheet)
		return nil, fileError(msg, Problem{Sheet: t.sheet, Row: t.headerRow + 1, Message: "The sheet has no rows below the header."})
	}
	return t, nil
}

// formulaWithoutValue reports whether the key column of a row that looks
// blank holds a formula saved without its value: the row is not empty.
func (t *table) formulaWithoutValue(rows sheetRows) bool {
	return rows.NoValue(t.col[t.key])
}

// blank reports whether a row has nothing in any column the import reads.
func (t *table) blank(cells []string) bool {
	for _, i := range t.col {
		if i < len(cells) && strings.TrimSpace(cells[i]) != "" {
			return false
		}
	}
	return true
}

func requiredHeaders(fields []field) string {
	var names []string
	for _, f := range fields {
		if f.required {
			names = append(names, f.header)
		}
	}
	return strings.Join(names, ", ")
}

func aliasHint(f field) string {
	if len(f.aliases) == 0 {
		return ""
	}
	a := append([]string(nil), f.aliases...)
	sort.Strings(a)
	if len(a) > 3 {
		a = a[:3]
	}
	return " (or " + strings.Join(quoteAll(a), ", ") + ")"
}

func quoteAll(s []string) []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[i] = fmt.Sprintf("%q", v)
	}
	return out
}

func capitalizeFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}
