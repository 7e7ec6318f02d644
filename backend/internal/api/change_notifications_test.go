package api_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
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

// Files of a change: the supplier attaches them to its own company's
// pending change and procurement to any it reads; both sides list and
// download them; a supplier of another manufacturer, or one limited to a
// site the change is not about, neither reads nor attaches them (404,
// nothing stored); the decision's signature covers their SHA-256, and
// after it no file is attached or deleted.
func TestChangeNotificationFiles(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	b := testutil.NewBuilder(t, srv.Store)
	m := b.Manufacturer("Shenzhen Boards")
	site := b.Site(m, "SZB-1")
	sister := b.Site(m, "SZB-2")
	other := b.Manufacturer("Other Co")
	b.Site(other, "OTH-1")
	_, supplier := srv.CreateSupplier("lin@szb.example", m.ID)
	_, atSister := srv.CreateSupplier("wu@szb.example", m.ID, sister.ID)
	_, outsider := srv.CreateSupplier("ana@other.example", other.ID)

	cn := apiRecord(srv.DoWith(supplier, http.MethodPost, "/api/v1/supplier/change-notifications", map[string]any{"kind": "equipment",
		"title": "New reflow oven on line 2", "site_ids": []int64{site.ID}}).Want(http.StatusCreated).JSON())
	supplierFiles := fmt.Sprintf("/api/v1/supplier/change-notifications/%d/files", cn.id())
	buyerFiles := fmt.Sprintf("/api/v1/change-notifications/%d/attachments", cn.id())
	drawing := []byte("%PDF-1.4 oven layout")
	mine := attDecode(supplierUpload(t, srv, supplier, supplierFiles, "oven-layout.pdf", drawing).Want(http.StatusCreated))
	if mine.OwnerType != "change_notification" || mine.OwnerID != cn.id() || mine.SHA256 != attSHA(drawing) || mine.ContentType != "application/pdf" {
		t.Fatalf("the supplier's file = %+v", mine)
	}
	var events int64
	testutil.Fatal(t, srv.DB.DB.Table("audit_events").Where("action = ? AND entity_type = ? AND entity_id = ?", "attachment.create", "attachment", mine.ID).
		Count(&events).Error, "audit")
	if events != 1 {
		t.Errorf("%d attachment.create events for the file", events)
	}
	profile := []byte("zone,temp\n1,150\n")
	theirs := attDecode(attUpload(t, srv, model.RoleProcurement, buyerFiles, "profile.csv", profile).Want(http.StatusCreated))
	attUpload(t, srv, model.RoleAuditor, buyerFiles, "x.csv", profile).Want(http.StatusForbidden)
	if r := supplierUpload(t, srv, supplier, supplierFiles, "empty.pdf", nil).Want(http.StatusUnprocessableEntity); r.ErrorFields()["file"] == "" {
		t.Errorf("an empty file: %s", r.Body)
	}
	supplierUpload(t, srv, supplier, supplierFiles, "tool.exe", []byte("MZ\x90\x00\x03\x00\x00\x00")).Want(http.StatusUnprocessableEntity)

	var list struct {
		Items []attachmentJSON `json:"items"`
		Total int              `json:"total"`
	}
	srv.DoWith(supplier, http.MethodGet, supplierFiles, nil).Want(http.StatusOK).Decode(&list)
	if list.Total != 2 {
		t.Errorf("the supplier lists %+v, want both files", list)
	}
	srv.Do(model.RoleAuditor, http.MethodGet, buyerFiles, nil).Want(http.StatusOK).Decode(&list)
	if list.Total != 2 {
		t.Errorf("the buyer lists %+v, want both files", list)
	}
	for _, f := range []attachmentJSON{mine, theirs} {
		want := map[int64][]byte{mine.ID: drawing, theirs.ID: profile}[f.ID]
		r := srv.DoWith(supplier, http.MethodGet, fmt.Sprintf("/api/v1/supplier/change-notification-files/%d", f.ID), nil).Want(http.StatusOK)
		if string(r.Body) != string(want) || r.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("the supplier downloads %q", r.Body)
		}
		if r := srv.Do(model.RoleAuditor, http.MethodGet, fmt.Sprintf("/api/v1/attachments/%d", f.ID), nil).Want(http.StatusOK); string(r.Body) != string(want) {
			t.Errorf("the buyer downloads %q", r.Body)
		}
	}

	// Outside the supplier's scope: another manufacturer's supplier, and a
	// supplier of the same manufacturer limited to a site the change is
	// not about.
	rows := attRowCount(t, srv)
	for name, h := range map[string]http.Header{"another manufacturer's": outsider, "the sister site's": atSister} {
		srv.DoWith(h, http.MethodGet, supplierFiles, nil).Want(http.StatusNotFound)
		srv.DoWith(h, http.MethodGet, fmt.Sprintf("/api/v1/supplier/change-notification-files/%d", mine.ID), nil).Want(http.StatusNotFound)
		if r := supplierUpload(t, srv, h, supplierFiles, "x.pdf", drawing); r.Status != http.StatusNotFound {
			t.Errorf("%s supplier attaches: %d %s", name, r.Status, r.Body)
		}
	}
	if n := attRowCount(t, srv); n != rows {
		t.Errorf("attachments %d -> %d after refused uploads", rows, n)
	}
	// The supplier's download serves a change's files only.
	siteFile := attDecode(attUpload(t, srv, model.RoleManager, fmt.Sprintf("/api/v1/sites/%d/attachments", site.ID), "audit.pdf", drawing).Want(http.StatusCreated))
	srv.DoWith(supplier, http.MethodGet, fmt.Sprintf("/api/v1/supplier/change-notification-files/%d", siteFile.ID), nil).Want(http.StatusNotFound)

	// The decision signs the files; then they are final.
	srv.Do(model.RoleManager, http.MethodPost, fmt.Sprintf("/api/v1/change-notifications/%d/decision", cn.id()),
		testutil.Signed(map[string]any{"status": "approved"}, model.MeaningApproved)).Want(http.StatusOK)
	var sig model.Signature
	testutil.Fatal(t, srv.DB.DB.Where("entity_type = ? AND entity_id = ?", "change_notification", cn.id()).Take(&sig).Error, "signature")
	want, err := qualification.ContentHash(qualification.ChangeContent{Kind: "change_notification", ChangeNotificationID: cn.id(), ManufacturerID: m.ID,
		ChangeKind: "equipment", Title: "New reflow oven on line 2", SiteIDs: []int64{site.ID}, Status: model.ChangeApproved,
		Files: []string{attSHA(drawing), attSHA(profile)}})
	testutil.Fatal(t, err, "content hash")
	if sig.ContentHash != want {
		t.Errorf("the decision signed %s, want the content with both files' SHA-256 (%s)", sig.ContentHash, want)
	}
	for _, r := range []*testutil.Response{
		supplierUpload(t, srv, supplier, supplierFiles, "late.pdf", drawing),
		attUpload(t, srv, model.RoleProcurement, buyerFiles, "late.csv", profile),
		srv.Do(model.RoleAdmin, http.MethodDelete, fmt.Sprintf("/api/v1/attachments/%d", mine.ID), nil),
	} {
		if r.Want(http.StatusUnprocessableEntity); r.ErrorFields()["status"] == "" {
			t.Errorf("a decided change's files changed: %s", r.Body)
		}
	}
	if n := attRowCount(t, srv); n != rows+1 {
		t.Errorf("attachments %d, want %d", n, rows+1)
	}
}
