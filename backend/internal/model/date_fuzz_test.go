package model

import (
	"encoding/json"
	"strings"
	"testing"
)

// FuzzParseDate: any text either is refused with the zero date, or is a
// real date from 1000 to 9999 that prints back exactly as it was typed
// (spaces trimmed) and parses again to the same day.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2026-06-15", " 2026-02-28 ", "2024-02-29", "2026-02-30", "0999-12-31", "10000-01-01",
		"2026-6-15", "15.06.2026", "2026-06-15T00:00:00Z", "", "+2026-06-15", "2026-06-15\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			if !d.IsZero() {
				t.Fatalf("ParseDate(%q) failed (%v) but returned %v", s, err, d)
			}
			return
		}
		if y := d.Time().Year(); y < 1000 || y > 9999 {
			t.Fatalf("ParseDate(%q) = year %d", s, y)
		}
		if d.String() != strings.TrimSpace(s) {
			t.Fatalf("ParseDate(%q) prints as %q", s, d.String())
		}
		again, err := ParseDate(d.String())
		if err != nil || !again.Equal(d) {
			t.Fatalf("%q does not parse back: %v %v", d.String(), again, err)
		}
	})
}

// FuzzDateUnmarshalJSON: any JSON value either is refused or becomes a
// date (or null) that marshals back to the same day.
func FuzzDateUnmarshalJSON(f *testing.F) {
	for _, s := range []string{`"2026-06-15"`, `null`, `""`, `"2026-02-30"`, `20260615`, `"2026-06-15T10:00:00Z"`,
		`{"date":"2026-06-15"}`, `["2026-06-15"]`, `"\u0032026-06-15"`, `"2026-06-15`, `true`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var d Date
		if err := d.UnmarshalJSON(b); err != nil {
			return
		}
		out, err := d.MarshalJSON()
		if err != nil {
			t.Fatalf("marshal %v: %v", d, err)
		}
		if d.IsZero() != (string(out) == "null") {
			t.Fatalf("%q became %v, marshalled as %s", b, d, out)
		}
		var back Date
		if err := json.Unmarshal(out, &back); err != nil || !back.Equal(d) {
			t.Fatalf("%q -> %s -> %v (%v)", b, out, back, err)
		}
	})
}
