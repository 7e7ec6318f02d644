package spreadsheet

import (
	"context"

	"github.com/xuri/excelize/v2"

	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// Summary is the one-glance workbook for managers: three small tables,
// each with a native Excel chart drawn from it.
func Summary(ctx context.Context, st *store.Store, run Run) (*Export, error) {
	sum, err := st.ReportSummary(ctx)
	if err != nil {
		return nil, err
	}
	e := newExport("summary", "Summary", run, nil, datedFileName("summary", run.At))
	for _, step := range []func(*Workbook, store.ReportSummary) (int, error){summaryInspections, summarySites, summaryExpiring} {
		n, err := step(e.wb, sum)
		if err != nil {
			return e.fail(err)
		}
		e.Rows += n
	}
	return e, nil
}

func solid(colour string) excelize.Fill {
	return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colour}}
}

func chartTitle(text string) excelize.ChartTitle {
	return excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: text, Font: &excelize.Font{Bold: true, Size: 12}}}}
}

func summaryInspections(wb *Workbook, sum store.ReportSummary) (int, error) {
	sh, err := wb.AddSheet("Inspections by month", []Column{{"Month", 12}, {"Pass", 8}, {"Conditional", 12}, {"Fail", 8}, {"Total", 8}})
	if err != nil {
		return 0, err
	}
	for _, m := range sum.InspectionsByMonth {
		if err := sh.Add(Month{m.Month}, m.Pass, m.Conditional, m.Fail, m.Pass+m.Conditional+m.Fail); err != nil {
			return 0, err
		}
	}
	last := sh.Rows() + 1
	series := []excelize.ChartSeries{}
	for i, colour := range []string{"70AD47", "FFC000", "C00000"} {
		series = append(series, excelize.ChartSeries{
			Name:       sh.Range(i+2, 1, 1),
			Categories: sh.Range(1, 2, last),
			Values:     sh.Range(i+2, 2, last),
			Fill:       solid(colour),
		})
	}
	err = sh.AddChart("G2", &excelize.Chart{
		Type:      excelize.ColStacked,
		Series:    series,
		Title:     chartTitle("Inspections per month by result (last 12 months)"),
		Legend:    excelize.ChartLegend{Position: "bottom"},
		Dimension: excelize.ChartDimension{Width: 720, Height: 360},
	})
	if err != nil {
		return 0, err
	}
	return sh.Rows(), sh.Close()
}

func summarySites(wb *Workbook, sum store.ReportSummary) (int, error) {
	sh, err := wb.AddSheet("Sites by status", []Column{{"Status", 18}, {"Sites", 8}})
	if err != nil {
		return 0, err
	}
	for _, s := range sum.SitesByStatus {
		if err := sh.Add(Toned{label(s.Status), SiteStatusTone(s.Status)}, s.Sites); err != nil {
			return 0, err
		}
	}
	last := sh.Rows() + 1
	err = sh.AddChart("D2", &excelize.Chart{
		Type: excelize.Bar,
		Series: []excelize.ChartSeries{{
			Name: sh.Range(2, 1, 1), Categories: sh.Range(1, 2, last), Values: sh.Range(2, 2, last), Fill: solid("1F4E79"),
		}},
		Title:     chartTitle("Active sites by qualification status"),
		Legend:    excelize.ChartLegend{Position: "none"},
		Dimension: excelize.ChartDimension{Width: 600, Height: 320},
	})
	if err != nil {
		return 0, err
	}
	return sh.Rows(), sh.Close()
}

func summaryExpiring(wb *Workbook, sum store.ReportSummary) (int, error) {
	sh, err := wb.AddSheet("Expiring certificates", []Column{{"Month", 12}, {"Certificates", 12}})
	if err != nil {
		return 0, err
	}
	for _, m := range sum.ExpiringByMonth {
		if err := sh.Add(Month{m.Month}, m.Count); err != nil {
			return 0, err
		}
	}
	last := sh.Rows() + 1
	err = sh.AddChart("D2", &excelize.Chart{
		Type: excelize.Col,
		Series: []excelize.ChartSeries{{
			Name: sh.Range(2, 1, 1), Categories: sh.Range(1, 2, last), Values: sh.Range(2, 2, last), Fill: solid("FFC000"),
		}},
		Title:     chartTitle("Certificates expiring per month (next 12 months)"),
		Legend:    excelize.ChartLegend{Position: "none"},
		Dimension: excelize.ChartDimension{Width: 600, Height: 320},
	})
	if err != nil {
		return 0, err
	}
	return sh.Rows(), sh.Close()
}
