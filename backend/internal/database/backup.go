package database

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/libtnb/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/qualtrack/qualtrack/backend/internal/filestore"
)

// A backup directory has the layout of a data directory, so restoring is
// putting these back (docs/operations.md).
const (
	// BackupDatabase is the snapshot of the database.
	BackupDatabase = "qualtrack.db"
	// BackupAttachments holds the attachment files, stored as in the data
	// directory: <first 2 hex>/<sha256>.
	BackupAttachments = "attachments"
)

// BackupResult says what a backup holds.
type BackupResult struct {
	Dir string
	// Files is the number of attachment files; Linked of them are hard
	// links to the data directory's files, the rest copies.
	Files, Linked int
	// Bytes is the attachment files' total size.
	Bytes int64
}

// backupTimeout bounds a whole backup.
const backupTimeout = 2 * time.Hour

// Backup writes a consistent copy of a SQLite installation (database and
// attachment files) to dir, which must not exist, while writers carry on:
//
//	dir/qualtrack.db                      snapshot of the database (VACUUM INTO)
//	dir/attachments/<2 hex>/<sha256>      every file the snapshot refers to
//
// Every stored file is linked into the backup before the snapshot is
// taken, so a file whose row is deleted after the snapshot is still there;
// files added after that first pass and referenced by the snapshot are
// added after it, and files the snapshot does not refer to are dropped.
// The backup is built under a temporary name and renamed into place when
// complete, so a directory named dir is always a whole backup.
//
// With attachments in a bucket the objects are downloaded into the same
// layout (each checked against its SHA-256), so a backup is one directory
// whichever store it came from; `qualtrack attachments migrate --from
// DIR/attachments --to s3://...` puts them back into a bucket.
func Backup(ctx context.Context, db *gorm.DB, files filestore.Store, dir string) (BackupResult, error) {
	res := BackupResult{Dir: dir}
	// Copying a large database takes longer than one call's deadline.
	ctx, cancel := context.WithTimeout(ctx, backupTimeout)
	defer cancel()
	if DialectOf(db) != SQLite {
		return res, errors.New("database: back up PostgreSQL with pg_dump and copy the attachments directory (see docs/operations.md)")
	}
	if _, err := os.Lstat(dir); err == nil {
		return res, fmt.Errorf("database: backup: %s already exists", dir)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return res, fmt.Errorf("database: backup: %w", err)
	}
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o700); err != nil {
		return res, fmt.Errorf("database: backup: %w", err)
	}
	work, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".partial-")
	if err != nil {
		return res, fmt.Errorf("database: backup: %w", err)
	}
	done := false
	defer func() {
		if !done {
			_ = os.RemoveAll(work)
		}
	}()
	attachments := filepath.Join(work, BackupAttachments)
	if err := os.Mkdir(attachments, 0o700); err != nil {
		return res, fmt.Errorf("database: backup: %w", err)
	}

	var before []string
	if err := files.List(ctx, func(i filestore.Info) error { before = append(before, i.Key); return nil }); err != nil {
		return res, fmt.Errorf("database: backup: %w", err)
	}
	into := filestore.New(attachments)
	linked := map[string]bool{}
	for _, key := range before {
		// A file removed since it was listed had its row deleted before
		// that, so the snapshot cannot refer to it.
		l, err := copyAttachment(ctx, files, into, attachments, key)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return res, fmt.Errorf("database: backup: %w", err)
		}
		linked[key] = l
	}
	snapshot := filepath.Join(work, BackupDatabase)
	if err := db.WithContext(ctx).Exec("VACUUM INTO ?", snapshot).Error; err != nil {
		return res, fmt.Errorf("database: backup: %w", err)
	}
	refs, err := attachmentKeys(ctx, snapshot)
	if err != nil {
		return res, err
	}
	for key := range refs {
		l, err := copyAttachment(ctx, files, into, attachments, key)
		if err != nil {
			return res, fmt.Errorf("database: backup: attachment file %s, which the database refers to: %w", key, err)
		}
		linked[key] = linked[key] || l
	}
	var copied []string
	if err := into.List(ctx, func(i filestore.Info) error { copied = append(copied, i.Key); return nil }); err != nil {
		return res, err
	}
	for _, key := range copied {
		p := filepath.Join(attachments, filepath.FromSlash(key))
		if !refs[key] {
			if err := os.Remove(p); err != nil {
				return res, fmt.Errorf("database: backup: %w", err)
			}
			continue
		}
		st, err := os.Stat(p)
		if err != nil {
			return res, fmt.Errorf("database: backup: %w", err)
		}
		res.Files++
		res.Bytes += st.Size()
		if linked[key] {
			res.Linked++
		}
	}
	if res.Files != len(refs) {
		return res, fmt.Errorf("database: backup: %d attachment files for %d references", res.Files, len(refs))
	}
	syncTree(work)
	if err := os.Rename(work, dir); err != nil {
		return res, fmt.Errorf("database: backup: %w", err)
	}
	done = true
	syncTree(parent)
	return res, nil
}

// copyAttachment makes the file under key appear in the backup: a hard
// link (or a copy) from a local directory, a checked download from a
// bucket. A file already in the backup is left as it is.
func copyAttachment(ctx context.Context, from filestore.Store, into *filestore.Files, dir, key string) (linked bool, err error) {
	if local, ok := from.(*filestore.Files); ok {
		return local.CopyTo(dir, key)
	}
	r, err := from.Open(ctx, key)
	if err != nil {
		return false, err
	}
	defer r.Close()
	size, err := r.Seek(0, io.SeekEnd)
	if err == nil {
		_, err = r.Seek(0, io.SeekStart)
	}
	if err != nil {
		return false, fmt.Errorf("database: backup: %s: %w", key, err)
	}
	_, err = into.Put(ctx, key, r, size)
	return false, err
}

// attachmentKeys reads the storage keys a database snapshot refers to,
// opening it read-only.
func attachmentKeys(ctx context.Context, path string) (map[string]bool, error) {
	snap, err := gorm.Open(sqlite.Open("file:"+path+"?mode=ro"), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		return nil, fmt.Errorf("database: backup: open snapshot: %w", err)
	}
	defer Close(snap)
	var keys []string
	if err := snap.WithContext(ctx).Raw("SELECT storage_key FROM attachments UNION SELECT storage_key FROM corrective_action_files").Scan(&keys).Error; err != nil {
		return nil, fmt.Errorf("database: backup: read snapshot: %w", err)
	}
	refs := make(map[string]bool, len(keys))
	for _, k := range keys {
		if !filestore.ValidKey(k) {
			return nil, fmt.Errorf("database: backup: the database holds an invalid storage key %q", k)
		}
		refs[k] = true
	}
	return refs, nil
}

// syncTree makes the backup's directory entries durable; best effort, as
// some file systems cannot sync a directory.
func syncTree(root string) {
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			if f, err := os.Open(p); err == nil {
				_ = f.Sync()
				_ = f.Close()
			}
		}
		return nil
	})
}
