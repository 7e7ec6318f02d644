package spreadsheet_test

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/spreadsheet"
	"github.com/qualtrack/qualtrack/backend/internal/store"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// benchInspections is how many inspections the benchmarks write;
// QUALTRACK_BENCH_INSPECTIONS changes it.
func benchInspections(b *testing.B) int {
	if v := os.Getenv("QUALTRACK_BENCH_INSPECTIONS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			b.Fatalf("QUALTRACK_BENCH_INSPECTIONS=%q", v)
		}
		return n
	}
	return 200_000
}

// heapPeak samples the heap in use while a report is written.
type heapPeak struct {
	stop chan struct{}
	done sync.WaitGroup
	peak uint64
}

func startHeapPeak() *heapPeak {
	runtime.GC()
	h := &heapPeak{stop: make(chan struct{})}
	h.done.Add(1)
	go func() {
		defer h.done.Done()
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			h.peak = max(h.peak, m.HeapInuse)
			select {
			case <-h.stop:
				return
			case <-tick.C:
			}
		}
	}()
	return h
}

// cpuSeconds is the process's user+system CPU time: on a shared machine
// it varies less than the wall clock.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}

// mb stops sampling and returns the peak in MB.
func (h *heapPeak) mb() float64 {
	close(h.stop)
	h.done.Wait()
	return float64(h.peak) / (1 << 20)
}

// seedInspections fills a SQLite database (or the one
// QUALTRACK_TEST_DATABASE_URL names) with n inspections over 500 sites,
// one finding for every fifth inspection, in batched transactions.
func seedInspections(b *testing.B, n int) *store.Store {
	b.Helper()
	clock := testutil.NewClock(testutil.FixedNow)
	db := testutil.NewDB(b, clock.Now)
	start := time.Now()
	lead := model.User{Email: "lead@example.com", Name: "Lena Lead", Role: model.RoleProcurement, PasswordHash: "x", Active: true}
	maker := model.Manufacturer{Name: "Acme Electronics", Country: "CN", Version: 1}
	must(b, db.Create(&lead).Error)
	must(b, db.Create(&maker).Error)
	sites := make([]model.Site, 500)
	for i := range sites {
		sites[i] = model.Site{ManufacturerID: maker.ID, Code: fmt.Sprintf("ACME-%04d", i), Name: fmt.Sprintf("Acme plant %d", i),
			City: "Shenzhen", Country: "CN", RiskTier: model.RiskMedium, QualificationStatus: model.StatusQualified,
			StatusSince: testutil.FixedNow, Version: 1}
	}
	must(b, db.CreateInBatches(&sites, 250).Error)
	first := model.NewDate(2023, 1, 1)
	score := 87
	const batch = 2000
	err := db.Transaction(func(tx *gorm.DB) error {
		for done := 0; done < n; done += batch {
			ins := make([]model.Inspection, min(batch, n-done))
			for i := range ins {
				k := done + i
				in := &ins[i]
				*in = model.Inspection{SiteID: sites[k%len(sites)].ID, Type: model.InspectionRoutine, Status: model.InspectionCompleted,
					ScheduledDate: first.AddDays(k % 1200), PerformedDate: first.AddDays(k%1200 + 1), LeadInspectorID: &lead.ID,
					Team: "QA team", Scope: "SMT lines, storage, ESD", Result: model.ResultPass, Score: &score,
					Summary: "Routine visit; no major issues", Version: 1}
				if k%7 == 0 {
					in.Status, in.PerformedDate, in.Result, in.Score = model.InspectionPlanned, model.Date{}, "", nil
				}
			}
			if err := tx.CreateInBatches(&ins, 500).Error; err != nil {
				return err
			}
			var fs []model.Finding
			for i := range ins {
				if (done+i)%5 == 0 {
					fs = append(fs, model.Finding{InspectionID: ins[i].ID, SiteID: ins[i].SiteID, Severity: model.SeverityMinor,
						Category: "process", Description: "Work instruction outdated", DueDate: first.AddDays(90), Status: model.FindingOpen, Version: 1})
				}
			}
			if len(fs) > 0 {
				if err := tx.CreateInBatches(&fs, 500).Error; err != nil {
					return err
				}
			}
		}
		return nil
	})
	must(b, err)
	b.Logf("seeded %d inspections on %s in %s", n, db.Dialect, time.Since(start).Round(time.Millisecond))
	return store.New(db.DB, clock.Now)
}

func must(b *testing.B, err error) {
	b.Helper()
	if err != nil {
		b.Fatal(err)
	}
}

// BenchmarkInspectionsReport writes the inspection log of the seeded
// database as GET /reports/inspections.xlsx does: rows read in batches
// from the database, streamed into the sheet, zipped to the writer.
func BenchmarkInspectionsReport(b *testing.B) {
	n := benchInspections(b)
	st := seedInspections(b, n)
	run := spreadsheet.Run{At: testutil.FixedNow, By: "bench"}
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		peak := startHeapPeak()
		cpu := cpuSeconds()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		exp, err := spreadsheet.Inspections(ctx, st, store.ReportInspectionFilter{}, run)
		must(b, err)
		if exp.Rows != n {
			b.Fatalf("%d rows, want %d", exp.Rows, n)
		}
		cw := &countingWriter{}
		must(b, exp.Write(cw))
		must(b, exp.Close())
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		b.ReportMetric(cpuSeconds()-cpu, "cpu-s/op")
		b.ReportMetric(peak.mb(), "peak-heap-MB")
		b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/(1<<20), "alloc-MB")
		b.ReportMetric(float64(cw.n)/(1<<20), "xlsx-MB")
	}
}

// floorRow is an inspection log line held in memory.
type floorRow struct {
	id                                   int64
	code, name, maker, country           string
	typ, status                          string
	scheduled, performed                 time.Time
	lead, team, scope, result            string
	score, total, crit, maj, min, obs, o int
	summary                              string
}

// BenchmarkInspectionsFloor is the floor: a bare excelize StreamWriter
// writing the same rows and columns from memory, with no database and no
// styling beyond a date format, saved with excelize's own WriteTo.
func BenchmarkInspectionsFloor(b *testing.B) {
	n := benchInspections(b)
	rows := make([]floorRow, n)
	first := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range rows {
		rows[i] = floorRow{id: int64(i + 1), code: fmt.Sprintf("ACME-%04d", i%500), name: fmt.Sprintf("Acme plant %d", i%500),
			maker: "Acme Electronics", country: "China", typ: "routine", status: "completed",
			scheduled: first.AddDate(0, 0, i%1200), performed: first.AddDate(0, 0, i%1200+1), lead: "Lena Lead",
			team: "QA team", scope: "SMT lines, storage, ESD", result: "pass", score: 87, total: 1, min: 1, o: 1,
			summary: "Routine visit; no major issues"}
	}
	b.ResetTimer()
	for b.Loop() {
		peak := startHeapPeak()
		cpu := cpuSeconds()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		f := excelize.NewFile()
		sw, err := f.NewStreamWriter("Sheet1")
		must(b, err)
		date, err := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("yyyy-mm-dd")})
		must(b, err)
		for i := range rows {
			r := &rows[i]
			cell, _ := excelize.CoordinatesToCellName(1, i+2)
			must(b, sw.SetRow(cell, []any{r.id, r.code, r.name, r.maker, r.country, r.typ, r.status,
				excelize.Cell{StyleID: date, Value: r.scheduled}, excelize.Cell{StyleID: date, Value: r.performed},
				r.lead, r.team, r.scope, r.result, r.score, r.total, r.crit, r.maj, r.min, r.obs, r.o, r.summary}))
		}
		must(b, sw.Flush())
		cw := &countingWriter{}
		_, err = f.WriteTo(cw)
		must(b, err)
		must(b, f.Close())
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		b.ReportMetric(cpuSeconds()-cpu, "cpu-s/op")
		b.ReportMetric(peak.mb(), "peak-heap-MB")
		b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/(1<<20), "alloc-MB")
		b.ReportMetric(float64(cw.n)/(1<<20), "xlsx-MB")
	}
}

func ptr[T any](v T) *T { return &v }

type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

var _ io.Writer = (*countingWriter)(nil)
