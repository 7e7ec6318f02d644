package spreadsheet

import (
	"slices"
	"strings"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

// Text is shown as written; only text that would run as a formula after
// a CSV re-save keeps an apostrophe, fullwidth forms like ASCII ones.
func TestNeutralize(t *testing.T) {
	cases := map[string]string{
		"":                              "",
		"Acme":                          "Acme",
		`=HYPERLINK("http://evil","x")`: `'=HYPERLINK("http://evil","x")`,
		"=1+1":                          "'=1+1",
		`+cmd|' /C calc'!A0`:            `'+cmd|' /C calc'!A0`,
		"@SUM(1)":                       "'@SUM(1)",
		"-Sheet2!A1":                    "'-Sheet2!A1",
		"+T.TEST(A1:A3)":                "'+T.TEST(A1:A3)",
		"\t=1":                          "'\t=1",
		"\r\n@SUM(1)":                   "'\r\n@SUM(1)",
		"＝SUM(1)":                       "'＝SUM(1)",
		"＋cmd｜calc":                     "'＋cmd｜calc",
		"＠SUM（1)":                       "'＠SUM（1)",
		"－A1！B2":                        "'－A1！B2",
		// Shown as written.
		"+86 755 1234 5678":   "+86 755 1234 5678",
		"+1 (555) 010-0199":   "+1 (555) 010-0199",
		"+49(0)30 1234":       "+49(0)30 1234",
		"-ESD gaps (see 8.3)": "-ESD gaps (see 8.3)",
		"-":                   "-",
		"@home":               "@home",
		"-2+3":                "-2+3",
		"＋86 755 1234":        "＋86 755 1234",
		"\tx":                 "\tx",
		"a=b":                 "a=b",
		"'quoted":             "'quoted",
		" =1":                 " =1",
	}
	for in, want := range cases {
		if got := Neutralize(in); got != want {
			t.Errorf("Neutralize(%q) = %q, want %q", in, got, want)
		}
	}
}

// What an export neutralised (now or before text was shown as written)
// comes back as it was, except text starting with "=", which is never
// stored bare.
func TestUnneutralize(t *testing.T) {
	cases := map[string]string{
		"'+86 755 1234":  "+86 755 1234",
		"'-ESD gaps":     "-ESD gaps",
		"'@SUM(1)":       "@SUM(1)",
		"'＋86 755 1234":  "＋86 755 1234",
		"'=HYPERLINK(x)": "'=HYPERLINK(x)",
		"=1+1":           "'=1+1",
		"＝1+1":           "'＝1+1",
		"'＝1+1":          "'＝1+1",
		"'plain":         "'plain",
		"'":              "'",
		"plain":          "plain",
	}
	for in, want := range cases {
		if got := unneutralize(in); got != want {
			t.Errorf("unneutralize(%q) = %q, want %q", in, got, want)
		}
	}
	for _, s := range []string{"+49 30 1234", "-", "@home", "@SUM(1)", `+cmd|' /C calc'!A0`, "Acme", "\tx", "＠SUM（1)"} {
		if got := unneutralize(Neutralize(s)); got != s {
			t.Errorf("round trip of %q gave %q", s, got)
		}
	}
}

func TestParseImportDate(t *testing.T) {
	ok := map[string]string{
		"2026-06-15":           "2026-06-15",
		"2026-6-5":             "2026-06-05",
		"2026/06/15":           "2026-06-15",
		"2026-06-15T00:00:00Z": "2026-06-15",
		"2026-06-15 13:45:00":  "2026-06-15",
		"15.06.2026":           "2026-06-15",
		"5.6.2026":             "2026-06-05",
		"15 Jun 2026":          "2026-06-15",
		"15-Jun-2026":          "2026-06-15",
		"15 June 2026":         "2026-06-15",
		"June 15, 2026":        "2026-06-15",
		"Jun 15 2026":          "2026-06-15",
		"46188":                "2026-06-15",
		"46188.75":             "2026-06-15",
		"18264":                "1950-01-01",
		"13/03/2026":           "2026-03-13", // 13 cannot be a month
		"03/13/2026":           "2026-03-13",
		"05/05/2026":           "2026-05-05", // both readings are one day
	}
	for in, want := range ok {
		got, err := parseImportDate(in, false)
		if err != nil || got.String() != want {
			t.Errorf("parseImportDate(%q) = %v, %v; want %s", in, got, err, want)
		}
	}
	if got, _ := parseImportDate("44726", true); got.String() != "2026-06-15" {
		t.Errorf("1904 serial: %v", got)
	}
	bad := map[string]string{
		"06/07/2026": "two different days",
		"12/01/2026": "two different days",
		"13/13/2026": "not a day that exists",
		"2026-02-30": "not a day that exists",
		"31.02.2026": "not a day that exists",
		"2026-13-01": "not a day that exists",
		"2026":       "is a number, not a date",
		"0":          "is a number, not a date",
		"tomorrow":   "is not a date",
		"15.06.26":   "is not a date",
	}
	for in, says := range bad {
		_, err := parseImportDate(in, false)
		if err == nil || !strings.Contains(err.Error(), says) {
			t.Errorf("parseImportDate(%q) error %v, want %q", in, err, says)
		}
	}
}

func TestParseYesNo(t *testing.T) {
	for in, want := range map[string]bool{"": false, "No": false, "FALSE": false, "0": false, "yes": true, "Y": true, "TRUE": true, "1": true, "x": true} {
		got, ok := parseYesNo(in)
		if !ok || got != want {
			t.Errorf("parseYesNo(%q) = %v %v", in, got, ok)
		}
	}
	if _, ok := parseYesNo("maybe"); ok {
		t.Error("maybe is neither")
	}
}

func TestHeaderMatching(t *testing.T) {
	for in, want := range map[string]string{
		"  Contact E-Mail ":        "contactemail",
		"contact_email":            "contactemail",
		"Expires on (YYYY-MM-DD)":  "expireson",
		"Risk tier*":               "risktier",
		"Certificate No.":          "certificateno",
		"Zertifikat-Nr. [intern]":  "zertifikatnr",
		"(note)":                   "note",
		"Site\u00a0code":           "sitecode",
		"Status since (read only)": "statussince",
	} {
		if got := headerKey(in); got != want {
			t.Errorf("headerKey(%q) = %q, want %q", in, got, want)
		}
	}

	tbl, err := matchHeader([]string{"Risk Level", "", "SITE CODE", "Internal", "plant name", "E-mail"}, siteFields)
	if err != nil || tbl == nil {
		t.Fatalf("matchHeader: %v %v", tbl, err)
	}
	if tbl.col["code"] != 2 || tbl.col["risk_tier"] != 0 || tbl.col["name"] != 4 || tbl.col["contact_email"] != 5 || !slices.Equal(tbl.ignored, []string{"Internal"}) {
		t.Errorf("columns %v, ignored %q", tbl.col, tbl.ignored)
	}
	if tbl, _ := matchHeader([]string{"Name", "Country"}, siteFields); tbl != nil {
		t.Error("a row without the code column is not a header")
	}
	if _, err := matchHeader([]string{"Code", "Site code"}, siteFields); err == nil || !strings.Contains(err.Error(), "columns A (Code) and B (Site code) are both read as Code") {
		t.Errorf("duplicate column: %v", err)
	}
	// Every header of the approved-suppliers report that carries a site
	// field is understood by the sites import.
	importable := 0
	for _, c := range approvedSupplierColumns {
		if tbl, _ := matchHeader([]string{"Code", c.Header}, siteFields); tbl != nil && len(tbl.ignored) == 0 {
			importable++
		}
	}
	if importable != len(siteFields)-1 { // every site field but notes
		t.Errorf("%d report columns are importable, want %d", importable, len(siteFields)-1)
	}
}

// One colour language across badges, charts and spreadsheets.
func TestStatusColours(t *testing.T) {
	sites := map[model.QualificationStatus]string{
		model.StatusQualified: "C6EFCE", model.StatusConditional: "FFF2A8", model.StatusSuspended: "F8CBAD",
		model.StatusDisqualified: "FFC7CE", model.StatusInQualification: "DDEBF7", model.StatusProspective: "E7E6E6",
	}
	for st, fill := range sites {
		if got := toneColours[SiteStatusTone(st)].fill; got != fill {
			t.Errorf("%s: %s, want %s", st, got, fill)
		}
	}
	certs := map[model.CertificationStatus]string{
		model.CertValid: "C6EFCE", model.CertExpiring: "FFD98C", model.CertExpired: "FFC7CE", model.CertWithdrawn: "E7E6E6",
	}
	for st, fill := range certs {
		if got := toneColours[CertificationTone(st)].fill; got != fill {
			t.Errorf("%s: %s, want %s", st, got, fill)
		}
	}
	if overdueTone(true) != ToneRed || overdueTone(false) != ToneNone || ResultTone(model.ResultFail) != ToneRed {
		t.Error("overdue and failed are red")
	}
}
