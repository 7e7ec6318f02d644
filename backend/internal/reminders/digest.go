package reminders

import (
	"bytes"
	"cmp"
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
	// Unsubscribe is where the recipient chooses what they receive; it
	// becomes the List-Unsubscribe header mail programs offer as a button.
	Unsubscribe string
}

// Digest is one user's e-mail of the day: the reminders of theirs no
// digest has carried yet, written from today's records.
type Digest struct {
	UserID int64
	Email  string
	Name   string
	// Scope limits a scoped auditor to these manufacturers (nil: all).
	Scope []int64
	Items []Item
	// ReminderIDs are the pending reminders the digest carries.
	ReminderIDs []int64
	// Totals are everything overdue the user can see, not only what is
	// reminded of today.
	Totals store.OverdueTotals
}

type pendingKey struct {
	kind     model.ReminderKind
	entityID int64
}

// Digests matches the pending e-mail reminders with what is due today and
// with who may hear of it today. A reminder recorded on an earlier day
// whose digest failed is carried only if its record still needs a
// reminder (a closed finding or a withdrawn certificate does not), the
// user still reads that record (a narrowed scope leaves it out) and still
// wants that kind by e-mail; its wording is today's. Pending reminders of
// users who are no longer recipients (disabled, expired, refused address)
// carry nothing.
func Digests(items []Item, recipients []store.Recipient, pending []store.PendingEmail) []Digest {
	byUser := map[int64]map[pendingKey][]int64{}
	for _, p := range pending {
		if byUser[p.UserID] == nil {
			byUser[p.UserID] = map[pendingKey][]int64{}
		}
		k := pendingKey{p.Kind, p.EntityID}
		byUser[p.UserID][k] = append(byUser[p.UserID][k], p.ReminderID)
	}
	var out []Digest
	for _, r := range recipients {
		want := byUser[r.ID]
		if len(want) == 0 || r.EmailRefused {
			continue
		}
		prefs := Preferences(r.Role, r.Preferences)
		d := Digest{UserID: r.ID, Email: r.Email, Name: r.Name, Scope: r.Scope}
		for _, it := range items {
			ids, ok := want[pendingKey{it.Kind, it.EntityID}]
			if !ok || prefs[it.Kind] != model.ChannelEmail || (r.Scope != nil && !slices.Contains(r.Scope, it.ManufacturerID)) {
				continue
			}
			d.Items = append(d.Items, it)
			d.ReminderIDs = append(d.ReminderIDs, ids...)
		}
		if len(d.Items) > 0 {
			out = append(out, d)
		}
	}
	return out
}

// digestSections are a digest's sections, most urgent first: what is
// already late, then what is coming. List is the web app's list that
// shows all of a section's records.
var digestSections = []struct {
	kind    model.ReminderKind
	late    bool
	heading string
	list    string
}{
	{model.KindCertificateExpiry, true, "Certificates expired", "/certifications?status=expired"},
	{model.KindFindingOverdue, true, "Findings overdue", "/findings?overdue=true"},
	{model.KindInspectionDue, true, "Inspections overdue", "/sites?overdue=true"},
	{model.KindConditionalEnding, true, "Conditional approvals ended", "/sites?status=conditional"},
	{model.KindCertificateExpiry, false, "Certificates expiring", "/certifications?status=expiring"},
	{model.KindInspectionDue, false, "Inspections due", "/sites?sort=next_inspection_due"},
	{model.KindConditionalEnding, false, "Conditional approvals ending", "/sites?status=conditional"},
}

// DigestSectionItems is how many items a section shows; the rest are
// counted, with a link to the list that shows them all. It keeps a
// digest of a large register well under the size at which Gmail clips a
// message (about 102 KB).
const DigestSectionItems = 10

type digestSection struct {
	Heading string
	Late    bool
	Items   []digestLine
	More    int
	MoreURL string
}

type digestLine struct {
	Title, Body, URL string
}

type digestTotal struct {
	Count int64
	Label string
	URL   string
}

type digestView struct {
	Name        string
	Date        string
	Count       int
	Sections    []digestSection
	Totals      []digestTotal
	BaseURL     string
	SettingsURL string
}

// settingsPath is where the web app lets users choose their reminders.
const settingsPath = "/profile/notifications"

// RenderDigest renders a user's digest for today: most urgent first, late
// items apart from coming ones, at most DigestSectionItems per section.
// All user text goes through html/template in the HTML part, so it is
// escaped there. Dates are YYYY-MM-DD throughout.
func RenderDigest(d Digest, today model.Date, baseURL string) (Message, error) {
	v := digestView{Name: d.Name, Date: today.String(), Count: len(d.Items),
		BaseURL: baseURL, SettingsURL: baseURL + settingsPath}
	for _, sec := range digestSections {
		var its []Item
		for _, it := range d.Items {
			if it.Kind == sec.kind && it.Date.Before(today) == sec.late {
				its = append(its, it)
			}
		}
		if len(its) == 0 {
			continue
		}
		slices.SortStableFunc(its, func(a, b Item) int {
			return cmp.Or(
				cmp.Compare(severityRank(a.Severity), severityRank(b.Severity)),
				a.Date.Time().Compare(b.Date.Time()),
				cmp.Compare(a.EntityID, b.EntityID))
		})
		s := digestSection{Heading: sec.heading, Late: sec.late, MoreURL: baseURL + sec.list}
		for i, it := range its {
			if i == DigestSectionItems {
				s.More = len(its) - i
				break
			}
			s.Items = append(s.Items, digestLine{Title: it.Title, Body: it.Body, URL: baseURL + it.Link})
		}
		v.Sections = append(v.Sections, s)
	}
	for _, t := range []digestTotal{
		{d.Totals.InspectionsOverdue, "inspections overdue", baseURL + "/sites?overdue=true"},
		{d.Totals.FindingsOverdue, "findings overdue", baseURL + "/findings?overdue=true"},
		{d.Totals.CertificatesExpired, "certificates expired", baseURL + "/certifications?status=expired"},
	} {
		if t.Count > 0 {
			v.Totals = append(v.Totals, t)
		}
	}
	var text, html bytes.Buffer
	if err := digestText.Execute(&text, v); err != nil {
		return Message{}, fmt.Errorf("reminders: render digest text: %w", err)
	}
	if err := digestHTML.Execute(&html, v); err != nil {
		return Message{}, fmt.Errorf("reminders: render digest html: %w", err)
	}
	return Message{To: d.Email, ToName: d.Name, Subject: digestSubject(d, today), Text: text.String(), HTML: html.String(),
		Unsubscribe: v.SettingsURL}, nil
}

// severityRank orders findings worst first; other items have none.
func severityRank(s model.Severity) int {
	if i := slices.Index(model.Severities, s); i >= 0 {
		return i
	}
	return len(model.Severities)
}

func digestSubject(d Digest, today model.Date) string {
	noun := "reminders"
	if len(d.Items) == 1 {
		noun = "reminder"
	}
	urgent := slices.ContainsFunc(d.Items, func(it Item) bool { return it.Date.Before(today) })
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
{{end}}{{if .More}}
- and {{.More}} more: {{.MoreURL}}
{{end}}{{end}}{{if .Totals}}
Overdue in all (not only today's reminders):
{{range .Totals}}- {{.Count}} {{.Label}}: {{.URL}}
{{end}}{{end}}
-- 
Open qualtrack: {{.BaseURL}}
Choose which reminders you receive and how: {{.SettingsURL}}
`))

var digestHTML = htmltemplate.Must(htmltemplate.New("html").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>qualtrack reminders</title>
</head>
<body style="margin:0;padding:0;background:#f1f3f5;">
<div style="max-width:640px;margin:0 auto;padding:16px;background:#ffffff;font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;font-size:15px;line-height:1.45;color:#1a1b1e;">
<p style="margin:0 0 12px;">Hello {{.Name}},</p>
<p style="margin:0 0 16px;">qualtrack has <strong>{{.Count}} {{if eq .Count 1}}reminder{{else}}reminders{{end}}</strong> for you on {{.Date}}.</p>
{{range .Sections}}<h2 style="font-size:16px;margin:24px 0 8px;padding-left:8px;border-left:4px solid {{if .Late}}#e03131{{else}}#f08c00{{end}};">{{.Heading}}</h2>
{{range .Items}}<p style="margin:0 0 12px;"><a href="{{.URL}}" style="color:#1c7ed6;font-weight:600;">{{.Title}}</a><br><span style="color:#495057;">{{.Body}}</span></p>
{{end}}{{if .More}}<p style="margin:0 0 12px;"><a href="{{.MoreURL}}" style="color:#1c7ed6;">and {{.More}} more: see them all in qualtrack</a></p>
{{end}}{{end}}{{if .Totals}}<h2 style="font-size:16px;margin:24px 0 8px;">Overdue in all</h2>
<p style="margin:0 0 8px;color:#495057;">Everything overdue you can see, not only today's reminders:</p>
<ul style="margin:0;padding-left:20px;">
{{range .Totals}}<li><a href="{{.URL}}" style="color:#1c7ed6;">{{.Count}} {{.Label}}</a></li>
{{end}}</ul>
{{end}}<p style="color:#868e96;font-size:13px;margin:32px 0 0;"><a href="{{.BaseURL}}" style="color:#868e96;">Open qualtrack</a> &middot;
<a href="{{.SettingsURL}}" style="color:#868e96;">Choose which reminders you receive and how</a></p>
</div>
</body>
</html>
`))
