package qualification

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

// ServiceTokenRequest is what an administrator asks for when creating a
// service token.
type ServiceTokenRequest struct {
	Name string
	Role model.Role
	// ManufacturerID, when not 0, limits the token to that manufacturer's
	// records.
	ManufacturerID int64
	ExpiresAt      *time.Time
}

// MaxServiceTokenLifetime bounds a token's expiry: an integration's
// credential is renewed at least every two years.
const MaxServiceTokenLifetime = 2 * 366 * 24 * time.Hour

// CheckServiceToken validates a service token request at now. A token is
// read-only (the auditor's rights) or writes as procurement does; it never
// administers. Only a read-only token may be limited to a manufacturer:
// the write paths check the role, not a scope, so a scoped writer could
// still change another manufacturer's records.
func CheckServiceToken(r ServiceTokenRequest, now time.Time) error {
	p := Problems{}
	name := strings.TrimSpace(r.Name)
	switch {
	case name == "":
		p.Add("name", "Name the token after the system that uses it.")
	case utf8.RuneCountInString(name) > 100:
		p.Add("name", "Use at most 100 characters.")
	}
	switch r.Role {
	case model.RoleAuditor, model.RoleProcurement:
	default:
		p.Add("role", "Choose auditor (read-only) or procurement (reads and writes records).")
	}
	if r.ManufacturerID < 0 {
		p.Add("manufacturer_id", "Choose an existing manufacturer.")
	}
	if r.ManufacturerID > 0 && r.Role == model.RoleProcurement {
		p.Add("manufacturer_id", "Only a read-only token can be limited to one manufacturer.")
	}
	if r.ExpiresAt == nil {
		p.Add("expires_at", "Choose when the token expires.")
	} else {
		switch {
		case !r.ExpiresAt.After(now):
			p.Add("expires_at", "Choose a time in the future.")
		case r.ExpiresAt.Sub(now) > MaxServiceTokenLifetime:
			p.Add("expires_at", "A token lives at most two years; create a new one before it expires.")
		}
	}
	return p.Err("The token cannot be created.")
}

// ServiceTokenStatus is a token's state at now: active, expired or revoked.
func ServiceTokenStatus(t model.ServiceToken, now time.Time) string {
	switch {
	case t.RevokedAt != nil:
		return "revoked"
	case t.ExpiresAt != nil && !now.Before(*t.ExpiresAt):
		return "expired"
	}
	return "active"
}

// CheckWebhook validates a webhook subscription's name and event types
// (its URL is checked against the delivery policy by package webhooks).
func CheckWebhook(name string, eventTypes []string) error {
	p := Problems{}
	name = strings.TrimSpace(name)
	switch {
	case name == "":
		p.Add("name", "Name the receiving system.")
	case utf8.RuneCountInString(name) > 100:
		p.Add("name", "Use at most 100 characters.")
	}
	if len(eventTypes) == 0 {
		p.Add("event_types", "Choose at least one event.")
	}
	for _, t := range eventTypes {
		if !slices.Contains(model.WebhookEventTypes, t) {
			p.Add("event_types", "Choose among: "+strings.Join(model.WebhookEventTypes, ", ")+".")
		}
	}
	return p.Err("The webhook cannot be saved.")
}
