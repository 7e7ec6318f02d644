package reminders

import (
	"fmt"
	"net/mail"
	"strings"
	"testing"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// gmailClipBytes is the message size past which Gmail clips a message and
// hides the rest behind a link.
const gmailClipBytes = 102 * 1024

// largeRegister is 1,000 sites of ten manufacturers, each with a
// certificate expired or expiring, an inspection overdue or due, a finding
// overdue and a conditional approval ending: every kind of reminder, late
// and coming.
func largeRegister() store.ReminderFacts {
	f := store.ReminderFacts{Today: today}
	sev := model.Severities
	for i := range 1000 {
		id := int64(i + 1)
		m := fmt.Sprintf("Contract Manufacturer %d Ltd", i%10)
		code := fmt.Sprintf("CM%d-SITE%04d", i%10, i)
		name := fmt.Sprintf("Plant number %d in an industrial park", i)
		f.Certificates = append(f.Certificates, store.DueCertificate{ID: id, SiteID: id, ManufacturerID: int64(i%10 + 1), ManufacturerName: m,
			SiteCode: code, SiteName: name, Standard: "ISO 9001:2015", CertificateNumber: fmt.Sprintf("Q-%06d", i), IssuingBody: "TÜV SÜD",
			ExpiresOn: today.AddDays(i%40 - 20)})
		f.Sites = append(f.Sites, store.DueSite{ID: id, ManufacturerID: int64(i%10 + 1), ManufacturerName: m, Code: code, Name: name,
			RiskTier: model.RiskHigh, QualificationStatus: model.StatusConditional, NextInspectionDue: today.AddDays(i%20 - 10),
			ConditionalUntil: today.AddDays(i%30 - 5)})
		f.Findings = append(f.Findings, store.DueFinding{ID: id, SiteID: id, ManufacturerID: int64(i%10 + 1), ManufacturerName: m,
			SiteCode: code, SiteName: name, Severity: sev[i%len(sev)], Status: model.FindingOpen,
			Description: strings.Repeat("The corrective action for the solder paste storage was not verified. ", 4),
			Owner:       "Quality engineer " + code, DueDate: today.AddDays(-1 - i%25)})
	}
	return f
}

// A digest of a 1,000-site register stays under Gmail's clipping size: each
// section shows the most urgent few and links to the list with the rest.
func TestDigestOfLargeRegisterStaysUnderClipSize(t *testing.T) {
	items := DueItems(largeRegister())
	if len(items) < 3000 {
		t.Fatalf("the register gives only %d items", len(items))
	}
	d := Digest{UserID: 1, Email: "jane@example.com", Name: "Jane Buyer", Items: items,
		Totals: store.OverdueTotals{InspectionsOverdue: 480, FindingsOverdue: 1000, CertificatesExpired: 500}}
	msg, err := RenderDigest(d, today, "https://qualtrack.example.com")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := msg.compose(&mail.Address{Name: "qualtrack", Address: "qt@example.com"}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if len(raw) >= gmailClipBytes {
		t.Fatalf("the digest is %d bytes, over Gmail's %d", len(raw), gmailClipBytes)
	}
	t.Logf("digest of %d items: %d bytes", len(items), len(raw))
	for _, want := range []string{
		"more: https://qualtrack.example.com/findings?overdue=true",
		"more: https://qualtrack.example.com/certifications?status=expired",
		"- 1000 findings overdue: https://qualtrack.example.com/findings?overdue=true",
	} {
		if !strings.Contains(msg.Text, want) {
			t.Errorf("the text part lacks %q", want)
		}
	}
}

// The digest reads well in a mail client: a viewport for phones, the most
// urgent first, late apart from coming, the manufacturer with the site, one
// date format, an unsubscribe header and the totals overdue with links.
func TestDigestLayout(t *testing.T) {
	f := store.ReminderFacts{
		Today: today,
		Certificates: []store.DueCertificate{
			{ID: 1, SiteID: 1, ManufacturerName: "Acme Electronics", SiteCode: "ACME-SZ1", SiteName: "Acme Shenzhen", Standard: "ISO 9001:2015", ExpiresOn: today.AddDays(20)},
			{ID: 2, SiteID: 1, ManufacturerName: "Acme Electronics", SiteCode: "ACME-SZ1", SiteName: "Acme Shenzhen", Standard: "AS9100D", ExpiresOn: today.AddDays(-3)},
		},
		Findings: []store.DueFinding{
			{ID: 3, SiteID: 1, ManufacturerName: "Acme Electronics", SiteCode: "ACME-SZ1", SiteName: "Acme Shenzhen", Severity: model.SeverityMinor, Status: model.FindingOpen, Description: "Label faded", DueDate: today.AddDays(-10)},
			{ID: 4, SiteID: 1, ManufacturerName: "Acme Electronics", SiteCode: "ACME-SZ1", SiteName: "Acme Shenzhen", Severity: model.SeverityCritical, Status: model.FindingOpen, Description: "No ESD control", DueDate: today.AddDays(-1)},
		},
	}
	d := Digest{Email: "jane@example.com", Name: "Jane", Items: DueItems(f), Totals: store.OverdueTotals{FindingsOverdue: 7}}
	msg, err := RenderDigest(d, today, "https://qt.example.com")
	if err != nil {
		t.Fatal(err)
	}
	order := []string{"Certificates expired", "AS9100D", "Findings overdue", "Critical finding", "Minor finding", "Certificates expiring", "ISO 9001:2015", "Overdue in all"}
	last := -1
	for _, s := range order {
		i := strings.Index(msg.Text, s)
		if i <= last {
			t.Fatalf("%q is out of order in:\n%s", s, msg.Text)
		}
		last = i
	}
	for _, want := range []string{"Acme Shenzhen (ACME-SZ1) of Acme Electronics", "on 2026-06-15.", "expired on 2026-06-12",
		"- 7 findings overdue: https://qt.example.com/findings?overdue=true"} {
		if !strings.Contains(msg.Text, want) {
			t.Errorf("the text lacks %q:\n%s", want, msg.Text)
		}
	}
	if strings.Contains(msg.Text, "Monday") || strings.Contains(msg.Text, "June") {
		t.Errorf("a second date format:\n%s", msg.Text)
	}
	if !strings.Contains(msg.HTML, `<meta name="viewport" content="width=device-width, initial-scale=1">`) {
		t.Error("no viewport for phones")
	}
	raw, err := msg.compose(&mail.Address{Address: "qt@example.com"}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(raw), "List-Unsubscribe: <https://qt.example.com/profile/notifications>\r\n") {
		t.Errorf("no List-Unsubscribe header:\n%s", raw[:600])
	}
}
