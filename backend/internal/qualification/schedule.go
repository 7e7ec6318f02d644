package qualification

import "github.com/qualtrack/qualtrack/backend/internal/model"

// failRecheckDays is how soon a site is inspected again after a failed
// inspection, whatever its risk tier.
const failRecheckDays = 60

// Intervals is the number of months between routine inspections by risk tier.
type Intervals map[model.RiskTier]int

// DefaultIntervals are the months between routine inspections by risk
// tier, unless configured otherwise.
var DefaultIntervals = Intervals{
	model.RiskCritical: 6,
	model.RiskHigh:     12,
	model.RiskMedium:   18,
	model.RiskLow:      24,
}

// ByName is iv keyed by tier name, as the configuration reads it.
func (iv Intervals) ByName() map[string]int {
	m := make(map[string]int, len(iv))
	for tier, months := range iv {
		m[string(tier)] = months
	}
	return m
}

// IntervalsFrom builds Intervals from configuration (tier name to months).
// Tiers it does not set, unknown tier names and non-positive months keep
// the defaults, so a partial or mistyped setting never leaves a tier
// without an interval.
func IntervalsFrom(m map[string]int) Intervals {
	iv := make(Intervals, len(DefaultIntervals))
	for tier, months := range DefaultIntervals {
		iv[tier] = months
	}
	for name, months := range m {
		if tier := model.RiskTier(name); tier.Valid() && months > 0 {
			iv[tier] = months
		}
	}
	return iv
}

// Months is the interval for tier. A tier missing from iv falls back to the
// default, and an unknown tier to the shortest interval: inspecting too
// often is a smaller failure than missing an inspection.
func (iv Intervals) Months(tier model.RiskTier) int {
	if n := iv[tier]; n > 0 {
		return n
	}
	if n := DefaultIntervals[tier]; n > 0 {
		return n
	}
	return DefaultIntervals[model.RiskCritical]
}

// NextInspectionDue is when a site should next be inspected: the last
// completed inspection plus the interval for its tier, 60 days after a
// failed one, and the day the site was created when it was never inspected.
func NextInspectionDue(created model.Date, tier model.RiskTier, lastPerformed model.Date, lastResult model.InspectionResult, iv Intervals) model.Date {
	if lastPerformed.IsZero() {
		return created
	}
	if lastResult == model.ResultFail {
		return lastPerformed.AddDays(failRecheckDays)
	}
	return lastPerformed.AddMonths(iv.Months(tier))
}

// Overdue reports whether an inspection due on due is overdue today: the
// date has passed and no planned inspection is scheduled on or before it.
// A zero nextPlanned means none is planned; a zero due is never overdue.
func Overdue(due, nextPlanned, today model.Date) bool {
	if due.IsZero() || !due.Before(today) {
		return false
	}
	return nextPlanned.IsZero() || nextPlanned.After(due)
}
