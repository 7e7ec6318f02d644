package qualification

import (
	"strings"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

// defaultDueDays is how long a finding of each severity may stay open.
// Observations have no due date: they need no corrective action.
var defaultDueDays = map[model.Severity]int{
	model.SeverityCritical: 7,
	model.SeverityMajor:    30,
	model.SeverityMinor:    90,
}

// DefaultDueDate is when a finding raised on raised is due by default; the
// zero date means no due date.
func DefaultDueDate(sev model.Severity, raised model.Date) model.Date {
	days, ok := defaultDueDays[sev]
	if !ok || raised.IsZero() {
		return model.Date{}
	}
	return raised.AddDays(days)
}

// FindingInput is a finding as entered.
type FindingInput struct {
	Severity         model.Severity
	Category         model.FindingCategory
	Requirement      string
	Description      string
	CorrectiveAction string
	Owner            string
	DueDate          model.Date
	Status           model.FindingStatus
	VerificationNote string
}

// Lengths of a finding's short texts.
const (
	maxRequirementLength = 200
	maxOwnerLength       = 200
)

// ValidateFinding returns nil or a *ValidationError naming every field that
// is wrong.
func ValidateFinding(in FindingInput) error {
	p := Problems{}
	if !in.Severity.Valid() {
		p.Add("severity", "Choose the severity: critical, major, minor or observation.")
	}
	if !in.Category.Valid() {
		p.Add("category", "Choose the category: quality, security, traceability, esd, process, environmental, other or unnotified_change.")
	}
	if !in.Status.Valid() {
		p.Add("status", "Choose the status: open, in_progress or closed.")
	}
	requiredText(p, "description", strings.TrimSpace(in.Description), maxFreeTextLength, "Describe what was found.")
	optionalText(p, "requirement", in.Requirement, maxRequirementLength)
	optionalText(p, "owner", in.Owner, maxOwnerLength)
	optionalText(p, "corrective_action", in.CorrectiveAction, maxFreeTextLength)
	optionalText(p, "verification_note", in.VerificationNote, maxFreeTextLength)
	// Closing is the claim that the corrective action works; without a note
	// saying how that was checked, an auditor has nothing to rely on.
	if in.Status == model.FindingClosed && strings.TrimSpace(in.VerificationNote) == "" {
		p.Add("verification_note", "Say how the corrective action was checked before closing the finding.")
	}
	return p.Err("The finding is not valid.")
}

// FindingOverdue reports whether a finding is past its due date today and
// still not closed. A finding without a due date is never overdue.
func FindingOverdue(due model.Date, status model.FindingStatus, today model.Date) bool {
	return status != model.FindingClosed && !due.IsZero() && due.Before(today)
}
