package spreadsheet

import (
	"strings"
	"unicode"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
)

// A workbook names things as the web app does, so a manager reads the same
// words on paper as on screen: enum values through label (the web app's
// label() in frontend/src/format/labels.ts, checked by TestLabelsMatchTheWebApp),
// countries by the English names the browser shows (countryName).

// specialLabels are the values whose label is not simply the value in
// words with a capital first letter.
var specialLabels = map[string]string{
	"in_qualification": "In qualification",
	"for_cause":        "For cause",
	"follow_up":        "Follow-up",
	"in_progress":      "In progress",
	"esd":              "ESD",
	"smt":              "SMT",
	"pcb_fabrication":  "PCB fabrication",
}

// label is an enum value (or a free entry, such as a process) as the web
// app shows it: "final_assembly" is "Final assembly", "smt" is "SMT".
func label[T ~string](v T) string {
	s := string(v)
	if s == "" {
		return ""
	}
	if l, ok := specialLabels[s]; ok {
		return l
	}
	return capitalizeFirst(strings.ReplaceAll(s, "_", " "))
}

// processList is a site's processes as the web app lists them.
func processList(processes []string) string {
	out := make([]string, len(processes))
	for i, p := range processes {
		out[i] = label(p)
	}
	return strings.Join(out, ", ")
}

// webCountryNames are the countries whose name in the web app (the
// browser's English region names, from Unicode CLDR) differs from the ISO
// 3166 short name qualification.CountryName gives. The web app's tests
// check this table against the browser's names.
var webCountryNames = map[string]string{
	"AG": "Antigua & Barbuda", "BA": "Bosnia & Herzegovina", "BL": "St. Barthélemy", "BN": "Brunei",
	"BO": "Bolivia", "BQ": "Caribbean Netherlands", "CD": "Congo - Kinshasa", "CG": "Congo - Brazzaville",
	"CI": "Côte d’Ivoire", "CV": "Cape Verde", "FK": "Falkland Islands", "FM": "Micronesia",
	"GS": "South Georgia & South Sandwich Islands", "HK": "Hong Kong SAR China", "HM": "Heard & McDonald Islands",
	"IR": "Iran", "KN": "St. Kitts & Nevis", "KP": "North Korea", "KR": "South Korea", "LA": "Laos",
	"LC": "St. Lucia", "MD": "Moldova", "MF": "St. Martin", "MM": "Myanmar (Burma)", "MO": "Macao SAR China",
	"PM": "St. Pierre & Miquelon", "PN": "Pitcairn Islands", "PS": "Palestinian Territories", "RU": "Russia",
	"SH": "St. Helena", "SJ": "Svalbard & Jan Mayen", "ST": "São Tomé & Príncipe", "SX": "Sint Maarten",
	"SY": "Syria", "TC": "Turks & Caicos Islands", "TT": "Trinidad & Tobago", "TW": "Taiwan", "TZ": "Tanzania",
	"UM": "U.S. Outlying Islands", "VA": "Vatican City", "VC": "St. Vincent & Grenadines", "VE": "Venezuela",
	"VG": "British Virgin Islands", "VI": "U.S. Virgin Islands", "VN": "Vietnam", "WF": "Wallis & Futuna",
}

// webCountryCodes reads those names back (an exported sheet imported
// again), keyed like countryCellKey.
var webCountryCodes = func() map[string]string {
	m := make(map[string]string, len(webCountryNames))
	for code, name := range webCountryNames {
		m[countryCellKey(name)] = code
	}
	return m
}()

func countryCellKey(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return unicode.IsSpace(r) }), " ")
}

// countryName is a country as the web app shows it, falling back to its
// code.
func countryName(code string) string {
	if n, ok := webCountryNames[strings.ToUpper(code)]; ok {
		return n
	}
	if n := qualification.CountryName(code); n != "" {
		return n
	}
	return code
}

// countryFromCell turns a country name as a workbook shows it back into
// its code; any other text is left for qualification.CountryCode.
func countryFromCell(v string) string {
	if code, ok := webCountryCodes[countryCellKey(v)]; ok {
		return code
	}
	return v
}

// riskTierTones colour risk tiers as the web app's badges do.
var riskTierTones = map[model.RiskTier]Tone{
	model.RiskLow: ToneGray, model.RiskMedium: ToneBlue, model.RiskHigh: ToneOrange, model.RiskCritical: ToneRed,
}

// RiskTierTone is the colour of a risk tier.
func RiskTierTone(t model.RiskTier) Tone { return riskTierTones[t] }

// riskTier is a risk tier as the web app shows it, in its colour.
func riskTier(t model.RiskTier) Toned { return Toned{label(t), RiskTierTone(t)} }
