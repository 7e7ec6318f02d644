package qualification

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

func yesItem(n string, w int) ScoredItem {
	return ScoredItem{Number: n, Question: "Q" + n, Type: model.AnswerYesNo, Weight: w, Answered: true, Answer: "yes"}
}

func noItem(n string, w int) ScoredItem {
	it := yesItem(n, w)
	it.Answer = "no"
	return it
}

func ratedItem(n string, w, r int) ScoredItem {
	return ScoredItem{Number: n, Question: "Q" + n, Type: model.AnswerRating, Weight: w, Answered: true, Rating: r}
}

func asCritical(it ScoredItem) ScoredItem { it.Critical = true; return it }

func asNA(it ScoredItem) ScoredItem {
	it.NotApplicable = true
	it.Answer = ""
	it.Rating = 0
	return it
}

func asUnanswered(it ScoredItem) ScoredItem {
	it.Answered = false
	it.Answer, it.Rating = "", 0
	return it
}

func textItem(n string) ScoredItem {
	return ScoredItem{Number: n, Question: "Q" + n, Type: model.AnswerFreeText, Weight: 5, Answered: true}
}

func scorePtr(n int) *int { return &n }

func TestCompliance(t *testing.T) {
	tests := []struct {
		name   string
		item   ScoredItem
		want   float64
		counts bool
	}{
		{"yes", yesItem("1.1", 1), 1, true},
		{"no", noItem("1.1", 1), 0, true},
		{"rating 1", ratedItem("1.1", 1, 1), 0, true},
		{"rating 2", ratedItem("1.1", 1, 2), 0.25, true},
		{"rating 3", ratedItem("1.1", 1, 3), 0.5, true},
		{"rating 4", ratedItem("1.1", 1, 4), 0.75, true},
		{"rating 5", ratedItem("1.1", 1, 5), 1, true},
		{"rating out of range", ratedItem("1.1", 1, 6), 0, false},
		{"n/a", asNA(yesItem("1.1", 1)), 0, false},
		{"unanswered", asUnanswered(yesItem("1.1", 1)), 0, false},
		{"text", textItem("1.1"), 0, false},
		{"yes/no without an answer", ScoredItem{Type: model.AnswerYesNo, Answered: true}, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, counts := Compliance(tt.item)
			if got != tt.want || counts != tt.counts {
				t.Errorf("Compliance = %v, %v; want %v, %v", got, counts, tt.want, tt.counts)
			}
		})
	}
}

func TestItemFailed(t *testing.T) {
	tests := []struct {
		item ScoredItem
		want bool
	}{
		{yesItem("1", 1), false},
		{noItem("1", 1), true},
		{ratedItem("1", 1, 1), true},
		{ratedItem("1", 1, 2), true},
		{ratedItem("1", 1, 3), false},
		{ratedItem("1", 1, 5), false},
		{asNA(noItem("1", 1)), false},
		{asUnanswered(noItem("1", 1)), false},
		{textItem("1"), false},
	}
	for _, tt := range tests {
		if got := ItemFailed(tt.item); got != tt.want {
			t.Errorf("ItemFailed(%+v) = %v, want %v", tt.item, got, tt.want)
		}
	}
}

func TestScoreItems(t *testing.T) {
	tests := []struct {
		name  string
		items []ScoredItem
		want  ChecklistScore
	}{
		{"nothing", nil, ChecklistScore{}},
		{"nothing answered", []ScoredItem{asUnanswered(yesItem("1", 1)), asUnanswered(ratedItem("2", 3, 0))}, ChecklistScore{Total: 2}},
		{"all yes", []ScoredItem{yesItem("1", 1), yesItem("2", 5)}, ChecklistScore{Score: scorePtr(100), Answered: 2, Total: 2}},
		{"all no", []ScoredItem{noItem("1", 1), noItem("2", 5)}, ChecklistScore{Score: scorePtr(0), Answered: 2, Total: 2}},
		// (3x1 + 1x0) / 4 = 75
		{"weighted", []ScoredItem{yesItem("1", 3), noItem("2", 1)}, ChecklistScore{Score: scorePtr(75), Answered: 2, Total: 2}},
		// (2x0.75 + 2x1) / 4 = 87.5 -> 88
		{"rating rounds half up", []ScoredItem{ratedItem("1", 2, 4), yesItem("2", 2)}, ChecklistScore{Score: scorePtr(88), Answered: 2, Total: 2}},
		// 1/3 = 33.3 -> 33
		{"rounds down", []ScoredItem{yesItem("1", 1), noItem("2", 1), noItem("3", 1)}, ChecklistScore{Score: scorePtr(33), Answered: 3, Total: 3}},
		{"n/a and text are answered but not scored", []ScoredItem{yesItem("1", 1), asNA(noItem("2", 9)), textItem("3")}, ChecklistScore{Score: scorePtr(100), Answered: 3, Total: 3}},
		{"unanswered items do not lower the score", []ScoredItem{yesItem("1", 1), asUnanswered(noItem("2", 9))}, ChecklistScore{Score: scorePtr(100), Answered: 1, Total: 2}},
		{"only n/a and text", []ScoredItem{asNA(yesItem("1", 1)), textItem("2")}, ChecklistScore{Answered: 2, Total: 2}},
		// (0 + 0.25 + 0.5 + 0) / 4 = 18.75
		{"failed critical items are counted", []ScoredItem{asCritical(noItem("1", 1)), asCritical(ratedItem("2", 1, 2)), asCritical(ratedItem("3", 1, 3)), noItem("4", 1)},
			ChecklistScore{Score: scorePtr(19), Answered: 4, Total: 4, FailedCritical: 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ScoreItems(tt.items); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ScoreItems = %s, want %s", describeScore(got), describeScore(tt.want))
			}
		})
	}
}

func describeScore(s ChecklistScore) string {
	score := "nil"
	if s.Score != nil {
		score = fmt.Sprint(*s.Score)
	}
	return fmt.Sprintf("{score %s, answered %d/%d, failed critical %d}", score, s.Answered, s.Total, s.FailedCritical)
}

func TestSuggestResult(t *testing.T) {
	// 4 of 5 yes with equal weights: 80, just passing.
	eighty := []ScoredItem{yesItem("1.1", 1), yesItem("1.2", 1), yesItem("1.3", 1), yesItem("1.4", 1), noItem("1.5", 1)}
	tests := []struct {
		name                    string
		items                   []ScoredItem
		openCritical, openMajor int
		want                    model.InspectionResult
		reasons                 []string // each must appear in a reason, in order
	}{
		{"nothing answered", []ScoredItem{asUnanswered(yesItem("1.1", 1))}, 0, 0, "", []string{"No scored checklist item"}},
		{"no items at all", nil, 0, 0, "", []string{"No scored checklist item"}},
		{"all yes", []ScoredItem{yesItem("1.1", 1), asCritical(yesItem("1.2", 3))}, 0, 0, model.ResultPass, []string{"score is 100"}},
		{"score exactly 80 passes", eighty, 0, 0, model.ResultPass, []string{"score is 80"}},
		{"score 75 is conditional", []ScoredItem{yesItem("1.1", 3), noItem("1.2", 1)}, 0, 0, model.ResultConditional, []string{"score is 75, under 80"}},
		// (10x1 + 5x0.5 + 1x0.25) / 16 = 79.69: the score shown is 80, and 80 passes.
		{"79.7 rounds to 80 and passes", []ScoredItem{yesItem("1.1", 10), ratedItem("1.2", 5, 3), ratedItem("1.3", 1, 2)}, 0, 0, model.ResultPass, []string{"score is 80"}},
		{"failed critical yes/no item fails", []ScoredItem{yesItem("1.1", 10), asCritical(noItem("2.3", 1))}, 0, 0, model.ResultFail, []string{"Critical item 2.3 failed: Q2.3"}},
		{"critical item rated 2 fails", []ScoredItem{asCritical(ratedItem("1.1", 1, 2)), yesItem("1.2", 10)}, 0, 0, model.ResultFail, []string{"Critical item 1.1 failed"}},
		{"critical item rated 3 does not fail", []ScoredItem{asCritical(ratedItem("1.1", 1, 3)), yesItem("1.2", 10)}, 0, 0, model.ResultPass, []string{"score is 95"}},
		{"critical item n/a does not fail", []ScoredItem{asNA(asCritical(noItem("1.1", 1))), yesItem("1.2", 1)}, 0, 0, model.ResultPass, nil},
		{"critical item not yet answered does not fail", []ScoredItem{asUnanswered(asCritical(noItem("1.1", 1))), yesItem("1.2", 1)}, 0, 0, model.ResultPass, nil},
		{"a pass on part of the checklist says how much is unanswered", []ScoredItem{yesItem("1.1", 1), asUnanswered(yesItem("1.2", 1)), asUnanswered(yesItem("1.3", 1))}, 0, 0, model.ResultPass,
			[]string{"score is 100", "2 of 3 items are unanswered; the score counts only the 1 answered."}},
		{"non-critical no only lowers the score", []ScoredItem{noItem("1.1", 1), yesItem("1.2", 9)}, 0, 0, model.ResultPass, []string{"score is 90"}},
		{"open critical finding fails", []ScoredItem{yesItem("1.1", 1)}, 1, 0, model.ResultFail, []string{"1 critical finding is open."}},
		{"open critical finding fails without answers", nil, 2, 0, model.ResultFail, []string{"2 critical findings are open."}},
		{"open major finding is conditional", []ScoredItem{yesItem("1.1", 1)}, 0, 1, model.ResultConditional, []string{"1 major finding is open."}},
		{"open major finding without answers is conditional", nil, 0, 3, model.ResultConditional, []string{"3 major findings are open."}},
		{"fail outranks conditional and lists every reason", []ScoredItem{asCritical(noItem("1.1", 5)), yesItem("1.2", 1)}, 1, 2, model.ResultFail,
			[]string{"Critical item 1.1 failed", "1 critical finding is open.", "2 major findings are open.", "score is 17, under 80"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := SuggestResult(tt.items, tt.openCritical, tt.openMajor)
			if got.Result != tt.want {
				t.Fatalf("result %q, want %q (reasons %q)", got.Result, tt.want, got.Reasons)
			}
			if len(got.Reasons) == 0 {
				t.Fatal("no reasons given")
			}
			if tt.reasons != nil && len(got.Reasons) != len(tt.reasons) {
				t.Fatalf("reasons %q, want %d matching %q", got.Reasons, len(tt.reasons), tt.reasons)
			}
			for i, want := range tt.reasons {
				if !strings.Contains(got.Reasons[i], want) {
					t.Errorf("reason %d = %q, want it to contain %q", i, got.Reasons[i], want)
				}
			}
		})
	}
}

func TestCheckResultOverride(t *testing.T) {
	tests := []struct {
		recorded, suggested model.InspectionResult
		reason              string
		wantErr             bool
	}{
		{model.ResultPass, model.ResultPass, "", false},
		{model.ResultPass, "", "", false},
		{"", model.ResultFail, "", false},
		{model.ResultPass, model.ResultConditional, "", true},
		{model.ResultPass, model.ResultConditional, "  \n", true},
		{model.ResultConditional, model.ResultFail, "Tampered board was a lab sample, not production.", false},
		{model.ResultFail, model.ResultPass, "", true},
	}
	for _, tt := range tests {
		err := CheckResultOverride(tt.recorded, tt.suggested, tt.reason)
		if (err != nil) != tt.wantErr {
			t.Errorf("CheckResultOverride(%q, %q, %q) = %v, want error %v", tt.recorded, tt.suggested, tt.reason, err, tt.wantErr)
		}
		if err != nil {
			ve := err.(*ValidationError)
			if !strings.Contains(ve.Fields["result_override_reason"], "suggest "+string(tt.suggested)) {
				t.Errorf("message %q does not name the suggestion", ve.Fields["result_override_reason"])
			}
		}
	}
}

func TestCheckUnansweredCritical(t *testing.T) {
	critical := asUnanswered(asCritical(yesItem("1.2", 1)))
	tests := []struct {
		name       string
		unanswered []ScoredItem
		reason     string
		wantErr    string // "" for none
	}{
		{"nothing unanswered", nil, "", ""},
		{"only ordinary items unanswered", []ScoredItem{asUnanswered(yesItem("1.1", 1))}, "", ""},
		{"a critical item unanswered", []ScoredItem{asUnanswered(yesItem("1.1", 1)), critical}, "", "Critical item 1.2 is unanswered"},
		{"two critical items named", []ScoredItem{critical, asUnanswered(asCritical(yesItem("3.4", 1)))}, "", "Critical items 1.2, 3.4 are unanswered"},
		{"a blank reason is no reason", []ScoredItem{critical}, " \n\t", "Critical item 1.2"},
		{"a reason records the gap", []ScoredItem{critical}, "The programming room was closed for a recall.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckUnansweredCritical(tt.unanswered, tt.reason)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				return
			}
			var ve *ValidationError
			if !errors.As(err, &ve) || !strings.Contains(ve.Fields["unanswered_reason"], tt.wantErr) {
				t.Fatalf("error %v, want unanswered_reason containing %q", err, tt.wantErr)
			}
		})
	}
}

func TestUnansweredItems(t *testing.T) {
	got := UnansweredItems([]ScoredItem{yesItem("1.1", 1), asUnanswered(yesItem("1.2", 1)), asNA(yesItem("1.3", 1)), asUnanswered(yesItem("2.1", 1))})
	if len(got) != 2 || got[0].Number != "1.2" || got[1].Number != "2.1" {
		t.Fatalf("unanswered %+v, want 1.2 and 2.1", got)
	}
}
