package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// TestSigningADecision: every qualification decision carries the decider's
// signature; a missing, wrong or mismatched one is refused with the field
// that is wrong, and nothing is recorded.
func TestSigningADecision(t *testing.T) {
	t.Parallel()
	f := newRecordsFixture(t)
	sig := func(password, meaning string) map[string]any {
		return map[string]any{"status": "suspended", "reason": "Customer complaint",
			"signature": map[string]any{"password": password, "meaning": meaning}}
	}
	tests := []struct {
		name   string
		body   map[string]any
		status int
		field  string
	}{
		{"no signature", map[string]any{"status": "suspended", "reason": "Customer complaint"}, 422, "signature"},
		{"no password", sig("", "approved"), 422, "signature.password"},
		{"wrong password", sig("not the password", "approved"), 422, "signature.password"},
		{"no meaning", sig(testutil.Password, ""), 422, "signature.meaning"},
		{"a meaning a decision cannot have", sig(testutil.Password, "verified"), 422, "signature.meaning"},
		{"an unknown meaning", sig(testutil.Password, "great"), 422, "signature.meaning"},
		{"signature of the wrong type", map[string]any{"status": "suspended", "reason": "x", "signature": "yes"}, 400, "signature"},
		{"unknown signature field", map[string]any{"status": "suspended", "reason": "x",
			"signature": map[string]any{"password": testutil.Password, "meaning": "approved", "signer_id": 1}}, 400, "signature"},
		{"signed", sig(testutil.Password, "reviewed"), 201, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			site := f.site(model.RiskMedium)
			path := fmt.Sprintf("/api/v1/sites/%d/qualification", site.ID)
			r := f.srv.Do(model.RoleManager, http.MethodPost, path, tc.body).Want(tc.status)
			if tc.field != "" {
				if _, ok := r.ErrorFields()[tc.field]; !ok {
					t.Errorf("error fields %v do not name %s", r.ErrorFields(), tc.field)
				}
				if got := f.readSite(site.ID); got.QualificationStatus != model.StatusQualified {
					t.Errorf("a refused signature changed the site to %s", got.QualificationStatus)
				}
				return
			}
			var out decisionJSON
			r.Decode(&out)
			s := out.Decision.Signature
			if s == nil || s.SignerEmail != "manager@example.com" || s.SignerName != "Test manager" || s.Meaning != "reviewed" ||
				s.EntityType != "qualification_decision" || s.EntityID != out.Decision.ID || s.SignedAt.IsZero() || s.TwoFactor {
				t.Fatalf("signature %+v of decision %d", s, out.Decision.ID)
			}
			want, err := qualification.ContentHash(qualification.DecisionContent{Kind: "qualification_decision", DecisionID: out.Decision.ID,
				SiteID: site.ID, SiteCode: site.Code, From: model.StatusQualified, To: model.StatusSuspended, Reason: "Customer complaint"})
			testutil.Fatal(t, err, "hash")
			if s.ContentHash != want {
				t.Errorf("content hash %s, want the hash of the decision's content %s", s.ContentHash, want)
			}
			// The audit event carries the signature; the history shows it.
			_, got := f.change(f.auditChanges("site", site.ID, "site.qualification"), "signature")
			if m, _ := got.(map[string]any); m["content_hash"] != want || m["meaning"] != "reviewed" || m["signer_email"] != "manager@example.com" {
				t.Errorf("audit event signature %v", got)
			}
			var hist struct {
				Items []struct {
					Signature *model.Signature `json:"signature"`
				} `json:"items"`
			}
			f.srv.Do(model.RoleAuditor, http.MethodGet, path, nil).Want(200).Decode(&hist)
			if len(hist.Items) != 1 || hist.Items[0].Signature == nil || hist.Items[0].Signature.ID != s.ID {
				t.Errorf("history %+v", hist.Items)
			}
		})
	}
}

// TestFailedSignaturesAreAuditedAndLimited: a wrong password counts like a
// failed sign-in and is recorded; enough of them lock signing for a while.
func TestFailedSignaturesAreAuditedAndLimited(t *testing.T) {
	t.Parallel()
	f := newRecordsFixture(t)
	site := f.site(model.RiskMedium)
	path := fmt.Sprintf("/api/v1/sites/%d/qualification", site.ID)
	body := map[string]any{"status": "suspended", "reason": "x", "signature": map[string]any{"password": "guess", "meaning": "approved"}}
	limited := false
	for range 60 {
		r := f.srv.Do(model.RoleManager, http.MethodPost, path, body)
		if r.Status == http.StatusTooManyRequests {
			limited = true
			break
		}
		r.Want(422)
	}
	if !limited {
		t.Fatal("60 wrong signature passwords were all checked")
	}
	var out struct{ Total int64 }
	f.srv.Do(model.RoleAdmin, http.MethodGet, fmt.Sprintf("/api/v1/audit-events?action=signature.failed&actor_id=%d", f.user(model.RoleManager)), nil).
		Want(200).Decode(&out)
	if out.Total == 0 {
		t.Error("failed signatures are not in the audit trail")
	}
	// Even the right password is refused while limited.
	f.srv.Do(model.RoleManager, http.MethodPost, path, testutil.Signed(map[string]any{"status": "suspended", "reason": "x"}, model.MeaningApproved)).
		Want(http.StatusTooManyRequests)
}

// TestSigningAFindingClosure: closing is signed; the signature shows on
// the finding while it is closed, a reopened and re-closed finding gets a
// new signature, and a signature sent with a change that closes nothing
// is refused rather than recorded.
func TestSigningAFindingClosure(t *testing.T) {
	t.Parallel()
	f := newRecordsFixture(t)
	insp, _ := f.completedInspection()
	fnd := f.create(insp, map[string]any{"severity": "minor", "category": "esd", "description": "Strap tester out of calibration"})
	path := fmt.Sprintf("/api/v1/findings/%d", fnd.id())

	f.srv.Do(model.RoleProcurement, http.MethodPatch, path, testutil.Signed(map[string]any{"version": 1, "owner": "QA"}, model.MeaningVerified)).
		Want(422)
	closeBody := map[string]any{"version": 1, "status": "closed", "verification_note": "Calibrated"}
	r := f.srv.Do(model.RoleProcurement, http.MethodPatch, path, closeBody).Want(422)
	if r.ErrorFields()["signature"] == "" {
		t.Errorf("unsigned closure: %s", r.Body)
	}
	closed := apiRecord(f.srv.Do(model.RoleManager, http.MethodPatch, path, testutil.Signed(closeBody, model.MeaningVerified)).Want(200).JSON())
	first := closed.obj("signature")
	if first.str("meaning") != "verified" || first.str("signer_email") != "manager@example.com" || first.str("entity_type") != "finding" || first.num("entity_id") != fnd.id() {
		t.Fatalf("signature %v", first)
	}
	row := model.Finding{Severity: model.SeverityMinor, Category: "esd", Description: "Strap tester out of calibration", Status: model.FindingClosed,
		VerificationNote: "Calibrated", DueDate: testutil.Date(t, closed.str("due_date"))}
	row.ID, row.InspectionID, row.SiteID = fnd.id(), closed.num("inspection_id"), closed.num("site_id")
	want, _ := qualification.ContentHash(qualification.FindingContentOf(row))
	if first.str("content_hash") != want {
		t.Errorf("content hash %s, want %s", first.str("content_hash"), want)
	}

	reopened := f.patch(path, map[string]any{"version": closed.version(), "status": "in_progress"})
	if reopened["signature"] != nil {
		t.Errorf("a reopened finding still shows the closing signature: %v", reopened["signature"])
	}
	again := apiRecord(f.srv.Do(model.RoleProcurement, http.MethodPatch, path, testutil.Signed(map[string]any{
		"version": reopened.version(), "status": "closed", "verification_note": "Calibrated again"}, model.MeaningReviewed)).Want(200).JSON())
	second := again.obj("signature")
	if second.num("id") == first.num("id") || second.str("signer_email") != "procurement@example.com" || second.str("content_hash") == first.str("content_hash") {
		t.Errorf("second closure's signature %v, first %v", second, first)
	}
	// The findings list shows the signature too.
	items, _ := f.list(fmt.Sprintf("/api/v1/findings?status=closed&inspection_id=%d", closed.num("inspection_id")))
	if len(items) != 1 || items[0].obj("signature").num("id") != second.num("id") {
		t.Errorf("list %v", items)
	}
}

// TestSigningAnInspectionWithTwoFactor: a signer who uses two-factor
// sign-in signs with a current code as well; the code cannot be used twice.
func TestSigningAnInspectionWithTwoFactor(t *testing.T) {
	t.Parallel()
	f := newRecordsFixture(t)
	site := f.site(model.RiskMedium)
	in := f.create("/api/v1/inspections", map[string]any{"site_id": site.ID, "type": "routine", "scheduled_date": fromToday(-1)})
	h := bearer(f.srv.Tokens[model.RoleProcurement])
	secret, _, token := enrol(t, f.srv, h)
	h = bearer(token)                     // confirming two-factor sign-in ends the other sessions
	f.srv.Clock.Advance(31 * time.Second) // the next step: the enrolment code is spent
	path := fmt.Sprintf("/api/v1/inspections/%d", in.id())
	complete := func(code string) map[string]any {
		return map[string]any{"version": in.version(), "status": "completed", "performed_date": fromToday(-1), "result": "pass",
			"signature": map[string]any{"password": testutil.Password, "code": code, "meaning": "authored"}}
	}
	if r := f.srv.DoWith(h, http.MethodPatch, path, complete("")).Want(422); r.ErrorFields()["signature.code"] == "" {
		t.Errorf("no code: %s", r.Body)
	}
	f.srv.DoWith(h, http.MethodPatch, path, complete("000000")).Want(422)
	code := totpNow(t, f.srv, secret)
	done := apiRecord(f.srv.DoWith(h, http.MethodPatch, path, complete(code)).Want(200).JSON())
	if s := done.obj("signature"); s.str("meaning") != "authored" || s["two_factor"] != true {
		t.Errorf("signature %v", s)
	}
	got := apiRecord(f.srv.Do(model.RoleAuditor, http.MethodGet, path, nil).Want(200).JSON())
	if got.obj("signature").num("id") != done.obj("signature").num("id") {
		t.Errorf("inspection page signature %v", got["signature"])
	}
	// The same code again, on another inspection: refused.
	other := apiRecord(f.srv.DoWith(h, http.MethodPost, "/api/v1/inspections", map[string]any{"site_id": site.ID, "type": "routine", "scheduled_date": fromToday(-1)}).Want(201).JSON())
	body := complete(code)
	body["version"] = other.version()
	f.srv.DoWith(h, http.MethodPatch, fmt.Sprintf("/api/v1/inspections/%d", other.id()), body).Want(422)
}

// TestSignaturesCannotBeMovedOrEdited: the database refuses to change or
// remove a signature, so one record's signature can never be made to
// stand for another.
func TestSignaturesCannotBeMovedOrEdited(t *testing.T) {
	t.Parallel()
	f := newRecordsFixture(t)
	a, b := f.site(model.RiskMedium), f.site(model.RiskMedium)
	for _, s := range []model.Site{a, b} {
		f.srv.Do(model.RoleManager, http.MethodPost, fmt.Sprintf("/api/v1/sites/%d/qualification", s.ID),
			testutil.Signed(map[string]any{"status": "suspended", "reason": "Customer complaint"}, model.MeaningApproved)).Want(201)
	}
	var sigs []model.Signature
	testutil.Fatal(t, f.srv.DB.DB.Order("id").Find(&sigs).Error, "signatures")
	if len(sigs) != 2 || sigs[0].ContentHash == sigs[1].ContentHash || sigs[0].EntityID == sigs[1].EntityID {
		t.Fatalf("signatures %+v", sigs)
	}
	db := f.srv.DB.DB
	for name, err := range map[string]error{
		"move":   db.Exec("UPDATE signatures SET entity_id = ? WHERE id = ?", sigs[1].EntityID, sigs[0].ID).Error,
		"rehash": db.Exec("UPDATE signatures SET content_hash = ? WHERE id = ?", sigs[1].ContentHash, sigs[0].ID).Error,
		"delete": db.Exec("DELETE FROM signatures WHERE id = ?", sigs[0].ID).Error,
	} {
		if err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s a signature: %v", name, err)
		}
	}
}

// TestSignaturesInWorkbooks: every workbook that shows a signed record
// shows its signature: signer, meaning, time and the signed content's hash.
func TestSignaturesInWorkbooks(t *testing.T) {
	t.Parallel()
	f := newRecordsFixture(t)
	site := f.site(model.RiskMedium)
	in := f.create("/api/v1/inspections", testutil.Signed(map[string]any{"site_id": site.ID, "type": "routine", "status": "completed",
		"performed_date": fromToday(-1), "result": "conditional"}, model.MeaningReviewed))
	fnd := f.create(fmt.Sprintf("/api/v1/inspections/%d/findings", in.id()), map[string]any{"severity": "minor", "category": "esd", "description": "Strap tester"})
	open := f.create(fmt.Sprintf("/api/v1/inspections/%d/findings", in.id()), map[string]any{"severity": "minor", "category": "esd", "description": "Still open"})
	closed := f.patch(fmt.Sprintf("/api/v1/findings/%d", fnd.id()), testutil.Signed(map[string]any{"version": 1, "status": "closed", "verification_note": "Calibrated"}, model.MeaningVerified))
	var dec decisionJSON
	f.srv.Do(model.RoleManager, http.MethodPost, fmt.Sprintf("/api/v1/sites/%d/qualification", site.ID),
		testutil.Signed(map[string]any{"status": "suspended", "reason": "Customer complaint"}, model.MeaningApproved)).Want(201).Decode(&dec)

	inspHash, findingHash, decHash := in.obj("signature").str("content_hash"), closed.obj("signature").str("content_hash"), dec.Decision.Signature.ContentHash
	check := func(book, sheet string, x *excelize.File, row int, hash, signer, meaning string) {
		t.Helper()
		if got := xlCell(t, x, sheet, "Signed content SHA-256", row); got != hash {
			t.Errorf("%s %s row %d: hash %q, want %q", book, sheet, row, got, hash)
		}
		if got := xlCell(t, x, sheet, "Signed by", row); !strings.Contains(got, signer) {
			t.Errorf("%s %s row %d: signed by %q", book, sheet, row, got)
		}
		if got := xlCell(t, x, sheet, "Signature meaning", row); got != meaning {
			t.Errorf("%s %s row %d: meaning %q", book, sheet, row, got)
		}
		if xlCell(t, x, sheet, "Signed at", row) == "" {
			t.Errorf("%s %s row %d: no signing time", book, sheet, row)
		}
	}
	id := func(n int64) string { return fmt.Sprint(n) }

	dossier := xlOpen(t, f.srv.Do(model.RoleAuditor, http.MethodGet, fmt.Sprintf("/api/v1/sites/%d/dossier.xlsx", site.ID), nil).Want(200))
	check("dossier", "Qualification history", dossier, 2, decHash, "manager@example.com", "Approved")
	check("dossier", "Inspections", dossier, xlRowOf(t, dossier, "Inspections", 0, id(in.id())), inspHash, "procurement@example.com", "Reviewed")
	check("dossier", "Findings", dossier, xlRowOf(t, dossier, "Findings", 0, id(fnd.id())), findingHash, "procurement@example.com", "Verified")
	if got := xlCell(t, dossier, "Findings", "Signed content SHA-256", xlRowOf(t, dossier, "Findings", 0, id(open.id()))); got != "" {
		t.Errorf("an open finding shows a signature %q", got)
	}

	findings := xlOpen(t, f.srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/reports/findings.xlsx", nil).Want(200))
	check("findings report", "Findings", findings, xlRowOf(t, findings, "Findings", 0, id(fnd.id())), findingHash, "procurement@example.com", "Verified")

	log := xlOpen(t, f.srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/reports/inspections.xlsx", nil).Want(200))
	check("inspection log", "Inspections", log, xlRowOf(t, log, "Inspections", 0, id(in.id())), inspHash, "procurement@example.com", "Reviewed")

	report := xlOpen(t, f.srv.Do(model.RoleAuditor, http.MethodGet, fmt.Sprintf("/api/v1/inspections/%d/report.xlsx", in.id()), nil).Want(200))
	check("inspection report", "Findings", report, xlRowOf(t, report, "Findings", 0, id(fnd.id())), findingHash, "procurement@example.com", "Verified")
	hashRow := xlRowOf(t, report, "Inspection", 0, "Signed content SHA-256")
	if got, _ := report.GetCellValue("Inspection", fmt.Sprintf("B%d", hashRow)); got != inspHash {
		t.Errorf("inspection report overview: hash %q, want %q", got, inspHash)
	}
}
