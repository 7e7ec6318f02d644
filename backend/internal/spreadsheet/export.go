package spreadsheet

import (
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// Run is who asked for a report, and when.
type Run struct {
	At time.Time
	// By names the user as the Report sheet shows them.
	By string
}

// Export is a finished report waiting to be sent. Its rows have been read
// and streamed into the workbook's sheets; Write zips them onto w.
type Export struct {
	// Report names the report in the audit trail ("inspections").
	Report   string
	FileName string
	// Rows counts the data rows of every sheet.
	Rows    int
	Filters []Filter
	meta    Meta
	wb      *Workbook
}

// Write writes the workbook to w.
func (e *Export) Write(w io.Writer) error { return e.wb.Write(e.meta, w) }

// Close removes the workbook's temporary files.
func (e *Export) Close() error { return e.wb.Close() }

// AuditChanges is what the report.export audit event records.
func (e *Export) AuditChanges() map[string]any {
	filters := map[string]string{}
	for _, f := range e.Filters {
		filters[f.Name] = f.Value
	}
	return map[string]any{"report": e.Report, "file_name": e.FileName, "filters": filters, "rows": e.Rows}
}

// newExport starts an export's workbook.
func newExport(report, title string, run Run, filters []Filter, fileName string) *Export {
	wb := NewWorkbook()
	wb.SetTitle(title, run.At)
	return &Export{
		Report:   report,
		FileName: fileName,
		Filters:  filters,
		meta:     Meta{Title: title, GeneratedAt: run.At, GeneratedBy: run.By, Filters: filters},
		wb:       wb,
	}
}

// fail closes a half-written export and returns err.
func (e *Export) fail(err error) (*Export, error) {
	_ = e.wb.Close()
	return nil, err
}

// datedFileName is "<what>-<YYYY-MM-DD>.xlsx".
func datedFileName(what string, at time.Time) string {
	return what + "-" + model.DateOf(at.UTC()).String() + ".xlsx"
}

var unsafeFileChars = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// fileNamePart makes user text (a site code) safe inside a file name.
func fileNamePart(s string) string {
	s = strings.Trim(unsafeFileChars.ReplaceAllString(s, "_"), "._")
	if len(s) > 40 {
		s = s[:40]
	}
	if s == "" {
		return "site"
	}
	return s
}

// reportSiteCells are the site columns rows of several reports start with.
var reportSiteColumns = []Column{{"Site code", 14}, {"Site name", 28}, {"Manufacturer", 26}}

func reportSiteCells(r store.ReportSiteRef) []any {
	return []any{r.SiteCode, r.SiteName, r.Manufacturer}
}
