package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/database"
	"github.com/qualtrack/qualtrack/backend/internal/reminders"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// reminderScheduler is the scheduler serve and `reminders run` share.
func (a *app) reminderScheduler(st *store.Store, actor audit.Actor) (*reminders.Scheduler, error) {
	mailer, err := reminders.MailerFor(a.cfg.SMTP, nil)
	if err != nil {
		return nil, err
	}
	return reminders.NewScheduler(reminders.Options{Store: st, Mailer: mailer, BaseURL: a.cfg.BaseURL,
		Hour: a.cfg.ReminderHour, Logger: a.log, Actor: actor}), nil
}

// startReminders runs the daily reminders in the background until ctx
// ends (SIGTERM) or stop is called; stop returns once the scheduler has
// stopped.
func (a *app) startReminders(ctx context.Context, st *store.Store) (stop func(), err error) {
	sched, err := a.reminderScheduler(st, audit.Actor{})
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
func (a *app) reminders(ctx context.Context, args []string) error {
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
	db, err := a.open(ctx, true)
	if err != nil {
		return err
	}
	defer database.Close(db)
	srv, err := a.newServer(db)
	if err != nil {
		return err
	}
	st := srv.Store()
	sched, err := a.reminderScheduler(st, audit.Actor{Email: "cli", Role: "system"})
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
