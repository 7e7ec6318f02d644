package spreadsheet

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// An OpenDocument spreadsheet (.ods, LibreOffice's own format) is a zip
// whose content.xml holds every sheet as table:table-row and
// table:table-cell elements. odsBook reads it with encoding/xml, as a
// stream, and keeps only what an import can use: the non-blank rows of
// each sheet, up to the import's row limit, as the text they show. The
// format compresses repetition into counts (number-rows-repeated,
// number-columns-repeated; LibreOffice itself writes a million blank rows
// as one element), so the counts are bounded rather than expanded: blank
// runs are skipped, a repeated row is stored once and referred to, and a
// file cannot make the reader hold more than the row limit and odsMaxColumns
// columns, nor unpack more than Limits.MaxUnzipped.

const (
	odsMimeType = "application/vnd.oasis.opendocument.spreadsheet"
	// odsMaxColumns is the most columns a row may use; templates have
	// about fifteen.
	odsMaxColumns = 1024
	// odsMaxSheetRows is the most rows a sheet has in LibreOffice and in
	// Excel; rows past it are never read.
	odsMaxSheetRows = 1 << 20
	// odsMaxSpaces bounds one text:s run of spaces.
	odsMaxSpaces = 1024
)

const (
	nsTable  = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
	nsOffice = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
	nsText   = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
)

const errDamagedODS = "The file could not be read as an OpenDocument spreadsheet; it may be damaged. Open it in LibreOffice, save it as .ods or .xlsx and try again."

// odfMimeType is the type an OpenDocument zip declares in its first entry
// ("" when the zip is not an OpenDocument file).
func odfMimeType(zr *zip.Reader) string {
	for _, f := range zr.File {
		if f.Name != "mimetype" {
			continue
		}
		if f.UncompressedSize64 > 200 {
			return ""
		}
		rc, err := f.Open()
		if err != nil {
			return ""
		}
		defer rc.Close()
		b, _ := io.ReadAll(io.LimitReader(rc, 200))
		return strings.TrimSpace(string(b))
	}
	return ""
}

// readODS opens an OpenDocument spreadsheet within the limits.
func readODS(zr *zip.Reader, limits Limits) (book, error) {
	var total uint64
	var content *zip.File
	for _, f := range zr.File {
		total += f.UncompressedSize64
		switch f.Name {
		case "content.xml":
			content = f
		case "META-INF/manifest.xml":
			if encryptedODF(f) {
				return nil, fileError(ErrPasswordProtectedODS)
			}
		}
	}
	tooBig := fileError(fmt.Sprintf("The file unpacks to more than %d MB, the most qualtrack reads. Remove unused sheets, images and formatting, or split the file.", limits.MaxUnzipped>>20))
	if total > uint64(limits.MaxUnzipped) {
		return nil, tooBig
	}
	if content == nil {
		return nil, fileError(errDamagedODS)
	}
	rc, err := content.Open()
	if err != nil {
		return nil, fileError(errDamagedODS)
	}
	defer rc.Close()
	// The sizes a zip declares can lie: the reader stops one byte past
	// the limit whatever content.xml claims.
	lr := &io.LimitedReader{R: rc, N: limits.MaxUnzipped + 1}
	p := odsParser{maxRows: limits.MaxRows + headerSearchRows + 1}
	sheets, err := p.parse(lr)
	if lr.N <= 0 {
		return nil, tooBig
	}
	if err != nil {
		var fe *FileError
		if errors.As(err, &fe) {
			return nil, fe
		}
		return nil, fileError(errDamagedODS)
	}
	if len(sheets) == 0 {
		return nil, fileError("The file has no worksheets.")
	}
	return &odsBook{sheets: sheets}, nil
}

// ErrPasswordProtectedODS is the message for an encrypted .ods file.
const ErrPasswordProtectedODS = "The file is password-protected; remove the password and try again (in LibreOffice: File > Save As, clear \"Save with password\", save)."

// encryptedODF reports whether the manifest says parts are encrypted.
func encryptedODF(f *zip.File) bool {
	rc, err := f.Open()
	if err != nil {
		return false
	}
	defer rc.Close()
	b, _ := io.ReadAll(io.LimitReader(rc, 1<<20))
	return bytes.Contains(b, []byte("encryption-data"))
}

type odsBook struct{ sheets []odsSheet }

type odsSheet struct {
	name string
	rows []odsRow // the non-blank rows, in order
}

type odsRow struct {
	n     int      // the row number the spreadsheet shows
	cells []string // shared by the rows of a repeated row
	// noValue are the columns holding a formula saved without its value.
	noValue []int
}

func (b *odsBook) Sheets() []string {
	names := make([]string, len(b.sheets))
	for i, s := range b.sheets {
		names[i] = s.name
	}
	return names
}

func (b *odsBook) Date1904() bool { return false }
func (b *odsBook) Close() error   { return nil }

func (b *odsBook) Rows(sheet string) (sheetRows, error) {
	for i := range b.sheets {
		if b.sheets[i].name == sheet {
			return &odsRows{rows: b.sheets[i].rows}, nil
		}
	}
	return nil, fmt.Errorf("no sheet %q", sheet)
}

// odsRows yields every row up to the last non-blank one, blank rows in
// between as empty ones, so row numbers count as the spreadsheet's do.
type odsRows struct {
	rows []odsRow
	next int // the next stored row
	n    int // the current row number
	cur  odsRow
}

func (r *odsRows) Next() bool {
	if r.next >= len(r.rows) {
		return false
	}
	r.n++
	if r.rows[r.next].n == r.n {
		r.cur = r.rows[r.next]
		r.next++
	} else {
		r.cur = odsRow{n: r.n}
	}
	return true
}

func (r *odsRows) Columns() ([]string, error) { return r.cur.cells, nil }
func (r *odsRows) NoValue(col int) bool       { return slices.Contains(r.cur.noValue, col) }
func (r *odsRows) Error() error               { return nil }
func (r *odsRows) Close() error               { return nil }

// odsParser reads content.xml token by token.
type odsParser struct {
	maxRows int // rows stored per sheet at most: the import refuses more

	sheets []odsSheet
	sheet  *odsSheet
	rowNum int // rows of the current sheet so far, blank ones too

	inRow     bool
	rowRepeat int
	row       []string
	noValue   []int
	pending   int // blank cells not yet added to row

	inCell      bool
	cellRepeat  int
	valueType   string
	value       string
	formula     bool
	text        strings.Builder
	paragraphs  int
	inParagraph int
	annotation  int // depth inside an office:annotation (a comment)
}

func (p *odsParser) parse(r io.Reader) ([]odsSheet, error) {
	dec := xml.NewDecoder(r)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return p.sheets, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if err := p.start(t); err != nil {
				return nil, err
			}
		case xml.EndElement:
			if err := p.end(t); err != nil {
				return nil, err
			}
		case xml.CharData:
			if p.inCell && p.inParagraph > 0 && p.annotation == 0 {
				p.text.Write(t)
			}
		}
	}
}

// repeat reads a repetition count: at least 1, at most limit.
func repeat(e xml.StartElement, name string, limit int) int {
	for _, a := range e.Attr {
		if a.Name.Space == nsTable && a.Name.Local == name {
			n, err := strconv.Atoi(strings.TrimSpace(a.Value))
			if err != nil || n < 1 {
				return 1
			}
			return min(n, limit)
		}
	}
	return 1
}

func attr(e xml.StartElement, space, local string) (string, bool) {
	for _, a := range e.Attr {
		if a.Name.Space == space && a.Name.Local == local {
			return a.Value, true
		}
	}
	return "", false
}

func (p *odsParser) start(e xml.StartElement) error {
	if p.annotation > 0 {
		p.annotation++
		return nil
	}
	switch {
	case e.Name.Space == nsTable && e.Name.Local == "table" && !p.inCell:
		name, _ := attr(e, nsTable, "name")
		if strings.TrimSpace(name) == "" {
			name = "Sheet" + strconv.Itoa(len(p.sheets)+1)
		}
		p.sheets = append(p.sheets, odsSheet{name: name})
		p.sheet, p.rowNum = &p.sheets[len(p.sheets)-1], 0
	case e.Name.Space == nsTable && e.Name.Local == "table-row" && p.sheet != nil && !p.inCell:
		p.inRow, p.rowRepeat = true, repeat(e, "number-rows-repeated", odsMaxSheetRows)
		p.row, p.noValue, p.pending = nil, nil, 0
	case e.Name.Space == nsTable && (e.Name.Local == "table-cell" || e.Name.Local == "covered-table-cell") && p.inRow && !p.inCell:
		p.inCell, p.cellRepeat = true, repeat(e, "number-columns-repeated", 1<<20)
		p.valueType, p.value, p.formula = "", "", false
		p.text.Reset()
		p.paragraphs, p.inParagraph = 0, 0
		p.valueType, _ = attr(e, nsOffice, "value-type")
		switch p.valueType {
		case "float", "percentage", "currency":
			p.value, _ = attr(e, nsOffice, "value")
		case "date":
			p.value, _ = attr(e, nsOffice, "date-value")
		case "boolean":
			p.value, _ = attr(e, nsOffice, "boolean-value")
		}
		_, p.formula = attr(e, nsTable, "formula")
	case !p.inCell:
	case e.Name.Space == nsOffice && e.Name.Local == "annotation":
		p.annotation = 1
	case e.Name.Space == nsText && e.Name.Local == "p":
		if p.paragraphs > 0 {
			p.text.WriteByte('\n')
		}
		p.paragraphs++
		p.inParagraph++
	case e.Name.Space == nsText && e.Name.Local == "s" && p.inParagraph > 0:
		n := 1
		if c, ok := attr(e, nsText, "c"); ok {
			if v, err := strconv.Atoi(c); err == nil && v > 0 {
				n = min(v, odsMaxSpaces)
			}
		}
		p.text.WriteString(strings.Repeat(" ", n))
	case e.Name.Space == nsText && e.Name.Local == "tab" && p.inParagraph > 0:
		p.text.WriteByte('\t')
	case e.Name.Space == nsText && e.Name.Local == "line-break" && p.inParagraph > 0:
		p.text.WriteByte('\n')
	}
	return nil
}

func (p *odsParser) end(e xml.EndElement) error {
	if p.annotation > 0 {
		p.annotation--
		return nil
	}
	switch {
	case e.Name.Space == nsText && e.Name.Local == "p" && p.inCell:
		p.inParagraph--
	case e.Name.Space == nsTable && (e.Name.Local == "table-cell" || e.Name.Local == "covered-table-cell") && p.inCell:
		p.inCell = false
		return p.endCell()
	case e.Name.Space == nsTable && e.Name.Local == "table-row" && p.inRow && !p.inCell:
		p.inRow = false
		p.endRow()
	case e.Name.Space == nsTable && e.Name.Local == "table" && !p.inCell:
		p.sheet = nil
	}
	return nil
}

// endCell adds the cell (repeated) to the row: what the cell shows, the
// raw number for numbers (as an .xlsx cell is read), the ISO date for
// dates.
func (p *odsParser) endCell() error {
	v := p.value
	if v == "" {
		v = p.text.String()
	}
	noValue := p.formula && strings.TrimSpace(v) == ""
	if strings.TrimSpace(v) == "" && !noValue {
		p.pending = min(p.pending+p.cellRepeat, odsMaxColumns+1)
		return nil
	}
	if len(p.row)+p.pending+p.cellRepeat > odsMaxColumns {
		if p.rowNum >= odsMaxSheetRows {
			return nil
		}
		msg := fmt.Sprintf("Row %d of sheet %s uses more than %d columns; qualtrack reads at most %d. Delete the columns the import does not need.", p.rowNum+1, p.sheet.name, odsMaxColumns, odsMaxColumns)
		return fileError(msg, Problem{Sheet: p.sheet.name, Row: p.rowNum + 1, Message: msg})
	}
	for ; p.pending > 0; p.pending-- {
		p.row = append(p.row, "")
	}
	for range p.cellRepeat {
		if noValue {
			p.noValue = append(p.noValue, len(p.row))
		}
		p.row = append(p.row, v)
	}
	return nil
}

// endRow stores a non-blank row (a repeated one once per repetition, all
// sharing its cells) while the sheet is under the row limit.
func (p *odsParser) endRow() {
	first := p.rowNum + 1
	p.rowNum = min(p.rowNum+p.rowRepeat, odsMaxSheetRows)
	if len(p.row) == 0 && len(p.noValue) == 0 {
		return
	}
	for n := first; n <= p.rowNum && len(p.sheet.rows) < p.maxRows; n++ {
		p.sheet.rows = append(p.sheet.rows, odsRow{n: n, cells: p.row, noValue: p.noValue})
	}
}
