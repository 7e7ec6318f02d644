package spreadsheet

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// approvedSupplierColumns start with the site's own fields under the same
// headers as the sites import template, so an export can be edited and
// imported again; the derived columns after them are ignored by the import.
var approvedSupplierColumns = []Column{
	{siteHeaders.Code, 12},
	{siteHeaders.Name, 24},
	{"Status", 16},
	{siteHeaders.Manufacturer, 20},
	{siteHeaders.City, 13},
	{siteHeaders.Country, 12},
	{siteHeaders.RiskTier, 9},
	{"Next inspection due", 11},
	{"Overdue", 8},
	{"Valid certifications", 30},
	{"Open critical", 8},
	{"Open major", 8},
	// Not printed: on screen only.
	{siteHeaders.ManufacturerCountry, 16},
	{siteHeaders.Address, 30},
	{siteHeaders.Processes, 28},
	{siteHeaders.ApprovedScope, 36},
	{siteHeaders.ContactName, 20},
	{siteHeaders.ContactEmail, 26},
	{siteHeaders.ContactPhone, 18},
	{"Status since", 12},
	{"Conditional until", 12},
	{"Last inspection", 12},
	{"Last result", 12},
	{"Open minor", 9},
	{"Open observations", 12},
}

// approvedSupplierPrinted is how many of the columns print: the rest are
// too many to read on one page width.
const approvedSupplierPrinted = 12

// ApprovedStatuses are the statuses the approved-suppliers report lists
// when no status is asked for: the sites one may buy from.
var ApprovedStatuses = []model.QualificationStatus{model.StatusQualified, model.StatusConditional}

// approvedTitle says which sites the report holds: "Approved suppliers
// (qualified and conditional)" by default, "Sites: suspended" when other
// statuses were asked for.
func approvedTitle(statuses []model.QualificationStatus) (title, fileStem string) {
	if len(statuses) == 0 || sameStatuses(statuses, ApprovedStatuses) {
		return "Approved suppliers (qualified and conditional)", "approved-suppliers"
	}
	names := make([]string, len(statuses))
	stems := make([]string, len(statuses))
	for i, st := range statuses {
		names[i] = strings.ToLower(qualification.StatusLabel(st))
		stems[i] = strings.ReplaceAll(string(st), "_", "-")
	}
	return "Sites: " + joinAnd(names), "sites-" + strings.Join(stems, "-")
}

func sameStatuses(a, b []model.QualificationStatus) bool {
	if len(a) != len(b) {
		return false
	}
	for _, s := range a {
		if !slices.Contains(b, s) {
			return false
		}
	}
	return true
}

// joinAnd is "a", "a and b", "a, b and c".
func joinAnd(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// ApprovedSuppliers is the sites report: every active site the filter
// selects, with its status, schedule, certificates and open findings.
func ApprovedSuppliers(ctx context.Context, st *store.Store, f store.ReportSiteFilter, run Run) (*Export, error) {
	if len(f.Statuses) == 0 {
		f.Statuses = ApprovedStatuses
	}
	e := newExport("approved-suppliers", "", run, siteFilters(f), "")
	approvedDescribed(ctx, st, f).apply(e, run)
	e.meta.Notes = []string{
		"Valid certifications are those neither expired nor withdrawn; amber ones expire within " +
			strconv.Itoa(st.Rules().ExpiringWithinDays) + " days.",
		"The site columns (headed as in the sites import template) can be edited and imported again (Import sites); the others are ignored by the import.",
		"Printed pages show the first " + strconv.Itoa(approvedSupplierPrinted) + " columns (Code to Open major); the others are on screen only.",
	}
	sh, err := e.wb.AddListSheet("Approved suppliers", 1, approvedSupplierColumns)
	if err != nil {
		return e.fail(err)
	}
	sh.PrintColumns(approvedSupplierPrinted)
	err = st.EachReportSite(ctx, f, func(batch []store.ReportSite) error {
		for i := range batch {
			if err := sh.Add(approvedSupplierCells(&batch[i])...); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return e.fail(err)
	}
	e.Rows = sh.Rows()
	return e, nil
}

func approvedSupplierCells(r *store.ReportSite) []any {
	return []any{
		r.Code, r.Name, Toned{statusText(r.Status, r.ConditionalUntil), SiteStatusTone(r.Status)},
		r.Manufacturer, r.City, countryName(r.Country), riskTier(r.RiskTier),
		Toned{r.NextInspectionDue, overdueTone(r.Overdue)},
		Toned{r.Overdue, overdueTone(r.Overdue)},
		certificateSummary(r.ValidCertifications),
		Toned{r.OpenFindings.Critical, countTone(r.OpenFindings.Critical, ToneRed)},
		Toned{r.OpenFindings.Major, countTone(r.OpenFindings.Major, ToneOrange)},
		countryName(r.ManufacturerCountry), r.Address,
		processList(r.Processes), r.ApprovedScope,
		r.ContactName, r.ContactEmail, r.ContactPhone,
		model.DateOf(r.StatusSince.UTC()),
		r.ConditionalUntil,
		r.LastInspectionDate,
		Toned{label(r.LastInspectionResult), ResultTone(r.LastInspectionResult)},
		r.OpenFindings.Minor,
		r.OpenFindings.Observation,
	}
}

// statusText is a site's status as the web app shows it, a conditional
// approval with its end date.
func statusText(st model.QualificationStatus, until model.Date) string {
	text := label(st)
	if st == model.StatusConditional && !until.IsZero() {
		text += " until " + until.String()
	}
	return text
}

// certificateSummary lists certificates as "ISO 9001:2015 (to 2027-03-31)",
// amber when one of them is expiring.
func certificateSummary(certs []store.ReportCertificate) Toned {
	parts := make([]string, len(certs))
	tone := ToneNone
	for i, c := range certs {
		parts[i] = fmt.Sprintf("%s (to %s)", c.Standard, c.ExpiresOn)
		if c.Status == model.CertExpiring {
			tone = ToneAmber
		}
	}
	return Toned{strings.Join(parts, "; "), tone}
}

// countTone colours a count when it is not zero.
func countTone(n int, t Tone) Tone {
	if n > 0 {
		return t
	}
	return ToneNone
}

// siteFilters describes the sites filter for the Report sheet.
func siteFilters(f store.ReportSiteFilter) []Filter {
	var out []Filter
	if f.Q != "" {
		out = append(out, Filter{"q", f.Q})
	}
	if f.ManufacturerID != 0 {
		out = append(out, Filter{"manufacturer_id", strconv.FormatInt(f.ManufacturerID, 10)})
	}
	if len(f.Statuses) > 0 {
		names := make([]string, len(f.Statuses))
		for i, s := range f.Statuses {
			names[i] = string(s)
		}
		out = append(out, Filter{"status", strings.Join(names, ",")})
	}
	if f.RiskTier != "" {
		out = append(out, Filter{"risk_tier", string(f.RiskTier)})
	}
	if f.Country != "" {
		out = append(out, Filter{"country", f.Country})
	}
	if f.Overdue != nil {
		out = append(out, Filter{"overdue", strconv.FormatBool(*f.Overdue)})
	}
	return out
}

// approvedDescribed adds the other filters to the title in words:
// "Approved suppliers (qualified and conditional): high risk, in China,
// overdue", approved-suppliers-high-risk-china-overdue.
func approvedDescribed(ctx context.Context, st *store.Store, f store.ReportSiteFilter) described {
	title, stem := approvedTitle(f.Statuses)
	d := described{title: title, stem: stem}
	d.criteria = append(d.criteria, Criterion{"Status", strings.Join(labelsOf(f.Statuses), ", ")})
	var words []string
	add := func(label, text, inTitle string) {
		d.criteria = append(d.criteria, Criterion{label, text})
		words = append(words, inTitle)
		d.stem += "-" + stemWords(inTitle)
	}
	if f.ManufacturerID != 0 {
		name := "manufacturer #" + strconv.FormatInt(f.ManufacturerID, 10)
		if m, err := st.ManufacturerByID(ctx, f.ManufacturerID); err == nil {
			name = m.Name
		}
		add("Manufacturer", name, name)
	}
	if f.RiskTier != "" {
		add("Risk tier", label(f.RiskTier), strings.ToLower(label(f.RiskTier))+" risk")
	}
	if f.Country != "" {
		add("Country", countryName(f.Country), "in "+countryName(f.Country))
		d.stem = strings.TrimSuffix(d.stem, "in-"+stemWords(countryName(f.Country))) + stemWords(countryName(f.Country))
	}
	if f.Overdue != nil {
		text := "not overdue"
		if *f.Overdue {
			text = "overdue"
		}
		add("Overdue", capitalizeFirst(text), text)
	}
	if f.Q != "" {
		add("Search", f.Q, "matching \u201c"+f.Q+"\u201d")
	}
	if len(words) > 0 {
		d.title += ": " + strings.Join(words, ", ")
	}
	return d
}
