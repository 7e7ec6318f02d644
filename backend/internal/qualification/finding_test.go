package qualification

import (
	"strings"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

func TestDefaultDueDate(t *testing.T) {
	raised := date("2026-11-26")
	tests := []struct {
		sev    model.Severity
		raised model.Date
		want   string
	}{
		{model.SeverityCritical, raised, "2026-12-03"},
		{model.SeverityMajor, raised, "2026-12-26"},
		{model.SeverityMinor, raised, "2027-02-24"},
		{model.SeverityObservation, raised, ""},
		{"unknown", raised, ""},
		{model.SeverityCritical, model.Date{}, ""},
	}
	for _, tt := range tests {
		t.Run(string(tt.sev)+"/"+tt.raised.String(), func(t *testing.T) {
			if got := DefaultDueDate(tt.sev, tt.raised); got.String() != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestValidateFinding(t *testing.T) {
	ok := FindingInput{
		Severity:    model.SeverityMajor,
		Category:    "esd",
		Description: "Wrist straps not tested at line 3.",
		DueDate:     date("2026-12-26"),
		Status:      model.FindingOpen,
	}
	change := func(f func(*FindingInput)) FindingInput {
		in := ok
		f(&in)
		return in
	}
	tests := []struct {
		name string
		in   FindingInput
		want map[string]string
	}{
		{"open", ok, nil},
		{"in progress without a due date", change(func(in *FindingInput) { in.Status = model.FindingInProgress; in.DueDate = model.Date{} }), nil},
		{"closed with a verification note", change(func(in *FindingInput) {
			in.Status = model.FindingClosed
			in.VerificationNote = "Straps tested on 2026-12-10; log reviewed."
		}), nil},
		{
			"closed without a verification note",
			change(func(in *FindingInput) { in.Status = model.FindingClosed; in.VerificationNote = " \t" }),
			map[string]string{"verification_note": "Say how the corrective action was checked before closing the finding."},
		},
		{"texts at their limits", change(func(in *FindingInput) {
			in.Requirement, in.Owner = strings.Repeat("r", 200), strings.Repeat("o", 200)
			in.Description, in.CorrectiveAction, in.VerificationNote = strings.Repeat("d", 20000), strings.Repeat("c", 20000), strings.Repeat("v", 20000)
		}), nil},
		{
			"texts past their limits",
			change(func(in *FindingInput) {
				in.Requirement, in.Owner = strings.Repeat("r", 201), strings.Repeat("ö", 201)
				in.Description, in.CorrectiveAction, in.VerificationNote = strings.Repeat("d", 20001), strings.Repeat("c", 20001), strings.Repeat("v", 20001)
			}),
			map[string]string{
				"requirement":       "Keep this to 200 characters or fewer (it has 201).",
				"owner":             "Keep this to 200 characters or fewer (it has 201).",
				"description":       "Keep this to 20000 characters or fewer (it has 20001).",
				"corrective_action": "Keep this to 20000 characters or fewer (it has 20001).",
				"verification_note": "Keep this to 20000 characters or fewer (it has 20001).",
			},
		},
		{
			"everything unknown or missing",
			FindingInput{Severity: "bad", Category: "noise", Status: "done", Description: "  "},
			map[string]string{
				"severity":    "Choose the severity: critical, major, minor or observation.",
				"category":    "Choose the category: quality, security, traceability, esd, process, environmental, other or unnotified_change.",
				"status":      "Choose the status: open, in_progress or closed.",
				"description": "Describe what was found.",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkFields(t, ValidateFinding(tt.in), tt.want)
		})
	}
}

func TestFindingOverdue(t *testing.T) {
	tests := []struct {
		name   string
		due    string
		status model.FindingStatus
		want   bool
	}{
		{"open, due yesterday", "2026-11-25", model.FindingOpen, true},
		{"in progress, due yesterday", "2026-11-25", model.FindingInProgress, true},
		{"closed, due yesterday", "2026-11-25", model.FindingClosed, false},
		{"open, due today", "2026-11-26", model.FindingOpen, false},
		{"open, due tomorrow", "2026-11-27", model.FindingOpen, false},
		{"open, no due date", "", model.FindingOpen, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var due model.Date
			if tt.due != "" {
				due = date(tt.due)
			}
			if got := FindingOverdue(due, tt.status, today); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}
