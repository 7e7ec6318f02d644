package reminders_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/reminders"
	"github.com/qualtrack/qualtrack/backend/internal/store"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

var system = audit.Actor{Email: "test", Role: "system"}

// world is a database with a clock, users and records to remind of.
type world struct {
	t     *testing.T
	db    *testutil.DB
	clock *testutil.Clock
	store *store.Store
	users map[model.Role]model.User
	mail  *recordingMailer
	seq   int
}

func newWorld(t *testing.T) *world {
	t.Helper()
	clock := testutil.NewClock(time.Date(2026, 6, 15, 6, 30, 0, 0, time.UTC))
	db := testutil.NewDB(t, clock.Now)
	w := &world{t: t, db: db, clock: clock, store: store.New(db.DB, clock.Now), users: map[model.Role]model.User{}, mail: &recordingMailer{}}
	for _, r := range model.Roles {
		w.users[r] = w.user(string(r)+"@example.com", r)
	}
	return w
}

func (w *world) user(email string, role model.Role) model.User {
	w.t.Helper()
	u := model.User{Email: email, Name: "Test " + string(role), Role: role, PasswordHash: "x", Active: true}
	testutil.Fatal(w.t, w.store.CreateUser(context.Background(), &u, system), "create user")
	return u
}

// site inserts a qualified site whose next inspection is far away, so only
// what a test adds is due.
func (w *world) site() model.Site {
	w.t.Helper()
	w.seq++
	m := model.Manufacturer{Name: fmt.Sprintf("Maker %d", w.seq), Country: "CN", Version: 1}
	testutil.Fatal(w.t, w.db.Create(&m).Error, "insert manufacturer")
	s := model.Site{ManufacturerID: m.ID, Code: fmt.Sprintf("MK%d-SZ", w.seq), Name: fmt.Sprintf("Shenzhen plant %d", w.seq),
		Country: "CN", Processes: model.StringList{"smt"}, RiskTier: model.RiskHigh, QualificationStatus: model.StatusQualified,
		StatusSince: w.clock.Now(), NextInspectionDue: model.NewDate(2030, 1, 1), Version: 1}
	testutil.Fatal(w.t, w.db.Create(&s).Error, "insert site")
	return s
}

func (w *world) certificate(siteID int64, standard string, expires model.Date) model.Certification {
	w.t.Helper()
	c := model.Certification{SiteID: siteID, Standard: standard, CertificateNumber: "C-1", IssuingBody: "TÜV", ExpiresOn: expires}
	_, err := w.store.CreateCertification(context.Background(), &c, false, system)
	testutil.Fatal(w.t, err, "create certification")
	return c
}

// at moves the clock to day at 06:30 UTC.
func (w *world) at(day model.Date) {
	w.clock.Set(day.Time().Add(6*time.Hour + 30*time.Minute))
}

func (w *world) scheduler(mailer reminders.Mailer) *reminders.Scheduler {
	return reminders.NewScheduler(reminders.Options{Store: w.store, Mailer: mailer, BaseURL: "https://qt.example.com", Hour: 6})
}

func (w *world) run(s *reminders.Scheduler) reminders.Result {
	w.t.Helper()
	res, err := s.RunOnce(context.Background())
	testutil.Fatal(w.t, err, "run on %s", w.store.Today())
	if res.Skipped != nil {
		w.t.Fatalf("run on %s skipped: %v", w.store.Today(), res.Skipped)
	}
	return res
}

// notifications are a user's in-app notifications, oldest first.
func (w *world) notifications(userID int64) []model.Notification {
	w.t.Helper()
	var ns []model.Notification
	testutil.Fatal(w.t, w.db.Where("user_id = ?", userID).Order("id").Find(&ns).Error, "notifications")
	return ns
}

func (w *world) reminderCount() int64 {
	w.t.Helper()
	var n int64
	testutil.Fatal(w.t, w.db.Model(&model.Reminder{}).Count(&n).Error, "count reminders")
	return n
}

func (w *world) prefer(userID int64, kind model.ReminderKind, ch model.NotificationChannel) {
	w.t.Helper()
	err := w.store.SetNotificationPreferences(context.Background(), userID, map[model.ReminderKind]model.NotificationChannel{kind: ch}, system)
	testutil.Fatal(w.t, err, "set preference")
}

// recordingMailer keeps what it is asked to send; fail makes it refuse.
type recordingMailer struct {
	mu   sync.Mutex
	sent []reminders.Message
	fail bool
}

func (m *recordingMailer) Send(_ context.Context, msg reminders.Message) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail {
		return fmt.Errorf("mail server down")
	}
	m.sent = append(m.sent, msg)
	return nil
}

func (m *recordingMailer) to(addr string) []reminders.Message {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []reminders.Message
	for _, msg := range m.sent {
		if msg.To == addr {
			out = append(out, msg)
		}
	}
	return out
}

func (m *recordingMailer) count() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.sent)
}
