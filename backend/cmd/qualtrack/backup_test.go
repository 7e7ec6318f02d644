package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/database"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// writeLoad creates manufacturers and uploads attachments from several
// clients until stopped, and remembers every write that was acknowledged.
type writeLoad struct {
	mu          sync.Mutex
	makers      []string         // names acknowledged with 201
	attachments map[int64][]byte // attachment id -> bytes, acknowledged with 201
	failures    []string
	stop        chan struct{}
	wg          sync.WaitGroup
}

func startWriteLoad(c *apiClient, siteID int64, writers int) *writeLoad {
	l := &writeLoad{attachments: map[int64][]byte{}, stop: make(chan struct{})}
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
				if n%3 == 2 {
					content := textFile(fmt.Sprintf("writer %d file %d", w, n), 2000+n*37)
					status, body, err := c.upload(fmt.Sprintf("/sites/%d", siteID), fmt.Sprintf("w%d-%d.txt", w, n), content)
					var r record
					if err == nil && status == 201 && jsonInto(body, &r) == nil {
						l.mu.Lock()
						l.attachments[r.ID] = content
						l.mu.Unlock()
					} else {
						l.fail("upload: %d %s %v", status, body, err)
					}
					continue
				}
				name := fmt.Sprintf("Load maker %d-%d", w, n)
				status, body, err := c.json("POST", "/api/v1/manufacturers", map[string]any{"name": name, "country": "DE"})
				if err == nil && status == 201 {
					l.mu.Lock()
					l.makers = append(l.makers, name)
					l.mu.Unlock()
				} else {
					l.fail("create: %d %s %v", status, body, err)
				}
			}
		}(w)
	}
	return l
}

func (l *writeLoad) fail(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.failures = append(l.failures, fmt.Sprintf(format, args...))
}

// acknowledged copies what was acknowledged so far.
func (l *writeLoad) acknowledged() ([]string, map[int64][]byte) {
	l.mu.Lock()
	defer l.mu.Unlock()
	files := make(map[int64][]byte, len(l.attachments))
	for id, b := range l.attachments {
		files[id] = b
	}
	return append([]string(nil), l.makers...), files
}

func (l *writeLoad) halt(t *testing.T) {
	close(l.stop)
	l.wg.Wait()
	for _, f := range l.failures {
		t.Error(f)
	}
}

// A backup taken while clients keep creating records and uploading files
// restores, as docs/operations.md says, to a working installation that
// has every write acknowledged before the backup began, every attachment
// byte for byte, an intact database and a valid audit chain.
func TestBackupDuringWritesRestores(t *testing.T) {
	t.Parallel()
	if os.Getenv(testutil.PostgresURLEnv) != "" {
		t.Skip("qualtrack backup is for SQLite; PostgreSQL is backed up with pg_dump")
	}
	env := testEnv(t)
	env["QUALTRACK_ADMIN_EMAIL"] = "admin@example.com"
	env["QUALTRACK_ADMIN_PASSWORD"] = "backup test admin password"
	addr, stop := startServe(t, env)
	c := newAPIClient(addr)
	c.login(t, "admin@example.com", "backup test admin password")
	var maker, site record
	c.mustJSON(t, "POST", "/api/v1/manufacturers", map[string]any{"name": "Acme", "country": "CN"}, 201, &maker)
	c.mustJSON(t, "POST", "/api/v1/sites", map[string]any{"manufacturer_id": maker.ID, "code": "ACME-1", "name": "Acme 1",
		"country": "CN", "risk_tier": "high"}, 201, &site)

	load := startWriteLoad(c, site.ID, 4)
	for deadline := time.Now().Add(20 * time.Second); ; {
		makers, files := load.acknowledged()
		if len(makers) >= 20 && len(files) >= 6 {
			break
		}
		if time.Now().After(deadline) {
			load.halt(t)
			t.Fatalf("the load acknowledged only %d creates and %d uploads", len(makers), len(files))
		}
		time.Sleep(20 * time.Millisecond)
	}
	makers, files := load.acknowledged()
	backup := filepath.Join(t.TempDir(), "qualtrack-backup")
	code, out, errOut := qualtrack(t, env, "", "backup", "--out", backup)
	afterMakers, _ := load.acknowledged()
	load.halt(t)
	if code != 0 {
		t.Fatalf("backup: %d %s %s", code, out, errOut)
	}
	if len(afterMakers) == len(makers) {
		t.Fatal("no write happened while the backup ran; the test proved nothing")
	}
	t.Logf("%s (%d creates and %d uploads acknowledged before it, %d creates during it)", strings.TrimSpace(out), len(makers), len(files), len(afterMakers)-len(makers))
	if code := stop(); code != 0 {
		t.Fatalf("serve exited %d", code)
	}

	// Restore as documented: a data directory with the snapshot as
	// qualtrack.db and the attachments directory beside it.
	restored := t.TempDir()
	copyTree(t, filepath.Join(backup, database.BackupDatabase), filepath.Join(restored, "qualtrack.db"))
	copyTree(t, filepath.Join(backup, database.BackupAttachments), filepath.Join(restored, "attachments"))
	renv := map[string]string{"QUALTRACK_DATA_DIR": restored, "QUALTRACK_LOG_LEVEL": "error"}
	if code, out, _ := qualtrack(t, renv, "", "audit", "verify"); code != 0 {
		t.Fatalf("restored audit chain: %d %s", code, out)
	}
	db, err := database.Open(context.Background(), database.Options{Dialect: "sqlite", DSN: filepath.Join(restored, "qualtrack.db")})
	testutil.Fatal(t, err, "open restored")
	var check string
	testutil.Fatal(t, db.Raw("PRAGMA integrity_check").Scan(&check).Error, "integrity_check")
	var rows int64
	testutil.Fatal(t, db.Raw("SELECT COUNT(*) FROM attachments").Scan(&rows).Error, "count attachments")
	database.Close(db)
	if check != "ok" {
		t.Fatalf("integrity_check: %s", check)
	}

	raddr, rstop := startServe(t, renv)
	rc := newAPIClient(raddr)
	rc.login(t, "admin@example.com", "backup test admin password")
	var list struct {
		Items []struct {
			Name string `json:"name"`
		} `json:"items"`
	}
	have := map[string]bool{}
	for page := 1; ; page++ {
		rc.mustJSON(t, "GET", fmt.Sprintf("/api/v1/manufacturers?q=Load+maker&page_size=200&page=%d", page), nil, 200, &list)
		for _, m := range list.Items {
			have[m.Name] = true
		}
		if len(list.Items) < 200 {
			break
		}
	}
	for _, name := range makers {
		if !have[name] {
			t.Errorf("manufacturer %q, acknowledged before the backup, is not in it", name)
		}
	}
	for id, want := range files {
		status, body, err := rc.send("GET", fmt.Sprintf("/api/v1/attachments/%d", id), "", nil)
		if err != nil || status != 200 || sha(body) != sha(want) {
			t.Errorf("attachment %d: %d, %d bytes (want %d) %v", id, status, len(body), len(want), err)
		}
	}
	// Every attachment the backup holds downloads, not only those above.
	var atts struct {
		Items []struct {
			ID     int64  `json:"id"`
			SHA256 string `json:"sha256"`
		} `json:"items"`
		Total int64 `json:"total"`
	}
	rc.mustJSON(t, "GET", fmt.Sprintf("/api/v1/sites/%d/attachments?page_size=200", site.ID), nil, 200, &atts)
	if atts.Total != rows || int64(len(atts.Items)) != rows {
		t.Fatalf("%d attachments listed, %d rows", atts.Total, rows)
	}
	for _, a := range atts.Items {
		req, _ := http.NewRequest("GET", rc.base+fmt.Sprintf("/api/v1/attachments/%d", a.ID), nil)
		req.Header.Set("Authorization", "Bearer "+rc.token)
		resp, err := rc.http.Do(req)
		testutil.Fatal(t, err, "download")
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || sha(b) != a.SHA256 {
			t.Errorf("restored attachment %d: %s, sha %s want %s", a.ID, resp.Status, sha(b), a.SHA256)
		}
	}
	if code := rstop(); code != 0 {
		t.Fatalf("restored serve exited %d", code)
	}
}

// copyTree copies a file or a directory tree (as `cp -R` would).
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		to := filepath.Join(dst, rel)
		if info.IsDir() {
			return os.MkdirAll(to, 0o700)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(to, b, 0o600)
	})
	testutil.Fatal(t, err, "copy %s", src)
}
