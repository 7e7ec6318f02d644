package api_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/store"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// Each submission of a questionnaire is one audit event, and the supplier
// gets its receipt: the event's sequence and hash, which verifies in the
// portal and with `audit verify --head`; a forged hash does not; another
// manufacturer's supplier, a supplier of a sister site, and any other
// event's sequence are 404.
func TestQuestionnaireSubmissionReceipts(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	b := testutil.NewBuilder(t, srv.Store)
	m := b.Manufacturer("Shenzhen Boards")
	site, sister := b.Site(m, "SZB-1"), b.Site(m, "SZB-2")
	other := b.Manufacturer("Other Co")
	tpl := apiRecord(srv.Do(model.RoleManager, http.MethodPost, "/api/v1/checklist-templates", clTemplateBody("Pre-visit")).Want(http.StatusCreated).JSON())
	a := apiRecord(srv.Do(model.RoleProcurement, http.MethodPost, "/api/v1/self-assessments",
		map[string]any{"site_id": site.ID, "template_id": tpl.id(), "due_date": fromToday(14)}).Want(http.StatusCreated).JSON())
	if rs, ok := a["receipts"].([]any); !ok || len(rs) != 0 {
		t.Fatalf("a questionnaire never submitted has receipts %v", a["receipts"])
	}
	_, lin := srv.CreateSupplier("lin@szb.example", m.ID)
	_, sisterOnly := srv.CreateSupplier("wu@szb.example", m.ID, sister.ID)
	_, outsider := srv.CreateSupplier("ana@other.example", b.Site(other, "OTH-1").ManufacturerID)
	path := fmt.Sprintf("/api/v1/supplier/self-assessments/%d", a.id())

	answers := func(note string) []any {
		its := assessmentItems(a)
		return []any{
			map[string]any{"item_id": its[0].id(), "answer": "yes", "note": note},
			map[string]any{"item_id": its[1].id(), "rating": 4},
			map[string]any{"item_id": its[2].id(), "answer": "yes"},
			map[string]any{"item_id": its[3].id(), "text": "v2.1"},
		}
	}
	saved := apiRecord(srv.DoWith(lin, http.MethodPut, path+"/answers", map[string]any{"version": a.version(), "answers": answers("Arrow only")}).Want(http.StatusOK).JSON())
	first := apiRecord(srv.DoWith(lin, http.MethodPost, path+"/submit", map[string]any{"version": saved.version()}).Want(http.StatusOK).JSON())
	receipts := first["receipts"].([]any)
	if len(receipts) != 1 {
		t.Fatalf("after the first submission: receipts %v", receipts)
	}
	r1 := apiRecord(receipts[0].(map[string]any))
	if r1.num("submission") != 1 || len(r1.str("hash")) != 64 || r1.str("submitted_at") == "" {
		t.Fatalf("receipt = %v", r1)
	}
	// The receipt is the submission's event, with the answers as stated.
	var events struct {
		Items []struct {
			Sequence int64          `json:"sequence"`
			Action   string         `json:"action"`
			Hash     string         `json:"hash"`
			Changes  map[string]any `json:"changes"`
		} `json:"items"`
	}
	srv.Do(model.RoleAdmin, http.MethodGet, fmt.Sprintf("/api/v1/audit-events?entity_type=self_assessment&entity_id=%d", a.id()), nil).Want(http.StatusOK).Decode(&events)
	var answerSeq int64
	found := false
	for _, e := range events.Items {
		switch e.Action {
		case "self_assessment.submit":
			found = e.Sequence == r1.num("sequence") && e.Hash == r1.str("hash") && strings.Contains(fmt.Sprint(e.Changes["answers"]), "Arrow only")
		case "self_assessment.answer":
			answerSeq = e.Sequence
		}
	}
	if !found || answerSeq == 0 {
		t.Fatalf("the receipt %v is not the submission's event: %+v", r1, events.Items)
	}

	// Returned, changed and submitted again: a second receipt.
	items := assessmentItems(first)
	returned := apiRecord(srv.Do(model.RoleProcurement, http.MethodPost, fmt.Sprintf("/api/v1/self-assessments/%d/review", a.id()),
		map[string]any{"version": first.version(), "decision": "return", "items": []any{map[string]any{"item_id": items[0].id(), "comment": "Name the distributors."}}}).
		Want(http.StatusOK).JSON())
	saved = apiRecord(srv.DoWith(lin, http.MethodPut, path+"/answers", map[string]any{"version": returned.version(),
		"answers": []any{map[string]any{"item_id": items[0].id(), "answer": "yes", "note": "Arrow and Avnet"}}}).Want(http.StatusOK).JSON())
	second := apiRecord(srv.DoWith(lin, http.MethodPost, path+"/submit", map[string]any{"version": saved.version()}).Want(http.StatusOK).JSON())
	receipts = second["receipts"].([]any)
	if len(receipts) != 2 || apiRecord(receipts[1].(map[string]any)).num("submission") != 2 {
		t.Fatalf("after the second submission: receipts %v", receipts)
	}
	seen := apiRecord(srv.DoWith(lin, http.MethodGet, path, nil).Want(http.StatusOK).JSON())
	if n := len(seen["receipts"].([]any)); n != 2 {
		t.Errorf("the supplier's questionnaire lists %d receipts, want 2", n)
	}

	verify := func(h http.Header, seq int64, hash string) *testutil.Response {
		return srv.DoWith(h, http.MethodGet, fmt.Sprintf("/api/v1/supplier/receipts/%d/verify?hash=%s", seq, hash), nil)
	}
	for _, raw := range receipts {
		rc := apiRecord(raw.(map[string]any))
		var check struct {
			Valid bool `json:"valid"`
		}
		verify(lin, rc.num("sequence"), rc.str("hash")).Want(http.StatusOK).Decode(&check)
		if !check.Valid {
			t.Errorf("receipt %v does not verify", rc)
		}
		res, err := audit.VerifyAgainst(context.Background(), srv.DB.DB, audit.Head{Sequence: rc.num("sequence"), Hash: rc.str("hash")})
		testutil.Fatal(t, err, "verify against")
		if !res.Valid {
			t.Errorf("audit verify --head with receipt %v: %+v", rc, res)
		}
		verify(outsider, rc.num("sequence"), rc.str("hash")).Want(http.StatusNotFound)
		verify(sisterOnly, rc.num("sequence"), rc.str("hash")).Want(http.StatusNotFound)
	}
	var check struct {
		Valid bool `json:"valid"`
	}
	verify(lin, r1.num("sequence"), strings.Repeat("0", 64)).Want(http.StatusOK).Decode(&check)
	if check.Valid {
		t.Error("a forged receipt verified")
	}
	// A draft save of the questionnaire is its event, but not a receipt.
	verify(lin, answerSeq, strings.Repeat("a", 64)).Want(http.StatusNotFound)
}

// The dashboard's questionnaire figures equal the totals of the lists their
// cards open, with questionnaires in every state, for the whole register
// and for an auditor limited to one manufacturer.
func TestDashboardQuestionnaireFigures(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	b := testutil.NewBuilder(t, srv.Store)
	m, other := b.Manufacturer("Shenzhen Boards"), b.Manufacturer("Other Co")
	tpl := apiRecord(srv.Do(model.RoleManager, http.MethodPost, "/api/v1/checklist-templates", clTemplateBody("Pre-visit")).Want(http.StatusCreated).JSON())
	send := func(site int64, due int) apiRecord {
		return apiRecord(srv.Do(model.RoleProcurement, http.MethodPost, "/api/v1/self-assessments",
			map[string]any{"site_id": site, "template_id": tpl.id(), "due_date": fromToday(due)}).Want(http.StatusCreated).JSON())
	}
	_, lin := srv.CreateSupplier("lin@szb.example", m.ID)
	_, ana := srv.CreateSupplier("ana@other.example", other.ID)
	submit := func(h http.Header, a apiRecord) {
		its := assessmentItems(a)
		path := fmt.Sprintf("/api/v1/supplier/self-assessments/%d", a.id())
		saved := apiRecord(srv.DoWith(h, http.MethodPut, path+"/answers", map[string]any{"version": a.version(), "answers": []any{
			map[string]any{"item_id": its[0].id(), "answer": "yes"}, map[string]any{"item_id": its[1].id(), "rating": 4},
			map[string]any{"item_id": its[2].id(), "answer": "yes"}, map[string]any{"item_id": its[3].id(), "text": "v2.1"}}}).Want(http.StatusOK).JSON())
		srv.DoWith(h, http.MethodPost, path+"/submit", map[string]any{"version": saved.version()}).Want(http.StatusOK)
	}
	send(b.Site(m, "SZB-1").ID, 1)              // overdue once the clock moves on
	send(b.Site(m, "SZB-2").ID, 2)              // overdue too
	send(b.Site(m, "SZB-3").ID, 30)             // open, not due
	submit(lin, send(b.Site(m, "SZB-4").ID, 1)) // submitted: with the buyer, never overdue
	submit(ana, send(b.Site(other, "OTH-1").ID, 1))
	send(b.Site(other, "OTH-2").ID, 1)
	scopedAuditor(t, srv, "scoped@example.com", m.ID)
	// Three days on the sessions have ended: both auditors sign in again.
	srv.Clock.Advance(72 * time.Hour)
	bearer := func(email string) http.Header {
		return http.Header{"Authorization": {"Bearer " + srv.Login(email, testutil.Password)}}
	}
	whole, scoped := bearer("auditor@example.com"), bearer("scoped@example.com")
	for _, who := range []struct {
		name             string
		h                http.Header
		overdue, waiting int64
	}{
		{"an auditor of the whole register", whole, 3, 2},
		{"an auditor limited to Shenzhen Boards", scoped, 2, 1},
	} {
		var d store.Dashboard
		srv.DoWith(who.h, http.MethodGet, "/api/v1/dashboard", nil).Want(http.StatusOK).Decode(&d)
		if d.OverdueSelfAssessments != who.overdue || d.SelfAssessmentsToReview != who.waiting {
			t.Errorf("%s: dashboard says %d overdue, %d to review; want %d, %d", who.name, d.OverdueSelfAssessments, d.SelfAssessmentsToReview, who.overdue, who.waiting)
		}
		for _, p := range []struct {
			figure int64
			list   string
		}{{d.OverdueSelfAssessments, "/api/v1/self-assessments?overdue=true"}, {d.SelfAssessmentsToReview, "/api/v1/self-assessments?status=submitted"}} {
			figure, list := p.figure, p.list
			var page struct {
				Total int64 `json:"total"`
			}
			srv.DoWith(who.h, http.MethodGet, list, nil).Want(http.StatusOK).Decode(&page)
			if page.Total != figure {
				t.Errorf("%s: the figure is %d, its list %s holds %d", who.name, figure, list, page.Total)
			}
		}
	}
}

// The site's dossier lists its questionnaires, a row per item with the
// supplier's answer, note, evidence count and the buyer's return comment,
// the questionnaire's status and dates; user text is never a formula, and
// another site's questionnaire is not in it.
func TestDossierListsTheSitesQuestionnaires(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	b := testutil.NewBuilder(t, srv.Store)
	m := b.Manufacturer("Shenzhen Boards")
	site, other := b.Site(m, "SZB-1"), b.Site(m, "SZB-2")
	tpl := apiRecord(srv.Do(model.RoleManager, http.MethodPost, "/api/v1/checklist-templates", clTemplateBody("Pre-visit")).Want(http.StatusCreated).JSON())
	send := func(site int64) apiRecord {
		return apiRecord(srv.Do(model.RoleProcurement, http.MethodPost, "/api/v1/self-assessments",
			map[string]any{"site_id": site, "template_id": tpl.id(), "due_date": fromToday(10)}).Want(http.StatusCreated).JSON())
	}
	a := send(site.ID)
	send(other.ID)
	_, lin := srv.CreateSupplier("lin@szb.example", m.ID)
	its := assessmentItems(a)
	path := fmt.Sprintf("/api/v1/supplier/self-assessments/%d", a.id())
	saved := apiRecord(srv.DoWith(lin, http.MethodPut, path+"/answers", map[string]any{"version": a.version(), "answers": []any{
		map[string]any{"item_id": its[0].id(), "answer": "yes", "note": "=HYPERLINK(\"http://evil.example\",\"click\")"},
		map[string]any{"item_id": its[1].id(), "rating": 4, "note": "Sampling plan QP-07."},
		map[string]any{"item_id": its[2].id(), "answer": "no"},
		map[string]any{"item_id": its[3].id(), "text": "v2.1"}}}).Want(http.StatusOK).JSON())
	submitted := apiRecord(srv.DoWith(lin, http.MethodPost, path+"/submit", map[string]any{"version": saved.version()}).Want(http.StatusOK).JSON())
	srv.Do(model.RoleProcurement, http.MethodPost, fmt.Sprintf("/api/v1/self-assessments/%d/review", a.id()),
		map[string]any{"version": submitted.version(), "decision": "return", "items": []any{map[string]any{"item_id": its[2].id(), "comment": "+SUM(A1:A9) is not a log; show the batch log."}}}).
		Want(http.StatusOK)

	f := xlOpen(t, srv.Do(model.RoleAuditor, http.MethodGet, fmt.Sprintf("/api/v1/sites/%d/dossier.xlsx", site.ID), nil).Want(http.StatusOK))
	rows := xlRows(t, f, "Questionnaires")
	if len(rows) != 5 {
		t.Fatalf("the sheet has %d rows, want a header and 4 items: %q", len(rows), rows)
	}
	want := map[string][]string{
		"Questionnaire ID":  {itoa(a.id()), itoa(a.id()), itoa(a.id()), itoa(a.id())},
		"Item":              {"1.1", "1.2", "2.1", "2.2"},
		"Template":          {"Pre-visit", "Pre-visit", "Pre-visit", "Pre-visit"},
		"Status":            {"Returned", "Returned", "Returned", "Returned"},
		"Supplier's answer": {"yes", "rated 4 of 5", "no", "v2.1"},
		"Note":              {`'=HYPERLINK("http://evil.example","click")`, "Sampling plan QP-07.", "", ""},
		"Returned with":     {"", "", "'+SUM(A1:A9) is not a log; show the batch log.", ""},
		"Submissions":       {"1", "1", "1", "1"},
		"Returns":           {"1", "1", "1", "1"},
		"Critical":          {"critical", "", "", ""},
		"Answered by":       {"Sam Supplier", "Sam Supplier", "Sam Supplier", "Sam Supplier"},
	}
	for header, cells := range want {
		for i, w := range cells {
			if got := xlCell(t, f, "Questionnaires", header, i+2); got != w {
				t.Errorf("%s of row %d = %q, want %q", header, i+2, got, w)
			}
		}
	}
	for _, header := range []string{"Sent at", "Due date", "Submitted at", "Reviewed at", "Answered at"} {
		if xlCell(t, f, "Questionnaires", header, 2) == "" {
			t.Errorf("%s is empty", header)
		}
	}
	// A formula is never written: the cells hold text.
	ref := xlRef(t, f, "Questionnaires", "Note", 2)
	if formula, err := f.GetCellFormula("Questionnaires", ref); err != nil || formula != "" {
		t.Errorf("the note became a formula: %q (%v)", formula, err)
	}
}
