package spreadsheet

import (
	"context"
	"strings"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// findingColumns follow the site columns.
var findingColumns = []Column{
	{"Inspection ID", 10},
	{"Inspection date", 12},
	{"Severity", 11},
	{"Category", 13},
	{"Requirement", 20},
	{"Description", 44},
	{"Corrective action", 44},
	{"Owner", 20},
	{"Due date", 12},
	{"Status", 12},
	{"Overdue", 9},
	{"Days overdue", 9},
	{"Verification note", 36},
	{"Verified by", 20},
	{"Verified at", 16},
	signatureColumns[0], signatureColumns[1], signatureColumns[2], signatureColumns[3],
	{"Request", 9},
	{"Request stage", 24},
	{"Stage due", 12},
	{"Stage overdue", 9},
	{"Issued", 16},
	{"First answer", 16},
	{"Returned answers", 9},
}

// Findings lists findings and their corrective actions, earliest due
// first, with who owns them and whether they are overdue.
func Findings(ctx context.Context, st *store.Store, f store.ReportFindingFilter, run Run) (*Export, error) {
	var filters []Filter
	if len(f.Statuses) > 0 {
		names := make([]string, len(f.Statuses))
		for i, st := range f.Statuses {
			names[i] = string(st)
		}
		filters = append(filters, Filter{"status", strings.Join(names, ",")})
	}
	e := newExport("findings", "Findings and corrective actions", run, filters, "")
	findingsDescribed(f).apply(e, run)
	e.meta.Notes = []string{"A finding is overdue when it is not closed and its due date has passed."}
	cols := append([]Column{{"Finding ID", 10}}, reportSiteColumns...)
	sh, err := e.wb.AddListSheet("Findings", 2, append(cols, findingColumns...))
	if err != nil {
		return e.fail(err)
	}
	row := make([]any, 0, len(cols)+len(findingColumns))
	err = st.EachReportFinding(ctx, f, func(batch []store.ReportFinding) error {
		for i := range batch {
			r := &batch[i]
			row = append(row[:0], r.ID)
			row = append(row, reportSiteCells(r.ReportSiteRef)...)
			if err := sh.Add(append(row, findingCells(r)...)...); err != nil {
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

func findingCells(r *store.ReportFinding) []any {
	overdue := overdueTone(r.Overdue)
	var daysOverdue, verifiedAt any
	if r.Overdue {
		daysOverdue = Toned{r.DaysOverdue, ToneRed}
	}
	if r.VerifiedAt.Valid {
		verifiedAt = r.VerifiedAt.Time
	}
	cells := []any{
		r.InspectionID, r.InspectionDate,
		Toned{label(r.Severity), SeverityTone(r.Severity)}, label(r.Category),
		r.Requirement, r.Description, r.CorrectiveAction, r.Owner,
		Toned{r.DueDate, overdue},
		Toned{label(r.Status), FindingStatusTone(r.Status)},
		Toned{r.Overdue, overdue}, daysOverdue,
		r.VerificationNote, r.VerifiedBy, verifiedAt,
	}
	cells = append(cells, signatureCells(r.Signature)...)
	return append(cells, requestCells(r.Request)...)
}

// requestCells show a finding's corrective-action request: its stage, the
// supplier's due date and whether it passed, when it was issued and first
// answered, and how many answers were returned.
func requestCells(q store.ReportRequest) []any {
	if q.ID == 0 {
		return []any{nil, nil, nil, nil, nil, nil, nil}
	}
	stage := "closed: verified"
	if q.Status == model.CAOpen {
		stage = qualification.StageName(q.Stage)
	}
	overdue := overdueTone(q.Overdue)
	var due, issued, answered any
	if q.Status == model.CAOpen && !q.NextDue.IsZero() {
		due = Toned{q.NextDue, overdue}
	}
	if q.IssuedAt.Valid {
		issued = q.IssuedAt.Time
	}
	if q.FirstResponseAt.Valid {
		answered = q.FirstResponseAt.Time
	}
	return []any{q.ID, stage, due, Toned{q.Overdue, overdue}, issued, answered, q.ReworkCount}
}

// findingsDescribed is "Findings and corrective actions: open and in
// progress", findings-open-in-progress.
func findingsDescribed(f store.ReportFindingFilter) described {
	d := described{title: "Findings and corrective actions", stem: "findings"}
	if len(f.Statuses) > 0 {
		labels := labelsOf(f.Statuses)
		d.title += ": " + joinAnd(lowerAll(labels))
		d.stem += "-" + stemWords(strings.Join(labels, " "))
		d.criteria = append(d.criteria, Criterion{"Status", strings.Join(labels, ", ")})
	}
	return d
}
