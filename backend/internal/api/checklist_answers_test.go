package api_test

import (
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

func TestChecklistAnswerValidation(t *testing.T) {
	t.Parallel()
	w := newChecklistWorld(t)
	insp := w.planned()
	cl := w.addChecklist(insp, w.template("Audit").id())
	other := w.template("Another audit") // its items are not part of cl
	otherItem := clItems(other)["1.1"].id()
	otherInspection := w.planned()
	photo := attDecode(attUpload(t, w.srv, model.RoleProcurement, path("/api/v1/inspections/%d/attachments", otherInspection), "board.png", attPNG).
		Want(http.StatusCreated))
	tests := []struct {
		name   string
		number string // item answered; "" uses itemID
		itemID int64
		body   map[string]any
		status int
		field  string
	}{
		{"rating above 5", "1.2", 0, map[string]any{"rating": 6}, 422, "rating"},
		{"rating 0", "1.2", 0, map[string]any{"rating": 0}, 422, "rating"},
		{"rating missing", "1.2", 0, map[string]any{"note": "forgot"}, 422, "rating"},
		{"yes/no answered maybe", "1.1", 0, map[string]any{"answer": "maybe"}, 422, "answer"},
		{"yes/no given a rating", "1.1", 0, map[string]any{"answer": "yes", "rating": 4}, 422, "rating"},
		{"N/A on an item that must apply", "1.1", 0, map[string]any{"not_applicable": true}, 422, "not_applicable"},
		{"N/A and an answer", "1.2", 0, map[string]any{"not_applicable": true, "rating": 3}, 422, "not_applicable"},
		{"empty text", "2.2", 0, map[string]any{"text": "  "}, 422, "text"},
		{"item of another template", "", otherItem, map[string]any{"answer": "yes"}, 422, "item_id"},
		{"item that does not exist", "", 999999, map[string]any{"answer": "yes"}, 422, "item_id"},
		{"photo of another inspection", "1.1", 0, map[string]any{"answer": "yes", "attachment_ids": []int64{photo.ID}}, 422, "attachment_ids"},
		{"photo that does not exist", "1.1", 0, map[string]any{"answer": "yes", "attachment_ids": []int64{999999}}, 422, "attachment_ids"},
		{"unknown field", "1.1", 0, map[string]any{"answer": "yes", "score": 5}, 400, "score"},
		{"rating as text", "1.2", 0, map[string]any{"rating": "four"}, 400, "rating"},
		{"negative version", "1.1", 0, map[string]any{"answer": "yes", "version": -1}, 422, "version"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			itemID := tc.itemID
			if tc.number != "" {
				itemID = clItems(cl)[tc.number].id()
			}
			r := w.srv.Do(model.RoleProcurement, http.MethodPut, answerPath(insp, cl.id(), itemID), tc.body).Want(tc.status)
			if r.ErrorFields()[tc.field] == "" {
				t.Errorf("no problem on %s: %s", tc.field, r.Body)
			}
		})
	}
	// Wrong inspection or checklist in the path: 404.
	item := clItems(cl)["1.1"].id()
	w.srv.Do(model.RoleProcurement, http.MethodPut, answerPath(otherInspection, cl.id(), item), map[string]any{"answer": "yes"}).Want(http.StatusNotFound)
	w.srv.Do(model.RoleProcurement, http.MethodPut, answerPath(insp, 999999, item), map[string]any{"answer": "yes"}).Want(http.StatusNotFound)
	if n := w.checklists(insp).num("answered"); n != 0 {
		t.Fatalf("%d answers stored by refused requests", n)
	}
}

// Answers carry a version: answering over an answer someone else gave
// meanwhile is a 409, never a silent overwrite. Every change is audited.
func TestChecklistAnswerVersions(t *testing.T) {
	t.Parallel()
	w := newChecklistWorld(t)
	insp := w.planned()
	cl := w.addChecklist(insp, w.template("Audit").id())
	photo := attDecode(attUpload(t, w.srv, model.RoleProcurement, path("/api/v1/inspections/%d/attachments", insp), "golden-vs-lot.png", attPNG).
		Want(http.StatusCreated))

	first := apiRecord(w.answer(model.RoleProcurement, insp, cl, "1.2", map[string]any{"rating": 3, "note": "Date codes not checked",
		"attachment_ids": []int64{photo.ID, photo.ID}}).Want(http.StatusCreated).JSON())
	if first.version() != 1 || first.num("rating") != 3 || first.str("answered_by_name") != "Test procurement" || first["failed"] != false {
		t.Fatalf("first answer %v", first)
	}
	if files := first["attachments"].([]any); len(files) != 1 || files[0].(map[string]any)["file_name"] != "golden-vs-lot.png" {
		t.Errorf("photos %v", first["attachments"])
	}
	// The manager answered from a stale page that showed no answer.
	w.answer(model.RoleManager, insp, cl, "1.2", map[string]any{"rating": 5}).Want(http.StatusConflict)
	w.answer(model.RoleManager, insp, cl, "1.2", map[string]any{"rating": 5, "version": 2}).Want(http.StatusConflict)
	second := apiRecord(w.answer(model.RoleManager, insp, cl, "1.2", map[string]any{"rating": 2, "version": 1}).Want(http.StatusOK).JSON())
	if second.version() != 2 || second.num("rating") != 2 || second["failed"] != true || second.str("note") != "" {
		t.Fatalf("second answer %v", second)
	}
	changes := w.auditChanges("checklist_answer", second.id(), "checklist_answer.update")
	if string(changes["rating"]) != "[3,2]" || string(changes["item_number"]) != `["1.2","1.2"]` {
		t.Errorf("audit %v", changes)
	}
	w.answer(model.RoleProcurement, insp, cl, "1.2", map[string]any{"not_applicable": true, "version": 2}).Want(http.StatusOK)

	// Clearing needs the version read, too.
	item := clItems(cl)["1.2"].id()
	w.srv.Do(model.RoleProcurement, http.MethodDelete, answerPath(insp, cl.id(), item), nil).Want(http.StatusUnprocessableEntity)
	w.srv.Do(model.RoleProcurement, http.MethodDelete, answerPath(insp, cl.id(), item)+"?version=2", nil).Want(http.StatusConflict)
	w.srv.Do(model.RoleProcurement, http.MethodDelete, answerPath(insp, cl.id(), item)+"?version=3", nil).Want(http.StatusNoContent)
	w.srv.Do(model.RoleProcurement, http.MethodDelete, answerPath(insp, cl.id(), item)+"?version=3", nil).Want(http.StatusNotFound)
	deleted := w.auditChanges("checklist_answer", second.id(), "checklist_answer.delete")
	if !strings.Contains(string(deleted["deleted"]), `"not_applicable":true`) {
		t.Errorf("deletion audit %v", deleted)
	}
	if got := clItems(firstChecklist(w.checklists(insp)))["1.2"]; got["answer"] != nil {
		t.Errorf("cleared answer still shown: %v", got["answer"])
	}
}

// Auditors read checklists but change nothing; procurement answers.
func TestChecklistRoles(t *testing.T) {
	t.Parallel()
	w := newChecklistWorld(t)
	insp := w.planned()
	tpl := w.template("Audit")
	w.srv.Do(model.RoleAuditor, http.MethodPost, path("/api/v1/inspections/%d/checklists", insp), map[string]any{"template_id": tpl.id()}).Want(http.StatusForbidden)
	cl := w.addChecklist(insp, tpl.id())
	w.answer(model.RoleAuditor, insp, cl, "1.1", map[string]any{"answer": "yes"}).Want(http.StatusForbidden)
	w.answer(model.RoleProcurement, insp, cl, "1.1", map[string]any{"answer": "no"}).Want(http.StatusCreated)
	item := clItems(cl)["1.1"].id()
	w.srv.Do(model.RoleAuditor, http.MethodPost, path("/api/v1/inspections/%d/checklists/%d/items/%d/finding", insp, cl.id(), item), map[string]any{}).
		Want(http.StatusForbidden)
	w.srv.Do(model.RoleAuditor, http.MethodDelete, answerPath(insp, cl.id(), item)+"?version=1", nil).Want(http.StatusForbidden)
	w.srv.Do(model.RoleAuditor, http.MethodDelete, path("/api/v1/inspections/%d/checklists/%d", insp, cl.id()), nil).Want(http.StatusForbidden)
	v := w.checklists(insp)
	if v.num("answered") != 1 || v.num("total") != 4 {
		t.Errorf("auditor reads %v", v)
	}
}

// Checklists change only while the inspection is planned; an unanswered
// checklist can be removed, an answered one keeps the inspection.
func TestChecklistLifecycle(t *testing.T) {
	t.Parallel()
	w := newChecklistWorld(t)
	tpl := w.template("Audit")
	insp := w.planned()
	cl := w.addChecklist(insp, tpl.id())
	w.srv.Do(model.RoleProcurement, http.MethodDelete, path("/api/v1/inspections/%d/checklists/%d", insp, cl.id()), nil).Want(http.StatusNoContent)
	if n := len(w.checklists(insp)["checklists"].([]any)); n != 0 {
		t.Fatalf("%d checklists after removal", n)
	}
	cl = w.addChecklist(insp, tpl.id())
	w.answer(model.RoleProcurement, insp, cl, "1.1", map[string]any{"answer": "yes"}).Want(http.StatusCreated)
	r := w.srv.Do(model.RoleProcurement, http.MethodDelete, path("/api/v1/inspections/%d/checklists/%d", insp, cl.id()), nil).Want(http.StatusConflict)
	if r.ErrorFields()["answers"] == "" {
		t.Errorf("conflict names no field: %s", r.Body)
	}
	w.srv.Do(model.RoleAdmin, http.MethodDelete, path("/api/v1/inspections/%d", insp), nil).Want(http.StatusConflict)

	// A planned inspection with an unanswered checklist can be deleted.
	spare := w.planned()
	w.addChecklist(spare, tpl.id())
	w.srv.Do(model.RoleAdmin, http.MethodDelete, path("/api/v1/inspections/%d", spare), nil).Want(http.StatusNoContent)

	// Completed: answers are the record; no more changes.
	done := w.patch(path("/api/v1/inspections/%d", insp), testutil.Signed(map[string]any{"version": 1, "status": "completed", "performed_date": fromToday(0), "result": "pass"}, model.MeaningAuthored))
	if done.str("result") != "pass" {
		t.Fatalf("completed %v", done)
	}
	r = w.answer(model.RoleProcurement, insp, cl, "1.2", map[string]any{"rating": 4}).Want(http.StatusUnprocessableEntity)
	if !strings.Contains(r.ErrorFields()["inspection"], "completed") {
		t.Errorf("answer on a completed inspection: %s", r.Body)
	}
	w.srv.Do(model.RoleProcurement, http.MethodPost, path("/api/v1/inspections/%d/checklists", insp), map[string]any{"template_id": w.template("Late").id()}).
		Want(http.StatusUnprocessableEntity)
}

// Two people answering the same item at once from the same page: one
// answer is stored, the other is told to reload; the same when both
// change an existing answer.
func TestChecklistConcurrentAnswers(t *testing.T) {
	t.Parallel()
	w := newChecklistWorld(t)
	insp := w.planned()
	cl := w.addChecklist(insp, w.template("Audit").id())
	w.answer(model.RoleProcurement, insp, cl, "2.1", map[string]any{"answer": "yes"}).Want(http.StatusCreated)
	race := func(number string, version int64, stored int) {
		statuses := make(chan int, 2)
		var wg sync.WaitGroup
		for i, role := range []model.Role{model.RoleProcurement, model.RoleManager} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				body := map[string]any{"answer": []string{"yes", "no"}[i], "version": version}
				statuses <- w.answer(role, insp, cl, number, body).Status
			}()
		}
		wg.Wait()
		close(statuses)
		got := map[int]int{}
		for st := range statuses {
			got[st]++
		}
		if got[stored] != 1 || got[http.StatusConflict] != 1 {
			t.Errorf("item %s at version %d: statuses %v, want one %d and one 409", number, version, got, stored)
		}
	}
	race("1.1", 0, http.StatusCreated)
	race("2.1", 1, http.StatusOK)
	for number, want := range map[string]int64{"1.1": 1, "2.1": 2} {
		if v := clItems(firstChecklist(w.checklists(insp)))[number].obj("answer").version(); v != want {
			t.Errorf("item %s at version %d, want %d", number, v, want)
		}
	}
}
