package qualification

import (
	"maps"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

func TestIntervalsFrom(t *testing.T) {
	tests := []struct {
		name string
		in   map[string]int
		want Intervals
	}{
		{"nil keeps the defaults", nil, Intervals{"critical": 6, "high": 12, "medium": 18, "low": 24}},
		{"overrides known tiers", map[string]int{"critical": 3, "low": 36}, Intervals{"critical": 3, "high": 12, "medium": 18, "low": 36}},
		{"ignores unknown tiers and non-positive months", map[string]int{"extreme": 1, "high": 0, "medium": -5}, Intervals{"critical": 6, "high": 12, "medium": 18, "low": 24}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IntervalsFrom(tt.in); !maps.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
	IntervalsFrom(nil)[model.RiskLow] = 99
	if DefaultIntervals[model.RiskLow] != 24 {
		t.Fatal("changing IntervalsFrom's result changed DefaultIntervals")
	}
}

func TestIntervalsMonths(t *testing.T) {
	tests := []struct {
		name string
		iv   Intervals
		tier model.RiskTier
		want int
	}{
		{"configured", Intervals{"high": 9}, model.RiskHigh, 9},
		{"missing tier uses the default", Intervals{"high": 9}, model.RiskMedium, 18},
		{"nil intervals use the defaults", nil, model.RiskLow, 24},
		{"unknown tier uses the shortest", nil, "extreme", 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.iv.Months(tt.tier); got != tt.want {
				t.Errorf("Months(%q) = %d, want %d", tt.tier, got, tt.want)
			}
		})
	}
}

func TestNextInspectionDue(t *testing.T) {
	created := date("2025-03-15")
	tests := []struct {
		name   string
		tier   model.RiskTier
		last   string
		result model.InspectionResult
		iv     Intervals
		want   string
	}{
		{"never inspected: due from creation", model.RiskLow, "", "", DefaultIntervals, "2025-03-15"},
		{"critical pass", model.RiskCritical, "2026-01-10", model.ResultPass, DefaultIntervals, "2026-07-10"},
		{"high pass", model.RiskHigh, "2026-01-10", model.ResultPass, DefaultIntervals, "2027-01-10"},
		{"medium conditional", model.RiskMedium, "2026-01-10", model.ResultConditional, DefaultIntervals, "2027-07-10"},
		{"low pass", model.RiskLow, "2026-01-10", model.ResultPass, DefaultIntervals, "2028-01-10"},
		{"fail: 60 days whatever the tier", model.RiskLow, "2026-01-10", model.ResultFail, DefaultIntervals, "2026-03-11"},
		{"month end is clamped", model.RiskCritical, "2026-08-31", model.ResultPass, DefaultIntervals, "2027-02-28"},
		{"configured interval", model.RiskHigh, "2026-01-10", model.ResultPass, Intervals{"high": 3}, "2026-04-10"},
		{"nil intervals use the defaults", model.RiskHigh, "2026-01-10", model.ResultPass, nil, "2027-01-10"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var last model.Date
			if tt.last != "" {
				last = date(tt.last)
			}
			if got := NextInspectionDue(created, tt.tier, last, tt.result, tt.iv); !got.Equal(date(tt.want)) {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestOverdue(t *testing.T) {
	tests := []struct {
		name             string
		due, nextPlanned string
		want             bool
	}{
		{"no due date", "", "", false},
		{"due in the future", "2026-12-01", "", false},
		{"due today", "2026-11-26", "", false},
		{"due yesterday, nothing planned", "2026-11-25", "", true},
		{"past due, planned on the due date", "2026-10-01", "2026-10-01", false},
		{"past due, planned before the due date", "2026-10-01", "2026-09-15", false},
		{"past due, planned only after the due date", "2026-10-01", "2026-12-05", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var due, planned model.Date
			if tt.due != "" {
				due = date(tt.due)
			}
			if tt.nextPlanned != "" {
				planned = date(tt.nextPlanned)
			}
			if got := Overdue(due, planned, today); got != tt.want {
				t.Errorf("Overdue(%s, %s) = %v, want %v", tt.due, tt.nextPlanned, got, tt.want)
			}
		})
	}
}
