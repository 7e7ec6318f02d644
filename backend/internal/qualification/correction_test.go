package qualification

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

func TestInspectionCorrection(t *testing.T) {
	completed := model.Inspection{SiteID: 1, Status: model.InspectionCompleted, Result: model.ResultFail,
		PerformedDate: model.NewDate(2026, time.June, 1), Summary: "Line 2 failed", Team: "A"}
	planned := model.Inspection{SiteID: 1, Status: model.InspectionPlanned, ScheduledDate: model.NewDate(2026, time.July, 1)}
	change := func(in model.Inspection, f func(*model.Inspection)) model.Inspection { f(&in); return in }
	for _, tc := range []struct {
		name          string
		before, after model.Inspection
		want          []string
	}{
		{"completing a planned one is no correction", planned,
			change(planned, func(i *model.Inspection) { i.Status, i.Result = model.InspectionCompleted, model.ResultPass }), nil},
		{"a fail turned into a pass", completed, change(completed, func(i *model.Inspection) { i.Result = model.ResultPass }), []string{"result"}},
		{"reopened", completed, change(completed, func(i *model.Inspection) { i.Status, i.Result = model.InspectionPlanned, "" }), []string{"result", "status"}},
		{"cancelled", completed, change(completed, func(i *model.Inspection) { i.Status = model.InspectionCancelled }), []string{"status"}},
		{"moved to another site", completed, change(completed, func(i *model.Inspection) { i.SiteID = 2 }), []string{"site_id"}},
		{"moved into the last year", completed,
			change(completed, func(i *model.Inspection) { i.PerformedDate = model.NewDate(2026, time.June, 10) }), []string{"performed_date"}},
		{"a summary, team or score fixed", completed, change(completed, func(i *model.Inspection) {
			i.Summary, i.Team = "Line 2 failed the ESD audit", "A, B"
			score := 40
			i.Score = &score
		}), nil},
	} {
		if got := InspectionCorrection(tc.before, tc.after); !slices.Equal(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
	for role, may := range map[model.Role]bool{model.RoleAdmin: true, model.RoleManager: true, model.RoleProcurement: false, model.RoleAuditor: false} {
		if MayCorrectInspection(role) != may {
			t.Errorf("%s may correct: %v", role, !may)
		}
	}
	if err := CheckCorrectionReason(""); err == nil || !strings.Contains(err.Error(), "reason") {
		t.Errorf("no reason: %v", err)
	}
	if err := CheckCorrectionReason(strings.Repeat("x", MaxOverrideReasonLength+1)); err == nil {
		t.Error("an overlong reason was accepted")
	}
	if err := CheckCorrectionReason("The lab re-measured the ESD readings; the first were taken with a faulty meter."); err != nil {
		t.Errorf("a reason: %v", err)
	}
}
