package reminders

import (
	"bytes"
	"fmt"
	htmltemplate "html/template"
	"slices"
	texttemplate "text/template"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// Message is an e-mail to send: one recipient, a plain text and an HTML
// rendering of the same content.
type Message struct {
	To      string // address
	ToName  string
	Subject string
	Text    string
	HTML    string
}

// kindHeadings head each kind's section of a digest.
var kindHeadings = map[model.ReminderKind]string{
	model.KindCertificateExpiry: "Certificates expiring",
	model.KindInspectionDue:     "Inspections due",
	model.KindFindingOverdue:    "Findings overdue",
	model.KindConditionalEnding: "Conditional approvals ending",
}

type digestSection struct {
	Heading string
	Items   []digestLine
}

type digestLine struct {
	Title, Body, URL string
}

type digestView struct {
	Name        string
	Date        string
	Count       int
	Sections    []digestSection
	BaseURL     string
	SettingsURL string
}

// settingsPath is where the web app lets users choose their reminders.
const settingsPath = "/profile/notifications"

// RenderDigest renders a user's digest for today. All user text goes
// through html/template in the HTML part, so it is escaped there.
func RenderDigest(d store.Digest, today model.Date, baseURL string) (Message, error) {
	v := digestView{Name: d.Name, Date: today.Time().Format("Monday 2 January 2006"), Count: len(d.Items),
		BaseURL: baseURL, SettingsURL: baseURL + settingsPath}
	for _, kind := range model.ReminderKinds {
		var lines []digestLine
		for _, it := range d.Items {
			if it.Kind == kind {
				lines = append(lines, digestLine{Title: it.Title, Body: it.Body, URL: baseURL + it.Link})
			}
		}
		if len(lines) > 0 {
			v.Sections = append(v.Sections, digestSection{Heading: kindHeadings[kind], Items: lines})
		}
	}
	var text, html bytes.Buffer
	if err := digestText.Execute(&text, v); err != nil {
		return Message{}, fmt.Errorf("reminders: render digest text: %w", err)
	}
	if err := digestHTML.Execute(&html, v); err != nil {
		return Message{}, fmt.Errorf("reminders: render digest html: %w", err)
	}
	return Message{To: d.Email, ToName: d.Name, Subject: digestSubject(d, today), Text: text.String(), HTML: html.String()}, nil
}

func digestSubject(d store.Digest, today model.Date) string {
	noun := "reminders"
	if len(d.Items) == 1 {
		noun = "reminder"
	}
	urgent := slices.ContainsFunc(d.Items, func(it store.DigestItem) bool { return it.DueDate.Before(today) })
	s := fmt.Sprintf("qualtrack: %d %s for %s", len(d.Items), noun, today)
	if urgent {
		s += " (some overdue)"
	}
	return s
}

var digestText = texttemplate.Must(texttemplate.New("text").Parse(`Hello {{.Name}},

qualtrack has {{.Count}} {{if eq .Count 1}}reminder{{else}}reminders{{end}} for you on {{.Date}}.
{{range .Sections}}
{{.Heading}}
{{range .Items}}
- {{.Title}}
  {{.Body}}
  {{.URL}}
{{end}}{{end}}
-- 
Open qualtrack: {{.BaseURL}}
Choose which reminders you receive and how: {{.SettingsURL}}
`))

var digestHTML = htmltemplate.Must(htmltemplate.New("html").Parse(`<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>qualtrack reminders</title></head>
<body style="font-family: -apple-system, Segoe UI, Helvetica, Arial, sans-serif; color: #1a1b1e; max-width: 640px;">
<p>Hello {{.Name}},</p>
<p>qualtrack has {{.Count}} {{if eq .Count 1}}reminder{{else}}reminders{{end}} for you on {{.Date}}.</p>
{{range .Sections}}
<h2 style="font-size: 16px; margin: 24px 0 8px;">{{.Heading}}</h2>
<ul style="padding-left: 20px;">
{{range .Items}}<li style="margin-bottom: 12px;"><a href="{{.URL}}">{{.Title}}</a><br><span style="color: #495057;">{{.Body}}</span></li>
{{end}}</ul>
{{end}}
<p style="color: #868e96; font-size: 13px; margin-top: 32px;"><a href="{{.BaseURL}}">Open qualtrack</a> &middot;
<a href="{{.SettingsURL}}">Choose which reminders you receive and how</a></p>
</body>
</html>
`))
