package api_test

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/api"
	"github.com/qualtrack/qualtrack/backend/internal/config"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// bodyRoutes are the routes a client sends a body to.
func bodyRoutes(srv *testutil.Server) []api.Route {
	var out []api.Route
	for _, rt := range srv.API.Routes() {
		if rt.Method == http.MethodPost || rt.Method == http.MethodPatch || rt.Method == http.MethodPut {
			out = append(out, rt)
		}
	}
	return out
}

func routeURL(rt api.Route, id string) string {
	p := pathParam.ReplaceAllString(rt.Path, id)
	if rt.API {
		p = "/api/v1" + p
	}
	return p
}

// Every route has a limit, and the limit fits what the route receives:
// JSON bodies 1 MiB, uploads (the buyer's attachments and the supplier's
// files) the file limit plus a little multipart framing, nothing unbounded
// or huge.
func TestEveryRouteHasASensibleBodyLimit(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	fileLimit := srv.Config.MaxUploadMB << 20
	uploads, supplierUploads := 0, 0
	for _, rt := range srv.API.Routes() {
		n := rt.BodyLimit()
		switch {
		case rt.MaxBody == 0 && n != 1<<20:
			t.Errorf("%s %s: JSON limit %d, want 1 MiB", rt.Method, rt.Path, n)
		case (strings.HasSuffix(rt.Path, "/attachments") || strings.HasSuffix(rt.Path, "/files")) && rt.Method == http.MethodPost:
			if strings.HasPrefix(rt.Path, "/supplier/") {
				supplierUploads++
			} else {
				uploads++
			}
			if n <= fileLimit || n > fileLimit+1<<20 {
				t.Errorf("%s %s: limit %d for files of %d bytes", rt.Method, rt.Path, n, fileLimit)
			}
		case rt.MaxBody != 0 && (n < 1<<20 || n > 32<<20):
			t.Errorf("%s %s: limit %d outside 1-32 MiB", rt.Method, rt.Path, n)
		}
	}
	if uploads != 6 || supplierUploads != 3 {
		t.Fatalf("%d attachment upload routes, want 6; %d supplier upload routes, want 3", uploads, supplierUploads)
	}
}

// A declared body one byte over a route's limit is refused with 413 before
// anything reads it (or checks a token, or looks up a record); a body of
// exactly the limit is not.
func TestBodyOneByteOverTheLimitIs413(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, func(c *config.Config) { c.MaxUploadMB = 1 })
	for _, rt := range bodyRoutes(srv) {
		t.Run(rt.Method+" "+rt.Path, func(t *testing.T) {
			limit := rt.BodyLimit()
			ct := "application/json"
			if rt.MaxBody != 0 {
				ct = "multipart/form-data; boundary=x"
			}
			for _, role := range []model.Role{"", model.RoleAdmin} {
				h := http.Header{"Content-Type": {ct}}
				if role != "" {
					h.Set("Authorization", "Bearer "+srv.Tokens[role])
				}
				r := srv.DoWith(h, rt.Method, routeURL(rt, "1"), bytes.Repeat([]byte(" "), int(limit+1))).Want(http.StatusRequestEntityTooLarge)
				if r.ErrorCode() != "too_large" {
					t.Fatalf("code %q: %s", r.ErrorCode(), r.Body)
				}
				r = srv.DoWith(h, rt.Method, routeURL(rt, "1"), bytes.Repeat([]byte(" "), int(limit)))
				if r.Status == http.StatusRequestEntityTooLarge || r.Status >= 500 {
					t.Fatalf("at the limit: %d %s", r.Status, r.Body)
				}
			}
		})
	}
}

// streamed hides the length, as a chunked request does, so only the
// limit on reading stops it.
type streamed struct{ io.Reader }

// Without a declared length the body is cut off at the limit while the
// handler reads it: 413 for the byte over, never a half-read record.
func TestStreamedBodyOverTheLimitIs413(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, func(c *config.Config) { c.MaxUploadMB = 1 })
	owners := attCreateOwners(t, srv)
	auth := http.Header{"Authorization": {"Bearer " + srv.Tokens[model.RoleAdmin]}}
	var product, bom struct{ ID int64 }
	srv.Do(model.RoleProcurement, http.MethodPost, "/api/v1/products", map[string]any{"part_number": "MB-1", "name": "Mainboard"}).Want(http.StatusCreated).Decode(&product)
	srv.Do(model.RoleProcurement, http.MethodPost, fmt.Sprintf("/api/v1/products/%d/bom-revisions", product.ID),
		map[string]any{"bom_revision": "BOM-A", "avl_revision": "AVL-1", "effective_on": "2026-06-01"}).Want(http.StatusCreated).Decode(&bom)
	var site struct {
		ManufacturerID int64 `json:"manufacturer_id"`
	}
	srv.Do(model.RoleAdmin, http.MethodGet, fmt.Sprintf("/api/v1/sites/%d", owners.Site), nil).Want(http.StatusOK).Decode(&site)
	var change struct{ ID int64 }
	srv.Do(model.RoleProcurement, http.MethodPost, "/api/v1/change-notifications", map[string]any{"manufacturer_id": site.ManufacturerID,
		"kind": "equipment", "title": "New reflow oven", "site_ids": []int64{owners.Site}}).Want(http.StatusCreated).Decode(&change)
	for _, rt := range bodyRoutes(srv) {
		upload := rt.MaxBody != 0 && strings.HasSuffix(rt.Path, "/attachments")
		sample := map[string]bool{"POST /auth/login": true, "POST /manufacturers": true, "PATCH /sites/:id": true,
			"POST /inspections/:id/findings": true, "PATCH /certifications/:id": true}
		if !upload && !sample[rt.Method+" "+rt.Path] {
			continue
		}
		t.Run(rt.Method+" "+rt.Path, func(t *testing.T) {
			limit := rt.BodyLimit()
			id := map[string]int64{"sites": owners.Site, "inspections": owners.Inspection, "findings": owners.Finding, "certifications": owners.Certification,
				"bom-revisions": bom.ID, "change-notifications": change.ID}[strings.Split(rt.Path, "/")[1]]
			url := routeURL(rt, strconv.FormatInt(id, 10))
			before := attRowCount(t, srv)
			if upload {
				// A form field before the file pads the body: only the body
				// limit, not the file limit, can stop it.
				at := uploadOfSize(t, int(limit), "at-limit.txt")
				over := uploadOfSize(t, int(limit+1), "over-limit.txt")
				h := auth.Clone()
				h.Set("Content-Type", over.contentType)
				r := srv.DoWith(h, rt.Method, url, streamed{bytes.NewReader(over.body)}).Want(http.StatusRequestEntityTooLarge)
				if r.ErrorCode() != "too_large" || attRowCount(t, srv) != before {
					t.Fatalf("over the limit: %s; rows %d -> %d", r.Body, before, attRowCount(t, srv))
				}
				h.Set("Content-Type", at.contentType)
				srv.DoWith(h, rt.Method, url, streamed{bytes.NewReader(at.body)}).Want(http.StatusCreated)
				return
			}
			h := auth.Clone()
			h.Set("Content-Type", "application/json")
			r := srv.DoWith(h, rt.Method, url, streamed{jsonOfSize(int(limit + 1))}).Want(http.StatusRequestEntityTooLarge)
			if r.ErrorCode() != "too_large" {
				t.Fatalf("code %q", r.ErrorCode())
			}
			r = srv.DoWith(h, rt.Method, url, streamed{jsonOfSize(int(limit))})
			if r.Status == http.StatusRequestEntityTooLarge || r.Status >= 500 {
				t.Fatalf("at the limit: %d %s", r.Status, r.Body)
			}
		})
	}
}

// jsonOfSize is a JSON object of exactly n bytes.
func jsonOfSize(n int) io.Reader {
	const open, end = `{"notes":"`, `"}`
	return strings.NewReader(open + strings.Repeat("a", n-len(open)-len(end)) + end)
}

type multipartBody struct {
	body        []byte
	contentType string
}

// uploadOfSize is a multipart body of exactly n bytes: a padding field,
// then a small text file.
func uploadOfSize(t *testing.T, n int, name string) multipartBody {
	t.Helper()
	file := attFilePart(name, "text/plain", []byte("calibration record\n"))
	pad := attPart{Disposition: `form-data; name="padding"`}
	body, _ := attMultipart(t, pad, file)
	pad.Body = bytes.Repeat([]byte("p"), n-len(body))
	body, ct := attMultipart(t, pad, file)
	if len(body) != n {
		t.Fatalf("multipart body of %d bytes, want %d", len(body), n)
	}
	return multipartBody{body: body, contentType: ct}
}
