package seed

import (
	"context"
	"fmt"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// demoAnswer is how the demo answers one item ("no", "na", or a rating).
type demoAnswer struct {
	answer string
	rating int
}

// demoChecklistPlan says which checklists an inspection of the demo story
// uses and which items fall short; every other item is answered yes (or
// rated 5). raise is the item whose critical finding is raised from the
// checklist instead of being entered by hand.
type demoChecklistPlan struct {
	keys    []string
	answers map[string]map[string]demoAnswer // template key -> item number -> answer
	raise   string                           // "key item", e.g. "hardware-supply-chain-integrity 4.1"
}

// checklistPlan is the plan for a completed inspection of the site, nil
// for inspections too old to have been done on checklists. Qualification
// and for-cause inspections always use them; routine ones in the last
// five months.
func (p *sitePlot) checklistPlan(typ model.InspectionType, result model.InspectionResult, day int) *demoChecklistPlan {
	if typ == model.InspectionRoutine && day < p.total-150 {
		return nil
	}
	plan := &demoChecklistPlan{keys: []string{GeneralAuditKey}, answers: map[string]map[string]demoAnswer{}}
	if p.ds.tier == model.RiskHigh || p.ds.tier == model.RiskCritical || typ == model.InspectionForCause {
		plan.keys = append(plan.keys, SupplyChainIntegrityKey)
	}
	no, na := demoAnswer{answer: "no"}, demoAnswer{answer: "na"}
	rated := func(r int) demoAnswer { return demoAnswer{rating: r} }
	general := map[string]demoAnswer{"1.4": rated(4), "4.4": rated(3 + p.n%2), "2.2": no, "6.4": na}
	supply := map[string]demoAnswer{"2.4": rated(4), "5.4": rated(3), "1.2": na, "1.5": na, "8.4": na}
	if typ == model.InspectionQualification {
		supply["9.2"] = na // nothing to compare with yet
	}
	switch {
	case result == model.ResultConditional:
		// The major finding: solder paste stored outside its range.
		general["5.1"], general["4.2"] = no, no
		supply["7.2"], supply["8.3"] = no, no
	case result == model.ResultFail && typ == model.InspectionForCause:
		// BMC images programmed from an unsigned build.
		supply["4.1"], supply["4.2"], supply["5.1"] = no, no, rated(2)
		plan.raise = SupplyChainIntegrityKey + " 4.1"
	case result == model.ResultFail:
		// Broker-sourced parts without certificates of conformance.
		supply["1.1"], supply["1.3"], supply["1.4"] = no, no, no
		general["6.3"] = no
		plan.raise = SupplyChainIntegrityKey + " 1.1"
	}
	plan.answers[GeneralAuditKey], plan.answers[SupplyChainIntegrityKey] = general, supply
	return plan
}

// answer adds the plan's checklists to the planned inspection and answers
// every item; it returns the id of the finding raised from plan.raise (0
// when none).
func (plan *demoChecklistPlan) answer(ctx context.Context, st *store.Store, inspectionID int64, actor audit.Actor) (int64, error) {
	templates, _, err := st.ListChecklistTemplates(ctx, store.ChecklistTemplateFilter{Archived: store.ArchivedAll}, store.Page{Page: 1, PageSize: store.MaxPageSize})
	if err != nil {
		return 0, err
	}
	ids := map[string]int64{}
	for _, t := range templates {
		ids[t.Key] = t.ID
	}
	var findingID int64
	for _, key := range plan.keys {
		list, err := st.AddInspectionChecklist(ctx, inspectionID, ids[key], actor)
		if err != nil {
			return 0, fmt.Errorf("checklist %s: %w", key, err)
		}
		for _, sec := range list.Sections {
			for _, it := range sec.Items {
				in := demoAnswerInput(it.ChecklistItem, plan.answers[key][it.Number])
				if _, err := st.AnswerChecklistItem(ctx, inspectionID, list.ID, it.ID, 0, in, actor); err != nil {
					return 0, fmt.Errorf("checklist %s item %s: %w", key, it.Number, err)
				}
				if plan.raise != key+" "+it.Number {
					continue
				}
				f, err := st.RaiseFindingFromItem(ctx, inspectionID, list.ID, it.ID, store.FindingFromItem{
					Owner: "Site quality manager", CorrectiveAction: "Containment of affected lots, root cause analysis and corrective action plan requested."}, actor)
				if err != nil {
					return 0, fmt.Errorf("finding from %s: %w", plan.raise, err)
				}
				findingID = f.ID
			}
		}
	}
	return findingID, nil
}

// demoAnswerInput turns the plan's answer for an item into an answer of
// the item's type; items without one comply.
func demoAnswerInput(it model.ChecklistItem, a demoAnswer) store.ChecklistAnswerInput {
	if a.answer == "na" && it.NAAllowed {
		return store.ChecklistAnswerInput{NotApplicable: true, Note: "Not applicable at this site."}
	}
	switch it.AnswerType {
	case model.AnswerRating:
		r := 5
		if a.rating > 0 {
			r = a.rating
		}
		return store.ChecklistAnswerInput{Rating: &r}
	case model.AnswerFreeText:
		return store.ChecklistAnswerInput{Text: "Recorded in the site's MES against each serial number; kept 15 years."}
	}
	if a.answer == "no" {
		return store.ChecklistAnswerInput{Answer: "no", Note: "Not in place at the time of the visit; see the finding."}
	}
	return store.ChecklistAnswerInput{Answer: "yes"}
}
