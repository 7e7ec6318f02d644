package filestore_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/filestore"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

func keyOf(b []byte) string {
	sum := sha256.Sum256(b)
	return filestore.Key(hex.EncodeToString(sum[:]))
}

// The S3 store against a real S3 server on loopback: content goes in by
// its hash once, comes back whole or by range, is listed, described and
// deleted; bytes that do not match their key are not kept.
func TestS3StorePutOpenStatListDelete(t *testing.T) {
	ctx := context.Background()
	srv := testutil.NewS3(t)
	s := srv.Store(t, "qualtrack/prod")
	content := bytes.Repeat([]byte("inspection photo "), 4000)
	key := keyOf(content)

	created, err := s.Put(ctx, key, bytes.NewReader(content), int64(len(content)))
	if err != nil || !created {
		t.Fatalf("Put = %v, %v; want created", created, err)
	}
	created, err = s.Put(ctx, key, bytes.NewReader(content), int64(len(content)))
	if err != nil || created {
		t.Fatalf("second Put = %v, %v; want the stored object reused", created, err)
	}
	if got := srv.Keys(t, "qualtrack/prod"); len(got) != 1 || got[0] != key {
		t.Fatalf("bucket holds %v, want [%s]", got, key)
	}
	if got := srv.Keys(t, "other"); len(got) != 0 {
		t.Fatalf("another prefix holds %v", got)
	}

	r, err := s.Open(ctx, key)
	testutil.Fatal(t, err, "open")
	all, err := io.ReadAll(r)
	testutil.Fatal(t, err, "read")
	if !bytes.Equal(all, content) {
		t.Fatalf("read back %d bytes, want the %d stored", len(all), len(content))
	}
	// What http.ServeContent does for "Range: bytes=1000-1015".
	if n, err := r.Seek(1000, io.SeekStart); err != nil || n != 1000 {
		t.Fatalf("seek = %d, %v", n, err)
	}
	part := make([]byte, 16)
	if _, err := io.ReadFull(r, part); err != nil || !bytes.Equal(part, content[1000:1016]) {
		t.Fatalf("range read %q, %v; want %q", part, err, content[1000:1016])
	}
	testutil.Fatal(t, r.Close(), "close")

	info, err := s.Stat(ctx, key)
	if err != nil || info.Size != int64(len(content)) || info.Key != key || info.Modified.IsZero() {
		t.Fatalf("Stat = %+v, %v", info, err)
	}

	testutil.Fatal(t, s.Delete(ctx, key), "delete")
	if _, err := s.Stat(ctx, key); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("Stat after Delete: %v, want not found", err)
	}
	if _, err := s.Open(ctx, key); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("Open after Delete: %v, want not found", err)
	}
	testutil.Fatal(t, s.Delete(ctx, key), "deleting a missing object")

	// Bytes that are not the key's content are refused and not kept.
	other := []byte("something else entirely")
	if _, err := s.Put(ctx, key, bytes.NewReader(other), int64(len(other))); err == nil {
		t.Fatal("Put kept bytes that do not match their key")
	}
	if got := srv.Keys(t, "qualtrack/prod"); len(got) != 0 {
		t.Fatalf("after a refused Put the bucket holds %v", got)
	}
	if _, err := s.Open(ctx, "../../etc/passwd"); err == nil {
		t.Fatal("Open accepted a key that is not a content hash")
	}
}

// A bucket whose server is gone: every operation fails at once with an
// error that says the storage is unavailable (the API's 503), not that
// the object is missing.
func TestS3StoreUnreachable(t *testing.T) {
	ctx := context.Background()
	srv := testutil.NewS3(t)
	s := srv.Store(t, "")
	srv.Close()
	content := []byte("a certificate")
	key := keyOf(content)
	_, putErr := s.Put(ctx, key, bytes.NewReader(content), int64(len(content)))
	_, openErr := s.Open(ctx, key)
	_, statErr := s.Stat(ctx, key)
	listErr := s.List(ctx, func(filestore.Info) error { return nil })
	delErr := s.Delete(ctx, key)
	for name, err := range map[string]error{"put": putErr, "open": openErr, "stat": statErr, "list": listErr, "delete": delErr} {
		if !filestore.Unavailable(err) || errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s: %v; want an unavailable-storage error", name, err)
		}
	}
}

// ParseS3URL takes the bucket and a clean prefix and refuses anything else.
func TestParseS3URL(t *testing.T) {
	for raw, want := range map[string]filestore.S3Location{
		"s3://bucket":                 {Bucket: "bucket"},
		"s3://bucket/":                {Bucket: "bucket"},
		"s3://bucket/qualtrack":       {Bucket: "bucket", Prefix: "qualtrack/"},
		"s3://bucket/a/b/":            {Bucket: "bucket", Prefix: "a/b/"},
		" s3://my-bucket/attachments": {Bucket: "my-bucket", Prefix: "attachments/"},
	} {
		got, err := filestore.ParseS3URL(raw)
		if err != nil || got != want {
			t.Errorf("ParseS3URL(%q) = %+v, %v; want %+v", raw, got, err, want)
		}
	}
	for _, raw := range []string{"", "bucket/prefix", "http://bucket/x", "s3:///prefix", "s3://key:secret@bucket/x", "s3://bucket/a/../b", "s3://bucket/x?region=eu"} {
		if _, err := filestore.ParseS3URL(raw); err == nil {
			t.Errorf("ParseS3URL(%q) accepted", raw)
		}
	}
}

// CopyAll (attachments migrate) copies a local directory into a bucket and
// proves every copy by its hash; a file whose bytes do not match its name
// is reported and not copied; a second run copies nothing and reports
// everything present; copying back into an empty directory (a backup of
// the bucket) gives the same files.
func TestCopyAllVerifiesHashesAndResumes(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	local := filestore.New(root)
	var keys []string
	for _, c := range []string{"first scan", "second scan", "third scan"} {
		k := keyOf([]byte(c))
		_, err := local.Put(ctx, k, bytes.NewReader([]byte(c)), int64(len(c)))
		testutil.Fatal(t, err, "put local")
		keys = append(keys, k)
	}
	// A damaged file: same length, other bytes, under the original name.
	damaged := keyOf([]byte("fourth scan"))
	path := filepath.Join(root, filepath.FromSlash(damaged))
	testutil.Fatal(t, os.MkdirAll(filepath.Dir(path), 0o700), "mkdir")
	testutil.Fatal(t, os.WriteFile(path, []byte("fourth sc@n"), 0o600), "write damaged")
	sort.Strings(keys)

	srv := testutil.NewS3(t)
	bucket := srv.Store(t, "qt")
	var steps []string
	res, err := filestore.CopyAll(ctx, local, bucket, func(key, outcome string) { steps = append(steps, outcome) })
	testutil.Fatal(t, err, "copy")
	if res.Copied != 3 || res.Present != 0 || len(res.Failed) != 1 || res.Failed[damaged] == "" || len(steps) != 4 {
		t.Fatalf("first run: %+v (steps %v); want 3 copied and the damaged file failed", res, steps)
	}
	if got := srv.Keys(t, "qt"); !equal(got, keys) {
		t.Fatalf("bucket holds %v, want %v", got, keys)
	}

	res, err = filestore.CopyAll(ctx, local, bucket, nil)
	testutil.Fatal(t, err, "copy again")
	if res.Copied != 0 || res.Present != 3 || len(res.Failed) != 1 {
		t.Fatalf("second run: %+v; want all 3 present, nothing copied", res)
	}

	back := filestore.New(t.TempDir())
	res, err = filestore.CopyAll(ctx, bucket, back, nil)
	testutil.Fatal(t, err, "copy back")
	if res.Copied != 3 || len(res.Failed) != 0 {
		t.Fatalf("copy back: %+v", res)
	}
	for _, k := range keys {
		r, err := back.Open(ctx, k)
		testutil.Fatal(t, err, "open copy")
		b, _ := io.ReadAll(r)
		r.Close()
		if keyOf(b) != k {
			t.Errorf("%s copied back as other bytes", k)
		}
	}

	srv.Close()
	if _, err := filestore.CopyAll(ctx, local, bucket, nil); !filestore.Unavailable(err) {
		t.Fatalf("copy to a bucket that is gone: %v; want it to stop as unavailable", err)
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
