package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
)

// ObservationInput is one value an inspector saw, as entered.
type ObservationInput struct {
	Kind            model.ObservationKind
	Component       model.Component
	FirmwareVersion string
	SHA256          string // as pasted: a hash or a sha256sum line
	SerialNumber    string
	SealNumber      string
	SealState       model.SealState
	Revision        string
	AOIResult       model.AOIResult
	Note            string
	PhotoIDs        []int64
}

// RecordedObservations is what recording observations did: the
// observations as compared, and the findings their mismatches raised.
type RecordedObservations struct {
	Observations []model.IntegrityObservation `json:"observations"`
	Findings     []FindingRow                 `json:"findings"`
}

// maxObservations bounds one request's observations.
const maxObservations = 50

// RecordObservations records what an inspector saw for a product built at
// the inspection's site. Each observation is compared with the baseline at
// once (package qualification); each mismatch raises a finding on the
// inspection, linked to the observation, in the same transaction. The
// inspection must be planned or completed.
func (s *Store) RecordObservations(ctx context.Context, inspectionID, productID int64, in []ObservationInput, actor audit.Actor) (RecordedObservations, error) {
	var out RecordedObservations
	err := s.tx(ctx, func(tx *gorm.DB) error {
		var err error
		out, err = s.recordObservations(tx, inspectionID, productID, in, actor)
		return err
	})
	return out, err
}

// RecordObservationsOnce is RecordObservations sent under an idempotency
// key (see once): the same batch sent again, its answer lost on the way,
// answers what the first one did and records nothing more.
func (s *Store) RecordObservationsOnce(ctx context.Context, key RequestKeyed, inspectionID, productID int64, in []ObservationInput, actor audit.Actor) (KeyedResponse, error) {
	return s.once(ctx, key, actor, func(tx *gorm.DB) (any, error) {
		return s.recordObservations(tx, inspectionID, productID, in, actor)
	})
}

func (s *Store) recordObservations(tx *gorm.DB, inspectionID, productID int64, in []ObservationInput, actor audit.Actor) (RecordedObservations, error) {
	out := RecordedObservations{Observations: []model.IntegrityObservation{}, Findings: []FindingRow{}}
	p := qualification.Problems{}
	if len(in) == 0 {
		p.Add("observations", "Enter at least one observation.")
	} else if len(in) > maxObservations {
		p.Add("observations", fmt.Sprintf("Send at most %d observations at a time.", maxObservations))
	}
	hashes := make([]string, len(in))
	for i, o := range in {
		prefix := fmt.Sprintf("observations.%d.", i)
		hashes[i] = qualification.ValidateObservation(qualification.ObservationInput{Kind: o.Kind, Component: o.Component,
			FirmwareVersion: o.FirmwareVersion, SHA256: o.SHA256, SerialNumber: o.SerialNumber, SealNumber: o.SealNumber,
			SealState: o.SealState, Revision: o.Revision, AOIResult: o.AOIResult}, prefix, p)
	}
	var insp model.Inspection
	if err := tx.Select("id", "site_id", "status", "performed_date").Take(&insp, inspectionID).Error; err != nil {
		return out, translate(err, "record observations")
	}
	if insp.Status == model.InspectionCancelled {
		p.Add("inspection_id", "The inspection was cancelled; record observations on a planned or completed inspection.")
	}
	var sp model.SiteProduct
	err := tx.Where("site_id = ? AND product_id = ?", insp.SiteID, productID).Take(&sp).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		p.Add("product_id", "The site does not build this product; add the product to the site first.")
	} else if err != nil {
		return out, translate(err, "record observations")
	}
	for i, o := range in {
		if err := checkObservationPhotos(tx, inspectionID, o.PhotoIDs, fmt.Sprintf("observations.%d.photo_ids", i), p); err != nil {
			return out, err
		}
	}
	if err := p.Err("The observations cannot be recorded."); err != nil {
		return out, err
	}
	var product model.Product
	if err := tx.Take(&product, productID).Error; err != nil {
		return out, translate(err, "record observations")
	}
	base, err := loadBaselines(tx, []int64{productID})
	if err != nil {
		return out, err
	}
	observedOn := insp.PerformedDate
	if insp.Status != model.InspectionCompleted || observedOn.IsZero() {
		observedOn = s.Today()
	}
	for i, o := range in {
		obs := model.IntegrityObservation{
			InspectionID: inspectionID, SiteID: insp.SiteID, ProductID: productID, SiteProductID: sp.ID, Kind: o.Kind,
			FirmwareVersion: strings.TrimSpace(o.FirmwareVersion), SHA256: hashes[i],
			SerialNumber: strings.TrimSpace(o.SerialNumber), SealNumber: strings.TrimSpace(o.SealNumber),
			Revision: strings.TrimSpace(o.Revision), Note: strings.TrimSpace(o.Note), PhotoIDs: distinctInt64s(o.PhotoIDs),
			ObservedOn: observedOn, Latest: true, RecordedByID: actorID(actor),
		}
		switch o.Kind {
		case model.ObserveFirmware:
			obs.Component = o.Component
		case model.ObserveGoldenSample:
			obs.SealState = o.SealState
		case model.ObserveAOI:
			obs.AOIResult = o.AOIResult
		}
		cmp, err := s.compareObservation(tx, obs, base[productID], sp)
		if err != nil {
			return out, err
		}
		obs.Matches, obs.Severity, obs.Problem, obs.ReleaseID = cmp.Matches, cmp.Severity, cmp.Problem, cmp.ReleaseID
		if err := tx.Model(&model.IntegrityObservation{}).Where("site_product_id = ? AND kind = ? AND component = ? AND latest = ?", sp.ID, obs.Kind, obs.Component, true).
			Update("latest", false).Error; err != nil {
			return out, translate(err, "record observation")
		}
		if err := tx.Create(&obs).Error; err != nil {
			return out, translate(err, "record observation")
		}
		changes := audit.Diff(nil, obs)
		if !cmp.Matches {
			f := integrityFinding(obs, product)
			row, err := s.createFinding(tx, inspectionID, &f, actor)
			if err != nil {
				return out, err
			}
			obs.FindingID = &f.ID
			if err := tx.Model(&model.IntegrityObservation{}).Where("id = ?", obs.ID).Update("finding_id", f.ID).Error; err != nil {
				return out, translate(err, "link finding")
			}
			changes["finding_id"] = [2]any{nil, f.ID}
			out.Findings = append(out.Findings, row)
		}
		if _, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionIntegrityObservationCreate, EntityType: audit.EntityIntegrityObservation, EntityID: obs.ID, Changes: changes}); err != nil {
			return out, err
		}
		out.Observations = append(out.Observations, obs)
	}
	return out, nil
}

// compareObservation compares obs with the product's baseline; a golden
// sample is also compared with the site's previous visit.
func (s *Store) compareObservation(tx *gorm.DB, obs model.IntegrityObservation, base qualification.Baseline, sp model.SiteProduct) (qualification.Comparison, error) {
	switch obs.Kind {
	case model.ObserveFirmware:
		return qualification.CompareFirmware(obs.Component, obs.SHA256, base.Releases), nil
	case model.ObserveGoldenSample:
		var prev model.IntegrityObservation
		err := tx.Where("site_product_id = ? AND kind = ? AND inspection_id <> ?", sp.ID, model.ObserveGoldenSample, obs.InspectionID).
			Order("observed_on DESC, id DESC").Take(&prev).Error
		var previous *qualification.SealSeen
		switch {
		case err == nil:
			previous = &qualification.SealSeen{Serial: prev.SerialNumber, SealNumber: prev.SealNumber, State: prev.SealState, ObservedOn: prev.ObservedOn}
		case !errors.Is(err, gorm.ErrRecordNotFound):
			return qualification.Comparison{}, translate(err, "previous seal")
		}
		seen := qualification.SealSeen{Serial: obs.SerialNumber, SealNumber: obs.SealNumber, State: obs.SealState, ObservedOn: obs.ObservedOn}
		return qualification.CompareSeal(seen, goldenOf(sp), previous), nil
	case model.ObserveBOM:
		return qualification.CompareRevision(obs.Kind, obs.Revision, base.BOM), nil
	case model.ObserveAVL:
		return qualification.CompareRevision(obs.Kind, obs.Revision, base.AVL), nil
	}
	return qualification.CompareAOI(obs.AOIResult), nil
}

func goldenOf(sp model.SiteProduct) qualification.GoldenSample {
	return qualification.GoldenSample{Serial: sp.GoldenSerial, SealNumber: sp.GoldenSealNumber, SealedOn: sp.GoldenSealedOn}
}

// integrityFinding is the finding a mismatching observation raises.
func integrityFinding(obs model.IntegrityObservation, p model.Product) model.Finding {
	what := map[model.ObservationKind]string{
		model.ObserveFirmware: qualification.ComponentLabel(obs.Component) + " firmware", model.ObserveGoldenSample: "golden sample seal",
		model.ObserveBOM: "BOM revision", model.ObserveAVL: "AVL revision", model.ObserveAOI: "X-ray/AOI comparison",
	}[obs.Kind]
	product := p.PartNumber
	if p.Revision != "" {
		product += " rev " + p.Revision
	}
	return model.Finding{
		Severity: obs.Severity, Category: "security",
		Requirement: "Hardware integrity: " + what,
		Description: fmt.Sprintf("%s Product %s (%s).", obs.Problem, product, p.Name),
	}
}

func checkObservationPhotos(tx *gorm.DB, inspectionID int64, ids []int64, field string, p qualification.Problems) error {
	if len(ids) == 0 {
		return nil
	}
	var found []int64
	if err := tx.Model(&model.Attachment{}).Where("id IN ? AND owner_type = ? AND owner_id = ?", ids, model.OwnerInspection, inspectionID).
		Pluck("id", &found).Error; err != nil {
		return fmt.Errorf("store: observation photos: %w", err)
	}
	for _, id := range ids {
		if !slices.Contains(found, id) {
			p.Add(field, fmt.Sprintf("Attachment %d is not a file of this inspection; upload the photo to the inspection first.", id))
			break
		}
	}
	return nil
}

// DeleteObservation deletes an observation entered by mistake; the
// finding it raised stays (closing it takes a verification note), and the
// previous observation of the same value becomes the latest again.
func (s *Store) DeleteObservation(ctx context.Context, id int64, actor audit.Actor) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		var o model.IntegrityObservation
		if err := tx.Take(&o, id).Error; err != nil {
			return translate(err, "delete observation")
		}
		if err := tx.Delete(&model.IntegrityObservation{}, id).Error; err != nil {
			return translate(err, "delete observation")
		}
		if o.Latest {
			var prev model.IntegrityObservation
			err := tx.Where("site_product_id = ? AND kind = ? AND component = ?", o.SiteProductID, o.Kind, o.Component).Order("id DESC").Take(&prev).Error
			if err == nil {
				if err := tx.Model(&model.IntegrityObservation{}).Where("id = ?", prev.ID).Update("latest", true).Error; err != nil {
					return translate(err, "delete observation")
				}
			} else if !errors.Is(err, gorm.ErrRecordNotFound) {
				return translate(err, "delete observation")
			}
		}
		_, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionIntegrityObservationDelete, EntityType: audit.EntityIntegrityObservation, EntityID: id, Changes: audit.Deleted(o)})
		return err
	})
}

// loadBaselines reads the current baselines (releases, current BOM/AVL) of
// products; golden samples are per site and come from site_products.
func loadBaselines(db *gorm.DB, productIDs []int64) (map[int64]qualification.Baseline, error) {
	out := map[int64]qualification.Baseline{}
	if len(productIDs) == 0 {
		return out, nil
	}
	var rs []model.FirmwareRelease
	if err := db.Where("product_id IN ?", productIDs).Order("id").Find(&rs).Error; err != nil {
		return nil, translate(err, "baselines")
	}
	versions := map[int64]string{}
	for _, r := range rs {
		versions[r.ID] = r.FirmwareVersion
	}
	for _, r := range rs {
		b := out[r.ProductID]
		rel := qualification.Release{ID: r.ID, Component: r.Component, Version: r.FirmwareVersion, SHA256: r.SHA256, Approved: r.Status == model.ReleaseApproved}
		if r.SupersededByID != nil {
			rel.SupersededBy = versions[*r.SupersededByID]
			if rel.SupersededBy == "" {
				rel.SupersededBy = fmt.Sprintf("release %d", *r.SupersededByID)
			}
		}
		b.Releases = append(b.Releases, rel)
		out[r.ProductID] = b
	}
	var boms []model.BOMRevision
	if err := db.Where("product_id IN ?", productIDs).Order("product_id, effective_on, id").Find(&boms).Error; err != nil {
		return nil, translate(err, "baselines")
	}
	for _, r := range boms { // ordered: the newest of each product wins
		b := out[r.ProductID]
		b.BOM, b.AVL = r.BOMRevision, r.AVLRevision
		out[r.ProductID] = b
	}
	return out, nil
}
