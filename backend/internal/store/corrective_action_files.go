package store

import (
	"context"
	"fmt"
	"slices"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/filestore"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
)

// maxStageFiles bounds the files of one stage's answer.
const maxStageFiles = 20

// AddStageFile stores a file the supplier attaches to the answer it is
// writing for a stage (open or returned): once submitted, an answer and
// its files stay as the buyer reviewed them. The caller sets FileName,
// ContentType and UploadedByID.
func (s *Store) AddStageFile(ctx context.Context, caID int64, stage model.CAStage, f *model.CorrectiveActionFile, up *filestore.Upload, actor audit.Actor) (model.CorrectiveActionFile, error) {
	f.ID, f.CorrectiveActionID, f.Stage = 0, caID, stage
	f.Size, f.SHA256, f.StorageKey, f.UploadedAt = up.Size, up.SHA256, up.Key(), s.Now()
	err := s.withStoredFile(ctx, up, func(tx *gorm.DB) error {
		ca, err := s.caOf(tx, caID)
		if err != nil {
			return err
		}
		p := qualification.Problems{}
		var row model.CorrectiveActionStage
		switch err := tx.Where("corrective_action_id = ? AND stage = ?", caID, stage).Take(&row).Error; {
		case !slices.Contains(model.SupplierStages, stage) || translate(err, "") == ErrNotFound:
			p.Add("stage", "Attach files to one of the stages you answer: d3, d4, d5 or d7.")
		case err != nil:
			return translate(err, "stage file")
		case ca.Status != model.CAOpen || (row.Status != model.StageOpen && row.Status != model.StageReturned):
			p.Add("stage", "This answer was submitted; files go with an answer that is still being written.")
		}
		var n int64
		if err := tx.Model(&model.CorrectiveActionFile{}).Where("corrective_action_id = ? AND stage = ?", caID, stage).Count(&n).Error; err != nil {
			return fmt.Errorf("store: count stage files: %w", err)
		}
		if n >= maxStageFiles {
			p.Add("file", fmt.Sprintf("An answer holds at most %d files.", maxStageFiles))
		}
		if err := p.Err("The file cannot be attached."); err != nil {
			return err
		}
		if err := tx.Create(f).Error; err != nil {
			return translate(err, "create stage file")
		}
		changes := audit.Diff(nil, f)
		_, err = s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionCorrectiveActionFile, EntityType: audit.EntityCorrectiveAction, EntityID: caID, Changes: changes})
		return err
	})
	if err != nil {
		return model.CorrectiveActionFile{}, err
	}
	return *f, nil
}

// StageFile returns a file of a request within the store's scope.
func (s *Store) StageFile(ctx context.Context, id int64) (model.CorrectiveActionFile, error) {
	var f model.CorrectiveActionFile
	q := s.in(s.db.WithContext(ctx).Model(&model.CorrectiveActionFile{}).
		Joins("JOIN corrective_actions ON corrective_actions.id = corrective_action_files.corrective_action_id"),
		"corrective_actions.site_id", viaSite)
	err := q.Select("corrective_action_files.*").Where("corrective_action_files.id = ?", id).Take(&f).Error
	return f, translate(err, "stage file")
}

// CorrectiveActionExists reports ErrNotFound unless the request is within
// the store's scope (checked before reading an upload's body).
func (s *Store) CorrectiveActionExists(ctx context.Context, id int64) error {
	_, err := s.caOf(s.db.WithContext(ctx), id)
	return err
}

// CheckOwnReceipt returns ErrNotFound unless the audit event of that
// sequence is a receipt within the store's scope: of a submission to a
// corrective-action request, or of a questionnaire's submission.
func (s *Store) CheckOwnReceipt(ctx context.Context, sequence int64) error {
	db := s.db.WithContext(ctx)
	var n int64
	q := s.in(db.Model(&model.CorrectiveActionReceipt{}).
		Joins("JOIN corrective_actions ON corrective_actions.id = corrective_action_receipts.corrective_action_id"),
		"corrective_actions.site_id", viaSite)
	if err := q.Where("corrective_action_receipts.audit_sequence = ?", sequence).Count(&n).Error; err != nil {
		return fmt.Errorf("store: receipt: %w", err)
	}
	if n > 0 {
		return nil
	}
	q = s.in(db.Model(&model.AuditEvent{}).
		Joins("JOIN self_assessments ON self_assessments.id = audit_events.entity_id"),
		"self_assessments.site_id", viaSite)
	if err := q.Where("audit_events.sequence = ? AND audit_events.entity_type = ? AND audit_events.action = ?",
		sequence, audit.EntitySelfAssessment, audit.ActionSelfAssessmentSubmit).Count(&n).Error; err != nil {
		return fmt.Errorf("store: receipt: %w", err)
	}
	if n == 0 {
		return ErrNotFound
	}
	return nil
}
