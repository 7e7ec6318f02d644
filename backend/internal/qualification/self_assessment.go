package qualification

import (
	"fmt"
	"slices"
	"strings"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

// Self-assessment questionnaires: the buyer sends a checklist template to
// a manufacturer, for one of its sites, with a due date; the supplier
// answers every item (saving drafts on the way) and submits; the buyer
// accepts the answers or returns some items, each with a comment, and the
// supplier reworks those items and submits again.

// assessmentTransitions are the moves a questionnaire's status may make.
var assessmentTransitions = map[model.AssessmentStatus][]model.AssessmentStatus{
	model.AssessmentOpen:      {model.AssessmentSubmitted},
	model.AssessmentSubmitted: {model.AssessmentAccepted, model.AssessmentReturned},
	model.AssessmentReturned:  {model.AssessmentSubmitted},
}

// CanTransitionAssessment reports whether a questionnaire may move from
// one status to another; an accepted one is final.
func CanTransitionAssessment(from, to model.AssessmentStatus) bool {
	return slices.Contains(assessmentTransitions[from], to)
}

// maxAssessmentMessage bounds what the buyer writes to the supplier.
const maxAssessmentMessage = 5000

// CheckSendAssessment validates a questionnaire as the buyer sends it: a
// due date that is not in the past, and an optional message.
func CheckSendAssessment(due, today model.Date, message string) error {
	p := Problems{}
	switch {
	case due.IsZero():
		p.Add("due_date", "Enter the date the answers are due.")
	case due.Before(today):
		p.Add("due_date", "The due date is in the past; choose today or a later day.")
	}
	optionalText(p, "message", strings.TrimSpace(message), maxAssessmentMessage)
	return p.Err("The questionnaire cannot be sent.")
}

// CanEditAssessment says whether the supplier may change answers now: while
// the questionnaire is open, or returned for rework.
func CanEditAssessment(status model.AssessmentStatus) error {
	switch status {
	case model.AssessmentOpen, model.AssessmentReturned:
		return nil
	case model.AssessmentSubmitted:
		return Problems{"status": "The answers were submitted and wait for the buyer's review; they can be changed once returned."}.Err("The answers cannot be changed.")
	}
	return Problems{"status": "The questionnaire was accepted; its answers are final."}.Err("The answers cannot be changed.")
}

// CheckAnswerEditable says whether one item's answer may change: any item
// of an open questionnaire, only the returned items of a returned one (the
// rest stay as the buyer reviewed them).
func CheckAnswerEditable(status model.AssessmentStatus, itemReturned bool) error {
	if err := CanEditAssessment(status); err != nil {
		return err
	}
	if status == model.AssessmentReturned && !itemReturned {
		return Problems{"item_id": "Only the items the buyer returned can be changed."}.Err("The answer cannot be changed.")
	}
	return nil
}

// AssessmentItem is one item of a questionnaire as the submission rule
// needs it.
type AssessmentItem struct {
	Number   string // "2.3"
	Answered bool
	// Returned: the buyer returned the item; Reworked: it was answered
	// again since.
	Returned bool
	Reworked bool
}

// CanSubmitAssessment says whether the supplier may submit: the
// questionnaire is open or returned, every item is answered, and every
// returned item was answered again. A refusal names the items.
func CanSubmitAssessment(status model.AssessmentStatus, items []AssessmentItem) error {
	p := Problems{}
	if !CanTransitionAssessment(status, model.AssessmentSubmitted) {
		if status == model.AssessmentSubmitted {
			p.Add("status", "The answers were already submitted.")
		} else {
			p.Add("status", "The questionnaire was accepted; there is nothing to submit.")
		}
		return p.Err("The questionnaire cannot be submitted.")
	}
	if len(items) == 0 {
		p.Add("items", "The questionnaire has no items.")
	}
	var unanswered, notReworked []string
	for _, it := range items {
		switch {
		case !it.Answered:
			unanswered = append(unanswered, it.Number)
		case status == model.AssessmentReturned && it.Returned && !it.Reworked:
			notReworked = append(notReworked, it.Number)
		}
	}
	if len(unanswered) > 0 {
		p.Add("items", fmt.Sprintf("Answer every item first; %s unanswered: %s.", countPhrase(len(unanswered), "item is", "items are"), shortList(unanswered)))
	}
	if len(notReworked) > 0 {
		p.Add("returned", fmt.Sprintf("Answer again what the buyer returned: %s.", shortList(notReworked)))
	}
	return p.Err("The questionnaire cannot be submitted.")
}

func countPhrase(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// shortList names at most ten items.
func shortList(numbers []string) string {
	if len(numbers) > 10 {
		return strings.Join(numbers[:10], ", ") + fmt.Sprintf(" and %d more", len(numbers)-10)
	}
	return strings.Join(numbers, ", ")
}

// ReturnedItem is an item the buyer returns for rework, with what the
// supplier must change.
type ReturnedItem struct {
	ItemID  int64
	Comment string
}

// CheckAssessmentReview says whether the buyer may review the answers: they
// must be submitted; an acceptance returns no items; a return names at
// least one item of the questionnaire, once, each with a comment.
func CheckAssessmentReview(status model.AssessmentStatus, accept bool, comment string, returns []ReturnedItem, itemIDs []int64) error {
	p := Problems{}
	if status != model.AssessmentSubmitted {
		p.Add("status", fmt.Sprintf("The questionnaire is %s; only submitted answers can be reviewed.", status))
	}
	optionalText(p, "comment", strings.TrimSpace(comment), maxAssessmentMessage)
	if accept {
		if len(returns) > 0 {
			p.Add("items", "An acceptance returns no items; return them instead, or accept without them.")
		}
		return p.Err("The answers cannot be reviewed.")
	}
	if len(returns) == 0 {
		p.Add("items", "Choose the items to return, each with what the supplier must change.")
	}
	seen := map[int64]bool{}
	for i, r := range returns {
		field := fmt.Sprintf("items[%d]", i)
		switch {
		case !slices.Contains(itemIDs, r.ItemID):
			p.Add(field+".item_id", "This item is not part of the questionnaire.")
		case seen[r.ItemID]:
			p.Add(field+".item_id", "This item is returned twice.")
		}
		seen[r.ItemID] = true
		requiredText(p, field+".comment", strings.TrimSpace(r.Comment), maxAssessmentMessage, "Say what the supplier must change.")
	}
	return p.Err("The answers cannot be reviewed.")
}

// AssessmentReviewed is a submitted questionnaire's status after review.
func AssessmentReviewed(accept bool) model.AssessmentStatus {
	if accept {
		return model.AssessmentAccepted
	}
	return model.AssessmentReturned
}

// AssessmentOverdue reports whether a questionnaire waiting for the
// supplier is past its due date today.
func AssessmentOverdue(status model.AssessmentStatus, due, today model.Date) bool {
	waiting := status == model.AssessmentOpen || status == model.AssessmentReturned
	return waiting && !due.IsZero() && due.Before(today)
}

// AnswerGiven reports whether an answer as entered answers its item (yes
// or no, a rating, a text, or N/A); a draft may hold only a note or
// evidence so far.
func AnswerGiven(in AnswerInput) bool {
	return in.Answer != "" || in.Rating != nil || strings.TrimSpace(in.Text) != "" || in.NotApplicable
}

// CheckDraftAnswer validates an answer the supplier saves: an answer given
// must suit the item, as an inspector's would (ValidateAnswer); one not
// given yet may carry a note and evidence.
func CheckDraftAnswer(typ model.AnswerType, naAllowed bool, in AnswerInput) error {
	if AnswerGiven(in) {
		return ValidateAnswer(typ, naAllowed, in)
	}
	p := Problems{}
	checkChecklistText(p, "note", "note", in.Note, MaxAnswerTextLength, false)
	if in.Attachments > MaxAnswerAttachments {
		p.Add("attachment_ids", fmt.Sprintf("Reference at most %d files per answer.", MaxAnswerAttachments))
	}
	return p.Err("The answer cannot be saved.")
}
