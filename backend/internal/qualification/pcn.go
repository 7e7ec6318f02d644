package qualification

import (
	"slices"
	"strings"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

// Change notifications (PCN): a manufacturer tells the buyer of a change
// before it makes it; a manager approves, approves with conditions or
// rejects it, and an approval may require a for-cause inspection.

// ChangeInput is a change notification as it is recorded.
type ChangeInput struct {
	Kind        model.ChangeKind
	Title       string
	Description string
	PlannedDate model.Date
	Sites       int
}

// ValidateChange checks a change notification: its kind, a title, at most
// 20000 characters of description, and at least one site.
func ValidateChange(in ChangeInput) error {
	p := Problems{}
	if !in.Kind.Valid() {
		p.Add("kind", "Choose what changes: "+enumList(model.ChangeKinds)+".")
	}
	requiredText(p, "title", strings.TrimSpace(in.Title), 200, "Say in a few words what changes.")
	optionalText(p, "description", in.Description, maxFreeTextLength)
	if in.Sites == 0 {
		p.Add("site_ids", "Name the sites the change concerns.")
	}
	return p.Err("The change notification is not valid.")
}

// CanAttachToChange says whether files may be attached to a change in
// status: only while it is pending, so the decision is made on, and its
// signature covers, every file the change has.
func CanAttachToChange(status model.ChangeStatus) error {
	if status == model.ChangePending {
		return nil
	}
	return Problems{"status": "This change was already decided (" + string(status) + "); its files are final."}.Err("The change's files cannot be changed.")
}

// ChangeDecision is a manager's decision on a pending change.
type ChangeDecision struct {
	Status             model.ChangeStatus
	Conditions         string
	Reason             string
	RequiresInspection bool
	InspectionDate     model.Date
}

// CheckChangeDecision says whether a decision may be recorded on a change
// in status from: only a pending change is decided; conditions go with an
// approval with conditions, a reason with a rejection, and a for-cause
// inspection (with its date, today or later) only with an approval.
func CheckChangeDecision(from model.ChangeStatus, d ChangeDecision, today model.Date) error {
	p := Problems{}
	if from != model.ChangePending {
		p.Add("status", "This change was already decided ("+string(from)+").")
	}
	decided := []model.ChangeStatus{model.ChangeApproved, model.ChangeApprovedWithConditions, model.ChangeRejected}
	if !slices.Contains(decided, d.Status) {
		p.Add("status", "Decide: "+enumList(decided)+".")
	}
	optionalText(p, "conditions", d.Conditions, maxFreeTextLength)
	optionalText(p, "reason", d.Reason, maxFreeTextLength)
	if d.Status == model.ChangeApprovedWithConditions && strings.TrimSpace(d.Conditions) == "" {
		p.Add("conditions", "State the conditions of the approval.")
	}
	if d.Status != model.ChangeApprovedWithConditions && strings.TrimSpace(d.Conditions) != "" {
		p.Add("conditions", "Only an approval with conditions has conditions.")
	}
	if d.Status == model.ChangeRejected && strings.TrimSpace(d.Reason) == "" {
		p.Add("reason", "Say why the change is rejected.")
	}
	switch {
	case d.RequiresInspection && d.Status == model.ChangeRejected:
		p.Add("requires_inspection", "A rejected change is not inspected for.")
	case d.RequiresInspection && d.InspectionDate.IsZero():
		p.Add("inspection_date", "Choose the date of the for-cause inspection.")
	case d.RequiresInspection && d.InspectionDate.Before(today):
		p.Add("inspection_date", "Plan the inspection for today or later.")
	}
	return p.Err("The decision cannot be recorded.")
}

// ChangeUninspected reports whether a site's approved change still waits
// for an inspection: it was approved and no inspection of the site was
// completed on or after the day it was decided.
func ChangeUninspected(status model.ChangeStatus, decidedOn, lastInspection model.Date) bool {
	approved := status == model.ChangeApproved || status == model.ChangeApprovedWithConditions
	return approved && !decidedOn.IsZero() && (lastInspection.IsZero() || lastInspection.Before(decidedOn))
}

// ChangeContent is what the signature on a change decision covers.
type ChangeContent struct {
	Kind                 string             `json:"kind"` // "change_notification"
	ChangeNotificationID int64              `json:"change_notification_id"`
	ManufacturerID       int64              `json:"manufacturer_id"`
	ChangeKind           model.ChangeKind   `json:"change_kind"`
	Title                string             `json:"title"`
	Description          string             `json:"description"`
	PlannedDate          model.Date         `json:"planned_date"`
	SiteIDs              []int64            `json:"site_ids"`
	Status               model.ChangeStatus `json:"status"`
	Conditions           string             `json:"conditions"`
	Reason               string             `json:"reason"`
	RequiresInspection   bool               `json:"requires_inspection"`
	// Files are the SHA-256 of the change's files, in the order they were
	// attached (none: left out, so a decision without files signs what it
	// signed before files could be attached).
	Files []string `json:"files,omitempty"`
}
