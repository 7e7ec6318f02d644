package spreadsheet

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func fixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// A sites list saved by LibreOffice (testdata/sites-libreoffice.ods: a
// "Read me" sheet, then "Sites" with a comment, a blank row, a formula, a
// multi-line cell, a double space and LibreOffice's million trailing
// blank rows and 16,384 columns) reads like the same .xlsx.
func TestReadSitesFromLibreOffice(t *testing.T) {
	out, err := ReadSites(fixture(t, "sites-libreoffice.ods"), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if out.Sheet != "Sites" || len(out.Problems) != 0 || strings.Join(out.Ignored, ",") != "Internal ID" {
		t.Fatalf("sheet %q problems %+v ignored %q", out.Sheet, out.Problems, out.Ignored)
	}
	if len(out.Import.Rows) != 2 {
		t.Fatalf("%d rows: %+v", len(out.Import.Rows), out.Import.Rows)
	}
	de, cn := out.Import.Rows[0], out.Import.Rows[1]
	if de.Row != 2 || de.Site.Code != "ODS-DE1" || de.Site.Name != "Berlin  plant" || de.Manufacturer != "Odsco GmbH" ||
		de.Site.Country != "Germany" || de.Site.RiskTier != "High" || de.Site.ContactPhone != "+49 30 1234 5678" ||
		de.Site.Address != "Hauptstr. 1\n10115 Berlin" || strings.Join(de.Site.Processes, "|") != "SMT|Final assembly" {
		t.Errorf("row 2: %+v %q", de, de.Site.Processes)
	}
	// Row 3 is blank; row 4's name is a formula, read as its saved value.
	if cn.Row != 4 || cn.Site.Code != "ODS-CN2" || cn.Site.Name != "Shenzhen plant 2" || cn.Site.Country != "CN" {
		t.Errorf("row 4: %+v", cn)
	}
}

// Dates, booleans, the slashed date that has one reading, and a formula's
// error value, from a certificates list saved by LibreOffice.
func TestReadCertificationsFromLibreOffice(t *testing.T) {
	out, err := ReadCertifications(fixture(t, "certifications-libreoffice.ods"), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if out.Sheet != "Certificates" || len(out.Import.Rows) != 2 {
		t.Fatalf("sheet %q rows %+v", out.Sheet, out.Import.Rows)
	}
	q, e := out.Import.Rows[0].Certification, out.Import.Rows[1].Certification
	if q.IssuedOn.String() != "2024-04-01" || q.ExpiresOn.String() != "2027-03-31" || q.Withdrawn || q.IssuingBody != "TÜV SÜD" {
		t.Errorf("row 2: %+v", q)
	}
	if e.IssuedOn.String() != "2024-05-02" || e.ExpiresOn.String() != "2027-03-13" || !e.Withdrawn {
		t.Errorf("row 3: %+v", e)
	}
	if len(out.Problems) != 1 || out.Problems[0].Row != 4 || out.Problems[0].Cell != "F4" || !strings.Contains(out.Problems[0].Message, "#DIV/0!") {
		t.Errorf("problems %+v", out.Problems)
	}
}

// Hostile and wrong files are refused with a message, quickly and without
// expanding what they compress.
func TestReadODSRefusesHostileFiles(t *testing.T) {
	small := Limits{MaxRows: 1000, MaxUnzipped: 1 << 20, MaxUnzippedXML: 1 << 20}
	cases := []struct {
		file   string
		limits Limits
		says   string
	}{
		{"hostile-row-repeat.ods", DefaultLimits, "more than 20000 rows"},
		{"hostile-column-repeat.ods", DefaultLimits, "more than 1024 columns"},
		{"hostile-zip-bomb.ods", small, "unpacks to more than 1 MB"},
		{"hostile-entities.ods", DefaultLimits, "could not be read as an OpenDocument spreadsheet"},
		{"hostile-truncated.ods", DefaultLimits, "could not be read as an OpenDocument spreadsheet"},
		{"hostile-encrypted.ods", DefaultLimits, "password-protected"},
		{"text-document.odt", DefaultLimits, "not a spreadsheet"},
	}
	for _, tc := range cases {
		_, err := ReadSites(fixture(t, tc.file), tc.limits)
		var fe *FileError
		if !errors.As(err, &fe) || !strings.Contains(fe.Message, tc.says) {
			t.Errorf("%s: %v, want a file error saying %q", tc.file, err, tc.says)
		}
	}
}

// A formula saved without its value is reported as such, not as a blank.
func TestReadODSFormulaWithoutValue(t *testing.T) {
	out, err := ReadSites(fixture(t, "formula-without-value.ods"), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Problems) != 1 || out.Problems[0].Cell != "A2" || !strings.Contains(out.Problems[0].Message, "formula saved without its value") {
		t.Errorf("problems %+v", out.Problems)
	}
}

// A row repeated within the limit counts every repetition, each on its
// own row number.
func TestODSRepeatedRowsKeepTheirNumbers(t *testing.T) {
	p := odsParser{maxRows: 10}
	sheets, err := p.parse(strings.NewReader(`<office:document-content xmlns:office="` + nsOffice + `" xmlns:table="` + nsTable + `" xmlns:text="` + nsText + `">` +
		`<office:body><office:spreadsheet><table:table table:name="S">` +
		`<table:table-row><table:table-cell office:value-type="string"><text:p>Code</text:p></table:table-cell></table:table-row>` +
		`<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="2"/><table:table-cell office:value-type="float" office:value="7"><text:p>7.00</text:p></table:table-cell></table:table-row>` +
		`<table:table-row table:number-rows-repeated="5"><table:table-cell/></table:table-row>` +
		`<table:table-row><table:table-cell office:value-type="string"><text:p>a<text:s text:c="3"/>b<text:tab/>c</text:p><text:p>d</text:p></table:table-cell></table:table-row>` +
		`</table:table></office:spreadsheet></office:body></office:document-content>`))
	if err != nil {
		t.Fatal(err)
	}
	rows := sheets[0].rows
	if len(rows) != 4 || rows[1].n != 2 || rows[2].n != 3 || strings.Join(rows[2].cells, "|") != "||7" || rows[3].n != 9 || rows[3].cells[0] != "a   b\tc\nd" {
		t.Fatalf("rows %+v", rows)
	}
	it := &odsRows{rows: rows}
	n := 0
	for it.Next() {
		n++
		cells, _ := it.Columns()
		if (n >= 4 && n <= 8) != (len(cells) == 0) {
			t.Errorf("row %d: %q", n, cells)
		}
	}
	if n != 9 {
		t.Errorf("%d rows yielded, want 9", n)
	}
}
