package seed

import (
	"fmt"
	mrand "math/rand/v2"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// generator makes the rows in memory, ids assigned in order.
type generator struct {
	o          BulkOptions
	r          *mrand.Rand
	today      model.Date
	now        time.Time
	rules      store.Rules
	managers   []int64
	inspectors []int64

	mfrs        []model.Manufacturer
	sites       []model.Site
	decisions   []model.QualificationDecision
	inspections []model.Inspection
	findings    []model.Finding
	certs       []model.Certification
}

func newGenerator(o BulkOptions, now time.Time, rules store.Rules) *generator {
	seed := o.Seed
	if seed == 0 {
		seed = 20260615
	}
	return &generator{o: o, r: mrand.New(mrand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), today: model.DateOf(now), now: now, rules: rules}
}

func (g *generator) users(hash string) []model.User {
	var out []model.User
	for i := 1; i <= 2; i++ {
		out = append(out, model.User{Email: fmt.Sprintf("manager%02d@bulk.example", i), Name: fmt.Sprintf("%s %s", pick(g.r, firstNames), pick(g.r, lastNames)),
			Role: model.RoleManager, PasswordHash: hash, Active: true, Version: 1})
	}
	for i := 1; i <= 10; i++ {
		out = append(out, model.User{Email: fmt.Sprintf("inspector%02d@bulk.example", i), Name: fmt.Sprintf("%s %s", pick(g.r, firstNames), pick(g.r, lastNames)),
			Role: model.RoleProcurement, PasswordHash: hash, Active: true, Version: 1})
	}
	return out
}

// at is a time on day d (morning, UTC).
func (g *generator) at(d model.Date) time.Time {
	return d.Time().Add(8*time.Hour + time.Duration(g.r.IntN(9*3600))*time.Second)
}

// generate makes every row. Each site's inspections are made with the
// site, so its derived columns are known before it is written.
func (g *generator) generate() {
	o := g.o
	nMfr := max(1, o.Sites/7)
	for i := 1; i <= nMfr; i++ {
		cc := pick(g.r, bulkCountries).code
		created := g.now.AddDate(-8, 0, g.r.IntN(365))
		name := fmt.Sprintf("%s %s %s", pick(g.r, mfrWords1), pick(g.r, mfrWords2), pick(g.r, mfrSuffixes))
		g.mfrs = append(g.mfrs, model.Manufacturer{
			Base: model.Base{ID: int64(i), CreatedAt: created, UpdatedAt: created},
			Name: fmt.Sprintf("%s %d", name, i), LegalName: name + " Ltd.", Country: cc,
			Website: fmt.Sprintf("https://m%d.example", i), Version: 1,
		})
	}
	// Inspections per site: a share weighted by risk tier (critical sites
	// are visited more often), with jitter.
	tiers := make([]model.RiskTier, o.Sites)
	weights := make([]float64, o.Sites)
	sum := 0.0
	for i := range tiers {
		tiers[i] = weighted(g.r, []model.RiskTier{model.RiskLow, model.RiskMedium, model.RiskHigh, model.RiskCritical}, []int{30, 40, 20, 10})
		w := map[model.RiskTier]float64{model.RiskLow: 0.6, model.RiskMedium: 0.9, model.RiskHigh: 1.3, model.RiskCritical: 2}[tiers[i]]
		weights[i] = w * (0.4 + g.r.Float64()*1.2)
		sum += weights[i]
	}
	perSite := make([]int, o.Sites)
	given := 0
	for i := range perSite {
		perSite[i] = int(float64(o.Inspections) * weights[i] / sum)
		given += perSite[i]
	}
	for given < o.Inspections {
		perSite[g.r.IntN(o.Sites)]++
		given++
	}
	for i := 0; i < o.Sites; i++ {
		g.site(int64(i+1), tiers[i], perSite[i])
	}
	g.findingRows()
	g.certRows()
}

// site makes site id with n inspections and its decision.
func (g *generator) site(id int64, tier model.RiskTier, n int) {
	m := g.mfrs[g.r.IntN(len(g.mfrs))]
	c := pick(g.r, bulkCountries)
	city := pick(g.r, c.cities)
	created := g.today.AddDays(-(30 + g.r.IntN(7*365)))
	createdAt := g.at(created)
	procs := map[string]bool{}
	for range 1 + g.r.IntN(3) {
		procs[pick(g.r, bulkProcesses)] = true
	}
	processes := model.StringList{}
	for _, p := range bulkProcesses {
		if procs[p] {
			processes = append(processes, p)
		}
	}
	site := model.Site{
		Base:           model.Base{ID: id, CreatedAt: createdAt, UpdatedAt: createdAt},
		ManufacturerID: m.ID,
		Code:           fmt.Sprintf("%s-%05d", c.code, id),
		Name:           fmt.Sprintf("%s %s %d", city, pick(g.r, siteKinds), 1+g.r.IntN(9)),
		Address:        fmt.Sprintf("%d %s Road", 1+g.r.IntN(400), pick(g.r, lastNames)),
		City:           city, Country: c.code, Processes: processes,
		ApprovedScope: "Contract manufacturing: " + processes[0],
		RiskTier:      tier,
		ContactName:   pick(g.r, firstNames) + " " + pick(g.r, lastNames),
		ContactEmail:  fmt.Sprintf("quality@site%d.example", id),
		Version:       1,
	}

	// Performed dates spread from the site's creation to today, in order.
	var last model.Inspection
	var planned model.Date
	span := created.DaysUntil(g.today)
	dates := make([]int, n)
	for i := range dates {
		dates[i] = g.r.IntN(span + 1)
	}
	sortInts(dates)
	planLast := n > 0 && g.r.IntN(100) < 55
	for i, d := range dates {
		in := model.Inspection{
			Base:    model.Base{ID: int64(len(g.inspections) + 1)},
			SiteID:  id,
			Type:    model.InspectionRoutine,
			Status:  model.InspectionCompleted,
			Team:    pick(g.r, lastNames) + ", " + pick(g.r, lastNames),
			Scope:   "Processes: " + processes[0],
			Version: 1,
		}
		lead := g.inspectors[g.r.IntN(len(g.inspectors))]
		in.LeadInspectorID = &lead
		switch {
		case i == 0:
			in.Type = model.InspectionQualification
		case last.Result == model.ResultFail:
			in.Type = model.InspectionFollowUp
		case g.r.IntN(100) < 8:
			in.Type = model.InspectionForCause
		}
		day := created.AddDays(d)
		if i == n-1 && planLast {
			in.Status = model.InspectionPlanned
			in.ScheduledDate = g.today.AddDays(g.r.IntN(150) - 20)
			in.CreatedAt = g.at(day)
		} else if g.r.IntN(100) < 2 {
			in.Status = model.InspectionCancelled
			in.ScheduledDate = day
			in.CreatedAt = g.at(day.AddDays(-30))
		} else {
			in.ScheduledDate = day
			in.PerformedDate = day
			in.Result = weighted(g.r, []model.InspectionResult{model.ResultPass, model.ResultConditional, model.ResultFail}, []int{78, 16, 6})
			r := scoreRanges[in.Result]
			lo, hi := r[0], r[1]
			score := lo + g.r.IntN(hi-lo+1)
			in.Score = &score
			in.Summary = pick(g.r, summaries)
			in.CreatedAt = g.at(day.AddDays(-30))
		}
		in.UpdatedAt = g.at(day)
		if in.CreatedAt.After(in.UpdatedAt) {
			in.UpdatedAt = in.CreatedAt
		}
		if in.Status == model.InspectionCompleted {
			last = in
		}
		if in.Status == model.InspectionPlanned && (planned.IsZero() || in.ScheduledDate.Before(planned)) {
			planned = in.ScheduledDate
		}
		g.inspections = append(g.inspections, in)
	}

	// A status that fits the site's history, and the decision that set it.
	site.QualificationStatus = model.StatusProspective
	switch {
	case last.ID == 0:
		if g.r.IntN(2) == 0 {
			site.QualificationStatus = model.StatusInQualification
		}
	default:
		site.QualificationStatus = weighted(g.r, []model.QualificationStatus{model.StatusQualified, model.StatusConditional, model.StatusSuspended, model.StatusDisqualified, model.StatusInQualification},
			[]int{70, 12, 6, 5, 7})
	}
	site.StatusSince = createdAt
	if site.QualificationStatus != model.StatusProspective {
		decided := createdAt.Add(24 * time.Hour)
		if last.ID != 0 {
			decided = last.UpdatedAt.Add(2 * time.Hour)
		}
		site.StatusSince = decided
		d := model.QualificationDecision{
			Base:       model.Base{ID: int64(len(g.decisions) + 1), CreatedAt: decided, UpdatedAt: decided},
			SiteID:     id,
			FromStatus: model.StatusInQualification, ToStatus: site.QualificationStatus,
			Reason:      "Decision after the inspection of " + last.PerformedDate.String(),
			DecidedByID: g.managers[g.r.IntN(len(g.managers))], DecidedAt: decided,
		}
		if site.QualificationStatus == model.StatusInQualification {
			d.FromStatus, d.Reason = model.StatusProspective, "Qualification started"
		}
		if site.QualificationStatus == model.StatusConditional {
			site.ConditionalUntil = g.today.AddDays(20 + g.r.IntN(160))
			d.ConditionalUntil = site.ConditionalUntil
		}
		g.decisions = append(g.decisions, d)
	}
	if g.r.IntN(100) < 2 {
		archived := g.now.Add(-time.Duration(g.r.IntN(300*24)) * time.Hour)
		site.ArchivedAt = &archived
	}
	site.LastInspectionDate, site.LastInspectionResult = last.PerformedDate, last.Result
	site.NextPlannedDate = planned
	site.NextInspectionDue = nextDue(created, tier, last, g.rules)
	site.UpdatedAt = site.StatusSince
	g.sites = append(g.sites, site)
}

// findingRows raises findings on random completed inspections; critical
// ones only on inspections that did not pass (an open critical finding
// rules out a pass).
func (g *generator) findingRows() {
	var completed []int
	for i, in := range g.inspections {
		if in.Status == model.InspectionCompleted {
			completed = append(completed, i)
		}
	}
	if len(completed) == 0 {
		return
	}
	for i := 1; i <= g.o.Findings; i++ {
		in := g.inspections[completed[g.r.IntN(len(completed))]]
		sev := weighted(g.r, []model.Severity{model.SeverityCritical, model.SeverityMajor, model.SeverityMinor, model.SeverityObservation}, []int{5, 25, 45, 25})
		if sev == model.SeverityCritical && in.Result == model.ResultPass {
			sev = model.SeverityMajor
		}
		f := model.Finding{
			Base:         model.Base{ID: int64(i), CreatedAt: g.at(in.PerformedDate), UpdatedAt: g.at(in.PerformedDate)},
			InspectionID: in.ID, SiteID: in.SiteID, Severity: sev,
			Category:    pick(g.r, model.FindingCategories),
			Requirement: pick(g.r, requirements), Description: pick(g.r, findingTexts),
			CorrectiveAction: "Procedure updated and staff retrained.", Owner: pick(g.r, firstNames) + " " + pick(g.r, lastNames),
			Status: model.FindingOpen, Version: 1,
		}
		f.DueDate = qualification.DefaultDueDate(sev, in.PerformedDate)
		age := in.PerformedDate.DaysUntil(g.today)
		closeChance := min(97, age/3)
		if g.r.IntN(100) < closeChance {
			f.Status = model.FindingClosed
			f.VerificationNote = "Corrective action checked on site; effective."
			by := g.managers[g.r.IntN(len(g.managers))]
			at := g.at(in.PerformedDate.AddDays(min(age, 5+g.r.IntN(60))))
			f.VerifiedByID, f.VerifiedAt, f.UpdatedAt = &by, &at, at
		} else if g.r.IntN(3) == 0 {
			f.Status = model.FindingInProgress
		}
		g.findings = append(g.findings, f)
	}
}

// certRows gives sites certificates: mostly valid, some expiring, expired
// or withdrawn.
func (g *generator) certRows() {
	for i := 1; i <= g.o.Certifications; i++ {
		site := g.sites[g.r.IntN(len(g.sites))]
		issued := g.today.AddDays(-g.r.IntN(3*365+200) + 90)
		expires := issued.AddMonths(36)
		c := model.Certification{
			Base:   model.Base{ID: int64(i), CreatedAt: g.at(issued), UpdatedAt: g.at(issued)},
			SiteID: site.ID, Standard: pick(g.r, qualification.KnownStandards),
			CertificateNumber: fmt.Sprintf("C-%07d", 1000000+i), IssuingBody: pick(g.r, issuingBodies),
			Scope: "Manufacturing of electronic assemblies", IssuedOn: issued, ExpiresOn: expires, Version: 1,
		}
		if g.r.IntN(100) < 3 {
			c.Withdrawn, c.WithdrawnReason = true, "Withdrawn by the issuing body"
		}
		if g.r.IntN(100) < 40 {
			by := g.managers[g.r.IntN(len(g.managers))]
			at := c.CreatedAt.Add(48 * time.Hour)
			c.VerifiedByID, c.VerifiedAt = &by, &at
		}
		g.certs = append(g.certs, c)
	}
}
