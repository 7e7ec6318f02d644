package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/accounts"
	"github.com/qualtrack/qualtrack/backend/internal/app"
	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/config"
	"github.com/qualtrack/qualtrack/backend/internal/database"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/seed"
	"github.com/qualtrack/qualtrack/frontend"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

const usage = `qualtrack: contract-manufacturer site qualification tracker

usage: qualtrack [command]

commands:
  serve                 run the web server (default)
  migrate up|status     apply or list database migrations
  user create           create a user (--email, --name, --role; password from stdin or generated)
  seed --demo           fill an empty database with demo data
  seed --sites N [--inspections N --findings N --certifications N]
                        fill an empty database with bulk data for benchmarks
                        (one seed.bulk audit event, none per record)
  audit verify [--head FILE] [--checkpoints FILE] [--public-key FILE]
                        re-walk the audit chain and check every signed checkpoint
                        (QUALTRACK_CHECKPOINT_LOG) against it; exit 1 at the first
                        broken event or checkpoint
                        (with --head: also prove an exported head is still in the chain)
  audit head [--out F]  export the chain head (sequence and hash) as JSON
  reminders run         work out today's reminders and send them now (once a day;
                        serve does this by itself at QUALTRACK_REMINDER_HOUR)
                        (run again after a mail outage: it sends what is pending)
  reminders run --dry-run
                        print what a run now would record and send; record and send nothing
  reminders test-email --to ADDRESS
                        send a test e-mail through the configured SMTP server
  backup --out DIR      write a consistent SQLite snapshot and the attachment
                        files to DIR (a data directory layout; see docs/operations.md;
                        files in a bucket are downloaded into it)
  attachments migrate [--from DIR|s3://B/P] --to DIR|s3://B/P
                        copy every attachment file (default from the local directory),
                        checking each one's SHA-256; run again to resume
  attachments clean-up [--min-age 1h]
                        remove stored files no record refers to, older than --min-age
  healthcheck           exit 0 when the server on QUALTRACK_ADDR is ready (for containers)
  version               print the version

Every command reads the same QUALTRACK_* environment (see .env.example).
`

// cli is what every subcommand shares: the configuration and where to write.
type cli struct {
	cfg    config.Config
	log    *slog.Logger
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	cmd, rest := "serve", []string{}
	if len(args) > 1 {
		cmd, rest = args[1], args[2:]
	}
	switch cmd {
	case "version", "--version", "-v":
		fmt.Fprintln(stdout, "qualtrack", version)
		return 0
	case "help", "--help", "-h":
		fmt.Fprint(stdout, usage)
		return 0
	}
	cfg, err := config.Load(withDotEnv(getenv, devDotEnv(getenv)))
	if err != nil {
		fmt.Fprintf(stderr, "qualtrack: configuration is not valid:\n%s\n", indent(err.Error()))
		return 2
	}
	a := &cli{cfg: cfg, log: newLogger(stderr, cfg.LogLevel), stdin: stdin, stdout: stdout, stderr: stderr}
	switch cmd {
	case "serve":
		err = a.serve(ctx)
	case "migrate":
		err = a.migrate(ctx, rest)
	case "user":
		err = a.user(ctx, rest)
	case "seed":
		err = a.seed(ctx, rest)
	case "audit":
		return a.audit(ctx, rest)
	case "backup":
		err = a.backup(ctx, rest)
	case "attachments":
		err = a.attachments(ctx, rest)
	case "reminders":
		err = a.reminders(ctx, rest)
	case "healthcheck":
		err = a.healthcheck(ctx)
	default:
		fmt.Fprintf(stderr, "qualtrack: unknown command %q\n\n%s", cmd, usage)
		return 2
	}
	if err != nil {
		fmt.Fprintf(stderr, "qualtrack %s: %v\n", cmd, err)
		return 1
	}
	return 0
}

func newLogger(w io.Writer, level string) *slog.Logger {
	var l slog.Level
	_ = l.UnmarshalText([]byte(level))
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: l}))
}

func indent(s string) string { return "  " + strings.ReplaceAll(s, "\n", "\n  ") }

// open opens the application over the configured database and, unless
// told otherwise, migrates it. Close it when done.
func (a *cli) open(ctx context.Context, migrate bool, o app.Options) (*app.App, error) {
	o.Logger = a.log
	q, err := app.Open(ctx, a.cfg, o)
	if err != nil {
		return nil, err
	}
	if migrate {
		if _, err := q.Migrate(ctx); err != nil {
			_ = q.Close()
			return nil, err
		}
	}
	return q, nil
}

// frontendFS is the built web app embedded in the binary, or nil when the
// binary was built without it.
func frontendFS() fs.FS {
	if sub, err := fs.Sub(frontend.Dist, "dist/app"); err == nil {
		if _, err := fs.Stat(sub, "index.html"); err == nil {
			return sub
		}
	}
	return nil
}

func (a *cli) serve(ctx context.Context) error {
	if err := a.cfg.EnsureDevSecret(); err != nil {
		return err
	}
	q, err := a.open(ctx, false, app.Options{})
	if err != nil {
		return err
	}
	defer q.Close()
	if err := q.PrepareToServe(ctx); err != nil {
		return err
	}
	a.checkAttachmentStore(ctx, q)
	srv, err := q.HTTP(frontendFS())
	if err != nil {
		return err
	}
	handler, err := srv.Handler()
	if err != nil {
		return err
	}
	stopReminders, err := a.startReminders(ctx, q)
	if err != nil {
		return err
	}
	defer stopReminders() // before the database closes
	stopWebhooks, err := a.startWebhooks(ctx, q)
	if err != nil {
		return err
	}
	defer stopWebhooks()
	stopCheckpoints, err := a.startCheckpoints(ctx, q.DB, q.CheckpointKey)
	if err != nil {
		return err
	}
	defer stopCheckpoints()
	metricsMux := http.NewServeMux()
	metricsMux.Handle("/metrics", q.Metrics.Handler())
	stopSide, err := a.startSideListeners([]sideListener{
		{name: "metrics", env: "QUALTRACK_METRICS_ADDR", addr: a.cfg.MetricsAddr, mux: metricsMux},
		{name: "pprof", env: "QUALTRACK_PPROF_ADDR", addr: a.cfg.PprofAddr, mux: pprofMux()},
	})
	if err != nil {
		return err
	}
	defer stopSide()
	ln, err := net.Listen("tcp", a.cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s (QUALTRACK_ADDR): %w", a.cfg.Addr, err)
	}
	hs := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: a.cfg.HTTP.ReadHeader,
		ReadTimeout:       a.cfg.HTTP.Read,
		WriteTimeout:      a.cfg.HTTP.Write,
		IdleTimeout:       a.cfg.HTTP.Idle,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(a.log.Handler(), slog.LevelWarn),
	}
	a.printWelcome(ctx, q, ln.Addr().String())
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	a.log.Info("shutting down: finishing requests in flight")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), a.cfg.HTTP.Shutdown)
	defer cancel()
	if err := hs.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func (a *cli) printWelcome(ctx context.Context, q *app.App, addr string) {
	host, port, _ := net.SplitHostPort(addr)
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "localhost"
	}
	fmt.Fprintf(a.stdout, "\nqualtrack is running at http://%s\n", net.JoinHostPort(host, port))
	users, err := q.Store.CountUsers(ctx)
	switch {
	case err != nil:
	case users == 0:
		fmt.Fprintln(a.stdout, "\nNo one can sign in yet: the database has no users. Create the first admin with")
		fmt.Fprintln(a.stdout, "  qualtrack user create --role admin --email you@example.com --name \"Your Name\"")
		fmt.Fprintln(a.stdout, "(it prints a generated password), or set QUALTRACK_ADMIN_EMAIL and QUALTRACK_ADMIN_PASSWORD and restart.")
	case q.DemoSeeded:
		fmt.Fprintf(a.stdout, "\nDemo data seeded. Demo sign-ins (password %q for each):\n", seed.DemoPassword)
		for _, u := range seed.DemoUsers {
			fmt.Fprintf(a.stdout, "  %-12s %s\n", u.Role, u.Email)
		}
		fmt.Fprintf(a.stdout, "  %-12s %s (the supplier portal)\n", model.RoleSupplier, seed.DemoSupplierEmail)
	case a.cfg.Demo:
		fmt.Fprintln(a.stdout, "QUALTRACK_DEMO is set, but the database was not empty, so no demo data was added; sign in with its own accounts.")
	case a.cfg.AdminEmail != "":
		fmt.Fprintf(a.stdout, "Sign in as %s with QUALTRACK_ADMIN_PASSWORD.\n", a.cfg.AdminEmail)
	}
	fmt.Fprintln(a.stdout)
}

func (a *cli) migrate(ctx context.Context, args []string) error {
	if len(args) != 1 || (args[0] != "up" && args[0] != "status") {
		return errors.New("usage: qualtrack migrate up|status")
	}
	q, err := a.open(ctx, false, app.Options{})
	if err != nil {
		return err
	}
	defer q.Close()
	if args[0] == "up" {
		n, err := q.Migrate(ctx)
		if err != nil {
			return err
		}
		if err := q.RefreshSchedules(ctx); err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "%d migration(s) applied\n", n)
		return nil
	}
	st, err := database.MigrationStatus(ctx, q.DB)
	if err != nil {
		return err
	}
	for _, m := range st {
		applied := "pending"
		if m.State == "applied" {
			applied = "applied " + m.AppliedAt.UTC().Format(time.RFC3339)
		}
		fmt.Fprintf(a.stdout, "%05d  %-40s %s\n", m.Source.Version, m.Source.Path, applied)
	}
	return nil
}

func (a *cli) user(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] != "create" {
		return errors.New("usage: qualtrack user create --email E --name N --role R [--password-stdin]")
	}
	fl := flag.NewFlagSet("user create", flag.ContinueOnError)
	fl.SetOutput(a.stderr)
	email := fl.String("email", "", "e-mail address (required)")
	name := fl.String("name", "", "full name (required)")
	role := fl.String("role", "", "admin, manager, procurement or auditor (required)")
	fromStdin := fl.Bool("password-stdin", false, "read the password from the first line of standard input")
	if err := fl.Parse(args[1:]); err != nil {
		return err
	}
	if *email == "" || *name == "" || !model.Role(*role).Valid() {
		return errors.New("--email, --name and --role (admin, manager, procurement or auditor) are required")
	}
	password := ""
	if *fromStdin {
		line, err := bufio.NewReader(a.stdin).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("read password: %w", err)
		}
		password = strings.TrimRight(line, "\r\n")
	} else {
	}
	if err := a.cfg.EnsureDevSecret(); err != nil {
		return err
	}
	q, err := a.open(ctx, true, app.Options{})
	if err != nil {
		return err
	}
	defer q.Close()
	u, generated, err := q.Accounts.Create(ctx, accounts.NewUser{Email: *email, Name: *name, Role: model.Role(*role), Password: password, Active: true},
		audit.Actor{Email: "cli", Role: "system"})
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "created %s %s (id %d)\n", u.Role, u.Email, u.ID)
	if generated != "" {
		fmt.Fprintf(a.stdout, "password (shown once): %s\n", generated)
	}
	return nil
}

func (a *cli) seed(ctx context.Context, args []string) error {
	fl := flag.NewFlagSet("seed", flag.ContinueOnError)
	fl.SetOutput(a.stderr)
	demo := fl.Bool("demo", false, "demo users and records (empty database only)")
	var bulk seed.BulkOptions
	fl.IntVar(&bulk.Sites, "sites", 0, "bulk data for benchmarks: this many sites (empty database only)")
	fl.IntVar(&bulk.Inspections, "inspections", 0, "with --sites: inspections in all")
	fl.IntVar(&bulk.Findings, "findings", 0, "with --sites: findings in all")
	fl.IntVar(&bulk.Certifications, "certifications", 0, "with --sites: certifications in all")
	fl.Uint64Var(&bulk.Seed, "seed", 0, "with --sites: random seed (the same seed gives the same data)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if *demo == (bulk.Sites > 0) {
		return errors.New("usage: qualtrack seed --demo | qualtrack seed --sites N [--inspections N --findings N --certifications N]")
	}
	if a.cfg.Production() {
		return errors.New("demo and bulk data are never seeded in production")
	}
	if err := a.cfg.EnsureDevSecret(); err != nil {
		return err
	}
	// A big page cache keeps a bulk load's index pages in memory.
	q, err := a.open(ctx, true, app.Options{SQLiteCacheMB: 256})
	if err != nil {
		return err
	}
	defer q.Close()
	if !*demo {
		return a.seedBulk(ctx, q, bulk)
	}
	done, err := q.SeedDemo(ctx)
	if err != nil {
		return err
	}
	if !done {
		return errors.New("the database is not empty; demo data goes only into an empty database")
	}
	fmt.Fprintln(a.stdout, "demo data seeded")
	return nil
}

// seedBulk writes benchmark data, after the first admin (from
// QUALTRACK_ADMIN_EMAIL) so the load tool has someone to sign in as.
func (a *cli) seedBulk(ctx context.Context, q *app.App, o seed.BulkOptions) error {
	if _, err := q.CreateFirstAdmin(ctx); err != nil {
		return err
	}
	start := time.Now()
	n, err := seed.Bulk(ctx, q.Store, q.Hasher, o)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "bulk data seeded in %.1fs: %d manufacturers, %d sites, %d inspections, %d findings, %d certifications, %d decisions, %d users\n",
		time.Since(start).Seconds(), n.Manufacturers, n.Sites, n.Inspections, n.Findings, n.Certifications, n.Decisions, n.Users)
	return nil
}

func (a *cli) audit(ctx context.Context, args []string) int {
	if len(args) == 0 || (args[0] != "verify" && args[0] != "head") {
		fmt.Fprintln(a.stderr, "usage: qualtrack audit verify [--head FILE] | qualtrack audit head [--out FILE]")
		return 2
	}
	fl := flag.NewFlagSet("audit "+args[0], flag.ContinueOnError)
	fl.SetOutput(a.stderr)
	headFile := fl.String("head", "", "verify: an exported head (JSON) the chain must still contain")
	cpFile := fl.String("checkpoints", "", "verify: a copy of the checkpoint log to check (default QUALTRACK_CHECKPOINT_LOG)")
	pubFile := fl.String("public-key", "", "verify: the checkpoint public key (PEM) to trust (default the key file's public half)")
	out := fl.String("out", "", "head: write the head to FILE instead of standard output")
	if err := fl.Parse(args[1:]); err != nil {
		return 2
	}
	fail := func(err error) int {
		fmt.Fprintf(a.stderr, "qualtrack audit: %v\n", err)
		return 1
	}
	q, err := a.open(ctx, false, app.Options{Existing: true})
	if err != nil {
		return fail(err)
	}
	defer q.Close()
	db := q.DB
	if args[0] == "head" {
		head, err := audit.CurrentHead(ctx, db, time.Now())
		if err != nil {
			return fail(err)
		}
		if err := q.LoadCheckpointKey(); err != nil {
			return fail(err)
		}
		head = q.CheckpointKey.Sign(head)
		b, _ := json.MarshalIndent(head, "", "  ")
		b = append(b, '\n')
		if *out == "" {
			_, _ = a.stdout.Write(b)
			return 0
		}
		if err := os.WriteFile(*out, b, 0o644); err != nil {
			return fail(err)
		}
		fmt.Fprintf(a.stdout, "audit head (event %d) written to %s\n", head.Sequence, *out)
		return 0
	}
	var res audit.VerifyResult
	if *headFile != "" {
		raw, err := os.ReadFile(*headFile)
		if err != nil {
			return fail(err)
		}
		var head audit.Head
		if err := json.Unmarshal(raw, &head); err != nil || head.Hash == "" {
			return fail(fmt.Errorf("%s is not an exported audit head", *headFile))
		}
		if head.Signature != "" {
			key, found, err := a.checkpointPublicKey(*pubFile)
			if err != nil {
				return fail(err)
			}
			if found && key.Check(head) != nil {
				fmt.Fprintf(a.stdout, "exported head NOT signed by checkpoint key %s: it was changed or comes from elsewhere\n", key.ID)
				return 1
			}
		}
		res, err = audit.VerifyAgainst(ctx, db, head)
		if err != nil {
			return fail(err)
		}
	} else if res, err = audit.Verify(ctx, db); err != nil {
		return fail(err)
	}
	if !res.Valid {
		fmt.Fprintf(a.stdout, "audit chain BROKEN at event %d: %s (%d events verified before it)\n", *res.FirstInvalidSequence, res.Reason, res.Events)
		return 1
	}
	fmt.Fprintf(a.stdout, "audit chain valid: %d events, head %s\n", res.Events, res.HeadHash)
	line, ok, err := a.verifyCheckpoints(ctx, db, *cpFile, *pubFile)
	if err != nil {
		return fail(err)
	}
	fmt.Fprintln(a.stdout, line)
	if !ok {
		return 1
	}
	return 0
}

func (a *cli) backup(ctx context.Context, args []string) error {
	fl := flag.NewFlagSet("backup", flag.ContinueOnError)
	fl.SetOutput(a.stderr)
	out := fl.String("out", "", "directory to write the backup to (must not exist)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if *out == "" {
		return errors.New("usage: qualtrack backup --out DIR")
	}
	q, err := a.open(ctx, false, app.Options{Existing: true})
	if err != nil {
		return err
	}
	defer q.Close()
	res, err := database.Backup(ctx, q.DB, q.Files, *out)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "backup written to %s: %s and %d attachment file(s), %d bytes (%d hard-linked)\n",
		res.Dir, database.BackupDatabase, res.Files, res.Bytes, res.Linked)
	return nil
}

// readDotEnv reads KEY=VALUE lines from path (a development convenience);
// a missing file is no error.
func readDotEnv(path string) map[string]string {
	vars := map[string]string{}
	f, err := os.Open(path)
	if err != nil {
		return vars
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		vars[strings.TrimSpace(k)] = strings.Trim(strings.TrimSpace(v), `"'`)
	}
	return vars
}

// devDotEnv is the .env file of the working directory in development;
// in production (QUALTRACK_ENV=production in the environment) it is not
// read, and a .env asking for production is ignored too: production
// settings come from the environment only, as documented.
func devDotEnv(getenv func(string) string) map[string]string {
	if strings.TrimSpace(getenv("QUALTRACK_ENV")) == config.EnvProduction {
		return nil
	}
	vars := readDotEnv(".env")
	if strings.TrimSpace(vars["QUALTRACK_ENV"]) == config.EnvProduction {
		return nil
	}
	return vars
}

// withDotEnv prefers the real environment over the .env file.
func withDotEnv(getenv func(string) string, vars map[string]string) func(string) string {
	return func(k string) string {
		if v := getenv(k); v != "" {
			return v
		}
		return vars[k]
	}
}

// healthcheck asks the running server's /readyz, for container health
// checks in images that have no shell or curl.
func (a *cli) healthcheck(ctx context.Context) error {
	host, port, err := net.SplitHostPort(a.cfg.Addr)
	if err != nil {
		return err
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "127.0.0.1"
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+net.JoinHostPort(host, port)+"/readyz", nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("not ready: %s", resp.Status)
	}
	return nil
}
