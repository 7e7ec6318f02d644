package seed

import (
	"context"
	"fmt"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// DemoSupplierEmail signs in the demo's supplier, a person at the first
// demo manufacturer (password DemoPassword).
const DemoSupplierEmail = "supplier@example.com"

// demoRequests are the corrective-action requests of the demo, one per
// stage a request can wait on: how far each got.
var demoRequests = []struct {
	finding string
	upTo    model.CAStage // the stage it waits on; "" once verified
	returns bool          // its root cause was returned once
}{
	{"Reflow profile not re-verified after the conveyor speed change.", model.StageContainment, false},
	{"Solder paste used past its floor life on line 2.", model.StageRootCause, true},
	{"AOI false-call rate above target with no review of escapes.", model.StageCorrection, false},
	{"ESD wrist-strap checks skipped on the night shift.", model.StagePrevention, false},
	{"Programming station logs do not record the firmware image hash.", model.StageVerification, false},
	{"Incoming inspection sampled below the agreed AQL.", "", false},
}

var demoAnswers = map[model.CAStage]store.StageAnswer{
	model.StageContainment: {Text: "Affected lots quarantined and 100% re-inspected; no escapes found in the warehouse."},
	model.StageRootCause:   {Text: "The change procedure did not list the dependent checks; nobody owned the re-verification.", Method: "five_why"},
	model.StageCorrection:  {Text: "Change procedure rev D lists the checks each change triggers.", Detail: "Released and trained on all shifts; first two changes audited."},
	model.StagePrevention:  {Text: "The same rule applied to lines 1, 3 and 4.", Detail: "Also rolled out at the Bao'an site."},
}

// demoSupplierHistory is what the first demo manufacturer's supplier did
// in the weeks before now, as story steps: its account was created, a
// questionnaire sent to FXP-SZ2 was never answered and is overdue, and
// one sent to FXP-TPE1 was answered in full and submitted, waiting for the
// buyer's review. users gets the supplier.
func demoSupplierHistory(sty *story, st *store.Store, mIDs []int64, plots map[string]*sitePlot, total int, users map[model.Role]model.User, hash string) {
	buyer := audit.ActorOf(users[model.RoleProcurement], "127.0.0.1")
	sty.on(total-40, func(ctx context.Context) error {
		u := model.User{Email: DemoSupplierEmail, Name: "Lin Wei", Role: model.RoleSupplier, PasswordHash: hash, Active: true}
		if err := st.CreateSupplier(ctx, &u, mIDs[0], nil, system); err != nil {
			return fmt.Errorf("seed: demo supplier: %w", err)
		}
		users[model.RoleSupplier] = u
		return nil
	})
	sty.on(total-40, func(ctx context.Context) error {
		_, err := sendDemoQuestionnaire(ctx, st, plots["FXP-SZ2"].siteID, GeneralAuditKey, 14, buyer)
		return err
	})
	var toReview int64
	sty.on(total-12, func(ctx context.Context) error {
		a, err := sendDemoQuestionnaire(ctx, st, plots["FXP-TPE1"].siteID, GeneralAuditKey, 21, buyer)
		toReview = a.ID
		return err
	})
	sty.on(total-3, func(ctx context.Context) error {
		u := users[model.RoleSupplier]
		portal := st.ForSupplier(u.ID, store.SupplierBinding{ManufacturerID: mIDs[0]})
		a, err := portal.SelfAssessmentByID(ctx, toReview)
		if err != nil {
			return fmt.Errorf("seed: demo questionnaire to review: %w", err)
		}
		var items []store.AssessmentItemView
		for _, sec := range a.Sections {
			items = append(items, sec.Items...)
		}
		sup := audit.ActorOf(u, "127.0.0.1")
		if a, err = portal.SaveAssessmentAnswers(ctx, a.ID, a.Version, demoAssessmentAnswers(items), sup); err != nil {
			return fmt.Errorf("seed: demo questionnaire answers: %w", err)
		}
		if _, err := portal.SubmitSelfAssessment(ctx, a.ID, a.Version, sup); err != nil {
			return fmt.Errorf("seed: demo questionnaire submission: %w", err)
		}
		return nil
	})
}

// demoSupplierStory gives the supplier of the first demo manufacturer a
// corrective-action request in each stage on one of its sites, a pending
// change notification and a questionnaire it is answering, as of now.
func demoSupplierStory(ctx context.Context, st *store.Store, users map[model.Role]model.User) error {
	makers, _, err := st.ListManufacturers(ctx, store.ManufacturerFilter{Q: demoManufacturers[0].Name}, store.Page{Page: 1, PageSize: 1, Sort: "name"})
	if err != nil || len(makers) == 0 {
		return fmt.Errorf("seed: demo supplier: manufacturer: %v", err)
	}
	m := makers[0]
	sites, _, err := st.ListSites(ctx, store.SiteFilter{ManufacturerID: m.ID}, store.Page{Page: 1, PageSize: 10, Sort: "code"})
	if err != nil || len(sites) == 0 {
		return fmt.Errorf("seed: demo supplier: sites: %v", err)
	}
	var site store.SiteView
	var visits []store.InspectionRow
	for _, candidate := range sites {
		visits, _, err = st.ListInspections(ctx, store.InspectionFilter{SiteID: candidate.ID, Status: model.InspectionCompleted}, store.Page{Page: 1, PageSize: 1, Sort: "-performed_date"})
		if err != nil {
			return fmt.Errorf("seed: demo supplier: inspections: %w", err)
		}
		if len(visits) > 0 {
			site = candidate
			break
		}
	}
	if len(visits) == 0 {
		return fmt.Errorf("seed: demo supplier: no completed inspection at %s", m.Name)
	}
	u, ok := users[model.RoleSupplier]
	if !ok {
		return fmt.Errorf("seed: demo supplier: no account")
	}
	buyer := audit.ActorOf(users[model.RoleProcurement], "127.0.0.1")
	boss := audit.ActorOf(users[model.RoleManager], "127.0.0.1")
	sup := audit.ActorOf(u, "127.0.0.1")
	portal := st.ForSupplier(u.ID, store.SupplierBinding{ManufacturerID: m.ID})
	reviewer := st.SignedBy(store.Signer{User: users[model.RoleManager], Meaning: model.MeaningReviewed})
	verifier := st.SignedBy(store.Signer{User: users[model.RoleManager], Meaning: model.MeaningVerified})
	for _, r := range demoRequests {
		f := model.Finding{Severity: model.SeverityMajor, Category: "process", Description: r.finding, Owner: "Site quality manager"}
		row, err := st.CreateFinding(ctx, visits[0].ID, &f, buyer)
		if err != nil {
			return fmt.Errorf("seed: demo request finding: %w", err)
		}
		ca, err := st.IssueCorrectiveActionFor(ctx, row.ID, store.IssueCorrectiveAction{Request: "Contain, find the root cause and correct it; show it cannot recur."},
			qualification.DefaultCorrectiveDueDays, buyer)
		if err != nil {
			return fmt.Errorf("seed: demo request: %w", err)
		}
		for _, stage := range model.SupplierStages {
			if stage == r.upTo {
				break
			}
			if _, err := portal.SubmitStage(ctx, ca.ID, stage, demoAnswers[stage], sup); err != nil {
				return fmt.Errorf("seed: demo answer %s: %w", stage, err)
			}
			if _, err := reviewer.ReviewStage(ctx, ca.ID, stage, true, "", boss); err != nil {
				return fmt.Errorf("seed: demo accept %s: %w", stage, err)
			}
		}
		// The request waiting on root cause had it returned once and
		// submitted again, for review.
		if r.returns {
			for i, do := range []func() error{
				func() error {
					_, err := portal.SubmitStage(ctx, ca.ID, model.StageRootCause, demoAnswers[model.StageRootCause], sup)
					return err
				},
				func() error {
					_, err := st.ReviewStage(ctx, ca.ID, model.StageRootCause, false, "Go two whys further: why did nobody own the check?", boss)
					return err
				},
				func() error {
					_, err := portal.SubmitStage(ctx, ca.ID, model.StageRootCause, demoAnswers[model.StageRootCause], sup)
					return err
				},
			} {
				if err := do(); err != nil {
					return fmt.Errorf("seed: demo root cause step %d: %w", i, err)
				}
			}
		}
		if r.upTo == "" {
			if _, err := verifier.VerifyCorrectiveAction(ctx, ca.ID, store.Verification{Method: "on_site_check",
				Note: "Checked 3 lots at the follow-up visit: sampling at the agreed AQL, records complete."}, boss); err != nil {
				return fmt.Errorf("seed: demo verification: %w", err)
			}
		}
	}
	_, err = portal.CreateChangeNotification(ctx, store.NewChange{ManufacturerID: m.ID, Kind: "equipment", Title: "New reflow oven on line 2",
		Description: "A 10-zone oven replaces the 8-zone one; profiles will be re-qualified.", PlannedDate: st.Today().AddDays(45), SiteIDs: []int64{site.ID}}, sup)
	if err != nil {
		return fmt.Errorf("seed: demo change notification: %w", err)
	}
	return demoQuestionnaire(ctx, st, portal, site.ID, buyer, sup)
}

// demoQuestionnaire sends the supply-chain integrity checklist to the
// supplier's site as a self-assessment due in three weeks; the supplier
// has answered its first section so far, as a draft.
func demoQuestionnaire(ctx context.Context, st, portal *store.Store, siteID int64, buyer, sup audit.Actor) error {
	a, err := sendDemoQuestionnaire(ctx, st, siteID, SupplyChainIntegrityKey, 21, buyer)
	if err != nil {
		return err
	}
	if _, err := portal.SaveAssessmentAnswers(ctx, a.ID, a.Version, demoAssessmentAnswers(a.Sections[0].Items), sup); err != nil {
		return fmt.Errorf("seed: demo questionnaire answers: %w", err)
	}
	return nil
}

// sendDemoQuestionnaire sends the built-in checklist of key to the site as
// a self-assessment due in days.
func sendDemoQuestionnaire(ctx context.Context, st *store.Store, siteID int64, key string, days int, buyer audit.Actor) (store.SelfAssessmentView, error) {
	templates, _, err := st.ListChecklistTemplates(ctx, store.ChecklistTemplateFilter{}, store.Page{Page: 1, PageSize: store.MaxPageSize})
	if err != nil {
		return store.SelfAssessmentView{}, fmt.Errorf("seed: demo questionnaire: templates: %w", err)
	}
	var templateID int64
	for _, t := range templates {
		if t.Key == key {
			templateID = t.ID
		}
	}
	if templateID == 0 {
		return store.SelfAssessmentView{}, fmt.Errorf("seed: demo questionnaire: no %s template", key)
	}
	a, err := st.SendSelfAssessment(ctx, store.SendAssessment{SiteID: siteID, TemplateID: templateID, DueDate: st.Today().AddDays(days),
		Message: "Please answer before our next visit, with evidence where you have it."}, buyer)
	if err != nil {
		return store.SelfAssessmentView{}, fmt.Errorf("seed: demo questionnaire: %w", err)
	}
	return a, nil
}

// demoAssessmentAnswers answers items as the demo's supplier does: yes,
// a rating of 4, or a text, each with a note.
func demoAssessmentAnswers(items []store.AssessmentItemView) []store.AssessmentAnswerInput {
	var answers []store.AssessmentAnswerInput
	for _, it := range items {
		in := store.AssessmentAnswerInput{ItemID: it.ID, Note: "Per our procedure QP-07."}
		switch it.AnswerType {
		case model.AnswerYesNo:
			in.Answer = "yes"
		case model.AnswerRating:
			four := 4
			in.Rating = &four
		default:
			in.Text = "See procedure QP-07."
		}
		answers = append(answers, in)
	}
	return answers
}
