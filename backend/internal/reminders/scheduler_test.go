package reminders_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/database"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/reminders"
	"github.com/qualtrack/qualtrack/backend/internal/store"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// A certificate walked day by day from 100 days before its expiry to 40
// days after is reminded of on exactly its six stage days, once each, to
// exactly the people who chose to hear of it, by the channel they chose.
func TestCertificateWalksThroughEveryStageOnce(t *testing.T) {
	w := newWorld(t)
	expires := model.NewDate(2026, 12, 31)
	site := w.site()
	cert := w.certificate(site.ID, "ISO 9001:2015", expires)
	w.prefer(w.users[model.RoleManager].ID, model.KindCertificateExpiry, model.ChannelInApp)
	sched := w.scheduler(w.mail)

	var days []int
	for day := expires.AddDays(-100); !day.After(expires.AddDays(40)); day = day.AddDays(1) {
		w.at(day)
		res := w.run(sched)
		if res.Reminders > 0 {
			days = append(days, day.DaysUntil(expires))
			// procurement and admin by e-mail, the manager in the app; the auditor not at all.
			if res.Reminders != 3 || res.Digests != 2 {
				t.Errorf("%s: %d reminders, %d digests; want 3 and 2", day, res.Reminders, res.Digests)
			}
		}
		// A second run the same day does nothing.
		if again, err := sched.RunOnce(context.Background()); err != nil || !errors.Is(again.Skipped, store.ErrReminderRunDone) {
			t.Fatalf("%s: second run: %+v %v", day, again, err)
		}
	}
	if want := []int{90, 60, 30, 14, 7, 0}; !equalInts(days, want) {
		t.Fatalf("reminded %v days before expiry, want %v", days, want)
	}

	wantTitles := []string{"expires in 90 days", "expires in 60 days", "expires in 30 days", "expires in 14 days", "expires in 7 days", "expires today"}
	for _, role := range []model.Role{model.RoleProcurement, model.RoleManager, model.RoleAdmin} {
		ns := w.notifications(w.users[role].ID)
		if len(ns) != len(wantTitles) {
			t.Fatalf("%s has %d notifications, want %d", role, len(ns), len(wantTitles))
		}
		for i, n := range ns {
			if !strings.HasSuffix(n.Title, wantTitles[i]) || n.EntityType != "certification" || n.EntityID != cert.ID ||
				n.Link != "/certifications/"+itoa(cert.ID) || !n.DueDate.Equal(expires) || n.ReadAt != nil {
				t.Errorf("%s notification %d: %+v", role, i, n)
			}
		}
	}
	if n := w.notifications(w.users[model.RoleAuditor].ID); len(n) != 0 {
		t.Errorf("the auditor, who hears nothing by default, got %d notifications", len(n))
	}
	if got := len(w.mail.to("procurement@example.com")); got != 6 {
		t.Errorf("procurement got %d digests, want 6", got)
	}
	if got := len(w.mail.to("manager@example.com")); got != 0 {
		t.Errorf("the manager chose in-app only but got %d e-mails", got)
	}
	var runs int64
	testutil.Fatal(t, w.db.Model(&model.ReminderRun{}).Count(&runs).Error, "count runs")
	if runs != 141 {
		t.Errorf("%d runs recorded, want one per day (141)", runs)
	}
}

// Renewing a certificate (a new expiry date on the same record) stops the
// old date's reminders; the new date's stages start afresh. Entering the
// renewal as a new certificate of the same standard does the same.
func TestRenewalStartsAfresh(t *testing.T) {
	w := newWorld(t)
	sched := w.scheduler(w.mail)
	site := w.site()
	first := model.NewDate(2026, 7, 15)
	cert := w.certificate(site.ID, "ISO 9001:2015", first)
	w.at(first.AddDays(-30))
	if res := w.run(sched); res.Reminders != 3 {
		t.Fatalf("30-day stage: %d reminders, want 3", res.Reminders)
	}
	renewed := first.AddDays(365)
	_, err := w.store.UpdateCertification(context.Background(), cert.ID, 1, nil, system, func(c *model.Certification) error {
		c.ExpiresOn = renewed
		return nil
	})
	testutil.Fatal(t, err, "renew")
	// Every day the old date's stages would have fallen on, and the day
	// before the new date's first stage: nothing.
	quiet := []model.Date{renewed.AddDays(-91)}
	for day := first.AddDays(-29); !day.After(first.AddDays(31)); day = day.AddDays(1) {
		quiet = append(quiet, day)
	}
	for _, day := range quiet {
		w.at(day)
		if res := w.run(sched); res.Reminders != 0 {
			t.Fatalf("%s: %d reminders after the renewal", day, res.Reminders)
		}
	}
	w.at(renewed.AddDays(-90))
	if res := w.run(sched); res.Reminders != 3 {
		t.Fatalf("the renewed certificate's 90-day stage: %d reminders, want 3", res.Reminders)
	}

	// A renewal entered as a new record supersedes the old one.
	other := w.site()
	old := w.certificate(other.ID, "IATF 16949:2016", renewed.AddDays(20))
	w.at(renewed.AddDays(-89))
	if res := w.run(sched); res.Reminders != 0 {
		t.Fatalf("%d reminders before the 90-day stage", res.Reminders)
	}
	w.certificate(other.ID, "iatf 16949:2016", renewed.AddDays(400))
	// The old certificate's stage days: 60, 30, 14 and 7 days before it
	// expires, its expiry day and after.
	for _, offset := range []int{-60, -30, -14, -7, 0, 1, 10} {
		w.at(old.ExpiresOn.AddDays(offset))
		w.run(sched)
	}
	var n int64
	testutil.Fatal(t, w.db.Model(&model.Reminder{}).Where("entity_id = ? AND kind = ?", old.ID, model.KindCertificateExpiry).Count(&n).Error, "count")
	if n != 0 {
		t.Fatalf("the superseded certificate was reminded of %d times", n)
	}
}

// Closed findings, completed inspections, archived sites, withdrawn
// certificates and disabled users are never reminded of or reminded.
func TestResolvedRecordsAreNotReminded(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	sched := w.scheduler(w.mail)
	today := w.store.Today()

	// An inspection due in 30 days: reminded, then completed, then nothing more.
	site := w.site()
	testutil.Fatal(t, w.db.Model(&model.Site{}).Where("id = ?", site.ID).Update("next_inspection_due", today.AddDays(30)).Error, "due")
	// A finding due yesterday that gets closed before the run, and one still open.
	in := model.Inspection{SiteID: site.ID, Type: model.InspectionRoutine, Status: model.InspectionCompleted,
		PerformedDate: today.AddDays(-400), Result: model.ResultPass}
	signed := w.store.SignedBy(store.Signer{User: w.users[model.RoleProcurement], Meaning: model.MeaningAuthored})
	_, err := signed.CreateInspection(ctx, &in, system)
	testutil.Fatal(t, err, "inspection")
	testutil.Fatal(t, w.db.Model(&model.Site{}).Where("id = ?", site.ID).Update("next_inspection_due", today.AddDays(30)).Error, "due")
	closed := model.Finding{Severity: model.SeverityMajor, Category: "esd", Description: "closed in time", DueDate: today.AddDays(-1), Status: model.FindingOpen}
	_, err = w.store.CreateFinding(ctx, in.ID, &closed, system)
	testutil.Fatal(t, err, "finding")
	open := model.Finding{Severity: model.SeverityMinor, Category: "process", Description: "still open", DueDate: today.AddDays(-1), Status: model.FindingOpen}
	_, err = w.store.CreateFinding(ctx, in.ID, &open, system)
	testutil.Fatal(t, err, "finding")
	verifier := w.store.SignedBy(store.Signer{User: w.users[model.RoleProcurement], Meaning: model.MeaningVerified})
	_, err = verifier.UpdateFinding(ctx, closed.ID, 1, system, func(f *model.Finding) error {
		f.Status, f.VerificationNote = model.FindingClosed, "checked the mats"
		return nil
	})
	testutil.Fatal(t, err, "close finding")
	// Withdrawn certificate, and a certificate of an archived site.
	withdrawn := w.certificate(site.ID, "ISO 14001:2015", today.AddDays(7))
	testutil.Fatal(t, w.db.Model(&model.Certification{}).Where("id = ?", withdrawn.ID).Updates(map[string]any{"withdrawn": true, "withdrawn_reason": "x"}).Error, "withdraw")
	archived := w.site()
	w.certificate(archived.ID, "ISO 9001:2015", today.AddDays(7))
	testutil.Fatal(t, w.db.Model(&model.Site{}).Where("id = ?", archived.ID).Update("archived_at", w.clock.Now()).Error, "archive")
	// A disabled user hears nothing.
	disabled := w.user("gone@example.com", model.RoleProcurement)
	testutil.Fatal(t, w.db.Model(&model.User{}).Where("id = ?", disabled.ID).Update("active", false).Error, "disable")

	w.run(sched)
	got := map[model.ReminderKind][]int64{}
	for _, n := range w.notifications(w.users[model.RoleProcurement].ID) {
		got[n.Kind] = append(got[n.Kind], n.EntityID)
	}
	if len(got) != 2 || !equalInts64(got[model.KindInspectionDue], []int64{site.ID}) || !equalInts64(got[model.KindFindingOverdue], []int64{open.ID}) {
		t.Fatalf("reminded of %v; want the inspection due and the open finding only", got)
	}
	if n := w.notifications(disabled.ID); len(n) != 0 {
		t.Fatalf("a disabled user got %d notifications", len(n))
	}

	// Completing the inspection moves the due date: no overdue reminder.
	done := model.Inspection{SiteID: site.ID, Type: model.InspectionRoutine, Status: model.InspectionCompleted,
		PerformedDate: today.AddDays(1), Result: model.ResultPass}
	for day := today.AddDays(1); !day.After(today.AddDays(45)); day = day.AddDays(1) {
		w.at(day)
		if day.Equal(today.AddDays(1)) {
			_, err := signed.CreateInspection(ctx, &done, system)
			testutil.Fatal(t, err, "complete inspection")
		}
		w.run(sched)
	}
	for _, n := range w.notifications(w.users[model.RoleProcurement].ID) {
		if n.Kind == model.KindInspectionDue && n.EntityID == site.ID && !strings.HasPrefix(n.Title, "Inspection of "+site.Code+" is due in 30 days") {
			t.Errorf("reminded after the inspection was completed: %s", n.Title)
		}
	}
}

// Reminders the mail server refused are sent with the next day's digest,
// in today's words: one line per record, at its current stage.
func TestFailedDigestIsRetriedNextDay(t *testing.T) {
	w := newWorld(t)
	sched := w.scheduler(w.mail)
	site := w.site()
	w.certificate(site.ID, "ISO 9001:2015", w.store.Today().AddDays(30))
	w.certificate(site.ID, "AS9100D", w.store.Today().AddDays(15))
	w.mail.fail = true
	if res := w.run(sched); res.Digests != 0 || res.DigestsFailed != 3 {
		t.Fatalf("with the server down: %+v", res)
	}
	w.mail.fail = false
	w.at(w.store.Today().AddDays(1)) // AS9100D reaches its 14-day stage
	if res := w.run(sched); res.Digests != 3 || res.DigestsFailed != 0 {
		t.Fatalf("next day: %+v", res)
	}
	msgs := w.mail.to("procurement@example.com")
	if len(msgs) != 1 || !strings.Contains(msgs[0].Subject, "2 reminders") ||
		!strings.Contains(msgs[0].Text, "ISO 9001:2015 certificate of "+site.Code+" expires in 29 days") ||
		!strings.Contains(msgs[0].Text, "AS9100D certificate of "+site.Code+" expires in 14 days") ||
		strings.Contains(msgs[0].Text, "expires in 15 days") {
		t.Fatalf("retried digest: %+v", msgs)
	}
	var pending int64
	testutil.Fatal(t, w.db.Model(&model.Reminder{}).Where("channel = 'email' AND emailed_at IS NULL").Count(&pending).Error, "pending")
	if pending != 0 {
		t.Fatalf("%d e-mail reminders still pending after the digest went out", pending)
	}
}

// A digest that failed is written again from the day it is sent: a
// scope narrowed in between, a closed finding, a withdrawn certificate and
// a kind switched off leave their records out, and nothing that expired
// meanwhile is called "expires today".
func TestRetriedDigestIsRebuiltFromToday(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	sched := w.scheduler(w.mail)
	today := w.store.Today()
	mine, theirs := w.site(), w.site()
	w.certificate(mine.ID, "ISO 9001:2015", today.AddDays(30))
	w.certificate(theirs.ID, "ISO 13485:2016", today.AddDays(30))
	w.certificate(mine.ID, "AS9100D", today)
	withdrawn := w.certificate(mine.ID, "ISO 14001:2015", today.AddDays(14))
	in := model.Inspection{SiteID: mine.ID, Type: model.InspectionRoutine, Status: model.InspectionCompleted,
		PerformedDate: today.AddDays(-20), Result: model.ResultPass}
	_, err := w.store.SignedBy(store.Signer{User: w.users[model.RoleProcurement], Meaning: model.MeaningAuthored}).CreateInspection(ctx, &in, system)
	testutil.Fatal(t, err, "inspection")
	finding := model.Finding{Severity: model.SeverityMajor, Category: "esd", Description: "mats not grounded", DueDate: today.AddDays(-1), Status: model.FindingOpen}
	_, err = w.store.CreateFinding(ctx, in.ID, &finding, system)
	testutil.Fatal(t, err, "finding")

	// An auditor who reads both manufacturers and wants certificate and
	// finding reminders by e-mail; a manager who wants findings by e-mail.
	auditor := w.users[model.RoleAuditor]
	w.prefer(auditor.ID, model.KindCertificateExpiry, model.ChannelEmail)
	w.prefer(auditor.ID, model.KindFindingOverdue, model.ChannelEmail)
	both := []int64{mine.ManufacturerID, theirs.ManufacturerID}
	_, err = w.store.UpdateUserWithScope(ctx, auditor.ID, auditor.Version, &both, system, func(*model.User) error { return nil })
	testutil.Fatal(t, err, "scope")

	w.mail.fail = true
	w.run(sched)
	w.mail.fail = false

	// Two days later: the scope is narrowed, the finding closed, a
	// certificate withdrawn, the manager switched findings off.
	w.at(today.AddDays(2))
	var a model.User
	testutil.Fatal(t, w.db.Take(&a, auditor.ID).Error, "auditor")
	onlyMine := []int64{mine.ManufacturerID}
	_, err = w.store.UpdateUserWithScope(ctx, auditor.ID, a.Version, &onlyMine, system, func(*model.User) error { return nil })
	testutil.Fatal(t, err, "narrow scope")
	_, err = w.store.SignedBy(store.Signer{User: w.users[model.RoleProcurement], Meaning: model.MeaningVerified}).UpdateFinding(ctx, finding.ID, finding.Version, system, func(f *model.Finding) error {
		f.Status, f.VerificationNote = model.FindingClosed, "mats grounded and measured"
		return nil
	})
	testutil.Fatal(t, err, "close finding")
	testutil.Fatal(t, w.db.Model(&model.Certification{}).Where("id = ?", withdrawn.ID).
		Updates(map[string]any{"withdrawn": true, "withdrawn_reason": "site closed the line"}).Error, "withdraw")
	w.prefer(w.users[model.RoleManager].ID, model.KindFindingOverdue, model.ChannelOff)

	res := w.run(sched)
	if res.DigestsFailed != 0 {
		t.Fatalf("retry: %+v", res)
	}
	for _, role := range []model.Role{model.RoleAuditor, model.RoleManager, model.RoleProcurement} {
		msgs := w.mail.to(string(role) + "@example.com")
		if len(msgs) != 1 {
			t.Fatalf("%s got %d digests", role, len(msgs))
		}
		body := msgs[0].Text + msgs[0].HTML
		for _, gone := range []string{"mats not grounded", "ISO 14001", "expires today", "expires in 30 days"} {
			if strings.Contains(body, gone) {
				t.Errorf("%s's retried digest still mentions %q:\n%s", role, gone, msgs[0].Text)
			}
		}
		if !strings.Contains(msgs[0].Text, "AS9100D certificate of "+mine.Code+" expired 2 days ago") ||
			!strings.Contains(msgs[0].Text, "ISO 9001:2015 certificate of "+mine.Code+" expires in 28 days") {
			t.Errorf("%s's retried digest is not today's:\n%s", role, msgs[0].Text)
		}
		if role == model.RoleAuditor && (strings.Contains(body, theirs.Code) || strings.Contains(body, theirs.Name)) {
			t.Errorf("the auditor's digest names a site out of their scope now:\n%s", msgs[0].Text)
		}
	}
}

// An SMTP outage does not silence the day: a later run on the same day
// sends what is pending (once, even when two try), and a dry run shows it.
func TestLaterRunSendsPendingDigests(t *testing.T) {
	w := newWorld(t)
	sched := w.scheduler(w.mail)
	site := w.site()
	w.certificate(site.ID, "ISO 9001:2015", w.store.Today().AddDays(7))
	w.mail.fail = true
	if res := w.run(sched); res.DigestsFailed != 3 {
		t.Fatalf("outage: %+v", res)
	}
	pending, err := sched.PendingDigests(context.Background())
	testutil.Fatal(t, err, "pending")
	var out strings.Builder
	reminders.WritePendingDigests(&out, pending)
	if len(pending) != 3 || !strings.Contains(out.String(), "procurement@example.com") || !strings.Contains(out.String(), "3 pending digest(s)") {
		t.Fatalf("pending before the retry: %d\n%s", len(pending), out.String())
	}
	w.mail.fail = false
	res, err := sched.RunOnce(context.Background())
	testutil.Fatal(t, err, "second run")
	if !errors.Is(res.Skipped, store.ErrReminderRunDone) || res.Digests != 3 || res.Reminders != 0 {
		t.Fatalf("second run the same day: %+v", res)
	}
	res, err = sched.RunOnce(context.Background())
	testutil.Fatal(t, err, "third run")
	if res.Digests != 0 || w.mail.count() != 3 {
		t.Fatalf("third run sent again: %+v, %d messages", res, w.mail.count())
	}
}

// A held mail lease keeps a second sender away.
func TestMailLeaseKeepsOneSender(t *testing.T) {
	w := newWorld(t)
	site := w.site()
	w.certificate(site.ID, "ISO 9001:2015", w.store.Today().AddDays(7))
	w.mail.fail = true
	w.run(w.scheduler(w.mail))
	w.mail.fail = false
	ok, err := w.store.TakeMailLease(context.Background(), w.store.Today(), time.Minute)
	testutil.Fatal(t, err, "lease")
	if !ok {
		t.Fatal("the lease was held after the run finished")
	}
	res, err := w.scheduler(w.mail).RunOnce(context.Background())
	testutil.Fatal(t, err, "run while leased")
	if !res.MailBusy || res.Digests != 0 || w.mail.count() != 0 {
		t.Fatalf("sent while another held the lease: %+v", res)
	}
	w.clock.Set(w.clock.Now().Add(2 * time.Minute)) // the holder crashed; its lease ran out
	res, err = w.scheduler(w.mail).RunOnce(context.Background())
	testutil.Fatal(t, err, "run after the lease ran out")
	if res.Digests != 3 {
		t.Fatalf("after the lease ran out: %+v", res)
	}
}

// Certificates, findings and inspections of disqualified sites are not
// reminded of.
func TestDisqualifiedSitesAreNotReminded(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	today := w.store.Today()
	site := w.site()
	w.certificate(site.ID, "ISO 9001:2015", today.AddDays(7))
	in := model.Inspection{SiteID: site.ID, Type: model.InspectionRoutine, Status: model.InspectionCompleted,
		PerformedDate: today.AddDays(-20), Result: model.ResultFail}
	_, err := w.store.SignedBy(store.Signer{User: w.users[model.RoleProcurement], Meaning: model.MeaningAuthored}).CreateInspection(ctx, &in, system)
	testutil.Fatal(t, err, "inspection")
	f := model.Finding{Severity: model.SeverityCritical, Category: "quality", Description: "no incoming inspection", DueDate: today.AddDays(-2), Status: model.FindingOpen}
	_, err = w.store.CreateFinding(ctx, in.ID, &f, system)
	testutil.Fatal(t, err, "finding")
	testutil.Fatal(t, w.db.Model(&model.Site{}).Where("id = ?", site.ID).
		Updates(map[string]any{"qualification_status": model.StatusDisqualified, "next_inspection_due": today.AddDays(-1)}).Error, "disqualify")
	res := w.run(w.scheduler(w.mail))
	if res.Reminders != 0 || w.mail.count() != 0 {
		t.Fatalf("a disqualified site was reminded of: %+v %+v", res, w.notifications(w.users[model.RoleProcurement].ID))
	}
}

// Without a mail server, e-mail reminders are recorded in-app only, and a
// preview records nothing.
func TestWithoutMailAndPreview(t *testing.T) {
	w := newWorld(t)
	sched := w.scheduler(nil)
	site := w.site()
	w.certificate(site.ID, "ISO 9001:2015", w.store.Today().AddDays(7))
	preview, err := sched.Preview(context.Background())
	testutil.Fatal(t, err, "preview")
	if len(preview) != 3 || w.reminderCount() != 0 {
		t.Fatalf("preview: %d reminders, %d recorded", len(preview), w.reminderCount())
	}
	for _, r := range preview {
		if r.Channel != model.ChannelInApp {
			t.Errorf("%s would get %s without a mail server", r.UserEmail, r.Channel)
		}
	}
	w.run(sched)
	var channels []string
	testutil.Fatal(t, w.db.Model(&model.Reminder{}).Distinct().Pluck("channel", &channels).Error, "channels")
	if len(channels) != 1 || channels[0] != "in_app" {
		t.Fatalf("recorded channels %v", channels)
	}
	if preview, _ = sched.Preview(context.Background()); len(preview) != 0 {
		t.Fatalf("after the run the preview still lists %d", len(preview))
	}
}

// A run is a job, not a request: the database timeout of requests
// (QUALTRACK_DATABASE_TIMEOUT) does not cut it off, however large the
// register. Here that timeout is a nanosecond, which no read outlasts.
func TestRunIsNotBoundByTheRequestTimeout(t *testing.T) {
	w := newWorld(t)
	site := w.site()
	w.certificate(site.ID, "ISO 9001:2015", w.store.Today().AddDays(7))
	opening, cancel := context.WithTimeout(context.Background(), time.Minute) // for Open's ping
	defer cancel()
	short, err := database.Open(opening, database.Options{Dialect: w.db.Dialect, DSN: w.db.DSN, Now: w.clock.Now, Timeout: time.Nanosecond})
	testutil.Fatal(t, err, "open with a nanosecond timeout")
	t.Cleanup(func() {
		if sqlDB, err := short.DB(); err == nil {
			_ = sqlDB.Close()
		}
	})
	st := store.New(short, w.clock.Now)
	if _, err := st.ReminderFacts(context.Background(), st.Today(), reminders.Window(st.Today())); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a read under the nanosecond timeout: %v, want the deadline exceeded", err)
	}
	res, err := reminders.NewScheduler(reminders.Options{Store: st, BaseURL: "https://qt.example.com", Hour: 6}).RunOnce(context.Background())
	testutil.Fatal(t, err, "run")
	if res.Reminders != 3 || w.reminderCount() != 3 {
		t.Fatalf("run recorded %d reminders (%d in the database), want 3", res.Reminders, w.reminderCount())
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func equalInts64(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
