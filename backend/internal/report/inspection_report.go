// The per-inspection workbook (GET /inspections/{id}/report.xlsx).

package report

import (
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// InspectionReport is what the per-inspection workbook shows.
type InspectionReport struct {
	Inspection  store.InspectionRow
	Checklists  store.InspectionChecklistsView
	Findings    []store.FindingRow
	GeneratedAt time.Time
	GeneratedBy string
}

// InspectionReportFileName says what and when: the inspection, its site
// and its date (performed, else scheduled).
func InspectionReportFileName(r InspectionReport) string {
	in := r.Inspection
	day := in.PerformedDate
	if day.IsZero() {
		day = in.ScheduledDate
	}
	if day.IsZero() {
		day = model.DateOf(r.GeneratedAt)
	}
	code := inspectionReportFileChars.ReplaceAllString(in.SiteCode, "_")
	return fmt.Sprintf("inspection-%d-%s-%s.xlsx", in.ID, code, day)
}

var inspectionReportFileChars = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// WriteInspectionReport writes the inspection, its checklists with every
// answer, its findings and a Report sheet as an XLSX workbook.
func WriteInspectionReport(w io.Writer, r InspectionReport) error {
	f := excelize.NewFile()
	defer f.Close()
	wb, err := newInspectionWorkbook(f)
	if err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", "Inspection"); err != nil {
		return err
	}
	steps := []func(InspectionReport) error{wb.inspectionSheet, wb.checklistSheet, wb.findingsSheet, wb.reportSheet}
	for _, step := range steps {
		if err := step(r); err != nil {
			return fmt.Errorf("report: inspection %d: %w", r.Inspection.ID, err)
		}
	}
	f.SetActiveSheet(0)
	return f.Write(w)
}

// inspectionWorkbook holds the workbook and its styles.
type inspectionWorkbook struct {
	f                          *excelize.File
	header, date, stamp, wrap  int
	failed, label, overdueDate int
	resultStyles               map[model.InspectionResult]int
}

func newInspectionWorkbook(f *excelize.File) (*inspectionWorkbook, error) {
	wb := &inspectionWorkbook{f: f, resultStyles: map[model.InspectionResult]int{}}
	dateFmt, stampFmt := "yyyy-mm-dd", "yyyy-mm-dd hh:mm \"UTC\""
	fill := func(color string) excelize.Fill {
		return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}
	}
	styles := []struct {
		dst *int
		s   excelize.Style
	}{
		{&wb.header, excelize.Style{Font: &excelize.Font{Bold: true}, Fill: fill("D9E1F2"),
			Border: []excelize.Border{{Type: "bottom", Color: "8EA9DB", Style: 1}}}},
		{&wb.date, excelize.Style{CustomNumFmt: &dateFmt}},
		{&wb.overdueDate, excelize.Style{CustomNumFmt: &dateFmt, Fill: fill("F8CBAD"), Font: &excelize.Font{Color: "9C0006"}}},
		{&wb.stamp, excelize.Style{CustomNumFmt: &stampFmt}},
		{&wb.wrap, excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
		{&wb.failed, excelize.Style{Fill: fill("FFC7CE"), Font: &excelize.Font{Color: "9C0006", Bold: true}}},
		{&wb.label, excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Vertical: "top"}}},
	}
	for _, st := range styles {
		id, err := f.NewStyle(&st.s)
		if err != nil {
			return nil, err
		}
		*st.dst = id
	}
	for result, color := range map[model.InspectionResult][2]string{
		model.ResultPass: {"C6EFCE", "006100"}, model.ResultConditional: {"FFEB9C", "9C5700"}, model.ResultFail: {"FFC7CE", "9C0006"},
	} {
		id, err := f.NewStyle(&excelize.Style{Fill: fill(color[0]), Font: &excelize.Font{Color: color[1], Bold: true}})
		if err != nil {
			return nil, err
		}
		wb.resultStyles[result] = id
	}
	return wb, nil
}

// text is user text as a cell: always a string, and one that a spreadsheet
// could take for a formula is prefixed with an apostrophe.
func (wb *inspectionWorkbook) text(s string) excelize.Cell {
	return excelize.Cell{Value: neutralizeInspectionText(s)}
}

// neutralizeInspectionText prefixes values starting with = + - @, tab or
// CR, so a spreadsheet (or a CSV made from it) never evaluates them.
func neutralizeInspectionText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func (wb *inspectionWorkbook) dateCell(d model.Date, style int) any {
	if d.IsZero() {
		return nil
	}
	return excelize.Cell{StyleID: style, Value: d.Time()}
}

// table streams a sheet with a bold, filled, frozen header row, an
// autofilter and column widths; rows holds the cells of each row.
func (wb *inspectionWorkbook) table(sheet string, headers []string, widths []float64, rows [][]any) error {
	if sheet != "Inspection" {
		if _, err := wb.f.NewSheet(sheet); err != nil {
			return err
		}
	}
	sw, err := wb.f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	for i, w := range widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	head := make([]any, len(headers))
	for i, h := range headers {
		head[i] = excelize.Cell{StyleID: wb.header, Value: h}
	}
	if err := sw.SetRow("A1", head); err != nil {
		return err
	}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	last, _ := excelize.CoordinatesToCellName(len(headers), len(rows)+1)
	return wb.f.AutoFilter(sheet, "A1:"+last, nil)
}

func (wb *inspectionWorkbook) inspectionSheet(r InspectionReport) error {
	in, cl := r.Inspection, r.Checklists
	score := func(p *int) any {
		if p == nil {
			return nil
		}
		return *p
	}
	result := func(res model.InspectionResult) any {
		if res == "" {
			return nil
		}
		return excelize.Cell{StyleID: wb.resultStyles[res], Value: string(res)}
	}
	label := func(s string) excelize.Cell { return excelize.Cell{StyleID: wb.label, Value: s} }
	rows := [][]any{
		{label("Inspection"), in.ID},
		{label("Site code"), wb.text(in.SiteCode)},
		{label("Site name"), wb.text(in.SiteName)},
		{label("Type"), string(in.Type)},
		{label("Status"), string(in.Status)},
		{label("Scheduled date"), wb.dateCell(in.ScheduledDate, wb.date)},
		{label("Performed date"), wb.dateCell(in.PerformedDate, wb.date)},
		{label("Lead inspector"), wb.text(in.LeadInspectorName)},
		{label("Team"), wb.text(in.Team)},
		{label("Scope"), excelize.Cell{StyleID: wb.wrap, Value: neutralizeInspectionText(in.Scope)}},
		{label("Result"), result(in.Result)},
		{label("Score"), score(in.Score)},
		{label("Checklist score"), score(cl.Score)},
		{label("Items answered"), fmt.Sprintf("%d of %d", cl.Answered, cl.Total)},
		{label("Suggested result"), result(cl.ResultSuggestion.Result)},
		{label("Why"), excelize.Cell{StyleID: wb.wrap, Value: neutralizeInspectionText(strings.Join(cl.Reasons, "\n"))}},
		{label("Result override reason"), excelize.Cell{StyleID: wb.wrap, Value: neutralizeInspectionText(in.ResultOverrideReason)}},
		{label("Summary"), excelize.Cell{StyleID: wb.wrap, Value: neutralizeInspectionText(in.Summary)}},
		{label("Open critical findings"), cl.OpenFindings.Critical},
		{label("Open major findings"), cl.OpenFindings.Major},
	}
	return wb.table("Inspection", []string{"Field", "Value"}, []float64{26, 90}, rows)
}

func (wb *inspectionWorkbook) checklistSheet(r InspectionReport) error {
	headers := []string{"Checklist", "Version", "No.", "Section", "Question", "Requirement", "Critical", "Weight",
		"Answer", "Note", "Photos", "Finding", "Answered by", "Answered on"}
	var rows [][]any
	for _, c := range r.Checklists.Checklists {
		for _, sec := range c.Sections {
			for _, it := range sec.Items {
				row := []any{wb.text(c.Template.Name), c.Template.Version, it.Number, wb.text(sec.Title),
					excelize.Cell{StyleID: wb.wrap, Value: neutralizeInspectionText(it.Question)}, wb.text(it.Requirement),
					map[bool]string{true: "critical", false: ""}[it.Critical], it.Weight}
				row = append(row, wb.answerCells(it.Answer)...)
				rows = append(rows, row)
			}
		}
	}
	return wb.table("Checklist", headers, []float64{30, 9, 7, 26, 60, 22, 9, 8, 14, 40, 30, 9, 20, 14}, rows)
}

// answerCells are the Answer, Note, Photos, Finding, Answered by and
// Answered on cells of an item (blank while unanswered).
func (wb *inspectionWorkbook) answerCells(a *store.AnswerView) []any {
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
		answer = wb.text(a.Text)
	}
	if a.Failed {
		answer = excelize.Cell{StyleID: wb.failed, Value: answer}
	}
	photos := make([]string, len(a.Attachments))
	for i, p := range a.Attachments {
		photos[i] = p.FileName
	}
	var finding any
	if a.FindingID != nil {
		finding = *a.FindingID
	}
	return []any{answer, excelize.Cell{StyleID: wb.wrap, Value: neutralizeInspectionText(a.Note)},
		wb.text(strings.Join(photos, ", ")), finding, wb.text(a.AnsweredByName),
		wb.dateCell(model.DateOf(a.AnsweredAt), wb.date)}
}

func (wb *inspectionWorkbook) findingsSheet(r InspectionReport) error {
	headers := []string{"Finding", "Severity", "Category", "Requirement", "Description", "Corrective action", "Owner", "Due date", "Status", "Verification note"}
	rows := make([][]any, len(r.Findings))
	for i, f := range r.Findings {
		due := wb.date
		if f.Overdue {
			due = wb.overdueDate
		}
		rows[i] = []any{f.ID, string(f.Severity), string(f.Category), wb.text(f.Requirement),
			excelize.Cell{StyleID: wb.wrap, Value: neutralizeInspectionText(f.Description)},
			excelize.Cell{StyleID: wb.wrap, Value: neutralizeInspectionText(f.CorrectiveAction)},
			wb.text(f.Owner), wb.dateCell(f.DueDate, due), string(f.Status), wb.text(f.VerificationNote)}
	}
	return wb.table("Findings", headers, []float64{9, 11, 13, 22, 60, 40, 22, 12, 12, 40}, rows)
}

func (wb *inspectionWorkbook) reportSheet(r InspectionReport) error {
	rows := [][]any{
		{"Report", "Inspection report with checklist answers"},
		{"Inspection", r.Inspection.ID},
		{"Site", wb.text(r.Inspection.SiteCode + " " + r.Inspection.SiteName)},
		{"Generated at", excelize.Cell{StyleID: wb.stamp, Value: r.GeneratedAt.UTC()}},
		{"Generated by", wb.text(r.GeneratedBy)},
	}
	return wb.table("Report", []string{"Field", "Value"}, []float64{18, 60}, rows)
}
