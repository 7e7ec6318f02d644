package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

type manufacturerJSON struct {
	ID         int64   `json:"id"`
	Name       string  `json:"name"`
	LegalName  string  `json:"legal_name"`
	Country    string  `json:"country"`
	Website    string  `json:"website"`
	SiteCount  int64   `json:"site_count"`
	Archived   bool    `json:"archived"`
	ArchivedAt *string `json:"archived_at"`
	Version    int64   `json:"version"`
}

func TestManufacturerCreateValidation(t *testing.T) {
	t.Parallel()
	w := newSitesWorld(t)
	w.manufacturer("Acme Electronics")
	long := strings.Repeat("x", 201)
	tests := []struct {
		name   string
		role   model.Role
		body   any
		status int
		field  string // a field the error must name
	}{
		{"missing name", model.RoleManager, map[string]any{"country": "DE"}, 422, "name"},
		{"blank name", model.RoleManager, map[string]any{"name": "   "}, 422, "name"},
		{"name too long", model.RoleManager, map[string]any{"name": long}, 422, "name"},
		{"unknown country", model.RoleManager, map[string]any{"name": "X", "country": "XX"}, 422, "country"},
		{"website without scheme", model.RoleManager, map[string]any{"name": "X", "website": "acme.example"}, 422, "website"},
		{"website ftp", model.RoleManager, map[string]any{"name": "X", "website": "ftp://acme.example"}, 422, "website"},
		{"duplicate name in other case", model.RoleProcurement, map[string]any{"name": "ACME electronics"}, 409, "name"},
		{"unknown field", model.RoleManager, map[string]any{"name": "X", "colour": "red"}, 400, "colour"},
		{"wrong type", model.RoleManager, map[string]any{"name": 12}, 400, "name"},
		{"malformed JSON", model.RoleManager, `{"name": `, 400, ""},
		{"auditor may not create", model.RoleAuditor, map[string]any{"name": "Y"}, 403, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := w.srv.Do(tc.role, http.MethodPost, "/api/v1/manufacturers", tc.body).Want(tc.status)
			if tc.field != "" {
				if _, ok := r.ErrorFields()[tc.field]; !ok {
					t.Errorf("error fields %v do not name %q", r.ErrorFields(), tc.field)
				}
			}
		})
	}

	var m manufacturerJSON
	w.srv.Do(model.RoleManager, http.MethodPost, "/api/v1/manufacturers",
		map[string]any{"name": "  Foxlink   Group ", "country": "tw", "website": "https://foxlink.example", "legal_name": "Foxlink Ltd."}).
		Want(http.StatusCreated).Decode(&m)
	if m.Name != "Foxlink Group" || m.Country != "TW" || m.Version != 1 || m.SiteCount != 0 || m.Archived {
		t.Errorf("created %+v", m)
	}
	// The country is optional for a manufacturer.
	w.srv.Do(model.RoleManager, http.MethodPost, "/api/v1/manufacturers", map[string]any{"name": "Nowhere Inc"}).Want(http.StatusCreated)
}

func TestManufacturerListFiltersSortsAndCounts(t *testing.T) {
	t.Parallel()
	w := newSitesWorld(t)
	ids := map[string]int64{}
	for _, m := range []struct{ name, legal, country string }{
		{"Bravo Boards", "Bravo Boards GmbH", "DE"},
		{"alpha Assembly", "Alpha Holdings Ltd", "CN"},
		{"Charlie Cables", "", "CN"},
		{"Delta 100% Test", "", "US"},
	} {
		var out manufacturerJSON
		w.srv.Do(model.RoleManager, http.MethodPost, "/api/v1/manufacturers", map[string]any{"name": m.name, "legal_name": m.legal, "country": m.country}).
			Want(http.StatusCreated).Decode(&out)
		ids[m.name] = out.ID
	}
	w.site(ids["Charlie Cables"], "CC-1", nil)
	w.site(ids["Charlie Cables"], "CC-2", nil)
	w.site(ids["alpha Assembly"], "AA-1", nil)

	type list struct {
		Items []manufacturerJSON `json:"items"`
		Total int64              `json:"total"`
	}
	names := func(query string) []string {
		t.Helper()
		var l list
		w.srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/manufacturers"+query, nil).Want(http.StatusOK).Decode(&l)
		out := make([]string, len(l.Items))
		for i, m := range l.Items {
			out[i] = fmt.Sprintf("%s:%d", m.Name, m.SiteCount)
		}
		return out
	}
	tests := []struct {
		query string
		want  string
	}{
		{"", "alpha Assembly:1 Bravo Boards:0 Charlie Cables:2 Delta 100% Test:0"},
		{"?sort=-name", "Delta 100% Test:0 Charlie Cables:2 Bravo Boards:0 alpha Assembly:1"},
		{"?country=cn", "alpha Assembly:1 Charlie Cables:2"},
		{"?q=holdings", "alpha Assembly:1"},
		{"?q=100%25", "Delta 100% Test:0"},
		{"?q=%25", "Delta 100% Test:0"},
		{"?q=_", ""},
		{"?sort=country&page_size=2", "alpha Assembly:1 Charlie Cables:2"},
		{"?sort=country&page_size=2&page=2", "Bravo Boards:0 Delta 100% Test:0"},
	}
	for _, tc := range tests {
		if got := strings.Join(names(tc.query), " "); got != tc.want {
			t.Errorf("GET /manufacturers%s = %q, want %q", tc.query, got, tc.want)
		}
	}
	for _, q := range []string{"?sort=site_count", "?country=XX", "?archived=maybe", "?page_size=500"} {
		w.srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/manufacturers"+q, nil).Want(http.StatusUnprocessableEntity)
	}

	var one manufacturerJSON
	w.srv.Do(model.RoleAuditor, http.MethodGet, fmt.Sprintf("/api/v1/manufacturers/%d", ids["Charlie Cables"]), nil).Want(http.StatusOK).Decode(&one)
	if one.SiteCount != 2 {
		t.Errorf("site_count = %d, want 2", one.SiteCount)
	}
	w.srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/manufacturers/999999", nil).Want(http.StatusNotFound)
}

func TestManufacturerUpdateArchiveAndDelete(t *testing.T) {
	t.Parallel()
	w := newSitesWorld(t)
	empty := w.manufacturer("Empty Co")
	busy := w.manufacturer("Busy Co")
	site := w.site(busy, "BUSY-1", nil)
	path := func(id int64) string { return fmt.Sprintf("/api/v1/manufacturers/%d", id) }

	// Edits need the version read; a stale one is refused.
	w.srv.Do(model.RoleManager, http.MethodPatch, path(empty), map[string]any{"name": "Renamed"}).Want(422)
	var m manufacturerJSON
	w.srv.Do(model.RoleManager, http.MethodPatch, path(empty), map[string]any{"name": "Empty Company", "website": "http://empty.example", "version": 1}).
		Want(http.StatusOK).Decode(&m)
	if m.Name != "Empty Company" || m.Version != 2 || m.Website != "http://empty.example" {
		t.Errorf("updated %+v", m)
	}
	r := w.srv.Do(model.RoleManager, http.MethodPatch, path(empty), map[string]any{"notes": "late", "version": 1}).Want(http.StatusConflict)
	if r.ErrorCode() != "version_conflict" {
		t.Errorf("stale version: code %q", r.ErrorCode())
	}
	r = w.srv.Do(model.RoleManager, http.MethodPatch, path(empty), map[string]any{"name": "busy co", "version": 2}).Want(http.StatusConflict)
	if r.ErrorCode() != "conflict" || r.ErrorFields()["name"] == "" {
		t.Errorf("duplicate name: %s", r.Body)
	}
	w.srv.Do(model.RoleManager, http.MethodPatch, path(empty), map[string]any{"country": "Atlantis", "version": 2}).Want(422)
	w.srv.Do(model.RoleAuditor, http.MethodPatch, path(empty), map[string]any{"notes": "x", "version": 2}).Want(403)

	// A manufacturer with active sites cannot be archived.
	r = w.srv.Do(model.RoleManager, http.MethodPatch, path(busy), map[string]any{"archived": true, "version": 1}).Want(422)
	if r.ErrorFields()["archived"] == "" {
		t.Errorf("archive with sites: %s", r.Body)
	}
	// Once its site is archived, it can be.
	w.srv.Do(model.RoleManager, http.MethodPatch, fmt.Sprintf("/api/v1/sites/%d", site.ID), map[string]any{"archived": true, "version": site.Version}).Want(200)
	w.srv.Do(model.RoleManager, http.MethodPatch, path(busy), map[string]any{"archived": true, "version": 1}).Want(200).Decode(&m)
	if !m.Archived || m.ArchivedAt == nil {
		t.Errorf("archived: %+v", m)
	}
	listNames := func(q string) string {
		var l struct{ Items []manufacturerJSON }
		w.srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/manufacturers"+q, nil).Want(200).Decode(&l)
		var out []string
		for _, m := range l.Items {
			out = append(out, m.Name)
		}
		return strings.Join(out, ",")
	}
	if got := listNames(""); got != "Empty Company" {
		t.Errorf("active list = %q", got)
	}
	if got := listNames("?archived=true"); got != "Busy Co" {
		t.Errorf("archived list = %q", got)
	}
	if got := listNames("?archived=all"); got != "Busy Co,Empty Company" {
		t.Errorf("all list = %q", got)
	}
	// A site cannot be added under an archived manufacturer.
	r = w.srv.Do(model.RoleManager, http.MethodPost, "/api/v1/sites", map[string]any{"manufacturer_id": busy, "code": "BUSY-2", "name": "B", "country": "DE", "risk_tier": "low"}).Want(422)
	if r.ErrorFields()["manufacturer_id"] == "" {
		t.Errorf("site under archived manufacturer: %s", r.Body)
	}

	// Only admins delete; a manufacturer with sites is archived, not deleted.
	w.srv.Do(model.RoleManager, http.MethodDelete, path(empty), nil).Want(403)
	r = w.srv.Do(model.RoleAdmin, http.MethodDelete, path(busy), nil).Want(http.StatusConflict)
	if !strings.Contains(string(r.Body), "archive it instead") {
		t.Errorf("delete with sites: %s", r.Body)
	}
	w.srv.Do(model.RoleAdmin, http.MethodDelete, path(empty), nil).Want(http.StatusNoContent)
	w.srv.Do(model.RoleAdmin, http.MethodGet, path(empty), nil).Want(http.StatusNotFound)
	w.srv.Do(model.RoleAdmin, http.MethodDelete, path(empty), nil).Want(http.StatusNotFound)

	events := w.auditEvents("manufacturer", empty)
	if len(events) != 3 || events[0].Action != "manufacturer.delete" || events[0].ActorEmail != "admin@example.com" {
		t.Fatalf("events %+v", events)
	}
	deleted, _ := events[0].Changes["deleted"].(map[string]any)
	if deleted["name"] != "Empty Company" {
		t.Errorf("deleted record in audit = %v", events[0].Changes)
	}
	if old, new, ok := events[1].change("name"); !ok || old != "Empty Co" || new != "Empty Company" {
		t.Errorf("update event changes = %v", events[1].Changes)
	}
}
