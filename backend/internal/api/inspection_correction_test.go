package api_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// A completed failed inspection cannot be turned into a pass by
// procurement: changing a completed inspection's result, status, site or
// performed date is a correction, which only a manager or an admin makes,
// with a reason, signed again when it stays completed, and audited as
// inspection.correct. Other fields stay editable as before.
func TestCorrectingACompletedInspection(t *testing.T) {
	f := newRecordsFixture(t)
	site, other := f.site(model.RiskMedium), f.site(model.RiskMedium)
	in := f.create("/api/v1/inspections", testutil.Signed(map[string]any{"site_id": site.ID, "type": "routine", "status": "completed",
		"performed_date": fromToday(-3), "result": "fail", "summary": "ESD controls missing on line 2"}, model.MeaningAuthored))
	path := fmt.Sprintf("/api/v1/inspections/%d", in.id())
	current := func() apiRecord {
		t.Helper()
		return apiRecord(f.srv.Do(model.RoleAuditor, http.MethodGet, path, nil).Want(http.StatusOK).JSON())
	}
	firstSig := current().obj("signature").num("id")

	// Procurement: every evidence field, with or without a reason, is 403
	// and changes nothing.
	for _, change := range []map[string]any{
		{"result": "pass"},
		{"result": "pass", "correction_reason": "Re-measured"},
		{"status": "planned", "result": nil, "scheduled_date": fromToday(7)},
		{"status": "cancelled"},
		{"site_id": other.ID},
		{"performed_date": fromToday(-1)},
	} {
		body := testutil.Signed(change, model.MeaningApproved)
		body["version"] = current().version()
		r := f.srv.Do(model.RoleProcurement, http.MethodPatch, path, body)
		if r.Status != http.StatusForbidden || r.ErrorCode() != "forbidden" {
			t.Errorf("procurement %v: %d %s", change, r.Status, r.Body)
		}
	}
	if got := current(); got.str("result") != "fail" || got.str("status") != "completed" || got.num("site_id") != site.ID {
		t.Fatalf("a refused correction changed the inspection: %v", got)
	}
	// What the rules do not read stays editable by procurement, unsigned.
	fixed := f.patch(path, map[string]any{"version": current().version(), "summary": "ESD controls missing on lines 2 and 3", "score": 41})
	if fixed.str("result") != "fail" || fixed.str("correction_reason") != "" {
		t.Errorf("a summary fix: %v", fixed)
	}

	// A manager: without a reason 422, without a signature 422.
	for name, tc := range map[string]struct {
		body  map[string]any
		field string
	}{
		"no reason":    {testutil.Signed(map[string]any{"result": "pass"}, model.MeaningApproved), "correction_reason"},
		"no signature": {map[string]any{"result": "pass", "correction_reason": "The lab re-measured"}, "signature"},
	} {
		tc.body["version"] = current().version()
		r := f.srv.Do(model.RoleManager, http.MethodPatch, path, tc.body)
		if r.Status != http.StatusUnprocessableEntity || r.ErrorFields()[tc.field] == "" {
			t.Errorf("%s: %d %s", name, r.Status, r.Body)
		}
	}
	// With both: corrected, re-signed by the manager, audited.
	reason := "The ESD readings were re-taken with a calibrated meter; line 2 passes."
	body := testutil.Signed(map[string]any{"version": current().version(), "result": "pass", "correction_reason": reason}, model.MeaningApproved)
	got := apiRecord(f.srv.Do(model.RoleManager, http.MethodPatch, path, body).Want(http.StatusOK).JSON())
	sig := got.obj("signature")
	if got.str("result") != "pass" || got.str("correction_reason") != reason || sig.num("id") == firstSig ||
		sig.num("signer_id") != f.user(model.RoleManager) || sig.str("meaning") != "approved" {
		t.Errorf("corrected: %v", got)
	}
	changes := f.auditChanges("inspection", in.id(), "inspection.correct")
	if old, new := f.change(changes, "result"); old != "fail" || new != "pass" {
		t.Errorf("audited result %v -> %v", old, new)
	}
	if _, r := f.change(changes, "correction_reason"); r != reason {
		t.Errorf("audited reason %v", r)
	}
	if _, s := f.change(changes, "signature"); s == nil {
		t.Error("the correction's audit event has no signature")
	}

	// A reason sent with no correction is refused; a later edit keeps the
	// reason of the last correction.
	r := f.srv.Do(model.RoleManager, http.MethodPatch, path, map[string]any{"version": current().version(), "summary": "x", "correction_reason": "why not"})
	if r.Status != http.StatusUnprocessableEntity || r.ErrorFields()["correction_reason"] == "" {
		t.Errorf("a reason without a correction: %d %s", r.Status, r.Body)
	}
	if kept := f.patch(path, map[string]any{"version": current().version(), "team": "A. Auditor"}); kept.str("correction_reason") != reason {
		t.Errorf("the last correction's reason was lost: %v", kept)
	}

	// An admin may reopen it (no signature: it is not completed then).
	reopened := apiRecord(f.srv.Do(model.RoleAdmin, http.MethodPatch, path, map[string]any{"version": current().version(),
		"status": "planned", "result": nil, "scheduled_date": fromToday(5), "performed_date": nil,
		"correction_reason": "Entered against the wrong visit; the visit is next week."}).Want(http.StatusOK).JSON())
	if reopened.str("status") != "planned" || reopened["signature"] != nil {
		t.Errorf("reopened: %v", reopened)
	}
	// Completing it again is an ordinary completion, for procurement too.
	done := f.patch(path, testutil.Signed(map[string]any{"version": reopened.version(), "status": "completed",
		"performed_date": fromToday(0), "result": "conditional"}, model.MeaningAuthored))
	if done.str("result") != "conditional" || done.obj("signature").num("signer_id") != f.user(model.RoleProcurement) {
		t.Errorf("completed again: %v", done)
	}
}
