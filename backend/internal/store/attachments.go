package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/database"
	"github.com/qualtrack/qualtrack/backend/internal/filestore"
	"github.com/qualtrack/qualtrack/backend/internal/model"
)

// Attachment files are shared by every row with the same content (the
// storage key is the SHA-256), so a file is removed only when its last row
// goes. Every deletion follows the same two steps:
//
//  1. in the deleting transaction, delete the rows and collect the keys no
//     row references any more (DeleteAttachment, DeleteAttachmentsOf);
//  2. after the commit, call RemoveUnreferenced with those keys. It counts
//     the references again under the key's file lock, which uploads also
//     hold until their row is committed, so a file an upload has just
//     reused is never removed.
//
// A rolled-back transaction therefore never loses a file, and a crash
// between commit and removal leaves at most an unreferenced file, which
// RemoveOrphanFiles removes later.
//
// The file lock has two parts: a mutex of this process (fileLocks) and, on
// PostgreSQL, a transaction-scoped advisory lock keyed by the content hash
// (LockAttachmentFile), because several instances may share one file
// store (a shared volume or a bucket). An upload stores its file first,
// holding the mutex, then, in one transaction holding the advisory lock,
// makes sure the file is still there and inserts its row; a removal counts
// references and deletes the file inside another such transaction.
// SQLite needs no more than the mutex and its one writer.

// fileLocks serialise, within this process, storing a file for a new row
// and removing it: an upload holds its key's lock from storing the file
// until its row is committed, and a removal holds it while it re-counts
// references and deletes.
type fileLocks [256]sync.Mutex

func (l *fileLocks) lock(key string) (unlock func()) {
	i := 0
	if len(key) >= 2 {
		if n, err := strconv.ParseUint(key[:2], 16, 8); err == nil {
			i = int(n)
		}
	}
	l[i].Lock()
	return l[i].Unlock
}

// AttachmentSorts are the sort fields of an attachments list.
var AttachmentSorts = SortFields{"file_name": textSort("file_name"), "content_type": textSort("content_type"), "size": numberSort("size"), "uploaded_at": timeSort("uploaded_at"), "created_at": timeSort("created_at")}

// AttachmentRow is an attachment as the API shows it.
type AttachmentRow struct {
	model.Attachment
	UploadedByName string `json:"uploaded_by_name"`
}

// attachmentOwnerTables maps each owner type to its table; the only table
// names ever put into attachment SQL.
var attachmentOwnerTables = map[model.AttachmentOwner]string{
	model.OwnerSite:               "sites",
	model.OwnerInspection:         "inspections",
	model.OwnerFinding:            "findings",
	model.OwnerCertification:      "certifications",
	model.OwnerSelfAssessment:     "self_assessments",
	model.OwnerBOMRevision:        "bom_revisions",
	model.OwnerChangeNotification: "change_notifications",
}

// ErrNoFileStore is returned by attachment writes on a store built without
// WithFiles.
var ErrNoFileStore = errors.New("store: no file store configured")

// WithFiles returns the store keeping attachment files in f.
func (s *Store) WithFiles(f filestore.Store) *Store {
	c := *s
	c.files = f
	c.fileLocks = new(fileLocks)
	return &c
}

// Files is where attachment files are kept (nil without WithFiles).
func (s *Store) Files() filestore.Store { return s.files }

// AttachmentOwnerExists returns ErrNotFound unless the record exists.
func (s *Store) AttachmentOwnerExists(ctx context.Context, owner model.AttachmentOwner, id int64) error {
	if err := attachmentOwnerExists(s.db.WithContext(ctx), owner, id, false); err != nil {
		return err
	}
	return s.checkOwnerInScope(s.db.WithContext(ctx), owner, id)
}

// attachmentOwnerExists checks the owner row. With share, PostgreSQL keeps
// the row from being deleted until tx ends, so an owner's deletion (which
// deletes its attachments after its own row) cannot miss a new attachment.
// SQLite needs no lock: its write transactions are serialised.
func attachmentOwnerExists(tx *gorm.DB, owner model.AttachmentOwner, id int64, share bool) error {
	table, ok := attachmentOwnerTables[owner]
	if !ok {
		return ErrNotFound
	}
	query := "SELECT id FROM " + table + " WHERE id = ?"
	if share && database.DialectOf(tx) == database.Postgres {
		query += " FOR SHARE"
	}
	var ids []int64
	if err := tx.Raw(query, id).Scan(&ids).Error; err != nil {
		return fmt.Errorf("store: attachment owner: %w", err)
	}
	if len(ids) == 0 {
		return ErrNotFound
	}
	return nil
}

// ListAttachments returns one page of a record's attachments, newest first
// by default; ErrNotFound when the record does not exist.
func (s *Store) ListAttachments(ctx context.Context, owner model.AttachmentOwner, ownerID int64, p Page) ([]AttachmentRow, int64, error) {
	db := s.db.WithContext(ctx)
	if err := attachmentOwnerExists(db, owner, ownerID, false); err != nil {
		return nil, 0, err
	}
	if err := s.checkOwnerInScope(db, owner, ownerID); err != nil {
		return nil, 0, err
	}
	q := db.Model(&model.Attachment{}).Where("owner_type = ? AND owner_id = ?", owner, ownerID)
	var rows []model.Attachment
	total, err := list(q, p, AttachmentSorts, "-uploaded_at", &rows)
	if err != nil {
		return nil, 0, translate(err, "list attachments")
	}
	out, err := describeAttachments(db, rows)
	return out, total, err
}

// AttachmentByID returns an attachment.
func (s *Store) AttachmentByID(ctx context.Context, id int64) (AttachmentRow, error) {
	db := s.db.WithContext(ctx)
	var a model.Attachment
	if err := s.attachmentsInScope(db, "attachments").Take(&a, id).Error; err != nil {
		return AttachmentRow{}, translate(err, "attachment by id")
	}
	rows, err := describeAttachments(db, []model.Attachment{a})
	if err != nil {
		return AttachmentRow{}, err
	}
	return rows[0], nil
}

// CreateAttachment stores the uploaded file (once per content) and adds a
// row for a (OwnerType, OwnerID, FileName, ContentType, UploadedByID set
// by the caller). If anything fails, a file this upload created is
// removed again, so no file is left that no row references.
func (s *Store) CreateAttachment(ctx context.Context, a *model.Attachment, up *filestore.Upload, actor audit.Actor) (AttachmentRow, error) {
	a.ID = 0
	a.Size = up.Size
	a.SHA256 = up.SHA256
	a.StorageKey = up.Key()
	a.UploadedAt = s.Now()
	var row AttachmentRow
	err := s.withStoredFile(ctx, up, func(tx *gorm.DB) error {
		if err := attachmentOwnerExists(tx, a.OwnerType, a.OwnerID, true); err != nil {
			return err
		}
		if a.OwnerType == model.OwnerChangeNotification {
			// Read after the owner's row lock: a decision committed
			// meanwhile is seen, and one not yet committed waits.
			if err := changeAttachable(tx, a.OwnerID); err != nil {
				return err
			}
		}
		if err := tx.Create(a).Error; err != nil {
			return translate(err, "create attachment")
		}
		rows, err := describeAttachments(tx, []model.Attachment{*a})
		if err != nil {
			return err
		}
		row = rows[0]
		_, err = s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionAttachmentCreate, EntityType: audit.EntityAttachment, EntityID: a.ID, Changes: audit.Diff(nil, a)})
		return err
	})
	if err != nil {
		return AttachmentRow{}, err
	}
	return row, nil
}

// withStoredFile stores the upload's content under its key and then runs
// insert, the transaction that adds the rows referring to it. The content
// is stored before the transaction begins: sending it to a bucket takes as
// long as the network needs, and a transaction open that long would hold
// SQLite's one writer. An error storing it (a bucket that cannot be
// reached) leaves no row; an error in insert removes a file this upload
// created, unless a row of another upload refers to it by then.
func (s *Store) withStoredFile(ctx context.Context, up *filestore.Upload, insert func(tx *gorm.DB) error) error {
	if s.files == nil {
		return ErrNoFileStore
	}
	key := up.Key()
	unlock := s.fileLocks.lock(key)
	defer unlock()
	created, err := s.files.Put(ctx, key, up.Content(), up.Size)
	if err != nil {
		return fmt.Errorf("store: store attachment file: %w", err)
	}
	err = s.tx(ctx, func(tx *gorm.DB) error {
		if err := LockAttachmentFile(tx, key); err != nil {
			return err
		}
		if database.DialectOf(tx) == database.Postgres {
			// Another instance's removal may have deleted the file
			// between the put and this lock (it counted no row for it
			// yet); under the lock, store it again if so.
			again, err := s.files.Put(ctx, key, up.Content(), up.Size)
			if err != nil {
				return fmt.Errorf("store: store attachment file: %w", err)
			}
			created = created || again
		}
		return insert(tx)
	})
	if err != nil && created {
		// Another instance may have reused the file since the rollback
		// released the advisory lock: removal counts rows under it again.
		_ = s.removeIfUnreferenced(context.WithoutCancel(ctx), key, time.Time{})
	}
	return err
}

// attachmentLockClass is the first key of the two-key PostgreSQL advisory
// locks that guard attachment files ("QtAt"); the second is taken from the
// content hash. (Two-key locks never collide with the one-key ones the
// audit chain and reminders use.)
const attachmentLockClass = 0x51744174

// LockAttachmentFile takes, on PostgreSQL, the advisory lock of the file
// under key until tx ends (on SQLite it does nothing). Different files may share a lock (32 bits of hash):
// that only makes one wait for the other.
func LockAttachmentFile(tx *gorm.DB, key string) error {
	if database.DialectOf(tx) != database.Postgres {
		return nil
	}
	var h uint32
	if i := strings.IndexByte(key, '/'); i >= 0 && len(key) >= i+9 {
		if n, err := strconv.ParseUint(key[i+1:i+9], 16, 32); err == nil {
			h = uint32(n)
		}
	}
	if err := tx.Exec("SELECT pg_advisory_xact_lock(CAST(? AS integer), CAST(? AS integer))", attachmentLockClass, int32(h)).Error; err != nil {
		return fmt.Errorf("store: lock attachment file: %w", err)
	}
	return nil
}

// DeleteAttachment deletes an attachment row, keeping it in the audit
// event, and returns the storage keys to pass to RemoveUnreferenced after
// it returns (empty while another row shares the file).
func (s *Store) DeleteAttachment(ctx context.Context, id int64, actor audit.Actor) ([]string, error) {
	var keys []string
	err := s.tx(ctx, func(tx *gorm.DB) error {
		var a model.Attachment
		if err := tx.Take(&a, id).Error; err != nil {
			return translate(err, "delete attachment")
		}
		if a.OwnerType == model.OwnerChangeNotification {
			// A decided change's files are what its decision signed.
			if err := attachmentOwnerExists(tx, a.OwnerType, a.OwnerID, true); err != nil {
				return err
			}
			if err := changeAttachable(tx, a.OwnerID); err != nil {
				return err
			}
		}
		var err error
		keys, err = s.deleteAttachments(tx, actor, []model.Attachment{a})
		return err
	})
	return keys, err
}

// DeleteAttachmentsOf deletes every attachment of the given records of one
// owner type inside tx, the transaction that deletes those records, with
// an attachment.delete audit event each. It returns the storage keys no
// row references any more; after tx commits, pass them to
// RemoveUnreferenced. On PostgreSQL, delete the owner rows first (or hold
// them FOR UPDATE) so a concurrent upload to them either commits before or
// fails with 404.
func (s *Store) DeleteAttachmentsOf(tx *gorm.DB, actor audit.Actor, owner model.AttachmentOwner, ownerIDs ...int64) ([]string, error) {
	if len(ownerIDs) == 0 {
		return nil, nil
	}
	var rows []model.Attachment
	if err := tx.Where("owner_type = ? AND owner_id IN ?", owner, ownerIDs).Order("id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("store: attachments of %s: %w", owner, err)
	}
	return s.deleteAttachments(tx, actor, rows)
}

// deleteAttachments deletes rows with their audit events and returns the
// storage keys left without a reference.
func (s *Store) deleteAttachments(tx *gorm.DB, actor audit.Actor, rows []model.Attachment) ([]string, error) {
	if len(rows) == 0 {
		return nil, nil
	}
	ids := make([]int64, len(rows))
	keySet := map[string]bool{}
	for i, a := range rows {
		ids[i] = a.ID
		keySet[a.StorageKey] = true
	}
	if err := tx.Where("id IN ?", ids).Delete(&model.Attachment{}).Error; err != nil {
		return nil, fmt.Errorf("store: delete attachments: %w", err)
	}
	for _, a := range rows {
		e := audit.Entry{Actor: actor, Action: audit.ActionAttachmentDelete, EntityType: audit.EntityAttachment, EntityID: a.ID, Changes: audit.Deleted(a)}
		if _, err := s.trail.Append(tx, e); err != nil {
			return nil, err
		}
	}
	keys := make([]string, 0, len(keySet))
	for k := range keySet {
		keys = append(keys, k)
	}
	still, err := referencedKeys(tx, keys)
	if err != nil {
		return nil, err
	}
	for _, k := range still {
		delete(keySet, k)
	}
	out := make([]string, 0, len(keySet))
	for k := range keySet {
		out = append(out, k)
	}
	sort.Strings(out)
	return out, nil
}

// RemoveUnreferenced removes the files under keys that no attachment row
// references. Call it after the transaction that deleted the rows has
// committed; an error means a file stays stored (log it: the deletion
// itself succeeded).
func (s *Store) RemoveUnreferenced(ctx context.Context, keys []string) error {
	if len(keys) == 0 {
		return nil
	}
	if s.files == nil {
		return ErrNoFileStore
	}
	// The deletion has happened; finish the cleanup even if the request ends.
	ctx = context.WithoutCancel(ctx)
	var errs []error
	for _, key := range keys {
		unlock := s.fileLocks.lock(key)
		errs = append(errs, s.removeIfUnreferenced(ctx, key, time.Time{}))
		unlock()
	}
	return errors.Join(errs...)
}

// orphanBatch is how many stored keys one reference query checks.
const orphanBatch = 500

// RemoveOrphanFiles removes the stored files that no row refers to and
// that were last written before writtenBefore, and returns their keys.
// Such files are left by a crash between a deletion's commit and its
// cleanup, by a cleanup that could not reach the storage, or by copying
// files in (attachments migrate). A file written since writtenBefore is
// spared, as it may belong to an upload whose row is not committed yet;
// each removal counts the references again under the file lock, so a
// file another record uses is never removed.
func (s *Store) RemoveOrphanFiles(ctx context.Context, writtenBefore time.Time) ([]string, error) {
	if s.files == nil {
		return nil, ErrNoFileStore
	}
	var old []string
	err := s.files.List(ctx, func(i filestore.Info) error {
		if i.Modified.Before(writtenBefore) {
			old = append(old, i.Key)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(old)
	var removed []string
	var errs []error
	for start := 0; start < len(old); start += orphanBatch {
		batch := old[start:min(start+orphanBatch, len(old))]
		still, err := referencedKeys(s.db.WithContext(ctx), batch)
		if err != nil {
			return removed, err
		}
		used := map[string]bool{}
		for _, k := range still {
			used[k] = true
		}
		for _, key := range batch {
			if used[key] {
				continue
			}
			unlock := s.fileLocks.lock(key)
			gone, err := s.removeIfUnreferencedOlder(ctx, key, writtenBefore)
			unlock()
			if err != nil {
				errs = append(errs, err)
			}
			if gone {
				removed = append(removed, key)
			}
		}
	}
	return removed, errors.Join(errs...)
}

// removeIfUnreferenced removes the file under key when no row references
// it (and, unless writtenBefore is zero, when it was last written before
// then). The caller holds the key's lock in this process; the
// transaction holds it across instances.
func (s *Store) removeIfUnreferenced(ctx context.Context, key string, writtenBefore time.Time) error {
	_, err := s.removeIfUnreferencedOlder(ctx, key, writtenBefore)
	return err
}

func (s *Store) removeIfUnreferencedOlder(ctx context.Context, key string, writtenBefore time.Time) (removed bool, err error) {
	err = s.tx(ctx, func(tx *gorm.DB) error {
		if err := LockAttachmentFile(tx, key); err != nil {
			return err
		}
		still, err := referencedKeys(tx, []string{key})
		if err != nil {
			return err
		}
		if len(still) > 0 {
			return nil
		}
		if !writtenBefore.IsZero() {
			// Written again since it was listed: an upload in progress.
			info, err := s.files.Stat(ctx, key)
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			if err != nil {
				return err
			}
			if !info.Modified.Before(writtenBefore) {
				return nil
			}
		}
		if err := s.files.Delete(ctx, key); err != nil {
			return err
		}
		removed = true
		return nil
	})
	return removed, err
}

// describeAttachments adds the uploaders' names with one query.
func describeAttachments(tx *gorm.DB, rows []model.Attachment) ([]AttachmentRow, error) {
	out := make([]AttachmentRow, len(rows))
	ids := []int64{}
	seen := map[int64]bool{}
	for i, a := range rows {
		out[i].Attachment = a
		if !seen[a.UploadedByID] {
			seen[a.UploadedByID] = true
			ids = append(ids, a.UploadedByID)
		}
	}
	if len(ids) == 0 {
		return out, nil
	}
	var users []struct {
		ID   int64
		Name string
	}
	if err := tx.Model(&model.User{}).Select("id", "name").Where("id IN ?", ids).Scan(&users).Error; err != nil {
		return nil, fmt.Errorf("store: attachment uploaders: %w", err)
	}
	names := make(map[int64]string, len(users))
	for _, u := range users {
		names[u.ID] = u.Name
	}
	for i := range out {
		out[i].UploadedByName = names[out[i].UploadedByID]
	}
	return out, nil
}

// referencedKeys returns those of keys that a row still refers to: an
// attachment or a file of a corrective-action answer (the same content
// is stored once for both).
func referencedKeys(tx *gorm.DB, keys []string) ([]string, error) {
	var still []string
	if err := tx.Model(&model.Attachment{}).Distinct("storage_key").Where("storage_key IN ?", keys).Pluck("storage_key", &still).Error; err != nil {
		return nil, fmt.Errorf("store: attachment references: %w", err)
	}
	var more []string
	if err := tx.Model(&model.CorrectiveActionFile{}).Distinct("storage_key").Where("storage_key IN ?", keys).Pluck("storage_key", &more).Error; err != nil {
		return nil, fmt.Errorf("store: corrective-action file references: %w", err)
	}
	return append(still, more...), nil
}
