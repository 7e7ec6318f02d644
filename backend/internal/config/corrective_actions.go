package config

import (
	"strconv"
	"strings"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
)

// loadCorrectiveDueDays reads QUALTRACK_SCAR_DUE_DAYS: per severity, the
// days a supplier has for containment, root cause, correction and
// prevention, e.g. "critical=2/14/30/45,major=7/30/60/90". A severity not
// named keeps its default.
func loadCorrectiveDueDays(c *Config, getenv func(string) string, bad func(name, format string, a ...any)) {
	days := qualification.CorrectiveDueDays{}
	for sev, d := range qualification.DefaultCorrectiveDueDays {
		days[sev] = map[model.CAStage]int{}
		for st, n := range d {
			days[sev][st] = n
		}
	}
	c.CorrectiveDueDays = days
	v := strings.TrimSpace(getenv("QUALTRACK_SCAR_DUE_DAYS"))
	if v == "" {
		return
	}
	const name = "QUALTRACK_SCAR_DUE_DAYS"
	for _, part := range strings.Split(v, ",") {
		sev, list, ok := strings.Cut(strings.TrimSpace(part), "=")
		nums := strings.Split(list, "/")
		if !ok || !model.Severity(sev).Valid() || len(nums) != len(model.SupplierStages) {
			bad(name, "must list severity=containment/root cause/correction/prevention days, e.g. critical=2/14/30/45, not %q", part)
			return
		}
		d := map[model.CAStage]int{}
		for i, n := range nums {
			x, err := strconv.Atoi(strings.TrimSpace(n))
			if err != nil {
				bad(name, "%q: the days must be whole numbers", part)
				return
			}
			d[model.SupplierStages[i]] = x
		}
		days[model.Severity(sev)] = d
	}
	if err := qualification.CheckCorrectiveDueDays(days); err != nil {
		bad(name, "%v", err)
	}
}
