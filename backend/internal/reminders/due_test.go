package reminders

import (
	"strings"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

var today = model.NewDate(2026, 6, 15)

func d(s string) model.Date {
	t, err := model.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestCertificateStage(t *testing.T) {
	cases := []struct {
		name                  string
		expires               string
		withdrawn, superseded bool
		want                  string // "" means no reminder
	}{
		{"far away", "2026-09-14", false, false, ""}, // 91 days
		{"90 days", "2026-09-13", false, false, "90d@2026-09-13"},
		{"61 days still the 90-day stage", "2026-08-15", false, false, "90d@2026-08-15"},
		{"60 days", "2026-08-14", false, false, "60d@2026-08-14"},
		{"30 days", "2026-07-15", false, false, "30d@2026-07-15"},
		{"20 days catches up with the 30-day stage only", "2026-07-05", false, false, "30d@2026-07-05"},
		{"14 days", "2026-06-29", false, false, "14d@2026-06-29"},
		{"7 days", "2026-06-22", false, false, "7d@2026-06-22"},
		{"tomorrow", "2026-06-16", false, false, "7d@2026-06-16"},
		{"expires today", "2026-06-15", false, false, "expiry@2026-06-15"},
		{"expired 30 days ago", "2026-05-16", false, false, "expiry@2026-05-16"},
		{"expired 31 days ago: too long ago", "2026-05-15", false, false, ""},
		{"withdrawn", "2026-07-15", true, false, ""},
		{"superseded by a renewal", "2026-07-15", false, true, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := CertificateStage(d(tc.expires), tc.withdrawn, tc.superseded, today)
			if got != tc.want || ok != (tc.want != "") {
				t.Fatalf("CertificateStage(%s) = %q %v, want %q", tc.expires, got, ok, tc.want)
			}
		})
	}
}

func TestInspectionStage(t *testing.T) {
	cases := []struct {
		name    string
		status  model.QualificationStatus
		due     string
		planned string
		want    string
	}{
		{"31 days", model.StatusQualified, "2026-07-16", "", ""},
		{"30 days", model.StatusQualified, "2026-07-15", "", "30d@2026-07-15"},
		{"8 days", model.StatusQualified, "2026-06-23", "", "30d@2026-06-23"},
		{"7 days", model.StatusQualified, "2026-06-22", "", "7d@2026-06-22"},
		{"due today", model.StatusQualified, "2026-06-15", "", "7d@2026-06-15"},
		{"due with a plan still reminded", model.StatusQualified, "2026-06-22", "2026-06-20", "7d@2026-06-22"},
		{"overdue, nothing planned", model.StatusConditional, "2026-06-14", "", "overdue@2026-06-14"},
		{"overdue, planned after the due date", model.StatusQualified, "2026-06-01", "2026-07-01", "overdue@2026-06-01"},
		{"past due but planned on time: not overdue", model.StatusQualified, "2026-06-10", "2026-06-08", ""},
		{"overdue too long ago", model.StatusQualified, "2026-05-15", "", ""},
		{"disqualified site", model.StatusDisqualified, "2026-06-22", "", ""},
		{"no due date", model.StatusQualified, "", "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var due, planned model.Date
			if tc.due != "" {
				due = d(tc.due)
			}
			if tc.planned != "" {
				planned = d(tc.planned)
			}
			got, ok := InspectionStage(tc.status, due, planned, today)
			if got != tc.want || ok != (tc.want != "") {
				t.Fatalf("got %q %v, want %q", got, ok, tc.want)
			}
		})
	}
}

func TestFindingAndConditionalStages(t *testing.T) {
	findings := []struct {
		due    string
		status model.FindingStatus
		want   string
	}{
		{"2026-06-15", model.FindingOpen, ""}, // due today is not overdue yet
		{"2026-06-14", model.FindingOpen, "overdue@2026-06-14"},
		{"2026-06-14", model.FindingInProgress, "overdue@2026-06-14"},
		{"2026-06-14", model.FindingClosed, ""},
		{"2026-05-16", model.FindingOpen, "overdue@2026-05-16"},
		{"2026-05-15", model.FindingOpen, ""},
	}
	for _, tc := range findings {
		got, ok := FindingStage(d(tc.due), tc.status, today)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("FindingStage(%s, %s) = %q, want %q", tc.due, tc.status, got, tc.want)
		}
	}
	if got, _ := FindingStage(model.Date{}, model.FindingOpen, today); got != "" {
		t.Errorf("a finding without a due date got %q", got)
	}
	conditional := []struct {
		status model.QualificationStatus
		until  string
		want   string
	}{
		{model.StatusConditional, "2026-07-16", ""},
		{model.StatusConditional, "2026-07-15", "30d@2026-07-15"},
		{model.StatusConditional, "2026-06-15", "30d@2026-06-15"},
		{model.StatusConditional, "2026-06-14", "ended@2026-06-14"},
		{model.StatusConditional, "2026-05-15", ""},
		{model.StatusQualified, "2026-06-20", ""}, // decided already
	}
	for _, tc := range conditional {
		got, ok := ConditionalStage(tc.status, d(tc.until), today)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("ConditionalStage(%s, %s) = %q, want %q", tc.status, tc.until, got, tc.want)
		}
	}
}

// Walking a certificate day by day from 120 days before its expiry to 40
// days after, each stage starts exactly once, on its day.
func TestCertificateWalkStartsEachStageOnce(t *testing.T) {
	expires := d("2026-12-31")
	seen := map[string]model.Date{}
	for day := expires.AddDays(-120); !day.After(expires.AddDays(40)); day = day.AddDays(1) {
		st, ok := CertificateStage(expires, false, false, day)
		if !ok {
			continue
		}
		if _, dup := seen[st]; !dup {
			seen[st] = day
		}
	}
	want := map[string]int{"90d": -90, "60d": -60, "30d": -30, "14d": -14, "7d": -7, "expiry": 0}
	if len(seen) != len(want) {
		t.Fatalf("stages %v, want %v", seen, want)
	}
	for name, offset := range want {
		if got := seen[name+"@2026-12-31"]; !got.Equal(expires.AddDays(offset)) {
			t.Errorf("stage %s first on %s, want %s", name, got, expires.AddDays(offset))
		}
	}
}

func TestDueItemsWordingAndLinks(t *testing.T) {
	f := store.ReminderFacts{
		Today: today,
		Certificates: []store.DueCertificate{
			{ID: 5, SiteID: 1, SiteCode: "ACME-SZ1", SiteName: "Acme Shenzhen", Standard: "ISO 9001:2015", CertificateNumber: "Q-1", IssuingBody: "TÜV", ExpiresOn: d("2026-07-15")},
			{ID: 6, SiteID: 1, SiteCode: "ACME-SZ1", SiteName: "Acme Shenzhen", Standard: "ISO 9001:2015", ExpiresOn: d("2026-07-01"), Superseded: true},
		},
		Sites: []store.DueSite{
			{ID: 1, Code: "ACME-SZ1", Name: "Acme Shenzhen", RiskTier: model.RiskHigh, QualificationStatus: model.StatusConditional,
				NextInspectionDue: d("2026-06-10"), ConditionalUntil: d("2026-06-25")},
		},
		Findings: []store.DueFinding{
			{ID: 9, SiteID: 1, SiteCode: "ACME-SZ1", SiteName: "Acme Shenzhen", Severity: model.SeverityMajor, Status: model.FindingOpen,
				Description: "ESD mats not grounded", Owner: "Li Wei", DueDate: d("2026-06-12")},
		},
	}
	items := DueItems(f)
	want := []struct {
		kind  model.ReminderKind
		stage string
		title string
		link  string
	}{
		{model.KindCertificateExpiry, "30d@2026-07-15", "ISO 9001:2015 certificate of ACME-SZ1 expires in 30 days", "/certifications/5"},
		{model.KindInspectionDue, "overdue@2026-06-10", "Inspection of ACME-SZ1 is overdue by 5 days", "/sites/1"},
		{model.KindFindingOverdue, "overdue@2026-06-12", "Major finding at ACME-SZ1 is overdue by 3 days", "/findings/9"},
		{model.KindConditionalEnding, "30d@2026-06-25", "Conditional approval of ACME-SZ1 ends in 10 days", "/sites/1"},
	}
	if len(items) != len(want) {
		t.Fatalf("got %d items: %+v", len(items), items)
	}
	for i, w := range want {
		it := items[i]
		if it.Kind != w.kind || it.Stage != w.stage || it.Title != w.title || it.Link != w.link {
			t.Errorf("item %d = %s %s %q %s, want %s %s %q %s", i, it.Kind, it.Stage, it.Title, it.Link, w.kind, w.stage, w.title, w.link)
		}
	}
	if !strings.Contains(items[0].Body, "Q-1 from TÜV expires on 2026-07-15") {
		t.Errorf("certificate body: %s", items[0].Body)
	}
	if !strings.Contains(items[2].Body, "ESD mats not grounded. Due 2026-06-12, owner Li Wei.") {
		t.Errorf("finding body: %s", items[2].Body)
	}
}

func TestPlanFollowsPreferencesAndWhatWasSent(t *testing.T) {
	items := []Item{
		{Kind: model.KindCertificateExpiry, EntityID: 5, Stage: "30d@2026-07-15"},
		{Kind: model.KindFindingOverdue, EntityID: 9, Stage: "overdue@2026-06-12"},
	}
	recipients := []store.Recipient{
		{ID: 1, Role: model.RoleAdmin},
		{ID: 2, Role: model.RoleManager, Preferences: map[model.ReminderKind]model.NotificationChannel{model.KindFindingOverdue: model.ChannelInApp}},
		{ID: 3, Role: model.RoleProcurement, Preferences: map[model.ReminderKind]model.NotificationChannel{model.KindCertificateExpiry: model.ChannelOff}},
		{ID: 4, Role: model.RoleAuditor},
		{ID: 5, Role: model.RoleAuditor, Preferences: map[model.ReminderKind]model.NotificationChannel{model.KindFindingOverdue: model.ChannelEmail}},
	}
	sent := map[store.ReminderKey]bool{{Kind: model.KindCertificateExpiry, EntityID: 5, Stage: "30d@2026-07-15", UserID: 1}: true}
	type key struct {
		user int64
		kind model.ReminderKind
	}
	got := func(email bool) map[key]model.NotificationChannel {
		m := map[key]model.NotificationChannel{}
		for _, r := range Plan(items, recipients, sent, email) {
			m[key{r.UserID, r.Kind}] = r.Channel
		}
		return m
	}
	want := map[key]model.NotificationChannel{
		{1, model.KindFindingOverdue}:    model.ChannelEmail, // certificate stage already sent to user 1
		{2, model.KindCertificateExpiry}: model.ChannelEmail,
		{2, model.KindFindingOverdue}:    model.ChannelInApp,
		{3, model.KindFindingOverdue}:    model.ChannelEmail,
		{5, model.KindFindingOverdue}:    model.ChannelEmail, // an auditor who opted in
	}
	if g := got(true); !equalMaps(g, want) {
		t.Fatalf("plan with e-mail:\n got %v\nwant %v", g, want)
	}
	for k, v := range want {
		if v == model.ChannelEmail {
			want[k] = model.ChannelInApp
		}
	}
	if g := got(false); !equalMaps(g, want) {
		t.Fatalf("plan without e-mail:\n got %v\nwant %v", g, want)
	}
}

func equalMaps[K comparable, V comparable](a, b map[K]V) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func TestRelativeWording(t *testing.T) {
	for n, want := range map[int]string{0: "today", 1: "tomorrow", -1: "yesterday", 5: "in 5 days", -3: "3 days ago"} {
		if got := relative(n); got != want {
			t.Errorf("relative(%d) = %q, want %q", n, got, want)
		}
	}
}
