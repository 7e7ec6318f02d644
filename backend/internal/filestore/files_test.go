package filestore

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// storedFiles lists every file under root, tmp/ included.
func storedFiles(t *testing.T, root string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, os.ErrNotExist) {
				return nil
			}
			return err
		}
		if !d.IsDir() {
			rel, _ := filepath.Rel(root, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestReceivePutOpenDelete(t *testing.T) {
	ctx := context.Background()
	root := filepath.Join(t.TempDir(), "attachments")
	files := New(root)
	content := bytes.Repeat([]byte("evidence "), 1000)
	sum := sha256.Sum256(content)
	sha := hex.EncodeToString(sum[:])

	up, err := files.Receive(bytes.NewReader(content), int64(len(content)))
	if err != nil {
		t.Fatal(err)
	}
	if up.SHA256 != sha || up.Size != int64(len(content)) {
		t.Fatalf("upload = %s/%d, want %s/%d", up.SHA256, up.Size, sha, len(content))
	}
	if got := storedFiles(t, root); len(got) != 1 || filepath.Dir(got[0]) != "tmp" {
		t.Fatalf("while receiving, files = %v; want one temporary file", got)
	}
	created, err := files.Put(ctx, up.Key(), up.Content(), up.Size)
	if err != nil || !created {
		t.Fatalf("Put = %v, %v; want created", created, err)
	}
	up.Discard() // the stored copy is kept
	key := sha[:2] + "/" + sha
	if got := storedFiles(t, root); len(got) != 1 || got[0] != key {
		t.Fatalf("files = %v, want [%s]", got, key)
	}

	// The same bytes again: nothing new on disk, the temporary file goes.
	again, err := files.Receive(bytes.NewReader(content), 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	created, err = files.Put(ctx, again.Key(), again.Content(), again.Size)
	if err != nil || created {
		t.Fatalf("second Put = %v, %v; want existing file reused", created, err)
	}
	again.Discard()
	if got := storedFiles(t, root); len(got) != 1 {
		t.Fatalf("files = %v, want only %s", got, key)
	}

	f, err := files.Open(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	read, _ := io.ReadAll(f)
	f.Close()
	if !bytes.Equal(read, content) {
		t.Fatal("stored bytes differ")
	}
	if err := files.Delete(ctx, key); err != nil {
		t.Fatal(err)
	}
	if _, err := files.Stat(ctx, key); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("Stat after Delete: %v, want not found", err)
	}
	if err := files.Delete(ctx, key); err != nil {
		t.Fatalf("removing a missing file: %v", err)
	}

	// Bytes that do not hash to the key are refused, and nothing stays.
	if _, err := files.Put(ctx, key, bytes.NewReader(append(content[:len(content)-1:len(content)-1], 'X')), int64(len(content))); err == nil {
		t.Fatal("Put stored bytes that do not match the key")
	}
	if got := storedFiles(t, root); len(got) != 0 {
		t.Fatalf("after a refused Put, files = %v", got)
	}
}

func TestReceiveTooLargeLeavesNothing(t *testing.T) {
	root := t.TempDir()
	files := New(root)
	_, err := files.Receive(bytes.NewReader(make([]byte, 101)), 100)
	var tl *TooLargeError
	if !errors.As(err, &tl) || tl.Limit != 100 {
		t.Fatalf("err = %v, want *TooLargeError{100}", err)
	}
	up, err := files.Receive(bytes.NewReader(make([]byte, 100)), 100)
	if err != nil {
		t.Fatalf("exactly the limit: %v", err)
	}
	up.Discard()
	up.Discard()
	if got := storedFiles(t, root); len(got) != 0 {
		t.Fatalf("files left: %v", got)
	}
}

type failingReader struct{ err error }

func (r failingReader) Read([]byte) (int, error) { return 0, r.err }

func TestReceiveReaderErrorIsWrapped(t *testing.T) {
	root := t.TempDir()
	cause := errors.New("connection reset")
	_, err := New(root).Receive(io.MultiReader(bytes.NewReader([]byte("part")), failingReader{cause}), 100)
	if !errors.Is(err, cause) {
		t.Fatalf("err = %v, want it to wrap the reader's error", err)
	}
	if got := storedFiles(t, root); len(got) != 0 {
		t.Fatalf("files left: %v", got)
	}
}

func TestKeysCannotEscapeTheRoot(t *testing.T) {
	files := New(t.TempDir())
	sha := "ab" + "cdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789"
	for _, key := range []string{"../../etc/passwd", "ab/../../x", "cd/" + sha, "AB/" + sha, sha, ""} {
		if ValidKey(key) {
			t.Errorf("ValidKey(%q) = true", key)
		}
		if _, err := files.Open(context.Background(), key); err == nil {
			t.Errorf("Open(%q) succeeded", key)
		}
		if err := files.Delete(context.Background(), key); err == nil {
			t.Errorf("Delete(%q) succeeded", key)
		}
	}
	if !ValidKey("ab/" + sha) {
		t.Error("a key made by Key is not valid")
	}
}

func TestNewRemovesStaleTemporaryFiles(t *testing.T) {
	root := t.TempDir()
	tmp := filepath.Join(root, "tmp")
	if err := os.MkdirAll(tmp, 0o700); err != nil {
		t.Fatal(err)
	}
	old, fresh := filepath.Join(tmp, "upload-old"), filepath.Join(tmp, "upload-fresh")
	for _, p := range []string{old, fresh} {
		if err := os.WriteFile(p, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	past := time.Now().Add(-48 * time.Hour)
	if err := os.Chtimes(old, past, past); err != nil {
		t.Fatal(err)
	}
	New(root)
	if _, err := os.Stat(old); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("stale temporary file kept: %v", err)
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Errorf("fresh temporary file removed: %v", err)
	}
}
