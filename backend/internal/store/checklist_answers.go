package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
)

// ChecklistAnswerInput is an answer as sent. Photos are attachments of
// the inspection, referenced by id.
type ChecklistAnswerInput struct {
	Answer        string
	Rating        *int
	Text          string
	NotApplicable bool
	Note          string
	AttachmentIDs []int64
	// GivenAt is when the inspector gave the answer, for one sent later
	// (inspection mode queues answers offline); zero, or any time after
	// now, is now. The supplier's self-assessment it is compared with is
	// the one that applied then.
	GivenAt time.Time
}

// FindingFromItem are the choices a user may make when raising a finding
// from a checklist item; zero values take the defaults (severity critical
// for a critical item, else major; the item's category; the default due
// date for the severity).
type FindingFromItem struct {
	Severity         model.Severity
	Category         model.FindingCategory
	Owner            string
	DueDate          model.Date
	CorrectiveAction string
	// Description and Requirement replace the ones drawn from the item
	// when set: the inspector edits the prefilled finding before saving it.
	Description string
	Requirement string
}

// checklistTarget is an item of a checklist of an inspection.
type checklistTarget struct {
	inspection model.Inspection
	checklist  model.InspectionChecklist
	template   model.ChecklistTemplate
	item       model.ChecklistItem
	number     string // "2.3"
}

// AnswerChecklistItem records the answer to an item of a planned
// inspection's checklist. version is the version of the answer the client
// read, 0 when it saw none: answering over an answer someone else gave
// meanwhile is a version conflict, never a silent overwrite.
func (s *Store) AnswerChecklistItem(ctx context.Context, inspectionID, checklistID, itemID, version int64, in ChecklistAnswerInput, actor audit.Actor) (AnswerView, error) {
	var view AnswerView
	err := s.tx(ctx, func(tx *gorm.DB) error {
		target, err := loadChecklistTarget(tx, inspectionID, checklistID, itemID)
		if err != nil {
			return err
		}
		if err := checklistEditable(target.inspection); err != nil {
			return err
		}
		in.Note, in.Text = strings.TrimSpace(in.Note), strings.TrimSpace(in.Text)
		in.AttachmentIDs = distinctInt64s(in.AttachmentIDs)
		p := qualification.Problems{}
		err = qualification.ValidateAnswer(target.item.AnswerType, target.item.NAAllowed, qualification.AnswerInput{
			Answer: in.Answer, Rating: in.Rating, Text: in.Text, NotApplicable: in.NotApplicable, Note: in.Note, Attachments: len(in.AttachmentIDs)})
		if err := mergeProblems(p, err); err != nil {
			return err
		}
		if err := checkInspectionPhotos(tx, inspectionID, in.AttachmentIDs, p); err != nil {
			return err
		}
		if err := p.Err("The answer cannot be saved."); err != nil {
			return err
		}
		var a model.ChecklistAnswer
		err = lockRows(tx, "UPDATE").Where("inspection_checklist_id = ? AND item_id = ?", checklistID, itemID).Take(&a).Error
		exists := err == nil
		if err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
			return translate(err, "answer checklist item")
		}
		if exists && a.Version != version || !exists && version != 0 {
			return ErrVersionConflict
		}
		before := a
		a.InspectionChecklistID, a.ItemID = checklistID, itemID
		a.Answer, a.Rating, a.Text, a.NotApplicable, a.Note = in.Answer, in.Rating, in.Text, in.NotApplicable, in.Note
		a.AttachmentIDs = model.IDList(in.AttachmentIDs)
		a.AnsweredByID, a.AnsweredAt = actorID(actor), s.Now()
		a.Version = version + 1
		action := audit.ActionChecklistAnswerUpdate
		if exists {
			if err := saveVersioned(tx, &a, a.ID, version); err != nil {
				return translate(err, "answer checklist item")
			}
		} else {
			action = audit.ActionChecklistAnswerCreate
			if err := tx.Create(&a).Error; err != nil {
				if errors.Is(translate(err, ""), ErrConflict) {
					return ErrVersionConflict // answered by someone else meanwhile
				}
				return translate(err, "answer checklist item")
			}
		}
		changes := answerChanges(target, exists, before, a)
		if _, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: action, EntityType: audit.EntityChecklistAnswer, EntityID: a.ID, Changes: changes}); err != nil {
			return err
		}
		given := a.AnsweredAt
		if !in.GivenAt.IsZero() && in.GivenAt.Before(given) {
			given = in.GivenAt
		}
		if err := s.raiseContradictionFinding(tx, target, &a, given, actor); err != nil {
			return err
		}
		views, err := describeAnswers(tx, inspectionID, []model.ChecklistAnswer{a})
		if err != nil {
			return err
		}
		view = views[0]
		return nil
	})
	return view, err
}

// ClearChecklistAnswer removes the answer to an item of a planned
// inspection's checklist, at the version the client read.
func (s *Store) ClearChecklistAnswer(ctx context.Context, inspectionID, checklistID, itemID, version int64, actor audit.Actor) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		target, err := loadChecklistTarget(tx, inspectionID, checklistID, itemID)
		if err != nil {
			return err
		}
		if err := checklistEditable(target.inspection); err != nil {
			return err
		}
		var a model.ChecklistAnswer
		if err := lockRows(tx, "UPDATE").Where("inspection_checklist_id = ? AND item_id = ?", checklistID, itemID).Take(&a).Error; err != nil {
			return translate(err, "clear checklist answer")
		}
		if a.Version != version {
			return ErrVersionConflict
		}
		if err := tx.Delete(&a).Error; err != nil {
			return translate(err, "clear checklist answer")
		}
		changes := audit.Deleted(a)
		changes["inspection_id"], changes["item_number"] = inspectionID, target.number
		_, err = s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionChecklistAnswerDelete, EntityType: audit.EntityChecklistAnswer, EntityID: a.ID, Changes: changes})
		return err
	})
}

// RaiseFindingFromItem records a finding from an item answered short of
// full compliance (no, or rated below 5), prefilled from the item: its
// requirement and category, its question and the inspector's note, and a
// severity of critical for a critical item, major otherwise. The answer
// keeps the finding's id, so a finding is raised once per answer.
func (s *Store) RaiseFindingFromItem(ctx context.Context, inspectionID, checklistID, itemID int64, choice FindingFromItem, actor audit.Actor) (FindingRow, error) {
	var row FindingRow
	err := s.tx(ctx, func(tx *gorm.DB) error {
		target, err := loadChecklistTarget(tx, inspectionID, checklistID, itemID)
		if err != nil {
			return err
		}
		var a model.ChecklistAnswer
		err = lockRows(tx, "UPDATE").Where("inspection_checklist_id = ? AND item_id = ?", checklistID, itemID).Take(&a).Error
		if err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
			return translate(err, "raise finding")
		}
		if err != nil {
			return (qualification.Problems{"item_id": fmt.Sprintf("Item %s is not answered yet; answer it before raising a finding from it.", target.number)}).Err("The finding cannot be raised.")
		}
		scored := scoredItem(ChecklistItemView{ChecklistItem: target.item, Number: target.number}, &AnswerView{ChecklistAnswer: a})
		if c, counts := qualification.Compliance(scored); !counts || c >= 1 {
			return (qualification.Problems{"item_id": fmt.Sprintf("Item %s is answered as compliant or not applicable; a finding is raised from an item answered no or rated below 5.", target.number)}).Err("The finding cannot be raised.")
		}
		if a.FindingID != nil {
			return &ConflictError{Field: "finding_id", Message: fmt.Sprintf("Finding %d was already raised from item %s.", *a.FindingID, target.number)}
		}
		f := findingFromItem(target, a, choice)
		row, err = s.createFinding(tx, inspectionID, &f, actor)
		if err != nil {
			return err
		}
		res := tx.Model(&model.ChecklistAnswer{}).Where("id = ? AND finding_id IS NULL", a.ID).Update("finding_id", f.ID)
		if res.Error != nil {
			return translate(res.Error, "raise finding")
		}
		if res.RowsAffected == 0 {
			return &ConflictError{Field: "finding_id", Message: fmt.Sprintf("A finding was already raised from item %s.", target.number)}
		}
		changes := map[string][2]any{"finding_id": {nil, f.ID}, "inspection_id": {inspectionID, inspectionID}, "item_number": {target.number, target.number}}
		_, err = s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionChecklistAnswerFinding, EntityType: audit.EntityChecklistAnswer, EntityID: a.ID, Changes: changes})
		return err
	})
	return row, err
}

func findingFromItem(t checklistTarget, a model.ChecklistAnswer, choice FindingFromItem) model.Finding {
	f := model.Finding{Severity: choice.Severity, Category: choice.Category, Requirement: t.item.Requirement,
		Owner: choice.Owner, DueDate: choice.DueDate, CorrectiveAction: choice.CorrectiveAction}
	if f.Severity == "" {
		f.Severity = model.SeverityMajor
		if t.item.Critical {
			f.Severity = model.SeverityCritical
		}
	}
	if f.Category == "" {
		f.Category = t.item.Category
	}
	answer := a.Answer
	if a.Rating != nil {
		answer = fmt.Sprintf("rated %d of 5", *a.Rating)
	}
	var b strings.Builder
	b.WriteString(t.item.Question)
	fmt.Fprintf(&b, "\n\nChecklist %q v%d, item %s: %s.", t.template.Name, t.template.Version, t.number, answer)
	if a.Note != "" {
		b.WriteString("\nInspector's note: " + a.Note)
	}
	f.Description = b.String()
	if d := strings.TrimSpace(choice.Description); d != "" {
		f.Description = d
	}
	if r := strings.TrimSpace(choice.Requirement); r != "" {
		f.Requirement = r
	}
	return f
}

// loadChecklistTarget finds the item of a checklist of an inspection: an
// unknown inspection or checklist is 404, an item that is not part of the
// checklist's template version is 422 on item_id.
func loadChecklistTarget(tx *gorm.DB, inspectionID, checklistID, itemID int64) (checklistTarget, error) {
	var t checklistTarget
	var err error
	if t.inspection, err = checklistInspection(tx, inspectionID); err != nil {
		return t, err
	}
	if err := tx.Where("id = ? AND inspection_id = ?", checklistID, inspectionID).Take(&t.checklist).Error; err != nil {
		return t, translate(err, "checklist")
	}
	if err := tx.Take(&t.template, t.checklist.TemplateID).Error; err != nil {
		return t, translate(err, "checklist template")
	}
	err = tx.Where("id = ? AND template_id = ?", itemID, t.checklist.TemplateID).Take(&t.item).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return t, (qualification.Problems{"item_id": fmt.Sprintf("Item %d is not part of this checklist (%s v%d).", itemID, t.template.Name, t.template.Version)}).Err("Unknown checklist item.")
	}
	if err != nil {
		return t, translate(err, "checklist item")
	}
	var sec model.ChecklistSection
	if err := tx.Select("id", "position").Take(&sec, t.item.SectionID).Error; err != nil {
		return t, translate(err, "checklist section")
	}
	t.number = fmt.Sprintf("%d.%d", sec.Position, t.item.Position)
	return t, nil
}

// checkInspectionPhotos adds a problem unless every id is an attachment of
// the inspection.
func checkInspectionPhotos(tx *gorm.DB, inspectionID int64, ids []int64, p qualification.Problems) error {
	if len(ids) == 0 {
		return nil
	}
	var found []int64
	if err := tx.Model(&model.Attachment{}).Where("id IN ? AND owner_type = ? AND owner_id = ?", ids, model.OwnerInspection, inspectionID).
		Pluck("id", &found).Error; err != nil {
		return fmt.Errorf("store: answer photos: %w", err)
	}
	for _, id := range ids {
		if !slices.Contains(found, id) {
			p.Add("attachment_ids", fmt.Sprintf("Attachment %d is not a file of this inspection; upload the photo to the inspection first.", id))
			break
		}
	}
	return nil
}

// answerChanges is the audit diff of an answer, with the inspection and
// item it answers so the trail reads without looking them up.
func answerChanges(t checklistTarget, existed bool, before, after model.ChecklistAnswer) map[string][2]any {
	var changes map[string][2]any
	if existed {
		changes = audit.Diff(before, after)
	} else {
		changes = audit.Diff(nil, after)
	}
	delete(changes, "answered_at")
	changes["inspection_id"] = [2]any{t.inspection.ID, t.inspection.ID}
	changes["item_number"] = [2]any{t.number, t.number}
	return changes
}

func distinctInt64s(ids []int64) []int64 {
	out := []int64{}
	for _, id := range ids {
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// settleChecklistResult applies the checklists to an inspection being
// completed or given another result: completing needs a reason for
// critical items left unanswered, the checklist score fills an empty
// score when it is completed, a result equal to the suggested one needs
// no override reason (a stale one is cleared), and a different one needs
// a reason (a *ValidationError on the reason's field otherwise).
func (s *Store) settleChecklistResult(tx *gorm.DB, in *model.Inspection, before model.Inspection) error {
	in.ResultOverrideReason = strings.TrimSpace(in.ResultOverrideReason)
	completing := before.Status != model.InspectionCompleted && in.Status == model.InspectionCompleted
	if in.Result == "" {
		in.ResultOverrideReason = "" // nothing recorded, nothing overridden
	}
	changed := completing || before.Result != in.Result || before.ResultOverrideReason != in.ResultOverrideReason
	if in.Status != model.InspectionCompleted || !changed {
		return nil
	}
	v, err := inspectionChecklistsView(tx, in.ID)
	if err != nil || len(v.Checklists) == 0 {
		return err
	}
	p := qualification.Problems{}
	if completing {
		if err := mergeProblems(p, qualification.CheckUnansweredCritical(unansweredScored(v.Unanswered), in.UnansweredReason)); err != nil {
			return err
		}
	}
	if in.Result == "" || !in.Result.Valid() {
		return p.Err("Critical checklist items are unanswered.")
	}
	if completing && in.Score == nil && v.Score != nil {
		score := *v.Score
		in.Score = &score
	}
	if in.Result == v.ResultSuggestion.Result {
		in.ResultOverrideReason = ""
		return p.Err("Critical checklist items are unanswered.")
	}
	if err := mergeProblems(p, qualification.CheckResultOverride(in.Result, v.ResultSuggestion.Result, in.ResultOverrideReason)); err != nil {
		return err
	}
	return p.Err("The result differs from the one the checklists suggest.")
}

// unansweredScored is the view's unanswered items as scoring sees them.
func unansweredScored(items []UnansweredItem) []qualification.ScoredItem {
	out := make([]qualification.ScoredItem, len(items))
	for i, it := range items {
		out[i] = qualification.ScoredItem{Number: it.Number, Question: it.Question, Critical: it.Critical}
	}
	return out
}

// joinValidationErrors reports the fields of both validation errors in
// one; any other error wins.
func joinValidationErrors(a, b error) error {
	var va, vb *qualification.ValidationError
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	case !errors.As(a, &va):
		return a
	case !errors.As(b, &vb):
		return b
	}
	for k, v := range vb.Fields {
		if _, ok := va.Fields[k]; !ok {
			va.Fields[k] = v
		}
	}
	return va
}
