package testutil

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/auth"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// Builder writes test data through the store, so every rule, audit event
// and derived value (schedules, certificate status) applies and each
// fixture is a state the application can reach:
//
//	b := testutil.NewBuilder(t, st)
//	site := b.Site(b.Manufacturer("Acme"), "ACME-1", testutil.RiskTier(model.RiskHigh))
//	in := b.Completed(site.ID, "2026-05-01", model.ResultPass)
//	b.Finding(in.ID, model.SeverityMajor)
//	b.Certification(site.ID, "ISO 9001:2015", "2027-01-31")
//	b.Decide(site.ID, model.StatusInQualification)
//
// With a clock (WithClock), On builds a step of the past at the day it
// happened, so a fixture can hold what only time produces (a site qualified
// last year whose certificate has expired since) and still be a state the
// application reaches.
type Builder struct {
	t       testing.TB
	st      *store.Store
	actor   audit.Actor
	manager *model.User // who decides; created on the first decision
	clock   *Clock      // the store's clock, for On
}

// NewBuilder builds through st as a system actor.
func NewBuilder(t testing.TB, st *store.Store) *Builder {
	return &Builder{t: t, st: st, actor: audit.Actor{Email: "builder@example.com", Role: string(model.RoleManager)}}
}

// WithClock lets On move c, the clock the builder's store reads.
func (b *Builder) WithClock(c *Clock) *Builder {
	b.clock = c
	return b
}

// As builds acting as u: u is the actor of the audit events, the author of
// what is signed and, for a manager or an admin, the one who decides.
func (b *Builder) As(u model.User) *Builder {
	b.actor = audit.ActorOf(u, "")
	if u.Role == model.RoleManager || u.Role == model.RoleAdmin {
		b.manager = &u
	}
	return b
}

// On runs build with the clock at 10:00 UTC on day, then puts it back: what
// build writes is written that day, by the rules of that day.
func (b *Builder) On(day string, build func()) {
	b.t.Helper()
	if b.clock == nil {
		b.t.Fatalf("Builder.On(%s) needs WithClock", day)
	}
	back := b.clock.Now()
	b.clock.Set(b.date(day).Time().Add(10 * time.Hour))
	defer b.clock.Set(back)
	build()
}

func (b *Builder) ctx() context.Context { return context.Background() }

func (b *Builder) date(s string) model.Date { return Date(b.t, s) }

// Manufacturer creates a manufacturer in Germany.
func (b *Builder) Manufacturer(name string) model.Manufacturer {
	b.t.Helper()
	m := model.Manufacturer{Name: name, Country: "DE"}
	Fatal(b.t, b.st.CreateManufacturer(b.ctx(), &m, b.actor), "manufacturer %s", name)
	return m
}

// SiteOption adjusts a site before it is created.
type SiteOption func(*model.Site)

// RiskTier sets the site's risk tier (medium otherwise).
func RiskTier(r model.RiskTier) SiteOption { return func(s *model.Site) { s.RiskTier = r } }

// Located sets the site's city and country.
func Located(city, country string) SiteOption {
	return func(s *model.Site) { s.City, s.Country = city, country }
}

// Site creates a prospective site of m with the code, named after it.
func (b *Builder) Site(m model.Manufacturer, code string, opts ...SiteOption) model.Site {
	b.t.Helper()
	s := model.Site{ManufacturerID: m.ID, Code: code, Name: "Plant " + code, Country: "CN", RiskTier: model.RiskMedium}
	for _, o := range opts {
		o(&s)
	}
	Fatal(b.t, b.st.CreateSite(b.ctx(), &s, b.actor), "site %s", code)
	return s
}

// Completed records a completed routine inspection of site.
func (b *Builder) Completed(site int64, performed string, result model.InspectionResult) store.InspectionRow {
	b.t.Helper()
	in := model.Inspection{SiteID: site, Type: model.InspectionRoutine, Status: model.InspectionCompleted,
		ScheduledDate: b.date(performed), PerformedDate: b.date(performed), Result: result}
	row, err := b.signed(model.MeaningAuthored).CreateInspection(b.ctx(), &in, b.actor)
	Fatal(b.t, err, "completed inspection of site %d", site)
	return row
}

// Inspection records in as it is given (completed ones signed as authored).
func (b *Builder) Inspection(in model.Inspection) store.InspectionRow {
	b.t.Helper()
	st := b.st
	if in.Status == model.InspectionCompleted {
		st = b.signed(model.MeaningAuthored)
	}
	row, err := st.CreateInspection(b.ctx(), &in, b.actor)
	Fatal(b.t, err, "inspection of site %d", in.SiteID)
	return row
}

// Cancel cancels a planned inspection.
func (b *Builder) Cancel(in store.InspectionRow) store.InspectionRow {
	b.t.Helper()
	row, err := b.st.UpdateInspection(b.ctx(), in.ID, in.Version, b.actor, func(i *model.Inspection) error {
		i.Status = model.InspectionCancelled
		return nil
	})
	Fatal(b.t, err, "cancel inspection %d", in.ID)
	return row
}

// Planned records a planned routine inspection of site.
func (b *Builder) Planned(site int64, scheduled string) store.InspectionRow {
	b.t.Helper()
	in := model.Inspection{SiteID: site, Type: model.InspectionRoutine, Status: model.InspectionPlanned, ScheduledDate: b.date(scheduled)}
	row, err := b.st.CreateInspection(b.ctx(), &in, b.actor)
	Fatal(b.t, err, "planned inspection of site %d", site)
	return row
}

// FindingOption adjusts a finding before it is raised.
type FindingOption func(*Builder, *model.Finding)

// Due sets the finding's due date (the severity's default otherwise).
func Due(date string) FindingOption {
	return func(b *Builder, f *model.Finding) { f.DueDate = b.date(date) }
}

// Described sets the finding's description.
func Described(text string) FindingOption {
	return func(_ *Builder, f *model.Finding) { f.Description = text }
}

// Finding raises an open finding of severity on an inspection.
func (b *Builder) Finding(inspection int64, sev model.Severity, opts ...FindingOption) store.FindingRow {
	b.t.Helper()
	f := model.Finding{Severity: sev, Category: "quality", Description: fmt.Sprintf("A %s finding", sev)}
	for _, o := range opts {
		o(b, &f)
	}
	row, err := b.st.CreateFinding(b.ctx(), inspection, &f, b.actor)
	Fatal(b.t, err, "finding on inspection %d", inspection)
	return row
}

// Raise raises f, given whole, on an inspection.
func (b *Builder) Raise(inspection int64, f model.Finding) store.FindingRow {
	b.t.Helper()
	row, err := b.st.CreateFinding(b.ctx(), inspection, &f, b.actor)
	Fatal(b.t, err, "finding on inspection %d", inspection)
	return row
}

// Close verifies and closes a finding.
func (b *Builder) Close(finding store.FindingRow) store.FindingRow {
	b.t.Helper()
	return b.CloseVerified(finding, "Checked on site: the corrective action works.")
}

// CloseVerified closes a finding with the verification note given.
func (b *Builder) CloseVerified(finding store.FindingRow, note string) store.FindingRow {
	b.t.Helper()
	row, err := b.signed(model.MeaningVerified).UpdateFinding(b.ctx(), finding.ID, finding.Version, b.actor, func(f *model.Finding) error {
		f.Status, f.VerificationNote = model.FindingClosed, note
		return nil
	})
	Fatal(b.t, err, "close finding %d", finding.ID)
	return row
}

// Start moves a finding to in progress.
func (b *Builder) Start(finding store.FindingRow) store.FindingRow {
	b.t.Helper()
	row, err := b.st.UpdateFinding(b.ctx(), finding.ID, finding.Version, b.actor, func(f *model.Finding) error {
		f.Status = model.FindingInProgress
		return nil
	})
	Fatal(b.t, err, "start finding %d", finding.ID)
	return row
}

// Withdraw records that the issuing body withdrew a certificate.
func (b *Builder) Withdraw(cert store.CertificationRow) store.CertificationRow {
	b.t.Helper()
	row, err := b.st.UpdateCertification(b.ctx(), cert.ID, cert.Version, nil, b.actor, func(c *model.Certification) error {
		c.Withdrawn, c.WithdrawnReason = true, "Withdrawn by the registrar"
		return nil
	})
	Fatal(b.t, err, "withdraw certification %d", cert.ID)
	return row
}

// Certify records c, given whole.
func (b *Builder) Certify(c model.Certification) store.CertificationRow {
	b.t.Helper()
	row, err := b.st.CreateCertification(b.ctx(), &c, false, b.actor)
	Fatal(b.t, err, "certification %s of site %d", c.Standard, c.SiteID)
	return row
}

// Archive archives a site.
func (b *Builder) Archive(site int64) {
	b.t.Helper()
	var s model.Site
	Fatal(b.t, b.st.DB().WithContext(b.ctx()).Take(&s, site).Error, "site %d", site)
	archive := true
	_, err := b.st.UpdateSite(b.ctx(), site, s.Version, b.actor, store.SiteChange{Archive: &archive})
	Fatal(b.t, err, "archive site %d", site)
}

// Certification records a certificate of site expiring on expires.
func (b *Builder) Certification(site int64, standard, expires string) store.CertificationRow {
	b.t.Helper()
	c := model.Certification{SiteID: site, Standard: standard, CertificateNumber: "C-" + expires, IssuingBody: "TÜV",
		IssuedOn: b.date(expires).AddMonths(-36), ExpiresOn: b.date(expires)}
	row, err := b.st.CreateCertification(b.ctx(), &c, false, b.actor)
	Fatal(b.t, err, "certification %s of site %d", standard, site)
	return row
}

// signer is the manager who decides and signs what the builder signs,
// created the first time one is needed.
func (b *Builder) signer() model.User {
	b.t.Helper()
	if b.manager == nil {
		hash, err := auth.NewTestHasher().Hash(b.ctx(), Password)
		Fatal(b.t, err, "hash")
		u := model.User{Email: "decider@example.com", Name: "Decider", Role: model.RoleManager, PasswordHash: hash, Active: true}
		Fatal(b.t, b.st.CreateUser(b.ctx(), &u, b.actor), "manager")
		b.manager = &u
	}
	return *b.manager
}

// signed is the store signing as the builder's manager, meaning m.
func (b *Builder) signed(m model.SignatureMeaning) *store.Store {
	return b.st.SignedBy(store.Signer{User: b.signer(), Meaning: m})
}

// Decide moves site to status by a manager's decision; the store checks it
// against the site's evidence as the API does. conditionalUntil is for
// conditional approvals.
func (b *Builder) Decide(site int64, to model.QualificationStatus, conditionalUntil ...string) {
	b.t.Helper()
	d := qualification.Decision{To: to, Reason: "Decided in a test"}
	if len(conditionalUntil) > 0 {
		d.ConditionalUntil = b.date(conditionalUntil[0])
	}
	m := b.signer()
	_, _, err := b.st.SignedBy(store.Signer{User: m, Meaning: model.MeaningApproved}).DecideQualification(b.ctx(), site, d, store.Decider{UserID: m.ID, Actor: audit.ActorOf(m, "")})
	Fatal(b.t, err, "decide site %d -> %s", site, to)
}
