package qualification

import (
	"strings"
	"unicode"
)

// hiddenFormatting reports a character that shows nothing itself but
// changes what a reader sees: direction overrides and isolates (U+202A-E,
// U+2066-9, the marks U+200E/F, U+061C) and zero-width characters (U+200B-D,
// U+2060, U+FEFF), all of Unicode's format category Cf.
func hiddenFormatting(r rune) bool { return unicode.Is(unicode.Cf, r) }

// checkNameCharacters refuses hidden formatting characters in a name, which
// would let "Acme\u202Eetis" display as another name, or a zero-width space
// make a second "Acme" that is not equal to the first.
func checkNameCharacters(p Problems, field, v string) {
	if strings.ContainsFunc(v, hiddenFormatting) {
		p.Add(field, "Remove the invisible or text-direction characters (such as zero-width spaces or right-to-left overrides); names must show what they are.")
	}
}

// CheckPersonName returns why name is not acceptable as a user's name, or
// "".
func CheckPersonName(name string) string { return CheckNameCharacters(name) }

// CheckNameCharacters returns why name, naming anything (a user, a
// manufacturer an import refers to), is not acceptable because of hidden
// formatting characters, or "". The API and imports share it.
func CheckNameCharacters(name string) string {
	p := Problems{}
	checkNameCharacters(p, "name", name)
	return p["name"]
}
