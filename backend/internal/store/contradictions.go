package store

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
)

// AssessmentRef names the questionnaire a checklist is compared with.
type AssessmentRef struct {
	ID     int64                  `json:"id"`
	Status model.AssessmentStatus `json:"status"`
	// SubmittedAt is the latest submission; TemplateVersion the version
	// answered, which may differ from the checklist's (items then match by
	// question, see qualification.ItemMatchKey).
	SubmittedAt     *time.Time `json:"submitted_at"`
	TemplateVersion int64      `json:"template_version"`
}

// SupplierAnswerView is the supplier's self-assessment answer to an item,
// shown beside the inspector's and never mixed with it.
type SupplierAnswerView struct {
	SelfAssessmentID int64 `json:"self_assessment_id"`
	// ItemID is the questionnaire's item: another version's when the
	// questionnaire answered another version of the template.
	ItemID        int64     `json:"item_id"`
	Answer        string    `json:"answer"`
	Rating        *int      `json:"rating"`
	Text          string    `json:"text"`
	NotApplicable bool      `json:"not_applicable"`
	Note          string    `json:"note"`
	EvidenceCount int       `json:"evidence_count"`
	AnsweredAt    time.Time `json:"answered_at"`
}

func (a SupplierAnswerView) stated() qualification.StatedAnswer {
	return qualification.StatedAnswer{Answer: a.Answer, Rating: a.Rating, Text: a.Text, NotApplicable: a.NotApplicable}
}

func inspectorStated(a model.ChecklistAnswer) qualification.StatedAnswer {
	return qualification.StatedAnswer{Answer: a.Answer, Rating: a.Rating, Text: a.Text, NotApplicable: a.NotApplicable}
}

// Contradiction is an item where the inspector's answer contradicts the
// supplier's. FindingID is the finding raised from the item, if any (for a
// critical item, the one raised for review).
type Contradiction struct {
	ChecklistID      int64  `json:"checklist_id"`
	ItemID           int64  `json:"item_id"`
	Number           string `json:"number"`
	Question         string `json:"question"`
	Critical         bool   `json:"critical"`
	SelfAssessmentID int64  `json:"self_assessment_id"`
	SupplierAnswer   string `json:"supplier_answer"`
	InspectorAnswer  string `json:"inspector_answer"`
	FindingID        *int64 `json:"finding_id"`
}

// supplierStatements is what the applicable questionnaire says about the
// items of one inspection checklist.
type supplierStatements struct {
	ref    *AssessmentRef
	byItem map[int64]*SupplierAnswerView // by the checklist's item id
}

// statementsFor finds the questionnaire of the inspected site that a
// checklist of the template is compared with (qualification.ApplicableAssessment)
// and its answers to the items: by item id when it answered the same
// template version, by question otherwise. answered is when the answer
// being recorded was given (zero when reading the checklists).
func statementsFor(tx *gorm.DB, in model.Inspection, templateKey string, templateID int64, items []ChecklistItemView, answered time.Time) (supplierStatements, error) {
	out := supplierStatements{byItem: map[int64]*SupplierAnswerView{}}
	var rows []struct {
		ID              int64
		Status          model.AssessmentStatus
		SubmittedAt     *time.Time
		TemplateID      int64
		TemplateVersion int64
	}
	err := tx.Table("self_assessments sa").Select("sa.id, sa.status, sa.submitted_at, sa.template_id, t.version AS template_version").
		Joins("JOIN checklist_templates t ON t.id = sa.template_id").
		Where("sa.site_id = ? AND sa.status IN ? AND t.key = ?", in.SiteID, []model.AssessmentStatus{model.AssessmentSubmitted, model.AssessmentAccepted}, templateKey).
		Scan(&rows).Error
	if err != nil {
		return out, fmt.Errorf("store: self-assessments of the site: %w", err)
	}
	cands := make([]qualification.AssessmentCandidate, len(rows))
	for i, r := range rows {
		cands[i] = qualification.AssessmentCandidate{ID: r.ID, TemplateKey: templateKey, Status: r.Status, SubmittedAt: r.SubmittedAt}
	}
	chosen, ok := qualification.ApplicableAssessment(cands, templateKey, in.PerformedDate, answered)
	if !ok {
		return out, nil
	}
	for _, r := range rows {
		if r.ID == chosen.ID {
			out.ref = &AssessmentRef{ID: r.ID, Status: r.Status, SubmittedAt: r.SubmittedAt, TemplateVersion: r.TemplateVersion}
			answers, err := assessmentAnswers(tx, r.ID)
			if err != nil {
				return out, err
			}
			counterpart, err := counterpartItems(tx, r.TemplateID, templateID, items)
			if err != nil {
				return out, err
			}
			for _, it := range items {
				a, ok := answers[counterpart[it.ID]]
				if !ok || !answerGiven(a) {
					continue
				}
				out.byItem[it.ID] = &SupplierAnswerView{SelfAssessmentID: r.ID, ItemID: a.ItemID, Answer: a.Answer, Rating: a.Rating,
					Text: a.Text, NotApplicable: a.NotApplicable, Note: a.Note, EvidenceCount: len(a.AttachmentIDs), AnsweredAt: a.AnsweredAt}
			}
		}
	}
	return out, nil
}

// counterpartItems maps each checklist item to the questionnaire's item
// asking the same: itself when both use the same template version, else
// the item of the questionnaire's version with the same question and
// answer type (none when it was reworded or removed).
func counterpartItems(tx *gorm.DB, assessmentTemplateID, checklistTemplateID int64, items []ChecklistItemView) (map[int64]int64, error) {
	out := map[int64]int64{}
	if assessmentTemplateID == checklistTemplateID {
		for _, it := range items {
			out[it.ID] = it.ID
		}
		return out, nil
	}
	var theirs []model.ChecklistItem
	if err := tx.Select("id", "question", "answer_type").Where("template_id = ?", assessmentTemplateID).Find(&theirs).Error; err != nil {
		return nil, fmt.Errorf("store: questionnaire items: %w", err)
	}
	byKey := map[string]int64{}
	for _, it := range theirs {
		key := qualification.ItemMatchKey(it.Question, it.AnswerType)
		if _, dup := byKey[key]; !dup {
			byKey[key] = it.ID
		}
	}
	for _, it := range items {
		if id, ok := byKey[qualification.ItemMatchKey(it.Question, it.AnswerType)]; ok {
			out[it.ID] = id
		}
	}
	return out, nil
}

// contradictionFindingIDs maps the items of an inspection to the findings
// raised for review from their contradictions.
func contradictionFindingIDs(tx *gorm.DB, inspectionID int64) (map[int64]int64, error) {
	var rows []model.ContradictionFinding
	if err := tx.Where("inspection_id = ?", inspectionID).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("store: contradiction findings: %w", err)
	}
	out := make(map[int64]int64, len(rows))
	for _, r := range rows {
		out[r.ItemID] = r.FindingID
	}
	return out, nil
}

// maxQuotedNote bounds each note quoted in a finding's description.
const maxQuotedNote = 2000

func quoteNote(s string) string {
	if r := []rune(s); len(r) > maxQuotedNote {
		return string(r[:maxQuotedNote]) + "…"
	}
	return s
}

// raiseContradictionFinding records a finding for review when the answer
// just recorded to a critical item contradicts the supplier's
// self-assessment as it stood when the answer was given (given), unless
// the item already has one (raised from the contradiction before, or from
// the answer by hand). The answer keeps the finding's id, like a finding
// raised from the item.
func (s *Store) raiseContradictionFinding(tx *gorm.DB, t checklistTarget, a *model.ChecklistAnswer, given time.Time, actor audit.Actor) error {
	if !t.item.Critical || a.FindingID != nil {
		return nil
	}
	stated, err := statementsFor(tx, t.inspection, t.template.Key, t.template.ID, []ChecklistItemView{{ChecklistItem: t.item, Number: t.number}}, given)
	if err != nil {
		return err
	}
	sup := stated.byItem[t.item.ID]
	if sup == nil || !qualification.Contradicts(t.item.AnswerType, sup.stated(), inspectorStated(*a)) {
		return nil
	}
	var existing model.ContradictionFinding
	err = tx.Where("inspection_id = ? AND item_id = ?", t.inspection.ID, t.item.ID).Take(&existing).Error
	if err == nil {
		return nil
	}
	if !errors.Is(err, gorm.ErrRecordNotFound) {
		return translate(err, "contradiction finding")
	}
	supplierSaid, inspectorFound := qualification.DescribeAnswer(sup.stated()), qualification.DescribeAnswer(inspectorStated(*a))
	var b strings.Builder
	b.WriteString("For review: the inspector's answer contradicts the supplier's self-assessment on a critical item.\n\n")
	b.WriteString(t.item.Question)
	fmt.Fprintf(&b, "\n\nChecklist %q v%d, item %s: the supplier stated %s (questionnaire %d); the inspector recorded %s.",
		t.template.Name, t.template.Version, t.number, supplierSaid, sup.SelfAssessmentID, inspectorFound)
	if sup.Note != "" {
		b.WriteString("\nSupplier's note: " + quoteNote(sup.Note))
	}
	if a.Note != "" {
		b.WriteString("\nInspector's note: " + quoteNote(a.Note))
	}
	f := model.Finding{Severity: qualification.ContradictionFindingSeverity(sup.stated(), inspectorStated(*a)),
		Category: t.item.Category, Requirement: t.item.Requirement, Description: b.String()}
	if _, err := s.createFinding(tx, t.inspection.ID, &f, actor); err != nil {
		return err
	}
	link := model.ContradictionFinding{InspectionID: t.inspection.ID, ItemID: t.item.ID, SelfAssessmentID: sup.SelfAssessmentID, FindingID: f.ID}
	if err := tx.Create(&link).Error; err != nil {
		return translate(err, "contradiction finding")
	}
	if err := tx.Model(&model.ChecklistAnswer{}).Where("id = ?", a.ID).Update("finding_id", f.ID).Error; err != nil {
		return translate(err, "contradiction finding")
	}
	a.FindingID = &f.ID
	changes := map[string][2]any{"finding_id": {nil, f.ID}, "inspection_id": {t.inspection.ID, t.inspection.ID},
		"item_number": {t.number, t.number}, "self_assessment_id": {sup.SelfAssessmentID, sup.SelfAssessmentID},
		"contradiction": {"supplier: " + supplierSaid, "inspector: " + inspectorFound}}
	_, err = s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionChecklistAnswerFinding, EntityType: audit.EntityChecklistAnswer, EntityID: a.ID, Changes: changes})
	return err
}
