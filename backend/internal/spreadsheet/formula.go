package spreadsheet

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text in a report is written as a string cell, which no spreadsheet
// program evaluates: a site named "=HYPERLINK(…)" is text in the .xlsx
// whatever it starts with, and a phone number "+86 755 1234" is shown as
// written. The one way such text turns into a formula is a CSV re-save:
// someone saves the sheet as CSV and opens that file again, and the
// program then reads every field as if it were typed. So text that would
// run there, and only that text, keeps a leading apostrophe (see
// Neutralize); the import takes it off again (see unneutralize).

// Neutralize returns s with a leading apostrophe when it would run as a
// formula after a CSV re-save (runsAsFormula), and unchanged otherwise.
func Neutralize(s string) string {
	if runsAsFormula(s) {
		return "'" + s
	}
	return s
}

// runsAsFormula reports whether text would be read as a formula that does
// something when typed into a cell (which is what opening a CSV file
// does): it starts with "=", or it starts with "+", "-" or "@" and calls a
// function (a name followed by "(") or another program or sheet ("|",
// "!"). Leading tabs and line breaks are skipped, as some programs drop
// them. The fullwidth forms "＝＋－＠" count as their ASCII forms: some
// input methods type them, and some spreadsheet programs accept them.
// A phone number, "-ESD gaps" or "@home" is plain text and stays as it is;
// arithmetic such as "-2+3" is not guarded against, since it can only
// show a number, never fetch or run anything.
func runsAsFormula(s string) bool {
	s = strings.TrimLeft(s, "\t\r\n")
	r, size := utf8.DecodeRuneInString(s)
	switch asciiForm(r) {
	case '=':
		return true
	case '+', '-', '@':
		return callsSomething(s[size:])
	}
	return false
}

// asciiForm maps the fullwidth forms of the characters that matter in a
// formula to their ASCII forms.
func asciiForm(r rune) rune {
	switch r {
	case '＝', '＋', '－', '＠', '（', '｜', '！':
		return r - 0xFEE0
	}
	return r
}

// callsSomething reports whether the rest of a formula calls a function
// (a name starting with a letter right before "("), another program ("|",
// as in DDE) or a cell of another sheet ("!").
func callsSomething(s string) bool {
	name := 0 // length in runes of the name just before, 0 when none
	first := rune(0)
	for _, r := range s {
		r = asciiForm(r)
		switch {
		case r == '|' || r == '!':
			return true
		case r == '(':
			if name > 0 && unicode.IsLetter(first) {
				return true
			}
			name = 0
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '_':
			if name == 0 {
				first = r
			}
			name++
		default:
			name = 0
		}
	}
	return false
}

// startsLikeFormula reports whether text starts with a character that
// begins a formula when typed ("=", "+", "-", "@", a tab or a carriage
// return, or a fullwidth form), whether or not the rest would run.
func startsLikeFormula(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	switch asciiForm(r) {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	}
	return false
}

// unneutralize undoes Neutralize for text that comes back from an export
// (or from one written before text was shown as written): "'@SUM(1)" and
// "'+49 30 1234" are @SUM(1) and +49 30 1234 again, stored as the API
// would store them. Text starting with "=" (or "＝") keeps, or gets, the
// apostrophe, so an import never stores what a spreadsheet would run as a
// formula.
func unneutralize(s string) string {
	if rest, ok := strings.CutPrefix(s, "'"); ok && startsLikeFormula(rest) && !startsWithEquals(rest) {
		return rest
	}
	if startsWithEquals(s) {
		return "'" + s
	}
	return s
}

func startsWithEquals(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return asciiForm(r) == '='
}
