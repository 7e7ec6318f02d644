package model

import (
	"slices"
	"time"
)

// ReminderKind is what a reminder is about; users choose per kind how they
// hear of it.
type ReminderKind string

const (
	KindCertificateExpiry ReminderKind = "certificate_expiry"
	KindInspectionDue     ReminderKind = "inspection_due"
	KindFindingOverdue    ReminderKind = "finding_overdue"
	KindConditionalEnding ReminderKind = "conditional_ending"
	// KindSupplierAnswer is a supplier's answer to a corrective-action
	// stage, or its submitted questionnaire, waiting for the buyer's review.
	KindSupplierAnswer ReminderKind = "supplier_answer"
	// KindAnswerDue is a corrective-action stage or a questionnaire the
	// supplier must answer, coming due or overdue: the one kind a supplier
	// hears of.
	KindAnswerDue ReminderKind = "answer_due"
)

// ReminderKinds lists every kind in the order digests show them.
var ReminderKinds = []ReminderKind{KindCertificateExpiry, KindInspectionDue, KindFindingOverdue, KindConditionalEnding, KindSupplierAnswer, KindAnswerDue}

// KindsFor lists the kinds a role hears of: a supplier only of the stages
// it must answer; everyone else of the register and of the suppliers'
// answers.
func KindsFor(role Role) []ReminderKind {
	if role == RoleSupplier {
		return []ReminderKind{KindAnswerDue}
	}
	return slices.DeleteFunc(slices.Clone(ReminderKinds), func(k ReminderKind) bool { return k == KindAnswerDue })
}

// Valid reports whether k is a known kind.
func (k ReminderKind) Valid() bool { return slices.Contains(ReminderKinds, k) }

// NotificationChannel is how a user hears of a kind of reminder: by e-mail
// digest (and in the app), in the app only, or not at all.
type NotificationChannel string

const (
	ChannelEmail NotificationChannel = "email"
	ChannelInApp NotificationChannel = "in_app"
	ChannelOff   NotificationChannel = "off"
)

// NotificationChannels lists every channel.
var NotificationChannels = []NotificationChannel{ChannelEmail, ChannelInApp, ChannelOff}

// Valid reports whether c is a known channel.
func (c NotificationChannel) Valid() bool { return slices.Contains(NotificationChannels, c) }

// ReminderRun is one day's reminder run. The unique run date is what keeps
// several instances from sending the same day's reminders twice.
type ReminderRun struct {
	Base
	RunDate    Date       `json:"run_date"`
	StartedAt  time.Time  `json:"started_at"`
	FinishedAt *time.Time `json:"finished_at"`
	Reminders  int        `json:"reminders"`
	Emails     int        `json:"emails"`
	// MailLeaseUntil is held by whoever sends the day's digests.
	MailLeaseUntil *time.Time `json:"-"`
}

// Reminder records that a user was told about one stage of one record, so
// the same stage is never told twice. Stage carries the date it is about
// ("30d@2026-07-15"), so a renewed certificate or a new due date starts
// afresh.
type Reminder struct {
	Base
	Kind       ReminderKind        `gorm:"size:30" json:"kind"`
	EntityType string              `gorm:"size:20" json:"entity_type"`
	EntityID   int64               `json:"entity_id"`
	Stage      string              `gorm:"size:40" json:"stage"`
	UserID     int64               `json:"user_id"`
	RunDate    Date                `json:"run_date"`
	Channel    NotificationChannel `gorm:"size:10" json:"channel"`
	// EmailedAt is when the digest holding it was sent; nil while an
	// e-mail reminder waits for its digest (or forever for in-app ones).
	EmailedAt *time.Time `json:"emailed_at"`
}

// Notification is an in-app message to one user, linking to its record.
type Notification struct {
	Base
	UserID     int64        `json:"-"`
	ReminderID *int64       `json:"-"`
	Kind       ReminderKind `gorm:"size:30" json:"kind"`
	EntityType string       `gorm:"size:20" json:"entity_type"`
	EntityID   int64        `json:"entity_id"`
	Title      string       `gorm:"size:300" json:"title"`
	Body       string       `json:"body"`
	Link       string       `gorm:"size:200" json:"link"`
	DueDate    Date         `json:"due_date"`
	ReadAt     *time.Time   `json:"read_at"`
}

// NotificationPreference is a user's choice of channel for one kind. A kind
// without a row follows the role's default.
type NotificationPreference struct {
	Base
	UserID  int64               `json:"-"`
	Kind    ReminderKind        `gorm:"size:30" json:"kind"`
	Channel NotificationChannel `gorm:"size:10" json:"channel"`
}

// CalendarToken is a user's calendar feed secret. Only its SHA-256 is
// stored; the token itself is shown once when it is made.
type CalendarToken struct {
	Base
	UserID     int64      `json:"-"`
	TokenHash  string     `gorm:"size:64" json:"-"`
	LastUsedAt *time.Time `json:"last_used_at"`
}
