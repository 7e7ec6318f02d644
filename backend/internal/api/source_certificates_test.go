package api_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// sourceCertificate reads the certification a component source holds.
func sourceCertificate(t *testing.T, f *recordsFixture, sourceID int64) (apiRecord, bool) {
	t.Helper()
	items, _ := f.list("/api/v1/certifications?page_size=200")
	for _, c := range items {
		if c.num("component_source_id") == sourceID {
			return c, true
		}
	}
	return nil, false
}

// A component source's counterfeit-avoidance certificate is a
// certification held by the source: listed with the site's own, marked
// with the source, counted on the dashboard with the list it opens, kept in
// step with the source and changed only through it.
func TestSourceCertificateIsListedAndFollowsTheSource(t *testing.T) {
	t.Parallel()
	w := newIntegrityWorld(t)
	f, srv := w.f, w.f.srv
	src := f.create(fmt.Sprintf("/api/v1/sites/%d/component-sources", w.site.ID), map[string]any{
		"name": "Arrow Electronics", "source_type": "authorised_distributor", "authorised": true,
		"certification_standard": "sae as6081", "certificate_number": "AS-1", "certificate_expires_on": fromToday(30)})
	cert, ok := sourceCertificate(t, f, src.id())
	if !ok {
		t.Fatal("the source's certificate is not in the certifications list")
	}
	if cert.str("component_source_name") != "Arrow Electronics" || cert.str("standard") != "SAE AS6081" || cert.str("certificate_number") != "AS-1" ||
		cert.str("expires_on") != fromToday(30) || cert.num("site_id") != w.site.ID || cert.str("status") != "expiring" {
		t.Errorf("source certificate %v", cert)
	}
	f.auditChanges("certification", cert.id(), "certification.create")

	// The dashboard's figure counts it, as does the list its card opens.
	var dash struct {
		Expiring  int64 `json:"certifications_expiring"`
		Attention struct {
			Expiring []struct {
				ID         int64  `json:"id"`
				SourceName string `json:"component_source_name"`
			} `json:"expiring_certifications"`
		} `json:"attention"`
	}
	srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/dashboard", nil).Want(http.StatusOK).Decode(&dash)
	ids, total := f.listIDs("/api/v1/certifications?status=expiring&active_sites=true")
	if dash.Expiring != 1 || total != 1 || ids[0] != cert.id() {
		t.Errorf("dashboard expiring %d, list %v (total %d), want the source's certificate %d", dash.Expiring, ids, total, cert.id())
	}
	if len(dash.Attention.Expiring) != 1 || dash.Attention.Expiring[0].ID != cert.id() || dash.Attention.Expiring[0].SourceName != "Arrow Electronics" {
		t.Errorf("dashboard list %+v", dash.Attention.Expiring)
	}

	// It is changed and removed with the source only.
	path := fmt.Sprintf("/api/v1/certifications/%d", cert.id())
	r := srv.Do(model.RoleProcurement, http.MethodPatch, path, map[string]any{"version": cert.version(), "expires_on": fromToday(400)}).Want(http.StatusConflict)
	if r.ErrorCode() != "conflict" || r.ErrorFields()["component_source_id"] == "" {
		t.Errorf("editing the source's certificate directly: %s", r.Body)
	}
	srv.Do(model.RoleAdmin, http.MethodDelete, path, nil).Want(http.StatusConflict)
	src = f.patch(fmt.Sprintf("/api/v1/component-sources/%d", src.id()), map[string]any{"version": src.version(),
		"certificate_number": "AS-2", "certificate_expires_on": fromToday(700)})
	cert, _ = sourceCertificate(t, f, src.id())
	if cert.str("certificate_number") != "AS-2" || cert.str("expires_on") != fromToday(700) || cert.str("status") != "valid" {
		t.Errorf("renewed source certificate %v", cert)
	}
	if _, n := f.list("/api/v1/certifications?status=expiring&active_sites=true"); n != 0 {
		t.Errorf("%d expiring after the renewal", n)
	}
	f.auditChanges("certification", cert.id(), "certification.update")

	// A standard is needed with an expiry (it names the certification).
	r = srv.Do(model.RoleProcurement, http.MethodPatch, fmt.Sprintf("/api/v1/component-sources/%d", src.id()), map[string]any{"version": src.version(),
		"certification_standard": " "}).Want(http.StatusUnprocessableEntity)
	if r.ErrorFields()["certification_standard"] == "" {
		t.Errorf("a certificate without a standard: %s", r.Body)
	}
	// Cleared on the source, it is gone from the list; so when the source is deleted.
	src = f.patch(fmt.Sprintf("/api/v1/component-sources/%d", src.id()), map[string]any{"version": src.version(),
		"certification_standard": "", "certificate_number": "", "certificate_expires_on": nil})
	if _, ok := sourceCertificate(t, f, src.id()); ok {
		t.Error("the certificate cleared on the source is still listed")
	}
	f.auditChanges("certification", cert.id(), "certification.delete")
	src = f.patch(fmt.Sprintf("/api/v1/component-sources/%d", src.id()), map[string]any{"version": src.version(),
		"certification_standard": "SAE AS6081", "certificate_expires_on": fromToday(90)})
	again, ok := sourceCertificate(t, f, src.id())
	if !ok {
		t.Fatal("no certificate after recording one again")
	}
	srv.Do(model.RoleAdmin, http.MethodDelete, fmt.Sprintf("/api/v1/component-sources/%d", src.id()), nil).Want(http.StatusNoContent)
	srv.Do(model.RoleAuditor, http.MethodGet, fmt.Sprintf("/api/v1/certifications/%d", again.id()), nil).Want(http.StatusNotFound)
}

// A source's certificate never qualifies the site: the rule asking for a
// valid certification stays unmet until the site holds one of its own.
func TestSourceCertificateDoesNotQualifyTheSite(t *testing.T) {
	t.Parallel()
	w := newIntegrityWorld(t)
	f, srv := w.f, w.f.srv
	testutil.Fatal(t, srv.DB.Model(&model.Site{}).Where("id = ?", w.site.ID).Update("qualification_status", model.StatusInQualification).Error, "status")
	f.create(fmt.Sprintf("/api/v1/sites/%d/component-sources", w.site.ID), map[string]any{
		"name": "Arrow Electronics", "source_type": "authorised_distributor", "authorised": true,
		"certification_standard": "SAE AS6081", "certificate_number": "AS-1", "certificate_expires_on": fromToday(300)})
	certificationRule := func() string {
		t.Helper()
		var o struct {
			Allowed []struct {
				Status string `json:"status"`
				Unmet  []struct {
					Rule    string `json:"rule"`
					Message string `json:"message"`
				} `json:"unmet"`
			} `json:"allowed"`
		}
		srv.Do(model.RoleManager, http.MethodGet, fmt.Sprintf("/api/v1/sites/%d/qualification/options", w.site.ID), nil).Want(http.StatusOK).Decode(&o)
		for _, a := range o.Allowed {
			if a.Status != "qualified" {
				continue
			}
			for _, u := range a.Unmet {
				if u.Rule == "certification" {
					return u.Message
				}
			}
			return ""
		}
		t.Fatalf("qualified is not among the options: %+v", o.Allowed)
		return ""
	}
	if msg := certificationRule(); msg == "" {
		t.Error("the source's AS6081 certificate met the site's certification rule")
	}
	// The site's page counts its own certificates only.
	site := apiRecord(srv.Do(model.RoleAuditor, http.MethodGet, fmt.Sprintf("/api/v1/sites/%d", w.site.ID), nil).Want(http.StatusOK).JSON())
	if sum := site.obj("certification_summary"); sum.num("valid")+sum.num("expiring") != 0 {
		t.Errorf("site certification summary counts the source's certificate: %v", sum)
	}
	f.create("/api/v1/certifications", map[string]any{"site_id": w.site.ID, "standard": "ISO 9001:2015", "expires_on": fromToday(300)})
	if msg := certificationRule(); msg != "" {
		t.Errorf("with a certificate of its own the rule is still unmet: %s", msg)
	}
}

// The source's certificate is the site's record as far as scope goes: a
// scoped auditor of another manufacturer neither lists nor reads it, and
// the supplier's portal shows the supplier's own certificates only.
func TestSourceCertificateScope(t *testing.T) {
	t.Parallel()
	w := newIntegrityWorld(t)
	f, srv := w.f, w.f.srv
	src := f.create(fmt.Sprintf("/api/v1/sites/%d/component-sources", w.site.ID), map[string]any{
		"name": "Arrow Electronics", "source_type": "authorised_distributor", "authorised": true,
		"certification_standard": "SAE AS6081", "certificate_number": "AS-1", "certificate_expires_on": fromToday(30)})
	cert, _ := sourceCertificate(t, f, src.id())
	other := f.site(model.RiskLow)
	_, outsider := scopedAuditor(t, srv, "source-cert-outsider@example.com", other.ManufacturerID)
	_, insider := scopedAuditor(t, srv, "source-cert-insider@example.com", w.site.ManufacturerID)
	var list struct {
		Total int         `json:"total"`
		Items []apiRecord `json:"items"`
	}
	srv.DoWith(outsider, http.MethodGet, "/api/v1/certifications", nil).Want(http.StatusOK).Decode(&list)
	if list.Total != 0 {
		t.Errorf("an auditor of another manufacturer lists %v", list.Items)
	}
	srv.DoWith(outsider, http.MethodGet, fmt.Sprintf("/api/v1/certifications/%d", cert.id()), nil).Want(http.StatusNotFound)
	srv.DoWith(insider, http.MethodGet, "/api/v1/certifications", nil).Want(http.StatusOK).Decode(&list)
	if list.Total != 1 || list.Items[0].id() != cert.id() {
		t.Errorf("an auditor of the site's manufacturer lists %v", list.Items)
	}
	_, supplier := srv.CreateSupplier("source-cert-supplier@example.com", w.site.ManufacturerID)
	var portal struct {
		Items []apiRecord `json:"items"`
	}
	srv.DoWith(supplier, http.MethodGet, "/api/v1/supplier/certifications", nil).Want(http.StatusOK).Decode(&portal)
	if len(portal.Items) != 0 {
		t.Errorf("the supplier's portal lists its component source's certificate: %v", portal.Items)
	}
}
