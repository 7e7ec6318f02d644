// Package reminders tells people in time what is coming due: certificates
// expiring, inspections due, findings overdue and conditional approvals
// ending. It owns the due-work rules (pure functions), the daily scheduler,
// the e-mail digest and its SMTP sender, and the iCalendar feed writer.
package reminders

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"golang.org/x/text/message"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// LateLimitDays: nothing is reminded of once its date passed longer ago
// than this. Older matters are on the dashboard; a reminder about them
// (for example on the first run after an upgrade) would be noise.
const LateLimitDays = 30

// certificateStages are the days before expiry at which a certificate is
// reminded of, furthest first; the last stage is the expiry day itself.
var certificateStages = []int{90, 60, 30, 14, 7}

// inspectionStages are the days before an inspection is due.
var inspectionStages = []int{30, 7}

// conditionalNoticeDays is how long before a conditional approval ends
// its holders are told.
const conditionalNoticeDays = 30

// Window is the range of dates a run on today must look at.
func Window(today model.Date) store.ReminderWindow {
	return store.ReminderWindow{From: today.AddDays(-LateLimitDays), To: today.AddDays(certificateStages[0])}
}

// stage names the most urgent of stages (days before date, furthest first)
// reached today, "<n>d@<date>", or "" when none is reached yet. A run that
// was missed therefore catches up with the current stage only: a
// certificate entered 20 days before it expires gets the 30-day reminder,
// not the 90- and 60-day ones as well.
func stage(date, today model.Date, stages []int) string {
	left := today.DaysUntil(date)
	name := ""
	for _, n := range stages {
		if left <= n {
			name = fmt.Sprintf("%dd", n)
		}
	}
	if name == "" {
		return ""
	}
	return name + "@" + date.String()
}

// late reports whether date passed too long ago to remind of.
func late(date, today model.Date) bool {
	return date.DaysUntil(today) > LateLimitDays
}

// CertificateStage is the reminder stage of a certificate expiring on
// expiresOn: 90, 60, 30, 14 or 7 days before, then "expiry" from its
// expiry day until LateLimitDays after. ok is false when no reminder is
// due: too early, expired long ago, withdrawn, or superseded by a later
// certificate of the same standard.
func CertificateStage(expiresOn model.Date, withdrawn, superseded bool, today model.Date) (string, bool) {
	if expiresOn.IsZero() || withdrawn || superseded || late(expiresOn, today) {
		return "", false
	}
	if !today.Before(expiresOn) {
		return "expiry@" + expiresOn.String(), true
	}
	s := stage(expiresOn, today, certificateStages)
	return s, s != ""
}

// InspectionStage is the reminder stage of a site's next inspection: 30
// and 7 days before it is due, and "overdue" once qualification.Overdue
// says so. A disqualified site is no longer inspected.
func InspectionStage(status model.QualificationStatus, due, nextPlanned, today model.Date) (string, bool) {
	if due.IsZero() || status == model.StatusDisqualified || late(due, today) {
		return "", false
	}
	if due.Before(today) {
		if !qualification.Overdue(due, nextPlanned, today) {
			return "", false
		}
		return "overdue@" + due.String(), true
	}
	s := stage(due, today, inspectionStages)
	return s, s != ""
}

// FindingStage is the reminder stage of a finding: "overdue" once
// qualification.FindingOverdue says so.
func FindingStage(due model.Date, status model.FindingStatus, today model.Date) (string, bool) {
	if !qualification.FindingOverdue(due, status, today) || late(due, today) {
		return "", false
	}
	return "overdue@" + due.String(), true
}

// ConditionalStage is the reminder stage of a conditional approval ending
// on until: within 30 days of its end, and "ended" if the site is still
// conditional after it.
func ConditionalStage(status model.QualificationStatus, until, today model.Date) (string, bool) {
	if status != model.StatusConditional || until.IsZero() || late(until, today) {
		return "", false
	}
	if until.Before(today) {
		return "ended@" + until.String(), true
	}
	s := stage(until, today, []int{conditionalNoticeDays})
	return s, s != ""
}

// Item is a record that needs a reminder today, whoever hears of it.
type Item struct {
	Kind model.ReminderKind
	// ManufacturerID is whose record it is: a scoped auditor or a supplier
	// hears only of their manufacturers' records; SiteID (where the record
	// has one site) narrows it for a supplier bound to some sites.
	ManufacturerID int64
	SiteID         int64
	EntityType     string
	EntityID       int64
	Stage          string
	Date           model.Date // the date the reminder is about
	// Severity is a finding's; findings of higher severity come first.
	Severity model.Severity
	Title    string
	Body     string
	Link     string
	// say writes the title and body in another language, for the kinds a
	// supplier reads; nil: Title and Body are the only words.
	say func(p *message.Printer, lang model.Language) (title, body string)
}

// In is the item's title and body in lang.
func (it Item) In(lang model.Language) (title, body string) {
	if it.say == nil || lang == "" || lang == model.LanguageEnglish {
		return it.Title, it.Body
	}
	return it.say(printer(lang), lang)
}

// DueItems lists what needs a reminder on f.Today, in the order digests
// show them: by kind, then by date.
func DueItems(f store.ReminderFacts) []Item {
	today := f.Today
	var items []Item
	for _, c := range f.Certificates {
		st, ok := CertificateStage(c.ExpiresOn, false, c.Superseded, today)
		if !ok {
			continue
		}
		items = append(items, certificateItem(c, st, today))
	}
	for _, s := range f.Sites {
		if st, ok := InspectionStage(s.QualificationStatus, s.NextInspectionDue, s.NextPlannedDate, today); ok {
			items = append(items, inspectionItem(s, st, today))
		}
		if st, ok := ConditionalStage(s.QualificationStatus, s.ConditionalUntil, today); ok {
			items = append(items, conditionalItem(s, st, today))
		}
	}
	for _, fd := range f.Findings {
		if st, ok := FindingStage(fd.DueDate, fd.Status, today); ok {
			items = append(items, findingItem(fd, st, today))
		}
	}
	for _, st := range f.Stages {
		if name, ok := AnswerStage(st.Stage, st.Status, st.DueDate, today); ok {
			items = append(items, answerDueItem(st, name, today))
		}
		if name, ok := SupplierAnswerStage(st.Stage, st.Status, st.SubmittedAt, st.Submissions, today); ok {
			items = append(items, supplierAnswerItem(st, name))
		}
	}
	for _, a := range f.Assessments {
		if name, ok := AssessmentDueStage(a.Status, a.DueDate, today); ok {
			items = append(items, assessmentDueItem(a, name, today))
		}
		if name, ok := AssessmentSubmittedStage(a.Status, a.SubmittedAt, a.Submissions, today); ok {
			items = append(items, assessmentSubmittedItem(a, name))
		}
	}
	slices.SortStableFunc(items, func(a, b Item) int {
		return cmp.Or(
			cmp.Compare(slices.Index(model.ReminderKinds, a.Kind), slices.Index(model.ReminderKinds, b.Kind)),
			a.Date.Time().Compare(b.Date.Time()),
			cmp.Compare(a.EntityID, b.EntityID))
	})
	return items
}

func certificateItem(c store.DueCertificate, st string, today model.Date) Item {
	if c.SourceName != "" {
		return sourceCertificateItem(c, st, today)
	}
	title := fmt.Sprintf("%s certificate of %s %s", c.Standard, c.SiteCode, expiryPhrase(c.ExpiresOn, today))
	var b strings.Builder
	fmt.Fprintf(&b, "%s: the %s certificate", siteLabel(c.SiteName, c.SiteCode, c.ManufacturerName), c.Standard)
	if c.CertificateNumber != "" {
		fmt.Fprintf(&b, " %s", c.CertificateNumber)
	}
	if c.IssuingBody != "" {
		fmt.Fprintf(&b, " from %s", c.IssuingBody)
	}
	if today.After(c.ExpiresOn) {
		fmt.Fprintf(&b, " expired on %s. Record the renewed certificate, or withdraw this one.", c.ExpiresOn)
	} else {
		fmt.Fprintf(&b, " expires on %s. Record the renewed certificate when it arrives.", c.ExpiresOn)
	}
	return Item{Kind: model.KindCertificateExpiry, ManufacturerID: c.ManufacturerID, EntityType: "certification", EntityID: c.ID, Stage: st, Date: c.ExpiresOn,
		Title: title, Body: b.String(), Link: fmt.Sprintf("/certifications/%d", c.ID)}
}

// sourceCertificateItem is the reminder of a certificate held by one of
// the site's component sources: it links to the site's integrity page,
// where the source is edited.
func sourceCertificateItem(c store.DueCertificate, st string, today model.Date) Item {
	title := fmt.Sprintf("%s certificate of %s, component source of %s, %s", c.Standard, c.SourceName, c.SiteCode, expiryPhrase(c.ExpiresOn, today))
	var b strings.Builder
	fmt.Fprintf(&b, "%s: the %s certificate", siteLabel(c.SiteName, c.SiteCode, c.ManufacturerName), c.Standard)
	if c.CertificateNumber != "" {
		fmt.Fprintf(&b, " %s", c.CertificateNumber)
	}
	fmt.Fprintf(&b, " of the component source %s", c.SourceName)
	if today.After(c.ExpiresOn) {
		fmt.Fprintf(&b, " expired on %s. Record the source's renewed certificate, or stop buying from it.", c.ExpiresOn)
	} else {
		fmt.Fprintf(&b, " expires on %s. Record the source's renewed certificate when it arrives.", c.ExpiresOn)
	}
	return Item{Kind: model.KindCertificateExpiry, ManufacturerID: c.ManufacturerID, EntityType: "certification", EntityID: c.ID, Stage: st, Date: c.ExpiresOn,
		Title: title, Body: b.String(), Link: fmt.Sprintf("/sites/%d/integrity", c.SiteID)}
}

func inspectionItem(s store.DueSite, st string, today model.Date) Item {
	var title string
	if s.NextInspectionDue.Before(today) {
		title = fmt.Sprintf("Inspection of %s is overdue by %s", s.Code, days(s.NextInspectionDue.DaysUntil(today)))
	} else {
		title = fmt.Sprintf("Inspection of %s is due %s", s.Code, relative(today.DaysUntil(s.NextInspectionDue)))
	}
	body := fmt.Sprintf("%s, %s risk, is due for inspection on %s.", siteLabel(s.Name, s.Code, s.ManufacturerName), s.RiskTier, s.NextInspectionDue)
	if !s.NextPlannedDate.IsZero() {
		body += fmt.Sprintf(" An inspection is planned for %s.", s.NextPlannedDate)
	} else {
		body += " No inspection is planned yet."
	}
	return Item{Kind: model.KindInspectionDue, ManufacturerID: s.ManufacturerID, EntityType: "site", EntityID: s.ID, Stage: st, Date: s.NextInspectionDue,
		Title: title, Body: body, Link: fmt.Sprintf("/sites/%d", s.ID)}
}

func conditionalItem(s store.DueSite, st string, today model.Date) Item {
	var title, body string
	if s.ConditionalUntil.Before(today) {
		title = fmt.Sprintf("Conditional approval of %s ended %s", s.Code, relative(today.DaysUntil(s.ConditionalUntil)))
		body = fmt.Sprintf("%s was approved on conditions until %s and is still conditional. Decide whether to qualify, suspend or disqualify it.",
			siteLabel(s.Name, s.Code, s.ManufacturerName), s.ConditionalUntil)
	} else {
		title = fmt.Sprintf("Conditional approval of %s ends %s", s.Code, relative(today.DaysUntil(s.ConditionalUntil)))
		body = fmt.Sprintf("%s is approved on conditions until %s. Check the conditions are met and decide its status before then.",
			siteLabel(s.Name, s.Code, s.ManufacturerName), s.ConditionalUntil)
	}
	return Item{Kind: model.KindConditionalEnding, ManufacturerID: s.ManufacturerID, EntityType: "site", EntityID: s.ID, Stage: st, Date: s.ConditionalUntil,
		Title: title, Body: body, Link: fmt.Sprintf("/sites/%d", s.ID)}
}

func findingItem(f store.DueFinding, st string, today model.Date) Item {
	title := fmt.Sprintf("%s finding at %s is overdue by %s", capitalize(string(f.Severity)), f.SiteCode, days(f.DueDate.DaysUntil(today)))
	body := fmt.Sprintf("%s: %s Due %s", siteLabel(f.SiteName, f.SiteCode, f.ManufacturerName), shorten(f.Description, 200), f.DueDate)
	if f.Owner != "" {
		body += ", owner " + f.Owner
	}
	body += "."
	return Item{Kind: model.KindFindingOverdue, ManufacturerID: f.ManufacturerID, EntityType: "finding", EntityID: f.ID, Stage: st, Date: f.DueDate, Severity: f.Severity,
		Title: title, Body: body, Link: fmt.Sprintf("/findings/%d", f.ID)}
}

// siteLabel names a site the way a reader finds it: its name, its code
// and the manufacturer it belongs to.
func siteLabel(name, code, manufacturer string) string {
	if manufacturer == "" {
		return fmt.Sprintf("%s (%s)", name, code)
	}
	return fmt.Sprintf("%s (%s) of %s", name, code, manufacturer)
}

func expiryPhrase(expires, today model.Date) string {
	n := today.DaysUntil(expires)
	if n < 0 {
		return "expired " + relative(n)
	}
	return "expires " + relative(n)
}

// relative says when a date n days from today is, as people say it.
func relative(n int) string {
	switch {
	case n == 0:
		return "today"
	case n == 1:
		return "tomorrow"
	case n == -1:
		return "yesterday"
	case n > 1:
		return "in " + days(n)
	}
	return days(-n) + " ago"
}

func days(n int) string {
	if n == 1 {
		return "1 day"
	}
	return fmt.Sprintf("%d days", n)
}

// shorten cuts s to at most n characters on a word boundary and ends it
// as a sentence.
func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		cut := string(r[:n])
		if i := strings.LastIndex(cut, " "); i > n/2 {
			cut = cut[:i]
		}
		return cut + "…"
	}
	if s != "" && !strings.ContainsAny(s[len(s)-1:], ".!?") {
		s += "."
	}
	return s
}
