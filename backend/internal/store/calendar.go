package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/model"
)

// calendarMaxEvents bounds each kind of event in one feed.
const calendarMaxEvents = 5000

// CalendarTokenOf returns the user's calendar token, or ErrNotFound.
func (s *Store) CalendarTokenOf(ctx context.Context, userID int64) (model.CalendarToken, error) {
	var t model.CalendarToken
	err := s.db.WithContext(ctx).Where("user_id = ?", userID).Take(&t).Error
	return t, translate(err, "calendar token")
}

// ResetCalendarToken replaces the user's calendar token (if any) by one
// whose SHA-256 is hash: the old feed URL stops working at once.
func (s *Store) ResetCalendarToken(ctx context.Context, userID int64, hash string, actor audit.Actor) (model.CalendarToken, error) {
	t := model.CalendarToken{UserID: userID, TokenHash: hash}
	err := s.tx(ctx, func(tx *gorm.DB) error {
		res := tx.Where("user_id = ?", userID).Delete(&model.CalendarToken{})
		if res.Error != nil {
			return translate(res.Error, "reset calendar token")
		}
		if err := tx.Create(&t).Error; err != nil {
			return translate(err, "reset calendar token")
		}
		_, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionUserCalendarTokenReset, EntityType: audit.EntityUser, EntityID: userID,
			Changes: map[string]any{"replaced": res.RowsAffected > 0}})
		return err
	})
	return t, err
}

// RevokeCalendarToken deletes the user's calendar token; it reports
// whether there was one.
func (s *Store) RevokeCalendarToken(ctx context.Context, userID int64, actor audit.Actor) (bool, error) {
	var had bool
	err := s.tx(ctx, func(tx *gorm.DB) error {
		res := tx.Where("user_id = ?", userID).Delete(&model.CalendarToken{})
		if res.Error != nil {
			return translate(res.Error, "revoke calendar token")
		}
		if had = res.RowsAffected > 0; !had {
			return nil
		}
		_, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionUserCalendarTokenRevoke, EntityType: audit.EntityUser, EntityID: userID})
		return err
	})
	return had, err
}

// revokeCalendarToken deletes the user's calendar token within tx, and
// records that when there was one.
func (s *Store) revokeCalendarToken(tx *gorm.DB, userID int64, actor audit.Actor) error {
	res := tx.Where("user_id = ?", userID).Delete(&model.CalendarToken{})
	if res.Error != nil {
		return translate(res.Error, "revoke calendar token")
	}
	if res.RowsAffected == 0 {
		return nil
	}
	_, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionUserCalendarTokenRevoke, EntityType: audit.EntityUser, EntityID: userID})
	return err
}

// UserByCalendarToken returns the user whose calendar token has SHA-256
// hash, and notes that the feed was read. ErrNotFound when none.
func (s *Store) UserByCalendarToken(ctx context.Context, hash string) (model.User, error) {
	db := s.db.WithContext(ctx)
	var t model.CalendarToken
	if err := db.Where("token_hash = ?", hash).Take(&t).Error; err != nil {
		return model.User{}, translate(err, "calendar token")
	}
	var u model.User
	if err := db.Take(&u, t.UserID).Error; err != nil {
		return model.User{}, translate(err, "calendar token user")
	}
	// Calendar apps poll; noting the use once an hour is enough.
	now := s.Now()
	if t.LastUsedAt == nil || now.Sub(*t.LastUsedAt) > time.Hour {
		if err := db.Model(&t).UpdateColumn("last_used_at", now).Error; err != nil && !errors.Is(err, context.Canceled) {
			return model.User{}, translate(err, "calendar token use")
		}
	}
	return u, nil
}

// CalendarEntries are the dated records a calendar feed shows.
type CalendarEntries struct {
	Inspections  []CalendarInspection
	Certificates []CalendarCertificate
	Findings     []CalendarFinding
	// DueSites are sites whose next inspection is due with none planned
	// on or before the due date.
	DueSites []CalendarSite
	// ConditionalSites are sites approved on conditions until a date.
	ConditionalSites []CalendarSite
}

// CalendarSite is a site with its inspection due date and conditional
// approval end.
type CalendarSite struct {
	ID                int64
	Code              string
	Name              string
	ManufacturerName  string
	RiskTier          model.RiskTier
	NextInspectionDue model.Date
	ConditionalUntil  model.Date
}

// CalendarInspection is a planned inspection.
type CalendarInspection struct {
	ID            int64
	SiteID        int64
	SiteCode      string
	SiteName      string
	Type          model.InspectionType
	ScheduledDate model.Date
	Scope         string
	Team          string
	UpdatedAt     time.Time
}

// CalendarCertificate is a certificate's expiry.
type CalendarCertificate struct {
	ID                int64
	SiteID            int64
	SiteCode          string
	SiteName          string
	Standard          string
	CertificateNumber string
	IssuingBody       string
	ExpiresOn         model.Date
	UpdatedAt         time.Time
}

// CalendarFinding is an open finding's due date.
type CalendarFinding struct {
	ID          int64
	SiteID      int64
	SiteCode    string
	SiteName    string
	Severity    model.Severity
	Description string
	Owner       string
	DueDate     model.Date
	UpdatedAt   time.Time
}

// CalendarEntries reads the planned inspections, certificate expiries
// (not withdrawn or superseded) and open findings' due dates from from to
// to, of active sites.
func (s *Store) CalendarEntries(ctx context.Context, from, to model.Date) (CalendarEntries, error) {
	db := s.db.WithContext(ctx)
	var e CalendarEntries
	err := db.Table("inspections").
		Select(`inspections.id, inspections.site_id, sites.code AS site_code, sites.name AS site_name, inspections.type,
			inspections.scheduled_date, inspections.scope, inspections.team, inspections.updated_at`).
		Joins("JOIN sites ON sites.id = inspections.site_id").Scopes(s.activeSites).
		Where("inspections.status = ? AND inspections.scheduled_date BETWEEN ? AND ?", model.InspectionPlanned, from, to).
		Order("inspections.scheduled_date, inspections.id").Limit(calendarMaxEvents).Scan(&e.Inspections).Error
	if err != nil {
		return e, fmt.Errorf("store: calendar: inspections: %w", err)
	}
	err = db.Table("certifications").
		Select(`certifications.id, certifications.site_id, sites.code AS site_code, sites.name AS site_name, certifications.standard,
			certifications.certificate_number, certifications.issuing_body, certifications.expires_on, certifications.updated_at`).
		Joins("JOIN sites ON sites.id = certifications.site_id").Scopes(s.activeSites).
		Where("certifications.withdrawn = ? AND certifications.expires_on BETWEEN ? AND ?", false, from, to).
		Where("NOT "+supersededCondition, false).
		Order("certifications.expires_on, certifications.id").Limit(calendarMaxEvents).Scan(&e.Certificates).Error
	if err != nil {
		return e, fmt.Errorf("store: calendar: certifications: %w", err)
	}
	err = db.Table("findings").
		Select(`findings.id, findings.site_id, sites.code AS site_code, sites.name AS site_name, findings.severity,
			findings.description, findings.owner, findings.due_date, findings.updated_at`).
		Joins("JOIN sites ON sites.id = findings.site_id").Scopes(s.activeSites).
		Where("findings.status <> ? AND findings.due_date BETWEEN ? AND ?", model.FindingClosed, from, to).
		Order("findings.due_date, findings.id").Limit(calendarMaxEvents).Scan(&e.Findings).Error
	if err != nil {
		return e, fmt.Errorf("store: calendar: findings: %w", err)
	}
	sites := func() *gorm.DB {
		return db.Table("sites").Select(`sites.id, sites.code, sites.name, manufacturers.name AS manufacturer_name, sites.risk_tier,
			sites.next_inspection_due, sites.conditional_until`).
			Joins("JOIN manufacturers ON manufacturers.id = sites.manufacturer_id").Scopes(s.activeSites).
			Where(remindedSite, model.StatusDisqualified)
	}
	err = sites().Where("sites.next_inspection_due BETWEEN ? AND ?", from, to).
		Where("(sites.next_planned_date IS NULL OR sites.next_planned_date > sites.next_inspection_due)").
		Order("sites.next_inspection_due, sites.id").Limit(calendarMaxEvents).Scan(&e.DueSites).Error
	if err != nil {
		return e, fmt.Errorf("store: calendar: inspections due: %w", err)
	}
	err = sites().Where("sites.qualification_status = ? AND sites.conditional_until BETWEEN ? AND ?", model.StatusConditional, from, to).
		Order("sites.conditional_until, sites.id").Limit(calendarMaxEvents).Scan(&e.ConditionalSites).Error
	if err != nil {
		return e, fmt.Errorf("store: calendar: conditional approvals: %w", err)
	}
	return e, nil
}

// CalendarRevision is how often and when a calendar event last changed.
type CalendarRevision struct {
	UID         string
	ContentHash string
	Sequence    int
	ChangedAt   time.Time
}

// CalendarRevisions returns each event's revision, given the hash of what
// the feed shows now (uid -> hash): an event seen for the first time
// starts at sequence 0, one whose hash changed goes up by one and is
// stamped now. Calendar apps compare SEQUENCE and DTSTAMP to notice that
// an event changed; nothing else records when a derived event (a due
// date, a site renamed) changed.
func (s *Store) CalendarRevisions(ctx context.Context, hashes map[string]string) (map[string]CalendarRevision, error) {
	db := s.db.WithContext(ctx)
	uids := make([]string, 0, len(hashes))
	for uid := range hashes {
		uids = append(uids, uid)
	}
	read := func() (map[string]CalendarRevision, error) {
		out := make(map[string]CalendarRevision, len(uids))
		for i := 0; i < len(uids); i += 500 {
			var rows []CalendarRevision
			if err := db.Table("calendar_event_revisions").Select("uid, content_hash, sequence, changed_at").
				Where("uid IN ?", uids[i:min(i+500, len(uids))]).Scan(&rows).Error; err != nil {
				return nil, fmt.Errorf("store: calendar revisions: %w", err)
			}
			for _, r := range rows {
				out[r.UID] = r
			}
		}
		return out, nil
	}
	have, err := read()
	if err != nil {
		return nil, err
	}
	now := s.Now().UTC().Truncate(time.Second)
	var fresh []map[string]any
	changed := false
	for uid, h := range hashes {
		r, ok := have[uid]
		switch {
		case !ok:
			fresh = append(fresh, map[string]any{"uid": uid, "content_hash": h, "sequence": 0, "changed_at": now})
		case r.ContentHash != h:
			// Compare-and-set: of two feeds that notice the change at once, one bumps.
			if err := db.Table("calendar_event_revisions").Where("uid = ? AND content_hash = ?", uid, r.ContentHash).
				Updates(map[string]any{"content_hash": h, "sequence": gorm.Expr("sequence + 1"), "changed_at": now}).Error; err != nil {
				return nil, fmt.Errorf("store: calendar revisions: %w", err)
			}
			changed = true
		}
	}
	for i := 0; i < len(fresh); i += 300 {
		if err := db.Table("calendar_event_revisions").Clauses(clause.OnConflict{DoNothing: true}).
			Create(fresh[i:min(i+300, len(fresh))]).Error; err != nil {
			return nil, fmt.Errorf("store: calendar revisions: %w", err)
		}
	}
	if !changed && len(fresh) == 0 {
		return have, nil
	}
	return read()
}
