package api_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

type readableEvent struct {
	Sequence  int64  `json:"sequence"`
	Action    string `json:"action"`
	ActorName string `json:"actor_name"`
	Summary   string `json:"summary"`
	Record    *struct {
		Type  string `json:"type"`
		Label string `json:"label"`
		Link  string `json:"link"`
	} `json:"record"`
	Fields []struct {
		Field  string `json:"field"`
		Label  string `json:"label"`
		Kind   string `json:"kind"`
		Before string `json:"before"`
		After  string `json:"after"`
	} `json:"fields"`
}

func TestAuditTrailReadsAsAnAuditorWouldAndExportsTheFilteredTrail(t *testing.T) {
	t.Parallel()
	w := newSitesWorld(t)
	acme, baltic := w.manufacturer("Acme Electronics"), w.manufacturer("Baltic Boards")
	site := w.site(acme, "ACME-SZ1", map[string]any{"name": "Shenzhen plant", "city": "Shenzhen"})
	w.srv.Do(model.RoleManager, http.MethodPatch, fmt.Sprintf("/api/v1/sites/%d", site.ID),
		map[string]any{"version": site.Version, "manufacturer_id": baltic, "risk_tier": "high", "city": "Shenzhen", "country": "LT"}).Want(http.StatusOK)

	var page struct {
		Items []readableEvent `json:"items"`
		Total int64           `json:"total"`
	}
	w.srv.Do(model.RoleAuditor, http.MethodGet, fmt.Sprintf("/api/v1/audit-events?entity_type=site&entity_id=%d", site.ID), nil).Want(http.StatusOK).Decode(&page)
	if page.Total != 2 {
		t.Fatalf("%d site events, want 2", page.Total)
	}
	update := page.Items[0]
	if update.Summary != "Site changed" || update.ActorName != w.srv.Users[model.RoleManager].Name {
		t.Errorf("summary %q by %q", update.Summary, update.ActorName)
	}
	if update.Record == nil || update.Record.Label != "ACME-SZ1 Shenzhen plant" || update.Record.Link != fmt.Sprintf("/sites/%d", site.ID) {
		t.Errorf("record %+v", update.Record)
	}
	got := map[string][2]string{}
	for _, f := range update.Fields {
		got[f.Label] = [2]string{f.Before, f.After}
	}
	want := map[string][2]string{
		"Manufacturer": {"Acme Electronics", "Baltic Boards"},
		"Risk tier":    {"Medium", "High"},
		"Country":      {"China", "Lithuania"},
	}
	for label, pair := range want {
		if got[label] != pair {
			t.Errorf("%s: %q, want %q", label, got[label], pair)
		}
	}
	if _, ok := got["City"]; ok {
		t.Errorf("the unchanged city is listed as a change: %+v", got)
	}
	for _, f := range update.Fields {
		if f.Field == "updated_at" || f.Field == "version" {
			t.Errorf("bookkeeping field %s listed", f.Field)
		}
	}

	// The person filter lists the people in the trail by name.
	var actors struct {
		Items []struct {
			ID   int64  `json:"id"`
			Name string `json:"name"`
		} `json:"items"`
	}
	w.srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/audit-events/actors", nil).Want(http.StatusOK).Decode(&actors)
	names := map[int64]string{}
	for _, a := range actors.Items {
		names[a.ID] = a.Name
	}
	manager := w.srv.Users[model.RoleManager]
	if names[manager.ID] != manager.Name {
		t.Errorf("actors %+v lack the manager", actors.Items)
	}

	// Unknown record types are refused; "export" finds spreadsheet exports.
	w.srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/audit-events?entity_type=spaceship", nil).Want(http.StatusUnprocessableEntity)

	// The export holds what the screen shows, one row per changed field, filtered the same way.
	f := xlOpen(t, w.srv.Do(model.RoleAuditor, http.MethodGet, fmt.Sprintf("/api/v1/reports/audit-trail.xlsx?entity_type=site&entity_id=%d&actor_id=%d", site.ID, manager.ID), nil))
	const sh = "Audit trail"
	rows := xlRows(t, f, sh)
	if len(rows) != 1+len(update.Fields) {
		t.Fatalf("%d rows, want a header and %d field rows: %v", len(rows), len(update.Fields), rows)
	}
	r := xlRowOf(t, f, sh, 8, "Manufacturer")
	for h, v := range map[string]string{"Person": manager.Name, "What happened": "Site changed", "Record type": "Site", "Record": "ACME-SZ1 Shenzhen plant", "Before": "Acme Electronics", "After": "Baltic Boards"} {
		if got := xlCell(t, f, sh, h, r); got != v {
			t.Errorf("%s = %q, want %q", h, got, v)
		}
	}

	// The export itself is in the trail, found by the record type "export".
	var exports struct {
		Items []readableEvent `json:"items"`
	}
	w.srv.Do(model.RoleAdmin, http.MethodGet, "/api/v1/audit-events?entity_type=export", nil).Want(http.StatusOK).Decode(&exports)
	if len(exports.Items) != 1 || exports.Items[0].Action != "report.export" || exports.Items[0].Summary != "Spreadsheet exported" {
		t.Errorf("exports %+v", exports.Items)
	}
}
