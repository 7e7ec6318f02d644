package reminders

import (
	"crypto/sha256"
	"encoding/hex"
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
			Summary:     fmt.Sprintf("%s: %s inspection (%s)", in.SiteCode, strings.ReplaceAll(string(in.Type), "_", "-"), in.SiteName),
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
			Summary:     fmt.Sprintf("%s: %s expires", ct.SiteCode, ct.Standard),
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
			Summary:     fmt.Sprintf("%s: %s finding due", f.SiteCode, f.Severity),
			Description: desc + "\n" + link, URL: link, Categories: []string{"qualtrack", "Finding due"},
		})
	}
	for _, st := range e.DueSites {
		link := fmt.Sprintf("%s/sites/%d", baseURL, st.ID)
		c.Events = append(c.Events, Event{
			UID: uid("inspection-due", st.ID), Date: st.NextInspectionDue,
			Summary: fmt.Sprintf("%s: inspection due, none planned", st.Code),
			Description: fmt.Sprintf("%s, %s risk, is due for inspection on this day and no inspection is planned.\n%s",
				siteLabel(st.Name, st.Code, st.ManufacturerName), st.RiskTier, link),
			URL: link, Categories: []string{"qualtrack", "Inspection due"},
		})
	}
	for _, st := range e.ConditionalSites {
		link := fmt.Sprintf("%s/sites/%d", baseURL, st.ID)
		c.Events = append(c.Events, Event{
			UID: uid("conditional-until", st.ID), Date: st.ConditionalUntil,
			Summary: fmt.Sprintf("%s: conditional approval ends", st.Code),
			Description: fmt.Sprintf("%s is approved on conditions until this day. Decide whether to qualify, suspend or disqualify it.\n%s",
				siteLabel(st.Name, st.Code, st.ManufacturerName), link),
			URL: link, Categories: []string{"qualtrack", "Conditional approval ends"},
		})
	}
	return c
}

// ContentHash identifies what an event shows; when it changes, the event
// changed.
func (e Event) ContentHash() string {
	h := sha256.New()
	for _, part := range append([]string{e.Date.String(), e.Summary, e.Description, e.URL}, e.Categories...) {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Revise gives every event its SEQUENCE and DTSTAMP from revs (see
// store.CalendarRevisions), keyed by UID.
func (c *Calendar) Revise(revs map[string]store.CalendarRevision) {
	for i := range c.Events {
		if r, ok := revs[c.Events[i].UID]; ok {
			c.Events[i].Sequence, c.Events[i].Stamp = r.Sequence, r.ChangedAt
		}
	}
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
