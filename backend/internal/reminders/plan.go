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

// Preferences are a user's effective channel for every kind: their choice,
// else their role's default.
func Preferences(role model.Role, chosen map[model.ReminderKind]model.NotificationChannel) map[model.ReminderKind]model.NotificationChannel {
	out := make(map[model.ReminderKind]model.NotificationChannel, len(model.ReminderKinds))
	for _, k := range model.ReminderKinds {
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
			ch := prefs[it.Kind]
			if ch == model.ChannelOff || (r.Scope != nil && !slices.Contains(r.Scope, it.ManufacturerID)) {
				continue
			}
			if ch == model.ChannelEmail && (!emailAvailable || r.EmailRefused) {
				ch = model.ChannelInApp
			}
			if sent[store.ReminderKey{Kind: it.Kind, EntityID: it.EntityID, Stage: it.Stage, UserID: r.ID}] {
				continue
			}
			out = append(out, Reminder{Item: it, UserID: r.ID, UserEmail: r.Email, Channel: ch})
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
