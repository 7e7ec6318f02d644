package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/auth"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// A supplier bound to one site of its manufacturer walks every route of
// the route table. Every route its role is not allowed answers 403 even
// with the ids of its own records, so a new role opened no existing route;
// every route it may read shows nothing of another manufacturer, of the
// sister site it is not limited to, or of the buyer's internal notes; an
// id outside is 404. The same walk as a supplier of the other manufacturer
// does see that manufacturer's records, so the check can fail.
func TestSupplierSeesNothingOutsideItsManufacturer(t *testing.T) {
	srv := testutil.NewServer(t, nil)
	in := newScopeWorld(t, srv, "INSIDE")
	out := newScopeWorld(t, srv, "OUTSIDE")
	sister := apiRecord(srv.Do(model.RoleManager, http.MethodPost, "/api/v1/sites", map[string]any{"manufacturer_id": in.manufacturer,
		"code": "SISTER-1", "name": "SISTER plant", "country": "CN", "risk_tier": "low"}).Want(http.StatusCreated).JSON())
	srv.Do(model.RoleManager, http.MethodPost, "/api/v1/certifications", map[string]any{"site_id": sister.id(), "standard": "ISO 14001:2015",
		"certificate_number": "SISTER-E1", "issuing_body": "TUV", "issued_on": fromToday(-100), "expires_on": fromToday(300)}).Want(http.StatusCreated)
	for _, w := range []scopeWorld{in, out} {
		site := apiRecord(srv.Do(model.RoleManager, http.MethodGet, fmt.Sprintf("/api/v1/sites/%d", w.site), nil).Want(http.StatusOK).JSON())
		srv.Do(model.RoleManager, http.MethodPatch, fmt.Sprintf("/api/v1/sites/%d", w.site), map[string]any{"version": site.version(),
			"notes": "INTERNALNOTE on " + w.marker, "contact_name": "Internal Contactname"}).Want(http.StatusOK)
		m := apiRecord(srv.Do(model.RoleManager, http.MethodGet, fmt.Sprintf("/api/v1/manufacturers/%d", w.manufacturer), nil).Want(http.StatusOK).JSON())
		srv.Do(model.RoleManager, http.MethodPatch, fmt.Sprintf("/api/v1/manufacturers/%d", w.manufacturer), map[string]any{"version": m.version(),
			"notes": "INTERNALNOTE on " + w.marker}).Want(http.StatusOK)
	}
	_, supplier := srv.CreateSupplier("lin@inside.example", in.manufacturer, in.site)
	_, outsider := srv.CreateSupplier("ana@outside.example", out.manufacturer)

	secret := []string{"OUTSIDE", "SISTER", "INTERNALNOTE", "Contactname"}
	walked, outsiderSaw := 0, 0
	for _, rt := range srv.API.Routes() {
		if rt.Permission == auth.Public || !rt.API {
			continue
		}
		t.Run(rt.Method+" "+rt.Path, func(t *testing.T) {
			inID, known := in.id(rt.Path)
			if !known {
				inID = 1
			}
			path := func(id int64) string { return "/api/v1" + pathParam.ReplaceAllString(rt.Path, fmt.Sprint(id)) }
			if !rt.Permission.Allows(model.RoleSupplier) {
				var body any
				if rt.Method != http.MethodGet && rt.Method != http.MethodDelete {
					body = map[string]any{}
				}
				if r := srv.DoWith(supplier, rt.Method, path(inID), body); r.Status != http.StatusForbidden {
					t.Errorf("a supplier may not %s, but got %d: %.300s", rt.Permission, r.Status, r.Body)
				}
				return
			}
			if rt.Method != http.MethodGet {
				return // the supplier's own account and answers: tested where they are written
			}
			if strings.HasPrefix(rt.Path, "/supplier/receipts/") {
				return // takes the receipt's hash; TestCorrectiveActionScenario checks it for another supplier
			}
			if strings.Contains(rt.Path, ":") && !known {
				t.Fatalf("the walk has no record for %s; add one to scopeWorld", rt.Path)
			}
			walked++
			if !strings.Contains(rt.Path, ":") {
				r := srv.DoWith(supplier, http.MethodGet, path(0), nil).Want(http.StatusOK)
				for _, s := range secret {
					if strings.Contains(string(r.Body), s) {
						t.Errorf("the supplier sees %q:\n%.600s", s, r.Body)
					}
				}
				if strings.Contains(string(srv.DoWith(outsider, http.MethodGet, path(0), nil).Want(http.StatusOK).Body), "OUTSIDE") {
					outsiderSaw++
				}
				return
			}
			r := srv.DoWith(supplier, http.MethodGet, path(inID), nil).Want(http.StatusOK)
			for _, s := range secret {
				if strings.Contains(string(r.Body), s) {
					t.Errorf("the supplier's own record shows %q:\n%.600s", s, r.Body)
				}
			}
			outID, _ := out.id(rt.Path)
			outside := []int64{outID}
			if strings.HasPrefix(rt.Path, "/supplier/sites/") {
				outside = append(outside, sister.id())
			}
			for _, id := range outside {
				if r := srv.DoWith(supplier, http.MethodGet, path(id), nil); r.Status != http.StatusNotFound {
					t.Errorf("record %d outside the supplier's sites: %d, want 404: %.300s", id, r.Status, r.Body)
				}
			}
		})
	}
	if walked < 3 {
		t.Errorf("the supplier walked only %d routes", walked)
	}
	if outsiderSaw == 0 {
		t.Error("the other manufacturer's supplier saw its own records on no route; the walk proves nothing")
	}

	// The portal's figures are the supplier's own site's.
	var home struct {
		Manufacturer struct {
			ID int64 `json:"id"`
		} `json:"manufacturer"`
		Sites []apiRecord `json:"sites"`
	}
	srv.DoWith(supplier, http.MethodGet, "/api/v1/supplier/manufacturer", nil).Want(http.StatusOK).Decode(&home)
	if home.Manufacturer.ID != in.manufacturer || len(home.Sites) != 1 || home.Sites[0].id() != in.site {
		t.Errorf("home = %+v, want the one site %d", home, in.site)
	}
	var certs struct {
		Items []apiRecord `json:"items"`
	}
	srv.DoWith(supplier, http.MethodGet, "/api/v1/supplier/certifications", nil).Want(http.StatusOK).Decode(&certs)
	if len(certs.Items) != 1 || certs.Items[0].id() != in.certification || certs.Items[0].str("status") != "expiring" {
		t.Errorf("certifications = %v, want only %d (expiring)", certs.Items, in.certification)
	}
	srv.DoWith(outsider, http.MethodGet, "/api/v1/supplier/certifications", nil).Want(http.StatusOK).Decode(&certs)
	if len(certs.Items) != 1 || certs.Items[0].id() != out.certification {
		t.Errorf("outsider's certifications = %v", certs.Items)
	}
	// A supplier bound to nothing (the test server's own) reads nothing.
	srv.Do(model.RoleSupplier, http.MethodGet, "/api/v1/supplier/manufacturer", nil).Want(http.StatusNotFound)
	srv.Do(model.RoleSupplier, http.MethodGet, "/api/v1/supplier/certifications", nil).Want(http.StatusOK).Decode(&certs)
	if len(certs.Items) != 0 {
		t.Errorf("an unbound supplier sees certificates: %v", certs.Items)
	}
}
