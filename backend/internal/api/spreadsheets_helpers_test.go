package api_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/json"
	"encoding/xml"
	"hash/crc32"
	"io"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// xlOpen downloads a workbook and opens it.
func xlOpen(t *testing.T, r *testutil.Response) *excelize.File {
	t.Helper()
	r.Want(http.StatusOK)
	if ct := r.Header.Get("Content-Type"); ct != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
		t.Fatalf("content type %q", ct)
	}
	f, err := excelize.OpenReader(bytes.NewReader(r.Body))
	if err != nil {
		t.Fatalf("open workbook: %v", err)
	}
	t.Cleanup(func() { _ = f.Close() })
	return f
}

// xlRows reads a sheet's rows (formatted values).
func xlRows(t *testing.T, f *excelize.File, sheet string) [][]string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatalf("rows of %s: %v", sheet, err)
	}
	return rows
}

// xlRowOf finds the row (1-based) whose first cell in column col is v.
func xlRowOf(t *testing.T, f *excelize.File, sheet string, col int, v string) int {
	t.Helper()
	for i, r := range xlRows(t, f, sheet) {
		if len(r) > col && r[col] == v {
			return i + 1
		}
	}
	t.Fatalf("%s: no row with %q in column %d", sheet, v, col+1)
	return 0
}

// xlCell is the formatted value of a cell, by header and row.
func xlCell(t *testing.T, f *excelize.File, sheet, header string, row int) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, xlRef(t, f, sheet, header, row))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// xlRef is the cell reference of a header's column on row.
func xlRef(t *testing.T, f *excelize.File, sheet, header string, row int) string {
	t.Helper()
	headers := xlRows(t, f, sheet)[0]
	for i, h := range headers {
		if h == header {
			ref, _ := excelize.CoordinatesToCellName(i+1, row)
			return ref
		}
	}
	t.Fatalf("%s has no column %q (headers %q)", sheet, header, headers)
	return ""
}

// xlStyle is the style of a cell.
func xlStyle(t *testing.T, f *excelize.File, sheet, ref string) *excelize.Style {
	t.Helper()
	id, err := f.GetCellStyle(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// xlFill is a cell's solid fill colour ("" for none).
func xlFill(t *testing.T, f *excelize.File, sheet, ref string) string {
	t.Helper()
	st := xlStyle(t, f, sheet, ref)
	if st.Fill.Pattern != 1 || len(st.Fill.Color) == 0 {
		return ""
	}
	return strings.TrimPrefix(strings.ToUpper(st.Fill.Color[0]), "#")
}

// xlDateCell checks that a cell is a real date: a serial number with a
// date format, whose value is want.
func xlDateCell(t *testing.T, f *excelize.File, sheet, ref, want string) {
	t.Helper()
	raw, err := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	n, err := strconv.ParseFloat(raw, 64)
	if err != nil {
		t.Fatalf("%s!%s = %q: not a date serial number", sheet, ref, raw)
	}
	got, _ := excelize.ExcelDateToTime(n, false)
	if got.Format("2006-01-02") != want {
		t.Errorf("%s!%s = %s, want %s", sheet, ref, got.Format("2006-01-02"), want)
	}
	st := xlStyle(t, f, sheet, ref)
	if st.CustomNumFmt == nil || !strings.Contains(*st.CustomNumFmt, "yyyy") || !strings.Contains(*st.CustomNumFmt, "m") {
		t.Errorf("%s!%s: number format %v, want a date format", sheet, ref, st.CustomNumFmt)
	}
}

// xlUpload posts a workbook as multipart field "file".
func xlUpload(t *testing.T, srv *testutil.Server, role model.Role, path string, data []byte) *testutil.Response {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	part, err := mw.CreateFormFile("file", "import.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	_, _ = part.Write(data)
	_ = mw.Close()
	h := http.Header{}
	h.Set("Authorization", "Bearer "+srv.Tokens[role])
	h.Set("Content-Type", mw.FormDataContentType())
	return srv.DoWith(h, http.MethodPost, path, body.Bytes())
}

// xlBook builds an upload: rows of cells on one sheet (the first row the
// header). A cell may be any value excelize writes.
func xlBook(t *testing.T, sheet string, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if sheet != "Sheet1" {
		if err := f.SetSheetName("Sheet1", sheet); err != nil {
			t.Fatal(err)
		}
	}
	for i, r := range rows {
		ref, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, ref, &r); err != nil {
			t.Fatal(err)
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// xlImport is an import answer.
type xlImport struct {
	Error *struct {
		Code    string            `json:"code"`
		Message string            `json:"message"`
		Fields  map[string]string `json:"fields"`
	} `json:"error"`
	DryRun               bool     `json:"dry_run"`
	Sheet                string   `json:"sheet"`
	Created              int      `json:"created"`
	Updated              int      `json:"updated"`
	Unchanged            int      `json:"unchanged"`
	ManufacturersCreated *int     `json:"manufacturers_created"`
	IgnoredColumns       []string `json:"ignored_columns"`
	Errors               []struct {
		Sheet   string `json:"sheet"`
		Row     int    `json:"row"`
		Column  string `json:"column"`
		Cell    string `json:"cell"`
		Message string `json:"message"`
	} `json:"errors"`
	Warnings []struct {
		Row     int    `json:"row"`
		Column  string `json:"column"`
		Message string `json:"message"`
	} `json:"warnings"`
	Changes []xlChange `json:"changes"`
}

type xlChange struct {
	Row    int    `json:"row"`
	Record string `json:"record"`
	Action string `json:"action"`
	Fields []struct {
		Field string `json:"field"`
		Old   any    `json:"old"`
		New   any    `json:"new"`
	} `json:"fields"`
}

func xlDecodeImport(t *testing.T, r *testutil.Response) xlImport {
	t.Helper()
	var out xlImport
	if err := json.Unmarshal(r.Body, &out); err != nil {
		t.Fatalf("decode %s: %v", r.Body, err)
	}
	return out
}

// xlCount counts rows of a table.
func xlCount(t *testing.T, db *gorm.DB, model any) int64 {
	t.Helper()
	var n int64
	if err := db.Model(model).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// xlRawBook builds a minimal .xlsx around sheet XML written by hand, for
// cells excelize does not write itself (formulas with cached values), and
// adds extra zip entries (name -> size in zero bytes).
func xlRawBook(t *testing.T, sheetData string, extra map[string]int) []byte {
	t.Helper()
	parts := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
			`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
		"_rels/.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml": `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
			`<sheets><sheet name="Sites" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
		"xl/worksheets/sheet1.xml": `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
			sheetData + `</sheetData></worksheet>`,
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, content := range parts {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = w.Write([]byte(content))
	}
	for name, size := range extra {
		raw, crc := deflatedZeros(t, size)
		w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc,
			CompressedSize64: uint64(len(raw)), UncompressedSize64: uint64(size)})
		if err != nil {
			t.Fatal(err)
		}
		_, _ = w.Write(raw)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// deflatedZeros is size zero bytes as a deflate stream, with their CRC-32.
// A megabyte of zeros is compressed once and its block repeated (each copy
// refers only to zeros, its own or the copies before it), so a 100 MB entry
// costs one megabyte of compression, not a hundred.
func deflatedZeros(t *testing.T, size int) ([]byte, uint32) {
	t.Helper()
	const chunk = 1 << 20
	zeros := make([]byte, chunk)
	var buf bytes.Buffer
	fw, err := flate.NewWriter(&buf, flate.BestSpeed)
	testutil.Fatal(t, err, "flate")
	segment := func(n int) []byte {
		start := buf.Len()
		_, _ = fw.Write(zeros[:n])
		testutil.Fatal(t, fw.Flush(), "flate flush")
		return bytes.Clone(buf.Bytes()[start:])
	}
	var out bytes.Buffer
	var crc uint32
	if size >= chunk {
		block := segment(chunk)
		for range size / chunk {
			out.Write(block)
			crc = crc32.Update(crc, crc32.IEEETable, zeros)
		}
	}
	if rest := size % chunk; rest > 0 {
		out.Write(segment(rest))
		crc = crc32.Update(crc, crc32.IEEETable, zeros[:rest])
	}
	start := buf.Len()
	testutil.Fatal(t, fw.Close(), "flate close")
	out.Write(buf.Bytes()[start:])
	return out.Bytes(), crc
}

// xlInline is an inline-string cell.
func xlInline(ref, text string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(text))
	return `<c r="` + ref + `" t="inlineStr"><is><t>` + b.String() + `</t></is></c>`
}

// xlEncryptedBook is a workbook saved with a password to open.
func xlEncryptedBook(t *testing.T, rows [][]any, password string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, r := range rows {
		ref, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", ref, &r); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf, excelize.Options{Password: password}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// The zip bomb's padding is a real entry: it inflates to its size and its
// checksum holds (archive/zip checks both at the end of the entry).
func TestDeflatedZerosInflate(t *testing.T) {
	t.Parallel()
	for _, size := range []int{5, 1 << 20, 2<<20 + 12345} {
		book := xlRawBook(t, "", map[string]int{"padding.bin": size})
		zr, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
		testutil.Fatal(t, err, "zip")
		for _, f := range zr.File {
			if f.Name != "padding.bin" {
				continue
			}
			r, err := f.Open()
			testutil.Fatal(t, err, "open")
			n, err := io.Copy(io.Discard, r)
			if err != nil || n != int64(size) {
				t.Errorf("size %d: inflated %d bytes, %v", size, n, err)
			}
		}
	}
}

// xlZip is a zip archive with one file.
func xlZip(t *testing.T, name, content string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create(name)
	_, _ = w.Write([]byte(content))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// xlUploadField posts data as multipart field name to the sites import.
func xlUploadField(t *testing.T, srv *testutil.Server, name string, data []byte) *testutil.Response {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	part, _ := mw.CreateFormFile(name, "import.xlsx")
	_, _ = part.Write(data)
	_ = mw.Close()
	h := http.Header{}
	h.Set("Authorization", "Bearer "+srv.Tokens[model.RoleManager])
	h.Set("Content-Type", mw.FormDataContentType())
	return srv.DoWith(h, http.MethodPost, "/api/v1/imports/sites", body.Bytes())
}
