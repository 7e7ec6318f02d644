package spreadsheet

import (
	"maps"
	"os"
	"regexp"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
)

// The workbooks label values as the web app does: the same special cases
// as frontend/src/format/labels.ts, and the same rule for the rest.
func TestLabelsMatchTheWebApp(t *testing.T) {
	ts, err := os.ReadFile("../../../frontend/src/format/labels.ts")
	if err != nil {
		t.Fatal(err)
	}
	block := regexp.MustCompile(`(?s)const SPECIAL: Record<string, string> = \{(.*?)\};`).FindSubmatch(ts)
	if block == nil {
		t.Fatal("labels.ts has no SPECIAL table")
	}
	web := map[string]string{}
	for _, m := range regexp.MustCompile(`(\w+): '([^']*)'`).FindAllSubmatch(block[1], -1) {
		web[string(m[1])] = string(m[2])
	}
	if !maps.Equal(web, specialLabels) {
		t.Errorf("special labels %v, the web app's %v", specialLabels, web)
	}
	for in, want := range map[string]string{
		"final_assembly": "Final assembly", "smt": "SMT", "pcb_fabrication": "PCB fabrication", "conformal coating": "Conformal coating",
		"in_qualification": "In qualification", "qualified": "Qualified", "in_progress": "In progress", "for_cause": "For cause",
		"follow_up": "Follow-up", "esd": "ESD", "critical": "Critical", "expiring": "Expiring", "": "",
	} {
		if got := label(in); got != want {
			t.Errorf("label(%q) = %q, want %q", in, got, want)
		}
	}
	if got := processList([]string{"smt", "final_assembly", "conformal coating"}); got != "SMT, Final assembly, Conformal coating" {
		t.Errorf("processes %q", got)
	}
}

// Country names are the web app's, and read back as their codes.
func TestCountryNames(t *testing.T) {
	for code, want := range map[string]string{"CN": "China", "KR": "South Korea", "TW": "Taiwan", "HK": "Hong Kong SAR China", "US": "United States", "de": "Germany", "XX": "XX"} {
		if got := countryName(code); got != want {
			t.Errorf("countryName(%q) = %q, want %q", code, got, want)
		}
	}
	for code := range webCountryNames {
		if !qualification.ValidCountry(code) {
			t.Errorf("%s is not a country", code)
		}
		back, ok := qualification.CountryCode(countryFromCell(countryName(code)))
		if !ok || back != code {
			t.Errorf("%s: %q reads back as %q", code, countryName(code), back)
		}
	}
	if got := countryFromCell("  south   KOREA "); got != "KR" {
		t.Errorf("countryFromCell: %q", got)
	}
}

// Risk tiers and open findings are coloured like overdue and expiring.
func TestRiskAndFindingColours(t *testing.T) {
	for tier, fill := range map[model.RiskTier]string{model.RiskLow: "E7E6E6", model.RiskMedium: "DDEBF7", model.RiskHigh: "F8CBAD", model.RiskCritical: "FFC7CE"} {
		if got := toneColours[RiskTierTone(tier)].fill; got != fill {
			t.Errorf("%s: %s, want %s", tier, got, fill)
		}
	}
	if FindingStatusTone(model.FindingOpen) != ToneRed || FindingStatusTone(model.FindingInProgress) != ToneBlue {
		t.Error("open findings are red, in progress blue")
	}
}
