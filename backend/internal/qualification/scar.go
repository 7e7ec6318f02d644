package qualification

import (
	"fmt"
	"slices"
	"strings"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

// Corrective-action requests (SCAR) follow the 8D method: the supplier
// answers containment (D3), root cause (D4), correction and its
// implementation (D5/D6) and prevention (D7), in that order; the buyer
// accepts each answer or returns it with a reason, and finally verifies
// that the correction works (D8), which closes the request.

// StageState is one stage as the rules need it.
type StageState struct {
	Stage  model.CAStage
	Status model.CAStageStatus
	Due    model.Date
}

// CorrectiveDueDays are the days from a request's issue to each supplier
// stage's due date, per finding severity.
type CorrectiveDueDays map[model.Severity]map[model.CAStage]int

// DefaultCorrectiveDueDays: containment within days, root cause within
// weeks, the correction within a month or two (QUALTRACK_SCAR_DUE_DAYS
// overrides them).
var DefaultCorrectiveDueDays = CorrectiveDueDays{
	model.SeverityCritical:    {model.StageContainment: 2, model.StageRootCause: 14, model.StageCorrection: 30, model.StagePrevention: 45},
	model.SeverityMajor:       {model.StageContainment: 7, model.StageRootCause: 30, model.StageCorrection: 60, model.StagePrevention: 90},
	model.SeverityMinor:       {model.StageContainment: 14, model.StageRootCause: 45, model.StageCorrection: 90, model.StagePrevention: 120},
	model.SeverityObservation: {model.StageContainment: 30, model.StageRootCause: 60, model.StageCorrection: 120, model.StagePrevention: 150},
}

// StageDueDates are the due dates of the supplier stages of a request
// issued on issued for a finding of severity sev.
func StageDueDates(sev model.Severity, issued model.Date, days CorrectiveDueDays) map[model.CAStage]model.Date {
	d, ok := days[sev]
	if !ok {
		d = DefaultCorrectiveDueDays[sev]
	}
	out := make(map[model.CAStage]model.Date, len(model.SupplierStages))
	for _, st := range model.SupplierStages {
		out[st] = issued.AddDays(d[st])
	}
	return out
}

// CheckCorrectiveDueDays refuses days that are not positive or that do
// not grow from one stage to the next.
func CheckCorrectiveDueDays(days CorrectiveDueDays) error {
	for sev, d := range days {
		prev := 0
		for _, st := range model.SupplierStages {
			n, ok := d[st]
			if !ok || n < 1 || n < prev {
				return fmt.Errorf("%s: the days of %s must be given, at least 1 and not fewer than the stage before", sev, st)
			}
			prev = n
		}
	}
	return nil
}

// stageNames say the stages in words.
var stageNames = map[model.CAStage]string{
	model.StageContainment: "containment (D3)", model.StageRootCause: "root cause (D4)",
	model.StageCorrection: "corrective action (D5/D6)", model.StagePrevention: "preventive action (D7)",
	model.StageVerification: "verification (D8)",
}

// StageName is the stage in words.
func StageName(s model.CAStage) string { return stageNames[s] }

// CheckSubmit says whether the supplier may submit stage now: it must be
// one the supplier answers, be open or returned, and every earlier stage
// must have been answered (submitted or accepted).
func CheckSubmit(stages []StageState, stage model.CAStage) error {
	p := Problems{}
	if !slices.Contains(model.SupplierStages, stage) {
		p.Add("stage", "Answer one of: "+enumList(model.SupplierStages)+"; the verification (d8) is the buyer's.")
		return p.Err("This stage cannot be submitted.")
	}
	for _, s := range stages {
		if s.Stage == stage {
			if s.Status != model.StageOpen && s.Status != model.StageReturned {
				p.Add("stage", fmt.Sprintf("The %s is %s; only an open or returned stage can be submitted.", StageName(stage), s.Status))
			}
			break
		}
		if s.Status == model.StageOpen || s.Status == model.StageReturned {
			p.Add("stage", fmt.Sprintf("Answer the %s first.", StageName(s.Stage)))
			break
		}
	}
	return p.Err("This stage cannot be submitted.")
}

// CheckAnswer validates a supplier's answer to stage: the text, and for
// the root cause the method, for the correction its implementation.
func CheckAnswer(stage model.CAStage, text, detail string, method model.RootCauseMethod) error {
	p := Problems{}
	requiredText(p, "text", strings.TrimSpace(text), maxFreeTextLength, "Write the answer.")
	optionalText(p, "detail", detail, maxFreeTextLength)
	switch stage {
	case model.StageRootCause:
		if !method.Valid() {
			p.Add("method", "Say how the root cause was found: "+enumList(model.RootCauseMethods)+".")
		}
	case model.StageCorrection:
		if strings.TrimSpace(detail) == "" {
			p.Add("detail", "Say how and when the corrective action was implemented (D6).")
		}
	}
	if stage != model.StageRootCause && method != "" {
		p.Add("method", "Only the root cause (D4) names a method.")
	}
	return p.Err("The answer is not complete.")
}

// CheckReview says whether the buyer may accept or return a stage: it
// must have been submitted, and a return needs the reason the supplier
// will read.
func CheckReview(s StageState, accept bool, reason string) error {
	p := Problems{}
	if s.Status != model.StageSubmitted {
		p.Add("stage", fmt.Sprintf("The %s is %s; only a submitted answer can be reviewed.", StageName(s.Stage), s.Status))
	}
	if !accept {
		requiredText(p, "reason", strings.TrimSpace(reason), maxFreeTextLength, "Say what the supplier must add or change.")
	}
	return p.Err("This answer cannot be reviewed.")
}

// Reviewed is a submitted stage's status after the buyer's review.
func Reviewed(accept bool) model.CAStageStatus {
	if accept {
		return model.StageAccepted
	}
	return model.StageReturned
}

// CheckVerify says whether the buyer may verify the request's
// effectiveness (D8) and close it: every supplier stage accepted, a method,
// a note saying what was checked, and for a check at the next inspection
// the checklist item that checked it.
func CheckVerify(stages []StageState, method model.VerificationMethod, note, reference string) error {
	p := Problems{}
	for _, s := range stages {
		if slices.Contains(model.SupplierStages, s.Stage) && s.Status != model.StageAccepted {
			p.Add("stage", fmt.Sprintf("Accept the %s first.", StageName(s.Stage)))
			break
		}
	}
	if !method.Valid() {
		p.Add("method", "Say how effectiveness was verified: "+enumList(model.VerificationMethods)+".")
	}
	requiredText(p, "note", strings.TrimSpace(note), maxFreeTextLength, "Say what was checked and what showed the correction works.")
	optionalText(p, "reference", reference, 300)
	if method == "next_inspection" && strings.TrimSpace(reference) == "" {
		p.Add("reference", "Name the inspection and checklist item that verified it.")
	}
	return p.Err("The request cannot be verified.")
}

// CurrentStage is the stage a request waits on: the first supplier stage
// not yet accepted, else the buyer's verification.
func CurrentStage(stages []StageState) model.CAStage {
	for _, s := range stages {
		if slices.Contains(model.SupplierStages, s.Stage) && s.Status != model.StageAccepted {
			return s.Stage
		}
	}
	return model.StageVerification
}

// StageOverdue reports whether a stage waiting for the supplier is past
// its due date today.
func StageOverdue(s StageState, today model.Date) bool {
	waiting := s.Status == model.StageOpen || s.Status == model.StageReturned
	return waiting && !s.Due.IsZero() && s.Due.Before(today)
}

// NextDue is the earliest due date of a stage waiting for the supplier
// (zero when none waits).
func NextDue(stages []StageState) model.Date {
	var next model.Date
	for _, s := range stages {
		if (s.Status == model.StageOpen || s.Status == model.StageReturned) && !s.Due.IsZero() && (next.IsZero() || s.Due.Before(next)) {
			next = s.Due
		}
	}
	return next
}

// StageContent is what the signature accepting a stage's answer covers:
// the answer as the supplier submitted it.
type StageContent struct {
	Kind               string                `json:"kind"` // "corrective_action_stage"
	CorrectiveActionID int64                 `json:"corrective_action_id"`
	FindingID          int64                 `json:"finding_id"`
	Stage              model.CAStage         `json:"stage"`
	Text               string                `json:"text"`
	Detail             string                `json:"detail"`
	Method             model.RootCauseMethod `json:"method"`
	Submissions        int                   `json:"submissions"`
	// Files are the SHA-256 of the files attached to the answer, in the
	// order they were attached.
	Files []string `json:"files"`
}

// VerificationContent is what the signature verifying effectiveness (D8)
// covers.
type VerificationContent struct {
	Kind               string                   `json:"kind"` // "corrective_action_verification"
	CorrectiveActionID int64                    `json:"corrective_action_id"`
	FindingID          int64                    `json:"finding_id"`
	Method             model.VerificationMethod `json:"method"`
	Note               string                   `json:"note"`
	Reference          string                   `json:"reference"`
}

// CheckIssue validates what the buyer writes when issuing a request: what
// is asked of the supplier, and an internal note the supplier never sees.
func CheckIssue(request, internalNote string) error {
	p := Problems{}
	optionalText(p, "request", request, maxFreeTextLength)
	optionalText(p, "internal_note", internalNote, maxFreeTextLength)
	return p.Err("The request cannot be issued.")
}
