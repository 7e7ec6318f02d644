package filestore

import (
	"archive/zip"
	"bytes"
	"errors"
	"strings"
	"testing"
)

// Samples of each kind of file, small but with real signatures.
var (
	samplePDF  = []byte("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n")
	samplePNG  = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00")
	sampleJPEG = []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01")
	sampleGIF  = []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;")
	sampleWebP = []byte("RIFF\x1a\x00\x00\x00WEBPVP8 \x0e\x00\x00\x00")
	sampleOLE  = append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 64)...)
	sampleELF  = []byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00")
	sampleEXE  = append([]byte("MZ\x90\x00\x03\x00\x00\x00"), make([]byte, 64)...)
)

// officeZip builds a minimal Office Open XML package.
func officeZip(t *testing.T, folder, mainPart string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	add := func(name, body string) {
		f, err := w.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if mainPart != "" {
		add("[Content_Types].xml", `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`+
			`<Override PartName="/main.xml" ContentType="`+mainPart+`"/></Types>`)
	}
	if folder != "" {
		add(folder+"document.xml", "<document/>")
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestDetectType(t *testing.T) {
	docx := officeZip(t, "word/", openXML["docx"].mainPart)
	xlsx := officeZip(t, "xl/", openXML["xlsx"].mainPart)
	pptx := officeZip(t, "ppt/", openXML["pptx"].mainPart)
	docm := officeZip(t, "word/", "application/vnd.ms-word.document.macroEnabled.main+xml")
	noTypes := officeZip(t, "word/", "")
	plainZip := officeZip(t, "files/", "")
	// A multi-byte character straddling byte 512 must not make the text look invalid.
	longUTF8 := []byte(strings.Repeat("a", 511) + "ü and more")

	tests := []struct {
		name    string
		file    string
		content []byte
		want    string // "" means refused
	}{
		{"pdf", "report.pdf", samplePDF, "application/pdf"},
		{"pdf whatever its name", "report.bin", samplePDF, "application/pdf"},
		{"png", "photo.png", samplePNG, "image/png"},
		{"jpeg", "photo.jpg", sampleJPEG, "image/jpeg"},
		{"gif", "anim.gif", sampleGIF, "image/gif"},
		{"webp", "photo.webp", sampleWebP, "image/webp"},
		{"text", "notes.txt", []byte("Line one\nLine two\n"), "text/plain; charset=utf-8"},
		{"text without extension", "NOTES", []byte("Line one\n"), "text/plain; charset=utf-8"},
		{"text cut mid-character at 512", "notes.txt", longUTF8, "text/plain; charset=utf-8"},
		{"latin-1 text has no charset", "notes.txt", []byte("Gr\xfc\xdfe\n"), "text/plain"},
		{"csv", "findings.csv", []byte("site,severity\nACME-SZ1,major\n"), "text/csv; charset=utf-8"},
		{"docx", "report.docx", docx, openXML["docx"].contentType},
		{"xlsx", "Report.XLSX", xlsx, openXML["xlsx"].contentType},
		{"pptx", "deck.pptx", pptx, openXML["pptx"].contentType},
		{"doc", "old.doc", sampleOLE, "application/msword"},
		{"xls", "old.xls", sampleOLE, "application/vnd.ms-excel"},
		{"ppt", "old.ppt", sampleOLE, "application/vnd.ms-powerpoint"},

		{"html named pdf", "report.pdf", []byte("<!DOCTYPE html><html><script>alert(1)</script></html>"), ""},
		{"html fragment named txt", "notes.txt", []byte("<b>bold</b>"), ""},
		{"svg", "logo.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), ""},
		{"svg named png", "logo.png", []byte("  \n<svg onload=alert(1)/>"), ""},
		{"svg with bom named txt", "logo.txt", []byte("\xEF\xBB\xBF<svg/>"), ""},
		{"xml", "data.txt", []byte(`<?xml version="1.0"?><a/>`), ""},
		{"script named js", "run.js", []byte("alert(document.cookie)"), ""},
		{"shell script named sh", "run.sh", []byte("#!/bin/sh\nrm -rf /\n"), ""},
		{"text named pdf", "report.pdf", []byte("not really a pdf"), ""},
		{"elf executable", "tool.pdf", sampleELF, ""},
		{"windows executable", "setup.exe", sampleEXE, ""},
		{"plain zip", "files.zip", plainZip, ""},
		{"plain zip named docx", "files.docx", plainZip, ""},
		{"docx named xlsx", "report.xlsx", docx, ""},
		{"zip without content types", "report.docx", noTypes, ""},
		{"macro-enabled renamed docx", "report.docx", docm, ""},
		{"ole named msi", "setup.msi", sampleOLE, ""},
		{"ole without extension", "setup", sampleOLE, ""},
		{"gzip", "a.gz", []byte("\x1f\x8b\x08\x00\x00\x00\x00\x00"), ""},
		{"bmp", "a.bmp", []byte("BM\x00\x00\x00\x00\x00\x00"), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DetectType(tt.file, bytes.NewReader(tt.content), int64(len(tt.content)))
			if tt.want == "" {
				var te *TypeError
				if !errors.As(err, &te) {
					t.Fatalf("DetectType(%q) = %q, %v; want a *TypeError", tt.file, got, err)
				}
				if !strings.Contains(err.Error(), "Allowed: PDF") {
					t.Errorf("message %q does not list what is allowed", err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("DetectType(%q) = %q, %v; want %q", tt.file, got, err, tt.want)
			}
		})
	}
}
