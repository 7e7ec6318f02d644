package store_test

import (
	"context"
	"fmt"
	"strings"
	"syscall"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/store"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// Drift benchmark size: 10,000 sites, each building 3 products with 4
// firmware components, a golden sample and a BOM/AVL revision: 30,000
// products at sites, 210,000 latest observations.
const (
	benchDriftSites      = 10_000
	benchDriftProducts   = 3
	benchDriftComponents = 4
)

// seedDrift writes the benchmark's records straight into the tables in
// one transaction (the store's own writes would take an hour at this
// size); one product at a site in fifty has a BMC image that is no
// release, one in a hundred a broken seal, and a thousand sites were last
// observed too long ago.
func seedDrift(b *testing.B, db *gorm.DB, now time.Time) {
	b.Helper()
	today := model.DateOf(now)
	components := []model.Component{model.ComponentBIOS, model.ComponentBMC, model.ComponentCPLD, model.ComponentNIC}
	hash := func(p, c, v int) string { return fmt.Sprintf("%016x%016x%016x%016x", p+1, c+1, v+1, 0xabc) }
	err := db.Transaction(func(tx *gorm.DB) error {
		m := model.Manufacturer{Name: "Bench maker", Country: "CN", Version: 1}
		if err := tx.Create(&m).Error; err != nil {
			return err
		}
		sites := make([]model.Site, benchDriftSites)
		for i := range sites {
			sites[i] = model.Site{ManufacturerID: m.ID, Code: fmt.Sprintf("B%05d", i), Name: fmt.Sprintf("Bench plant %d", i), Country: "CN",
				Processes: model.StringList{"smt"}, RiskTier: model.RiskHigh, QualificationStatus: model.StatusQualified, StatusSince: now, Version: 1}
		}
		if err := tx.CreateInBatches(sites, 500).Error; err != nil {
			return err
		}
		products := make([]model.Product, benchDriftProducts)
		for p := range products {
			products[p] = model.Product{PartNumber: fmt.Sprintf("BENCH-%d", p), Name: "Bench board", Version: 1}
		}
		if err := tx.Create(&products).Error; err != nil {
			return err
		}
		for p, prod := range products {
			for c, comp := range components {
				r := model.FirmwareRelease{ProductID: prod.ID, Component: comp, FirmwareVersion: "1.0", SHA256: hash(p, c, 0),
					ReleasedOn: today.AddDays(-400), Status: model.ReleaseApproved}
				if err := tx.Create(&r).Error; err != nil {
					return err
				}
			}
			if err := tx.Create(&model.BOMRevision{ProductID: prod.ID, BOMRevision: "F", AVLRevision: "31", EffectiveOn: today.AddDays(-400)}).Error; err != nil {
				return err
			}
		}
		inspections := make([]model.Inspection, len(sites))
		for i, s := range sites {
			inspections[i] = model.Inspection{SiteID: s.ID, Type: model.InspectionRoutine, Status: model.InspectionCompleted,
				ScheduledDate: today.AddDays(-30), PerformedDate: today.AddDays(-30), Result: model.ResultPass, Version: 1}
		}
		if err := tx.CreateInBatches(inspections, 500).Error; err != nil {
			return err
		}
		sps := make([]model.SiteProduct, 0, len(sites)*len(products))
		for _, s := range sites {
			for _, prod := range products {
				sps = append(sps, model.SiteProduct{SiteID: s.ID, ProductID: prod.ID, Processes: model.StringList{"smt"},
					GoldenSerial: "GS-" + s.Code, GoldenSealNumber: "TS-" + s.Code, GoldenSealedOn: today.AddDays(-500), Version: 1})
			}
		}
		if err := tx.CreateInBatches(sps, 500).Error; err != nil {
			return err
		}
		batch := make([]model.IntegrityObservation, 0, 1000)
		flush := func() error {
			if len(batch) == 0 {
				return nil
			}
			err := tx.Create(&batch).Error
			batch = batch[:0]
			return err
		}
		for n, sp := range sps {
			site := n / len(products)
			p := n % len(products)
			on := today.AddDays(-30)
			if site%10 == 0 {
				on = today.AddDays(-400) // before the high tier's 12 months
			}
			obs := func(o model.IntegrityObservation) model.IntegrityObservation {
				o.InspectionID, o.SiteID, o.ProductID, o.SiteProductID = inspections[site].ID, sp.SiteID, sp.ProductID, sp.ID
				o.ObservedOn, o.Latest = on, true
				if o.Problem == "" {
					o.Matches = true
				}
				return o
			}
			for c, comp := range components {
				o := model.IntegrityObservation{Kind: model.ObserveFirmware, Component: comp, SHA256: hash(p, c, 0)}
				if comp == model.ComponentBMC && n%50 == 0 {
					o.SHA256, o.Severity, o.Problem = strings.Repeat("e", 64), model.SeverityCritical, "The BMC image read matches no current release."
				}
				batch = append(batch, obs(o))
			}
			seal := model.IntegrityObservation{Kind: model.ObserveGoldenSample, SerialNumber: sp.GoldenSerial, SealNumber: sp.GoldenSealNumber, SealState: model.SealIntact}
			if n%100 == 0 {
				seal.SealState, seal.Severity, seal.Problem = model.SealBroken, model.SeverityCritical, "The golden sample's seal is broken."
			}
			batch = append(batch, obs(seal),
				obs(model.IntegrityObservation{Kind: model.ObserveBOM, Revision: "F"}),
				obs(model.IntegrityObservation{Kind: model.ObserveAVL, Revision: "31"}))
			if len(batch) >= 700 {
				if err := flush(); err != nil {
					return err
				}
			}
		}
		return flush()
	})
	testutil.Fatal(b, err, "seed drift data")
}

// BenchmarkIntegrityDrift computes the drift report as after any write (a
// store of its own each time, so nothing comes from the cache) over 10,000
// sites x 3 products x 4 firmware components. cpu-ms/op is the process's
// CPU time per report.
func BenchmarkIntegrityDrift(b *testing.B) {
	clock := testutil.NewClock(testutil.FixedNow)
	db := testutil.NewDB(b, clock.Now)
	started := time.Now()
	seedDrift(b, db.DB, clock.Now())
	b.Logf("seeded in %s", time.Since(started).Round(time.Second))
	var rows, checked int
	var before, after syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &before)
	b.ResetTimer()
	for b.Loop() {
		r, err := store.New(db.DB, clock.Now).Drift(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		rows, checked = len(r.Rows), r.SiteProducts
	}
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &after)
	cpu := time.Duration(after.Utime.Nano() + after.Stime.Nano() - before.Utime.Nano() - before.Stime.Nano())
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
	b.ReportMetric(float64(rows), "drift-rows")
	if checked != benchDriftSites*benchDriftProducts {
		b.Fatalf("checked %d products at sites, want %d", checked, benchDriftSites*benchDriftProducts)
	}
	// 1 in 10 sites stale (3 products each), plus the BMC and seal
	// mismatches of the others.
	if rows < benchDriftSites*benchDriftProducts/10 {
		b.Fatalf("%d drift rows: the seeded drift was not found", rows)
	}
}
