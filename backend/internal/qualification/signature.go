package qualification

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

// SignedAction is a change that takes the electronic signature of the
// person making it (re-entered password, and a code when they use
// two-factor sign-in).
type SignedAction string

const (
	SignDecision           SignedAction = "site.qualification"
	SignFindingClose       SignedAction = "finding.close"
	SignInspectionComplete SignedAction = "inspection.complete"
	SignFirmwareApprove    SignedAction = "firmware_release.approve"
	// SignStageAccept is the buyer accepting a supplier's answer to a
	// corrective-action stage; SignCorrectiveVerify the buyer verifying
	// the correction works (D8), which closes the request.
	SignStageAccept      SignedAction = "corrective_action.accept"
	SignCorrectiveVerify SignedAction = "corrective_action.verify"
	// SignChangeDecision is a manager's decision on a change notification.
	SignChangeDecision SignedAction = "change_notification.decide"
)

// signatureMeanings are the meanings each signed action may carry, the
// first being the usual one. A new signed change (a corrective-action
// stage, a change notification, a firmware release) adds its line here.
var signatureMeanings = map[SignedAction][]model.SignatureMeaning{
	SignDecision:           {model.MeaningApproved, model.MeaningReviewed},
	SignFindingClose:       {model.MeaningVerified, model.MeaningReviewed, model.MeaningApproved},
	SignInspectionComplete: {model.MeaningAuthored, model.MeaningReviewed, model.MeaningApproved},
	SignFirmwareApprove:    {model.MeaningApproved},
	SignStageAccept:        {model.MeaningReviewed, model.MeaningApproved},
	SignCorrectiveVerify:   {model.MeaningVerified, model.MeaningApproved},
	SignChangeDecision:     {model.MeaningApproved, model.MeaningReviewed},
}

// CheckSignatureMeaning refuses a meaning that the action does not allow,
// naming the ones it does.
func CheckSignatureMeaning(action SignedAction, m model.SignatureMeaning) error {
	allowed, ok := signatureMeanings[action]
	if !ok {
		return fmt.Errorf("qualification: %q is not a signed action", action)
	}
	if slices.Contains(allowed, m) {
		return nil
	}
	names := make([]string, len(allowed))
	for i, a := range allowed {
		names[i] = string(a)
	}
	why := "must be one of: " + strings.Join(names, ", ")
	if m == "" {
		why = "is required (" + strings.Join(names, ", ") + ")"
	}
	return Problems{"signature.meaning": why}.Err("The signature is not valid.")
}

// ContentHash is the SHA-256 (hex) of a record's signed content: its
// canonical JSON, a struct with a fixed field order, so the same content
// always gives the same hash and any change to a signed field changes it.
func ContentHash(content any) (string, error) {
	b, err := json.Marshal(content)
	if err != nil {
		return "", fmt.Errorf("qualification: signed content: %w", err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), nil
}

// DecisionContent is what a qualification decision's signature covers.
type DecisionContent struct {
	Kind             string                    `json:"kind"` // "qualification_decision"
	DecisionID       int64                     `json:"decision_id"`
	SiteID           int64                     `json:"site_id"`
	SiteCode         string                    `json:"site_code"`
	From             model.QualificationStatus `json:"from"`
	To               model.QualificationStatus `json:"to"`
	Reason           string                    `json:"reason"`
	ConditionalUntil model.Date                `json:"conditional_until"`
}

// FindingContent is what the signature closing a finding covers.
type FindingContent struct {
	Kind             string              `json:"kind"` // "finding"
	FindingID        int64               `json:"finding_id"`
	InspectionID     int64               `json:"inspection_id"`
	SiteID           int64               `json:"site_id"`
	Severity         model.Severity      `json:"severity"`
	Category         string              `json:"category"`
	Requirement      string              `json:"requirement"`
	Description      string              `json:"description"`
	CorrectiveAction string              `json:"corrective_action"`
	Owner            string              `json:"owner"`
	DueDate          model.Date          `json:"due_date"`
	Status           model.FindingStatus `json:"status"`
	VerificationNote string              `json:"verification_note"`
}

// FindingContentOf is f's signed content.
func FindingContentOf(f model.Finding) FindingContent {
	return FindingContent{
		Kind: "finding", FindingID: f.ID, InspectionID: f.InspectionID, SiteID: f.SiteID,
		Severity: f.Severity, Category: string(f.Category), Requirement: f.Requirement,
		Description: f.Description, CorrectiveAction: f.CorrectiveAction, Owner: f.Owner,
		DueDate: f.DueDate, Status: f.Status, VerificationNote: f.VerificationNote,
	}
}

// InspectionContent is what the signature completing an inspection covers.
type InspectionContent struct {
	Kind            string                 `json:"kind"` // "inspection"
	InspectionID    int64                  `json:"inspection_id"`
	SiteID          int64                  `json:"site_id"`
	Type            model.InspectionType   `json:"type"`
	Status          model.InspectionStatus `json:"status"`
	PerformedDate   model.Date             `json:"performed_date"`
	LeadInspectorID *int64                 `json:"lead_inspector_id"`
	Team            string                 `json:"team"`
	Scope           string                 `json:"scope"`
	Result          model.InspectionResult `json:"result"`
	Score           *int                   `json:"score"`
	Summary         string                 `json:"summary"`
	// ResultOverrideReason says why the result differs from the checklists'.
	ResultOverrideReason string `json:"result_override_reason"`
	// CorrectionReason says why a manager corrected the completed
	// inspection; left out when empty, so the content of an inspection
	// never corrected hashes as it always did.
	CorrectionReason string `json:"correction_reason,omitempty"`
}

// InspectionContentOf is in's signed content.
func InspectionContentOf(in model.Inspection) InspectionContent {
	return InspectionContent{
		Kind: "inspection", InspectionID: in.ID, SiteID: in.SiteID, Type: in.Type, Status: in.Status,
		PerformedDate: in.PerformedDate, LeadInspectorID: in.LeadInspectorID, Team: in.Team, Scope: in.Scope,
		Result: in.Result, Score: in.Score, Summary: in.Summary, ResultOverrideReason: in.ResultOverrideReason,
		CorrectionReason: in.CorrectionReason,
	}
}

// FirmwareReleaseContent is what the signature approving a firmware
// release covers: the image and who released it.
type FirmwareReleaseContent struct {
	Kind            string          `json:"kind"` // "firmware_release"
	ReleaseID       int64           `json:"release_id"`
	ProductID       int64           `json:"product_id"`
	Component       model.Component `json:"component"`
	FirmwareVersion string          `json:"firmware_version"`
	SHA256          string          `json:"sha256"`
	Signer          string          `json:"signer"`
	KeyID           string          `json:"key_id"`
	ReleasedOn      model.Date      `json:"released_on"`
	SupersedesID    *int64          `json:"supersedes_id"`
}

// FirmwareReleaseContentOf is r's signed content.
func FirmwareReleaseContentOf(r model.FirmwareRelease) FirmwareReleaseContent {
	return FirmwareReleaseContent{
		Kind: "firmware_release", ReleaseID: r.ID, ProductID: r.ProductID, Component: r.Component,
		FirmwareVersion: r.FirmwareVersion, SHA256: r.SHA256, Signer: r.Signer, KeyID: r.KeyID,
		ReleasedOn: r.ReleasedOn, SupersedesID: r.SupersedesID,
	}
}
