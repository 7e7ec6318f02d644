package api_test

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/qualtrack/qualtrack/backend/internal/config"
	"github.com/qualtrack/qualtrack/backend/internal/model"
)

const (
	xlSitesImport = "/api/v1/imports/sites"
	xlCertsImport = "/api/v1/imports/certifications"
)

// A real-world supplier list: headers in other words, case and spacing,
// columns in another order, an extra column, a status column, a blank
// row, countries as names and codes. The dry run changes nothing and
// says what would happen; the import then does exactly that.
func TestXLImportSites(t *testing.T) {
	t.Parallel()
	w := newXLWorld(t)
	book := xlBook(t, "Supplier list", [][]any{
		{"  SITE   CODE ", "supplier", "Plant Name", "country", "Risk Level", "Processes", "Internal ID", "contact_email", "Status"},
		{"ACME-SZ1", "acme  electronics", "Acme Shenzhen One", "CN", "Critical", "SMT, Final assembly", "X1", "li@acme.example", "disqualified"},
		{"NEW-2", "Globex", "Globex Tijuana", "Mexico", "medium", "cable assembly; testing; Conformal coating", 17, nil, "qualified"},
		{},
		{"new-1", "Acme Electronics", "Acme Penang", "MYS", "low", nil, "X3", nil, nil},
	})
	sites, makers := xlCount(t, w.db, &model.Site{}), xlCount(t, w.db, &model.Manufacturer{})
	events := xlCount(t, w.db, &model.AuditEvent{})

	dry := xlDecodeImport(t, xlUpload(t, w.srv, model.RoleProcurement, xlSitesImport+"?dry_run=true", book).Want(http.StatusOK))
	if !dry.DryRun || dry.Created != 1 || dry.Updated != 1 || dry.Unchanged != 1 || dry.ManufacturersCreated == nil || *dry.ManufacturersCreated != 1 ||
		len(dry.Errors) != 0 || dry.Sheet != "Supplier list" {
		t.Fatalf("dry run: %+v", dry)
	}
	if !slices.Equal(dry.IgnoredColumns, []string{"Internal ID", "Status"}) {
		t.Errorf("ignored columns %q", dry.IgnoredColumns)
	}
	if xlCount(t, w.db, &model.Site{}) != sites || xlCount(t, w.db, &model.Manufacturer{}) != makers || xlCount(t, w.db, &model.AuditEvent{}) != events {
		t.Fatal("the dry run wrote something")
	}

	got := xlDecodeImport(t, xlUpload(t, w.srv, model.RoleProcurement, xlSitesImport, book).Want(http.StatusOK))
	if got.DryRun || got.Created != 1 || got.Updated != 1 || got.Unchanged != 1 || *got.ManufacturersCreated != 1 || len(got.Errors) != 0 {
		t.Fatalf("import: %+v", got)
	}
	var added model.Site
	if err := w.db.Where("code = ?", "NEW-2").Take(&added).Error; err != nil {
		t.Fatal(err)
	}
	var globex model.Manufacturer
	w.db.Take(&globex, added.ManufacturerID)
	if added.QualificationStatus != model.StatusProspective || !added.StatusSince.Equal(w.srv.Clock.Now()) || added.Country != "MX" ||
		added.RiskTier != model.RiskMedium || added.NextInspectionDue.String() != "2026-06-15" || added.Version != 1 ||
		!slices.Equal(added.Processes, model.StringList{"cable_assembly", "testing", "conformal coating"}) ||
		globex.Name != "Globex" || globex.Country != "MX" {
		t.Errorf("new site %+v of %+v", added, globex)
	}
	var updated model.Site
	w.db.Where("code = ?", xlQualified).Take(&updated)
	// The status column is ignored; the risk tier change moves the next
	// inspection to 6 months after the last one; the address column is
	// absent, so the address stays.
	if updated.QualificationStatus != model.StatusQualified || updated.RiskTier != model.RiskCritical || updated.Name != "Acme Shenzhen One" ||
		updated.NextInspectionDue.String() != "2026-09-01" || updated.Address != "88 Keji Road" || updated.ContactEmail != "li@acme.example" ||
		!slices.Equal(updated.Processes, model.StringList{"smt", "final_assembly"}) || updated.Version != w.sites[xlQualified].Version+1 {
		t.Errorf("updated site %+v", updated)
	}

	var trail struct {
		Items []struct {
			Action  string         `json:"action"`
			Changes map[string]any `json:"changes"`
		} `json:"items"`
	}
	w.srv.Do(model.RoleAdmin, http.MethodGet, "/api/v1/audit-events?page_size=10", nil).Want(http.StatusOK).Decode(&trail)
	var actions []string
	for _, ev := range trail.Items {
		actions = append(actions, ev.Action)
	}
	if want := []string{"import.sites", "site.create", "manufacturer.create", "site.update"}; !slices.Equal(actions[:4], want) {
		t.Errorf("audit trail %q, want %q first", actions, want)
	}
	c := trail.Items[0].Changes
	if c["created"] != 1.0 || c["updated"] != 1.0 || c["unchanged"] != 1.0 || c["manufacturers_created"] != 1.0 || c["file_name"] != "import.xlsx" {
		t.Errorf("import event %v", c)
	}

	again := xlDecodeImport(t, xlUpload(t, w.srv, model.RoleManager, xlSitesImport, book).Want(http.StatusOK))
	if again.Created != 0 || again.Updated != 0 || again.Unchanged != 3 || *again.ManufacturersCreated != 0 {
		t.Errorf("importing the same file again: %+v", again)
	}
}

type xlWantProblem struct {
	row    int
	column string
	says   string
}

func xlCheckProblems(t *testing.T, got xlImport, want []xlWantProblem) {
	t.Helper()
	if len(got.Errors) != len(want) {
		t.Errorf("%d problems, want %d: %+v", len(got.Errors), len(want), got.Errors)
	}
	for i, wp := range want {
		if i >= len(got.Errors) {
			break
		}
		e := got.Errors[i]
		if e.Row != wp.row || e.Column != wp.column || !strings.Contains(e.Message, wp.says) || e.Sheet == "" {
			t.Errorf("problem %d: %+v, want row %d column %q saying %q", i, e, wp.row, wp.column, wp.says)
		}
	}
}

// Every row's problems come back at once, by row and column, with what to
// do; the real import then writes nothing and answers 422 with the same
// list.
func TestXLImportSitesRowErrors(t *testing.T) {
	t.Parallel()
	w := newXLWorld(t)
	header := []any{"Code", "Site name", "Manufacturer", "Country", "Risk tier", "Contact e-mail", "City"}
	book := xlBook(t, "Sites", [][]any{
		header,
		{"GOOD-1", "Good", "Acme Electronics", "DE", "low", nil, "Berlin"},
		{"BAD-TIER", "Bad tier", "Acme Electronics", "DE", "extreme"},
		{"BAD-COUNTRY", "Bad country", "Acme Electronics", "Atlantis", "low"},
		{nil, "No code", "Acme Electronics", "DE", "low"},
		{"NO-MAKER", "No manufacturer", nil, "DE", "low"},
		{"good-1", "Duplicate", "Acme Electronics", "DE", "low"},
		{"BAD-MAIL", "Bad mail", "Acme Electronics", "DE", "low", "jane at acme"},
		{strings.Repeat("L", 41), "Long code", "Acme Electronics", "DE", "low"},
		{"BAD-CELL", "Broken formula", "Acme Electronics", "DE", "low", nil, "#REF!"},
		{xlArchivedID, "Archived", "Acme Electronics", "DE", "low"},
	})
	want := []xlWantProblem{
		{3, "Risk tier", `"extreme" is not a risk tier`},
		{4, "Country", `"Atlantis" is not a known country`},
		{5, "Code", "The site code is missing"},
		{6, "Manufacturer", "The manufacturer is missing"},
		{7, "Code", "also on row 2"},
		{8, "Contact e-mail", "Enter an e-mail address"},
		{9, "Code", "Use 2 to 40 letters"},
		{10, "City", "#REF!"},
		{11, "Code", "archived"},
	}
	sites := xlCount(t, w.db, &model.Site{})
	dry := xlDecodeImport(t, xlUpload(t, w.srv, model.RoleManager, xlSitesImport+"?dry_run=true", book).Want(http.StatusOK))
	xlCheckProblems(t, dry, want)
	if dry.Created != 1 || dry.Errors[0].Cell != "E3" {
		t.Errorf("dry run counts the good row: %+v", dry)
	}

	r := xlUpload(t, w.srv, model.RoleManager, xlSitesImport+"?dry_run=false", book).Want(http.StatusUnprocessableEntity)
	got := xlDecodeImport(t, r)
	xlCheckProblems(t, got, want)
	if r.ErrorCode() != "validation_failed" || got.Created != 0 || got.DryRun || !strings.Contains(got.Error.Message, "Nothing was imported: 9 problems") {
		t.Errorf("rejected import: %s", r.Body)
	}
	if xlCount(t, w.db, &model.Site{}) != sites {
		t.Error("a rejected import wrote sites")
	}
}

func TestXLImportCertifications(t *testing.T) {
	t.Parallel()
	w := newXLWorld(t)
	expires := time.Date(2028, 12, 31, 0, 0, 0, 0, time.UTC)
	book := xlBook(t, "Certs", [][]any{
		{"Site", "Standard", "Cert No.", "Issuer", "Valid from", "Expiry date", "Withdrawn?", "Reason", "Status"},
		{"acme-sz1", "iso 9001:2015", "q-1", "TÜV SÜD", "2025-01-01", expires, "no", nil, "valid"},
		{xlNewCode, "ISO 14001:2015", "E-9", "BSI", "01.02.2025", "31 Jan 2028", nil, nil, nil},
		{xlOverdue, "ISO 13485:2016", "M-3", nil, nil, "2026-05-01", "yes", "Registrar withdrew it", nil},
	})
	got := xlDecodeImport(t, xlUpload(t, w.srv, model.RoleProcurement, xlCertsImport, book).Want(http.StatusOK))
	if got.Created != 1 || got.Updated != 2 || got.Unchanged != 0 || len(got.Errors) != 0 || got.ManufacturersCreated != nil {
		t.Fatalf("import %+v", got)
	}
	var certs []model.Certification
	w.db.Order("id").Find(&certs)
	byNumber := map[string]model.Certification{}
	for _, c := range certs {
		byNumber[c.CertificateNumber] = c
	}
	if q := byNumber["Q-1"]; q.ExpiresOn.String() != "2028-12-31" || q.IssuedOn.String() != "2025-01-01" || q.Standard != "ISO 9001:2015" || q.Version != 2 {
		t.Errorf("updated by site, standard and number ignoring case: %+v", q)
	}
	if e := byNumber["E-9"]; e.SiteID != w.sites[xlNewCode].ID || e.IssuedOn.String() != "2025-02-01" || e.ExpiresOn.String() != "2028-01-31" || e.IssuingBody != "BSI" {
		t.Errorf("created: %+v", e)
	}
	if m := byNumber["M-3"]; !m.Withdrawn || m.WithdrawnReason != "Registrar withdrew it" {
		t.Errorf("withdrawn: %+v", m)
	}
	if len(certs) != 5 {
		t.Errorf("%d certificates, want 5", len(certs))
	}
}

func TestXLImportCertificationRowErrors(t *testing.T) {
	t.Parallel()
	w := newXLWorld(t)
	book := xlBook(t, "Certifications", [][]any{
		{"Site code", "Standard", "Certificate number", "Issued on", "Expires on", "Withdrawn", "Withdrawn reason"},
		{xlQualified, "ISO 9001:2015", "OK-1", nil, "2027-01-31"},
		{xlQualified, "ISO 9001:2015", "BAD-DATE", nil, "2027-02-30"},
		{xlQualified, "ISO 9001:2015", "SLASHED", nil, "03/04/2027"},
		{xlQualified, "ISO 9001:2015", "NO-EXPIRY"},
		{"NOPE-1", "ISO 9001:2015", "NO-SITE", nil, "2027-01-31"},
		{xlQualified, "ISO 9001:2015", "NO-REASON", nil, "2027-01-31", "yes"},
		{xlQualified, "ISO 9001:2015", "BACKWARDS", "2027-06-01", "2027-01-31"},
		{xlQualified, "iso 9001:2015", "ok-1", nil, "2027-01-31"},
		{xlQualified, "ISO 9001:2015", "MAYBE", nil, "2027-01-31", "maybe"},
		{xlQualified, "ISO 9001:2015", "YEAR", nil, 2027},
		{xlQualified, nil, "NO-STANDARD", nil, "2027-01-31"},
	})
	want := []xlWantProblem{
		{3, "Expires on", "is not a day that exists"},
		{4, "Expires on", "could be read as two different days"},
		{5, "Expires on", "Enter the date the certificate expires"},
		{6, "Site code", "There is no site with the code NOPE-1"},
		{7, "Withdrawn reason", "Say why"},
		{8, "Issued on", "cannot be after the expiry date"},
		{9, "Certificate number", "also on row 2"},
		{10, "Withdrawn", `"maybe" is not yes or no`},
		{11, "Expires on", "is a number, not a date"},
		{12, "Standard", "The standard is missing"},
	}
	dry := xlDecodeImport(t, xlUpload(t, w.srv, model.RoleManager, xlCertsImport+"?dry_run=true", book).Want(http.StatusOK))
	xlCheckProblems(t, dry, want)
	before := xlCount(t, w.db, &model.Certification{})
	xlCheckProblems(t, xlDecodeImport(t, xlUpload(t, w.srv, model.RoleManager, xlCertsImport, book).Want(http.StatusUnprocessableEntity)), want)
	if xlCount(t, w.db, &model.Certification{}) != before {
		t.Error("a rejected import wrote certificates")
	}
}

// Formula cells are read as the value the spreadsheet last calculated,
// never evaluated; text that looks like a formula is stored inert.
func TestXLImportReadsFormulasAsValues(t *testing.T) {
	t.Parallel()
	w := newXLWorld(t)
	header := `<row r="1">` + xlInline("A1", "Code") + xlInline("B1", "Site name") + xlInline("C1", "Manufacturer") +
		xlInline("D1", "Country") + xlInline("E1", "Risk tier") + xlInline("F1", "Contact name") + xlInline("G1", "Contact phone") + `</row>`
	good := `<row r="2"><c r="A2" t="str"><f>"FX"&amp;"-1"</f><v>FX-1</v></c><c r="B2" t="str"><f>UPPER("acme fx")</f><v>ACME FX</v></c>` +
		xlInline("C2", "Acme Electronics") + xlInline("D2", "DE") + xlInline("E2", "low") + xlInline("F2", "=1+1") +
		xlInline("G2", "'"+xlPhone) + `</row>`
	uncached := `<row r="3"><c r="A3"><f>"FX"&amp;"-2"</f></c>` + xlInline("B3", "No value") + xlInline("C3", "Acme Electronics") +
		xlInline("D3", "DE") + xlInline("E3", "low") + `</row>`

	dry := xlDecodeImport(t, xlUpload(t, w.srv, model.RoleManager, xlSitesImport+"?dry_run=true", xlRawBook(t, header+good+uncached, nil)).Want(http.StatusOK))
	xlCheckProblems(t, dry, []xlWantProblem{{3, "Code", "formula saved without its value"}})

	xlUpload(t, w.srv, model.RoleManager, xlSitesImport, xlRawBook(t, header+good, nil)).Want(http.StatusOK)
	var s model.Site
	if err := w.db.Where("code = ?", "FX-1").Take(&s).Error; err != nil {
		t.Fatal(err)
	}
	if s.Name != "ACME FX" || s.ContactName != "'=1+1" || s.ContactPhone != xlPhone {
		t.Errorf("site %q %q %q", s.Name, s.ContactName, s.ContactPhone)
	}
	var n int64
	w.db.Model(&model.Site{}).Where("code = 'FX-1' AND (name LIKE '=%' OR contact_name LIKE '=%')").Count(&n)
	if n != 0 {
		t.Errorf("%d sites store text starting with =", n)
	}
}

// Files that are not what they claim, or too much, are refused with a
// 4xx that says what to do; nothing is written and the server stays up.
func TestXLImportHostileFiles(t *testing.T) {
	t.Parallel()
	srv := newXLServer(t, nil)
	header := []any{"Code", "Site name", "Manufacturer", "Country", "Risk tier"}
	row := []any{"S-1", "Site", "Maker", "DE", "low"}
	valid := xlBook(t, "Sites", [][]any{header, row})
	encrypted := xlEncryptedBook(t, [][]any{header, row}, "s3cret")
	cases := []struct {
		name   string
		body   []byte
		status int
		says   string
	}{
		{"empty file", []byte{}, 422, "The file is empty"},
		{"plain text", []byte("hello, this is not a workbook"), 422, "No sheet has a Code column"},
		{"csv without the required columns", []byte("Code,Site name\nS-1,Site\n"), 422, "The Manufacturer column is missing"},
		{"binary", []byte{0x00, 0xff, 0xfe, 0x81, 0x90, 0x00}, 422, "neither an Excel workbook nor a UTF-8 text (CSV) file"},
		{"legacy xls", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 2048)...), 422, "Excel 97-2003"},
		{"password-protected", encrypted, 422, "the file is password-protected; remove the password and try again"},
		{"truncated", valid[:len(valid)/2], 422, "could not be read as an Excel workbook"},
		{"zip bomb", xlRawBook(t, `<row r="1">`+xlInline("A1", "Code")+`</row>`, map[string]int{"xl/media/padding.bin": 101 << 20}), 422, "unpacks to more than 100 MB"},
		{"a zip that is no workbook", xlZip(t, "readme.txt", "hello"), 422, "Excel workbook"},
		{"header only", xlBook(t, "Sites", [][]any{header}), 422, "has no rows below the header"},
		{"missing columns", xlBook(t, "Sites", [][]any{{"Code", "Site name"}, {"S-1", "Site"}}), 422, "The Manufacturer column is missing"},
		{"no code column", xlBook(t, "Sites", [][]any{{"Name", "Maker"}, {"Site", "Maker"}}), 422, "No sheet has a Code column"},
		{"column twice", xlBook(t, "Sites", [][]any{append(slices.Clone(header), "Site code"), append(slices.Clone(row), "S-2")}), 422, "both read as Code"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, dry := range []string{"?dry_run=true", ""} {
				r := xlUpload(t, srv, model.RoleProcurement, xlSitesImport+dry, tc.body).Want(tc.status)
				got := xlDecodeImport(t, r)
				if r.ErrorCode() != "validation_failed" || r.ErrorFields()["file"] == "" || len(got.Errors) == 0 {
					t.Fatalf("body %s", r.Body)
				}
				if !strings.Contains(strings.ToLower(got.Error.Message+" "+got.Errors[0].Message), strings.ToLower(tc.says)) {
					t.Errorf("message %q / %q, want it to say %q", got.Error.Message, got.Errors[0].Message, tc.says)
				}
			}
		})
	}
	if n := xlCount(t, srv.DB.DB, &model.Site{}); n != 0 {
		t.Errorf("%d sites written", n)
	}
}

func TestXLImportLimitsAndRequests(t *testing.T) {
	t.Parallel()
	srv := newXLServer(t, func(c *config.Config) { c.MaxImportRows = 5 })
	rows := [][]any{{"Code", "Site name", "Manufacturer", "Country", "Risk tier"}}
	for i := range 6 {
		rows = append(rows, []any{path("S-%d", i), "Site", "Maker", "DE", "low"})
	}
	r := xlUpload(t, srv, model.RoleManager, xlSitesImport+"?dry_run=true", xlBook(t, "Sites", rows)).Want(http.StatusUnprocessableEntity)
	if got := xlDecodeImport(t, r); !strings.Contains(got.Error.Message, "at most 5 rows") || got.Errors[0].Row != 7 {
		t.Errorf("too many rows: %s", r.Body)
	}
	xlUpload(t, srv, model.RoleManager, xlSitesImport+"?dry_run=true", xlBook(t, "Sites", rows[:6])).Want(http.StatusOK)

	big := make([]byte, 11<<20)
	r = xlUpload(t, srv, model.RoleManager, xlSitesImport, big).Want(http.StatusRequestEntityTooLarge)
	if r.ErrorCode() != "too_large" {
		t.Errorf("too large: %s", r.Body)
	}
	r = srv.Do(model.RoleManager, http.MethodPost, xlSitesImport, map[string]any{"file": "x"}).Want(http.StatusBadRequest)
	if !strings.Contains(r.ErrorCodeMessage(), "multipart/form-data") {
		t.Errorf("not multipart: %s", r.Body)
	}
	r = xlUpload(t, srv, model.RoleManager, xlSitesImport+"?dry_run=maybe", xlBook(t, "Sites", rows[:2])).Want(http.StatusUnprocessableEntity)
	if r.ErrorFields()["dry_run"] == "" {
		t.Errorf("dry_run=maybe: %s", r.Body)
	}
	r = xlUploadField(t, srv, "other", xlBook(t, "Sites", rows[:2])).Want(http.StatusUnprocessableEntity)
	if r.ErrorFields()["file"] == "" {
		t.Errorf("no file field: %s", r.Body)
	}
	xlUpload(t, srv, model.RoleAuditor, xlSitesImport, xlBook(t, "Sites", rows[:2])).Want(http.StatusForbidden)
}

// The templates' example rows are valid but never imported: the import
// recognises them and says so in a warning; the notes explain the
// blank-cell rule and the clear marker.
func TestXLTemplatesImport(t *testing.T) {
	t.Parallel()
	w := newXLWorld(t)
	for _, tc := range []struct{ template, importPath, sheet string }{
		{"/api/v1/imports/sites/template.xlsx", xlSitesImport, "Sites"},
		{"/api/v1/imports/certifications/template.xlsx", xlCertsImport, "Certifications"},
	} {
		r := w.srv.Do(model.RoleAuditor, http.MethodGet, tc.template, nil)
		f := xlOpen(t, r)
		if got := f.GetSheetList(); !slices.Equal(got, []string{tc.sheet, "Notes"}) {
			t.Errorf("%s: sheets %q", tc.template, got)
		}
		notes := xlRows(t, f, "Notes")
		headers := xlRows(t, f, tc.sheet)[0]
		for _, h := range headers {
			if !slices.ContainsFunc(notes, func(r []string) bool { return r[0] == h && len(r) > 2 && r[2] != "" }) {
				t.Errorf("%s: the Notes sheet does not explain %q", tc.template, h)
			}
		}
		if !slices.ContainsFunc(notes, func(r []string) bool {
			return len(r) > 2 && strings.Contains(r[2], "(clear)") && strings.Contains(r[2], "blank")
		}) {
			t.Errorf("%s: the Notes sheet does not explain blank cells and (clear): %q", tc.template, notes)
		}
		if tc.sheet == "Sites" {
			// The risk tiers offered read as the web app shows them.
			dvs, _ := f.GetDataValidations(tc.sheet)
			if len(dvs) != 1 || dvs[0].Formula1 != `"Low,Medium,High,Critical"` {
				t.Errorf("risk tier choices %+v", dvs)
			}
		}
		got := xlDecodeImport(t, xlUpload(t, w.srv, model.RoleManager, tc.importPath, r.Body).Want(http.StatusOK))
		if got.Created+got.Updated+got.Unchanged != 0 || len(got.Errors) != 0 || len(got.Warnings) != 1 || got.Warnings[0].Row != 2 ||
			!strings.Contains(got.Warnings[0].Message, "example row") {
			t.Errorf("%s: import of the template %+v", tc.template, got)
		}
		// Filled in with a real record in the example row's place, it imports.
		tf := xlOpen(t, r)
		if err := tf.SetCellValue(tc.sheet, "A2", xlOverdue); err != nil {
			t.Fatal(err)
		}
		buf, _ := tf.WriteToBuffer()
		got = xlDecodeImport(t, xlUpload(t, w.srv, model.RoleManager, tc.importPath+"?dry_run=true", buf.Bytes()).Want(http.StatusOK))
		if got.Created+got.Updated != 1 || len(got.Warnings) != 0 {
			t.Errorf("%s: a real row in the example's place %+v", tc.template, got)
		}
	}
}

// Round trip: the approved-suppliers export imports into an empty
// database, and exporting again gives the same site columns; a site
// without history comes back identical in every column.
func TestXLRoundTripApprovedSuppliers(t *testing.T) {
	t.Parallel()
	w := newXLWorld(t)
	// A manufacturer based elsewhere than its sites keeps its country.
	var acmeBefore model.Manufacturer
	if err := w.db.Where("name = ?", "Acme Electronics").Take(&acmeBefore).Error; err != nil {
		t.Fatal(err)
	}
	w.srv.Do(model.RoleManager, http.MethodPatch, fmt.Sprintf("/api/v1/manufacturers/%d", acmeBefore.ID),
		map[string]any{"country": "DE", "version": acmeBefore.Version}).Want(http.StatusOK)
	const sh = "Approved suppliers"
	first := w.srv.Do(model.RoleManager, http.MethodGet, "/api/v1/reports/approved-suppliers.xlsx?status="+xlAllStatuses, nil).Want(http.StatusOK)

	empty := newXLServer(t, nil)
	got := xlDecodeImport(t, xlUpload(t, empty, model.RoleManager, xlSitesImport, first.Body).Want(http.StatusOK))
	if got.Created != 4 || *got.ManufacturersCreated != 2 || len(got.Errors) != 0 || !slices.Contains(got.IgnoredColumns, "Status") {
		t.Fatalf("import of the export: %+v", got)
	}
	var acme model.Manufacturer
	empty.DB.DB.Where("name = ?", "Acme Electronics").Take(&acme)
	if acme.Country != "DE" {
		t.Errorf("the round trip gave Acme Electronics the country %q, want DE", acme.Country)
	}
	// The import makes every site prospective: export them all again.
	second := empty.Do(model.RoleManager, http.MethodGet, "/api/v1/reports/approved-suppliers.xlsx?status=prospective", nil)
	a, b := xlRows(t, xlOpen(t, first), sh), xlRows(t, xlOpen(t, second), sh)
	if len(a) != len(b) || !slices.Equal(a[0], b[0]) {
		t.Fatalf("first %q\nsecond %q", a, b)
	}
	// The site columns, by header: Status is not one (the import never
	// sets it).
	var siteIdx []int
	for i, h := range a[0] {
		if slices.Contains([]string{"Code", "Site name", "Manufacturer", "Manufacturer country", "Address", "City", "Country", "Processes",
			"Approved scope", "Risk tier", "Contact name", "Contact e-mail", "Contact phone"}, h) {
			siteIdx = append(siteIdx, i)
		}
	}
	if len(siteIdx) != 13 {
		t.Fatalf("the export has %d of the 13 site columns: %q", len(siteIdx), a[0])
	}
	siteCols := func(r []string) []string {
		out := make([]string, len(siteIdx))
		for j, i := range siteIdx {
			out[j] = r[i]
		}
		return out
	}
	for i := range a {
		pad := func(r []string) []string { return append(r, make([]string, 30)...)[:len(a[0])] }
		ra, rb := pad(a[i]), pad(b[i])
		if !slices.Equal(siteCols(ra), siteCols(rb)) {
			t.Errorf("row %d:\n first  %q\n second %q", i+1, siteCols(ra), siteCols(rb))
		}
		if ra[0] == xlNewCode && !slices.Equal(ra, rb) {
			t.Errorf("the prospective site differs:\n first  %q\n second %q", ra, rb)
		}
	}
}

// A body without a declared length is cut off at the limit as well.
func TestXLImportTooLargeWithoutLength(t *testing.T) {
	t.Parallel()
	srv := newXLServer(t, nil)
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	part, _ := mw.CreateFormFile("file", "big.xlsx")
	_, _ = part.Write(make([]byte, 11<<20))
	_ = mw.Close()
	h := http.Header{}
	h.Set("Authorization", "Bearer "+srv.Tokens[model.RoleManager])
	h.Set("Content-Type", mw.FormDataContentType())
	// io.MultiReader hides the length, as a chunked upload does.
	r := srv.DoWith(h, http.MethodPost, xlSitesImport, io.MultiReader(&body)).Want(http.StatusRequestEntityTooLarge)
	if r.ErrorCode() != "too_large" {
		t.Errorf("body %s", r.Body)
	}
}

// A blank cell leaves the stored value as it is; only the clear marker
// clears a field. The dry run lists every changed field with its old and
// new value, and the import then does exactly that.
func TestXLImportBlankKeepsClearClears(t *testing.T) {
	t.Parallel()
	w := newXLWorld(t)
	header := []any{"Code", "Site name", "Manufacturer", "Address", "City", "Country", "Processes", "Approved scope", "Risk tier",
		"Contact name", "Contact e-mail", "Contact phone", "Notes"}
	book := xlBook(t, "Sites", [][]any{
		header,
		{xlQualified, nil, nil, nil, nil, nil, nil, nil, "critical"},
		{xlOverdue, nil, nil, nil, "(Clear)", nil, " (clear) "},
		{xlNewCode, "(clear)"},
	})
	before := w.sites[xlQualified]
	dry := xlDecodeImport(t, xlUpload(t, w.srv, model.RoleManager, xlSitesImport+"?dry_run=true", book).Want(http.StatusOK))
	xlCheckProblems(t, dry, []xlWantProblem{{4, "Site name", "Enter the site's name"}})
	if dry.Updated != 2 || len(dry.Changes) != 2 {
		t.Fatalf("dry run %+v", dry)
	}
	first := dry.Changes[0]
	if first.Row != 2 || first.Record != xlQualified || first.Action != "update" || len(first.Fields) != 1 ||
		first.Fields[0].Field != "risk_tier" || first.Fields[0].Old != "high" || first.Fields[0].New != "critical" {
		t.Errorf("changes of row 2: %+v", first)
	}
	second := map[string][2]any{}
	for _, f := range dry.Changes[1].Fields {
		second[f.Field] = [2]any{f.Old, f.New}
	}
	if len(second) != 2 || second["city"] != [2]any{"Dongguan", ""} || fmt.Sprint(second["processes"]) != "[[final_assembly conformal coating] []]" {
		t.Errorf("changes of row 3: %+v", dry.Changes[1])
	}

	fixed := xlBook(t, "Sites", [][]any{header, {xlQualified, nil, nil, nil, nil, nil, nil, nil, "critical"}, {xlOverdue, nil, nil, nil, "(clear)", nil, "(clear)"}})
	got := xlDecodeImport(t, xlUpload(t, w.srv, model.RoleManager, xlSitesImport, fixed).Want(http.StatusOK))
	if got.Updated != 2 || len(got.Changes) != 2 {
		t.Fatalf("import %+v", got)
	}
	var after, cleared model.Site
	w.db.Where("code = ?", xlQualified).Take(&after)
	w.db.Where("code = ?", xlOverdue).Take(&cleared)
	if after.RiskTier != model.RiskCritical || after.Name != before.Name || after.Address != before.Address || after.City != before.City ||
		!slices.Equal(after.Processes, before.Processes) || after.ApprovedScope != before.ApprovedScope || after.ContactName != before.ContactName ||
		after.ContactEmail != before.ContactEmail || after.ContactPhone != before.ContactPhone || after.ManufacturerID != before.ManufacturerID {
		t.Errorf("blank cells changed the site:\n before %+v\n after  %+v", before, after)
	}
	if cleared.City != "" || len(cleared.Processes) != 0 || cleared.Name != xlEvilName {
		t.Errorf("cleared site %+v", cleared)
	}

	certs := xlBook(t, "Certifications", [][]any{
		{"Site code", "Standard", "Certificate number", "Issuing body", "Scope", "Issued on", "Expires on", "Withdrawn", "Withdrawn reason"},
		{xlQualified, "ISO 9001:2015", "Q-1", nil, nil, nil, "2028-06-30"},
		{xlQualified, "IATF 16949:2016", "I-2", "(clear)", nil, "(clear)", nil, nil, nil},
	})
	cdry := xlDecodeImport(t, xlUpload(t, w.srv, model.RoleManager, xlCertsImport+"?dry_run=true", certs).Want(http.StatusOK))
	if cdry.Updated != 1 || cdry.Unchanged != 1 || len(cdry.Changes) != 1 || len(cdry.Changes[0].Fields) != 1 ||
		cdry.Changes[0].Fields[0].Field != "expires_on" || cdry.Changes[0].Fields[0].Old != "2027-12-31" || cdry.Changes[0].Fields[0].New != "2028-06-30" ||
		cdry.Changes[0].Record != "ACME-SZ1 ISO 9001:2015 Q-1" {
		t.Errorf("certifications dry run %+v", cdry)
	}
	xlUpload(t, w.srv, model.RoleManager, xlCertsImport, certs).Want(http.StatusOK)
	var q model.Certification
	w.db.Where("certificate_number = ?", "Q-1").Take(&q)
	if q.IssuingBody != "TÜV SÜD" || q.IssuedOn.String() != "2024-01-01" || q.ExpiresOn.String() != "2028-06-30" {
		t.Errorf("blank cells changed the certificate: %+v", q)
	}
}

// A legend sheet before the data sheet is passed over; dates with a day
// over 12 are not ambiguous.
func TestXLImportLegendSheetAndUnambiguousDates(t *testing.T) {
	t.Parallel()
	w := newXLWorld(t)
	f := excelize.NewFile()
	defer f.Close()
	_ = f.SetSheetName("Sheet1", "Legend")
	_ = f.SetSheetRow("Legend", "A1", &[]any{"How to fill this in", "Write one certificate per row"})
	_, _ = f.NewSheet("Data")
	for i, row := range [][]any{
		{"Site code", "Standard", "Certificate number", "Issued on", "Expires on"},
		{xlQualified, "ISO 14001:2015", "E-1", "13/03/2026", "03/13/2029"},
		{xlQualified, "ISO 45001:2018", "H-1", "05/05/2026", "04/03/2029"},
	} {
		_ = f.SetSheetRow("Data", fmt.Sprintf("A%d", i+1), &row)
	}
	buf, _ := f.WriteToBuffer()
	got := xlDecodeImport(t, xlUpload(t, w.srv, model.RoleManager, xlCertsImport+"?dry_run=true", buf.Bytes()).Want(http.StatusOK))
	xlCheckProblems(t, got, []xlWantProblem{{3, "Expires on", "could be read as two different days"}})
	if got.Sheet != "Data" || got.Created != 1 {
		t.Errorf("import %+v", got)
	}
}

// CSV files as Excel and LibreOffice save them (UTF-8 with or without a
// byte order mark, comma or semicolon separated) go through the same
// reading, checks and preview as a workbook.
func TestXLImportCSV(t *testing.T) {
	t.Parallel()
	w := newXLWorld(t)
	semicolon := "\xEF\xBB\xBFCode;Site name;Manufacturer;Country;Risk tier;City\r\n" +
		xlQualified + ";;;;critical;\r\n" +
		"GAM 001;Bad code;Acme Electronics;DE;low;\r\n" +
		"csv-1;\"Plant; \"\"quoted\"\"\";Acme Electronics;Deutschland;low;Köln\r\n"
	dry := xlDecodeImport(t, xlUpload(t, w.srv, model.RoleManager, xlSitesImport+"?dry_run=true", []byte(semicolon)).Want(http.StatusOK))
	xlCheckProblems(t, dry, []xlWantProblem{{3, "Code", "Use 2 to 40 letters"}, {4, "Country", "is not a known country"}})
	if dry.Sheet != "CSV" || dry.Updated != 1 || len(dry.Changes) != 1 || dry.Changes[0].Fields[0].Field != "risk_tier" {
		t.Errorf("semicolon CSV dry run %+v", dry)
	}
	comma := "Code,Site name,Manufacturer,Country,Risk tier,City\n" + "csv-1,\"Plant, \"\"quoted\"\"\",Acme Electronics,DE,low,Köln\n"
	got := xlDecodeImport(t, xlUpload(t, w.srv, model.RoleManager, xlSitesImport, []byte(comma)).Want(http.StatusOK))
	if got.Created != 1 {
		t.Fatalf("comma CSV import %+v", got)
	}
	var s model.Site
	w.db.Where("code = ?", "CSV-1").Take(&s)
	if s.Name != `Plant, "quoted"` || s.City != "Köln" || s.Country != "DE" {
		t.Errorf("imported from CSV: %+v", s)
	}
}

// A spreadsheet saved by LibreOffice in its own format (.ods) imports
// like an .xlsx: the same reading, checks, preview and answer.
func TestXLImportODS(t *testing.T) {
	t.Parallel()
	srv := newXLServer(t, nil)
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join("..", "spreadsheet", "testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	sites := read("sites-libreoffice.ods")
	dry := xlDecodeImport(t, xlUpload(t, srv, model.RoleProcurement, xlSitesImport+"?dry_run=true", sites).Want(http.StatusOK))
	if dry.Sheet != "Sites" || dry.Created != 2 || len(dry.Errors) != 0 || len(dry.Changes) != 2 || dry.Changes[0].Record != "ODS-DE1" || dry.Changes[1].Row != 4 {
		t.Fatalf("dry run %+v", dry)
	}
	got := xlDecodeImport(t, xlUpload(t, srv, model.RoleProcurement, xlSitesImport, sites).Want(http.StatusOK))
	if got.Created != 2 || *got.ManufacturersCreated != 1 {
		t.Fatalf("import %+v", got)
	}
	var de model.Site
	srv.DB.DB.Where("code = ?", "ODS-DE1").Take(&de)
	if de.Name != "Berlin  plant" || de.Country != "DE" || de.RiskTier != model.RiskHigh || strings.Join(de.Processes, ",") != "smt,final_assembly" ||
		de.ContactPhone != "+49 30 1234 5678" || de.Address != "Hauptstr. 1\n10115 Berlin" {
		t.Errorf("imported from .ods: %+v", de)
	}

	certs := read("certifications-libreoffice.ods")
	dry = xlDecodeImport(t, xlUpload(t, srv, model.RoleProcurement, "/api/v1/imports/certifications?dry_run=true", certs).Want(http.StatusOK))
	// The same rules as any import: a withdrawn certificate needs a reason.
	xlCheckProblems(t, dry, []xlWantProblem{{3, "Withdrawn reason", "Say why the certificate was withdrawn"}, {4, "Expires on", "#DIV/0!"}})
	if dry.Created != 1 || dry.Changes[0].Record != "ODS-DE1 ISO 9001:2015 DE-Q-1" {
		t.Errorf("certifications dry run %+v", dry)
	}
	xlUpload(t, srv, model.RoleProcurement, "/api/v1/imports/certifications", certs).Want(http.StatusUnprocessableEntity)
	if n := xlCount(t, srv.DB.DB, &model.Certification{}); n != 0 {
		t.Errorf("%d certificates written by a refused import", n)
	}
	for name, says := range map[string]string{"hostile-row-repeat.ods": "more than 20000 rows", "text-document.odt": "not a spreadsheet", "hostile-encrypted.ods": "password-protected"} {
		r := xlUpload(t, srv, model.RoleProcurement, xlSitesImport+"?dry_run=true", read(name)).Want(http.StatusUnprocessableEntity)
		if got := xlDecodeImport(t, r); got.Error == nil || !strings.Contains(got.Error.Message, says) {
			t.Errorf("%s: %s", name, r.Body)
		}
	}
}
