package model

import "testing"

func TestDateUnmarshalJSON(t *testing.T) {
	for in, want := range map[string]string{
		`"2026-02-28"`:   "2026-02-28",
		`null`:           "",
		`""`:             "",
		`" 2026-01-01"`:  "error",
		`"2026-01-01 "`:  "error",
		`"2026-02-30"`:   "error",
		`"2026-1-1"`:     "error",
		`20260101`:       "error",
		`"0999-01-01"`:   "error",
		`"2026-13-01"`:   "error",
		`"yesterday"`:    "error",
		`"2026-01-01T0"`: "error",
	} {
		var d Date
		err := d.UnmarshalJSON([]byte(in))
		got := d.String()
		if err != nil {
			got = "error"
		}
		if got != want {
			t.Errorf("%s: got %q, want %q", in, got, want)
		}
	}
}
