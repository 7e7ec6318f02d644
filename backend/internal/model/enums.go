package model

import "slices"

// Role is what a user may do; see the role table in docs/rules.md.
type Role string

const (
	RoleAdmin       Role = "admin"
	RoleManager     Role = "manager"
	RoleProcurement Role = "procurement"
	RoleAuditor     Role = "auditor"
	// RoleSupplier is a person at one contract manufacturer: it reads and
	// answers only what is addressed to its manufacturer, in the supplier
	// portal (docs/suppliers.md).
	RoleSupplier Role = "supplier"
)

// Roles lists every role, most powerful first.
var Roles = []Role{RoleAdmin, RoleManager, RoleProcurement, RoleAuditor, RoleSupplier}

// StaffRoles are the roles of the buyer's own people: every role but the
// supplier.
var StaffRoles = []Role{RoleAdmin, RoleManager, RoleProcurement, RoleAuditor}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return slices.Contains(Roles, r) }

// QualificationStatus is where a site stands.
type QualificationStatus string

const (
	StatusProspective     QualificationStatus = "prospective"
	StatusInQualification QualificationStatus = "in_qualification"
	StatusQualified       QualificationStatus = "qualified"
	StatusConditional     QualificationStatus = "conditional"
	StatusSuspended       QualificationStatus = "suspended"
	StatusDisqualified    QualificationStatus = "disqualified"
)

// QualificationStatuses lists every status in lifecycle order.
var QualificationStatuses = []QualificationStatus{
	StatusProspective, StatusInQualification, StatusQualified,
	StatusConditional, StatusSuspended, StatusDisqualified,
}

// Valid reports whether s is a known status.
func (s QualificationStatus) Valid() bool { return slices.Contains(QualificationStatuses, s) }

// RiskTier sets how often a site is inspected.
type RiskTier string

const (
	RiskLow      RiskTier = "low"
	RiskMedium   RiskTier = "medium"
	RiskHigh     RiskTier = "high"
	RiskCritical RiskTier = "critical"
)

// RiskTiers lists every tier, lowest first.
var RiskTiers = []RiskTier{RiskLow, RiskMedium, RiskHigh, RiskCritical}

// Valid reports whether t is a known tier.
func (t RiskTier) Valid() bool { return slices.Contains(RiskTiers, t) }

// InspectionType says why an inspection happens.
type InspectionType string

const (
	InspectionQualification InspectionType = "qualification"
	InspectionRoutine       InspectionType = "routine"
	InspectionForCause      InspectionType = "for_cause"
	InspectionFollowUp      InspectionType = "follow_up"
)

// InspectionTypes lists every type.
var InspectionTypes = []InspectionType{InspectionQualification, InspectionRoutine, InspectionForCause, InspectionFollowUp}

// Valid reports whether t is a known type.
func (t InspectionType) Valid() bool { return slices.Contains(InspectionTypes, t) }

// InspectionStatus is planned, completed or cancelled.
type InspectionStatus string

const (
	InspectionPlanned   InspectionStatus = "planned"
	InspectionCompleted InspectionStatus = "completed"
	InspectionCancelled InspectionStatus = "cancelled"
)

// InspectionStatuses lists every inspection status.
var InspectionStatuses = []InspectionStatus{InspectionPlanned, InspectionCompleted, InspectionCancelled}

// Valid reports whether s is a known inspection status.
func (s InspectionStatus) Valid() bool { return slices.Contains(InspectionStatuses, s) }

// InspectionResult is the outcome of a completed inspection ("" when none).
type InspectionResult string

const (
	ResultPass        InspectionResult = "pass"
	ResultConditional InspectionResult = "conditional"
	ResultFail        InspectionResult = "fail"
)

// InspectionResults lists every result.
var InspectionResults = []InspectionResult{ResultPass, ResultConditional, ResultFail}

// Valid reports whether r is a known result.
func (r InspectionResult) Valid() bool { return slices.Contains(InspectionResults, r) }

// Severity grades a finding.
type Severity string

const (
	SeverityCritical    Severity = "critical"
	SeverityMajor       Severity = "major"
	SeverityMinor       Severity = "minor"
	SeverityObservation Severity = "observation"
)

// Severities lists every severity, worst first.
var Severities = []Severity{SeverityCritical, SeverityMajor, SeverityMinor, SeverityObservation}

// Valid reports whether s is a known severity.
func (s Severity) Valid() bool { return slices.Contains(Severities, s) }

// FindingCategory groups findings.
type FindingCategory string

// FindingCategories lists every category.
var FindingCategories = []FindingCategory{"quality", "security", "traceability", "esd", "process", "environmental", "other", "unnotified_change"}

// Valid reports whether c is a known category.
func (c FindingCategory) Valid() bool { return slices.Contains(FindingCategories, c) }

// FindingStatus is open, in progress or closed.
type FindingStatus string

const (
	FindingOpen       FindingStatus = "open"
	FindingInProgress FindingStatus = "in_progress"
	FindingClosed     FindingStatus = "closed"
)

// FindingStatuses lists every finding status.
var FindingStatuses = []FindingStatus{FindingOpen, FindingInProgress, FindingClosed}

// Valid reports whether s is a known finding status.
func (s FindingStatus) Valid() bool { return slices.Contains(FindingStatuses, s) }

// CertificationStatus is derived from a certificate's dates and flags.
type CertificationStatus string

const (
	CertValid     CertificationStatus = "valid"
	CertExpiring  CertificationStatus = "expiring"
	CertExpired   CertificationStatus = "expired"
	CertWithdrawn CertificationStatus = "withdrawn"
)

// CertificationStatuses lists every derived certificate status.
var CertificationStatuses = []CertificationStatus{CertValid, CertExpiring, CertExpired, CertWithdrawn}

// Valid reports whether s is a known certificate status.
func (s CertificationStatus) Valid() bool { return slices.Contains(CertificationStatuses, s) }

// AttachmentOwner is the kind of record a file is attached to.
type AttachmentOwner string

const (
	OwnerSite          AttachmentOwner = "site"
	OwnerInspection    AttachmentOwner = "inspection"
	OwnerFinding       AttachmentOwner = "finding"
	OwnerCertification AttachmentOwner = "certification"
	// OwnerSelfAssessment: evidence a supplier attaches to its answers.
	OwnerSelfAssessment AttachmentOwner = "self_assessment"
	// OwnerBOMRevision: the BOM/AVL file of a product's revision (the
	// buyer's record: every reader reads it).
	OwnerBOMRevision AttachmentOwner = "bom_revision"
	// OwnerChangeNotification: drawings and descriptions of a change,
	// attached by the supplier or by the buyer while it is pending.
	OwnerChangeNotification AttachmentOwner = "change_notification"
)

// SiteProcesses are the processes a site commonly runs; others are allowed.
var SiteProcesses = []string{"smt", "pcb_fabrication", "final_assembly", "firmware_programming", "testing", "cable_assembly", "box_build", "repair", "packaging"}

// SignatureMeaning is what a signer declares by signing a record.
type SignatureMeaning string

const (
	MeaningApproved SignatureMeaning = "approved"
	MeaningVerified SignatureMeaning = "verified"
	MeaningReviewed SignatureMeaning = "reviewed"
	MeaningAuthored SignatureMeaning = "authored"
)

// SignatureMeanings lists every meaning.
var SignatureMeanings = []SignatureMeaning{MeaningApproved, MeaningVerified, MeaningReviewed, MeaningAuthored}

// Valid reports whether m is a known meaning.
func (m SignatureMeaning) Valid() bool { return slices.Contains(SignatureMeanings, m) }
