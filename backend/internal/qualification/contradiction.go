package qualification

import (
	"fmt"
	"strings"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

// Contradictions: on the next inspection of a site, the supplier's
// self-assessment answer to an item is shown beside the inspector's, and
// the items where they disagree are listed.

// StatedAnswer is an answer to an item as the comparison reads it: the
// supplier's statement or the inspector's record.
type StatedAnswer struct {
	Answer        string // "yes", "no" or ""
	Rating        *int
	Text          string
	NotApplicable bool
}

// given reports whether the answer answers its item.
func (a StatedAnswer) given() bool {
	return a.Answer != "" || a.Rating != nil || strings.TrimSpace(a.Text) != "" || a.NotApplicable
}

// ContradictionRatingGap is how far apart two ratings of the same item
// must be to contradict each other: 4 against 5 is a matter of judgement,
// 3 against 5 is not.
const ContradictionRatingGap = 2

// Contradicts reports whether the inspector's answer to an item
// contradicts the supplier's: yes against no, ratings ContradictionRatingGap
// or more apart, or N/A against an answer (either way). Free-text items
// never contradict (there is nothing to compare), nor does an item one
// side has not answered.
func Contradicts(typ model.AnswerType, supplier, inspector StatedAnswer) bool {
	if !supplier.given() || !inspector.given() || typ == model.AnswerFreeText {
		return false
	}
	if supplier.NotApplicable || inspector.NotApplicable {
		return supplier.NotApplicable != inspector.NotApplicable
	}
	switch typ {
	case model.AnswerYesNo:
		return supplier.Answer != "" && inspector.Answer != "" && supplier.Answer != inspector.Answer
	case model.AnswerRating:
		if supplier.Rating == nil || inspector.Rating == nil {
			return false
		}
		gap := *supplier.Rating - *inspector.Rating
		return gap >= ContradictionRatingGap || -gap >= ContradictionRatingGap
	}
	return false
}

// DescribeAnswer says an answer in a few words: "yes", "no", "rated 4 of
// 5", "N/A", the text, or "" when not given.
func DescribeAnswer(a StatedAnswer) string {
	switch {
	case a.NotApplicable:
		return "N/A"
	case a.Rating != nil:
		return fmt.Sprintf("rated %d of 5", *a.Rating)
	case a.Answer != "":
		return a.Answer
	}
	return strings.TrimSpace(a.Text)
}

// ItemMatchKey identifies an item across versions of a template. Items
// have no identity of their own across versions (a new version copies
// them under new ids), so an item of another version is the same
// question when its text (case and spacing aside) and its answer type
// are the same; an item whose question was reworded has no counterpart.
func ItemMatchKey(question string, typ model.AnswerType) string {
	return string(typ) + "\x00" + strings.ToLower(strings.Join(strings.Fields(question), " "))
}

// AssessmentCandidate is a questionnaire of the inspected site as the
// choice of the applicable one needs it.
type AssessmentCandidate struct {
	ID          int64
	TemplateKey string
	Status      model.AssessmentStatus
	SubmittedAt *time.Time
}

// ApplicableAssessment chooses the questionnaire whose answers an
// inspection checklist of the template key is compared with: the one of
// the site most recently submitted, submitted or accepted (a returned one
// is being reworked, an open one was never submitted), of the same
// template key, whatever its version. For an inspection performed on a
// day, only questionnaires submitted by that day count, so a later
// questionnaire never rewrites what a past inspection was compared with.
// For an answer being recorded, answered is when the inspector gave it
// (zero: no limit): only questionnaires submitted by then count, so an
// answer given offline and sent later is compared with what an answer
// sent at once would have been.
func ApplicableAssessment(candidates []AssessmentCandidate, templateKey string, performed model.Date, answered time.Time) (AssessmentCandidate, bool) {
	var best AssessmentCandidate
	found := false
	for _, c := range candidates {
		if c.TemplateKey != templateKey || c.SubmittedAt == nil ||
			c.Status != model.AssessmentSubmitted && c.Status != model.AssessmentAccepted {
			continue
		}
		if !performed.IsZero() && performed.Before(model.DateOf(*c.SubmittedAt)) {
			continue
		}
		if !answered.IsZero() && c.SubmittedAt.After(answered) {
			continue
		}
		if !found || c.SubmittedAt.After(*best.SubmittedAt) || c.SubmittedAt.Equal(*best.SubmittedAt) && c.ID > best.ID {
			best, found = c, true
		}
	}
	return best, found
}

// ContradictionFindingSeverity is the severity of the finding raised for
// review when the inspector contradicts the supplier on a critical item:
// critical when the inspector found the item failed (no, or rated 2 or
// lower: a failed critical item), major when the inspector found it worse
// than stated (or applicable where the supplier said N/A), an observation
// when the inspector found it better than stated or not applicable (the
// statement was wrong, not the site).
func ContradictionFindingSeverity(supplier, inspector StatedAnswer) model.Severity {
	if inspector.NotApplicable {
		return model.SeverityObservation
	}
	if inspector.Answer == "no" || inspector.Rating != nil && *inspector.Rating <= 2 {
		return model.SeverityCritical
	}
	if supplier.NotApplicable || supplier.Rating != nil && inspector.Rating != nil && *inspector.Rating < *supplier.Rating {
		return model.SeverityMajor
	}
	return model.SeverityObservation
}
