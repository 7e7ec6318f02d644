package api_test

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// A client that sends X-Content-SHA256 gets its file stored only when the
// bytes received have that hash: 422 when they differ, 400 when the header
// is not a SHA-256, and nothing is stored in either case.
func TestAttachmentUploadChecksTheSentSHA256(t *testing.T) {
	t.Parallel()
	sum := sha256.Sum256(attPNG)
	good := hex.EncodeToString(sum[:])
	other := sha256.Sum256([]byte("another photo"))
	tests := []struct {
		name, header string
		wantStatus   int
		wantField    string // the field of a 422
	}{
		{"the file's hash", good, http.StatusCreated, ""},
		{"the hash in capitals", strings.ToUpper(good), http.StatusCreated, ""},
		{"another file's hash", hex.EncodeToString(other[:]), http.StatusUnprocessableEntity, "file"},
		{"not hexadecimal", strings.Repeat("z", 64), http.StatusBadRequest, ""},
		{"too short", good[:63], http.StatusBadRequest, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := testutil.NewServer(t, nil)
			path := attCreateOwners(t, srv).path(model.OwnerInspection)
			body, ct := attMultipart(t, attFilePart("photo.png", "image/png", attPNG))
			h := http.Header{}
			h.Set("Authorization", "Bearer "+srv.Tokens[model.RoleProcurement])
			h.Set("Content-Type", ct)
			h.Set("X-Content-SHA256", tt.header)
			r := srv.DoWith(h, http.MethodPost, path, body).Want(tt.wantStatus)
			if tt.wantStatus == http.StatusCreated {
				if a := attDecode(r); a.SHA256 != good {
					t.Errorf("stored hash %q, want %q", a.SHA256, good)
				}
				return
			}
			if tt.wantField != "" && !strings.Contains(r.ErrorFields()[tt.wantField], "SHA-256") {
				t.Errorf("body %s: want %s naming the SHA-256", r.Body, tt.wantField)
			}
			attWantNothingStored(t, srv)
		})
	}
}
