package qualification

import (
	"testing"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

func rated(r int) StatedAnswer { return StatedAnswer{Rating: &r} }

var (
	yes  = StatedAnswer{Answer: "yes"}
	no   = StatedAnswer{Answer: "no"}
	na   = StatedAnswer{NotApplicable: true}
	none StatedAnswer
)

func TestContradicts(t *testing.T) {
	for _, c := range []struct {
		name                string
		typ                 model.AnswerType
		supplier, inspector StatedAnswer
		want                bool
	}{
		{"yes and yes", model.AnswerYesNo, yes, yes, false},
		{"no and no", model.AnswerYesNo, no, no, false},
		{"yes against no", model.AnswerYesNo, yes, no, true},
		{"no against yes", model.AnswerYesNo, no, yes, true},
		{"N/A against no", model.AnswerYesNo, na, no, true},
		{"yes against N/A", model.AnswerYesNo, yes, na, true},
		{"N/A and N/A", model.AnswerYesNo, na, na, false},
		{"supplier silent", model.AnswerYesNo, none, no, false},
		{"inspector silent", model.AnswerYesNo, yes, none, false},
		{"ratings equal", model.AnswerRating, rated(4), rated(4), false},
		{"ratings one apart", model.AnswerRating, rated(5), rated(4), false},
		{"ratings one apart, upwards", model.AnswerRating, rated(2), rated(3), false},
		{"ratings two apart", model.AnswerRating, rated(5), rated(3), true},
		{"ratings two apart, upwards", model.AnswerRating, rated(1), rated(3), true},
		{"ratings four apart", model.AnswerRating, rated(5), rated(1), true},
		{"rating against N/A", model.AnswerRating, rated(5), na, true},
		{"texts differ", model.AnswerFreeText, StatedAnswer{Text: "BIOS 2.1"}, StatedAnswer{Text: "BIOS 1.9"}, false},
		{"text against N/A", model.AnswerFreeText, StatedAnswer{Text: "BIOS 2.1"}, na, false},
	} {
		if got := Contradicts(c.typ, c.supplier, c.inspector); got != c.want {
			t.Errorf("%s: Contradicts = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestDescribeAnswer(t *testing.T) {
	for _, c := range []struct {
		a    StatedAnswer
		want string
	}{
		{yes, "yes"}, {no, "no"}, {rated(4), "rated 4 of 5"}, {na, "N/A"},
		{StatedAnswer{Text: " BIOS 2.1 "}, "BIOS 2.1"}, {none, ""},
	} {
		if got := DescribeAnswer(c.a); got != c.want {
			t.Errorf("DescribeAnswer(%+v) = %q, want %q", c.a, got, c.want)
		}
	}
}

func TestItemMatchKey(t *testing.T) {
	q := "Are ICs bought only from authorised distributors?"
	if ItemMatchKey(q, model.AnswerYesNo) != ItemMatchKey("  are ICs bought only\nfrom AUTHORISED distributors? ", model.AnswerYesNo) {
		t.Error("case and spacing make another question")
	}
	if ItemMatchKey(q, model.AnswerYesNo) == ItemMatchKey(q, model.AnswerRating) {
		t.Error("another answer type is the same question")
	}
	if ItemMatchKey(q, model.AnswerYesNo) == ItemMatchKey("Are ICs bought only from franchised distributors?", model.AnswerYesNo) {
		t.Error("a reworded question is the same question")
	}
}

func TestApplicableAssessment(t *testing.T) {
	at := func(day int) *time.Time {
		v := time.Date(2026, 11, day, 10, 0, 0, 0, time.UTC)
		return &v
	}
	cands := []AssessmentCandidate{
		{ID: 1, TemplateKey: "integrity", Status: model.AssessmentAccepted, SubmittedAt: at(2)},
		{ID: 2, TemplateKey: "integrity", Status: model.AssessmentSubmitted, SubmittedAt: at(10)},
		{ID: 3, TemplateKey: "integrity", Status: model.AssessmentReturned, SubmittedAt: at(12)},
		{ID: 4, TemplateKey: "integrity", Status: model.AssessmentOpen},
		{ID: 5, TemplateKey: "general", Status: model.AssessmentAccepted, SubmittedAt: at(20)},
		{ID: 6, TemplateKey: "esd", Status: model.AssessmentOpen},
	}
	for _, c := range []struct {
		name      string
		key       string
		performed model.Date
		want      int64 // 0: none
	}{
		{"the latest submitted or accepted", "integrity", model.Date{}, 2},
		{"of the same key only", "general", model.Date{}, 5},
		{"none submitted", "esd", model.Date{}, 0},
		{"unknown key", "other", model.Date{}, 0},
		{"submitted by the inspection day", "integrity", model.NewDate(2026, 11, 9), 1},
		{"submitted on the inspection day", "integrity", model.NewDate(2026, 11, 10), 2},
		{"nothing submitted before the inspection", "integrity", model.NewDate(2026, 11, 1), 0},
	} {
		got, ok := ApplicableAssessment(cands, c.key, c.performed, time.Time{})
		if !ok && c.want != 0 || ok && got.ID != c.want {
			t.Errorf("%s: got %d (%v), want %d", c.name, got.ID, ok, c.want)
		}
	}
	// Two submitted at the same moment: the later one wins, whatever the order.
	tie := []AssessmentCandidate{
		{ID: 8, TemplateKey: "k", Status: model.AssessmentAccepted, SubmittedAt: at(3)},
		{ID: 7, TemplateKey: "k", Status: model.AssessmentAccepted, SubmittedAt: at(3)},
	}
	if got, _ := ApplicableAssessment(tie, "k", model.Date{}, time.Time{}); got.ID != 8 {
		t.Errorf("tie: got %d, want 8", got.ID)
	}
	// An answer given before a questionnaire was submitted (offline, sent
	// later) is compared with the one that applied when it was given.
	for _, c := range []struct {
		name     string
		answered time.Time
		want     int64
	}{
		{"given after the latest submission", at(11).Add(time.Hour), 2},
		{"given before the latest submission", *at(9), 1},
		{"given at the very moment of a submission", *at(10), 2},
		{"given before any submission", *at(1), 0},
	} {
		got, ok := ApplicableAssessment(cands, "integrity", model.Date{}, c.answered)
		if !ok && c.want != 0 || ok && got.ID != c.want {
			t.Errorf("%s: got %d (%v), want %d", c.name, got.ID, ok, c.want)
		}
	}
}

func TestContradictionFindingSeverity(t *testing.T) {
	for _, c := range []struct {
		name                string
		supplier, inspector StatedAnswer
		want                model.Severity
	}{
		{"inspector found no", yes, no, model.SeverityCritical},
		{"inspector rated 2", rated(5), rated(2), model.SeverityCritical},
		{"inspector found no where the supplier said N/A", na, no, model.SeverityCritical},
		{"inspector rated lower, not failed", rated(5), rated(3), model.SeverityMajor},
		{"applicable where the supplier said N/A", na, yes, model.SeverityMajor},
		{"inspector found better", no, yes, model.SeverityObservation},
		{"inspector rated higher", rated(1), rated(4), model.SeverityObservation},
		{"inspector found it not applicable", yes, na, model.SeverityObservation},
	} {
		if got := ContradictionFindingSeverity(c.supplier, c.inspector); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
}
