package spreadsheet

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// approvedSupplierColumns start with the site's own fields under the same
// headers as the sites import template, so an export can be edited and
// imported again; the derived columns after them are ignored by the import.
var approvedSupplierColumns = []Column{
	{siteHeaders.Code, 14},
	{siteHeaders.Name, 28},
	{siteHeaders.Manufacturer, 26},
	{siteHeaders.ManufacturerCountry, 18},
	{siteHeaders.Address, 30},
	{siteHeaders.City, 16},
	{siteHeaders.Country, 18},
	{siteHeaders.Processes, 28},
	{siteHeaders.ApprovedScope, 36},
	{siteHeaders.RiskTier, 10},
	{siteHeaders.ContactName, 20},
	{siteHeaders.ContactEmail, 26},
	{siteHeaders.ContactPhone, 18},
	{"Status", 16},
	{"Status since", 12},
	{"Conditional until", 12},
	{"Last inspection", 12},
	{"Last result", 12},
	{"Next inspection due", 12},
	{"Overdue", 9},
	{"Valid certifications", 44},
	{"Open critical", 9},
	{"Open major", 9},
	{"Open minor", 9},
	{"Open observations", 12},
}

// ApprovedSuppliers is the sites report: every active site the filter
// selects, with its status, schedule, certificates and open findings.
func ApprovedSuppliers(ctx context.Context, st *store.Store, f store.ReportSiteFilter, run Run) (*Export, error) {
	e := newExport("approved-suppliers", "Approved suppliers", run, siteFilters(f), datedFileName("approved-suppliers", run.At))
	e.meta.Notes = []string{
		"Valid certifications are those neither expired nor withdrawn; amber ones expire within " +
			strconv.Itoa(st.Rules().ExpiringWithinDays) + " days.",
		"The first 13 columns can be edited and imported again (Import sites); the others are ignored by the import.",
	}
	sh, err := e.wb.AddSheet("Approved suppliers", approvedSupplierColumns)
	if err != nil {
		return e.fail(err)
	}
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
		r.Code, r.Name, r.Manufacturer, countryName(r.ManufacturerCountry), r.Address, r.City, countryName(r.Country),
		strings.Join(r.Processes, ", "), r.ApprovedScope, string(r.RiskTier),
		r.ContactName, r.ContactEmail, r.ContactPhone,
		Toned{words(r.Status), SiteStatusTone(r.Status)},
		model.DateOf(r.StatusSince.UTC()),
		r.ConditionalUntil,
		r.LastInspectionDate,
		Toned{string(r.LastInspectionResult), ResultTone(r.LastInspectionResult)},
		Toned{r.NextInspectionDue, overdueTone(r.Overdue)},
		Toned{r.Overdue, overdueTone(r.Overdue)},
		certificateSummary(r.ValidCertifications),
		Toned{r.OpenFindings.Critical, countTone(r.OpenFindings.Critical, ToneRed)},
		Toned{r.OpenFindings.Major, countTone(r.OpenFindings.Major, ToneOrange)},
		r.OpenFindings.Minor,
		r.OpenFindings.Observation,
	}
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
