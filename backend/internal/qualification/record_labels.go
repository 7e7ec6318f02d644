package qualification

import (
	"strings"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

// maxDescriptionInLabel is how much of a finding's description its label
// quotes.
const maxDescriptionInLabel = 80

// InspectionLabel names an inspection as a reader recognises it, by its
// type and outcome: "Routine inspection, failed", "Follow-up inspection,
// planned".
func InspectionLabel(typ model.InspectionType, status model.InspectionStatus, result model.InspectionResult) string {
	kind := strings.ReplaceAll(string(typ), "_", " ")
	if typ == model.InspectionFollowUp {
		kind = "follow-up"
	}
	outcome := string(status)
	if status == model.InspectionCompleted {
		outcome = resultPhrase(result)
	}
	return capitalise(strings.TrimSpace(kind+" inspection") + ", " + outcome)
}

// FindingLabel names a finding by its severity and the start of its
// description: "Major finding: Solder paste stored warm".
func FindingLabel(sev model.Severity, description string) string {
	label := capitalise(string(sev) + " finding")
	if d := strings.Join(strings.Fields(description), " "); d != "" {
		if r := []rune(d); len(r) > maxDescriptionInLabel {
			d = strings.TrimSpace(string(r[:maxDescriptionInLabel])) + "…"
		}
		label += ": " + d
	}
	return label
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// CertificationLabel names a certificate by its standard and number:
// "ISO 9001:2015, no. Q-1234".
func CertificationLabel(standard, number string) string {
	label := strings.TrimSpace(standard)
	if label == "" {
		label = "Certificate"
	}
	if n := strings.TrimSpace(number); n != "" {
		label += ", no. " + n
	}
	return label
}
