package qualification

import (
	"fmt"
	"net/mail"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

// Field limits match the manufacturers and sites columns; free text is
// capped so a pasted document cannot bloat every list response.
const (
	maxNameLength         = 200
	maxLegalNameLength    = 300
	maxWebsiteLength      = 500
	maxAddressLength      = 500
	maxCityLength         = 120
	maxContactEmailLength = 254
	maxContactPhoneLength = 60
	maxFreeTextLength     = 20000
	// MaxProcesses and MaxProcessLength bound a site's process list.
	MaxProcesses     = 20
	MaxProcessLength = 60
)

var siteCodePattern = regexp.MustCompile(`^[A-Z0-9._-]{2,40}$`)

// NormalizeSiteCode is the stored form of a site code: trimmed, upper-case.
func NormalizeSiteCode(code string) string { return strings.ToUpper(strings.TrimSpace(code)) }

// NormalizeSite puts a site's editable fields in their stored form (text
// trimmed, code and country upper-case, risk tier lower-case, processes
// cleaned) and returns a
// *ValidationError naming every field that is still wrong. The API and the
// spreadsheet import both come through here, so a site is the same however
// it was entered.
func NormalizeSite(s *model.Site) error {
	p := Problems{}
	s.Code = NormalizeSiteCode(s.Code)
	switch {
	case s.Code == "":
		p.Add("code", "Enter the site code, for example ACME-SZ1.")
	case !siteCodePattern.MatchString(s.Code):
		p.Add("code", "Use 2 to 40 letters, digits, dashes, underscores or dots, for example ACME-SZ1.")
	}
	s.Name = strings.TrimSpace(s.Name)
	requiredText(p, "name", s.Name, maxNameLength, "Enter the site's name.")
	checkNameCharacters(p, "name", s.Name)
	s.Address = strings.TrimSpace(s.Address)
	optionalText(p, "address", s.Address, maxAddressLength)
	s.City = strings.TrimSpace(s.City)
	optionalText(p, "city", s.City, maxCityLength)
	if s.Country = strings.TrimSpace(s.Country); s.Country == "" {
		p.Add("country", "Enter the country as an ISO 3166-1 code, for example DE or CN.")
	} else if code, ok := CountryCode(s.Country); ok {
		s.Country = code
	} else {
		p.Add("country", fmt.Sprintf("%q is not a known country; use an ISO 3166-1 code such as DE, CN or US.", s.Country))
	}
	procs, why := NormalizeProcesses(s.Processes)
	s.Processes = procs
	if why != "" {
		p.Add("processes", why)
	}
	s.ApprovedScope = strings.TrimSpace(s.ApprovedScope)
	optionalText(p, "approved_scope", s.ApprovedScope, maxFreeTextLength)
	s.RiskTier = model.RiskTier(strings.ToLower(strings.TrimSpace(string(s.RiskTier))))
	switch {
	case s.RiskTier == "":
		p.Add("risk_tier", "Choose the risk tier: "+enumList(model.RiskTiers)+".")
	case !s.RiskTier.Valid():
		p.Add("risk_tier", fmt.Sprintf("%q is not a risk tier; use one of: %s.", s.RiskTier, enumList(model.RiskTiers)))
	}
	s.ContactName = strings.TrimSpace(s.ContactName)
	optionalText(p, "contact_name", s.ContactName, maxNameLength)
	s.ContactEmail = strings.TrimSpace(s.ContactEmail)
	if s.ContactEmail != "" {
		a, err := mail.ParseAddress(s.ContactEmail)
		if err != nil || a.Address != s.ContactEmail || len(s.ContactEmail) > maxContactEmailLength {
			p.Add("contact_email", "Enter an e-mail address such as quality@example.com, or leave it empty.")
		}
	}
	s.ContactPhone = strings.TrimSpace(s.ContactPhone)
	optionalText(p, "contact_phone", s.ContactPhone, maxContactPhoneLength)
	s.Notes = strings.TrimSpace(s.Notes)
	optionalText(p, "notes", s.Notes, maxFreeTextLength)
	return p.Err("The site cannot be saved.")
}

// NormalizeProcesses lower-cases, trims and de-duplicates a process list,
// keeping its order. "Final assembly" becomes the known final_assembly, so
// typed and picked entries group together; other entries are kept as
// typed (lower-case). why is "" unless the list breaks a limit.
func NormalizeProcesses(in []string) (out []string, why string) {
	out = make([]string, 0, len(in))
	for _, raw := range in {
		v := strings.Join(strings.Fields(strings.ToLower(raw)), " ")
		if v == "" {
			continue
		}
		if known := strings.NewReplacer(" ", "_", "-", "_").Replace(v); slices.Contains(model.SiteProcesses, known) {
			v = known
		}
		if utf8.RuneCountInString(v) > MaxProcessLength {
			return out, fmt.Sprintf("Keep each process to %d characters or fewer (%q is longer).", MaxProcessLength, truncateRunes(v, 20)+"…")
		}
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	if len(out) > MaxProcesses {
		return out, fmt.Sprintf("List at most %d processes (there are %d).", MaxProcesses, len(out))
	}
	return out, ""
}

// NormalizeManufacturer puts a manufacturer's fields in their stored form
// and returns a *ValidationError naming every field that is still wrong.
// Unlike a site, a manufacturer's country is optional (a group may span
// countries).
func NormalizeManufacturer(m *model.Manufacturer) error {
	p := Problems{}
	m.Name = strings.Join(strings.Fields(m.Name), " ")
	requiredText(p, "name", m.Name, maxNameLength, "Enter the manufacturer's name.")
	checkNameCharacters(p, "name", m.Name)
	m.NameKey = model.NameKey(m.Name)
	m.LegalName = strings.TrimSpace(m.LegalName)
	optionalText(p, "legal_name", m.LegalName, maxLegalNameLength)
	checkNameCharacters(p, "legal_name", m.LegalName)
	if m.Country = strings.TrimSpace(m.Country); m.Country != "" {
		if code, ok := CountryCode(m.Country); ok {
			m.Country = code
		} else {
			p.Add("country", fmt.Sprintf("%q is not a known country; use an ISO 3166-1 code such as DE, CN or US, or leave it empty.", m.Country))
		}
	}
	m.Website = strings.TrimSpace(m.Website)
	if m.Website != "" {
		u, err := url.Parse(m.Website)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(m.Website) > maxWebsiteLength {
			p.Add("website", "Enter a web address starting with https:// or http://, or leave it empty.")
		}
	}
	m.Notes = strings.TrimSpace(m.Notes)
	optionalText(p, "notes", m.Notes, maxFreeTextLength)
	return p.Err("The manufacturer cannot be saved.")
}

func requiredText(p Problems, field, v string, limit int, missing string) {
	if v == "" {
		p.Add(field, missing)
		return
	}
	optionalText(p, field, v, limit)
}

func optionalText(p Problems, field, v string, limit int) {
	if n := utf8.RuneCountInString(v); n > limit {
		p.Add(field, fmt.Sprintf("Keep this to %d characters or fewer (it has %d).", limit, n))
	}
}

func enumList[T ~string](values []T) string {
	words := make([]string, len(values))
	for i, v := range values {
		words[i] = string(v)
	}
	return strings.Join(words, ", ")
}

func truncateRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n])
}
