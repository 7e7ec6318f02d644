package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/qualtrack/qualtrack/backend/internal/app"
	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/reminders"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// startReminders runs the daily reminders in the background until ctx
// ends (SIGTERM) or stop is called; stop returns once the scheduler has
// stopped.
func (a *cli) startReminders(ctx context.Context, q *app.App) (stop func(), err error) {
	sched, err := q.ReminderScheduler(audit.Actor{})
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		sched.Run(ctx)
	}()
	return func() {
		cancel()
		<-done
	}, nil
}

// reminders runs today's reminders now, or with --dry-run prints them.
func (a *cli) reminders(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] != "run" {
		return errors.New("usage: qualtrack reminders run [--dry-run]")
	}
	fl := flag.NewFlagSet("reminders run", flag.ContinueOnError)
	fl.SetOutput(a.stderr)
	dryRun := fl.Bool("dry-run", false, "print what today's run would send; record and send nothing")
	if err := fl.Parse(args[1:]); err != nil {
		return err
	}
	if err := a.cfg.EnsureDevSecret(); err != nil {
		return err
	}
	q, err := a.open(ctx, true, app.Options{})
	if err != nil {
		return err
	}
	defer q.Close()
	if err := q.RefreshSchedules(ctx); err != nil {
		return err
	}
	st := q.Store
	sched, err := q.ReminderScheduler(audit.Actor{Email: "cli", Role: "system"})
	if err != nil {
		return err
	}
	today := st.Today()
	run, done, err := st.ReminderRunOn(ctx, today)
	if err != nil {
		return err
	}
	if *dryRun {
		rs, err := sched.Preview(ctx)
		if err != nil {
			return err
		}
		reminders.WritePreview(a.stdout, today, rs, sched.EmailAvailable())
		if done {
			fmt.Fprintf(a.stdout, "Today's reminders already ran at %s; a run now would do nothing.\n", run.StartedAt.Format("15:04 MST"))
		}
		return nil
	}
	res, err := sched.RunOnce(ctx)
	if err != nil {
		return err
	}
	switch {
	case errors.Is(res.Skipped, store.ErrReminderRunDone):
		fmt.Fprintf(a.stdout, "The reminders of %s already ran at %s; nothing to do.\n", today, run.StartedAt.Format("15:04 MST"))
		return nil
	case res.Skipped != nil:
		return fmt.Errorf("another instance is running the reminders of %s right now", today)
	}
	fmt.Fprintf(a.stdout, "Reminders of %s: %d recorded, %d e-mail digest(s) sent.\n", today, res.Reminders, res.Digests)
	if !sched.EmailAvailable() {
		fmt.Fprintln(a.stdout, "E-mail is not configured (QUALTRACK_SMTP_HOST): the reminders are in the app only.")
	}
	if res.DigestsFailed > 0 {
		return fmt.Errorf("%d digest(s) could not be sent (see the log); they go out with tomorrow's run", res.DigestsFailed)
	}
	return nil
}
