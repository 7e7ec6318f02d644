package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
)

// Self-assessment questionnaires: a checklist template version the buyer
// sends to a site's manufacturer, answered by its suppliers in the portal
// and reviewed by the buyer. The rules are qualification's
// (self_assessment.go); this file keeps the records and their audit
// events. The questionnaire's version guards it and all its answers: every
// save, submission and review moves it on, so two people answering the
// same questionnaire never overwrite each other silently.

// SelfAssessmentSorts are the sort fields of the questionnaires list.
var SelfAssessmentSorts = SortFields{
	"due_date":   dateSort("self_assessments.due_date"),
	"sent_at":    timeSort("self_assessments.sent_at"),
	"updated_at": timeSort("self_assessments.updated_at"),
	"status":     textSort("self_assessments.status"),
}

// SelfAssessmentFilter narrows the questionnaires list.
type SelfAssessmentFilter struct {
	Status       model.AssessmentStatus
	Overdue      bool
	Manufacturer int64
	Site         int64
}

// SelfAssessmentRow is a questionnaire as the lists show it.
type SelfAssessmentRow struct {
	model.SelfAssessment
	SiteCode         string `json:"site_code"`
	SiteName         string `json:"site_name"`
	ManufacturerName string `json:"manufacturer_name"`
	TemplateName     string `json:"template_name"`
	TemplateVersion  int64  `json:"template_version"`
	Answered         int64  `json:"answered"`
	Total            int64  `json:"total"`
	Overdue          bool   `json:"overdue"`
}

// AssessmentAnswerView is a supplier's answer with who gave it and whether
// it answers the item yet (a draft may hold only a note or evidence).
type AssessmentAnswerView struct {
	model.SelfAssessmentAnswer
	AnsweredByName string `json:"answered_by_name"`
	Given          bool   `json:"given"`
}

// AssessmentItemView is an item of the questionnaire with its answer (nil
// when none was saved).
type AssessmentItemView struct {
	ChecklistItemView
	Answer *AssessmentAnswerView `json:"answer"`
}

// AssessmentSectionView is a numbered section of the questionnaire.
type AssessmentSectionView struct {
	ID     int64                `json:"id"`
	Number int                  `json:"number"`
	Title  string               `json:"title"`
	Items  []AssessmentItemView `json:"items"`
}

// SelfAssessmentView is a questionnaire with its items, answers and
// evidence files.
type SelfAssessmentView struct {
	SelfAssessmentRow
	SentByName      string                  `json:"sent_by_name"`
	SubmittedByName string                  `json:"submitted_by_name"`
	ReviewedByName  string                  `json:"reviewed_by_name"`
	Sections        []AssessmentSectionView `json:"sections"`
	Files           []AttachmentRow         `json:"files"`
	// Receipts are the supplier's submissions, oldest first.
	Receipts []AssessmentReceipt `json:"receipts"`
}

// AssessmentReceipt is the receipt of one submission of a questionnaire:
// the audit event (self_assessment.submit) that recorded it, with every
// answer as stated and the evidence files' SHA-256, which the supplier can
// later prove is still in the chain. Submission counts them from 1.
type AssessmentReceipt struct {
	Submission  int       `json:"submission"`
	Sequence    int64     `json:"sequence"`
	Hash        string    `json:"hash"`
	SubmittedAt time.Time `json:"submitted_at"`
}

// SendAssessment is what the buyer sends.
type SendAssessment struct {
	SiteID     int64
	TemplateID int64
	DueDate    model.Date
	Message    string
}

// AssessmentAnswerInput is one answer as the supplier saves it.
type AssessmentAnswerInput struct {
	ItemID        int64
	Answer        string
	Rating        *int
	Text          string
	NotApplicable bool
	Note          string
	AttachmentIDs []int64
}

// AssessmentReview is the buyer's review of submitted answers.
type AssessmentReview struct {
	Accept  bool
	Comment string
	Returns []qualification.ReturnedItem
}

// maxAnswersPerSave bounds one save (a template holds at most 500 items).
const maxAnswersPerSave = 500

// assessmentOf loads questionnaire id within the store's scope.
func (s *Store) assessmentOf(tx *gorm.DB, id int64) (model.SelfAssessment, error) {
	var a model.SelfAssessment
	err := s.in(tx.Model(&model.SelfAssessment{}), "self_assessments.site_id", viaSite).Where("id = ?", id).Take(&a).Error
	return a, translate(err, "self-assessment")
}

// assessmentsInScope is the questionnaires within the store's scope.
func (s *Store) assessmentsInScope(db *gorm.DB) *gorm.DB {
	return s.in(db.Model(&model.SelfAssessment{}), "self_assessments.site_id", viaSite)
}

// assessmentOverdue is the overdue filter of the list and the dashboard's
// figure, written once: with the supplier (assessmentWithSupplier) and past
// its due date (today).
const assessmentOverdue = "self_assessments.status IN ? AND self_assessments.due_date < ?"

// assessmentWithSupplier are the statuses in which the supplier must act.
var assessmentWithSupplier = []model.AssessmentStatus{model.AssessmentOpen, model.AssessmentReturned}

// assessmentRows is the list query, narrowed to the store's scope.
func (s *Store) assessmentRows(db *gorm.DB) *gorm.DB {
	return s.assessmentsInScope(db).
		Joins("JOIN sites ON sites.id = self_assessments.site_id").
		Joins("JOIN manufacturers ON manufacturers.id = self_assessments.manufacturer_id").
		Joins("JOIN checklist_templates ON checklist_templates.id = self_assessments.template_id").
		Select("self_assessments.*, sites.code AS site_code, sites.name AS site_name, manufacturers.name AS manufacturer_name, " +
			"checklist_templates.name AS template_name, checklist_templates.version AS template_version, " +
			"(SELECT COUNT(*) FROM self_assessment_answers sa WHERE sa.self_assessment_id = self_assessments.id AND " +
			"(sa.answer <> '' OR sa.rating IS NOT NULL OR sa.text <> '' OR sa.not_applicable)) AS answered, " +
			"(SELECT COUNT(*) FROM checklist_items ci WHERE ci.template_id = self_assessments.template_id) AS total")
}

// ListSelfAssessments lists questionnaires within the store's scope,
// soonest due first by default.
func (s *Store) ListSelfAssessments(ctx context.Context, f SelfAssessmentFilter, p Page) ([]SelfAssessmentRow, int64, error) {
	q := s.assessmentRows(s.db.WithContext(ctx))
	if f.Status != "" {
		q = q.Where("self_assessments.status = ?", f.Status)
	}
	if f.Overdue {
		q = q.Where(assessmentOverdue, assessmentWithSupplier, s.Today())
	}
	if f.Manufacturer != 0 {
		q = q.Where("self_assessments.manufacturer_id = ?", f.Manufacturer)
	}
	if f.Site != 0 {
		q = q.Where("self_assessments.site_id = ?", f.Site)
	}
	rows := []SelfAssessmentRow{}
	total, err := list(q, p, SelfAssessmentSorts, "due_date", &rows)
	if err != nil {
		return nil, 0, translate(err, "list self-assessments")
	}
	today := s.Today()
	for i := range rows {
		rows[i].Overdue = qualification.AssessmentOverdue(rows[i].Status, rows[i].DueDate, today)
	}
	return rows, total, nil
}

// SelfAssessmentByID returns a questionnaire within the store's scope.
func (s *Store) SelfAssessmentByID(ctx context.Context, id int64) (SelfAssessmentView, error) {
	db := s.db.WithContext(ctx)
	if _, err := s.assessmentOf(db, id); err != nil {
		return SelfAssessmentView{}, err
	}
	return s.describeAssessment(db, id)
}

func (s *Store) describeAssessment(db *gorm.DB, id int64) (SelfAssessmentView, error) {
	var v SelfAssessmentView
	if err := s.assessmentRows(db).Where("self_assessments.id = ?", id).Take(&v.SelfAssessmentRow).Error; err != nil {
		return v, translate(err, "self-assessment")
	}
	v.Overdue = qualification.AssessmentOverdue(v.Status, v.DueDate, s.Today())
	ids := []int64{v.SentByID}
	for _, p := range []*int64{v.SubmittedByID, v.ReviewedByID} {
		if p != nil {
			ids = append(ids, *p)
		}
	}
	answers, err := assessmentAnswers(db, id)
	if err != nil {
		return v, err
	}
	for _, a := range answers {
		if a.AnsweredByID != nil {
			ids = append(ids, *a.AnsweredByID)
		}
	}
	names, err := userNames(db, ids)
	if err != nil {
		return v, err
	}
	v.SentByName = names[v.SentByID]
	if v.SubmittedByID != nil {
		v.SubmittedByName = names[*v.SubmittedByID]
	}
	if v.ReviewedByID != nil {
		v.ReviewedByName = names[*v.ReviewedByID]
	}
	content, err := templateContent(db, []int64{v.TemplateID})
	if err != nil {
		return v, err
	}
	v.Sections = []AssessmentSectionView{}
	for _, sec := range content[v.TemplateID] {
		sv := AssessmentSectionView{ID: sec.ID, Number: sec.Number, Title: sec.Title, Items: []AssessmentItemView{}}
		for _, it := range sec.Items {
			iv := AssessmentItemView{ChecklistItemView: it}
			if a, ok := answers[it.ID]; ok {
				av := AssessmentAnswerView{SelfAssessmentAnswer: a, Given: answerGiven(a)}
				if a.AnsweredByID != nil {
					av.AnsweredByName = names[*a.AnsweredByID]
				}
				iv.Answer = &av
			}
			sv.Items = append(sv.Items, iv)
		}
		v.Sections = append(v.Sections, sv)
	}
	var files []model.Attachment
	if err := db.Where("owner_type = ? AND owner_id = ?", model.OwnerSelfAssessment, id).Order("id").Find(&files).Error; err != nil {
		return v, fmt.Errorf("store: self-assessment files: %w", err)
	}
	if v.Files, err = describeAttachments(db, files); err != nil {
		return v, err
	}
	var events []model.AuditEvent
	if err := db.Model(&model.AuditEvent{}).Select("sequence", "hash", "occurred_at").
		Where("entity_type = ? AND entity_id = ? AND action = ?", audit.EntitySelfAssessment, id, audit.ActionSelfAssessmentSubmit).
		Order("sequence").Find(&events).Error; err != nil {
		return v, fmt.Errorf("store: self-assessment receipts: %w", err)
	}
	v.Receipts = make([]AssessmentReceipt, len(events))
	for i, e := range events {
		v.Receipts[i] = AssessmentReceipt{Submission: i + 1, Sequence: e.Sequence, Hash: e.Hash, SubmittedAt: e.OccurredAt.UTC()}
	}
	return v, nil
}

func assessmentAnswers(tx *gorm.DB, id int64) (map[int64]model.SelfAssessmentAnswer, error) {
	var rows []model.SelfAssessmentAnswer
	if err := tx.Where("self_assessment_id = ?", id).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("store: self-assessment answers: %w", err)
	}
	out := make(map[int64]model.SelfAssessmentAnswer, len(rows))
	for _, r := range rows {
		out[r.ItemID] = r
	}
	return out, nil
}

func answerInput(a model.SelfAssessmentAnswer) qualification.AnswerInput {
	return qualification.AnswerInput{Answer: a.Answer, Rating: a.Rating, Text: a.Text, NotApplicable: a.NotApplicable, Note: a.Note, Attachments: len(a.AttachmentIDs)}
}

func answerGiven(a model.SelfAssessmentAnswer) bool {
	return qualification.AnswerGiven(answerInput(a))
}

// SendSelfAssessment sends a checklist template (its current version) to
// a site's manufacturer as a questionnaire due on a date. A site has at
// most one unfinished questionnaire of a template.
func (s *Store) SendSelfAssessment(ctx context.Context, in SendAssessment, actor audit.Actor) (SelfAssessmentView, error) {
	var view SelfAssessmentView
	err := s.tx(ctx, func(tx *gorm.DB) error {
		p := qualification.Problems{}
		var site model.Site
		err := s.in(tx.Model(&model.Site{}), "sites.id", viaSite).Select("id", "manufacturer_id", "archived_at").Where("id = ?", in.SiteID).Take(&site).Error
		switch translate(err, "send self-assessment: site") {
		case nil:
			if site.ArchivedAt != nil {
				p.Add("site_id", "The site is archived.")
			}
		case ErrNotFound:
			p.Add("site_id", "Choose an existing site.")
		default:
			return translate(err, "send self-assessment: site")
		}
		t, err := currentTemplate(tx, in.TemplateID, p)
		if err != nil {
			return err
		}
		in.Message = strings.TrimSpace(in.Message)
		if err := mergeProblems(p, qualification.CheckSendAssessment(in.DueDate, s.Today(), in.Message)); err != nil {
			return err
		}
		if err := p.Err("The questionnaire cannot be sent."); err != nil {
			return err
		}
		var waiting int64
		if err := tx.Model(&model.SelfAssessment{}).Joins("JOIN checklist_templates ON checklist_templates.id = self_assessments.template_id").
			Where("self_assessments.site_id = ? AND checklist_templates.key = ? AND self_assessments.status <> ?", site.ID, t.Key, model.AssessmentAccepted).
			Count(&waiting).Error; err != nil {
			return fmt.Errorf("store: send self-assessment: %w", err)
		}
		if waiting > 0 {
			return &ConflictError{Field: "template_id", Message: fmt.Sprintf("The site already has an unfinished %q questionnaire.", t.Name)}
		}
		a := model.SelfAssessment{ManufacturerID: site.ManufacturerID, SiteID: site.ID, TemplateID: t.ID, Status: model.AssessmentOpen,
			Message: in.Message, DueDate: in.DueDate, SentAt: s.Now(), Version: 1}
		if id := actorID(actor); id != nil {
			a.SentByID = *id
		}
		if err := tx.Create(&a).Error; err != nil {
			return translate(err, "send self-assessment")
		}
		changes := audit.Diff(nil, a)
		changes["template"] = [2]any{nil, fmt.Sprintf("%s v%d", t.Name, t.Version)}
		if _, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionSelfAssessmentCreate, EntityType: audit.EntitySelfAssessment, EntityID: a.ID, Changes: changes}); err != nil {
			return err
		}
		view, err = s.describeAssessment(tx, a.ID)
		return err
	})
	return view, err
}

// lockedAssessment loads a questionnaire for a change at the version the
// client read.
func (s *Store) lockedAssessment(tx *gorm.DB, id, version int64) (model.SelfAssessment, error) {
	var a model.SelfAssessment
	err := s.in(lockRows(tx, "UPDATE").Model(&model.SelfAssessment{}), "self_assessments.site_id", viaSite).Where("id = ?", id).Take(&a).Error
	if err != nil {
		return a, translate(err, "self-assessment")
	}
	if a.Version != version {
		return a, ErrVersionConflict
	}
	return a, nil
}

// bumpAssessment saves a with the next version.
func bumpAssessment(tx *gorm.DB, a *model.SelfAssessment) error {
	version := a.Version
	a.Version = version + 1
	return translate(saveVersioned(tx, a, a.ID, version), "save self-assessment")
}

// answerRecord is an answer as the audit trail keeps it.
type answerRecord struct {
	Answer        string  `json:"answer,omitempty"`
	Rating        *int    `json:"rating,omitempty"`
	Text          string  `json:"text,omitempty"`
	NotApplicable bool    `json:"not_applicable,omitempty"`
	Note          string  `json:"note,omitempty"`
	AttachmentIDs []int64 `json:"attachment_ids,omitempty"`
}

func recordOf(a model.SelfAssessmentAnswer) answerRecord {
	return answerRecord{Answer: a.Answer, Rating: a.Rating, Text: a.Text, NotApplicable: a.NotApplicable, Note: a.Note, AttachmentIDs: a.AttachmentIDs}
}

func sameRecord(a, b answerRecord) bool {
	return a.Answer == b.Answer && a.Text == b.Text && a.NotApplicable == b.NotApplicable && a.Note == b.Note &&
		slices.Equal(a.AttachmentIDs, b.AttachmentIDs) && (a.Rating == nil) == (b.Rating == nil) && (a.Rating == nil || *a.Rating == *b.Rating)
}

// itemNumbers maps the items of a template version to their numbers.
func itemNumbers(tx *gorm.DB, templateID int64) (map[int64]ChecklistItemView, []int64, error) {
	content, err := templateContent(tx, []int64{templateID})
	if err != nil {
		return nil, nil, err
	}
	out := map[int64]ChecklistItemView{}
	var order []int64
	for _, sec := range content[templateID] {
		for _, it := range sec.Items {
			out[it.ID] = it
			order = append(order, it.ID)
		}
	}
	return out, order, nil
}

// SaveAssessmentAnswers saves the supplier's answers as a draft, at the
// questionnaire's version the client read. Only the answers sent change;
// an answer sent unchanged keeps its time.
func (s *Store) SaveAssessmentAnswers(ctx context.Context, id, version int64, answers []AssessmentAnswerInput, actor audit.Actor) (SelfAssessmentView, error) {
	var view SelfAssessmentView
	err := s.tx(ctx, func(tx *gorm.DB) error {
		a, err := s.lockedAssessment(tx, id, version)
		if err != nil {
			return err
		}
		if err := qualification.CanEditAssessment(a.Status); err != nil {
			return err
		}
		p := qualification.Problems{}
		if len(answers) == 0 || len(answers) > maxAnswersPerSave {
			p.Add("answers", fmt.Sprintf("Send from 1 to %d answers.", maxAnswersPerSave))
			return p.Err("The answers cannot be saved.")
		}
		items, _, err := itemNumbers(tx, a.TemplateID)
		if err != nil {
			return err
		}
		existing, err := assessmentAnswers(tx, a.ID)
		if err != nil {
			return err
		}
		var files []int64
		if err := tx.Model(&model.Attachment{}).Where("owner_type = ? AND owner_id = ?", model.OwnerSelfAssessment, a.ID).Pluck("id", &files).Error; err != nil {
			return fmt.Errorf("store: self-assessment files: %w", err)
		}
		seen := map[int64]bool{}
		for i, in := range answers {
			field := fmt.Sprintf("answers[%d].", i)
			it, ok := items[in.ItemID]
			if !ok {
				p.Add(field+"item_id", "This item is not part of the questionnaire.")
				continue
			}
			if seen[in.ItemID] {
				p.Add(field+"item_id", "This item is answered twice.")
				continue
			}
			seen[in.ItemID] = true
			prev, had := existing[in.ItemID]
			if err := qualification.CheckAnswerEditable(a.Status, had && prev.ReturnComment != ""); err != nil {
				if err := mergePrefixed(p, field, err); err != nil {
					return err
				}
				continue
			}
			in.Note, in.Text = strings.TrimSpace(in.Note), strings.TrimSpace(in.Text)
			answers[i] = in
			err := qualification.CheckDraftAnswer(it.AnswerType, it.NAAllowed, qualification.AnswerInput{Answer: in.Answer, Rating: in.Rating,
				Text: in.Text, NotApplicable: in.NotApplicable, Note: in.Note, Attachments: len(in.AttachmentIDs)})
			if err := mergePrefixed(p, field, err); err != nil {
				return err
			}
			for _, fid := range in.AttachmentIDs {
				if !slices.Contains(files, fid) {
					p.Add(field+"attachment_ids", fmt.Sprintf("File %d is not evidence of this questionnaire; upload it to the questionnaire first.", fid))
					break
				}
			}
		}
		if err := p.Err("The answers cannot be saved."); err != nil {
			return err
		}
		now := s.Now()
		changes := map[string][2]any{}
		for _, in := range answers {
			prev, had := existing[in.ItemID]
			next := prev
			next.SelfAssessmentID, next.ItemID = a.ID, in.ItemID
			next.Answer, next.Rating, next.Text, next.NotApplicable, next.Note = in.Answer, in.Rating, in.Text, in.NotApplicable, in.Note
			next.AttachmentIDs = model.IDList(distinctInt64s(in.AttachmentIDs))
			if had && sameRecord(recordOf(prev), recordOf(next)) {
				continue
			}
			next.AnsweredByID, next.AnsweredAt = actorID(actor), now
			next.Reworked = next.ReturnComment != ""
			if had {
				if err := tx.Model(&next).Select("answer", "rating", "text", "not_applicable", "note", "attachment_ids", "answered_by_id", "answered_at", "reworked", "updated_at").
					Updates(&next).Error; err != nil {
					return translate(err, "save self-assessment answer")
				}
				changes["item "+items[in.ItemID].Number] = [2]any{recordOf(prev), recordOf(next)}
			} else {
				if err := tx.Create(&next).Error; err != nil {
					return translate(err, "save self-assessment answer")
				}
				changes["item "+items[in.ItemID].Number] = [2]any{nil, recordOf(next)}
			}
		}
		if len(changes) > 0 {
			changes["version"] = [2]any{a.Version, a.Version + 1}
			if err := bumpAssessment(tx, &a); err != nil {
				return err
			}
			if _, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionSelfAssessmentAnswer, EntityType: audit.EntitySelfAssessment, EntityID: a.ID, Changes: changes}); err != nil {
				return err
			}
		}
		view, err = s.describeAssessment(tx, a.ID)
		return err
	})
	return view, err
}

// mergePrefixed adds the fields of a validation error to p under prefix
// and returns any other error.
func mergePrefixed(p qualification.Problems, prefix string, err error) error {
	q := qualification.Problems{}
	if err := mergeProblems(q, err); err != nil {
		return err
	}
	for k, v := range q {
		p.Add(prefix+k, v)
	}
	return nil
}

// SubmitSelfAssessment submits the supplier's answers for review, at the
// version the client read. The audit event keeps every answer as the
// supplier stated it, with its evidence files' SHA-256.
func (s *Store) SubmitSelfAssessment(ctx context.Context, id, version int64, actor audit.Actor) (SelfAssessmentView, error) {
	var view SelfAssessmentView
	err := s.tx(ctx, func(tx *gorm.DB) error {
		a, err := s.lockedAssessment(tx, id, version)
		if err != nil {
			return err
		}
		items, order, err := itemNumbers(tx, a.TemplateID)
		if err != nil {
			return err
		}
		answers, err := assessmentAnswers(tx, a.ID)
		if err != nil {
			return err
		}
		states := make([]qualification.AssessmentItem, 0, len(order))
		for _, itemID := range order {
			ans, had := answers[itemID]
			st := qualification.AssessmentItem{Number: items[itemID].Number, Answered: had && answerGiven(ans)}
			if had && a.Status == model.AssessmentReturned && ans.ReturnComment != "" {
				st.Returned, st.Reworked = true, ans.Reworked
			}
			states = append(states, st)
		}
		if err := qualification.CanSubmitAssessment(a.Status, states); err != nil {
			return err
		}
		before := a
		now := s.Now()
		a.Status, a.SubmittedAt, a.SubmittedByID, a.Submissions = model.AssessmentSubmitted, &now, actorID(actor), a.Submissions+1
		if err := bumpAssessment(tx, &a); err != nil {
			return err
		}
		var hashes []struct {
			ID     int64
			SHA256 string `gorm:"column:sha256"`
		}
		if err := tx.Model(&model.Attachment{}).Select("id", "sha256").Where("owner_type = ? AND owner_id = ?", model.OwnerSelfAssessment, a.ID).
			Order("id").Scan(&hashes).Error; err != nil {
			return fmt.Errorf("store: submit self-assessment: files: %w", err)
		}
		stated := map[string]answerRecord{}
		for _, itemID := range order {
			stated[items[itemID].Number] = recordOf(answers[itemID])
		}
		evidence := map[int64]string{}
		for _, h := range hashes {
			evidence[h.ID] = h.SHA256
		}
		changes := audit.Diff(before, a)
		changes["answers"] = [2]any{nil, stated}
		changes["files"] = [2]any{nil, evidence}
		if _, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionSelfAssessmentSubmit, EntityType: audit.EntitySelfAssessment, EntityID: a.ID, Changes: changes}); err != nil {
			return err
		}
		view, err = s.describeAssessment(tx, a.ID)
		return err
	})
	return view, err
}

// ReviewSelfAssessment accepts the submitted answers or returns some items
// to the supplier, each with a comment (counted as rework), at the version
// the client read. A return replaces the comments of the previous one; an
// acceptance clears them.
func (s *Store) ReviewSelfAssessment(ctx context.Context, id, version int64, r AssessmentReview, actor audit.Actor) (SelfAssessmentView, error) {
	var view SelfAssessmentView
	err := s.tx(ctx, func(tx *gorm.DB) error {
		a, err := s.lockedAssessment(tx, id, version)
		if err != nil {
			return err
		}
		items, order, err := itemNumbers(tx, a.TemplateID)
		if err != nil {
			return err
		}
		r.Comment = strings.TrimSpace(r.Comment)
		for i := range r.Returns {
			r.Returns[i].Comment = strings.TrimSpace(r.Returns[i].Comment)
		}
		if err := qualification.CheckAssessmentReview(a.Status, r.Accept, r.Comment, r.Returns, order); err != nil {
			return err
		}
		before := a
		now := s.Now()
		a.Status, a.ReviewedAt, a.ReviewedByID, a.ReviewComment = qualification.AssessmentReviewed(r.Accept), &now, actorID(actor), r.Comment
		if !r.Accept {
			a.ReworkCount++
		}
		if err := bumpAssessment(tx, &a); err != nil {
			return err
		}
		if err := tx.Model(&model.SelfAssessmentAnswer{}).Where("self_assessment_id = ? AND return_comment <> ''", a.ID).
			Updates(map[string]any{"return_comment": "", "reworked": false, "updated_at": now}).Error; err != nil {
			return translate(err, "review self-assessment")
		}
		returned := map[string]string{}
		for _, ri := range r.Returns {
			if err := tx.Model(&model.SelfAssessmentAnswer{}).Where("self_assessment_id = ? AND item_id = ?", a.ID, ri.ItemID).
				Updates(map[string]any{"return_comment": ri.Comment, "reworked": false, "updated_at": now}).Error; err != nil {
				return translate(err, "review self-assessment")
			}
			returned[items[ri.ItemID].Number] = ri.Comment
		}
		changes := audit.Diff(before, a)
		action := audit.ActionSelfAssessmentAccept
		if !r.Accept {
			action = audit.ActionSelfAssessmentReturn
			changes["returned_items"] = [2]any{nil, returned}
		}
		if _, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: action, EntityType: audit.EntitySelfAssessment, EntityID: a.ID, Changes: changes}); err != nil {
			return err
		}
		view, err = s.describeAssessment(tx, a.ID)
		return err
	})
	return view, err
}

// SelfAssessmentEditable returns ErrNotFound outside the store's scope,
// and a validation error unless the supplier may change answers now
// (checked before an evidence upload is read).
func (s *Store) SelfAssessmentEditable(ctx context.Context, id int64) error {
	a, err := s.assessmentOf(s.db.WithContext(ctx), id)
	if err != nil {
		return err
	}
	return qualification.CanEditAssessment(a.Status)
}

// SelfAssessmentFile returns an evidence file of a questionnaire within
// the store's scope; any other attachment is ErrNotFound.
func (s *Store) SelfAssessmentFile(ctx context.Context, id int64) (AttachmentRow, error) {
	db := s.db.WithContext(ctx)
	var a model.Attachment
	err := s.attachmentsInScope(db.Model(&model.Attachment{}), "attachments").
		Where("id = ? AND owner_type = ?", id, model.OwnerSelfAssessment).Take(&a).Error
	if err != nil {
		return AttachmentRow{}, translate(err, "self-assessment file")
	}
	rows, err := describeAttachments(db, []model.Attachment{a})
	if err != nil {
		return AttachmentRow{}, err
	}
	return rows[0], nil
}
