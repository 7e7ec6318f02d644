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

// SiteSorts are the sort fields of the sites list. Risk tier and status
// sort in their natural order, not alphabetically; the manufacturer sorts
// by its name lowered, which the site keeps a copy of (kept in step by
// triggers, migration 00025) so an index can serve that order too.
var SiteSorts = SortFields{
	"code":                 textSort("sites.code"),
	"name":                 textSort("lower(sites.name)"),
	"country":              textSort("sites.country"),
	"risk_tier":            numberSort("CASE sites.risk_tier WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3 WHEN 'critical' THEN 4 ELSE 5 END"),
	"qualification_status": numberSort("CASE sites.qualification_status WHEN 'prospective' THEN 1 WHEN 'in_qualification' THEN 2 WHEN 'qualified' THEN 3 WHEN 'conditional' THEN 4 WHEN 'suspended' THEN 5 WHEN 'disqualified' THEN 6 ELSE 7 END"),
	"next_inspection_due":  nullable(dateSort("sites.next_inspection_due")),
	"updated_at":           timeSort("sites.updated_at"),
	"created_at":           timeSort("sites.created_at"),
	"manufacturer":         textSort("sites.manufacturer_sort_name"),
}

// SiteFilter narrows the sites list.
type SiteFilter struct {
	Q              string // code, name, city or manufacturer name
	ManufacturerID int64
	Statuses       []model.QualificationStatus // any of them
	RiskTier       model.RiskTier
	Country        string
	Overdue        *bool
	// DueSoon keeps the sites whose next inspection is due within the
	// dashboard's look-ahead (today to 30 days on).
	DueSoon  bool
	Archived Archived
}

// activeOnly says whether f keeps every site that is not archived and
// nothing else.
func (f SiteFilter) activeOnly() bool {
	return strings.TrimSpace(f.Q) == "" && f.ManufacturerID == 0 && len(f.Statuses) == 0 && f.RiskTier == "" &&
		f.Country == "" && f.Overdue == nil && !f.DueSoon && f.Archived == ActiveOnly
}

// ListSites returns one page of sites with their derived values.
func (s *Store) ListSites(ctx context.Context, f SiteFilter, p Page) ([]SiteView, int64, error) {
	ctx, done, err := s.snapshot(ctx) // the count, the page and its rows' details
	if err != nil {
		return nil, 0, err
	}
	defer done()
	db := s.db.WithContext(ctx)
	q := s.in(f.Archived.where(db.Model(&model.Site{}), "sites"), "sites.manufacturer_id", viaManufacturer)
	if strings.TrimSpace(f.Q) != "" {
		cond, args := anyOf(
			func() (string, []any) { return s.textMatch("sites", []string{"code", "name", "city"}, f.Q) },
			func() (string, []any) {
				cond, args := s.textMatch("manufacturers", []string{"name"}, f.Q)
				return "sites.manufacturer_id IN (SELECT manufacturers.id FROM manufacturers WHERE " + cond + ")", args
			},
		)
		q = q.Where(cond, args...)
	}
	if f.ManufacturerID != 0 {
		q = q.Where("sites.manufacturer_id = ?", f.ManufacturerID)
	}
	if len(f.Statuses) > 0 {
		q = q.Where("sites.qualification_status IN ?", f.Statuses)
	}
	if f.RiskTier != "" {
		q = q.Where("sites.risk_tier = ?", f.RiskTier)
	}
	if f.Country != "" {
		q = q.Where("sites.country = ?", f.Country)
	}
	if f.Overdue != nil || f.DueSoon {
		q = filtersFollowTheOrder(q, "sites.next_inspection_due")
	}
	if f.Overdue != nil {
		if *f.Overdue {
			q = q.Where(overdueCondition, s.Today())
		} else {
			q = q.Where("(sites.next_inspection_due IS NULL OR NOT ("+overdueCondition+"))", s.Today())
		}
	}
	if f.DueSoon {
		today := s.Today()
		q = q.Where(dueSoonCondition, today, today.AddDays(dueSoonDays))
	}
	if s.scope == nil && f.activeOnly() {
		q = ordersHoldTheMatches(q)
	}
	var rows []model.Site
	total, err := list(q, p, SiteSorts, "code", &rows)
	if err != nil {
		return nil, 0, translate(err, "list sites")
	}
	views, err := s.siteViews(db, rows)
	return views, total, err
}

// SiteByID returns a site with its derived values.
func (s *Store) SiteByID(ctx context.Context, id int64) (SiteView, error) {
	db := s.db.WithContext(ctx)
	var site model.Site
	if err := s.in(db, "sites.manufacturer_id", viaManufacturer).Take(&site, id).Error; err != nil {
		return SiteView{}, translate(err, "site by id")
	}
	views, err := s.siteViews(db, []model.Site{site})
	if err != nil {
		return SiteView{}, err
	}
	return views[0], nil
}

var errSiteCode = &ConflictError{Field: "code", Message: "A site with this code already exists."}

// manufacturerProblem says why a site cannot belong to the manufacturer
// id ("" when it can): it must exist and not be archived.
func manufacturerProblem(tx *gorm.DB, id int64) (string, error) {
	if id == 0 {
		return "Choose the site's manufacturer.", nil
	}
	var m model.Manufacturer
	err := tx.Select("id", "archived_at").Take(&m, id).Error
	switch {
	case errors.Is(err, gorm.ErrRecordNotFound):
		return "Choose an existing manufacturer.", nil
	case err != nil:
		return "", fmt.Errorf("store: check manufacturer: %w", err)
	case m.ArchivedAt != nil:
		return "The manufacturer is archived; restore it first or choose another.", nil
	}
	return "", nil
}

// checkSite normalises site and reports every problem with it at once,
// including its manufacturer when checkManufacturer is set.
func checkSite(tx *gorm.DB, site *model.Site, checkManufacturer bool) error {
	p := qualification.Problems{}
	var ve *qualification.ValidationError
	if errors.As(qualification.NormalizeSite(site), &ve) {
		for k, v := range ve.Fields {
			p.Add(k, v)
		}
	}
	if checkManufacturer {
		why, err := manufacturerProblem(tx, site.ManufacturerID)
		if err != nil {
			return err
		}
		if why != "" {
			p.Add("manufacturer_id", why)
		}
	}
	return p.Err("The site cannot be saved.")
}

// CreateSite validates and inserts a new site. It starts prospective and
// is due for inspection from the day it is created.
func (s *Store) CreateSite(ctx context.Context, site *model.Site, actor audit.Actor) error {
	now := s.Now()
	site.ID, site.Version, site.ArchivedAt = 0, 1, nil
	site.QualificationStatus, site.StatusSince, site.ConditionalUntil = model.StatusProspective, now, model.Date{}
	s.scheduleNewSite(site, now)
	return s.tx(ctx, func(tx *gorm.DB) error {
		if err := checkSite(tx, site, true); err != nil {
			return err
		}
		if err := tx.Create(site).Error; err != nil {
			if errors.Is(translate(err, ""), ErrConflict) {
				return errSiteCode
			}
			return translate(err, "create site")
		}
		if err := tx.Take(site, site.ID).Error; err != nil {
			return translate(err, "create site")
		}
		_, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionSiteCreate, EntityType: audit.EntitySite, EntityID: site.ID, Changes: audit.Diff(nil, site)})
		return err
	})
}

// SiteChange is an edit of a site; Archive, when set, archives (true) or
// restores (false) it.
type SiteChange struct {
	Apply   func(s *model.Site)
	Archive *bool
}

// UpdateSite applies change to the site at the version the client read. A
// change of risk tier moves the next inspection due date.
func (s *Store) UpdateSite(ctx context.Context, id, version int64, actor audit.Actor, change SiteChange) (SiteView, error) {
	var site model.Site
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Take(&site, id).Error; err != nil {
			return translate(err, "update site")
		}
		if site.Version != version {
			return ErrVersionConflict
		}
		before := site
		if change.Apply != nil {
			change.Apply(&site)
		}
		// Status, its date and the schedule are never edited directly.
		site.QualificationStatus, site.StatusSince, site.ConditionalUntil = before.QualificationStatus, before.StatusSince, before.ConditionalUntil
		site.LastInspectionDate, site.LastInspectionResult = before.LastInspectionDate, before.LastInspectionResult
		site.NextInspectionDue, site.NextPlannedDate = before.NextInspectionDue, before.NextPlannedDate
		// Moving to another manufacturer, or restoring the site, needs an
		// active manufacturer.
		restoring := change.Archive != nil && !*change.Archive && before.ArchivedAt != nil
		if err := checkSite(tx, &site, site.ManufacturerID != before.ManufacturerID || restoring); err != nil {
			return err
		}
		if change.Archive != nil {
			switch {
			case !*change.Archive:
				site.ArchivedAt = nil
			case site.ArchivedAt == nil:
				now := s.Now()
				site.ArchivedAt = &now
			}
		}
		site.Version = version + 1
		if err := saveVersioned(tx, &site, id, version); err != nil {
			if errors.Is(translate(err, ""), ErrConflict) {
				return errSiteCode
			}
			return translate(err, "update site")
		}
		// Always, not only when the risk tier changed: on PostgreSQL an
		// inspection committed since the site was read would otherwise
		// have its schedule overwritten by the columns read above.
		if err := s.refreshSiteSchedule(tx, id); err != nil {
			return err
		}
		if err := tx.Take(&site, id).Error; err != nil {
			return translate(err, "update site")
		}
		_, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionSiteUpdate, EntityType: audit.EntitySite, EntityID: id, Changes: audit.Diff(before, site)})
		return err
	})
	if err != nil {
		return SiteView{}, err
	}
	views, err := s.siteViews(s.db.WithContext(ctx), []model.Site{site})
	if err != nil {
		return SiteView{}, err
	}
	return views[0], nil
}

// DeleteSite deletes a site that has no history: no inspections,
// certifications, decisions or attachments. A site with history is
// archived instead, so what was recorded about it stays readable.
func (s *Store) DeleteSite(ctx context.Context, id int64, actor audit.Actor) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		var site model.Site
		if err := tx.Take(&site, id).Error; err != nil {
			return translate(err, "delete site")
		}
		history := []struct {
			what  string
			model any
			where string
			args  []any
		}{
			{"inspections", &model.Inspection{}, "site_id = ?", []any{id}},
			{"certifications", &model.Certification{}, "site_id = ?", []any{id}},
			{"qualification decisions", &model.QualificationDecision{}, "site_id = ?", []any{id}},
			{"attachments", &model.Attachment{}, "owner_type = ? AND owner_id = ?", []any{model.OwnerSite, id}},
			{"self-assessment questionnaires", &model.SelfAssessment{}, "site_id = ?", []any{id}},
		}
		for _, h := range history {
			var n int64
			if err := tx.Model(h.model).Where(h.where, h.args...).Count(&n).Error; err != nil {
				return fmt.Errorf("store: delete site: count %s: %w", h.what, err)
			}
			if n > 0 {
				return &ConflictError{Field: "id", Message: fmt.Sprintf("The site has %s on record and cannot be deleted; archive it instead.", h.what)}
			}
		}
		if err := tx.Delete(&model.Site{}, id).Error; err != nil {
			return translate(err, "delete site")
		}
		_, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionSiteDelete, EntityType: audit.EntitySite, EntityID: id, Changes: audit.Deleted(site)})
		return err
	})
}
