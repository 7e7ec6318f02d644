package qualification

import (
	"testing"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

func TestCheckServiceToken(t *testing.T) {
	now := time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)
	at := func(d time.Duration) *time.Time { x := now.Add(d); return &x }
	year := 365 * 24 * time.Hour
	for _, c := range []struct {
		name string
		req  ServiceTokenRequest
		bad  string // the field refused; "" for valid
	}{
		{"read-only", ServiceTokenRequest{Name: "ERP", Role: model.RoleAuditor, ExpiresAt: at(year)}, ""},
		{"read-only, one manufacturer", ServiceTokenRequest{Name: "ERP", Role: model.RoleAuditor, ManufacturerID: 3, ExpiresAt: at(year)}, ""},
		{"writer", ServiceTokenRequest{Name: "ERP", Role: model.RoleProcurement, ExpiresAt: at(2 * year)}, ""},
		{"writer limited", ServiceTokenRequest{Name: "ERP", Role: model.RoleProcurement, ManufacturerID: 3, ExpiresAt: at(year)}, "manufacturer_id"},
		{"admin", ServiceTokenRequest{Name: "ERP", Role: model.RoleAdmin, ExpiresAt: at(year)}, "role"},
		{"manager", ServiceTokenRequest{Name: "ERP", Role: model.RoleManager, ExpiresAt: at(year)}, "role"},
		{"supplier", ServiceTokenRequest{Name: "ERP", Role: model.RoleSupplier, ExpiresAt: at(year)}, "role"},
		{"blank name", ServiceTokenRequest{Name: "  ", Role: model.RoleAuditor, ExpiresAt: at(year)}, "name"},
		{"no expiry", ServiceTokenRequest{Name: "ERP", Role: model.RoleAuditor}, "expires_at"},
		{"expired", ServiceTokenRequest{Name: "ERP", Role: model.RoleAuditor, ExpiresAt: at(0)}, "expires_at"},
		{"three years", ServiceTokenRequest{Name: "ERP", Role: model.RoleAuditor, ExpiresAt: at(3 * year)}, "expires_at"},
	} {
		err := CheckServiceToken(c.req, now)
		switch {
		case c.bad == "" && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.bad != "":
			ve, ok := err.(*ValidationError)
			if !ok || ve.Fields[c.bad] == "" {
				t.Errorf("%s: %v, want a problem with %s", c.name, err, c.bad)
			}
		}
	}
}

func TestServiceTokenStatus(t *testing.T) {
	now := time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)
	later, earlier := now.Add(time.Hour), now.Add(-time.Hour)
	for _, c := range []struct {
		tok  model.ServiceToken
		want string
	}{
		{model.ServiceToken{ExpiresAt: &later}, "active"},
		{model.ServiceToken{ExpiresAt: &now}, "expired"},
		{model.ServiceToken{ExpiresAt: &later, RevokedAt: &earlier}, "revoked"},
	} {
		if got := ServiceTokenStatus(c.tok, now); got != c.want {
			t.Errorf("%+v: %s, want %s", c.tok, got, c.want)
		}
	}
}

func TestCheckWebhook(t *testing.T) {
	if err := CheckWebhook("ERP", []string{model.EventSiteStatusChanged, model.EventFindingOverdue}); err != nil {
		t.Errorf("valid webhook refused: %v", err)
	}
	for name, c := range map[string]struct {
		name   string
		events []string
		field  string
	}{
		"no name":       {"", []string{model.EventSiteStatusChanged}, "name"},
		"no events":     {"ERP", nil, "event_types"},
		"unknown event": {"ERP", []string{"site.deleted"}, "event_types"},
		"test event":    {"ERP", []string{model.EventWebhookTest}, "event_types"},
	} {
		ve, ok := CheckWebhook(c.name, c.events).(*ValidationError)
		if !ok || ve.Fields[c.field] == "" {
			t.Errorf("%s: want a problem with %s", name, c.field)
		}
	}
}
