package store

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
)

// SiteProductInput is what a site does for a product and the golden
// sample it keeps, as entered.
type SiteProductInput struct {
	ProductID       int64
	Processes       []string
	GoldenSerial    string
	GoldenSeal      string
	GoldenCustodian string
	GoldenLocation  string
	GoldenSealedOn  model.Date
	GoldenPhotoIDs  []int64
}

// apply copies the input onto sp and says what is wrong with the
// processes ("" when nothing).
func (in *SiteProductInput) apply(sp *model.SiteProduct) string {
	sp.ProductID = in.ProductID
	processes, why := qualification.NormalizeProcesses(in.Processes)
	sp.Processes = model.StringList(processes)
	sp.GoldenSerial, sp.GoldenSealNumber = strings.TrimSpace(in.GoldenSerial), strings.TrimSpace(in.GoldenSeal)
	sp.GoldenCustodian, sp.GoldenLocation = strings.TrimSpace(in.GoldenCustodian), strings.TrimSpace(in.GoldenLocation)
	sp.GoldenSealedOn, sp.GoldenPhotoIDs = in.GoldenSealedOn, model.IDList(distinctInt64s(in.GoldenPhotoIDs))
	return why
}

func (s *Store) validateSiteProduct(tx *gorm.DB, sp model.SiteProduct, processes string) error {
	p := qualification.Problems{}
	if processes != "" {
		p.Add("processes", processes)
	}
	if err := tx.Select("id").Take(&model.Product{}, sp.ProductID).Error; errors.Is(err, gorm.ErrRecordNotFound) {
		p.Add("product_id", fmt.Sprintf("There is no product with id %d.", sp.ProductID))
	} else if err != nil {
		return translate(err, "check product")
	}
	for field, v := range map[string]string{"golden_serial": sp.GoldenSerial, "golden_seal_number": sp.GoldenSealNumber} {
		if len([]rune(v)) > 100 {
			p.Add(field, "must be at most 100 characters")
		}
	}
	for field, v := range map[string]string{"golden_custodian": sp.GoldenCustodian, "golden_location": sp.GoldenLocation} {
		if len([]rune(v)) > 200 {
			p.Add(field, "must be at most 200 characters")
		}
	}
	if sp.GoldenSealedOn.After(s.Today()) {
		p.Add("golden_sealed_on", "cannot be in the future")
	}
	if (sp.GoldenSerial != "" || sp.GoldenSealNumber != "") && sp.GoldenSealedOn.IsZero() {
		p.Add("golden_sealed_on", "is required with a golden sample: the day it was sealed")
	}
	if len(sp.GoldenPhotoIDs) > 0 {
		var n int64
		if err := tx.Model(&model.Attachment{}).Where("id IN ? AND owner_type = ? AND owner_id = ?", []int64(sp.GoldenPhotoIDs), model.OwnerSite, sp.SiteID).Count(&n).Error; err != nil {
			return translate(err, "check photos")
		}
		if int(n) != len(sp.GoldenPhotoIDs) {
			p.Add("golden_photo_ids", "must be files of this site; upload the photos to the site first")
		}
	}
	return p.Err("The product cannot be saved for this site.")
}

// AddSiteProduct records that a site builds a product.
func (s *Store) AddSiteProduct(ctx context.Context, siteID int64, in SiteProductInput, actor audit.Actor) (model.SiteProduct, error) {
	sp := model.SiteProduct{SiteID: siteID, Version: 1}
	why := in.apply(&sp)
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Select("id").Take(&model.Site{}, siteID).Error; err != nil {
			return translate(err, "add site product")
		}
		p := qualification.Problems{}
		if err := checkOpenSite(tx, siteID, "site_id", p); err != nil {
			return err
		}
		if err := mergeProblems(p, s.validateSiteProduct(tx, sp, why)); err != nil {
			return err
		}
		if err := p.Err("The product cannot be saved for this site."); err != nil {
			return err
		}
		if err := tx.Create(&sp).Error; err != nil {
			if err = translate(err, "add site product"); isConflict(err) {
				return &ConflictError{Field: "product_id", Message: "The site builds this product already."}
			}
			return err
		}
		_, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionSiteProductCreate, EntityType: audit.EntitySiteProduct, EntityID: sp.ID, Changes: audit.Diff(nil, sp)})
		return err
	})
	return sp, err
}

// UpdateSiteProduct changes a site's processes for a product or its golden
// sample (a re-sealing) at the version the client read. The product
// itself does not change.
func (s *Store) UpdateSiteProduct(ctx context.Context, id, version int64, change func(*SiteProductInput), actor audit.Actor) (model.SiteProduct, error) {
	var sp model.SiteProduct
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Take(&sp, id).Error; err != nil {
			return translate(err, "update site product")
		}
		if sp.Version != version {
			return ErrVersionConflict
		}
		before := sp
		in := SiteProductInput{ProductID: sp.ProductID, Processes: sp.Processes, GoldenSerial: sp.GoldenSerial, GoldenSeal: sp.GoldenSealNumber,
			GoldenCustodian: sp.GoldenCustodian, GoldenLocation: sp.GoldenLocation, GoldenSealedOn: sp.GoldenSealedOn, GoldenPhotoIDs: sp.GoldenPhotoIDs}
		change(&in)
		in.ProductID = sp.ProductID
		why := in.apply(&sp)
		if err := s.validateSiteProduct(tx, sp, why); err != nil {
			return err
		}
		sp.Version = version + 1
		if err := saveVersioned(tx, &sp, id, version); err != nil {
			return translate(err, "update site product")
		}
		_, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionSiteProductUpdate, EntityType: audit.EntitySiteProduct, EntityID: id, Changes: audit.Diff(before, sp)})
		return err
	})
	return sp, err
}

// DeleteSiteProduct removes a product from a site when it was added by
// mistake: no observation was recorded for it.
func (s *Store) DeleteSiteProduct(ctx context.Context, id int64, actor audit.Actor) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		var sp model.SiteProduct
		if err := tx.Take(&sp, id).Error; err != nil {
			return translate(err, "delete site product")
		}
		var n int64
		if err := tx.Model(&model.IntegrityObservation{}).Where("site_product_id = ?", id).Count(&n).Error; err != nil {
			return translate(err, "delete site product")
		}
		if n > 0 {
			return &ConflictError{Field: "observations", Message: fmt.Sprintf("%d observation(s) were recorded for this product at the site; it stays as their history.", n)}
		}
		if err := tx.Delete(&model.SiteProduct{}, id).Error; err != nil {
			return translate(err, "delete site product")
		}
		_, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionSiteProductDelete, EntityType: audit.EntitySiteProduct, EntityID: id, Changes: audit.Deleted(sp)})
		return err
	})
}

// ExpectedFirmware is a current release as an inspector confirms it.
type ExpectedFirmware struct {
	Component       model.Component `json:"component"`
	FirmwareVersion string          `json:"firmware_version"`
	SHA256          string          `json:"sha256"`
	ReleaseID       int64           `json:"release_id"`
}

// DriftItemView is a qualification.DriftItem on the wire.
type DriftItemView struct {
	Kind       model.ObservationKind `json:"kind"`
	Component  model.Component       `json:"component"`
	Expected   string                `json:"expected"`
	Observed   string                `json:"observed"`
	ObservedOn model.Date            `json:"observed_on"`
	Severity   model.Severity        `json:"severity"`
	Problem    string                `json:"problem"`
	Stale      bool                  `json:"stale"`
}

func driftViews(items []qualification.DriftItem) []DriftItemView {
	out := make([]DriftItemView, len(items))
	for i, d := range items {
		out[i] = DriftItemView{Kind: d.Kind, Component: d.Component, Expected: d.Expected, Observed: d.Observed,
			ObservedOn: d.ObservedOn, Severity: d.Severity, Problem: d.Problem, Stale: d.Stale}
	}
	return out
}

// SiteProductIntegrity is one product at a site: its baseline, the newest
// observation of each value, what drifts and the history of every value.
type SiteProductIntegrity struct {
	SiteProduct      model.SiteProduct            `json:"site_product"`
	PartNumber       string                       `json:"part_number"`
	Revision         string                       `json:"revision"`
	ProductName      string                       `json:"product_name"`
	ExpectedFirmware []ExpectedFirmware           `json:"expected_firmware"`
	BOMRevision      string                       `json:"bom_revision"`
	AVLRevision      string                       `json:"avl_revision"`
	Latest           []model.IntegrityObservation `json:"latest"`
	Drift            []DriftItemView              `json:"drift"`
	History          []model.IntegrityObservation `json:"history"`
}

// SiteIntegrity is a site's integrity page.
type SiteIntegrity struct {
	SiteID   int64                  `json:"site_id"`
	SiteCode string                 `json:"site_code"`
	SiteName string                 `json:"site_name"`
	DueSince model.Date             `json:"observed_since"`
	Products []SiteProductIntegrity `json:"products"`
	Sources  []ComponentSourceView  `json:"sources"`
	// UnjustifiedSources counts the sources not authorised by the
	// original manufacturer with no accepted justification.
	UnjustifiedSources int `json:"unjustified_sources"`
}

// historyLimit bounds the observations a site integrity page lists per
// product.
const historyLimit = 200

// SiteIntegrityByID returns a site's integrity page.
func (s *Store) SiteIntegrityByID(ctx context.Context, siteID int64) (SiteIntegrity, error) {
	db := s.db.WithContext(ctx)
	var site model.Site
	if err := s.in(db.Select("id", "code", "name", "risk_tier"), "id", viaSite).Take(&site, siteID).Error; err != nil {
		return SiteIntegrity{}, translate(err, "site integrity")
	}
	out := SiteIntegrity{SiteID: site.ID, SiteCode: site.Code, SiteName: site.Name, Products: []SiteProductIntegrity{},
		DueSince: qualification.ObservationDueSince(s.Today(), site.RiskTier, s.rules.Intervals)}
	views, err := s.siteProductViews(db, siteID, out.DueSince)
	if err != nil {
		return SiteIntegrity{}, err
	}
	for _, v := range views {
		if err := db.Where("site_product_id = ?", v.SiteProduct.ID).Order("observed_on DESC, id DESC").Limit(historyLimit).Find(&v.History).Error; err != nil {
			return SiteIntegrity{}, translate(err, "observation history")
		}
		out.Products = append(out.Products, v)
	}
	if out.Sources, err = s.sourcesOf(db, siteID); err != nil {
		return SiteIntegrity{}, err
	}
	for _, src := range out.Sources {
		if src.Flagged {
			out.UnjustifiedSources++
		}
	}
	return out, nil
}

// siteProductViews returns each product of a site with its baseline, newest observations and drift.
func (s *Store) siteProductViews(db *gorm.DB, siteID int64, since model.Date) ([]SiteProductIntegrity, error) {
	var sps []model.SiteProduct
	if err := db.Where("site_id = ?", siteID).Order("id").Find(&sps).Error; err != nil {
		return nil, translate(err, "site products")
	}
	productIDs := distinctIDs(sps, func(sp model.SiteProduct) int64 { return sp.ProductID })
	var products []model.Product
	if len(productIDs) > 0 {
		if err := db.Where("id IN ?", productIDs).Find(&products).Error; err != nil {
			return nil, translate(err, "products")
		}
	}
	byID := map[int64]model.Product{}
	for _, p := range products {
		byID[p.ID] = p
	}
	bases, err := loadBaselines(db, productIDs)
	if err != nil {
		return nil, err
	}
	var latest []model.IntegrityObservation
	if len(sps) > 0 {
		q := db.Where("site_id = ? AND latest = ?", siteID, true)
		if err := q.Order("kind, component").Find(&latest).Error; err != nil {
			return nil, translate(err, "latest observations")
		}
	}
	out := make([]SiteProductIntegrity, 0, len(sps))
	for _, sp := range sps {
		p, base := byID[sp.ProductID], bases[sp.ProductID]
		base.Golden = goldenOf(sp)
		v := SiteProductIntegrity{SiteProduct: sp, PartNumber: p.PartNumber, Revision: p.Revision, ProductName: p.Name,
			ExpectedFirmware: []ExpectedFirmware{}, BOMRevision: base.BOM, AVLRevision: base.AVL,
			Latest: []model.IntegrityObservation{}, History: []model.IntegrityObservation{}}
		for _, r := range base.Releases {
			if r.Current() {
				v.ExpectedFirmware = append(v.ExpectedFirmware, ExpectedFirmware{Component: r.Component, FirmwareVersion: r.Version, SHA256: r.SHA256, ReleaseID: r.ID})
			}
		}
		var observed []qualification.Observed
		for _, o := range latest {
			if o.SiteProductID == sp.ID {
				v.Latest = append(v.Latest, o)
				observed = append(observed, observedOf(o))
			}
		}
		v.Drift = driftViews(qualification.Drift(base, observed, since))
		out = append(out, v)
	}
	return out, nil
}

func observedOf(o model.IntegrityObservation) qualification.Observed {
	return qualification.Observed{Kind: o.Kind, Component: o.Component, SHA256: o.SHA256, Serial: o.SerialNumber,
		SealNumber: o.SealNumber, SealState: o.SealState, Revision: o.Revision, AOIResult: o.AOIResult,
		ObservedOn: o.ObservedOn, Matched: o.Matches, Problem: o.Problem}
}

// InspectionIntegrityProduct is a product built at an inspection's site:
// the values to expect (to prefill the inspector's entry) and what this
// inspection recorded for it.
type InspectionIntegrityProduct struct {
	SiteProductID    int64                        `json:"site_product_id"`
	ProductID        int64                        `json:"product_id"`
	PartNumber       string                       `json:"part_number"`
	Revision         string                       `json:"revision"`
	ProductName      string                       `json:"product_name"`
	ExpectedFirmware []ExpectedFirmware           `json:"expected_firmware"`
	GoldenSerial     string                       `json:"golden_serial"`
	GoldenSealNumber string                       `json:"golden_seal_number"`
	BOMRevision      string                       `json:"bom_revision"`
	AVLRevision      string                       `json:"avl_revision"`
	Observations     []model.IntegrityObservation `json:"observations"`
}

// InspectionIntegrity is the integrity part of an inspection.
type InspectionIntegrity struct {
	InspectionID int64                        `json:"inspection_id"`
	SiteID       int64                        `json:"site_id"`
	Editable     bool                         `json:"editable"`
	Products     []InspectionIntegrityProduct `json:"products"`
}

// InspectionIntegrityByID returns, for each product built at the
// inspection's site, the expected values and this inspection's
// observations.
func (s *Store) InspectionIntegrityByID(ctx context.Context, inspectionID int64) (InspectionIntegrity, error) {
	db := s.db.WithContext(ctx)
	var in model.Inspection
	if err := s.in(db.Select("id", "site_id", "status"), "id", viaInspection).Take(&in, inspectionID).Error; err != nil {
		return InspectionIntegrity{}, translate(err, "inspection integrity")
	}
	out := InspectionIntegrity{InspectionID: in.ID, SiteID: in.SiteID, Editable: in.Status != model.InspectionCancelled, Products: []InspectionIntegrityProduct{}}
	views, err := s.siteProductViews(db, in.SiteID, s.Today())
	if err != nil {
		return InspectionIntegrity{}, err
	}
	var recorded []model.IntegrityObservation
	if err := db.Where("inspection_id = ?", in.ID).Order("id").Find(&recorded).Error; err != nil {
		return InspectionIntegrity{}, translate(err, "inspection observations")
	}
	for _, v := range views {
		p := InspectionIntegrityProduct{SiteProductID: v.SiteProduct.ID, ProductID: v.SiteProduct.ProductID, PartNumber: v.PartNumber,
			Revision: v.Revision, ProductName: v.ProductName, ExpectedFirmware: v.ExpectedFirmware,
			GoldenSerial: v.SiteProduct.GoldenSerial, GoldenSealNumber: v.SiteProduct.GoldenSealNumber,
			BOMRevision: v.BOMRevision, AVLRevision: v.AVLRevision, Observations: []model.IntegrityObservation{}}
		for _, o := range recorded {
			if o.SiteProductID == v.SiteProduct.ID {
				p.Observations = append(p.Observations, o)
			}
		}
		out.Products = append(out.Products, p)
	}
	return out, nil
}
