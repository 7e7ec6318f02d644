package reminders

import (
	"bytes"
	"cmp"
	"fmt"
	htmltemplate "html/template"
	"slices"
	texttemplate "text/template"

	"golang.org/x/text/message"

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
	Role   model.Role
	// Language is what the digest is written in (its items already are).
	Language model.Language
	// Scope limits a scoped auditor or a supplier to these manufacturers
	// (nil: all).
	Scope []int64
	Items []Item
	// ReminderIDs are the pending reminders the digest carries.
	ReminderIDs []int64
	// Totals are everything overdue the user can see, not only what is
	// reminded of today.
	Totals store.OverdueTotals
}

// pendingKey names a record a pending reminder is about; one kind covers
// records of several types (a request's stage and a questionnaire are
// both answer_due), so the type is part of it.
type pendingKey struct {
	kind       model.ReminderKind
	entityType string
	entityID   int64
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
		k := pendingKey{p.Kind, p.EntityType, p.EntityID}
		byUser[p.UserID][k] = append(byUser[p.UserID][k], p.ReminderID)
	}
	var out []Digest
	for _, r := range recipients {
		want := byUser[r.ID]
		if len(want) == 0 || r.EmailRefused {
			continue
		}
		prefs := Preferences(r.Role, r.Preferences)
		d := Digest{UserID: r.ID, Email: r.Email, Name: r.Name, Role: r.Role, Scope: r.Scope}
		if r.Role == model.RoleSupplier {
			// The supplier's e-mails are translated; the buyers' screens
			// and e-mails are in English.
			d.Language = r.Language
		}
		for _, it := range items {
			ids, ok := want[pendingKey{it.Kind, it.EntityType, it.EntityID}]
			if !ok || prefs[it.Kind] != model.ChannelEmail || !reads(r, it) {
				continue
			}
			it.Title, it.Body = it.In(r.Language)
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
	kind model.ReminderKind
	// entity: the section holds the items of this record type ("": any).
	entity string
	// late: the section holds the items whose date has passed, else the
	// others; anyDate: every item of its kind.
	late, anyDate bool
	heading       string // a catalog key
	list          string
}{
	{model.KindAnswerDue, "corrective_action", true, false, "Answers overdue", "/supplier"},
	{model.KindAnswerDue, "self_assessment", true, false, "Questionnaires overdue", "/supplier"},
	{model.KindCertificateExpiry, "", true, false, "Certificates expired", "/certifications?status=expired"},
	{model.KindFindingOverdue, "", true, false, "Findings overdue", "/findings?overdue=true"},
	{model.KindSupplierAnswer, "corrective_action", false, true, "Supplier answers to review", "/corrective-actions"},
	{model.KindSupplierAnswer, "self_assessment", false, true, "Questionnaires to review", "/self-assessments?status=submitted"},
	{model.KindInspectionDue, "", true, false, "Inspections overdue", "/sites?overdue=true"},
	{model.KindConditionalEnding, "", true, false, "Conditional approvals ended", "/sites?status=conditional"},
	{model.KindAnswerDue, "corrective_action", false, false, "Answers due", "/supplier"},
	{model.KindAnswerDue, "self_assessment", false, false, "Questionnaires due", "/supplier"},
	{model.KindCertificateExpiry, "", false, false, "Certificates expiring", "/certifications?status=expiring"},
	{model.KindInspectionDue, "", false, false, "Inspections due", "/sites?sort=next_inspection_due"},
	{model.KindConditionalEnding, "", false, false, "Conditional approvals ending", "/sites?status=conditional"},
}

// DigestSectionItems is how many items a section shows; the rest are
// counted, with a link to the list that shows them all. It keeps a
// digest of a large register well under the size at which Gmail clips a
// message (about 102 KB).
const DigestSectionItems = 10

type digestSection struct {
	Heading  string
	Late     bool
	Items    []digestLine
	More     int
	MoreURL  string
	MoreText string // the HTML link's words
	MoreLead string // the plain text's words before the address
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
	Lang        string
	Title       string
	Hello       string
	Intro       string
	Sections    []digestSection
	Totals      []digestTotal
	BaseURL     string
	SettingsURL string
	Open        string
	Choose      string
}

// settingsPath is where the web app lets users choose their reminders;
// supplierSettingsPath is the supplier portal's place for it.
const (
	settingsPath         = "/profile/notifications"
	supplierSettingsPath = "/supplier#settings"
)

// RenderDigest renders a user's digest for today: most urgent first, late
// items apart from coming ones, at most DigestSectionItems per section.
// All user text goes through html/template in the HTML part, so it is
// escaped there. Dates are YYYY-MM-DD throughout.
func RenderDigest(d Digest, today model.Date, baseURL string) (Message, error) {
	p := printer(d.Language)
	intro := "qualtrack has %d reminders for you on %s."
	if len(d.Items) == 1 {
		intro = "qualtrack has %d reminder for you on %s."
	}
	v := digestView{Lang: languageTag(d.Language), Title: p.Sprintf("qualtrack reminders"), Hello: p.Sprintf("Hello %s,", d.Name),
		Intro:   p.Sprintf(intro, len(d.Items), writeDate(d.Language, today)),
		BaseURL: baseURL, SettingsURL: baseURL + settingsPath, Open: p.Sprintf("Open qualtrack"), Choose: p.Sprintf("Choose which reminders you receive and how")}
	if d.Role == model.RoleSupplier {
		v.SettingsURL = baseURL + supplierSettingsPath
	}
	for _, sec := range digestSections {
		var its []Item
		for _, it := range d.Items {
			if it.Kind == sec.kind && (sec.entity == "" || it.EntityType == sec.entity) && (sec.anyDate || it.Date.Before(today) == sec.late) {
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
		s := digestSection{Heading: p.Sprintf(sec.heading), Late: sec.late, MoreURL: baseURL + sec.list}
		for i, it := range its {
			if i == DigestSectionItems {
				s.More = len(its) - i
				s.MoreText = p.Sprintf("and %d more: see them all in qualtrack", s.More)
				s.MoreLead = p.Sprintf("and %d more:", s.More)
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
	return Message{To: d.Email, ToName: d.Name, Subject: digestSubject(p, d, today), Text: text.String(), HTML: html.String(),
		Unsubscribe: v.SettingsURL}, nil
}

// severityRank orders findings worst first; other items have none.
func severityRank(s model.Severity) int {
	if i := slices.Index(model.Severities, s); i >= 0 {
		return i
	}
	return len(model.Severities)
}

func digestSubject(p *message.Printer, d Digest, today model.Date) string {
	format := "qualtrack: %d reminders for %s"
	if len(d.Items) == 1 {
		format = "qualtrack: %d reminder for %s"
	}
	s := p.Sprintf(format, len(d.Items), writeDate(d.Language, today))
	// A supplier's answer waiting is not overdue whatever its date.
	if slices.ContainsFunc(d.Items, func(it Item) bool { return it.Kind != model.KindSupplierAnswer && it.Date.Before(today) }) {
		s += p.Sprintf(" (some overdue)")
	}
	return s
}

var digestText = texttemplate.Must(texttemplate.New("text").Parse(`{{.Hello}}

{{.Intro}}
{{range .Sections}}
{{.Heading}}
{{range .Items}}
- {{.Title}}
  {{.Body}}
  {{.URL}}
{{end}}{{if .More}}
- {{.MoreLead}} {{.MoreURL}}
{{end}}{{end}}{{if .Totals}}
Overdue in all (not only today's reminders):
{{range .Totals}}- {{.Count}} {{.Label}}: {{.URL}}
{{end}}{{end}}
-- 
{{.Open}}: {{.BaseURL}}
{{.Choose}}: {{.SettingsURL}}
`))

var digestHTML = htmltemplate.Must(htmltemplate.New("html").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
</head>
<body style="margin:0;padding:0;background:#f1f3f5;">
<div style="max-width:640px;margin:0 auto;padding:16px;background:#ffffff;font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;font-size:15px;line-height:1.45;color:#1a1b1e;">
<p style="margin:0 0 12px;">{{.Hello}}</p>
<p style="margin:0 0 16px;">{{.Intro}}</p>
{{range .Sections}}<h2 style="font-size:16px;margin:24px 0 8px;padding-left:8px;border-left:4px solid {{if .Late}}#e03131{{else}}#f08c00{{end}};">{{.Heading}}</h2>
{{range .Items}}<p style="margin:0 0 12px;"><a href="{{.URL}}" style="color:#1c7ed6;font-weight:600;">{{.Title}}</a><br><span style="color:#495057;">{{.Body}}</span></p>
{{end}}{{if .More}}<p style="margin:0 0 12px;"><a href="{{.MoreURL}}" style="color:#1c7ed6;">{{.MoreText}}</a></p>
{{end}}{{end}}{{if .Totals}}<h2 style="font-size:16px;margin:24px 0 8px;">Overdue in all</h2>
<p style="margin:0 0 8px;color:#495057;">Everything overdue you can see, not only today's reminders:</p>
<ul style="margin:0;padding-left:20px;">
{{range .Totals}}<li><a href="{{.URL}}" style="color:#1c7ed6;">{{.Count}} {{.Label}}</a></li>
{{end}}</ul>
{{end}}<p style="color:#868e96;font-size:13px;margin:32px 0 0;"><a href="{{.BaseURL}}" style="color:#868e96;">{{.Open}}</a> &middot;
<a href="{{.SettingsURL}}" style="color:#868e96;">{{.Choose}}</a></p>
</div>
</body>
</html>
`))
