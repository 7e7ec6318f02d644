package api_test

import (
	"net/http"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// The dashboard and the sites list are cached between writes: a write
// through the API shows on the very next read of either.
func TestCachesSeeWrites(t *testing.T) {
	srv := testutil.NewServer(t, nil)
	prospective := func() float64 {
		var d struct {
			SitesByStatus map[string]float64 `json:"sites_by_status"`
		}
		srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/dashboard", nil).Want(http.StatusOK).Decode(&d)
		return d.SitesByStatus["prospective"]
	}
	if n := prospective(); n != 0 {
		t.Fatalf("empty register shows %v prospective sites", n)
	}
	var m struct {
		ID int64 `json:"id"`
	}
	srv.Do(model.RoleProcurement, http.MethodPost, "/api/v1/manufacturers", map[string]any{"name": "Cache Works", "country": "DE"}).Want(http.StatusCreated).Decode(&m)
	for i, code := range []string{"CW-1", "CW-2"} {
		srv.Do(model.RoleProcurement, http.MethodPost, "/api/v1/sites", map[string]any{
			"manufacturer_id": m.ID, "code": code, "name": code, "country": "DE", "risk_tier": "low",
		}).Want(http.StatusCreated)
		if n := prospective(); n != float64(i+1) {
			t.Fatalf("after creating %d sites the dashboard shows %v prospective", i+1, n)
		}
		var list struct {
			Total int `json:"total"`
		}
		srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/sites?page_size=50", nil).Want(http.StatusOK).Decode(&list)
		if list.Total != i+1 {
			t.Fatalf("after creating %d sites the list shows %d", i+1, list.Total)
		}
	}
}

// Another instance's write shows on this instance's next read too: the
// caches are keyed by the audit chain's head, which every write moves.
func TestCachesSeeAnotherInstancesWrites(t *testing.T) {
	a := testutil.NewServer(t, nil)
	b := secondInstance(t, a)
	counts := func() (dashboard float64, list int) {
		var d struct {
			SitesByStatus map[string]float64 `json:"sites_by_status"`
		}
		b.Do(model.RoleAuditor, http.MethodGet, "/api/v1/dashboard", nil).Want(http.StatusOK).Decode(&d)
		var l struct {
			Total int `json:"total"`
		}
		b.Do(model.RoleAuditor, http.MethodGet, "/api/v1/sites?page_size=50", nil).Want(http.StatusOK).Decode(&l)
		return d.SitesByStatus["prospective"], l.Total
	}
	if d, l := counts(); d != 0 || l != 0 {
		t.Fatalf("empty register: dashboard %v, list %d", d, l)
	}
	var m struct {
		ID int64 `json:"id"`
	}
	a.Do(model.RoleProcurement, http.MethodPost, "/api/v1/manufacturers", map[string]any{"name": "Elsewhere", "country": "DE"}).Want(http.StatusCreated).Decode(&m)
	a.Do(model.RoleProcurement, http.MethodPost, "/api/v1/sites", map[string]any{
		"manufacturer_id": m.ID, "code": "EW-1", "name": "Elsewhere 1", "country": "DE", "risk_tier": "low",
	}).Want(http.StatusCreated)
	if d, l := counts(); d != 1 || l != 1 {
		t.Fatalf("after a write on the other instance: dashboard %v, list %d; want 1 and 1", d, l)
	}
}
