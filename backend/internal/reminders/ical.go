package reminders

import (
	"bufio"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

// Calendar is an iCalendar (RFC 5545) feed of all-day events.
type Calendar struct {
	Name   string
	Events []Event
}

// Event is one all-day event.
type Event struct {
	// UID is stable for the record and kind of date, so a calendar app
	// updates the event when the date moves rather than adding another.
	UID string
	// Stamp is when the event last changed (DTSTAMP and LAST-MODIFIED).
	Stamp time.Time
	// Sequence counts the event's changes (SEQUENCE).
	Sequence    int
	Date        model.Date
	Summary     string
	Description string
	URL         string
	Categories  []string
}

// maxLineOctets is RFC 5545's limit on a content line, CRLF excluded.
const maxLineOctets = 75

// WriteCalendar writes c as an iCalendar object: CRLF line endings, lines
// folded at 75 octets (never inside a UTF-8 sequence), TEXT values escaped.
func WriteCalendar(w io.Writer, c Calendar) error {
	bw := bufio.NewWriter(w)
	line := func(name, value string) { writeFolded(bw, name+":"+value) }
	line("BEGIN", "VCALENDAR")
	line("VERSION", "2.0")
	line("PRODID", "-//qualtrack//qualtrack calendar//EN")
	line("CALSCALE", "GREGORIAN")
	line("METHOD", "PUBLISH")
	line("X-WR-CALNAME", EscapeText(c.Name))
	// Ask subscribing apps to look for changes hourly (Outlook, Apple).
	line("REFRESH-INTERVAL;VALUE=DURATION", "PT1H")
	line("X-PUBLISHED-TTL", "PT1H")
	for _, e := range c.Events {
		line("BEGIN", "VEVENT")
		line("UID", EscapeText(e.UID))
		line("DTSTAMP", e.Stamp.UTC().Format("20060102T150405Z"))
		line("LAST-MODIFIED", e.Stamp.UTC().Format("20060102T150405Z"))
		line("SEQUENCE", strconv.Itoa(e.Sequence))
		line("DTSTART;VALUE=DATE", e.Date.Time().Format("20060102"))
		line("DTEND;VALUE=DATE", e.Date.AddDays(1).Time().Format("20060102"))
		line("SUMMARY", EscapeText(e.Summary))
		if e.Description != "" {
			line("DESCRIPTION", EscapeText(e.Description))
		}
		if e.URL != "" {
			line("URL", oneLine(e.URL))
		}
		if len(e.Categories) > 0 {
			cats := make([]string, len(e.Categories))
			for i, cat := range e.Categories {
				cats[i] = EscapeText(cat)
			}
			line("CATEGORIES", strings.Join(cats, ","))
		}
		line("TRANSP", "TRANSPARENT")
		line("END", "VEVENT")
	}
	line("END", "VCALENDAR")
	return bw.Flush()
}

// EscapeText escapes an RFC 5545 TEXT value: backslash, semicolon, comma
// and line breaks; other control characters are not allowed and dropped.
func EscapeText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == ';':
			b.WriteString(`\;`)
		case r == ',':
			b.WriteString(`\,`)
		case r == '\r':
			if i < len(s) && s[i] == '\n' {
				i++
			}
			b.WriteString(`\n`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f || r == utf8.RuneError && size == 1:
			// dropped
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// writeFolded writes one content line, folded: after 75 octets a CRLF and
// a space begin a continuation line, which then holds 74 octets of the
// value. A UTF-8 sequence is never split.
func writeFolded(w *bufio.Writer, l string) {
	limit := maxLineOctets
	for len(l) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(l[cut]) {
			cut--
		}
		w.WriteString(l[:cut])
		w.WriteString("\r\n ")
		l = l[cut:]
		limit = maxLineOctets - 1
	}
	w.WriteString(l)
	w.WriteString("\r\n")
}
