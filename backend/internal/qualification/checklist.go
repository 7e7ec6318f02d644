package qualification

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

// PassingScore is the checklist score under which an inspection is at best
// conditional.
const PassingScore = 80

// failedRating is the highest rating that counts as a failed item.
const failedRating = 2

// ScoredItem is a checklist item with its answer, as scoring sees it.
type ScoredItem struct {
	Number   string // "2.3": section 2, item 3; reasons name items by it
	Question string
	Type     model.AnswerType
	Weight   int
	Critical bool
	// Answered is false for an item nobody has answered yet.
	Answered      bool
	NotApplicable bool
	Answer        string // "yes" or "no" for yes_no items
	Rating        int    // 1-5 for rating items
}

// Compliance is how far an answered item complies, from 0 to 1 (yes 1,
// no 0, a rating r (r-1)/4), and whether it counts towards the score at
// all: unanswered, N/A and text items do not.
func Compliance(it ScoredItem) (float64, bool) {
	if !it.Answered || it.NotApplicable {
		return 0, false
	}
	switch it.Type {
	case model.AnswerYesNo:
		switch it.Answer {
		case "yes":
			return 1, true
		case "no":
			return 0, true
		}
	case model.AnswerRating:
		if it.Rating >= 1 && it.Rating <= 5 {
			return float64(it.Rating-1) / 4, true
		}
	}
	return 0, false
}

// ItemFailed reports whether an answered item fails outright: answered no,
// or rated 2 or lower.
func ItemFailed(it ScoredItem) bool {
	if !it.Answered || it.NotApplicable {
		return false
	}
	switch it.Type {
	case model.AnswerYesNo:
		return it.Answer == "no"
	case model.AnswerRating:
		return it.Rating >= 1 && it.Rating <= failedRating
	}
	return false
}

// ChecklistScore summarises the answers to a set of items.
type ChecklistScore struct {
	// Score is the weighted compliance of the scored items, 0-100, rounded
	// to a whole number; nil while no scored item is answered.
	Score *int `json:"score"`
	// Answered counts the items answered (N/A included) of Total.
	Answered int `json:"answered"`
	Total    int `json:"total"`
	// FailedCritical counts critical items that failed.
	FailedCritical int `json:"failed_critical"`
}

// ScoreItems is the weighted compliance over the answered, applicable,
// scored items: sum(weight x compliance) / sum(weight) x 100.
func ScoreItems(items []ScoredItem) ChecklistScore {
	out := ChecklistScore{Total: len(items)}
	var num, den float64
	for _, it := range items {
		if it.Answered {
			out.Answered++
		}
		if it.Critical && ItemFailed(it) {
			out.FailedCritical++
		}
		c, ok := Compliance(it)
		if !ok || it.Weight <= 0 {
			continue
		}
		num += float64(it.Weight) * c
		den += float64(it.Weight)
	}
	if den > 0 {
		s := int(math.Round(100 * num / den))
		out.Score = &s
	}
	return out
}

// ResultSuggestion is the result the checklists and open findings point
// to, with the reasons in words; Result is "" while nothing decides it.
type ResultSuggestion struct {
	Result  model.InspectionResult `json:"suggested_result"`
	Reasons []string               `json:"reasons"`
}

// SuggestResult applies the rules: a failed critical item or an open
// critical finding makes it fail; otherwise an open major finding or a
// score under PassingScore makes it conditional; otherwise, once there is
// a score, it passes. Every rule that applies is listed, worst first.
func SuggestResult(items []ScoredItem, openCritical, openMajor int) ResultSuggestion {
	score := ScoreItems(items)
	var fail, conditional []string
	for _, it := range items {
		if it.Critical && ItemFailed(it) {
			fail = append(fail, fmt.Sprintf("Critical item %s failed: %s", it.Number, shortQuestion(it.Question, 120)))
		}
	}
	if openCritical > 0 {
		fail = append(fail, findingCountPhrase(openCritical, "critical finding is", "critical findings are")+" open.")
	}
	if openMajor > 0 {
		conditional = append(conditional, findingCountPhrase(openMajor, "major finding is", "major findings are")+" open.")
	}
	if score.Score != nil && *score.Score < PassingScore {
		conditional = append(conditional, fmt.Sprintf("The checklist score is %d, under %d.", *score.Score, PassingScore))
	}
	out := ResultSuggestion{Reasons: append(fail, conditional...)}
	switch {
	case len(fail) > 0:
		out.Result = model.ResultFail
	case len(conditional) > 0:
		out.Result = model.ResultConditional
	case score.Score != nil:
		out.Result = model.ResultPass
		out.Reasons = []string{fmt.Sprintf("The checklist score is %d; no critical item failed and no critical or major finding is open.", *score.Score)}
	default:
		out.Reasons = []string{"No scored checklist item has been answered yet."}
	}
	// The score counts only what was answered: say how much that is, so
	// 1 answered item of 36 never reads as a finished 100 %.
	if open := score.Total - score.Answered; open > 0 && score.Answered > 0 {
		out.Reasons = append(out.Reasons, fmt.Sprintf("%d of %d items are unanswered; the score counts only the %d answered.", open, score.Total, score.Answered))
	}
	return out
}

// UnansweredItems lists the items nobody has answered yet, in order.
func UnansweredItems(items []ScoredItem) []ScoredItem {
	out := []ScoredItem{}
	for _, it := range items {
		if !it.Answered {
			out = append(out, it)
		}
	}
	return out
}

// CheckUnansweredCritical refuses to complete an inspection whose
// checklists leave a critical item unanswered, unless a reason says why
// (the area was closed, the record was not available): like an override,
// the gap is then on the record. Unanswered items that are not critical
// only warn, in the client.
func CheckUnansweredCritical(unanswered []ScoredItem, reason string) error {
	var numbers []string
	for _, it := range unanswered {
		if it.Critical {
			numbers = append(numbers, it.Number)
		}
	}
	if len(numbers) == 0 || strings.TrimSpace(reason) != "" {
		return nil
	}
	what := "Critical item " + numbers[0] + " is"
	if len(numbers) > 1 {
		what = "Critical items " + strings.Join(numbers, ", ") + " are"
	}
	return (Problems{"unanswered_reason": what + " unanswered; answer them, or say why they could not be checked."}).
		Err("Critical checklist items are unanswered.")
}

// CheckResultOverride refuses a recorded result that differs from the
// suggested one without a reason. suggested "" (nothing suggested yet)
// accepts any result.
func CheckResultOverride(recorded, suggested model.InspectionResult, reason string) error {
	if recorded == "" || suggested == "" || recorded == suggested || strings.TrimSpace(reason) != "" {
		return nil
	}
	return (Problems{"result_override_reason": fmt.Sprintf(
		"The checklists suggest %s; say why the result is %s.", suggested, recorded)}).Err("The result differs from the one the checklists suggest.")
}

func findingCountPhrase(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func shortQuestion(s string, max int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:max-1])) + "…"
}
