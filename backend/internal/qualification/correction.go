package qualification

import (
	"slices"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

// InspectionCorrection lists the fields a change of a completed inspection
// touches among those the qualification rules and the schedule read: its
// status (reopening or cancelling it), result, site and performed date. A
// completed fail turned into a pass, or a pass moved to another site or
// into the last twelve months, would qualify a site on evidence nobody
// gathered; so any such change is a correction, which only a manager (or
// an admin) makes, with a reason, re-signed when it stays completed. Nil
// when before was not completed or none of them changed.
func InspectionCorrection(before, after model.Inspection) []string {
	if before.Status != model.InspectionCompleted {
		return nil
	}
	var fields []string
	if before.Status != after.Status {
		fields = append(fields, "status")
	}
	if before.Result != after.Result {
		fields = append(fields, "result")
	}
	if before.SiteID != after.SiteID {
		fields = append(fields, "site_id")
	}
	if before.PerformedDate != after.PerformedDate {
		fields = append(fields, "performed_date")
	}
	slices.Sort(fields)
	return fields
}

// MayCorrectInspection reports whether role may correct a completed
// inspection: the roles that make qualification decisions.
func MayCorrectInspection(role model.Role) bool {
	return role == model.RoleAdmin || role == model.RoleManager
}

// CheckCorrectionReason refuses a correction without a reason, or with one
// too long.
func CheckCorrectionReason(reason string) error {
	p := Problems{}
	if reason == "" {
		p.Add("correction_reason", "Say why the completed inspection is corrected; the reason is kept with the inspection and in the audit trail.")
	}
	optionalText(p, "correction_reason", reason, MaxOverrideReasonLength)
	return p.Err("A completed inspection is corrected only with a reason.")
}
