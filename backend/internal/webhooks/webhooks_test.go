package webhooks_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/auth"
	"github.com/qualtrack/qualtrack/backend/internal/config"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/store"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
	"github.com/qualtrack/qualtrack/backend/internal/webhooks"
)

// receiver is an endpoint that records what it was sent and answers the
// statuses it is given, one per delivery (the last one repeats).
type receiver struct {
	*httptest.Server
	mu       sync.Mutex
	statuses []int
	got      []delivery
}

type delivery struct {
	header http.Header
	body   []byte
}

func newReceiver(t *testing.T, statuses ...int) *receiver {
	t.Helper()
	r := &receiver{statuses: statuses}
	r.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		r.mu.Lock()
		r.got = append(r.got, delivery{req.Header.Clone(), body})
		status := http.StatusOK
		if len(r.statuses) > 0 {
			status = r.statuses[0]
			if len(r.statuses) > 1 {
				r.statuses = r.statuses[1:]
			}
		}
		r.mu.Unlock()
		w.WriteHeader(status)
	}))
	t.Cleanup(r.Close)
	return r
}

func (r *receiver) deliveries() []delivery {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]delivery(nil), r.got...)
}

// world is a server whose webhooks may reach this machine's loopback
// (where the receivers listen), with a site and a completed inspection.
type world struct {
	srv        *testutil.Server
	b          *testutil.Builder
	site       model.Site
	inspection store.InspectionRow
}

func newWorld(t *testing.T, adjust func(*config.Config)) world {
	t.Helper()
	srv := testutil.NewServer(t, func(c *config.Config) {
		c.Webhooks.AllowPrivate = []string{"127.0.0.1"}
		if adjust != nil {
			adjust(c)
		}
	})
	b := testutil.NewBuilder(t, srv.Store)
	site := b.Site(b.Manufacturer("Acme"), "ACME-SZ1")
	return world{srv: srv, b: b, site: site, inspection: b.Completed(site.ID, "2026-06-01", model.ResultPass)}
}

// subscribe creates a subscription through the API and returns its id
// and signing secret.
func (w world) subscribe(t *testing.T, name, target string, events ...string) (int64, string) {
	t.Helper()
	rec := w.srv.Do(model.RoleAdmin, http.MethodPost, "/api/v1/admin/webhooks", map[string]any{"name": name, "url": target, "event_types": events}).
		Want(http.StatusCreated).JSON()
	return int64(rec["id"].(float64)), rec["secret"].(string)
}

func (w world) dispatcher(t *testing.T) *webhooks.Dispatcher {
	t.Helper()
	d, err := w.srv.App.WebhookDispatcher()
	testutil.Fatal(t, err, "dispatcher")
	return d
}

func (w world) run(t *testing.T, d *webhooks.Dispatcher) int {
	t.Helper()
	n, err := d.RunOnce(context.Background())
	testutil.Fatal(t, err, "run the dispatcher")
	return n
}

func (w world) deliveryLog(t *testing.T, id int64) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, it := range w.srv.Do(model.RoleAdmin, http.MethodGet, "/api/v1/admin/webhooks/"+itoa(id)+"/deliveries", nil).Want(http.StatusOK).JSON()["items"].([]any) {
		out = append(out, it.(map[string]any))
	}
	return out
}

func (w world) webhook(t *testing.T, id int64) map[string]any {
	t.Helper()
	return w.srv.Do(model.RoleAdmin, http.MethodGet, "/api/v1/admin/webhooks/"+itoa(id), nil).Want(http.StatusOK).JSON()
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestDeliveryIsSignedAndVerifiable(t *testing.T) {
	t.Parallel()
	w := newWorld(t, nil)
	rcv := newReceiver(t, http.StatusNoContent)
	id, secret := w.subscribe(t, "ERP", rcv.URL+"/hooks?src=qt", model.EventFindingOpened)
	finding := w.b.Finding(w.inspection.ID, model.SeverityMajor, testutil.Described("Wrist straps untested"))

	if n := w.run(t, w.dispatcher(t)); n != 1 {
		t.Fatalf("attempted %d deliveries, want 1", n)
	}
	got := rcv.deliveries()
	if len(got) != 1 {
		t.Fatalf("the receiver got %d deliveries", len(got))
	}
	d := got[0]
	now := w.srv.Clock.Now()
	if err := webhooks.Verify([]byte(secret), d.header.Get(webhooks.SignatureHeader), d.body, now, webhooks.ReplayWindow); err != nil {
		t.Fatalf("the receiver cannot verify the signature: %v (header %q)", err, d.header.Get(webhooks.SignatureHeader))
	}
	if d.header.Get(webhooks.TimestampHeader) != itoa(now.Unix()) || d.header.Get(webhooks.EventHeader) != model.EventFindingOpened {
		t.Fatalf("headers: %v", d.header)
	}
	// Tampering, a wrong secret and a stale delivery all fail.
	if webhooks.Verify([]byte(secret), d.header.Get(webhooks.SignatureHeader), append(d.body, ' '), now, webhooks.ReplayWindow) == nil ||
		webhooks.Verify([]byte("whsec_other"), d.header.Get(webhooks.SignatureHeader), d.body, now, webhooks.ReplayWindow) == nil ||
		webhooks.Verify([]byte(secret), d.header.Get(webhooks.SignatureHeader), d.body, now.Add(6*time.Minute), webhooks.ReplayWindow) == nil {
		t.Fatal("a tampered, wrongly keyed or replayed delivery verifies")
	}
	var ev struct {
		ID   string `json:"id"`
		Type string `json:"type"`
		Data struct {
			Site    struct{ Code, ManufacturerName string } `json:"site"`
			Finding struct {
				ID          int64  `json:"id"`
				Severity    string `json:"severity"`
				Description string `json:"description"`
			} `json:"finding"`
		} `json:"data"`
	}
	testutil.Fatal(t, json.Unmarshal(d.body, &ev), "decode the event")
	if ev.Type != model.EventFindingOpened || ev.ID != d.header.Get(webhooks.DeliveryHeader) || ev.Data.Site.Code != "ACME-SZ1" ||
		ev.Data.Finding.ID != finding.ID || ev.Data.Finding.Severity != "major" || ev.Data.Finding.Description != "Wrist straps untested" {
		t.Fatalf("event: %s", d.body)
	}
	log := w.deliveryLog(t, id)
	if len(log) != 1 || log[0]["status_code"] != float64(204) || log[0]["succeeded"] != true || log[0]["event_type"] != model.EventFindingOpened {
		t.Fatalf("delivery log: %v", log)
	}
	if n := w.run(t, w.dispatcher(t)); n != 0 {
		t.Fatalf("a delivered event was sent again (%d)", n)
	}
}

func TestFailedDeliveryIsRetriedWithBackoff(t *testing.T) {
	t.Parallel()
	w := newWorld(t, nil)
	rcv := newReceiver(t, http.StatusInternalServerError, http.StatusOK)
	id, _ := w.subscribe(t, "ERP", rcv.URL, model.EventSiteStatusChanged)
	w.b.Decide(w.site.ID, model.StatusInQualification)
	d := w.dispatcher(t)

	w.run(t, d)
	if n := w.run(t, d); n != 0 {
		t.Fatalf("a failed delivery was retried at once (%d attempts)", n)
	}
	if wh := w.webhook(t, id); wh["pending"] != float64(1) || wh["consecutive_failures"] != float64(1) {
		t.Fatalf("after a failure: %v", wh)
	}
	w.srv.Clock.Advance(webhooks.Backoff(1))
	if n := w.run(t, d); n != 1 {
		t.Fatalf("the retry was not made when due (%d)", n)
	}
	log := w.deliveryLog(t, id)
	if len(log) != 2 || log[1]["status_code"] != float64(500) || log[1]["succeeded"] != false || !strings.Contains(log[1]["error"].(string), "500") ||
		log[0]["status_code"] != float64(200) || log[0]["succeeded"] != true || log[0]["attempt"] != float64(2) {
		t.Fatalf("delivery log, newest first: %v", log)
	}
	got := rcv.deliveries()
	if len(got) != 2 || got[0].header.Get(webhooks.DeliveryHeader) != got[1].header.Get(webhooks.DeliveryHeader) ||
		got[0].header.Get(webhooks.SignatureHeader) == got[1].header.Get(webhooks.SignatureHeader) {
		t.Fatal("a retry must carry the same event id and a fresh signature")
	}
	if wh := w.webhook(t, id); wh["pending"] != float64(0) || wh["consecutive_failures"] != float64(0) {
		t.Fatalf("after the retry succeeded: %v", wh)
	}
}

func TestBackoffDoublesUpToALimit(t *testing.T) {
	for _, c := range []struct {
		attempt int
		want    time.Duration
	}{{1, 30 * time.Second}, {2, time.Minute}, {3, 2 * time.Minute}, {10, 256 * time.Minute}, {11, 6 * time.Hour}, {12, 6 * time.Hour}} {
		if got := webhooks.Backoff(c.attempt); got != c.want {
			t.Errorf("Backoff(%d) = %v, want %v", c.attempt, got, c.want)
		}
	}
}

func TestEndpointThatKeepsFailingIsPausedUntilResumed(t *testing.T) {
	t.Parallel()
	w := newWorld(t, func(c *config.Config) { c.Webhooks.PauseAfter = 3 })
	rcv := newReceiver(t, http.StatusBadGateway, http.StatusBadGateway, http.StatusBadGateway, http.StatusOK)
	id, _ := w.subscribe(t, "Flaky", rcv.URL, model.EventFindingOpened)
	for range 3 {
		w.b.Finding(w.inspection.ID, model.SeverityMinor)
	}
	d := w.dispatcher(t)
	if n := w.run(t, d); n != 3 {
		t.Fatalf("attempted %d, want 3", n)
	}
	wh := w.webhook(t, id)
	if wh["status"] != "paused" || wh["paused_at"] == nil || !strings.Contains(wh["pause_reason"].(string), "3 failed deliveries") || wh["pending"] != float64(3) {
		t.Fatalf("after 3 failures in a row: %v", wh)
	}
	// Paused: nothing goes, however long, and new events wait too.
	w.b.Finding(w.inspection.ID, model.SeverityMinor)
	w.srv.Clock.Advance(time.Hour)
	if n := w.run(t, d); n != 0 {
		t.Fatalf("a paused endpoint got %d deliveries", n)
	}
	events := w.srv.Do(model.RoleAdmin, http.MethodGet, "/api/v1/audit-events?entity_type=webhook", nil).Want(http.StatusOK).Body
	if !strings.Contains(string(events), `"webhook.pause"`) {
		t.Fatalf("the pause is not in the audit trail: %s", events)
	}

	w.srv.Do(model.RoleAdmin, http.MethodPost, "/api/v1/admin/webhooks/"+itoa(id)+"/resume", nil).Want(http.StatusOK)
	if n := w.run(t, d); n != 4 {
		t.Fatalf("after resuming, %d deliveries, want the 4 waiting", n)
	}
	if wh := w.webhook(t, id); wh["status"] != "active" || wh["pending"] != float64(0) {
		t.Fatalf("after resuming: %v", wh)
	}
}

func TestEventsGoOnlyToTheirSubscribers(t *testing.T) {
	t.Parallel()
	w := newWorld(t, nil)
	findings, decisions, both := newReceiver(t), newReceiver(t), newReceiver(t)
	w.subscribe(t, "Findings", findings.URL, model.EventFindingOpened, model.EventFindingClosed)
	w.subscribe(t, "Decisions", decisions.URL, model.EventSiteStatusChanged)
	w.subscribe(t, "Both", both.URL, model.EventFindingClosed, model.EventSiteStatusChanged)
	off, _ := w.subscribe(t, "Disabled", findings.URL, model.EventFindingOpened)
	w.srv.Do(model.RoleAdmin, http.MethodPatch, "/api/v1/admin/webhooks/"+itoa(off), map[string]any{"name": "Disabled", "url": findings.URL,
		"event_types": []string{model.EventFindingOpened}, "active": false, "version": 1}).Want(http.StatusOK)

	f := w.b.Finding(w.inspection.ID, model.SeverityMinor)
	w.b.Close(f)
	w.b.Decide(w.site.ID, model.StatusInQualification)
	w.run(t, w.dispatcher(t))

	types := func(r *receiver) []string {
		var out []string
		for _, d := range r.deliveries() {
			out = append(out, d.header.Get(webhooks.EventHeader))
		}
		return out
	}
	if got := strings.Join(types(findings), " "); got != "finding.opened finding.closed" {
		t.Errorf("findings endpoint got %q", got)
	}
	if got := strings.Join(types(decisions), " "); got != "site.status_changed" {
		t.Errorf("decisions endpoint got %q", got)
	}
	if got := strings.Join(types(both), " "); got != "finding.closed site.status_changed" {
		t.Errorf("the endpoint of both got %q", got)
	}
}

func TestDailyRunQueuesDueEventsOnce(t *testing.T) {
	t.Parallel()
	w := newWorld(t, nil)
	rcv := newReceiver(t)
	w.subscribe(t, "Certs", rcv.URL, model.EventCertificateExpiring, model.EventCertificateExpired, model.EventFindingOverdue)
	w.b.Certification(w.site.ID, "ISO 9001:2015", "2026-07-01")   // expiring in 16 days
	w.b.Certification(w.site.ID, "ISO 14001:2015", "2026-06-10")  // expired 5 days ago
	w.b.Certification(w.site.ID, "IATF 16949:2016", "2028-01-01") // valid
	w.b.Finding(w.inspection.ID, model.SeverityMajor, testutil.Due("2026-06-10"))
	sched, err := w.srv.App.ReminderScheduler(testutil.SystemActor)
	testutil.Fatal(t, err, "scheduler")
	d := w.dispatcher(t)
	_, err = sched.RunOnce(context.Background())
	testutil.Fatal(t, err, "reminders")
	w.run(t, d)
	w.srv.Clock.Advance(24 * time.Hour)
	_, err = sched.RunOnce(context.Background())
	testutil.Fatal(t, err, "the next day's reminders")
	w.run(t, d)

	var got []string
	for _, del := range rcv.deliveries() {
		var ev struct {
			Type string `json:"type"`
			Data struct {
				Certification struct{ Standard string } `json:"certification"`
			} `json:"data"`
		}
		testutil.Fatal(t, json.Unmarshal(del.body, &ev), "decode")
		got = append(got, ev.Type+" "+ev.Data.Certification.Standard)
	}
	want := []string{"certificate.expiring ISO 9001:2015", "certificate.expired ISO 14001:2015", "finding.overdue "}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("deliveries over two days:\n got %q\nwant %q", got, want)
	}
}

func TestDestinationsAreChecked(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	for _, target := range []string{
		"http://127.0.0.1:8080/hook", "http://localhost/hook", "http://[::1]/hook", "http://169.254.169.254/latest/meta-data",
		"http://10.0.0.5/hook", "http://192.168.1.10/hook", "http://172.16.0.1/", "http://100.64.0.1/", "http://0.0.0.0/",
		"http://[::ffff:127.0.0.1]/", "http://[fe80::1]/", "ftp://erp.example.com/hook", "file:///etc/passwd", "erp.example.com/hook",
		"https://user:pw@erp.example.com/hook",
	} {
		r := srv.Do(model.RoleAdmin, http.MethodPost, "/api/v1/admin/webhooks", map[string]any{"name": "x", "url": target, "event_types": []string{model.EventFindingOpened}})
		if r.Status != http.StatusUnprocessableEntity || r.ErrorFields()["url"] == "" {
			t.Errorf("%s: %d %s, want 422 on url", target, r.Status, r.Body)
		}
	}
	srv.Do(model.RoleAdmin, http.MethodPost, "/api/v1/admin/webhooks", map[string]any{"name": "x", "url": "https://erp.example.com/hook",
		"event_types": []string{model.EventFindingOpened}}).Want(http.StatusCreated)
	srv.Do(model.RoleAdmin, http.MethodPost, "/api/v1/admin/webhooks", map[string]any{"name": "x", "url": "https://erp.example.com/hook",
		"event_types": []string{"site.deleted"}}).Want(http.StatusUnprocessableEntity)

	only := webhooks.Policy{Hosts: []string{"*.example.com"}}
	if only.CheckURL("https://erp.example.com/x") != nil || only.CheckURL("https://erp.example.org/x") == nil {
		t.Error("QUALTRACK_WEBHOOK_HOSTS is not applied")
	}
	allowed := webhooks.Policy{AllowPrivate: []string{"10.1.0.0/16", "erp.internal"}}
	if allowed.CheckURL("http://10.1.2.3/x") != nil || allowed.CheckURL("http://10.2.0.1/x") == nil || allowed.CheckURL("http://erp.internal/x") != nil {
		t.Error("QUALTRACK_WEBHOOK_ALLOW_HOSTS is not applied")
	}
}

// A name that passed when the subscription was saved is checked again
// where it resolves at delivery: one pointing at loopback is refused
// before anything is sent (and the refusal logged as a failed attempt).
func TestDeliveryRefusesAPrivateAddressAtConnectTime(t *testing.T) {
	t.Parallel()
	w := newWorld(t, func(c *config.Config) { c.Webhooks.AllowPrivate = nil })
	rcv := newReceiver(t)
	u, _ := url.Parse(rcv.URL)
	// Saved past the API's check, as if the name had pointed elsewhere then.
	key, prev := w.srv.Config.TOTPKeys()
	box, err := auth.NewSecretBox(key, prev...)
	testutil.Fatal(t, err, "box")
	sub, err := w.srv.Store.CreateWebhook(context.Background(), store.WebhookInput{Name: "Rebound", URL: "http://localhost:" + u.Port() + "/hook",
		EventTypes: []string{model.EventFindingOpened}, Active: true}, box.Seal([]byte("whsec_x")), testutil.SystemActor)
	testutil.Fatal(t, err, "subscribe")
	w.b.Finding(w.inspection.ID, model.SeverityMinor)
	w.run(t, w.dispatcher(t))
	if n := len(rcv.deliveries()); n != 0 {
		t.Fatalf("a delivery reached a loopback address (%d)", n)
	}
	log := w.deliveryLog(t, sub.ID)
	if len(log) != 1 || log[0]["succeeded"] != false || log[0]["status_code"] != float64(0) || !strings.Contains(log[0]["error"].(string), "loopback") {
		t.Fatalf("delivery log: %v", log)
	}
}

func TestTestSendGoesThroughTheOutbox(t *testing.T) {
	t.Parallel()
	w := newWorld(t, nil)
	rcv := newReceiver(t)
	id, _ := w.subscribe(t, "ERP", rcv.URL, model.EventFindingOpened)
	w.srv.Do(model.RoleAdmin, http.MethodPost, "/api/v1/admin/webhooks/"+itoa(id)+"/test", nil).Want(http.StatusAccepted)
	w.srv.Do(model.RoleManager, http.MethodPost, "/api/v1/admin/webhooks/"+itoa(id)+"/test", nil).Want(http.StatusForbidden)
	w.run(t, w.dispatcher(t))
	if got := rcv.deliveries(); len(got) != 1 || got[0].header.Get(webhooks.EventHeader) != model.EventWebhookTest {
		t.Fatalf("test send: %v", got)
	}
	w.srv.Do(model.RoleAdmin, http.MethodDelete, "/api/v1/admin/webhooks/"+itoa(id), nil).Want(http.StatusNoContent)
	w.srv.Do(model.RoleAdmin, http.MethodGet, "/api/v1/admin/webhooks/"+itoa(id)+"/deliveries", nil).Want(http.StatusNotFound)
}
