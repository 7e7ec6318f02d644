package reminders

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/metrics"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// digestRetryDays: an e-mail reminder whose digest failed is retried in
// the digests of this many following days, then left in the app only.
const digestRetryDays = 7

// mailLease bounds how long one process may hold the sending of a day's
// digests; a crashed sender's claim runs out after it.
const mailLease = 30 * time.Minute

// DefaultSendConcurrency is how many digests are sent at once.
const DefaultSendConcurrency = 4

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
	// Metrics counts digests sent, failed and refused (nil: not counted).
	Metrics *metrics.Metrics
	// SendConcurrency bounds the digests sent at once (0: the default).
	SendConcurrency int
}

// Scheduler runs the reminders once a day. Several schedulers (instances)
// may share a database: the store lets exactly one run each day.
type Scheduler struct {
	store       *store.Store
	mailer      Mailer
	baseURL     string
	hour        int
	log         *slog.Logger
	actor       audit.Actor
	metrics     *metrics.Metrics
	concurrency int
	// retry is the wait after a failed or contended run; maxWait caps any
	// wait, so a changed clock or a run another instance gave up is
	// noticed. mailRetry is the wait before digests that failed are tried
	// again the same day.
	retry, maxWait, mailRetry time.Duration
	// mailRetryAt is when digests that failed today are tried again (zero:
	// none failed).
	mailRetryAt time.Time
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
	n := o.SendConcurrency
	if n <= 0 {
		n = DefaultSendConcurrency
	}
	return &Scheduler{store: o.Store, mailer: o.Mailer, baseURL: o.BaseURL, hour: o.Hour, log: log, actor: actor,
		metrics: o.Metrics, concurrency: n, retry: 5 * time.Minute, maxWait: time.Hour, mailRetry: 30 * time.Minute}
}

// EmailAvailable reports whether reminders can go by e-mail.
func (s *Scheduler) EmailAvailable() bool { return s.mailer != nil }

// Result is what one run did.
type Result struct {
	Date model.Date
	// Skipped is store.ErrReminderRunDone or store.ErrReminderRunInProgress
	// when another run had the day; nil when this one ran.
	Skipped   error
	Reminders int
	Digests   int
	// DigestsFailed are tried again later (the same day by the server, or
	// by the next `reminders run`); DigestsRefused were refused for good
	// and are not tried again.
	DigestsFailed  int
	DigestsRefused int
	// MailBusy: another process was sending the day's digests.
	MailBusy bool
}

// RunOnce runs today's reminders: records them (in-app notifications) and
// sends each user's digest. When the day was already run it sends only
// the digests still pending (those an SMTP outage held back) and says so
// in Result.Skipped; when another instance is running it, it does nothing.
func (s *Scheduler) RunOnce(ctx context.Context) (Result, error) {
	today := s.store.Today()
	res := Result{Date: today}
	run, err := s.store.RunReminders(ctx, today, Window(today), s.plan, s.actor)
	switch {
	case errors.Is(err, store.ErrReminderRunInProgress):
		res.Skipped = err
		return res, nil
	case errors.Is(err, store.ErrReminderRunDone):
		res.Skipped = err
	case err != nil:
		return res, err
	default:
		res.Reminders = run.Reminders
	}
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

// PendingDigests are the digests a send now would e-mail: every user's
// pending e-mail reminders of the last digestRetryDays days, matched with
// today's records, scopes and preferences (see Digests), with the totals
// overdue each user can see.
func (s *Scheduler) PendingDigests(ctx context.Context) ([]Digest, error) {
	today := s.store.Today()
	pending, err := s.store.PendingEmails(ctx, today.AddDays(-digestRetryDays))
	if err != nil || len(pending) == 0 {
		return nil, err
	}
	facts, err := s.store.ReminderFacts(ctx, today, Window(today))
	if err != nil {
		return nil, err
	}
	digests := Digests(DueItems(facts), facts.Recipients, pending)
	totals := map[string]store.OverdueTotals{}
	for i := range digests {
		d := &digests[i]
		if d.Role == model.RoleSupplier {
			continue // the register's totals are the buyer's business
		}
		key := fmt.Sprint(d.Scope)
		t, ok := totals[key]
		if !ok {
			if t, err = s.store.For(d.UserID, d.Scope).OverdueTotals(ctx); err != nil {
				return nil, err
			}
			totals[key] = t
		}
		d.Totals = t
	}
	return digests, nil
}

// sendDigests e-mails every user their pending reminders, one message
// each, a few at a time. A message that fails is logged and tried again
// later; one the mail server refuses for good (5xx) marks the address
// refused, and it is not tried again.
func (s *Scheduler) sendDigests(ctx context.Context, today model.Date, res *Result) error {
	ok, err := s.store.TakeMailLease(ctx, today, mailLease)
	if err != nil {
		return err
	}
	if !ok {
		res.MailBusy = true
		return nil
	}
	defer func() {
		if err := s.store.ReleaseMailLease(context.WithoutCancel(ctx), today); err != nil {
			s.log.Warn("reminders: cannot release the mail lease; it runs out by itself", "err", err)
		}
	}()
	digests, err := s.PendingDigests(ctx)
	if err != nil {
		return err
	}
	var (
		mu    sync.Mutex
		wg    sync.WaitGroup
		fatal error
	)
	sem := make(chan struct{}, s.concurrency)
	for _, d := range digests {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			outcome, err := s.sendDigest(ctx, today, d)
			mu.Lock()
			defer mu.Unlock()
			switch outcome {
			case "sent":
				res.Digests++
			case "refused":
				res.DigestsRefused++
			case "failed":
				res.DigestsFailed++
			}
			if err != nil && fatal == nil {
				fatal = err
			}
		}()
	}
	wg.Wait()
	if fatal == nil {
		fatal = ctx.Err()
	}
	if res.DigestsFailed > 0 {
		s.mailRetryAt = s.store.Now().Add(s.mailRetry)
	} else {
		s.mailRetryAt = time.Time{}
	}
	return fatal
}

// sendDigest sends one digest and records the outcome: "sent", "failed"
// or "refused". The error is one that should stop the whole send (the
// database failed).
func (s *Scheduler) sendDigest(ctx context.Context, today model.Date, d Digest) (string, error) {
	msg, err := RenderDigest(d, today, s.baseURL)
	if err == nil {
		err = s.mailer.Send(ctx, msg)
	}
	var refused *RefusedError
	switch {
	case errors.As(err, &refused):
		s.metrics.ReminderEmail("refused")
		s.log.Warn("reminder digest refused for good: no e-mail is sent to this address until it changes", "user_id", d.UserID, "err", err)
		return "refused", s.store.MarkEmailRefused(ctx, d.UserID, d.Email, refused.Answer, s.actor)
	case err != nil:
		s.metrics.ReminderEmail("failed")
		s.log.Warn("reminder digest not sent; it is tried again later", "user_id", d.UserID, "err", err)
		return "failed", nil
	}
	s.metrics.ReminderEmail("sent")
	return "sent", s.store.MarkEmailed(ctx, today, d.ReminderIDs, s.store.Now())
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
		if s.mailer != nil && !s.mailRetryAt.IsZero() {
			if !now.Before(s.mailRetryAt) {
				return s.retryMail(ctx, today, untilNext)
			}
			return min(untilNext, s.mailRetryAt.Sub(now))
		}
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
	s.log.Info("reminders sent", "date", today, "reminders", res.Reminders, "digests", res.Digests,
		"digests_failed", res.DigestsFailed, "digests_refused", res.DigestsRefused)
	if !s.mailRetryAt.IsZero() {
		return min(untilNext, s.mailRetry)
	}
	return untilNext
}

// retryMail sends the digests that failed earlier today.
func (s *Scheduler) retryMail(ctx context.Context, today model.Date, untilNext time.Duration) time.Duration {
	res := Result{Date: today}
	if err := s.sendDigests(ctx, today, &res); err != nil {
		if ctx.Err() == nil {
			s.log.Error("reminders: sending pending digests failed", "date", today, "err", err)
		}
		s.mailRetryAt = s.store.Now().Add(s.mailRetry)
	}
	s.log.Info("pending reminder digests sent", "date", today, "digests", res.Digests,
		"digests_failed", res.DigestsFailed, "digests_refused", res.DigestsRefused)
	if !s.mailRetryAt.IsZero() {
		return min(untilNext, s.mailRetry)
	}
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

// WritePendingDigests prints the digests a send now would e-mail (from
// PendingDigests): those an earlier run could not send.
func WritePendingDigests(w io.Writer, ds []Digest) {
	if len(ds) == 0 {
		return
	}
	fmt.Fprintf(w, "Digests waiting to be sent (an earlier send failed), written from today's records:\n")
	for _, d := range ds {
		fmt.Fprintf(w, "%-32s %d item(s)\n", d.Email, len(d.Items))
	}
	fmt.Fprintf(w, "%d pending digest(s).\n", len(ds))
}
