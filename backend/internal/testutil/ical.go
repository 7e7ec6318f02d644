package testutil

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// ICalComponent is a parsed iCalendar component (VCALENDAR, VEVENT, ...).
type ICalComponent struct {
	Name       string
	Properties []ICalProperty
	Children   []*ICalComponent
}

// ICalProperty is one content line: NAME;PARAM=V:value (value as written,
// still escaped).
type ICalProperty struct {
	Name   string
	Params map[string]string
	Value  string
}

// Get returns the first property named name.
func (c *ICalComponent) Get(name string) (ICalProperty, bool) {
	for _, p := range c.Properties {
		if p.Name == name {
			return p, true
		}
	}
	return ICalProperty{}, false
}

// Text returns the unescaped TEXT value of the first property named name.
func (c *ICalComponent) Text(name string) string {
	p, _ := c.Get(name)
	s, _ := UnescapeICalText(p.Value)
	return s
}

// ParseICalendar checks data against RFC 5545's framing and returns the
// calendar: every line ends in CRLF, no line is longer than 75 octets,
// folding never splits a UTF-8 sequence, BEGIN/END nest and match, the
// calendar has PRODID and VERSION and each event UID, DTSTAMP and DTSTART
// exactly once, and every TEXT value escapes , ; \ and line breaks.
func ParseICalendar(data []byte) (*ICalComponent, error) {
	s := string(data)
	if !strings.HasSuffix(s, "\r\n") {
		return nil, fmt.Errorf("ical: the last line does not end in CRLF")
	}
	physical := strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n")
	var lines []string
	for i, l := range physical {
		if strings.ContainsAny(l, "\r\n") {
			return nil, fmt.Errorf("ical: line %d has a bare CR or LF", i+1)
		}
		if len(l) > 75 {
			return nil, fmt.Errorf("ical: line %d is %d octets long (at most 75)", i+1, len(l))
		}
		if !utf8.ValidString(l) {
			return nil, fmt.Errorf("ical: line %d is not valid UTF-8 (a fold split a character?)", i+1)
		}
		if strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t") {
			if len(lines) == 0 {
				return nil, fmt.Errorf("ical: line %d continues nothing", i+1)
			}
			lines[len(lines)-1] += l[1:]
			continue
		}
		lines = append(lines, l)
	}
	var stack []*ICalComponent
	var root *ICalComponent
	for i, l := range lines {
		p, err := parseICalLine(l)
		if err != nil {
			return nil, fmt.Errorf("ical: content line %d: %w", i+1, err)
		}
		switch p.Name {
		case "BEGIN":
			c := &ICalComponent{Name: p.Value}
			if len(stack) > 0 {
				top := stack[len(stack)-1]
				top.Children = append(top.Children, c)
			} else if root != nil {
				return nil, fmt.Errorf("ical: a second top-level component %s", p.Value)
			} else {
				root = c
			}
			stack = append(stack, c)
		case "END":
			if len(stack) == 0 || stack[len(stack)-1].Name != p.Value {
				return nil, fmt.Errorf("ical: END:%s does not match the open component", p.Value)
			}
			if err := checkICalComponent(stack[len(stack)-1]); err != nil {
				return nil, err
			}
			stack = stack[:len(stack)-1]
		default:
			if len(stack) == 0 {
				return nil, fmt.Errorf("ical: property %s outside any component", p.Name)
			}
			top := stack[len(stack)-1]
			top.Properties = append(top.Properties, p)
		}
	}
	if len(stack) != 0 || root == nil || root.Name != "VCALENDAR" {
		return nil, fmt.Errorf("ical: not one complete VCALENDAR")
	}
	return root, nil
}

var icalRequired = map[string][]string{
	"VCALENDAR": {"PRODID", "VERSION"},
	"VEVENT":    {"UID", "DTSTAMP", "DTSTART"},
}

var icalText = map[string]bool{"SUMMARY": true, "DESCRIPTION": true, "UID": true, "X-WR-CALNAME": true, "LOCATION": true, "CATEGORIES": true}

func checkICalComponent(c *ICalComponent) error {
	for _, name := range icalRequired[c.Name] {
		n := 0
		for _, p := range c.Properties {
			if p.Name == name {
				n++
			}
		}
		if n != 1 {
			return fmt.Errorf("ical: %s has %d %s properties, want exactly 1", c.Name, n, name)
		}
	}
	for _, p := range c.Properties {
		if !icalText[p.Name] {
			continue
		}
		v := p.Value
		if p.Name == "CATEGORIES" { // a list: commas separate the values
			for _, part := range splitUnescaped(v, ',') {
				if _, err := UnescapeICalText(part); err != nil {
					return fmt.Errorf("ical: %s: %w", p.Name, err)
				}
			}
			continue
		}
		if _, err := UnescapeICalText(v); err != nil {
			return fmt.Errorf("ical: %s %q: %w", p.Name, v, err)
		}
	}
	return nil
}

// parseICalLine splits NAME;PARAM=VALUE;...:value.
func parseICalLine(l string) (ICalProperty, error) {
	p := ICalProperty{Params: map[string]string{}}
	i := strings.IndexAny(l, ";:")
	if i <= 0 {
		return p, fmt.Errorf("no name in %q", l)
	}
	p.Name = strings.ToUpper(l[:i])
	rest := l[i:]
	for strings.HasPrefix(rest, ";") {
		rest = rest[1:]
		eq := strings.IndexByte(rest, '=')
		if eq <= 0 {
			return p, fmt.Errorf("bad parameter in %q", l)
		}
		name := strings.ToUpper(rest[:eq])
		rest = rest[eq+1:]
		var val string
		if strings.HasPrefix(rest, `"`) {
			end := strings.IndexByte(rest[1:], '"')
			if end < 0 {
				return p, fmt.Errorf("unterminated quote in %q", l)
			}
			val, rest = rest[1:end+1], rest[end+2:]
		} else {
			end := strings.IndexAny(rest, ";:")
			if end < 0 {
				return p, fmt.Errorf("no value in %q", l)
			}
			val, rest = rest[:end], rest[end:]
		}
		p.Params[name] = val
	}
	if !strings.HasPrefix(rest, ":") {
		return p, fmt.Errorf("no ':' in %q", l)
	}
	p.Value = rest[1:]
	return p, nil
}

// UnescapeICalText undoes TEXT escaping, refusing an unescaped ; or , and
// an unknown escape.
func UnescapeICalText(v string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch c {
		case '\\':
			if i+1 == len(v) {
				return "", fmt.Errorf("a trailing backslash")
			}
			i++
			switch v[i] {
			case '\\', ';', ',':
				b.WriteByte(v[i])
			case 'n', 'N':
				b.WriteByte('\n')
			default:
				return "", fmt.Errorf("unknown escape \\%c", v[i])
			}
		case ';', ',':
			return "", fmt.Errorf("an unescaped %q", c)
		default:
			if c < 0x20 && c != '\t' || c == 0x7f {
				return "", fmt.Errorf("a control character %#x", c)
			}
			b.WriteByte(c)
		}
	}
	return b.String(), nil
}

func splitUnescaped(v string, sep byte) []string {
	var out []string
	start := 0
	for i := 0; i < len(v); i++ {
		if v[i] == '\\' {
			i++
			continue
		}
		if v[i] == sep {
			out = append(out, v[start:i])
			start = i + 1
		}
	}
	return append(out, v[start:])
}
