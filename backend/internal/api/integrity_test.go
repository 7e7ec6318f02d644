package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

const (
	bmcHash    = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
	bmcHashNew = "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752"
	biosHash   = "fd61a03af4f77d870fc21e05e7e80678095c92d808cfb3b5c279ee04c74aca13"
	rogueHash  = "0000000000000000000000000000000000000000000000000000000000000bad"
)

// integrityWorld is a product with an approved BMC and BIOS release and a
// BOM revision, built at a site that keeps a sealed golden sample.
type integrityWorld struct {
	f                       *recordsFixture
	site                    model.Site
	product, siteProduct    apiRecord
	bmcRelease, biosRelease apiRecord
}

func newIntegrityWorld(t *testing.T) *integrityWorld {
	t.Helper()
	f := newRecordsFixture(t)
	w := &integrityWorld{f: f, site: f.site(model.RiskHigh)}
	w.product = f.create("/api/v1/products", map[string]any{"part_number": "MB-7000", "revision": "C", "name": "Server mainboard"})
	w.bmcRelease = w.release(model.RoleProcurement, map[string]any{"component": "bmc", "firmware_version": "2.14",
		"sha256": strings.ToUpper(bmcHash) + "  bmc-2.14.bin", "signer": "Firmware release board", "key_id": "fw-2026", "released_on": fromToday(-60)})
	w.biosRelease = w.release(model.RoleProcurement, map[string]any{"component": "bios", "firmware_version": "1.9", "sha256": biosHash, "released_on": fromToday(-60)})
	w.approve(w.bmcRelease.id())
	w.approve(w.biosRelease.id())
	f.create(fmt.Sprintf("/api/v1/products/%d/bom-revisions", w.product.id()), map[string]any{"bom_revision": "BOM-C", "avl_revision": "AVL-12", "effective_on": fromToday(-30)})
	w.siteProduct = f.create(fmt.Sprintf("/api/v1/sites/%d/products", w.site.ID), map[string]any{"product_id": w.product.id(),
		"processes": []string{"smt", "firmware_programming"}, "golden_serial": "GS-0001", "golden_seal_number": "SEAL-1001",
		"golden_custodian": "QA lead", "golden_location": "Cage 3", "golden_sealed_on": fromToday(-200)})
	return w
}

func (w *integrityWorld) release(role model.Role, body map[string]any) apiRecord {
	w.f.t.Helper()
	return apiRecord(w.f.srv.Do(role, http.MethodPost, fmt.Sprintf("/api/v1/products/%d/firmware-releases", w.product.id()), body).
		Want(http.StatusCreated).JSON())
}

func (w *integrityWorld) approve(id int64) apiRecord {
	w.f.t.Helper()
	return apiRecord(w.f.srv.Do(model.RoleManager, http.MethodPost, fmt.Sprintf("/api/v1/firmware-releases/%d/approve", id),
		testutil.Signed(map[string]any{}, model.MeaningApproved)).Want(http.StatusOK).JSON())
}

func (w *integrityWorld) planned() int64 {
	w.f.t.Helper()
	return w.f.create("/api/v1/inspections", map[string]any{"site_id": w.site.ID, "type": "routine", "scheduled_date": fromToday(0)}).id()
}

// advance moves the clock on and signs every role in again (their
// sessions end meanwhile).
func advance(srv *testutil.Server, d time.Duration) {
	srv.Clock.Advance(d)
	for role, u := range srv.Users {
		srv.Tokens[role] = srv.Login(u.Email, testutil.Password)
	}
}

type recorded struct {
	Observations []apiRecord `json:"observations"`
	Findings     []apiRecord `json:"findings"`
}

func (w *integrityWorld) observe(role model.Role, inspection int64, obs ...map[string]any) *testutil.Response {
	w.f.t.Helper()
	return w.f.srv.Do(role, http.MethodPost, fmt.Sprintf("/api/v1/inspections/%d/integrity-observations", inspection),
		map[string]any{"product_id": w.product.id(), "observations": obs})
}

func (w *integrityWorld) integrity() apiRecord {
	w.f.t.Helper()
	return apiRecord(w.f.srv.Do(model.RoleAuditor, http.MethodGet, fmt.Sprintf("/api/v1/sites/%d/integrity", w.site.ID), nil).Want(http.StatusOK).JSON())
}

// An inspector's observations are compared at once: what matches raises
// nothing, each mismatch raises a finding of its severity linked to the
// observation, and those findings block qualification.
func TestObservationsRaiseFindings(t *testing.T) {
	t.Parallel()
	w := newIntegrityWorld(t)
	srv := w.f.srv
	if w.bmcRelease.str("sha256") != bmcHash || w.bmcRelease.str("status") != "pending" {
		t.Fatalf("release as stored: %v", w.bmcRelease)
	}
	insp := w.planned()
	var got recorded
	w.observe(model.RoleProcurement, insp,
		map[string]any{"kind": "firmware", "component": "bmc", "sha256": "  " + strings.ToUpper(bmcHash) + " *bmc.bin\n"},
		map[string]any{"kind": "firmware", "component": "bios", "firmware_version": "1.9", "sha256": rogueHash},
		map[string]any{"kind": "golden_sample", "serial_number": "GS-0001", "seal_number": "SEAL-1001", "seal_state": "broken"},
		map[string]any{"kind": "bom", "revision": "bom-c"},
		map[string]any{"kind": "avl", "revision": "AVL-11"},
		map[string]any{"kind": "aoi", "aoi_result": "match"},
	).Want(http.StatusCreated).Decode(&got)
	if len(got.Observations) != 6 {
		t.Fatalf("%d observations, want 6", len(got.Observations))
	}
	wantMatch := []bool{true, false, false, true, false, true}
	for i, o := range got.Observations {
		if (o["matches"] == true) != wantMatch[i] {
			t.Errorf("observation %d (%s) matches = %v, want %v: %s", i, o.str("kind"), o["matches"], wantMatch[i], o.str("problem"))
		}
		if wantMatch[i] != (o["finding_id"] == nil) {
			t.Errorf("observation %d finding_id = %v", i, o["finding_id"])
		}
	}
	if got.Observations[0].str("sha256") != bmcHash || got.Observations[0].num("release_id") != w.bmcRelease.id() {
		t.Errorf("a pasted sha256sum line is stored as the hash and matched to its release: %v", got.Observations[0])
	}
	sev := map[string]string{}
	for _, f := range got.Findings {
		sev[f.str("requirement")] = f.str("severity")
		if f.num("inspection_id") != insp || f.str("status") != "open" || f.str("category") != "security" {
			t.Errorf("finding %v", f)
		}
	}
	want := map[string]string{"Hardware integrity: BIOS firmware": "critical", "Hardware integrity: golden sample seal": "critical", "Hardware integrity: AVL revision": "major"}
	if fmt.Sprint(sev) != fmt.Sprint(want) {
		t.Errorf("findings %v, want %v", sev, want)
	}
	if d := got.Findings[0].str("description"); !strings.Contains(d, "matches no current release (current: 1.9)") || !strings.Contains(d, "MB-7000 rev C") {
		t.Errorf("BIOS finding description %q", d)
	}
	finding := apiRecord(srv.Do(model.RoleAuditor, http.MethodGet, fmt.Sprintf("/api/v1/findings/%d", got.Observations[1].num("finding_id")), nil).Want(http.StatusOK).JSON())
	if finding.str("severity") != "critical" {
		t.Errorf("linked finding %v", finding)
	}

	// The open critical findings block qualification by the existing rules.
	srv.Do(model.RoleManager, http.MethodPatch, fmt.Sprintf("/api/v1/inspections/%d", insp), testutil.Signed(map[string]any{
		"version": 1, "status": "completed", "performed_date": fromToday(0), "result": "conditional", "score": 70}, model.MeaningAuthored)).Want(http.StatusOK)
	srv.Do(model.RoleManager, http.MethodPost, fmt.Sprintf("/api/v1/sites/%d/qualification", w.site.ID), testutil.Signed(map[string]any{
		"status": "suspended", "reason": "integrity"}, model.MeaningApproved)).Want(http.StatusCreated)
	r := srv.Do(model.RoleManager, http.MethodPost, fmt.Sprintf("/api/v1/sites/%d/qualification", w.site.ID), testutil.Signed(map[string]any{
		"status": "qualified", "reason": "try"}, model.MeaningApproved)).Want(http.StatusUnprocessableEntity)
	if r.ErrorFields()["findings"] == "" {
		t.Errorf("qualification refused without naming the findings: %s", r.Body)
	}

	// The inspection view lists what was recorded beside what to expect.
	view := apiRecord(srv.Do(model.RoleAuditor, http.MethodGet, fmt.Sprintf("/api/v1/inspections/%d/integrity", insp), nil).Want(http.StatusOK).JSON())
	products := view["products"].([]any)
	p := apiRecord(products[0].(map[string]any))
	if len(products) != 1 || p.str("golden_seal_number") != "SEAL-1001" || p.str("bom_revision") != "BOM-C" || len(p["observations"].([]any)) != 6 {
		t.Errorf("inspection integrity %v", view)
	}

	// Every observation is audited with its typed action.
	changes := w.f.auditChanges("integrity_observation", got.Observations[1].id(), "integrity_observation.create")
	if _, linked := w.f.change(changes, "finding_id"); linked == nil {
		t.Errorf("audit event lacks the finding: %v", changes)
	}
}

// Bad observations are 422 with the field named, and nothing is stored.
func TestObservationsValidation(t *testing.T) {
	t.Parallel()
	w := newIntegrityWorld(t)
	insp := w.planned()
	r := w.observe(model.RoleProcurement, insp,
		map[string]any{"kind": "firmware", "component": "bmc", "sha256": bmcHash},
		map[string]any{"kind": "firmware", "component": "bmc", "sha256": bmcHash[:60]},
	).Want(http.StatusUnprocessableEntity)
	if r.ErrorFields()["observations.1.sha256"] == "" {
		t.Errorf("fields %v", r.ErrorFields())
	}
	other := w.f.create("/api/v1/products", map[string]any{"part_number": "PSU-1", "name": "Power supply"})
	r = w.f.srv.Do(model.RoleProcurement, http.MethodPost, fmt.Sprintf("/api/v1/inspections/%d/integrity-observations", insp),
		map[string]any{"product_id": other.id(), "observations": []any{map[string]any{"kind": "aoi", "aoi_result": "match"}}}).Want(http.StatusUnprocessableEntity)
	if r.ErrorFields()["product_id"] == "" {
		t.Errorf("a product the site does not build: %v", r.ErrorFields())
	}
	w.observe(model.RoleProcurement, insp).Want(http.StatusUnprocessableEntity)
	w.observe(model.RoleAuditor, insp, map[string]any{"kind": "aoi", "aoi_result": "match"}).Want(http.StatusForbidden)
	w.f.srv.Do(model.RoleProcurement, http.MethodPost, fmt.Sprintf("/api/v1/inspections/%d/integrity-observations", insp), `{"product_id": "x"}`).Want(http.StatusBadRequest)
	view := apiRecord(w.f.srv.Do(model.RoleAuditor, http.MethodGet, fmt.Sprintf("/api/v1/inspections/%d/integrity", insp), nil).Want(http.StatusOK).JSON())
	if obs := apiRecord(view["products"].([]any)[0].(map[string]any))["observations"].([]any); len(obs) != 0 {
		t.Errorf("a refused request stored %d observations", len(obs))
	}
}

// Releases are recorded by procurement, approved by a manager's signature,
// never edited, and superseded: an image still in use after its successor
// is approved drifts as major.
func TestFirmwareReleasesAndDrift(t *testing.T) {
	t.Parallel()
	w := newIntegrityWorld(t)
	srv := w.f.srv
	if w.bmcRelease.id() == 0 {
		t.Fatal("no release")
	}
	approved := apiRecord(srv.Do(model.RoleAuditor, http.MethodGet, fmt.Sprintf("/api/v1/products/%d", w.product.id()), nil).Want(http.StatusOK).JSON())
	rel := apiRecord(approved["firmware_releases"].([]any)[0].(map[string]any))
	if rel.str("status") != "approved" || rel["current"] != true || rel.obj("signature").str("meaning") != "approved" || rel.obj("signature").str("action") != "firmware_release.approve" {
		t.Errorf("approved release %v", rel)
	}
	// Procurement records but may not approve; approving twice is a conflict;
	// an approval without a signature is refused.
	next := w.release(model.RoleProcurement, map[string]any{"component": "bmc", "firmware_version": "2.15", "sha256": bmcHashNew,
		"released_on": fromToday(-1), "supersedes_id": w.bmcRelease.id()})
	srv.Do(model.RoleProcurement, http.MethodPost, fmt.Sprintf("/api/v1/firmware-releases/%d/approve", next.id()),
		testutil.Signed(map[string]any{}, model.MeaningApproved)).Want(http.StatusForbidden)
	r := srv.Do(model.RoleManager, http.MethodPost, fmt.Sprintf("/api/v1/firmware-releases/%d/approve", next.id()), map[string]any{}).Want(http.StatusUnprocessableEntity)
	if r.ErrorFields()["signature"] == "" {
		t.Errorf("unsigned approval: %s", r.Body)
	}
	srv.Do(model.RoleManager, http.MethodPost, fmt.Sprintf("/api/v1/firmware-releases/%d/approve", w.bmcRelease.id()),
		testutil.Signed(map[string]any{}, model.MeaningApproved)).Want(http.StatusConflict)
	srv.Do(model.RoleProcurement, http.MethodPost, fmt.Sprintf("/api/v1/products/%d/firmware-releases", w.product.id()),
		map[string]any{"component": "bmc", "firmware_version": "x", "sha256": bmcHashNew, "released_on": fromToday(-1)}).Want(http.StatusConflict)
	bad := srv.Do(model.RoleProcurement, http.MethodPost, fmt.Sprintf("/api/v1/products/%d/firmware-releases", w.product.id()),
		map[string]any{"component": "gpu", "firmware_version": "1", "sha256": "xyz", "released_on": fromToday(3)}).Want(http.StatusUnprocessableEntity)
	for _, f := range []string{"component", "sha256", "released_on"} {
		if bad.ErrorFields()[f] == "" {
			t.Errorf("no problem on %s: %v", f, bad.ErrorFields())
		}
	}
	// The database refuses an edit of a released image.
	if err := srv.DB.Exec("UPDATE firmware_releases SET sha256 = ? WHERE id = ?", rogueHash, w.bmcRelease.id()).Error; err == nil {
		t.Error("a released image's hash was edited")
	}

	insp := w.planned()
	w.observe(model.RoleProcurement, insp,
		map[string]any{"kind": "firmware", "component": "bmc", "sha256": bmcHash},
		map[string]any{"kind": "firmware", "component": "bios", "sha256": biosHash},
		map[string]any{"kind": "golden_sample", "serial_number": "GS-0001", "seal_number": "SEAL-1001", "seal_state": "intact"},
		map[string]any{"kind": "bom", "revision": "BOM-C"}, map[string]any{"kind": "avl", "revision": "AVL-12"},
	).Want(http.StatusCreated)
	var drift struct {
		Items        []apiRecord `json:"items"`
		Total        int         `json:"total"`
		SiteProducts int         `json:"site_products"`
	}
	srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/integrity/drift", nil).Want(http.StatusOK).Decode(&drift)
	if drift.Total != 0 || drift.SiteProducts != 1 {
		t.Fatalf("everything as the baseline, drift = %+v", drift)
	}

	// 2.15 is approved: the 2.14 image seen at the visit is now superseded.
	w.approve(next.id())
	srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/integrity/drift", nil).Want(http.StatusOK).Decode(&drift)
	if drift.Total != 1 {
		t.Fatalf("drift = %+v, want the site's product", drift)
	}
	items := drift.Items[0]["items"].([]any)
	item := apiRecord(items[0].(map[string]any))
	if len(items) != 1 || item.str("kind") != "firmware" || item.str("component") != "bmc" || item.str("severity") != "major" ||
		!strings.Contains(item.str("problem"), "superseded by 2.15") || drift.Items[0].str("site_code") != w.site.Code {
		t.Errorf("drift item %v", drift.Items[0])
	}
	page := w.integrity()
	prod := apiRecord(page["products"].([]any)[0].(map[string]any))
	if len(prod["drift"].([]any)) != 1 || len(prod["history"].([]any)) != 5 || len(prod["expected_firmware"].([]any)) != 2 {
		t.Errorf("site integrity %v", prod)
	}

	// The drift workbook reads back with the row.
	f := xlOpen(t, srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/reports/integrity-drift.xlsx", nil).Want(http.StatusOK))
	rows := xlRows(t, f, "Drift")
	if len(rows) != 2 || rows[0][0] != "Site code" || rows[1][0] != w.site.Code || rows[1][7] != "BMC firmware" || rows[1][8] != "major" ||
		!strings.Contains(rows[1][9], "superseded by 2.15") {
		t.Errorf("drift workbook rows %q", rows)
	}

	// Observed too long ago: a year later (the high tier's interval is 12
	// months) every value is stale.
	advance(srv, 400*24*time.Hour)
	srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/integrity/drift", nil).Want(http.StatusOK).Decode(&drift)
	if drift.Total != 1 || len(drift.Items[0]["items"].([]any)) != 5 {
		t.Errorf("a year later, drift = %+v", drift.Items)
	}
}

// A seal number changed between two visits with no re-sealing recorded is
// critical; after a re-sealing recorded on the site's golden sample, the
// new seal matches.
func TestSealChangedBetweenVisits(t *testing.T) {
	t.Parallel()
	w := newIntegrityWorld(t)
	srv := w.f.srv
	first := w.planned()
	w.observe(model.RoleProcurement, first, map[string]any{"kind": "golden_sample", "serial_number": "GS-0001", "seal_number": "SEAL-1001", "seal_state": "intact"}).Want(http.StatusCreated)
	advance(srv, 90*24*time.Hour)
	// The baseline moves to the new seal, but its sealed date is not after
	// the first visit: the change is unexplained.
	sp := apiRecord(srv.Do(model.RoleProcurement, http.MethodPatch, fmt.Sprintf("/api/v1/site-products/%d", w.siteProduct.id()),
		map[string]any{"version": w.siteProduct.version(), "golden_seal_number": "SEAL-2002"}).Want(http.StatusOK).JSON())
	second := w.planned()
	var got recorded
	w.observe(model.RoleProcurement, second, map[string]any{"kind": "golden_sample", "serial_number": "GS-0001", "seal_number": "SEAL-2002", "seal_state": "intact"}).
		Want(http.StatusCreated).Decode(&got)
	if len(got.Findings) != 1 || !strings.Contains(got.Observations[0].str("problem"), "changed from SEAL-1001") || got.Findings[0].str("severity") != "critical" {
		t.Fatalf("seal changed between visits: %+v", got)
	}
	// Recording the re-sealing (after the first visit) explains the change.
	srv.Do(model.RoleProcurement, http.MethodPatch, fmt.Sprintf("/api/v1/site-products/%d", w.siteProduct.id()),
		map[string]any{"version": sp.version(), "golden_sealed_on": fromToday(80)}).Want(http.StatusOK)
	third := w.planned()
	w.observe(model.RoleProcurement, third, map[string]any{"kind": "golden_sample", "serial_number": "GS-0001", "seal_number": "SEAL-2002", "seal_state": "intact"}).
		Want(http.StatusCreated).Decode(&got)
	if len(got.Findings) != 0 || got.Observations[0]["matches"] != true {
		t.Errorf("after a recorded re-sealing: %+v", got.Observations)
	}
	// The dossier's integrity sheet holds every visit.
	f := xlOpen(t, srv.Do(model.RoleAuditor, http.MethodGet, fmt.Sprintf("/api/v1/sites/%d/dossier.xlsx", w.site.ID), nil).Want(http.StatusOK))
	rows := xlRows(t, f, "Integrity")
	if len(rows) != 4 || rows[1][4] != "Golden sample" || rows[2][6] != "No" || !strings.Contains(rows[2][8], "changed from SEAL-1001") {
		t.Errorf("dossier integrity sheet %q", rows)
	}
}

// The role matrix of the integrity records, beyond the generated one:
// procurement records baselines and observations, managers approve,
// auditors read, only admins delete.
func TestIntegrityRoles(t *testing.T) {
	t.Parallel()
	w := newIntegrityWorld(t)
	srv := w.f.srv
	insp := w.planned()
	var got recorded
	w.observe(model.RoleProcurement, insp, map[string]any{"kind": "aoi", "aoi_result": "mismatch"}).Want(http.StatusCreated).Decode(&got)
	if len(got.Findings) != 1 || got.Findings[0].str("severity") != "critical" {
		t.Fatalf("AOI mismatch: %+v", got)
	}
	obs := got.Observations[0].id()
	for _, role := range []model.Role{model.RoleManager, model.RoleProcurement, model.RoleAuditor} {
		srv.Do(role, http.MethodDelete, fmt.Sprintf("/api/v1/integrity-observations/%d", obs), nil).Want(http.StatusForbidden)
	}
	srv.Do(model.RoleAuditor, http.MethodPost, "/api/v1/products", map[string]any{"part_number": "X", "name": "X"}).Want(http.StatusForbidden)
	srv.Do(model.RoleAuditor, http.MethodPost, fmt.Sprintf("/api/v1/sites/%d/component-sources", w.site.ID), map[string]any{"name": "X", "source_type": "broker"}).Want(http.StatusForbidden)
	srv.Do(model.RoleAdmin, http.MethodDelete, fmt.Sprintf("/api/v1/integrity-observations/%d", obs), nil).Want(http.StatusNoContent)
	srv.Do(model.RoleAuditor, http.MethodGet, fmt.Sprintf("/api/v1/findings/%d", got.Findings[0].id()), nil).Want(http.StatusOK)
	w.f.auditChanges("integrity_observation", obs, "integrity_observation.delete")

	// Deleting what others refer to is refused; a pending release is not.
	srv.Do(model.RoleAdmin, http.MethodDelete, fmt.Sprintf("/api/v1/products/%d", w.product.id()), nil).Want(http.StatusConflict)
	srv.Do(model.RoleAdmin, http.MethodDelete, fmt.Sprintf("/api/v1/firmware-releases/%d", w.bmcRelease.id()), nil).Want(http.StatusConflict)
	pending := w.release(model.RoleManager, map[string]any{"component": "cpld", "firmware_version": "0.3", "sha256": rogueHash, "released_on": fromToday(-1)})
	srv.Do(model.RoleProcurement, http.MethodDelete, fmt.Sprintf("/api/v1/firmware-releases/%d", pending.id()), nil).Want(http.StatusForbidden)
	srv.Do(model.RoleAdmin, http.MethodDelete, fmt.Sprintf("/api/v1/firmware-releases/%d", pending.id()), nil).Want(http.StatusNoContent)
	w.f.auditChanges("firmware_release", pending.id(), "firmware_release.delete")
}

// An unauthorised source without an accepted justification is flagged on
// the site; a manager accepts a justification; an incident's blast radius
// finds every site and product that used its source, in the web view and
// the workbook.
func TestSourcesAndBlastRadius(t *testing.T) {
	t.Parallel()
	w := newIntegrityWorld(t)
	srv := w.f.srv
	src := w.f.create(fmt.Sprintf("/api/v1/sites/%d/component-sources", w.site.ID), map[string]any{
		"name": "Quick Parts Brokerage", "source_type": "broker", "component_families": []string{"DRAM", " flash  memory "}, "authorised": false})
	w.f.create(fmt.Sprintf("/api/v1/sites/%d/component-sources", w.site.ID), map[string]any{
		"name": "Arrow Electronics", "source_type": "authorised_distributor", "component_families": []string{"passives"}, "authorised": true,
		"certification_standard": "sae as6081", "certificate_number": "AS-1", "certificate_expires_on": fromToday(30)})
	page := w.integrity()
	if page.num("unjustified_sources") != 1 {
		t.Fatalf("unjustified sources = %v", page["unjustified_sources"])
	}
	sources := page["sources"].([]any)
	arrow := apiRecord(sources[0].(map[string]any))
	if arrow.str("certificate_status") != "expiring" || arrow.str("certification_standard") != "SAE AS6081" {
		t.Errorf("authorised source %v", arrow)
	}
	if fam := apiRecord(sources[1].(map[string]any))["component_families"]; fmt.Sprint(fam) != "[DRAM flash memory]" {
		t.Errorf("families %v", fam)
	}
	path := fmt.Sprintf("/api/v1/component-sources/%d/accept-justification", src.id())
	srv.Do(model.RoleProcurement, http.MethodPost, path, map[string]any{"version": src.version()}).Want(http.StatusForbidden)
	r := srv.Do(model.RoleManager, http.MethodPost, path, map[string]any{"version": src.version()}).Want(http.StatusUnprocessableEntity)
	if r.ErrorFields()["justification"] == "" {
		t.Errorf("accepting no justification: %s", r.Body)
	}
	src = w.f.patch(fmt.Sprintf("/api/v1/component-sources/%d", src.id()), map[string]any{"version": src.version(),
		"justification": "End-of-life DRAM; no franchised stock. Parts X-rayed and decapped on receipt."})
	accepted := apiRecord(srv.Do(model.RoleManager, http.MethodPost, path, map[string]any{"version": src.version()}).Want(http.StatusOK).JSON())
	if accepted["flagged"] != false || accepted.str("justification_accepted_by_name") == "" {
		t.Errorf("accepted %v", accepted)
	}
	if w.integrity().num("unjustified_sources") != 0 {
		t.Error("still flagged after acceptance")
	}

	inc := w.f.create("/api/v1/part-incidents", map[string]any{"part_number": "MT40A1G8", "component_family": "DRAM",
		"lot_codes": "L2231, L2232", "source_name": "QUICK PARTS brokerage.", "how_found": "X-ray at incoming inspection",
		"gidep_reference": "GIDEP-AB-26-01", "reported_on": fromToday(-2)})
	detail := apiRecord(srv.Do(model.RoleAuditor, http.MethodGet, fmt.Sprintf("/api/v1/part-incidents/%d", inc.id()), nil).Want(http.StatusOK).JSON())
	radius := detail["blast_radius"].([]any)
	if len(radius) != 1 {
		t.Fatalf("blast radius %v", radius)
	}
	hit := apiRecord(radius[0].(map[string]any))
	if hit.num("site_id") != w.site.ID || hit.str("part_number") != "MB-7000" || hit.str("reason") != "same_source" {
		t.Errorf("blast radius row %v", hit)
	}
	f := xlOpen(t, srv.Do(model.RoleAuditor, http.MethodGet, fmt.Sprintf("/api/v1/part-incidents/%d/blast-radius.xlsx", inc.id()), nil).Want(http.StatusOK))
	rows := xlRows(t, f, "Blast radius")
	if len(rows) != 2 || rows[1][0] != w.site.Code || rows[1][3] != "Quick Parts Brokerage" || rows[1][7] != "MB-7000" {
		t.Errorf("blast radius workbook %q", rows)
	}
	var list struct {
		Total int `json:"total"`
	}
	srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/part-incidents?status=open&q=quick", nil).Want(http.StatusOK).Decode(&list)
	if list.Total != 1 {
		t.Errorf("incidents list total %d", list.Total)
	}
	srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/part-incidents?status=lost", nil).Want(http.StatusUnprocessableEntity)
}

// A scoped auditor reads the integrity events of the sites in scope (their
// products at sites, observations and component sources) and the buyer's
// own records (products, releases, BOM/AVL revisions, incidents), never
// those of another manufacturer's site; an unscoped auditor reads both, so
// the check can fail.
func TestScopedAuditorReadsIntegrityEventsInScope(t *testing.T) {
	t.Parallel()
	w := newIntegrityWorld(t)
	srv := w.f.srv
	other := w.f.site(model.RiskHigh)
	outProduct := w.f.create(fmt.Sprintf("/api/v1/sites/%d/products", other.ID), map[string]any{"product_id": w.product.id()}).id()
	outInspection := w.f.create("/api/v1/inspections", map[string]any{"site_id": other.ID, "type": "routine", "scheduled_date": fromToday(0)}).id()
	var outObs recorded
	w.observe(model.RoleProcurement, outInspection, map[string]any{"kind": "aoi", "aoi_result": "match"}).Want(http.StatusCreated).Decode(&outObs)
	outSource := w.f.create(fmt.Sprintf("/api/v1/sites/%d/component-sources", other.ID), map[string]any{"name": "Outside Parts", "source_type": "broker"}).id()
	var inObs recorded
	w.observe(model.RoleProcurement, w.planned(), map[string]any{"kind": "aoi", "aoi_result": "match"}).Want(http.StatusCreated).Decode(&inObs)
	inSource := w.f.create(fmt.Sprintf("/api/v1/sites/%d/component-sources", w.site.ID), map[string]any{"name": "Inside Parts", "source_type": "broker"}).id()
	incident := w.f.create("/api/v1/part-incidents", map[string]any{"part_number": "MT40", "source_name": "Outside Parts", "reported_on": fromToday(0)}).id()

	_, scoped := scopedAuditor(t, srv, "integrity-scoped@example.com", w.site.ManufacturerID)
	open := http.Header{}
	open.Set("Authorization", "Bearer "+srv.Tokens[model.RoleAuditor])
	ids := func(h http.Header, entityType string) map[int64]bool {
		var page struct {
			Items []struct {
				EntityID int64 `json:"entity_id"`
			} `json:"items"`
		}
		srv.DoWith(h, http.MethodGet, "/api/v1/audit-events?page_size=200&entity_type="+entityType, nil).Want(http.StatusOK).Decode(&page)
		out := map[int64]bool{}
		for _, ev := range page.Items {
			out[ev.EntityID] = true
		}
		return out
	}
	for _, c := range []struct {
		entityType string
		in, out    int64 // out 0: the buyer's record, read by every reader
	}{
		{"site_product", w.siteProduct.id(), outProduct},
		{"integrity_observation", inObs.Observations[0].id(), outObs.Observations[0].id()},
		{"component_source", inSource, outSource},
		{"product", w.product.id(), 0},
		{"firmware_release", w.bmcRelease.id(), 0},
		{"part_incident", incident, 0},
	} {
		got := ids(scoped, c.entityType)
		if !got[c.in] {
			t.Errorf("%s: the scoped auditor does not read the events of %d: %v", c.entityType, c.in, got)
		}
		if c.out != 0 {
			if got[c.out] {
				t.Errorf("%s: the scoped auditor reads the events of %d, outside the scope", c.entityType, c.out)
			}
			if !ids(open, c.entityType)[c.out] {
				t.Errorf("%s: an unscoped auditor does not read the events of %d", c.entityType, c.out)
			}
		}
	}
}

// The drift report narrows by manufacturer, site, product and kind of
// drift, in the list and the workbook alike, and its unfiltered total is
// the dashboard's figure.
func TestDriftFilters(t *testing.T) {
	t.Parallel()
	w := newIntegrityWorld(t)
	srv := w.f.srv
	other := w.f.site(model.RiskHigh)
	w.f.create(fmt.Sprintf("/api/v1/sites/%d/products", other.ID), map[string]any{"product_id": w.product.id()})
	firmware := []map[string]any{{"kind": "firmware", "component": "bmc", "sha256": bmcHash}, {"kind": "firmware", "component": "bios", "sha256": biosHash}}
	// The first site's seal is broken; the second site builds to an old BOM.
	w.observe(model.RoleProcurement, w.planned(), append(firmware,
		map[string]any{"kind": "golden_sample", "serial_number": "GS-0001", "seal_number": "SEAL-1001", "seal_state": "broken"},
		map[string]any{"kind": "bom", "revision": "BOM-C"}, map[string]any{"kind": "avl", "revision": "AVL-12"})...).Want(http.StatusCreated)
	otherVisit := w.f.create("/api/v1/inspections", map[string]any{"site_id": other.ID, "type": "routine", "scheduled_date": fromToday(0)}).id()
	w.observe(model.RoleProcurement, otherVisit, append(firmware,
		map[string]any{"kind": "bom", "revision": "BOM-B"}, map[string]any{"kind": "avl", "revision": "AVL-12"})...).Want(http.StatusCreated)

	type driftPage struct {
		Items []struct {
			SiteID         int64       `json:"site_id"`
			ManufacturerID int64       `json:"manufacturer_id"`
			Items          []apiRecord `json:"items"`
		} `json:"items"`
		Total int `json:"total"`
	}
	for _, c := range []struct {
		query string
		sites []int64
		kinds string // the kinds of the rows' items, row after row
	}{
		{"", []int64{w.site.ID, other.ID}, "golden_sample|bom"},
		{fmt.Sprintf("manufacturer_id=%d", other.ManufacturerID), []int64{other.ID}, "bom"},
		{fmt.Sprintf("site_id=%d", w.site.ID), []int64{w.site.ID}, "golden_sample"},
		{fmt.Sprintf("product_id=%d", w.product.id()), []int64{w.site.ID, other.ID}, "golden_sample|bom"},
		{"product_id=999999", nil, ""},
		{"kind=bom", []int64{other.ID}, "bom"},
		{"kind=firmware,avl", nil, ""},
		{fmt.Sprintf("kind=golden_sample,bom&manufacturer_id=%d", w.site.ManufacturerID), []int64{w.site.ID}, "golden_sample"},
	} {
		var page driftPage
		srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/integrity/drift?"+c.query, nil).Want(http.StatusOK).Decode(&page)
		var sites []int64
		var kinds []string
		for _, r := range page.Items {
			sites = append(sites, r.SiteID)
			var k []string
			for _, it := range r.Items {
				k = append(k, it.str("kind"))
			}
			kinds = append(kinds, strings.Join(k, ","))
		}
		if fmt.Sprint(sites) != fmt.Sprint(c.sites) || strings.Join(kinds, "|") != c.kinds || page.Total != len(c.sites) {
			t.Errorf("?%s: sites %v kinds %q total %d, want %v %q", c.query, sites, kinds, page.Total, c.sites, c.kinds)
		}
	}
	for _, bad := range []string{"kind=seal", "manufacturer_id=x", "site_id=0"} {
		srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/integrity/drift?"+bad, nil).Want(http.StatusUnprocessableEntity)
		srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/reports/integrity-drift.xlsx?"+bad, nil).Want(http.StatusUnprocessableEntity)
	}

	f := xlOpen(t, srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/reports/integrity-drift.xlsx?kind=bom", nil).Want(http.StatusOK))
	rows := xlRows(t, f, "Drift")
	if len(rows) != 2 || rows[1][0] != other.Code || rows[1][7] != "BOM revision" {
		t.Errorf("drift workbook filtered by kind: %q", rows)
	}
	if report := strings.Join(flatten(xlRows(t, f, "Report")), "\n"); !strings.Contains(report, "bom") {
		t.Errorf("the Report sheet does not name the filter:\n%s", report)
	}
	var d struct {
		IntegrityDrift int `json:"integrity_drift"`
	}
	srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/dashboard", nil).Want(http.StatusOK).Decode(&d)
	if d.IntegrityDrift != 2 {
		t.Errorf("dashboard integrity_drift = %d, want 2", d.IntegrityDrift)
	}
}

// The BOM/AVL file is an attachment of its revision: procurement uploads
// it, every reader (a scoped auditor too) lists and downloads it, auditors
// may not upload, and a revision with a file is not deleted.
func TestBOMRevisionFile(t *testing.T) {
	t.Parallel()
	w := newIntegrityWorld(t)
	srv := w.f.srv
	rev := w.f.create(fmt.Sprintf("/api/v1/products/%d/bom-revisions", w.product.id()), map[string]any{"bom_revision": "BOM-D", "avl_revision": "AVL-13", "effective_on": fromToday(0)})
	path := fmt.Sprintf("/api/v1/bom-revisions/%d/attachments", rev.id())
	body := []byte("part,qty\nMT40A1G8,16\n")
	att := attDecode(attUpload(t, srv, model.RoleProcurement, path, "MB-7000-BOM-D.csv", body).Want(http.StatusCreated))
	attUpload(t, srv, model.RoleAuditor, path, "x.csv", body).Want(http.StatusForbidden)
	attUpload(t, srv, model.RoleProcurement, "/api/v1/bom-revisions/999999/attachments", "x.csv", body).Want(http.StatusNotFound)

	other := w.f.site(model.RiskLow)
	_, scoped := scopedAuditor(t, srv, "bom-scoped@example.com", other.ManufacturerID)
	var list struct {
		Items []apiRecord `json:"items"`
		Total int         `json:"total"`
	}
	srv.DoWith(scoped, http.MethodGet, path, nil).Want(http.StatusOK).Decode(&list)
	if list.Total != 1 || list.Items[0].str("file_name") != "MB-7000-BOM-D.csv" || list.Items[0].str("owner_type") != "bom_revision" {
		t.Errorf("the revision's files as a scoped auditor: %+v", list)
	}
	got := srv.DoWith(scoped, http.MethodGet, fmt.Sprintf("/api/v1/attachments/%d", att.ID), nil).Want(http.StatusOK)
	if string(got.Body) != string(body) {
		t.Errorf("downloaded %q", got.Body)
	}
	r := srv.Do(model.RoleAdmin, http.MethodDelete, fmt.Sprintf("/api/v1/bom-revisions/%d", rev.id()), nil).Want(http.StatusConflict)
	if !strings.Contains(string(r.Body), "delete them first") {
		t.Errorf("deleting a revision with a file: %s", r.Body)
	}
	srv.Do(model.RoleAdmin, http.MethodDelete, fmt.Sprintf("/api/v1/attachments/%d", att.ID), nil).Want(http.StatusNoContent)
	srv.Do(model.RoleAdmin, http.MethodDelete, fmt.Sprintf("/api/v1/bom-revisions/%d", rev.id()), nil).Want(http.StatusNoContent)
}
