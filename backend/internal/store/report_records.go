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

// ReportSiteRef is what a report row shows of its site.
type ReportSiteRef struct {
	SiteCode     string
	SiteName     string
	Manufacturer string
	Country      string
}

// ReportInspectionFilter narrows the inspection log. From and To bound the
// inspection's date (performed, or scheduled when not performed), both
// days included.
type ReportInspectionFilter struct {
	From, To model.Date
	SiteID   int64
}

// ReportInspection is one line of the inspection log.
type ReportInspection struct {
	ReportSiteRef
	ID            int64
	Type          model.InspectionType
	Status        model.InspectionStatus
	ScheduledDate model.Date
	PerformedDate model.Date
	LeadInspector string
	Team          string
	Scope         string
	Result        model.InspectionResult
	Score         sql.NullInt64
	Summary       string
	Findings      ReportFindingCounts
	OpenFindings  int
	// Signature completed the inspection (zero unless completed).
	Signature ReportSignature

	siteID int64
	leadID sql.NullInt64
}

// inspectionLogDate is the date an inspection is logged under.
const inspectionLogDate = "COALESCE(inspections.performed_date, inspections.scheduled_date)"

// EachReportInspection reads the inspection log in date order, in batches
// with each inspection's finding counts.
func (s *Store) EachReportInspection(ctx context.Context, f ReportInspectionFilter, fn func([]ReportInspection) error) error {
	where, args := []string{"1 = 1"}, []any{}
	if !f.From.IsZero() {
		where, args = append(where, inspectionLogDate+" >= ?"), append(args, f.From)
	}
	if !f.To.IsZero() {
		where, args = append(where, inspectionLogDate+" <= ?"), append(args, f.To)
	}
	if f.SiteID != 0 {
		where, args = append(where, "inspections.site_id = ?"), append(args, f.SiteID)
	}
	where, args = s.reportScope(where, args, "inspections.site_id", viaSite)
	// The log is the one report that runs to hundreds of thousands of rows:
	// it reads the inspections alone, and names their sites and lead
	// inspectors from lookups loaded per batch for ids not seen before,
	// which saves three joins and four strings on every row.
	sqlText := `SELECT inspections.id, inspections.site_id, inspections.type, inspections.status,
		` + reportDate("inspections.scheduled_date") + `, ` + reportDate("inspections.performed_date") + `,
		inspections.lead_inspector_id, inspections.team, inspections.scope, inspections.result,
		inspections.score, inspections.summary
		FROM inspections
		WHERE ` + strings.Join(where, " AND ") + `
		ORDER BY ` + nullsLastOrder(inspectionLogDate) + `, inspections.id`
	scan := func(rows *sql.Rows, r *ReportInspection) error {
		return rows.Scan(&r.ID, &r.siteID, &r.Type, &r.Status, &r.ScheduledDate, &r.PerformedDate,
			&r.leadID, &r.Team, &r.Scope, &r.Result, &r.Score, &r.Summary)
	}
	db := s.db.WithContext(ctx)
	refs := newReportRefs()
	enrich := func(batch []ReportInspection) error {
		all, open, err := reportFindingCounts(db, "inspection_id", reportIDs(batch, func(r *ReportInspection) int64 { return r.ID }))
		if err != nil {
			return err
		}
		if err := refs.loadSites(db, reportIDs(batch, func(r *ReportInspection) int64 { return r.siteID })); err != nil {
			return err
		}
		if err := refs.loadUsers(db, reportIDs(batch, func(r *ReportInspection) int64 { return r.leadID.Int64 })); err != nil {
			return err
		}
		sigs, err := reportSignaturesOf(db, qualification.SignInspectionComplete, "inspection", reportIDs(batch, func(r *ReportInspection) int64 {
			if r.Status != model.InspectionCompleted {
				return 0
			}
			return r.ID
		}))
		if err != nil {
			return err
		}
		for i := range batch {
			r := &batch[i]
			r.Findings = all[r.ID]
			r.OpenFindings = open[r.ID].Total()
			r.ReportSiteRef = refs.sites[r.siteID]
			r.LeadInspector = refs.users[r.leadID.Int64]
			r.Signature = sigs[r.ID]
		}
		return nil
	}
	err := reportRows(ctx, s.reports, db.Raw(sqlText, args...), scan, enrich, fn)
	if err != nil {
		return fmt.Errorf("store: report inspections: %w", err)
	}
	return nil
}

// ReportCertificationFilter narrows the certifications report.
type ReportCertificationFilter struct {
	// ExpiringWithinDays keeps certificates not withdrawn that expire from
	// today to today + N days; nil keeps every certificate.
	ExpiringWithinDays *int
	SiteID             int64
}

// ReportCertification is one certificate with its derived status.
type ReportCertification struct {
	ReportSiteRef
	ID                int64
	Standard          string
	CertificateNumber string
	IssuingBody       string
	Scope             string
	IssuedOn          model.Date
	ExpiresOn         model.Date
	Withdrawn         bool
	WithdrawnReason   string
	VerifiedAt        sql.NullTime
	VerifiedBy        string
	Status            model.CertificationStatus
	DaysToExpiry      int
}

// EachReportCertification reads certificates, soonest expiry first.
func (s *Store) EachReportCertification(ctx context.Context, f ReportCertificationFilter, fn func([]ReportCertification) error) error {
	today := s.Today()
	// The sites' own certificates, as the import reads them back; the
	// component sources' are on the dossier's Component sources sheet.
	where, args := []string{"certifications.component_source_id IS NULL"}, []any{}
	if f.ExpiringWithinDays != nil {
		where = append(where, "certifications.withdrawn = ? AND certifications.expires_on >= ? AND certifications.expires_on <= ?")
		args = append(args, false, today, today.AddDays(*f.ExpiringWithinDays))
	}
	if f.SiteID != 0 {
		where, args = append(where, "certifications.site_id = ?"), append(args, f.SiteID)
	}
	where, args = s.reportScope(where, args, "certifications.site_id", viaSite)
	sqlText := `SELECT certifications.id, sites.code, sites.name, manufacturers.name, sites.country,
		certifications.standard, certifications.certificate_number, certifications.issuing_body,
		certifications.scope, ` + reportDate("certifications.issued_on") + `, ` + reportDate("certifications.expires_on") + `,
		certifications.withdrawn, certifications.withdrawn_reason, certifications.verified_at,
		COALESCE(users.name, '')
		FROM certifications
		JOIN sites ON sites.id = certifications.site_id
		JOIN manufacturers ON manufacturers.id = sites.manufacturer_id
		LEFT JOIN users ON users.id = certifications.verified_by_id
		WHERE ` + strings.Join(where, " AND ") + `
		ORDER BY certifications.expires_on, sites.code, certifications.id`
	scan := func(rows *sql.Rows, r *ReportCertification) error {
		err := rows.Scan(&r.ID, &r.SiteCode, &r.SiteName, &r.Manufacturer, &r.Country,
			&r.Standard, &r.CertificateNumber, &r.IssuingBody, &r.Scope, &r.IssuedOn, &r.ExpiresOn,
			&r.Withdrawn, &r.WithdrawnReason, &r.VerifiedAt, &r.VerifiedBy)
		r.Status = qualification.CertificationStatus(r.ExpiresOn, r.Withdrawn, today, s.rules.ExpiringWithinDays)
		r.DaysToExpiry = today.DaysUntil(r.ExpiresOn)
		return err
	}
	err := reportRows(ctx, s.reports, s.db.WithContext(ctx).Raw(sqlText, args...), scan, nil, fn)
	if err != nil {
		return fmt.Errorf("store: report certifications: %w", err)
	}
	return nil
}

// ReportFindingFilter narrows the findings report.
type ReportFindingFilter struct {
	// Statuses are the statuses to list; none lists every finding.
	Statuses []model.FindingStatus
	SiteID   int64
}

// ReportFinding is one finding and its corrective action.
type ReportFinding struct {
	ReportSiteRef
	ID               int64
	InspectionID     int64
	InspectionDate   model.Date
	Severity         model.Severity
	Category         model.FindingCategory
	Requirement      string
	Description      string
	CorrectiveAction string
	Owner            string
	DueDate          model.Date
	Status           model.FindingStatus
	VerificationNote string
	VerifiedBy       string
	VerifiedAt       sql.NullTime
	Overdue          bool
	DaysOverdue      int
	// Signature closed the finding (zero unless closed).
	Signature ReportSignature
	// Request is the finding's corrective-action request (ID 0: none).
	Request ReportRequest
}

// ReportRequest is a finding's corrective-action request as the reports
// show it: where it stands and how the supplier has answered.
type ReportRequest struct {
	ID              int64
	Status          model.CAStatus
	Stage           model.CAStage
	NextDue         model.Date
	Overdue         bool
	IssuedAt        sql.NullTime
	FirstResponseAt sql.NullTime
	ReworkCount     int
}

// EachReportFinding reads findings, earliest due first (no due date last).
func (s *Store) EachReportFinding(ctx context.Context, f ReportFindingFilter, fn func([]ReportFinding) error) error {
	today := s.Today()
	where, args := []string{"1 = 1"}, []any{}
	if len(f.Statuses) > 0 {
		where, args = append(where, "findings.status IN ?"), append(args, f.Statuses)
	}
	if f.SiteID != 0 {
		where, args = append(where, "findings.site_id = ?"), append(args, f.SiteID)
	}
	where, args = s.reportScope(where, args, "findings.site_id", viaSite)
	sqlText := `SELECT findings.id, sites.code, sites.name, manufacturers.name, sites.country,
		findings.inspection_id, ` + reportDate(inspectionLogDate) + `, findings.severity, findings.category,
		findings.requirement, findings.description, findings.corrective_action, findings.owner,
		` + reportDate("findings.due_date") + `, findings.status, findings.verification_note, COALESCE(users.name, ''),
		findings.verified_at, COALESCE(ca.id, 0), COALESCE(ca.status, ''), COALESCE(ca.current_stage, ''),
		` + reportDate("ca.next_due") + `, ca.issued_at, ca.first_response_at, COALESCE(ca.rework_count, 0)
		FROM findings
		JOIN inspections ON inspections.id = findings.inspection_id
		JOIN sites ON sites.id = findings.site_id
		JOIN manufacturers ON manufacturers.id = sites.manufacturer_id
		LEFT JOIN users ON users.id = findings.verified_by_id
		LEFT JOIN corrective_actions ca ON ca.finding_id = findings.id
		WHERE ` + strings.Join(where, " AND ") + `
		ORDER BY ` + nullsLastOrder("findings.due_date") + `, findings.id`
	scan := func(rows *sql.Rows, r *ReportFinding) error {
		q := &r.Request
		err := rows.Scan(&r.ID, &r.SiteCode, &r.SiteName, &r.Manufacturer, &r.Country,
			&r.InspectionID, &r.InspectionDate, &r.Severity, &r.Category,
			&r.Requirement, &r.Description, &r.CorrectiveAction, &r.Owner,
			&r.DueDate, &r.Status, &r.VerificationNote, &r.VerifiedBy, &r.VerifiedAt,
			&q.ID, &q.Status, &q.Stage, &q.NextDue, &q.IssuedAt, &q.FirstResponseAt, &q.ReworkCount)
		q.Overdue = q.Status == model.CAOpen && !q.NextDue.IsZero() && q.NextDue.Before(today)
		r.Overdue = qualification.FindingOverdue(r.DueDate, r.Status, today)
		r.DaysOverdue = 0
		if r.Overdue {
			r.DaysOverdue = r.DueDate.DaysUntil(today)
		}
		return err
	}
	db := s.db.WithContext(ctx)
	enrich := func(batch []ReportFinding) error {
		sigs, err := reportSignaturesOf(db, qualification.SignFindingClose, "finding", reportIDs(batch, func(r *ReportFinding) int64 {
			if r.Status != model.FindingClosed {
				return 0
			}
			return r.ID
		}))
		for i := range batch {
			batch[i].Signature = sigs[batch[i].ID]
		}
		return err
	}
	err := reportRows(ctx, s.reports, db.Raw(sqlText, args...), scan, enrich, fn)
	if err != nil {
		return fmt.Errorf("store: report findings: %w", err)
	}
	return nil
}

// ReportDecision is one qualification decision of a site.
type ReportDecision struct {
	DecidedAt        time.Time
	From, To         model.QualificationStatus
	Reason           string
	ConditionalUntil model.Date
	DecidedBy        string
	Signature        ReportSignature

	id int64
}

// EachReportDecision reads a site's qualification history, oldest first.
func (s *Store) EachReportDecision(ctx context.Context, siteID int64, fn func([]ReportDecision) error) error {
	scope, scopeArgs := s.inSQL("qualification_decisions.site_id", viaSite)
	sqlText := `SELECT qualification_decisions.id, qualification_decisions.decided_at, qualification_decisions.from_status,
		qualification_decisions.to_status, qualification_decisions.reason,
		` + reportDate("qualification_decisions.conditional_until") + `, COALESCE(users.name || ' <' || users.email || '>', '')
		FROM qualification_decisions
		LEFT JOIN users ON users.id = qualification_decisions.decided_by_id
		WHERE qualification_decisions.site_id = ? AND ` + scope + `
		ORDER BY qualification_decisions.decided_at, qualification_decisions.id`
	scan := func(rows *sql.Rows, r *ReportDecision) error {
		return rows.Scan(&r.id, &r.DecidedAt, &r.From, &r.To, &r.Reason, &r.ConditionalUntil, &r.DecidedBy)
	}
	db := s.db.WithContext(ctx)
	enrich := func(batch []ReportDecision) error {
		sigs, err := reportSignaturesOf(db, qualification.SignDecision, "qualification_decision", reportIDs(batch, func(r *ReportDecision) int64 { return r.id }))
		for i := range batch {
			batch[i].Signature = sigs[batch[i].id]
		}
		return err
	}
	err := reportRows(ctx, s.reports, db.Raw(sqlText, append([]any{siteID}, scopeArgs...)...), scan, enrich, fn)
	if err != nil {
		return fmt.Errorf("store: report decisions: %w", err)
	}
	return nil
}

// ReportAttachment is one file attached to a site or one of its records.
type ReportAttachment struct {
	OwnerType   model.AttachmentOwner
	OwnerID     int64
	FileName    string
	ContentType string
	Size        int64
	SHA256      string
	UploadedBy  string
	UploadedAt  time.Time
}

// EachReportAttachment reads the files attached to a site, its
// inspections, findings and certifications.
func (s *Store) EachReportAttachment(ctx context.Context, siteID int64, fn func([]ReportAttachment) error) error {
	if err := s.checkInScope(s.db.WithContext(ctx), viaSite, siteID); err != nil {
		return err
	}
	sqlText := `SELECT attachments.owner_type, attachments.owner_id, attachments.file_name,
		attachments.content_type, attachments.size, attachments.sha256, COALESCE(users.name, ''),
		attachments.uploaded_at
		FROM attachments
		LEFT JOIN users ON users.id = attachments.uploaded_by_id
		WHERE (attachments.owner_type = 'site' AND attachments.owner_id = ?)
		OR (attachments.owner_type = 'inspection' AND attachments.owner_id IN (SELECT id FROM inspections WHERE site_id = ?))
		OR (attachments.owner_type = 'finding' AND attachments.owner_id IN (SELECT id FROM findings WHERE site_id = ?))
		OR (attachments.owner_type = 'certification' AND attachments.owner_id IN (SELECT id FROM certifications WHERE site_id = ?))
		ORDER BY attachments.uploaded_at, attachments.id`
	scan := func(rows *sql.Rows, r *ReportAttachment) error {
		return rows.Scan(&r.OwnerType, &r.OwnerID, &r.FileName, &r.ContentType, &r.Size, &r.SHA256, &r.UploadedBy, &r.UploadedAt)
	}
	err := reportRows(ctx, s.reports, s.db.WithContext(ctx).Raw(sqlText, siteID, siteID, siteID, siteID), scan, nil, fn)
	if err != nil {
		return fmt.Errorf("store: report attachments: %w", err)
	}
	return nil
}
