package model

import (
	"slices"
	"time"
)

// CAStage is a stage of a corrective-action request, named after the 8D
// method's disciplines: the supplier answers D3 to D7, the buyer D8.
type CAStage string

const (
	StageContainment  CAStage = "d3" // immediate containment
	StageRootCause    CAStage = "d4" // root cause, with the method used
	StageCorrection   CAStage = "d5" // corrective action (D5) and its implementation (D6)
	StagePrevention   CAStage = "d7" // preventive and lateral action
	StageVerification CAStage = "d8" // the buyer's verification of effectiveness
)

// SupplierStages are the stages the supplier answers, in order.
var SupplierStages = []CAStage{StageContainment, StageRootCause, StageCorrection, StagePrevention}

// CAStages lists every stage, in order.
var CAStages = []CAStage{StageContainment, StageRootCause, StageCorrection, StagePrevention, StageVerification}

// Valid reports whether s is a known stage.
func (s CAStage) Valid() bool { return slices.Contains(CAStages, s) }

// CAStageStatus is where one stage stands.
type CAStageStatus string

const (
	StageOpen      CAStageStatus = "open"      // awaiting the supplier's answer
	StageSubmitted CAStageStatus = "submitted" // awaiting the buyer's review
	StageReturned  CAStageStatus = "returned"  // the buyer asked for more; open again for the supplier
	StageAccepted  CAStageStatus = "accepted"
)

// CAStageStatuses lists every stage status.
var CAStageStatuses = []CAStageStatus{StageOpen, StageSubmitted, StageReturned, StageAccepted}

// CAStatus is whether a corrective-action request is still open.
type CAStatus string

const (
	CAOpen   CAStatus = "open"
	CAClosed CAStatus = "closed"
)

// CAStatuses lists every request status.
var CAStatuses = []CAStatus{CAOpen, CAClosed}

// RootCauseMethod is how a root cause was found.
type RootCauseMethod string

// RootCauseMethods lists the methods a D4 answer may name.
var RootCauseMethods = []RootCauseMethod{"five_why", "fishbone", "free"}

// Valid reports whether m is a known method.
func (m RootCauseMethod) Valid() bool { return slices.Contains(RootCauseMethods, m) }

// VerificationMethod is how the buyer verified a correction works.
type VerificationMethod string

// VerificationMethods lists the ways D8 may be verified; next_inspection
// names the checklist item of the next inspection that checked it.
var VerificationMethods = []VerificationMethod{"next_inspection", "on_site_check", "document_review", "data_review"}

// Valid reports whether m is a known method.
func (m VerificationMethod) Valid() bool { return slices.Contains(VerificationMethods, m) }

// CorrectiveAction is a corrective-action request (SCAR) issued to a
// finding's manufacturer. SiteID and ManufacturerID are the finding's,
// kept here so the supplier's scope narrows requests with an index.
type CorrectiveAction struct {
	Base
	FindingID      int64    `json:"finding_id"`
	SiteID         int64    `json:"site_id"`
	ManufacturerID int64    `json:"manufacturer_id"`
	Status         CAStatus `gorm:"size:20" json:"status"`
	CurrentStage   CAStage  `gorm:"size:4" json:"current_stage"`
	// Request is what the buyer asks of the supplier; InternalNote is the
	// buyer's own, never shown to the supplier.
	Request      string    `json:"request"`
	InternalNote string    `json:"internal_note"`
	IssuedByID   int64     `json:"issued_by_id"`
	IssuedAt     time.Time `json:"issued_at"`
	// NextDue is the earliest due date of a stage waiting for the
	// supplier (null when none is): the overdue filter reads it.
	NextDue Date `json:"next_due"`
	// FirstResponseAt and ReworkCount feed the supplier's scorecard: how
	// soon it first answered, and how many answers were returned.
	FirstResponseAt       *time.Time         `json:"first_response_at"`
	ReworkCount           int                `json:"rework_count"`
	VerificationMethod    VerificationMethod `gorm:"size:30" json:"verification_method"`
	VerificationNote      string             `json:"verification_note"`
	VerificationReference string             `gorm:"size:300" json:"verification_reference"`
	VerifiedByID          *int64             `json:"verified_by_id"`
	VerifiedAt            *time.Time         `json:"verified_at"`
	Version               int64              `json:"version"`
}

// CorrectiveActionStage is one stage of a request: the supplier's latest
// answer and the buyer's latest review of it.
type CorrectiveActionStage struct {
	Base
	CorrectiveActionID int64         `json:"corrective_action_id"`
	Stage              CAStage       `gorm:"size:4" json:"stage"`
	Status             CAStageStatus `gorm:"size:20" json:"status"`
	DueDate            Date          `json:"due_date"`
	// Text is the answer; Detail the implementation (D5/D6) or the other
	// lines and sites affected (D7); Method the root-cause method (D4).
	Text          string          `json:"text"`
	Detail        string          `json:"detail"`
	Method        RootCauseMethod `gorm:"size:20" json:"method"`
	SubmittedAt   *time.Time      `json:"submitted_at"`
	SubmittedByID *int64          `json:"submitted_by_id"`
	Submissions   int             `json:"submissions"`
	ReviewedAt    *time.Time      `json:"reviewed_at"`
	ReviewedByID  *int64          `json:"reviewed_by_id"`
	ReturnReason  string          `json:"return_reason"`
}

// CorrectiveActionReceipt is the receipt of one supplier submission: the
// audit event that recorded it, which the supplier can later prove is
// still in the chain.
type CorrectiveActionReceipt struct {
	ID                 int64     `gorm:"primaryKey" json:"id"`
	CreatedAt          time.Time `json:"created_at"`
	CorrectiveActionID int64     `json:"corrective_action_id"`
	Stage              CAStage   `gorm:"size:4" json:"stage"`
	UserID             int64     `json:"user_id"`
	AuditSequence      int64     `json:"sequence"`
	AuditHash          string    `gorm:"size:64" json:"hash"`
}

// CorrectiveActionFile is a file the supplier attached to a stage's
// answer. Like attachments, the bytes live outside the database under
// StorageKey, derived from the content's SHA-256.
type CorrectiveActionFile struct {
	Base
	CorrectiveActionID int64     `json:"corrective_action_id"`
	Stage              CAStage   `gorm:"size:4" json:"stage"`
	FileName           string    `gorm:"size:255" json:"file_name"`
	ContentType        string    `gorm:"size:100" json:"content_type"`
	Size               int64     `json:"size"`
	SHA256             string    `gorm:"column:sha256;size:64" json:"sha256"`
	StorageKey         string    `gorm:"size:100" json:"-"`
	UploadedByID       int64     `json:"uploaded_by_id"`
	UploadedAt         time.Time `json:"uploaded_at"`
}
