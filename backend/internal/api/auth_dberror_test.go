package api_test

import (
	"net/http"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/database"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// When the database fails, a signed-in request answers 500, not 401: a
// 401 tells the web app the session ended and signs the user out.
func TestDatabaseFailureIsNotASignOut(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	testutil.Fatal(t, database.Close(srv.DB.DB), "close the pool")
	r := srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/sites", nil)
	if r.Status != http.StatusInternalServerError || r.ErrorCode() != "internal" {
		t.Fatalf("status %d %s, want 500 internal", r.Status, r.Body)
	}
}
