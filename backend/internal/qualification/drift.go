package qualification

import (
	"fmt"
	"slices"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

// Observed is the newest observation of one value of a product at a site,
// as the drift check reads it.
type Observed struct {
	Kind       model.ObservationKind
	Component  model.Component
	SHA256     string
	Serial     string
	SealNumber string
	SealState  model.SealState
	Revision   string
	AOIResult  model.AOIResult
	ObservedOn model.Date
	// Matched is the comparison made when it was recorded.
	Matched bool
	Problem string
}

// Baseline is what should be there for a product at a site.
type Baseline struct {
	Releases []Release
	Golden   GoldenSample
	BOM, AVL string // current revisions ("" when none is recorded)
}

// DriftItem is one value of a product at a site that differs from the
// baseline, or that was not observed within its interval.
type DriftItem struct {
	Kind      model.ObservationKind
	Component model.Component
	Expected  string
	Observed  string
	// ObservedOn is the day of the newest observation (zero: never).
	ObservedOn model.Date
	Severity   model.Severity
	Problem    string
	// Stale says the value was not observed within the interval (or
	// never); Problem then says so.
	Stale bool
}

// Drift lists what differs between the newest observations of a product at
// a site and its baseline today. Each firmware component with a current
// release, the golden sample (when recorded) and the BOM and AVL (when a
// revision is current) are expected to have been observed on or after
// since; an older or missing observation is stale. An observation differs
// when it was a mismatch when recorded (it stays one until a later visit
// finds it right) or when it no longer matches today's baseline (its
// release was superseded since). An AOI comparison drifts only when its
// newest result is a mismatch: not every visit x-rays a board.
func Drift(base Baseline, latest []Observed, since model.Date) []DriftItem {
	var out []DriftItem
	find := func(kind model.ObservationKind, c model.Component) *Observed {
		for i := range latest {
			if latest[i].Kind == kind && latest[i].Component == c {
				return &latest[i]
			}
		}
		return nil
	}
	stale := func(item DriftItem, o *Observed) (DriftItem, bool) {
		if o == nil {
			item.Stale, item.Severity = true, model.SeverityMajor
			item.Problem = "Never observed."
			return item, true
		}
		if o.ObservedOn.Before(since) {
			item.Stale, item.Severity = true, model.SeverityMajor
			item.Observed, item.ObservedOn = observedText(*o), o.ObservedOn
			item.Problem = fmt.Sprintf("Last observed on %s, before %s.", o.ObservedOn, since)
			return item, true
		}
		return item, false
	}
	differs := func(item DriftItem, o Observed, now Comparison) (DriftItem, bool) {
		item.Observed, item.ObservedOn = observedText(o), o.ObservedOn
		switch {
		case !now.Matches:
			item.Severity, item.Problem = now.Severity, now.Problem
		case !o.Matched:
			item.Severity, item.Problem = model.SeverityMajor, o.Problem
		default:
			return item, false
		}
		return item, true
	}

	components := map[model.Component]string{}
	for _, r := range base.Releases {
		if r.Current() {
			if components[r.Component] != "" {
				components[r.Component] += ", "
			}
			components[r.Component] += r.Version
		}
	}
	for _, o := range latest {
		if o.Kind == model.ObserveFirmware {
			if _, ok := components[o.Component]; !ok {
				components[o.Component] = ""
			}
		}
	}
	for _, c := range model.Components {
		expected, ok := components[c]
		if !ok {
			continue
		}
		item := DriftItem{Kind: model.ObserveFirmware, Component: c, Expected: expected}
		o := find(model.ObserveFirmware, c)
		if it, bad := stale(item, o); bad {
			if expected != "" {
				out = append(out, it)
			}
			continue
		}
		if it, bad := differs(item, *o, CompareFirmware(c, o.SHA256, base.Releases)); bad {
			out = append(out, it)
		}
	}

	if base.Golden.Serial != "" || base.Golden.SealNumber != "" {
		item := DriftItem{Kind: model.ObserveGoldenSample, Expected: goldenText(base.Golden.Serial, base.Golden.SealNumber, "")}
		if o := find(model.ObserveGoldenSample, ""); o != nil {
			if it, bad := stale(item, o); bad {
				out = append(out, it)
			} else if it, bad := differs(item, *o, CompareSeal(SealSeen{Serial: o.Serial, SealNumber: o.SealNumber, State: o.SealState, ObservedOn: o.ObservedOn}, base.Golden, nil)); bad {
				out = append(out, it)
			}
		} else {
			it, _ := stale(item, nil)
			out = append(out, it)
		}
	}

	for _, rev := range []struct {
		kind    model.ObservationKind
		current string
	}{{model.ObserveBOM, base.BOM}, {model.ObserveAVL, base.AVL}} {
		if rev.current == "" {
			continue
		}
		item := DriftItem{Kind: rev.kind, Expected: rev.current}
		o := find(rev.kind, "")
		if it, bad := stale(item, o); bad {
			out = append(out, it)
			continue
		}
		if it, bad := differs(item, *o, CompareRevision(rev.kind, o.Revision, rev.current)); bad {
			out = append(out, it)
		}
	}

	if o := find(model.ObserveAOI, ""); o != nil && o.AOIResult == model.AOIMismatch {
		out = append(out, DriftItem{Kind: model.ObserveAOI, Expected: "match", Observed: string(o.AOIResult), ObservedOn: o.ObservedOn,
			Severity: model.SeverityCritical, Problem: CompareAOI(o.AOIResult).Problem})
	}
	slices.SortStableFunc(out, func(a, b DriftItem) int { return severityRank(a.Severity) - severityRank(b.Severity) })
	return out
}

func severityRank(s model.Severity) int {
	return slices.Index(model.Severities, s)
}

// observedText is an observation's value in a few words.
func observedText(o Observed) string {
	switch o.Kind {
	case model.ObserveFirmware:
		return o.SHA256
	case model.ObserveGoldenSample:
		return goldenText(o.Serial, o.SealNumber, o.SealState)
	case model.ObserveAOI:
		return string(o.AOIResult)
	}
	return o.Revision
}

func goldenText(serial, seal string, state model.SealState) string {
	s := "serial " + orUnknown(serial) + ", seal " + orUnknown(seal)
	if state != "" {
		s += " (" + string(state) + ")"
	}
	return s
}

// ObservationDueSince is the day from which an observation counts as
// recent for a site of tier: today minus the tier's inspection interval.
func ObservationDueSince(today model.Date, tier model.RiskTier, iv Intervals) model.Date {
	return today.AddMonths(-iv.Months(tier))
}
