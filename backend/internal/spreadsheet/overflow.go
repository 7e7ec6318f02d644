package spreadsheet

import (
	"strings"
	"unicode/utf8"
)

// MaxCellChars is the most characters a cell holds (Excel's limit; longer
// text is cut when the file is opened, or by the writer).
const MaxCellChars = 32767

// continued starts the text that goes on from the row above.
const continued = "(continued) "

// overflowRows splits a row whose text does not fit its cells: each text
// longer than a cell holds is cut between items (at "; ", a line break,
// ", " or a space) into parts that fit, the first part stays in the row
// and each further part goes to a row of its own below, in the same
// column, starting with "(continued)"; the row's other cells stay empty
// there. It returns nil when every value fits.
func overflowRows(values []any) [][]any {
	var parts [][]string // by column; nil where the value fits
	rows := 0
	for i, v := range values {
		text, ok := textOf(v)
		if !ok || utf8.RuneCountInString(text) <= MaxCellChars {
			continue
		}
		if parts == nil {
			parts = make([][]string, len(values))
		}
		parts[i] = splitText(text, MaxCellChars-utf8.RuneCountInString(continued)-1)
		rows = max(rows, len(parts[i]))
	}
	if parts == nil {
		return nil
	}
	out := make([][]any, rows)
	out[0] = append([]any(nil), values...)
	for r := 1; r < rows; r++ {
		out[r] = make([]any, len(values))
	}
	for i, ps := range parts {
		for r, p := range ps {
			if r > 0 {
				p = continued + p
			}
			out[r][i] = withText(values[i], p)
		}
	}
	return out
}

func textOf(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case Toned:
		s, ok := x.Value.(string)
		return s, ok
	}
	return "", false
}

// withText is v with its text replaced, keeping its colour.
func withText(v any, text string) any {
	if t, ok := v.(Toned); ok {
		return Toned{text, t.Tone}
	}
	return text
}

// splitText cuts s into parts of at most limit characters, each ending at
// the last separator that fits (or at the limit when none does).
func splitText(s string, limit int) []string {
	var parts []string
	for utf8.RuneCountInString(s) > limit {
		cut := runeOffset(s, limit)
		head := s[:cut]
		end := -1
		for _, sep := range []string{"; ", "\n", ", ", " "} {
			if i := strings.LastIndex(head, sep); i > 0 {
				end = i + len(sep)
				break
			}
		}
		if end < 0 {
			end = cut
		}
		parts = append(parts, strings.TrimRight(s[:end], "; \n,"))
		s = s[end:]
	}
	return append(parts, s)
}

// runeOffset is the byte offset of the n-th rune of s.
func runeOffset(s string, n int) int {
	i := 0
	for off := range s {
		if i == n {
			return off
		}
		i++
	}
	return len(s)
}
