package store

import (
	"context"
	"fmt"

	"github.com/qualtrack/qualtrack/backend/internal/database"
	"github.com/qualtrack/qualtrack/backend/internal/model"
)

// ReportMonthResults counts the inspections completed in one month by result.
type ReportMonthResults struct {
	Month                   model.Date // the first day of the month
	Pass, Conditional, Fail int
}

// ReportStatusCount counts the active sites in one status.
type ReportStatusCount struct {
	Status model.QualificationStatus
	Sites  int
}

// ReportMonthCount counts certificates expiring in one month.
type ReportMonthCount struct {
	Month model.Date
	Count int
}

// ReportSummary is what the summary workbook charts.
type ReportSummary struct {
	// InspectionsByMonth covers the last 12 months, this one included.
	InspectionsByMonth []ReportMonthResults
	// SitesByStatus has every status, in lifecycle order.
	SitesByStatus []ReportStatusCount
	// ExpiringByMonth covers the next 12 months, this one included, and
	// counts certificates not withdrawn expiring from today on.
	ExpiringByMonth []ReportMonthCount
}

// monthOf is the SQL expression giving "YYYY-MM" of a date column.
func (s *Store) monthOf(col string) string {
	if database.DialectOf(s.db) == database.Postgres {
		return "to_char(" + col + ", 'YYYY-MM')"
	}
	return "substr(" + col + ", 1, 7)"
}

// ReportSummary counts the summary's figures with three grouped queries.
func (s *Store) ReportSummary(ctx context.Context) (ReportSummary, error) {
	db := s.db.WithContext(ctx)
	today := s.Today()
	thisMonth := model.NewDate(today.Time().Year(), today.Time().Month(), 1)
	var out ReportSummary

	first := thisMonth.AddMonths(-11)
	byMonth := map[string]*ReportMonthResults{}
	for i := 0; i < 12; i++ {
		m := first.AddMonths(i)
		out.InspectionsByMonth = append(out.InspectionsByMonth, ReportMonthResults{Month: m})
	}
	for i := range out.InspectionsByMonth {
		byMonth[out.InspectionsByMonth[i].Month.String()[:7]] = &out.InspectionsByMonth[i]
	}
	var done []struct {
		Month  string
		Result model.InspectionResult
		N      int
	}
	month := s.monthOf("performed_date")
	err := s.in(db.Model(&model.Inspection{}), "inspections.site_id", viaSite).Select(month+" AS month, result, COUNT(*) AS n").
		Where("status = ? AND performed_date >= ? AND performed_date <= ?", model.InspectionCompleted, first, today).
		Group(month + ", result").Scan(&done).Error
	if err != nil {
		return out, fmt.Errorf("store: report summary: inspections: %w", err)
	}
	for _, r := range done {
		m := byMonth[r.Month]
		if m == nil {
			continue
		}
		switch r.Result {
		case model.ResultPass:
			m.Pass += r.N
		case model.ResultConditional:
			m.Conditional += r.N
		case model.ResultFail:
			m.Fail += r.N
		}
	}

	var statuses []struct {
		Status model.QualificationStatus `gorm:"column:qualification_status"`
		N      int
	}
	err = s.in(db.Model(&model.Site{}), "sites.manufacturer_id", viaManufacturer).Select("qualification_status, COUNT(*) AS n").
		Where("archived_at IS NULL").Group("qualification_status").Scan(&statuses).Error
	if err != nil {
		return out, fmt.Errorf("store: report summary: sites: %w", err)
	}
	counts := map[model.QualificationStatus]int{}
	for _, r := range statuses {
		counts[r.Status] = r.N
	}
	for _, st := range model.QualificationStatuses {
		out.SitesByStatus = append(out.SitesByStatus, ReportStatusCount{Status: st, Sites: counts[st]})
	}

	last := thisMonth.AddMonths(12).AddDays(-1)
	var expiring []struct {
		Month string
		N     int
	}
	month = s.monthOf("expires_on")
	err = s.in(db.Model(&model.Certification{}), "certifications.site_id", viaSite).Select(month+" AS month, COUNT(*) AS n").
		Where("withdrawn = ? AND expires_on >= ? AND expires_on <= ?", false, today, last).
		Group(month).Scan(&expiring).Error
	if err != nil {
		return out, fmt.Errorf("store: report summary: certificates: %w", err)
	}
	perMonth := map[string]int{}
	for _, r := range expiring {
		perMonth[r.Month] = r.N
	}
	for i := 0; i < 12; i++ {
		m := thisMonth.AddMonths(i)
		out.ExpiringByMonth = append(out.ExpiringByMonth, ReportMonthCount{Month: m, Count: perMonth[m.String()[:7]]})
	}
	return out, nil
}
