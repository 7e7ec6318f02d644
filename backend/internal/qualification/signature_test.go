package qualification

import (
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

func TestCheckSignatureMeaning(t *testing.T) {
	tests := []struct {
		action  SignedAction
		meaning model.SignatureMeaning
		ok      bool
	}{
		{SignDecision, model.MeaningApproved, true},
		{SignDecision, model.MeaningReviewed, true},
		{SignDecision, model.MeaningVerified, false},
		{SignDecision, model.MeaningAuthored, false},
		{SignFindingClose, model.MeaningVerified, true},
		{SignFindingClose, model.MeaningAuthored, false},
		{SignInspectionComplete, model.MeaningAuthored, true},
		{SignInspectionComplete, model.MeaningVerified, false},
		{SignInspectionComplete, "", false},
		{SignInspectionComplete, "great", false},
	}
	for _, tc := range tests {
		err := CheckSignatureMeaning(tc.action, tc.meaning)
		if (err == nil) != tc.ok {
			t.Errorf("%s %q: %v, want ok=%v", tc.action, tc.meaning, err, tc.ok)
			continue
		}
		if err != nil {
			ve, isVE := err.(*ValidationError)
			if !isVE || ve.Fields["signature.meaning"] == "" {
				t.Errorf("%s %q: %v does not name signature.meaning", tc.action, tc.meaning, err)
			}
		}
	}
	if err := CheckSignatureMeaning("site.delete", model.MeaningApproved); err == nil {
		t.Error("an action that is not signed accepted a signature")
	}
}

// TestContentHash: the same content always hashes the same, and a change
// to any signed field changes the hash.
func TestContentHash(t *testing.T) {
	score := 90
	lead := int64(3)
	base := model.Inspection{SiteID: 2, Type: model.InspectionRoutine, Status: model.InspectionCompleted,
		PerformedDate: today, LeadInspectorID: &lead, Team: "QA", Scope: "SMT", Result: model.ResultPass, Score: &score, Summary: "Fine"}
	base.ID = 7
	h := func(in model.Inspection) string {
		t.Helper()
		s, err := ContentHash(InspectionContentOf(in))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	want := h(base)
	if len(want) != 64 || h(base) != want {
		t.Fatalf("hash %q is not stable", want)
	}
	otherScore, otherLead := 91, int64(4)
	for name, change := range map[string]func(*model.Inspection){
		"id":       func(in *model.Inspection) { in.ID = 8 },
		"site":     func(in *model.Inspection) { in.SiteID = 3 },
		"result":   func(in *model.Inspection) { in.Result = model.ResultConditional },
		"score":    func(in *model.Inspection) { in.Score = &otherScore },
		"no score": func(in *model.Inspection) { in.Score = nil },
		"lead":     func(in *model.Inspection) { in.LeadInspectorID = &otherLead },
		"summary":  func(in *model.Inspection) { in.Summary = "Fine." },
		"date":     func(in *model.Inspection) { in.PerformedDate = in.PerformedDate.AddDays(-1) },
		"override": func(in *model.Inspection) { in.ResultOverrideReason = "x" },
		"team":     func(in *model.Inspection) { in.Team = "QA2" },
		"scope":    func(in *model.Inspection) { in.Scope = "" },
		"type":     func(in *model.Inspection) { in.Type = model.InspectionForCause },
		"status":   func(in *model.Inspection) { in.Status = model.InspectionPlanned },
	} {
		in := base
		change(&in)
		if h(in) == want {
			t.Errorf("changing the %s does not change the hash", name)
		}
	}
	f := model.Finding{Severity: model.SeverityMinor, Description: "x", Status: model.FindingClosed, VerificationNote: "ok"}
	g := f
	g.VerificationNote = "ok."
	a, _ := ContentHash(FindingContentOf(f))
	b, _ := ContentHash(FindingContentOf(g))
	if a == b {
		t.Error("the verification note is not part of a finding's signed content")
	}
}
