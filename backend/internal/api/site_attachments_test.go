package api_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

type siteAttachmentJSON struct {
	ID       int64  `json:"id"`
	FileName string `json:"file_name"`
	Record   struct {
		Type  string  `json:"type"`
		ID    int64   `json:"id"`
		Label string  `json:"label"`
		Date  *string `json:"date"`
	} `json:"record"`
}

type siteAttachmentList struct {
	Items []siteAttachmentJSON `json:"items"`
	Total int64                `json:"total"`
}

// The site's Attachments tab lists the files of the site and of its
// inspections, findings and certifications, grouped by record and named by
// it; another site's files stay out.
func TestSiteAttachmentsIncludeTheirRecordsFiles(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	o := attCreateOwners(t, srv)
	upload := func(path, name string) {
		t.Helper()
		attUpload(t, srv, model.RoleProcurement, path, name, []byte("%PDF-1.4 "+name)).Want(http.StatusCreated)
	}
	upload(o.path(model.OwnerCertification), "certificate.pdf")
	upload(o.path(model.OwnerInspection), "line photo.pdf")
	upload(o.path(model.OwnerFinding), "strap tester.pdf")
	upload(o.path(model.OwnerSite), "site plan.pdf")
	upload(o.path(model.OwnerInspection), "report.pdf")

	other := model.Site{ManufacturerID: 1, Code: "OTHER-1", Name: "Other plant", Country: "CN", RiskTier: model.RiskLow,
		QualificationStatus: model.StatusProspective, StatusSince: testutil.FixedNow, Version: 1}
	var mfr model.Site
	testutil.Fatal(t, srv.DB.Select("manufacturer_id").Take(&mfr, o.Site).Error, "site manufacturer")
	other.ManufacturerID = mfr.ManufacturerID
	testutil.Fatal(t, srv.DB.Create(&other).Error, "other site")
	upload(fmt.Sprintf("/api/v1/sites/%d/attachments", other.ID), "elsewhere.pdf")

	path := fmt.Sprintf("/api/v1/sites/%d/all-attachments", o.Site)
	var list siteAttachmentList
	srv.Do(model.RoleAuditor, http.MethodGet, path, nil).Want(http.StatusOK).Decode(&list)
	type row struct{ file, typ, label, date string }
	var got []row
	for _, a := range list.Items {
		d := ""
		if a.Record.Date != nil {
			d = *a.Record.Date
		}
		got = append(got, row{a.FileName, a.Record.Type, a.Record.Label, d})
	}
	want := []row{
		{"site plan.pdf", "site", "ACME-SZ1 Acme Shenzhen 1", ""},
		{"report.pdf", "inspection", "Qualification inspection, passed with conditions", "2026-06-01"},
		{"line photo.pdf", "inspection", "Qualification inspection, passed with conditions", "2026-06-01"},
		{"strap tester.pdf", "finding", "Major finding: Wrist straps not tested daily", ""},
		{"certificate.pdf", "certification", "ISO 9001:2015, no. Q-123", ""},
	}
	if list.Total != int64(len(want)) || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("total %d, files\n got  %v\n want %v", list.Total, got, want)
	}
	for _, a := range list.Items {
		if wantID := o.id(model.AttachmentOwner(a.Record.Type)); a.Record.ID != wantID {
			t.Errorf("%s: record id %d, want %d", a.FileName, a.Record.ID, wantID)
		}
	}

	// Pages keep the order, so a record's files stay together.
	srv.Do(model.RoleAuditor, http.MethodGet, path+"?page=2&page_size=2", nil).Want(http.StatusOK).Decode(&list)
	if list.Total != 5 || len(list.Items) != 2 || list.Items[0].FileName != "line photo.pdf" || list.Items[1].FileName != "strap tester.pdf" {
		t.Errorf("page 2 of 2 = %+v", list)
	}

	srv.Do(model.RoleAuditor, http.MethodGet, fmt.Sprintf("/api/v1/sites/%d/all-attachments", other.ID), nil).Want(http.StatusOK).Decode(&list)
	if list.Total != 1 || list.Items[0].FileName != "elsewhere.pdf" {
		t.Errorf("other site's files = %+v", list)
	}
	srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/sites/999999/all-attachments", nil).Want(http.StatusNotFound)
	srv.Do(model.RoleAuditor, http.MethodGet, path+"?page_size=500", nil).Want(http.StatusUnprocessableEntity)
	srv.Do(model.RoleAuditor, http.MethodGet, path+"?sort=file_name", nil).Want(http.StatusUnprocessableEntity)

	// An auditor limited to another manufacturer does not learn the site exists.
	m := model.Manufacturer{Name: "Elsewhere Ltd", Country: "VN", Version: 1}
	testutil.Fatal(t, srv.DB.Create(&m).Error, "manufacturer")
	_, scoped := scopedAuditor(t, srv, "scoped-files@example.com", m.ID)
	srv.DoWith(scoped, http.MethodGet, path, nil).Want(http.StatusNotFound)
	_, inScope := scopedAuditor(t, srv, "in-scope-files@example.com", mfr.ManufacturerID)
	srv.DoWith(inScope, http.MethodGet, path, nil).Want(http.StatusOK).Decode(&list)
	if list.Total != 5 {
		t.Errorf("an auditor limited to the site's manufacturer sees %d files, want 5", list.Total)
	}
}
