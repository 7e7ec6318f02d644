package model

import (
	"slices"
	"time"
)

// AssessmentStatus is where a self-assessment questionnaire stands.
type AssessmentStatus string

const (
	AssessmentOpen      AssessmentStatus = "open"      // sent; the supplier answers it (drafts saved)
	AssessmentSubmitted AssessmentStatus = "submitted" // awaiting the buyer's review
	AssessmentReturned  AssessmentStatus = "returned"  // items returned for rework; open again for those
	AssessmentAccepted  AssessmentStatus = "accepted"
)

// AssessmentStatuses lists every questionnaire status.
var AssessmentStatuses = []AssessmentStatus{AssessmentOpen, AssessmentSubmitted, AssessmentReturned, AssessmentAccepted}

// Valid reports whether s is a known status.
func (s AssessmentStatus) Valid() bool { return slices.Contains(AssessmentStatuses, s) }

// SelfAssessment is a checklist template version sent to a manufacturer,
// for one of its sites, as a questionnaire its suppliers answer before a
// visit. Version is the optimistic lock over the questionnaire and all its
// answers: every save moves it on.
type SelfAssessment struct {
	Base
	ManufacturerID int64            `json:"manufacturer_id"`
	SiteID         int64            `json:"site_id"`
	TemplateID     int64            `json:"template_id"`
	Status         AssessmentStatus `gorm:"size:20" json:"status"`
	Message        string           `json:"message"`
	DueDate        Date             `json:"due_date"`
	SentByID       int64            `json:"sent_by_id"`
	SentAt         time.Time        `json:"sent_at"`
	SubmittedAt    *time.Time       `json:"submitted_at"`
	SubmittedByID  *int64           `json:"submitted_by_id"`
	Submissions    int              `json:"submissions"`
	ReviewedAt     *time.Time       `json:"reviewed_at"`
	ReviewedByID   *int64           `json:"reviewed_by_id"`
	ReviewComment  string           `json:"review_comment"`
	ReworkCount    int              `json:"rework_count"`
	Version        int64            `json:"version"`
}

// SelfAssessmentAnswer is the supplier's answer to one item: its own
// statement, kept apart from any inspector's checklist answer. Evidence
// files are attachments of the questionnaire, referenced by id.
type SelfAssessmentAnswer struct {
	Base
	SelfAssessmentID int64     `json:"self_assessment_id"`
	ItemID           int64     `json:"item_id"`
	Answer           string    `gorm:"size:3" json:"answer"`
	Rating           *int      `json:"rating"`
	Text             string    `json:"text"`
	NotApplicable    bool      `json:"not_applicable"`
	Note             string    `json:"note"`
	AttachmentIDs    IDList    `gorm:"type:text" json:"attachment_ids"`
	AnsweredByID     *int64    `json:"answered_by_id"`
	AnsweredAt       time.Time `json:"answered_at"`
	ReturnComment    string    `json:"return_comment"`
	// Reworked: the answer changed since the item was returned.
	Reworked bool `json:"reworked"`
}

// ContradictionFinding records the finding raised for review when the
// inspector's answer to a critical item of an inspection contradicted the
// supplier's self-assessment: one per item of an inspection, so it is
// never raised twice.
type ContradictionFinding struct {
	Base
	InspectionID     int64 `json:"inspection_id"`
	ItemID           int64 `json:"item_id"`
	SelfAssessmentID int64 `json:"self_assessment_id"`
	FindingID        int64 `json:"finding_id"`
}
