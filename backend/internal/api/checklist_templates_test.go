package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

func TestChecklistTemplateCreateAndRoles(t *testing.T) {
	t.Parallel()
	w := newChecklistWorld(t)
	created := w.template("ESD & Sourcing audit")
	if created.num("version") != 1 || created.str("key") != "esd-sourcing-audit" || created["in_use"] != false ||
		created.num("item_count") != 4 || created.num("critical_count") != 1 || created.num("section_count") != 2 ||
		created.num("latest_id") != created.id() || created.str("created_by_name") != "Test manager" {
		t.Fatalf("created %v", created)
	}
	items := clItems(created)
	if items["1.1"]["critical"] != true || items["1.1"].str("requirement") != "SAE AS5553" || items["1.2"]["na_allowed"] != true ||
		items["2.1"].num("weight") != 1 || items["2.1"].str("category") != "quality" || items["2.2"].str("answer_type") != "text" {
		t.Fatalf("items %v", items)
	}
	// A second template of the same name gets a key of its own.
	if again := apiRecord(w.srv.Do(model.RoleAdmin, http.MethodPost, "/api/v1/checklist-templates", clTemplateBody("ESD & Sourcing audit")).
		Want(http.StatusCreated).JSON()); again.str("key") != "esd-sourcing-audit-2" {
		t.Errorf("second key %q", again.str("key"))
	}
	id := created.id()
	tests := []struct {
		role         model.Role
		method, path string
		body         any
		want         int
	}{
		{model.RoleProcurement, http.MethodPost, "/api/v1/checklist-templates", clTemplateBody("Procurement's own"), http.StatusForbidden},
		{model.RoleAuditor, http.MethodPost, "/api/v1/checklist-templates", clTemplateBody("Auditor's own"), http.StatusForbidden},
		{model.RoleProcurement, http.MethodPut, path("/api/v1/checklist-templates/%d", id), withVersion(clTemplateBody("x"), 1), http.StatusForbidden},
		{model.RoleProcurement, http.MethodPatch, path("/api/v1/checklist-templates/%d", id), map[string]any{"version": 1, "archived": true}, http.StatusForbidden},
		{model.RoleAuditor, http.MethodGet, "/api/v1/checklist-templates", nil, http.StatusOK},
		{model.RoleAuditor, http.MethodGet, path("/api/v1/checklist-templates/%d", id), nil, http.StatusOK},
		{model.RoleProcurement, http.MethodGet, path("/api/v1/checklist-templates/%d/versions", id), nil, http.StatusOK},
		{model.RoleAuditor, http.MethodGet, "/api/v1/checklist-templates/999999", nil, http.StatusNotFound},
	}
	for _, tc := range tests {
		w.srv.Do(tc.role, tc.method, tc.path, tc.body).Want(tc.want)
	}
}

func withVersion(body map[string]any, version int64) map[string]any {
	body["version"] = version
	return body
}

func TestChecklistTemplateValidation(t *testing.T) {
	t.Parallel()
	w := newChecklistWorld(t)
	bad := clTemplateBody(" ")
	items := bad["sections"].([]any)[0].(map[string]any)["items"].([]any)
	items[0].(map[string]any)["weight"] = 11
	items[1].(map[string]any)["answer_type"] = "photo"
	r := w.srv.Do(model.RoleManager, http.MethodPost, "/api/v1/checklist-templates", bad).Want(http.StatusUnprocessableEntity)
	fields := r.ErrorFields()
	for _, f := range []string{"name", "sections[0].items[0].weight", "sections[0].items[1].answer_type"} {
		if fields[f] == "" {
			t.Errorf("no problem on %s: %v", f, fields)
		}
	}
	w.srv.Do(model.RoleManager, http.MethodPost, "/api/v1/checklist-templates", map[string]any{"name": "Empty"}).
		Want(http.StatusUnprocessableEntity)
	misspelt := clTemplateBody("Misspelt")
	misspelt["sections"].([]any)[0].(map[string]any)["items"].([]any)[0].(map[string]any)["critcal"] = true
	r = w.srv.Do(model.RoleManager, http.MethodPost, "/api/v1/checklist-templates", misspelt).Want(http.StatusBadRequest)
	if !strings.Contains(r.ErrorFields()["sections"], "critcal") {
		t.Errorf("misspelt field not named: %s", r.Body)
	}
	w.srv.Do(model.RoleManager, http.MethodPost, "/api/v1/checklist-templates", map[string]any{"name": "X", "sections": "all"}).Want(http.StatusBadRequest)
	created := w.template("Valid")
	w.srv.Do(model.RoleManager, http.MethodPut, path("/api/v1/checklist-templates/%d", created.id()), clTemplateBody("No version")).
		Want(http.StatusUnprocessableEntity)
	w.srv.Do(model.RoleManager, http.MethodPatch, path("/api/v1/checklist-templates/%d", created.id()), map[string]any{"version": 1, "name": "x"}).
		Want(http.StatusBadRequest)
}

// Editing a template no inspection used rewrites it in place; a stale
// version is refused; archiving hides it from the list and from new
// inspections.
func TestChecklistTemplateEditUnusedAndArchive(t *testing.T) {
	t.Parallel()
	w := newChecklistWorld(t)
	tpl := w.template("Firmware audit")
	body := withVersion(clTemplateBody("Firmware audit (rev B)"), 1)
	body["sections"] = body["sections"].([]any)[1:]
	edited := apiRecord(w.srv.Do(model.RoleManager, http.MethodPut, path("/api/v1/checklist-templates/%d", tpl.id()), body).Want(http.StatusOK).JSON())
	if edited.id() != tpl.id() || edited.num("version") != 2 || edited.str("name") != "Firmware audit (rev B)" || edited.num("item_count") != 2 {
		t.Fatalf("edited %v", edited)
	}
	w.srv.Do(model.RoleManager, http.MethodPut, path("/api/v1/checklist-templates/%d", tpl.id()), withVersion(clTemplateBody("Stale"), 1)).
		Want(http.StatusConflict)
	changes := w.auditChanges("checklist_template", tpl.id(), "checklist_template.update")
	if !strings.Contains(string(changes["name"]), "Firmware audit (rev B)") || !strings.Contains(string(changes["sections"]), "Sourcing") {
		t.Errorf("audit %v", changes)
	}

	archived := apiRecord(w.srv.Do(model.RoleManager, http.MethodPatch, path("/api/v1/checklist-templates/%d", tpl.id()),
		map[string]any{"version": 2, "archived": true}).Want(http.StatusOK).JSON())
	if archived["archived_at"] == nil || archived.num("version") != 2 {
		t.Fatalf("archived %v", archived)
	}
	if _, total := w.list("/api/v1/checklist-templates"); total != 0 {
		t.Errorf("archived template listed by default")
	}
	if ids, _ := w.listIDs("/api/v1/checklist-templates?archived=true"); len(ids) != 1 || ids[0] != tpl.id() {
		t.Errorf("archived list %v", ids)
	}
	insp := w.planned()
	r := w.srv.Do(model.RoleProcurement, http.MethodPost, path("/api/v1/inspections/%d/checklists", insp), map[string]any{"template_id": tpl.id()}).
		Want(http.StatusUnprocessableEntity)
	if !strings.Contains(r.ErrorFields()["template_id"], "archived") {
		t.Errorf("archived template added: %s", r.Body)
	}
	w.srv.Do(model.RoleProcurement, http.MethodPost, path("/api/v1/inspections/%d/checklists", insp), map[string]any{"template_id": 999999}).
		Want(http.StatusUnprocessableEntity)
}

// An inspection keeps the questions it was answered against after the
// template is edited: the edit becomes the next version.
func TestChecklistTemplateVersioning(t *testing.T) {
	t.Parallel()
	w := newChecklistWorld(t)
	v1 := w.template("Supply chain")
	old := w.planned()
	cl := w.addChecklist(old, v1.id())
	w.answer(model.RoleProcurement, old, cl, "1.1", map[string]any{"answer": "yes"}).Want(http.StatusCreated)

	body := withVersion(clTemplateBody("Supply chain"), 1)
	first := body["sections"].([]any)[0].(map[string]any)["items"].([]any)[0].(map[string]any)
	first["question"] = "Are ICs bought only from the OCM or its franchised distributors, with CoCs on file?"
	v2 := apiRecord(w.srv.Do(model.RoleManager, http.MethodPut, path("/api/v1/checklist-templates/%d", v1.id()), body).Want(http.StatusOK).JSON())
	if v2.id() == v1.id() || v2.num("version") != 2 || v2.str("key") != v1.str("key") || v2["in_use"] != false {
		t.Fatalf("new version %v", v2)
	}
	if q := clItems(v2)["1.1"].str("question"); !strings.Contains(q, "franchised") {
		t.Errorf("new version asks %q", q)
	}

	// The old inspection still shows version 1's question and its answer.
	got := firstChecklist(w.checklists(old))
	tpl := got.obj("template")
	if tpl.id() != v1.id() || tpl.num("version") != 1 || tpl.num("latest_version") != 2 {
		t.Errorf("old inspection's template %v", tpl)
	}
	item := clItems(got)["1.1"]
	if q := item.str("question"); q != "Are ICs bought only from authorised distributors?" || item.obj("answer").str("answer") != "yes" {
		t.Errorf("old inspection shows %q, answer %v", q, item["answer"])
	}
	// Version 1 itself is unchanged and says what is newest.
	old1 := apiRecord(w.srv.Do(model.RoleAuditor, http.MethodGet, path("/api/v1/checklist-templates/%d", v1.id()), nil).Want(http.StatusOK).JSON())
	if clItems(old1)["1.1"].str("question") != "Are ICs bought only from authorised distributors?" || old1.num("latest_id") != v2.id() || old1["in_use"] != true {
		t.Errorf("version 1 now %v", old1)
	}
	// Lists show the newest version only; versions lists both.
	if ids, _ := w.listIDs("/api/v1/checklist-templates"); len(ids) != 1 || ids[0] != v2.id() {
		t.Errorf("list %v", ids)
	}
	if ids, total := w.listIDs(path("/api/v1/checklist-templates/%d/versions", v1.id())); total != 2 || ids[0] != v2.id() || ids[1] != v1.id() {
		t.Errorf("versions %v", ids)
	}
	// Version 1 can no longer be edited or added to a new inspection.
	w.srv.Do(model.RoleManager, http.MethodPut, path("/api/v1/checklist-templates/%d", v1.id()), withVersion(clTemplateBody("Old"), 1)).
		Want(http.StatusConflict)
	fresh := w.planned()
	r := w.srv.Do(model.RoleProcurement, http.MethodPost, path("/api/v1/inspections/%d/checklists", fresh), map[string]any{"template_id": v1.id()}).
		Want(http.StatusUnprocessableEntity)
	if !strings.Contains(r.ErrorFields()["template_id"], "use version 2") {
		t.Errorf("old version added: %s", r.Body)
	}
	added := w.addChecklist(fresh, v2.id())
	if !strings.Contains(clItems(added)["1.1"].str("question"), "franchised") {
		t.Errorf("new inspection asks the old question")
	}
	// The same template twice on one inspection is a conflict.
	w.srv.Do(model.RoleProcurement, http.MethodPost, path("/api/v1/inspections/%d/checklists", fresh), map[string]any{"template_id": v2.id()}).
		Want(http.StatusConflict)
	changes := w.auditChanges("checklist_template", v2.id(), "checklist_template.new_version")
	if string(changes["previous_id"]) != path("[null,%d]", v1.id()) || !strings.Contains(string(changes["sections"]), "franchised") {
		t.Errorf("audit %v", changes)
	}
}
