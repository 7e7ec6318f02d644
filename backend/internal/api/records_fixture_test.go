package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/config"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// recordsFixture serves the inspections, findings and certifications
// tests. It creates manufacturers and sites straight in the database, so
// those tests do not depend on the sites API.
type recordsFixture struct {
	t   *testing.T
	srv *testutil.Server
	seq int
}

func newRecordsFixture(t *testing.T) *recordsFixture {
	return newRecordsFixtureWith(t, nil)
}

// newRecordsFixtureWith adjusts the server's configuration first.
func newRecordsFixtureWith(t *testing.T, adjust func(*config.Config)) *recordsFixture {
	return &recordsFixture{t: t, srv: testutil.NewServer(t, adjust)}
}

// site inserts a manufacturer and a qualified site of the given tier.
func (f *recordsFixture) site(tier model.RiskTier) model.Site {
	f.t.Helper()
	f.seq++
	m := model.Manufacturer{Name: fmt.Sprintf("Maker %d", f.seq), Country: "CN", Version: 1}
	testutil.Fatal(f.t, f.srv.DB.Create(&m).Error, "insert manufacturer")
	site := model.Site{
		ManufacturerID: m.ID, Code: fmt.Sprintf("MK%d-SZ", f.seq), Name: fmt.Sprintf("Shenzhen plant %d", f.seq),
		Country: "CN", Processes: model.StringList{"smt"}, RiskTier: tier,
		QualificationStatus: model.StatusQualified, StatusSince: f.srv.Clock.Now(), Version: 1,
	}
	testutil.Fatal(f.t, f.srv.DB.Create(&site).Error, "insert site")
	return site
}

// archive marks a site archived.
func (f *recordsFixture) archive(siteID int64) {
	f.t.Helper()
	err := f.srv.DB.Model(&model.Site{}).Where("id = ?", siteID).Update("archived_at", f.srv.Clock.Now()).Error
	testutil.Fatal(f.t, err, "archive site")
}

// readSite reads a site back from the database.
func (f *recordsFixture) readSite(id int64) model.Site {
	f.t.Helper()
	var s model.Site
	testutil.Fatal(f.t, f.srv.DB.Take(&s, id).Error, "read site")
	return s
}

// user is the id of the test user with role r.
func (f *recordsFixture) user(r model.Role) int64 { return f.srv.Users[r].ID }

// create posts body as procurement and returns the created record.
func (f *recordsFixture) create(path string, body any) apiRecord {
	f.t.Helper()
	return apiRecord(f.srv.Do(model.RoleProcurement, http.MethodPost, path, body).Want(http.StatusCreated).JSON())
}

// patch patches as procurement and returns the updated record.
func (f *recordsFixture) patch(path string, body map[string]any) apiRecord {
	f.t.Helper()
	return apiRecord(f.srv.Do(model.RoleProcurement, http.MethodPatch, path, body).Want(http.StatusOK).JSON())
}

// list reads a list as an auditor.
func (f *recordsFixture) list(path string) (items []apiRecord, total int) {
	f.t.Helper()
	var out struct {
		Items []apiRecord `json:"items"`
		Total int         `json:"total"`
	}
	f.srv.Do(model.RoleAuditor, http.MethodGet, path, nil).Want(http.StatusOK).Decode(&out)
	return out.Items, out.Total
}

// listIDs reads a list and returns the ids in order and the total.
func (f *recordsFixture) listIDs(path string) ([]int64, int) {
	f.t.Helper()
	items, total := f.list(path)
	ids := make([]int64, len(items))
	for i, it := range items {
		ids[i] = it.id()
	}
	return ids, total
}

// auditChanges returns the changes of the latest audit event with this
// action on the entity, read through the audit API.
func (f *recordsFixture) auditChanges(entityType string, id int64, action string) map[string]json.RawMessage {
	f.t.Helper()
	var out struct {
		Items []struct {
			Action  string                     `json:"action"`
			Changes map[string]json.RawMessage `json:"changes"`
		} `json:"items"`
	}
	f.srv.Do(model.RoleAuditor, http.MethodGet, fmt.Sprintf("/api/v1/audit-events?entity_type=%s&entity_id=%d", entityType, id), nil).
		Want(http.StatusOK).Decode(&out)
	for _, ev := range out.Items {
		if ev.Action == action {
			return ev.Changes
		}
	}
	f.t.Fatalf("no %s audit event for %s %d", action, entityType, id)
	return nil
}

// change decodes the [old, new] pair of field in an audit diff.
func (f *recordsFixture) change(changes map[string]json.RawMessage, field string) (old, new any) {
	f.t.Helper()
	raw, ok := changes[field]
	if !ok {
		f.t.Fatalf("audit changes have no %q: %v", field, changes)
	}
	var pair [2]any
	if err := json.Unmarshal(raw, &pair); err != nil {
		f.t.Fatalf("decode change %s: %v", raw, err)
	}
	return pair[0], pair[1]
}

// apiRecord is a JSON object as the API returned it.
type apiRecord map[string]any

func (r apiRecord) id() int64 { return r.num("id") }

func (r apiRecord) version() int64 { return r.num("version") }

func (r apiRecord) num(k string) int64 {
	v, _ := r[k].(float64)
	return int64(v)
}

func (r apiRecord) str(k string) string {
	v, _ := r[k].(string)
	return v
}

func (r apiRecord) obj(k string) apiRecord {
	v, _ := r[k].(map[string]any)
	return apiRecord(v)
}

// fromToday is the date offset days from the fixed clock's today, as the
// API writes it.
func fromToday(offset int) string { return testutil.Today().AddDays(offset).String() }
