package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

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
	return e, nil
}
