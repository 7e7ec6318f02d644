// Package model holds the gorm structs that map qualtrack's tables, their
// enumerations and the calendar Date type. It has no behaviour beyond
// validating enum values; the rules live in package qualification.
package model

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"slices"
	"time"
)

// Base is embedded in every table's struct.
type Base struct {
	ID        int64     `gorm:"primaryKey" json:"id"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// JSONList is a list stored as a JSON array in a text column, and
// written to JSON as [] (never null) when empty.
type JSONList[T any] []T

// StringList is a list of strings in one column (a site's processes).
type StringList = JSONList[string]

// IDList is a list of record ids in one column.
type IDList = JSONList[int64]

// Value stores the list as a JSON array ("[]" when empty).
func (l JSONList[T]) Value() (driver.Value, error) {
	if l == nil {
		return "[]", nil
	}
	b, err := json.Marshal([]T(l))
	return string(b), err
}

// Scan reads a JSON array; NULL reads as the empty list.
func (l *JSONList[T]) Scan(v any) error {
	var b []byte
	switch x := v.(type) {
	case nil:
		*l = JSONList[T]{}
		return nil
	case string:
		b = []byte(x)
	case []byte:
		b = x
	default:
		return fmt.Errorf("model: cannot scan %T into %T", v, l)
	}
	out := []T{}
	if err := json.Unmarshal(b, &out); err != nil {
		return fmt.Errorf("model: scan %T: %w", l, err)
	}
	if out == nil { // the column held "null"
		out = []T{}
	}
	*l = out
	return nil
}

// MarshalJSON writes [] rather than null for an empty list.
func (l JSONList[T]) MarshalJSON() ([]byte, error) {
	if l == nil {
		return []byte("[]"), nil
	}
	return json.Marshal([]T(l))
}

// User is a person who signs in.
type User struct {
	Base
	Email           string     `gorm:"size:254" json:"email"`
	Name            string     `gorm:"size:200" json:"name"`
	Role            Role       `gorm:"size:20" json:"role"`
	PasswordHash    string     `gorm:"size:255" json:"-"`
	Active          bool       `json:"active"`
	AccessExpiresAt *time.Time `json:"access_expires_at"`
	TokenVersion    int64      `json:"-"`
	LastLoginAt     *time.Time `json:"last_login_at"`
	// EmailRefusedAt is when the mail server refused the address for
	// good (a 5xx answer); no reminder e-mail is tried until the address
	// changes or a test e-mail to it goes through. EmailRefusal is the
	// server's answer.
	EmailRefusedAt *time.Time `json:"email_refused_at"`
	EmailRefusal   string     `gorm:"size:300" json:"email_refusal"`
	// MustChangePassword: the password was generated or set by an
	// administrator; the user's sessions may only change it.
	MustChangePassword bool `json:"must_change_password"`
	// Language is the one the user chose for the screens and e-mails that
	// are translated (the supplier's); "" follows the browser, and e-mails
	// are then in English.
	Language Language `gorm:"size:10" json:"language"`
	// Service: the user a service token acts as (see ServiceToken); it
	// never signs in and is not listed among the people.
	Service bool  `json:"-"`
	Version int64 `json:"version"`
}

// Language is a language qualtrack's translated screens and e-mails speak.
type Language string

const (
	LanguageEnglish           Language = "en"
	LanguageSimplifiedChinese Language = "zh-CN"
)

// Languages lists the languages shipped.
var Languages = []Language{LanguageEnglish, LanguageSimplifiedChinese}

// Valid reports whether l is "" (follow the browser) or a shipped language.
func (l Language) Valid() bool { return l == "" || slices.Contains(Languages, l) }

// Manufacturer is a contract-manufacturer company.
type Manufacturer struct {
	Base
	Name       string     `gorm:"size:200" json:"name"`
	NameKey    string     `gorm:"size:200" json:"-"` // qualification.NameKey(Name): unique
	LegalName  string     `gorm:"size:300" json:"legal_name"`
	Country    string     `gorm:"size:2" json:"country"`
	Website    string     `gorm:"size:500" json:"website"`
	Notes      string     `json:"notes"`
	ArchivedAt *time.Time `json:"archived_at"`
	Version    int64      `json:"version"`
}

// Site is one factory of a manufacturer. The Last*/Next* columns are kept
// up to date by the store whenever an inspection changes, so lists can
// filter and sort on them in the database.
type Site struct {
	Base
	ManufacturerID       int64               `json:"manufacturer_id"`
	Code                 string              `gorm:"size:40" json:"code"`
	Name                 string              `gorm:"size:200" json:"name"`
	Address              string              `gorm:"size:500" json:"address"`
	City                 string              `gorm:"size:120" json:"city"`
	Country              string              `gorm:"size:2" json:"country"`
	Processes            StringList          `gorm:"type:text" json:"processes"`
	ApprovedScope        string              `json:"approved_scope"`
	RiskTier             RiskTier            `gorm:"size:20" json:"risk_tier"`
	QualificationStatus  QualificationStatus `gorm:"size:30" json:"qualification_status"`
	StatusSince          time.Time           `json:"status_since"`
	ConditionalUntil     Date                `json:"conditional_until"`
	ContactName          string              `gorm:"size:200" json:"contact_name"`
	ContactEmail         string              `gorm:"size:254" json:"contact_email"`
	ContactPhone         string              `gorm:"size:60" json:"contact_phone"`
	Notes                string              `json:"notes"`
	LastInspectionDate   Date                `json:"last_inspection_date"`
	LastInspectionResult InspectionResult    `gorm:"size:20" json:"last_inspection_result"`
	NextInspectionDue    Date                `json:"next_inspection_due"`
	NextPlannedDate      Date                `json:"next_planned_date"`
	ArchivedAt           *time.Time          `json:"archived_at"`
	Version              int64               `json:"version"`
}

// QualificationDecision is one change of a site's status. Never edited.
type QualificationDecision struct {
	Base
	SiteID           int64               `json:"site_id"`
	FromStatus       QualificationStatus `gorm:"size:30" json:"from"`
	ToStatus         QualificationStatus `gorm:"size:30" json:"to"`
	Reason           string              `json:"reason"`
	ConditionalUntil Date                `json:"conditional_until"`
	DecidedByID      int64               `json:"decided_by_id"`
	DecidedAt        time.Time           `json:"decided_at"`
}

// Inspection is a visit to a site, planned or done.
type Inspection struct {
	Base
	SiteID          int64            `json:"site_id"`
	Type            InspectionType   `gorm:"size:20" json:"type"`
	Status          InspectionStatus `gorm:"size:20" json:"status"`
	ScheduledDate   Date             `json:"scheduled_date"`
	PerformedDate   Date             `json:"performed_date"`
	LeadInspectorID *int64           `json:"lead_inspector_id"`
	Team            string           `json:"team"`
	Scope           string           `json:"scope"`
	Result          InspectionResult `gorm:"size:20" json:"result"`
	Score           *int             `json:"score"`
	Summary         string           `json:"summary"`
	// ResultOverrideReason says why the recorded result differs from the
	// one its checklists suggest.
	ResultOverrideReason string `json:"result_override_reason"`
	// UnansweredReason says why critical checklist items were left
	// unanswered when it was completed.
	UnansweredReason string `json:"unanswered_reason"`
	// CorrectionReason says why the result, status, site or performed
	// date of the completed inspection was last corrected (see
	// qualification.InspectionCorrection).
	CorrectionReason string `json:"correction_reason"`
	Version          int64  `json:"version"`
}

// Finding is a nonconformity or observation raised by an inspection.
type Finding struct {
	Base
	InspectionID     int64           `json:"inspection_id"`
	SiteID           int64           `json:"site_id"`
	Severity         Severity        `gorm:"size:20" json:"severity"`
	Category         FindingCategory `gorm:"size:20" json:"category"`
	Requirement      string          `gorm:"size:200" json:"requirement"`
	Description      string          `json:"description"`
	CorrectiveAction string          `json:"corrective_action"`
	Owner            string          `gorm:"size:200" json:"owner"`
	DueDate          Date            `json:"due_date"`
	Status           FindingStatus   `gorm:"size:20" json:"status"`
	VerificationNote string          `json:"verification_note"`
	VerifiedByID     *int64          `json:"verified_by_id"`
	VerifiedAt       *time.Time      `json:"verified_at"`
	Version          int64           `json:"version"`
}

// Certification is a management-system certificate held by a site, or
// the counterfeit-avoidance certificate of one of its component sources
// (ComponentSourceID set): the store keeps that one in step with the
// source, and it never counts toward the site's own qualification.
type Certification struct {
	Base
	SiteID            int64      `json:"site_id"`
	Standard          string     `gorm:"size:100" json:"standard"`
	CertificateNumber string     `gorm:"size:100" json:"certificate_number"`
	IssuingBody       string     `gorm:"size:200" json:"issuing_body"`
	Scope             string     `json:"scope"`
	IssuedOn          Date       `json:"issued_on"`
	ExpiresOn         Date       `json:"expires_on"`
	Withdrawn         bool       `json:"withdrawn"`
	WithdrawnReason   string     `json:"withdrawn_reason"`
	VerifiedByID      *int64     `json:"verified_by_id"`
	VerifiedAt        *time.Time `json:"verified_at"`
	ComponentSourceID *int64     `json:"component_source_id"`
	Version           int64      `json:"version"`
}

// Attachment is a file attached to a site, inspection, finding or
// certification. The bytes live outside the database under StorageKey,
// which is derived from the content's SHA-256.
type Attachment struct {
	Base
	OwnerType    AttachmentOwner `gorm:"size:20" json:"owner_type"`
	OwnerID      int64           `json:"owner_id"`
	FileName     string          `gorm:"size:255" json:"file_name"`
	ContentType  string          `gorm:"size:100" json:"content_type"`
	Size         int64           `json:"size"`
	SHA256       string          `gorm:"column:sha256;size:64" json:"sha256"`
	StorageKey   string          `gorm:"size:100" json:"-"`
	UploadedByID int64           `json:"uploaded_by_id"`
	UploadedAt   time.Time       `json:"uploaded_at"`
}

// AuditEvent is one link of the hash-chained audit trail.
type AuditEvent struct {
	ID         int64     `gorm:"primaryKey" json:"id"`
	Sequence   int64     `json:"sequence"`
	OccurredAt time.Time `json:"occurred_at"`
	ActorID    *int64    `json:"actor_id"`
	ActorEmail string    `gorm:"size:254" json:"actor_email"`
	ActorRole  string    `gorm:"size:20" json:"actor_role"`
	Action     string    `gorm:"size:60" json:"action"`
	EntityType string    `gorm:"size:40" json:"entity_type"`
	EntityID   *int64    `json:"entity_id"`
	Changes    string    `gorm:"type:text" json:"-"`
	ClientIP   string    `gorm:"size:64" json:"client_ip"`
	PrevHash   string    `gorm:"size:64" json:"prev_hash"`
	Hash       string    `gorm:"size:64" json:"hash"`
	CreatedAt  time.Time `json:"created_at"`
}

// Signature is a person's electronic signature of one record: who, when,
// meaning what, and the SHA-256 of the record's signed content. It is
// written with the change it signs and never edited or moved.
type Signature struct {
	ID          int64            `gorm:"primaryKey" json:"id"`
	CreatedAt   time.Time        `json:"-"`
	SignerID    int64            `json:"signer_id"`
	SignerName  string           `gorm:"size:200" json:"signer_name"`
	SignerEmail string           `gorm:"size:254" json:"signer_email"`
	Meaning     SignatureMeaning `gorm:"size:20" json:"meaning"`
	Action      string           `gorm:"size:60" json:"action"`
	EntityType  string           `gorm:"size:40" json:"entity_type"`
	EntityID    int64            `json:"entity_id"`
	ContentHash string           `gorm:"size:64" json:"content_hash"`
	TwoFactor   bool             `json:"two_factor"`
	SignedAt    time.Time        `json:"signed_at"`
}

// RequestKey is a write sent under an idempotency key: what it answered,
// so that the same request sent again answers the same without writing
// twice.
type RequestKey struct {
	ID             int64 `gorm:"primaryKey"`
	CreatedAt      time.Time
	UserID         int64
	IdempotencyKey string `gorm:"size:100"`
	// RequestHash is the SHA-256 of the request as the server read it.
	RequestHash string `gorm:"size:64"`
	Status      int
	Response    string
}
