package qualification

import (
	"strings"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

func TestRecordLabels(t *testing.T) {
	tests := []struct{ got, want string }{
		{InspectionLabel(model.InspectionRoutine, model.InspectionCompleted, model.ResultFail), "Routine inspection, failed"},
		{InspectionLabel(model.InspectionForCause, model.InspectionCompleted, model.ResultConditional), "For cause inspection, passed with conditions"},
		{InspectionLabel(model.InspectionFollowUp, model.InspectionPlanned, ""), "Follow-up inspection, planned"},
		{InspectionLabel(model.InspectionQualification, model.InspectionCancelled, ""), "Qualification inspection, cancelled"},
		{FindingLabel(model.SeverityObservation, ""), "Observation finding"},
		{FindingLabel(model.SeverityMinor, " Labels\tfaded\n on reels "), "Minor finding: Labels faded on reels"},
		{FindingLabel(model.SeverityCritical, strings.Repeat("é", 81)), "Critical finding: " + strings.Repeat("é", 80) + "…"},
		{CertificationLabel("ISO 9001:2015", " Q-1 "), "ISO 9001:2015, no. Q-1"},
		{CertificationLabel(" ", ""), "Certificate"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}
