package api_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/config"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
	"github.com/qualtrack/qualtrack/backend/internal/store"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// The spreadsheet tests' names start with xl, so they never clash with
// other test helpers of the package.

// xlWorld is a database with a few manufacturers, sites and their records,
// written through the store (testutil.Builder) on the days they happened,
// so every rule, schedule and audit event applies.
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

func newXLServer(t *testing.T, adjust func(*config.Config)) *testutil.Server {
	t.Helper()
	return testutil.NewServer(t, adjust)
}

// newXLWorld builds the fixture on a fresh server (clock 2026-06-15),
// stepping the store's clock through the history that produces it:
//
//	ACME-SZ1  qualified 2026-03-15, high, inspected 2026-03-01 (pass), next due
//	          2027-03-01, ISO 9001 valid, IATF 16949 expiring 2026-08-01, one
//	          site attachment
//	ACME-SZ2  conditional until 2026-09-30, critical, last inspected 2025-11-01:
//	          due 2026-05-01 and nothing planned, so overdue; named like a
//	          HYPERLINK formula; open critical (overdue) and major findings
//	          raised after the decision, a closed minor; ISO 13485 expired
//	EVL-1     suspended, manufacturer "@SUM(1)", named like a DDE command;
//	          qualified after a pass of 2025-06-01, its certificate withdrawn
//	NEW-1     prospective, never inspected, nothing else
//	OLD-1     disqualified and archived
func newXLWorld(t *testing.T) *xlWorld {
	t.Helper()
	srv := newXLServer(t, nil)
	w := &xlWorld{t: t, srv: srv, db: srv.DB.DB, sites: map[string]model.Site{}}
	manager := srv.Users[model.RoleManager]
	b := testutil.NewBuilder(t, srv.Store).WithClock(srv.Clock).As(manager)
	ctx := context.Background()
	site := func(s model.Site) int64 {
		t.Helper()
		testutil.Fatal(t, srv.Store.CreateSite(ctx, &s, audit.ActorOf(manager, "")), "site %s", s.Code)
		return s.ID
	}
	decide := func(site int64, reason string, to model.QualificationStatus, until ...string) {
		t.Helper()
		d := qualification.Decision{To: to, Reason: reason}
		if len(until) > 0 {
			d.ConditionalUntil = xlDate(until[0])
		}
		_, _, err := srv.Store.SignedBy(store.Signer{User: manager, Meaning: model.MeaningApproved}).
			DecideQualification(ctx, site, d, store.Decider{UserID: manager.ID, Actor: audit.ActorOf(manager, "")})
		testutil.Fatal(t, err, "decide site %d -> %s", site, to)
	}

	var acme, evil model.Manufacturer
	var qualified, overdue, suspended, old int64
	var pass store.InspectionRow
	b.On("2025-01-02", func() {
		acme = model.Manufacturer{Name: "Acme Electronics", Country: "CN"}
		evil = model.Manufacturer{Name: xlEvilMaker, Country: "US"}
		testutil.Fatal(t, srv.Store.CreateManufacturer(ctx, &acme, audit.ActorOf(manager, "")), "acme")
		testutil.Fatal(t, srv.Store.CreateManufacturer(ctx, &evil, audit.ActorOf(manager, "")), "evil")
		qualified = site(model.Site{ManufacturerID: acme.ID, Code: xlQualified, Name: "Acme Shenzhen 1", Address: "88 Keji Road", City: "Shenzhen",
			Country: "CN", Processes: model.StringList{"smt", "testing"}, ApprovedScope: "SMT and test", RiskTier: model.RiskHigh,
			ContactName: "Li Wei", ContactEmail: "li.wei@acme.example", ContactPhone: xlPhone})
		overdue = site(model.Site{ManufacturerID: acme.ID, Code: xlOverdue, Name: xlEvilName, City: "Dongguan", Country: "CN",
			Processes: model.StringList{"final_assembly", "conformal coating"}, RiskTier: model.RiskCritical})
		suspended = site(model.Site{ManufacturerID: evil.ID, Code: xlSuspended, Name: xlEvilCmd, City: "Austin", Country: "US", RiskTier: model.RiskMedium})
		old = site(model.Site{ManufacturerID: acme.ID, Code: xlArchivedID, Name: "Acme Old", Country: "CN", RiskTier: model.RiskLow})
	})
	var withdrawn store.CertificationRow
	b.On("2025-06-01", func() {
		b.Completed(suspended, "2025-06-01", model.ResultPass)
		withdrawn = b.Certify(model.Certification{SiteID: suspended, Standard: "AS9100D", CertificateNumber: "A-4", ExpiresOn: xlDate("2028-01-01")})
		decide(suspended, "Start", model.StatusInQualification)
		decide(suspended, "Audit passed", model.StatusQualified)
	})
	var cond store.InspectionRow
	b.On("2025-11-01", func() {
		cond = b.Inspection(model.Inspection{SiteID: overdue, Type: model.InspectionForCause, Status: model.InspectionCompleted,
			ScheduledDate: xlDate("2025-11-01"), PerformedDate: xlDate("2025-11-01"), Result: model.ResultConditional, Summary: "-ESD gaps"})
		b.Certify(model.Certification{SiteID: overdue, Standard: "ISO 13485:2016", CertificateNumber: "M-3", ExpiresOn: xlDate("2026-05-01")})
	})
	b.On("2026-01-01", func() {
		b.Certify(model.Certification{SiteID: qualified, Standard: "ISO 9001:2015", CertificateNumber: "Q-1",
			IssuingBody: "TÜV SÜD", IssuedOn: xlDate("2024-01-01"), ExpiresOn: xlDate("2027-12-31")})
		b.Certify(model.Certification{SiteID: qualified, Standard: "IATF 16949:2016", CertificateNumber: "I-2", ExpiresOn: xlDate("2026-08-01")})
	})
	b.On("2026-02-15", func() { decide(qualified, "Start", model.StatusInQualification) })
	b.On("2026-03-01", func() {
		score := 92
		pass = b.Inspection(model.Inspection{SiteID: qualified, Type: model.InspectionRoutine, Status: model.InspectionCompleted,
			ScheduledDate: xlDate("2026-02-28"), PerformedDate: xlDate("2026-03-01"), LeadInspectorID: &manager.ID, Team: "QA team",
			Scope: "SMT lines", Result: model.ResultPass, Score: &score, Summary: "Good"})
		b.Planned(qualified, "2026-09-01")
	})
	b.On("2026-03-15", func() {
		decide(qualified, "Audit passed", model.StatusQualified)
		decide(overdue, "Start", model.StatusInQualification)
		decide(overdue, "ESD gaps to close", model.StatusConditional, "2026-09-30")
		decide(suspended, "Registrar withdrew the certificate", model.StatusSuspended)
		decide(old, "Capacity gone", model.StatusDisqualified)
		b.Withdraw(withdrawn)
		// Found when the conditional visit's report was reviewed, after the decision.
		b.Raise(cond.ID, model.Finding{Severity: model.SeverityCritical, Category: "esd", Requirement: "ANSI/ESD S20.20 8.3",
			Description: "No ESD flooring", CorrectiveAction: "Install flooring", Owner: "Plant manager", DueDate: xlDate("2026-06-01")})
		b.Start(b.Raise(cond.ID, model.Finding{Severity: model.SeverityMajor, Category: "traceability",
			Description: "Lot labels missing", Owner: "QA", DueDate: xlDate("2026-07-15")}))
		b.CloseVerified(b.Raise(cond.ID, model.Finding{Severity: model.SeverityMinor, Category: "process",
			Description: "Work instruction outdated", DueDate: xlDate("2026-04-10")}), "New revision seen on the line")
	})
	b.On("2026-05-15", func() { b.Archive(old) })
	site(model.Site{ManufacturerID: acme.ID, Code: xlNewCode, Name: "Acme Penang", City: "Penang", Country: "MY", RiskTier: model.RiskLow})

	attUpload(t, srv, model.RoleManager, fmt.Sprintf("/api/v1/sites/%d/attachments", qualified), "site-plan.pdf", []byte("%PDF-1.4 site plan")).Want(http.StatusCreated)
	attUpload(t, srv, model.RoleManager, fmt.Sprintf("/api/v1/inspections/%d/attachments", pass.ID), "=report.pdf", []byte("%PDF-1.4 report")).Want(http.StatusCreated)

	var sites []model.Site
	testutil.Fatal(t, w.db.Find(&sites).Error, "sites")
	for _, s := range sites {
		w.sites[s.Code] = s
	}
	return w
}

// qualifiedLike adds a site with like's fields under another code and name,
// qualified as like was: a passed visit, a valid certificate, the decisions.
func (w *xlWorld) qualifiedLike(like model.Site, code, name string) {
	w.t.Helper()
	manager := w.srv.Users[model.RoleManager]
	b := testutil.NewBuilder(w.t, w.srv.Store).As(manager)
	s := like
	s.ID, s.Code, s.Name, s.Version = 0, code, name, 0
	testutil.Fatal(w.t, w.srv.Store.CreateSite(context.Background(), &s, audit.ActorOf(manager, "")), "site %s", code)
	b.Completed(s.ID, "2026-03-01", model.ResultPass)
	b.Certification(s.ID, "ISO 9001:2015", "2027-12-31")
	b.Decide(s.ID, model.StatusInQualification)
	b.Decide(s.ID, model.StatusQualified)
	w.sites[code] = s
}
