package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"html"
	"net/mail"

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

// startWebhooks delivers queued webhook events in the background until
// ctx ends or stop is called; stop returns once the dispatcher stopped.
func (a *cli) startWebhooks(ctx context.Context, q *app.App) (stop func(), err error) {
	d, err := q.WebhookDispatcher()
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		d.Run(ctx)
	}()
	return func() {
		cancel()
		<-done
	}, nil
}

const remindersUsage = "usage: qualtrack reminders run [--dry-run] | qualtrack reminders test-email --to ADDRESS"

// reminders runs today's reminders now (or sends those still pending),
// with --dry-run prints them, and test-email checks the mail settings.
func (a *cli) reminders(ctx context.Context, args []string) error {
	if len(args) == 0 || (args[0] != "run" && args[0] != "test-email") {
		return errors.New(remindersUsage)
	}
	fl := flag.NewFlagSet("reminders "+args[0], flag.ContinueOnError)
	fl.SetOutput(a.stderr)
	dryRun := fl.Bool("dry-run", false, "run: print what a run now would record and send; record and send nothing")
	to := fl.String("to", "", "test-email: the address to send a test e-mail to")
	if err := fl.Parse(args[1:]); err != nil {
		return err
	}
	if args[0] == "test-email" {
		return a.testEmail(ctx, *to)
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
		if sched.EmailAvailable() {
			pending, err := sched.PendingDigests(ctx)
			if err != nil {
				return err
			}
			reminders.WritePendingDigests(a.stdout, pending)
		}
		if done {
			fmt.Fprintf(a.stdout, "Today's reminders already ran at %s; a run now records nothing new and sends only pending digests.\n", run.StartedAt.Format("15:04 MST"))
		}
		return nil
	}
	res, err := sched.RunOnce(ctx)
	if err != nil {
		return err
	}
	switch {
	case errors.Is(res.Skipped, store.ErrReminderRunDone):
		fmt.Fprintf(a.stdout, "The reminders of %s already ran at %s; %d pending e-mail digest(s) sent.\n", today, run.StartedAt.Format("15:04 MST"), res.Digests)
	case res.Skipped != nil:
		return fmt.Errorf("another instance is running the reminders of %s right now", today)
	default:
		fmt.Fprintf(a.stdout, "Reminders of %s: %d recorded, %d e-mail digest(s) sent.\n", today, res.Reminders, res.Digests)
	}
	if !sched.EmailAvailable() {
		fmt.Fprintln(a.stdout, "E-mail is not configured (QUALTRACK_SMTP_HOST): the reminders are in the app only.")
	}
	if res.MailBusy {
		fmt.Fprintln(a.stdout, "Another process is sending today's e-mail digests right now; they are left to it.")
	}
	if res.DigestsRefused > 0 {
		fmt.Fprintf(a.stdout, "%d address(es) refused for good by the mail server; see the Users page.\n", res.DigestsRefused)
	}
	if res.DigestsFailed > 0 {
		return fmt.Errorf("%d digest(s) could not be sent (see the log); run `qualtrack reminders run` again to send them, or the server tries again within the hour", res.DigestsFailed)
	}
	return nil
}

// testEmail sends a short message through the configured SMTP server, so
// an operator can check the settings without waiting for a reminder. A
// success clears a refusal recorded for that address.
func (a *cli) testEmail(ctx context.Context, to string) error {
	addr, err := mail.ParseAddress(to)
	if err != nil || to == "" {
		return errors.New("--to must be an e-mail address; " + remindersUsage)
	}
	if !a.cfg.SMTP.Configured() {
		return errors.New("e-mail is not configured: set QUALTRACK_SMTP_HOST and QUALTRACK_SMTP_FROM (see docs/operations.md)")
	}
	m, err := reminders.NewSMTPMailer(a.cfg.SMTP, nil)
	if err != nil {
		return err
	}
	msg := reminders.Message{To: addr.Address, Subject: "qualtrack: test e-mail",
		Text: "This is a test e-mail from qualtrack at " + a.cfg.BaseURL + ".\nReminder digests will reach this address the same way.\n",
		HTML: "<p>This is a test e-mail from qualtrack at " + html.EscapeString(a.cfg.BaseURL) + ".</p><p>Reminder digests will reach this address the same way.</p>"}
	if err := m.Send(ctx, msg); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "Test e-mail sent to %s through %s:%d.\n", addr.Address, a.cfg.SMTP.Host, a.cfg.SMTP.Port)
	if err := a.cfg.EnsureDevSecret(); err != nil {
		return err
	}
	q, err := a.open(ctx, true, app.Options{})
	if err != nil {
		return err
	}
	defer q.Close()
	cleared, err := q.Store.ClearEmailRefused(ctx, addr.Address, audit.Actor{Email: "cli", Role: "system"})
	if err != nil {
		return err
	}
	if cleared {
		fmt.Fprintf(a.stdout, "The earlier refusal of %s is cleared; reminder digests go to it again.\n", addr.Address)
	}
	return nil
}
