package spreadsheet

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// siteHeaders are the sites template's headers; the approved-suppliers
// report uses the same ones, so its export imports again.
var siteHeaders = struct {
	Code, Name, Manufacturer, ManufacturerCountry, Address, City, Country, Processes,
	ApprovedScope, RiskTier, ContactName, ContactEmail, ContactPhone, Notes string
}{
	"Code", "Site name", "Manufacturer", "Manufacturer country", "Address", "City", "Country", "Processes",
	"Approved scope", "Risk tier", "Contact name", "Contact e-mail", "Contact phone", "Notes",
}

// siteFields are the columns a sites import reads, the key column first.
var siteFields = []field{
	{key: "code", header: siteHeaders.Code, required: true, example: "ACME-SZ1",
		aliases: []string{"Site code", "Plant code", "Site ref", "Site reference", "Code site"},
		help:    "The site's unique code (at most 40 characters). A row whose code matches an existing site (ignoring case) updates that site; any other row adds a site."},
	{key: "name", header: siteHeaders.Name, required: true, example: "Acme Shenzhen Plant 1",
		aliases: []string{"Name", "Site", "Plant", "Plant name", "Facility", "Facility name", "Factory"},
		help:    "The site's name (at most 200 characters)."},
	{key: "manufacturer", header: siteHeaders.Manufacturer, required: true, example: "Acme Electronics",
		aliases: []string{"Manufacturer name", "Supplier", "Supplier name", "Vendor", "Vendor name", "Company", "Contract manufacturer", "CM"},
		help:    "The manufacturer the site belongs to, matched by name ignoring case; a manufacturer qualtrack does not know yet is created."},
	{key: "manufacturer_country", header: siteHeaders.ManufacturerCountry, example: "US",
		aliases: []string{"Supplier country", "Vendor country", "Manufacturer HQ country"},
		help:    "Optional. Where a new manufacturer is based (code or English name); without it, the site's country is used. Ignored for manufacturers that exist."},
	{key: "address", header: siteHeaders.Address, example: "88 Keji Road, Nanshan",
		aliases: []string{"Street", "Street address", "Address line 1", "Site address"},
		help:    "Optional. The street address (at most 500 characters)."},
	{key: "city", header: siteHeaders.City, example: "Shenzhen",
		aliases: []string{"Town", "Site city"}, help: "Optional. At most 120 characters."},
	{key: "country", header: siteHeaders.Country, required: true, example: "China",
		aliases: []string{"Country code", "Country name", "Site country", "Nation", "ISO country"},
		help:    "The site's country: the two- or three-letter ISO code (CN, CHN) or the English name (China), in any case."},
	{key: "processes", header: siteHeaders.Processes, example: "smt, testing, box_build",
		aliases: []string{"Process", "Capabilities", "Technologies", "Processes run"},
		help:    "Optional. The processes the site runs, separated by commas: " + strings.Join(model.SiteProcesses, ", ") + ", or any other."},
	{key: "approved_scope", header: siteHeaders.ApprovedScope, example: "SMT and final assembly of consumer boards",
		aliases: []string{"Scope", "Scope of approval", "Approval scope", "Approved for"},
		help:    "Optional. What the site is approved to do, in words."},
	{key: "risk_tier", header: siteHeaders.RiskTier, required: true, example: "Medium",
		aliases: []string{"Risk", "Risk level", "Risk class", "Risk rating", "Risk category", "Tier"},
		help:    "Low, Medium, High or Critical (in any case). It sets how often the site is inspected."},
	{key: "contact_name", header: siteHeaders.ContactName, example: "Li Wei",
		aliases: []string{"Contact", "Contact person", "Site contact"}, help: "Optional. At most 200 characters."},
	{key: "contact_email", header: siteHeaders.ContactEmail, example: "li.wei@acme.example",
		aliases: []string{"Email", "E-mail", "Email address", "Contact email address"}, help: "Optional. One e-mail address."},
	{key: "contact_phone", header: siteHeaders.ContactPhone, example: "0755 1234 5678",
		aliases: []string{"Phone", "Telephone", "Tel", "Phone number", "Contact telephone"}, help: "Optional. At most 60 characters."},
	{key: "notes", header: siteHeaders.Notes, example: "",
		aliases: []string{"Note", "Comments", "Comment", "Remarks"}, help: "Optional. Free text."},
}

// Parsed is what an import file says, before the store checks it against
// the database.
type Parsed struct {
	Sheet string
	// Problems are the rows' problems found in the file itself.
	Problems []Problem
	// Ignored are the headers no field matched (a status column, notes of
	// one's own): they are not imported.
	Ignored []string
	// Warnings are rows read but left out on purpose (the template's
	// example row).
	Warnings []Problem
	table    *table
	fields   []field
}

// Place puts the store's problems on their sheet, row and column.
func (p *Parsed) Place(ps []store.ImportProblem) []Problem {
	return p.table.storeProblems(ps, p.fields)
}

// SitesFile is a parsed sites import.
type SitesFile struct {
	Parsed
	Import store.SiteImport
}

// ReadSites reads a sites workbook. A *FileError means the file cannot be
// imported at all; otherwise every row either became an import row or has
// problems.
func ReadSites(data []byte, limits Limits) (out *SitesFile, err error) {
	defer recoverDamaged(&err)
	f, err := openWorkbook(data, limits)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out = &SitesFile{Parsed: Parsed{fields: siteFields}}
	first := map[string]int{} // code -> first row
	t, err := readRows(f, siteFields, limits, func(r *rowReader) {
		site, maker, makerCountry := readSite(r)
		if isSiteExample(site, maker) {
			out.Warnings = append(out.Warnings, r.t.problem(r.row, "code", exampleWarning(site.Code)))
			return
		}
		if site.Code != "" {
			if at, dup := first[site.Code]; dup {
				r.fail("code", fmt.Sprintf("The code %s is also on row %d; a site can be in the file once. Remove or merge one of the rows.", site.Code, at))
			} else {
				first[site.Code] = r.row
			}
		}
		// Only rows without problems go on to the store, so the counts
		// are of what would really be created and updated.
		if !r.hasProblems() {
			out.Import.Rows = append(out.Import.Rows, store.SiteImportRow{Row: r.row, Manufacturer: maker, ManufacturerCountry: makerCountry, Site: site, Set: r.set})
		}
	}, &out.Problems)
	if err != nil {
		return nil, err
	}
	out.Sheet, out.Ignored, out.table = t.sheet, t.ignored, t
	out.Import.Source.Sheet = t.sheet
	return out, nil
}

// exampleWarning says the template's example row was left out.
func exampleWarning(what string) string {
	return fmt.Sprintf("This is the template's example row (%s); it was not imported. Delete it, or write a real record over it.", what)
}

// isSiteExample reports whether a row is the sites template's example:
// its code, name and manufacturer all as the template writes them.
func isSiteExample(s model.Site, maker string) bool {
	return s.Code == siteFields[0].example && s.Name == exampleOf(siteFields, "name") && maker == exampleOf(siteFields, "manufacturer")
}

func exampleOf(fields []field, key string) string {
	for _, f := range fields {
		if f.key == key {
			return f.example
		}
	}
	return ""
}

// readSite reads a row into a site for store.ImportSites, which checks it
// with qualification.NormalizeSite as the API does. Only the code must be
// there; every other field is set when its cell has a value or the clear
// marker.
func readSite(r *rowReader) (model.Site, string, string) {
	var s model.Site
	s.Code = qualification.NormalizeSiteCode(r.key("code", "site code", "Every row needs the site's code, e.g. ACME-SZ1."))
	s.Name, _ = r.field("name")
	maker := ""
	if v, ok := r.field("manufacturer"); ok {
		if maker = strings.Join(strings.Fields(v), " "); maker == "" {
			r.fail("manufacturer", "A site always belongs to a manufacturer, so it cannot be cleared. Name the manufacturer, or leave the cell blank to keep it.")
		}
	}
	makerCountry := ""
	if v, ok := r.field("manufacturer_country"); ok && v != "" {
		code, known := qualification.CountryCode(countryFromCell(v))
		if !known {
			r.fail("manufacturer_country", unknownCountry(v))
		}
		makerCountry = code
	}
	s.Address, _ = r.field("address")
	s.City, _ = r.field("city")
	s.Country, _ = r.field("country")
	s.Country = countryFromCell(s.Country)
	s.Processes = readProcesses(r)
	s.ApprovedScope, _ = r.field("approved_scope")
	tier, _ := r.field("risk_tier")
	s.RiskTier = model.RiskTier(tier)
	s.ContactName, _ = r.field("contact_name")
	s.ContactEmail, _ = r.field("contact_email")
	s.ContactPhone, _ = r.field("contact_phone")
	s.Notes, _ = r.field("notes")
	return s, maker, makerCountry
}

func unknownCountry(v string) string {
	return fmt.Sprintf("%q is not a country qualtrack knows. Write the two-letter ISO code (e.g. CN, DE, MX) or the English name (e.g. China).", v)
}

var processSeparators = regexp.MustCompile(`[,;|\n]+`)

// readProcesses splits the processes cell at commas, semicolons, bars
// and line breaks; qualification.NormalizeSite then cleans the list.
func readProcesses(r *rowReader) model.StringList {
	v, _ := r.field("processes")
	out := model.StringList{}
	for _, p := range processSeparators.Split(v, -1) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
