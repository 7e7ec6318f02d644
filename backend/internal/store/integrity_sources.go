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

// ComponentSourceView is a site's component source with its certificate's
// derived status and whether buying from it is flagged.
type ComponentSourceView struct {
	model.ComponentSource
	// CertificateStatus is the certificate's status as for any
	// certification (valid, expiring, expired), "" without a certificate.
	CertificateStatus string `json:"certificate_status"`
	AcceptedByName    string `json:"justification_accepted_by_name"`
	// Flagged says the source is not authorised and no justification was
	// accepted for it.
	Flagged bool `json:"flagged"`
}

func (s *Store) sourcesOf(db *gorm.DB, siteID int64) ([]ComponentSourceView, error) {
	var rows []model.ComponentSource
	if err := db.Where("site_id = ?", siteID).Order("name, id").Find(&rows).Error; err != nil {
		return nil, translate(err, "component sources")
	}
	return s.describeSources(db, rows)
}

func (s *Store) describeSources(db *gorm.DB, rows []model.ComponentSource) ([]ComponentSourceView, error) {
	names, err := userNames(db, distinctIDs(rows, func(c model.ComponentSource) int64 { return deref(c.JustificationAcceptedBy) }))
	if err != nil {
		return nil, err
	}
	out := make([]ComponentSourceView, len(rows))
	today := s.Today()
	for i, c := range rows {
		v := ComponentSourceView{ComponentSource: c, AcceptedByName: names[deref(c.JustificationAcceptedBy)],
			Flagged: qualification.UnjustifiedSource(c.Authorised, c.JustificationAcceptedAt != nil)}
		if !c.CertificateExpiresOn.IsZero() {
			v.CertificateStatus = string(qualification.CertificationStatus(c.CertificateExpiresOn, false, today, s.rules.ExpiringWithinDays))
		}
		out[i] = v
	}
	return out, nil
}

// SourceInput is a component source as entered.
type SourceInput struct {
	Name                  string
	SourceType            model.SourceType
	ComponentFamilies     []string
	Authorised            bool
	CertificationStandard string
	CertificateNumber     string
	CertificateExpiresOn  model.Date
	Justification         string
}

func (in SourceInput) apply(c *model.ComponentSource) {
	c.Name, c.SourceType, c.Authorised = strings.TrimSpace(in.Name), in.SourceType, in.Authorised
	families := []string{}
	for _, f := range in.ComponentFamilies {
		if f = strings.Join(strings.Fields(f), " "); f != "" {
			families = append(families, f)
		}
	}
	c.ComponentFamilies = families
	c.CertificationStandard = qualification.NormalizeStandard(in.CertificationStandard)
	c.CertificateNumber, c.CertificateExpiresOn = strings.TrimSpace(in.CertificateNumber), in.CertificateExpiresOn
	c.Justification = strings.TrimSpace(in.Justification)
}

func validateSource(c model.ComponentSource) error {
	p := qualification.Problems{}
	qualification.ValidateSource(c.Name, c.SourceType, p)
	if len(c.ComponentFamilies) > 50 {
		p.Add("component_families", "List at most 50 families.")
	}
	qualification.ValidateSourceCertificate(c.CertificationStandard, c.CertificateNumber, c.CertificateExpiresOn, p)
	return p.Err("The component source cannot be saved.")
}

// syncSourceCertificate keeps the certification a source holds in step
// with the source's certificate, in the source's transaction and audited
// like any certification: created when the source gains a certificate
// (an expiry date), changed with it, deleted when it is cleared or the
// source is deleted (gone). The certification lists, reminders and
// dashboard then count it with the site's own; the qualification rules
// never do (component_source_id IS NULL there).
func (s *Store) syncSourceCertificate(tx *gorm.DB, src model.ComponentSource, gone bool, actor audit.Actor) error {
	var held model.Certification
	err := tx.Where("component_source_id = ?", src.ID).Take(&held).Error
	found := err == nil
	if err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
		return translate(err, "source certificate")
	}
	wanted := !gone && !src.CertificateExpiresOn.IsZero()
	switch {
	case !wanted && !found:
		return nil
	case !wanted:
		files, err := countAttachments(tx, model.OwnerCertification, held.ID)
		if err != nil {
			return err
		}
		if files > 0 {
			return &ConflictError{Field: "certificate_expires_on", Message: fmt.Sprintf(
				"The source's certificate has %d attachment(s) on the certifications list; delete them first.", files)}
		}
		if err := tx.Delete(&model.Certification{}, held.ID).Error; err != nil {
			return translate(err, "delete source certificate")
		}
		_, err = s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionCertificationDelete, EntityType: audit.EntityCertification, EntityID: held.ID, Changes: audit.Deleted(held)})
		return err
	case !found:
		id := src.ID
		c := model.Certification{SiteID: src.SiteID, Standard: src.CertificationStandard, CertificateNumber: src.CertificateNumber,
			ExpiresOn: src.CertificateExpiresOn, ComponentSourceID: &id, Version: 1}
		if err := tx.Create(&c).Error; err != nil {
			return translate(err, "create source certificate")
		}
		_, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionCertificationCreate, EntityType: audit.EntityCertification, EntityID: c.ID, Changes: audit.Diff(nil, c)})
		return err
	}
	before := held
	held.Standard, held.CertificateNumber, held.ExpiresOn = src.CertificationStandard, src.CertificateNumber, src.CertificateExpiresOn
	if held.Standard == before.Standard && held.CertificateNumber == before.CertificateNumber && held.ExpiresOn == before.ExpiresOn {
		return nil
	}
	held.Version = before.Version + 1
	if err := saveVersioned(tx, &held, held.ID, before.Version); err != nil {
		return translate(err, "update source certificate")
	}
	_, err = s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionCertificationUpdate, EntityType: audit.EntityCertification, EntityID: held.ID, Changes: audit.Diff(before, held)})
	return err
}

// CreateComponentSource records a source a site buys components from.
func (s *Store) CreateComponentSource(ctx context.Context, siteID int64, in SourceInput, actor audit.Actor) (ComponentSourceView, error) {
	var view ComponentSourceView
	c := model.ComponentSource{SiteID: siteID, Version: 1}
	in.apply(&c)
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Select("id").Take(&model.Site{}, siteID).Error; err != nil {
			return translate(err, "create component source")
		}
		if err := validateSource(c); err != nil {
			return err
		}
		if err := tx.Create(&c).Error; err != nil {
			return translate(err, "create component source")
		}
		if _, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionComponentSourceCreate, EntityType: audit.EntityComponentSource, EntityID: c.ID, Changes: audit.Diff(nil, c)}); err != nil {
			return err
		}
		if err := s.syncSourceCertificate(tx, c, false, actor); err != nil {
			return err
		}
		views, err := s.describeSources(tx, []model.ComponentSource{c})
		if err == nil {
			view = views[0]
		}
		return err
	})
	return view, err
}

// UpdateComponentSource changes a source at the version the client read.
// A changed justification, or a source that becomes unauthorised, needs
// accepting again.
func (s *Store) UpdateComponentSource(ctx context.Context, id, version int64, change func(*SourceInput), actor audit.Actor) (ComponentSourceView, error) {
	var view ComponentSourceView
	err := s.tx(ctx, func(tx *gorm.DB) error {
		var c model.ComponentSource
		if err := tx.Take(&c, id).Error; err != nil {
			return translate(err, "update component source")
		}
		if c.Version != version {
			return ErrVersionConflict
		}
		before := c
		in := SourceInput{Name: c.Name, SourceType: c.SourceType, ComponentFamilies: c.ComponentFamilies, Authorised: c.Authorised,
			CertificationStandard: c.CertificationStandard, CertificateNumber: c.CertificateNumber, CertificateExpiresOn: c.CertificateExpiresOn,
			Justification: c.Justification}
		change(&in)
		in.apply(&c)
		if c.Justification != before.Justification || (before.Authorised && !c.Authorised) {
			c.JustificationAcceptedBy, c.JustificationAcceptedAt = nil, nil
		}
		if err := validateSource(c); err != nil {
			return err
		}
		c.Version = version + 1
		if err := saveVersioned(tx, &c, id, version); err != nil {
			return translate(err, "update component source")
		}
		if _, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionComponentSourceUpdate, EntityType: audit.EntityComponentSource, EntityID: id, Changes: audit.Diff(before, c)}); err != nil {
			return err
		}
		if err := s.syncSourceCertificate(tx, c, false, actor); err != nil {
			return err
		}
		views, err := s.describeSources(tx, []model.ComponentSource{c})
		if err == nil {
			view = views[0]
		}
		return err
	})
	return view, err
}

// AcceptSourceJustification records that a manager accepted the
// justification for buying from an unauthorised source.
func (s *Store) AcceptSourceJustification(ctx context.Context, id, version int64, actor audit.Actor) (ComponentSourceView, error) {
	var view ComponentSourceView
	err := s.tx(ctx, func(tx *gorm.DB) error {
		var c model.ComponentSource
		if err := tx.Take(&c, id).Error; err != nil {
			return translate(err, "accept justification")
		}
		if c.Version != version {
			return ErrVersionConflict
		}
		p := qualification.Problems{}
		switch {
		case c.Authorised:
			p.Add("authorised", "The source is authorised by the original manufacturer; it needs no justification.")
		case c.Justification == "":
			p.Add("justification", "Record why this unauthorised source is used before accepting it.")
		case c.JustificationAcceptedAt != nil:
			return &ConflictError{Field: "justification", Message: "The justification was accepted already."}
		}
		if err := p.Err("The justification cannot be accepted."); err != nil {
			return err
		}
		before := c
		now := s.Now()
		c.JustificationAcceptedBy, c.JustificationAcceptedAt, c.Version = actorID(actor), &now, version+1
		if err := saveVersioned(tx, &c, id, version); err != nil {
			return translate(err, "accept justification")
		}
		if _, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionComponentSourceAcceptJustification, EntityType: audit.EntityComponentSource, EntityID: id, Changes: audit.Diff(before, c)}); err != nil {
			return err
		}
		views, err := s.describeSources(tx, []model.ComponentSource{c})
		if err == nil {
			view = views[0]
		}
		return err
	})
	return view, err
}

// DeleteComponentSource deletes a source entered by mistake.
func (s *Store) DeleteComponentSource(ctx context.Context, id int64, actor audit.Actor) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		var c model.ComponentSource
		if err := tx.Take(&c, id).Error; err != nil {
			return translate(err, "delete component source")
		}
		if err := s.syncSourceCertificate(tx, c, true, actor); err != nil {
			return err
		}
		if err := tx.Delete(&model.ComponentSource{}, id).Error; err != nil {
			return translate(err, "delete component source")
		}
		_, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionComponentSourceDelete, EntityType: audit.EntityComponentSource, EntityID: id, Changes: audit.Deleted(c)})
		return err
	})
}

// IncidentSorts are the sort fields of the incidents list.
var IncidentSorts = SortFields{
	"reported_on": dateSort("part_incidents.reported_on"),
	"part_number": textSort("part_incidents.part_number"),
	"status":      textSort("part_incidents.status"),
	"updated_at":  timeSort("part_incidents.updated_at"),
}

// ListPartIncidents returns one page of incidents, newest first.
func (s *Store) ListPartIncidents(ctx context.Context, q string, statuses []model.IncidentStatus, p Page) ([]model.PartIncident, int64, error) {
	query := s.db.WithContext(ctx).Model(&model.PartIncident{})
	if len(statuses) > 0 {
		query = query.Where("status IN ?", statuses)
	}
	if strings.TrimSpace(q) != "" {
		cond, args := s.WithSearchByScan().textMatch("part_incidents", []string{"part_number", "source_name", "lot_codes", "gidep_reference", "erai_reference"}, q)
		query = query.Where(cond, args...)
	}
	found := []model.PartIncident{}
	total, err := list(query, p, IncidentSorts, "-reported_on", &found)
	if err != nil {
		return nil, 0, translate(err, "list part incidents")
	}
	return found, total, nil
}

// IncidentInput is an incident as entered.
type IncidentInput struct {
	PartNumber, ComponentFamily, LotCodes, DateCodes, SourceName, HowFound string
	GIDEPReference, ERAIReference                                          string
	Status                                                                 model.IncidentStatus
	ReportedOn                                                             model.Date
}

func (in IncidentInput) apply(i *model.PartIncident) {
	i.PartNumber, i.ComponentFamily = strings.TrimSpace(in.PartNumber), strings.Join(strings.Fields(in.ComponentFamily), " ")
	i.LotCodes, i.DateCodes, i.SourceName = strings.TrimSpace(in.LotCodes), strings.TrimSpace(in.DateCodes), strings.TrimSpace(in.SourceName)
	i.HowFound, i.GIDEPReference, i.ERAIReference = strings.TrimSpace(in.HowFound), strings.TrimSpace(in.GIDEPReference), strings.TrimSpace(in.ERAIReference)
	i.Status, i.ReportedOn = in.Status, in.ReportedOn
	if i.Status == "" {
		i.Status = "open"
	}
}

func (s *Store) validateIncident(i model.PartIncident) error {
	p := qualification.Problems{}
	qualification.ValidateIncident(i.PartNumber, i.SourceName, i.Status, i.ReportedOn, s.Today(), p)
	return p.Err("The incident cannot be saved.")
}

// CreatePartIncident records a suspect-part incident.
func (s *Store) CreatePartIncident(ctx context.Context, in IncidentInput, actor audit.Actor) (model.PartIncident, error) {
	i := model.PartIncident{Version: 1}
	in.apply(&i)
	if err := s.validateIncident(i); err != nil {
		return i, err
	}
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(&i).Error; err != nil {
			return translate(err, "create part incident")
		}
		_, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionPartIncidentCreate, EntityType: audit.EntityPartIncident, EntityID: i.ID, Changes: audit.Diff(nil, i)})
		return err
	})
	return i, err
}

// UpdatePartIncident changes an incident at the version the client read.
func (s *Store) UpdatePartIncident(ctx context.Context, id, version int64, change func(*IncidentInput), actor audit.Actor) (model.PartIncident, error) {
	var i model.PartIncident
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Take(&i, id).Error; err != nil {
			return translate(err, "update part incident")
		}
		if i.Version != version {
			return ErrVersionConflict
		}
		before := i
		in := IncidentInput{PartNumber: i.PartNumber, ComponentFamily: i.ComponentFamily, LotCodes: i.LotCodes, DateCodes: i.DateCodes,
			SourceName: i.SourceName, HowFound: i.HowFound, GIDEPReference: i.GIDEPReference, ERAIReference: i.ERAIReference,
			Status: i.Status, ReportedOn: i.ReportedOn}
		change(&in)
		in.apply(&i)
		if err := s.validateIncident(i); err != nil {
			return err
		}
		i.Version = version + 1
		if err := saveVersioned(tx, &i, id, version); err != nil {
			return translate(err, "update part incident")
		}
		_, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionPartIncidentUpdate, EntityType: audit.EntityPartIncident, EntityID: id, Changes: audit.Diff(before, i)})
		return err
	})
	return i, err
}

// DeletePartIncident deletes an incident entered by mistake.
func (s *Store) DeletePartIncident(ctx context.Context, id int64, actor audit.Actor) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		var i model.PartIncident
		if err := tx.Take(&i, id).Error; err != nil {
			return translate(err, "delete part incident")
		}
		if err := tx.Delete(&model.PartIncident{}, id).Error; err != nil {
			return translate(err, "delete part incident")
		}
		_, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionPartIncidentDelete, EntityType: audit.EntityPartIncident, EntityID: id, Changes: audit.Deleted(i)})
		return err
	})
}

// BlastRadiusRow is a site (and a product it builds) that bought from the
// incident's source or buys the incident's component family from a
// source that is not authorised.
type BlastRadiusRow struct {
	SiteID       int64  `json:"site_id"`
	SiteCode     string `json:"site_code"`
	SiteName     string `json:"site_name"`
	Manufacturer string `json:"manufacturer"`
	SourceID     int64  `json:"source_id"`
	SourceName   string `json:"source_name"`
	Authorised   bool   `json:"authorised"`
	Families     string `json:"component_families"`
	Reason       string `json:"reason"` // "same_source" or "same_family"
	ProductID    *int64 `json:"product_id"`
	PartNumber   string `json:"part_number"`
	ProductName  string `json:"product_name"`
}

// PartIncidentView is an incident with its blast radius.
type PartIncidentView struct {
	model.PartIncident
	BlastRadius []BlastRadiusRow `json:"blast_radius"`
}

// PartIncidentByID returns an incident with its blast radius in the
// reader's scope.
func (s *Store) PartIncidentByID(ctx context.Context, id int64) (PartIncidentView, error) {
	db := s.db.WithContext(ctx)
	var i model.PartIncident
	if err := db.Take(&i, id).Error; err != nil {
		return PartIncidentView{}, translate(err, "part incident by id")
	}
	rows, err := s.blastRadius(db, i)
	return PartIncidentView{PartIncident: i, BlastRadius: rows}, err
}

// blastRadius lists every site (in scope) whose sources include the
// incident's source (compared ignoring case and punctuation), or an
// unauthorised source of the incident's component family, once per
// product the site builds (or once with no product).
func (s *Store) blastRadius(db *gorm.DB, i model.PartIncident) ([]BlastRadiusRow, error) {
	var sources []struct {
		model.ComponentSource
		SiteCode     string
		SiteName     string
		Manufacturer string
	}
	q := s.in(db.Table("component_sources").Select("component_sources.*, sites.code AS site_code, sites.name AS site_name, manufacturers.name AS manufacturer").
		Joins("JOIN sites ON sites.id = component_sources.site_id").Joins("JOIN manufacturers ON manufacturers.id = sites.manufacturer_id"),
		"component_sources.site_id", viaSite)
	if err := q.Order("sites.code, component_sources.name, component_sources.id").Find(&sources).Error; err != nil {
		return nil, translate(err, "blast radius")
	}
	out := []BlastRadiusRow{}
	var siteIDs []int64
	type hit struct {
		row  BlastRadiusRow
		site int64
	}
	var hits []hit
	for _, src := range sources {
		reason := ""
		switch {
		case qualification.SameSource(src.Name, i.SourceName):
			reason = "same_source"
		case !src.Authorised && qualification.SharesFamily(src.ComponentFamilies, i.ComponentFamily):
			reason = "same_family"
		default:
			continue
		}
		hits = append(hits, hit{BlastRadiusRow{SiteID: src.SiteID, SiteCode: src.SiteCode, SiteName: src.SiteName, Manufacturer: src.Manufacturer,
			SourceID: src.ID, SourceName: src.Name, Authorised: src.Authorised, Families: strings.Join(src.ComponentFamilies, ", "), Reason: reason}, src.SiteID})
		siteIDs = append(siteIDs, src.SiteID)
	}
	if len(hits) == 0 {
		return out, nil
	}
	var built []struct {
		SiteID     int64
		ProductID  int64
		PartNumber string
		Name       string
	}
	if err := db.Table("site_products").Select("site_products.site_id, products.id AS product_id, products.part_number, products.name").
		Joins("JOIN products ON products.id = site_products.product_id").Where("site_products.site_id IN ?", siteIDs).
		Order("products.part_number").Scan(&built).Error; err != nil {
		return nil, translate(err, "blast radius products")
	}
	for _, h := range hits {
		n := 0
		for _, b := range built {
			if b.SiteID == h.site {
				r := h.row
				id := b.ProductID
				r.ProductID, r.PartNumber, r.ProductName = &id, b.PartNumber, b.Name
				out = append(out, r)
				n++
			}
		}
		if n == 0 {
			out = append(out, h.row)
		}
	}
	return out, nil
}
