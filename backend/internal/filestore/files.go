// Package filestore keeps attachment content, named by the SHA-256 of its
// bytes: the same bytes are stored once, a user's file name never reaches
// the storage, and content appears under its final name only when
// complete. Files keeps it on the local disk (written to a temporary file
// in the same directory tree, synced, then renamed); S3 in a bucket of an
// S3-compatible service. Uploads are always received into the local
// directory first, hashed and checked, and only then stored.
//
// Layout under the root (<data dir>/attachments):
//
//	tmp/upload-*            uploads being received
//	<first 2 hex>/<sha256>  stored files; the storage key is "<first 2 hex>/<sha256>"
package filestore

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"time"
)

// staleTemp is how old a leftover temporary file (from a crash) must be
// before New removes it; no upload takes that long.
const staleTemp = 24 * time.Hour

// Files is a content-addressed file directory.
type Files struct {
	root string
}

// New returns the store rooted at root (created on first write) and
// removes temporary files a crash may have left behind.
func New(root string) *Files {
	f := &Files{root: root}
	f.removeStaleTemp(time.Now().Add(-staleTemp))
	return f
}

// Root is the directory files are stored under.
func (f *Files) Root() string { return f.root }

// TooLargeError reports a file over the size limit.
type TooLargeError struct{ Limit int64 }

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("filestore: file larger than %d bytes", e.Limit)
}

// Upload is a received file waiting in a temporary file, hashed while it
// was written.
type Upload struct {
	Size   int64
	SHA256 string
	file   *os.File
}

// ReadAt reads the received bytes (for type detection).
func (u *Upload) ReadAt(p []byte, off int64) (int, error) { return u.file.ReadAt(p, off) }

// Key is the storage key the upload will be stored under.
func (u *Upload) Key() string { return Key(u.SHA256) }

// Discard removes the temporary file (a stored copy stays). Safe to call
// more than once; callers defer it.
func (u *Upload) Discard() {
	if u == nil || u.file == nil {
		return
	}
	name := u.file.Name()
	_ = u.file.Close()
	_ = os.Remove(name)
	u.file = nil
}

// Receive streams r into a temporary file, hashing as it goes, and fails
// with *TooLargeError once more than limit bytes arrive. On any error no
// temporary file is left behind; errors from r are wrapped, so a
// *http.MaxBytesError stays visible to errors.As.
func (f *Files) Receive(r io.Reader, limit int64) (*Upload, error) {
	return f.receive(r, limit)
}

func (f *Files) receive(r io.Reader, limit int64) (*Upload, error) {
	dir := filepath.Join(f.root, "tmp")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("filestore: create temp dir: %w", err)
	}
	tmp, err := os.CreateTemp(dir, "upload-*")
	if err != nil {
		return nil, fmt.Errorf("filestore: create temp file: %w", err)
	}
	fail := func(err error) (*Upload, error) {
		_ = tmp.Close()
		_ = os.Remove(tmp.Name())
		return nil, err
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(tmp, h), io.LimitReader(r, limit+1))
	if err != nil {
		return fail(fmt.Errorf("filestore: receive: %w", err))
	}
	if n > limit {
		return fail(&TooLargeError{Limit: limit})
	}
	// Flushed now, outside any lock, so storing the file later costs a
	// link, not a long fsync.
	if err := tmp.Sync(); err != nil {
		return fail(fmt.Errorf("filestore: sync: %w", err))
	}
	return &Upload{Size: n, SHA256: hex.EncodeToString(h.Sum(nil)), file: tmp}, nil
}

// Content is the received bytes as a reader for Store.Put; each call
// reads from the start. Files.Put links the temporary file instead of
// copying it when both are on one file system.
func (u *Upload) Content() io.Reader {
	return &uploadContent{SectionReader: io.NewSectionReader(u.file, 0, u.Size), upload: u}
}

type uploadContent struct {
	*io.SectionReader
	upload *Upload
}

// Put stores size bytes of r under key unless a complete copy is there
// already. The bytes go to a temporary file, are checked against the
// SHA-256 the key names, synced and renamed into place; an Upload's
// Content is hard-linked rather than copied (it was hashed and synced as
// it was received). The Upload keeps its temporary file until Discard.
func (f *Files) Put(_ context.Context, key string, r io.Reader, size int64) (bool, error) {
	if !ValidKey(key) {
		return false, fmt.Errorf("filestore: invalid key %q", key)
	}
	final := f.path(key)
	if st, err := os.Stat(final); err == nil && st.Mode().IsRegular() && st.Size() == size {
		return false, nil
	}
	if err := os.MkdirAll(filepath.Dir(final), 0o700); err != nil {
		return false, fmt.Errorf("filestore: create dir: %w", err)
	}
	if uc, ok := r.(*uploadContent); ok && uc.upload.file != nil && Key(uc.upload.SHA256) == key && uc.upload.Size == size {
		link := uc.upload.file.Name() + ".link"
		if err := os.Link(uc.upload.file.Name(), link); err == nil {
			if err := os.Rename(link, final); err != nil {
				_ = os.Remove(link)
				return false, fmt.Errorf("filestore: rename: %w", err)
			}
			syncDir(filepath.Dir(final))
			return true, nil
		}
	}
	tmp, err := f.receive(r, size)
	if err != nil {
		return false, err
	}
	if tmp.Size != size || Key(tmp.SHA256) != key {
		tmp.Discard()
		return false, fmt.Errorf("filestore: content for %s has SHA-256 %s and %d bytes, not the %d expected", key, tmp.SHA256, tmp.Size, size)
	}
	if err := tmp.file.Close(); err != nil {
		tmp.Discard()
		return false, fmt.Errorf("filestore: close: %w", err)
	}
	if err := os.Rename(tmp.file.Name(), final); err != nil {
		_ = os.Remove(tmp.file.Name())
		return false, fmt.Errorf("filestore: rename: %w", err)
	}
	syncDir(filepath.Dir(final))
	return true, nil
}

// Open opens a stored file for reading.
func (f *Files) Open(_ context.Context, key string) (io.ReadSeekCloser, error) {
	if !ValidKey(key) {
		return nil, fmt.Errorf("filestore: invalid key %q", key)
	}
	return os.Open(f.path(key))
}

// Stat describes the file under key.
func (f *Files) Stat(_ context.Context, key string) (Info, error) {
	if !ValidKey(key) {
		return Info{}, fmt.Errorf("filestore: invalid key %q", key)
	}
	st, err := os.Stat(f.path(key))
	if err != nil {
		return Info{}, err
	}
	if !st.Mode().IsRegular() {
		return Info{}, fmt.Errorf("filestore: %s: %w", key, fs.ErrNotExist)
	}
	return Info{Key: key, Size: st.Size(), Modified: st.ModTime()}, nil
}

// Delete removes the file under key; a file already gone is no error. The
// caller has checked that nothing references it.
func (f *Files) Delete(_ context.Context, key string) error {
	if !ValidKey(key) {
		return fmt.Errorf("filestore: invalid key %q", key)
	}
	if err := os.Remove(f.path(key)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("filestore: remove: %w", err)
	}
	return nil
}

// Key is the storage key of content with this SHA-256 (lower-case hex).
func Key(sha string) string {
	if len(sha) < 2 {
		return sha
	}
	return sha[:2] + "/" + sha
}

var keyPattern = regexp.MustCompile(`^([0-9a-f]{2})/([0-9a-f]{64})$`)

// ValidKey reports whether key has the shape Key produces, so a key read
// from the database can never point outside the root.
func ValidKey(key string) bool {
	m := keyPattern.FindStringSubmatch(key)
	return m != nil && m[2][:2] == m[1]
}

func (f *Files) path(key string) string { return filepath.Join(f.root, filepath.FromSlash(key)) }

func (f *Files) removeStaleTemp(before time.Time) {
	dir := filepath.Join(f.root, "tmp")
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if info, err := e.Info(); err == nil && info.Mode().IsRegular() && info.ModTime().Before(before) {
			_ = os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// syncDir makes a rename in dir durable; best effort, as some file systems
// cannot sync a directory.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
}
