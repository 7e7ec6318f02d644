package model

import (
	"slices"
	"time"
)

// Component is the part of a board a firmware image is for.
type Component string

const (
	ComponentBIOS  Component = "bios"
	ComponentBMC   Component = "bmc"
	ComponentCPLD  Component = "cpld"
	ComponentNIC   Component = "nic"
	ComponentOther Component = "other"
)

// Components lists every firmware component.
var Components = []Component{ComponentBIOS, ComponentBMC, ComponentCPLD, ComponentNIC, ComponentOther}

// Valid reports whether c is a known component.
func (c Component) Valid() bool { return slices.Contains(Components, c) }

// ReleaseStatus says whether a firmware release was approved.
type ReleaseStatus string

const (
	ReleasePending  ReleaseStatus = "pending"
	ReleaseApproved ReleaseStatus = "approved"
)

// SealState is how an inspector found a golden sample's tamper seal.
type SealState string

const (
	SealIntact  SealState = "intact"
	SealBroken  SealState = "broken"
	SealMissing SealState = "missing"
)

// SealStates lists every seal state.
var SealStates = []SealState{SealIntact, SealBroken, SealMissing}

// Valid reports whether s is a known state.
func (s SealState) Valid() bool { return slices.Contains(SealStates, s) }

// ObservationKind is what an integrity observation is about.
type ObservationKind string

const (
	ObserveFirmware     ObservationKind = "firmware"
	ObserveGoldenSample ObservationKind = "golden_sample"
	ObserveBOM          ObservationKind = "bom"
	ObserveAVL          ObservationKind = "avl"
	ObserveAOI          ObservationKind = "aoi"
)

// ObservationKinds lists every kind of observation.
var ObservationKinds = []ObservationKind{ObserveFirmware, ObserveGoldenSample, ObserveBOM, ObserveAVL, ObserveAOI}

// Valid reports whether k is a known kind.
func (k ObservationKind) Valid() bool { return slices.Contains(ObservationKinds, k) }

// AOIResult is an X-ray/AOI comparison against the golden board.
type AOIResult string

const (
	AOIMatch    AOIResult = "match"
	AOIMismatch AOIResult = "mismatch"
)

// Valid reports whether r is a known result.
func (r AOIResult) Valid() bool { return r == AOIMatch || r == AOIMismatch }

// SourceType is what kind of seller a component source is.
type SourceType string

// SourceTypes lists every kind of component source.
var SourceTypes = []SourceType{"manufacturer", "authorised_distributor", "independent_distributor", "broker"}

// Valid reports whether t is a known type.
func (t SourceType) Valid() bool { return slices.Contains(SourceTypes, t) }

// IncidentStatus is where a suspect-part incident stands.
type IncidentStatus string

// IncidentStatuses lists every incident status.
var IncidentStatuses = []IncidentStatus{"open", "investigating", "closed"}

// Valid reports whether s is a known status.
func (s IncidentStatus) Valid() bool { return slices.Contains(IncidentStatuses, s) }

// Product is one of the buyer's boards or systems.
type Product struct {
	Base
	PartNumber string `gorm:"size:100" json:"part_number"`
	Revision   string `gorm:"size:40" json:"revision"`
	Name       string `gorm:"size:200" json:"name"`
	Notes      string `json:"notes"`
	Version    int64  `json:"version"`
}

// SiteProduct says a site builds a product, with the processes it performs
// for it and the golden sample (the sealed reference board) it keeps.
type SiteProduct struct {
	Base
	SiteID           int64      `json:"site_id"`
	ProductID        int64      `json:"product_id"`
	Processes        StringList `json:"processes"`
	GoldenSerial     string     `gorm:"size:100" json:"golden_serial"`
	GoldenSealNumber string     `gorm:"size:100" json:"golden_seal_number"`
	GoldenCustodian  string     `gorm:"size:200" json:"golden_custodian"`
	GoldenLocation   string     `gorm:"size:200" json:"golden_location"`
	GoldenSealedOn   Date       `json:"golden_sealed_on"`
	GoldenPhotoIDs   IDList     `json:"golden_photo_ids"`
	Version          int64      `json:"version"`
}

// FirmwareRelease is a released firmware image of a product. It is never
// edited: a later release supersedes it.
type FirmwareRelease struct {
	Base
	ProductID       int64         `json:"product_id"`
	Component       Component     `gorm:"size:20" json:"component"`
	FirmwareVersion string        `gorm:"size:100" json:"firmware_version"`
	SHA256          string        `gorm:"column:sha256;size:64" json:"sha256"`
	Signer          string        `gorm:"size:200" json:"signer"`
	KeyID           string        `gorm:"size:200" json:"key_id"`
	ReleasedOn      Date          `json:"released_on"`
	Notes           string        `json:"notes"`
	SupersedesID    *int64        `json:"supersedes_id"`
	SupersededByID  *int64        `json:"superseded_by_id"`
	Status          ReleaseStatus `gorm:"size:20" json:"status"`
	RecordedByID    *int64        `json:"recorded_by_id"`
	ApprovedByID    *int64        `json:"approved_by_id"`
	ApprovedAt      *time.Time    `json:"approved_at"`
}

// BOMRevision is a product's bill of materials and approved vendor list
// revision from a date on; the newest is the current one.
type BOMRevision struct {
	Base
	ProductID    int64  `json:"product_id"`
	BOMRevision  string `gorm:"column:bom_revision;size:100" json:"bom_revision"`
	AVLRevision  string `gorm:"column:avl_revision;size:100" json:"avl_revision"`
	EffectiveOn  Date   `json:"effective_on"`
	Notes        string `json:"notes"`
	RecordedByID *int64 `json:"recorded_by_id"`
}

// IntegrityObservation is one value an inspector saw during an inspection
// for a product built at the site, with the comparison made at once.
type IntegrityObservation struct {
	Base
	InspectionID    int64           `json:"inspection_id"`
	SiteID          int64           `json:"site_id"`
	ProductID       int64           `json:"product_id"`
	SiteProductID   int64           `json:"site_product_id"`
	Kind            ObservationKind `gorm:"size:20" json:"kind"`
	Component       Component       `gorm:"size:20" json:"component"`
	FirmwareVersion string          `gorm:"size:100" json:"firmware_version"`
	SHA256          string          `gorm:"column:sha256;size:64" json:"sha256"`
	SerialNumber    string          `gorm:"size:100" json:"serial_number"`
	SealNumber      string          `gorm:"size:100" json:"seal_number"`
	SealState       SealState       `gorm:"size:20" json:"seal_state"`
	Revision        string          `gorm:"size:100" json:"revision"`
	AOIResult       AOIResult       `gorm:"column:aoi_result;size:20" json:"aoi_result"`
	Note            string          `json:"note"`
	PhotoIDs        IDList          `json:"photo_ids"`
	ObservedOn      Date            `json:"observed_on"`
	Matches         bool            `json:"matches"`
	Severity        Severity        `gorm:"size:20" json:"severity"`
	Problem         string          `json:"problem"`
	ReleaseID       *int64          `json:"release_id"`
	FindingID       *int64          `json:"finding_id"`
	Latest          bool            `json:"latest"`
	RecordedByID    *int64          `json:"recorded_by_id"`
}

// ComponentSource is a distributor or manufacturer a site buys
// components from.
type ComponentSource struct {
	Base
	SiteID                  int64      `json:"site_id"`
	Name                    string     `gorm:"size:200" json:"name"`
	SourceType              SourceType `gorm:"size:30" json:"source_type"`
	ComponentFamilies       StringList `json:"component_families"`
	Authorised              bool       `json:"authorised"`
	CertificationStandard   string     `gorm:"size:100" json:"certification_standard"`
	CertificateNumber       string     `gorm:"size:100" json:"certificate_number"`
	CertificateExpiresOn    Date       `json:"certificate_expires_on"`
	Justification           string     `json:"justification"`
	JustificationAcceptedBy *int64     `gorm:"column:justification_accepted_by_id" json:"justification_accepted_by_id"`
	JustificationAcceptedAt *time.Time `json:"justification_accepted_at"`
	Version                 int64      `json:"version"`
}

// PartIncident is a suspect or counterfeit part found somewhere.
type PartIncident struct {
	Base
	PartNumber      string         `gorm:"size:100" json:"part_number"`
	ComponentFamily string         `gorm:"size:100" json:"component_family"`
	LotCodes        string         `json:"lot_codes"`
	DateCodes       string         `json:"date_codes"`
	SourceName      string         `gorm:"size:200" json:"source_name"`
	HowFound        string         `json:"how_found"`
	GIDEPReference  string         `gorm:"column:gidep_reference;size:100" json:"gidep_reference"`
	ERAIReference   string         `gorm:"column:erai_reference;size:100" json:"erai_reference"`
	Status          IncidentStatus `gorm:"size:20" json:"status"`
	ReportedOn      Date           `json:"reported_on"`
	Version         int64          `json:"version"`
}
