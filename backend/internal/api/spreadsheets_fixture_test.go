package api_test

import (
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/config"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// The spreadsheet tests' names start with xl, so they never clash with
// other test helpers of the package.

// xlWorld is a database with a few manufacturers, sites and their records,
// inserted directly with gorm (the other handlers own those writes).
type xlWorld struct {
	t     *testing.T
	srv   *testutil.Server
	db    *gorm.DB
	sites map[string]model.Site
}

// Names a spreadsheet would run as formulas.
const (
	xlEvilName   = `=HYPERLINK("http://evil","x")`
	xlEvilCmd    = `+cmd|' /C calc'!A0`
	xlEvilMaker  = `@SUM(1)`
	xlPhone      = "+86 755 1234 5678"
	xlNewCode    = "NEW-1"
	xlQualified  = "ACME-SZ1"
	xlOverdue    = "ACME-SZ2"
	xlSuspended  = "EVL-1"
	xlArchivedID = "OLD-1"
)

func xlDate(s string) model.Date {
	d, err := model.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func xlCreate(t *testing.T, db *gorm.DB, v any) {
	t.Helper()
	if err := db.Create(v).Error; err != nil {
		t.Fatalf("fixture %T: %v", v, err)
	}
}

func newXLServer(t *testing.T, adjust func(*config.Config)) *testutil.Server {
	t.Helper()
	return testutil.NewServer(t, adjust)
}

// newXLWorld builds the fixture on a fresh server (clock 2026-06-15):
//
//	ACME-SZ1  qualified, high, inspected 2026-03-01 (pass), next due 2027-03-01,
//	          ISO 9001 valid, IATF 16949 expiring 2026-08-01, one site attachment
//	ACME-SZ2  conditional until 2026-09-30, critical, due 2026-05-01 and nothing
//	          planned: overdue; named like a HYPERLINK formula; open critical
//	          (overdue) and major findings, a closed minor; ISO 13485 expired
//	EVL-1     suspended, manufacturer "@SUM(1)", named like a DDE command;
//	          a withdrawn certificate
//	NEW-1     prospective, never inspected, nothing else
//	OLD-1     archived
func newXLWorld(t *testing.T) *xlWorld {
	t.Helper()
	srv := newXLServer(t, nil)
	w := &xlWorld{t: t, srv: srv, db: srv.DB.DB, sites: map[string]model.Site{}}
	acme := model.Manufacturer{Name: "Acme Electronics", Country: "CN", Version: 1}
	evil := model.Manufacturer{Name: xlEvilMaker, Country: "US", Version: 1}
	xlCreate(t, w.db, &acme)
	xlCreate(t, w.db, &evil)
	since := testutil.FixedNow.AddDate(0, -3, 0)
	w.site(model.Site{ManufacturerID: acme.ID, Code: xlQualified, Name: "Acme Shenzhen 1", Address: "88 Keji Road", City: "Shenzhen",
		Country: "CN", Processes: model.StringList{"smt", "testing"}, ApprovedScope: "SMT and test", RiskTier: model.RiskHigh,
		QualificationStatus: model.StatusQualified, StatusSince: since, ContactName: "Li Wei", ContactEmail: "li.wei@acme.example",
		ContactPhone: xlPhone, LastInspectionDate: xlDate("2026-03-01"), LastInspectionResult: model.ResultPass,
		NextInspectionDue: xlDate("2027-03-01"), NextPlannedDate: xlDate("2026-09-01")})
	w.site(model.Site{ManufacturerID: acme.ID, Code: xlOverdue, Name: xlEvilName, City: "Dongguan", Country: "CN",
		Processes: model.StringList{"final_assembly", "conformal coating"}, RiskTier: model.RiskCritical,
		QualificationStatus: model.StatusConditional, StatusSince: since, ConditionalUntil: xlDate("2026-09-30"),
		LastInspectionDate: xlDate("2026-01-10"), LastInspectionResult: model.ResultConditional, NextInspectionDue: xlDate("2026-05-01")})
	w.site(model.Site{ManufacturerID: evil.ID, Code: xlSuspended, Name: xlEvilCmd, City: "Austin", Country: "US",
		RiskTier: model.RiskMedium, QualificationStatus: model.StatusSuspended, StatusSince: since, NextInspectionDue: xlDate("2026-12-01")})
	w.site(model.Site{ManufacturerID: acme.ID, Code: xlNewCode, Name: "Acme Penang", City: "Penang", Country: "MY",
		RiskTier: model.RiskLow, QualificationStatus: model.StatusProspective, StatusSince: testutil.FixedNow,
		NextInspectionDue: xlDate("2026-06-15")})
	archived := testutil.FixedNow.AddDate(0, -1, 0)
	w.site(model.Site{ManufacturerID: acme.ID, Code: xlArchivedID, Name: "Acme Old", Country: "CN", RiskTier: model.RiskLow,
		QualificationStatus: model.StatusDisqualified, StatusSince: since, ArchivedAt: &archived})

	manager := srv.Users[model.RoleManager].ID
	score := 92
	pass := w.inspection(model.Inspection{SiteID: w.sites[xlQualified].ID, Type: model.InspectionRoutine, Status: model.InspectionCompleted,
		ScheduledDate: xlDate("2026-02-28"), PerformedDate: xlDate("2026-03-01"), LeadInspectorID: &manager, Team: "QA team",
		Scope: "SMT lines", Result: model.ResultPass, Score: &score, Summary: "Good"})
	w.inspection(model.Inspection{SiteID: w.sites[xlQualified].ID, Type: model.InspectionRoutine, Status: model.InspectionPlanned,
		ScheduledDate: xlDate("2026-09-01")})
	cond := w.inspection(model.Inspection{SiteID: w.sites[xlOverdue].ID, Type: model.InspectionForCause, Status: model.InspectionCompleted,
		PerformedDate: xlDate("2026-01-10"), Result: model.ResultConditional, Summary: "-ESD gaps"})
	w.finding(model.Finding{InspectionID: cond.ID, SiteID: cond.SiteID, Severity: model.SeverityCritical, Category: "esd",
		Requirement: "ANSI/ESD S20.20 8.3", Description: "No ESD flooring", CorrectiveAction: "Install flooring", Owner: "Plant manager",
		DueDate: xlDate("2026-06-01"), Status: model.FindingOpen})
	w.finding(model.Finding{InspectionID: cond.ID, SiteID: cond.SiteID, Severity: model.SeverityMajor, Category: "traceability",
		Description: "Lot labels missing", Owner: "QA", DueDate: xlDate("2026-07-15"), Status: model.FindingInProgress})
	w.finding(model.Finding{InspectionID: cond.ID, SiteID: cond.SiteID, Severity: model.SeverityMinor, Category: "process",
		Description: "Work instruction outdated", DueDate: xlDate("2026-04-10"), Status: model.FindingClosed,
		VerificationNote: "New revision seen on the line", VerifiedByID: &manager, VerifiedAt: &since})
	w.certification(model.Certification{SiteID: w.sites[xlQualified].ID, Standard: "ISO 9001:2015", CertificateNumber: "Q-1",
		IssuingBody: "TÜV SÜD", IssuedOn: xlDate("2024-01-01"), ExpiresOn: xlDate("2027-12-31")})
	w.certification(model.Certification{SiteID: w.sites[xlQualified].ID, Standard: "IATF 16949:2016", CertificateNumber: "I-2",
		ExpiresOn: xlDate("2026-08-01")})
	w.certification(model.Certification{SiteID: w.sites[xlOverdue].ID, Standard: "ISO 13485:2016", CertificateNumber: "M-3",
		ExpiresOn: xlDate("2026-05-01")})
	w.certification(model.Certification{SiteID: w.sites[xlSuspended].ID, Standard: "AS9100D", CertificateNumber: "A-4",
		ExpiresOn: xlDate("2028-01-01"), Withdrawn: true, WithdrawnReason: "Registrar withdrew it"})
	qualified := w.sites[xlQualified].ID
	for _, d := range []model.QualificationDecision{
		{SiteID: qualified, FromStatus: model.StatusProspective, ToStatus: model.StatusInQualification, Reason: "Start", DecidedByID: manager, DecidedAt: since.AddDate(0, -1, 0)},
		{SiteID: qualified, FromStatus: model.StatusInQualification, ToStatus: model.StatusQualified, Reason: "Audit passed", DecidedByID: manager, DecidedAt: since},
	} {
		xlCreate(t, w.db, &d)
	}
	xlCreate(t, w.db, &model.Attachment{OwnerType: model.OwnerSite, OwnerID: qualified, FileName: "site-plan.pdf", ContentType: "application/pdf",
		Size: 1234, SHA256: strings.Repeat("a", 64), StorageKey: strings.Repeat("a", 64), UploadedByID: manager, UploadedAt: since})
	xlCreate(t, w.db, &model.Attachment{OwnerType: model.OwnerInspection, OwnerID: pass.ID, FileName: "=report.pdf", ContentType: "application/pdf",
		Size: 99, SHA256: strings.Repeat("b", 64), StorageKey: strings.Repeat("b", 64), UploadedByID: manager, UploadedAt: since})
	return w
}

func (w *xlWorld) site(s model.Site) {
	w.t.Helper()
	s.Version = 1
	xlCreate(w.t, w.db, &s)
	w.sites[s.Code] = s
}

func (w *xlWorld) inspection(in model.Inspection) model.Inspection {
	w.t.Helper()
	in.Version = 1
	xlCreate(w.t, w.db, &in)
	return in
}

func (w *xlWorld) finding(f model.Finding) {
	w.t.Helper()
	f.Version = 1
	xlCreate(w.t, w.db, &f)
}

func (w *xlWorld) certification(c model.Certification) {
	w.t.Helper()
	c.Version = 1
	xlCreate(w.t, w.db, &c)
}
