package spreadsheet

import (
	"context"
	"strconv"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// certificationColumns follow the site columns. Standard to Withdrawn
// reason carry the certifications import's headers, so with the Site code
// column the report can be edited and imported again.
var certificationColumns = []Column{
	{certHeaders.Standard, 20},
	{certHeaders.CertificateNumber, 18},
	{certHeaders.IssuingBody, 22},
	{certHeaders.Scope, 30},
	{certHeaders.IssuedOn, 12},
	{certHeaders.ExpiresOn, 12},
	{"Days to expiry", 9},
	{"Status", 11},
	{certHeaders.Withdrawn, 10},
	{certHeaders.WithdrawnReason, 24},
	{"Verified by", 20},
	{"Verified at", 16},
}

// Certifications lists every certificate with its status, soonest expiry
// first; with ExpiringWithinDays, only those not withdrawn expiring in
// that many days.
func Certifications(ctx context.Context, st *store.Store, f store.ReportCertificationFilter, run Run) (*Export, error) {
	var filters []Filter
	if f.ExpiringWithinDays != nil {
		filters = append(filters, Filter{"expiring_within_days", strconv.Itoa(*f.ExpiringWithinDays)})
	}
	e := newExport("certifications", "Certifications", run, filters, "")
	certificationsDescribed(f).apply(e, run)
	e.meta.Notes = []string{"A certificate is expiring from " + strconv.Itoa(st.Rules().ExpiringWithinDays) +
		" days before its expiry date; the expiry date is its last valid day."}
	sh, err := e.wb.AddListSheet("Certifications", 1, append(append([]Column{}, reportSiteColumns...), certificationColumns...))
	if err != nil {
		return e.fail(err)
	}
	row := make([]any, 0, len(reportSiteColumns)+len(certificationColumns))
	err = st.EachReportCertification(ctx, f, func(batch []store.ReportCertification) error {
		for i := range batch {
			r := &batch[i]
			row = append(row[:0], reportSiteCells(r.ReportSiteRef)...)
			if err := sh.Add(append(row, certificationCells(r)...)...); err != nil {
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

func certificationCells(r *store.ReportCertification) []any {
	tone := CertificationTone(r.Status)
	var days any = r.DaysToExpiry
	var verifiedAt any
	if r.VerifiedAt.Valid {
		verifiedAt = r.VerifiedAt.Time
	}
	if r.Status == model.CertWithdrawn {
		days = nil
	}
	return []any{
		r.Standard, r.CertificateNumber, r.IssuingBody, r.Scope, r.IssuedOn,
		Toned{r.ExpiresOn, tone}, days, Toned{label(r.Status), tone},
		r.Withdrawn, r.WithdrawnReason, r.VerifiedBy, verifiedAt,
	}
}

// certificationsDescribed is "Certifications expiring within 90 days",
// certifications-expiring-within-90-days.
func certificationsDescribed(f store.ReportCertificationFilter) described {
	d := described{title: "Certifications", stem: "certifications"}
	if f.ExpiringWithinDays != nil {
		days := daysText(*f.ExpiringWithinDays)
		d.title += " expiring within " + days
		d.stem += "-expiring-within-" + stemWords(days)
		d.criteria = append(d.criteria, Criterion{"Expiring within", days + " (not withdrawn)"})
	}
	return d
}
