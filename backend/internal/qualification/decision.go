package qualification

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

// MaxReasonLength is the longest reason a decision may carry, in characters.
const MaxReasonLength = 2000

// evidenceMonths is how far back an inspection still counts as evidence
// for qualifying a site.
const evidenceMonths = 12

// maxCertificateDetails caps how many refused certificates a message names,
// so a site with a long history still gets a readable sentence.
const maxCertificateDetails = 5

// InspectionFact is what a decision needs to know about one inspection.
type InspectionFact struct {
	Status        model.InspectionStatus
	Type          model.InspectionType
	PerformedDate model.Date
	Result        model.InspectionResult
}

// FindingFact is what a decision needs to know about one finding.
type FindingFact struct {
	Severity model.Severity
	Status   model.FindingStatus
}

// CertificationFact is what a decision needs to know about one certificate.
type CertificationFact struct {
	Standard  string
	ExpiresOn model.Date
	Withdrawn bool
}

// SiteFacts is the evidence on record for a site when a decision is made.
type SiteFacts struct {
	Status         model.QualificationStatus
	Inspections    []InspectionFact
	Findings       []FindingFact
	Certifications []CertificationFact
}

// Decision is what a manager asks for.
type Decision struct {
	To               model.QualificationStatus
	Reason           string
	ConditionalUntil model.Date
}

// rule is one unmet rule: the field it belongs to and what is wrong.
type rule struct {
	field   string
	message string
}

// CheckDecision returns nil when the decision may be recorded, else a
// *ValidationError whose Fields name every unmet rule at once, so a
// manager can fix everything in one go instead of one refusal at a time.
func CheckDecision(site SiteFacts, d Decision, today model.Date) error {
	p := Problems{}
	for _, r := range unmetRules(site, d.To, today) {
		p.Add(r.field, r.message)
	}

	reason := strings.TrimSpace(d.Reason)
	switch {
	case reason == "":
		p.Add("reason", "Give a reason for the decision; it is kept in the site's history.")
	case utf8.RuneCountInString(reason) > MaxReasonLength:
		p.Add("reason", fmt.Sprintf("Keep the reason to %d characters or fewer (it has %d).",
			MaxReasonLength, utf8.RuneCountInString(reason)))
	}

	switch {
	case d.To == model.StatusConditional && d.ConditionalUntil.IsZero():
		p.Add("conditional_until", "Set the date until which the conditions apply.")
	case d.To == model.StatusConditional && !d.ConditionalUntil.After(today):
		p.Add("conditional_until", fmt.Sprintf("The conditional-until date must be after today (%s).", today))
	case d.To != model.StatusConditional && !d.ConditionalUntil.IsZero():
		p.Add("conditional_until", "Only a move to conditional takes a conditional-until date; leave it empty.")
	}

	message := "The site cannot move to that status."
	if d.To.Valid() {
		message = "The site cannot move to " + StatusLabel(d.To) + "."
	}
	return p.Err(message)
}

// Unmet lists, in words, why a site cannot move to status to today: an
// unknown or disallowed target and every missing piece of evidence. It
// leaves out what the manager still has to type (reason, conditional-until
// date), so the UI can preview a decision before the form is filled in.
// The result is never nil, so it serialises as [].
func Unmet(site SiteFacts, to model.QualificationStatus, today model.Date) []string {
	rules := unmetRules(site, to, today)
	out := make([]string, len(rules))
	for i, r := range rules {
		out[i] = r.message
	}
	return out
}

func unmetRules(site SiteFacts, to model.QualificationStatus, today model.Date) []rule {
	switch {
	case to == "":
		return []rule{{"status", "Choose the new status. " + AllowedTargetsMessage(site.Status)}}
	case !to.Valid():
		return []rule{{"status", fmt.Sprintf("%s is not a qualification status. %s", StatusLabel(to), AllowedTargetsMessage(site.Status))}}
	}

	var out []rule
	switch {
	case site.Status == to:
		out = append(out, rule{"status", "The site is already " + StatusLabel(to) + ". " + AllowedTargetsMessage(site.Status)})
	case !CanTransition(site.Status, to):
		out = append(out, rule{"status", AllowedTargetsMessage(site.Status)})
	}

	// The evidence rules are checked even when the move itself is not
	// allowed: the manager then sees at once everything standing between
	// the site and the status they want.
	var inspection, findings, certification string
	switch to {
	case model.StatusQualified:
		inspection = recentInspectionProblem(site.Inspections, today, model.ResultPass)
		findings = openFindingsProblem(site.Findings, model.SeverityCritical, model.SeverityMajor)
		certification = certificationProblem(site.Certifications, today)
	case model.StatusConditional:
		inspection = recentInspectionProblem(site.Inspections, today, model.ResultPass, model.ResultConditional)
		findings = openFindingsProblem(site.Findings, model.SeverityCritical)
	}
	if inspection != "" {
		out = append(out, rule{"inspection", inspection})
	}
	if findings != "" {
		out = append(out, rule{"findings", findings})
	}
	if certification != "" {
		out = append(out, rule{"certification", certification})
	}
	return out
}

// recentInspectionProblem is "" when a completed inspection with one of the
// accepted results was performed in the last 12 months, else why not.
func recentInspectionProblem(ins []InspectionFact, today model.Date, accepted ...model.InspectionResult) string {
	since := today.AddMonths(-evidenceMonths)
	var lastAccepted, lastAny InspectionFact
	var foundAccepted, foundAny bool
	for _, in := range ins {
		// A performed date in the future is an entry error, not evidence.
		if in.Status != model.InspectionCompleted || in.PerformedDate.IsZero() || in.PerformedDate.After(today) {
			continue
		}
		if !foundAny || !in.PerformedDate.Before(lastAny.PerformedDate) {
			lastAny, foundAny = in, true
		}
		if !slices.Contains(accepted, in.Result) {
			continue
		}
		if !in.PerformedDate.Before(since) {
			return ""
		}
		if !foundAccepted || !in.PerformedDate.Before(lastAccepted.PerformedDate) {
			lastAccepted, foundAccepted = in, true
		}
	}

	results := make([]string, len(accepted))
	for i, r := range accepted {
		results[i] = string(r)
	}
	msg := fmt.Sprintf("No completed inspection with result %s in the last %d months", joinOr(results), evidenceMonths)
	switch {
	case foundAccepted:
		return fmt.Sprintf("%s (the last one %s on %s).", msg, resultPhrase(lastAccepted.Result), lastAccepted.PerformedDate)
	case foundAny:
		return fmt.Sprintf("%s (the last inspection, on %s, %s).", msg, lastAny.PerformedDate, resultPhrase(lastAny.Result))
	}
	return msg + " (the site has no completed inspection yet)."
}

func resultPhrase(r model.InspectionResult) string {
	switch r {
	case model.ResultPass:
		return "passed"
	case model.ResultConditional:
		return "passed with conditions"
	case model.ResultFail:
		return "failed"
	}
	return "has no result recorded"
}

// openFindingsProblem is "" when no finding of a blocking severity is still
// open, else how many of each must be closed.
func openFindingsProblem(fs []FindingFact, blocking ...model.Severity) string {
	counts := map[model.Severity]int{}
	total := 0
	for _, f := range fs {
		// Anything not verified closed blocks, including a status the
		// model does not know: only a closed finding has been checked.
		if f.Status == model.FindingClosed || !slices.Contains(blocking, f.Severity) {
			continue
		}
		counts[f.Severity]++
		total++
	}
	if total == 0 {
		return ""
	}
	var parts []string
	for _, sev := range blocking {
		switch n := counts[sev]; n {
		case 0:
		case 1:
			parts = append(parts, fmt.Sprintf("1 open %s finding", sev))
		default:
			parts = append(parts, fmt.Sprintf("%d open %s findings", n, sev))
		}
	}
	return joinAnd(parts) + " must be closed first."
}

// certificationProblem is "" when at least one certificate is neither
// expired nor withdrawn today, else why none is.
func certificationProblem(certs []CertificationFact, today model.Date) string {
	if len(certs) == 0 {
		return "No valid certification: the site has no certificate on record."
	}
	details := make([]string, 0, len(certs))
	for _, c := range certs {
		// Expiring is still valid: the window only warns ahead of time.
		status := CertificationStatus(c.ExpiresOn, c.Withdrawn, today, 0)
		if status == model.CertValid || status == model.CertExpiring {
			return ""
		}
		name := strings.TrimSpace(c.Standard)
		if name == "" {
			name = "a certificate without a standard"
		}
		switch {
		case status == model.CertWithdrawn:
			details = append(details, name+" withdrawn")
		case c.ExpiresOn.IsZero():
			details = append(details, name+" has no expiry date")
		default:
			details = append(details, fmt.Sprintf("%s expired on %s", name, c.ExpiresOn))
		}
	}
	if len(details) > maxCertificateDetails {
		more := len(details) - maxCertificateDetails
		details = append(details[:maxCertificateDetails], fmt.Sprintf("%d more", more))
	}
	return "No valid certification: every certificate is expired or withdrawn (" + strings.Join(details, "; ") + ")."
}

// joinAnd joins words as English lists them: "a", "a and b", "a, b and c".
func joinAnd(words []string) string {
	if len(words) <= 1 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}
