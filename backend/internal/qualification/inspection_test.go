package qualification

import (
	"strings"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

func score(n int) *int { return &n }

func TestValidateInspection(t *testing.T) {
	planned := InspectionInput{Type: model.InspectionRoutine, Status: model.InspectionPlanned, ScheduledDate: date("2027-01-15")}
	done := InspectionInput{Type: model.InspectionQualification, Status: model.InspectionCompleted,
		PerformedDate: date("2026-11-20"), Result: model.ResultPass, Score: score(88)}
	change := func(in InspectionInput, f func(*InspectionInput)) InspectionInput {
		f(&in)
		return in
	}
	tests := []struct {
		name         string
		in           InspectionInput
		openCritical int
		want         map[string]string
	}{
		{"planned", planned, 0, nil},
		{"completed", done, 0, nil},
		{"completed today with score 0", change(done, func(in *InspectionInput) { in.PerformedDate = today; in.Score = score(0) }), 0, nil},
		{"score 100", change(done, func(in *InspectionInput) { in.Score = score(100) }), 0, nil},
		{"completed without a score", change(done, func(in *InspectionInput) { in.Score = nil }), 0, nil},
		{"cancelled without dates", InspectionInput{Type: model.InspectionForCause, Status: model.InspectionCancelled}, 0, nil},
		{"texts at their limits", change(planned, func(in *InspectionInput) {
			in.Team, in.Scope, in.Summary, in.ResultOverrideReason = strings.Repeat("t", 500), strings.Repeat("s", 20000), strings.Repeat("y", 20000), strings.Repeat("r", 2000)
		}), 0, nil},
		{
			// A reason is refused when too long even where none is needed
			// (a planned inspection): text sent is never dropped silently.
			"texts past their limits",
			change(planned, func(in *InspectionInput) {
				in.Team, in.Scope, in.Summary, in.ResultOverrideReason = strings.Repeat("t", 501), strings.Repeat("s", 20001), strings.Repeat("y", 20001), strings.Repeat("r", 2001)
			}),
			0,
			map[string]string{
				"team":                   "Keep this to 500 characters or fewer (it has 501).",
				"scope":                  "Keep this to 20000 characters or fewer (it has 20001).",
				"summary":                "Keep this to 20000 characters or fewer (it has 20001).",
				"result_override_reason": "Keep this to 2000 characters or fewer (it has 2001).",
			},
		},
		{"conditional result with an open critical finding", change(done, func(in *InspectionInput) { in.Result = model.ResultConditional }), 1, nil},
		{"fail with open critical findings", change(done, func(in *InspectionInput) { in.Result = model.ResultFail }), 3, nil},
		{
			"unknown type, status, result and score out of range",
			InspectionInput{Type: "surprise", Status: "done", Result: "ok", Score: score(-1)},
			0,
			map[string]string{
				"type":   "Choose the inspection type: qualification, routine, for_cause or follow_up.",
				"status": "Choose the inspection status: planned, completed or cancelled.",
				"result": "Choose the result: pass, conditional or fail.",
				"score":  "The score must be a whole number from 0 to 100.",
			},
		},
		{
			"score over 100",
			change(done, func(in *InspectionInput) { in.Score = score(101) }),
			0,
			map[string]string{"score": "The score must be a whole number from 0 to 100."},
		},
		{
			"planned without a date, with a result",
			change(planned, func(in *InspectionInput) { in.ScheduledDate = model.Date{}; in.Result = model.ResultFail }),
			0,
			map[string]string{
				"scheduled_date": "Enter the date the inspection is planned for.",
				"result":         "A planned inspection has no result yet; set the status to completed to record one.",
			},
		},
		{
			"planned with an unknown result names the bad value first",
			change(planned, func(in *InspectionInput) { in.Result = "great" }),
			0,
			map[string]string{"result": "Choose the result: pass, conditional or fail."},
		},
		{
			"completed without a date or result",
			change(done, func(in *InspectionInput) { in.PerformedDate = model.Date{}; in.Result = "" }),
			0,
			map[string]string{
				"performed_date": "Enter the date the inspection was performed.",
				"result":         "Record the result of the completed inspection: pass, conditional or fail.",
			},
		},
		{
			"completed in the future",
			change(done, func(in *InspectionInput) { in.PerformedDate = date("2026-11-27") }),
			0,
			map[string]string{"performed_date": "The performed date cannot be in the future (today is 2026-11-26)."},
		},
		{
			"pass with one open critical finding",
			done,
			1,
			map[string]string{"result": "The inspection has 1 open critical finding; it cannot pass until that finding is closed."},
		},
		{
			"pass with two open critical findings",
			done,
			2,
			map[string]string{"result": "The inspection has 2 open critical findings; it cannot pass until they are closed."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkFields(t, ValidateInspection(tt.in, today, tt.openCritical), tt.want)
		})
	}
}
