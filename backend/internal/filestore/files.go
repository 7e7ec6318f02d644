// Package filestore keeps attachment files on the local disk, named by the
// SHA-256 of their content: the same bytes are stored once, a user's file
// name never reaches the file system, and a file appears under its final
// name only when complete (written to a temporary file in the same
// directory tree, synced, then renamed).
//
// Layout under the root (<data dir>/attachments):
//
//	tmp/upload-*            uploads being received
//	<first 2 hex>/<sha256>  stored files; the storage key is "<first 2 hex>/<sha256>"
package filestore

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"sync"
	"time"
)

// staleTemp is how old a leftover temporary file (from a crash) must be
// before New removes it; no upload takes that long.
const staleTemp = 24 * time.Hour

// Files is a content-addressed file directory.
type Files struct {
	root string
	// locks serialise placing and removing a file: an upload holds its
	// key's lock from placing the file until its row is committed, and a
	// removal holds it while it re-counts references and deletes, so a
	// removal never deletes a file an upload has just relied on.
	locks [256]sync.Mutex
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
	placed bool
}

// ReadAt reads the received bytes (for type detection).
func (u *Upload) ReadAt(p []byte, off int64) (int, error) { return u.file.ReadAt(p, off) }

// Key is the storage key the upload will be stored under.
func (u *Upload) Key() string { return Key(u.SHA256) }

// Discard removes the temporary file unless it was placed. Safe to call
// more than once; callers defer it.
func (u *Upload) Discard() {
	if u == nil || u.placed || u.file == nil {
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
	// Flushed now, outside any lock, so placing the file later (inside the
	// upload's database transaction) costs a rename, not a long fsync.
	if err := tmp.Sync(); err != nil {
		return fail(fmt.Errorf("filestore: sync: %w", err))
	}
	return &Upload{Size: n, SHA256: hex.EncodeToString(h.Sum(nil)), file: tmp}, nil
}

// Place moves the upload to its final name, unless a complete copy is
// already stored there, and reports whether it created the file. The
// caller holds Lock(u.Key()).
func (f *Files) Place(u *Upload) (created bool, err error) {
	key := u.Key()
	final := f.path(key)
	if st, err := os.Stat(final); err == nil && st.Mode().IsRegular() && st.Size() == u.Size {
		u.Discard()
		return false, nil
	}
	if err := os.MkdirAll(filepath.Dir(final), 0o700); err != nil {
		return false, fmt.Errorf("filestore: create dir: %w", err)
	}
	if err := u.file.Sync(); err != nil {
		return false, fmt.Errorf("filestore: sync: %w", err)
	}
	if err := u.file.Close(); err != nil {
		return false, fmt.Errorf("filestore: close: %w", err)
	}
	if err := os.Rename(u.file.Name(), final); err != nil {
		_ = os.Remove(u.file.Name())
		u.file = nil
		return false, fmt.Errorf("filestore: rename: %w", err)
	}
	u.placed = true
	syncDir(filepath.Dir(final))
	return true, nil
}

// Open opens a stored file for reading.
func (f *Files) Open(key string) (*os.File, error) {
	if !ValidKey(key) {
		return nil, fmt.Errorf("filestore: invalid key %q", key)
	}
	return os.Open(f.path(key))
}

// Has reports whether a file is stored under key.
func (f *Files) Has(key string) bool {
	if !ValidKey(key) {
		return false
	}
	st, err := os.Stat(f.path(key))
	return err == nil && st.Mode().IsRegular()
}

// Remove deletes the file under key; a file already gone is no error. The
// caller holds Lock(key) and has checked that nothing references it.
func (f *Files) Remove(key string) error {
	if !ValidKey(key) {
		return fmt.Errorf("filestore: invalid key %q", key)
	}
	if err := os.Remove(f.path(key)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("filestore: remove: %w", err)
	}
	return nil
}

// Lock takes the lock that guards key and returns its release.
func (f *Files) Lock(key string) (unlock func()) {
	i := 0
	if len(key) >= 2 {
		if n, err := strconv.ParseUint(key[:2], 16, 8); err == nil {
			i = int(n)
		}
	}
	f.locks[i].Lock()
	return f.locks[i].Unlock
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
