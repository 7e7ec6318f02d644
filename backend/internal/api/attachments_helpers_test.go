package api_test

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// attOwners are one record of each kind a file can be attached to,
// inserted directly so these tests do not depend on the other resources'
// handlers.
type attOwners struct {
	Site, Inspection, Finding, Certification int64
}

func (o attOwners) path(owner model.AttachmentOwner) string {
	switch owner {
	case model.OwnerSite:
		return fmt.Sprintf("/api/v1/sites/%d/attachments", o.Site)
	case model.OwnerInspection:
		return fmt.Sprintf("/api/v1/inspections/%d/attachments", o.Inspection)
	case model.OwnerFinding:
		return fmt.Sprintf("/api/v1/findings/%d/attachments", o.Finding)
	}
	return fmt.Sprintf("/api/v1/certifications/%d/attachments", o.Certification)
}

func (o attOwners) id(owner model.AttachmentOwner) int64 {
	return map[model.AttachmentOwner]int64{model.OwnerSite: o.Site, model.OwnerInspection: o.Inspection,
		model.OwnerFinding: o.Finding, model.OwnerCertification: o.Certification}[owner]
}

var attOwnerTypes = []model.AttachmentOwner{model.OwnerSite, model.OwnerInspection, model.OwnerFinding, model.OwnerCertification}

func attCreateOwners(t *testing.T, srv *testutil.Server) attOwners {
	t.Helper()
	db := srv.DB.DB
	m := model.Manufacturer{Name: "Acme Electronics", Country: "CN", Version: 1}
	testutil.Fatal(t, db.Create(&m).Error, "manufacturer")
	site := model.Site{ManufacturerID: m.ID, Code: "ACME-SZ1", Name: "Acme Shenzhen 1", Country: "CN",
		RiskTier: model.RiskMedium, QualificationStatus: model.StatusInQualification, StatusSince: testutil.FixedNow, Version: 1}
	testutil.Fatal(t, db.Create(&site).Error, "site")
	insp := model.Inspection{SiteID: site.ID, Type: model.InspectionQualification, Status: model.InspectionCompleted,
		PerformedDate: testutil.Date(t, "2026-06-01"), Result: model.ResultConditional, Version: 1}
	testutil.Fatal(t, db.Create(&insp).Error, "inspection")
	f := model.Finding{InspectionID: insp.ID, SiteID: site.ID, Severity: model.SeverityMajor, Category: "esd",
		Description: "Wrist straps not tested daily", DueDate: testutil.Date(t, "2026-07-01"), Status: model.FindingOpen, Version: 1}
	testutil.Fatal(t, db.Create(&f).Error, "finding")
	cert := model.Certification{SiteID: site.ID, Standard: "ISO 9001:2015", CertificateNumber: "Q-123",
		IssuedOn: testutil.Date(t, "2025-01-10"), ExpiresOn: testutil.Date(t, "2028-01-09"), Version: 1}
	testutil.Fatal(t, db.Create(&cert).Error, "certification")
	return attOwners{Site: site.ID, Inspection: insp.ID, Finding: f.ID, Certification: cert.ID}
}

// attPart is one part of a multipart body.
type attPart struct {
	// Disposition is the whole Content-Disposition value.
	Disposition string
	ContentType string
	Body        []byte
}

// attFilePart is the "file" part with the name in a quoted string: quotes
// escaped, backslashes and UTF-8 left raw, as browsers send a Windows path
// or a non-Latin name.
func attFilePart(name, declared string, content []byte) attPart {
	esc := strings.NewReplacer(`"`, `\"`).Replace(name)
	return attPart{Disposition: `form-data; name="file"; filename="` + esc + `"`, ContentType: declared, Body: content}
}

// attEncodedFilePart sends the name in RFC 2231 form (filename*=), which
// can carry line breaks and other bytes a quoted string cannot.
func attEncodedFilePart(name string, content []byte) attPart {
	var b strings.Builder
	for i := 0; i < len(name); i++ {
		fmt.Fprintf(&b, "%%%02X", name[i])
	}
	return attPart{Disposition: `form-data; name="file"; filename*=UTF-8''` + b.String(), ContentType: "application/octet-stream", Body: content}
}

func attMultipart(t *testing.T, parts ...attPart) ([]byte, string) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for _, p := range parts {
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", p.Disposition)
		if p.ContentType != "" {
			h.Set("Content-Type", p.ContentType)
		}
		pw, err := w.CreatePart(h)
		testutil.Fatal(t, err, "create part")
		_, err = pw.Write(p.Body)
		testutil.Fatal(t, err, "write part")
	}
	testutil.Fatal(t, w.Close(), "close multipart")
	return buf.Bytes(), w.FormDataContentType()
}

// attUploadParts posts a multipart body built from parts as role.
func attUploadParts(t *testing.T, srv *testutil.Server, role model.Role, path string, parts ...attPart) *testutil.Response {
	t.Helper()
	body, ct := attMultipart(t, parts...)
	return attPost(srv, role, path, ct, body)
}

// attUpload posts one file (declared as application/octet-stream) as role.
func attUpload(t *testing.T, srv *testutil.Server, role model.Role, path, name string, content []byte) *testutil.Response {
	t.Helper()
	return attUploadParts(t, srv, role, path, attFilePart(name, "application/octet-stream", content))
}

func attPost(srv *testutil.Server, role model.Role, path, contentType string, body any) *testutil.Response {
	srv.T.Helper()
	h := http.Header{}
	h.Set("Authorization", "Bearer "+srv.Tokens[role])
	h.Set("Content-Type", contentType)
	return srv.DoWith(h, http.MethodPost, path, body)
}

// attachmentJSON is an attachment as the API returns it.
type attachmentJSON struct {
	ID             int64  `json:"id"`
	OwnerType      string `json:"owner_type"`
	OwnerID        int64  `json:"owner_id"`
	FileName       string `json:"file_name"`
	ContentType    string `json:"content_type"`
	Size           int64  `json:"size"`
	SHA256         string `json:"sha256"`
	UploadedByID   int64  `json:"uploaded_by_id"`
	UploadedByName string `json:"uploaded_by_name"`
	UploadedAt     string `json:"uploaded_at"`
	CreatedAt      string `json:"created_at"`
}

func attDecode(r *testutil.Response) attachmentJSON {
	var a attachmentJSON
	r.Decode(&a)
	return a
}

func attSHA(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// attDisk lists the stored files (by storage key) and the temporary files
// under the server's attachment directory.
func attDisk(t *testing.T, srv *testutil.Server) (stored, temp []string) {
	t.Helper()
	root := filepath.Join(srv.Config.DataDir, "attachments")
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, os.ErrNotExist) {
				return nil
			}
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if strings.HasPrefix(rel, "tmp/") {
			temp = append(temp, rel)
		} else {
			stored = append(stored, rel)
		}
		return nil
	})
	testutil.Fatal(t, err, "walk attachments")
	return stored, temp
}

func attRowCount(t *testing.T, srv *testutil.Server) int64 {
	t.Helper()
	var n int64
	testutil.Fatal(t, srv.DB.Model(&model.Attachment{}).Count(&n).Error, "count attachments")
	return n
}

// attWantNothingStored fails unless no attachment row, stored file or
// temporary file exists.
func attWantNothingStored(t *testing.T, srv *testutil.Server) {
	t.Helper()
	stored, temp := attDisk(t, srv)
	if n := attRowCount(t, srv); n != 0 || len(stored) != 0 || len(temp) != 0 {
		t.Fatalf("left behind: %d rows, files %v, temporary files %v", n, stored, temp)
	}
}

// Small files with real signatures.
var (
	attPDF  = []byte("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n")
	attPNG  = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89")
	attHTML = []byte("<!DOCTYPE html><html><body><script>fetch('/api/v1/users')</script></body></html>")
	attSVG  = []byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.cookie)"><circle r="4"/></svg>`)
	attELF  = append([]byte("\x7fELF\x02\x01\x01\x00"), make([]byte, 120)...)
)

// attDocx builds a minimal .docx (an Office Open XML package).
func attDocx(t *testing.T, mainPart string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for name, body := range map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Override PartName="/word/document.xml" ContentType="` + mainPart + `"/></Types>`,
		"word/document.xml": `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>`,
	} {
		f, err := w.Create(name)
		testutil.Fatal(t, err, "zip create")
		_, err = io.WriteString(f, body)
		testutil.Fatal(t, err, "zip write")
	}
	testutil.Fatal(t, w.Close(), "zip close")
	return buf.Bytes()
}

const docxMain = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"

// attFixedTime is the fixed clock as the API writes timestamps.
var attFixedTime = testutil.FixedNow.Format(time.RFC3339)
