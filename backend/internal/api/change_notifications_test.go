package api_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// A supplier notifies a change; a manager approves it requiring a
// for-cause inspection, which is planned at once and moves the site's next
// planned inspection; the site is flagged until an inspection is completed
// after the approval; the inspection page lists the changes since the
// last visit.
func TestChangeNotificationLoop(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	b := testutil.NewBuilder(t, srv.Store)
	m := b.Manufacturer("Shenzhen Boards")
	site := b.Site(m, "SZB-1")
	other := b.Manufacturer("Other Co")
	foreign := b.Site(other, "OTH-1")
	b.Completed(site.ID, testutil.Today().AddDays(-40).String(), model.ResultPass)
	_, supplier := srv.CreateSupplier("lin@szb.example", m.ID)

	r := srv.DoWith(supplier, http.MethodPost, "/api/v1/supplier/change-notifications", map[string]any{"kind": "equipment",
		"title": "New reflow oven", "site_ids": []int64{foreign.ID}}).Want(http.StatusUnprocessableEntity)
	if r.ErrorFields()["site_ids"] == "" {
		t.Errorf("another manufacturer's site: %v", r.ErrorFields())
	}
	r = srv.DoWith(supplier, http.MethodPost, "/api/v1/supplier/change-notifications", map[string]any{"kind": "mood",
		"title": "", "site_ids": []int64{}}).Want(http.StatusUnprocessableEntity)
	if f := r.ErrorFields(); f["kind"] == "" || f["title"] == "" || f["site_ids"] == "" {
		t.Errorf("invalid change: %v", f)
	}
	cn := apiRecord(srv.DoWith(supplier, http.MethodPost, "/api/v1/supplier/change-notifications", map[string]any{"kind": "equipment",
		"title": "New reflow oven on line 2", "description": "Heller 1913 MK5 replaces the 1809", "planned_date": fromToday(20),
		"site_ids": []int64{site.ID}}).Want(http.StatusCreated).JSON())
	if cn.str("status") != "pending" || cn.str("manufacturer_name") != "Shenzhen Boards" {
		t.Fatalf("change = %v", cn)
	}
	decide := fmt.Sprintf("/api/v1/change-notifications/%d/decision", cn.id())
	srv.Do(model.RoleProcurement, http.MethodPost, decide, map[string]any{}).Want(http.StatusForbidden)
	srv.DoWith(supplier, http.MethodPost, decide, map[string]any{}).Want(http.StatusForbidden)
	r = srv.Do(model.RoleManager, http.MethodPost, decide, map[string]any{"status": "approved"}).Want(http.StatusUnprocessableEntity)
	if r.ErrorFields()["signature"] == "" {
		t.Errorf("unsigned decision: %v", r.ErrorFields())
	}
	decided := apiRecord(srv.Do(model.RoleManager, http.MethodPost, decide, testutil.Signed(map[string]any{"status": "approved",
		"requires_inspection": true, "inspection_date": fromToday(10)}, model.MeaningApproved)).Want(http.StatusOK).JSON())
	if decided.str("status") != "approved" || decided["inspection_id"] == nil || decided.str("decided_by_name") == "" {
		t.Fatalf("decided = %v", decided)
	}
	srv.Do(model.RoleManager, http.MethodPost, decide, testutil.Signed(map[string]any{"status": "rejected", "reason": "no"}, model.MeaningApproved)).Want(http.StatusUnprocessableEntity)
	in := apiRecord(srv.Do(model.RoleManager, http.MethodGet, fmt.Sprintf("/api/v1/inspections/%d", decided.num("inspection_id")), nil).Want(http.StatusOK).JSON())
	if in.str("type") != "for_cause" || in.str("status") != "planned" || in.str("scheduled_date") != fromToday(10) {
		t.Errorf("planned inspection = %v", in)
	}
	s := apiRecord(srv.Do(model.RoleManager, http.MethodGet, fmt.Sprintf("/api/v1/sites/%d", site.ID), nil).Want(http.StatusOK).JSON())
	if s.str("next_planned_date") != fromToday(10) {
		t.Errorf("site's next planned inspection = %q, want %s", s.str("next_planned_date"), fromToday(10))
	}
	var changes struct {
		Items       []apiRecord `json:"items"`
		Uninspected bool        `json:"uninspected_change"`
	}
	srv.Do(model.RoleAuditor, http.MethodGet, fmt.Sprintf("/api/v1/sites/%d/change-notifications", site.ID), nil).Want(http.StatusOK).Decode(&changes)
	if !changes.Uninspected || len(changes.Items) != 1 {
		t.Errorf("site changes = %+v, want flagged", changes)
	}
	visit := b.Completed(site.ID, testutil.Today().String(), model.ResultPass)
	srv.Do(model.RoleAuditor, http.MethodGet, fmt.Sprintf("/api/v1/sites/%d/change-notifications", site.ID), nil).Want(http.StatusOK).Decode(&changes)
	if changes.Uninspected {
		t.Error("the site is still flagged after an inspection completed since the approval")
	}
	var since struct {
		Since string      `json:"since"`
		Items []apiRecord `json:"items"`
	}
	srv.Do(model.RoleProcurement, http.MethodGet, fmt.Sprintf("/api/v1/inspections/%d/changes", visit.ID), nil).Want(http.StatusOK).Decode(&since)
	if since.Since != fromToday(-40) || len(since.Items) != 1 || since.Items[0].id() != cn.id() {
		t.Errorf("changes since the last visit = %+v", since)
	}

	// A change found on site without notice: a finding and a retroactive
	// notification, linked.
	var found struct {
		Change  apiRecord `json:"change_notification"`
		Finding apiRecord `json:"finding"`
	}
	srv.Do(model.RoleProcurement, http.MethodPost, fmt.Sprintf("/api/v1/inspections/%d/unnotified-change", visit.ID), map[string]any{
		"kind": "sub_tier_source", "title": "PCBs now from an unqualified fab", "severity": "major"}).Want(http.StatusCreated).Decode(&found)
	if found.Finding.str("category") != "unnotified_change" || found.Change["retroactive"] != true || found.Change.num("finding_id") != found.Finding.id() {
		t.Errorf("unnotified change = %+v", found)
	}
	var list struct {
		Total int `json:"total"`
	}
	srv.DoWith(supplier, http.MethodGet, "/api/v1/supplier/change-notifications?status=pending", nil).Want(http.StatusOK).Decode(&list)
	if list.Total != 1 {
		t.Errorf("the supplier's pending changes = %d, want the retroactive one", list.Total)
	}
	srv.Do(model.RoleManager, http.MethodGet, fmt.Sprintf("/api/v1/change-notifications?manufacturer_id=%d", other.ID), nil).Want(http.StatusOK).Decode(&list)
	if list.Total != 0 {
		t.Errorf("changes of %s = %d", other.Name, list.Total)
	}
	rows := xlRows(t, xlOpen(t, srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/reports/change-notifications.xlsx", nil).Want(http.StatusOK)), "Change notifications")
	if len(rows) != 3 || rows[2][4] != "New reflow oven on line 2" || rows[2][7] != "Approved" || rows[1][13] != "Yes" {
		t.Errorf("change notifications report = %q", rows)
	}
}
