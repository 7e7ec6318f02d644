package api_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// checklistWorld serves the checklist tests: sites come from the records
// fixture, templates and answers go through the API.
type checklistWorld struct {
	*recordsFixture
}

func newChecklistWorld(t *testing.T) *checklistWorld {
	return &checklistWorld{newRecordsFixture(t)}
}

// clTemplateBody is a small template: a critical yes/no item, a rating
// item that may be N/A, a plain yes/no item and a text item.
func clTemplateBody(name string) map[string]any {
	return map[string]any{
		"name":        name,
		"description": "Test template",
		"sections": []any{
			map[string]any{"title": "Sourcing", "items": []any{
				map[string]any{"question": "Are ICs bought only from authorised distributors?", "guidance": "Check ten POs.",
					"requirement": "SAE AS5553", "weight": 3, "answer_type": "yes_no", "critical": true, "category": "security"},
				map[string]any{"question": "How good is receiving inspection?", "weight": 2, "answer_type": "rating_1_5", "na_allowed": true},
			}},
			map[string]any{"title": "Firmware", "items": []any{
				map[string]any{"question": "Is the image hash recorded per batch?", "requirement": "NIST SP 800-193", "answer_type": "yes_no"},
				map[string]any{"question": "Which versions were seen?", "answer_type": "text"},
			}},
		},
	}
}

// template creates a template as the manager.
func (w *checklistWorld) template(name string) apiRecord {
	w.t.Helper()
	return apiRecord(w.srv.Do(model.RoleManager, http.MethodPost, "/api/v1/checklist-templates", clTemplateBody(name)).Want(http.StatusCreated).JSON())
}

// planned creates a planned inspection of a new site.
func (w *checklistWorld) planned() int64 {
	w.t.Helper()
	site := w.site(model.RiskHigh)
	return w.create("/api/v1/inspections", map[string]any{"site_id": site.ID, "type": "qualification", "scheduled_date": fromToday(-1)}).id()
}

// addChecklist adds the template to the inspection as procurement.
func (w *checklistWorld) addChecklist(inspectionID, templateID int64) apiRecord {
	w.t.Helper()
	return w.create(path("/api/v1/inspections/%d/checklists", inspectionID), map[string]any{"template_id": templateID})
}

// clItems maps item numbers ("1.2") to the items of a template or
// checklist view.
func clItems(view apiRecord) map[string]apiRecord {
	out := map[string]apiRecord{}
	for _, s := range view["sections"].([]any) {
		for _, it := range s.(map[string]any)["items"].([]any) {
			item := apiRecord(it.(map[string]any))
			out[item.str("number")] = item
		}
	}
	return out
}

// answerPath is the answer route of an item.
func answerPath(inspectionID, checklistID, itemID int64) string {
	return path("/api/v1/inspections/%d/checklists/%d/answers/%d", inspectionID, checklistID, itemID)
}

// answer answers an item as role and returns the response.
func (w *checklistWorld) answer(role model.Role, inspectionID int64, checklist apiRecord, number string, body map[string]any) *testutil.Response {
	w.t.Helper()
	item, ok := clItems(checklist)[number]
	if !ok {
		w.t.Fatalf("no item %s", number)
	}
	return w.srv.Do(role, http.MethodPut, answerPath(inspectionID, checklist.id(), item.id()), body)
}

// checklists reads GET /inspections/{id}/checklists as the auditor.
func (w *checklistWorld) checklists(inspectionID int64) apiRecord {
	w.t.Helper()
	return apiRecord(w.srv.Do(model.RoleAuditor, http.MethodGet, path("/api/v1/inspections/%d/checklists", inspectionID), nil).Want(http.StatusOK).JSON())
}

// firstChecklist is the first checklist of a GET /checklists view.
func firstChecklist(v apiRecord) apiRecord {
	return apiRecord(v["checklists"].([]any)[0].(map[string]any))
}

func clReasons(v apiRecord) string { return fmt.Sprint(v["reasons"]) }
