package store

import (
	"fmt"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
)

// SiteView is a site as the API shows it: the stored record plus what is
// derived from its manufacturer, findings and certifications.
type SiteView struct {
	model.Site
	ManufacturerName     string               `json:"manufacturer_name"`
	Archived             bool                 `json:"archived"`
	Overdue              bool                 `json:"overdue"`
	OpenFindings         SeverityCounts       `json:"open_findings"`
	CertificationSummary CertificationSummary `json:"certification_summary"`
}

// SeverityCounts counts findings by severity (a site's open or in-progress ones).
type SeverityCounts struct {
	Critical    int64 `json:"critical"`
	Major       int64 `json:"major"`
	Minor       int64 `json:"minor"`
	Observation int64 `json:"observation"`
}

func (c *SeverityCounts) add(sev model.Severity, n int64) {
	switch sev {
	case model.SeverityCritical:
		c.Critical += n
	case model.SeverityMajor:
		c.Major += n
	case model.SeverityMinor:
		c.Minor += n
	case model.SeverityObservation:
		c.Observation += n
	}
}

// CertificationSummary counts a site's certificates by derived status.
// NextExpiry is the soonest expiry among those neither expired nor
// withdrawn (null when there is none).
type CertificationSummary struct {
	Valid      int64      `json:"valid"`
	Expiring   int64      `json:"expiring"`
	Expired    int64      `json:"expired"`
	Withdrawn  int64      `json:"withdrawn"`
	NextExpiry model.Date `json:"next_expiry"`
}

// findingStatusesStillOpen are the statuses a finding still needs work in.
var findingStatusesStillOpen = []model.FindingStatus{model.FindingOpen, model.FindingInProgress}

// siteViews derives the values of a page of sites with one query per kind
// (manufacturer names, open findings, certifications) whatever the page
// size, never one per site.
func (s *Store) siteViews(db *gorm.DB, sites []model.Site) ([]SiteView, error) {
	views := make([]SiteView, len(sites))
	if len(sites) == 0 {
		return views, nil
	}
	today := s.Today()
	ids := make([]int64, len(sites))
	index := make(map[int64]int, len(sites))
	mfrIDs := make([]int64, 0, len(sites))
	seenMfr := map[int64]bool{}
	for i, site := range sites {
		ids[i] = site.ID
		index[site.ID] = i
		if !seenMfr[site.ManufacturerID] {
			seenMfr[site.ManufacturerID] = true
			mfrIDs = append(mfrIDs, site.ManufacturerID)
		}
		views[i] = SiteView{
			Site:     site,
			Archived: site.ArchivedAt != nil,
			Overdue:  qualification.Overdue(site.NextInspectionDue, site.NextPlannedDate, today),
		}
	}

	var names []struct {
		ID   int64
		Name string
	}
	if err := db.Model(&model.Manufacturer{}).Select("id", "name").Where("id IN ?", mfrIDs).Find(&names).Error; err != nil {
		return nil, fmt.Errorf("store: site manufacturers: %w", err)
	}
	nameOf := make(map[int64]string, len(names))
	for _, n := range names {
		nameOf[n.ID] = n.Name
	}
	for i := range views {
		views[i].ManufacturerName = nameOf[views[i].ManufacturerID]
	}

	var findings []struct {
		SiteID   int64
		Severity model.Severity
		N        int64
	}
	err := db.Model(&model.Finding{}).Select("site_id, severity, count(*) AS n").
		Where("site_id IN ? AND status IN ?", ids, findingStatusesStillOpen).
		Group("site_id, severity").Find(&findings).Error
	if err != nil {
		return nil, fmt.Errorf("store: site open findings: %w", err)
	}
	for _, f := range findings {
		views[index[f.SiteID]].OpenFindings.add(f.Severity, f.N)
	}

	var certs []struct {
		SiteID    int64
		ExpiresOn model.Date
		Withdrawn bool
		N         int64
	}
	err = db.Model(&model.Certification{}).Select("site_id, expires_on, withdrawn, count(*) AS n").
		Where("site_id IN ? AND component_source_id IS NULL", ids).Group("site_id, expires_on, withdrawn").Find(&certs).Error
	if err != nil {
		return nil, fmt.Errorf("store: site certifications: %w", err)
	}
	for _, c := range certs {
		sum := &views[index[c.SiteID]].CertificationSummary
		switch qualification.CertificationStatus(c.ExpiresOn, c.Withdrawn, today, s.rules.ExpiringWithinDays) {
		case model.CertValid:
			sum.Valid += c.N
		case model.CertExpiring:
			sum.Expiring += c.N
		case model.CertExpired:
			sum.Expired += c.N
			continue
		case model.CertWithdrawn:
			sum.Withdrawn += c.N
			continue
		}
		if sum.NextExpiry.IsZero() || c.ExpiresOn.Before(sum.NextExpiry) {
			sum.NextExpiry = c.ExpiresOn
		}
	}
	return views, nil
}
