package api_test

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/seed"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

func TestInspectionUpdatesSiteSchedule(t *testing.T) {
	t.Parallel()
	tests := []struct {
		tier   model.RiskTier
		result string
		due    string
	}{
		{model.RiskCritical, "pass", "2026-12-01"},
		{model.RiskHigh, "pass", "2027-06-01"},
		{model.RiskMedium, "conditional", "2027-12-01"},
		{model.RiskLow, "pass", "2028-06-01"},
		{model.RiskLow, "fail", "2026-07-31"}, // 60 days after a failed inspection, whatever the tier
	}
	f := newRecordsFixture(t)
	for _, tc := range tests {
		t.Run(string(tc.tier)+" "+tc.result, func(t *testing.T) {
			site := f.site(tc.tier)
			in := f.create("/api/v1/inspections", map[string]any{"site_id": site.ID, "type": "routine", "scheduled_date": "2026-06-01"})
			if got := f.readSite(site.ID); got.NextPlannedDate.String() != "2026-06-01" || got.NextInspectionDue.String() != "2026-06-15" {
				t.Errorf("planned: next_planned_date %s, next_inspection_due %s; want 2026-06-01 and the creation day 2026-06-15",
					got.NextPlannedDate, got.NextInspectionDue)
			}
			f.patch(fmt.Sprintf("/api/v1/inspections/%d", in.id()), testutil.Signed(map[string]any{
				"version": in.version(), "status": "completed", "performed_date": "2026-06-01", "result": tc.result,
			}, model.MeaningAuthored))
			got := f.readSite(site.ID)
			if got.NextInspectionDue.String() != tc.due {
				t.Errorf("next_inspection_due %s, want %s", got.NextInspectionDue, tc.due)
			}
			if got.LastInspectionDate.String() != "2026-06-01" || string(got.LastInspectionResult) != tc.result {
				t.Errorf("last inspection %s %s, want 2026-06-01 %s", got.LastInspectionDate, got.LastInspectionResult, tc.result)
			}
			if !got.NextPlannedDate.IsZero() {
				t.Errorf("next_planned_date %s, want none once the planned inspection is completed", got.NextPlannedDate)
			}
		})
	}
}

func TestInspectionScheduleFollowsEveryWrite(t *testing.T) {
	t.Parallel()
	f := newRecordsFixture(t)
	site := f.site(model.RiskHigh)
	other := f.site(model.RiskHigh)
	done := f.create("/api/v1/inspections", testutil.Signed(map[string]any{"site_id": site.ID, "type": "routine", "status": "completed", "performed_date": "2026-03-10", "result": "pass"}, model.MeaningAuthored))
	if got := f.readSite(site.ID); got.NextInspectionDue.String() != "2027-03-10" {
		t.Fatalf("after a completed inspection was logged: next_inspection_due %s, want 2027-03-10", got.NextInspectionDue)
	}
	planned := f.create("/api/v1/inspections", map[string]any{"site_id": site.ID, "type": "routine", "scheduled_date": "2026-09-01"})
	if got := f.readSite(site.ID); got.NextPlannedDate.String() != "2026-09-01" {
		t.Errorf("next_planned_date %s, want 2026-09-01", got.NextPlannedDate)
	}

	// Correcting the performed date (a manager's correction) moves the due date.
	f.srv.Do(model.RoleManager, http.MethodPatch, fmt.Sprintf("/api/v1/inspections/%d", done.id()), testutil.Signed(map[string]any{
		"version": done.version(), "performed_date": "2026-04-20", "correction_reason": "Typed from the wrong report."}, model.MeaningApproved)).Want(http.StatusOK)
	if got := f.readSite(site.ID); got.NextInspectionDue.String() != "2027-04-20" {
		t.Errorf("after correcting the date: next_inspection_due %s, want 2027-04-20", got.NextInspectionDue)
	}

	// Moving the planned inspection to another site updates both sites.
	moved := f.patch(fmt.Sprintf("/api/v1/inspections/%d", planned.id()), map[string]any{"version": planned.version(), "site_id": other.ID})
	if got := f.readSite(site.ID); !got.NextPlannedDate.IsZero() {
		t.Errorf("old site keeps next_planned_date %s", got.NextPlannedDate)
	}
	if got := f.readSite(other.ID); got.NextPlannedDate.String() != "2026-09-01" {
		t.Errorf("new site next_planned_date %s, want 2026-09-01", got.NextPlannedDate)
	}
	if moved.str("site_code") != other.Code {
		t.Errorf("site_code %q, want %q", moved.str("site_code"), other.Code)
	}

	// Cancelling it clears the planned date; so does deleting a planned one.
	f.patch(fmt.Sprintf("/api/v1/inspections/%d", planned.id()), map[string]any{"version": moved.version(), "status": "cancelled"})
	if got := f.readSite(other.ID); !got.NextPlannedDate.IsZero() {
		t.Errorf("after cancelling: next_planned_date %s, want none", got.NextPlannedDate)
	}
	again := f.create("/api/v1/inspections", map[string]any{"site_id": other.ID, "type": "routine", "scheduled_date": "2026-07-01"})
	f.srv.Do(model.RoleAdmin, http.MethodDelete, fmt.Sprintf("/api/v1/inspections/%d", again.id()), nil).Want(http.StatusNoContent)
	if got := f.readSite(other.ID); !got.NextPlannedDate.IsZero() {
		t.Errorf("after deleting: next_planned_date %s, want none", got.NextPlannedDate)
	}
}

func TestListInspections(t *testing.T) {
	t.Parallel()
	f := newRecordsFixture(t)
	a, b := f.site(model.RiskMedium), f.site(model.RiskHigh)
	lead := f.user(model.RoleManager)
	in1 := f.create("/api/v1/inspections", testutil.Signed(map[string]any{"site_id": a.ID, "type": "routine", "status": "completed",
		"performed_date": fromToday(-30), "result": "pass", "score": 88, "summary": "Solder paste storage 100% OK", "lead_inspector_id": lead}, model.MeaningAuthored))
	in2 := f.create("/api/v1/inspections", map[string]any{"site_id": a.ID, "type": "routine", "scheduled_date": fromToday(10)})
	in3 := f.create("/api/v1/inspections", testutil.Signed(map[string]any{"site_id": b.ID, "type": "qualification", "status": "completed",
		"scheduled_date": fromToday(-20), "performed_date": fromToday(-5), "result": "fail", "score": 40}, model.MeaningAuthored))
	in4 := f.create("/api/v1/inspections", map[string]any{"site_id": b.ID, "type": "for_cause", "status": "cancelled", "scheduled_date": fromToday(-2)})
	in5 := f.create("/api/v1/inspections", map[string]any{"site_id": a.ID, "type": "follow_up", "scheduled_date": fromToday(40)})
	id1, id2, id3, id4, id5 := in1.id(), in2.id(), in3.id(), in4.id(), in5.id()

	for _, body := range []map[string]any{
		{"severity": "major", "category": "quality", "description": "No incoming inspection records"},
		{"severity": "major", "category": "traceability", "description": "Lot codes missing"},
		{"severity": "observation", "category": "other", "description": "Tidy canteen"},
	} {
		f.create(fmt.Sprintf("/api/v1/inspections/%d/findings", id3), body)
	}
	closed := f.create(fmt.Sprintf("/api/v1/inspections/%d/findings", id1), map[string]any{"severity": "minor", "category": "esd", "description": "Mat not grounded"})
	f.patch(fmt.Sprintf("/api/v1/findings/%d", closed.id()), testutil.Signed(map[string]any{"version": 1, "status": "closed", "verification_note": "Grounding checked"}, model.MeaningVerified))

	tests := []struct {
		query string
		want  []int64
		total int
	}{
		{"", []int64{id5, id2, id4, id3, id1}, 5},
		{"sort=date", []int64{id1, id3, id4, id2, id5}, 5},
		{"sort=scheduled_date", []int64{id3, id4, id2, id5, id1}, 5},
		{"sort=-performed_date", []int64{id3, id1, id5, id4, id2}, 5},
		{"sort=score", []int64{id3, id1, id2, id4, id5}, 5},
		{"sort=-score", []int64{id1, id3, id5, id4, id2}, 5},
		{"sort=created_at&page_size=2&page=2", []int64{id3, id4}, 5},
		{"sort=date&page_size=2&page=3", []int64{id5}, 5},
		{"sort=date&page=4&page_size=2", []int64{}, 5},
		{"sort=date&from=" + fromToday(-5) + "&to=" + fromToday(10), []int64{id3, id4, id2}, 3},
		{"sort=date&to=" + fromToday(-6), []int64{id1}, 1},
		{fmt.Sprintf("sort=date&site_id=%d", b.ID), []int64{id3, id4}, 2},
		{"sort=date&status=planned", []int64{id2, id5}, 2},
		{"type=for_cause", []int64{id4}, 1},
		{"result=fail", []int64{id3}, 1},
		{"q=SOLDER", []int64{id1}, 1},
		{"q=" + url.QueryEscape("100%"), []int64{id1}, 1},
		{"q=" + url.QueryEscape("%"), []int64{id1}, 1},
		{"q=" + url.QueryEscape("_"), []int64{}, 0},
		{"sort=date&q=" + url.QueryEscape(b.Code), []int64{id3, id4}, 2},
		{"sort=date&q=" + url.QueryEscape(a.Name), []int64{id1, id2, id5}, 3},
		{"status=completed&q=" + url.QueryEscape(b.Code), []int64{id3}, 1},
		{fmt.Sprintf("site_id=%d&q=solder", b.ID), []int64{}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.query, func(t *testing.T) {
			got, total := f.listIDs("/api/v1/inspections?" + tc.query)
			if !slices.Equal(got, tc.want) || total != tc.total {
				t.Errorf("ids %v total %d, want %v total %d", got, total, tc.want, tc.total)
			}
		})
	}

	items, _ := f.list(fmt.Sprintf("/api/v1/inspections?sort=date&site_id=%d&status=completed", b.ID))
	counts := items[0].obj("finding_counts")
	if counts.num("major") != 2 || counts.num("observation") != 1 || counts.num("critical") != 0 || counts.num("open") != 3 {
		t.Errorf("finding_counts of the failed inspection %v, want 2 major, 1 observation, 3 open", counts)
	}
	items, _ = f.list("/api/v1/inspections?result=pass")
	if c := items[0].obj("finding_counts"); c.num("minor") != 1 || c.num("open") != 0 {
		t.Errorf("finding_counts of the passed inspection %v, want 1 minor, 0 open", c)
	}
	if items[0].str("site_code") != a.Code || items[0].str("site_name") != a.Name || items[0].str("lead_inspector_name") != "Test manager" {
		t.Errorf("labels %q %q %q", items[0].str("site_code"), items[0].str("site_name"), items[0].str("lead_inspector_name"))
	}

	for _, bad := range []struct{ query, field string }{
		{"sort=site", "sort"},
		{"page_size=201", "page_size"},
		{"page=0", "page"},
		{"status=done", "status"},
		{"type=audit", "type"},
		{"result=ok", "result"},
		{"site_id=abc", "site_id"},
		{"from=2026-13-01", "from"},
		{"from=2026-06-10&to=2026-06-01", "to"},
	} {
		r := f.srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/inspections?"+bad.query, nil).Want(422)
		if _, ok := r.ErrorFields()[bad.field]; !ok {
			t.Errorf("%s: error fields %v do not name %q", bad.query, r.ErrorFields(), bad.field)
		}
	}
}

// Odd input is answered with 4xx, never 500.
func TestRecordsOddInputIsRefusedCleanly(t *testing.T) {
	t.Parallel()
	f := newRecordsFixture(t)
	site := f.site(model.RiskLow)
	in := f.create("/api/v1/inspections", map[string]any{"site_id": site.ID, "type": "routine", "scheduled_date": fromToday(3)})
	tests := []struct {
		method, path string
		body         any
		status       int
	}{
		{"POST", "/api/v1/inspections", map[string]any{"site_id": int64(9223372036854775807), "type": "routine", "scheduled_date": fromToday(3)}, 422},
		{"POST", "/api/v1/inspections", map[string]any{"site_id": -4, "type": "routine", "scheduled_date": fromToday(3)}, 422},
		{"POST", "/api/v1/inspections", map[string]any{"site_id": site.ID, "type": "routine", "scheduled_date": fromToday(3), "lead_inspector_id": 0}, 422},
		{"POST", "/api/v1/inspections", map[string]any{"site_id": site.ID, "type": "routine", "scheduled_date": "0001-01-01"}, 400},
		{"POST", "/api/v1/inspections", map[string]any{"site_id": site.ID, "type": "routine", "score": 1e20}, 400},
		{"POST", "/api/v1/inspections", "null", 400},
		{"POST", "/api/v1/inspections", "", 400},
		{"PATCH", fmt.Sprintf("/api/v1/inspections/%d", in.id()), map[string]any{"version": "1"}, 400},
		{"PATCH", fmt.Sprintf("/api/v1/inspections/%d", in.id()), map[string]any{"version": 1, "status": nil}, 422},
		{"PATCH", "/api/v1/inspections/abc", map[string]any{"version": 1}, 404},
		{"GET", "/api/v1/inspections/0", nil, 404},
		{"POST", "/api/v1/inspections/abc/findings", map[string]any{}, 404},
		{"POST", fmt.Sprintf("/api/v1/inspections/%d/findings", in.id()), map[string]any{}, 422},
		{"GET", "/api/v1/findings?site_id=99999999999999999999", nil, 422},
		{"GET", "/api/v1/certifications?expiring_within_days=3650&standard=%25", nil, 200},
		{"POST", "/api/v1/certifications", map[string]any{"site_id": site.ID, "standard": "ISO 9001:2015", "expires_on": "9999-12-31"}, 201},
		{"DELETE", "/api/v1/certifications/-1", nil, 404},
	}
	for _, tc := range tests {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			f.srv.Do(model.RoleAdmin, tc.method, tc.path, tc.body).Want(tc.status)
		})
	}
}

// A long list's count stops twenty pages past the page it answers, and the
// answer says so (total_exact false); count=exact counts every match, with
// the same rows; any other count is 422 naming it.
func TestListsCountUpToABoundUnlessAskedForTheExactCount(t *testing.T) {
	t.Parallel()
	srv := seededServer(t, seed.BulkOptions{Sites: 40, Inspections: 3000, Findings: 60, Certifications: 20, Seed: 11})
	get := func(query string) listPage {
		var p listPage
		srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/inspections?"+query, nil).Want(http.StatusOK).Decode(&p)
		return p
	}
	bounded := get("status=completed&sort=updated_at")
	exact := get("status=completed&sort=updated_at&count=exact")
	if bounded.TotalExact || bounded.Total != 1000 {
		t.Errorf("first page of the completed inspections: total %d, total_exact %v; want 1000 and false", bounded.Total, bounded.TotalExact)
	}
	if !exact.TotalExact || exact.Total <= 1000 {
		t.Errorf("count=exact: total %d, total_exact %v; want every completed inspection (over 1,000), exact", exact.Total, exact.TotalExact)
	}
	if !slices.Equal(bounded.ids(), exact.ids()) || len(bounded.Items) != 50 {
		t.Errorf("the count changed the page: %v, exact %v", bounded.ids(), exact.ids())
	}
	if p := get(fmt.Sprintf("status=completed&sort=updated_at&page=%d", (exact.Total+49)/50)); !p.TotalExact || p.Total != exact.Total {
		t.Errorf("last page: total %d, total_exact %v; want the exact %d", p.Total, p.TotalExact, exact.Total)
	}
	if p := get("result=fail"); !p.TotalExact || p.Total >= 1000 || p.Total == 0 {
		t.Errorf("the failed inspections: total %d, total_exact %v; want fewer than 1,000, exact", p.Total, p.TotalExact)
	}
	for _, bad := range []string{"count=all", "count=EXACT", "count=1"} {
		body := srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/inspections?"+bad, nil).Want(http.StatusUnprocessableEntity).JSON()
		if fields, _ := body["error"].(map[string]any)["fields"].(map[string]any); fields["count"] == nil {
			t.Errorf("%s: the error does not name count: %v", bad, body)
		}
	}
}
