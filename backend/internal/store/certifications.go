package store

import (
	"context"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
)

// CertificationSorts are the sort fields of the certifications list.
var CertificationSorts = SortFields{
	"expires_on": dateSort("certifications.expires_on"),
	"standard":   textSort("certifications.standard"),
	"issued_on":  nullsLast(dateSort("certifications.issued_on")),
	"created_at": timeSort("certifications.created_at"),
	"updated_at": timeSort("certifications.updated_at"),
}

// CertificationFilter narrows the certifications list.
type CertificationFilter struct {
	SiteID int64
	// Standard matches the standard exactly, ignoring case.
	Standard string
	// Statuses keeps certificates whose derived status is any of them.
	Statuses []model.CertificationStatus
	// ExpiringWithinDays keeps certificates not withdrawn that expire from
	// today to today + N days; nil means no such filter.
	ExpiringWithinDays *int
	// Q searches the standard, certificate number, issuing body and site code.
	Q string
	// ActiveSites keeps the certificates of sites that are not archived
	// (what the dashboard counts).
	ActiveSites bool
}

// CertificationRow is a certificate with its derived status and what
// lists show of its site.
type CertificationRow struct {
	model.Certification
	Status         model.CertificationStatus `json:"status"`
	DaysToExpiry   int                       `json:"days_to_expiry"`
	Verified       bool                      `json:"verified"`
	VerifiedByName string                    `json:"verified_by_name"`
	SiteCode       string                    `json:"site_code"`
	SiteName       string                    `json:"site_name"`
	// ComponentSourceName names the component source holding the
	// certificate ("" for the site's own).
	ComponentSourceName string `json:"component_source_name"`
}

// ListCertifications returns one page of certificates, soonest expiry first
// by default. The status filter is evaluated in SQL with the same
// boundaries as qualification.CertificationStatus.
func (s *Store) ListCertifications(ctx context.Context, f CertificationFilter, p Page) ([]CertificationRow, int64, error) {
	ctx, done, err := s.snapshot(ctx) // the count, the page and its rows' details
	if err != nil {
		return nil, 0, err
	}
	defer done()
	db := s.db.WithContext(ctx)
	today := s.Today()
	q := s.in(db.Model(&model.Certification{}), "certifications.site_id", viaSite)
	if f.SiteID != 0 {
		q = q.Where("certifications.site_id = ?", f.SiteID)
	}
	if std := qualification.NormalizeStandard(f.Standard); std != "" {
		// certifications_standard_lower_idx holds lower(standard).
		q = q.Where("lower(certifications.standard) = ?", strings.ToLower(std))
	}
	if len(f.Statuses) > 0 {
		conds, args := make([]string, 0, len(f.Statuses)), []any{}
		for _, st := range f.Statuses {
			cond, a := s.certificationStatusCondition(st, today)
			conds, args = append(conds, "("+cond+")"), append(args, a...)
		}
		q = q.Where("("+strings.Join(conds, " OR ")+")", args...)
	}
	if len(f.Statuses) > 0 || f.ExpiringWithinDays != nil {
		q = filtersFollowTheOrder(q, "certifications.expires_on")
	}
	if f.ExpiringWithinDays != nil {
		q = q.Where(certificationCurrent+" AND certifications.expires_on >= ? AND certifications.expires_on <= ?",
			today, today.AddDays(*f.ExpiringWithinDays))
	}
	if f.ActiveSites {
		q = q.Where(onActiveSite("certifications"))
	}
	if strings.TrimSpace(f.Q) != "" {
		cond, args := anyOf(
			func() (string, []any) {
				return s.textMatch("certifications", []string{"standard", "certificate_number", "issuing_body"}, f.Q)
			},
			func() (string, []any) { return s.siteMatch("certifications.site_id", []string{"code"}, f.Q) },
		)
		q = q.Where(cond, args...)
	}
	found := []model.Certification{}
	total, err := list(q, p, CertificationSorts, "expires_on", &found)
	if err != nil {
		return nil, 0, translate(err, "list certifications")
	}
	rows, err := s.describeCertifications(db, found)
	return rows, total, err
}

// certificationStatusCondition is the SQL form of one derived status.
func (s *Store) certificationStatusCondition(st model.CertificationStatus, today model.Date) (string, []any) {
	windowEnd := today.AddDays(max(s.rules.ExpiringWithinDays, 0))
	switch st {
	case model.CertWithdrawn:
		return "certifications.withdrawn = TRUE", nil
	case model.CertExpired:
		return certificationCurrent + " AND certifications.expires_on < ?", []any{today}
	case model.CertExpiring:
		return certificationCurrent + " AND certifications.expires_on >= ? AND certifications.expires_on <= ?", []any{today, windowEnd}
	}
	return certificationCurrent + " AND certifications.expires_on > ?", []any{windowEnd}
}

// CertificationByID returns one certificate.
func (s *Store) CertificationByID(ctx context.Context, id int64) (CertificationRow, error) {
	db := s.db.WithContext(ctx)
	var c model.Certification
	if err := s.in(db, "certifications.site_id", viaSite).Take(&c, id).Error; err != nil {
		return CertificationRow{}, translate(err, "certification by id")
	}
	return s.describeCertification(db, c)
}

// CreateCertification validates and inserts c. verified says the
// certificate was checked against the issuing body's register just now.
func (s *Store) CreateCertification(ctx context.Context, c *model.Certification, verified bool, actor audit.Actor) (CertificationRow, error) {
	var row CertificationRow
	normalizeCertification(c)
	c.VerifiedByID, c.VerifiedAt = nil, nil
	if verified {
		now := s.Now()
		c.VerifiedByID, c.VerifiedAt = actorID(actor), &now
	}
	c.Version = 1
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := validateCertification(tx, *c, nil); err != nil {
			return err
		}
		if err := tx.Create(c).Error; err != nil {
			return translate(err, "create certification")
		}
		if _, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionCertificationCreate, EntityType: audit.EntityCertification, EntityID: c.ID, Changes: audit.Diff(nil, c)}); err != nil {
			return err
		}
		var err error
		row, err = s.describeCertification(tx, *c)
		return err
	})
	return row, err
}

// UpdateCertification applies change to the certificate at the version the
// client read. A non-nil verify records (true) or clears (false) the
// register check.
func (s *Store) UpdateCertification(ctx context.Context, id, version int64, verify *bool, actor audit.Actor, change func(c *model.Certification) error) (CertificationRow, error) {
	var row CertificationRow
	err := s.tx(ctx, func(tx *gorm.DB) error {
		var c model.Certification
		if err := tx.Take(&c, id).Error; err != nil {
			return translate(err, "update certification")
		}
		if err := ownCertificate(c); err != nil {
			return err
		}
		if c.Version != version {
			return ErrVersionConflict
		}
		before := c
		if err := change(&c); err != nil {
			return err
		}
		c.ID = before.ID
		normalizeCertification(&c)
		if verify != nil {
			c.VerifiedByID, c.VerifiedAt = nil, nil
			if *verify {
				now := s.Now()
				c.VerifiedByID, c.VerifiedAt = actorID(actor), &now
			}
		}
		if err := validateCertification(tx, c, &before); err != nil {
			return err
		}
		c.Version = version + 1
		if err := saveVersioned(tx, &c, id, version); err != nil {
			return translate(err, "update certification")
		}
		if _, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionCertificationUpdate, EntityType: audit.EntityCertification, EntityID: id, Changes: audit.Diff(before, c)}); err != nil {
			return err
		}
		var err error
		row, err = s.describeCertification(tx, c)
		return err
	})
	return row, err
}

// DeleteCertification deletes a wrongly entered certificate; its audit
// event keeps the record.
func (s *Store) DeleteCertification(ctx context.Context, id int64, actor audit.Actor) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		var c model.Certification
		if err := tx.Take(&c, id).Error; err != nil {
			return translate(err, "delete certification")
		}
		if err := ownCertificate(c); err != nil {
			return err
		}
		files, err := countAttachments(tx, model.OwnerCertification, id)
		if err != nil {
			return err
		}
		if files > 0 {
			return &ConflictError{Field: "attachments", Message: fmt.Sprintf(
				"The certification has %d attachment(s); delete them first.", files)}
		}
		if err := tx.Delete(&model.Certification{}, id).Error; err != nil {
			return translate(err, "delete certification")
		}
		_, err = s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionCertificationDelete, EntityType: audit.EntityCertification, EntityID: id, Changes: audit.Deleted(c)})
		return err
	})
}

// ownCertificate refuses to change a certification held by a component
// source here: it follows the source (syncSourceCertificate).
func ownCertificate(c model.Certification) error {
	if c.ComponentSourceID == nil {
		return nil
	}
	return &ConflictError{Field: "component_source_id", Message: "This certificate is held by a component source of the site; " +
		"change or remove it with the source, on the site's hardware integrity page."}
}

// normalizeCertification trims the text, spells known standards one way
// and drops the withdrawal reason of a certificate that is not withdrawn.
func normalizeCertification(c *model.Certification) {
	c.Standard = qualification.NormalizeStandard(c.Standard)
	c.CertificateNumber = strings.TrimSpace(c.CertificateNumber)
	c.IssuingBody = strings.TrimSpace(c.IssuingBody)
	c.Scope = strings.TrimSpace(c.Scope)
	c.WithdrawnReason = strings.TrimSpace(c.WithdrawnReason)
	if !c.Withdrawn {
		c.WithdrawnReason = ""
	}
}

func validateCertification(tx *gorm.DB, c model.Certification, before *model.Certification) error {
	p := qualification.Problems{}
	err := qualification.ValidateCertification(qualification.CertificationInput{
		Standard: c.Standard, CertificateNumber: c.CertificateNumber, IssuingBody: c.IssuingBody,
		IssuedOn: c.IssuedOn, ExpiresOn: c.ExpiresOn, Scope: c.Scope, Withdrawn: c.Withdrawn, WithdrawnReason: c.WithdrawnReason,
	})
	if err := mergeProblems(p, err); err != nil {
		return err
	}
	if before == nil || before.SiteID != c.SiteID {
		if err := checkOpenSite(tx, c.SiteID, "site_id", p); err != nil {
			return err
		}
	}
	return p.Err("The certification cannot be saved.")
}

func (s *Store) describeCertification(tx *gorm.DB, c model.Certification) (CertificationRow, error) {
	rows, err := s.describeCertifications(tx, []model.Certification{c})
	if err != nil {
		return CertificationRow{}, err
	}
	return rows[0], nil
}

// describeCertifications derives status and days to expiry and adds site
// labels and verifier names to a page of certificates, one query per kind.
func (s *Store) describeCertifications(tx *gorm.DB, cs []model.Certification) ([]CertificationRow, error) {
	rows := make([]CertificationRow, len(cs))
	if len(cs) == 0 {
		return rows, nil
	}
	sites, err := siteLabels(tx, distinctIDs(cs, func(c model.Certification) int64 { return c.SiteID }))
	if err != nil {
		return nil, err
	}
	names, err := userNames(tx, distinctIDs(cs, func(c model.Certification) int64 {
		if c.VerifiedByID == nil {
			return 0
		}
		return *c.VerifiedByID
	}))
	if err != nil {
		return nil, err
	}
	sources := map[int64]string{}
	if ids := distinctIDs(cs, func(c model.Certification) int64 { return deref(c.ComponentSourceID) }); len(ids) > 0 {
		var named []model.ComponentSource
		if err := tx.Select("id", "name").Where("id IN ?", ids).Find(&named).Error; err != nil {
			return nil, translate(err, "certification sources")
		}
		for _, n := range named {
			sources[n.ID] = n.Name
		}
	}
	today := s.Today()
	for i, c := range cs {
		rows[i] = CertificationRow{
			Certification: c,
			Status:        qualification.CertificationStatus(c.ExpiresOn, c.Withdrawn, today, s.rules.ExpiringWithinDays),
			DaysToExpiry:  today.DaysUntil(c.ExpiresOn),
			Verified:      c.VerifiedAt != nil,
			SiteCode:      sites[c.SiteID].Code,
			SiteName:      sites[c.SiteID].Name,
		}
		if c.ComponentSourceID != nil {
			rows[i].ComponentSourceName = sources[*c.ComponentSourceID]
		}
		if c.VerifiedByID != nil {
			rows[i].VerifiedByName = names[*c.VerifiedByID]
		}
	}
	return rows, nil
}
