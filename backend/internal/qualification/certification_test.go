package qualification

import (
	"slices"
	"strings"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

func TestCertificationStatus(t *testing.T) {
	tests := []struct {
		name      string
		expires   string
		withdrawn bool
		window    int
		want      model.CertificationStatus
	}{
		{"withdrawn wins over a future date", "2030-01-01", true, 90, model.CertWithdrawn},
		{"withdrawn wins over a past date", "2020-01-01", true, 90, model.CertWithdrawn},
		{"expired yesterday", "2026-11-25", false, 90, model.CertExpired},
		{"no expiry date counts as expired", "", false, 90, model.CertExpired},
		{"expires today: expiring", "2026-11-26", false, 90, model.CertExpiring},
		{"last day of the window", "2027-02-24", false, 90, model.CertExpiring},
		{"day after the window", "2027-02-25", false, 90, model.CertValid},
		{"no window: today is expiring", "2026-11-26", false, 0, model.CertExpiring},
		{"no window: tomorrow is valid", "2026-11-27", false, 0, model.CertValid},
		{"negative window acts as none", "2026-11-27", false, -30, model.CertValid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var exp model.Date
			if tt.expires != "" {
				exp = date(tt.expires)
			}
			if got := CertificationStatus(exp, tt.withdrawn, today, tt.window); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestValidateCertification(t *testing.T) {
	ok := CertificationInput{
		Standard:          "ISO 9001:2015",
		CertificateNumber: "Q-12345",
		IssuingBody:       "TÜV SÜD",
		IssuedOn:          date("2024-01-01"),
		ExpiresOn:         date("2027-01-01"),
	}
	change := func(f func(*CertificationInput)) CertificationInput {
		c := ok
		f(&c)
		return c
	}
	tests := []struct {
		name string
		in   CertificationInput
		want map[string]string
	}{
		{"valid", ok, nil},
		{"free-text standard and no issue date", change(func(c *CertificationInput) { c.Standard = "UL 94"; c.IssuedOn = model.Date{} }), nil},
		{"issued on the expiry date", change(func(c *CertificationInput) { c.IssuedOn = c.ExpiresOn }), nil},
		{"withdrawn with a reason", change(func(c *CertificationInput) { c.Withdrawn = true; c.WithdrawnReason = "Registrar suspended it." }), nil},
		{"standard of 100 characters", change(func(c *CertificationInput) { c.Standard = strings.Repeat("ü", 100) }), nil},
		{
			"scope and withdrawal reason too long",
			change(func(c *CertificationInput) {
				c.Scope, c.Withdrawn, c.WithdrawnReason = strings.Repeat("s", 20001), true, strings.Repeat("w", 20001)
			}),
			map[string]string{
				"scope":            "Keep this to 20000 characters or fewer (it has 20001).",
				"withdrawn_reason": "Keep this to 20000 characters or fewer (it has 20001).",
			},
		},
		{
			"blank standard",
			change(func(c *CertificationInput) { c.Standard = "  " }),
			map[string]string{"standard": "Name the standard, for example ISO 9001:2015."},
		},
		{
			"standard of 101 characters",
			change(func(c *CertificationInput) { c.Standard = strings.Repeat("x", 101) }),
			map[string]string{"standard": "Keep the standard to 100 characters or fewer."},
		},
		{
			"long certificate number and issuing body",
			change(func(c *CertificationInput) {
				c.CertificateNumber = strings.Repeat("1", 101)
				c.IssuingBody = strings.Repeat("b", 201)
			}),
			map[string]string{
				"certificate_number": "Keep the certificate number to 100 characters or fewer.",
				"issuing_body":       "Keep the issuing body to 200 characters or fewer.",
			},
		},
		{
			"no expiry date",
			change(func(c *CertificationInput) { c.ExpiresOn = model.Date{} }),
			map[string]string{"expires_on": "Enter the date the certificate expires."},
		},
		{
			"issued after expiry",
			change(func(c *CertificationInput) { c.IssuedOn = date("2027-01-02") }),
			map[string]string{"issued_on": "The issue date cannot be after the expiry date (2027-01-01)."},
		},
		{
			"withdrawn without a reason, everything else wrong too",
			CertificationInput{Withdrawn: true, WithdrawnReason: " "},
			map[string]string{
				"standard":         "Name the standard, for example ISO 9001:2015.",
				"expires_on":       "Enter the date the certificate expires.",
				"withdrawn_reason": "Say why the certificate was withdrawn.",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkFields(t, ValidateCertification(tt.in), tt.want)
		})
	}
}

func TestKnownStandards(t *testing.T) {
	for _, s := range []string{"ISO 9001:2015", "IATF 16949:2016", "ISO 13485:2016", "AS9100D", "ISO/IEC 27001:2022",
		"ANSI/ESD S20.20", "SAE AS6081", "ISO 14001:2015", "ISO 45001:2018"} {
		if !slices.Contains(KnownStandards, s) {
			t.Errorf("KnownStandards lacks %q", s)
		}
	}
}

func TestNormalizeStandard(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ISO 9001:2015", "ISO 9001:2015"},
		{"  iso   9001:2015 ", "ISO 9001:2015"},
		{"as9100d", "AS9100D"},
		{"  UL   94 ", "UL 94"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := NormalizeStandard(tt.in); got != tt.want {
			t.Errorf("NormalizeStandard(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
