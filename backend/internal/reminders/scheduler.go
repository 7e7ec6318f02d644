package reminders

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// digestRetryDays: an e-mail reminder whose digest failed is retried in
// the digests of this many following days, then left in the app only.
const digestRetryDays = 7

// Options configure a Scheduler.
type Options struct {
	Store *store.Store
	// Mailer sends digests; nil keeps every reminder in the app.
	Mailer Mailer
	// BaseURL prefixes links in e-mails, e.g. https://qualtrack.example.com.
	BaseURL string
	// Hour is the hour of the day (UTC) of the daily run.
	Hour   int
	Logger *slog.Logger
	// Actor is recorded in the audit trail for each run.
	Actor audit.Actor
}

// Scheduler runs the reminders once a day. Several schedulers (instances)
// may share a database: the store lets exactly one run each day.
type Scheduler struct {
	store   *store.Store
	mailer  Mailer
	baseURL string
	hour    int
	log     *slog.Logger
	actor   audit.Actor
	// retry is the wait after a failed or contended run; maxWait caps any
	// wait, so a changed clock or a run another instance gave up is
	// noticed.
	retry, maxWait time.Duration
}

// NewScheduler returns a scheduler.
func NewScheduler(o Options) *Scheduler {
	log := o.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	actor := o.Actor
	if actor.Email == "" {
		actor = audit.Actor{Email: "reminders", Role: "system"}
	}
	return &Scheduler{store: o.Store, mailer: o.Mailer, baseURL: o.BaseURL, hour: o.Hour, log: log, actor: actor,
		retry: 5 * time.Minute, maxWait: time.Hour}
}

// EmailAvailable reports whether reminders can go by e-mail.
func (s *Scheduler) EmailAvailable() bool { return s.mailer != nil }

// Result is what one run did.
type Result struct {
	Date model.Date
	// Skipped is store.ErrReminderRunDone or store.ErrReminderRunInProgress
	// when another run had the day; nil when this one ran.
	Skipped       error
	Reminders     int
	Digests       int
	DigestsFailed int
}

// RunOnce runs today's reminders: records them (in-app notifications) and
// sends each user's digest. When the day was already run, or another
// instance is running it, it does nothing and says so in Result.Skipped.
func (s *Scheduler) RunOnce(ctx context.Context) (Result, error) {
	today := s.store.Today()
	res := Result{Date: today}
	run, err := s.store.RunReminders(ctx, today, Window(today), s.plan, s.actor)
	switch {
	case errors.Is(err, store.ErrReminderRunDone), errors.Is(err, store.ErrReminderRunInProgress):
		res.Skipped = err
		return res, nil
	case err != nil:
		return res, err
	}
	res.Reminders = run.Reminders
	if s.mailer != nil {
		if err := s.sendDigests(ctx, today, &res); err != nil {
			return res, err
		}
	}
	return res, nil
}

func (s *Scheduler) plan(f store.ReminderFacts) []store.NewReminder {
	return newReminders(Plan(DueItems(f), f.Recipients, f.Sent, s.mailer != nil))
}

// sendDigests e-mails every user their pending reminders, one message
// each. A failed message is logged and retried by the next day's run.
func (s *Scheduler) sendDigests(ctx context.Context, today model.Date, res *Result) error {
	digests, err := s.store.PendingDigests(ctx, today.AddDays(-digestRetryDays))
	if err != nil {
		return err
	}
	for _, d := range digests {
		msg, err := RenderDigest(d, today, s.baseURL)
		if err == nil {
			err = s.mailer.Send(ctx, msg)
		}
		if err != nil {
			res.DigestsFailed++
			s.log.Warn("reminder digest not sent; it is retried with tomorrow's", "user_id", d.UserID, "err", err)
			if ctx.Err() != nil {
				return ctx.Err()
			}
			continue
		}
		ids := make([]int64, len(d.Items))
		for i, it := range d.Items {
			ids[i] = it.ReminderID
		}
		if err := s.store.MarkEmailed(ctx, today, ids, s.store.Now()); err != nil {
			return err
		}
		res.Digests++
	}
	return nil
}

// Preview is what a run now would record, without recording or sending.
func (s *Scheduler) Preview(ctx context.Context) ([]Reminder, error) {
	today := s.store.Today()
	f, err := s.store.ReminderFacts(ctx, today, Window(today))
	if err != nil {
		return nil, err
	}
	return Plan(DueItems(f), f.Recipients, f.Sent, s.mailer != nil), nil
}

// Run runs the reminders every day at the configured hour until ctx ends.
// When it starts after the hour and today's run is missing (the server
// was down), it runs at once.
func (s *Scheduler) Run(ctx context.Context) {
	if s.mailer == nil {
		s.log.Info("reminder e-mail is not configured (QUALTRACK_SMTP_HOST is empty): reminders are in-app only")
	}
	s.log.Info("reminders scheduled", "hour_utc", s.hour)
	for {
		wait := s.tick(ctx)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
	}
}

// tick runs today's reminders if they are due and not done, and returns
// how long to wait before looking again.
func (s *Scheduler) tick(ctx context.Context) time.Duration {
	now := s.store.Now()
	untilNext := min(UntilNextRun(now, s.hour), s.maxWait)
	today := model.DateOf(now)
	if now.Before(RunTime(today, s.hour)) {
		return untilNext
	}
	_, done, err := s.store.ReminderRunOn(ctx, today)
	if err != nil {
		if ctx.Err() == nil {
			s.log.Error("reminders: cannot tell whether today's run happened", "err", err)
		}
		return s.retry
	}
	if done {
		return untilNext
	}
	res, err := s.RunOnce(ctx)
	switch {
	case err != nil:
		if ctx.Err() == nil {
			s.log.Error("reminders: run failed; retrying", "date", today, "err", err, "retry_in", s.retry)
		}
		return s.retry
	case errors.Is(res.Skipped, store.ErrReminderRunInProgress):
		return s.retry // look again: the other instance may fail
	case res.Skipped != nil:
		return untilNext
	}
	s.log.Info("reminders sent", "date", today, "reminders", res.Reminders, "digests", res.Digests, "digests_failed", res.DigestsFailed)
	return untilNext
}

// RunTime is when the run of day is due: hour o'clock UTC.
func RunTime(day model.Date, hour int) time.Time {
	return day.Time().Add(time.Duration(hour) * time.Hour)
}

// UntilNextRun is the time from now to the next run time: today's if it
// is still ahead, else tomorrow's.
func UntilNextRun(now time.Time, hour int) time.Duration {
	next := RunTime(model.DateOf(now.UTC()), hour)
	if !now.Before(next) {
		next = next.AddDate(0, 0, 1)
	}
	return next.Sub(now)
}

// WritePreview prints reminders (from Preview) for people to read.
func WritePreview(w io.Writer, today model.Date, rs []Reminder, emailAvailable bool) {
	fmt.Fprintf(w, "Reminders for %s (dry run: nothing is recorded or sent)\n", today)
	if !emailAvailable {
		fmt.Fprintln(w, "E-mail is not configured (QUALTRACK_SMTP_HOST): reminders would be in-app only.")
	}
	if len(rs) == 0 {
		fmt.Fprintln(w, "Nothing to remind anyone of.")
		return
	}
	users := map[int64]bool{}
	for _, r := range rs {
		users[r.UserID] = true
		channel := "in app"
		if r.Channel == model.ChannelEmail {
			channel = "e-mail"
		}
		fmt.Fprintf(w, "%-32s %-6s %-18s %s  %s\n", r.UserEmail, channel, r.Kind, r.Title, r.Link)
	}
	fmt.Fprintf(w, "%d reminder(s) to %d user(s).\n", len(rs), len(users))
}
