package seed_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/auth"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/seed"
	"github.com/qualtrack/qualtrack/backend/internal/store"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// The demo's integrity story: NBE-AUS1's BMC image is no release and
// FXP-SZ2's golden sample seal is broken, each raising a critical finding
// linked to its observation; both show in the drift report, and the
// broker FXP-SZ2 buys from without a justification is flagged.
func TestDemoIntegrity(t *testing.T) {
	ctx := context.Background()
	db := testutil.NewDB(t, nil)
	st := store.New(db.DB, func() time.Time { return testutil.FixedNow })
	_, err := seed.Demo(ctx, st, auth.NewTestHasher(), testutil.FixedNow)
	testutil.Fatal(t, err, "demo")

	var raised []struct {
		Code        string
		Severity    string
		Requirement string
		Description string
	}
	testutil.Fatal(t, db.Table("integrity_observations o").Select("sites.code, f.severity, f.requirement, f.description").
		Joins("JOIN findings f ON f.id = o.finding_id").Joins("JOIN sites ON sites.id = o.site_id").Order("sites.code").Scan(&raised).Error, "findings")
	if len(raised) != 2 {
		t.Fatalf("integrity findings %+v, want two", raised)
	}
	if r := raised[0]; r.Code != "FXP-SZ2" || r.Severity != "critical" || r.Requirement != "Hardware integrity: golden sample seal" || !strings.Contains(r.Description, "is broken") {
		t.Errorf("FXP-SZ2 finding %+v", r)
	}
	if r := raised[1]; r.Code != "NBE-AUS1" || r.Severity != "critical" || r.Requirement != "Hardware integrity: BMC firmware" || !strings.Contains(r.Description, "matches no current release (current: 2.14)") {
		t.Errorf("NBE-AUS1 finding %+v", r)
	}

	drift, err := st.Drift(ctx)
	testutil.Fatal(t, err, "drift")
	sites := map[string]string{}
	for _, r := range drift.Rows {
		for _, it := range r.Items {
			sites[r.SiteCode] += string(it.Kind) + "/" + string(it.Component) + " "
		}
	}
	if sites["FXP-SZ2"] != "golden_sample/ " || sites["NBE-AUS1"] != "firmware/bmc " || len(sites) != 2 || drift.SiteProducts != 3 {
		t.Errorf("drift %v of %d", sites, drift.SiteProducts)
	}

	var sz2 model.Site
	testutil.Fatal(t, db.Where("code = ?", "FXP-SZ2").Take(&sz2).Error, "site")
	page, err := st.SiteIntegrityByID(ctx, sz2.ID)
	testutil.Fatal(t, err, "site integrity")
	if page.UnjustifiedSources != 1 || len(page.Products) != 1 || len(page.Products[0].History) != 14 {
		t.Errorf("FXP-SZ2 integrity: %d unjustified sources, %d products, history %d", page.UnjustifiedSources, len(page.Products), len(page.Products[0].History))
	}
	incidents, _, err := st.ListPartIncidents(ctx, "", nil, store.Page{Page: 1, PageSize: 10})
	testutil.Fatal(t, err, "incidents")
	if len(incidents) != 1 {
		t.Fatalf("incidents %v", incidents)
	}
	inc, err := st.PartIncidentByID(ctx, incidents[0].ID)
	testutil.Fatal(t, err, "incident")
	if len(inc.BlastRadius) != 2 {
		t.Errorf("blast radius %+v, want FXP-SZ2 and NBE-AUS1", inc.BlastRadius)
	}
}
