package api_test

import (
	"errors"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/config"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// readyStatus asks /readyz and returns its status code and status text.
func readyStatus(t *testing.T, srv *testutil.Server) (int, string) {
	t.Helper()
	r := srv.Do("", http.MethodGet, "/readyz", nil)
	var body struct {
		Status string `json:"status"`
	}
	r.Decode(&body)
	return r.Status, body.Status
}

// withFreeSpace rebuilds srv's handler with free as the free-space check.
func withFreeSpace(t *testing.T, srv *testutil.Server, free func(string) (uint64, error)) {
	t.Helper()
	srv.App.FreeSpace = free
	api, err := srv.App.HTTP(nil)
	testutil.Fatal(t, err, "server")
	srv.Handler, err = api.Handler()
	testutil.Fatal(t, err, "handler")
}

// /readyz says "disk full" (503) when the data directory's disk has less
// free space than QUALTRACK_MIN_FREE_DISK_MB, and ready again once there
// is room; a system that cannot tell the free space still gets the write
// check.
func TestReadyzReportsAFullDisk(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, func(c *config.Config) { c.MinFreeDiskMB = 100 })
	if code, status := readyStatus(t, srv); code != http.StatusOK || status != "ready" {
		t.Fatalf("a fresh server: %d %q", code, status)
	}
	var asked string
	free := uint64(50 << 20)
	withFreeSpace(t, srv, func(dir string) (uint64, error) { asked = dir; return free, nil })
	if code, status := readyStatus(t, srv); code != http.StatusServiceUnavailable || status != "disk full" {
		t.Errorf("50 MB free of the 100 MB needed: %d %q", code, status)
	}
	if asked != srv.Config.DataDir {
		t.Errorf("free space asked of %q, want the data directory %q", asked, srv.Config.DataDir)
	}
	free = 0
	if code, status := readyStatus(t, srv); code != http.StatusServiceUnavailable || status != "disk full" {
		t.Errorf("no space at all: %d %q", code, status)
	}
	free = 200 << 20
	if code, status := readyStatus(t, srv); code != http.StatusOK || status != "ready" {
		t.Errorf("200 MB free: %d %q", code, status)
	}
	withFreeSpace(t, srv, func(string) (uint64, error) { return 0, errors.New("not known here") })
	if code, status := readyStatus(t, srv); code != http.StatusOK || status != "ready" {
		t.Errorf("free space unknown: %d %q", code, status)
	}
}

// makeReadOnly makes dir refuse new files: by its permissions, or for a
// process that permissions do not bind (root), by the immutable attribute.
// It skips the test when neither works here.
func makeReadOnly(t *testing.T, dir string) {
	t.Helper()
	testutil.Fatal(t, os.Chmod(dir, 0o555), "chmod")
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	probe := filepath.Join(dir, "probe")
	if f, err := os.Create(probe); err == nil {
		f.Close()
		os.Remove(probe)
		if err := exec.Command("chattr", "+i", dir).Run(); err != nil {
			t.Skipf("cannot make %s read-only here (permissions do not bind this user, chattr: %v)", dir, err)
		}
		t.Cleanup(func() { exec.Command("chattr", "-i", dir).Run() })
		if f, err := os.Create(probe); err == nil {
			f.Close()
			os.Remove(probe)
			t.Skipf("cannot make %s read-only here", dir)
		}
	}
}

// /readyz says "data directory not writable" (503) when the data
// directory, or the attachments directory inside it, refuses new files
// (a read-only mount, lost permissions), and ready once it takes them.
func TestReadyzReportsAReadOnlyDataDirectory(t *testing.T) {
	for _, which := range []string{"data", "attachments"} {
		t.Run(which, func(t *testing.T) {
			t.Parallel()
			srv := testutil.NewServer(t, func(c *config.Config) { c.MinFreeDiskMB = 0 })
			withFreeSpace(t, srv, func(string) (uint64, error) { return 1 << 30, nil })
			dir := srv.Config.DataDir
			if which == "attachments" {
				dir = srv.Config.AttachmentsDir()
				testutil.Fatal(t, os.MkdirAll(dir, 0o755), "attachments dir")
			}
			if code, status := readyStatus(t, srv); code != http.StatusOK {
				t.Fatalf("before: %d %q", code, status)
			}
			makeReadOnly(t, dir)
			if code, status := readyStatus(t, srv); code != http.StatusServiceUnavailable || status != "data directory not writable" {
				t.Errorf("read-only %s directory: %d %q", which, code, status)
			}
			exec.Command("chattr", "-i", dir).Run()
			testutil.Fatal(t, os.Chmod(dir, 0o755), "chmod back")
			if code, status := readyStatus(t, srv); code != http.StatusOK || status != "ready" {
				t.Errorf("writable again: %d %q", code, status)
			}
		})
	}
}
