package qualification

import (
	"strings"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

func TestDrift(t *testing.T) {
	since := date("2026-01-01")
	recent := date("2026-10-01")
	base := Baseline{
		Releases: []Release{
			{ID: 1, Component: model.ComponentBMC, Version: "2.13", SHA256: hashB, Approved: true, SupersededBy: "2.14"},
			{ID: 2, Component: model.ComponentBMC, Version: "2.14", SHA256: hashA, Approved: true},
			{ID: 3, Component: model.ComponentBIOS, Version: "1.0", SHA256: hashC, Approved: true},
		},
		Golden: GoldenSample{Serial: "GS-1", SealNumber: "S-1", SealedOn: date("2025-12-01")},
		BOM:    "C", AVL: "7",
	}
	good := []Observed{
		{Kind: model.ObserveFirmware, Component: model.ComponentBMC, SHA256: hashA, ObservedOn: recent, Matched: true},
		{Kind: model.ObserveFirmware, Component: model.ComponentBIOS, SHA256: hashC, ObservedOn: recent, Matched: true},
		{Kind: model.ObserveGoldenSample, Serial: "GS-1", SealNumber: "S-1", SealState: model.SealIntact, ObservedOn: recent, Matched: true},
		{Kind: model.ObserveBOM, Revision: "c", ObservedOn: recent, Matched: true},
		{Kind: model.ObserveAVL, Revision: "7", ObservedOn: recent, Matched: true},
		{Kind: model.ObserveAOI, AOIResult: model.AOIMatch, ObservedOn: recent, Matched: true},
	}
	replace := func(kind model.ObservationKind, c model.Component, f func(*Observed)) []Observed {
		out := append([]Observed(nil), good...)
		for i := range out {
			if out[i].Kind == kind && out[i].Component == c {
				f(&out[i])
			}
		}
		return out
	}
	without := func(kind model.ObservationKind) []Observed {
		var out []Observed
		for _, o := range good {
			if o.Kind != kind {
				out = append(out, o)
			}
		}
		return out
	}
	tests := []struct {
		name   string
		base   Baseline
		latest []Observed
		want   []string // "kind/component severity problem-part"
	}{
		{"all as the baseline", base, good, nil},
		{"BMC hash differs", base, replace(model.ObserveFirmware, model.ComponentBMC, func(o *Observed) {
			o.SHA256, o.Matched = strings.Repeat("0", 64), false
		}), []string{"firmware/bmc critical matches no current release"}},
		{"image superseded since the visit", base, replace(model.ObserveFirmware, model.ComponentBMC, func(o *Observed) {
			o.SHA256 = hashB
		}), []string{"firmware/bmc major superseded by 2.14"}},
		{"broken seal", base, replace(model.ObserveGoldenSample, "", func(o *Observed) {
			o.SealState, o.Matched = model.SealBroken, false
		}), []string{"golden_sample/ critical is broken"}},
		{"a mismatch when recorded stays one", base, replace(model.ObserveGoldenSample, "", func(o *Observed) {
			o.Matched, o.Problem = false, "The golden sample's seal changed from S-0 (visit of 2026-05-02) to S-1"
		}), []string{"golden_sample/ major changed from S-0"}},
		{"older BOM on the line", base, replace(model.ObserveBOM, "", func(o *Observed) { o.Revision = "B" }),
			[]string{"bom/ major revision B"}},
		{"AVL never observed", base, without(model.ObserveAVL), []string{"avl/ major Never observed"}},
		{"BIOS observed too long ago", base, replace(model.ObserveFirmware, model.ComponentBIOS, func(o *Observed) {
			o.ObservedOn = date("2025-06-01")
		}), []string{"firmware/bios major before 2026-01-01"}},
		{"AOI mismatch", base, replace(model.ObserveAOI, "", func(o *Observed) { o.AOIResult = model.AOIMismatch }),
			[]string{"aoi/ critical shows a difference"}},
		{"AOI never done is no drift", base, without(model.ObserveAOI), nil},
		{"nothing observed", base, nil, []string{
			"firmware/bios major Never", "firmware/bmc major Never", "golden_sample/ major Never", "bom/ major Never", "avl/ major Never"}},
		{"no baseline, nothing expected", Baseline{}, nil, nil},
		{"firmware of a component without a release", Baseline{}, []Observed{
			{Kind: model.ObserveFirmware, Component: model.ComponentNIC, SHA256: hashA, ObservedOn: recent, Matched: false},
		}, []string{"firmware/nic critical No NIC release"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Drift(tt.base, tt.latest, since)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d items %+v, want %v", len(got), got, tt.want)
			}
			for i, w := range tt.want {
				parts := strings.SplitN(w, " ", 3)
				key := string(got[i].Kind) + "/" + string(got[i].Component)
				if key != parts[0] || string(got[i].Severity) != parts[1] || !strings.Contains(got[i].Problem, parts[2]) {
					t.Errorf("item %d = %s %s %q, want %s", i, key, got[i].Severity, got[i].Problem, w)
				}
			}
		})
	}
	mixed := replace(model.ObserveBOM, "", func(o *Observed) { o.Revision = "B" })
	mixed = append(mixed[:0:0], mixed...)
	for i := range mixed {
		if mixed[i].Kind == model.ObserveAOI {
			mixed[i].AOIResult = model.AOIMismatch
		}
	}
	if got := Drift(base, mixed, since); len(got) != 2 || got[0].Severity != model.SeverityCritical || got[1].Severity != model.SeverityMajor {
		t.Errorf("critical items come first: %+v", got)
	}
}

func TestObservationDueSince(t *testing.T) {
	if got := ObservationDueSince(date("2026-11-26"), model.RiskCritical, DefaultIntervals); got.String() != "2026-05-26" {
		t.Errorf("critical: %s", got)
	}
	if got := ObservationDueSince(date("2026-11-26"), model.RiskLow, DefaultIntervals); got.String() != "2024-11-26" {
		t.Errorf("low: %s", got)
	}
}
