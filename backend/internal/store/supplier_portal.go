package store

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
)

// The supplier portal's reads. Each shows a supplier only what is its own
// to see (never internal notes, risk tiers, contacts or verifications) and
// refuses to run on a store that is not limited to a manufacturer, so a
// slip in a handler cannot turn one into a read of the whole register.

// errUnscopedPortal is what a portal read returns on an unscoped store.
var errUnscopedPortal = errors.New("store: a supplier portal read needs a supplier's store")

// portalScope returns the supplier's manufacturer, or an error when the
// store is not a supplier's.
func (s *Store) portalScope() (int64, error) {
	if len(s.scope) != 1 {
		return 0, errUnscopedPortal
	}
	return s.scope[0], nil
}

// SupplierManufacturer is a supplier's own company as the portal shows it.
type SupplierManufacturer struct {
	ID      int64  `json:"id"`
	Name    string `json:"name"`
	Country string `json:"country"`
}

// PortalManufacturer returns the supplier's manufacturer (ErrNotFound for
// a supplier bound to none).
func (s *Store) PortalManufacturer(ctx context.Context) (SupplierManufacturer, error) {
	id, err := s.portalScope()
	if err != nil {
		return SupplierManufacturer{}, err
	}
	var m SupplierManufacturer
	err = s.db.WithContext(ctx).Model(&model.Manufacturer{}).Select("id", "name", "country").Where("id = ?", id).Take(&m).Error
	return m, translate(err, "portal manufacturer")
}

// SupplierSite is a site as its own supplier sees it.
type SupplierSite struct {
	ID                  int64                     `json:"id"`
	ManufacturerID      int64                     `json:"manufacturer_id"`
	Code                string                    `json:"code"`
	Name                string                    `json:"name"`
	Address             string                    `json:"address"`
	City                string                    `json:"city"`
	Country             string                    `json:"country"`
	Processes           model.StringList          `json:"processes"`
	ApprovedScope       string                    `json:"approved_scope"`
	QualificationStatus model.QualificationStatus `json:"qualification_status"`
	ConditionalUntil    model.Date                `json:"conditional_until"`
	NextPlannedDate     model.Date                `json:"next_planned_date"`
}

const supplierSiteColumns = "sites.id, sites.manufacturer_id, sites.code, sites.name, sites.address, sites.city, sites.country, " +
	"sites.processes, sites.approved_scope, sites.qualification_status, sites.conditional_until, sites.next_planned_date"

// portalSites are the supplier's sites that are not archived.
func (s *Store) portalSites(db *gorm.DB) (*gorm.DB, error) {
	if _, err := s.portalScope(); err != nil {
		return nil, err
	}
	return s.in(db.Model(&model.Site{}), "sites.id", viaSite).Where("sites.archived_at IS NULL"), nil
}

// PortalSites lists the supplier's sites by code.
func (s *Store) PortalSites(ctx context.Context) ([]SupplierSite, error) {
	q, err := s.portalSites(s.db.WithContext(ctx))
	if err != nil {
		return nil, err
	}
	out := []SupplierSite{}
	if err := q.Select(supplierSiteColumns).Order("sites.code").Limit(MaxPageSize).Scan(&out).Error; err != nil {
		return nil, fmt.Errorf("store: portal sites: %w", err)
	}
	return out, nil
}

// PortalSite returns one of the supplier's sites.
func (s *Store) PortalSite(ctx context.Context, id int64) (SupplierSite, error) {
	q, err := s.portalSites(s.db.WithContext(ctx))
	if err != nil {
		return SupplierSite{}, err
	}
	var out SupplierSite
	err = q.Select(supplierSiteColumns).Where("sites.id = ?", id).Take(&out).Error
	return out, translate(err, "portal site")
}

// SupplierCertification is a certificate as its site's supplier sees it.
type SupplierCertification struct {
	ID                int64                     `json:"id"`
	SiteID            int64                     `json:"site_id"`
	SiteCode          string                    `json:"site_code"`
	Standard          string                    `json:"standard"`
	CertificateNumber string                    `json:"certificate_number"`
	IssuingBody       string                    `json:"issuing_body"`
	Scope             string                    `json:"scope"`
	IssuedOn          model.Date                `json:"issued_on"`
	ExpiresOn         model.Date                `json:"expires_on"`
	Withdrawn         bool                      `json:"withdrawn"`
	Status            model.CertificationStatus `json:"status"`
}

// PortalCertifications lists the certificates of the supplier's sites
// (of one of them when siteID is not 0), soonest expiry first.
func (s *Store) PortalCertifications(ctx context.Context, siteID int64) ([]SupplierCertification, error) {
	if _, err := s.portalScope(); err != nil {
		return nil, err
	}
	q := s.in(s.db.WithContext(ctx).Model(&model.Certification{}), "certifications.site_id", viaSite).
		Joins("JOIN sites ON sites.id = certifications.site_id").Where("sites.archived_at IS NULL").
		// The site's own: its component sources are the buyer's record.
		Where("certifications.component_source_id IS NULL")
	if siteID != 0 {
		q = q.Where("certifications.site_id = ?", siteID)
	}
	out := []SupplierCertification{}
	err := q.Select("certifications.id, certifications.site_id, sites.code AS site_code, certifications.standard, certifications.certificate_number, " +
		"certifications.issuing_body, certifications.scope, certifications.issued_on, certifications.expires_on, certifications.withdrawn").
		Order("certifications.expires_on, certifications.id").Limit(MaxPageSize).Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: portal certifications: %w", err)
	}
	today := s.Today()
	for i := range out {
		out[i].Status = qualification.CertificationStatus(out[i].ExpiresOn, out[i].Withdrawn, today, s.rules.ExpiringWithinDays)
	}
	return out, nil
}
