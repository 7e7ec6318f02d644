package spreadsheet

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

// Tone is the status colour of a cell, the same language the UI's badges
// speak: green is fine, yellow and amber need attention, orange and red
// need action, blue is in progress, gray is not started.
type Tone int

// Tones.
const (
	ToneNone Tone = iota
	ToneGreen
	ToneYellow
	ToneAmber
	ToneOrange
	ToneRed
	ToneBlue
	ToneGray
)

// toneColours are Excel's own "Good / Neutral / Bad" pairs and their
// siblings: a light fill with a dark text of the same hue, readable when
// printed in gray.
var toneColours = map[Tone]struct{ fill, font string }{
	ToneGreen:  {"C6EFCE", "006100"},
	ToneYellow: {"FFF2A8", "7A6000"},
	ToneAmber:  {"FFD98C", "7F4600"},
	ToneOrange: {"F8CBAD", "843C0C"},
	ToneRed:    {"FFC7CE", "9C0006"},
	ToneBlue:   {"DDEBF7", "1F4E79"},
	ToneGray:   {"E7E6E6", "3A3A3A"},
}

// Number formats. ISO dates read the same in every locale, which matters
// for reports that travel between sites in different countries.
const (
	dateFormat     = "yyyy-mm-dd"
	dateTimeFormat = "yyyy-mm-dd hh:mm"
	monthFormat    = "mmm yyyy"
)

// HeaderFill is the header rows' background.
const HeaderFill = "1F4E79"

// FontFamily and FontSize are every cell's font.
const (
	FontFamily = "Calibri"
	FontSize   = 11
)

type cellKind int

const (
	kindText cellKind = iota
	kindDate
	kindDateTime
	kindMonth
	kindInt
	kindHeader
	kindLabel
)

const (
	cellKinds = int(kindLabel) + 1
	tones     = int(ToneGray) + 1
)

// styles creates each (kind, tone) style once per workbook; a report asks
// for a style for every cell, so they are looked up in an array.
type styles struct {
	f   *excelize.File
	ids [cellKinds][tones]int // 0: not created yet
}

func newStyles(f *excelize.File) *styles {
	return &styles{f: f}
}

func (s *styles) id(kind cellKind, tone Tone) (int, error) {
	if int(kind) >= cellKinds || tone < 0 || int(tone) >= tones {
		return 0, fmt.Errorf("report: no style for kind %d tone %d", kind, tone)
	}
	if id := s.ids[kind][tone]; id != 0 {
		return id, nil
	}
	// One font everywhere, named on every style: a style without a font
	// name is shown in the program's default font (LibreOffice's is not
	// Excel's). Text wraps inside its column and the row grows to show it.
	st := &excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}, Font: &excelize.Font{Family: FontFamily, Size: FontSize}}
	switch kind {
	case kindText:
		st.Alignment.WrapText = true
	case kindDate:
		st.CustomNumFmt = ptr(dateFormat)
	case kindDateTime:
		st.CustomNumFmt = ptr(dateTimeFormat)
	case kindMonth:
		st.CustomNumFmt = ptr(monthFormat)
	case kindInt:
		st.NumFmt = 1 // "0"
	case kindHeader:
		st.Font = &excelize.Font{Family: FontFamily, Size: FontSize, Bold: true, Color: "FFFFFF"}
		st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{HeaderFill}}
		st.Alignment = &excelize.Alignment{Vertical: "center", WrapText: true}
		st.Border = []excelize.Border{{Type: "bottom", Color: "000000", Style: 1}}
	case kindLabel:
		st.Font = &excelize.Font{Family: FontFamily, Size: FontSize, Bold: true}
		st.Alignment.WrapText = true
	}
	if c, ok := toneColours[tone]; ok {
		st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c.fill}}
		font := excelize.Font{Family: FontFamily, Size: FontSize, Color: c.font}
		if st.Font != nil {
			font.Bold = st.Font.Bold
		}
		st.Font = &font
	}
	id, err := s.f.NewStyle(st)
	if err != nil {
		return 0, fmt.Errorf("report: style: %w", err)
	}
	s.ids[kind][tone] = id
	return id, nil
}

func ptr[T any](v T) *T { return &v }

// The tone of each status value; a value not listed has none.
var (
	siteStatusTones = map[model.QualificationStatus]Tone{
		model.StatusQualified: ToneGreen, model.StatusConditional: ToneYellow, model.StatusSuspended: ToneOrange,
		model.StatusDisqualified: ToneRed, model.StatusInQualification: ToneBlue, model.StatusProspective: ToneGray,
	}
	certificationTones = map[model.CertificationStatus]Tone{
		model.CertValid: ToneGreen, model.CertExpiring: ToneAmber, model.CertExpired: ToneRed, model.CertWithdrawn: ToneGray,
	}
	resultTones = map[model.InspectionResult]Tone{
		model.ResultPass: ToneGreen, model.ResultConditional: ToneYellow, model.ResultFail: ToneRed,
	}
	severityTones = map[model.Severity]Tone{
		model.SeverityCritical: ToneRed, model.SeverityMajor: ToneOrange, model.SeverityMinor: ToneYellow,
	}
	findingStatusTones = map[model.FindingStatus]Tone{
		model.FindingOpen: ToneRed, model.FindingClosed: ToneGreen, model.FindingInProgress: ToneBlue,
	}
)

// SiteStatusTone is the colour of a qualification status.
func SiteStatusTone(s model.QualificationStatus) Tone { return siteStatusTones[s] }

// CertificationTone is the colour of a certificate's status.
func CertificationTone(s model.CertificationStatus) Tone { return certificationTones[s] }

// ResultTone is the colour of an inspection result.
func ResultTone(r model.InspectionResult) Tone { return resultTones[r] }

// SeverityTone is the colour of a finding's severity.
func SeverityTone(s model.Severity) Tone { return severityTones[s] }

// FindingStatusTone is the colour of a finding's status.
func FindingStatusTone(s model.FindingStatus) Tone { return findingStatusTones[s] }

// overdueTone is red when overdue.
func overdueTone(overdue bool) Tone {
	if overdue {
		return ToneRed
	}
	return ToneNone
}
