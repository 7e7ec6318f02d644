package store

import (
	"fmt"
	"strconv"
	"time"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
)

// The data of each webhook event (docs/integrations.md lists them). Every
// event names its site and manufacturer, so a receiver keeping a vendor
// master can file it without calling back.

type siteRef struct {
	ID               int64  `json:"id"`
	Code             string `json:"code"`
	Name             string `json:"name"`
	ManufacturerID   int64  `json:"manufacturer_id"`
	ManufacturerName string `json:"manufacturer_name"`
}

func siteRefOf(tx *gorm.DB, siteID int64) (siteRef, error) {
	var r siteRef
	err := tx.Table("sites s").Select("s.id, s.code, s.name, s.manufacturer_id, m.name AS manufacturer_name").
		Joins("JOIN manufacturers m ON m.id = s.manufacturer_id").Where("s.id = ?", siteID).Take(&r).Error
	if err != nil {
		return siteRef{}, fmt.Errorf("store: webhook event site: %w", err)
	}
	return r, nil
}

func (s *Store) emitSiteStatusChanged(tx *gorm.DB, dec model.QualificationDecision) error {
	return s.emit(tx, model.EventSiteStatusChanged, "", func() (any, error) {
		site, err := siteRefOf(tx, dec.SiteID)
		return map[string]any{"site": site, "from": dec.FromStatus, "to": dec.ToStatus, "reason": dec.Reason,
			"conditional_until": dec.ConditionalUntil, "decision_id": dec.ID, "decided_at": dec.DecidedAt.UTC()}, err
	})
}

// emitInspectionCompleted tells of an inspection that is completed now and
// was not before (before nil: just created).
func (s *Store) emitInspectionCompleted(tx *gorm.DB, before *model.Inspection, in model.Inspection) error {
	if in.Status != model.InspectionCompleted || (before != nil && before.Status == model.InspectionCompleted) {
		return nil
	}
	return s.emit(tx, model.EventInspectionCompleted, "", func() (any, error) {
		site, err := siteRefOf(tx, in.SiteID)
		return map[string]any{"site": site, "inspection": map[string]any{"id": in.ID, "type": in.Type, "performed_date": in.PerformedDate,
			"result": in.Result, "score": in.Score, "summary": in.Summary}}, err
	})
}

func findingData(tx *gorm.DB, f model.Finding) (any, error) {
	site, err := siteRefOf(tx, f.SiteID)
	return map[string]any{"site": site, "finding": map[string]any{"id": f.ID, "inspection_id": f.InspectionID, "severity": f.Severity,
		"category": f.Category, "requirement": f.Requirement, "description": f.Description, "status": f.Status, "due_date": f.DueDate,
		"verified_at": f.VerifiedAt}}, err
}

// emitFindingChange tells of a finding opened (before nil: just created,
// not already closed) or closed now.
func (s *Store) emitFindingChange(tx *gorm.DB, before *model.Finding, f model.Finding) error {
	typ := ""
	switch {
	case before == nil && f.Status != model.FindingClosed:
		typ = model.EventFindingOpened
	case f.Status == model.FindingClosed && (before == nil || before.Status != model.FindingClosed):
		typ = model.EventFindingClosed
	default:
		return nil
	}
	return s.emit(tx, typ, "", func() (any, error) { return findingData(tx, f) })
}

func (s *Store) emitStageSubmitted(tx *gorm.DB, ca model.CorrectiveAction, stage model.CAStage, at time.Time) error {
	return s.emit(tx, model.EventCorrectiveActionSubmitted, "", func() (any, error) {
		site, err := siteRefOf(tx, ca.SiteID)
		return map[string]any{"site": site, "corrective_action_id": ca.ID, "finding_id": ca.FindingID, "stage": stage,
			"status": ca.Status, "submitted_at": at.UTC()}, err
	})
}

func (s *Store) emitChangeDecided(tx *gorm.DB, cn model.ChangeNotification, sites []int64) error {
	return s.emit(tx, model.EventChangeNotificationDecided, "", func() (any, error) {
		var name string
		if err := tx.Model(&model.Manufacturer{}).Where("id = ?", cn.ManufacturerID).Pluck("name", &name).Error; err != nil {
			return nil, fmt.Errorf("store: webhook event manufacturer: %w", err)
		}
		return map[string]any{"manufacturer_id": cn.ManufacturerID, "manufacturer_name": name, "site_ids": sites,
			"change_notification": map[string]any{"id": cn.ID, "kind": cn.Kind, "title": cn.Title, "status": cn.Status,
				"conditions": cn.Conditions, "reason": cn.DecisionReason, "requires_inspection": cn.RequiresInspection,
				"inspection_id": cn.InspectionID, "decided_at": cn.DecidedAt}}, nil
	})
}

// emitDueEvents queues, from a daily reminder run's facts, the events of
// certificates expiring or expired and findings overdue. Each is queued
// once per subscription and date (the dedupe key names the date), so the
// next day's run does not repeat it.
func (s *Store) emitDueEvents(tx *gorm.DB, f ReminderFacts) error {
	for _, c := range f.Certificates {
		if c.Superseded {
			continue
		}
		st := qualification.CertificationStatus(c.ExpiresOn, false, f.Today, s.rules.ExpiringWithinDays)
		typ := ""
		switch st {
		case model.CertExpiring:
			typ = model.EventCertificateExpiring
		case model.CertExpired:
			typ = model.EventCertificateExpired
		default:
			continue
		}
		data := map[string]any{"site": siteRef{ID: c.SiteID, Code: c.SiteCode, Name: c.SiteName, ManufacturerID: c.ManufacturerID, ManufacturerName: c.ManufacturerName},
			"certification": map[string]any{"id": c.ID, "standard": c.Standard, "certificate_number": c.CertificateNumber,
				"issuing_body": c.IssuingBody, "expires_on": c.ExpiresOn}, "days_left": f.Today.DaysUntil(c.ExpiresOn)}
		key := typ + ":" + strconv.FormatInt(c.ID, 10) + ":" + c.ExpiresOn.String()
		if err := s.emit(tx, typ, key, func() (any, error) { return data, nil }); err != nil {
			return err
		}
	}
	for _, fd := range f.Findings {
		if !qualification.FindingOverdue(fd.DueDate, fd.Status, f.Today) {
			continue
		}
		data := map[string]any{"site": siteRef{ID: fd.SiteID, Code: fd.SiteCode, Name: fd.SiteName, ManufacturerID: fd.ManufacturerID, ManufacturerName: fd.ManufacturerName},
			"finding": map[string]any{"id": fd.ID, "severity": fd.Severity, "description": fd.Description, "status": fd.Status,
				"owner": fd.Owner, "due_date": fd.DueDate}, "days_overdue": fd.DueDate.DaysUntil(f.Today)}
		key := model.EventFindingOverdue + ":" + strconv.FormatInt(fd.ID, 10) + ":" + fd.DueDate.String()
		if err := s.emit(tx, model.EventFindingOverdue, key, func() (any, error) { return data, nil }); err != nil {
			return err
		}
	}
	return nil
}
