package spreadsheet

import (
	"context"
	"fmt"
	"strings"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// InspectionWorkbook is one inspection as an auditor reads it: the
// inspection with its checklist score and suggested result, every
// checklist answer, and its findings (GET /inspections/{id}/report.xlsx).
func InspectionWorkbook(ctx context.Context, st *store.Store, inspectionID int64, run Run) (*Export, error) {
	in, err := st.InspectionByID(ctx, inspectionID)
	if err != nil {
		return nil, err
	}
	lists, err := st.InspectionChecklists(ctx, inspectionID)
	if err != nil {
		return nil, err
	}
	day := in.PerformedDate
	if day.IsZero() {
		day = in.ScheduledDate
	}
	if day.IsZero() {
		day = model.DateOf(run.At)
	}
	filters := []Filter{{"inspection", fmt.Sprintf("%d (%s, %s)", in.ID, in.SiteCode, day)}}
	name := fmt.Sprintf("inspection-%d-%s-%s.xlsx", in.ID, fileNamePart(in.SiteCode), day)
	e := newExport("inspection", "Inspection report", run, filters, name)
	for _, step := range []func() (int, error){
		func() (int, error) { return inspectionOverview(e.wb, in, lists) },
		func() (int, error) {
			return checklistAnswers(e.wb, "Checklist", nil, []store.InspectionChecklistsView{lists})
		},
		func() (int, error) { return contradictions(e.wb, lists) },
		func() (int, error) { return inspectionFindings(ctx, st, e.wb, inspectionID) },
	} {
		n, err := step()
		if err != nil {
			return e.fail(err)
		}
		e.Rows += n
	}
	return e, nil
}

func inspectionOverview(wb *Workbook, in store.InspectionRow, cl store.InspectionChecklistsView) (int, error) {
	sh, err := wb.AddSheet("Inspection", []Column{{"Field", 26}, {"Value", 90}})
	if err != nil {
		return 0, err
	}
	lines := [][2]any{
		{"Inspection ID", in.ID},
		{"Site code", in.SiteCode},
		{"Site name", in.SiteName},
		{"Type", label(in.Type)},
		{"Status", label(in.Status)},
		{"Scheduled", in.ScheduledDate},
		{"Performed", in.PerformedDate},
		{"Lead inspector", in.LeadInspectorName},
		{"Team", in.Team},
		{"Scope", in.Scope},
		{"Result", Toned{label(in.Result), ResultTone(in.Result)}},
		{"Score", in.Score},
		{"Checklist score", cl.Score},
		{"Items answered", fmt.Sprintf("%d of %d", cl.Answered, cl.Total)},
		{"Suggested result", Toned{label(cl.ResultSuggestion.Result), ResultTone(cl.ResultSuggestion.Result)}},
		{"Why", strings.Join(cl.Reasons, "\n")},
		{"Result override reason", in.ResultOverrideReason},
		{"Summary", in.Summary},
		{"Open critical findings", Toned{cl.OpenFindings.Critical, countTone(cl.OpenFindings.Critical, ToneRed)}},
		{"Open major findings", Toned{cl.OpenFindings.Major, countTone(cl.OpenFindings.Major, ToneOrange)}},
	}
	sig := signatureCells(store.SignatureForReport(in.Signature))
	lines = append(lines, [2]any{"Signed by", sig[0]}, [2]any{"Signature meaning", sig[1]}, [2]any{"Signed at", sig[2]}, [2]any{"Signed content SHA-256", sig[3]})
	for _, l := range lines {
		if err := sh.Add(l[0], l[1]); err != nil {
			return 0, err
		}
	}
	return len(lines), sh.Close()
}

var checklistColumns = []Column{
	{"Checklist", 30}, {"Version", 9}, {"No.", 7}, {"Section", 26}, {"Question", 60}, {"Requirement", 22},
	{"Critical", 9}, {"Weight", 8}, {"Answer", 14}, {"Note", 40}, {"Photos", 30}, {"Finding", 9},
	{"Answered by", 20}, {"Answered on", 14},
}

// checklistAnswers writes every item of every checklist with its answer;
// inspections (when given) puts each row's inspection in a first column.
func checklistAnswers(wb *Workbook, sheet string, inspections []store.InspectionRow, lists []store.InspectionChecklistsView) (int, error) {
	cols := checklistColumns
	if inspections != nil {
		cols = append([]Column{{"Inspection ID", 10}, {"Inspection date", 12}}, cols...)
	}
	sh, err := wb.AddSheet(sheet, cols)
	if err != nil {
		return 0, err
	}
	n := 0
	for i, view := range lists {
		for _, c := range view.Checklists {
			for _, sec := range c.Sections {
				for _, it := range sec.Items {
					critical := ""
					if it.Critical {
						critical = "critical"
					}
					row := []any{c.Template.Name, c.Template.Version, it.Number, sec.Title, it.Question, it.Requirement, critical, it.Weight}
					row = append(row, answerCells(it.Answer)...)
					if inspections != nil {
						in := inspections[i]
						day := in.PerformedDate
						if day.IsZero() {
							day = in.ScheduledDate
						}
						row = append([]any{in.ID, day}, row...)
					}
					if err := sh.Add(row...); err != nil {
						return 0, err
					}
					n++
				}
			}
		}
	}
	return n, sh.Close()
}

// answerCells are the Answer, Note, Photos, Finding, Answered by and
// Answered on cells of an item ("not answered" while it has none).
func answerCells(a *store.AnswerView) []any {
	if a == nil {
		return []any{"not answered", nil, nil, nil, nil, nil}
	}
	var answer any
	switch {
	case a.NotApplicable:
		answer = "N/A"
	case a.Rating != nil:
		answer = fmt.Sprintf("%d of 5", *a.Rating)
	case a.ChecklistAnswer.Answer != "":
		answer = a.ChecklistAnswer.Answer
	default:
		answer = a.Text
	}
	if a.Failed {
		answer = Toned{answer, ToneRed}
	}
	photos := make([]string, len(a.Attachments))
	for i, p := range a.Attachments {
		photos[i] = p.FileName
	}
	var finding any
	if a.FindingID != nil {
		finding = *a.FindingID
	}
	return []any{answer, a.Note, strings.Join(photos, ", "), finding, a.AnsweredByName, model.DateOf(a.AnsweredAt)}
}

// contradictions writes the items where the inspector's answer contradicts
// the supplier's self-assessment, both answers side by side.
func contradictions(wb *Workbook, view store.InspectionChecklistsView) (int, error) {
	sh, err := wb.AddSheet("Contradictions", []Column{{"Checklist", 30}, {"Version", 9}, {"No.", 7}, {"Question", 60}, {"Critical", 9},
		{"Supplier stated", 16}, {"Supplier's note", 40}, {"Evidence files", 9}, {"Questionnaire", 13}, {"Inspector recorded", 16},
		{"Inspector's note", 40}, {"Finding", 9}})
	if err != nil {
		return 0, err
	}
	findings := map[[2]int64]*int64{}
	for _, c := range view.Contradictions {
		findings[[2]int64{c.ChecklistID, c.ItemID}] = c.FindingID
	}
	n := 0
	for _, c := range view.Checklists {
		for _, sec := range c.Sections {
			for _, it := range sec.Items {
				if !it.Contradicts {
					continue
				}
				var critical any
				if it.Critical {
					critical = Toned{"critical", ToneRed}
				}
				var finding any
				if id := findings[[2]int64{c.ID, it.ID}]; id != nil {
					finding = *id
				}
				sup, insp := it.SupplierAnswer, it.Answer
				err := sh.Add(c.Template.Name, c.Template.Version, it.Number, it.Question, critical,
					statedAnswer(sup.Answer, sup.Rating, sup.Text, sup.NotApplicable), sup.Note, sup.EvidenceCount, sup.SelfAssessmentID,
					statedAnswer(insp.ChecklistAnswer.Answer, insp.Rating, insp.Text, insp.NotApplicable), insp.Note, finding)
				if err != nil {
					return 0, err
				}
				n++
			}
		}
	}
	return n, sh.Close()
}

// statedAnswer says an answer in a few words ("yes", "rated 4 of 5", "N/A").
func statedAnswer(answer string, rating *int, text string, na bool) string {
	return qualification.DescribeAnswer(qualification.StatedAnswer{Answer: answer, Rating: rating, Text: text, NotApplicable: na})
}

func inspectionFindings(ctx context.Context, st *store.Store, wb *Workbook, inspectionID int64) (int, error) {
	sh, err := wb.AddSheet("Findings", []Column{{"Finding", 9}, {"Severity", 11}, {"Category", 13}, {"Requirement", 22},
		{"Description", 60}, {"Corrective action", 40}, {"Owner", 22}, {"Due date", 12}, {"Status", 12}, {"Verification note", 40},
		signatureColumns[0], signatureColumns[1], signatureColumns[2], signatureColumns[3]})
	if err != nil {
		return 0, err
	}
	n := 0
	for page := 1; ; page++ {
		rows, total, err := st.ListFindings(ctx, store.FindingFilter{InspectionID: inspectionID}, store.Page{Page: page, PageSize: store.MaxPageSize, Sort: "severity"})
		if err != nil {
			return 0, err
		}
		for _, f := range rows {
			cells := []any{f.ID, Toned{label(f.Severity), SeverityTone(f.Severity)}, label(f.Category), f.Requirement, f.Description,
				f.CorrectiveAction, f.Owner, Toned{f.DueDate, overdueTone(f.Overdue)}, Toned{label(f.Status), FindingStatusTone(f.Status)}, f.VerificationNote}
			err := sh.Add(append(cells, signatureCells(store.SignatureForReport(f.Signature))...)...)
			if err != nil {
				return 0, err
			}
			n++
		}
		if int64(n) >= total || len(rows) == 0 {
			return n, sh.Close()
		}
	}
}
