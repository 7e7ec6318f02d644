package qualification

import (
	"strings"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

const (
	hashA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
	hashB = "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752"
	hashC = "fd61a03af4f77d870fc21e05e7e80678095c92d808cfb3b5c279ee04c74aca13"
)

func TestNormalizeSHA256(t *testing.T) {
	tests := []struct {
		name, in, want, err string
	}{
		{"bare lower case", hashA, hashA, ""},
		{"upper case", strings.ToUpper(hashA), hashA, ""},
		{"mixed case with spaces around", "  9F86D081884c7d659a2feaa0c55ad015A3BF4F1B2B0B822CD15D6C15B0F00A08 \t", hashA, ""},
		{"trailing newline", hashA + "\n", hashA, ""},
		{"sha256sum text mode", hashA + "  bmc-2.14.bin", hashA, ""},
		{"sha256sum binary mode", hashA + " *bmc-2.14.bin", hashA, ""},
		{"sha256sum escaped name", `\` + hashA + `  bmc\\new.bin`, hashA, ""},
		{"sha256sum line upper case with CRLF", strings.ToUpper(hashA) + "  BMC.BIN\r\n", hashA, ""},
		{"BSD tag form", "SHA256 (bmc-2.14.bin) = " + hashA, hashA, ""},
		{"byte order mark", "\ufeff" + hashA, hashA, ""},
		{"empty", "  ", "", "is required"},
		{"too short", hashA[:63], "", "not 63"},
		{"too long", hashA + "0", "", "not 65"},
		{"not hex", strings.Replace(hashA, "9", "g", 1), "", "0-9, a-f"},
		{"two lines", hashA + "  a.bin\n" + hashB + "  b.bin", "", "2 lines"},
		{"sha1 of the same text", "a94a8fe5ccb19ba61c4c0873d391e987982fbbd3  a.bin", "", "not 40"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := NormalizeSHA256(tt.in)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want one saying %q", err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("got %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestCompareFirmware(t *testing.T) {
	releases := []Release{
		{ID: 1, Component: model.ComponentBMC, Version: "2.13", SHA256: hashB, Approved: true, SupersededBy: "2.14"},
		{ID: 2, Component: model.ComponentBMC, Version: "2.14", SHA256: hashA, Approved: true},
		{ID: 3, Component: model.ComponentBIOS, Version: "1.0", SHA256: hashC, Approved: true},
		{ID: 4, Component: model.ComponentCPLD, Version: "0.9", SHA256: strings.Repeat("ab", 32), Approved: false},
	}
	tests := []struct {
		name      string
		component model.Component
		sha       string
		releases  []Release
		sev       model.Severity // "" means a match
		release   int64
		problem   string
	}{
		{"current release", model.ComponentBMC, hashA, releases, "", 2, ""},
		{"superseded image still in use", model.ComponentBMC, hashB, releases, model.SeverityMajor, 1, "superseded by 2.14"},
		{"unknown image", model.ComponentBMC, strings.Repeat("0", 64), releases, model.SeverityCritical, 0, "matches no current release (current: 2.14)"},
		{"another component's image", model.ComponentBMC, hashC, releases, model.SeverityCritical, 3, "BIOS release 1.0"},
		{"release not approved", model.ComponentCPLD, strings.Repeat("ab", 32), releases, model.SeverityCritical, 4, "not approved"},
		{"component without a current release", model.ComponentNIC, strings.Repeat("1", 64), releases, model.SeverityCritical, 0, "No NIC release is current"},
		{"no releases at all", model.ComponentBMC, hashA, nil, model.SeverityCritical, 0, "No BMC release is current"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := CompareFirmware(tt.component, tt.sha, tt.releases)
			if c.Matches != (tt.sev == "") || c.Severity != tt.sev {
				t.Fatalf("got %+v, want severity %q", c, tt.sev)
			}
			if got := int64(0); c.ReleaseID != nil {
				got = *c.ReleaseID
				if got != tt.release {
					t.Errorf("release %d, want %d", got, tt.release)
				}
			} else if tt.release != 0 {
				t.Errorf("no release, want %d", tt.release)
			}
			if !strings.Contains(c.Problem, tt.problem) {
				t.Errorf("problem %q, want it to say %q", c.Problem, tt.problem)
			}
		})
	}
}

// A hash pasted in any of the accepted forms compares as the release.
func TestPastedHashMatchesTheRelease(t *testing.T) {
	releases := []Release{{ID: 2, Component: model.ComponentBMC, Version: "2.14", SHA256: hashA, Approved: true}}
	for _, pasted := range []string{strings.ToUpper(hashA), " " + hashA + "  bmc.bin\n", hashA + " *bmc.bin"} {
		sha, err := NormalizeSHA256(pasted)
		if err != nil {
			t.Fatal(err)
		}
		if c := CompareFirmware(model.ComponentBMC, sha, releases); !c.Matches {
			t.Errorf("%q: %+v", pasted, c)
		}
	}
}

func TestCompareSeal(t *testing.T) {
	base := GoldenSample{Serial: "GS-001", SealNumber: "S-1001", SealedOn: date("2026-01-10")}
	intact := SealSeen{Serial: "GS-001", SealNumber: "S-1001", State: model.SealIntact, ObservedOn: date("2026-11-20")}
	with := func(f func(*SealSeen)) SealSeen { s := intact; f(&s); return s }
	prev := &SealSeen{Serial: "GS-001", SealNumber: "S-1001", State: model.SealIntact, ObservedOn: date("2026-05-02")}
	tests := []struct {
		name     string
		seen     SealSeen
		base     GoldenSample
		previous *SealSeen
		problem  string // "" means a match
	}{
		{"intact, as recorded and as last visit", intact, base, prev, ""},
		{"first visit", intact, base, nil, ""},
		{"case and spaces do not matter", with(func(s *SealSeen) { s.SealNumber = " s-1001 " }), base, prev, ""},
		{"broken", with(func(s *SealSeen) { s.State = model.SealBroken }), base, prev, "S-1001 is broken"},
		{"missing", with(func(s *SealSeen) { s.State = model.SealMissing; s.SealNumber = "" }), base, prev, "missing (expected S-1001)"},
		{"another board", with(func(s *SealSeen) { s.Serial = "GS-002" }), base, prev, "serial GS-002, not the reference board GS-001"},
		{"seal number other than recorded", with(func(s *SealSeen) { s.SealNumber = "S-2002" }), base, nil, "S-2002, not the recorded seal S-1001"},
		{
			"seal changed between two visits, baseline not re-sealed",
			with(func(s *SealSeen) { s.SealNumber = "S-3003" }),
			GoldenSample{Serial: "GS-001", SealNumber: "S-3003", SealedOn: date("2026-01-10")},
			prev, "changed from S-1001 (visit of 2026-05-02) to S-3003",
		},
		{
			"seal changed between two visits after a recorded re-sealing",
			with(func(s *SealSeen) { s.SealNumber = "S-3003" }),
			GoldenSample{Serial: "GS-001", SealNumber: "S-3003", SealedOn: date("2026-07-01")},
			prev, "",
		},
		{
			"re-sealed on the day of the last visit is not after it",
			with(func(s *SealSeen) { s.SealNumber = "S-3003" }),
			GoldenSample{Serial: "GS-001", SealNumber: "S-3003", SealedOn: date("2026-05-02")},
			prev, "changed from S-1001",
		},
		{"no golden sample recorded", intact, GoldenSample{}, nil, "No golden sample is recorded"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := CompareSeal(tt.seen, tt.base, tt.previous)
			if tt.problem == "" {
				if !c.Matches {
					t.Fatalf("got %+v, want a match", c)
				}
				return
			}
			if c.Matches || c.Severity != model.SeverityCritical || !strings.Contains(c.Problem, tt.problem) {
				t.Fatalf("got %+v, want a critical mismatch saying %q", c, tt.problem)
			}
		})
	}
}

func TestCompareRevisionAndAOI(t *testing.T) {
	tests := []struct {
		name              string
		kind              model.ObservationKind
		observed, current string
		problem           string
	}{
		{"current BOM", model.ObserveBOM, "C", "C", ""},
		{"case and spacing", model.ObserveAVL, " avl  rev-7 ", "AVL Rev-7", ""},
		{"older BOM", model.ObserveBOM, "B", "C", "BOM revision B; the current revision is C"},
		{"other AVL", model.ObserveAVL, "6", "7", "AVL revision 6"},
		{"no current revision", model.ObserveBOM, "B", "", "No current BOM revision"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := CompareRevision(tt.kind, tt.observed, tt.current)
			if tt.problem == "" {
				if !c.Matches {
					t.Fatalf("got %+v", c)
				}
				return
			}
			if c.Matches || c.Severity != model.SeverityMajor || !strings.Contains(c.Problem, tt.problem) {
				t.Fatalf("got %+v, want a major mismatch saying %q", c, tt.problem)
			}
		})
	}
	if c := CompareAOI(model.AOIMatch); !c.Matches {
		t.Errorf("AOI match: %+v", c)
	}
	if c := CompareAOI(model.AOIMismatch); c.Matches || c.Severity != model.SeverityCritical {
		t.Errorf("AOI mismatch: %+v", c)
	}
}

func TestValidateObservation(t *testing.T) {
	tests := []struct {
		name   string
		in     ObservationInput
		fields []string
		sha    string
	}{
		{"firmware with a sha256sum line", ObservationInput{Kind: model.ObserveFirmware, Component: model.ComponentBMC, SHA256: strings.ToUpper(hashA) + "  bmc.bin"}, nil, hashA},
		{"firmware with a bad hash", ObservationInput{Kind: model.ObserveFirmware, Component: model.ComponentBMC, SHA256: "abc"}, []string{"o.sha256"}, ""},
		{"firmware without a component", ObservationInput{Kind: model.ObserveFirmware, SHA256: hashA}, []string{"o.component"}, hashA},
		{"intact seal needs its number", ObservationInput{Kind: model.ObserveGoldenSample, SealState: model.SealIntact}, []string{"o.seal_number"}, ""},
		{"missing seal has no number", ObservationInput{Kind: model.ObserveGoldenSample, SealState: model.SealMissing}, nil, ""},
		{"unknown seal state", ObservationInput{Kind: model.ObserveGoldenSample, SealState: "torn", SealNumber: "S"}, []string{"o.seal_state"}, ""},
		{"BOM needs a revision", ObservationInput{Kind: model.ObserveBOM, Revision: " "}, []string{"o.revision"}, ""},
		{"AOI needs a result", ObservationInput{Kind: model.ObserveAOI, AOIResult: "maybe"}, []string{"o.aoi_result"}, ""},
		{"unknown kind", ObservationInput{Kind: "smell"}, []string{"o.kind"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := Problems{}
			sha := ValidateObservation(tt.in, "o.", p)
			if len(p) != len(tt.fields) {
				t.Fatalf("problems %v, want %v", p, tt.fields)
			}
			for _, f := range tt.fields {
				if p[f] == "" {
					t.Errorf("no problem for %s in %v", f, p)
				}
			}
			if sha != tt.sha {
				t.Errorf("sha %q, want %q", sha, tt.sha)
			}
		})
	}
}

func TestValidateRelease(t *testing.T) {
	today := date("2026-11-26")
	ok := ReleaseInput{Component: model.ComponentBIOS, Version: "1.2", SHA256: hashA + "  bios.bin", ReleasedOn: date("2026-11-01")}
	p := Problems{}
	if sha := ValidateRelease(ok, today, p); sha != hashA || len(p) != 0 {
		t.Fatalf("valid release: %q %v", sha, p)
	}
	bad := ReleaseInput{Component: "gpu", SHA256: "xyz", ReleasedOn: date("2026-12-01")}
	p = Problems{}
	ValidateRelease(bad, today, p)
	for _, f := range []string{"component", "firmware_version", "sha256", "released_on"} {
		if p[f] == "" {
			t.Errorf("no problem for %s: %v", f, p)
		}
	}
}

func TestSourcesAndIncidents(t *testing.T) {
	tests := []struct {
		a, b string
		same bool
	}{
		{"Acme Parts, Inc.", "ACME PARTS INC", true},
		{"Acme Parts", "Acme Part", false},
		{"", "", false},
		{"  ", "--", false},
	}
	for _, tt := range tests {
		if got := SameSource(tt.a, tt.b); got != tt.same {
			t.Errorf("SameSource(%q, %q) = %v", tt.a, tt.b, got)
		}
	}
	if !SharesFamily([]string{"DRAM", "flash memory"}, " Flash  Memory") || SharesFamily([]string{"DRAM"}, "") || SharesFamily(nil, "DRAM") {
		t.Error("SharesFamily")
	}
	for _, tt := range []struct {
		authorised, accepted, flagged bool
	}{{true, false, false}, {true, true, false}, {false, true, false}, {false, false, true}} {
		if got := UnjustifiedSource(tt.authorised, tt.accepted); got != tt.flagged {
			t.Errorf("UnjustifiedSource(%v, %v) = %v", tt.authorised, tt.accepted, got)
		}
	}
}
