package store

import (
	"context"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

// attentionLimit caps each list of records needing attention.
const attentionLimit = 10

// dueSoonDays is the dashboard's look-ahead for inspections.
const dueSoonDays = 30

// Dashboard is the overview: counts over the whole (non-archived) register
// and the few records that need attention first. Every figure is an
// aggregate query, so its cost does not grow with what it counts.
type Dashboard struct {
	Today                        model.Date                          `json:"today"`
	ExpiringWithinDays           int                                 `json:"expiring_within_days"`
	SitesByStatus                map[model.QualificationStatus]int64 `json:"sites_by_status"`
	InspectionsDue30Days         int64                               `json:"inspections_due_30_days"`
	InspectionsOverdue           int64                               `json:"inspections_overdue"`
	PlannedInspectionsNext30Days int64                               `json:"planned_inspections_next_30_days"`
	CertificationsExpiring       int64                               `json:"certifications_expiring"`
	CertificationsExpired        int64                               `json:"certifications_expired"`
	OpenFindingsBySeverity       map[model.Severity]int64            `json:"open_findings_by_severity"`
	OverdueFindings              int64                               `json:"overdue_findings"`
	InspectionsPerMonth          []MonthResults                      `json:"inspections_per_month"`
	Attention                    Attention                           `json:"attention"`
}

// MonthResults counts the inspections completed in a month by result.
type MonthResults struct {
	Month       string `json:"month"` // YYYY-MM
	Pass        int64  `json:"pass"`
	Conditional int64  `json:"conditional"`
	Fail        int64  `json:"fail"`
}

// Attention lists the records to look at first, each at most 10 long.
type Attention struct {
	OverdueSites           []AttentionSite          `json:"overdue_sites"`
	ExpiringCertifications []AttentionCertification `json:"expiring_certifications"`
	OverdueFindings        []AttentionFinding       `json:"overdue_findings"`
}

// AttentionSite is a site whose inspection is overdue.
type AttentionSite struct {
	ID                int64      `json:"id"`
	Code              string     `json:"code"`
	Name              string     `json:"name"`
	NextInspectionDue model.Date `json:"next_inspection_due"`
	DaysOverdue       int        `json:"days_overdue"`
}

// AttentionCertification is a certificate that expires soon.
type AttentionCertification struct {
	ID        int64      `json:"id"`
	SiteID    int64      `json:"site_id"`
	SiteCode  string     `json:"site_code"`
	Standard  string     `json:"standard"`
	ExpiresOn model.Date `json:"expires_on"`
	DaysLeft  int        `json:"days_left"`
}

// AttentionFinding is a finding past its due date.
type AttentionFinding struct {
	ID          int64          `json:"id"`
	SiteID      int64          `json:"site_id"`
	SiteCode    string         `json:"site_code"`
	Severity    model.Severity `json:"severity"`
	Description string         `json:"description"`
	DueDate     model.Date     `json:"due_date"`
	DaysOverdue int            `json:"days_overdue"`
}

// activeSite limits a query joined to sites to non-archived ones.
const activeSite = "sites.archived_at IS NULL"

// activeSites limits a query joined to sites to non-archived ones in scope.
func (s *Store) activeSites(q *gorm.DB) *gorm.DB {
	return s.in(q.Where(activeSite), "sites.manufacturer_id", viaManufacturer)
}

// computeDashboard computes the overview as of the store's today.
func (s *Store) computeDashboard(ctx context.Context) (Dashboard, error) {
	db := s.db.WithContext(ctx)
	today := s.Today()
	soon := today.AddDays(dueSoonDays)
	expiringUntil := today.AddDays(s.rules.ExpiringWithinDays)
	d := Dashboard{
		Today:                  today,
		ExpiringWithinDays:     s.rules.ExpiringWithinDays,
		SitesByStatus:          map[model.QualificationStatus]int64{},
		OpenFindingsBySeverity: map[model.Severity]int64{},
	}
	for _, st := range model.QualificationStatuses {
		d.SitesByStatus[st] = 0
	}
	for _, sev := range model.Severities {
		d.OpenFindingsBySeverity[sev] = 0
	}

	var byStatus []struct {
		QualificationStatus model.QualificationStatus
		N                   int64
	}
	if err := db.Model(&model.Site{}).Select("qualification_status, count(*) AS n").Scopes(s.activeSites).
		Group("qualification_status").Scan(&byStatus).Error; err != nil {
		return d, fmt.Errorf("store: dashboard: sites by status: %w", err)
	}
	for _, r := range byStatus {
		d.SitesByStatus[r.QualificationStatus] = r.N
	}

	sites := func() *gorm.DB { return db.Model(&model.Site{}).Scopes(s.activeSites) }
	withSite := func(m any, table string) *gorm.DB {
		return db.Model(m).Joins("JOIN sites ON sites.id = " + table + ".site_id").Scopes(s.activeSites)
	}
	counts := []struct {
		what string
		q    *gorm.DB
		dst  *int64
	}{
		{"inspections due", sites().Where("sites.next_inspection_due BETWEEN ? AND ?", today, soon), &d.InspectionsDue30Days},
		{"inspections overdue", sites().Where(overdueCondition, today), &d.InspectionsOverdue},
		{"planned inspections", withSite(&model.Inspection{}, "inspections").Where("inspections.status = ? AND inspections.scheduled_date BETWEEN ? AND ?", model.InspectionPlanned, today, soon), &d.PlannedInspectionsNext30Days},
		{"certifications expiring", withSite(&model.Certification{}, "certifications").Where("certifications.withdrawn = ? AND certifications.expires_on BETWEEN ? AND ?", false, today, expiringUntil), &d.CertificationsExpiring},
		{"certifications expired", withSite(&model.Certification{}, "certifications").Where("certifications.withdrawn = ? AND certifications.expires_on < ?", false, today), &d.CertificationsExpired},
		{"overdue findings", withSite(&model.Finding{}, "findings").Where(findingUnclosed+" AND findings.due_date < ?", today), &d.OverdueFindings},
	}
	for _, c := range counts {
		if err := c.q.Count(c.dst).Error; err != nil {
			return d, fmt.Errorf("store: dashboard: %s: %w", c.what, err)
		}
	}

	var bySeverity []struct {
		Severity model.Severity
		N        int64
	}
	if err := withSite(&model.Finding{}, "findings").Select("findings.severity, count(*) AS n").Where("findings.status IN ?", findingStatusesStillOpen).
		Group("findings.severity").Scan(&bySeverity).Error; err != nil {
		return d, fmt.Errorf("store: dashboard: findings by severity: %w", err)
	}
	for _, r := range bySeverity {
		d.OpenFindingsBySeverity[r.Severity] = r.N
	}

	var err error
	if d.InspectionsPerMonth, err = s.inspectionsPerMonth(db, today); err != nil {
		return d, err
	}
	if d.Attention, err = s.attention(db, today, expiringUntil); err != nil {
		return d, err
	}
	return d, nil
}

// inspectionsPerMonth counts completed inspections of the last 12 months
// (this one included) by result. The database groups by day and result,
// which both SQLite and PostgreSQL do the same way; the months are summed
// here, so no dialect-specific date function is needed.
func (s *Store) inspectionsPerMonth(db *gorm.DB, today model.Date) ([]MonthResults, error) {
	first := model.NewDate(today.Time().Year(), today.Time().Month(), 1).AddMonths(-11)
	months := make([]MonthResults, 12)
	index := map[string]int{}
	for i := range months {
		m := first.AddMonths(i).Time().Format("2006-01")
		months[i] = MonthResults{Month: m}
		index[m] = i
	}
	var rows []struct {
		PerformedDate model.Date
		Result        model.InspectionResult
		N             int64
	}
	err := s.in(db.Model(&model.Inspection{}), "inspections.site_id", viaSite).Select("performed_date, result, count(*) AS n").
		Where("status = ? AND performed_date >= ? AND performed_date <= ?", model.InspectionCompleted, first, today).
		Group("performed_date, result").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("store: dashboard: inspections per month: %w", err)
	}
	for _, r := range rows {
		i, ok := index[r.PerformedDate.Time().Format("2006-01")]
		if !ok {
			continue
		}
		switch r.Result {
		case model.ResultPass:
			months[i].Pass += r.N
		case model.ResultConditional:
			months[i].Conditional += r.N
		case model.ResultFail:
			months[i].Fail += r.N
		}
	}
	return months, nil
}

// attention reads the short lists of records to look at first.
func (s *Store) attention(db *gorm.DB, today, expiringUntil model.Date) (Attention, error) {
	a := Attention{OverdueSites: []AttentionSite{}, ExpiringCertifications: []AttentionCertification{}, OverdueFindings: []AttentionFinding{}}
	err := db.Model(&model.Site{}).Select("id, code, name, next_inspection_due").Scopes(s.activeSites).Where(overdueCondition, today).
		Order("next_inspection_due, code").Limit(attentionLimit).Scan(&a.OverdueSites).Error
	if err != nil {
		return a, fmt.Errorf("store: dashboard: overdue sites: %w", err)
	}
	for i := range a.OverdueSites {
		a.OverdueSites[i].DaysOverdue = a.OverdueSites[i].NextInspectionDue.DaysUntil(today)
	}
	err = db.Model(&model.Certification{}).
		Select("certifications.id, certifications.site_id, sites.code AS site_code, certifications.standard, certifications.expires_on").
		Joins("JOIN sites ON sites.id = certifications.site_id").Scopes(s.activeSites).
		Where("certifications.withdrawn = ? AND certifications.expires_on BETWEEN ? AND ?", false, today, expiringUntil).
		Order("certifications.expires_on, certifications.id").Limit(attentionLimit).Scan(&a.ExpiringCertifications).Error
	if err != nil {
		return a, fmt.Errorf("store: dashboard: expiring certifications: %w", err)
	}
	for i := range a.ExpiringCertifications {
		a.ExpiringCertifications[i].DaysLeft = today.DaysUntil(a.ExpiringCertifications[i].ExpiresOn)
	}
	err = db.Model(&model.Finding{}).
		Select("findings.id, findings.site_id, sites.code AS site_code, findings.severity, findings.description, findings.due_date").
		Joins("JOIN sites ON sites.id = findings.site_id").Scopes(s.activeSites).
		Where(findingUnclosed+" AND findings.due_date < ?", today).
		Order("findings.due_date, findings.id").Limit(attentionLimit).Scan(&a.OverdueFindings).Error
	if err != nil {
		return a, fmt.Errorf("store: dashboard: overdue findings: %w", err)
	}
	for i := range a.OverdueFindings {
		f := &a.OverdueFindings[i]
		f.DaysOverdue = f.DueDate.DaysUntil(today)
		f.Description = attentionLabel(f.Description, 120)
	}
	return a, nil
}

// attentionLabel cuts s to at most n characters on a word boundary, for labels.
func attentionLabel(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndex(cut, " "); i > n/2 {
		cut = cut[:i]
	}
	return cut + "…"
}
