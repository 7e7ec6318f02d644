package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/reminders"
)

// checkpointTick is how often serve looks whether a checkpoint is due.
const checkpointTick = time.Minute

// startCheckpoints signs and publishes the audit chain's head in the
// background while serve runs.
func (a *cli) startCheckpoints(ctx context.Context, db *gorm.DB, key *audit.Key) (stop func(), err error) {
	c := &audit.Checkpointer{
		DB: db, Key: key, Log: a.cfg.CheckpointLog(), Every: a.cfg.Checkpoints.Every, Interval: a.cfg.Checkpoints.Interval,
		Webhook: a.cfg.Checkpoints.WebhookURL, Now: time.Now, Logger: a.log,
	}
	if len(a.cfg.Checkpoints.Emails) > 0 {
		mailer, err := reminders.MailerFor(a.cfg.SMTP, nil)
		if err != nil {
			return nil, err
		}
		c.Mail = reminders.CheckpointMail(mailer, a.cfg.Checkpoints.Emails, a.cfg.BaseURL)
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		c.Run(ctx, checkpointTick)
	}()
	return func() {
		cancel()
		<-done
	}, nil
}

// checkpointPublicKey is the key that checks checkpoints: the one in
// pemFile when given (an auditor's copy), else the public half of the
// server's key file. Verification never creates a key.
func (a *cli) checkpointPublicKey(pemFile string) (audit.PublicKey, bool, error) {
	path := pemFile
	if path == "" {
		path = a.cfg.CheckpointKeyFile()
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) && pemFile == "" {
		return audit.PublicKey{}, false, nil
	}
	if err != nil {
		return audit.PublicKey{}, false, err
	}
	k, err := audit.ParsePublicKeyPEM(b)
	if err != nil {
		return audit.PublicKey{}, false, fmt.Errorf("%s: %w", path, err)
	}
	return k, true, nil
}

// verifyCheckpoints checks every signed checkpoint in the log (or file)
// against the chain; it returns a line to print and whether all held.
func (a *cli) verifyCheckpoints(ctx context.Context, db *gorm.DB, logFile, keyFile string) (string, bool, error) {
	if logFile == "" {
		logFile = a.cfg.CheckpointLog()
	}
	cps, err := audit.ReadCheckpoints(logFile)
	if err != nil {
		return "", false, err
	}
	key, found, err := a.checkpointPublicKey(keyFile)
	if err != nil {
		return "", false, err
	}
	if !found {
		if len(cps) > 0 {
			return fmt.Sprintf("signed checkpoints NOT checked: %d in %s but no checkpoint key (give --public-key)", len(cps), logFile), false, nil
		}
		return "no signed checkpoints yet (no checkpoint key)", true, nil
	}
	res, err := audit.VerifyCheckpoints(ctx, db, key, cps)
	if err != nil {
		return "", false, err
	}
	if res.FailedSequence != nil {
		return fmt.Sprintf("signed checkpoint FAILED: %s (%d checkpoints held before it)", res.Reason, res.Checked), false, nil
	}
	return fmt.Sprintf("signed checkpoints valid: %d in %s, key %s", res.Checked, logFile, key.ID), true, nil
}
