package floor

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"
)

// The dashboard's floor: the aggregate SQL one uncached GET /dashboard
// runs (store.computeDashboard, unscoped), in the same order, through
// database/sql into plain values and written with encoding/json. Left
// out: the integrity drift figure, which the store computes in Go from the
// drift report (it is cached on its own and is zero on the seeded register,
// which has no products at sites).

const (
	overdueSite    = ` sites.next_inspection_due < ? AND (sites.next_planned_date IS NULL OR sites.next_planned_date > sites.next_inspection_due)`
	overdueFinding = ` findings.status <> 'closed' AND findings.due_date < ?`
	expiringCert   = ` certifications.withdrawn = FALSE AND certifications.expires_on >= ? AND certifications.expires_on <= ?`
	siteCodeOf     = `(SELECT sites.code FROM sites WHERE sites.id = %s.site_id)`
)

// onActiveSite keeps the records of sites that are not archived.
func onActiveSite(table string) string {
	return table + ".site_id NOT IN (SELECT sites.id FROM sites WHERE sites.archived_at IS NOT NULL)"
}

// Dashboard is what the floor writes: the figures of GET /dashboard.
type Dashboard struct {
	Today                        string                      `json:"today"`
	SitesByStatus                map[string]int64            `json:"sites_by_status"`
	InspectionsDue30Days         int64                       `json:"inspections_due_30_days"`
	InspectionsOverdue           int64                       `json:"inspections_overdue"`
	PlannedInspectionsNext30Days int64                       `json:"planned_inspections_next_30_days"`
	CertificationsExpiring       int64                       `json:"certifications_expiring"`
	CertificationsExpired        int64                       `json:"certifications_expired"`
	OverdueFindings              int64                       `json:"overdue_findings"`
	OverdueCorrectiveActions     int64                       `json:"overdue_corrective_actions"`
	OverdueSelfAssessments       int64                       `json:"overdue_self_assessments"`
	SelfAssessmentsToReview      int64                       `json:"self_assessments_to_review"`
	OpenFindingsBySeverity       map[string]int64            `json:"open_findings_by_severity"`
	InspectionsPerMonth          map[string]map[string]int64 `json:"inspections_per_month"`
	Attention                    map[string][]map[string]any `json:"attention"`
}

// WriteDashboard computes the dashboard as of today, with certificates
// expiring within expiringDays counted as expiring, and writes it.
func (f Floor) WriteDashboard(ctx context.Context, today time.Time, expiringDays int, w io.Writer) error {
	day := func(n int) string { return today.AddDate(0, 0, n).Format("2006-01-02") }
	now, soon, window := day(0), day(30), day(expiringDays)
	d := Dashboard{Today: now, SitesByStatus: map[string]int64{}, OpenFindingsBySeverity: map[string]int64{},
		InspectionsPerMonth: map[string]map[string]int64{}, Attention: map[string][]map[string]any{}}

	if err := f.grouped(ctx, `SELECT qualification_status, count(*) FROM sites WHERE sites.archived_at IS NULL GROUP BY qualification_status`,
		nil, func(k string, n int64) { d.SitesByStatus[k] = n }); err != nil {
		return err
	}
	counts := []struct {
		sql  string
		args []any
		dst  *int64
	}{
		{`SELECT count(*) FROM sites WHERE sites.archived_at IS NULL AND sites.next_inspection_due >= ? AND sites.next_inspection_due <= ?`, []any{now, soon}, &d.InspectionsDue30Days},
		{`SELECT count(*) FROM sites WHERE sites.archived_at IS NULL AND` + overdueSite, []any{now}, &d.InspectionsOverdue},
		{`SELECT count(*) FROM inspections WHERE ` + onActiveSite("inspections") + ` AND inspections.status = 'planned' AND inspections.scheduled_date >= ? AND inspections.scheduled_date <= ?`, []any{now, soon}, &d.PlannedInspectionsNext30Days},
		{`SELECT count(*) FROM certifications WHERE ` + onActiveSite("certifications") + ` AND` + expiringCert, []any{now, window}, &d.CertificationsExpiring},
		{`SELECT count(*) FROM certifications WHERE ` + onActiveSite("certifications") + ` AND certifications.withdrawn = FALSE AND certifications.expires_on < ?`, []any{now}, &d.CertificationsExpired},
		{`SELECT CAST(COALESCE(sum(n), 0) AS BIGINT) FROM finding_due_counts WHERE due_date < ?`, []any{now}, &d.OverdueFindings},
		{`SELECT count(*) FROM corrective_actions WHERE ` + onActiveSite("corrective_actions") + ` AND corrective_actions.status = 'open' AND corrective_actions.next_due IS NOT NULL AND corrective_actions.next_due < ?`, []any{now}, &d.OverdueCorrectiveActions},
		{`SELECT count(*) FROM self_assessments WHERE self_assessments.status IN ('open', 'returned') AND self_assessments.due_date < ?`, []any{now}, &d.OverdueSelfAssessments},
		{`SELECT count(*) FROM self_assessments WHERE self_assessments.status = 'submitted'`, nil, &d.SelfAssessmentsToReview},
	}
	for _, c := range counts {
		if err := f.DB.QueryRowContext(ctx, f.rebind(c.sql), c.args...).Scan(c.dst); err != nil {
			return err
		}
	}

	if err := f.grouped(ctx, `SELECT severity, n FROM finding_open_counts`, nil,
		func(k string, n int64) { d.OpenFindingsBySeverity[k] += n }); err != nil {
		return err
	}
	// The archived sites' unclosed findings, and those overdue, are taken
	// away from the counts kept over every site.
	archived, err := f.DB.QueryContext(ctx, f.rebind(`SELECT findings.severity, count(*), count(CASE WHEN findings.due_date < ? THEN 1 END)
		FROM sites CROSS JOIN findings WHERE findings.site_id = sites.id AND sites.archived_at IS NOT NULL AND findings.status <> 'closed'
		GROUP BY findings.severity`), now)
	if err != nil {
		return err
	}
	for archived.Next() {
		var severity string
		var n, overdue int64
		if err := archived.Scan(&severity, &n, &overdue); err != nil {
			archived.Close()
			return err
		}
		d.OpenFindingsBySeverity[severity] -= n
		d.OverdueFindings -= overdue
	}
	if err := errors.Join(archived.Err(), archived.Close()); err != nil {
		return err
	}

	first := time.Date(today.Year(), today.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, -11, 0)
	rows, err := f.DB.QueryContext(ctx, f.rebind(`SELECT month, result, n FROM inspection_month_results WHERE month >= ? AND month <= ?`),
		first.Format("2006-01"), today.Format("2006-01"))
	if err != nil {
		return err
	}
	for rows.Next() {
		var month, result string
		var n int64
		if err := rows.Scan(&month, &result, &n); err != nil {
			rows.Close()
			return err
		}
		if d.InspectionsPerMonth[month] == nil {
			d.InspectionsPerMonth[month] = map[string]int64{}
		}
		d.InspectionsPerMonth[month][result] += n
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}

	attention := []struct {
		name string
		sql  string
		args []any
	}{
		{"overdue_sites", `SELECT id, code, name, next_inspection_due FROM sites WHERE sites.archived_at IS NULL AND` + overdueSite +
			` ORDER BY next_inspection_due, code LIMIT 10`, []any{now}},
		{"expiring_certifications", `SELECT certifications.id, certifications.site_id, ` + fmt.Sprintf(siteCodeOf, "certifications") +
			`, certifications.standard, certifications.expires_on, COALESCE((SELECT component_sources.name FROM component_sources WHERE component_sources.id = certifications.component_source_id), '') AS component_source_name` +
			` FROM certifications WHERE ` + onActiveSite("certifications") + ` AND` + expiringCert +
			` ORDER BY certifications.expires_on, certifications.id LIMIT 10`, []any{now, window}},
		{"overdue_findings", `SELECT findings.id, findings.site_id, ` + fmt.Sprintf(siteCodeOf, "findings") +
			`, findings.severity, findings.description, findings.due_date FROM findings WHERE ` + onActiveSite("findings") + ` AND` + overdueFinding +
			` ORDER BY findings.due_date, findings.id LIMIT 10`, []any{now}},
	}
	for _, a := range attention {
		if d.Attention[a.name], err = f.records(ctx, a.sql, a.args); err != nil {
			return err
		}
	}
	return json.NewEncoder(w).Encode(d)
}

// grouped runs a query of (key, count) rows.
func (f Floor) grouped(ctx context.Context, sql string, args []any, add func(string, int64)) error {
	rows, err := f.DB.QueryContext(ctx, f.rebind(sql), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		var n int64
		if err := rows.Scan(&k, &n); err != nil {
			return err
		}
		add(k, n)
	}
	return rows.Err()
}

// records reads a short list as column -> value maps.
func (f Floor) records(ctx context.Context, sql string, args []any) ([]map[string]any, error) {
	rows, err := f.DB.QueryContext(ctx, f.rebind(sql), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	out := []map[string]any{}
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		r := make(map[string]any, len(cols))
		for i, c := range cols {
			if b, ok := vals[i].([]byte); ok {
				vals[i] = string(b)
			}
			r[c] = vals[i]
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
