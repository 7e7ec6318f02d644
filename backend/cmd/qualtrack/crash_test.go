package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/database"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// crashLoad creates manufacturers and inspections from several clients
// until the server dies, and keeps every create acknowledged with 201.
type crashLoad struct {
	mu          sync.Mutex
	makers      map[int64]string
	inspections map[int64]bool
	failures    []string
	wg          sync.WaitGroup
	stop        chan struct{}
}

func startCrashLoad(c *apiClient, siteID int64, writers int) *crashLoad {
	l := &crashLoad{makers: map[int64]string{}, inspections: map[int64]bool{}, stop: make(chan struct{})}
	for w := 0; w < writers; w++ {
		l.wg.Add(1)
		go func(w int) {
			defer l.wg.Done()
			for n := 0; ; n++ {
				select {
				case <-l.stop:
					return
				default:
				}
				var status int
				var body []byte
				var err error
				var r record
				if n%2 == 0 {
					name := fmt.Sprintf("Crash maker %d-%d", w, n)
					status, body, err = c.json("POST", "/api/v1/manufacturers", map[string]any{"name": name, "country": "DE"})
					if err == nil && status == 201 && jsonInto(body, &r) == nil {
						l.mu.Lock()
						l.makers[r.ID] = name
						l.mu.Unlock()
						continue
					}
				} else {
					status, body, err = c.json("POST", "/api/v1/inspections", map[string]any{"site_id": siteID, "type": "routine",
						// Planned: a completion is signed with the password, and the
						// writers' parallel password checks would meet the sign-in limits.
						"status": "planned", "scheduled_date": time.Now().UTC().AddDate(0, 0, 30+n%30).Format("2006-01-02")})
					if err == nil && status == 201 && jsonInto(body, &r) == nil {
						l.mu.Lock()
						l.inspections[r.ID] = true
						l.mu.Unlock()
						continue
					}
				}
				if err != nil {
					// The server died under this request: it was never
					// acknowledged. Stop this writer.
					return
				}
				l.mu.Lock()
				l.failures = append(l.failures, fmt.Sprintf("%d %s", status, body))
				l.mu.Unlock()
			}
		}(w)
	}
	return l
}

func (l *crashLoad) acknowledged() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.makers) + len(l.inspections)
}

// SIGKILL in the middle of a write load loses no acknowledged write and
// leaves nothing half-written: after a restart the database is intact,
// every 201 is there, every record has its create event and every create
// event its record, and the audit chain verifies.
func TestKillDuringWritesLosesNothing(t *testing.T) {
	t.Parallel()
	env := testEnv(t)
	env["QUALTRACK_ADMIN_EMAIL"] = "admin@example.com"
	env["QUALTRACK_ADMIN_PASSWORD"] = "crash test admin password"
	env["QUALTRACK_LOG_LEVEL"] = "warn"
	p := startProcess(t, env)
	c := newAPIClient(p.addr)
	c.login(t, "admin@example.com", "crash test admin password")
	var maker, site record
	c.mustJSON(t, "POST", "/api/v1/manufacturers", map[string]any{"name": "Acme", "country": "CN"}, 201, &maker)
	c.mustJSON(t, "POST", "/api/v1/sites", map[string]any{"manufacturer_id": maker.ID, "code": "ACME-1", "name": "Acme 1",
		"country": "CN", "risk_tier": "high"}, 201, &site)

	load := startCrashLoad(c, site.ID, 8)
	deadline := time.Now().Add(30 * time.Second)
	for load.acknowledged() < 150 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	p.signal(syscall.SIGKILL)
	p.wait(10 * time.Second)
	close(load.stop)
	load.wg.Wait()
	for _, f := range load.failures {
		t.Errorf("write refused before the crash: %s", f)
	}
	if load.acknowledged() < 20 {
		t.Fatalf("only %d writes acknowledged before the kill", load.acknowledged())
	}
	t.Logf("killed after %d acknowledged creates", load.acknowledged())

	// Restart on the same database.
	p = startProcess(t, env)
	c = newAPIClient(p.addr)
	c.login(t, "admin@example.com", "crash test admin password")
	for id, name := range load.makers {
		var m struct {
			Name string `json:"name"`
		}
		c.mustJSON(t, "GET", fmt.Sprintf("/api/v1/manufacturers/%d", id), nil, 200, &m)
		if m.Name != name {
			t.Errorf("manufacturer %d: %q, acknowledged as %q", id, m.Name, name)
		}
	}
	for id := range load.inspections {
		c.mustJSON(t, "GET", fmt.Sprintf("/api/v1/inspections/%d", id), nil, 200, nil)
	}
	p.signal(syscall.SIGTERM)
	if code := p.wait(30 * time.Second); code != 0 {
		t.Fatalf("restarted server exited %d: %s", code, p.out.String())
	}

	db := openDatabaseOf(t, env)
	if database.DialectOf(db) != database.Postgres {
		var check string
		testutil.Fatal(t, db.Raw("PRAGMA integrity_check").Scan(&check).Error, "integrity_check")
		if check != "ok" {
			t.Fatalf("integrity_check after the kill: %s", check)
		}
	}
	for _, kind := range []struct{ table, entity string }{{"manufacturers", "manufacturer"}, {"inspections", "inspection"}} {
		var orphans, ghosts int64
		testutil.Fatal(t, db.Raw(`SELECT COUNT(*) FROM `+kind.table+` r WHERE NOT EXISTS (SELECT 1 FROM audit_events e
			WHERE e.entity_type = ? AND e.entity_id = r.id AND e.action = ?)`, kind.entity, kind.entity+".create").Scan(&orphans).Error, "orphans")
		testutil.Fatal(t, db.Raw(`SELECT COUNT(*) FROM audit_events e WHERE e.action = ? AND NOT EXISTS (SELECT 1 FROM `+kind.table+` r
			WHERE r.id = e.entity_id)`, kind.entity+".create").Scan(&ghosts).Error, "ghosts")
		if orphans != 0 || ghosts != 0 {
			t.Errorf("%s: %d rows without a create event, %d create events without a row", kind.table, orphans, ghosts)
		}
	}
	database.Close(db)
	code, out, errOut := runBinary(t, env, "audit", "verify")
	if code != 0 || !strings.Contains(out, "audit chain valid") {
		t.Fatalf("audit verify after the kill: %d %s %s", code, out, errOut)
	}
}

// openDatabaseOf opens the database a test environment points at.
func openDatabaseOf(t *testing.T, env map[string]string) *gorm.DB {
	t.Helper()
	o := database.Options{Dialect: "postgres", DSN: env["QUALTRACK_DATABASE_URL"]}
	if o.DSN == "" {
		o = database.Options{Dialect: "sqlite", DSN: env["QUALTRACK_DATA_DIR"] + "/qualtrack.db"}
	}
	db, err := database.Open(context.Background(), o)
	testutil.Fatal(t, err, "open database")
	return db
}

// runBinary runs a qualtrack subcommand as its own process.
func runBinary(t *testing.T, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	cmd := exec.Command(binary(t), args...)
	cmd.Dir = t.TempDir()
	cmd.Env = []string{"PATH=" + os.Getenv("PATH")}
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	var out, errOut lockedBuffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	code := 0
	if err != nil {
		code = exitCode(err)
	}
	return code, out.String(), errOut.String()
}
