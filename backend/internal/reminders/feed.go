package reminders

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// Feed window: what a calendar feed shows, around today.
const (
	FeedDaysBack  = 90
	FeedDaysAhead = 730
)

// FeedCalendar turns the dated records into a user's calendar. Every
// event links into the app under baseURL; UIDs are derived from the record
// and the host of baseURL, so they are stable across feeds and reloads.
func FeedCalendar(name string, e store.CalendarEntries, baseURL string) Calendar {
	host := "qualtrack"
	if u, err := url.Parse(baseURL); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	uid := func(kind string, id int64) string { return fmt.Sprintf("%s-%d@%s", kind, id, host) }
	c := Calendar{Name: name}
	for _, in := range e.Inspections {
		desc := []string{fmt.Sprintf("%s inspection of %s (%s).", capitalize(strings.ReplaceAll(string(in.Type), "_", "-")), in.SiteName, in.SiteCode)}
		if in.Scope != "" {
			desc = append(desc, "Scope: "+in.Scope)
		}
		if in.Team != "" {
			desc = append(desc, "Team: "+in.Team)
		}
		link := fmt.Sprintf("%s/inspections/%d", baseURL, in.ID)
		c.Events = append(c.Events, Event{
			UID: uid("inspection", in.ID), Stamp: in.UpdatedAt, Date: in.ScheduledDate,
			Summary:     fmt.Sprintf("Inspection %s: %s", in.SiteCode, in.SiteName),
			Description: strings.Join(append(desc, link), "\n"), URL: link, Categories: []string{"qualtrack", "Inspection"},
		})
	}
	for _, ct := range e.Certificates {
		desc := fmt.Sprintf("The %s certificate of %s (%s)", ct.Standard, ct.SiteName, ct.SiteCode)
		if ct.CertificateNumber != "" {
			desc += ", number " + ct.CertificateNumber
		}
		if ct.IssuingBody != "" {
			desc += ", issued by " + ct.IssuingBody
		}
		link := fmt.Sprintf("%s/certifications/%d", baseURL, ct.ID)
		c.Events = append(c.Events, Event{
			UID: uid("certification-expiry", ct.ID), Stamp: ct.UpdatedAt, Date: ct.ExpiresOn,
			Summary:     fmt.Sprintf("%s expires: %s", ct.Standard, ct.SiteCode),
			Description: desc + ", expires at the end of this day.\n" + link, URL: link, Categories: []string{"qualtrack", "Certificate expiry"},
		})
	}
	for _, f := range e.Findings {
		desc := fmt.Sprintf("%s finding at %s (%s): %s", capitalize(string(f.Severity)), f.SiteName, f.SiteCode, f.Description)
		if f.Owner != "" {
			desc += "\nOwner: " + f.Owner
		}
		link := fmt.Sprintf("%s/findings/%d", baseURL, f.ID)
		c.Events = append(c.Events, Event{
			UID: uid("finding-due", f.ID), Stamp: f.UpdatedAt, Date: f.DueDate,
			Summary:     fmt.Sprintf("Finding due (%s): %s", f.Severity, f.SiteCode),
			Description: desc + "\n" + link, URL: link, Categories: []string{"qualtrack", "Finding due"},
		})
	}
	return c
}

// FeedWindow is the range of dates a feed read on today shows.
func FeedWindow(today model.Date) (from, to model.Date) {
	return today.AddDays(-FeedDaysBack), today.AddDays(FeedDaysAhead)
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
