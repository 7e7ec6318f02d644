package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/app"
	"github.com/qualtrack/qualtrack/backend/internal/filestore"
)

const attachmentsUsage = `usage:
  qualtrack attachments migrate [--from DIR|s3://bucket/prefix] --to DIR|s3://bucket/prefix
  qualtrack attachments clean-up [--min-age 1h]`

// attachments runs the attachment store commands.
func (a *cli) attachments(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return errors.New(attachmentsUsage)
	}
	switch args[0] {
	case "migrate":
		return a.attachmentsMigrate(ctx, args[1:])
	case "clean-up":
		return a.attachmentsCleanUp(ctx, args[1:])
	}
	return errors.New(attachmentsUsage)
}

// attachmentsMigrate copies every stored file from one store to another,
// each checked against its SHA-256 on both sides. It is safe to run again
// (and to interrupt): what is already at the destination with the right
// bytes is left as it is. It needs no database; s3:// URLs are reached
// with the configured QUALTRACK_S3_* (or AWS_*) settings.
func (a *cli) attachmentsMigrate(ctx context.Context, args []string) error {
	fl := flag.NewFlagSet("attachments migrate", flag.ContinueOnError)
	fl.SetOutput(a.stderr)
	from := fl.String("from", a.cfg.AttachmentsDir(), "where the files are: a directory or s3://bucket/prefix (default: the local attachments directory)")
	to := fl.String("to", "", "where to copy them: a directory or s3://bucket/prefix")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if *to == "" || fl.NArg() > 0 {
		return errors.New(attachmentsUsage)
	}
	if *to == *from {
		return errors.New("--from and --to are the same store")
	}
	src, err := app.FileStoreAt(a.cfg, *from)
	if err != nil {
		return err
	}
	dst, err := app.FileStoreAt(a.cfg, *to)
	if err != nil {
		return err
	}
	res, err := filestore.CopyAll(ctx, src, dst, func(key, outcome string) {
		if outcome == "failed" {
			return // listed below
		}
		a.log.Debug("attachment file", "key", key, "outcome", outcome)
	})
	fmt.Fprintf(a.stdout, "%d file(s) copied (%d bytes), %d already there with the right bytes, %d failed\n",
		res.Copied, res.Bytes, res.Present, len(res.Failed))
	if err != nil {
		return fmt.Errorf("stopped (run it again to resume): %w", err)
	}
	if len(res.Failed) > 0 {
		keys := make([]string, 0, len(res.Failed))
		for k := range res.Failed {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			fmt.Fprintf(a.stderr, "  %s: %s\n", k, res.Failed[k])
		}
		return fmt.Errorf("%d file(s) could not be copied (listed above)", len(res.Failed))
	}
	return nil
}

// attachmentsCleanUp removes the stored files no record refers to and
// that are older than --min-age.
func (a *cli) attachmentsCleanUp(ctx context.Context, args []string) error {
	fl := flag.NewFlagSet("attachments clean-up", flag.ContinueOnError)
	fl.SetOutput(a.stderr)
	minAge := fl.Duration("min-age", a.cfg.Attachments.OrphanMinAge, "spare files written more recently than this (uploads in progress)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if *minAge < time.Minute || fl.NArg() > 0 {
		return errors.New(attachmentsUsage + "\n--min-age is at least 1m")
	}
	q, err := a.open(ctx, false, app.Options{Existing: true})
	if err != nil {
		return err
	}
	defer q.Close()
	removed, err := q.Store.RemoveOrphanFiles(ctx, time.Now().Add(-*minAge))
	for _, k := range removed {
		a.log.Info("unreferenced attachment file removed", "key", k)
	}
	fmt.Fprintf(a.stdout, "%d unreferenced file(s) removed\n", len(removed))
	return err
}

// checkAttachmentStore says where attachments are kept and, for a bucket,
// whether it answers. A bucket that does not is logged, not fatal: the
// records stay usable, and uploads and downloads answer 503 until it is
// back.
func (a *cli) checkAttachmentStore(ctx context.Context, q *app.App) {
	if !a.cfg.ObjectStorage() {
		a.log.Info("attachments in the data directory", "dir", a.cfg.AttachmentsDir())
		return
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	probe := filestore.Key(strings.Repeat("0", 64)) // no content hashes to this
	if _, err := q.Files.Stat(ctx, probe); err != nil && !errors.Is(err, fs.ErrNotExist) {
		a.log.Warn("the attachments bucket does not answer: uploads and downloads will fail until it does",
			"url", a.cfg.Attachments.URL, "err", err)
		return
	}
	a.log.Info("attachments in a bucket", "url", a.cfg.Attachments.URL)
}
