package api_test

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// answeredQuestionnaire sends the template to the site as a questionnaire
// and has the manufacturer's supplier answer and submit it; answers maps
// item numbers to answers. It returns the questionnaire's id.
func answeredQuestionnaire(t *testing.T, srv *testutil.Server, supplier http.Header, siteID, templateID int64, answers map[string]map[string]any) int64 {
	t.Helper()
	a := apiRecord(srv.Do(model.RoleProcurement, http.MethodPost, "/api/v1/self-assessments",
		map[string]any{"site_id": siteID, "template_id": templateID, "due_date": fromToday(14)}).Want(http.StatusCreated).JSON())
	var list []any
	for number, it := range assessmentItemsByNumber(a) {
		ans, ok := answers[number]
		if !ok {
			t.Fatalf("no answer for item %s", number)
		}
		body := map[string]any{"item_id": it.id()}
		for k, v := range ans {
			body[k] = v
		}
		list = append(list, body)
	}
	p := fmt.Sprintf("/api/v1/supplier/self-assessments/%d", a.id())
	saved := apiRecord(srv.DoWith(supplier, http.MethodPut, p+"/answers", map[string]any{"version": a.version(), "answers": list}).Want(http.StatusOK).JSON())
	srv.DoWith(supplier, http.MethodPost, p+"/submit", map[string]any{"version": saved.version()}).Want(http.StatusOK)
	return a.id()
}

func assessmentItemsByNumber(a apiRecord) map[string]apiRecord {
	out := map[string]apiRecord{}
	for _, it := range assessmentItems(a) {
		out[it.str("number")] = it
	}
	return out
}

// checklistItem is the item numbered number of the first checklist.
func checklistItem(view apiRecord, number string) apiRecord {
	return clItems(firstChecklist(view))[number]
}

// The inspector sees the supplier's answer beside each item, never mixed
// with their own; items where the two disagree are listed; a contradiction
// on a critical item raises one finding for review, audited, however often
// the answer changes; the workbook lists the contradictions; the supplier
// never reads the inspector's answers and a scoped auditor only within
// its scope.
func TestSupplierAnswersBesideTheInspectors(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	b := testutil.NewBuilder(t, srv.Store)
	m := b.Manufacturer("Shenzhen Boards")
	site := b.Site(m, "SZB-1")
	other := b.Manufacturer("Other Co")
	_, lin := srv.CreateSupplier("lin@szb.example", m.ID)
	tpl := apiRecord(srv.Do(model.RoleManager, http.MethodPost, "/api/v1/checklist-templates", clTemplateBody("Pre-visit self-assessment")).Want(http.StatusCreated).JSON())

	// 1.1 critical yes/no, 1.2 rating (N/A allowed), 2.1 yes/no, 2.2 text.
	qid := answeredQuestionnaire(t, srv, lin, site.ID, tpl.id(), map[string]map[string]any{
		"1.1": {"answer": "yes", "note": "Only Arrow and Avnet."},
		"1.2": {"rating": 5},
		"2.1": {"answer": "no"},
		"2.2": {"text": "BIOS 2.1"},
	})

	insp := apiRecord(srv.Do(model.RoleProcurement, http.MethodPost, "/api/v1/inspections",
		map[string]any{"site_id": site.ID, "type": "routine", "scheduled_date": fromToday(-1)}).Want(http.StatusCreated).JSON()).id()
	cl := apiRecord(srv.Do(model.RoleProcurement, http.MethodPost, path("/api/v1/inspections/%d/checklists", insp),
		map[string]any{"template_id": tpl.id()}).Want(http.StatusCreated).JSON())
	read := func() apiRecord {
		return apiRecord(srv.Do(model.RoleAuditor, http.MethodGet, path("/api/v1/inspections/%d/checklists", insp), nil).Want(http.StatusOK).JSON())
	}
	view := read()
	if ref := firstChecklist(view).obj("self_assessment"); ref.id() != qid || ref.str("status") != "submitted" || ref.num("template_version") != 1 {
		t.Fatalf("self_assessment = %v", ref)
	}
	first := checklistItem(view, "1.1")
	if sup := first.obj("supplier_answer"); sup.str("answer") != "yes" || sup.str("note") != "Only Arrow and Avnet." || sup.num("self_assessment_id") != qid {
		t.Errorf("supplier's answer to 1.1 = %v", sup)
	}
	if first["answer"] != nil || first["contradicts"] != false {
		t.Errorf("1.1 before the inspector answers: answer %v, contradicts %v", first["answer"], first["contradicts"])
	}
	if n := len(view["contradictions"].([]any)); n != 0 {
		t.Errorf("contradictions before any answer: %v", view["contradictions"])
	}

	answer := func(number string, version int64, body map[string]any) apiRecord {
		t.Helper()
		body["version"] = version
		it := clItems(cl)[number]
		return apiRecord(srv.Do(model.RoleProcurement, http.MethodPut, answerPath(insp, cl.id(), it.id()), body).Want(http.StatusOK, http.StatusCreated).JSON())
	}
	// Agreement and a small gap are no contradiction; no finding is raised.
	answer("2.1", 0, map[string]any{"answer": "no"})
	answer("1.2", 0, map[string]any{"rating": 4})
	if got := read(); len(got["contradictions"].([]any)) != 0 || checklistItem(got, "2.1").obj("answer").str("answer") != "no" {
		t.Fatalf("after agreeing answers: contradictions %v", got["contradictions"])
	}
	// A rating two points lower contradicts; not critical, so no finding.
	r12 := answer("1.2", 1, map[string]any{"rating": 3})
	if r12["finding_id"] != nil {
		t.Errorf("a finding was raised from a non-critical item: %v", r12["finding_id"])
	}
	// The inspector finds broker POs on the critical item: one finding for review.
	a11 := answer("1.1", 0, map[string]any{"answer": "no", "note": "POs from an unlisted broker."})
	fid := a11.num("finding_id")
	if fid == 0 {
		t.Fatalf("no finding raised for the critical contradiction: %v", a11)
	}
	finding := apiRecord(srv.Do(model.RoleAuditor, http.MethodGet, path("/api/v1/findings/%d", fid), nil).Want(http.StatusOK).JSON())
	desc := finding.str("description")
	if finding.str("severity") != "critical" || finding.str("status") != "open" || finding.str("category") != "security" || finding.str("requirement") != "SAE AS5553" ||
		!strings.HasPrefix(desc, "For review:") || !strings.Contains(desc, "the supplier stated yes (questionnaire") ||
		!strings.Contains(desc, "the inspector recorded no") || !strings.Contains(desc, "Only Arrow and Avnet.") || !strings.Contains(desc, "unlisted broker") {
		t.Errorf("finding = %v", finding)
	}

	// Changing the answer back and forth, or clearing and answering again,
	// never raises a second finding.
	a11 = answer("1.1", a11.version(), map[string]any{"answer": "yes"})
	a11 = answer("1.1", a11.version(), map[string]any{"answer": "no"})
	srv.Do(model.RoleProcurement, http.MethodDelete, answerPath(insp, cl.id(), clItems(cl)["1.1"].id())+fmt.Sprintf("?version=%d", a11.version()), nil).Want(http.StatusNoContent)
	evil := `=HYPERLINK("http://evil.example","broker")`
	answer("1.1", 0, map[string]any{"answer": "no", "note": evil})
	var findings struct {
		Total int `json:"total"`
	}
	srv.Do(model.RoleAuditor, http.MethodGet, path("/api/v1/findings?inspection_id=%d", insp), nil).Want(http.StatusOK).Decode(&findings)
	if findings.Total != 1 {
		t.Errorf("inspection has %d findings, want the one raised for review", findings.Total)
	}

	view = read()
	var listed []string
	for _, c := range view["contradictions"].([]any) {
		c := apiRecord(c.(map[string]any))
		listed = append(listed, fmt.Sprintf("%s %v %s/%s %v", c.str("number"), c["critical"], c.str("supplier_answer"), c.str("inspector_answer"), c["finding_id"]))
	}
	if want := []string{fmt.Sprintf("1.1 true yes/no %d", fid), "1.2 false rated 5 of 5/rated 3 of 5 <nil>"}; fmt.Sprint(listed) != fmt.Sprint(want) {
		t.Errorf("contradictions = %q, want %q", listed, want)
	}
	if it := checklistItem(view, "1.2"); it["contradicts"] != true || it.obj("answer").num("rating") != 3 || it.obj("supplier_answer").num("rating") != 5 {
		t.Errorf("1.2 = %v", it)
	}

	// The trail says why the finding was raised.
	var events struct {
		Items []apiRecord `json:"items"`
	}
	srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/audit-events?entity_type=checklist_answer&page_size=100", nil).Want(http.StatusOK).Decode(&events)
	raised := 0
	for _, e := range events.Items {
		if e.str("action") == "checklist_answer.finding" && strings.Contains(fmt.Sprint(e["changes"]), "supplier: yes") {
			raised++
		}
	}
	if raised != 1 {
		t.Errorf("%d checklist_answer.finding events for the contradiction, want 1", raised)
	}

	// The workbook lists the contradictions; user text is never a formula.
	wb := srv.Do(model.RoleAuditor, http.MethodGet, path("/api/v1/inspections/%d/report.xlsx", insp), nil).Want(http.StatusOK)
	f, err := excelize.OpenReader(bytes.NewReader(wb.Body))
	testutil.Fatal(t, err, "open workbook")
	defer func() { _ = f.Close() }()
	rows, err := f.GetRows("Contradictions")
	testutil.Fatal(t, err, "contradiction rows")
	if len(rows) != 3 || rows[0][5] != "Supplier stated" || rows[0][9] != "Inspector recorded" {
		t.Fatalf("contradiction rows %q", rows)
	}
	if r := rows[1]; r[2] != "1.1" || r[4] != "critical" || r[5] != "yes" || r[6] != "Only Arrow and Avnet." || r[8] != fmt.Sprint(qid) || r[9] != "no" || r[10] != "'"+evil || r[11] != fmt.Sprint(fid) {
		t.Errorf("1.1 row %q", r)
	}
	if r := rows[2]; r[2] != "1.2" || r[5] != "rated 5 of 5" || r[9] != "rated 3 of 5" {
		t.Errorf("1.2 row %q", r)
	}

	// The supplier reads neither the inspection's checklists nor, in its
	// questionnaire, anything the inspector recorded.
	srv.DoWith(lin, http.MethodGet, path("/api/v1/inspections/%d/checklists", insp), nil).Want(http.StatusForbidden)
	srv.DoWith(lin, http.MethodGet, path("/api/v1/inspections/%d/report.xlsx", insp), nil).Want(http.StatusForbidden)
	own := srv.DoWith(lin, http.MethodGet, path("/api/v1/supplier/self-assessments/%d", qid), nil).Want(http.StatusOK)
	if strings.Contains(string(own.Body), "unlisted broker") || strings.Contains(string(own.Body), "finding") {
		t.Errorf("the supplier's questionnaire shows the inspection: %.400s", own.Body)
	}
	// A scoped auditor reads it within its scope only.
	_, inScope := scopedAuditor(t, srv, "in@example.com", m.ID)
	_, outScope := scopedAuditor(t, srv, "out@example.com", other.ID)
	got := apiRecord(srv.DoWith(inScope, http.MethodGet, path("/api/v1/inspections/%d/checklists", insp), nil).Want(http.StatusOK).JSON())
	if len(got["contradictions"].([]any)) != 2 {
		t.Errorf("scoped auditor's contradictions = %v", got["contradictions"])
	}
	srv.DoWith(outScope, http.MethodGet, path("/api/v1/inspections/%d/checklists", insp), nil).Want(http.StatusNotFound)
}

// A questionnaire answered on an older version of the template still
// applies to a checklist of the newer one: items match by question (and
// answer type), so a reworded question has no supplier's answer.
func TestSupplierAnswersAcrossTemplateVersions(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	b := testutil.NewBuilder(t, srv.Store)
	m := b.Manufacturer("Shenzhen Boards")
	site := b.Site(m, "SZB-1")
	_, lin := srv.CreateSupplier("lin@szb.example", m.ID)
	tpl := apiRecord(srv.Do(model.RoleManager, http.MethodPost, "/api/v1/checklist-templates", clTemplateBody("Pre-visit self-assessment")).Want(http.StatusCreated).JSON())
	answeredQuestionnaire(t, srv, lin, site.ID, tpl.id(), map[string]map[string]any{
		"1.1": {"answer": "yes"}, "1.2": {"not_applicable": true}, "2.1": {"answer": "yes"}, "2.2": {"text": "BIOS 2.1"},
	})

	// The manager rewords 2.1: the used version stays, a new one is made.
	body := clTemplateBody("Pre-visit self-assessment")
	firmware := body["sections"].([]any)[1].(map[string]any)["items"].([]any)[0].(map[string]any)
	firmware["question"] = "Is the image hash recorded and signed per batch?"
	body["sections"].([]any)[0].(map[string]any)["items"].([]any)[0].(map[string]any)["question"] = "  are ICs bought only from authorised   distributors?"
	body["version"] = tpl.version()
	v2 := apiRecord(srv.Do(model.RoleManager, http.MethodPut, path("/api/v1/checklist-templates/%d", tpl.id()), body).Want(http.StatusOK).JSON())
	if v2.id() == tpl.id() || v2.num("version") != 2 {
		t.Fatalf("edited template = %v", v2)
	}

	insp := apiRecord(srv.Do(model.RoleProcurement, http.MethodPost, "/api/v1/inspections",
		map[string]any{"site_id": site.ID, "type": "routine", "scheduled_date": fromToday(-1)}).Want(http.StatusCreated).JSON()).id()
	srv.Do(model.RoleProcurement, http.MethodPost, path("/api/v1/inspections/%d/checklists", insp), map[string]any{"template_id": v2.id()}).Want(http.StatusCreated)
	view := apiRecord(srv.Do(model.RoleAuditor, http.MethodGet, path("/api/v1/inspections/%d/checklists", insp), nil).Want(http.StatusOK).JSON())
	if ref := firstChecklist(view).obj("self_assessment"); ref.num("template_version") != 1 {
		t.Fatalf("self_assessment = %v", ref)
	}
	got := map[string]string{}
	for number, it := range clItems(firstChecklist(view)) {
		if sup, ok := it["supplier_answer"].(map[string]any); ok {
			got[number] = fmt.Sprintf("%v|%v|%v", sup["answer"], sup["not_applicable"], sup["text"])
		} else {
			got[number] = "none"
		}
	}
	want := map[string]string{"1.1": "yes|false|", "1.2": "|true|", "2.1": "none", "2.2": "|false|BIOS 2.1"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("supplier's answers = %v, want %v", got, want)
	}
}

// An answer given in inspection mode offline and sent later is compared
// with the supplier's self-assessment as it stood when the inspector gave
// it, as an answer sent at once would have been: the queue sends the time
// it was given (answered_at). Here the supplier submits a newer
// questionnaire while the answer waits on the device; the queued "no"
// still contradicts the "yes" the inspector saw and raises its finding
// for review against that questionnaire. The same answer sent now
// without a time, or with a time in the future (a device clock ahead),
// is compared with the newer questionnaire, which agrees.
func TestQueuedAnswerIsComparedAsWhenItWasGiven(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	b := testutil.NewBuilder(t, srv.Store)
	m := b.Manufacturer("Shenzhen Boards")
	site := b.Site(m, "SZB-1")
	_, lin := srv.CreateSupplier("lin@szb.example", m.ID)
	tpl := apiRecord(srv.Do(model.RoleManager, http.MethodPost, "/api/v1/checklist-templates", clTemplateBody("Pre-visit self-assessment")).Want(http.StatusCreated).JSON())
	answers := func(critical string) map[string]map[string]any {
		return map[string]map[string]any{"1.1": {"answer": critical}, "1.2": {"rating": 5}, "2.1": {"answer": "no"}, "2.2": {"text": "BIOS 2.1"}}
	}
	first := answeredQuestionnaire(t, srv, lin, site.ID, tpl.id(), answers("yes"))

	// Three planned visits, each prepared for inspection mode: its
	// checklist read while the first questionnaire applies.
	type visit struct{ inspection, checklist, item int64 }
	var visits []visit
	for range 3 {
		insp := apiRecord(srv.Do(model.RoleProcurement, http.MethodPost, "/api/v1/inspections",
			map[string]any{"site_id": site.ID, "type": "routine", "scheduled_date": fromToday(0)}).Want(http.StatusCreated).JSON()).id()
		cl := apiRecord(srv.Do(model.RoleProcurement, http.MethodPost, path("/api/v1/inspections/%d/checklists", insp),
			map[string]any{"template_id": tpl.id()}).Want(http.StatusCreated).JSON())
		prepared := apiRecord(srv.Do(model.RoleProcurement, http.MethodGet, path("/api/v1/inspections/%d/checklists", insp), nil).Want(http.StatusOK).JSON())
		if sup := checklistItem(prepared, "1.1").obj("supplier_answer"); sup.str("answer") != "yes" || sup.num("self_assessment_id") != first {
			t.Fatalf("the prepared checklist shows %v", sup)
		}
		visits = append(visits, visit{insp, cl.id(), clItems(cl)["1.1"].id()})
	}
	given := srv.Clock.Now()

	// While the answers wait on the device, the buyer accepts the first
	// questionnaire and the supplier submits a second that says no.
	srv.Clock.Advance(time.Hour)
	q := apiRecord(srv.Do(model.RoleProcurement, http.MethodGet, path("/api/v1/self-assessments/%d", first), nil).Want(http.StatusOK).JSON())
	srv.Do(model.RoleProcurement, http.MethodPost, path("/api/v1/self-assessments/%d/review", first), map[string]any{"version": q.version(), "decision": "accept"}).
		Want(http.StatusOK)
	second := answeredQuestionnaire(t, srv, lin, site.ID, tpl.id(), answers("no"))
	srv.Clock.Advance(time.Hour)

	send := func(v visit, answeredAt any) apiRecord {
		t.Helper()
		body := map[string]any{"version": 0, "answer": "no", "note": "POs from an unlisted broker.", "attachment_ids": []int64{}}
		if answeredAt != nil {
			body["answered_at"] = answeredAt
		}
		return apiRecord(srv.Do(model.RoleProcurement, http.MethodPut, answerPath(v.inspection, v.checklist, v.item), body).Want(http.StatusCreated).JSON())
	}
	queued := send(visits[0], given.Format(time.RFC3339Nano))
	if queued.num("finding_id") == 0 {
		t.Fatalf("the queued answer raised no finding: %v", queued)
	}
	f := apiRecord(srv.Do(model.RoleAuditor, http.MethodGet, path("/api/v1/findings/%d", queued.num("finding_id")), nil).Want(http.StatusOK).JSON())
	if desc := f.str("description"); !strings.Contains(desc, fmt.Sprintf("the supplier stated yes (questionnaire %d)", first)) {
		t.Errorf("the finding does not cite the questionnaire the inspector saw:\n%s", desc)
	}
	for i, answeredAt := range []any{nil, srv.Clock.Now().Add(24 * time.Hour).Format(time.RFC3339)} {
		if a := send(visits[i+1], answeredAt); a["finding_id"] != nil {
			t.Errorf("answered_at %v: a finding was raised although questionnaire %d agrees: %v", answeredAt, second, a)
		}
	}
	srv.Do(model.RoleProcurement, http.MethodPut, answerPath(visits[2].inspection, visits[2].checklist, visits[2].item),
		map[string]any{"version": 1, "answer": "yes", "answered_at": "yesterday"}).Want(http.StatusBadRequest, http.StatusUnprocessableEntity)
}
