package qualification

import (
	"fmt"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

// InspectionInput is an inspection as entered or imported.
type InspectionInput struct {
	Type          model.InspectionType
	Status        model.InspectionStatus
	ScheduledDate model.Date
	PerformedDate model.Date
	Result        model.InspectionResult
	Score         *int
	Team          string
	Scope         string
	Summary       string
	// ResultOverrideReason says why the recorded result differs from the
	// one the checklists suggest.
	ResultOverrideReason string
	// UnansweredReason says why critical checklist items were left
	// unanswered when it was completed.
	UnansweredReason string
}

// Lengths of an inspection's texts.
const (
	maxTeamLength           = 500
	MaxOverrideReasonLength = 2000
)

// ValidateInspection returns nil or a *ValidationError naming every field
// that is wrong. openCriticalFindings is the number of critical findings of
// this inspection that are not closed yet.
func ValidateInspection(in InspectionInput, today model.Date, openCriticalFindings int) error {
	p := Problems{}
	if !in.Type.Valid() {
		p.Add("type", "Choose the inspection type: qualification, routine, for_cause or follow_up.")
	}
	if !in.Status.Valid() {
		p.Add("status", "Choose the inspection status: planned, completed or cancelled.")
	}
	if in.Result != "" && !in.Result.Valid() {
		p.Add("result", "Choose the result: pass, conditional or fail.")
	}
	if in.Score != nil && (*in.Score < 0 || *in.Score > 100) {
		p.Add("score", "The score must be a whole number from 0 to 100.")
	}
	optionalText(p, "team", in.Team, maxTeamLength)
	optionalText(p, "scope", in.Scope, maxFreeTextLength)
	optionalText(p, "summary", in.Summary, maxFreeTextLength)
	optionalText(p, "result_override_reason", in.ResultOverrideReason, MaxOverrideReasonLength)
	optionalText(p, "unanswered_reason", in.UnansweredReason, MaxOverrideReasonLength)

	switch in.Status {
	case model.InspectionPlanned:
		if in.ScheduledDate.IsZero() {
			p.Add("scheduled_date", "Enter the date the inspection is planned for.")
		}
		// A result on a planned inspection would count as evidence for a
		// visit that has not happened.
		if in.Result != "" {
			p.Add("result", "A planned inspection has no result yet; set the status to completed to record one.")
		}
	case model.InspectionCompleted:
		switch {
		case in.PerformedDate.IsZero():
			p.Add("performed_date", "Enter the date the inspection was performed.")
		case in.PerformedDate.After(today):
			p.Add("performed_date", fmt.Sprintf("The performed date cannot be in the future (today is %s).", today))
		}
		if in.Result == "" {
			p.Add("result", "Record the result of the completed inspection: pass, conditional or fail.")
		}
	}

	if in.Result == model.ResultPass && openCriticalFindings > 0 {
		if openCriticalFindings == 1 {
			p.Add("result", "The inspection has 1 open critical finding; it cannot pass until that finding is closed.")
		} else {
			p.Add("result", fmt.Sprintf("The inspection has %d open critical findings; it cannot pass until they are closed.", openCriticalFindings))
		}
	}
	return p.Err("The inspection is not valid.")
}
