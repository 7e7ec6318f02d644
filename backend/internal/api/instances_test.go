package api_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/app"
	"github.com/qualtrack/qualtrack/backend/internal/auth"
	"github.com/qualtrack/qualtrack/backend/internal/database"
	"github.com/qualtrack/qualtrack/backend/internal/filestore"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/store"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// secondInstance is another qualtrack server on a's database: its own
// connection pool, the same secret and the same (shared) data directory,
// as two instances behind a load balancer would be.
func secondInstance(t *testing.T, a *testutil.Server) *testutil.Server {
	t.Helper()
	db, err := database.Open(context.Background(), database.Options{Dialect: a.DB.Dialect, DSN: a.DB.DSN, Now: a.Clock.Now})
	testutil.Fatal(t, err, "open second pool")
	t.Cleanup(func() { _ = database.Close(db) })
	second, err := app.New(a.Config, db, app.Options{Now: a.Clock.Now, Hasher: auth.NewTestHasher()})
	testutil.Fatal(t, err, "second app.New")
	srv, err := second.HTTP(nil)
	testutil.Fatal(t, err, "second api.New")
	h, err := srv.Handler()
	testutil.Fatal(t, err, "second handler")
	return &testutil.Server{T: t, DB: &testutil.DB{DB: db, Dialect: a.DB.Dialect, DSN: a.DB.DSN}, Clock: a.Clock, App: second, API: srv,
		Handler: h, Store: second.Store, Config: a.Config, Users: a.Users, Tokens: a.Tokens}
}

// Two instances on one PostgreSQL database and one shared attachments
// directory take writes at once: sites, inspections and attachments
// (the same file uploaded and deleted through both). Afterwards each reads
// everything the other wrote, every stored row has its file and no file is
// left without a row, and the audit chain verifies.
func TestTwoInstancesOnePostgres(t *testing.T) {
	t.Parallel()
	if os.Getenv(testutil.PostgresURLEnv) == "" {
		t.Skip("needs " + testutil.PostgresURLEnv + ": several instances share a PostgreSQL database")
	}
	a := testutil.NewServer(t, nil)
	b := secondInstance(t, a)
	instances := []*testutil.Server{a, b}

	var m struct {
		ID int64 `json:"id"`
	}
	a.Do(model.RoleProcurement, http.MethodPost, "/api/v1/manufacturers", map[string]any{"name": "Shared Works", "country": "DE"}).
		Want(http.StatusCreated).Decode(&m)
	shared := []byte("the same certificate scan, uploaded through both instances")
	sharedBody, sharedType := attMultipart(t, attFilePart("scan.txt", "application/octet-stream", shared))

	const workers, rounds = 4, 5
	type written struct {
		sites, inspections, attachments []int64
		uniques                         map[int64][]byte
	}
	results := make([]written, len(instances)*workers)
	var wg sync.WaitGroup
	for i, srv := range instances {
		other := instances[1-i]
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				out := &results[i*workers+w]
				out.uniques = map[int64][]byte{}
				bearer := func(role model.Role, ct string) http.Header {
					h := http.Header{}
					h.Set("Authorization", "Bearer "+srv.Tokens[role])
					if ct != "" {
						h.Set("Content-Type", ct)
					}
					return h
				}
				for r := range rounds {
					code := fmt.Sprintf("I%d-W%d-R%d", i, w, r)
					res := srv.Do(model.RoleProcurement, http.MethodPost, "/api/v1/sites", map[string]any{
						"manufacturer_id": m.ID, "code": code, "name": code, "country": "DE", "risk_tier": "high"})
					if res.Status != http.StatusCreated {
						t.Errorf("instance %d: create site: %d %s", i, res.Status, res.Body)
						return
					}
					site := res.JSON()
					siteID := int64(site["id"].(float64))
					out.sites = append(out.sites, siteID)
					res = srv.Do(model.RoleProcurement, http.MethodPost, "/api/v1/inspections", testutil.Signed(map[string]any{
						"site_id": siteID, "type": "qualification", "status": "completed",
						"performed_date": testutil.Today().AddDays(-r).String(), "result": "pass", "score": 90}, model.MeaningAuthored))
					if res.Status != http.StatusCreated {
						t.Errorf("instance %d: create inspection: %d %s", i, res.Status, res.Body)
						return
					}
					out.inspections = append(out.inspections, int64(res.JSON()["id"].(float64)))

					path := fmt.Sprintf("/api/v1/sites/%d/attachments", siteID)
					// The shared file: kept, then a second copy deleted through
					// the other instance while uploads of it go on.
					keep := srv.DoWith(bearer(model.RoleProcurement, sharedType), http.MethodPost, path, sharedBody)
					extra := srv.DoWith(bearer(model.RoleProcurement, sharedType), http.MethodPost, path, sharedBody)
					if keep.Status != http.StatusCreated || extra.Status != http.StatusCreated {
						t.Errorf("instance %d: upload shared file: %d %d", i, keep.Status, extra.Status)
						return
					}
					out.attachments = append(out.attachments, attDecode(keep).ID)
					del := other.DoWith(bearer(model.RoleAdmin, ""), http.MethodDelete, fmt.Sprintf("/api/v1/attachments/%d", attDecode(extra).ID), nil)
					if del.Status != http.StatusNoContent {
						t.Errorf("instance %d: delete through the other instance: %d %s", i, del.Status, del.Body)
					}
					// A file of its own, uploaded and (every other round) deleted.
					unique := []byte(code + " inspection photo")
					body, ct := attMultipart(t, attFilePart(code+"-notes.txt", "application/octet-stream", unique))
					up := srv.DoWith(bearer(model.RoleProcurement, ct), http.MethodPost, path, body)
					if up.Status != http.StatusCreated {
						t.Errorf("instance %d: upload: %d %s", i, up.Status, up.Body)
						return
					}
					id := attDecode(up).ID
					if r%2 == 1 {
						if del := other.DoWith(bearer(model.RoleAdmin, ""), http.MethodDelete, fmt.Sprintf("/api/v1/attachments/%d", id), nil); del.Status != http.StatusNoContent {
							t.Errorf("instance %d: delete: %d", i, del.Status)
						}
						continue
					}
					out.attachments = append(out.attachments, id)
					out.uniques[id] = unique
				}
			}()
		}
	}
	wg.Wait()
	if t.Failed() {
		t.FailNow()
	}

	var sites, inspections, attachments []int64
	contents := map[int64][]byte{}
	for _, r := range results {
		sites = append(sites, r.sites...)
		inspections = append(inspections, r.inspections...)
		for _, id := range r.attachments {
			attachments = append(attachments, id)
			contents[id] = shared
		}
		for id, c := range r.uniques {
			contents[id] = c
		}
	}
	if len(sites) != len(instances)*workers*rounds {
		t.Fatalf("%d sites written", len(sites))
	}
	for _, srv := range instances {
		var list struct {
			Total int `json:"total"`
		}
		srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/sites?page_size=200", nil).Want(http.StatusOK).Decode(&list)
		if list.Total != len(sites) {
			t.Errorf("an instance lists %d sites, want %d", list.Total, len(sites))
		}
		for _, id := range sites {
			site := srv.Do(model.RoleAuditor, http.MethodGet, fmt.Sprintf("/api/v1/sites/%d", id), nil).Want(http.StatusOK).JSON()
			// The other instance's inspection moved this site's schedule.
			if site["last_inspection_result"] != "pass" {
				t.Errorf("site %d read back with last_inspection_result %v", id, site["last_inspection_result"])
			}
		}
		for _, id := range inspections {
			srv.Do(model.RoleAuditor, http.MethodGet, fmt.Sprintf("/api/v1/inspections/%d", id), nil).Want(http.StatusOK)
		}
		for _, id := range attachments {
			res := srv.Do(model.RoleAuditor, http.MethodGet, fmt.Sprintf("/api/v1/attachments/%d", id), nil).Want(http.StatusOK)
			if !bytes.Equal(res.Body, contents[id]) {
				t.Errorf("attachment %d downloads %q", id, res.Body)
			}
		}
		var verify struct {
			Valid  bool  `json:"valid"`
			Events int64 `json:"events"`
		}
		srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/audit-events/verify", nil).Want(http.StatusOK).Decode(&verify)
		if !verify.Valid || verify.Events < int64(len(sites)+len(inspections)+len(attachments)) {
			t.Errorf("audit chain %+v", verify)
		}
	}

	// Every row's file is there, and only those files are.
	var keys []string
	testutil.Fatal(t, a.DB.Model(&model.Attachment{}).Distinct("storage_key").Order("storage_key").Pluck("storage_key", &keys).Error, "keys")
	stored, temp := attDisk(t, a)
	sort.Strings(stored)
	if fmt.Sprint(stored) != fmt.Sprint(keys) || len(temp) > 0 {
		t.Errorf("files on disk %v (temporary %v), rows reference %v", stored, temp, keys)
	}
}

// An upload in progress on one instance (its file placed, its row not yet
// committed) keeps another instance's cleanup of the same file waiting,
// so the cleanup sees the row and keeps the file.
func TestCleanupWaitsForAnotherInstancesUpload(t *testing.T) {
	t.Parallel()
	if os.Getenv(testutil.PostgresURLEnv) == "" {
		t.Skip("needs " + testutil.PostgresURLEnv + ": the guard is a PostgreSQL advisory lock")
	}
	a := testutil.NewServer(t, nil)
	b := secondInstance(t, a)
	owners := attCreateOwners(t, a)
	content := []byte("uploaded on instance A")
	key := filestore.Key(attSHA(content))
	path := filepath.Join(a.Config.DataDir, "attachments", filepath.FromSlash(key))
	testutil.Fatal(t, os.MkdirAll(filepath.Dir(path), 0o700), "mkdir")
	testutil.Fatal(t, os.WriteFile(path, content, 0o600), "place file")

	// Instance A, mid-upload: lock held, row inserted, not committed.
	tx := a.DB.Begin()
	testutil.Fatal(t, tx.Error, "begin")
	t.Cleanup(func() { tx.Rollback() }) // before the schema is dropped
	testutil.Fatal(t, store.LockAttachmentFile(tx, key), "lock")
	row := model.Attachment{OwnerType: model.OwnerSite, OwnerID: owners.Site, FileName: "a.txt", ContentType: "text/plain",
		Size: int64(len(content)), SHA256: attSHA(content), StorageKey: key, UploadedByID: a.Users[model.RoleAdmin].ID, UploadedAt: testutil.FixedNow}
	testutil.Fatal(t, tx.Create(&row).Error, "insert row")

	done := make(chan error, 1)
	go func() { done <- b.Store.RemoveUnreferenced(context.Background(), []string{key}) }()
	select {
	case err := <-done:
		t.Fatalf("instance B's cleanup did not wait for A's upload (err %v)", err)
	case <-time.After(300 * time.Millisecond):
	}
	testutil.Fatal(t, tx.Commit().Error, "commit")
	testutil.Fatal(t, <-done, "cleanup")
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("the cleanup removed a file a committed row references: %v", err)
	}
}

// Sign-in limits count in the database: failures through one instance
// count on the other, so running more instances gives an attacker no more
// guesses. The table keeps hashes, never the e-mail or the address, and
// forgets what left the window.
func TestSignInLimitsAreSharedByInstances(t *testing.T) {
	t.Parallel()
	a := testutil.NewServer(t, nil)
	b := secondInstance(t, a)
	email := a.Users[model.RoleProcurement].Email
	bad := map[string]string{"email": email, "password": "not the password"}
	good := map[string]string{"email": email, "password": testutil.Password}
	for i := range 5 {
		[]*testutil.Server{a, b}[i%2].Do("", http.MethodPost, "/api/v1/auth/login", bad).Want(http.StatusUnauthorized)
	}
	for _, srv := range []*testutil.Server{a, b} {
		if r := srv.Do("", http.MethodPost, "/api/v1/auth/login", good).Want(http.StatusTooManyRequests); r.Header.Get("Retry-After") == "" {
			t.Errorf("429 without Retry-After: %v", r.Header)
		}
	}
	var keys []string
	testutil.Fatal(t, a.DB.Model(&model.LoginFailure{}).Distinct("key_hash").Pluck("key_hash", &keys).Error, "read failures")
	if len(keys) != 3 {
		t.Errorf("%d keys for one e-mail from one address, want 3 (pair, address, account)", len(keys))
	}
	for _, k := range keys {
		if len(k) != 64 || strings.Contains(k, "@") || strings.Contains(k, ".") {
			t.Errorf("stored key %q is not a hash", k)
		}
	}

	// After the window the right password works on both; the next failure
	// deletes the rows that left the window.
	a.Clock.Advance(16 * time.Minute)
	a.Do("", http.MethodPost, "/api/v1/auth/login", good).Want(http.StatusOK)
	b.Do("", http.MethodPost, "/api/v1/auth/login", good).Want(http.StatusOK)
	b.Do("", http.MethodPost, "/api/v1/auth/login", bad).Want(http.StatusUnauthorized)
	var n int64
	testutil.Fatal(t, a.DB.Model(&model.LoginFailure{}).Count(&n).Error, "count failures")
	if n != 3 {
		t.Errorf("%d failure rows after one new failure, want its 3: old ones are kept", n)
	}
}
