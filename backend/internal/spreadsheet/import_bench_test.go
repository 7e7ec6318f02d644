package spreadsheet_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/spreadsheet"
	"github.com/qualtrack/qualtrack/backend/internal/store"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// sitesWorkbook is a sites import of n rows over n/20 manufacturers, the
// cells of row i given by row.
func sitesWorkbook(b *testing.B, n int, row func(i int) []any) []byte {
	b.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	must(b, err)
	must(b, sw.SetRow("A1", []any{"Code", "Site name", "Manufacturer", "Address", "City", "Country", "Processes", "Risk tier", "Contact e-mail"}))
	for i := range n {
		ref, _ := excelize.CoordinatesToCellName(1, i+2)
		must(b, sw.SetRow(ref, row(i)))
	}
	must(b, sw.Flush())
	buf, err := f.WriteToBuffer()
	must(b, err)
	return buf.Bytes()
}

// validSite is a row every rule accepts.
func validSite(i int) []any {
	return []any{fmt.Sprintf("S-%06d", i), fmt.Sprintf("Plant %d", i), fmt.Sprintf("Maker %d", i/20),
		"1 Main Street", "Shenzhen", "China", "smt, testing", "medium", fmt.Sprintf("site%d@example.com", i)}
}

// wrongSite is a row wrong several times over: a code the rules refuse, a
// cell a broken formula left (#N/A), an unknown country, risk tier and a
// malformed e-mail.
func wrongSite(i int) []any {
	return []any{fmt.Sprintf("S %06d", i), fmt.Sprintf("Plant %d", i), fmt.Sprintf("Maker %d", i/20),
		"1 Main Street", "#N/A", "Atlantis", "smt, testing", "extreme", fmt.Sprintf("site%d at example.com", i)}
}

// BenchmarkImportSites reads and imports 20,000 new sites (the default
// QUALTRACK_MAX_IMPORT_ROWS) into an empty database in one transaction,
// each with its audit event and schedule, as POST /imports/sites does.
func BenchmarkImportSites(b *testing.B) {
	const n = 20000
	data := sitesWorkbook(b, n, validSite)
	limits := spreadsheet.DefaultLimits
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		clock := testutil.NewClock(testutil.FixedNow)
		st := store.New(testutil.NewDB(b, clock.Now).DB, clock.Now)
		b.StartTimer()
		cpu := cpuSeconds()
		parsed, err := spreadsheet.ReadSites(data, limits)
		must(b, err)
		if len(parsed.Problems) > 0 {
			b.Fatalf("problems: %v", parsed.Problems[:1])
		}
		res, err := st.ImportSites(context.Background(), parsed.Import, audit.Actor{Email: "bench"})
		must(b, err)
		if res.Created != n || len(res.Problems) > 0 {
			b.Fatalf("result %+v", res)
		}
		b.ReportMetric(cpuSeconds()-cpu, "cpu-s/op")
	}
}

// BenchmarkImportSitesAllWrong imports 20,000 rows that are all wrong, as
// POST /imports/sites does: every problem is found and nothing written.
// Its cost stays within twice BenchmarkImportSites's (docs/benchmarks.md):
// checking a cell is constant time however many problems came before.
func BenchmarkImportSitesAllWrong(b *testing.B) {
	const n = 20000
	data := sitesWorkbook(b, n, wrongSite)
	limits := spreadsheet.DefaultLimits
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		clock := testutil.NewClock(testutil.FixedNow)
		st := store.New(testutil.NewDB(b, clock.Now).DB, clock.Now)
		b.StartTimer()
		cpu := cpuSeconds()
		parsed, err := spreadsheet.ReadSites(data, limits)
		must(b, err)
		res, err := st.ImportSites(context.Background(), parsed.Import, audit.Actor{Email: "bench"})
		must(b, err)
		if got := len(parsed.Problems) + len(res.Problems); got < n || res.Created != 0 {
			b.Fatalf("%d problems, result %+v", got, res)
		}
		b.ReportMetric(cpuSeconds()-cpu, "cpu-s/op")
	}
}
