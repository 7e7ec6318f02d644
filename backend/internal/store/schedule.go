package store

import (
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
)

// refreshSiteSchedule recomputes a site's inspection-derived columns
// (last completed inspection, next due, next planned) inside tx. Every
// write that changes an inspection or a site's risk tier calls it, so the
// sites list can filter and sort on them in the database.
func (s *Store) refreshSiteSchedule(tx *gorm.DB, siteID int64) error {
	var site model.Site
	if err := tx.Select("id", "created_at", "risk_tier").Take(&site, siteID).Error; err != nil {
		return translate(err, "refresh schedule")
	}
	var last struct {
		PerformedDate model.Date
		Result        model.InspectionResult
	}
	err := tx.Model(&model.Inspection{}).Select("performed_date", "result").
		Where("site_id = ? AND status = ? AND performed_date IS NOT NULL", siteID, model.InspectionCompleted).
		Order("performed_date DESC").Order("id DESC").Limit(1).Take(&last).Error
	if err != nil && err != gorm.ErrRecordNotFound {
		return fmt.Errorf("store: refresh schedule: last inspection: %w", err)
	}
	var planned struct{ ScheduledDate model.Date }
	err = tx.Model(&model.Inspection{}).Select("scheduled_date").
		Where("site_id = ? AND status = ? AND scheduled_date IS NOT NULL", siteID, model.InspectionPlanned).
		Order("scheduled_date ASC").Limit(1).Take(&planned).Error
	if err != nil && err != gorm.ErrRecordNotFound {
		return fmt.Errorf("store: refresh schedule: next planned: %w", err)
	}
	due := qualification.NextInspectionDue(model.DateOf(site.CreatedAt), site.RiskTier, last.PerformedDate, last.Result, s.rules.Intervals)
	err = tx.Model(&model.Site{}).Where("id = ?", siteID).UpdateColumns(map[string]any{
		"last_inspection_date":   last.PerformedDate,
		"last_inspection_result": last.Result,
		"next_inspection_due":    due,
		"next_planned_date":      planned.ScheduledDate,
	}).Error
	if err != nil {
		return fmt.Errorf("store: refresh schedule: %w", err)
	}
	return nil
}

// scheduleNewSite sets the schedule of a site about to be created at now:
// never inspected, it is due from the day it is created. It is what
// refreshSiteSchedule would find, without its four statements, which a
// large import would otherwise run for every new site.
func (s *Store) scheduleNewSite(site *model.Site, now time.Time) {
	site.CreatedAt, site.UpdatedAt = now, now
	site.LastInspectionDate, site.LastInspectionResult, site.NextPlannedDate = model.Date{}, "", model.Date{}
	site.NextInspectionDue = qualification.NextInspectionDue(model.DateOf(now), site.RiskTier, model.Date{}, "", s.rules.Intervals)
}

// overdueCondition is the SQL form of qualification.Overdue: due before
// today and no planned inspection on or before the due date.
const overdueCondition = "sites.next_inspection_due < ? AND (sites.next_planned_date IS NULL OR sites.next_planned_date > sites.next_inspection_due)"
