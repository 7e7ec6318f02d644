package api_test

import (
	"bytes"
	"fmt"
	"net/http"
	"sync"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// keyedObservations sends a batch of observations under an idempotency key.
func (w *integrityWorld) keyedObservations(h http.Header, key string, inspection int64, obs ...map[string]any) *testutil.Response {
	w.f.t.Helper()
	sent := h.Clone()
	sent.Set("Idempotency-Key", key)
	return w.f.srv.DoWith(sent, http.MethodPost, fmt.Sprintf("/api/v1/inspections/%d/integrity-observations", inspection),
		map[string]any{"product_id": w.product.id(), "observations": obs})
}

// recordedCounts counts the observations and findings of an inspection.
func recordedCounts(t *testing.T, srv *testutil.Server, inspection int64) (observations, findings int64) {
	t.Helper()
	testutil.Fatal(t, srv.DB.Model(&model.IntegrityObservation{}).Where("inspection_id = ?", inspection).Count(&observations).Error, "count observations")
	testutil.Fatal(t, srv.DB.Model(&model.Finding{}).Where("inspection_id = ?", inspection).Count(&findings).Error, "count findings")
	return observations, findings
}

var (
	brokenSeal = map[string]any{"kind": "golden_sample", "serial_number": "GS-0001", "seal_number": "SEAL-1001", "seal_state": "broken"}
	aoiMatch   = map[string]any{"kind": "aoi", "aoi_result": "match"}
)

// A batch sent again under its key (the tablet never heard the answer)
// records nothing more and answers what the first one did; the same key
// with another batch is refused; another user's key is that user's own.
func TestObservationBatchSentAgainIsRecordedOnce(t *testing.T) {
	t.Parallel()
	w := newIntegrityWorld(t)
	srv := w.f.srv
	insp := w.planned()
	procurement := bearer(srv.Tokens[model.RoleProcurement])
	const key = "0b6f4f0e-5d1c-4f7e-9a57-1c2f1f6e2a10"

	first := w.keyedObservations(procurement, key, insp, brokenSeal, aoiMatch).Want(http.StatusCreated)
	if first.Header.Get("Idempotency-Replayed") != "" {
		t.Error("the first answer says it is replayed")
	}
	again := w.keyedObservations(procurement, key, insp, brokenSeal, aoiMatch).Want(http.StatusCreated)
	if !bytes.Equal(again.Body, first.Body) || again.Header.Get("Idempotency-Replayed") != "true" {
		t.Errorf("sent again: %s (replayed %q), first %s", again.Body, again.Header.Get("Idempotency-Replayed"), first.Body)
	}
	if obs, findings := recordedCounts(t, srv, insp); obs != 2 || findings != 1 {
		t.Errorf("%d observations and %d findings after sending twice, want 2 and 1", obs, findings)
	}

	// The same key with another batch, or for another inspection, is refused.
	r := w.keyedObservations(procurement, key, insp, brokenSeal).Want(http.StatusConflict)
	if r.ErrorCode() != "conflict" || r.ErrorFields()["Idempotency-Key"] == "" {
		t.Errorf("another batch under the key: %s", r.Body)
	}
	other := w.planned()
	w.keyedObservations(procurement, key, other, brokenSeal, aoiMatch).Want(http.StatusConflict)

	// Another user's key is that user's own: the manager's batch is recorded.
	w.keyedObservations(bearer(srv.Tokens[model.RoleManager]), key, insp, brokenSeal, aoiMatch).Want(http.StatusCreated)
	if obs, findings := recordedCounts(t, srv, insp); obs != 4 || findings != 2 {
		t.Errorf("%d observations and %d findings after another user's batch, want 4 and 2", obs, findings)
	}

	// A refused batch keeps nothing: sent again corrected under its key, it is judged anew.
	bad := map[string]any{"kind": "firmware", "component": "bmc", "sha256": "not a hash"}
	w.keyedObservations(procurement, "refused-once", insp, bad).Want(http.StatusUnprocessableEntity)
	w.keyedObservations(procurement, "refused-once", insp, bad).Want(http.StatusUnprocessableEntity)
	w.keyedObservations(procurement, "refused-once", insp, aoiMatch).Want(http.StatusCreated)

	// A key that is not 1 to 100 visible ASCII characters is refused on the header.
	for _, k := range []string{"with space", string(make([]byte, 101)), "clé"} {
		r := w.keyedObservations(procurement, k, insp, aoiMatch).Want(http.StatusUnprocessableEntity)
		if r.ErrorFields()["Idempotency-Key"] == "" {
			t.Errorf("key %q: %s", k, r.Body)
		}
	}
}

// Batches sent at the same time under one key record once, and every one
// of them answers what was recorded.
func TestObservationBatchesSentTogetherUnderOneKeyRecordOnce(t *testing.T) {
	t.Parallel()
	w := newIntegrityWorld(t)
	srv := w.f.srv
	insp := w.planned()
	procurement := bearer(srv.Tokens[model.RoleProcurement])
	const n = 6
	answers := make([]*testutil.Response, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			answers[i] = w.keyedObservations(procurement, "one-key-for-all", insp, brokenSeal, aoiMatch)
		}()
	}
	wg.Wait()
	replayed := 0
	for i, a := range answers {
		if a.Status != http.StatusCreated || !bytes.Equal(a.Body, answers[0].Body) {
			t.Errorf("answer %d: %d %s, want 201 %s", i, a.Status, a.Body, answers[0].Body)
		}
		if a.Header.Get("Idempotency-Replayed") == "true" {
			replayed++
		}
	}
	if replayed != n-1 {
		t.Errorf("%d answers replayed, want %d", replayed, n-1)
	}
	if obs, findings := recordedCounts(t, srv, insp); obs != 2 || findings != 1 {
		t.Errorf("%d observations and %d findings, want 2 and 1", obs, findings)
	}
}
