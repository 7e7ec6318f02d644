package seed

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"time"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// demoClock is the time as the demo story unfolds: the story replays a year
// and a half of work through the real store, so every record, derived
// value and audit event is what the application itself would have made.
type demoClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *demoClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *demoClock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// step is one thing someone did on one day of the story.
type step struct {
	at  time.Time
	seq int
	do  func(ctx context.Context) error
}

// story collects steps and replays them in date order.
type story struct {
	steps []step
	start time.Time // the day the story begins
}

func (s *story) on(day int, do func(ctx context.Context) error) {
	at := s.start.AddDate(0, 0, day).Add(9*time.Hour + time.Duration(len(s.steps)%300)*time.Minute)
	s.steps = append(s.steps, step{at: at, seq: len(s.steps), do: do})
}

type demoSite struct {
	manufacturer int // index into demoManufacturers
	code, name   string
	city, cc     string
	processes    []string
	scope        string
	tier         model.RiskTier
	plot         string // what happens to it
	startDay     int    // days after the story begins
}

var demoManufacturers = []model.Manufacturer{
	{Name: "Foxlink Precision", LegalName: "Foxlink Precision Industry Co., Ltd.", Country: "TW", Website: "https://foxlink-precision.example"},
	{Name: "Northbridge Electronics", LegalName: "Northbridge Electronics Inc.", Country: "US", Website: "https://northbridge.example"},
	{Name: "Kestrel Manufacturing", LegalName: "Kestrel Manufacturing Sdn. Bhd.", Country: "MY", Website: "https://kestrel-mfg.example"},
	{Name: "Vistula Systems", LegalName: "Vistula Systems sp. z o.o.", Country: "PL", Website: "https://vistula.example"},
	{Name: "Sakura Circuit Works", LegalName: "Sakura Circuit Works K.K.", Country: "JP", Website: "https://sakura-circuit.example"},
	{Name: "Danube Electronics", LegalName: "Danube Electronics Zrt.", Country: "HU", Website: "https://danube-el.example"},
}

var demoSites = []demoSite{
	{0, "FXP-TPE1", "Taipei Final Assembly", "Taipei", "TW", []string{"final_assembly", "testing"}, "Server final assembly and system test", model.RiskHigh, "qualified", 0},
	{0, "FXP-SZ2", "Shenzhen SMT Plant 2", "Shenzhen", "CN", []string{"smt", "final_assembly"}, "SMT of motherboards and final assembly", model.RiskCritical, "qualified", 10},
	{0, "FXP-CHN1", "Chennai Assembly", "Chennai", "IN", []string{"final_assembly"}, "", model.RiskMedium, "in_qualification", 470},
	{1, "NBE-AUS1", "Austin Integration Center", "Austin", "US", []string{"final_assembly", "firmware_programming", "testing"}, "Rack integration, BIOS/BMC programming, burn-in", model.RiskMedium, "qualified", 20},
	{1, "NBE-GDL1", "Guadalajara Board Shop", "Guadalajara", "MX", []string{"smt", "box_build"}, "SMT and box build of storage servers", model.RiskHigh, "conditional", 60},
	{2, "KST-PEN1", "Penang SMT", "Penang", "MY", []string{"smt", "testing"}, "SMT and in-circuit test", model.RiskMedium, "qualified", 30},
	{2, "KST-JHB1", "Johor Bahru Cables", "Johor Bahru", "MY", []string{"cable_assembly"}, "Power and data cable assemblies", model.RiskLow, "qualified", 90},
	{2, "KST-BKK1", "Bangkok Firmware Center", "Bangkok", "TH", []string{"firmware_programming"}, "Firmware programming of BMC modules", model.RiskCritical, "suspended", 40},
	{3, "VST-WRO1", "Wrocław Repair and Assembly", "Wrocław", "PL", []string{"final_assembly", "repair"}, "Final assembly, RMA repair", model.RiskMedium, "qualified", 120},
	{3, "VST-LDZ1", "Łódź Packaging", "Łódź", "PL", []string{"packaging"}, "", model.RiskLow, "prospective", 520},
	{4, "SCW-KUM1", "Kumamoto PCB Fab", "Kumamoto", "JP", []string{"pcb_fabrication"}, "Multilayer PCB fabrication", model.RiskHigh, "conditional", 80},
	{4, "SCW-HCM1", "Ho Chi Minh City SMT", "Ho Chi Minh City", "VN", []string{"smt"}, "", model.RiskHigh, "disqualified", 150},
	{5, "DNE-BUD1", "Budapest Test Lab", "Budapest", "HU", []string{"smt", "testing"}, "", model.RiskMedium, "in_qualification", 400},
	{5, "DNE-BRN1", "Brno Assembly", "Brno", "CZ", []string{"final_assembly"}, "", model.RiskLow, "prospective", 300},
	{5, "DNE-TIM1", "Timișoara Cable Works", "Timișoara", "RO", []string{"cable_assembly"}, "", model.RiskLow, "prospective", 535},
}

// demoRecords replays the demo story: six manufacturers, fifteen sites in
// every status and risk tier, a year and a half of inspections, findings
// and certificates ending on now.
func demoRecords(ctx context.Context, live *store.Store, users map[model.Role]model.User, now time.Time, hash string) error {
	clock := &demoClock{}
	// created_at and updated_at come from gorm's clock: the story's too.
	db := live.DB().Session(&gorm.Session{NowFunc: func() time.Time { return clock.Now().UTC() }})
	st := store.New(db, clock.Now).WithRules(live.Rules())
	start := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, -18, 0)
	sty := &story{start: start}
	buyer := audit.ActorOf(users[model.RoleProcurement], "127.0.0.1")
	boss := audit.ActorOf(users[model.RoleManager], "127.0.0.1")
	inspector := users[model.RoleProcurement].ID
	total := int(now.Sub(start).Hours() / 24)

	sty.on(0, func(ctx context.Context) error {
		_, err := Checklists(ctx, st)
		return err
	})
	mIDs := make([]int64, len(demoManufacturers))
	for i := range demoManufacturers {
		sty.on(0, func(ctx context.Context) error {
			m := demoManufacturers[i]
			if err := st.CreateManufacturer(ctx, &m, buyer); err != nil {
				return err
			}
			mIDs[i] = m.ID
			return nil
		})
	}
	plots := map[string]*sitePlot{}
	for i, ds := range demoSites {
		p := &sitePlot{st: st, ds: ds, buyer: buyer, boss: boss, bossID: users[model.RoleManager].ID, inspector: inspector, n: i, total: total,
			buyerUser: users[model.RoleProcurement], bossUser: users[model.RoleManager]}
		p.write(sty, mIDs)
		plots[ds.code] = p
	}
	demoIntegrity(sty, st, plots, total, users[model.RoleProcurement], users[model.RoleManager])
	demoSupplierHistory(sty, st, mIDs, plots, total, users, hash)
	sort.SliceStable(sty.steps, func(i, j int) bool { return sty.steps[i].at.Before(sty.steps[j].at) })
	for _, s := range sty.steps {
		if s.at.After(now) {
			continue
		}
		clock.set(s.at)
		if err := s.do(ctx); err != nil {
			return fmt.Errorf("seed: demo story on %s: %w", s.at.Format("2006-01-02"), err)
		}
	}
	return nil
}

type sitePlot struct {
	st        *store.Store
	ds        demoSite
	buyer     audit.Actor
	boss      audit.Actor
	bossID    int64
	inspector int64
	// buyerUser and bossUser sign what the story has them sign.
	buyerUser, bossUser model.User
	n                   int
	total               int
	siteID              int64
}

func (p *sitePlot) write(sty *story, mIDs []int64) {
	ds, d0 := p.ds, p.ds.startDay
	date := func(day int) model.Date { return model.DateOf(sty.start.AddDate(0, 0, day)) }
	sty.on(d0, func(ctx context.Context) error {
		site := model.Site{ManufacturerID: mIDs[ds.manufacturer], Code: ds.code, Name: ds.name, City: ds.city, Country: ds.cc,
			Address: fmt.Sprintf("%d Industrial Park Road", 10+p.n*7), Processes: ds.processes, ApprovedScope: ds.scope,
			RiskTier: ds.tier, ContactName: "Quality Manager", ContactEmail: "quality@" + lower(ds.code) + ".example", ContactPhone: "+1 555 0100"}
		if err := p.st.CreateSite(ctx, &site, p.buyer); err != nil {
			return err
		}
		p.siteID = site.ID
		return nil
	})
	if ds.plot == "prospective" {
		return
	}
	p.decide(sty, d0+3, model.StatusInQualification, "Supplier selected for the next server generation; start qualification.", model.Date{})
	if ds.plot == "in_qualification" {
		planned := p.total - d0 + 20 // planned in a few weeks
		p.inspection(sty, d0+5, model.InspectionQualification, date(d0+planned), model.Date{}, "", 0, nil)
		p.cert(sty, d0+6, "ISO 9001:2015", date(d0-200), date(d0+900), false)
		return
	}
	// The qualification audit.
	result, score := model.ResultPass, 88+p.n%8
	var findings []model.Severity
	switch ds.plot {
	case "conditional":
		result, score, findings = model.ResultConditional, 76, []model.Severity{model.SeverityMajor, model.SeverityMinor}
	case "disqualified":
		result, score, findings = model.ResultFail, 48, []model.Severity{model.SeverityCritical, model.SeverityMajor}
	default:
		findings = []model.Severity{model.SeverityMinor, model.SeverityObservation}
	}
	qDay := d0 + 25
	p.inspection(sty, d0+5, model.InspectionQualification, date(qDay), date(qDay), result, score, findings)
	// Certificates: most valid; some expiring or expired by now.
	expires := d0 + 700
	switch p.n % 5 {
	case 1:
		expires = p.total + 40 // expiring soon
	case 3:
		expires = p.total - 15 // just expired
	}
	p.cert(sty, qDay+2, "ISO 9001:2015", date(d0-300), date(expires), false)
	if ds.tier == model.RiskCritical || ds.tier == model.RiskHigh {
		p.cert(sty, qDay+2, "ANSI/ESD S20.20", date(d0-100), date(d0+1000), p.n%4 == 0)
	}
	if p.n%3 == 0 {
		p.cert(sty, qDay+3, "ISO/IEC 27001:2022", date(d0-50), date(d0+1050), false)
	}
	switch ds.plot {
	case "disqualified":
		p.decide(sty, qDay+5, model.StatusDisqualified, "Qualification audit failed: counterfeit-risk parts found in stock, no traceability to authorised distributors.", model.Date{})
		return
	case "conditional":
		p.decide(sty, qDay+5, model.StatusConditional, "Approved on conditions: close the major finding on solder paste storage within three months.", date(p.total+45))
		p.inspection(sty, qDay+10, model.InspectionFollowUp, date(p.total+30), model.Date{}, "", 0, nil)
		return
	}
	// Qualified sites: closed findings first, then the decision.
	p.decide(sty, qDay+40, model.StatusQualified, "Qualification audit passed; minor findings closed and verified.", model.Date{})
	months := qualification.DefaultIntervals.Months(ds.tier)
	next := qDay
	for k := 1; ; k++ {
		next = qDay + months*30*k
		if next > p.total-10 {
			break
		}
		res, sc, fs := model.ResultPass, 85+(p.n+k)%12, []model.Severity{model.SeverityMinor}
		if (p.n+k)%4 == 0 {
			fs = []model.Severity{model.SeverityObservation}
		}
		p.inspection(sty, next-20, model.InspectionRoutine, date(next), date(next), res, sc, fs)
	}
	if ds.plot == "suspended" {
		fc := p.total - 30
		p.inspection(sty, fc-3, model.InspectionForCause, date(fc), date(fc), model.ResultFail, 41, []model.Severity{model.SeverityCritical})
		p.decide(sty, fc+2, model.StatusSuspended, "For-cause inspection found BMC images programmed from an unsigned build; shipments on hold.", model.Date{})
		return
	}
	if p.n%2 == 0 { // the others are left overdue or due soon
		p.inspection(sty, p.total-5, model.InspectionRoutine, date(p.total+25+p.n), model.Date{}, "", 0, nil)
	}
}

func (p *sitePlot) decide(sty *story, day int, to model.QualificationStatus, reason string, until model.Date) {
	sty.on(day, func(ctx context.Context) error {
		_, _, err := p.st.SignedBy(store.Signer{User: p.bossUser, Meaning: model.MeaningApproved}).DecideQualification(ctx, p.siteID, qualification.Decision{To: to, Reason: reason, ConditionalUntil: until},
			store.Decider{UserID: p.bossID, Actor: p.boss})
		return err
	})
}

var demoFindingText = map[model.Severity][2]string{
	model.SeverityCritical:    {"Parts in stock bought from a broker without certificates of conformance (SAE AS6081 not followed).", "ISO 9001:2015 8.4.1"},
	model.SeverityMajor:       {"Solder paste stored outside its specified temperature range; no logging of fridge temperature.", "IPC J-STD-001 4.1"},
	model.SeverityMinor:       {"Two ESD wrist-strap testers past their calibration date.", "ANSI/ESD S20.20 7.3"},
	model.SeverityObservation: {"Work instructions at station 4 printed without revision number.", "ISO 9001:2015 7.5.3"},
}

// inspection plans an inspection on day and, when performed is set,
// completes it that day with its findings; minor and observation findings
// are closed a few weeks later, as people do.
func (p *sitePlot) inspection(sty *story, day int, typ model.InspectionType, scheduled, performed model.Date, result model.InspectionResult, score int, findings []model.Severity) {
	var id, version int64
	sty.on(day, func(ctx context.Context) error {
		lead := p.inspector
		in := model.Inspection{SiteID: p.siteID, Type: typ, Status: model.InspectionPlanned, ScheduledDate: scheduled, LeadInspectorID: &lead,
			Team: "Procurement quality team", Scope: "Incoming inspection, SMT, ESD controls, traceability, firmware programming"}
		row, err := p.st.CreateInspection(ctx, &in, p.buyer)
		id, version = row.ID, row.Version
		return err
	})
	if performed.IsZero() {
		return
	}
	at := int(performed.Time().Sub(sty.start).Hours() / 24)
	findingIDs := make([]int64, len(findings))
	plan := p.checklistPlan(typ, result, at)
	sty.on(at, func(ctx context.Context) error {
		var raised int64
		if plan != nil {
			var err error
			if raised, err = plan.answer(ctx, p.st, id, p.buyer); err != nil {
				return err
			}
		}
		for i, sev := range findings {
			if sev == model.SeverityCritical && raised != 0 {
				findingIDs[i] = raised // raised from the failed checklist item
				continue
			}
			text := demoFindingText[sev]
			f := model.Finding{Severity: sev, Category: "quality", Description: text[0], Requirement: text[1], Owner: "Site quality manager",
				CorrectiveAction: "Root cause analysis and corrective action plan requested."}
			if sev == model.SeverityCritical {
				f.Category = "traceability"
			}
			row, err := p.st.CreateFinding(ctx, id, &f, p.buyer)
			if err != nil {
				return err
			}
			findingIDs[i] = row.ID
		}
		s := &score
		if plan != nil {
			s = nil // the checklist score
		}
		signed := p.st.SignedBy(store.Signer{User: p.buyerUser, Meaning: model.MeaningAuthored})
		_, err := signed.UpdateInspection(ctx, id, version, p.buyer, func(in *model.Inspection) error {
			in.Status, in.PerformedDate, in.Result, in.Score = model.InspectionCompleted, performed, result, s
			in.Summary = map[model.InspectionResult]string{
				model.ResultPass:        "Processes under control; findings minor.",
				model.ResultConditional: "Acceptable with conditions; a major finding needs correction.",
				model.ResultFail:        "Not acceptable: critical nonconformity found.",
			}[result]
			return nil
		})
		return err
	})
	for i, sev := range findings {
		if sev != model.SeverityMinor && sev != model.SeverityObservation {
			continue
		}
		sty.on(at+21+i, func(ctx context.Context) error {
			f, err := p.st.FindingByID(ctx, findingIDs[i])
			if err != nil {
				return err
			}
			signed := p.st.SignedBy(store.Signer{User: p.buyerUser, Meaning: model.MeaningVerified})
			_, err = signed.UpdateFinding(ctx, f.ID, f.Version, p.buyer, func(f *model.Finding) error {
				f.Status, f.VerificationNote = model.FindingClosed, "Checked on a follow-up call with photos of the corrected station."
				return nil
			})
			return err
		})
	}
}

func (p *sitePlot) cert(sty *story, day int, standard string, issued, expires model.Date, verified bool) {
	sty.on(day, func(ctx context.Context) error {
		c := model.Certification{SiteID: p.siteID, Standard: standard, CertificateNumber: fmt.Sprintf("%s-%05d", p.ds.code, 1000+p.n*37+len(standard)),
			IssuingBody: []string{"TÜV SÜD", "BSI", "DNV", "SGS", "Bureau Veritas"}[p.n%5], Scope: "Manufacture of electronic assemblies for servers",
			IssuedOn: issued, ExpiresOn: expires}
		_, err := p.st.CreateCertification(ctx, &c, verified, p.buyer)
		return err
	})
}

func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 32
		}
	}
	return string(b)
}
