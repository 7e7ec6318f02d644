package api_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/spreadsheet"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// Every workbook prints: A4, landscape where wide, one page wide, the
// header row on every page, a footer with the report, page x of y and
// when it was generated. It names qualtrack as its creator, its title and
// the real time, every sheet declares its real dimension, and every
// header and status cell uses the one font.
func TestXLWorkbooksPrint(t *testing.T) {
	t.Parallel()
	w := newXLWorld(t)
	dossier := path("/api/v1/sites/%d/dossier.xlsx", w.sites[xlQualified].ID)
	for _, p := range []string{"/api/v1/reports/approved-suppliers.xlsx", "/api/v1/reports/inspections.xlsx", "/api/v1/reports/certifications.xlsx",
		"/api/v1/reports/findings.xlsx", "/api/v1/reports/summary.xlsx", dossier, "/api/v1/imports/sites/template.xlsx"} {
		t.Run(p, func(t *testing.T) {
			r := w.srv.Do(model.RoleAuditor, http.MethodGet, p, nil)
			f := xlOpen(t, r)
			doc, err := f.GetDocProps()
			if err != nil || doc.Creator != "qualtrack" || doc.Title == "" {
				t.Errorf("document properties %+v %v", doc, err)
			}
			if !strings.Contains(p, "template") && doc.Created != "2026-06-15T10:00:00Z" {
				t.Errorf("created %q, want the time the report was generated", doc.Created)
			}
			titles := map[string]string{}
			for _, d := range f.GetDefinedName() {
				if d.Name == "_xlnm.Print_Titles" {
					titles[d.Scope] = d.RefersTo
				}
			}
			dims := xlDimensions(t, r.Body)
			for _, sh := range f.GetSheetList() {
				layout, err := f.GetPageLayout(sh)
				if err != nil || layout.FitToWidth == nil || *layout.FitToWidth != 1 || layout.Size == nil || *layout.Size != 9 {
					t.Errorf("%s: page layout %+v %v", sh, layout, err)
				}
				props, _ := f.GetSheetProps(sh)
				if props.FitToPage == nil || !*props.FitToPage {
					t.Errorf("%s: not fitted to the page", sh)
				}
				hf, _ := f.GetHeaderFooter(sh)
				if hf == nil || !strings.Contains(hf.OddFooter, "Page &P of &N") || !strings.Contains(hf.OddFooter, "&L&8"+strings.ReplaceAll(doc.Title, "&", "&&")) ||
					(!strings.Contains(p, "template") && !strings.Contains(hf.OddFooter, "Generated 2026-06-15 10:00 UTC")) {
					t.Errorf("%s: footer %+v", sh, hf)
				}
				rows := xlRows(t, f, sh)
				width := 0.0
				cols := 0
				for _, row := range rows {
					cols = max(cols, len(row))
				}
				for i := 1; i <= cols; i++ {
					col := colName(i)
					wd, _ := f.GetColWidth(sh, col)
					width += wd
				}
				if wantLandscape := width > 100; wantLandscape != (layout.Orientation != nil && *layout.Orientation == "landscape") {
					t.Errorf("%s: %v characters wide, orientation %v", sh, width, layout.Orientation)
				}
				if sh != "Report" && sh != "Notes" && titles[sh] != "'"+sh+"'!$1:$1" {
					t.Errorf("%s: print titles %q", sh, titles[sh])
				}
				if want := "A1:" + colName(max(cols, 1)) + strconv.Itoa(max(len(rows), 1)); dims[sh] != want && len(rows) > 1 {
					t.Errorf("%s: dimension %q, want %q", sh, dims[sh], want)
				}
				for _, cell := range []string{"A1", "B2", "C2"} {
					st := xlStyle(t, f, sh, cell)
					if st.Font != nil && st.Font.Family != spreadsheet.FontFamily {
						t.Errorf("%s %s: font %q", sh, cell, st.Font.Family)
					}
				}
			}
		})
	}
}

func colName(i int) string {
	s := ""
	for i > 0 {
		i--
		s = string(rune('A'+i%26)) + s
		i /= 26
	}
	return s
}

var dimensionRef = regexp.MustCompile(`<dimension ref="([^"]+)"`)

// xlDimensions reads each sheet's declared dimension from the file itself,
// as a read-only reader such as openpyxl takes it.
func xlDimensions(t *testing.T, body []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, zf := range zr.File {
		rc, _ := zf.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		files[zf.Name] = string(b)
	}
	// Sheet names come from workbook.xml in order; sheets are sheetN.xml.
	names := regexp.MustCompile(`<sheet [^>]*name="([^"]+)"[^>]*r:id="rId(\d+)"`).FindAllStringSubmatch(files["xl/workbook.xml"], -1)
	rels := files["xl/_rels/workbook.xml.rels"]
	out := map[string]string{}
	for _, n := range names {
		target := regexp.MustCompile(`Id="rId` + n[2] + `"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="rId` + n[2] + `"`).FindStringSubmatch(rels)
		if target == nil {
			continue
		}
		tg := target[1] + target[2]
		tg = "xl/" + strings.TrimPrefix(strings.TrimPrefix(tg, "/xl/"), "xl/")
		if m := dimensionRef.FindStringSubmatch(files[tg]); m != nil {
			out[unescapeXML(n[1])] = m[1]
		}
	}
	return out
}

func unescapeXML(s string) string {
	return strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`, "&apos;", "'").Replace(s)
}

// pdfPages converts a workbook to PDF with LibreOffice and counts its
// pages; the test is skipped only when soffice is not installed.
func pdfPages(t *testing.T, name string, body []byte) (int, string) {
	t.Helper()
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice (LibreOffice) is not installed; .ci/run installs libreoffice-calc")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, name+".xlsx")
	if err := os.WriteFile(in, body, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--headless", "--convert-to", "pdf", "--outdir", dir, in)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v: %s", err, out)
	}
	pdf, err := os.ReadFile(filepath.Join(dir, name+".pdf"))
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, name+".pdf")
	if info, err := exec.Command("pdfinfo", out).Output(); err == nil {
		if m := regexp.MustCompile(`Pages:\s+(\d+)`).FindSubmatch(info); m != nil {
			n, _ := strconv.Atoi(string(m[1]))
			return n, out
		}
	}
	return len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(pdf, -1)), out
}

// Printed by LibreOffice, the demo-sized reports stay within the page
// counts docs/spreadsheets.md promises: an approved-supplier list of 15
// sites on 1-2 pages, a dossier on a page per sheet (two more at most),
// an empty report on 1; each with one more page for the Report sheet.
func TestXLPrintedPageCounts(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("LibreOffice conversion is slow")
	}
	w := newXLWorld(t)
	for i := range 13 {
		w.qualifiedLike(w.sites[xlQualified], fmt.Sprintf("PRN-%02d", i), fmt.Sprintf("Print test plant %d with a longer name", i))
	}
	approved := w.srv.Do(model.RoleManager, http.MethodGet, "/api/v1/reports/approved-suppliers.xlsx", nil).Want(http.StatusOK)
	if n := len(xlRows(t, xlOpen(t, approved), "Approved suppliers")) - 1; n != 15 {
		t.Fatalf("%d approved suppliers, want 15", n)
	}
	dossier := w.srv.Do(model.RoleManager, http.MethodGet, path("/api/v1/sites/%d/dossier.xlsx", w.sites[xlOverdue].ID), nil).Want(http.StatusOK)
	empty := w.srv.Do(model.RoleManager, http.MethodGet, "/api/v1/reports/inspections.xlsx?from=2001-01-01&to=2001-01-31", nil).Want(http.StatusOK)
	for _, tc := range []struct {
		name     string
		r        *testutil.Response
		min, max int
	}{
		{"approved-suppliers", approved, 1, 2 + 1}, // + the Report sheet's page
		{"dossier", dossier, 9, 9 + 2},             // a page a sheet (8 and the Report sheet), some sheets two
		{"empty-inspections", empty, 1, 1 + 1},
	} {
		n, file := pdfPages(t, tc.name, tc.r.Body)
		t.Logf("%s: %d pages (%s)", tc.name, n, file)
		if n < tc.min || n > tc.max {
			t.Errorf("%s prints on %d pages, want %d to %d", tc.name, n, tc.min, tc.max)
		}
		if dir := os.Getenv("QUALTRACK_PRINT_DIR"); dir != "" {
			pdf, _ := os.ReadFile(file)
			_ = os.WriteFile(filepath.Join(dir, tc.name+".pdf"), pdf, 0o644)
		}
	}
}
