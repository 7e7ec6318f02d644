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
	// OverdueCorrectiveActions counts the open corrective-action requests
	// with a stage the supplier left past its due date.
	OverdueCorrectiveActions int64 `json:"overdue_corrective_actions"`
	// OverdueSelfAssessments counts the questionnaires with the supplier
	// (open or returned) past their due date; SelfAssessmentsToReview the
	// submitted ones waiting for the buyer's review.
	OverdueSelfAssessments  int64 `json:"overdue_self_assessments"`
	SelfAssessmentsToReview int64 `json:"self_assessments_to_review"`
	// IntegrityDrift counts the products at sites whose hardware integrity
	// drifts: the drift report's total.
	IntegrityDrift      int64          `json:"integrity_drift"`
	InspectionsPerMonth []MonthResults `json:"inspections_per_month"`
	Attention           Attention      `json:"attention"`
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
	// ComponentSourceName names the component source holding the
	// certificate ("" for the site's own).
	ComponentSourceName string `json:"component_source_name"`
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

// activeSite limits a query on sites to non-archived ones.
const activeSite = "sites.archived_at IS NULL"

// onActiveSite limits a query on a table with a site_id to the records of
// non-archived sites. Archived sites are few, so the database reads their
// ids once instead of looking up the site of every record it counts.
func onActiveSite(table string) string {
	return table + ".site_id NOT IN (SELECT sites.id FROM sites WHERE sites.archived_at IS NOT NULL)"
}

// activeSites limits a query on sites to non-archived ones in scope.
func (s *Store) activeSites(q *gorm.DB) *gorm.DB {
	return s.in(q.Where(activeSite), "sites.manufacturer_id", viaManufacturer)
}

// The dashboard's figures, each written once: the dashboard counts them and
// the lists its cards open filter by the same conditions, so a figure and
// its list's total agree (TestDashboardFiguresMatchTheirLists). The
// conditions are spelled with literals where a partial index has the same
// ones (a bound parameter would hide them from the planner).
const (
	// certificationCurrent: not withdrawn (certifications_current_expiry_idx).
	certificationCurrent = "certifications.withdrawn = FALSE"
	// inspectionPlanned: a planned inspection (inspections_planned_idx).
	inspectionPlanned = "inspections.status = 'planned'"
	// dueSoonCondition: next inspection due from today to the bound.
	dueSoonCondition = "sites.next_inspection_due >= ? AND sites.next_inspection_due <= ?"
)

// onActiveRecord limits a query on table (findings, certifications,
// inspections) to the records of non-archived sites in scope.
func (s *Store) onActiveRecord(table string) func(q *gorm.DB) *gorm.DB {
	return func(q *gorm.DB) *gorm.DB {
		return s.in(q.Where(onActiveSite(table)), table+".site_id", viaSite)
	}
}

// computeDashboard computes the overview as of the store's today. Every
// figure is a count over an index that holds only what it counts
// (migrations 00006 and 00008), or a read of a table of counts the
// database keeps in step with each write.
func (s *Store) computeDashboard(ctx context.Context) (Dashboard, error) {
	// The drift report is cached on its own: read before the snapshot
	// the counts share.
	drift, err := s.Drift(ctx)
	if err != nil {
		return Dashboard{}, err
	}
	ctx, done, err := s.snapshot(ctx)
	if err != nil {
		return Dashboard{}, err
	}
	defer done()
	db := s.db.WithContext(ctx)
	today := s.Today()
	soon := today.AddDays(dueSoonDays)
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

	expiring, expiringArgs := s.certificationStatusCondition(model.CertExpiring, today)
	expired, expiredArgs := s.certificationStatusCondition(model.CertExpired, today)
	sites := func() *gorm.DB { return db.Model(&model.Site{}).Scopes(s.activeSites) }
	records := func(m any, table string) *gorm.DB { return db.Model(m).Scopes(s.onActiveRecord(table)) }
	counts := []struct {
		what string
		q    *gorm.DB
		dst  *int64
	}{
		{"inspections due", sites().Where(dueSoonCondition, today, soon), &d.InspectionsDue30Days},
		{"inspections overdue", sites().Where(overdueCondition, today), &d.InspectionsOverdue},
		{"planned inspections", records(&model.Inspection{}, "inspections").Where(inspectionPlanned+" AND inspections.scheduled_date >= ? AND inspections.scheduled_date <= ?", today, soon), &d.PlannedInspectionsNext30Days},
		{"certifications expiring", records(&model.Certification{}, "certifications").Where(expiring, expiringArgs...), &d.CertificationsExpiring},
		{"certifications expired", records(&model.Certification{}, "certifications").Where(expired, expiredArgs...), &d.CertificationsExpired},
		{"overdue corrective actions", records(&model.CorrectiveAction{}, "corrective_actions").Where(overdueCA, model.CAOpen, today), &d.OverdueCorrectiveActions},
		{"overdue questionnaires", s.assessmentsInScope(db).Where(assessmentOverdue, assessmentWithSupplier, today), &d.OverdueSelfAssessments},
		{"questionnaires to review", s.assessmentsInScope(db).Where("self_assessments.status = ?", model.AssessmentSubmitted), &d.SelfAssessmentsToReview},
	}
	for _, c := range counts {
		if err := c.q.Count(c.dst).Error; err != nil {
			return d, fmt.Errorf("store: dashboard: %s: %w", c.what, err)
		}
	}

	if err := s.unclosedFindings(db, today, &d); err != nil {
		return d, err
	}
	d.IntegrityDrift = int64(len(drift.Rows))

	if d.InspectionsPerMonth, err = s.inspectionsPerMonth(db, today); err != nil {
		return d, err
	}
	if d.Attention, err = s.attention(db, today); err != nil {
		return d, err
	}
	return d, nil
}

// unclosedFindings counts the unclosed findings of active sites by
// severity (d.OpenFindingsBySeverity) and those overdue at today
// (d.OverdueFindings). Unscoped, it reads the counts the database keeps
// over every site, by severity and by due date (finding_open_counts and
// finding_due_counts, kept by triggers), and takes away those of the
// archived sites; a scoped reader's are counted.
func (s *Store) unclosedFindings(db *gorm.DB, today model.Date, d *Dashboard) error {
	type count struct {
		Severity model.Severity
		N        int64
		Overdue  int64
	}
	var counts []count
	if s.scope != nil {
		err := db.Model(&model.Finding{}).Scopes(s.onActiveRecord("findings")).Select("findings.severity, count(*) AS n").
			Where(findingUnclosed).Group("findings.severity").Scan(&counts).Error
		if err != nil {
			return fmt.Errorf("store: dashboard: findings by severity: %w", err)
		}
		for _, c := range counts {
			d.OpenFindingsBySeverity[c.Severity] = c.N
		}
		err = db.Model(&model.Finding{}).Scopes(s.onActiveRecord("findings")).Where(findingOverdue, today).Count(&d.OverdueFindings).Error
		if err != nil {
			return fmt.Errorf("store: dashboard: overdue findings: %w", err)
		}
		return nil
	}
	if err := db.Table("finding_open_counts").Select("severity, n").Scan(&counts).Error; err != nil {
		return fmt.Errorf("store: dashboard: findings by severity: %w", err)
	}
	err := db.Table("finding_due_counts").Select("CAST(COALESCE(sum(n), 0) AS BIGINT)").Where("due_date < ?", today).Scan(&d.OverdueFindings).Error
	if err != nil {
		return fmt.Errorf("store: dashboard: overdue findings: %w", err)
	}
	// From the archived sites to their findings, each site's read off
	// findings_site_id_idx alone (it holds the status, severity and due
	// date). SQLite's planner, given the statistics, went the other way
	// (each severity's index for the archived sites' ids, then every
	// finding's row for its status: 3-7 ms, 0.4-1.5 ms this way); CROSS
	// JOIN keeps the tables in the order written.
	var archived []count
	err = db.Raw("SELECT findings.severity, count(*) AS n, count(CASE WHEN findings.due_date < ? THEN 1 END) AS overdue"+
		" FROM sites CROSS JOIN findings WHERE findings.site_id = sites.id AND sites.archived_at IS NOT NULL AND "+findingUnclosed+
		" GROUP BY findings.severity", today).Scan(&archived).Error
	if err != nil {
		return fmt.Errorf("store: dashboard: archived sites' findings by severity: %w", err)
	}
	for _, c := range counts {
		d.OpenFindingsBySeverity[c.Severity] += c.N
	}
	for _, c := range archived {
		d.OpenFindingsBySeverity[c.Severity] -= c.N
		d.OverdueFindings -= c.Overdue
	}
	return nil
}

// inspectionsPerMonth counts completed inspections of the last 12 months
// (this one included) by result. Unscoped, it reads the counts the
// database keeps per month (inspection_month_results, kept by triggers);
// a scoped reader's are counted from their inspections, grouped by day and
// result (which both SQLite and PostgreSQL do the same way) and summed by
// month here.
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
		Month  string
		Result model.InspectionResult
		N      int64
	}
	var err error
	if s.scope == nil {
		err = db.Table("inspection_month_results").Select("month, result, n").
			Where("month >= ? AND month <= ?", months[0].Month, months[11].Month).Scan(&rows).Error
	} else {
		var days []struct {
			PerformedDate model.Date
			Result        model.InspectionResult
			N             int64
		}
		err = s.in(db.Model(&model.Inspection{}), "inspections.site_id", viaSite).Select("performed_date, result, count(*) AS n").
			Where("status = ? AND performed_date >= ? AND performed_date <= ?", model.InspectionCompleted, first, today).
			Group("performed_date, result").Scan(&days).Error
		for _, r := range days {
			rows = append(rows, struct {
				Month  string
				Result model.InspectionResult
				N      int64
			}{r.PerformedDate.Time().Format("2006-01"), r.Result, r.N})
		}
	}
	if err != nil {
		return nil, fmt.Errorf("store: dashboard: inspections per month: %w", err)
	}
	for _, r := range rows {
		i, ok := index[r.Month]
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

// attention reads the short lists of records to look at first. Each walks
// its index in the list's order and stops after ten; the site's code is
// looked up for those ten only.
func (s *Store) attention(db *gorm.DB, today model.Date) (Attention, error) {
	a := Attention{OverdueSites: []AttentionSite{}, ExpiringCertifications: []AttentionCertification{}, OverdueFindings: []AttentionFinding{}}
	err := db.Model(&model.Site{}).Select("id, code, name, next_inspection_due").Scopes(s.activeSites).Where(overdueCondition, today).
		Order("next_inspection_due, code").Limit(attentionLimit).Scan(&a.OverdueSites).Error
	if err != nil {
		return a, fmt.Errorf("store: dashboard: overdue sites: %w", err)
	}
	for i := range a.OverdueSites {
		a.OverdueSites[i].DaysOverdue = a.OverdueSites[i].NextInspectionDue.DaysUntil(today)
	}
	expiring, expiringArgs := s.certificationStatusCondition(model.CertExpiring, today)
	const siteCode = "(SELECT sites.code FROM sites WHERE sites.id = %s.site_id) AS site_code"
	const sourceName = "COALESCE((SELECT component_sources.name FROM component_sources WHERE component_sources.id = certifications.component_source_id), '') AS component_source_name"
	err = db.Model(&model.Certification{}).
		Select("certifications.id, certifications.site_id, "+fmt.Sprintf(siteCode, "certifications")+", certifications.standard, certifications.expires_on, "+sourceName).
		Scopes(s.onActiveRecord("certifications")).
		Where(expiring, expiringArgs...).
		Order("certifications.expires_on, certifications.id").Limit(attentionLimit).Scan(&a.ExpiringCertifications).Error
	if err != nil {
		return a, fmt.Errorf("store: dashboard: expiring certifications: %w", err)
	}
	for i := range a.ExpiringCertifications {
		a.ExpiringCertifications[i].DaysLeft = today.DaysUntil(a.ExpiringCertifications[i].ExpiresOn)
	}
	err = db.Model(&model.Finding{}).
		Select("findings.id, findings.site_id, "+fmt.Sprintf(siteCode, "findings")+", findings.severity, findings.description, findings.due_date").
		Scopes(s.onActiveRecord("findings")).
		Where(findingOverdue, today).
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
