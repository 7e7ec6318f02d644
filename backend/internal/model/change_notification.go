package model

import (
	"slices"
	"time"
)

// ChangeKind is what a change notification (PCN) changes.
type ChangeKind string

// ChangeKinds lists every kind of change a manufacturer notifies.
var ChangeKinds = []ChangeKind{"process", "equipment", "location", "sub_tier_source", "material", "firmware_toolchain", "key_personnel"}

// Valid reports whether k is a known kind.
func (k ChangeKind) Valid() bool { return slices.Contains(ChangeKinds, k) }

// ChangeStatus is where a change notification stands.
type ChangeStatus string

const (
	ChangePending                ChangeStatus = "pending"
	ChangeApproved               ChangeStatus = "approved"
	ChangeApprovedWithConditions ChangeStatus = "approved_with_conditions"
	ChangeRejected               ChangeStatus = "rejected"
)

// ChangeStatuses lists every status.
var ChangeStatuses = []ChangeStatus{ChangePending, ChangeApproved, ChangeApprovedWithConditions, ChangeRejected}

// CategoryUnnotifiedChange is the category of a finding that records a
// change found on site that was never notified.
const CategoryUnnotifiedChange FindingCategory = "unnotified_change"

// ChangeNotification is a manufacturer's notice of a change to its
// process, equipment, location, sources, materials, firmware toolchain or
// key people, for some of its sites, and the buyer's decision on it.
type ChangeNotification struct {
	Base
	ManufacturerID int64        `json:"manufacturer_id"`
	Kind           ChangeKind   `gorm:"size:30" json:"kind"`
	Title          string       `gorm:"size:200" json:"title"`
	Description    string       `json:"description"`
	PlannedDate    Date         `json:"planned_date"`
	Status         ChangeStatus `gorm:"size:30" json:"status"`
	Conditions     string       `json:"conditions"`
	DecisionReason string       `json:"decision_reason"`
	// RequiresInspection: the approval asked for a for-cause inspection,
	// InspectionID the one planned for it.
	RequiresInspection bool   `json:"requires_inspection"`
	InspectionID       *int64 `json:"inspection_id"`
	// Retroactive: recorded by the buyer after the change was found on
	// site (FindingID, category unnotified_change), not notified.
	Retroactive   bool       `json:"retroactive"`
	FindingID     *int64     `json:"finding_id"`
	SubmittedByID int64      `json:"submitted_by_id"`
	SubmittedAt   time.Time  `json:"submitted_at"`
	DecidedByID   *int64     `json:"decided_by_id"`
	DecidedAt     *time.Time `json:"decided_at"`
	Version       int64      `json:"version"`
}

// ChangeNotificationSite names one site a change concerns.
type ChangeNotificationSite struct {
	ChangeNotificationID int64 `gorm:"primaryKey;autoIncrement:false"`
	SiteID               int64 `gorm:"primaryKey;autoIncrement:false"`
}
