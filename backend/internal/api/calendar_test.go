package api_test

import (
	"bytes"
	"compress/gzip"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/accounts"
	"github.com/qualtrack/qualtrack/backend/internal/app"
	"github.com/qualtrack/qualtrack/backend/internal/auth"
	"github.com/qualtrack/qualtrack/backend/internal/config"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

var feedURL = regexp.MustCompile(`^http://127\.0\.0\.1:8080/calendar/[A-Za-z0-9_-]{43}\.ics$`)

// newFeed makes role's calendar token and returns the feed's path.
func newFeed(t *testing.T, srv *testutil.Server, role model.Role) string {
	t.Helper()
	var out struct {
		URL string `json:"url"`
	}
	srv.Do(role, http.MethodPost, "/api/v1/me/calendar-token", nil).Want(http.StatusCreated).Decode(&out)
	if !feedURL.MatchString(out.URL) {
		t.Fatalf("feed URL %q", out.URL)
	}
	u, _ := url.Parse(out.URL)
	return u.Path
}

func tokenStatus(t *testing.T, srv *testutil.Server, role model.Role) map[string]any {
	t.Helper()
	return srv.Do(role, http.MethodGet, "/api/v1/me/calendar-token", nil).Want(http.StatusOK).JSON()
}

// The feed is valid iCalendar holding the planned inspections, certificate
// expiries and open findings' due dates, with user text escaped and stable
// UIDs; it needs no sign-in, only its token.
func TestCalendarFeed(t *testing.T) {
	t.Parallel()
	f := newRecordsFixture(t)
	srv := f.srv
	site := f.site(model.RiskHigh)
	tricky := "Line one, with comma; and semicolon \\ backslash\nline two — Überprüfung"
	in := f.create("/api/v1/inspections", map[string]any{"site_id": site.ID, "type": "routine", "status": "planned",
		"scheduled_date": fromToday(20), "scope": tricky})
	cert := f.create("/api/v1/certifications", map[string]any{"site_id": site.ID, "standard": "ISO 9001:2015", "expires_on": fromToday(100),
		"certificate_number": "Q-1,2;3"})
	done := f.create("/api/v1/inspections", testutil.Signed(map[string]any{"site_id": site.ID, "type": "routine", "status": "completed",
		"performed_date": fromToday(-10), "result": "conditional"}, model.MeaningAuthored))
	finding := f.create("/api/v1/inspections/"+itoa(done.id())+"/findings", map[string]any{"severity": "major", "category": "esd",
		"description": tricky, "due_date": fromToday(5)})
	closed := f.create("/api/v1/inspections/"+itoa(done.id())+"/findings", map[string]any{"severity": "minor", "category": "esd",
		"description": "fixed", "due_date": fromToday(6)})
	f.patch("/api/v1/findings/"+itoa(closed.id()), testutil.Signed(map[string]any{"version": closed.version(), "status": "closed", "verification_note": "checked"}, model.MeaningVerified))
	archived := f.site(model.RiskLow)
	f.create("/api/v1/certifications", map[string]any{"site_id": archived.ID, "standard": "AS9100D", "expires_on": fromToday(50)})
	f.archive(archived.ID)

	if st := tokenStatus(t, srv, model.RoleAuditor); st["exists"] != false || st["created_at"] != nil {
		t.Fatalf("before any token: %v", st)
	}
	path := newFeed(t, srv, model.RoleAuditor)
	if st := tokenStatus(t, srv, model.RoleAuditor); st["exists"] != true || st["created_at"] == nil || st["last_used_at"] != nil {
		t.Fatalf("after making one: %v", st)
	}

	r := srv.Do("", http.MethodGet, path, nil).Want(http.StatusOK)
	if ct := r.Header.Get("Content-Type"); ct != "text/calendar; charset=utf-8" {
		t.Fatalf("Content-Type %q", ct)
	}
	cal, err := testutil.ParseICalendar(r.Body)
	if err != nil {
		t.Fatalf("%v\n%s", err, r.Body)
	}
	events := map[string]*testutil.ICalComponent{}
	for _, ev := range cal.Children {
		events[ev.Text("UID")] = ev
	}
	uid := func(kind string, id int64) string { return kind + "-" + itoa(id) + "@127.0.0.1" }
	if len(events) != 3 {
		t.Fatalf("%d events, want the planned inspection, the certificate and the open finding: %v", len(events), keys(events))
	}
	ins := events[uid("inspection", in.id())]
	if ins == nil || !strings.Contains(ins.Text("DESCRIPTION"), "Scope: "+tricky) || ins.Text("SUMMARY") != site.Code+": routine inspection ("+site.Name+")" {
		t.Fatalf("inspection event: %+v", ins)
	}
	if start, _ := ins.Get("DTSTART"); start.Params["VALUE"] != "DATE" || start.Value != strings.ReplaceAll(fromToday(20), "-", "") {
		t.Errorf("inspection DTSTART %+v", start)
	}
	if u, _ := ins.Get("URL"); u.Value != "http://127.0.0.1:8080/inspections/"+itoa(in.id()) {
		t.Errorf("inspection URL %q", u.Value)
	}
	ce := events[uid("certification-expiry", cert.id())]
	if ce == nil || ce.Text("SUMMARY") != site.Code+": ISO 9001:2015 expires" || !strings.Contains(ce.Text("DESCRIPTION"), "number Q-1,2;3") {
		t.Fatalf("certificate event: %+v", ce)
	}
	fe := events[uid("finding-due", finding.id())]
	if fe == nil || !strings.Contains(fe.Text("DESCRIPTION"), tricky) || fe.Text("SUMMARY") != site.Code+": major finding due" {
		t.Fatalf("finding event: %+v", fe)
	}

	// The same feed again: the same UIDs.
	again, err := testutil.ParseICalendar(srv.Do("", http.MethodGet, path, nil).Want(http.StatusOK).Body)
	testutil.Fatal(t, err, "parse again")
	for _, ev := range again.Children {
		if events[ev.Text("UID")] == nil {
			t.Errorf("UID %s is new on the second read", ev.Text("UID"))
		}
	}
	if st := tokenStatus(t, srv, model.RoleAuditor); st["last_used_at"] == nil {
		t.Errorf("last use not noted: %v", st)
	}
}

// The feed carries an ETag (an unchanged feed is a 304) and is compressed
// for apps that accept it; an event's SEQUENCE and DTSTAMP change when the
// event changes, and only then; conditional approvals ending and
// inspections due with none planned are events too.
func TestCalendarFeedChangesAndCaching(t *testing.T) {
	t.Parallel()
	f := newRecordsFixture(t)
	srv := f.srv
	site := f.site(model.RiskHigh)
	cert := f.create("/api/v1/certifications", map[string]any{"site_id": site.ID, "standard": "ISO 9001:2015", "expires_on": fromToday(100)})
	other := f.create("/api/v1/certifications", map[string]any{"site_id": site.ID, "standard": "AS9100D", "expires_on": fromToday(120)})
	cond := f.site(model.RiskMedium)
	testutil.Fatal(t, srv.DB.Model(&model.Site{}).Where("id = ?", cond.ID).Updates(map[string]any{
		"qualification_status": model.StatusConditional, "conditional_until": fromToday(40), "next_inspection_due": fromToday(10)}).Error, "conditional")
	path := newFeed(t, srv, model.RoleProcurement)

	read := func(h http.Header) (*testutil.Response, map[string]*testutil.ICalComponent) {
		t.Helper()
		r := srv.DoWith(h, http.MethodGet, path, nil)
		if r.Status != http.StatusOK {
			return r, nil
		}
		body := r.Body
		if r.Header.Get("Content-Encoding") == "gzip" {
			zr, err := gzip.NewReader(bytes.NewReader(body))
			testutil.Fatal(t, err, "gzip")
			body, err = io.ReadAll(zr)
			testutil.Fatal(t, err, "gunzip")
		}
		cal, err := testutil.ParseICalendar(body)
		testutil.Fatal(t, err, "parse")
		events := map[string]*testutil.ICalComponent{}
		for _, ev := range cal.Children {
			events[ev.Text("UID")] = ev
		}
		return r, events
	}
	uid := func(kind string, id int64) string { return kind + "-" + itoa(id) + "@127.0.0.1" }

	first, events := read(http.Header{"Accept-Encoding": {"gzip, deflate, br"}})
	if first.Header.Get("Content-Encoding") != "gzip" || first.Header.Get("ETag") == "" || !strings.Contains(first.Header.Get("Vary"), "Accept-Encoding") {
		t.Fatalf("first read headers: %v", first.Header)
	}
	if ev := events[uid("conditional-until", cond.ID)]; ev == nil || ev.Text("SUMMARY") != cond.Code+": conditional approval ends" {
		t.Fatalf("no conditional approval event: %v", keys(events))
	}
	if ev := events[uid("inspection-due", cond.ID)]; ev == nil || ev.Text("SUMMARY") != cond.Code+": inspection due, none planned" {
		t.Fatalf("no event for the inspection due with none planned: %v", keys(events))
	}
	ce := events[uid("certification-expiry", cert.id())]
	if ce.Text("SEQUENCE") != "0" {
		t.Fatalf("a new event's SEQUENCE is %q", ce.Text("SEQUENCE"))
	}
	stamp := ce.Text("DTSTAMP")

	if r := srv.DoWith(http.Header{"If-None-Match": {first.Header.Get("ETag")}}, http.MethodGet, path, nil); r.Status != http.StatusNotModified || len(r.Body) != 0 {
		t.Fatalf("an unchanged feed with its ETag: %d, %d bytes", r.Status, len(r.Body))
	}
	plain, _ := read(nil)
	if plain.Header.Get("Content-Encoding") != "" || plain.Header.Get("ETag") != first.Header.Get("ETag") {
		t.Fatalf("a client without gzip: %v", plain.Header)
	}

	// The certificate's expiry moves an hour later: its event changes, the other does not.
	srv.Clock.Advance(time.Hour)
	f.patch("/api/v1/certifications/"+itoa(cert.id()), map[string]any{"version": cert.version(), "expires_on": fromToday(110)})
	r, events := read(http.Header{"If-None-Match": {first.Header.Get("ETag")}})
	if r.Status != http.StatusOK || r.Header.Get("ETag") == first.Header.Get("ETag") {
		t.Fatalf("a changed feed: %d, ETag %q", r.Status, r.Header.Get("ETag"))
	}
	ce = events[uid("certification-expiry", cert.id())]
	if ce.Text("SEQUENCE") != "1" || ce.Text("DTSTAMP") == stamp || ce.Text("LAST-MODIFIED") != ce.Text("DTSTAMP") {
		t.Fatalf("the changed event: SEQUENCE %s, DTSTAMP %s (was %s)", ce.Text("SEQUENCE"), ce.Text("DTSTAMP"), stamp)
	}
	if oe := events[uid("certification-expiry", other.id())]; oe.Text("SEQUENCE") != "0" || oe.Text("DTSTAMP") != stamp {
		t.Fatalf("the unchanged event: SEQUENCE %s, DTSTAMP %s", oe.Text("SEQUENCE"), oe.Text("DTSTAMP"))
	}
	// The site is renamed: every event naming it changes.
	testutil.Fatal(t, srv.DB.Model(&model.Site{}).Where("id = ?", site.ID).Update("name", "Renamed plant").Error, "rename")
	_, events = read(nil)
	if ce = events[uid("certification-expiry", cert.id())]; ce.Text("SEQUENCE") != "2" {
		t.Fatalf("after the rename: SEQUENCE %s", ce.Text("SEQUENCE"))
	}
}

// Resetting the token stops the old URL; revoking stops every URL; a
// disabled user's or an expired auditor's feed is gone; malformed and
// unknown tokens are not found.
func TestCalendarTokenLifecycle(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	first := newFeed(t, srv, model.RoleProcurement)
	srv.Do("", http.MethodGet, first, nil).Want(http.StatusOK)
	second := newFeed(t, srv, model.RoleProcurement)
	if second == first {
		t.Fatal("reset returned the same token")
	}
	srv.Do("", http.MethodGet, first, nil).Want(http.StatusNotFound)
	srv.Do("", http.MethodGet, second, nil).Want(http.StatusOK)
	// Another user's reset leaves this feed alone.
	newFeed(t, srv, model.RoleManager)
	srv.Do("", http.MethodGet, second, nil).Want(http.StatusOK)

	srv.Do(model.RoleProcurement, http.MethodDelete, "/api/v1/me/calendar-token", nil).Want(http.StatusNoContent)
	srv.Do("", http.MethodGet, second, nil).Want(http.StatusNotFound)
	if st := tokenStatus(t, srv, model.RoleProcurement); st["exists"] != false {
		t.Fatalf("after revoking: %v", st)
	}
	srv.Do(model.RoleProcurement, http.MethodDelete, "/api/v1/me/calendar-token", nil).Want(http.StatusNoContent)

	// A disabled user's feed answers 404, and again once re-enabled.
	feed := newFeed(t, srv, model.RoleManager)
	manager := srv.Users[model.RoleManager]
	testutil.Fatal(t, srv.DB.Model(&model.User{}).Where("id = ?", manager.ID).Update("active", false).Error, "disable")
	srv.Do("", http.MethodGet, feed, nil).Want(http.StatusNotFound)
	testutil.Fatal(t, srv.DB.Model(&model.User{}).Where("id = ?", manager.ID).Update("active", true).Error, "enable")
	srv.Do("", http.MethodGet, feed, nil).Want(http.StatusOK)

	// An auditor whose access ended.
	feed = newFeed(t, srv, model.RoleAuditor)
	ended := srv.Clock.Now().Add(-1)
	testutil.Fatal(t, srv.DB.Model(&model.User{}).Where("id = ?", srv.Users[model.RoleAuditor].ID).Update("access_expires_at", ended).Error, "expire")
	srv.Do("", http.MethodGet, feed, nil).Want(http.StatusNotFound)

	random := make([]byte, 32)
	_, _ = rand.Read(random)
	token := base64.RawURLEncoding.EncodeToString(random)
	for _, p := range []string{
		"/calendar/" + token + ".ics",                        // well formed, unknown
		"/calendar/" + strings.TrimSuffix(feed[10:], ".ics"), // no .ics
		"/calendar/short.ics",
		"/calendar/" + strings.Repeat("A", 44) + ".ics",
		"/calendar/.ics",
	} {
		if r := srv.Do("", http.MethodGet, p, nil); r.Status != http.StatusNotFound {
			t.Errorf("GET %s: %d", p, r.Status)
		}
	}
}

// The access log shows the feed's route pattern, never its token.
func TestCalendarTokenStaysOutOfTheLog(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	db := testutil.NewDB(t, nil)
	cfg, _ := config.Load(func(string) string { return "" })
	cfg.JWTSecret = testutil.Secret
	a, err := app.New(cfg, db.DB, app.Options{Hasher: auth.NewTestHasher(),
		Logger: slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))})
	testutil.Fatal(t, err, "app")
	srv, err := a.HTTP(nil)
	testutil.Fatal(t, err, "server")
	h, err := srv.Handler()
	testutil.Fatal(t, err, "handler")
	_, _, err = a.Accounts.Create(t.Context(), accounts.NewUser{Email: "cal@example.com", Name: "Cal", Role: model.RoleProcurement, Password: "a long enough password", Active: true}, testutil.SystemActor)
	testutil.Fatal(t, err, "user")
	do := func(method, target, bearer string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(method, target, nil)
		if bearer != "" {
			req.Header.Set("Authorization", "Bearer "+bearer)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	login := httptest.NewRequest(http.MethodPost, "/api/v1/auth/login", strings.NewReader(`{"email":"cal@example.com","password":"a long enough password"}`))
	login.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, login)
	var session struct {
		Token string `json:"token"`
	}
	decodeInto(t, rec.Body.Bytes(), &session)
	rec = do(http.MethodPost, "/api/v1/me/calendar-token", session.Token)
	var made struct {
		URL string `json:"url"`
	}
	decodeInto(t, rec.Body.Bytes(), &made)
	feed, _ := url.Parse(made.URL)
	token := strings.TrimSuffix(strings.TrimPrefix(feed.Path, "/calendar/"), ".ics")
	if rec := do(http.MethodGet, feed.Path, ""); rec.Code != http.StatusOK {
		t.Fatalf("feed: %d", rec.Code)
	}
	do(http.MethodGet, "/calendar/"+token+"x.ics", "")
	logged := buf.String()
	if !strings.Contains(logged, "route=/calendar/:token.ics") || !strings.Contains(logged, "status=200") {
		t.Fatalf("the access log lacks the feed request: %s", logged)
	}
	if strings.Contains(logged, token) {
		t.Errorf("the log holds the calendar token: %s", logged)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func decodeInto(t *testing.T, body []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(body, v); err != nil {
		t.Fatalf("decode %s: %v", body, err)
	}
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
