package api_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

func TestCreatingAnAuditorLimitsThemFromTheStart(t *testing.T) {
	t.Parallel()
	w := newSitesWorld(t)
	in, out := w.manufacturer("In Scope Boards"), w.manufacturer("Elsewhere Cables")
	w.site(in, "IN-1", nil)
	w.site(out, "OUT-1", nil)

	var created struct {
		ID                   int64   `json:"id"`
		ScopeManufacturerIDs []int64 `json:"scope_manufacturer_ids"`
	}
	w.srv.Do(model.RoleAdmin, http.MethodPost, "/api/v1/users", map[string]any{
		"email": "limited@example.com", "name": "Lim Ited", "role": "auditor", "password": testutil.Password,
		"scope_manufacturer_ids": []int64{in},
	}).Want(http.StatusCreated).Decode(&created)
	if len(created.ScopeManufacturerIDs) != 1 || created.ScopeManufacturerIDs[0] != in {
		t.Fatalf("scope in the answer = %v, want [%d]", created.ScopeManufacturerIDs, in)
	}
	// A password the admin set is replaced at the first sign-in.
	first := http.Header{"Authorization": {"Bearer " + w.srv.Login("limited@example.com", testutil.Password)}}
	w.srv.DoWith(first, http.MethodPost, "/api/v1/auth/password", map[string]string{"current_password": testutil.Password, "new_password": "sixty-one wombats dance"}).Want(http.StatusNoContent)
	token := w.srv.Login("limited@example.com", "sixty-one wombats dance")
	h := http.Header{"Authorization": {"Bearer " + token}}
	var sites struct {
		Items []struct {
			Code string `json:"code"`
		} `json:"items"`
	}
	w.srv.DoWith(h, http.MethodGet, "/api/v1/sites", nil).Want(http.StatusOK).Decode(&sites)
	if len(sites.Items) != 1 || sites.Items[0].Code != "IN-1" {
		t.Errorf("the new auditor's sites = %+v, want IN-1 only", sites.Items)
	}

	// A refused scope creates nobody.
	for name, body := range map[string]map[string]any{
		"not an auditor":       {"email": "m2@example.com", "name": "M Two", "role": "manager", "scope_manufacturer_ids": []int64{in}},
		"unknown manufacturer": {"email": "a2@example.com", "name": "A Two", "role": "auditor", "scope_manufacturer_ids": []int64{in, 999999}},
	} {
		r := w.srv.Do(model.RoleAdmin, http.MethodPost, "/api/v1/users", body).Want(http.StatusUnprocessableEntity)
		if r.ErrorFields()["scope_manufacturer_ids"] == "" {
			t.Errorf("%s: no scope_manufacturer_ids error: %s", name, r.Body)
		}
		var users struct {
			Total int64 `json:"total"`
		}
		w.srv.Do(model.RoleAdmin, http.MethodGet, fmt.Sprintf("/api/v1/users?q=%s", body["email"]), nil).Want(http.StatusOK).Decode(&users)
		if users.Total != 0 {
			t.Errorf("%s: the refused user was created", name)
		}
	}
}
