package spreadsheet

import (
	"context"

	"github.com/xuri/excelize/v2"

	"github.com/qualtrack/qualtrack/backend/internal/model"

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
	data := summaryData{ReportSummary: sum, Today: model.DateOf(run.At.UTC())}
	for _, step := range []func(*Workbook, summaryData) (int, error){summaryInspections, summarySites, summaryExpiring} {
		n, err := step(e.wb, data)
		if err != nil {
			return e.fail(err)
		}
		e.Rows += n
	}
	return e, nil
}

// summaryData is the summary's figures and the day they were read.
type summaryData struct {
	store.ReportSummary
	Today model.Date
}

func solid(colour string) excelize.Fill {
	return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colour}}
}

func chartTitle(text string) excelize.ChartTitle {
	return excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: text, Font: &excelize.Font{Bold: true, Size: 12}}}}
}

// Chart axes are labelled to be read on paper: months as "Jan 2026" (the
// category cells are dates, and a program left to itself may show their
// serial numbers), counts in whole steps, dark labels in a legible size.
var (
	monthAxis = excelize.ChartAxis{
		NumFmt: excelize.ChartNumFmt{CustomNumFmt: monthFormat},
		Font:   excelize.Font{Family: FontFamily, Size: 10, Color: "000000"},
	}
	axisFont = excelize.Font{Family: FontFamily, Size: 10, Color: "000000"}
)

// countAxis is a value axis of counts up to max: whole-number steps, about
// five of them, never fewer than one.
func countAxis(max int) excelize.ChartAxis {
	step := 1
	for _, s := range []int{1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000} {
		step = s
		if max <= 5*s {
			break
		}
	}
	top := float64((max/step + 1) * step)
	zero := 0.0
	return excelize.ChartAxis{
		MajorUnit: float64(step), Minimum: &zero, Maximum: &top, MajorGridLines: true,
		NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0"}, Font: axisFont,
	}
}

// summaryInspections charts the complete months only: the month in
// progress is in the table, marked as such, but a chart would show it as
// a collapse.
func summaryInspections(wb *Workbook, sum summaryData) (int, error) {
	sh, err := wb.AddSheet("Inspections by month", []Column{{"Month", 12}, {"Pass", 8}, {"Conditional", 12}, {"Fail", 8}, {"Total", 8}, {"Note", 40}})
	if err != nil {
		return 0, err
	}
	most := 0
	for i, m := range sum.InspectionsByMonth {
		total := m.Pass + m.Conditional + m.Fail
		var note any
		if i == len(sum.InspectionsByMonth)-1 && sum.Today.Time().Month() == m.Month.Time().Month() && sum.Today.Time().Year() == m.Month.Time().Year() {
			note = Toned{"Month in progress (to " + sum.Today.String() + "); not in the chart", ToneGray}
		} else {
			most = max(most, total)
		}
		if err := sh.Add(Month{m.Month}, m.Pass, m.Conditional, m.Fail, total, note); err != nil {
			return 0, err
		}
	}
	last := sh.Rows() + 1
	if n := len(sum.InspectionsByMonth); n > 1 && sum.Today.Time().Month() == sum.InspectionsByMonth[n-1].Month.Time().Month() {
		last-- // the month in progress
	}
	series := []excelize.ChartSeries{}
	for i, colour := range []string{"70AD47", "FFC000", "C00000"} {
		series = append(series, excelize.ChartSeries{
			Name:       sh.Range(i+2, 1, 1),
			Categories: sh.Range(1, 2, last),
			Values:     sh.Range(i+2, 2, last),
			Fill:       solid(colour),
		})
	}
	err = sh.AddChart("H2", &excelize.Chart{
		Type:      excelize.ColStacked,
		Series:    series,
		Title:     chartTitle("Inspections per month by result (complete months)"),
		Legend:    excelize.ChartLegend{Position: "bottom"},
		XAxis:     monthAxis,
		YAxis:     countAxis(most),
		Dimension: excelize.ChartDimension{Width: 760, Height: 360},
	})
	if err != nil {
		return 0, err
	}
	return sh.Rows(), sh.Close()
}

func summarySites(wb *Workbook, sum summaryData) (int, error) {
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
		XAxis:     excelize.ChartAxis{Font: axisFont},
		YAxis:     countAxis(mostSites(sum)),
		Dimension: excelize.ChartDimension{Width: 600, Height: 320},
	})
	if err != nil {
		return 0, err
	}
	return sh.Rows(), sh.Close()
}

func mostSites(sum summaryData) int {
	most := 0
	for _, s := range sum.SitesByStatus {
		most = max(most, s.Sites)
	}
	return most
}

// summaryExpiring charts the next twelve months, this one from today.
func summaryExpiring(wb *Workbook, sum summaryData) (int, error) {
	sh, err := wb.AddSheet("Expiring certificates", []Column{{"Month", 12}, {"Certificates", 12}, {"Note", 40}})
	if err != nil {
		return 0, err
	}
	most := 0
	for i, m := range sum.ExpiringByMonth {
		var note any
		if i == 0 {
			note = Toned{"From " + sum.Today.String() + " (today) to the month's end", ToneGray}
		}
		most = max(most, m.Count)
		if err := sh.Add(Month{m.Month}, m.Count, note); err != nil {
			return 0, err
		}
	}
	last := sh.Rows() + 1
	err = sh.AddChart("E2", &excelize.Chart{
		Type: excelize.Col,
		Series: []excelize.ChartSeries{{
			Name: sh.Range(2, 1, 1), Categories: sh.Range(1, 2, last), Values: sh.Range(2, 2, last), Fill: solid("FFC000"),
		}},
		Title:     chartTitle("Certificates expiring per month (next 12 months; this one from today)"),
		Legend:    excelize.ChartLegend{Position: "none"},
		XAxis:     monthAxis,
		YAxis:     countAxis(most),
		Dimension: excelize.ChartDimension{Width: 760, Height: 340},
	})
	if err != nil {
		return 0, err
	}
	return sh.Rows(), sh.Close()
}
