package api_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/reminders"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// runReminders runs today's reminders over the server's database, without
// e-mail (the test server has no SMTP server).
func runReminders(t *testing.T, srv *testutil.Server) reminders.Result {
	t.Helper()
	res, err := reminders.NewScheduler(reminders.Options{Store: srv.Store, BaseURL: srv.Config.BaseURL, Hour: 6}).RunOnce(context.Background())
	testutil.Fatal(t, err, "run reminders")
	return res
}

type notificationsPage struct {
	Items []struct {
		ID         int64   `json:"id"`
		Kind       string  `json:"kind"`
		EntityType string  `json:"entity_type"`
		EntityID   int64   `json:"entity_id"`
		Title      string  `json:"title"`
		Body       string  `json:"body"`
		Link       string  `json:"link"`
		DueDate    string  `json:"due_date"`
		ReadAt     *string `json:"read_at"`
		CreatedAt  string  `json:"created_at"`
	} `json:"items"`
	Total int `json:"total"`
}

func listNotifications(srv *testutil.Server, role model.Role, query string) notificationsPage {
	srv.T.Helper()
	var out notificationsPage
	srv.Do(role, http.MethodGet, "/api/v1/notifications"+query, nil).Want(http.StatusOK).Decode(&out)
	return out
}

func unreadCount(srv *testutil.Server, role model.Role) int {
	srv.T.Helper()
	var out struct {
		Count int `json:"count"`
	}
	srv.Do(role, http.MethodGet, "/api/v1/notifications/unread-count", nil).Want(http.StatusOK).Decode(&out)
	return out.Count
}

// Each user sees their own notifications only, with a link to the record,
// and marks them read; another user's notification is not found.
func TestNotificationsAreEachUsersOwn(t *testing.T) {
	t.Parallel()
	f := newRecordsFixture(t)
	srv := f.srv
	site := f.site(model.RiskHigh)
	cert := f.create("/api/v1/certifications", map[string]any{"site_id": site.ID, "standard": "ISO 9001:2015", "expires_on": fromToday(30)})
	if res := runReminders(t, srv); res.Reminders != 3 {
		t.Fatalf("run: %+v", res)
	}

	page := listNotifications(srv, model.RoleProcurement, "")
	if page.Total != 1 || len(page.Items) != 1 {
		t.Fatalf("procurement has %d notifications", page.Total)
	}
	n := page.Items[0]
	if n.Kind != "certificate_expiry" || n.EntityType != "certification" || n.EntityID != cert.id() ||
		n.Link != fmt.Sprintf("/certifications/%d", cert.id()) || n.DueDate != fromToday(30) || n.ReadAt != nil ||
		n.Title != "ISO 9001:2015 certificate of "+site.Code+" expires in 30 days" {
		t.Fatalf("notification %+v", n)
	}
	if unreadCount(srv, model.RoleProcurement) != 1 || unreadCount(srv, model.RoleAuditor) != 0 {
		t.Fatal("unread counts")
	}
	if got := listNotifications(srv, model.RoleAuditor, ""); got.Total != 0 {
		t.Fatalf("the auditor sees %d notifications", got.Total)
	}

	// The manager has a notification of their own, but not this one.
	path := fmt.Sprintf("/api/v1/notifications/%d/read", n.ID)
	srv.Do(model.RoleManager, http.MethodPost, path, nil).Want(http.StatusNotFound)
	if unreadCount(srv, model.RoleProcurement) != 1 {
		t.Fatal("another user marked procurement's notification read")
	}
	read := srv.Do(model.RoleProcurement, http.MethodPost, path, nil).Want(http.StatusOK).JSON()
	if read["read_at"] == nil || read["id"].(float64) != float64(n.ID) {
		t.Fatalf("marked read: %v", read)
	}
	srv.Do(model.RoleProcurement, http.MethodPost, path, nil).Want(http.StatusOK) // again is fine
	if unreadCount(srv, model.RoleProcurement) != 0 {
		t.Fatal("still unread")
	}
	if got := listNotifications(srv, model.RoleProcurement, "?unread=true"); got.Total != 0 {
		t.Fatalf("unread=true lists %d", got.Total)
	}
	if got := listNotifications(srv, model.RoleProcurement, "?unread=false"); got.Total != 1 {
		t.Fatalf("unread=false lists %d", got.Total)
	}

	var marked struct {
		Marked int `json:"marked"`
	}
	srv.Do(model.RoleManager, http.MethodPost, "/api/v1/notifications/read-all", nil).Want(http.StatusOK).Decode(&marked)
	if marked.Marked != 1 || unreadCount(srv, model.RoleManager) != 0 || unreadCount(srv, model.RoleAdmin) != 1 {
		t.Fatalf("read-all marked %d; admin's must stay unread", marked.Marked)
	}

	for _, bad := range []struct {
		method, path string
		status       int
	}{
		{http.MethodGet, "/api/v1/notifications?unread=maybe", http.StatusUnprocessableEntity},
		{http.MethodGet, "/api/v1/notifications?sort=title", http.StatusUnprocessableEntity},
		{http.MethodGet, "/api/v1/notifications?page_size=201", http.StatusUnprocessableEntity},
		{http.MethodPost, "/api/v1/notifications/abc/read", http.StatusNotFound},
		{http.MethodPost, "/api/v1/notifications/0/read", http.StatusNotFound},
	} {
		srv.Do(model.RoleProcurement, bad.method, bad.path, nil).Want(bad.status)
	}
}

// Users choose per kind how they hear of reminders; the role decides until
// they do, and the run follows their choice.
func TestNotificationPreferences(t *testing.T) {
	t.Parallel()
	f := newRecordsFixture(t)
	srv := f.srv
	type prefs struct {
		Preferences    map[string]string `json:"preferences"`
		Defaults       map[string]string `json:"defaults"`
		EmailAvailable bool              `json:"email_available"`
	}
	get := func(role model.Role) prefs {
		var p prefs
		srv.Do(role, http.MethodGet, "/api/v1/me/notification-preferences", nil).Want(http.StatusOK).Decode(&p)
		return p
	}
	all := func(ch string) map[string]string {
		return map[string]string{"certificate_expiry": ch, "inspection_due": ch, "finding_overdue": ch, "conditional_ending": ch, "supplier_answer": ch}
	}
	// A supplier hears only of the stages it must answer, and can choose
	// nothing else.
	if p := get(model.RoleSupplier); !equalStringMaps(p.Preferences, map[string]string{"answer_due": "email"}) {
		t.Fatalf("supplier defaults: %+v", p)
	}
	refused := srv.Do(model.RoleSupplier, http.MethodPut, "/api/v1/me/notification-preferences",
		map[string]any{"preferences": map[string]string{"certificate_expiry": "email"}}).Want(http.StatusUnprocessableEntity).ErrorFields()
	if !strings.Contains(refused["preferences.certificate_expiry"], "yours are answer_due") {
		t.Fatalf("the supplier's refusal: %v", refused)
	}
	srv.Do(model.RoleProcurement, http.MethodPut, "/api/v1/me/notification-preferences",
		map[string]any{"preferences": map[string]string{"answer_due": "email"}}).Want(http.StatusUnprocessableEntity)
	if p := get(model.RoleAuditor); !equalStringMaps(p.Preferences, all("off")) || !equalStringMaps(p.Defaults, all("off")) || p.EmailAvailable {
		t.Fatalf("auditor defaults: %+v", p)
	}
	for _, r := range []model.Role{model.RoleAdmin, model.RoleManager, model.RoleProcurement} {
		if p := get(r); !equalStringMaps(p.Preferences, all("email")) {
			t.Fatalf("%s defaults: %+v", r, p)
		}
	}

	var after prefs
	srv.Do(model.RoleAuditor, http.MethodPut, "/api/v1/me/notification-preferences",
		map[string]any{"preferences": map[string]string{"certificate_expiry": "in_app"}}).Want(http.StatusOK).Decode(&after)
	want := all("off")
	want["certificate_expiry"] = "in_app"
	if !equalStringMaps(after.Preferences, want) || !equalStringMaps(get(model.RoleAuditor).Preferences, want) {
		t.Fatalf("after the change: %+v", after)
	}
	srv.Do(model.RoleProcurement, http.MethodPut, "/api/v1/me/notification-preferences",
		map[string]any{"preferences": map[string]string{"certificate_expiry": "off"}}).Want(http.StatusOK)
	if p := get(model.RoleManager); p.Preferences["certificate_expiry"] != "email" {
		t.Fatal("one user's choice changed another's")
	}
	changes := f.auditChanges("user", f.user(model.RoleAuditor), "user.notification_preferences")
	if old, new := f.change(changes, "certificate_expiry"); old != nil || new != "in_app" {
		t.Fatalf("audit: %v -> %v", old, new)
	}

	site := f.site(model.RiskHigh)
	f.create("/api/v1/certifications", map[string]any{"site_id": site.ID, "standard": "ISO 9001:2015", "expires_on": fromToday(7)})
	runReminders(t, srv)
	if got := listNotifications(srv, model.RoleAuditor, "").Total; got != 1 {
		t.Errorf("the auditor who opted in has %d notifications", got)
	}
	if got := listNotifications(srv, model.RoleProcurement, "").Total; got != 0 {
		t.Errorf("procurement, who opted out, has %d notifications", got)
	}

	cases := []struct {
		name   string
		body   any
		status int
		field  string
	}{
		{"unknown kind", map[string]any{"preferences": map[string]string{"bogus": "email"}}, 422, "preferences.bogus"},
		{"unknown channel", map[string]any{"preferences": map[string]string{"inspection_due": "sms"}}, 422, "preferences.inspection_due"},
		{"no preferences", map[string]any{}, 422, "preferences"},
		{"not an object", map[string]any{"preferences": []string{"email"}}, 400, "preferences"},
		{"unknown field", map[string]any{"preferences": map[string]string{}, "user_id": 1}, 400, "user_id"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := srv.Do(model.RoleManager, http.MethodPut, "/api/v1/me/notification-preferences", tc.body).Want(tc.status)
			if _, ok := r.ErrorFields()[tc.field]; !ok {
				t.Fatalf("fields %v lack %s", r.ErrorFields(), tc.field)
			}
		})
	}
}

func equalStringMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
