package qualification

import (
	"errors"
	"strings"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

func TestCanTransitionAssessment(t *testing.T) {
	allowed := map[[2]model.AssessmentStatus]bool{
		{model.AssessmentOpen, model.AssessmentSubmitted}:     true,
		{model.AssessmentSubmitted, model.AssessmentAccepted}: true,
		{model.AssessmentSubmitted, model.AssessmentReturned}: true,
		{model.AssessmentReturned, model.AssessmentSubmitted}: true,
	}
	for _, from := range model.AssessmentStatuses {
		for _, to := range model.AssessmentStatuses {
			if got := CanTransitionAssessment(from, to); got != allowed[[2]model.AssessmentStatus{from, to}] {
				t.Errorf("%s -> %s: %v", from, to, got)
			}
		}
	}
}

func TestCheckSendAssessment(t *testing.T) {
	today := model.NewDate(2026, 11, 26)
	for _, c := range []struct {
		name    string
		due     model.Date
		message string
		field   string
	}{
		{"due in a month", today.AddDays(30), "Please answer before the visit.", ""},
		{"due today", today, "", ""},
		{"no due date", model.Date{}, "", "due_date"},
		{"due yesterday", today.AddDays(-1), "", "due_date"},
		{"message too long", today.AddDays(3), strings.Repeat("x", 5001), "message"},
	} {
		t.Run(c.name, func(t *testing.T) {
			checkField(t, CheckSendAssessment(c.due, today, c.message), c.field)
		})
	}
}

func TestCheckAnswerEditable(t *testing.T) {
	for _, c := range []struct {
		status   model.AssessmentStatus
		returned bool
		field    string
	}{
		{model.AssessmentOpen, false, ""},
		{model.AssessmentReturned, true, ""},
		{model.AssessmentReturned, false, "item_id"},
		{model.AssessmentSubmitted, true, "status"},
		{model.AssessmentAccepted, false, "status"},
	} {
		t.Run(string(c.status), func(t *testing.T) {
			checkField(t, CheckAnswerEditable(c.status, c.returned), c.field)
		})
	}
}

func TestCanSubmitAssessment(t *testing.T) {
	answered := AssessmentItem{Number: "1.1", Answered: true}
	for _, c := range []struct {
		name   string
		status model.AssessmentStatus
		items  []AssessmentItem
		field  string
		says   string
	}{
		{"all answered", model.AssessmentOpen, []AssessmentItem{answered, {Number: "1.2", Answered: true}}, "", ""},
		{"one unanswered", model.AssessmentOpen, []AssessmentItem{answered, {Number: "2.1"}}, "items", "1 item is unanswered: 2.1"},
		{"no items", model.AssessmentOpen, nil, "items", "no items"},
		{"already submitted", model.AssessmentSubmitted, []AssessmentItem{answered}, "status", "already submitted"},
		{"accepted", model.AssessmentAccepted, []AssessmentItem{answered}, "status", "accepted"},
		{"returned and reworked", model.AssessmentReturned, []AssessmentItem{answered, {Number: "1.2", Answered: true, Returned: true, Reworked: true}}, "", ""},
		{"returned, not reworked", model.AssessmentReturned, []AssessmentItem{answered, {Number: "1.2", Answered: true, Returned: true}}, "returned", "what the buyer returned: 1.2"},
		{"returned item cleared", model.AssessmentReturned, []AssessmentItem{{Number: "1.2", Returned: true, Reworked: true}}, "items", "1.2"},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := CanSubmitAssessment(c.status, c.items)
			checkField(t, err, c.field)
			if c.says != "" && !strings.Contains(err.Error(), c.says) {
				t.Errorf("%v does not say %q", err, c.says)
			}
		})
	}
}

func TestCheckAssessmentReview(t *testing.T) {
	items := []int64{10, 11, 12}
	for _, c := range []struct {
		name    string
		status  model.AssessmentStatus
		accept  bool
		returns []ReturnedItem
		field   string
	}{
		{"accept", model.AssessmentSubmitted, true, nil, ""},
		{"return one item", model.AssessmentSubmitted, false, []ReturnedItem{{10, "Attach the calibration record."}}, ""},
		{"accept while open", model.AssessmentOpen, true, nil, "status"},
		{"return an accepted one", model.AssessmentAccepted, false, []ReturnedItem{{10, "again"}}, "status"},
		{"accept with returned items", model.AssessmentSubmitted, true, []ReturnedItem{{10, "x"}}, "items"},
		{"return nothing", model.AssessmentSubmitted, false, nil, "items"},
		{"return without a comment", model.AssessmentSubmitted, false, []ReturnedItem{{10, "  "}}, "items[0].comment"},
		{"return a stranger item", model.AssessmentSubmitted, false, []ReturnedItem{{99, "x"}}, "items[0].item_id"},
		{"return twice", model.AssessmentSubmitted, false, []ReturnedItem{{10, "x"}, {10, "y"}}, "items[1].item_id"},
	} {
		t.Run(c.name, func(t *testing.T) {
			checkField(t, CheckAssessmentReview(c.status, c.accept, "", c.returns, items), c.field)
		})
	}
	if AssessmentReviewed(true) != model.AssessmentAccepted || AssessmentReviewed(false) != model.AssessmentReturned {
		t.Error("AssessmentReviewed maps the decision wrongly")
	}
}

func TestAssessmentOverdue(t *testing.T) {
	today := model.NewDate(2026, 11, 26)
	for _, c := range []struct {
		status model.AssessmentStatus
		due    model.Date
		want   bool
	}{
		{model.AssessmentOpen, today.AddDays(-1), true},
		{model.AssessmentOpen, today, false},
		{model.AssessmentReturned, today.AddDays(-3), true},
		{model.AssessmentSubmitted, today.AddDays(-3), false},
		{model.AssessmentAccepted, today.AddDays(-3), false},
	} {
		if got := AssessmentOverdue(c.status, c.due, today); got != c.want {
			t.Errorf("%s due %s: %v, want %v", c.status, c.due, got, c.want)
		}
	}
}

func TestCheckDraftAnswer(t *testing.T) {
	two := 2
	for _, c := range []struct {
		name  string
		typ   model.AnswerType
		na    bool
		in    AnswerInput
		field string
	}{
		{"yes", model.AnswerYesNo, false, AnswerInput{Answer: "yes"}, ""},
		{"only a note so far", model.AnswerYesNo, false, AnswerInput{Note: "checking with QA"}, ""},
		{"only evidence so far", model.AnswerRating, false, AnswerInput{Attachments: 1}, ""},
		{"maybe", model.AnswerYesNo, false, AnswerInput{Answer: "maybe"}, "answer"},
		{"rating on a yes/no item", model.AnswerYesNo, false, AnswerInput{Rating: &two}, "rating"},
		{"N/A where not allowed", model.AnswerYesNo, false, AnswerInput{NotApplicable: true}, "not_applicable"},
		{"N/A where allowed", model.AnswerYesNo, true, AnswerInput{NotApplicable: true}, ""},
		{"too much evidence", model.AnswerYesNo, false, AnswerInput{Attachments: 21}, "attachment_ids"},
	} {
		t.Run(c.name, func(t *testing.T) {
			checkField(t, CheckDraftAnswer(c.typ, c.na, c.in), c.field)
		})
	}
}

// checkField asserts that err is nil when field is empty, else a
// *ValidationError naming field (among others).
func checkField(t *testing.T, err error, field string) {
	t.Helper()
	var ve *ValidationError
	switch {
	case field == "" && err != nil:
		t.Fatalf("got error %v, want none", err)
	case field == "":
	case !errors.As(err, &ve):
		t.Fatalf("got %v (%T), want a *ValidationError on %s", err, err, field)
	case ve.Fields[field] == "":
		t.Errorf("fields %q do not name %s", ve.Fields, field)
	}
}
