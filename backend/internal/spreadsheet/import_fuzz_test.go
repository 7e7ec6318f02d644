package spreadsheet

import (
	"bytes"
	"errors"
	"testing"

	"github.com/xuri/excelize/v2"
)

// fuzzLimits keep each input small, so the fuzzer tries many.
var fuzzLimits = Limits{MaxRows: 50, MaxUnzipped: 1 << 20, MaxUnzippedXML: 1 << 20}

// importSeeds are the templates, a small hand-made workbook with a
// formula, and files that are no workbook at all.
func importSeeds(f *testing.F) [][]byte {
	f.Helper()
	var seeds [][]byte
	for _, tmpl := range []func() (*Template, error){SitesTemplate, CertificationsTemplate} {
		t, err := tmpl()
		if err != nil {
			f.Fatal(err)
		}
		var b bytes.Buffer
		if err := t.Write(&b); err != nil {
			f.Fatal(err)
		}
		_ = t.Close()
		seeds = append(seeds, b.Bytes())
	}
	x := excelize.NewFile()
	for cell, v := range map[string]string{"A1": "Code", "B1": "Name", "C1": "Manufacturer", "D1": "Country", "E1": "Risk tier",
		"A2": "ACME-SZ1", "B2": "Shenzhen", "C2": "Acme", "D2": "China", "E2": "high"} {
		_ = x.SetCellValue("Sheet1", cell, v)
	}
	_ = x.SetCellFormula("Sheet1", "B3", `HYPERLINK("http://evil.example","x")`)
	var b bytes.Buffer
	if err := x.Write(&b); err != nil {
		f.Fatal(err)
	}
	seeds = append(seeds, b.Bytes(), []byte("PK\x03\x04"), []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, []byte("code,name\nA,B\n"), nil)
	return seeds
}

// checkImport: a file that cannot be imported is a *FileError (the API
// answers 422), never another error (a 500); problems point at real rows.
func checkImport(t *testing.T, err error, problems []Problem) {
	t.Helper()
	var fe *FileError
	if err != nil && !errors.As(err, &fe) {
		t.Fatalf("not a file error: %T %v", err, err)
	}
	if fe != nil {
		problems = fe.Problems
	}
	for _, p := range problems {
		if p.Row < 0 || p.Message == "" {
			t.Fatalf("problem %+v", p)
		}
	}
}

// FuzzReadSites: no file makes the sites import panic or fail with
// anything but a file error.
func FuzzReadSites(f *testing.F) {
	for _, s := range importSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		out, err := ReadSites(data, fuzzLimits)
		var problems []Problem
		if out != nil {
			problems = out.Problems
		}
		checkImport(t, err, problems)
	})
}

// FuzzReadCertifications: the same for the certifications import.
func FuzzReadCertifications(f *testing.F) {
	for _, s := range importSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		out, err := ReadCertifications(data, fuzzLimits)
		var problems []Problem
		if out != nil {
			problems = out.Problems
		}
		checkImport(t, err, problems)
	})
}
