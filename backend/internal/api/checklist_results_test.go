package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// The score and suggested result follow the answers and the open
// findings; completing with a different result needs a reason.
func TestChecklistScoreSuggestionAndOverride(t *testing.T) {
	t.Parallel()
	w := newChecklistWorld(t)
	insp := w.planned()
	cl := w.addChecklist(insp, w.template("Audit").id())
	v := w.checklists(insp)
	if v["score"] != nil || v.str("suggested_result") != "" || v.num("total") != 4 || v.num("answered") != 0 {
		t.Fatalf("empty checklist %v", v)
	}
	// Weights: 1.1 = 3 (critical), 1.2 = 2, 2.1 = 1; 2.2 is text.
	w.answer(model.RoleProcurement, insp, cl, "1.1", map[string]any{"answer": "yes"}).Want(http.StatusCreated)
	w.answer(model.RoleProcurement, insp, cl, "1.2", map[string]any{"rating": 4}).Want(http.StatusCreated)
	w.answer(model.RoleProcurement, insp, cl, "2.2", map[string]any{"text": "BMC 1.4.2"}).Want(http.StatusCreated)
	v = w.checklists(insp)
	// (3x1 + 2x0.75) / 5 = 90
	if v.num("score") != 90 || v.str("suggested_result") != "pass" || v.num("answered") != 3 {
		t.Fatalf("after three answers %v", v)
	}
	if c := firstChecklist(v); c.num("score") != 90 || c.num("answered") != 3 || c.num("total") != 4 {
		t.Errorf("checklist summary %v", c)
	}
	// (3 + 1.5 + 0) / 6 = 75: conditional.
	w.answer(model.RoleProcurement, insp, cl, "2.1", map[string]any{"answer": "no"}).Want(http.StatusCreated)
	if v = w.checklists(insp); v.num("score") != 75 || v.str("suggested_result") != "conditional" || !strings.Contains(clReasons(v), "75, under 80") {
		t.Fatalf("score under 80: %v", v)
	}
	// The critical item fails: fail, whatever the score.
	w.answer(model.RoleProcurement, insp, cl, "1.1", map[string]any{"answer": "no", "version": 1}).Want(http.StatusOK)
	v = w.checklists(insp)
	if v.str("suggested_result") != "fail" || v.num("failed_critical") != 1 || !strings.Contains(clReasons(v), "Critical item 1.1 failed") {
		t.Fatalf("critical item failed: %v", v)
	}

	// Completing as pass needs a reason; the reason is stored.
	complete := testutil.Signed(map[string]any{"version": 1, "status": "completed", "performed_date": fromToday(0), "result": "pass"}, model.MeaningAuthored)
	r := w.srv.Do(model.RoleProcurement, http.MethodPatch, path("/api/v1/inspections/%d", insp), complete).Want(http.StatusUnprocessableEntity)
	if !strings.Contains(r.ErrorFields()["result_override_reason"], "suggest fail") {
		t.Fatalf("override without a reason: %s", r.Body)
	}
	complete["result_override_reason"] = "The broker purchase was a customer-approved last-time buy, tested to AS6081."
	done := w.patch(path("/api/v1/inspections/%d", insp), complete)
	if done.str("result") != "pass" || done.str("result_override_reason") != complete["result_override_reason"] || done.num("score") != 25 {
		t.Fatalf("completed %v", done)
	}
	v = w.checklists(insp)
	if v.str("recorded_result") != "pass" || v.str("suggested_result") != "fail" || v.str("result_override_reason") == "" {
		t.Errorf("view after override %v", v)
	}
	// Clearing the reason while the result still differs is refused.
	w.srv.Do(model.RoleProcurement, http.MethodPatch, path("/api/v1/inspections/%d", insp), map[string]any{"version": done.version(), "result_override_reason": ""}).
		Want(http.StatusUnprocessableEntity)
	// Setting the suggested result (a manager's correction of the completed
	// inspection) clears the reason, which no longer applies.
	fixed := apiRecord(w.srv.Do(model.RoleManager, http.MethodPatch, path("/api/v1/inspections/%d", insp), testutil.Signed(map[string]any{
		"version": done.version(), "result": "fail", "correction_reason": "The checklists were right."}, model.MeaningApproved)).Want(http.StatusOK).JSON())
	if fixed.str("result") != "fail" || fixed.str("result_override_reason") != "" {
		t.Errorf("result set to the suggested one: %v", fixed)
	}
}

// Open findings count: a major one makes it conditional, a critical one
// fails; inspections without checklists complete as before.
func TestChecklistSuggestionFollowsFindings(t *testing.T) {
	t.Parallel()
	w := newChecklistWorld(t)
	insp := w.planned()
	cl := w.addChecklist(insp, w.template("Audit").id())
	w.answer(model.RoleProcurement, insp, cl, "1.1", map[string]any{"answer": "yes"}).Want(http.StatusCreated)
	major := w.create(path("/api/v1/inspections/%d/findings", insp), map[string]any{"severity": "major", "category": "esd", "description": "Wrist straps untested"})
	v := w.checklists(insp)
	if v.str("suggested_result") != "conditional" || v.obj("open_findings").num("major") != 1 || !strings.Contains(clReasons(v), "1 major finding is open") {
		t.Fatalf("major finding: %v", v)
	}
	w.patch(path("/api/v1/findings/%d", major.id()), testutil.Signed(map[string]any{"version": 1, "status": "closed", "verification_note": "Tester log checked."}, model.MeaningVerified))
	w.create(path("/api/v1/inspections/%d/findings", insp), map[string]any{"severity": "critical", "category": "security", "description": "Unsigned BMC image"})
	v = w.checklists(insp)
	if v.str("suggested_result") != "fail" || v.obj("open_findings").num("major") != 0 {
		t.Fatalf("critical finding: %v", v)
	}
	// Completing as conditional, not the suggested fail, needs a reason.
	w.srv.Do(model.RoleProcurement, http.MethodPatch, path("/api/v1/inspections/%d", insp),
		map[string]any{"version": 1, "status": "completed", "performed_date": fromToday(0), "result": "conditional"}).Want(http.StatusUnprocessableEntity)
	done := w.patch(path("/api/v1/inspections/%d", insp), testutil.Signed(map[string]any{"version": 1, "status": "completed", "performed_date": fromToday(0), "result": "fail", "score": 40}, model.MeaningAuthored))
	if done.num("score") != 40 {
		t.Errorf("a score sent is kept: %v", done)
	}

	// Without checklists nothing changes.
	plain := w.planned()
	w.patch(path("/api/v1/inspections/%d", plain), testutil.Signed(map[string]any{"version": 1, "status": "completed", "performed_date": fromToday(0), "result": "conditional"}, model.MeaningAuthored))
}

// Answering no offers a finding prefilled from the item.
func TestRaiseFindingFromItem(t *testing.T) {
	t.Parallel()
	w := newChecklistWorld(t)
	insp := w.planned()
	cl := w.addChecklist(insp, w.template("Supply chain").id())
	raise := func(role model.Role, number string, body any) *testutil.Response {
		item := clItems(cl)[number].id()
		return w.srv.Do(role, http.MethodPost, path("/api/v1/inspections/%d/checklists/%d/items/%d/finding", insp, cl.id(), item), body)
	}
	r := raise(model.RoleProcurement, "1.1", map[string]any{}).Want(http.StatusUnprocessableEntity)
	if !strings.Contains(r.ErrorFields()["item_id"], "not answered") {
		t.Errorf("unanswered: %s", r.Body)
	}
	w.answer(model.RoleProcurement, insp, cl, "1.1", map[string]any{"answer": "no", "note": "PO 4411: memory bought from a broker, no CoC."}).Want(http.StatusCreated)
	w.answer(model.RoleProcurement, insp, cl, "2.1", map[string]any{"answer": "yes"}).Want(http.StatusCreated)
	w.answer(model.RoleProcurement, insp, cl, "1.2", map[string]any{"rating": 4}).Want(http.StatusCreated)
	raise(model.RoleProcurement, "2.1", nil).Want(http.StatusUnprocessableEntity)

	f := apiRecord(raise(model.RoleProcurement, "1.1", nil).Want(http.StatusCreated).JSON())
	desc := f.str("description")
	if f.str("severity") != "critical" || f.str("category") != "security" || f.str("requirement") != "SAE AS5553" || f.str("status") != "open" ||
		f.str("due_date") != fromToday(7) || !strings.Contains(desc, "Are ICs bought only from authorised distributors?") ||
		!strings.Contains(desc, "PO 4411: memory bought from a broker") || !strings.Contains(desc, "item 1.1: no") {
		t.Fatalf("finding %v", f)
	}
	raise(model.RoleProcurement, "1.1", nil).Want(http.StatusConflict)
	item := clItems(firstChecklist(w.checklists(insp)))["1.1"]
	if item.obj("answer").num("finding_id") != f.id() {
		t.Errorf("answer does not link the finding: %v", item["answer"])
	}
	// A non-critical item short of 5 gives a major finding unless told otherwise.
	minor := apiRecord(raise(model.RoleManager, "1.2", map[string]any{"severity": "minor", "owner": "Receiving lead"}).Want(http.StatusCreated).JSON())
	if minor.str("severity") != "minor" || minor.str("owner") != "Receiving lead" || minor.str("category") != "quality" ||
		!strings.Contains(minor.str("description"), "rated 4 of 5") {
		t.Errorf("minor finding %v", minor)
	}
	w.answer(model.RoleProcurement, insp, cl, "2.1", map[string]any{"answer": "no", "version": 1}).Want(http.StatusOK)
	if r := raise(model.RoleProcurement, "2.1", map[string]any{"severity": "catastrophic"}).Want(http.StatusUnprocessableEntity); r.ErrorFields()["severity"] == "" {
		t.Errorf("bad severity: %s", r.Body)
	}
	if major := apiRecord(raise(model.RoleProcurement, "2.1", map[string]any{}).Want(http.StatusCreated).JSON()); major.str("severity") != "major" {
		t.Errorf("non-critical item: %v", major)
	}
	// The open critical finding now weighs on the suggestion too.
	if v := w.checklists(insp); v.obj("open_findings").num("critical") != 1 || v.str("suggested_result") != "fail" {
		t.Errorf("after raising %v", v)
	}
}

// The web app prefills the finding form from the item; what the inspector
// edits (description, requirement, owner, corrective action) is what is
// recorded.
func TestRaiseFindingFromItemKeepsTheInspectorsEdits(t *testing.T) {
	t.Parallel()
	w := newChecklistWorld(t)
	insp := w.planned()
	cl := w.addChecklist(insp, w.template("Supply chain").id())
	w.answer(model.RoleProcurement, insp, cl, "2.1", map[string]any{"answer": "no", "note": "Hashes kept for three of five batches."}).Want(http.StatusCreated)
	body := map[string]any{"severity": "minor", "description": "Image hashes are missing for batches 7 and 9.", "requirement": "NIST SP 800-193 4.1",
		"owner": "Firmware lead", "corrective_action": "Record the hash of every batch in the traveller."}
	f := apiRecord(w.srv.Do(model.RoleProcurement, http.MethodPost, path("/api/v1/inspections/%d/checklists/%d/items/%d/finding", insp, cl.id(), clItems(cl)["2.1"].id()), body).
		Want(http.StatusCreated).JSON())
	for _, k := range []string{"severity", "description", "requirement", "owner", "corrective_action"} {
		if f.str(k) != body[k] {
			t.Errorf("%s = %q, want %q", k, f.str(k), body[k])
		}
	}
	// Blank description and requirement keep the ones drawn from the item.
	w.answer(model.RoleProcurement, insp, cl, "1.1", map[string]any{"answer": "no"}).Want(http.StatusCreated)
	g := apiRecord(w.srv.Do(model.RoleProcurement, http.MethodPost, path("/api/v1/inspections/%d/checklists/%d/items/%d/finding", insp, cl.id(), clItems(cl)["1.1"].id()),
		map[string]any{"description": "  ", "requirement": ""}).Want(http.StatusCreated).JSON())
	if g.str("requirement") != "SAE AS5553" || !strings.Contains(g.str("description"), "authorised distributors") {
		t.Errorf("blank overrides: %v", g)
	}
}

// Completing with critical items unanswered needs a reason, which is kept;
// the view lists what is unanswered and says so among the reasons.
func TestCompletingWithUnansweredCriticalItemsNeedsAReason(t *testing.T) {
	t.Parallel()
	w := newChecklistWorld(t)
	insp := w.planned()
	cl := w.addChecklist(insp, w.template("Audit").id())
	w.answer(model.RoleProcurement, insp, cl, "2.1", map[string]any{"answer": "yes"}).Want(http.StatusCreated)
	v := w.checklists(insp)
	un, _ := v["unanswered"].([]any)
	if len(un) != 3 || apiRecord(un[0].(map[string]any)).str("number") != "1.1" || un[0].(map[string]any)["critical"] != true {
		t.Fatalf("unanswered %v", v["unanswered"])
	}
	if !strings.Contains(clReasons(v), "3 of 4 items are unanswered") {
		t.Errorf("reasons do not say what is unanswered: %v", v["reasons"])
	}
	complete := testutil.Signed(map[string]any{"version": 1, "status": "completed", "performed_date": fromToday(0), "result": "pass"}, model.MeaningAuthored)
	r := w.srv.Do(model.RoleProcurement, http.MethodPatch, path("/api/v1/inspections/%d", insp), complete).Want(http.StatusUnprocessableEntity)
	if !strings.Contains(r.ErrorFields()["unanswered_reason"], "Critical item 1.1 is unanswered") {
		t.Fatalf("completing with a critical item unanswered: %s", r.Body)
	}
	complete["unanswered_reason"] = "  The sourcing records were at head office.  "
	done := w.patch(path("/api/v1/inspections/%d", insp), complete)
	if done.str("status") != "completed" || done.str("unanswered_reason") != "The sourcing records were at head office." {
		t.Fatalf("completed %v", done)
	}
	if v := w.checklists(insp); v.str("unanswered_reason") != "The sourcing records were at head office." {
		t.Errorf("view %v", v)
	}
	// Answering the critical item first needs no reason.
	other := w.planned()
	cl2 := w.addChecklist(other, w.template("Audit 2").id())
	w.answer(model.RoleProcurement, other, cl2, "1.1", map[string]any{"answer": "yes"}).Want(http.StatusCreated)
	w.patch(path("/api/v1/inspections/%d", other), testutil.Signed(map[string]any{"version": 1, "status": "completed", "performed_date": fromToday(0), "result": "pass"}, model.MeaningAuthored))
}
