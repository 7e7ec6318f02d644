package api_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// supplierUpload posts a file to a supplier's stage answer.
func supplierUpload(t *testing.T, srv *testutil.Server, h http.Header, path, name string, content []byte) *testutil.Response {
	t.Helper()
	body, ct := attMultipart(t, attFilePart(name, "application/octet-stream", content))
	hh := h.Clone()
	hh.Set("Content-Type", ct)
	return srv.DoWith(hh, http.MethodPost, path, body)
}

type receiptJSON struct {
	Sequence int64  `json:"sequence"`
	Hash     string `json:"hash"`
	Stage    string `json:"stage"`
}

// stageOf returns a stage of a request as the API shows it.
func stageOf(ca apiRecord, stage string) apiRecord {
	for _, s := range ca["stages"].([]any) {
		if st := apiRecord(s.(map[string]any)); st.str("stage") == stage {
			return st
		}
	}
	return nil
}

// The loop of the issue's "Done when": procurement raises a critical
// finding and issues a request; the supplier signs in, submits containment
// and root cause with a file; procurement returns the root cause with a
// reason; the supplier resubmits; the fix is accepted; the manager
// verifies effectiveness and the finding closes; the supplier's receipt
// verifies against the chain.
func TestCorrectiveActionScenario(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	b := testutil.NewBuilder(t, srv.Store)
	m := b.Manufacturer("Shenzhen Boards")
	site := b.Site(m, "SZB-1")
	other := b.Manufacturer("Other Co")
	b.Site(other, "OTH-1")
	visit := b.Completed(site.ID, testutil.Today().AddDays(-3).String(), model.ResultConditional)

	finding := apiRecord(srv.Do(model.RoleProcurement, http.MethodPost, fmt.Sprintf("/api/v1/inspections/%d/findings", visit.ID), map[string]any{
		"severity": "critical", "category": "esd", "description": "Ionizers on line 3 out of calibration"}).Want(http.StatusCreated).JSON())
	issuePath := fmt.Sprintf("/api/v1/findings/%d/corrective-action", finding.id())
	srv.Do(model.RoleAuditor, http.MethodPost, issuePath, map[string]any{}).Want(http.StatusForbidden)
	ca := apiRecord(srv.Do(model.RoleProcurement, http.MethodPost, issuePath, map[string]any{
		"request": "Contain the affected lots and find the root cause.", "internal_note": "BUYERONLY: second ESD finding this year"}).Want(http.StatusCreated).JSON())
	srv.Do(model.RoleProcurement, http.MethodPost, issuePath, map[string]any{}).Want(http.StatusConflict)
	if ca.str("status") != "open" || ca.str("current_stage") != "d3" || stageOf(ca, "d3").str("due_date") != fromToday(2) || stageOf(ca, "d4").str("due_date") != fromToday(14) {
		t.Fatalf("issued request = %v", ca)
	}
	caPath := fmt.Sprintf("/api/v1/supplier/corrective-actions/%d", ca.id())

	// The supplier signs in and sees the request, without the internal note.
	_, supplier := srv.CreateSupplier("lin@szb.example", m.ID)
	_, outsider := srv.CreateSupplier("ana@other.example", other.ID)
	var list struct {
		Items []apiRecord `json:"items"`
		Total int         `json:"total"`
	}
	srv.DoWith(supplier, http.MethodGet, "/api/v1/supplier/corrective-actions", nil).Want(http.StatusOK).Decode(&list)
	if list.Total != 1 || list.Items[0].id() != ca.id() {
		t.Fatalf("supplier's requests = %+v", list)
	}
	if r := srv.DoWith(supplier, http.MethodGet, caPath, nil).Want(http.StatusOK); strings.Contains(string(r.Body), "BUYERONLY") {
		t.Errorf("the supplier reads the internal note: %s", r.Body)
	}
	srv.DoWith(outsider, http.MethodGet, caPath, nil).Want(http.StatusNotFound)
	srv.DoWith(outsider, http.MethodPost, caPath+"/stages/d3/submit", map[string]any{"text": "x"}).Want(http.StatusNotFound)

	// Root cause before containment is refused; containment, then root
	// cause with its five whys as a file.
	r := srv.DoWith(supplier, http.MethodPost, caPath+"/stages/d4/submit", map[string]any{"text": "Worn ionizer emitters", "method": "five_why"}).Want(http.StatusUnprocessableEntity)
	if r.ErrorFields()["stage"] == "" {
		t.Errorf("root cause first: %v", r.ErrorFields())
	}
	var receipts []receiptJSON
	submit := func(stage string, body map[string]any) receiptJSON {
		t.Helper()
		var rc receiptJSON
		srv.DoWith(supplier, http.MethodPost, caPath+"/stages/"+stage+"/submit", body).Want(http.StatusCreated).Decode(&rc)
		if rc.Sequence == 0 || len(rc.Hash) != 64 || rc.Stage != stage {
			t.Fatalf("receipt = %+v", rc)
		}
		receipts = append(receipts, rc)
		return rc
	}
	submit("d3", map[string]any{"text": "Lots 4411-4415 quarantined and 100% re-tested"})
	file := apiRecord(supplierUpload(t, srv, supplier, caPath+"/stages/d4/files", "five-whys.pdf", []byte("%PDF-1.4 five whys")).Want(http.StatusCreated).JSON())
	supplierUpload(t, srv, outsider, caPath+"/stages/d4/files", "x.pdf", []byte("%PDF-1.4 x")).Want(http.StatusNotFound)
	r = srv.DoWith(supplier, http.MethodPost, caPath+"/stages/d4/submit", map[string]any{"text": "Worn emitters"}).Want(http.StatusUnprocessableEntity)
	if r.ErrorFields()["method"] == "" {
		t.Errorf("root cause without method: %v", r.ErrorFields())
	}
	submit("d4", map[string]any{"text": "Worn ionizer emitters", "method": "five_why"})
	supplierUpload(t, srv, supplier, caPath+"/stages/d4/files", "late.pdf", []byte("%PDF-1.4 late")).Want(http.StatusUnprocessableEntity)
	srv.Do(model.RoleManager, http.MethodGet, fmt.Sprintf("/api/v1/corrective-action-files/%d", file.id()), nil).Want(http.StatusOK)
	srv.DoWith(outsider, http.MethodGet, fmt.Sprintf("/api/v1/supplier/corrective-action-files/%d", file.id()), nil).Want(http.StatusNotFound)
	if got := srv.DoWith(supplier, http.MethodGet, fmt.Sprintf("/api/v1/supplier/corrective-action-files/%d", file.id()), nil).Want(http.StatusOK); string(got.Body) != "%PDF-1.4 five whys" {
		t.Errorf("file = %q", got.Body)
	}

	// The finding cannot close while its request is open.
	f := apiRecord(srv.Do(model.RoleProcurement, http.MethodGet, fmt.Sprintf("/api/v1/findings/%d", finding.id()), nil).Want(http.StatusOK).JSON())
	r = srv.Do(model.RoleProcurement, http.MethodPatch, fmt.Sprintf("/api/v1/findings/%d", finding.id()), testutil.Signed(map[string]any{
		"version": f.version(), "status": "closed", "verification_note": "Looks fine"}, model.MeaningVerified)).Want(http.StatusUnprocessableEntity)
	if r.ErrorFields()["status"] == "" {
		t.Errorf("closing with an open request: %v", r.ErrorFields())
	}

	// Procurement accepts containment (signed) and returns the root cause.
	review := func(stage string, body map[string]any) apiRecord {
		t.Helper()
		return apiRecord(srv.Do(model.RoleProcurement, http.MethodPost, fmt.Sprintf("/api/v1/corrective-actions/%d/stages/%s/review", ca.id(), stage), body).Want(http.StatusOK).JSON())
	}
	r = srv.Do(model.RoleProcurement, http.MethodPost, fmt.Sprintf("/api/v1/corrective-actions/%d/stages/d3/review", ca.id()), map[string]any{"decision": "accept"}).Want(http.StatusUnprocessableEntity)
	if r.ErrorFields()["signature"] == "" {
		t.Errorf("unsigned accept: %v", r.ErrorFields())
	}
	srv.DoWith(supplier, http.MethodPost, fmt.Sprintf("/api/v1/corrective-actions/%d/stages/d3/review", ca.id()), map[string]any{"decision": "accept"}).Want(http.StatusForbidden)
	review("d3", testutil.Signed(map[string]any{"decision": "accept"}, model.MeaningReviewed))
	srv.Do(model.RoleProcurement, http.MethodPost, fmt.Sprintf("/api/v1/corrective-actions/%d/stages/d4/review", ca.id()), map[string]any{"decision": "return"}).Want(http.StatusUnprocessableEntity)
	review("d4", map[string]any{"decision": "return", "reason": "Why were the emitters not on the PM plan? Go two whys further."})

	seen := apiRecord(srv.DoWith(supplier, http.MethodGet, caPath, nil).Want(http.StatusOK).JSON())
	if d4 := stageOf(seen, "d4"); d4.str("status") != "returned" || !strings.Contains(d4.str("return_reason"), "two whys further") || seen.num("rework_count") != 1 {
		t.Fatalf("after the return the supplier sees %v", seen)
	}
	submit("d4", map[string]any{"text": "Emitters wear in 6 months; the PM plan had no replacement interval", "method": "five_why"})
	review("d4", testutil.Signed(map[string]any{"decision": "accept"}, model.MeaningReviewed))
	submit("d5", map[string]any{"text": "Replace emitters every 4 months; monthly balance checks", "detail": "PM plan rev C released 2026-06-20, all lines"})
	submit("d7", map[string]any{"text": "Same PM rule on lines 1, 2 and 4", "detail": "Also applied at the Dongguan site"})
	review("d5", testutil.Signed(map[string]any{"decision": "accept"}, model.MeaningApproved))

	// Verification needs every answer accepted; the supplier may not verify.
	verifyPath := fmt.Sprintf("/api/v1/corrective-actions/%d/verify", ca.id())
	verification := testutil.Signed(map[string]any{"method": "on_site_check", "note": "Ionizer balance within ±35 V on all lines, 3 weeks of records"}, model.MeaningVerified)
	r = srv.Do(model.RoleManager, http.MethodPost, verifyPath, verification).Want(http.StatusUnprocessableEntity)
	if r.ErrorFields()["stage"] == "" {
		t.Errorf("verify before prevention is accepted: %v", r.ErrorFields())
	}
	review("d7", testutil.Signed(map[string]any{"decision": "accept"}, model.MeaningReviewed))
	srv.DoWith(supplier, http.MethodPost, verifyPath, verification).Want(http.StatusForbidden)
	closed := apiRecord(srv.Do(model.RoleManager, http.MethodPost, verifyPath, verification).Want(http.StatusOK).JSON())
	if closed.str("status") != "closed" || closed.str("verified_by_name") == "" || closed.str("verification_method") != "on_site_check" ||
		closed.num("rework_count") != 1 || closed["first_response_at"] == nil || closed.str("finding_status") != "closed" {
		t.Errorf("verified request = %v", closed)
	}
	f = apiRecord(srv.Do(model.RoleAuditor, http.MethodGet, fmt.Sprintf("/api/v1/findings/%d", finding.id()), nil).Want(http.StatusOK).JSON())
	if f.str("status") != "closed" || !strings.Contains(f.str("verification_note"), "±35 V") || f["signature"] == nil {
		t.Errorf("finding after verification = %v", f)
	}
	srv.DoWith(supplier, http.MethodPost, caPath+"/stages/d7/submit", map[string]any{"text": "more"}).Want(http.StatusUnprocessableEntity)

	// Every receipt is in the chain, for the supplier's check and for
	// `qualtrack audit verify --head` (audit.VerifyAgainst); a changed
	// hash is not, and another supplier cannot check it.
	if len(receipts) != 5 {
		t.Fatalf("receipts = %d, want 5", len(receipts))
	}
	for _, rc := range receipts {
		var check struct {
			Valid bool `json:"valid"`
		}
		srv.DoWith(supplier, http.MethodGet, fmt.Sprintf("/api/v1/supplier/receipts/%d/verify?hash=%s", rc.Sequence, rc.Hash), nil).Want(http.StatusOK).Decode(&check)
		if !check.Valid {
			t.Errorf("receipt %+v does not verify", rc)
		}
		res, err := audit.VerifyAgainst(context.Background(), srv.DB.DB, audit.Head{Sequence: rc.Sequence, Hash: rc.Hash})
		testutil.Fatal(t, err, "verify against")
		if !res.Valid {
			t.Errorf("audit verify --head with receipt %+v: %+v", rc, res)
		}
	}
	forged := strings.Repeat("0", 64)
	var check struct {
		Valid bool `json:"valid"`
	}
	srv.DoWith(supplier, http.MethodGet, fmt.Sprintf("/api/v1/supplier/receipts/%d/verify?hash=%s", receipts[0].Sequence, forged), nil).Want(http.StatusOK).Decode(&check)
	if check.Valid {
		t.Error("a forged receipt verified")
	}
	srv.DoWith(outsider, http.MethodGet, fmt.Sprintf("/api/v1/supplier/receipts/%d/verify?hash=%s", receipts[0].Sequence, receipts[0].Hash), nil).Want(http.StatusNotFound)
	seen = apiRecord(srv.DoWith(supplier, http.MethodGet, caPath, nil).Want(http.StatusOK).JSON())
	if n := len(seen["receipts"].([]any)); n != 5 {
		t.Errorf("the supplier's request lists %d receipts, want 5", n)
	}

	// The buyer's list filters by stage, manufacturer and overdue.
	srv.Do(model.RoleManager, http.MethodGet, fmt.Sprintf("/api/v1/corrective-actions?manufacturer_id=%d&status=closed", m.ID), nil).Want(http.StatusOK).Decode(&list)
	if list.Total != 1 {
		t.Errorf("closed requests of %s = %d", m.Name, list.Total)
	}
}

// A stage the supplier leaves past its due date makes the request overdue
// in the buyer's list; the supplier answering it ends that.
func TestCorrectiveActionOverdue(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	b := testutil.NewBuilder(t, srv.Store)
	m := b.Manufacturer("Late Co")
	site := b.Site(m, "LATE-1")
	visit := b.Completed(site.ID, testutil.Today().AddDays(-3).String(), model.ResultConditional)
	fnd := b.Finding(visit.ID, model.SeverityMajor)
	ca := apiRecord(srv.Do(model.RoleManager, http.MethodPost, fmt.Sprintf("/api/v1/findings/%d/corrective-action", fnd.ID), map[string]any{}).Want(http.StatusCreated).JSON())
	overdue := func(h http.Header, path string) int {
		t.Helper()
		var list struct {
			Total int `json:"total"`
		}
		srv.DoWith(h, http.MethodGet, path, nil).Want(http.StatusOK).Decode(&list)
		return list.Total
	}
	manager := http.Header{}
	manager.Set("Authorization", "Bearer "+srv.Tokens[model.RoleManager])
	if n := overdue(manager, "/api/v1/corrective-actions?overdue=true"); n != 0 {
		t.Fatalf("overdue before the due date: %d", n)
	}
	srv.Clock.Advance(8 * 24 * 3600e9) // containment of a major finding is due in 7 days
	srv.Tokens[model.RoleManager] = srv.Login(srv.Users[model.RoleManager].Email, testutil.Password)
	manager.Set("Authorization", "Bearer "+srv.Tokens[model.RoleManager])
	_, supplier := srv.CreateSupplier("late@late.example", m.ID)
	if n := overdue(manager, "/api/v1/corrective-actions?overdue=true"); n != 1 {
		t.Errorf("overdue after the due date: %d, want 1", n)
	}
	if n := overdue(supplier, "/api/v1/supplier/corrective-actions?overdue=true"); n != 1 {
		t.Errorf("the supplier's overdue requests: %d, want 1", n)
	}
	var dash struct {
		Overdue int `json:"overdue_corrective_actions"`
	}
	srv.DoWith(manager, http.MethodGet, "/api/v1/dashboard", nil).Want(http.StatusOK).Decode(&dash)
	if dash.Overdue != 1 {
		t.Errorf("dashboard overdue_corrective_actions = %d, want 1", dash.Overdue)
	}
	// The findings report shows the request's stage and its overdue due date.
	rows := xlRows(t, xlOpen(t, srv.DoWith(manager, http.MethodGet, "/api/v1/reports/findings.xlsx", nil).Want(http.StatusOK)), "Findings")
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	if len(rows) != 2 || rows[1][col["Request stage"]] != "containment (D3)" || rows[1][col["Stage overdue"]] != "Yes" || rows[1][col["Request"]] != fmt.Sprint(ca.id()) {
		t.Errorf("findings report rows = %q", rows)
	}
	srv.DoWith(supplier, http.MethodPost, fmt.Sprintf("/api/v1/supplier/corrective-actions/%d/stages/d3/submit", ca.id()), map[string]any{"text": "Sorted"}).Want(http.StatusCreated)
	if n := overdue(manager, "/api/v1/corrective-actions?overdue=true"); n != 0 {
		t.Errorf("overdue after the supplier answered: %d (the root cause is due later)", n)
	}
	srv.DoWith(manager, http.MethodGet, "/api/v1/dashboard", nil).Want(http.StatusOK).Decode(&dash)
	if dash.Overdue != 0 {
		t.Errorf("dashboard overdue_corrective_actions after the answer = %d, want 0", dash.Overdue)
	}
}
