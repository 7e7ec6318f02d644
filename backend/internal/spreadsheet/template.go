package spreadsheet

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

// Template is an import template: a sheet with the columns and one
// example row, and a Notes sheet explaining each column.
type Template struct {
	FileName string
	wb       *Workbook
}

// Write writes the template workbook.
func (t *Template) Write(w io.Writer) error { return t.wb.Write(Meta{}, w) }

// Close removes the workbook's temporary files.
func (t *Template) Close() error { return t.wb.Close() }

// SitesTemplate is the sites import template.
func SitesTemplate() (*Template, error) {
	example := map[string]any{}
	for _, f := range siteFields {
		example[f.key] = f.example
	}
	return newTemplate("sites-import-template.xlsx", "Sites", siteFields, example, func(sh *Sheet) error {
		col := columnOf(siteFields, "risk_tier")
		tiers := make([]string, len(model.RiskTiers))
		for i, t := range model.RiskTiers {
			tiers[i] = label(t)
		}
		return sh.AddValidation(col+"2:"+col+"20001", tiers)
	}, []string{
		"One row per site, below the header row. Columns may be in any order; other columns are ignored.",
		"A row whose Code matches a site in qualtrack updates it; other rows add sites. New sites start as prospective: the import never sets a qualification status (a Status column is ignored).",
		"A blank cell never erases anything: for an existing site it keeps what qualtrack has, so a row with only the Code and the Risk tier changes only the risk tier. To empty a field, write (clear) in its cell. Required fields (name, country, risk tier, manufacturer) cannot be cleared.",
		"Row 2 is an example (ACME-SZ1, Acme Shenzhen Plant 1, Acme Electronics): the import recognises it and skips it with a warning. Delete it or write a real site over it.",
		"Every row passes the same checks as a site entered in qualtrack: codes are stored in upper case and must be 2 to 40 letters, digits, dashes, underscores or dots.",
		"Import with a dry run first: it changes nothing, lists every problem by row and column, and shows every change it would make with the old and new value.",
	})
}

// CertificationsTemplate is the certifications import template.
func CertificationsTemplate() (*Template, error) {
	example := map[string]any{}
	for _, f := range certFields {
		example[f.key] = f.example
	}
	example["issued_on"] = model.NewDate(2024, 4, 1)
	example["expires_on"] = model.NewDate(2027, 3, 31)
	return newTemplate("certifications-import-template.xlsx", "Certifications", certFields, example, func(sh *Sheet) error {
		col := columnOf(certFields, "withdrawn")
		return sh.AddValidation(col+"2:"+col+"20001", []string{"no", "yes"})
	}, []string{
		"One row per certificate, below the header row. Columns may be in any order; other columns are ignored (a Status column too: qualtrack derives it).",
		"A row with the Site code, Standard and Certificate number of a certificate in qualtrack updates it; other rows add certificates.",
		"A blank cell never erases anything: for an existing certificate it keeps what qualtrack has. To empty a field, write (clear) in its cell (Withdrawn (clear) means no). Expires on cannot be cleared.",
		"Row 2 is an example (ACME-SZ1, ISO 9001:2015, CN-QMS-204518): the import recognises it and skips it with a warning. Delete it or write a real certificate over it.",
		"Import with a dry run first: it changes nothing, lists every problem by row and column, and shows every change it would make with the old and new value.",
	})
}

func columnOf(fields []field, key string) string {
	for i, f := range fields {
		if f.key == key {
			name, _ := excelize.ColumnNumberToName(i + 1)
			return name
		}
	}
	return "A"
}

func newTemplate(fileName, sheet string, fields []field, example map[string]any, extra func(*Sheet) error, notes []string) (*Template, error) {
	t := &Template{FileName: fileName, wb: NewWorkbook()}
	t.wb.SetTitle(sheet+" import template", time.Now())
	cols := make([]Column, len(fields))
	row := make([]any, len(fields))
	for i, f := range fields {
		cols[i] = Column{f.header, float64(max(14, min(40, len(f.header)+4, len(fmt.Sprint(example[f.key]))+4)))}
		row[i] = example[f.key]
	}
	sh, err := t.wb.AddSheet(sheet, cols)
	if err == nil {
		err = sh.Add(row...)
	}
	if err == nil {
		err = extra(sh)
	}
	if err == nil {
		err = sh.Close()
	}
	if err == nil {
		err = writeNotes(t.wb, sheet, fields, notes)
	}
	if err != nil {
		_ = t.wb.Close()
		return nil, err
	}
	return t, nil
}

// writeNotes explains the template's columns.
func writeNotes(wb *Workbook, sheet string, fields []field, notes []string) error {
	sh, err := wb.AddSheet("Notes", []Column{{"Column", 22}, {"Required", 10}, {"What to write", 90}, {"Also accepted as header", 50}})
	if err != nil {
		return err
	}
	for _, f := range fields {
		required := "optional"
		if f.required {
			required = "required"
		}
		if err := sh.Add(f.header, required, f.help, strings.Join(f.aliases, ", ")); err != nil {
			return err
		}
	}
	if err := sh.Add(); err != nil {
		return err
	}
	for _, n := range notes {
		if err := sh.Add("About the "+sheet+" sheet", "", n); err != nil {
			return err
		}
	}
	return sh.Close()
}
