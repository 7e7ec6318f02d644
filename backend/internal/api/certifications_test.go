package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/config"
	"github.com/qualtrack/qualtrack/backend/internal/model"
)

// certification creates a certificate expiring offset days from today.
func (f *recordsFixture) certification(siteID int64, standard string, offset int, extra map[string]any) apiRecord {
	f.t.Helper()
	body := map[string]any{"site_id": siteID, "standard": standard, "expires_on": fromToday(offset)}
	for k, v := range extra {
		body[k] = v
	}
	return f.create("/api/v1/certifications", body)
}

func TestCreateCertificationValidation(t *testing.T) {
	t.Parallel()
	f := newRecordsFixture(t)
	site := f.site(model.RiskLow)
	archived := f.site(model.RiskLow)
	f.archive(archived.ID)
	valid := func(extra map[string]any) map[string]any {
		b := map[string]any{"site_id": site.ID, "standard": "ISO 9001:2015", "certificate_number": "Q-123", "issuing_body": "TÜV SÜD",
			"issued_on": "2024-01-10", "expires_on": "2027-01-09"}
		for k, v := range extra {
			if v == nil {
				delete(b, k)
				continue
			}
			b[k] = v
		}
		return b
	}
	tests := []struct {
		name   string
		body   any
		status int
		field  string
	}{
		{"no standard", valid(map[string]any{"standard": "  "}), 422, "standard"},
		{"standard too long", valid(map[string]any{"standard": strings.Repeat("S", 101)}), 422, "standard"},
		{"certificate number too long", valid(map[string]any{"certificate_number": strings.Repeat("9", 101)}), 422, "certificate_number"},
		{"issuing body too long", valid(map[string]any{"issuing_body": strings.Repeat("B", 201)}), 422, "issuing_body"},
		{"no expiry date", valid(map[string]any{"expires_on": nil}), 422, "expires_on"},
		{"issued after expiry", valid(map[string]any{"issued_on": "2027-02-01"}), 422, "issued_on"},
		{"withdrawn without reason", valid(map[string]any{"withdrawn": true}), 422, "withdrawn_reason"},
		{"no site", valid(map[string]any{"site_id": nil}), 422, "site_id"},
		{"site that does not exist", valid(map[string]any{"site_id": 77777}), 422, "site_id"},
		{"archived site", valid(map[string]any{"site_id": archived.ID}), 422, "site_id"},
		{"malformed JSON", `{"standard": "ISO"`, 400, ""},
		{"a list", `[1,2]`, 400, ""},
		{"expiry as a number", valid(map[string]any{"expires_on": 2027}), 400, "expires_on"},
		{"withdrawn as text", valid(map[string]any{"withdrawn": "yes"}), 400, "withdrawn"},
		{"derived status sent", valid(map[string]any{"status": "valid"}), 400, "status"},
		{"valid", valid(nil), 201, ""},
		{"withdrawn with reason", valid(map[string]any{"withdrawn": true, "withdrawn_reason": "Suspended by the registrar"}), 201, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := f.srv.Do(model.RoleProcurement, http.MethodPost, "/api/v1/certifications", tc.body).Want(tc.status)
			if _, ok := r.ErrorFields()[tc.field]; tc.field != "" && !ok {
				t.Errorf("error fields %v do not name %q", r.ErrorFields(), tc.field)
			}
		})
	}
	f.srv.Do(model.RoleAuditor, http.MethodPost, "/api/v1/certifications", valid(nil)).Want(403)
}

func TestCertificationStatusBoundaries(t *testing.T) {
	t.Parallel()
	f := newRecordsFixture(t)
	site := f.site(model.RiskMedium)
	tests := []struct {
		name      string
		offset    int
		withdrawn bool
		status    string
	}{
		{"expires today", 0, false, "expiring"},
		{"expired yesterday", -1, false, "expired"},
		{"last day of the window", 90, false, "expiring"},
		{"day after the window", 91, false, "valid"},
		{"withdrawn, far from expiry", 400, true, "withdrawn"},
		{"withdrawn and expired", -10, true, "withdrawn"},
		{"expires in 30 days", 30, false, "expiring"},
	}
	ids := map[string][]int64{}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			extra := map[string]any{}
			if tc.withdrawn {
				extra = map[string]any{"withdrawn": true, "withdrawn_reason": "Registrar withdrew it"}
			}
			c := f.certification(site.ID, "ISO 9001:2015", tc.offset, extra)
			if c.str("status") != tc.status || c.num("days_to_expiry") != int64(tc.offset) {
				t.Errorf("status %q days_to_expiry %d, want %q %d", c.str("status"), c.num("days_to_expiry"), tc.status, tc.offset)
			}
			got := apiRecord(f.srv.Do(model.RoleAuditor, http.MethodGet, fmt.Sprintf("/api/v1/certifications/%d", c.id()), nil).Want(200).JSON())
			if got.str("status") != tc.status {
				t.Errorf("GET status %q, want %q", got.str("status"), tc.status)
			}
			ids[tc.status] = append(ids[tc.status], c.id())
		})
	}
	// The SQL status filter agrees with the derived status of every row.
	for _, st := range []string{"valid", "expiring", "expired", "withdrawn"} {
		items, total := f.list("/api/v1/certifications?status=" + st)
		got := []int64{}
		for _, it := range items {
			got = append(got, it.id())
			if it.str("status") != st {
				t.Errorf("status=%s lists a certificate with status %q", st, it.str("status"))
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, ids[st]) || total != len(ids[st]) {
			t.Errorf("status=%s: ids %v total %d, want %v", st, got, total, ids[st])
		}
	}
	if _, total := f.list("/api/v1/certifications?status=expired,withdrawn"); total != 3 {
		t.Errorf("status=expired,withdrawn: total %d, want 3", total)
	}
	for query, want := range map[string]int{
		"expiring_within_days=0":  1, // expires today
		"expiring_within_days=30": 2,
		"expiring_within_days=90": 3,
		"expiring_within_days=91": 4,
	} {
		if _, total := f.list("/api/v1/certifications?" + query); total != want {
			t.Errorf("%s: total %d, want %d (withdrawn and expired excluded)", query, total, want)
		}
	}
	for _, bad := range []string{"status=active", "status=valid,", "expiring_within_days=-1", "expiring_within_days=soon", "expiring_within_days=100000"} {
		f.srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/certifications?"+bad, nil).Want(422)
	}
}

func TestCertificationExpiringWindowIsConfigurable(t *testing.T) {
	t.Parallel()
	for _, window := range []int{0, 30} {
		t.Run(fmt.Sprintf("window %d", window), func(t *testing.T) {
			f := newRecordsFixtureWith(t, func(c *config.Config) { c.ExpiringWithinDays = window })
			site := f.site(model.RiskLow)
			today := f.certification(site.ID, "AS9100D", 0, nil)
			last := f.certification(site.ID, "AS9100D", window, nil)
			after := f.certification(site.ID, "AS9100D", window+1, nil)
			if today.str("status") != "expiring" || last.str("status") != "expiring" || after.str("status") != "valid" {
				t.Errorf("today %q, day %d %q, day %d %q; want expiring, expiring, valid",
					today.str("status"), window, last.str("status"), window+1, after.str("status"))
			}
			if ids, _ := f.listIDs("/api/v1/certifications?status=valid"); !slices.Equal(ids, []int64{after.id()}) {
				t.Errorf("status=valid lists %v, want only %d", ids, after.id())
			}
		})
	}
}

func TestUpdateCertification(t *testing.T) {
	t.Parallel()
	f := newRecordsFixture(t)
	site := f.site(model.RiskLow)
	c := f.certification(site.ID, "  iso   13485:2016 ", 200, map[string]any{"verified": true, "certificate_number": " MD 0042 "})
	if c.str("standard") != "ISO 13485:2016" || c.str("certificate_number") != "MD 0042" {
		t.Errorf("standard %q number %q, want them normalised", c.str("standard"), c.str("certificate_number"))
	}
	if c["verified"] != true || c.num("verified_by_id") != f.user(model.RoleProcurement) || c.str("verified_at") == "" {
		t.Errorf("verified %v by %v at %v, want the register check recorded", c["verified"], c["verified_by_id"], c["verified_at"])
	}
	path := fmt.Sprintf("/api/v1/certifications/%d", c.id())

	for _, tc := range []struct {
		name   string
		body   map[string]any
		status int
		field  string
	}{
		{"no version", map[string]any{"scope": "x"}, 422, "version"},
		{"withdraw without reason", map[string]any{"version": 1, "withdrawn": true}, 422, "withdrawn_reason"},
		{"clear the expiry", map[string]any{"version": 1, "expires_on": nil}, 422, "expires_on"},
		{"site that does not exist", map[string]any{"version": 1, "site_id": 5555}, 422, "site_id"},
		{"verified as text", map[string]any{"version": 1, "verified": "no"}, 400, "verified"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := f.srv.Do(model.RoleProcurement, http.MethodPatch, path, tc.body).Want(tc.status)
			if _, ok := r.ErrorFields()[tc.field]; !ok {
				t.Errorf("error fields %v do not name %q", r.ErrorFields(), tc.field)
			}
		})
	}

	unverified := f.patch(path, map[string]any{"version": 1, "verified": false, "expires_on": fromToday(-3)})
	if unverified["verified"] != false || unverified["verified_by_id"] != nil || unverified["verified_at"] != nil {
		t.Errorf("verified:false kept %v %v %v", unverified["verified"], unverified["verified_by_id"], unverified["verified_at"])
	}
	if unverified.str("status") != "expired" || unverified.num("days_to_expiry") != -3 {
		t.Errorf("status %q days %d, want expired -3", unverified.str("status"), unverified.num("days_to_expiry"))
	}
	changes := f.auditChanges("certification", c.id(), "certification.update")
	if old, new := f.change(changes, "expires_on"); old != fromToday(200) || new != fromToday(-3) {
		t.Errorf("audit expires_on [%v %v]", old, new)
	}
	if old, new := f.change(changes, "verified_by_id"); old != float64(f.user(model.RoleProcurement)) || new != nil {
		t.Errorf("audit verified_by_id [%v %v]", old, new)
	}

	reverified := apiRecord(f.srv.Do(model.RoleManager, http.MethodPatch, path, map[string]any{"version": 2, "verified": true}).Want(200).JSON())
	if reverified.num("verified_by_id") != f.user(model.RoleManager) || reverified.str("verified_by_name") != "Test manager" {
		t.Errorf("re-verified by %v %q, want the manager", reverified["verified_by_id"], reverified.str("verified_by_name"))
	}
	withdrawn := f.patch(path, map[string]any{"version": 3, "withdrawn": true, "withdrawn_reason": "Registrar suspended it"})
	if withdrawn.str("status") != "withdrawn" {
		t.Errorf("status %q, want withdrawn", withdrawn.str("status"))
	}
	restored := f.patch(path, map[string]any{"version": 4, "withdrawn": false, "expires_on": fromToday(365)})
	if restored.str("status") != "valid" || restored.str("withdrawn_reason") != "" {
		t.Errorf("after reinstating: status %q reason %q, want valid and no reason", restored.str("status"), restored.str("withdrawn_reason"))
	}
	f.srv.Do(model.RoleProcurement, http.MethodPatch, path, map[string]any{"version": 4, "scope": "late"}).Want(409)
	f.srv.Do(model.RoleProcurement, http.MethodPatch, "/api/v1/certifications/99999", map[string]any{"version": 1}).Want(404)
}

func TestDeleteCertification(t *testing.T) {
	t.Parallel()
	f := newRecordsFixture(t)
	site := f.site(model.RiskLow)
	c := f.certification(site.ID, "ISO/IEC 27001:2022", 100, map[string]any{"certificate_number": "IS 555"})
	path := fmt.Sprintf("/api/v1/certifications/%d", c.id())
	f.srv.Do(model.RoleManager, http.MethodDelete, path, nil).Want(403)
	f.srv.Do(model.RoleProcurement, http.MethodDelete, path, nil).Want(403)
	f.srv.Do(model.RoleAdmin, http.MethodDelete, path, nil).Want(204)
	f.srv.Do(model.RoleAuditor, http.MethodGet, path, nil).Want(404)
	f.srv.Do(model.RoleAdmin, http.MethodDelete, path, nil).Want(404)

	var rec struct {
		ID                int64  `json:"id"`
		Standard          string `json:"standard"`
		CertificateNumber string `json:"certificate_number"`
	}
	deleted := f.auditChanges("certification", c.id(), "certification.delete")["deleted"]
	if err := json.Unmarshal(deleted, &rec); err != nil || rec.ID != c.id() || rec.CertificateNumber != "IS 555" || rec.Standard != "ISO/IEC 27001:2022" {
		t.Errorf("deleted record in audit = %+v (%v)", rec, err)
	}
}

func TestListCertifications(t *testing.T) {
	t.Parallel()
	f := newRecordsFixture(t)
	a, b := f.site(model.RiskLow), f.site(model.RiskHigh)
	c1 := f.certification(a.ID, "ISO 9001:2015", 300, map[string]any{"issuing_body": "DNV", "issued_on": "2024-05-01"}).id()
	c2 := f.certification(a.ID, "IATF 16949:2016", 20, map[string]any{"certificate_number": "IATF-0099"}).id()
	c3 := f.certification(b.ID, "iso 9001:2015", 100, map[string]any{"issued_on": "2023-03-01"}).id()
	c4 := f.certification(b.ID, "ANSI/ESD S20.20", -40, map[string]any{"issuing_body": "ESD_Assoc"}).id()

	tests := []struct {
		query string
		want  []int64
	}{
		{"", []int64{c4, c2, c3, c1}},
		{"sort=-expires_on", []int64{c1, c3, c2, c4}},
		{"sort=standard", []int64{c4, c2, c1, c3}},
		{"sort=issued_on", []int64{c3, c1, c2, c4}},
		{"sort=-issued_on", []int64{c1, c3, c4, c2}},
		{"sort=created_at&page=2&page_size=3", []int64{c4}},
		{fmt.Sprintf("site_id=%d", a.ID), []int64{c2, c1}},
		{"standard=" + url.QueryEscape("ISO 9001:2015"), []int64{c3, c1}},
		{"standard=" + url.QueryEscape("iso 9001:2015"), []int64{c3, c1}},
		{"standard=" + url.QueryEscape("ISO 9001"), []int64{}},
		{"q=dnv", []int64{c1}},
		{"q=iatf-0099", []int64{c2}},
		{"q=" + url.QueryEscape(b.Code), []int64{c4, c3}},
		{"q=esd_", []int64{c4}},
		{"q=" + url.QueryEscape("9001"), []int64{c3, c1}},
		{"status=expiring&site_id=" + fmt.Sprint(a.ID), []int64{c2}},
	}
	for _, tc := range tests {
		t.Run(tc.query, func(t *testing.T) {
			got, _ := f.listIDs("/api/v1/certifications?" + tc.query)
			if !slices.Equal(got, tc.want) {
				t.Errorf("ids %v, want %v", got, tc.want)
			}
		})
	}
	items, total := f.list("/api/v1/certifications?page_size=1")
	if total != 4 || len(items) != 1 || items[0].str("site_code") != b.Code || items[0].str("site_name") != b.Name {
		t.Errorf("first of %d: %v", total, items)
	}
	f.srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/certifications?sort=status", nil).Want(422)
}
