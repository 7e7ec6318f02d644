package model

import "time"

// ServiceToken is an integration's credential (an ERP reading the
// approved-supplier list, say). It acts as its own user (UserID, with the
// token's role and manufacturer scope), so every change it makes is
// attributed to it. Only the secret's SHA-256 is stored.
type ServiceToken struct {
	Base
	UserID      int64      `json:"-"`
	Name        string     `gorm:"size:100" json:"name"`
	NameKey     string     `gorm:"size:100" json:"-"`
	TokenHash   string     `gorm:"size:64" json:"-"`
	Prefix      string     `gorm:"size:16" json:"prefix"`
	ExpiresAt   *time.Time `json:"expires_at"`
	RevokedAt   *time.Time `json:"revoked_at"`
	LastUsedAt  *time.Time `json:"last_used_at"`
	CreatedByID *int64     `json:"-"`
}

// Webhook event types: what a subscription can ask to be told about.
const (
	EventSiteStatusChanged         = "site.status_changed"
	EventInspectionCompleted       = "inspection.completed"
	EventFindingOpened             = "finding.opened"
	EventFindingClosed             = "finding.closed"
	EventFindingOverdue            = "finding.overdue"
	EventCertificateExpiring       = "certificate.expiring"
	EventCertificateExpired        = "certificate.expired"
	EventCorrectiveActionSubmitted = "corrective_action.stage_submitted"
	EventChangeNotificationDecided = "change_notification.decided"
	EventWebhookTest               = "webhook.test"
)

// WebhookEventTypes are the event types a subscription may choose.
var WebhookEventTypes = []string{
	EventSiteStatusChanged, EventInspectionCompleted, EventFindingOpened, EventFindingClosed, EventFindingOverdue,
	EventCertificateExpiring, EventCertificateExpired, EventCorrectiveActionSubmitted, EventChangeNotificationDecided,
}

// WebhookSubscription is an endpoint told about the event types it chose.
// PausedAt is set when deliveries to it kept failing (or an administrator
// paused it): its events wait in the outbox until it is resumed.
type WebhookSubscription struct {
	Base
	Name                string     `gorm:"size:100" json:"name"`
	URL                 string     `gorm:"column:url;size:2000" json:"url"`
	EventTypes          string     `json:"-"` // ",a,b," (see webhook_subscriptions)
	SecretEnc           string     `json:"-"`
	Active              bool       `json:"active"`
	PausedAt            *time.Time `json:"paused_at"`
	PauseReason         string     `gorm:"size:300" json:"pause_reason"`
	ConsecutiveFailures int        `json:"consecutive_failures"`
	Version             int64      `json:"version"`
}

// Webhook outbox states.
const (
	OutboxPending   = "pending"
	OutboxDelivered = "delivered"
	OutboxFailed    = "failed" // gave up after the last retry
)

// WebhookMessage is one event waiting for (or done with) delivery to one
// subscription: a row of the outbox.
type WebhookMessage struct {
	Base
	SubscriptionID int64
	EventID        string `gorm:"size:40"`
	EventType      string `gorm:"size:60"`
	Payload        string
	DedupeKey      *string `gorm:"size:200"`
	State          string  `gorm:"size:20"`
	Attempts       int
	NextAttemptAt  time.Time
	LockedUntil    *time.Time
	DeliveredAt    *time.Time
}

// TableName is the outbox table.
func (WebhookMessage) TableName() string { return "webhook_outbox" }

// WebhookDelivery is one attempt to deliver a message.
type WebhookDelivery struct {
	ID             int64     `gorm:"primaryKey" json:"id"`
	CreatedAt      time.Time `json:"attempted_at"`
	SubscriptionID int64     `json:"subscription_id"`
	OutboxID       int64     `json:"-"`
	EventID        string    `gorm:"size:40" json:"event_id"`
	EventType      string    `gorm:"size:60" json:"event_type"`
	Attempt        int       `json:"attempt"`
	StatusCode     int       `json:"status_code"`
	DurationMS     int64     `gorm:"column:duration_ms" json:"duration_ms"`
	Error          string    `gorm:"size:500" json:"error"`
	Succeeded      bool      `json:"succeeded"`
}
