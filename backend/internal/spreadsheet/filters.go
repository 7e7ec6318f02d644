package spreadsheet

import (
	"slices"
	"strconv"
	"strings"
)

// A filtered report says what it holds in words, in its title (the Report
// sheet's first line, the printed footer, the document properties) and in
// its file name: "Certifications expiring within 90 days",
// certifications-expiring-within-90-days-2026-06-15.xlsx. The machine form
// of the filters (Export.Filters) goes to the audit trail.

// described is a report's title and file name stem with its filters in
// words, and the Report sheet's lines for them.
type described struct {
	title    string
	stem     string
	criteria []Criterion
}

// maxStem bounds the part of a file name that describes the filters.
const maxStem = 120

// fileName is the dated file name: "<stem>-<YYYY-MM-DD>.xlsx".
func (d described) fileName(run Run) string {
	stem := d.stem
	if len(stem) > maxStem {
		stem = strings.TrimRight(stem[:maxStem], "-")
	}
	return datedFileName(stem, run.At)
}

// apply sets the export's title, file name and Report sheet lines.
func (d described) apply(e *Export, run Run) {
	e.FileName = d.fileName(run)
	e.meta.Title = d.title
	e.meta.Criteria = d.criteria
	if e.meta.Criteria == nil {
		e.meta.Criteria = []Criterion{}
	}
	e.wb.SetTitle(d.title, run.At)
}

// stemWords makes words safe in a file name: "in progress" is
// "in-progress", "Hong Kong SAR China" is "hong-kong-sar-china".
func stemWords(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r < 128 && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		dash = true
	}
	return strings.Trim(b.String(), ".")
}

// daysText is "1 day", "90 days".
func daysText(n int) string {
	if n == 1 {
		return "1 day"
	}
	return strconv.Itoa(n) + " days"
}

// labelsOf are enum values as the web app shows them, without repeats.
func labelsOf[T ~string](values []T) []string {
	var out []string
	for _, v := range values {
		if l := label(v); !slices.Contains(out, l) {
			out = append(out, l)
		}
	}
	return out
}

// lowerAll lower-cases labels for use inside a sentence, leaving
// abbreviations (SMT, ESD) as they are.
func lowerAll(labels []string) []string {
	out := make([]string, len(labels))
	for i, l := range labels {
		if len(l) > 1 && strings.ToUpper(l[:2]) == l[:2] {
			out[i] = l
			continue
		}
		out[i] = strings.ToLower(l[:1]) + l[1:]
	}
	return out
}
