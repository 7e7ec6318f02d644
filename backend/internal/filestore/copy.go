package filestore

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// List calls fn with every stored file (temporary uploads excluded).
func (f *Files) List(ctx context.Context, fn func(Info) error) error {
	err := filepath.WalkDir(f.root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == f.root {
				return fs.SkipAll // nothing stored yet
			}
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if d.IsDir() && p != f.root && d.Name() == "tmp" && filepath.Dir(p) == f.root {
			return fs.SkipDir
		}
		if !d.Type().IsRegular() {
			return nil
		}
		rel, err := filepath.Rel(f.root, p)
		if err != nil {
			return err
		}
		key := filepath.ToSlash(rel)
		if !ValidKey(key) {
			return nil
		}
		st, err := d.Info()
		if errors.Is(err, fs.ErrNotExist) {
			return nil // removed meanwhile
		} else if err != nil {
			return err
		}
		return fn(Info{Key: key, Size: st.Size(), Modified: st.ModTime()})
	})
	if err != nil {
		return fmt.Errorf("filestore: list: %w", err)
	}
	return nil
}

// CopyTo makes the file under key appear under the same key in dst (the
// root of another store, e.g. a backup). It hard-links when both are on
// one file system: a stored file is never changed in place (new content
// gets a new name, removal only unlinks), so a link keeps these exact
// bytes even after the original is removed. Across file systems it copies
// and syncs. A file already at the destination is left as it is.
func (f *Files) CopyTo(dst, key string) (linked bool, err error) {
	if !ValidKey(key) {
		return false, fmt.Errorf("filestore: invalid key %q", key)
	}
	src, to := f.path(key), filepath.Join(dst, filepath.FromSlash(key))
	if _, err := os.Lstat(to); err == nil {
		return false, nil
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o700); err != nil {
		return false, fmt.Errorf("filestore: create dir: %w", err)
	}
	if err := os.Link(src, to); err == nil {
		return true, nil
	} else if errors.Is(err, fs.ErrNotExist) {
		return false, fmt.Errorf("filestore: %s: %w", key, err)
	}
	return false, copyFile(src, to)
}

func copyFile(src, to string) error {
	in, err := os.Open(src)
	if err != nil {
		return fmt.Errorf("filestore: copy: %w", err)
	}
	defer in.Close()
	tmp := to + ".partial"
	out, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("filestore: copy: %w", err)
	}
	_, err = io.Copy(out, in)
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, to)
	}
	if err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("filestore: copy: %w", err)
	}
	return nil
}
