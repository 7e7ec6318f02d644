package reminders_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/database"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/reminders"
	"github.com/qualtrack/qualtrack/backend/internal/store"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// Two instances, each with its own connection pool to the same database,
// run the scheduler at the same moment on each of several days (on
// PostgreSQL under the real advisory lock): each day exactly one of them
// runs, and every reminder and digest goes out exactly once.
func TestTwoInstancesSendOnce(t *testing.T) {
	w := newWorld(t)
	second, err := database.Open(context.Background(), database.Options{Dialect: w.db.Dialect, DSN: w.db.DSN, Now: w.clock.Now})
	testutil.Fatal(t, err, "open second pool")
	t.Cleanup(func() { _ = database.Close(second) })
	mail := &recordingMailer{}
	instances := []*reminders.Scheduler{
		reminders.NewScheduler(reminders.Options{Store: w.store, Mailer: mail, BaseURL: "https://qt.example.com", Hour: 6}),
		reminders.NewScheduler(reminders.Options{Store: store.New(second, w.clock.Now), Mailer: mail, BaseURL: "https://qt.example.com", Hour: 6}),
	}
	site := w.site()
	start := w.store.Today()
	for i := 0; i < 8; i++ {
		w.certificate(site.ID, "Standard "+string(rune('A'+i)), start.AddDays(7+7*i))
	}
	days := 40
	wantReminders := 0
	skipped := map[string]int{}
	for day := 0; day < days; day++ {
		w.at(start.AddDays(day))
		results := make([]reminders.Result, len(instances))
		errs := make([]error, len(instances))
		var ready, wg sync.WaitGroup
		gate := make(chan struct{})
		for i, s := range instances {
			ready.Add(1)
			wg.Add(1)
			go func() {
				defer wg.Done()
				ready.Done()
				<-gate
				results[i], errs[i] = s.RunOnce(context.Background())
			}()
		}
		ready.Wait()
		close(gate)
		wg.Wait()
		ran := 0
		for i, res := range results {
			testutil.Fatal(t, errs[i], "instance %d on day %d", i, day)
			switch {
			case res.Skipped == nil:
				ran++
				wantReminders += res.Reminders
			case !errors.Is(res.Skipped, store.ErrReminderRunDone) && !errors.Is(res.Skipped, store.ErrReminderRunInProgress):
				t.Fatalf("instance %d skipped for an unknown reason: %v", i, res.Skipped)
			default:
				skipped[res.Skipped.Error()]++
			}
		}
		if ran != 1 {
			t.Fatalf("day %d: %d instances ran, want exactly 1", day, ran)
		}
	}
	t.Logf("%s: the other instance stepped aside because %v", w.db.Dialect, skipped)
	// Stages reached over the 40 days: each certificate's current stage on
	// day 0, then every later stage; three recipients each.
	if got := w.reminderCount(); got != int64(wantReminders) || got == 0 {
		t.Fatalf("%d reminders recorded, the runs reported %d", got, wantReminders)
	}
	var dupes int64
	testutil.Fatal(t, w.db.Raw(`SELECT count(*) FROM (SELECT kind, entity_id, stage, user_id FROM reminders
		GROUP BY kind, entity_id, stage, user_id HAVING count(*) > 1) d`).Scan(&dupes).Error, "dupes")
	if dupes != 0 {
		t.Fatalf("%d reminders recorded twice", dupes)
	}
	var emailReminders int64
	testutil.Fatal(t, w.db.Model(&model.Reminder{}).Where("channel = ? AND emailed_at IS NOT NULL", "email").Count(&emailReminders).Error, "emailed")
	var items int
	for _, m := range mail.sent {
		items += strings.Count(m.Text, "\n  https://qt.example.com/certifications/") // one link per reminder
	}
	if int64(items) != emailReminders || emailReminders != int64(wantReminders) {
		t.Fatalf("digests carried %d reminders; %d e-mail reminders recorded of %d", items, emailReminders, wantReminders)
	}
	var runs int64
	testutil.Fatal(t, w.db.Model(&model.ReminderRun{}).Count(&runs).Error, "runs")
	if runs != int64(days) {
		t.Fatalf("%d runs for %d days", runs, days)
	}
}

// While another instance holds the run lock, a run steps aside and
// records nothing (PostgreSQL: the advisory lock; SQLite serialises the
// runs through its single writer instead, tested above).
func TestRunStepsAsideWhileLocked(t *testing.T) {
	w := newWorld(t)
	if w.db.Dialect != database.Postgres {
		t.Skip("the advisory lock is PostgreSQL's")
	}
	site := w.site()
	w.certificate(site.ID, "ISO 9001:2015", w.store.Today().AddDays(7))
	holder := w.db.Begin()
	testutil.Fatal(t, holder.Error, "begin")
	var locked bool
	testutil.Fatal(t, holder.Raw("SELECT pg_try_advisory_xact_lock(?)", 0x5174526d6e64).Scan(&locked).Error, "lock")
	if !locked {
		t.Fatal("could not take the lock")
	}
	sched := w.scheduler(w.mail)
	res, err := sched.RunOnce(context.Background())
	if err != nil || !errors.Is(res.Skipped, store.ErrReminderRunInProgress) {
		t.Fatalf("run while locked: %+v %v", res, err)
	}
	if _, done, _ := w.store.ReminderRunOn(context.Background(), w.store.Today()); done || w.reminderCount() != 0 {
		t.Fatal("a run was recorded while another instance held the lock")
	}
	holder.Rollback()
	if res := w.run(sched); res.Reminders != 3 {
		t.Fatalf("after the lock was released: %+v", res)
	}
}

// The scheduler started after the day's hour with no run recorded runs at
// once (a missed run), and stops when its context ends.
func TestSchedulerLoopRunsMissedRunAndStops(t *testing.T) {
	w := newWorld(t)
	w.clock.Set(time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC))
	site := w.site()
	w.certificate(site.ID, "ISO 9001:2015", w.store.Today().AddDays(30))
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan struct{})
	go func() {
		w.scheduler(w.mail).Run(ctx)
		close(stopped)
	}()
	deadline := time.Now().Add(20 * time.Second)
	for {
		if _, done, err := w.store.ReminderRunOn(context.Background(), w.store.Today()); err == nil && done {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the missed run did not happen at start")
		}
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	select {
	case <-stopped:
	case <-time.After(10 * time.Second):
		t.Fatal("the scheduler did not stop when its context ended")
	}
	if w.reminderCount() != 3 {
		t.Fatalf("%d reminders recorded", w.reminderCount())
	}
}

func TestUntilNextRun(t *testing.T) {
	at := func(h, m int) time.Time { return time.Date(2026, 6, 15, h, m, 0, 0, time.UTC) }
	cases := []struct {
		now  time.Time
		hour int
		want time.Duration
	}{
		{at(5, 0), 6, time.Hour},
		{at(6, 0), 6, 24 * time.Hour},
		{at(10, 30), 6, 19*time.Hour + 30*time.Minute},
		{at(23, 59), 0, time.Minute},
		{at(0, 0), 0, 24 * time.Hour},
	}
	for _, tc := range cases {
		if got := reminders.UntilNextRun(tc.now, tc.hour); got != tc.want {
			t.Errorf("UntilNextRun(%s, %d) = %s, want %s", tc.now.Format("15:04"), tc.hour, got, tc.want)
		}
	}
}
