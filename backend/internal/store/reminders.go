package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/database"
	"github.com/qualtrack/qualtrack/backend/internal/model"
)

// Why a reminder run did not happen.
var (
	ErrReminderRunDone       = errors.New("the reminders of this day were already run")
	ErrReminderRunInProgress = errors.New("another instance is running the reminders")
)

// reminderLockKey is the PostgreSQL advisory lock held by the instance
// running a day's reminders ("QtRmnd"). Several instances on one database
// try it; the one that gets it runs, the others let it be.
const reminderLockKey = 0x5174526d6e64

// ReminderWindow is the range of dates a run looks at: a record whose date
// falls outside it cannot need a reminder.
type ReminderWindow struct {
	From, To model.Date
}

// ReminderFacts are the records that may need a reminder, the people who
// may hear of them and what they have already been told.
type ReminderFacts struct {
	Today        model.Date
	Certificates []DueCertificate
	Sites        []DueSite
	Findings     []DueFinding
	// Stages are the corrective-action stages with the supplier (open or
	// returned, by their due date) or with the buyer (submitted).
	Stages []DueStage
	// Assessments are the questionnaires with the supplier (open or
	// returned, by their due date) or with the buyer (submitted).
	Assessments []DueAssessment
	Recipients  []Recipient
	// Sent holds the reminders already recorded for these records.
	Sent map[ReminderKey]bool
}

// DueCertificate is a certificate of an active site, not withdrawn.
type DueCertificate struct {
	ID                int64
	SiteID            int64
	ManufacturerID    int64
	ManufacturerName  string
	SiteCode          string
	SiteName          string
	Standard          string
	CertificateNumber string
	IssuingBody       string
	ExpiresOn         model.Date
	// SourceName names the component source holding the certificate (""
	// for the site's own).
	SourceName string
	// Superseded: the site holds a later certificate of the same standard,
	// so this one expiring needs no action.
	Superseded bool
}

// DueSite is an active site with its inspection due date and conditional
// approval end.
type DueSite struct {
	ID                  int64
	ManufacturerID      int64
	ManufacturerName    string
	Code                string
	Name                string
	RiskTier            model.RiskTier
	QualificationStatus model.QualificationStatus
	NextInspectionDue   model.Date
	NextPlannedDate     model.Date
	ConditionalUntil    model.Date
}

// DueFinding is a finding of an active site that is not closed.
type DueFinding struct {
	ID               int64
	SiteID           int64
	ManufacturerID   int64
	ManufacturerName string
	SiteCode         string
	SiteName         string
	Severity         model.Severity
	Status           model.FindingStatus
	Description      string
	Owner            string
	DueDate          model.Date
}

// DueStage is a stage of an open corrective-action request that waits on
// someone: the supplier (open, returned) or the buyer (submitted).
type DueStage struct {
	CorrectiveActionID int64
	FindingID          int64
	SiteID             int64
	ManufacturerID     int64
	ManufacturerName   string
	SiteCode           string
	SiteName           string
	Stage              model.CAStage
	Status             model.CAStageStatus
	DueDate            model.Date
	SubmittedAt        *time.Time
	Submissions        int
	Finding            string // the finding's description
}

// DueAssessment is a questionnaire that waits on someone: the supplier
// (open, returned) or the buyer (submitted).
type DueAssessment struct {
	ID               int64
	SiteID           int64
	ManufacturerID   int64
	ManufacturerName string
	SiteCode         string
	SiteName         string
	TemplateName     string
	Status           model.AssessmentStatus
	DueDate          model.Date
	SubmittedAt      *time.Time
	Submissions      int
}

// Recipient is a user who can sign in, with the channels they chose (kinds
// they did not choose are absent and follow their role's default).
type Recipient struct {
	ID          int64
	Email       string
	Name        string
	Role        model.Role
	Preferences map[model.ReminderKind]model.NotificationChannel
	// Scope limits a scoped auditor or a supplier to these manufacturers'
	// records (nil: every record); SiteScope narrows a supplier to some of
	// its manufacturer's sites (nil: all of them).
	Scope     []int64
	SiteScope []int64
	Language  model.Language
	// EmailRefused: the mail server refused the address for good, so
	// reminders reach the user in the app only.
	EmailRefused bool
}

// ReminderKey identifies a reminder: a stage of a record told to a user.
type ReminderKey struct {
	Kind     model.ReminderKind
	EntityID int64
	Stage    string
	UserID   int64
}

// NewReminder is a reminder a run records, with its in-app notification.
type NewReminder struct {
	ReminderKey
	EntityType string
	Channel    model.NotificationChannel // email or in_app
	Title      string
	Body       string
	Link       string
	Date       model.Date
}

// ReminderFacts reads what a run on today would look at, without writing.
func (s *Store) ReminderFacts(ctx context.Context, today model.Date, w ReminderWindow) (ReminderFacts, error) {
	return s.reminderFacts(s.db.WithContext(ctx), today, w)
}

func (s *Store) reminderFacts(db *gorm.DB, today model.Date, w ReminderWindow) (ReminderFacts, error) {
	f := ReminderFacts{Today: today, Sent: map[ReminderKey]bool{}}
	err := db.Table("certifications").
		Select(`certifications.id, certifications.site_id, sites.manufacturer_id, manufacturers.name AS manufacturer_name,
			sites.code AS site_code, sites.name AS site_name,
			certifications.standard, certifications.certificate_number, certifications.issuing_body, certifications.expires_on,
			COALESCE(component_sources.name, '') AS source_name, `+supersededCondition+` AS superseded`, false).
		Joins("JOIN sites ON sites.id = certifications.site_id").Joins("JOIN manufacturers ON manufacturers.id = sites.manufacturer_id").
		Joins("LEFT JOIN component_sources ON component_sources.id = certifications.component_source_id").
		Where(activeSite).Where(remindedSite, model.StatusDisqualified).
		Where("certifications.withdrawn = ? AND certifications.expires_on BETWEEN ? AND ?", false, w.From, w.To).
		Order("certifications.id").Scan(&f.Certificates).Error
	if err != nil {
		return f, fmt.Errorf("store: reminder facts: certificates: %w", err)
	}
	err = db.Model(&model.Site{}).
		Select(`sites.id, sites.manufacturer_id, manufacturers.name AS manufacturer_name, sites.code, sites.name, sites.risk_tier,
			sites.qualification_status, sites.next_inspection_due, sites.next_planned_date, sites.conditional_until`).
		Joins("JOIN manufacturers ON manufacturers.id = sites.manufacturer_id").
		Where(activeSite).Where(remindedSite, model.StatusDisqualified).
		Where("((sites.next_inspection_due BETWEEN ? AND ?) OR (sites.qualification_status = ? AND sites.conditional_until BETWEEN ? AND ?))",
			w.From, w.To, model.StatusConditional, w.From, w.To).
		Order("sites.id").Scan(&f.Sites).Error
	if err != nil {
		return f, fmt.Errorf("store: reminder facts: sites: %w", err)
	}
	err = db.Table("findings").
		Select(`findings.id, findings.site_id, sites.manufacturer_id, manufacturers.name AS manufacturer_name,
			sites.code AS site_code, sites.name AS site_name, findings.severity,
			findings.status, findings.description, findings.owner, findings.due_date`).
		Joins("JOIN sites ON sites.id = findings.site_id").Joins("JOIN manufacturers ON manufacturers.id = sites.manufacturer_id").
		Where(activeSite).Where(remindedSite, model.StatusDisqualified).
		Where("findings.status <> ? AND findings.due_date BETWEEN ? AND ?", model.FindingClosed, w.From, w.To).
		Order("findings.id").Scan(&f.Findings).Error
	if err != nil {
		return f, fmt.Errorf("store: reminder facts: findings: %w", err)
	}
	err = db.Table("corrective_action_stages AS st").
		Select(`ca.id AS corrective_action_id, ca.finding_id, ca.site_id, ca.manufacturer_id, manufacturers.name AS manufacturer_name,
			sites.code AS site_code, sites.name AS site_name, st.stage, st.status, st.due_date, st.submitted_at, st.submissions,
			findings.description AS finding`).
		Joins("JOIN corrective_actions ca ON ca.id = st.corrective_action_id").
		Joins("JOIN findings ON findings.id = ca.finding_id").
		Joins("JOIN sites ON sites.id = ca.site_id").Joins("JOIN manufacturers ON manufacturers.id = sites.manufacturer_id").
		Where(activeSite).Where("ca.status = ?", model.CAOpen).
		Where("(st.status IN ? AND st.due_date BETWEEN ? AND ?) OR st.status = ?",
			[]model.CAStageStatus{model.StageOpen, model.StageReturned}, w.From, w.To, model.StageSubmitted).
		Order("ca.id, st.stage").Scan(&f.Stages).Error
	if err != nil {
		return f, fmt.Errorf("store: reminder facts: corrective-action stages: %w", err)
	}
	err = db.Table("self_assessments AS sa").
		Select(`sa.id, sa.site_id, sa.manufacturer_id, manufacturers.name AS manufacturer_name, sites.code AS site_code,
			sites.name AS site_name, checklist_templates.name AS template_name, sa.status, sa.due_date, sa.submitted_at, sa.submissions`).
		Joins("JOIN checklist_templates ON checklist_templates.id = sa.template_id").
		Joins("JOIN sites ON sites.id = sa.site_id").Joins("JOIN manufacturers ON manufacturers.id = sites.manufacturer_id").
		Where(activeSite).
		Where("(sa.status IN ? AND sa.due_date BETWEEN ? AND ?) OR sa.status = ?",
			[]model.AssessmentStatus{model.AssessmentOpen, model.AssessmentReturned}, w.From, w.To, model.AssessmentSubmitted).
		Order("sa.id").Scan(&f.Assessments).Error
	if err != nil {
		return f, fmt.Errorf("store: reminder facts: questionnaires: %w", err)
	}
	if f.Recipients, err = s.recipients(db); err != nil {
		return f, err
	}
	ids := map[model.ReminderKind][]int64{}
	for _, c := range f.Certificates {
		ids[model.KindCertificateExpiry] = append(ids[model.KindCertificateExpiry], c.ID)
	}
	for _, st := range f.Sites {
		ids[model.KindInspectionDue] = append(ids[model.KindInspectionDue], st.ID)
		ids[model.KindConditionalEnding] = append(ids[model.KindConditionalEnding], st.ID)
	}
	for _, fd := range f.Findings {
		ids[model.KindFindingOverdue] = append(ids[model.KindFindingOverdue], fd.ID)
	}
	for _, st := range f.Stages {
		kind := model.KindAnswerDue
		if st.Status == model.StageSubmitted {
			kind = model.KindSupplierAnswer
		}
		ids[kind] = append(ids[kind], st.CorrectiveActionID)
	}
	// A questionnaire's stages are named apart from a request's
	// ("questionnaire:..."), so the two never share a key.
	for _, a := range f.Assessments {
		kind := model.KindAnswerDue
		if a.Status == model.AssessmentSubmitted {
			kind = model.KindSupplierAnswer
		}
		ids[kind] = append(ids[kind], a.ID)
	}
	for kind, list := range ids {
		for _, chunk := range chunks(list, 500) {
			var keys []ReminderKey
			if err := db.Model(&model.Reminder{}).Select("kind, entity_id, stage, user_id").
				Where("kind = ? AND entity_id IN ?", kind, chunk).Scan(&keys).Error; err != nil {
				return f, fmt.Errorf("store: reminder facts: sent: %w", err)
			}
			for _, k := range keys {
				f.Sent[k] = true
			}
		}
	}
	return f, nil
}

// remindedSite leaves out disqualified sites: nobody renews their
// certificates or chases their findings any more. Its placeholder is
// model.StatusDisqualified.
const remindedSite = "sites.qualification_status <> ?"

// supersededCondition is true when the certificate is the site's own and
// the site holds a later certificate of its own of the same standard that
// is not withdrawn (a component source holds one certificate, renewed in
// place). Its one placeholder is false (the withdrawn flag).
const supersededCondition = `EXISTS (SELECT 1 FROM certifications later WHERE later.site_id = certifications.site_id
	AND later.component_source_id IS NULL AND certifications.component_source_id IS NULL
	AND lower(later.standard) = lower(certifications.standard) AND later.withdrawn = ? AND later.expires_on > certifications.expires_on)`

// recipients are the users who can sign in now, with their choices and
// scopes. Suppliers are among them for the one kind addressed to them
// (model.KindsFor).
func (s *Store) recipients(db *gorm.DB) ([]Recipient, error) {
	var users []model.User
	err := db.Select("id", "email", "name", "role", "email_refused_at", "language").
		Where("active = ? AND (access_expires_at IS NULL OR access_expires_at > ?)", true, s.Now()).
		Order("id").Find(&users).Error
	if err != nil {
		return nil, fmt.Errorf("store: reminder recipients: %w", err)
	}
	out := make([]Recipient, len(users))
	index := map[int64]int{}
	ids := make([]int64, len(users))
	for i, u := range users {
		out[i] = Recipient{ID: u.ID, Email: u.Email, Name: u.Name, Role: u.Role, Preferences: map[model.ReminderKind]model.NotificationChannel{},
			EmailRefused: u.EmailRefusedAt != nil, Language: u.Language}
		index[u.ID], ids[i] = i, u.ID
	}
	for _, chunk := range chunks(ids, 500) {
		var scopes []model.UserManufacturerScope
		if err := db.Where("user_id IN ?", chunk).Order("manufacturer_id").Find(&scopes).Error; err != nil {
			return nil, fmt.Errorf("store: reminder recipients: scopes: %w", err)
		}
		for _, sc := range scopes {
			out[index[sc.UserID]].Scope = append(out[index[sc.UserID]].Scope, sc.ManufacturerID)
		}
		var sites []model.UserSiteScope
		if err := db.Where("user_id IN ?", chunk).Order("site_id").Find(&sites).Error; err != nil {
			return nil, fmt.Errorf("store: reminder recipients: site scopes: %w", err)
		}
		for _, sc := range sites {
			out[index[sc.UserID]].SiteScope = append(out[index[sc.UserID]].SiteScope, sc.SiteID)
		}
		var prefs []model.NotificationPreference
		if err := db.Where("user_id IN ?", chunk).Find(&prefs).Error; err != nil {
			return nil, fmt.Errorf("store: reminder recipients: preferences: %w", err)
		}
		for _, p := range prefs {
			out[index[p.UserID]].Preferences[p.Kind] = p.Channel
		}
	}
	return out, nil
}

// RunReminders runs the reminders of day once across every instance on the
// database: in one transaction it takes the run lock (PostgreSQL), records
// the day's run (its unique date refuses a second one), reads the facts,
// lets plan choose the reminders and records them with their in-app
// notifications. A stage already recorded is skipped by the unique key, so
// nothing is told twice even if plan worked from stale facts. It returns
// ErrReminderRunDone or ErrReminderRunInProgress when another run has the day.
func (s *Store) RunReminders(ctx context.Context, day model.Date, w ReminderWindow, plan func(ReminderFacts) []NewReminder, actor audit.Actor) (model.ReminderRun, error) {
	// Not a request's deadline: the first run on a large register records
	// hundreds of thousands of reminders (559,039 in 38 s at 100,000 sites on
	// PostgreSQL), and a run cut off by QUALTRACK_DATABASE_TIMEOUT would be
	// tried, and cut off, again every day.
	ctx, cancel := context.WithTimeout(ctx, reminderRunTimeout)
	defer cancel()
	run := model.ReminderRun{RunDate: day, StartedAt: s.Now()}
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if database.DialectOf(tx) == database.Postgres {
			// Transaction-scoped, so a crashed run can never leave it held.
			var locked bool
			if err := tx.Raw("SELECT pg_try_advisory_xact_lock(?)", reminderLockKey).Scan(&locked).Error; err != nil {
				return fmt.Errorf("store: reminder run: lock: %w", err)
			}
			if !locked {
				return ErrReminderRunInProgress
			}
		}
		res := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&run)
		if res.Error != nil {
			return translate(res.Error, "reminder run")
		}
		if res.RowsAffected == 0 {
			return ErrReminderRunDone
		}
		facts, err := s.reminderFacts(tx, day, w)
		if err != nil {
			return err
		}
		fresh := unsent(plan(facts), facts.Sent)
		if err := insertReminders(tx, day, fresh); err != nil {
			return err
		}
		if err := s.emitDueEvents(tx, facts); err != nil {
			return err
		}
		run.Reminders = len(fresh)
		finished := s.Now()
		run.FinishedAt = &finished
		if err := tx.Model(&run).Select("reminders", "finished_at", "updated_at").Updates(&run).Error; err != nil {
			return translate(err, "reminder run")
		}
		_, err = s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionRemindersRun, EntityType: audit.EntityReminderRun, EntityID: run.ID,
			Changes: map[string]any{"run_date": day.String(), "reminders": run.Reminders}})
		return err
	})
	return run, err
}

// reminderRunTimeout bounds a whole reminder run, whatever the database
// timeout of single requests.
const reminderRunTimeout = 15 * time.Minute

// reminderBatch is the rows per INSERT of a run: a large register's first
// run records tens of thousands of reminders, and one statement per row
// would hold SQLite's write lock for tens of seconds.
const reminderBatch = 300

// unsent drops the reminders whose key is already recorded (sent was read
// inside the run's transaction, which holds the run lock) or repeated.
func unsent(rs []NewReminder, sent map[ReminderKey]bool) []NewReminder {
	seen := make(map[ReminderKey]bool, len(rs))
	out := rs[:0:0]
	for _, r := range rs {
		if sent[r.ReminderKey] || seen[r.ReminderKey] {
			continue
		}
		seen[r.ReminderKey] = true
		out = append(out, r)
	}
	return out
}

// insertReminders records rs and their notifications, in batches.
func insertReminders(tx *gorm.DB, day model.Date, rs []NewReminder) error {
	if len(rs) == 0 {
		return nil
	}
	rems := make([]model.Reminder, len(rs))
	for i, r := range rs {
		rems[i] = model.Reminder{Kind: r.Kind, EntityType: r.EntityType, EntityID: r.EntityID, Stage: r.Stage,
			UserID: r.UserID, RunDate: day, Channel: r.Channel}
	}
	if err := tx.CreateInBatches(&rems, reminderBatch).Error; err != nil {
		return translate(err, "record reminders")
	}
	notes := make([]model.Notification, len(rs))
	for i, r := range rs {
		notes[i] = model.Notification{UserID: r.UserID, ReminderID: &rems[i].ID, Kind: r.Kind, EntityType: r.EntityType, EntityID: r.EntityID,
			Title: r.Title, Body: r.Body, Link: r.Link, DueDate: r.Date}
	}
	if err := tx.CreateInBatches(&notes, reminderBatch).Error; err != nil {
		return translate(err, "record notifications")
	}
	return nil
}

// ReminderRunOn returns the run of day; ok is false when there was none.
func (s *Store) ReminderRunOn(ctx context.Context, day model.Date) (run model.ReminderRun, ok bool, err error) {
	err = s.db.WithContext(ctx).Where("run_date = ?", day).Take(&run).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return run, false, nil
	}
	return run, err == nil, translate(err, "reminder run")
}

// PendingEmail is an e-mail reminder no digest has carried yet.
type PendingEmail struct {
	ReminderID int64
	UserID     int64
	Kind       model.ReminderKind
	EntityType string
	EntityID   int64
	RunDate    model.Date
}

// PendingEmails lists the e-mail reminders recorded on or after since that
// no digest has carried yet: today's, and earlier ones whose sending
// failed. Only which record and whom they concern is returned: a digest is
// always written from today's records, never from what was true when the
// reminder was recorded.
func (s *Store) PendingEmails(ctx context.Context, since model.Date) ([]PendingEmail, error) {
	var out []PendingEmail
	err := s.db.WithContext(ctx).Model(&model.Reminder{}).
		Select("id AS reminder_id, user_id, kind, entity_type, entity_id, run_date").
		Where("channel = ? AND emailed_at IS NULL AND run_date >= ?", model.ChannelEmail, since).
		Order("user_id, id").Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: pending e-mails: %w", err)
	}
	return out, nil
}

// OverdueTotals are the counts behind a digest's "overdue in all" line.
type OverdueTotals struct {
	InspectionsOverdue  int64
	FindingsOverdue     int64
	CertificatesExpired int64
}

// OverdueTotals counts, in the store's scope, the sites whose inspection
// is overdue, the overdue findings and the expired certificates still on
// record (not withdrawn, not superseded), of active sites that are not
// disqualified: all of them, not only those reminded of today.
func (s *Store) OverdueTotals(ctx context.Context) (OverdueTotals, error) {
	db := s.db.WithContext(ctx)
	today := s.Today()
	var t OverdueTotals
	reminded := func(q *gorm.DB) *gorm.DB { return s.activeSites(q).Where(remindedSite, model.StatusDisqualified) }
	counts := []struct {
		what string
		q    *gorm.DB
		dst  *int64
	}{
		{"inspections", db.Model(&model.Site{}).Scopes(reminded).Where(overdueCondition, today), &t.InspectionsOverdue},
		{"findings", db.Model(&model.Finding{}).Joins("JOIN sites ON sites.id = findings.site_id").Scopes(reminded).
			Where(findingUnclosed+" AND findings.due_date < ?", today), &t.FindingsOverdue},
		{"certificates", db.Model(&model.Certification{}).Joins("JOIN sites ON sites.id = certifications.site_id").Scopes(reminded).
			Where("certifications.withdrawn = ? AND certifications.expires_on < ?", false, today).
			Where("NOT "+supersededCondition, false), &t.CertificatesExpired},
	}
	for _, c := range counts {
		if err := c.q.Count(c.dst).Error; err != nil {
			return t, fmt.Errorf("store: overdue totals: %s: %w", c.what, err)
		}
	}
	return t, nil
}

// MarkEmailed records that a digest carrying these reminders was sent, and
// counts it on the day's run.
func (s *Store) MarkEmailed(ctx context.Context, day model.Date, reminderIDs []int64, at time.Time) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		for _, chunk := range chunks(reminderIDs, 500) {
			if err := tx.Model(&model.Reminder{}).Where("id IN ?", chunk).
				Updates(map[string]any{"emailed_at": at, "updated_at": at}).Error; err != nil {
				return translate(err, "mark emailed")
			}
		}
		err := tx.Model(&model.ReminderRun{}).Where("run_date = ?", day).
			Updates(map[string]any{"emails": gorm.Expr("emails + 1"), "updated_at": at}).Error
		return translate(err, "mark emailed")
	})
}

// TakeMailLease claims the sending of day's digests for at most d: it
// returns false when another process holds the claim, or when day was not
// run yet. Release it with ReleaseMailLease.
func (s *Store) TakeMailLease(ctx context.Context, day model.Date, d time.Duration) (bool, error) {
	now := s.Now()
	res := s.db.WithContext(ctx).Model(&model.ReminderRun{}).
		Where("run_date = ? AND (mail_lease_until IS NULL OR mail_lease_until < ?)", day, now).
		UpdateColumn("mail_lease_until", now.Add(d))
	if res.Error != nil {
		return false, translate(res.Error, "take mail lease")
	}
	return res.RowsAffected == 1, nil
}

// ReleaseMailLease gives up the claim TakeMailLease took.
func (s *Store) ReleaseMailLease(ctx context.Context, day model.Date) error {
	err := s.db.WithContext(ctx).Model(&model.ReminderRun{}).Where("run_date = ?", day).
		UpdateColumn("mail_lease_until", nil).Error
	return translate(err, "release mail lease")
}

// maxRefusalLength bounds the mail server's answer kept with a user.
const maxRefusalLength = 300

// MarkEmailRefused records that the mail server refused the user's
// address for good, with its answer, unless the address changed since the
// digest was written. It is audited; the user's version is not bumped, so
// an admin editing the user at the same time is not refused.
func (s *Store) MarkEmailRefused(ctx context.Context, userID int64, email, answer string, actor audit.Actor) error {
	answer = strings.ToValidUTF8(strings.Join(strings.Fields(answer), " "), "")
	if r := []rune(answer); len(r) > maxRefusalLength {
		answer = string(r[:maxRefusalLength])
	}
	return s.tx(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&model.User{}).Where("id = ? AND email = ?", userID, email).
			UpdateColumns(map[string]any{"email_refused_at": s.Now(), "email_refusal": answer})
		if res.Error != nil {
			return translate(res.Error, "mark e-mail refused")
		}
		if res.RowsAffected == 0 {
			return nil
		}
		_, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionUserEmailRefused, EntityType: audit.EntityUser, EntityID: userID,
			Changes: map[string]any{"email_refusal": answer}})
		return err
	})
}

// ClearEmailRefused forgets a refusal of email (a test e-mail to it went
// through); it reports whether there was one.
func (s *Store) ClearEmailRefused(ctx context.Context, email string, actor audit.Actor) (bool, error) {
	var cleared bool
	err := s.tx(ctx, func(tx *gorm.DB) error {
		var u model.User
		err := tx.Select("id").Where("lower(email) = ? AND email_refused_at IS NOT NULL", NormalizeEmail(email)).Take(&u).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return nil
		}
		if err != nil {
			return translate(err, "clear e-mail refusal")
		}
		if err := tx.Model(&model.User{}).Where("id = ?", u.ID).
			UpdateColumns(map[string]any{"email_refused_at": nil, "email_refusal": ""}).Error; err != nil {
			return translate(err, "clear e-mail refusal")
		}
		cleared = true
		_, err = s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionUserEmailAccepted, EntityType: audit.EntityUser, EntityID: u.ID})
		return err
	})
	return cleared, err
}

// chunks splits ids so IN lists stay within every driver's parameter limit.
func chunks(ids []int64, n int) [][]int64 {
	var out [][]int64
	for len(ids) > n {
		out = append(out, ids[:n])
		ids = ids[n:]
	}
	if len(ids) > 0 {
		out = append(out, ids)
	}
	return out
}
