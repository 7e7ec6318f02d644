package qualification

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

var today = date("2026-11-26")

func completed(performed string, r model.InspectionResult) InspectionFact {
	return InspectionFact{Status: model.InspectionCompleted, Type: model.InspectionRoutine, PerformedDate: date(performed), Result: r}
}

func finding(sev model.Severity, st model.FindingStatus) FindingFact {
	return FindingFact{Severity: sev, Status: st}
}

func cert(standard, expires string, withdrawn bool) CertificationFact {
	c := CertificationFact{Standard: standard, Withdrawn: withdrawn}
	if expires != "" {
		c.ExpiresOn = date(expires)
	}
	return c
}

// readySite meets every rule for qualified and conditional.
func readySite(status model.QualificationStatus) SiteFacts {
	return SiteFacts{
		Status:         status,
		Inspections:    []InspectionFact{completed("2026-05-01", model.ResultPass)},
		Findings:       []FindingFact{finding(model.SeverityMinor, model.FindingOpen)},
		Certifications: []CertificationFact{cert("ISO 9001:2015", "2027-06-30", false)},
	}
}

// with returns readySite(status) changed by f.
func with(status model.QualificationStatus, f func(*SiteFacts)) SiteFacts {
	s := readySite(status)
	f(&s)
	return s
}

const (
	noPassMsg        = "No completed inspection with result pass in the last 12 months"
	noPassOrCondMsg  = "No completed inspection with result pass or conditional in the last 12 months"
	qualifiedTargets = "A qualified site can move to conditional, suspended or disqualified."
)

func TestCheckDecision(t *testing.T) {
	reason := "Audit passed, certificate checked."
	tests := []struct {
		name        string
		site        SiteFacts
		d           Decision
		wantMessage string
		want        map[string]string
	}{
		{
			name: "qualified with all evidence",
			site: readySite(model.StatusInQualification),
			d:    Decision{To: model.StatusQualified, Reason: reason},
		},
		{
			name: "qualified from suspended with all evidence",
			site: readySite(model.StatusSuspended),
			d:    Decision{To: model.StatusQualified, Reason: reason},
		},
		{
			name: "conditional with all evidence",
			site: readySite(model.StatusQualified),
			d:    Decision{To: model.StatusConditional, Reason: reason, ConditionalUntil: date("2027-03-31")},
		},
		{
			name: "suspended needs no evidence",
			site: SiteFacts{Status: model.StatusQualified},
			d:    Decision{To: model.StatusSuspended, Reason: reason},
		},
		{
			name: "disqualified needs no evidence",
			site: SiteFacts{Status: model.StatusProspective},
			d:    Decision{To: model.StatusDisqualified, Reason: reason},
		},
		{
			name:        "qualified with nothing on record and no reason lists every rule",
			site:        SiteFacts{Status: model.StatusInQualification},
			d:           Decision{To: model.StatusQualified, Reason: "  \n "},
			wantMessage: "The site cannot move to qualified.",
			want: map[string]string{
				"reason":        "Give a reason for the decision; it is kept in the site's history.",
				"inspection":    noPassMsg + " (the site has no completed inspection yet).",
				"certification": "No valid certification: the site has no certificate on record.",
			},
		},
		{
			name: "qualified with an old pass, open findings and dead certificates",
			site: SiteFacts{
				Status:      model.StatusConditional,
				Inspections: []InspectionFact{completed("2025-01-10", model.ResultPass), completed("2024-01-10", model.ResultPass)},
				Findings: []FindingFact{
					finding(model.SeverityMajor, model.FindingOpen),
					finding(model.SeverityMajor, model.FindingInProgress),
					finding(model.SeverityCritical, model.FindingOpen),
					finding(model.SeverityCritical, model.FindingClosed),
					finding(model.SeverityMinor, model.FindingOpen),
					finding(model.SeverityObservation, model.FindingOpen),
				},
				Certifications: []CertificationFact{
					cert("ISO 9001:2015", "2026-11-25", false),
					cert("AS9100D", "2028-01-01", true),
				},
			},
			d:           Decision{To: model.StatusQualified, Reason: reason},
			wantMessage: "The site cannot move to qualified.",
			want: map[string]string{
				"inspection":    noPassMsg + " (the last one passed on 2025-01-10).",
				"findings":      "1 open critical finding and 2 open major findings must be closed first.",
				"certification": "No valid certification: every certificate is expired or withdrawn (ISO 9001:2015 expired on 2026-11-25; AS9100D withdrawn).",
			},
		},
		{
			name: "pass exactly 12 months ago still counts",
			site: with(model.StatusInQualification, func(s *SiteFacts) {
				s.Inspections = []InspectionFact{completed("2025-11-26", model.ResultPass)}
			}),
			d: Decision{To: model.StatusQualified, Reason: reason},
		},
		{
			name: "pass performed today counts",
			site: with(model.StatusInQualification, func(s *SiteFacts) {
				s.Inspections = []InspectionFact{completed("2026-11-26", model.ResultPass)}
			}),
			d: Decision{To: model.StatusQualified, Reason: reason},
		},
		{
			name: "pass 12 months and a day ago does not count",
			site: with(model.StatusInQualification, func(s *SiteFacts) {
				s.Inspections = []InspectionFact{completed("2025-11-25", model.ResultPass)}
			}),
			d:           Decision{To: model.StatusQualified, Reason: reason},
			wantMessage: "The site cannot move to qualified.",
			want:        map[string]string{"inspection": noPassMsg + " (the last one passed on 2025-11-25)."},
		},
		{
			name: "a pass dated in the future is not evidence",
			site: with(model.StatusInQualification, func(s *SiteFacts) {
				s.Inspections = []InspectionFact{completed("2026-11-27", model.ResultPass)}
			}),
			d:           Decision{To: model.StatusQualified, Reason: reason},
			wantMessage: "The site cannot move to qualified.",
			want:        map[string]string{"inspection": noPassMsg + " (the site has no completed inspection yet)."},
		},
		{
			name: "planned, cancelled and undated inspections are not evidence",
			site: with(model.StatusInQualification, func(s *SiteFacts) {
				s.Inspections = []InspectionFact{
					{Status: model.InspectionPlanned, PerformedDate: date("2026-05-01"), Result: model.ResultPass},
					{Status: model.InspectionCancelled, PerformedDate: date("2026-05-01"), Result: model.ResultPass},
					{Status: model.InspectionCompleted, Result: model.ResultPass},
				}
			}),
			d:           Decision{To: model.StatusQualified, Reason: reason},
			wantMessage: "The site cannot move to qualified.",
			want:        map[string]string{"inspection": noPassMsg + " (the site has no completed inspection yet)."},
		},
		{
			name: "recent conditional and fail only: names the last inspection",
			site: with(model.StatusInQualification, func(s *SiteFacts) {
				s.Inspections = []InspectionFact{
					completed("2026-09-01", model.ResultFail),
					completed("2026-03-01", model.ResultConditional),
				}
			}),
			d:           Decision{To: model.StatusQualified, Reason: reason},
			wantMessage: "The site cannot move to qualified.",
			want:        map[string]string{"inspection": noPassMsg + " (the last inspection, on 2026-09-01, failed)."},
		},
		{
			name: "the latest of several conditional inspections is named",
			site: with(model.StatusInQualification, func(s *SiteFacts) {
				s.Inspections = []InspectionFact{
					completed("2026-03-01", model.ResultConditional),
					completed("2026-07-01", model.ResultConditional),
					completed("2026-05-01", model.ResultConditional),
				}
			}),
			d:           Decision{To: model.StatusQualified, Reason: reason},
			wantMessage: "The site cannot move to qualified.",
			want:        map[string]string{"inspection": noPassMsg + " (the last inspection, on 2026-07-01, passed with conditions)."},
		},
		{
			name: "a completed inspection without a result is described",
			site: with(model.StatusInQualification, func(s *SiteFacts) {
				s.Inspections = []InspectionFact{completed("2026-07-01", "")}
			}),
			d:           Decision{To: model.StatusQualified, Reason: reason},
			wantMessage: "The site cannot move to qualified.",
			want:        map[string]string{"inspection": noPassMsg + " (the last inspection, on 2026-07-01, has no result recorded)."},
		},
		{
			name: "an open finding with an unknown status still blocks",
			site: with(model.StatusInQualification, func(s *SiteFacts) {
				s.Findings = []FindingFact{finding(model.SeverityMajor, "reopened")}
			}),
			d:           Decision{To: model.StatusQualified, Reason: reason},
			wantMessage: "The site cannot move to qualified.",
			want:        map[string]string{"findings": "1 open major finding must be closed first."},
		},
		{
			name: "two open critical findings",
			site: with(model.StatusInQualification, func(s *SiteFacts) {
				s.Findings = []FindingFact{finding(model.SeverityCritical, model.FindingOpen), finding(model.SeverityCritical, model.FindingInProgress)}
			}),
			d:           Decision{To: model.StatusQualified, Reason: reason},
			wantMessage: "The site cannot move to qualified.",
			want:        map[string]string{"findings": "2 open critical findings must be closed first."},
		},
		{
			name: "a certificate expiring today is still valid",
			site: with(model.StatusInQualification, func(s *SiteFacts) {
				s.Certifications = []CertificationFact{cert("ISO 9001:2015", "2026-11-26", false)}
			}),
			d: Decision{To: model.StatusQualified, Reason: reason},
		},
		{
			name: "one valid certificate among dead ones is enough",
			site: with(model.StatusInQualification, func(s *SiteFacts) {
				s.Certifications = []CertificationFact{cert("A", "2020-01-01", false), cert("B", "2030-01-01", true), cert("C", "2027-01-01", false)}
			}),
			d: Decision{To: model.StatusQualified, Reason: reason},
		},
		{
			name: "certificates without expiry or standard, and more than five, are described",
			site: with(model.StatusInQualification, func(s *SiteFacts) {
				s.Certifications = []CertificationFact{
					cert("ISO 9001:2015", "", false),
					cert(" ", "2020-01-01", false),
					cert("B", "2020-01-02", false),
					cert("C", "2020-01-03", false),
					cert("D", "2020-01-04", false),
					cert("E", "2020-01-05", false),
					cert("F", "2020-01-06", true),
				}
			}),
			d:           Decision{To: model.StatusQualified, Reason: reason},
			wantMessage: "The site cannot move to qualified.",
			want: map[string]string{"certification": "No valid certification: every certificate is expired or withdrawn (" +
				"ISO 9001:2015 has no expiry date; a certificate without a standard expired on 2020-01-01; " +
				"B expired on 2020-01-02; C expired on 2020-01-03; D expired on 2020-01-04; 2 more)."},
		},
		{
			name: "conditional accepts a conditional inspection, an open major finding and no certificate",
			site: SiteFacts{
				Status:      model.StatusInQualification,
				Inspections: []InspectionFact{completed("2026-02-01", model.ResultConditional)},
				Findings:    []FindingFact{finding(model.SeverityMajor, model.FindingOpen)},
			},
			d: Decision{To: model.StatusConditional, Reason: reason, ConditionalUntil: date("2026-11-27")},
		},
		{
			name: "conditional with nothing on record and no date",
			site: SiteFacts{
				Status:   model.StatusQualified,
				Findings: []FindingFact{finding(model.SeverityCritical, model.FindingInProgress)},
			},
			d:           Decision{To: model.StatusConditional, Reason: reason},
			wantMessage: "The site cannot move to conditional.",
			want: map[string]string{
				"inspection":        noPassOrCondMsg + " (the site has no completed inspection yet).",
				"findings":          "1 open critical finding must be closed first.",
				"conditional_until": "Set the date until which the conditions apply.",
			},
		},
		{
			name: "conditional with an old conditional inspection and a recent fail",
			site: with(model.StatusQualified, func(s *SiteFacts) {
				s.Inspections = []InspectionFact{completed("2025-06-01", model.ResultConditional), completed("2026-06-01", model.ResultFail)}
			}),
			d:           Decision{To: model.StatusConditional, Reason: reason, ConditionalUntil: date("2027-01-01")},
			wantMessage: "The site cannot move to conditional.",
			want:        map[string]string{"inspection": noPassOrCondMsg + " (the last one passed with conditions on 2025-06-01)."},
		},
		{
			name: "conditional with only failed inspections",
			site: with(model.StatusQualified, func(s *SiteFacts) {
				s.Inspections = []InspectionFact{completed("2026-06-01", model.ResultFail)}
			}),
			d:           Decision{To: model.StatusConditional, Reason: reason, ConditionalUntil: date("2027-01-01")},
			wantMessage: "The site cannot move to conditional.",
			want:        map[string]string{"inspection": noPassOrCondMsg + " (the last inspection, on 2026-06-01, failed)."},
		},
		{
			name:        "conditional until today is too early",
			site:        readySite(model.StatusQualified),
			d:           Decision{To: model.StatusConditional, Reason: reason, ConditionalUntil: today},
			wantMessage: "The site cannot move to conditional.",
			want:        map[string]string{"conditional_until": "The conditional-until date must be after today (2026-11-26)."},
		},
		{
			name:        "conditional until in the past",
			site:        readySite(model.StatusQualified),
			d:           Decision{To: model.StatusConditional, Reason: reason, ConditionalUntil: date("2026-01-01")},
			wantMessage: "The site cannot move to conditional.",
			want:        map[string]string{"conditional_until": "The conditional-until date must be after today (2026-11-26)."},
		},
		{
			name:        "conditional-until date refused for any other target",
			site:        readySite(model.StatusConditional),
			d:           Decision{To: model.StatusQualified, Reason: reason, ConditionalUntil: date("2027-01-01")},
			wantMessage: "The site cannot move to qualified.",
			want:        map[string]string{"conditional_until": "Only a move to conditional takes a conditional-until date; leave it empty."},
		},
		{
			name:        "transition not allowed; evidence rules still listed",
			site:        SiteFacts{Status: model.StatusProspective},
			d:           Decision{To: model.StatusQualified, Reason: reason},
			wantMessage: "The site cannot move to qualified.",
			want: map[string]string{
				"status":        "A prospective site can move to in qualification or disqualified.",
				"inspection":    noPassMsg + " (the site has no completed inspection yet).",
				"certification": "No valid certification: the site has no certificate on record.",
			},
		},
		{
			name:        "transition not allowed to a status without evidence rules",
			site:        SiteFacts{Status: model.StatusDisqualified},
			d:           Decision{To: model.StatusSuspended, Reason: reason},
			wantMessage: "The site cannot move to suspended.",
			want:        map[string]string{"status": "A disqualified site can move to in qualification."},
		},
		{
			name:        "already in the target status",
			site:        readySite(model.StatusQualified),
			d:           Decision{To: model.StatusQualified, Reason: reason},
			wantMessage: "The site cannot move to qualified.",
			want:        map[string]string{"status": "The site is already qualified. " + qualifiedTargets},
		},
		{
			name:        "unknown target",
			site:        readySite(model.StatusQualified),
			d:           Decision{To: "approved", Reason: reason},
			wantMessage: "The site cannot move to that status.",
			want:        map[string]string{"status": `"approved" is not a qualification status. ` + qualifiedTargets},
		},
		{
			name:        "missing target, reason and a stray date",
			site:        readySite(model.StatusQualified),
			d:           Decision{ConditionalUntil: date("2027-01-01")},
			wantMessage: "The site cannot move to that status.",
			want: map[string]string{
				"status":            "Choose the new status. " + qualifiedTargets,
				"reason":            "Give a reason for the decision; it is kept in the site's history.",
				"conditional_until": "Only a move to conditional takes a conditional-until date; leave it empty.",
			},
		},
		{
			name:        "site in an unknown status cannot move",
			site:        readySite("approved"),
			d:           Decision{To: model.StatusSuspended, Reason: reason},
			wantMessage: "The site cannot move to suspended.",
			want:        map[string]string{"status": `The site's current status "approved" is not known, so it cannot move.`},
		},
		{
			name: "reason of exactly 2000 characters, multi-byte, surrounded by spaces",
			site: readySite(model.StatusQualified),
			d:    Decision{To: model.StatusSuspended, Reason: "  " + strings.Repeat("é", 2000) + "\n"},
		},
		{
			name:        "reason of 2001 characters",
			site:        readySite(model.StatusQualified),
			d:           Decision{To: model.StatusSuspended, Reason: strings.Repeat("x", 2001)},
			wantMessage: "The site cannot move to suspended.",
			want:        map[string]string{"reason": "Keep the reason to 2000 characters or fewer (it has 2001)."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckDecision(tt.site, tt.d, today)
			checkFields(t, err, tt.want)
			var ve *ValidationError
			if errors.As(err, &ve) && ve.Message != tt.wantMessage {
				t.Errorf("message = %q, want %q", ve.Message, tt.wantMessage)
			}
		})
	}
}

func TestUnmet(t *testing.T) {
	tests := []struct {
		name string
		site SiteFacts
		to   model.QualificationStatus
		want []string
	}{
		{
			name: "all met",
			site: readySite(model.StatusInQualification),
			to:   model.StatusQualified,
			want: []string{},
		},
		{
			name: "no evidence rules for suspended",
			site: SiteFacts{Status: model.StatusQualified},
			to:   model.StatusSuspended,
			want: []string{},
		},
		{
			name: "every rule in order: status, inspection, findings, certification",
			site: SiteFacts{Status: model.StatusProspective, Findings: []FindingFact{finding(model.SeverityMajor, model.FindingOpen)}},
			to:   model.StatusQualified,
			want: []string{
				"A prospective site can move to in qualification or disqualified.",
				noPassMsg + " (the site has no completed inspection yet).",
				"1 open major finding must be closed first.",
				"No valid certification: the site has no certificate on record.",
			},
		},
		{
			name: "conditional leaves out the date the manager has yet to enter",
			site: with(model.StatusQualified, func(s *SiteFacts) { s.Inspections = nil }),
			to:   model.StatusConditional,
			want: []string{noPassOrCondMsg + " (the site has no completed inspection yet)."},
		},
		{
			name: "unknown target",
			site: readySite(model.StatusQualified),
			to:   "bogus",
			want: []string{`"bogus" is not a qualification status. ` + qualifiedTargets},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rules := Unmet(tt.site, tt.to, today)
			if rules == nil {
				t.Fatal("Unmet returned nil, want a non-nil slice")
			}
			got := make([]string, len(rules))
			for i, r := range rules {
				got[i] = r.Message
				if r.Blockers == nil {
					t.Errorf("rule %s: Blockers is nil, want a non-nil slice", r.Rule)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestUnmetNamesTheRecordsThatBlock(t *testing.T) {
	failed := completed("2026-09-01", model.ResultFail)
	failed.ID = 7
	old := completed("2025-06-01", model.ResultPass)
	old.ID, old.Type = 3, model.InspectionFollowUp
	major := FindingFact{ID: 11, Severity: model.SeverityMajor, Status: model.FindingInProgress, Description: "  Solder paste\n stored  warm "}
	critical := FindingFact{ID: 12, Severity: model.SeverityCritical, Status: model.FindingOpen, Description: strings.Repeat("x", 100)}
	closed := FindingFact{ID: 13, Severity: model.SeverityCritical, Status: model.FindingClosed}
	minor := FindingFact{ID: 14, Severity: model.SeverityMinor, Status: model.FindingOpen}
	expired := cert("ISO 9001:2015", "2026-01-31", false)
	expired.ID = 21
	withdrawn := cert("IATF 16949:2016", "2027-01-31", true)
	withdrawn.ID = 22

	type rules = map[string][]Blocker
	tests := []struct {
		name string
		site SiteFacts
		to   model.QualificationStatus
		want rules
	}{
		{
			name: "qualified: the failed inspection, the open critical and major findings, the expired and withdrawn certificates",
			site: SiteFacts{Status: model.StatusInQualification, Inspections: []InspectionFact{failed}, Findings: []FindingFact{major, critical, closed, minor},
				Certifications: []CertificationFact{expired, withdrawn}},
			to: model.StatusQualified,
			want: rules{
				"inspection": {{Type: "inspection", ID: 7, Label: "Routine inspection, failed", Date: date("2026-09-01")}},
				"findings": {
					{Type: "finding", ID: 12, Label: "Critical finding: " + strings.Repeat("x", 80) + "…"},
					{Type: "finding", ID: 11, Label: "Major finding: Solder paste stored warm"},
				},
				"certification": {
					{Type: "certification", ID: 21, Label: "ISO 9001:2015, expired", Date: date("2026-01-31")},
					{Type: "certification", ID: 22, Label: "IATF 16949:2016, withdrawn"},
				},
			},
		},
		{
			name: "a pass too old is the inspection that blocks",
			site: SiteFacts{Status: model.StatusInQualification, Inspections: []InspectionFact{old}, Certifications: []CertificationFact{cert("ISO 9001:2015", "2027-06-30", false)}},
			to:   model.StatusQualified,
			want: rules{"inspection": {{Type: "inspection", ID: 3, Label: "Follow-up inspection, passed", Date: date("2025-06-01")}}},
		},
		{
			name: "conditional: an open major finding does not block, nothing on record blocks as no record",
			site: SiteFacts{Status: model.StatusQualified, Findings: []FindingFact{major}},
			to:   model.StatusConditional,
			want: rules{"inspection": {}},
		},
		{
			name: "no certificate at all: the rule is unmet with no record to open",
			site: with(model.StatusInQualification, func(s *SiteFacts) { s.Certifications = nil }),
			to:   model.StatusQualified,
			want: rules{"certification": {}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := rules{}
			for _, r := range Unmet(tt.site, tt.to, today) {
				got[r.Rule] = r.Blockers
			}
			if len(got) != len(tt.want) {
				t.Fatalf("rules %v, want %v", got, tt.want)
			}
			for rule, want := range tt.want {
				if !slices.Equal(got[rule], want) {
					t.Errorf("%s blockers\n got  %+v\n want %+v", rule, got[rule], want)
				}
			}
		})
	}
}

func TestUnmetListsAtMostTwentyBlockersARule(t *testing.T) {
	site := readySite(model.StatusInQualification)
	for i := range 25 {
		site.Findings = append(site.Findings, FindingFact{ID: int64(i + 1), Severity: model.SeverityMajor, Status: model.FindingOpen})
	}
	for _, r := range Unmet(site, model.StatusQualified, today) {
		if r.Rule != "findings" {
			t.Fatalf("unexpected rule %s", r.Rule)
		}
		if len(r.Blockers) != maxBlockers || r.Message != "25 open major findings must be closed first." {
			t.Errorf("%d blockers, message %q", len(r.Blockers), r.Message)
		}
	}
}
