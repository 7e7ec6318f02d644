package spreadsheet

import (
	"fmt"
	"net/mail"
	"regexp"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

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
	{key: "risk_tier", header: siteHeaders.RiskTier, required: true, example: "medium",
		aliases: []string{"Risk", "Risk level", "Risk class", "Risk rating", "Risk category", "Tier"},
		help:    "low, medium, high or critical (in any case). It sets how often the site is inspected."},
	{key: "contact_name", header: siteHeaders.ContactName, example: "Li Wei",
		aliases: []string{"Contact", "Contact person", "Site contact"}, help: "Optional. At most 200 characters."},
	{key: "contact_email", header: siteHeaders.ContactEmail, example: "li.wei@acme.example",
		aliases: []string{"Email", "E-mail", "Email address", "Contact email address"}, help: "Optional. One e-mail address."},
	{key: "contact_phone", header: siteHeaders.ContactPhone, example: "0755 1234 5678",
		aliases: []string{"Phone", "Telephone", "Tel", "Phone number", "Contact telephone"}, help: "Optional. At most 60 characters."},
	{key: "notes", header: siteHeaders.Notes, example: "",
		aliases: []string{"Note", "Comments", "Comment", "Remarks"}, help: "Optional. Free text."},
}

// siteOptionalFields are the fields whose column may be absent.
var siteOptionalFields = []string{"address", "city", "processes", "approved_scope", "contact_name", "contact_email", "contact_phone", "notes"}

// Parsed is what an import file says, before the store checks it against
// the database.
type Parsed struct {
	Sheet string
	// Problems are the rows' problems found in the file itself.
	Problems []Problem
	// Ignored are the headers no field matched (a status column, notes of
	// one's own): they are not imported.
	Ignored []string
	table   *table
	fields  []field
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
	date1904 := isDate1904(f)
	first := map[string]int{} // lower-case code -> first row
	t, err := readRows(f, siteFields, limits, func(t *table, row int, cells []string) {
		r := &rowReader{t: t, row: row, cells: cells, date1904: date1904, problems: &out.Problems}
		before := len(out.Problems)
		site, maker, makerCountry := readSite(r)
		if site.Code != "" {
			if at, dup := first[strings.ToLower(site.Code)]; dup {
				r.fail("code", fmt.Sprintf("The code %s is also on row %d; a site can be in the file once. Remove or merge one of the rows.", site.Code, at))
			} else {
				first[strings.ToLower(site.Code)] = row
			}
		}
		// Only rows without problems go on to the store, so the counts
		// are of what would really be created and updated.
		if len(out.Problems) == before {
			out.Import.Rows = append(out.Import.Rows, store.SiteImportRow{Row: row, Manufacturer: maker, ManufacturerCountry: makerCountry, Site: site})
		}
	})
	if err != nil {
		return nil, err
	}
	out.Sheet, out.Ignored, out.table = t.sheet, t.ignored, t
	out.Import.Source.Sheet = t.sheet
	for _, k := range siteOptionalFields {
		if t.has(k) {
			out.Import.Fields = append(out.Import.Fields, k)
		}
	}
	return out, nil
}

func readSite(r *rowReader) (model.Site, string, string) {
	var s model.Site
	s.Code = r.required("code", "site code", 40, "Every row needs the site's code, e.g. ACME-SZ1.")
	s.Name = r.required("name", "site name", 200, "Write the site's name.")
	maker := strings.Join(strings.Fields(r.required("manufacturer", "manufacturer", 200, "Name the manufacturer the site belongs to.")), " ")
	makerCountry := ""
	if v := r.text("manufacturer_country"); v != "" {
		code, ok := qualification.CountryCode(v)
		if !ok {
			r.fail("manufacturer_country", unknownCountry(v))
		}
		makerCountry = code
	}
	s.Address = r.limited("address", "address", 500)
	s.City = r.limited("city", "city", 120)
	if v := r.required("country", "country", 100, "Write the country's ISO code (e.g. CN) or English name (e.g. China)."); v != "" {
		code, ok := qualification.CountryCode(v)
		if !ok {
			r.fail("country", unknownCountry(v))
		}
		s.Country = code
	}
	s.Processes = readProcesses(r)
	s.ApprovedScope = r.limited("approved_scope", "approved scope", 5000)
	if v := r.required("risk_tier", "risk tier", 40, "Write low, medium, high or critical."); v != "" {
		tier := model.RiskTier(strings.ToLower(v))
		if !tier.Valid() {
			r.fail("risk_tier", fmt.Sprintf("%q is not a risk tier. Write low, medium, high or critical.", v))
		}
		s.RiskTier = tier
	}
	s.ContactName = r.limited("contact_name", "contact name", 200)
	s.ContactEmail = r.limited("contact_email", "contact e-mail", 254)
	if v := s.ContactEmail; v != "" {
		if a, err := mail.ParseAddress(v); err != nil || a.Address != v {
			r.fail("contact_email", fmt.Sprintf("%q is not an e-mail address. Write one address such as jane@example.com.", v))
		}
	}
	s.ContactPhone = r.limited("contact_phone", "contact phone", 60)
	s.Notes = r.limited("notes", "notes", 10000)
	return s, maker, makerCountry
}

func unknownCountry(v string) string {
	return fmt.Sprintf("%q is not a country qualtrack knows. Write the two-letter ISO code (e.g. CN, DE, MX) or the English name (e.g. China).", v)
}

var processSeparators = regexp.MustCompile(`[,;|\n]+`)

// readProcesses splits the processes cell; known processes are written
// as qualtrack spells them ("Final assembly" -> final_assembly), others
// are kept as typed.
func readProcesses(r *rowReader) model.StringList {
	v := r.text("processes")
	if v == "" {
		return model.StringList{}
	}
	out := model.StringList{}
	for _, p := range processSeparators.Split(v, -1) {
		p = strings.Join(strings.Fields(p), " ")
		if p == "" {
			continue
		}
		known := strings.NewReplacer(" ", "_", "-", "_").Replace(strings.ToLower(p))
		if slices.Contains(model.SiteProcesses, known) {
			p = known
		}
		if len([]rune(p)) > 100 {
			r.fail("processes", fmt.Sprintf("The process %q is longer than 100 characters; separate processes with commas.", string([]rune(p)[:40])+"..."))
			continue
		}
		if !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}

// isDate1904 reports whether the workbook counts dates from 1904 (old
// Mac workbooks), which shifts every date serial by four years.
func isDate1904(f *excelize.File) bool {
	props, err := f.GetWorkbookProps()
	return err == nil && props.Date1904 != nil && *props.Date1904
}
