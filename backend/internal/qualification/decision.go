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
	ID            int64
	Status        model.InspectionStatus
	Type          model.InspectionType
	PerformedDate model.Date
	Result        model.InspectionResult
}

// FindingFact is what a decision needs to know about one finding.
type FindingFact struct {
	ID          int64
	Severity    model.Severity
	Status      model.FindingStatus
	Description string
}

// CertificationFact is what a decision needs to know about one certificate.
type CertificationFact struct {
	ID        int64
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

// rule is one unmet rule: the field it belongs to, what is wrong and the
// records that stand in the way.
type rule struct {
	field    string
	message  string
	blockers []Blocker
}

// UnmetRule is one rule a site does not meet yet for a status: which rule
// (status, inspection, findings, certification), what is wrong in words,
// and the records that block it, so the reader can open each one.
type UnmetRule struct {
	Rule     string    `json:"rule"`
	Message  string    `json:"message"`
	Blockers []Blocker `json:"blockers"`
}

// Blocker is a record that stands between a site and a status: the failed
// or too old inspection, an open finding, an expired or withdrawn
// certificate. Label names it in words; Date, when set, is the day that
// makes it a blocker (performed on, expired on).
type Blocker struct {
	Type  string     `json:"type"`
	ID    int64      `json:"id"`
	Label string     `json:"label"`
	Date  model.Date `json:"date"`
}

// maxBlockers caps the records listed for one rule; the message still
// counts them all.
const maxBlockers = 20

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

// Unmet lists why a site cannot move to status to today: an unknown or
// disallowed target and every missing piece of evidence, each with the
// records that block it. It leaves out what the manager still has to type
// (reason, conditional-until date), so the UI can preview a decision before
// the form is filled in. The result and every Blockers are never nil, so
// they serialise as [].
func Unmet(site SiteFacts, to model.QualificationStatus, today model.Date) []UnmetRule {
	rules := unmetRules(site, to, today)
	out := make([]UnmetRule, len(rules))
	for i, r := range rules {
		out[i] = UnmetRule{Rule: r.field, Message: r.message, Blockers: r.blockers}
		if out[i].Blockers == nil {
			out[i].Blockers = []Blocker{}
		}
	}
	return out
}

func unmetRules(site SiteFacts, to model.QualificationStatus, today model.Date) []rule {
	switch {
	case to == "":
		return []rule{{field: "status", message: "Choose the new status. " + AllowedTargetsMessage(site.Status)}}
	case !to.Valid():
		return []rule{{field: "status", message: fmt.Sprintf("%s is not a qualification status. %s", StatusLabel(to), AllowedTargetsMessage(site.Status))}}
	}

	var out []rule
	switch {
	case site.Status == to:
		out = append(out, rule{field: "status", message: "The site is already " + StatusLabel(to) + ". " + AllowedTargetsMessage(site.Status)})
	case !CanTransition(site.Status, to):
		out = append(out, rule{field: "status", message: AllowedTargetsMessage(site.Status)})
	}

	// The evidence rules are checked even when the move itself is not
	// allowed: the manager then sees at once everything standing between
	// the site and the status they want.
	var evidence []rule
	switch to {
	case model.StatusQualified:
		evidence = []rule{
			recentInspectionProblem(site.Inspections, today, model.ResultPass),
			openFindingsProblem(site.Findings, model.SeverityCritical, model.SeverityMajor),
			certificationProblem(site.Certifications, today),
		}
	case model.StatusConditional:
		evidence = []rule{
			recentInspectionProblem(site.Inspections, today, model.ResultPass, model.ResultConditional),
			openFindingsProblem(site.Findings, model.SeverityCritical),
		}
	}
	for _, r := range evidence {
		if r.message != "" {
			out = append(out, r)
		}
	}
	return out
}

// recentInspectionProblem is the inspection rule, unmet (message set) when
// no completed inspection with one of the accepted results was performed in
// the last 12 months. Its blocker is the inspection that came closest: the
// last accepted one (too old), else the last one (its result not accepted).
func recentInspectionProblem(ins []InspectionFact, today model.Date, accepted ...model.InspectionResult) rule {
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
			return rule{field: "inspection"}
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
		return rule{"inspection", fmt.Sprintf("%s (the last one %s on %s).", msg, resultPhrase(lastAccepted.Result), lastAccepted.PerformedDate),
			[]Blocker{inspectionBlocker(lastAccepted)}}
	case foundAny:
		return rule{"inspection", fmt.Sprintf("%s (the last inspection, on %s, %s).", msg, lastAny.PerformedDate, resultPhrase(lastAny.Result)),
			[]Blocker{inspectionBlocker(lastAny)}}
	}
	return rule{field: "inspection", message: msg + " (the site has no completed inspection yet)."}
}

func inspectionBlocker(in InspectionFact) Blocker {
	return Blocker{Type: "inspection", ID: in.ID, Label: InspectionLabel(in.Type, in.Status, in.Result), Date: in.PerformedDate}
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

// openFindingsProblem is the findings rule, unmet when a finding of a
// blocking severity is still open: how many of each must be closed, and
// which (the most severe first).
func openFindingsProblem(fs []FindingFact, blocking ...model.Severity) rule {
	counts := map[model.Severity]int{}
	bySeverity := map[model.Severity][]Blocker{}
	total := 0
	for _, f := range fs {
		// Anything not verified closed blocks, including a status the
		// model does not know: only a closed finding has been checked.
		if f.Status == model.FindingClosed || !slices.Contains(blocking, f.Severity) {
			continue
		}
		counts[f.Severity]++
		bySeverity[f.Severity] = append(bySeverity[f.Severity], findingBlocker(f))
		total++
	}
	if total == 0 {
		return rule{field: "findings"}
	}
	var parts []string
	var blockers []Blocker
	for _, sev := range blocking {
		switch n := counts[sev]; n {
		case 0:
		case 1:
			parts = append(parts, fmt.Sprintf("1 open %s finding", sev))
		default:
			parts = append(parts, fmt.Sprintf("%d open %s findings", n, sev))
		}
		blockers = append(blockers, bySeverity[sev]...)
	}
	return rule{"findings", joinAnd(parts) + " must be closed first.", blockers[:min(len(blockers), maxBlockers)]}
}

func findingBlocker(f FindingFact) Blocker {
	return Blocker{Type: "finding", ID: f.ID, Label: FindingLabel(f.Severity, f.Description)}
}

// certificationProblem is the certification rule, unmet when no
// certificate is neither expired nor withdrawn today; the expired and
// withdrawn ones are its blockers.
func certificationProblem(certs []CertificationFact, today model.Date) rule {
	if len(certs) == 0 {
		return rule{field: "certification", message: "No valid certification: the site has no certificate on record."}
	}
	details := make([]string, 0, len(certs))
	blockers := []Blocker{}
	for _, c := range certs {
		// Expiring is still valid: the window only warns ahead of time.
		status := CertificationStatus(c.ExpiresOn, c.Withdrawn, today, 0)
		if status == model.CertValid || status == model.CertExpiring {
			return rule{field: "certification"}
		}
		name := strings.TrimSpace(c.Standard)
		if name == "" {
			name = "a certificate without a standard"
		}
		b := Blocker{Type: "certification", ID: c.ID}
		switch {
		case status == model.CertWithdrawn:
			details = append(details, name+" withdrawn")
			b.Label = name + ", withdrawn"
		case c.ExpiresOn.IsZero():
			details = append(details, name+" has no expiry date")
			b.Label = name + ", no expiry date"
		default:
			details = append(details, fmt.Sprintf("%s expired on %s", name, c.ExpiresOn))
			b.Label, b.Date = name+", expired", c.ExpiresOn
		}
		if len(blockers) < maxBlockers {
			blockers = append(blockers, b)
		}
	}
	if len(details) > maxCertificateDetails {
		more := len(details) - maxCertificateDetails
		details = append(details[:maxCertificateDetails], fmt.Sprintf("%d more", more))
	}
	return rule{"certification", "No valid certification: every certificate is expired or withdrawn (" + strings.Join(details, "; ") + ").", blockers}
}

// joinAnd joins words as English lists them: "a", "a and b", "a, b and c".
func joinAnd(words []string) string {
	if len(words) <= 1 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}
