package store

import (
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
)

// inspectionChecklistsView loads an inspection's checklists, answers,
// referenced photos and open findings with one query for each kind, and
// scores them.
func inspectionChecklistsView(tx *gorm.DB, inspectionID int64) (InspectionChecklistsView, error) {
	var in model.Inspection
	if err := tx.Take(&in, inspectionID).Error; err != nil {
		return InspectionChecklistsView{}, translate(err, "inspection checklists")
	}
	out := InspectionChecklistsView{InspectionID: in.ID, InspectionStatus: in.Status, RecordedResult: in.Result,
		ResultOverrideReason: in.ResultOverrideReason, UnansweredReason: in.UnansweredReason,
		Unanswered: []UnansweredItem{}, Checklists: []ChecklistView{}, Contradictions: []Contradiction{}}
	var lists []model.InspectionChecklist
	if err := tx.Where("inspection_id = ?", in.ID).Order("id").Find(&lists).Error; err != nil {
		return out, fmt.Errorf("store: inspection checklists: %w", err)
	}
	open, err := openFindingCounts(tx, in.ID)
	if err != nil {
		return out, err
	}
	out.OpenFindings = open
	templateIDs := distinctIDs(lists, func(ic model.InspectionChecklist) int64 { return ic.TemplateID })
	var templates []model.ChecklistTemplate
	if len(templateIDs) > 0 {
		if err := tx.Where("id IN ?", templateIDs).Find(&templates).Error; err != nil {
			return out, fmt.Errorf("store: checklist templates: %w", err)
		}
	}
	described, err := describeTemplates(tx, templates)
	if err != nil {
		return out, err
	}
	templateByID := map[int64]ChecklistTemplateRow{}
	for _, t := range described {
		templateByID[t.ID] = t
	}
	content, err := templateContent(tx, templateIDs)
	if err != nil {
		return out, err
	}
	answers, err := checklistAnswers(tx, in.ID, distinctIDs(lists, func(ic model.InspectionChecklist) int64 { return ic.ID }))
	if err != nil {
		return out, err
	}
	names, err := userNames(tx, distinctIDs(lists, func(ic model.InspectionChecklist) int64 {
		if ic.AddedByID == nil {
			return 0
		}
		return *ic.AddedByID
	}))
	if err != nil {
		return out, err
	}
	raised, err := contradictionFindingIDs(tx, in.ID)
	if err != nil {
		return out, err
	}
	var all []qualification.ScoredItem
	for _, ic := range lists {
		t := templateByID[ic.TemplateID]
		cv := ChecklistView{ID: ic.ID, InspectionID: ic.InspectionID, AddedByID: ic.AddedByID, CreatedAt: ic.CreatedAt,
			Template: ChecklistTemplateRef{ID: t.ID, Key: t.Key, Name: t.Name, Version: t.Version, LatestVersion: t.LatestVersion},
			Sections: []ChecklistSectionAnswers{}}
		if ic.AddedByID != nil {
			cv.AddedByName = names[*ic.AddedByID]
		}
		var items []ChecklistItemView
		for _, sec := range content[ic.TemplateID] {
			items = append(items, sec.Items...)
		}
		stated, err := statementsFor(tx, in, t.Key, t.ID, items, time.Time{})
		if err != nil {
			return out, err
		}
		cv.SelfAssessment = stated.ref
		var scored []qualification.ScoredItem
		for _, sec := range content[ic.TemplateID] {
			sa := ChecklistSectionAnswers{ID: sec.ID, Number: sec.Number, Title: sec.Title, Items: []ChecklistItemAnswer{}}
			for _, it := range sec.Items {
				a := answers[answerKey{ic.ID, it.ID}]
				row := ChecklistItemAnswer{ChecklistItemView: it, Answer: a, SupplierAnswer: stated.byItem[it.ID]}
				if row.SupplierAnswer != nil && a != nil && qualification.Contradicts(it.AnswerType, row.SupplierAnswer.stated(), inspectorStated(a.ChecklistAnswer)) {
					row.Contradicts = true
					c := Contradiction{ChecklistID: ic.ID, ItemID: it.ID, Number: it.Number, Question: it.Question, Critical: it.Critical,
						SelfAssessmentID: row.SupplierAnswer.SelfAssessmentID, SupplierAnswer: qualification.DescribeAnswer(row.SupplierAnswer.stated()),
						InspectorAnswer: qualification.DescribeAnswer(inspectorStated(a.ChecklistAnswer)), FindingID: a.FindingID}
					if id, ok := raised[it.ID]; ok {
						c.FindingID = &id
					}
					out.Contradictions = append(out.Contradictions, c)
				}
				sa.Items = append(sa.Items, row)
				scored = append(scored, scoredItem(it, a))
				if a == nil {
					out.Unanswered = append(out.Unanswered, UnansweredItem{ChecklistID: ic.ID, ItemID: it.ID,
						Number: it.Number, Question: it.Question, Critical: it.Critical})
				}
			}
			cv.Sections = append(cv.Sections, sa)
		}
		cv.ChecklistScore = qualification.ScoreItems(scored)
		all = append(all, scored...)
		out.Checklists = append(out.Checklists, cv)
	}
	out.ChecklistScore = qualification.ScoreItems(all)
	out.ResultSuggestion = qualification.SuggestResult(all, open.Critical, open.Major)
	return out, nil
}

// scoredItem is an item and its answer (nil: unanswered) as scoring sees it.
func scoredItem(it ChecklistItemView, a *AnswerView) qualification.ScoredItem {
	si := qualification.ScoredItem{Number: it.Number, Question: it.Question, Type: it.AnswerType, Weight: it.Weight, Critical: it.Critical}
	if a != nil {
		si.Answered, si.NotApplicable, si.Answer = true, a.NotApplicable, a.ChecklistAnswer.Answer
		if a.Rating != nil {
			si.Rating = *a.Rating
		}
	}
	return si
}

type answerKey struct{ checklistID, itemID int64 }

// checklistAnswers loads the answers of the checklists in ids, with the
// answerers' names and the photos they reference.
func checklistAnswers(tx *gorm.DB, inspectionID int64, ids []int64) (map[answerKey]*AnswerView, error) {
	out := map[answerKey]*AnswerView{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []model.ChecklistAnswer
	if err := tx.Where("inspection_checklist_id IN ?", ids).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("store: checklist answers: %w", err)
	}
	views, err := describeAnswers(tx, inspectionID, rows)
	if err != nil {
		return nil, err
	}
	for i := range views {
		out[answerKey{views[i].InspectionChecklistID, views[i].ItemID}] = &views[i]
	}
	return out, nil
}

// describeAnswers adds names, photos and the failed flag to answers.
func describeAnswers(tx *gorm.DB, inspectionID int64, rows []model.ChecklistAnswer) ([]AnswerView, error) {
	out := make([]AnswerView, len(rows))
	names, err := userNames(tx, distinctIDs(rows, func(a model.ChecklistAnswer) int64 {
		if a.AnsweredByID == nil {
			return 0
		}
		return *a.AnsweredByID
	}))
	if err != nil {
		return nil, err
	}
	var fileIDs []int64
	for _, a := range rows {
		fileIDs = append(fileIDs, a.AttachmentIDs...)
	}
	files := map[int64]AttachmentRef{}
	if len(fileIDs) > 0 {
		var refs []AttachmentRef
		if err := tx.Model(&model.Attachment{}).Select("id", "file_name", "content_type", "size").
			Where("id IN ? AND owner_type = ? AND owner_id = ?", fileIDs, model.OwnerInspection, inspectionID).Scan(&refs).Error; err != nil {
			return nil, fmt.Errorf("store: answer photos: %w", err)
		}
		for _, r := range refs {
			files[r.ID] = r
		}
	}
	for i, a := range rows {
		out[i] = AnswerView{ChecklistAnswer: a, Attachments: []AttachmentRef{}}
		if a.AnsweredByID != nil {
			out[i].AnsweredByName = names[*a.AnsweredByID]
		}
		for _, id := range a.AttachmentIDs {
			if f, ok := files[id]; ok {
				out[i].Attachments = append(out[i].Attachments, f)
			}
		}
		out[i].Failed = !a.NotApplicable && (a.Answer == "no" || a.Rating != nil && *a.Rating <= 2)
	}
	return out, nil
}

// openFindingCounts counts the inspection's open critical and major
// findings.
func openFindingCounts(tx *gorm.DB, inspectionID int64) (OpenFindingCounts, error) {
	var groups []struct {
		Severity model.Severity
		N        int
	}
	err := tx.Model(&model.Finding{}).Select("severity, COUNT(*) AS n").
		Where("inspection_id = ? AND status <> ? AND severity IN ?", inspectionID, model.FindingClosed, []model.Severity{model.SeverityCritical, model.SeverityMajor}).
		Group("severity").Scan(&groups).Error
	if err != nil {
		return OpenFindingCounts{}, fmt.Errorf("store: open findings: %w", err)
	}
	var out OpenFindingCounts
	for _, g := range groups {
		switch g.Severity {
		case model.SeverityCritical:
			out.Critical = g.N
		case model.SeverityMajor:
			out.Major = g.N
		}
	}
	return out, nil
}
