package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
)

// InspectionChecklistsView is everything an inspection's checklists say:
// each checklist with its questions and answers, the combined score and
// the result they suggest next to the one recorded.
type InspectionChecklistsView struct {
	InspectionID         int64                  `json:"inspection_id"`
	InspectionStatus     model.InspectionStatus `json:"inspection_status"`
	RecordedResult       model.InspectionResult `json:"recorded_result"`
	ResultOverrideReason string                 `json:"result_override_reason"`
	UnansweredReason     string                 `json:"unanswered_reason"`
	qualification.ChecklistScore
	qualification.ResultSuggestion
	OpenFindings OpenFindingCounts `json:"open_findings"`
	// Unanswered lists the items nobody has answered yet, in checklist
	// order, so completing can name them.
	Unanswered []UnansweredItem `json:"unanswered"`
	Checklists []ChecklistView  `json:"checklists"`
	// Contradictions lists the items where the inspector's answer
	// contradicts the supplier's self-assessment, in checklist order.
	Contradictions []Contradiction `json:"contradictions"`
}

// UnansweredItem is an item of a checklist that has no answer yet.
type UnansweredItem struct {
	ChecklistID int64  `json:"checklist_id"`
	ItemID      int64  `json:"item_id"`
	Number      string `json:"number"`
	Question    string `json:"question"`
	Critical    bool   `json:"critical"`
}

// OpenFindingCounts counts the inspection's findings that are not closed
// and weigh on the suggested result.
type OpenFindingCounts struct {
	Critical int `json:"critical"`
	Major    int `json:"major"`
}

// ChecklistView is one template version used by an inspection, answered.
type ChecklistView struct {
	ID           int64                `json:"id"`
	InspectionID int64                `json:"inspection_id"`
	Template     ChecklistTemplateRef `json:"template"`
	AddedByID    *int64               `json:"added_by_id"`
	AddedByName  string               `json:"added_by_name"`
	CreatedAt    time.Time            `json:"created_at"`
	qualification.ChecklistScore
	// SelfAssessment is the site's questionnaire the answers are compared
	// with (qualification.ApplicableAssessment), null when none applies.
	SelfAssessment *AssessmentRef            `json:"self_assessment"`
	Sections       []ChecklistSectionAnswers `json:"sections"`
}

// ChecklistTemplateRef names the template version a checklist uses.
type ChecklistTemplateRef struct {
	ID            int64  `json:"id"`
	Key           string `json:"key"`
	Name          string `json:"name"`
	Version       int64  `json:"version"`
	LatestVersion int64  `json:"latest_version"`
}

// ChecklistSectionAnswers is a section of a checklist with its answers.
type ChecklistSectionAnswers struct {
	ID     int64                 `json:"id"`
	Number int                   `json:"number"`
	Title  string                `json:"title"`
	Items  []ChecklistItemAnswer `json:"items"`
}

// ChecklistItemAnswer is an item and its answer (nil while unanswered).
type ChecklistItemAnswer struct {
	ChecklistItemView
	Answer *AnswerView `json:"answer"`
	// SupplierAnswer is the supplier's self-assessment answer to the item,
	// if a questionnaire applies; Contradicts says the inspector's answer
	// contradicts it.
	SupplierAnswer *SupplierAnswerView `json:"supplier_answer"`
	Contradicts    bool                `json:"contradicts"`
}

// AnswerView is an answer as the API shows it.
type AnswerView struct {
	model.ChecklistAnswer
	// Failed: answered no, or rated 2 or lower.
	Failed         bool            `json:"failed"`
	AnsweredByName string          `json:"answered_by_name"`
	Attachments    []AttachmentRef `json:"attachments"`
}

// AttachmentRef is what an answer shows of a referenced photo. An
// attachment deleted since is left out.
type AttachmentRef struct {
	ID          int64  `json:"id"`
	FileName    string `json:"file_name"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
}

// InspectionChecklists returns the checklists of an inspection with their
// answers, score and suggested result.
func (s *Store) InspectionChecklists(ctx context.Context, inspectionID int64) (InspectionChecklistsView, error) {
	if err := s.checkInScope(s.db.WithContext(ctx), viaInspection, inspectionID); err != nil {
		return InspectionChecklistsView{}, err
	}
	return inspectionChecklistsView(s.db.WithContext(ctx), inspectionID)
}

// AddInspectionChecklist makes a planned inspection use the newest version
// of a template that is not archived.
func (s *Store) AddInspectionChecklist(ctx context.Context, inspectionID, templateID int64, actor audit.Actor) (ChecklistView, error) {
	var view ChecklistView
	err := s.tx(ctx, func(tx *gorm.DB) error {
		in, err := checklistInspection(tx, inspectionID)
		if err != nil {
			return err
		}
		p := qualification.Problems{}
		t, err := currentTemplate(tx, templateID, p)
		if err != nil {
			return err
		}
		if err := p.Err("The checklist cannot be added."); err != nil {
			return err
		}
		if err := checklistEditable(in); err != nil {
			return err
		}
		var same int64
		if err := tx.Model(&model.InspectionChecklist{}).Joins("JOIN checklist_templates ON checklist_templates.id = inspection_checklists.template_id").
			Where("inspection_checklists.inspection_id = ? AND checklist_templates.key = ?", in.ID, t.Key).Count(&same).Error; err != nil {
			return translate(err, "add checklist")
		}
		if same > 0 {
			return &ConflictError{Field: "template_id", Message: fmt.Sprintf("The inspection already uses the checklist %q.", t.Name)}
		}
		ic := model.InspectionChecklist{InspectionID: in.ID, TemplateID: t.ID, AddedByID: actorID(actor)}
		if err := tx.Create(&ic).Error; err != nil {
			if errors.Is(translate(err, ""), ErrConflict) {
				return &ConflictError{Field: "template_id", Message: fmt.Sprintf("The inspection already uses the checklist %q.", t.Name)}
			}
			return translate(err, "add checklist")
		}
		changes := audit.Diff(nil, ic)
		changes["template"] = [2]any{nil, fmt.Sprintf("%s v%d", t.Name, t.Version)}
		if _, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionInspectionChecklistCreate, EntityType: audit.EntityInspectionChecklist, EntityID: ic.ID, Changes: changes}); err != nil {
			return err
		}
		view, err = checklistByID(tx, in.ID, ic.ID)
		return err
	})
	return view, err
}

// RemoveInspectionChecklist takes an unanswered checklist off a planned
// inspection (chosen by mistake); an answered one is the record of the
// visit and stays.
func (s *Store) RemoveInspectionChecklist(ctx context.Context, inspectionID, checklistID int64, actor audit.Actor) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		in, err := checklistInspection(tx, inspectionID)
		if err != nil {
			return err
		}
		var ic model.InspectionChecklist
		if err := tx.Where("id = ? AND inspection_id = ?", checklistID, inspectionID).Take(&ic).Error; err != nil {
			return translate(err, "remove checklist")
		}
		if err := checklistEditable(in); err != nil {
			return err
		}
		var answers int64
		if err := tx.Model(&model.ChecklistAnswer{}).Where("inspection_checklist_id = ?", ic.ID).Count(&answers).Error; err != nil {
			return translate(err, "remove checklist")
		}
		if answers > 0 {
			return &ConflictError{Field: "answers", Message: fmt.Sprintf("The checklist has %d answer(s); clear them before removing it.", answers)}
		}
		if err := tx.Delete(&ic).Error; err != nil {
			return translate(err, "remove checklist")
		}
		_, err = s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionInspectionChecklistDelete, EntityType: audit.EntityInspectionChecklist, EntityID: ic.ID, Changes: audit.Deleted(ic)})
		return err
	})
}

// removeUnansweredChecklists deletes the checklists of an inspection being
// deleted; answers make it history, which is refused.
func (s *Store) removeUnansweredChecklists(tx *gorm.DB, inspectionID int64, actor audit.Actor) error {
	var lists []model.InspectionChecklist
	if err := tx.Where("inspection_id = ?", inspectionID).Find(&lists).Error; err != nil {
		return translate(err, "inspection checklists")
	}
	if len(lists) == 0 {
		return nil
	}
	ids := distinctIDs(lists, func(ic model.InspectionChecklist) int64 { return ic.ID })
	var answers int64
	if err := tx.Model(&model.ChecklistAnswer{}).Where("inspection_checklist_id IN ?", ids).Count(&answers).Error; err != nil {
		return translate(err, "inspection checklists")
	}
	if answers > 0 {
		return &ConflictError{Field: "checklists", Message: fmt.Sprintf(
			"The inspection has %d checklist answer(s) recorded, so it is kept; cancel it instead.", answers)}
	}
	if err := tx.Where("id IN ?", ids).Delete(&model.InspectionChecklist{}).Error; err != nil {
		return translate(err, "inspection checklists")
	}
	for _, ic := range lists {
		if _, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionInspectionChecklistDelete, EntityType: audit.EntityInspectionChecklist, EntityID: ic.ID, Changes: audit.Deleted(ic)}); err != nil {
			return err
		}
	}
	return nil
}

// checklistInspection loads the inspection whose checklists change.
func checklistInspection(tx *gorm.DB, id int64) (model.Inspection, error) {
	var in model.Inspection
	if err := tx.Select("id", "site_id", "status", "result").Take(&in, id).Error; err != nil {
		return in, translate(err, "inspection")
	}
	return in, nil
}

// checklistEditable refuses changes to the checklists of an inspection
// that is no longer planned: the answers of a completed inspection are
// the record its result was decided on.
func checklistEditable(in model.Inspection) error {
	if in.Status == model.InspectionPlanned {
		return nil
	}
	return (qualification.Problems{"inspection": fmt.Sprintf(
		"The inspection is %s, so its checklists can no longer change; set it back to planned to correct them.", in.Status)}).
		Err("The checklist cannot be changed.")
}

// checklistByID is one checklist of an inspection as the API shows it.
func checklistByID(tx *gorm.DB, inspectionID, checklistID int64) (ChecklistView, error) {
	v, err := inspectionChecklistsView(tx, inspectionID)
	if err != nil {
		return ChecklistView{}, err
	}
	for _, c := range v.Checklists {
		if c.ID == checklistID {
			return c, nil
		}
	}
	return ChecklistView{}, ErrNotFound
}

// currentTemplate loads a template version that may start being used: it
// exists, is not archived and is the newest of its key; otherwise it adds
// the problem on template_id to p. The share lock keeps a concurrent edit
// from rewriting the version in place while it becomes used.
func currentTemplate(tx *gorm.DB, templateID int64, p qualification.Problems) (model.ChecklistTemplate, error) {
	var t model.ChecklistTemplate
	err := lockRows(tx, "SHARE").Take(&t, templateID).Error
	switch {
	case errors.Is(err, gorm.ErrRecordNotFound):
		p.Add("template_id", fmt.Sprintf("There is no checklist template with id %d.", templateID))
	case err != nil:
		return t, translate(err, "checklist template")
	case t.ArchivedAt != nil:
		p.Add("template_id", fmt.Sprintf("The template %q is archived; restore it or choose another.", t.Name))
	default:
		var latest model.ChecklistTemplate
		if err := tx.Select("id", "version").Where("key = ?", t.Key).Order("version DESC").Take(&latest).Error; err != nil {
			return t, translate(err, "checklist template")
		}
		if latest.ID != t.ID {
			p.Add("template_id", fmt.Sprintf("Version %d of %q is not the current one; use version %d (id %d).", t.Version, t.Name, latest.Version, latest.ID))
		}
	}
	return t, nil
}
