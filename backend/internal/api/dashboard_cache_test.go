package api_test

import (
	"net/http"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// The dashboard, the sites list and the findings list are cached between
// writes: a write through the API shows on the very next read of each.
func TestCachesSeeWrites(t *testing.T) {
	t.Parallel()
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

	var site, insp struct {
		ID int64 `json:"id"`
	}
	srv.Do(model.RoleProcurement, http.MethodPost, "/api/v1/sites", map[string]any{
		"manufacturer_id": m.ID, "code": "CW-3", "name": "CW-3", "country": "DE", "risk_tier": "low",
	}).Want(http.StatusCreated).Decode(&site)
	srv.Do(model.RoleProcurement, http.MethodPost, "/api/v1/inspections", map[string]any{
		"site_id": site.ID, "type": "routine", "status": "planned", "scheduled_date": srv.Clock.Now().AddDate(0, 0, 7).Format("2006-01-02"),
	}).Want(http.StatusCreated).Decode(&insp)
	overdue := func() (total int, status string) {
		var list struct {
			Total int `json:"total"`
			Items []struct {
				Status string `json:"status"`
			} `json:"items"`
		}
		srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/findings?overdue=true", nil).Want(http.StatusOK).Decode(&list)
		if len(list.Items) > 0 {
			status = list.Items[0].Status
		}
		return list.Total, status
	}
	if n, _ := overdue(); n != 0 {
		t.Fatalf("no finding yet, the overdue list shows %d", n)
	}
	var f struct {
		ID      int64 `json:"id"`
		Version int64 `json:"version"`
	}
	srv.Do(model.RoleProcurement, http.MethodPost, path("/api/v1/inspections/%d/findings", insp.ID), map[string]any{
		"severity": "minor", "category": "process", "description": "Late", "due_date": srv.Clock.Now().AddDate(0, 0, -1).Format("2006-01-02"),
	}).Want(http.StatusCreated).Decode(&f)
	if n, st := overdue(); n != 1 || st != "open" {
		t.Fatalf("after an overdue finding: %d, %q", n, st)
	}
	srv.Do(model.RoleProcurement, http.MethodPatch, path("/api/v1/findings/%d", f.ID), map[string]any{"version": f.Version, "status": "in_progress"}).Want(http.StatusOK)
	if n, st := overdue(); n != 1 || st != "in_progress" {
		t.Fatalf("after starting work on it: %d, %q", n, st)
	}
}

// Another instance's write shows on this instance's next read too: the
// caches are keyed by the audit chain's head, which every write moves.
func TestCachesSeeAnotherInstancesWrites(t *testing.T) {
	t.Parallel()
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
