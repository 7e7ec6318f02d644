package reminders_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/reminders"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// The writer's output parses back as RFC 5545 (CRLF, 75-octet folding,
// nesting, required properties, escaping), and every TEXT value comes back
// exactly as given, whatever characters it holds.
func TestCalendarRoundTrips(t *testing.T) {
	tricky := []string{
		"plain",
		"comma, semicolon; backslash \\ colon: quote \"",
		"two\nlines\r\nand CRLF",
		strings.Repeat("Ü", 80),                  // 2-octet characters across every fold
		strings.Repeat("a", 73) + "€€€" + "tail", // a 3-octet character at the fold
		strings.Repeat("x", 74) + "😀" + "after",  // a 4-octet character at the fold
		"\\n is not a newline; \\, neither",
		"control\x00chars\x07dropped",
	}
	stamp := time.Date(2026, 6, 1, 8, 30, 5, 0, time.UTC)
	cal := reminders.Calendar{Name: "qualtrack — Jane, QA; EMEA"}
	for i, s := range tricky {
		cal.Events = append(cal.Events, reminders.Event{
			UID: "certification-expiry-" + string(rune('a'+i)) + "@qt.example.com", Stamp: stamp,
			Date: model.NewDate(2026, 12, 31), Summary: s, Description: s + "\n" + s,
			URL: "https://qt.example.com/certifications/1", Categories: []string{"qualtrack", "a, b; c"},
		})
	}
	var buf bytes.Buffer
	testutil.Fatal(t, reminders.WriteCalendar(&buf, cal), "write")
	root, err := testutil.ParseICalendar(buf.Bytes())
	if err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	if got := root.Text("X-WR-CALNAME"); got != cal.Name {
		t.Errorf("calendar name %q", got)
	}
	if v, _ := root.Get("VERSION"); v.Value != "2.0" {
		t.Errorf("VERSION %q", v.Value)
	}
	if len(root.Children) != len(tricky) {
		t.Fatalf("%d events, want %d", len(root.Children), len(tricky))
	}
	for i, ev := range root.Children {
		want := strings.ReplaceAll(tricky[i], "\r\n", "\n")
		want = strings.NewReplacer("\x00", "", "\x07", "").Replace(want)
		if ev.Name != "VEVENT" || ev.Text("SUMMARY") != want || ev.Text("DESCRIPTION") != want+"\n"+want {
			t.Errorf("event %d: summary %q, want %q", i, ev.Text("SUMMARY"), want)
		}
		start, _ := ev.Get("DTSTART")
		end, _ := ev.Get("DTEND")
		st, _ := ev.Get("DTSTAMP")
		if start.Params["VALUE"] != "DATE" || start.Value != "20261231" || end.Value != "20270101" || st.Value != "20260601T083005Z" {
			t.Errorf("event %d dates: %+v %+v %+v", i, start, end, st)
		}
		if cats, _ := ev.Get("CATEGORIES"); cats.Value != `qualtrack,a\, b\; c` {
			t.Errorf("categories %q", cats.Value)
		}
	}
	if !strings.Contains(buf.String(), "\r\n ") {
		t.Error("no line was folded")
	}
}

// The parser the tests rely on refuses what RFC 5545 refuses.
func TestICalendarParserRefusesBadInput(t *testing.T) {
	good := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20260101\r\nSUMMARY:ok\\, fine\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	if _, err := testutil.ParseICalendar([]byte(good)); err != nil {
		t.Fatalf("good calendar refused: %v", err)
	}
	bad := map[string]string{
		"LF line endings":  strings.ReplaceAll(good, "\r\n", "\n"),
		"long line":        strings.Replace(good, "SUMMARY:ok", "SUMMARY:"+strings.Repeat("o", 70), 1),
		"unescaped comma":  strings.Replace(good, `ok\, fine`, "ok, fine", 1),
		"unescaped semi":   strings.Replace(good, `ok\, fine`, "ok; fine", 1),
		"bad escape":       strings.Replace(good, `ok\, fine`, `ok\x`, 1),
		"missing UID":      strings.Replace(good, "UID:1\r\n", "", 1),
		"two DTSTAMPs":     strings.Replace(good, "UID:1\r\n", "UID:1\r\nDTSTAMP:20260101T000000Z\r\n", 1),
		"mismatched END":   strings.Replace(good, "END:VEVENT", "END:VTODO", 1),
		"unclosed":         strings.TrimSuffix(good, "END:VCALENDAR\r\n"),
		"missing PRODID":   strings.Replace(good, "PRODID:x\r\n", "", 1),
		"split UTF-8 fold": strings.Replace(good, "SUMMARY:ok\\, fine", "SUMMARY:\xc3\r\n \x9c", 1),
	}
	for name, cal := range bad {
		if _, err := testutil.ParseICalendar([]byte(cal)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
