package api_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"testing"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/config"
	"github.com/qualtrack/qualtrack/backend/internal/filestore"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// s3Server is a qualtrack server keeping attachments in a bucket of a
// real S3 server on loopback, under prefix.
func s3Server(t *testing.T, bucket *testutil.S3, prefix string) *testutil.Server {
	t.Helper()
	return testutil.NewServer(t, func(c *config.Config) { bucket.Configure(c, prefix) })
}

// attWantNoLocalFiles fails unless the server's local attachment
// directory holds no file at all (stored or temporary): with a bucket,
// uploads pass through it and leave nothing.
func attWantNoLocalFiles(t *testing.T, srv *testutil.Server) {
	t.Helper()
	if stored, temp := attDisk(t, srv); len(stored)+len(temp) > 0 {
		t.Errorf("local attachment directory holds %v and temporary %v", stored, temp)
	}
}

// With attachments in a bucket, an upload is stored as one object named by
// its hash (checked against the hash the client sent), downloads whole
// and by range with the stored type, is stored once when attached twice,
// and its object goes with its last record.
func TestS3AttachmentUploadDownloadDelete(t *testing.T) {
	t.Parallel()
	bucket := testutil.NewS3(t)
	srv := s3Server(t, bucket, "qualtrack")
	owners := attCreateOwners(t, srv)
	content := bytes.Repeat([]byte("calibration record, line after line\n"), 300)
	sha := attSHA(content)
	key := filestore.Key(sha)

	body, ct := attMultipart(t, attFilePart("calibration.txt", "application/octet-stream", content))
	h := http.Header{"Authorization": {"Bearer " + srv.Tokens[model.RoleProcurement]}, "Content-Type": {ct}, "X-Content-Sha256": {sha}}
	a := attDecode(srv.DoWith(h, http.MethodPost, owners.path(model.OwnerSite), body).Want(http.StatusCreated))
	if a.SHA256 != sha || a.Size != int64(len(content)) || a.ContentType != "text/plain; charset=utf-8" {
		t.Fatalf("upload answered %+v", a)
	}
	if got := bucket.Keys(t, "qualtrack"); fmt.Sprint(got) != fmt.Sprint([]string{key}) {
		t.Fatalf("bucket holds %v, want [%s]", got, key)
	}
	attWantNoLocalFiles(t, srv)

	// A client that sent another hash gets 422, and nothing is stored.
	h.Set("X-Content-Sha256", attSHA([]byte("other")))
	srv.DoWith(h, http.MethodPost, owners.path(model.OwnerInspection), body).Want(http.StatusUnprocessableEntity)
	if n := attRowCount(t, srv); n != 1 {
		t.Fatalf("%d rows after a refused upload", n)
	}

	dl := srv.Do(model.RoleAuditor, http.MethodGet, fmt.Sprintf("/api/v1/attachments/%d", a.ID), nil).Want(http.StatusOK)
	if !bytes.Equal(dl.Body, content) || dl.Header.Get("Content-Type") != "text/plain; charset=utf-8" || dl.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Fatalf("download: %d bytes, headers %v", len(dl.Body), dl.Header)
	}
	rh := http.Header{"Authorization": {"Bearer " + srv.Tokens[model.RoleAuditor]}, "Range": {"bytes=100-199"}}
	part := srv.DoWith(rh, http.MethodGet, fmt.Sprintf("/api/v1/attachments/%d", a.ID), nil).Want(http.StatusPartialContent)
	if !bytes.Equal(part.Body, content[100:200]) || part.Header.Get("Content-Range") != fmt.Sprintf("bytes 100-199/%d", len(content)) {
		t.Fatalf("range download: %q %v", part.Body, part.Header)
	}

	// The same bytes on a certification: a second row, still one object.
	b := attDecode(attUpload(t, srv, model.RoleProcurement, owners.path(model.OwnerCertification), "copy.txt", content).Want(http.StatusCreated))
	if got := bucket.Keys(t, "qualtrack"); len(got) != 1 {
		t.Fatalf("bucket holds %v after the same bytes again", got)
	}
	srv.Do(model.RoleAdmin, http.MethodDelete, fmt.Sprintf("/api/v1/attachments/%d", a.ID), nil).Want(http.StatusNoContent)
	if got := bucket.Keys(t, "qualtrack"); len(got) != 1 {
		t.Fatalf("the object went while another record uses it: %v", got)
	}
	srv.Do(model.RoleAuditor, http.MethodGet, fmt.Sprintf("/api/v1/attachments/%d", b.ID), nil).Want(http.StatusOK)
	srv.Do(model.RoleAdmin, http.MethodDelete, fmt.Sprintf("/api/v1/attachments/%d", b.ID), nil).Want(http.StatusNoContent)
	if got := bucket.Keys(t, "qualtrack"); len(got) != 0 {
		t.Fatalf("the object stayed after its last record went: %v", got)
	}
}

// Two instances on one database and one bucket (each with its own S3
// client and its own local directory): what one stores the other serves,
// byte for byte, and a file both stored is one object.
func TestS3TwoInstancesShareTheBucket(t *testing.T) {
	t.Parallel()
	bucket := testutil.NewS3(t)
	a := s3Server(t, bucket, "shared")
	b := secondInstance(t, a)
	b.Config.DataDir = t.TempDir() // not shared: only the bucket is
	owners := attCreateOwners(t, a)

	fromA := []byte("audit report uploaded through instance A")
	fromB := []byte("corrective action evidence uploaded through instance B")
	both := []byte("the same scan through both")
	ra := attDecode(attUpload(t, a, model.RoleProcurement, owners.path(model.OwnerSite), "a.txt", fromA).Want(http.StatusCreated))
	rb := attDecode(attUpload(t, b, model.RoleProcurement, owners.path(model.OwnerFinding), "b.txt", fromB).Want(http.StatusCreated))
	s1 := attDecode(attUpload(t, a, model.RoleProcurement, owners.path(model.OwnerInspection), "scan.txt", both).Want(http.StatusCreated))
	s2 := attDecode(attUpload(t, b, model.RoleProcurement, owners.path(model.OwnerCertification), "scan.txt", both).Want(http.StatusCreated))

	for _, srv := range []*testutil.Server{a, b} {
		for id, want := range map[int64][]byte{ra.ID: fromA, rb.ID: fromB, s1.ID: both, s2.ID: both} {
			got := srv.Do(model.RoleAuditor, http.MethodGet, fmt.Sprintf("/api/v1/attachments/%d", id), nil).Want(http.StatusOK)
			if !bytes.Equal(got.Body, want) {
				t.Errorf("attachment %d downloads %q, want %q", id, got.Body, want)
			}
		}
	}
	want := []string{filestore.Key(attSHA(fromA)), filestore.Key(attSHA(fromB)), filestore.Key(attSHA(both))}
	if got := bucket.Keys(t, "shared"); !sameSet(got, want) {
		t.Fatalf("bucket holds %v, want %v", got, want)
	}
	// Deleted through A, the shared object stays for B's record.
	a.Do(model.RoleAdmin, http.MethodDelete, fmt.Sprintf("/api/v1/attachments/%d", s1.ID), nil).Want(http.StatusNoContent)
	got := b.Do(model.RoleAuditor, http.MethodGet, fmt.Sprintf("/api/v1/attachments/%d", s2.ID), nil).Want(http.StatusOK)
	if !bytes.Equal(got.Body, both) {
		t.Fatalf("shared attachment after the other's deletion: %q", got.Body)
	}
	attWantNoLocalFiles(t, a)
}

// cutBody yields the first n bytes of a body, then fails as a client that
// went away does.
type cutBody struct {
	r io.Reader
}

func (c *cutBody) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if errors.Is(err, io.EOF) {
		return n, io.ErrUnexpectedEOF
	}
	return n, err
}

// An upload interrupted half way leaves nothing anywhere (no row, no
// object in the bucket, none under its final key, no temporary file),
// whether the client's body stops half way (400) or the connection to the
// bucket drops half way through sending the object (503).
func TestS3InterruptedUploadLeavesNothing(t *testing.T) {
	t.Parallel()
	bucket := testutil.NewS3(t)
	srv := s3Server(t, bucket, "")
	owners := attCreateOwners(t, srv)
	content := bytes.Repeat([]byte("a long inspection video transcript\n"), 20000)
	body, ct := attMultipart(t, attFilePart("transcript.txt", "application/octet-stream", content))
	res := attPost(srv, model.RoleProcurement, owners.path(model.OwnerSite), ct, &cutBody{r: bytes.NewReader(body[:len(body)/2])})
	res.Want(http.StatusBadRequest)
	if e := res.JSON()["error"].(map[string]any); e["code"] != "bad_request" {
		t.Fatalf("error %v", e)
	}
	if n := attRowCount(t, srv); n != 0 {
		t.Fatalf("%d rows after an interrupted upload", n)
	}
	if _, err := bucket.Store(t, "").Stat(context.Background(), filestore.Key(attSHA(content))); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("the final key after an interrupted upload: %v", err)
	}
	if got := bucket.Keys(t, ""); len(got) != 0 {
		t.Fatalf("bucket holds %v after an interrupted upload", got)
	}
	attWantNoLocalFiles(t, srv)

	bucket.CutUploads(true)
	res = attPost(srv, model.RoleProcurement, owners.path(model.OwnerSite), ct, body)
	res.Want(http.StatusServiceUnavailable)
	if e := res.JSON()["error"].(map[string]any); e["code"] != "storage_unavailable" {
		t.Fatalf("error %v", e)
	}
	bucket.CutUploads(false)
	if n := attRowCount(t, srv); n != 0 {
		t.Fatalf("%d rows after an upload cut on its way to the bucket", n)
	}
	if got := bucket.Keys(t, ""); len(got) != 0 {
		t.Fatalf("bucket holds %v after an upload cut on its way to it", got)
	}
	attWantNoLocalFiles(t, srv)
	// The same upload again, with the bucket reachable, goes through.
	attPost(srv, model.RoleProcurement, owners.path(model.OwnerSite), ct, body).Want(http.StatusCreated)
	if got := bucket.Keys(t, ""); fmt.Sprint(got) != fmt.Sprint([]string{filestore.Key(attSHA(content))}) {
		t.Fatalf("bucket holds %v after the upload was sent again", got)
	}
}

// A bucket that cannot be reached: uploads and downloads answer 503
// storage_unavailable (the contract's error shape, with Retry-After), an
// upload adds no record and leaves no file, and what lives in the
// database (the attachment list) still answers.
func TestS3BucketUnreachable(t *testing.T) {
	t.Parallel()
	bucket := testutil.NewS3(t)
	srv := s3Server(t, bucket, "qt")
	owners := attCreateOwners(t, srv)
	stored := attDecode(attUpload(t, srv, model.RoleProcurement, owners.path(model.OwnerSite), "before.txt", []byte("stored before the outage")).Want(http.StatusCreated))

	bucket.Close()
	for _, res := range []*testutil.Response{
		attUpload(t, srv, model.RoleProcurement, owners.path(model.OwnerSite), "during.txt", []byte("sent during the outage")),
		srv.Do(model.RoleAuditor, http.MethodGet, fmt.Sprintf("/api/v1/attachments/%d", stored.ID), nil),
	} {
		res.Want(http.StatusServiceUnavailable)
		e := res.JSON()["error"].(map[string]any)
		if e["code"] != "storage_unavailable" || e["message"] == "" || res.Header.Get("Retry-After") == "" {
			t.Errorf("%s %s: %v (Retry-After %q)", res.Method, res.Path, e, res.Header.Get("Retry-After"))
		}
	}
	if n := attRowCount(t, srv); n != 1 {
		t.Fatalf("%d rows after an upload during the outage, want only the one before", n)
	}
	attWantNoLocalFiles(t, srv)
	var list struct {
		Total int `json:"total"`
	}
	srv.Do(model.RoleAuditor, http.MethodGet, owners.path(model.OwnerSite), nil).Want(http.StatusOK).Decode(&list)
	if list.Total != 1 {
		t.Fatalf("the list shows %d attachments", list.Total)
	}
}

// The orphan clean-up removes an old object no record refers to, and
// spares an object records use (even one an old record shares with a
// deleted one) and an unreferenced object written recently (an upload
// whose row may not be committed yet).
func TestS3OrphanCleanUpSparesUsedAndRecentObjects(t *testing.T) {
	t.Parallel()
	bucket := testutil.NewS3(t)
	srv := s3Server(t, bucket, "qt")
	owners := attCreateOwners(t, srv)
	ctx := context.Background()
	put := func(b []byte) string {
		k := filestore.Key(attSHA(b))
		_, err := srv.App.Files.Put(ctx, k, bytes.NewReader(b), int64(len(b)))
		testutil.Fatal(t, err, "put")
		return k
	}

	bucket.Backdate(2 * time.Hour)
	shared := []byte("certificate scan on two records")
	keep := attDecode(attUpload(t, srv, model.RoleProcurement, owners.path(model.OwnerSite), "scan.txt", shared).Want(http.StatusCreated))
	gone := attDecode(attUpload(t, srv, model.RoleProcurement, owners.path(model.OwnerCertification), "scan.txt", shared).Want(http.StatusCreated))
	used := attDecode(attUpload(t, srv, model.RoleProcurement, owners.path(model.OwnerFinding), "used.txt", []byte("used by a finding")).Want(http.StatusCreated))
	orphan := put([]byte("left behind by a crash after a deletion"))
	bucket.Backdate(0)
	recent := put([]byte("an upload whose row is not committed yet"))
	srv.Do(model.RoleAdmin, http.MethodDelete, fmt.Sprintf("/api/v1/attachments/%d", gone.ID), nil).Want(http.StatusNoContent)

	removed, err := srv.Store.RemoveOrphanFiles(ctx, time.Now().Add(-time.Hour))
	testutil.Fatal(t, err, "clean up")
	if fmt.Sprint(removed) != fmt.Sprint([]string{orphan}) {
		t.Fatalf("removed %v, want only the old orphan %s", removed, orphan)
	}
	want := []string{filestore.Key(keep.SHA256), filestore.Key(used.SHA256), recent}
	if got := bucket.Keys(t, "qt"); !sameSet(got, want) {
		t.Fatalf("bucket holds %v, want %v", got, want)
	}
	for id, b := range map[int64][]byte{keep.ID: shared, used.ID: []byte("used by a finding")} {
		if got := srv.Do(model.RoleAuditor, http.MethodGet, fmt.Sprintf("/api/v1/attachments/%d", id), nil).Want(http.StatusOK); !bytes.Equal(got.Body, b) {
			t.Errorf("attachment %d after the clean-up: %q", id, got.Body)
		}
	}
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	seen := map[string]int{}
	for _, s := range a {
		seen[s]++
	}
	for _, s := range b {
		seen[s]--
	}
	for _, n := range seen {
		if n != 0 {
			return false
		}
	}
	return true
}
