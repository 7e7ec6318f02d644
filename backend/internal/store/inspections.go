package store

import (
	"context"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
)

// inspectionDate is an inspection's date: when it was performed once it
// was, else when it is planned for.
const inspectionDate = "COALESCE(inspections.performed_date, inspections.scheduled_date)"

// InspectionSorts are the sort fields of the inspections list.
var InspectionSorts = SortFields{
	"date":           nullsLast(dateSort(inspectionDate)),
	"scheduled_date": nullsLast(dateSort("inspections.scheduled_date")),
	"performed_date": nullsLast(dateSort("inspections.performed_date")),
	"score":          nullsLast(numberSort("inspections.score")),
	"created_at":     timeSort("inspections.created_at"),
	"updated_at":     timeSort("inspections.updated_at"),
}

// InspectionFilter narrows the inspections list.
type InspectionFilter struct {
	SiteID int64
	Status model.InspectionStatus
	Type   model.InspectionType
	Result model.InspectionResult
	// From and To bound the inspection's date (performed, else scheduled),
	// both included; zero means open.
	From, To model.Date
	// Q searches the site's code and name and the summary.
	Q string
}

// FindingCounts counts an inspection's findings by severity, open and
// closed together, and how many are still open.
type FindingCounts struct {
	Critical    int64 `json:"critical"`
	Major       int64 `json:"major"`
	Minor       int64 `json:"minor"`
	Observation int64 `json:"observation"`
	Open        int64 `json:"open"`
}

// InspectionRow is an inspection with what its lists and pages show of
// the site, the lead inspector and the findings.
type InspectionRow struct {
	model.Inspection
	SiteCode          string        `json:"site_code"`
	SiteName          string        `json:"site_name"`
	LeadInspectorName string        `json:"lead_inspector_name"`
	FindingCounts     FindingCounts `json:"finding_counts"`
	// Signature is the signature that completed the inspection, while it
	// is completed.
	Signature *model.Signature `json:"signature"`
}

// inspectionsPerSite is about how many inspections a site has, to weigh
// the sites a search finds against the inspections a list's filters find.
const inspectionsPerSite = 20

// ListInspections returns one page of inspections, latest first by default.
func (s *Store) ListInspections(ctx context.Context, f InspectionFilter, p Page) ([]InspectionRow, int64, error) {
	ctx, done, err := s.snapshot(ctx) // the count, the page and its rows' details
	if err != nil {
		return nil, 0, err
	}
	defer done()
	db := s.db.WithContext(ctx)
	q := s.in(db.Model(&model.Inspection{}), "inspections.site_id", viaSite)
	if f.SiteID != 0 {
		q = q.Where("inspections.site_id = ?", f.SiteID)
	}
	if f.Status != "" {
		q = q.Where("inspections.status = ?", f.Status)
	}
	if f.Type != "" {
		q = q.Where("inspections.type = ?", f.Type)
	}
	if f.Result != "" {
		q = q.Where("inspections.result = ?", f.Result)
	}
	if !f.From.IsZero() || !f.To.IsZero() {
		q = filtersFollowTheOrder(q, inspectionDate)
	}
	if !f.From.IsZero() {
		q = q.Where(inspectionDate+" >= ?", f.From)
	}
	if !f.To.IsZero() {
		q = q.Where(inspectionDate+" <= ?", f.To)
	}
	if strings.TrimSpace(f.Q) != "" {
		siteCols, cols := []string{"code", "name"}, []string{"summary"}
		aside := false
		if f.SiteID != 0 || f.Status != "" || f.Type != "" || f.Result != "" || !f.From.IsZero() || !f.To.IsZero() {
			sites, err := s.searchRows(ctx, "sites", siteCols, f.Q, s.searchSizeLimit()/inspectionsPerSite)
			if err != nil {
				return nil, 0, err
			}
			own, err := s.searchRows(ctx, "inspections", cols, f.Q, s.searchSizeLimit())
			if err != nil {
				return nil, 0, err
			}
			if aside, err = s.searchAside(q, sites*inspectionsPerSite+own); err != nil {
				return nil, 0, err
			}
		}
		cond, args := anyOf(
			func() (string, []any) { return s.siteMatchAs("inspections.site_id", siteCols, f.Q, aside) },
			func() (string, []any) { return s.textMatchAs("inspections", cols, f.Q, aside) },
		)
		q = q.Where(cond, args...)
	}
	found := []model.Inspection{}
	total, err := list(q, p, InspectionSorts, "-date", &found)
	if err != nil {
		return nil, 0, translate(err, "list inspections")
	}
	rows, err := describeInspections(db, found)
	return rows, total, err
}

// InspectionByID returns one inspection.
func (s *Store) InspectionByID(ctx context.Context, id int64) (InspectionRow, error) {
	db := s.db.WithContext(ctx)
	var in model.Inspection
	if err := s.in(db, "inspections.site_id", viaSite).Take(&in, id).Error; err != nil {
		return InspectionRow{}, translate(err, "inspection by id")
	}
	return describeInspection(db, in)
}

// CreateInspection validates and inserts in (planned unless it says
// otherwise) and refreshes its site's schedule.
func (s *Store) CreateInspection(ctx context.Context, in *model.Inspection, actor audit.Actor) (InspectionRow, error) {
	var row InspectionRow
	if in.Status == "" {
		in.Status = model.InspectionPlanned
	}
	normalizeInspection(in)
	in.Version = 1
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := s.validateInspection(tx, *in, nil); err != nil {
			return err
		}
		if err := tx.Create(in).Error; err != nil {
			return translate(err, "create inspection")
		}
		if err := s.refreshSiteSchedule(tx, in.SiteID); err != nil {
			return err
		}
		changes, err := s.signCompletion(tx, nil, *in, false, audit.Diff(nil, in))
		if err != nil {
			return err
		}
		if err := s.emitInspectionCompleted(tx, nil, *in); err != nil {
			return err
		}
		if row, err = describeInspection(tx, *in); err != nil {
			return err
		}
		_, err = s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionInspectionCreate, EntityType: audit.EntityInspection, EntityID: in.ID, Changes: changes})
		return err // last: see audit.Trail.Append
	})
	return row, err
}

// UpdateInspection applies change to the inspection at the version the
// client read, validates the result and refreshes the schedule of its
// site (of both sites when it moved).
func (s *Store) UpdateInspection(ctx context.Context, id, version int64, actor audit.Actor, change func(in *model.Inspection) error) (InspectionRow, error) {
	var row InspectionRow
	err := s.tx(ctx, func(tx *gorm.DB) error {
		var in model.Inspection
		if err := tx.Take(&in, id).Error; err != nil {
			return translate(err, "update inspection")
		}
		if in.Version != version {
			return ErrVersionConflict
		}
		before := in
		// The reason of a correction is this change's own: a reason kept
		// from an earlier correction does not cover a new one.
		in.CorrectionReason = ""
		if err := change(&in); err != nil {
			return err
		}
		normalizeInspection(&in)
		corrected := qualification.InspectionCorrection(before, in)
		if err := checkCorrection(actor, corrected, &in, before); err != nil {
			return err
		}
		// Validated as sent, before the checklists settle the result (which
		// clears an override reason that is not needed), so nothing sent is
		// dropped without a word.
		invalid := s.validateInspection(tx, in, &before)
		checklistErr := s.settleChecklistResult(tx, &in, before)
		if err := joinValidationErrors(invalid, checklistErr); err != nil {
			return err
		}
		in.Version = version + 1
		if err := saveVersioned(tx, &in, id, version); err != nil {
			return translate(err, "update inspection")
		}
		if err := s.refreshSiteSchedule(tx, in.SiteID); err != nil {
			return err
		}
		if before.SiteID != in.SiteID {
			if err := s.refreshSiteSchedule(tx, before.SiteID); err != nil {
				return err
			}
		}
		changes, err := s.signCompletion(tx, &before, in, len(corrected) > 0, audit.Diff(before, in))
		if err != nil {
			return err
		}
		action := audit.ActionInspectionUpdate
		if len(corrected) > 0 {
			action = audit.ActionInspectionCorrect
		}
		if err := s.emitInspectionCompleted(tx, &before, in); err != nil {
			return err
		}
		if row, err = describeInspection(tx, in); err != nil {
			return err
		}
		_, err = s.trail.Append(tx, audit.Entry{Actor: actor, Action: action, EntityType: audit.EntityInspection, EntityID: id, Changes: changes})
		return err // last: see audit.Trail.Append
	})
	return row, err
}

// DeleteInspection deletes a planned inspection that nothing refers to.
// Completed and cancelled inspections are history and stay.
func (s *Store) DeleteInspection(ctx context.Context, id int64, actor audit.Actor) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		var in model.Inspection
		if err := tx.Take(&in, id).Error; err != nil {
			return translate(err, "delete inspection")
		}
		if in.Status != model.InspectionPlanned {
			return &ConflictError{Field: "status", Message: fmt.Sprintf(
				"This inspection is %s. Completed and cancelled inspections are kept as history and cannot be deleted; cancel an inspection that will not take place instead.", in.Status)}
		}
		var findings int64
		if err := tx.Model(&model.Finding{}).Where("inspection_id = ?", id).Count(&findings).Error; err != nil {
			return translate(err, "delete inspection")
		}
		if findings > 0 {
			return &ConflictError{Field: "findings", Message: fmt.Sprintf(
				"The inspection has %d finding(s) recorded, so it is kept; cancel it instead.", findings)}
		}
		files, err := countAttachments(tx, model.OwnerInspection, id)
		if err != nil {
			return err
		}
		if files > 0 {
			return &ConflictError{Field: "attachments", Message: fmt.Sprintf(
				"The inspection has %d attachment(s); delete them first or cancel the inspection instead.", files)}
		}
		if err := s.removeUnansweredChecklists(tx, id, actor); err != nil {
			return err
		}
		if err := tx.Delete(&model.Inspection{}, id).Error; err != nil {
			return translate(err, "delete inspection")
		}
		if err := s.refreshSiteSchedule(tx, in.SiteID); err != nil {
			return err
		}
		_, err = s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionInspectionDelete, EntityType: audit.EntityInspection, EntityID: id, Changes: audit.Deleted(in)})
		return err
	})
}

// checkCorrection applies the rule of qualification.InspectionCorrection:
// a change of the fields corrected (none: no correction) is made only by
// a role that may correct, with a reason; without a correction the
// reason of the last one stays, and a reason sent alone is refused.
func checkCorrection(actor audit.Actor, corrected []string, in *model.Inspection, before model.Inspection) error {
	if len(corrected) == 0 {
		if in.CorrectionReason != "" {
			return qualification.Problems{"correction_reason": "Only a change of a completed inspection's result, status, site or performed date takes a correction reason."}.
				Err("There is nothing to correct.")
		}
		in.CorrectionReason = before.CorrectionReason
		return nil
	}
	if !qualification.MayCorrectInspection(model.Role(actor.Role)) {
		return &ForbiddenError{Message: fmt.Sprintf(
			"This inspection is completed: changing its %s is a correction, which a manager or an admin makes, with a reason. Ask one of them.",
			strings.Join(corrected, ", "))}
	}
	return qualification.CheckCorrectionReason(in.CorrectionReason)
}

// signCompletion signs an inspection that becomes completed (before is
// nil on a creation), or one corrected that stays completed (the new
// signature covers the corrected content), and adds the signature to the
// audit event's changes.
func (s *Store) signCompletion(tx *gorm.DB, before *model.Inspection, in model.Inspection, corrected bool, changes map[string][2]any) (map[string][2]any, error) {
	completing := in.Status == model.InspectionCompleted && (before == nil || before.Status != model.InspectionCompleted)
	resigning := corrected && in.Status == model.InspectionCompleted
	if !completing && !resigning {
		return changes, s.checkSignatureUsed(false)
	}
	sig, err := s.sign(tx, qualification.SignInspectionComplete, "inspection", in.ID, qualification.InspectionContentOf(in))
	if err != nil {
		return nil, err
	}
	changes["signature"] = [2]any{nil, signatureChange(sig)}
	return changes, nil
}

func normalizeInspection(in *model.Inspection) {
	in.Team = strings.TrimSpace(in.Team)
	in.Scope = strings.TrimSpace(in.Scope)
	in.Summary = strings.TrimSpace(in.Summary)
	in.ResultOverrideReason = strings.TrimSpace(in.ResultOverrideReason)
	in.UnansweredReason = strings.TrimSpace(in.UnansweredReason)
}

// validateInspection checks in against the domain rules and its
// references; before is the stored inspection on an update (nil on a
// creation), so only references the change touches are checked again: a
// lead inspector disabled since does not block fixing a typo.
func (s *Store) validateInspection(tx *gorm.DB, in model.Inspection, before *model.Inspection) error {
	p := qualification.Problems{}
	// The rule blocks setting pass while a critical finding is open; a
	// critical finding recorded after the inspection passed does not lock
	// the record against other edits.
	openCritical := int64(0)
	if before != nil && in.Result == model.ResultPass && before.Result != model.ResultPass {
		err := tx.Model(&model.Finding{}).Where("inspection_id = ? AND severity = ? AND status <> ?", in.ID, model.SeverityCritical, model.FindingClosed).Count(&openCritical).Error
		if err != nil {
			return fmt.Errorf("store: count open critical findings: %w", err)
		}
	}
	err := qualification.ValidateInspection(qualification.InspectionInput{
		Type: in.Type, Status: in.Status, ScheduledDate: in.ScheduledDate,
		PerformedDate: in.PerformedDate, Result: in.Result, Score: in.Score,
		Team: in.Team, Scope: in.Scope, Summary: in.Summary, ResultOverrideReason: in.ResultOverrideReason,
		UnansweredReason: in.UnansweredReason,
	}, s.Today(), int(openCritical))
	if err := mergeProblems(p, err); err != nil {
		return err
	}
	if before == nil || before.SiteID != in.SiteID {
		if err := checkOpenSite(tx, in.SiteID, "site_id", p); err != nil {
			return err
		}
	}
	if before != nil && before.SiteID != in.SiteID {
		var findings int64
		if err := tx.Model(&model.Finding{}).Where("inspection_id = ?", in.ID).Count(&findings).Error; err != nil {
			return fmt.Errorf("store: count findings: %w", err)
		}
		if findings > 0 {
			p.Add("site_id", "The inspection has findings recorded at its site, so it cannot move to another site.")
		}
	}
	if in.LeadInspectorID != nil && (before == nil || before.LeadInspectorID == nil || *before.LeadInspectorID != *in.LeadInspectorID) {
		if err := checkLeadInspector(tx, *in.LeadInspectorID, "lead_inspector_id", p); err != nil {
			return err
		}
	}
	return p.Err("The inspection cannot be saved.")
}

func describeInspection(tx *gorm.DB, in model.Inspection) (InspectionRow, error) {
	rows, err := describeInspections(tx, []model.Inspection{in})
	if err != nil {
		return InspectionRow{}, err
	}
	return rows[0], nil
}

// describeInspections adds site labels, lead inspector names and finding
// counts to a page of inspections, with one query for each.
func describeInspections(tx *gorm.DB, ins []model.Inspection) ([]InspectionRow, error) {
	rows := make([]InspectionRow, len(ins))
	if len(ins) == 0 {
		return rows, nil
	}
	sites, err := siteLabels(tx, distinctIDs(ins, func(in model.Inspection) int64 { return in.SiteID }))
	if err != nil {
		return nil, err
	}
	names, err := userNames(tx, distinctIDs(ins, func(in model.Inspection) int64 {
		if in.LeadInspectorID == nil {
			return 0
		}
		return *in.LeadInspectorID
	}))
	if err != nil {
		return nil, err
	}
	counts, err := findingCounts(tx, distinctIDs(ins, func(in model.Inspection) int64 { return in.ID }))
	if err != nil {
		return nil, err
	}
	sigs, err := latestSignatures(tx, qualification.SignInspectionComplete, "inspection", distinctIDs(ins, func(in model.Inspection) int64 {
		if in.Status != model.InspectionCompleted {
			return 0
		}
		return in.ID
	}))
	if err != nil {
		return nil, err
	}
	for i, in := range ins {
		rows[i] = InspectionRow{Inspection: in, SiteCode: sites[in.SiteID].Code, SiteName: sites[in.SiteID].Name, FindingCounts: counts[in.ID]}
		if in.LeadInspectorID != nil {
			rows[i].LeadInspectorName = names[*in.LeadInspectorID]
		}
		if sig, ok := sigs[in.ID]; ok && in.Status == model.InspectionCompleted {
			rows[i].Signature = &sig
		}
	}
	return rows, nil
}

// findingCounts counts the findings of each inspection in ids with one
// grouped query.
func findingCounts(tx *gorm.DB, ids []int64) (map[int64]FindingCounts, error) {
	var groups []struct {
		InspectionID int64
		Severity     model.Severity
		Status       model.FindingStatus
		N            int64
	}
	err := tx.Model(&model.Finding{}).Select("inspection_id, severity, status, COUNT(*) AS n").
		Where("inspection_id IN ?", ids).Group("inspection_id, severity, status").Scan(&groups).Error
	if err != nil {
		return nil, fmt.Errorf("store: finding counts: %w", err)
	}
	out := map[int64]FindingCounts{}
	for _, g := range groups {
		c := out[g.InspectionID]
		switch g.Severity {
		case model.SeverityCritical:
			c.Critical += g.N
		case model.SeverityMajor:
			c.Major += g.N
		case model.SeverityMinor:
			c.Minor += g.N
		case model.SeverityObservation:
			c.Observation += g.N
		}
		if g.Status != model.FindingClosed {
			c.Open += g.N
		}
		out[g.InspectionID] = c
	}
	return out, nil
}
