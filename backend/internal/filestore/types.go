package filestore

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"unicode/utf8"
)

// Allowed describes, for people, what can be attached.
const Allowed = "PDF, PNG, JPEG, GIF, WebP, plain text (.txt), CSV (.csv) and Office documents (.docx, .xlsx, .pptx, .doc, .xls, .ppt)"

// TypeError reports content that may not be attached.
type TypeError struct {
	// Found says what the content is, e.g. "an HTML page".
	Found string
}

func (e *TypeError) Error() string {
	return fmt.Sprintf("This file is %s, which cannot be attached. Allowed: %s.", e.Found, Allowed)
}

// Office Open XML documents are ZIP archives; each is recognised by its
// extension together with the main part its [Content_Types].xml declares
// (which also refuses macro-enabled documents renamed to .docx).
var openXML = map[string]struct{ contentType, mainPart string }{
	"docx": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"},
	"xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"},
	"pptx": {"application/vnd.openxmlformats-officedocument.presentationml.presentation", "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"},
}

// openXMLFolder is the folder every document of the kind has.
var openXMLFolder = map[string]string{"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}

// Legacy Office documents are OLE compound files. Other OLE files (MSI
// installers, for one) share the header, so the extension decides.
var (
	oleHeader   = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	legacyTypes = map[string]string{"doc": "application/msword", "xls": "application/vnd.ms-excel", "ppt": "application/vnd.ms-powerpoint"}
)

var imageTypes = map[string]bool{"image/png": true, "image/jpeg": true, "image/gif": true, "image/webp": true}

// textExtensions are the names text may have; text under any other name
// (.html, .svg, .js, or .pdf) is refused rather than relabelled.
var textExtensions = map[string]string{"": "text/plain", "txt": "text/plain", "text": "text/plain", "log": "text/plain", "md": "text/plain", "tsv": "text/plain", "csv": "text/csv"}

// maxContentTypesXML bounds how much of [Content_Types].xml is read.
const maxContentTypesXML = 1 << 20

// DetectType returns the content type to store for a file called name
// (already cleaned) with the given content. It looks only at the bytes,
// never at a declared type; the name's extension only chooses between
// kinds the bytes cannot tell apart (text or CSV, the Office formats).
func DetectType(name string, r io.ReaderAt, size int64) (string, error) {
	head := make([]byte, 512)
	n, err := r.ReadAt(head, 0)
	if err != nil && err != io.EOF {
		return "", fmt.Errorf("filestore: read head: %w", err)
	}
	head = head[:n]
	ext := Extension(name)
	sniffed, params, _ := mime.ParseMediaType(http.DetectContentType(head))
	switch {
	case sniffed == "application/pdf" || imageTypes[sniffed]:
		return sniffed, nil
	case bytes.HasPrefix(head, oleHeader):
		if t, ok := legacyTypes[ext]; ok {
			return t, nil
		}
		return "", &TypeError{Found: "a compound binary file that is not named .doc, .xls or .ppt"}
	case sniffed == "application/zip":
		doc, ok := openXML[ext]
		if !ok {
			return "", &TypeError{Found: "a ZIP archive"}
		}
		if !isOpenXML(r, size, openXMLFolder[ext], doc.mainPart) {
			return "", &TypeError{Found: "a ZIP archive that is not a ." + ext + " document"}
		}
		return doc.contentType, nil
	case sniffed == "text/plain":
		if looksLikeMarkup(head) {
			return "", &TypeError{Found: "markup (HTML, XML or SVG)"}
		}
		t, ok := textExtensions[ext]
		if !ok {
			return "", &TypeError{Found: "text named ." + ext}
		}
		if cs := params["charset"]; cs != "utf-8" || utf8.Valid(completeRunes(head, size)) {
			return t + "; charset=" + cs, nil
		}
		return t, nil // not UTF-8: let the reader's program guess the encoding
	}
	return "", &TypeError{Found: describe(sniffed)}
}

// Extension is the lower-case extension of name without the dot ("" when
// none).
func Extension(name string) string {
	i := strings.LastIndexByte(name, '.')
	if i < 0 {
		return ""
	}
	return strings.ToLower(name[i+1:])
}

// isOpenXML reports whether the archive has [Content_Types].xml declaring
// mainPart and at least one file under folder.
func isOpenXML(r io.ReaderAt, size int64, folder, mainPart string) bool {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return false
	}
	var types *zip.File
	hasFolder := false
	for _, f := range zr.File {
		switch {
		case f.Name == "[Content_Types].xml":
			types = f
		case strings.HasPrefix(f.Name, folder):
			hasFolder = true
		}
	}
	if types == nil || !hasFolder {
		return false
	}
	rc, err := types.Open()
	if err != nil {
		return false
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, maxContentTypesXML))
	return err == nil && bytes.Contains(b, []byte(`"`+mainPart+`"`))
}

// looksLikeMarkup reports text that a browser could render as a document:
// HTML, XML and SVG all start with "<" (after white space and a BOM).
// http.DetectContentType knows common HTML tags but not, for one, <svg>.
func looksLikeMarkup(head []byte) bool {
	head = bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF"))
	head = bytes.TrimLeft(head, " \t\r\n\f")
	return len(head) > 0 && head[0] == '<'
}

// completeRunes drops a multi-byte character cut off at the end of head,
// so a UTF-8 check does not fail on a truncated last character.
func completeRunes(head []byte, size int64) []byte {
	if int64(len(head)) >= size {
		return head
	}
	for i := 0; i < utf8.UTFMax && i < len(head); i++ {
		if utf8.RuneStart(head[len(head)-1-i]) {
			if !utf8.FullRune(head[len(head)-1-i:]) {
				return head[:len(head)-1-i]
			}
			break
		}
	}
	return head
}

func describe(mediaType string) string {
	switch {
	case mediaType == "text/html":
		return "an HTML page"
	case mediaType == "text/xml":
		return "an XML document"
	case mediaType == "application/octet-stream":
		return "of a kind that is not recognised (for example a program)"
	case strings.HasPrefix(mediaType, "image/"):
		return "an image of type " + mediaType
	}
	return "of type " + mediaType
}

// typeExtensions are the extensions a file of each sniffed type may have;
// the first is the one a mismatching name gets.
var typeExtensions = map[string][]string{
	"application/pdf": {"pdf"},
	"image/png":       {"png"},
	"image/jpeg":      {"jpg", "jpeg", "jpe", "jfif"},
	"image/gif":       {"gif"},
	"image/webp":      {"webp"},
}

// NameForType returns name with an extension that agrees with the stored
// content type: PDF or image bytes uploaded as "report.html" or
// "logo.svg" are kept as "report.html.pdf" or "logo.svg.png", so the name
// a download is saved under never tells the reader's system to open the
// file as something it is not. The types whose extension chose them (text,
// CSV, Office) already agree.
func NameForType(name, contentType string) string {
	mediaType, _, _ := mime.ParseMediaType(contentType)
	exts, ok := typeExtensions[mediaType]
	if !ok {
		return name
	}
	ext := Extension(name)
	for _, e := range exts {
		if ext == e {
			return name
		}
	}
	return shorten(name+"."+exts[0], MaxNameBytes)
}
