package filestore

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxNameBytes bounds a stored file name (the column holds 255).
const MaxNameBytes = 255

// DefaultName is the name of a file sent without a usable one.
const DefaultName = "attachment"

// maxKeptExtension is the longest extension kept when a name is shortened.
const maxKeptExtension = 16

// CleanName turns a file name as a browser or client sent it into the
// name kept as metadata: the last path element only (either separator),
// without control characters (NUL, line breaks), bidirectional overrides
// (which can disguise "exe" as "pdf"), invalid UTF-8, leading dots and
// surrounding blanks, and at most MaxNameBytes bytes, cut on a character
// boundary and keeping the extension. Any other character, including
// quotes and non-Latin scripts, is kept: headers escape what they must.
func CleanName(name string) string {
	name = strings.ToValidUTF8(name, "")
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || isBidiControl(r) {
			return -1
		}
		return r
	}, name)
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.TrimRightFunc(name, func(r rune) bool { return r == '.' || unicode.IsSpace(r) })
	name = strings.TrimLeftFunc(name, func(r rune) bool { return r == '.' || unicode.IsSpace(r) })
	name = shorten(name, MaxNameBytes)
	if name == "" {
		return DefaultName
	}
	return name
}

// shorten cuts name to max bytes on a character boundary, keeping a short
// extension so the shortened name still says what kind of file it is.
func shorten(name string, max int) string {
	if len(name) <= max {
		return name
	}
	ext := ""
	if i := strings.LastIndexByte(name, '.'); i > 0 && len(name)-i <= maxKeptExtension {
		name, ext = name[:i], name[i:]
	}
	name = cutUTF8(name, max-len(ext))
	return strings.TrimRightFunc(name, unicode.IsSpace) + ext
}

// cutUTF8 returns the longest prefix of s of at most n bytes that ends on a
// character boundary.
func cutUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

func isBidiControl(r rune) bool {
	switch {
	case r == 0x061C, r == 0x200E, r == 0x200F:
		return true
	case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}
