package model

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// DateLayout is the wire and storage form of a calendar date.
const DateLayout = "2006-01-02"

// Date is a calendar date without a time of day or zone. It is stored as
// "YYYY-MM-DD" text on SQLite and as DATE on PostgreSQL, and travels as
// "YYYY-MM-DD" in JSON, so no time zone can ever shift it.
type Date struct {
	t time.Time // always midnight UTC
}

// NewDate returns the date y-m-d.
func NewDate(y int, m time.Month, d int) Date {
	return Date{t: time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

// DateOf returns the calendar date of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return NewDate(y, m, d)
}

// ParseDate parses "YYYY-MM-DD" and rejects dates that do not exist
// (2026-02-30) or are outside years 1000-9999.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(DateLayout, strings.TrimSpace(s))
	if err != nil {
		return Date{}, fmt.Errorf("%q is not a date in the form YYYY-MM-DD", s)
	}
	if t.Year() < 1000 || t.Year() > 9999 {
		return Date{}, fmt.Errorf("%q is outside the years 1000 to 9999", s)
	}
	return Date{t: t}, nil
}

// IsZero reports whether d is the zero date.
func (d Date) IsZero() bool { return d.t.IsZero() }

// Time returns midnight UTC of d.
func (d Date) Time() time.Time { return d.t }

func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format(DateLayout)
}

// AddDays returns d moved by n days.
func (d Date) AddDays(n int) Date { return Date{t: d.t.AddDate(0, 0, n)} }

// AddMonths returns d moved by n months, clamped to the end of the month
// (2026-01-31 + 1 month = 2026-02-28), as people count months.
func (d Date) AddMonths(n int) Date {
	y, m, day := d.t.Date()
	first := time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	if day > last {
		day = last
	}
	return NewDate(first.Year(), first.Month(), day)
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.t.Before(e.t) }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.t.After(e.t) }

// Equal reports whether d and e are the same day.
func (d Date) Equal(e Date) bool { return d.t.Equal(e.t) }

// DaysUntil returns the number of days from d to e (negative when e is earlier).
func (d Date) DaysUntil(e Date) int { return int(e.t.Sub(d.t).Hours() / 24) }

// MarshalJSON writes "YYYY-MM-DD", or null for the zero date.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return []byte(`"` + d.String() + `"`), nil
}

// UnmarshalJSON reads "YYYY-MM-DD" or null.
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = Date{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("a date must be a string in the form YYYY-MM-DD")
	}
	if s == "" {
		*d = Date{}
		return nil
	}
	// On the wire a date is exactly YYYY-MM-DD (spreadsheet cells, read
	// with ParseDate, may carry spaces).
	if s != strings.TrimSpace(s) {
		return fmt.Errorf("%q is not a date in the form YYYY-MM-DD (no spaces around it)", s)
	}
	p, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = p
	return nil
}

// Value stores the date as "YYYY-MM-DD" (NULL for the zero date).
func (d Date) Value() (driver.Value, error) {
	if d.IsZero() {
		return nil, nil
	}
	return d.String(), nil
}

// Scan reads a DATE (PostgreSQL) or "YYYY-MM-DD" text (SQLite).
func (d *Date) Scan(v any) error {
	switch x := v.(type) {
	case nil:
		*d = Date{}
		return nil
	case time.Time:
		*d = NewDate(x.Year(), x.Month(), x.Day())
		return nil
	case string:
		return d.scanText(x)
	case []byte:
		return d.scanText(string(x))
	}
	return fmt.Errorf("model: cannot scan %T into Date", v)
}

func (d *Date) scanText(s string) error {
	if s == "" {
		*d = Date{}
		return nil
	}
	if len(s) > len(DateLayout) {
		s = s[:len(DateLayout)]
	}
	p, err := time.Parse(DateLayout, s)
	if err != nil {
		return fmt.Errorf("model: scan date %q: %w", s, err)
	}
	*d = Date{t: p}
	return nil
}
