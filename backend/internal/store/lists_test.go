package store_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/store"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// register is a small register built through the store at FixedNow
// (2026-06-15):
//
//	ACME-SZ1  Shenzhen CN, high, inspected 2026-05-01 (pass), qualified,
//	          ISO 9001 valid; an open major finding due 2026-06-01 (overdue)
//	ACME-MX1  Guadalajara MX, low, never inspected (due from creation)
//	ZETA-DE1  Berlin DE, critical, inspected 2025-06-01 (pass): overdue,
//	          nothing planned; ISO 9001 expiring 2026-07-01, AS9100D expired
//	ZETA-CN1  Suzhou CN, medium, inspected 2025-01-10: due 2026-07-10,
//	          planned 2026-06-01; a closed minor finding
type register struct {
	st    *store.Store
	sites map[string]model.Site
}

func newRegister(t *testing.T) *register {
	t.Helper()
	clock := testutil.NewClock(testutil.FixedNow)
	db := testutil.NewDB(t, clock.Now)
	st := store.New(db.DB, clock.Now)
	b := testutil.NewBuilder(t, st)
	acme, zeta := b.Manufacturer("Acme Electronics"), b.Manufacturer("Zeta Works")
	r := &register{st: st, sites: map[string]model.Site{}}
	add := func(s model.Site) model.Site { r.sites[s.Code] = s; return s }

	sz := add(b.Site(acme, "ACME-SZ1", testutil.RiskTier(model.RiskHigh), testutil.Located("Shenzhen", "CN")))
	in := b.Completed(sz.ID, "2026-05-01", model.ResultPass)
	b.Certification(sz.ID, "ISO 9001:2015", "2028-01-31")
	b.Decide(sz.ID, model.StatusInQualification)
	b.Decide(sz.ID, model.StatusQualified)
	b.Finding(in.ID, model.SeverityMajor, testutil.Due("2026-06-01"), testutil.Described("Solder paste stored warm"))

	add(b.Site(acme, "ACME-MX1", testutil.RiskTier(model.RiskLow), testutil.Located("Guadalajara", "MX")))

	de := add(b.Site(zeta, "ZETA-DE1", testutil.RiskTier(model.RiskCritical), testutil.Located("Berlin", "DE")))
	b.Completed(de.ID, "2025-06-01", model.ResultPass)
	b.Certification(de.ID, "ISO 9001:2015", "2026-07-01")
	b.Certification(de.ID, "AS9100D", "2026-01-31")

	cn := add(b.Site(zeta, "ZETA-CN1", testutil.Located("Suzhou", "CN")))
	cnIn := b.Completed(cn.ID, "2025-01-10", model.ResultPass)
	b.Planned(cn.ID, "2026-06-01")
	b.Close(b.Finding(cnIn.ID, model.SeverityMinor))
	return r
}

func codes(rows []store.SiteView) string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.Code
	}
	return strings.Join(out, " ")
}

func ptr[T any](v T) *T { return &v }

func TestListSitesFiltersAndSorts(t *testing.T) {
	t.Parallel()
	r := newRegister(t)
	page := store.Page{Page: 1, PageSize: 50, Sort: "code"}
	tests := []struct {
		name string
		f    store.SiteFilter
		sort string
		want string
	}{
		{"all by code", store.SiteFilter{}, "code", "ACME-MX1 ACME-SZ1 ZETA-CN1 ZETA-DE1"},
		{"descending", store.SiteFilter{}, "-code", "ZETA-DE1 ZETA-CN1 ACME-SZ1 ACME-MX1"},
		{"status", store.SiteFilter{Statuses: []model.QualificationStatus{model.StatusQualified}}, "code", "ACME-SZ1"},
		{"several statuses", store.SiteFilter{Statuses: []model.QualificationStatus{model.StatusQualified, model.StatusProspective}}, "code", "ACME-MX1 ACME-SZ1 ZETA-CN1 ZETA-DE1"},
		{"risk tier", store.SiteFilter{RiskTier: model.RiskCritical}, "code", "ZETA-DE1"},
		{"country", store.SiteFilter{Country: "CN"}, "code", "ACME-SZ1 ZETA-CN1"},
		{"manufacturer", store.SiteFilter{ManufacturerID: r.sites["ZETA-DE1"].ManufacturerID}, "code", "ZETA-CN1 ZETA-DE1"},
		// ACME-MX1 was created today, so it is due today and not yet overdue.
		{"overdue", store.SiteFilter{Overdue: ptr(true)}, "code", "ZETA-DE1"},
		{"not overdue", store.SiteFilter{Overdue: ptr(false)}, "code", "ACME-MX1 ACME-SZ1 ZETA-CN1"},
		{"search a city", store.SiteFilter{Q: "shenzhen"}, "code", "ACME-SZ1"},
		{"search a manufacturer", store.SiteFilter{Q: "Zeta"}, "code", "ZETA-CN1 ZETA-DE1"},
		{"search a code part", store.SiteFilter{Q: "mx1"}, "code", "ACME-MX1"},
		{"next due first", store.SiteFilter{}, "next_inspection_due", "ZETA-DE1 ACME-MX1 ZETA-CN1 ACME-SZ1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := page
			p.Sort = tt.sort
			rows, total, err := r.st.ListSites(context.Background(), tt.f, p)
			testutil.Fatal(t, err, "list")
			if got := codes(rows); got != tt.want {
				t.Errorf("sites = %q, want %q", got, tt.want)
			}
			if int(total) != len(rows) {
				t.Errorf("total %d for %d rows", total, len(rows))
			}
		})
	}
}

func TestListSitesPagesAndDerivedValues(t *testing.T) {
	t.Parallel()
	r := newRegister(t)
	ctx := context.Background()
	first, total, err := r.st.ListSites(ctx, store.SiteFilter{}, store.Page{Page: 1, PageSize: 3, Sort: "code"})
	testutil.Fatal(t, err, "page 1")
	second, _, err := r.st.ListSites(ctx, store.SiteFilter{}, store.Page{Page: 2, PageSize: 3, Sort: "code"})
	testutil.Fatal(t, err, "page 2")
	if total != 4 || codes(first) != "ACME-MX1 ACME-SZ1 ZETA-CN1" || codes(second) != "ZETA-DE1" {
		t.Fatalf("pages %q / %q of %d", codes(first), codes(second), total)
	}
	sz := first[1]
	if sz.OpenFindings.Major != 1 || sz.NextInspectionDue.String() != "2027-05-01" || sz.Overdue {
		t.Errorf("ACME-SZ1: open %+v, due %s, overdue %v", sz.OpenFindings, sz.NextInspectionDue, sz.Overdue)
	}
	de := second[0]
	if !de.Overdue || de.NextInspectionDue.String() != "2025-12-01" {
		t.Errorf("ZETA-DE1: due %s, overdue %v", de.NextInspectionDue, de.Overdue)
	}
}

func TestListFindingsFilters(t *testing.T) {
	t.Parallel()
	r := newRegister(t)
	page := store.Page{Page: 1, PageSize: 50}
	describe := func(rows []store.FindingRow) string {
		out := []string{}
		for _, f := range rows {
			out = append(out, f.SiteCode+":"+string(f.Severity)+":"+string(f.Status))
		}
		slices.Sort(out)
		return strings.Join(out, " ")
	}
	tests := []struct {
		name string
		f    store.FindingFilter
		want string
	}{
		{"all", store.FindingFilter{}, "ACME-SZ1:major:open ZETA-CN1:minor:closed"},
		{"open", store.FindingFilter{Statuses: []model.FindingStatus{model.FindingOpen, model.FindingInProgress}}, "ACME-SZ1:major:open"},
		{"overdue", store.FindingFilter{Overdue: ptr(true)}, "ACME-SZ1:major:open"},
		{"a closed finding is never overdue", store.FindingFilter{Overdue: ptr(false)}, "ZETA-CN1:minor:closed"},
		{"severity", store.FindingFilter{Severity: model.SeverityMinor}, "ZETA-CN1:minor:closed"},
		{"site", store.FindingFilter{SiteID: r.sites["ACME-SZ1"].ID}, "ACME-SZ1:major:open"},
		{"search", store.FindingFilter{Q: "solder"}, "ACME-SZ1:major:open"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, total, err := r.st.ListFindings(context.Background(), tt.f, page)
			testutil.Fatal(t, err, "list")
			if got := describe(rows); got != tt.want || int(total) != len(rows) {
				t.Errorf("findings = %q (total %d), want %q", got, total, tt.want)
			}
		})
	}
}

func TestListCertificationsByDerivedStatus(t *testing.T) {
	t.Parallel()
	r := newRegister(t)
	describe := func(rows []store.CertificationRow) string {
		out := []string{}
		for _, c := range rows {
			out = append(out, c.Standard+"@"+c.SiteCode+"="+string(c.Status))
		}
		slices.Sort(out)
		return strings.Join(out, " ")
	}
	tests := []struct {
		name string
		f    store.CertificationFilter
		want string
	}{
		{"expiring", store.CertificationFilter{Statuses: []model.CertificationStatus{model.CertExpiring}}, "ISO 9001:2015@ZETA-DE1=expiring"},
		{"expired", store.CertificationFilter{Statuses: []model.CertificationStatus{model.CertExpired}}, "AS9100D@ZETA-DE1=expired"},
		{"valid", store.CertificationFilter{Statuses: []model.CertificationStatus{model.CertValid}}, "ISO 9001:2015@ACME-SZ1=valid"},
		{"within 30 days", store.CertificationFilter{ExpiringWithinDays: ptr(30)}, "ISO 9001:2015@ZETA-DE1=expiring"},
		{"within 10 days", store.CertificationFilter{ExpiringWithinDays: ptr(10)}, ""},
		{"standard ignores case", store.CertificationFilter{Standard: "as9100d"}, "AS9100D@ZETA-DE1=expired"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, _, err := r.st.ListCertifications(context.Background(), tt.f, store.Page{Page: 1, PageSize: 50})
			testutil.Fatal(t, err, "list")
			if got := describe(rows); got != tt.want {
				t.Errorf("certifications = %q, want %q", got, tt.want)
			}
		})
	}
}

// A store limited to one manufacturer reads nothing of another: lists
// leave it out and a direct read is not found.
func TestScopedStoreReadsOnlyItsManufacturers(t *testing.T) {
	t.Parallel()
	r := newRegister(t)
	ctx := context.Background()
	acme := r.sites["ACME-SZ1"].ManufacturerID
	scoped := r.st.For(99, []int64{acme})
	rows, total, err := scoped.ListSites(ctx, store.SiteFilter{}, store.Page{Page: 1, PageSize: 50, Sort: "code"})
	testutil.Fatal(t, err, "list")
	if codes(rows) != "ACME-MX1 ACME-SZ1" || total != 2 {
		t.Errorf("scoped sites %q (%d)", codes(rows), total)
	}
	if _, err := scoped.SiteByID(ctx, r.sites["ZETA-DE1"].ID); err != store.ErrNotFound {
		t.Errorf("out-of-scope site: err = %v, want ErrNotFound", err)
	}
	findings, _, err := scoped.ListFindings(ctx, store.FindingFilter{}, store.Page{Page: 1, PageSize: 50})
	testutil.Fatal(t, err, "findings")
	for _, f := range findings {
		if f.SiteCode != "ACME-SZ1" {
			t.Errorf("scoped findings include %s", f.SiteCode)
		}
	}
	certs, _, err := scoped.ListCertifications(ctx, store.CertificationFilter{}, store.Page{Page: 1, PageSize: 50})
	testutil.Fatal(t, err, "certifications")
	if len(certs) != 1 || certs[0].SiteCode != "ACME-SZ1" {
		t.Errorf("scoped certifications %+v", certs)
	}
}
