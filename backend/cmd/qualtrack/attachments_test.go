package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/database"
	"github.com/qualtrack/qualtrack/backend/internal/filestore"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// withEnv is env plus more.
func withEnv(env, more map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range env {
		out[k] = v
	}
	for k, v := range more {
		out[k] = v
	}
	return out
}

// localKeys lists the stored files under dir (a data directory's or a
// backup's attachments directory).
func localKeys(t *testing.T, dir string) []string {
	t.Helper()
	var keys []string
	err := filestore.New(dir).List(context.Background(), func(i filestore.Info) error {
		keys = append(keys, i.Key)
		return nil
	})
	testutil.Fatal(t, err, "list %s", dir)
	sort.Strings(keys)
	return keys
}

// An installation moves its attachments from the local directory into a
// bucket: `attachments migrate` copies every file and checks its hash (a
// damaged file is named and not copied), resumes where it stopped and
// copies nothing the second time; served from the bucket, with the local
// files gone, every attachment downloads byte for byte and new uploads go
// to the bucket. A backup then holds the bucket's files, and migrate puts
// them back into a bucket; the clean-up removes only an old object no
// record refers to.
func TestAttachmentsMigrateToBucketAndServeFromIt(t *testing.T) {
	t.Parallel()
	env := testEnv(t)
	env["QUALTRACK_ADMIN_EMAIL"] = "admin@example.com"
	env["QUALTRACK_ADMIN_PASSWORD"] = "migrate test admin password"
	bucket := testutil.NewS3(t)
	s3env := bucket.Env("qt")
	delete(s3env, "QUALTRACK_ATTACHMENTS_URL") // the settings to reach it, not yet the store

	addr, stop := startServe(t, env)
	c := newAPIClient(addr)
	c.login(t, "admin@example.com", "migrate test admin password")
	var maker, site record
	c.mustJSON(t, "POST", "/api/v1/manufacturers", map[string]any{"name": "Acme", "country": "CN"}, 201, &maker)
	c.mustJSON(t, "POST", "/api/v1/sites", map[string]any{"manufacturer_id": maker.ID, "code": "ACME-1", "name": "Acme 1",
		"country": "CN", "risk_tier": "high"}, 201, &site)
	files := map[int64][]byte{}
	for i := range 3 {
		content := textFile(fmt.Sprintf("file %d", i), 3000+i*100)
		status, body, err := c.upload(fmt.Sprintf("/sites/%d", site.ID), fmt.Sprintf("f%d.txt", i), content)
		var r record
		if err != nil || status != 201 || jsonInto(body, &r) != nil {
			t.Fatalf("upload: %d %s %v", status, body, err)
		}
		files[r.ID] = content
	}
	if code := stop(); code != 0 {
		t.Fatalf("serve exited %d", code)
	}
	local := filepath.Join(env["QUALTRACK_DATA_DIR"], "attachments")
	keys := localKeys(t, local)
	if len(keys) != 3 {
		t.Fatalf("local files %v", keys)
	}

	// One file damaged on disk: named, not copied; the others are.
	damaged := filepath.Join(local, filepath.FromSlash(keys[1]))
	good, err := os.ReadFile(damaged)
	testutil.Fatal(t, err, "read")
	testutil.Fatal(t, os.WriteFile(damaged, bytes.ToUpper(good), 0o600), "damage")
	menv := withEnv(env, s3env)
	code, out, errOut := qualtrack(t, menv, "", "attachments", "migrate", "--to", "s3://attachments/qt")
	if code != 1 || !strings.Contains(out, "2 file(s) copied") || !strings.Contains(errOut, keys[1]) {
		t.Fatalf("migrate with a damaged file: %d %q %q", code, out, errOut)
	}
	if got := bucket.Keys(t, "qt"); len(got) != 2 || strings.Contains(strings.Join(got, " "), keys[1]) {
		t.Fatalf("bucket after the first run: %v", got)
	}
	testutil.Fatal(t, os.WriteFile(damaged, good, 0o600), "repair")
	code, out, errOut = qualtrack(t, menv, "", "attachments", "migrate", "--to", "s3://attachments/qt")
	if code != 0 || !strings.Contains(out, "1 file(s) copied") || !strings.Contains(out, "2 already there") {
		t.Fatalf("migrate resumed: %d %q %q", code, out, errOut)
	}
	code, out, _ = qualtrack(t, menv, "", "attachments", "migrate", "--to", "s3://attachments/qt")
	if code != 0 || !strings.Contains(out, "0 file(s) copied") || !strings.Contains(out, "3 already there") {
		t.Fatalf("migrate again: %d %q", code, out)
	}
	if got := bucket.Keys(t, "qt"); fmt.Sprint(got) != fmt.Sprint(keys) {
		t.Fatalf("bucket holds %v, want %v", got, keys)
	}

	// Served from the bucket, without the local files.
	testutil.Fatal(t, os.Rename(local, local+".migrated"), "move local files away")
	senv := withEnv(env, bucket.Env("qt"))
	addr, stop = startServe(t, senv)
	c = newAPIClient(addr)
	c.login(t, "admin@example.com", "migrate test admin password")
	for id, want := range files {
		status, body, err := c.send("GET", fmt.Sprintf("/api/v1/attachments/%d", id), "", nil)
		if err != nil || status != 200 || !bytes.Equal(body, want) {
			t.Errorf("attachment %d from the bucket: %d, %d bytes, %v", id, status, len(body), err)
		}
	}
	fresh := textFile("uploaded to the bucket", 5000)
	if status, body, err := c.upload(fmt.Sprintf("/sites/%d", site.ID), "new.txt", fresh); err != nil || status != 201 {
		t.Fatalf("upload to the bucket: %d %s %v", status, body, err)
	}
	if code := stop(); code != 0 {
		t.Fatalf("serve exited %d", code)
	}
	keys = append(keys, filestore.Key(sha(fresh)))
	sort.Strings(keys)
	if got := bucket.Keys(t, "qt"); fmt.Sprint(got) != fmt.Sprint(keys) {
		t.Fatalf("bucket holds %v, want %v", got, keys)
	}
	if got := localKeys(t, local); len(got) != 0 {
		t.Fatalf("an upload went to the local directory: %v", got)
	}

	// The clean-up spares every referenced object and a recent orphan,
	// and removes an old one.
	orphan := []byte("an object no record refers to")
	bucket.Backdate(3 * time.Hour)
	_, err = bucket.Store(t, "qt").Put(context.Background(), filestore.Key(sha(orphan)), bytes.NewReader(orphan), int64(len(orphan)))
	testutil.Fatal(t, err, "put orphan")
	bucket.Backdate(0)
	code, out, errOut = qualtrack(t, senv, "", "attachments", "clean-up")
	if code != 0 || !strings.Contains(out, "1 unreferenced file(s) removed") {
		t.Fatalf("clean-up: %d %q %q", code, out, errOut)
	}
	if got := bucket.Keys(t, "qt"); fmt.Sprint(got) != fmt.Sprint(keys) {
		t.Fatalf("bucket after the clean-up holds %v, want %v", got, keys)
	}

	if os.Getenv(testutil.PostgresURLEnv) != "" {
		return // PostgreSQL is backed up with pg_dump and migrate --to DIR (docs/operations.md)
	}
	backup := filepath.Join(t.TempDir(), "qualtrack-backup")
	code, out, errOut = qualtrack(t, senv, "", "backup", "--out", backup)
	if code != 0 {
		t.Fatalf("backup: %d %q %q", code, out, errOut)
	}
	if got := localKeys(t, filepath.Join(backup, database.BackupAttachments)); fmt.Sprint(got) != fmt.Sprint(keys) {
		t.Fatalf("backup holds %v, want %v", got, keys)
	}
	code, out, errOut = qualtrack(t, senv, "", "attachments", "migrate", "--from", filepath.Join(backup, database.BackupAttachments), "--to", "s3://attachments/restored")
	if code != 0 || !strings.Contains(out, "4 file(s) copied") {
		t.Fatalf("restore into a bucket: %d %q %q", code, out, errOut)
	}
	if got := bucket.Keys(t, "restored"); fmt.Sprint(got) != fmt.Sprint(keys) {
		t.Fatalf("restored bucket holds %v, want %v", got, keys)
	}
}
