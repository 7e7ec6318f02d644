package api_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// assessmentItems returns the items of a questionnaire in order.
func assessmentItems(a apiRecord) []apiRecord {
	var out []apiRecord
	for _, s := range a["sections"].([]any) {
		for _, it := range s.(map[string]any)["items"].([]any) {
			out = append(out, apiRecord(it.(map[string]any)))
		}
	}
	return out
}

// The questionnaire loop: procurement sends a template to a site's
// manufacturer; two of its suppliers answer in the portal (a stale save is
// refused, not merged), attach evidence and submit; procurement returns an
// item with a comment; the supplier may change only that item and must
// change it before submitting again; procurement accepts; the answers stay
// on the site's record and every step is in the audit trail.
func TestSelfAssessmentScenario(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	b := testutil.NewBuilder(t, srv.Store)
	m := b.Manufacturer("Shenzhen Boards")
	site := b.Site(m, "SZB-1")
	other := b.Manufacturer("Other Co")
	otherSite := b.Site(other, "OTH-1")
	tpl := apiRecord(srv.Do(model.RoleManager, http.MethodPost, "/api/v1/checklist-templates", clTemplateBody("Pre-visit self-assessment")).Want(http.StatusCreated).JSON())

	// Sending: bad input is 422 on the field; the same template twice 409.
	send := func(body map[string]any) *testutil.Response {
		return srv.Do(model.RoleProcurement, http.MethodPost, "/api/v1/self-assessments", body)
	}
	for name, c := range map[string]struct {
		body  map[string]any
		field string
	}{
		"no due date":      {map[string]any{"site_id": site.ID, "template_id": tpl.id()}, "due_date"},
		"due in the past":  {map[string]any{"site_id": site.ID, "template_id": tpl.id(), "due_date": fromToday(-1)}, "due_date"},
		"unknown template": {map[string]any{"site_id": site.ID, "template_id": 999999, "due_date": fromToday(20)}, "template_id"},
		"unknown site":     {map[string]any{"site_id": 999999, "template_id": tpl.id(), "due_date": fromToday(20)}, "site_id"},
		"no site":          {map[string]any{"template_id": tpl.id(), "due_date": fromToday(20)}, "site_id"},
	} {
		if f := send(c.body).Want(http.StatusUnprocessableEntity).ErrorFields(); f[c.field] == "" {
			t.Errorf("%s: fields %v, want %s", name, f, c.field)
		}
	}
	send(map[string]any{"site_id": site.ID, "template_id": tpl.id(), "due_date": "next week"}).Want(http.StatusBadRequest)
	srv.Do(model.RoleAuditor, http.MethodPost, "/api/v1/self-assessments", map[string]any{}).Want(http.StatusForbidden)
	a := apiRecord(send(map[string]any{"site_id": site.ID, "template_id": tpl.id(), "due_date": fromToday(14),
		"message": "Please answer before our visit."}).Want(http.StatusCreated).JSON())
	send(map[string]any{"site_id": site.ID, "template_id": tpl.id(), "due_date": fromToday(14)}).Want(http.StatusConflict)
	if a.str("status") != "open" || a.num("total") != 4 || a.num("answered") != 0 || a.str("due_date") != fromToday(14) || a.str("sent_by_name") == "" {
		t.Fatalf("sent questionnaire = %v", a)
	}
	items := assessmentItems(a)
	yesNo, rating, firmware, text := items[0], items[1], items[2], items[3]
	// The template version is now in use: editing it makes a new version.
	if got := apiRecord(srv.Do(model.RoleManager, http.MethodGet, fmt.Sprintf("/api/v1/checklist-templates/%d", tpl.id()), nil).Want(http.StatusOK).JSON()); got["in_use"] != true {
		t.Errorf("template in_use = %v after sending it", got["in_use"])
	}

	// The supplier sees it; the other manufacturer's supplier does not.
	_, lin := srv.CreateSupplier("lin@szb.example", m.ID)
	_, wei := srv.CreateSupplier("wei@szb.example", m.ID)
	_, outsider := srv.CreateSupplier("ana@other.example", other.ID)
	var list struct {
		Items []apiRecord `json:"items"`
		Total int         `json:"total"`
	}
	srv.DoWith(lin, http.MethodGet, "/api/v1/supplier/self-assessments", nil).Want(http.StatusOK).Decode(&list)
	if list.Total != 1 || list.Items[0].id() != a.id() || list.Items[0].str("site_code") != "SZB-1" {
		t.Fatalf("supplier's questionnaires = %+v", list)
	}
	srv.DoWith(outsider, http.MethodGet, "/api/v1/supplier/self-assessments", nil).Want(http.StatusOK).Decode(&list)
	if list.Total != 0 {
		t.Errorf("the other manufacturer's supplier sees %+v", list.Items)
	}
	path := fmt.Sprintf("/api/v1/supplier/self-assessments/%d", a.id())
	srv.DoWith(outsider, http.MethodGet, path, nil).Want(http.StatusNotFound)
	srv.DoWith(outsider, http.MethodPut, path+"/answers", map[string]any{"version": a.version(),
		"answers": []any{map[string]any{"item_id": yesNo.id(), "answer": "no"}}}).Want(http.StatusNotFound)

	// Drafts: each save moves the version on; a save at a stale version is
	// 409 and changes nothing.
	save := func(h http.Header, version int64, answers ...map[string]any) *testutil.Response {
		list := make([]any, len(answers))
		for i, x := range answers {
			list[i] = x
		}
		return srv.DoWith(h, http.MethodPut, path+"/answers", map[string]any{"version": version, "answers": list})
	}
	v1 := a.version()
	draft := apiRecord(save(lin, v1, map[string]any{"item_id": yesNo.id(), "answer": "yes", "note": "Only Arrow and Avnet."}).Want(http.StatusOK).JSON())
	if draft.version() != v1+1 || draft.num("answered") != 1 || draft.str("status") != "open" {
		t.Fatalf("after the first draft: %v", draft)
	}
	if r := save(wei, v1, map[string]any{"item_id": yesNo.id(), "answer": "no"}).Want(http.StatusConflict); r.ErrorCode() != "version_conflict" {
		t.Errorf("stale save: %s", r.ErrorCode())
	}
	now := apiRecord(srv.DoWith(wei, http.MethodGet, path, nil).Want(http.StatusOK).JSON())
	if ans := assessmentItems(now)[0].obj("answer"); ans.str("answer") != "yes" || ans.str("answered_by_name") != "Sam Supplier" {
		t.Errorf("the stale save overwrote the answer: %v", ans)
	}

	// Bad answers are 422 naming the answer and field.
	for name, c := range map[string]struct {
		answer map[string]any
		field  string
	}{
		"maybe":             {map[string]any{"item_id": yesNo.id(), "answer": "maybe"}, "answers[0].answer"},
		"rating of 9":       {map[string]any{"item_id": rating.id(), "rating": 9}, "answers[0].rating"},
		"N/A not allowed":   {map[string]any{"item_id": firmware.id(), "not_applicable": true}, "answers[0].not_applicable"},
		"unknown item":      {map[string]any{"item_id": 999999, "answer": "yes"}, "answers[0].item_id"},
		"someone else file": {map[string]any{"item_id": yesNo.id(), "answer": "yes", "attachment_ids": []int64{1}}, "answers[0].attachment_ids"},
	} {
		if f := save(lin, now.version(), c.answer).Want(http.StatusUnprocessableEntity).ErrorFields(); f[c.field] == "" {
			t.Errorf("%s: fields %v, want %s", name, f, c.field)
		}
	}
	if f := srv.DoWith(lin, http.MethodPut, path+"/answers", map[string]any{"answers": []any{}}).Want(http.StatusUnprocessableEntity).ErrorFields(); f["version"] == "" {
		t.Errorf("no version: fields %v", f)
	}
	srv.DoWith(lin, http.MethodPut, path+"/answers", `{"version": 2, "answers": [{"item_id": "one"}]}`).Want(http.StatusBadRequest)

	// Submitting with unanswered items names them.
	r := srv.DoWith(lin, http.MethodPost, path+"/submit", map[string]any{"version": now.version()}).Want(http.StatusUnprocessableEntity)
	if f := r.ErrorFields()["items"]; !strings.Contains(f, "1.2, 2.1, 2.2") {
		t.Errorf("unanswered items: %q", f)
	}

	// Evidence goes with an answer; the rest is answered and submitted.
	file := attDecode(supplierUpload(t, srv, lin, path+"/files", "calibration.pdf", []byte("%PDF-1.4 calibration records")).Want(http.StatusCreated))
	now = apiRecord(save(lin, now.version(),
		map[string]any{"item_id": rating.id(), "rating": 4, "attachment_ids": []int64{file.ID}},
		map[string]any{"item_id": firmware.id(), "answer": "yes"},
		map[string]any{"item_id": text.id(), "text": "BIOS 2.1, BMC 1.8"}).Want(http.StatusOK).JSON())
	if now.num("answered") != 4 || len(now["files"].([]any)) != 1 {
		t.Fatalf("after answering all: %v", now)
	}
	srv.DoWith(lin, http.MethodPost, path+"/submit", map[string]any{"version": now.version() - 1}).Want(http.StatusConflict)
	now = apiRecord(srv.DoWith(lin, http.MethodPost, path+"/submit", map[string]any{"version": now.version()}).Want(http.StatusOK).JSON())
	if now.str("status") != "submitted" || now.num("submissions") != 1 {
		t.Fatalf("submitted = %v", now)
	}
	if f := save(lin, now.version(), map[string]any{"item_id": yesNo.id(), "answer": "no"}).Want(http.StatusUnprocessableEntity).ErrorFields(); f["status"] == "" {
		t.Errorf("a save after submitting: fields %v", f)
	}
	srv.DoWith(lin, http.MethodGet, fmt.Sprintf("/api/v1/supplier/self-assessment-files/%d", file.ID), nil).Want(http.StatusOK)
	srv.Do(model.RoleAuditor, http.MethodGet, fmt.Sprintf("/api/v1/attachments/%d", file.ID), nil).Want(http.StatusOK)
	srv.DoWith(outsider, http.MethodGet, fmt.Sprintf("/api/v1/supplier/self-assessment-files/%d", file.ID), nil).Want(http.StatusNotFound)

	// The buyer returns the rating with a comment.
	review := fmt.Sprintf("/api/v1/self-assessments/%d/review", a.id())
	for name, c := range map[string]struct {
		body  map[string]any
		field string
	}{
		"no decision":        {map[string]any{"version": now.version()}, "decision"},
		"return nothing":     {map[string]any{"version": now.version(), "decision": "return"}, "items"},
		"return, no comment": {map[string]any{"version": now.version(), "decision": "return", "items": []any{map[string]any{"item_id": rating.id()}}}, "items[0].comment"},
	} {
		if f := srv.Do(model.RoleProcurement, http.MethodPost, review, c.body).Want(http.StatusUnprocessableEntity).ErrorFields(); f[c.field] == "" {
			t.Errorf("%s: fields %v, want %s", name, f, c.field)
		}
	}
	srv.DoWith(lin, http.MethodPost, review, map[string]any{"version": now.version(), "decision": "accept"}).Want(http.StatusForbidden)
	now = apiRecord(srv.Do(model.RoleProcurement, http.MethodPost, review, map[string]any{"version": now.version(), "decision": "return",
		"items": []any{map[string]any{"item_id": rating.id(), "comment": "Attach the 2026 calibration certificate, not 2025's."}}}).Want(http.StatusOK).JSON())
	if now.str("status") != "returned" || now.num("rework_count") != 1 {
		t.Fatalf("returned = %v", now)
	}
	seen := apiRecord(srv.DoWith(lin, http.MethodGet, path, nil).Want(http.StatusOK).JSON())
	if c := assessmentItems(seen)[1].obj("answer").str("return_comment"); !strings.Contains(c, "2026 calibration") {
		t.Errorf("the supplier does not read the buyer's comment: %q", c)
	}

	// Only the returned item may change, and it must change before the
	// answers go back.
	if f := save(lin, now.version(), map[string]any{"item_id": yesNo.id(), "answer": "no"}).Want(http.StatusUnprocessableEntity).ErrorFields(); f["answers[0].item_id"] == "" {
		t.Errorf("changing an item that was not returned: fields %v", f)
	}
	if f := srv.DoWith(lin, http.MethodPost, path+"/submit", map[string]any{"version": now.version()}).Want(http.StatusUnprocessableEntity).ErrorFields(); !strings.Contains(f["returned"], "1.2") {
		t.Errorf("resubmitting unchanged: fields %v", f)
	}
	now = apiRecord(save(wei, now.version(), map[string]any{"item_id": rating.id(), "rating": 3, "note": "2026 certificate attached.",
		"attachment_ids": []int64{file.ID}}).Want(http.StatusOK).JSON())
	now = apiRecord(srv.DoWith(wei, http.MethodPost, path+"/submit", map[string]any{"version": now.version()}).Want(http.StatusOK).JSON())
	now = apiRecord(srv.Do(model.RoleProcurement, http.MethodPost, review, map[string]any{"version": now.version(), "decision": "accept"}).Want(http.StatusOK).JSON())
	if now.str("status") != "accepted" || now.num("submissions") != 2 || now.str("reviewed_by_name") == "" {
		t.Fatalf("accepted = %v", now)
	}
	if f := save(lin, now.version(), map[string]any{"item_id": rating.id(), "rating": 5}).Want(http.StatusUnprocessableEntity).ErrorFields(); f["status"] == "" {
		t.Errorf("changing an accepted questionnaire: fields %v", f)
	}

	// On the site's record: its questionnaires with the answers as stated.
	srv.Do(model.RoleAuditor, http.MethodGet, fmt.Sprintf("/api/v1/self-assessments?site_id=%d", site.ID), nil).Want(http.StatusOK).Decode(&list)
	if list.Total != 1 || list.Items[0].str("status") != "accepted" || list.Items[0].num("answered") != 4 {
		t.Errorf("site's questionnaires = %+v", list)
	}
	srv.Do(model.RoleAuditor, http.MethodGet, fmt.Sprintf("/api/v1/self-assessments?site_id=%d", otherSite.ID), nil).Want(http.StatusOK).Decode(&list)
	if list.Total != 0 {
		t.Errorf("another site lists %+v", list.Items)
	}
	final := apiRecord(srv.Do(model.RoleAuditor, http.MethodGet, fmt.Sprintf("/api/v1/self-assessments/%d", a.id()), nil).Want(http.StatusOK).JSON())
	if ans := assessmentItems(final)[1].obj("answer"); ans.num("rating") != 3 || ans.str("return_comment") != "" || ans.str("note") != "2026 certificate attached." {
		t.Errorf("final rating answer = %v", ans)
	}

	// Every step is in the audit trail.
	var events struct {
		Items []apiRecord `json:"items"`
	}
	srv.Do(model.RoleAuditor, http.MethodGet, fmt.Sprintf("/api/v1/audit-events?entity_type=self_assessment&entity_id=%d&page_size=50&sort=sequence", a.id()), nil).
		Want(http.StatusOK).Decode(&events)
	var actions []string
	for _, e := range events.Items {
		actions = append(actions, e.str("action"))
	}
	for _, want := range []string{"self_assessment.create", "self_assessment.answer", "self_assessment.submit", "self_assessment.return", "self_assessment.accept"} {
		if !slices.Contains(actions, want) {
			t.Errorf("audit trail lacks %s: %v", want, actions)
		}
	}
}

// A questionnaire's list filters: overdue is one waiting for the supplier
// past its due date; a bad filter is 422.
func TestSelfAssessmentListFilters(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	b := testutil.NewBuilder(t, srv.Store)
	m := b.Manufacturer("Penang Assembly")
	site := b.Site(m, "PEN-1")
	tpl := apiRecord(srv.Do(model.RoleManager, http.MethodPost, "/api/v1/checklist-templates", clTemplateBody("Supplier questionnaire")).Want(http.StatusCreated).JSON())
	a := apiRecord(srv.Do(model.RoleProcurement, http.MethodPost, "/api/v1/self-assessments", map[string]any{"site_id": site.ID, "template_id": tpl.id(),
		"due_date": fromToday(0)}).Want(http.StatusCreated).JSON())
	var list struct {
		Items []apiRecord `json:"items"`
		Total int         `json:"total"`
	}
	srv.Do(model.RoleManager, http.MethodGet, "/api/v1/self-assessments?overdue=true", nil).Want(http.StatusOK).Decode(&list)
	if list.Total != 0 {
		t.Errorf("due today is not overdue: %+v", list.Items)
	}
	srv.Do(model.RoleManager, http.MethodGet, fmt.Sprintf("/api/v1/self-assessments?status=open&manufacturer_id=%d", m.ID), nil).Want(http.StatusOK).Decode(&list)
	if list.Total != 1 || list.Items[0].id() != a.id() || list.Items[0]["overdue"] != false {
		t.Errorf("open questionnaires = %+v", list.Items)
	}
	for _, q := range []string{"status=closed", "overdue=maybe", "site_id=x", "sort=secret"} {
		srv.Do(model.RoleManager, http.MethodGet, "/api/v1/self-assessments?"+q, nil).Want(http.StatusUnprocessableEntity, http.StatusBadRequest)
	}
}
