package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
)

// ReportSiteFilter narrows the approved-suppliers report the way the sites
// list is filtered. Archived sites are never in it.
type ReportSiteFilter struct {
	Q              string // code, name, city or manufacturer name
	ManufacturerID int64
	Statuses       []model.QualificationStatus
	RiskTier       model.RiskTier
	Country        string
	Overdue        *bool
	SiteID         int64 // one site (the dossier)
}

// ReportSite is one site as the reports show it, with its derived values.
type ReportSite struct {
	ID                   int64
	Code                 string
	Name                 string
	Manufacturer         string
	ManufacturerCountry  string
	Address              string
	City                 string
	Country              string
	Processes            model.StringList
	ApprovedScope        string
	RiskTier             model.RiskTier
	Status               model.QualificationStatus
	StatusSince          time.Time
	ConditionalUntil     model.Date
	ContactName          string
	ContactEmail         string
	ContactPhone         string
	Notes                string
	CreatedAt            time.Time
	LastInspectionDate   model.Date
	LastInspectionResult model.InspectionResult
	NextInspectionDue    model.Date
	NextPlannedDate      model.Date
	Overdue              bool
	// ValidCertifications are the certificates neither expired nor
	// withdrawn, soonest expiry first.
	ValidCertifications []ReportCertificate
	OpenFindings        ReportFindingCounts
}

// ReportCertificate names a certificate in a site's summary.
type ReportCertificate struct {
	Standard  string
	ExpiresOn model.Date
	Status    model.CertificationStatus
}

var reportSiteSelect = `SELECT sites.id, sites.code, sites.name, manufacturers.name, manufacturers.country, sites.address, sites.city,
	sites.country, sites.processes, sites.approved_scope, sites.risk_tier, sites.qualification_status,
	sites.status_since, ` + reportDate("sites.conditional_until") + `, sites.contact_name, sites.contact_email, sites.contact_phone,
	sites.notes, sites.created_at, ` + reportDate("sites.last_inspection_date") + `, sites.last_inspection_result,
	` + reportDate("sites.next_inspection_due") + `, ` + reportDate("sites.next_planned_date") + `
	FROM sites JOIN manufacturers ON manufacturers.id = sites.manufacturer_id`

func scanReportSite(rows *sql.Rows, r *ReportSite) error {
	return rows.Scan(&r.ID, &r.Code, &r.Name, &r.Manufacturer, &r.ManufacturerCountry, &r.Address, &r.City,
		&r.Country, &r.Processes, &r.ApprovedScope, &r.RiskTier, &r.Status,
		&r.StatusSince, &r.ConditionalUntil, &r.ContactName, &r.ContactEmail, &r.ContactPhone,
		&r.Notes, &r.CreatedAt, &r.LastInspectionDate, &r.LastInspectionResult,
		&r.NextInspectionDue, &r.NextPlannedDate)
}

// EachReportSite reads the sites the filter selects, by manufacturer and
// code, in batches with their certificates and open findings.
func (s *Store) EachReportSite(ctx context.Context, f ReportSiteFilter, fn func([]ReportSite) error) error {
	today := s.Today()
	where, args := []string{"sites.archived_at IS NULL"}, []any{}
	if f.SiteID != 0 {
		where, args = []string{"sites.id = ?"}, []any{f.SiteID}
	}
	where, args = s.reportScope(where, args, "sites.manufacturer_id", viaManufacturer)
	if q := strings.TrimSpace(f.Q); q != "" {
		pat := likePattern(q)
		where = append(where, `(lower(sites.code) LIKE ? ESCAPE '\' OR lower(sites.name) LIKE ? ESCAPE '\'
			OR lower(sites.city) LIKE ? ESCAPE '\' OR lower(manufacturers.name) LIKE ? ESCAPE '\')`)
		args = append(args, pat, pat, pat, pat)
	}
	if f.ManufacturerID != 0 {
		where, args = append(where, "sites.manufacturer_id = ?"), append(args, f.ManufacturerID)
	}
	if len(f.Statuses) > 0 {
		where, args = append(where, "sites.qualification_status IN ?"), append(args, f.Statuses)
	}
	if f.RiskTier != "" {
		where, args = append(where, "sites.risk_tier = ?"), append(args, f.RiskTier)
	}
	if f.Country != "" {
		where, args = append(where, "sites.country = ?"), append(args, f.Country)
	}
	if f.Overdue != nil {
		if *f.Overdue {
			where = append(where, overdueCondition)
		} else {
			where = append(where, "(sites.next_inspection_due IS NULL OR NOT ("+overdueCondition+"))")
		}
		args = append(args, today)
	}
	sqlText := reportSiteSelect + " WHERE " + strings.Join(where, " AND ") +
		" ORDER BY lower(manufacturers.name), sites.code, sites.id"
	db := s.db.WithContext(ctx)
	enrich := func(batch []ReportSite) error {
		ids := reportIDs(batch, func(r *ReportSite) int64 { return r.ID })
		certs, err := s.reportValidCertificates(ctx, ids, today)
		if err != nil {
			return err
		}
		_, open, err := reportFindingCounts(db, "site_id", ids)
		if err != nil {
			return err
		}
		for i := range batch {
			r := &batch[i]
			r.Overdue = qualification.Overdue(r.NextInspectionDue, r.NextPlannedDate, today)
			r.ValidCertifications = certs[r.ID]
			r.OpenFindings = open[r.ID]
		}
		return nil
	}
	err := reportRows(ctx, s.reports, db.Raw(sqlText, args...), scanReportSite, enrich, fn)
	if err != nil {
		return fmt.Errorf("store: report sites: %w", err)
	}
	return nil
}

// reportValidCertificates loads the certificates of the sites that are
// neither expired nor withdrawn, in one query.
func (s *Store) reportValidCertificates(ctx context.Context, siteIDs []int64, today model.Date) (map[int64][]ReportCertificate, error) {
	var rows []struct {
		SiteID    int64
		Standard  string
		ExpiresOn model.Date
	}
	err := s.db.WithContext(ctx).Model(&model.Certification{}).Select("site_id, standard, expires_on").
		Where("site_id IN ? AND component_source_id IS NULL AND withdrawn = ? AND expires_on >= ?", siteIDs, false, today).
		Order("site_id, expires_on, standard").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("store: report certificates: %w", err)
	}
	out := map[int64][]ReportCertificate{}
	for _, r := range rows {
		st := qualification.CertificationStatus(r.ExpiresOn, false, today, s.rules.ExpiringWithinDays)
		out[r.SiteID] = append(out[r.SiteID], ReportCertificate{Standard: r.Standard, ExpiresOn: r.ExpiresOn, Status: st})
	}
	return out, nil
}

// ReportSiteByID is one site, archived or not, for its dossier.
func (s *Store) ReportSiteByID(ctx context.Context, id int64) (ReportSite, error) {
	var found *ReportSite
	err := s.EachReportSite(ctx, ReportSiteFilter{SiteID: id}, func(b []ReportSite) error {
		r := b[0]
		found = &r
		return nil
	})
	if err != nil {
		return ReportSite{}, err
	}
	if found == nil {
		return ReportSite{}, ErrNotFound
	}
	return *found, nil
}
