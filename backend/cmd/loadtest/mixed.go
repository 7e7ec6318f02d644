package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// mixedFixture is what the mixed scenario's readers pick from: ids of
// every record type and search terms cut from the seeded text.
type mixedFixture struct {
	manufacturerIDs, inspectionIDs, findingIDs, certificationIDs, completedIDs []int64
	terms, countries, standards                                                []string
}

func loadMixedFixture(ctx context.Context, c *client) (mixedFixture, error) {
	var mx mixedFixture
	terms, countries := map[string]bool{}, map[string]bool{}
	addTerms := func(texts ...string) {
		for _, t := range texts {
			for _, w := range strings.Fields(strings.ToLower(t)) {
				w = strings.Trim(w, ".,;:()\"'")
				if r := []rune(w); len(r) >= 3 {
					terms[string(r[:min(len(r), 3+len(terms)%4)])] = true
				}
			}
		}
	}
	type item struct {
		ID          int64  `json:"id"`
		Name        string `json:"name"`
		LegalName   string `json:"legal_name"`
		Country     string `json:"country"`
		Code        string `json:"code"`
		City        string `json:"city"`
		Description string `json:"description"`
		Owner       string `json:"owner"`
		Summary     string `json:"summary"`
		Status      string `json:"status"`
		Standard    string `json:"standard"`
		IssuingBody string `json:"issuing_body"`
	}
	read := func(path string) ([]item, error) {
		var list struct {
			Items []item `json:"items"`
		}
		return list.Items, c.getJSON(ctx, path, &list)
	}
	lists := []struct {
		path string
		use  func(item)
	}{
		{"/api/v1/manufacturers?page_size=200", func(i item) {
			mx.manufacturerIDs = append(mx.manufacturerIDs, i.ID)
			addTerms(i.Name)
			if i.Country != "" {
				countries[i.Country] = true
			}
		}},
		{"/api/v1/sites?page_size=200&sort=-updated_at", func(i item) { addTerms(i.Code, i.City) }},
		{"/api/v1/inspections?page_size=200&status=completed", func(i item) {
			mx.inspectionIDs = append(mx.inspectionIDs, i.ID)
			mx.completedIDs = append(mx.completedIDs, i.ID)
			addTerms(i.Summary)
		}},
		{"/api/v1/inspections?page_size=200&status=planned", func(i item) { mx.inspectionIDs = append(mx.inspectionIDs, i.ID) }},
		{"/api/v1/findings?page_size=200", func(i item) {
			mx.findingIDs = append(mx.findingIDs, i.ID)
			addTerms(i.Description, i.Owner)
		}},
		{"/api/v1/certifications?page_size=200", func(i item) {
			mx.certificationIDs = append(mx.certificationIDs, i.ID)
			addTerms(i.IssuingBody)
			mx.standards = append(mx.standards, i.Standard)
		}},
	}
	for _, l := range lists {
		items, err := read(l.path)
		if err != nil {
			return mx, err
		}
		for _, i := range items {
			l.use(i)
		}
	}
	for t := range terms {
		mx.terms = append(mx.terms, t)
	}
	for cc := range countries {
		mx.countries = append(mx.countries, cc)
	}
	sort.Strings(mx.terms)
	sort.Strings(mx.countries)
	if len(mx.completedIDs) == 0 || len(mx.findingIDs) == 0 || len(mx.certificationIDs) == 0 || len(mx.terms) == 0 {
		return mx, fmt.Errorf("the mixed scenario needs a seeded register (qualtrack seed --sites N --inspections N --findings N --certifications N)")
	}
	return mx, nil
}

// mixedReader is the next read of one of the mixed scenario's readers:
// uniformly a list route (with random filters, a whitelisted sort, a
// search term from the seeded text and a page) or a record's detail, so
// few requests repeat and the caches rarely answer.
func mixedReader(fx fixture, mx mixedFixture) func(r *rand.Rand) request {
	oneOf := func(r *rand.Rand, xs []string) string { return xs[r.IntN(len(xs))] }
	id := func(r *rand.Rand, xs []int64) int64 { return xs[r.IntN(len(xs))] }
	sortOf := func(r *rand.Rand, f store.SortFields) string {
		names := f.Names()
		sort.Strings(names)
		s := oneOf(r, names)
		if r.IntN(2) == 0 {
			s = "-" + s
		}
		return s
	}
	enums := func(r *rand.Rand, xs []string) string {
		var out []string
		for _, x := range xs {
			if r.IntN(3) == 0 {
				out = append(out, x)
			}
		}
		if len(out) == 0 {
			out = append(out, oneOf(r, xs))
		}
		return strings.Join(out, ",")
	}
	strs := func(xs any) []string {
		var out []string
		switch v := xs.(type) {
		case []model.QualificationStatus:
			for _, x := range v {
				out = append(out, string(x))
			}
		case []model.RiskTier:
			for _, x := range v {
				out = append(out, string(x))
			}
		case []model.Severity:
			for _, x := range v {
				out = append(out, string(x))
			}
		case []model.FindingStatus:
			for _, x := range v {
				out = append(out, string(x))
			}
		case []model.InspectionStatus:
			for _, x := range v {
				out = append(out, string(x))
			}
		case []model.InspectionType:
			for _, x := range v {
				out = append(out, string(x))
			}
		case []model.CertificationStatus:
			for _, x := range v {
				out = append(out, string(x))
			}
		}
		return out
	}
	statuses, tiers, severities := strs(model.QualificationStatuses), strs(model.RiskTiers), strs(model.Severities)
	findingStatuses, inspectionStatuses, inspectionTypes := strs(model.FindingStatuses), strs(model.InspectionStatuses), strs(model.InspectionTypes)
	certStatuses := strs(model.CertificationStatuses)
	results := []string{"pass", "conditional", "fail"}
	// list builds a list path: each filter is set with probability 1/3,
	// a search with 1/4, then a sort and a page (deep pages only when few
	// filters narrow the list).
	list := func(r *rand.Rand, path string, sorts store.SortFields, filters map[string]func() string) string {
		v := url.Values{}
		for name, value := range filters {
			if r.IntN(3) == 0 {
				v.Set(name, value())
			}
		}
		if r.IntN(4) == 0 {
			v.Set("q", oneOf(r, mx.terms))
		}
		v.Set("sort", sortOf(r, sorts))
		v.Set("page_size", "50")
		pages := 3
		if len(v) <= 3 {
			pages = 100
		}
		v.Set("page", strconv.Itoa(1+r.IntN(pages)))
		return path + "?" + v.Encode()
	}
	day := func(r *rand.Rand, back int) string { return fx.today.AddDate(0, 0, -r.IntN(back)).Format("2006-01-02") }
	routes := []func(r *rand.Rand) string{
		func(r *rand.Rand) string {
			return list(r, "/api/v1/sites", store.SiteSorts, map[string]func() string{
				"status": func() string { return enums(r, statuses) }, "risk_tier": func() string { return oneOf(r, tiers) },
				"country": func() string { return oneOf(r, mx.countries) }, "overdue": func() string { return strconv.FormatBool(r.IntN(2) == 0) },
				"due_soon": func() string { return "true" },
			})
		},
		func(r *rand.Rand) string {
			return list(r, "/api/v1/manufacturers", store.ManufacturerSorts, map[string]func() string{
				"country": func() string { return oneOf(r, mx.countries) },
			})
		},
		func(r *rand.Rand) string {
			return list(r, "/api/v1/inspections", store.InspectionSorts, map[string]func() string{
				"status": func() string { return oneOf(r, inspectionStatuses) }, "type": func() string { return oneOf(r, inspectionTypes) },
				"result": func() string { return oneOf(r, results) }, "from": func() string { return day(r, 720) },
				"site_id": func() string { return strconv.FormatInt(id(r, fx.siteIDs), 10) },
			})
		},
		func(r *rand.Rand) string {
			return list(r, "/api/v1/findings", store.FindingSorts, map[string]func() string{
				"status": func() string { return enums(r, findingStatuses) }, "severity": func() string { return oneOf(r, severities) },
				"overdue": func() string { return strconv.FormatBool(r.IntN(2) == 0) }, "active_sites": func() string { return "true" },
				"site_id": func() string { return strconv.FormatInt(id(r, fx.siteIDs), 10) },
			})
		},
		func(r *rand.Rand) string {
			return list(r, "/api/v1/certifications", store.CertificationSorts, map[string]func() string{
				"status": func() string { return enums(r, certStatuses) }, "standard": func() string { return oneOf(r, mx.standards) },
				"expiring_within_days": func() string { return strconv.Itoa(30 * (1 + r.IntN(6))) },
				"site_id":              func() string { return strconv.FormatInt(id(r, fx.siteIDs), 10) },
			})
		},
		func(r *rand.Rand) string { return fmt.Sprintf("/api/v1/sites/%d", id(r, fx.siteIDs)) },
		func(r *rand.Rand) string { return fmt.Sprintf("/api/v1/manufacturers/%d", id(r, mx.manufacturerIDs)) },
		func(r *rand.Rand) string { return fmt.Sprintf("/api/v1/inspections/%d", id(r, mx.inspectionIDs)) },
		func(r *rand.Rand) string { return fmt.Sprintf("/api/v1/findings/%d", id(r, mx.findingIDs)) },
		func(r *rand.Rand) string { return fmt.Sprintf("/api/v1/certifications/%d", id(r, mx.certificationIDs)) },
		func(*rand.Rand) string { return "/api/v1/dashboard" },
	}
	return func(r *rand.Rand) request {
		return request{method: http.MethodGet, path: routes[r.IntN(len(routes))](r)}
	}
}

// mixedWriter returns one writer's next write: it plans inspections,
// completes them, raises findings on them and edits those findings, each
// at the version its last answer gave, so writers never conflict.
// Completing an inspection and closing a finding are signed with the
// signed-in user's password, as the web app signs them.
func mixedWriter(fx fixture, mx mixedFixture, userID int64, password string) func() func(ctx context.Context, c *client, r *rand.Rand) (int, error) {
	return func() func(ctx context.Context, c *client, r *rand.Rand) (int, error) {
		type rec struct{ id, version int64 }
		var planned, completed, findings []rec
		today := fx.today.Format("2006-01-02")
		send := func(ctx context.Context, c *client, method, path string, body map[string]any) (int, rec, error) {
			b, _ := json.Marshal(body)
			status, out, err := c.do(ctx, method, path, b)
			var got struct {
				ID      int64 `json:"id"`
				Version int64 `json:"version"`
			}
			if err == nil && status < 300 {
				_ = json.Unmarshal(out, &got)
			}
			return status, rec{got.ID, got.Version}, err
		}
		take := func(xs *[]rec) rec { x := (*xs)[0]; *xs = (*xs)[1:]; return x }
		return func(ctx context.Context, c *client, r *rand.Rand) (int, error) {
			switch {
			case len(findings) > 0 && r.IntN(3) == 0:
				f := take(&findings)
				body := map[string]any{"version": f.version, "owner": fmt.Sprintf("Load writer %d", r.IntN(1000)), "corrective_action": "Retrained the line and updated the work instruction."}
				if r.IntN(2) == 0 {
					body = map[string]any{"version": f.version, "status": "closed", "verification_note": "Checked on the next visit: the fix works.",
						"signature": map[string]any{"password": password, "meaning": "verified"}}
				}
				status, got, err := send(ctx, c, http.MethodPatch, fmt.Sprintf("/api/v1/findings/%d", f.id), body)
				if status == http.StatusOK && body["status"] == nil {
					findings = append(findings, got)
				}
				return status, err
			case len(completed) > 0 && r.IntN(2) == 0:
				in := completed[r.IntN(len(completed))]
				status, got, err := send(ctx, c, http.MethodPost, fmt.Sprintf("/api/v1/inspections/%d/findings", in.id), map[string]any{
					"severity": []string{"minor", "observation", "major"}[r.IntN(3)], "category": "process",
					"description": "Load test finding: work instruction not at the station.", "owner": "Line lead",
				})
				if status == http.StatusCreated && len(findings) < 50 {
					findings = append(findings, got)
				}
				return status, err
			case len(planned) > 0 && r.IntN(2) == 0:
				in := take(&planned)
				status, got, err := send(ctx, c, http.MethodPatch, fmt.Sprintf("/api/v1/inspections/%d", in.id), map[string]any{
					"version": in.version, "status": "completed", "performed_date": today, "result": "pass", "score": 70 + r.IntN(30),
					"signature": map[string]any{"password": password, "meaning": "authored"},
				})
				if status == http.StatusOK {
					completed = append(completed[max(0, len(completed)-49):], got)
				}
				return status, err
			default:
				status, got, err := send(ctx, c, http.MethodPost, "/api/v1/inspections", map[string]any{
					"site_id": fx.siteIDs[r.IntN(len(fx.siteIDs))], "type": "routine", "status": "planned",
					"scheduled_date": fx.today.AddDate(0, 0, 7+r.IntN(180)).Format("2006-01-02"), "lead_inspector_id": userID, "scope": "Load test visit",
				})
				if status == http.StatusCreated && len(planned) < 50 {
					planned = append(planned, got)
				}
				return status, err
			}
		}
	}
}

// measureMixed runs the readers and the writers together: warmup
// unmeasured, then duration measured; it reports the reads and the writes
// as two results, with the server's CPU time per request over both.
func measureMixed(ctx context.Context, c *client, reads scenario, writers int, write func() func(context.Context, *client, *rand.Rand) (int, error), warmup, duration time.Duration, pid int) (result, result) {
	run := func(d time.Duration) (result, result) {
		ctx, cancel := context.WithTimeout(ctx, d)
		defer cancel()
		var wr result
		done := make(chan struct{})
		go func() {
			defer close(done)
			var mu sync.Mutex
			var lat []time.Duration
			errs := map[string]int{}
			var wg sync.WaitGroup
			start := time.Now()
			for w := range writers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					r := rand.New(rand.NewPCG(uint64(w)+1000, uint64(start.UnixNano())))
					next := write()
					for ctx.Err() == nil {
						t0 := time.Now()
						status, err := next(ctx, c, r)
						if ctx.Err() != nil {
							break
						}
						mu.Lock()
						lat = append(lat, time.Since(t0))
						switch {
						case err != nil:
							errs["transport"]++
						case status >= 400:
							errs[strconv.Itoa(status)]++
						}
						mu.Unlock()
					}
				}()
			}
			wg.Wait()
			wr = summarize(reads.name+" writes", writers, lat, errs, time.Since(start))
		}()
		lat, errs, elapsed := drive(ctx, c, reads, d)
		<-done
		return summarize(reads.name+" reads", reads.clients, lat, errs, elapsed), wr
	}
	if warmup > 0 {
		run(warmup)
	}
	before, cpuErr := processCPU(pid)
	rd, wr := run(duration)
	if after, err := processCPU(pid); pid != 0 && cpuErr == nil && err == nil && rd.Requests+wr.Requests > 0 {
		cpu := float64((after - before).Microseconds()) / 1000 / float64(rd.Requests+wr.Requests)
		rd.CPUMsPerReq, wr.CPUMsPerReq = cpu, cpu
	}
	return rd, wr
}
