package reminders

import (
	"slices"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// DefaultChannel is how a role hears of reminders until the user chooses:
// the people who act on them (procurement, managers, admins) by e-mail,
// auditors, who only read, not at all.
func DefaultChannel(role model.Role) model.NotificationChannel {
	if role == model.RoleAuditor {
		return model.ChannelOff
	}
	return model.ChannelEmail
}

// Preferences are a user's effective channel for every kind their role
// hears of (model.KindsFor): their choice, else their role's default.
func Preferences(role model.Role, chosen map[model.ReminderKind]model.NotificationChannel) map[model.ReminderKind]model.NotificationChannel {
	kinds := model.KindsFor(role)
	out := make(map[model.ReminderKind]model.NotificationChannel, len(kinds))
	for _, k := range kinds {
		out[k] = DefaultChannel(role)
		if c, ok := chosen[k]; ok && c.Valid() {
			out[k] = c
		}
	}
	return out
}

// Reminder is an item told to one user by one channel.
type Reminder struct {
	Item
	UserID    int64
	UserEmail string
	Channel   model.NotificationChannel // email or in_app
}

// Plan chooses who is told what: every recipient whose channel for the
// item's kind is not off, unless they were told this stage already. With
// emailAvailable false (no SMTP server), or for a user whose address the
// mail server refused, e-mail reminders go in-app only.
func Plan(items []Item, recipients []store.Recipient, sent map[store.ReminderKey]bool, emailAvailable bool) []Reminder {
	var out []Reminder
	for _, r := range recipients {
		prefs := Preferences(r.Role, r.Preferences)
		for _, it := range items {
			ch, ok := prefs[it.Kind]
			if !ok || ch == model.ChannelOff || !reads(r, it) {
				continue
			}
			if ch == model.ChannelEmail && (!emailAvailable || r.EmailRefused) {
				ch = model.ChannelInApp
			}
			if sent[store.ReminderKey{Kind: it.Kind, EntityID: it.EntityID, Stage: it.Stage, UserID: r.ID}] {
				continue
			}
			told := Reminder{Item: it, UserID: r.ID, UserEmail: r.Email, Channel: ch}
			told.Title, told.Body = it.In(r.Language)
			out = append(out, told)
		}
	}
	return out
}

// newReminders is plan's output as the store records it.
func newReminders(rs []Reminder) []store.NewReminder {
	out := make([]store.NewReminder, len(rs))
	for i, r := range rs {
		out[i] = store.NewReminder{
			ReminderKey: store.ReminderKey{Kind: r.Kind, EntityID: r.EntityID, Stage: r.Stage, UserID: r.UserID},
			EntityType:  r.EntityType, Channel: r.Channel, Title: r.Title, Body: r.Body, Link: r.Link, Date: r.Date,
		}
	}
	return out
}

// reads reports whether r may hear of it: a scoped auditor or a supplier
// only of their manufacturers' records, a supplier bound to some sites
// only of those sites' records. A supplier without a manufacturer hears of
// nothing.
func reads(r store.Recipient, it Item) bool {
	if r.Role == model.RoleSupplier && len(r.Scope) == 0 {
		return false
	}
	if r.Scope != nil && !slices.Contains(r.Scope, it.ManufacturerID) {
		return false
	}
	return r.SiteScope == nil || it.SiteID == 0 || slices.Contains(r.SiteScope, it.SiteID)
}
