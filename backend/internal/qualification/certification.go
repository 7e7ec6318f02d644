package qualification

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

// Field limits match the certifications columns.
const (
	maxStandardLength          = 100
	maxCertificateNumberLength = 100
	maxIssuingBodyLength       = 200
)

// KnownStandards are the standards offered as suggestions; any other
// standard may be entered as free text.
var KnownStandards = []string{
	"ISO 9001:2015",
	"IATF 16949:2016",
	"ISO 13485:2016",
	"AS9100D",
	"ISO/IEC 27001:2022",
	"ANSI/ESD S20.20",
	"SAE AS6081",
	"ISO 14001:2015",
	"ISO 45001:2018",
}

// NormalizeStandard trims s, collapses inner spaces and, when it matches a
// known standard ignoring case, returns that standard's spelling, so
// "iso 9001:2015" from an import groups with "ISO 9001:2015" in reports.
func NormalizeStandard(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	for _, k := range KnownStandards {
		if strings.EqualFold(s, k) {
			return k
		}
	}
	return s
}

// DefaultExpiringWithinDays is how long before its expiry date a
// certificate counts as expiring, unless configured otherwise.
const DefaultExpiringWithinDays = 90

// CertificationStatus derives a certificate's status today. Withdrawn wins
// over any date; a certificate is expiring from expiringWithinDays before
// its expiry date until that date, which is still its last valid day.
func CertificationStatus(expiresOn model.Date, withdrawn bool, today model.Date, expiringWithinDays int) model.CertificationStatus {
	switch {
	case withdrawn:
		return model.CertWithdrawn
	case expiresOn.Before(today):
		return model.CertExpired
	case !expiresOn.After(today.AddDays(max(expiringWithinDays, 0))):
		return model.CertExpiring
	}
	return model.CertValid
}

// CertificationInput is a certificate as entered or imported.
type CertificationInput struct {
	Standard          string
	CertificateNumber string
	IssuingBody       string
	IssuedOn          model.Date
	ExpiresOn         model.Date
	Scope             string
	Withdrawn         bool
	WithdrawnReason   string
}

// ValidateCertification returns nil or a *ValidationError naming every
// field that is wrong.
func ValidateCertification(c CertificationInput) error {
	p := Problems{}
	standard := strings.TrimSpace(c.Standard)
	switch {
	case standard == "":
		p.Add("standard", "Name the standard, for example ISO 9001:2015.")
	case utf8.RuneCountInString(standard) > maxStandardLength:
		p.Add("standard", fmt.Sprintf("Keep the standard to %d characters or fewer.", maxStandardLength))
	}
	if utf8.RuneCountInString(strings.TrimSpace(c.CertificateNumber)) > maxCertificateNumberLength {
		p.Add("certificate_number", fmt.Sprintf("Keep the certificate number to %d characters or fewer.", maxCertificateNumberLength))
	}
	if utf8.RuneCountInString(strings.TrimSpace(c.IssuingBody)) > maxIssuingBodyLength {
		p.Add("issuing_body", fmt.Sprintf("Keep the issuing body to %d characters or fewer.", maxIssuingBodyLength))
	}
	if c.ExpiresOn.IsZero() {
		p.Add("expires_on", "Enter the date the certificate expires.")
	} else if !c.IssuedOn.IsZero() && c.IssuedOn.After(c.ExpiresOn) {
		p.Add("issued_on", fmt.Sprintf("The issue date cannot be after the expiry date (%s).", c.ExpiresOn))
	}
	if c.Withdrawn && strings.TrimSpace(c.WithdrawnReason) == "" {
		p.Add("withdrawn_reason", "Say why the certificate was withdrawn.")
	}
	optionalText(p, "scope", c.Scope, maxFreeTextLength)
	optionalText(p, "withdrawn_reason", c.WithdrawnReason, maxFreeTextLength)
	return p.Err("The certification is not valid.")
}
