package spreadsheet

import (
	"context"

	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// inspectionColumns are the inspection log's columns after the site ones.
var inspectionColumns = []Column{
	{"Type", 12},
	{"Status", 11},
	{"Scheduled", 12},
	{"Performed", 12},
	{"Lead inspector", 20},
	{"Team", 24},
	{"Scope", 30},
	{"Result", 12},
	{"Score", 7},
	{"Findings", 9},
	{"Critical", 8},
	{"Major", 8},
	{"Minor", 8},
	{"Observations", 12},
	{"Open findings", 9},
	{"Summary", 50},
	signatureColumns[0], signatureColumns[1], signatureColumns[2], signatureColumns[3],
}

// Inspections is the inspection log: every inspection whose date
// (performed, or scheduled) is in the range, oldest first, with its
// finding counts.
func Inspections(ctx context.Context, st *store.Store, f store.ReportInspectionFilter, run Run) (*Export, error) {
	var filters []Filter
	if !f.From.IsZero() {
		filters = append(filters, Filter{"from", f.From.String()})
	}
	if !f.To.IsZero() {
		filters = append(filters, Filter{"to", f.To.String()})
	}
	e := newExport("inspections", "Inspection log", run, filters, "")
	inspectionsDescribed(f).apply(e, run)
	e.meta.Notes = []string{"An inspection's date is its performed date, or its scheduled date when it was not performed."}
	cols := append([]Column{{"Inspection ID", 10}}, reportSiteColumns...)
	cols = append(cols, Column{"Country", 16})
	sh, err := e.wb.AddListSheet("Inspections", 2, append(cols, inspectionColumns...))
	if err != nil {
		return e.fail(err)
	}
	row := make([]any, 0, len(cols)+len(inspectionColumns))
	err = st.EachReportInspection(ctx, f, func(batch []store.ReportInspection) error {
		for i := range batch {
			r := &batch[i]
			row = append(row[:0], r.ID)
			row = append(row, reportSiteCells(r.ReportSiteRef)...)
			row = appendInspectionCells(append(row, countryName(r.Country)), r)
			if err := sh.Add(row...); err != nil {
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

// appendInspectionCells appends an inspection's cells to row, so the log
// reuses one row slice for all its lines.
func appendInspectionCells(row []any, r *store.ReportInspection) []any {
	var score any
	if r.Score.Valid {
		score = r.Score.Int64
	}
	row = append(row,
		label(r.Type), label(r.Status), r.ScheduledDate, r.PerformedDate,
		r.LeadInspector, r.Team, r.Scope,
		Toned{label(r.Result), ResultTone(r.Result)}, score,
		r.Findings.Total(),
		Toned{r.Findings.Critical, countTone(r.Findings.Critical, ToneRed)},
		Toned{r.Findings.Major, countTone(r.Findings.Major, ToneOrange)},
		r.Findings.Minor, r.Findings.Observation,
		Toned{r.OpenFindings, countTone(r.OpenFindings, ToneRed)},
		r.Summary,
	)
	return append(row, signatureCells(r.Signature)...)
}

// signatureColumns follow a signed record's own columns.
var signatureColumns = []Column{{"Signed by", 30}, {"Signature meaning", 12}, {"Signed at", 16}, {"Signed content SHA-256", 30}}

// signatureCells are a record's signature (blank when it is not signed).
func signatureCells(s store.ReportSignature) []any {
	if s.ContentHash == "" {
		return []any{nil, nil, nil, nil}
	}
	return []any{s.Signer, label(s.Meaning), s.SignedAt, s.ContentHash}
}

// inspectionsDescribed is "Inspection log from 2026-02-01 to 2026-06-30",
// inspections-2026-02-01-to-2026-06-30.
func inspectionsDescribed(f store.ReportInspectionFilter) described {
	d := described{title: "Inspection log", stem: "inspections"}
	if !f.From.IsZero() {
		d.title += " from " + f.From.String()
		d.stem += "-from-" + f.From.String()
		d.criteria = append(d.criteria, Criterion{"From", f.From.String()})
	}
	if !f.To.IsZero() {
		d.title += " to " + f.To.String()
		d.stem += "-to-" + f.To.String()
		d.criteria = append(d.criteria, Criterion{"To", f.To.String() + " (included)"})
	}
	if !f.From.IsZero() && !f.To.IsZero() {
		d.stem = "inspections-" + f.From.String() + "-to-" + f.To.String()
	}
	return d
}
