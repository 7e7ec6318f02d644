package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
)

// Corrective-action requests (SCAR): issued by the buyer from a finding,
// answered stage by stage by the finding's supplier, reviewed by the
// buyer, and closed by the buyer's verification of effectiveness (D8),
// which also closes the finding. The rules are qualification's (scar.go);
// this file keeps the records and their audit events.

// CorrectiveActionSorts are the sort fields of the requests list.
var CorrectiveActionSorts = SortFields{
	"next_due":   nullsLast(dateSort("corrective_actions.next_due")),
	"issued_at":  timeSort("corrective_actions.issued_at"),
	"updated_at": timeSort("corrective_actions.updated_at"),
	"stage":      textSort("corrective_actions.current_stage"),
}

// CorrectiveActionFilter narrows the requests list.
type CorrectiveActionFilter struct {
	Status       model.CAStatus
	Stage        model.CAStage
	Overdue      bool
	Manufacturer int64
	Site         int64
	Finding      int64
}

// StageView is a stage with its files and whether it is overdue.
type StageView struct {
	model.CorrectiveActionStage
	Name    string                       `json:"name"`
	Overdue bool                         `json:"overdue"`
	Files   []model.CorrectiveActionFile `json:"files"`
}

// CorrectiveActionView is a request as the buyer reads it: the finding it
// answers, its stages and the receipts of the supplier's submissions.
type CorrectiveActionView struct {
	model.CorrectiveAction
	SiteCode           string                          `json:"site_code"`
	ManufacturerName   string                          `json:"manufacturer_name"`
	FindingSeverity    model.Severity                  `json:"finding_severity"`
	FindingCategory    model.FindingCategory           `json:"finding_category"`
	FindingRequirement string                          `json:"finding_requirement"`
	FindingDescription string                          `json:"finding_description"`
	FindingStatus      model.FindingStatus             `json:"finding_status"`
	IssuedByName       string                          `json:"issued_by_name"`
	VerifiedByName     string                          `json:"verified_by_name"`
	Overdue            bool                            `json:"overdue"`
	Stages             []StageView                     `json:"stages"`
	Receipts           []model.CorrectiveActionReceipt `json:"receipts"`
}

// CorrectiveActionRow is a request as the list shows it.
type CorrectiveActionRow struct {
	model.CorrectiveAction
	SiteCode           string         `json:"site_code"`
	ManufacturerName   string         `json:"manufacturer_name"`
	FindingSeverity    model.Severity `json:"finding_severity"`
	FindingDescription string         `json:"finding_description"`
	Overdue            bool           `json:"overdue"`
}

// IssueCorrectiveAction is what the buyer sends with a new request.
type IssueCorrectiveAction struct {
	Request      string
	InternalNote string
}

// caOf loads request id within the store's scope.
func (s *Store) caOf(tx *gorm.DB, id int64) (model.CorrectiveAction, error) {
	var ca model.CorrectiveAction
	err := s.in(tx.Model(&model.CorrectiveAction{}), "corrective_actions.site_id", viaSite).Where("id = ?", id).Take(&ca).Error
	return ca, translate(err, "corrective action")
}

func stagesOf(tx *gorm.DB, caID int64) ([]model.CorrectiveActionStage, error) {
	var stages []model.CorrectiveActionStage
	if err := tx.Where("corrective_action_id = ?", caID).Find(&stages).Error; err != nil {
		return nil, fmt.Errorf("store: corrective action stages: %w", err)
	}
	order := map[model.CAStage]int{}
	for i, st := range model.CAStages {
		order[st] = i
	}
	for i := 1; i < len(stages); i++ {
		for j := i; j > 0 && order[stages[j].Stage] < order[stages[j-1].Stage]; j-- {
			stages[j], stages[j-1] = stages[j-1], stages[j]
		}
	}
	return stages, nil
}

func stageStates(stages []model.CorrectiveActionStage) []qualification.StageState {
	out := make([]qualification.StageState, len(stages))
	for i, st := range stages {
		out[i] = qualification.StageState{Stage: st.Stage, Status: st.Status, Due: st.DueDate}
	}
	return out
}

// CorrectiveActionByID returns a request within the store's scope.
func (s *Store) CorrectiveActionByID(ctx context.Context, id int64) (CorrectiveActionView, error) {
	db := s.db.WithContext(ctx)
	ca, err := s.caOf(db, id)
	if err != nil {
		return CorrectiveActionView{}, err
	}
	return s.describeCA(db, ca)
}

// CorrectiveActionOfFinding returns the request of a finding (ErrNotFound
// when none was issued or the finding is outside the scope).
func (s *Store) CorrectiveActionOfFinding(ctx context.Context, findingID int64) (CorrectiveActionView, error) {
	db := s.db.WithContext(ctx)
	var ca model.CorrectiveAction
	err := s.in(db.Model(&model.CorrectiveAction{}), "corrective_actions.site_id", viaSite).Where("finding_id = ?", findingID).Take(&ca).Error
	if err != nil {
		return CorrectiveActionView{}, translate(err, "corrective action of finding")
	}
	return s.describeCA(db, ca)
}

func (s *Store) describeCA(db *gorm.DB, ca model.CorrectiveAction) (CorrectiveActionView, error) {
	v := CorrectiveActionView{CorrectiveAction: ca, Stages: []StageView{}, Receipts: []model.CorrectiveActionReceipt{}}
	var f model.Finding
	if err := db.Take(&f, ca.FindingID).Error; err != nil {
		return v, translate(err, "corrective action finding")
	}
	v.FindingSeverity, v.FindingCategory, v.FindingRequirement, v.FindingDescription, v.FindingStatus = f.Severity, f.Category, f.Requirement, f.Description, f.Status
	if err := db.Model(&model.Site{}).Where("id = ?", ca.SiteID).Pluck("code", &v.SiteCode).Error; err != nil {
		return v, fmt.Errorf("store: corrective action site: %w", err)
	}
	if err := db.Model(&model.Manufacturer{}).Where("id = ?", ca.ManufacturerID).Pluck("name", &v.ManufacturerName).Error; err != nil {
		return v, fmt.Errorf("store: corrective action manufacturer: %w", err)
	}
	ids := []int64{ca.IssuedByID}
	if ca.VerifiedByID != nil {
		ids = append(ids, *ca.VerifiedByID)
	}
	names, err := userNames(db, ids)
	if err != nil {
		return v, err
	}
	v.IssuedByName = names[ca.IssuedByID]
	if ca.VerifiedByID != nil {
		v.VerifiedByName = names[*ca.VerifiedByID]
	}
	stages, err := stagesOf(db, ca.ID)
	if err != nil {
		return v, err
	}
	var files []model.CorrectiveActionFile
	if err := db.Where("corrective_action_id = ?", ca.ID).Order("id").Find(&files).Error; err != nil {
		return v, fmt.Errorf("store: corrective action files: %w", err)
	}
	today := s.Today()
	for _, st := range stages {
		sv := StageView{CorrectiveActionStage: st, Name: qualification.StageName(st.Stage), Files: []model.CorrectiveActionFile{}}
		sv.Overdue = ca.Status == model.CAOpen && qualification.StageOverdue(qualification.StageState{Stage: st.Stage, Status: st.Status, Due: st.DueDate}, today)
		v.Overdue = v.Overdue || sv.Overdue
		for _, f := range files {
			if f.Stage == st.Stage {
				sv.Files = append(sv.Files, f)
			}
		}
		v.Stages = append(v.Stages, sv)
	}
	if err := db.Where("corrective_action_id = ?", ca.ID).Order("id").Find(&v.Receipts).Error; err != nil {
		return v, fmt.Errorf("store: corrective action receipts: %w", err)
	}
	return v, nil
}

// overdueCA is the condition that a request has a stage waiting for the
// supplier past its due date; its placeholders are the open status and
// today.
const overdueCA = "corrective_actions.status = ? AND corrective_actions.next_due IS NOT NULL AND corrective_actions.next_due < ?"

// ListCorrectiveActions lists requests within the store's scope.
func (s *Store) ListCorrectiveActions(ctx context.Context, f CorrectiveActionFilter, p Page) ([]CorrectiveActionRow, int64, error) {
	q := s.in(s.db.WithContext(ctx).Model(&model.CorrectiveAction{}), "corrective_actions.site_id", viaSite).
		Joins("JOIN sites ON sites.id = corrective_actions.site_id").
		Joins("JOIN manufacturers ON manufacturers.id = corrective_actions.manufacturer_id").
		Joins("JOIN findings ON findings.id = corrective_actions.finding_id")
	if f.Status != "" {
		q = q.Where("corrective_actions.status = ?", f.Status)
	}
	if f.Stage != "" {
		q = q.Where("corrective_actions.current_stage = ? AND corrective_actions.status = ?", f.Stage, model.CAOpen)
	}
	if f.Overdue {
		q = q.Where(overdueCA, model.CAOpen, s.Today())
	}
	if f.Manufacturer != 0 {
		q = q.Where("corrective_actions.manufacturer_id = ?", f.Manufacturer)
	}
	if f.Site != 0 {
		q = q.Where("corrective_actions.site_id = ?", f.Site)
	}
	if f.Finding != 0 {
		q = q.Where("corrective_actions.finding_id = ?", f.Finding)
	}
	q = q.Select("corrective_actions.*, sites.code AS site_code, manufacturers.name AS manufacturer_name, " +
		"findings.severity AS finding_severity, findings.description AS finding_description")
	rows := []CorrectiveActionRow{}
	total, err := list(q, p, CorrectiveActionSorts, "next_due", &rows)
	if err != nil {
		return nil, 0, translate(err, "list corrective actions")
	}
	today := s.Today()
	for i := range rows {
		rows[i].Overdue = rows[i].Status == model.CAOpen && !rows[i].NextDue.IsZero() && rows[i].NextDue.Before(today)
	}
	return rows, total, nil
}

// IssueCorrectiveActionFor issues a request to the finding's manufacturer,
// with each supplier stage due by the finding's severity. A finding has at
// most one request, and a closed finding none.
func (s *Store) IssueCorrectiveActionFor(ctx context.Context, findingID int64, in IssueCorrectiveAction, days qualification.CorrectiveDueDays, actor audit.Actor) (CorrectiveActionView, error) {
	var view CorrectiveActionView
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := s.checkInScope(tx, viaFinding, findingID); err != nil {
			return err
		}
		var f model.Finding
		if err := tx.Take(&f, findingID).Error; err != nil {
			return translate(err, "issue corrective action")
		}
		var site model.Site
		if err := tx.Select("id", "manufacturer_id").Take(&site, f.SiteID).Error; err != nil {
			return translate(err, "issue corrective action: site")
		}
		p := qualification.Problems{}
		if f.Status == model.FindingClosed {
			p.Add("finding_id", "The finding is closed; reopen it before asking the manufacturer to act.")
		}
		in.Request, in.InternalNote = strings.TrimSpace(in.Request), strings.TrimSpace(in.InternalNote)
		if err := mergeProblems(p, qualification.CheckIssue(in.Request, in.InternalNote)); err != nil {
			return err
		}
		if err := p.Err("The request cannot be issued."); err != nil {
			return err
		}
		var n int64
		if err := tx.Model(&model.CorrectiveAction{}).Where("finding_id = ?", findingID).Count(&n).Error; err != nil {
			return fmt.Errorf("store: issue corrective action: %w", err)
		}
		if n > 0 {
			return &ConflictError{Field: "finding_id", Message: "A corrective-action request was already issued for this finding."}
		}
		now := s.Now()
		due := qualification.StageDueDates(f.Severity, model.DateOf(now), days)
		ca := model.CorrectiveAction{FindingID: f.ID, SiteID: f.SiteID, ManufacturerID: site.ManufacturerID, Status: model.CAOpen,
			CurrentStage: model.StageContainment, Request: in.Request, InternalNote: in.InternalNote, IssuedAt: now, Version: 1}
		if a := actorID(actor); a != nil {
			ca.IssuedByID = *a
		}
		var states []qualification.StageState
		for _, st := range model.CAStages {
			states = append(states, qualification.StageState{Stage: st, Status: model.StageOpen, Due: due[st]})
		}
		ca.NextDue = qualification.NextDue(states)
		if err := tx.Create(&ca).Error; err != nil {
			return translate(err, "issue corrective action")
		}
		for _, st := range states {
			row := model.CorrectiveActionStage{CorrectiveActionID: ca.ID, Stage: st.Stage, Status: model.StageOpen, DueDate: st.Due}
			if err := tx.Create(&row).Error; err != nil {
				return translate(err, "issue corrective action: stage")
			}
		}
		changes := audit.Diff(nil, ca)
		for _, st := range model.SupplierStages {
			changes[string(st)+"_due"] = [2]any{nil, due[st]}
		}
		if _, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionCorrectiveActionCreate, EntityType: audit.EntityCorrectiveAction, EntityID: ca.ID, Changes: changes}); err != nil {
			return err
		}
		var err error
		view, err = s.describeCA(tx, ca)
		return err
	})
	return view, err
}

// StageAnswer is a supplier's answer to a stage.
type StageAnswer struct {
	Text   string
	Detail string
	Method model.RootCauseMethod
}

// SubmitStage records the supplier's answer to a stage and returns the
// receipt of its audit event.
func (s *Store) SubmitStage(ctx context.Context, id int64, stage model.CAStage, ans StageAnswer, actor audit.Actor) (model.CorrectiveActionReceipt, error) {
	var receipt model.CorrectiveActionReceipt
	err := s.tx(ctx, func(tx *gorm.DB) error {
		ca, err := s.caOf(tx, id)
		if err != nil {
			return err
		}
		if ca.Status != model.CAOpen {
			return qualification.Problems{"stage": "The request is closed."}.Err("This stage cannot be submitted.")
		}
		stages, err := stagesOf(tx, ca.ID)
		if err != nil {
			return err
		}
		if err := qualification.CheckSubmit(stageStates(stages), stage); err != nil {
			return err
		}
		ans.Text, ans.Detail = strings.TrimSpace(ans.Text), strings.TrimSpace(ans.Detail)
		if err := qualification.CheckAnswer(stage, ans.Text, ans.Detail, ans.Method); err != nil {
			return err
		}
		now := s.Now()
		var row *model.CorrectiveActionStage
		for i := range stages {
			if stages[i].Stage == stage {
				row = &stages[i]
			}
		}
		before := *row
		row.Status, row.Text, row.Detail, row.Method = model.StageSubmitted, ans.Text, ans.Detail, ans.Method
		row.SubmittedAt, row.SubmittedByID, row.Submissions = &now, actorID(actor), row.Submissions+1
		if err := tx.Model(row).Select("status", "text", "detail", "method", "submitted_at", "submitted_by_id", "submissions", "updated_at").Updates(row).Error; err != nil {
			return translate(err, "submit stage")
		}
		if ca.FirstResponseAt == nil {
			ca.FirstResponseAt = &now
		}
		if err := s.advanceCA(tx, &ca, stages); err != nil {
			return err
		}
		var hashes []string
		if err := tx.Model(&model.CorrectiveActionFile{}).Where("corrective_action_id = ? AND stage = ?", ca.ID, stage).Order("id").Pluck("sha256", &hashes).Error; err != nil {
			return fmt.Errorf("store: submit stage: files: %w", err)
		}
		changes := audit.Diff(before, *row)
		changes["stage"] = [2]any{nil, stage}
		changes["files"] = [2]any{nil, hashes}
		ev, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionCorrectiveActionSubmit, EntityType: audit.EntityCorrectiveAction, EntityID: ca.ID, Changes: changes})
		if err != nil {
			return err
		}
		if err := s.emitStageSubmitted(tx, ca, stage, now); err != nil {
			return err
		}
		receipt = model.CorrectiveActionReceipt{CreatedAt: now, CorrectiveActionID: ca.ID, Stage: stage, AuditSequence: ev.Sequence, AuditHash: ev.Hash}
		if a := actorID(actor); a != nil {
			receipt.UserID = *a
		}
		return translate(tx.Create(&receipt).Error, "submit stage: receipt")
	})
	return receipt, err
}

// advanceCA recomputes a request's current stage and next due date from
// its stages and saves it with a new version.
func (s *Store) advanceCA(tx *gorm.DB, ca *model.CorrectiveAction, stages []model.CorrectiveActionStage) error {
	states := stageStates(stages)
	ca.CurrentStage = qualification.CurrentStage(states)
	ca.NextDue = qualification.NextDue(states)
	version := ca.Version
	ca.Version = version + 1
	if err := saveVersioned(tx, ca, ca.ID, version); err != nil {
		return translate(err, "update corrective action")
	}
	return nil
}

// ReviewStage accepts the submitted answer to a stage (a signed action)
// or returns it to the supplier with a reason (counted as rework).
func (s *Store) ReviewStage(ctx context.Context, id int64, stage model.CAStage, accept bool, reason string, actor audit.Actor) (CorrectiveActionView, error) {
	var view CorrectiveActionView
	err := s.tx(ctx, func(tx *gorm.DB) error {
		ca, err := s.caOf(tx, id)
		if err != nil {
			return err
		}
		stages, err := stagesOf(tx, ca.ID)
		if err != nil {
			return err
		}
		var row *model.CorrectiveActionStage
		for i := range stages {
			if stages[i].Stage == stage {
				row = &stages[i]
			}
		}
		if row == nil || stage == model.StageVerification {
			return qualification.Problems{"stage": "Review one of: " + strings.Join(stageList(model.SupplierStages), ", ") + "."}.Err("This answer cannot be reviewed.")
		}
		reason = strings.TrimSpace(reason)
		if err := qualification.CheckReview(qualification.StageState{Stage: row.Stage, Status: row.Status}, accept, reason); err != nil {
			return err
		}
		before := *row
		now := s.Now()
		row.Status, row.ReviewedAt, row.ReviewedByID = qualification.Reviewed(accept), &now, actorID(actor)
		row.ReturnReason = ""
		if !accept {
			row.ReturnReason = reason
			ca.ReworkCount++
		}
		if err := tx.Model(row).Select("status", "reviewed_at", "reviewed_by_id", "return_reason", "updated_at").Updates(row).Error; err != nil {
			return translate(err, "review stage")
		}
		if err := s.advanceCA(tx, &ca, stages); err != nil {
			return err
		}
		changes := audit.Diff(before, *row)
		changes["stage"] = [2]any{nil, stage}
		action := audit.ActionCorrectiveActionReturn
		if accept {
			action = audit.ActionCorrectiveActionAccept
			var hashes []string
			if err := tx.Model(&model.CorrectiveActionFile{}).Where("corrective_action_id = ? AND stage = ?", ca.ID, stage).Order("id").Pluck("sha256", &hashes).Error; err != nil {
				return fmt.Errorf("store: review stage: files: %w", err)
			}
			if hashes == nil {
				hashes = []string{}
			}
			sig, err := s.sign(tx, qualification.SignStageAccept, string(audit.EntityCorrectiveAction), ca.ID, qualification.StageContent{
				Kind: "corrective_action_stage", CorrectiveActionID: ca.ID, FindingID: ca.FindingID, Stage: stage,
				Text: row.Text, Detail: row.Detail, Method: row.Method, Submissions: row.Submissions, Files: hashes})
			if err != nil {
				return err
			}
			changes["signature"] = [2]any{nil, signatureChange(sig)}
		} else {
			changes["rework_count"] = [2]any{ca.ReworkCount - 1, ca.ReworkCount}
			if err := s.checkSignatureUsed(false); err != nil {
				return err
			}
		}
		if _, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: action, EntityType: audit.EntityCorrectiveAction, EntityID: ca.ID, Changes: changes}); err != nil {
			return err
		}
		view, err = s.describeCA(tx, ca)
		return err
	})
	return view, err
}

func stageList(stages []model.CAStage) []string {
	out := make([]string, len(stages))
	for i, s := range stages {
		out[i] = string(s)
	}
	return out
}

// Verification is the buyer's D8: how effectiveness was verified.
type Verification struct {
	Method    model.VerificationMethod
	Note      string
	Reference string
}

// VerifyCorrectiveAction records the buyer's verification of effectiveness
// (D8, signed), closes the request and closes its finding with the same
// signature's signer and the verification as its note, in one transaction.
func (s *Store) VerifyCorrectiveAction(ctx context.Context, id int64, v Verification, actor audit.Actor) (CorrectiveActionView, error) {
	var view CorrectiveActionView
	err := s.tx(ctx, func(tx *gorm.DB) error {
		ca, err := s.caOf(tx, id)
		if err != nil {
			return err
		}
		if ca.Status != model.CAOpen {
			return qualification.Problems{"stage": "The request is already closed."}.Err("The request cannot be verified.")
		}
		stages, err := stagesOf(tx, ca.ID)
		if err != nil {
			return err
		}
		v.Note, v.Reference = strings.TrimSpace(v.Note), strings.TrimSpace(v.Reference)
		if err := qualification.CheckVerify(stageStates(stages), v.Method, v.Note, v.Reference); err != nil {
			return err
		}
		now := s.Now()
		before := ca
		for i := range stages {
			if stages[i].Stage == model.StageVerification {
				st := &stages[i]
				st.Status, st.Text, st.Detail, st.ReviewedAt, st.ReviewedByID = model.StageAccepted, v.Note, v.Reference, &now, actorID(actor)
				if err := tx.Model(st).Select("status", "text", "detail", "reviewed_at", "reviewed_by_id", "updated_at").Updates(st).Error; err != nil {
					return translate(err, "verify corrective action: stage")
				}
			}
		}
		ca.Status, ca.VerificationMethod, ca.VerificationNote, ca.VerificationReference = model.CAClosed, v.Method, v.Note, v.Reference
		ca.VerifiedByID, ca.VerifiedAt = actorID(actor), &now
		if err := s.advanceCA(tx, &ca, stages); err != nil {
			return err
		}
		ca.NextDue = model.Date{}
		if err := tx.Model(&ca).Select("next_due").Updates(map[string]any{"next_due": nil}).Error; err != nil {
			return translate(err, "verify corrective action: due")
		}
		sig, err := s.sign(tx, qualification.SignCorrectiveVerify, string(audit.EntityCorrectiveAction), ca.ID, qualification.VerificationContent{
			Kind: "corrective_action_verification", CorrectiveActionID: ca.ID, FindingID: ca.FindingID, Method: v.Method, Note: v.Note, Reference: v.Reference})
		if err != nil {
			return err
		}
		changes := audit.Diff(before, ca)
		changes["signature"] = [2]any{nil, signatureChange(sig)}
		if _, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionCorrectiveActionVerify, EntityType: audit.EntityCorrectiveAction, EntityID: ca.ID, Changes: changes}); err != nil {
			return err
		}
		if err := s.closeVerifiedFinding(tx, ca.FindingID, v, now, actor); err != nil {
			return err
		}
		view, err = s.describeCA(tx, ca)
		return err
	})
	return view, err
}

// closeVerifiedFinding closes the finding of a verified request, signed
// by the same signer, with the verification as its note.
func (s *Store) closeVerifiedFinding(tx *gorm.DB, findingID int64, v Verification, now time.Time, actor audit.Actor) error {
	var f model.Finding
	if err := tx.Take(&f, findingID).Error; err != nil {
		return translate(err, "close verified finding")
	}
	if f.Status == model.FindingClosed {
		return nil
	}
	before := f
	note := "Corrective-action request verified (" + string(v.Method) + "): " + v.Note
	if v.Reference != "" {
		note += " [" + v.Reference + "]"
	}
	f.Status, f.VerificationNote, f.VerifiedByID, f.VerifiedAt = model.FindingClosed, note, actorID(actor), &now
	if err := validateFinding(f); err != nil {
		return err
	}
	f.Version = before.Version + 1
	if err := saveVersioned(tx, &f, f.ID, before.Version); err != nil {
		return translate(err, "close verified finding")
	}
	sig, err := s.sign(tx, qualification.SignFindingClose, "finding", f.ID, qualification.FindingContentOf(f))
	if err != nil {
		return err
	}
	changes := audit.Diff(before, f)
	changes["signature"] = [2]any{nil, signatureChange(sig)}
	if _, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionFindingUpdate, EntityType: audit.EntityFinding, EntityID: f.ID, Changes: changes}); err != nil {
		return err
	}
	return s.emitFindingChange(tx, &before, f)
}

// checkNoOpenRequest refuses to close a finding whose corrective-action
// request is still open: closing the request (D8) closes it.
func checkNoOpenRequest(tx *gorm.DB, findingID int64) error {
	var n int64
	if err := tx.Model(&model.CorrectiveAction{}).Where("finding_id = ? AND status = ?", findingID, model.CAOpen).Count(&n).Error; err != nil {
		return fmt.Errorf("store: open corrective action: %w", err)
	}
	if n > 0 {
		return qualification.Problems{"status": "A corrective-action request is open for this finding; verify its effectiveness (D8), which closes the finding."}.
			Err("The finding cannot be closed yet.")
	}
	return nil
}

// OverdueCorrectiveActions counts, within the store's scope, the open
// requests with a stage past its due date.
func (s *Store) OverdueCorrectiveActions(ctx context.Context) (int64, error) {
	var n int64
	err := s.in(s.db.WithContext(ctx).Model(&model.CorrectiveAction{}), "corrective_actions.site_id", viaSite).
		Where(overdueCA, model.CAOpen, s.Today()).Count(&n).Error
	if err != nil {
		return 0, fmt.Errorf("store: overdue corrective actions: %w", err)
	}
	return n, nil
}
