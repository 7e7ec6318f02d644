package api_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"testing"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

func TestAttachmentRoundTrip(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	owners := attCreateOwners(t, srv)
	uploader := srv.Users[model.RoleProcurement]

	for i, owner := range attOwnerTypes {
		t.Run(string(owner), func(t *testing.T) {
			content := append([]byte(nil), attPDF...)
			content = append(content, []byte(fmt.Sprintf("%% copy %d\n", i))...) // distinct bytes per owner
			name := "Audit report " + string(owner) + ".pdf"

			a := attDecode(attUpload(t, srv, model.RoleProcurement, owners.path(owner), name, content).Want(http.StatusCreated))
			want := attachmentJSON{ID: a.ID, OwnerType: string(owner), OwnerID: owners.id(owner), FileName: name,
				ContentType: "application/pdf", Size: int64(len(content)), SHA256: attSHA(content),
				UploadedByID: uploader.ID, UploadedByName: uploader.Name, UploadedAt: attFixedTime, CreatedAt: attFixedTime}
			if a.ID == 0 || a != want {
				t.Fatalf("created\n got %+v\nwant %+v", a, want)
			}

			var list struct {
				Items    []attachmentJSON `json:"items"`
				Total    int64            `json:"total"`
				Page     int              `json:"page"`
				PageSize int              `json:"page_size"`
			}
			srv.Do(model.RoleAuditor, http.MethodGet, owners.path(owner), nil).Want(http.StatusOK).Decode(&list)
			if list.Total != 1 || len(list.Items) != 1 || list.Items[0] != want || list.Page != 1 || list.PageSize != 50 {
				t.Fatalf("list = %+v, want only %+v", list, want)
			}

			r := srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/attachments/"+strconv.FormatInt(a.ID, 10), nil).Want(http.StatusOK)
			if !bytes.Equal(r.Body, content) {
				t.Fatalf("downloaded %d bytes that differ from the %d uploaded", len(r.Body), len(content))
			}
			wantHeaders := map[string]string{
				"Content-Type":            "application/pdf",
				"Content-Length":          strconv.Itoa(len(content)),
				"Content-Disposition":     `attachment; filename="` + name + `"; filename*=UTF-8''` + attRFC5987(name),
				"X-Content-Type-Options":  "nosniff",
				"Content-Security-Policy": "sandbox",
				"Etag":                    `"` + attSHA(content) + `"`,
			}
			for k, v := range wantHeaders {
				if got := r.Header.Get(k); got != v {
					t.Errorf("%s = %q, want %q", k, got, v)
				}
			}

			// The ETag lets a client revalidate without downloading again.
			h := http.Header{"Authorization": {"Bearer " + srv.Tokens[model.RoleAuditor]}, "If-None-Match": {`"` + attSHA(content) + `"`}}
			srv.DoWith(h, http.MethodGet, "/api/v1/attachments/"+strconv.FormatInt(a.ID, 10), nil).Want(http.StatusNotModified)
		})
	}

	// The audit trail records each upload with what was stored where.
	var events struct {
		Items []struct {
			Action   string                    `json:"action"`
			EntityID int64                     `json:"entity_id"`
			Changes  map[string][2]interface{} `json:"changes"`
		} `json:"items"`
	}
	srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/audit-events?entity_type=attachment", nil).Want(http.StatusOK).Decode(&events)
	if len(events.Items) != len(attOwnerTypes) {
		t.Fatalf("%d attachment events, want %d", len(events.Items), len(attOwnerTypes))
	}
	for _, ev := range events.Items {
		c := ev.Changes
		if ev.Action != "attachment.create" || c["file_name"][1] == nil || c["sha256"][1] == nil || c["size"][1] == nil ||
			c["owner_type"][1] == nil || c["owner_id"][1] == nil {
			t.Errorf("event %s %d changes %v: want file name, size, sha256 and owner", ev.Action, ev.EntityID, c)
		}
	}
}

// attRFC5987 percent-encodes like RFC 5987, written independently of the
// implementation: everything but letters, digits and !#$&+-.^_`|~.
func attRFC5987(s string) string {
	var b bytes.Buffer
	for _, c := range []byte(s) {
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || bytes.IndexByte([]byte("!#$&+-.^_`|~"), c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

func TestAttachmentDedupAndDelete(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	owners := attCreateOwners(t, srv)
	key := attSHA(attPDF)[:2] + "/" + attSHA(attPDF)

	first := attDecode(attUpload(t, srv, model.RoleProcurement, owners.path(model.OwnerSite), "report.pdf", attPDF).Want(http.StatusCreated))
	second := attDecode(attUpload(t, srv, model.RoleManager, owners.path(model.OwnerInspection), "copy of report.pdf", attPDF).Want(http.StatusCreated))
	if first.ID == second.ID || first.SHA256 != second.SHA256 {
		t.Fatalf("two uploads: ids %d/%d, sha256 %s/%s", first.ID, second.ID, first.SHA256, second.SHA256)
	}
	if stored, temp := attDisk(t, srv); len(stored) != 1 || stored[0] != key || len(temp) != 0 {
		t.Fatalf("on disk: %v (temporary %v), want only %s", stored, temp, key)
	}

	url := func(a attachmentJSON) string { return "/api/v1/attachments/" + strconv.FormatInt(a.ID, 10) }
	for _, role := range []model.Role{model.RoleManager, model.RoleProcurement, model.RoleAuditor} {
		if r := srv.Do(role, http.MethodDelete, url(first), nil).Want(http.StatusForbidden); r.ErrorCode() != "forbidden" {
			t.Errorf("%s delete: code %q", role, r.ErrorCode())
		}
	}

	srv.Do(model.RoleAdmin, http.MethodDelete, url(first), nil).Want(http.StatusNoContent)
	srv.Do(model.RoleAdmin, http.MethodGet, url(first), nil).Want(http.StatusNotFound)
	if stored, _ := attDisk(t, srv); len(stored) != 1 {
		t.Fatalf("the shared file went with the first of two references: %v", stored)
	}
	if r := srv.Do(model.RoleAuditor, http.MethodGet, url(second), nil).Want(http.StatusOK); !bytes.Equal(r.Body, attPDF) {
		t.Fatal("the remaining attachment no longer downloads its bytes")
	}

	srv.Do(model.RoleAdmin, http.MethodDelete, url(second), nil).Want(http.StatusNoContent)
	if stored, _ := attDisk(t, srv); len(stored) != 0 {
		t.Fatalf("file kept after its last reference went: %v", stored)
	}
	srv.Do(model.RoleAdmin, http.MethodDelete, url(second), nil).Want(http.StatusNotFound)

	// Each deletion keeps the deleted record in its audit event.
	var events struct {
		Items []struct {
			EntityID int64 `json:"entity_id"`
			Changes  struct {
				Deleted attachmentJSON `json:"deleted"`
			} `json:"changes"`
		} `json:"items"`
	}
	srv.Do(model.RoleAdmin, http.MethodGet, "/api/v1/audit-events?action=attachment.delete&sort=sequence", nil).Want(http.StatusOK).Decode(&events)
	if len(events.Items) != 2 {
		t.Fatalf("%d delete events, want 2", len(events.Items))
	}
	for i, a := range []attachmentJSON{first, second} {
		d := events.Items[i].Changes.Deleted
		if events.Items[i].EntityID != a.ID || d.FileName != a.FileName || d.SHA256 != a.SHA256 || d.OwnerID != a.OwnerID {
			t.Errorf("delete event %d = %+v, want the record of %+v", i, events.Items[i], a)
		}
	}
}

// TestDeleteAttachmentsOf covers what an owner's deletion calls: rows go
// with the owner's transaction, files only after commit and only when no
// other row shares them.
func TestDeleteAttachmentsOf(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	owners := attCreateOwners(t, srv)
	shared := attDecode(attUpload(t, srv, model.RoleProcurement, owners.path(model.OwnerInspection), "shared.pdf", attPDF).Want(http.StatusCreated))
	onSite := attDecode(attUpload(t, srv, model.RoleProcurement, owners.path(model.OwnerSite), "shared.pdf", attPDF).Want(http.StatusCreated))
	own := attDecode(attUpload(t, srv, model.RoleProcurement, owners.path(model.OwnerInspection), "photo.png", attPNG).Want(http.StatusCreated))
	admin := audit.ActorOf(srv.Users[model.RoleAdmin], "192.0.2.1")
	ctx := context.Background()

	// A rolled-back owner deletion keeps rows and files.
	rollback := errors.New("rollback")
	err := srv.DB.Transaction(func(tx *gorm.DB) error {
		if _, err := srv.Store.DeleteAttachmentsOf(tx, admin, model.OwnerInspection, owners.Inspection); err != nil {
			return err
		}
		return rollback
	})
	if !errors.Is(err, rollback) {
		t.Fatal(err)
	}
	if n := attRowCount(t, srv); n != 3 {
		t.Fatalf("%d rows after a rollback, want 3", n)
	}

	var keys []string
	err = srv.DB.Transaction(func(tx *gorm.DB) error {
		var err error
		keys, err = srv.Store.DeleteAttachmentsOf(tx, admin, model.OwnerInspection, owners.Inspection)
		return err
	})
	testutil.Fatal(t, err, "delete attachments of inspection")
	ownKey := own.SHA256[:2] + "/" + own.SHA256
	if len(keys) != 1 || keys[0] != ownKey {
		t.Fatalf("keys to remove = %v, want only %s (the other file is still used by the site)", keys, ownKey)
	}
	if stored, _ := attDisk(t, srv); len(stored) != 2 {
		t.Fatalf("files removed before RemoveUnreferenced: %v", stored)
	}
	testutil.Fatal(t, srv.Store.RemoveUnreferenced(ctx, keys), "remove unreferenced")
	if stored, _ := attDisk(t, srv); len(stored) != 1 || stored[0] != onSite.SHA256[:2]+"/"+onSite.SHA256 {
		t.Fatalf("on disk: %v, want only the file the site still uses", stored)
	}
	srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/attachments/"+strconv.FormatInt(shared.ID, 10), nil).Want(http.StatusNotFound)
	srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/attachments/"+strconv.FormatInt(onSite.ID, 10), nil).Want(http.StatusOK)

	var events struct {
		Total int64 `json:"total"`
	}
	srv.Do(model.RoleAdmin, http.MethodGet, "/api/v1/audit-events?action=attachment.delete", nil).Want(http.StatusOK).Decode(&events)
	if events.Total != 2 {
		t.Fatalf("%d delete events, want one per deleted attachment (2)", events.Total)
	}
	// Keys still referenced are never removed, whoever passes them.
	testutil.Fatal(t, srv.Store.RemoveUnreferenced(ctx, []string{onSite.SHA256[:2] + "/" + onSite.SHA256}), "remove referenced")
	if stored, _ := attDisk(t, srv); len(stored) != 1 {
		t.Fatal("RemoveUnreferenced removed a file a row still references")
	}
}

// TestAttachmentConcurrentUploadsAndDeletes races uploads of the same
// bytes against deletions of earlier copies: whatever the interleaving, a
// file is on disk exactly while a row references it.
func TestAttachmentConcurrentUploadsAndDeletes(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	owners := attCreateOwners(t, srv)
	body, ct := attMultipart(t, attFilePart("same.pdf", "application/pdf", attPDF))
	for round := 0; round < 15; round++ {
		existing := attDecode(attPost(srv, model.RoleProcurement, owners.path(model.OwnerSite), ct, body).Want(http.StatusCreated))
		var wg sync.WaitGroup
		statuses := make([]int, 4)
		for i := range statuses {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				if i == 0 {
					statuses[i] = srv.Do(model.RoleAdmin, http.MethodDelete, "/api/v1/attachments/"+strconv.FormatInt(existing.ID, 10), nil).Status
					return
				}
				statuses[i] = attPost(srv, model.RoleProcurement, owners.path(model.OwnerFinding), ct, body).Status
			}(i)
		}
		wg.Wait()
		if statuses[0] != http.StatusNoContent || statuses[1] != http.StatusCreated || statuses[2] != http.StatusCreated || statuses[3] != http.StatusCreated {
			t.Fatalf("round %d: statuses %v", round, statuses)
		}
		if stored, temp := attDisk(t, srv); len(stored) != 1 || len(temp) != 0 {
			t.Fatalf("round %d: %d rows but files %v (temporary %v)", round, attRowCount(t, srv), stored, temp)
		}
		// Remove every row; the file must go with the last.
		var ids []int64
		testutil.Fatal(t, srv.DB.Model(&model.Attachment{}).Pluck("id", &ids).Error, "ids")
		for _, id := range ids {
			srv.Do(model.RoleAdmin, http.MethodDelete, "/api/v1/attachments/"+strconv.FormatInt(id, 10), nil).Want(http.StatusNoContent)
		}
		if stored, _ := attDisk(t, srv); len(stored) != 0 {
			t.Fatalf("round %d: no rows but files %v", round, stored)
		}
	}
}
