package qualification

import (
	"fmt"
	"slices"
	"strings"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

// transitions is the status lifecycle of docs/rules.md. Moving to the same
// status is deliberately absent: a decision records a change, and a repeat
// would clutter the history an auditor reads.
var transitions = map[model.QualificationStatus][]model.QualificationStatus{
	model.StatusProspective:     {model.StatusInQualification, model.StatusDisqualified},
	model.StatusInQualification: {model.StatusQualified, model.StatusConditional, model.StatusDisqualified},
	model.StatusQualified:       {model.StatusConditional, model.StatusSuspended, model.StatusDisqualified},
	model.StatusConditional:     {model.StatusQualified, model.StatusSuspended, model.StatusDisqualified},
	model.StatusSuspended:       {model.StatusInQualification, model.StatusQualified, model.StatusDisqualified},
	model.StatusDisqualified:    {model.StatusInQualification},
}

// AllowedTargets lists the statuses a site in status from may move to, in
// lifecycle order. It is nil for an unknown status.
func AllowedTargets(from model.QualificationStatus) []model.QualificationStatus {
	allowed := transitions[from]
	if allowed == nil {
		return nil
	}
	// Built from model.QualificationStatuses rather than returned as is, so
	// the order never depends on how the table above was typed and callers
	// cannot modify the table through the returned slice.
	out := make([]model.QualificationStatus, 0, len(allowed))
	for _, s := range model.QualificationStatuses {
		if slices.Contains(allowed, s) {
			out = append(out, s)
		}
	}
	return out
}

// CanTransition reports whether a site may move from one status to another.
func CanTransition(from, to model.QualificationStatus) bool {
	return slices.Contains(transitions[from], to)
}

// StatusLabel is a status as a manager reads it ("in qualification").
func StatusLabel(s model.QualificationStatus) string {
	if !s.Valid() {
		return fmt.Sprintf("%q", string(s))
	}
	return strings.ReplaceAll(string(s), "_", " ")
}

// AllowedTargetsMessage explains where a site in status from can go, e.g.
// "A qualified site can move to conditional, suspended or disqualified."
func AllowedTargetsMessage(from model.QualificationStatus) string {
	targets := AllowedTargets(from)
	if targets == nil {
		return fmt.Sprintf("The site's current status %s is not known, so it cannot move.", StatusLabel(from))
	}
	words := make([]string, len(targets))
	for i, t := range targets {
		words[i] = StatusLabel(t)
	}
	return siteInStatus(from) + " can move to " + joinOr(words) + "."
}

// siteInStatus names a site by its status the way a sentence needs it.
func siteInStatus(s model.QualificationStatus) string {
	switch s {
	case model.StatusInQualification:
		return "A site in qualification"
	case model.StatusConditional:
		return "A conditionally qualified site"
	}
	return "A " + StatusLabel(s) + " site"
}

// joinOr joins words as English lists them: "a", "a or b", "a, b or c".
func joinOr(words []string) string {
	if len(words) <= 1 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}
