package store

import (
	"context"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
)

// DecisionSorts are the sort fields of a site's decision history.
var DecisionSorts = SortFields{"decided_at": timeSort("decided_at")}

// DecisionView is a decision as the history shows it, with who made it.
type DecisionView struct {
	model.QualificationDecision
	DecidedBy DecidedByUser `json:"decided_by"`
	// Signature is the decider's electronic signature of the decision.
	Signature *model.Signature `json:"signature"`
}

// DecidedByUser is who recorded a decision.
type DecidedByUser struct {
	ID    int64  `json:"id"`
	Name  string `json:"name"`
	Email string `json:"email"`
}

// siteFacts loads the evidence on record for a site: its completed
// inspections, its findings that are not closed and its certificates.
func siteFacts(db *gorm.DB, site model.Site) (qualification.SiteFacts, error) {
	facts := qualification.SiteFacts{
		Status:         site.QualificationStatus,
		Inspections:    []qualification.InspectionFact{},
		Findings:       []qualification.FindingFact{},
		Certifications: []qualification.CertificationFact{},
	}
	err := db.Model(&model.Inspection{}).Select("id", "status", "type", "performed_date", "result").
		Where("site_id = ? AND status = ?", site.ID, model.InspectionCompleted).Order("id").Scan(&facts.Inspections).Error
	if err != nil {
		return facts, fmt.Errorf("store: site facts: inspections: %w", err)
	}
	err = db.Model(&model.Finding{}).Select("id", "severity", "status", "description").
		Where("site_id = ? AND status <> ?", site.ID, model.FindingClosed).Order("id").Scan(&facts.Findings).Error
	if err != nil {
		return facts, fmt.Errorf("store: site facts: findings: %w", err)
	}
	// The site's own certificates: those of its component sources never
	// qualify it.
	err = db.Model(&model.Certification{}).Select("id", "standard", "expires_on", "withdrawn").
		Where("site_id = ? AND component_source_id IS NULL", site.ID).Order("expires_on").Scan(&facts.Certifications).Error
	if err != nil {
		return facts, fmt.Errorf("store: site facts: certifications: %w", err)
	}
	return facts, nil
}

// QualificationFacts returns the site and the evidence a decision on it
// would be checked against, for previewing which moves are possible.
func (s *Store) QualificationFacts(ctx context.Context, siteID int64) (model.Site, qualification.SiteFacts, error) {
	db := s.db.WithContext(ctx)
	var site model.Site
	if err := s.in(db, "sites.manufacturer_id", viaManufacturer).Select("id", "qualification_status", "archived_at").Take(&site, siteID).Error; err != nil {
		return site, qualification.SiteFacts{}, translate(err, "qualification facts")
	}
	facts, err := siteFacts(db, site)
	return site, facts, err
}

// Decider is the person recording a decision. May is asked, inside the
// decision's transaction and only for a known target status, whether they
// may move the site from its current status; a non-nil error refuses.
type Decider struct {
	UserID int64
	Actor  audit.Actor
	May    func(from, to model.QualificationStatus) error
}

// DecideQualification checks d against the site's evidence today and, if
// every rule is met, records it: the decision row, the site's new status
// and the audit event commit together or not at all.
func (s *Store) DecideQualification(ctx context.Context, siteID int64, d qualification.Decision, by Decider) (DecisionView, SiteView, error) {
	var dec model.QualificationDecision
	var site model.Site
	d.Reason = strings.TrimSpace(d.Reason)
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Take(&site, siteID).Error; err != nil {
			return translate(err, "decide qualification")
		}
		if d.To.Valid() && by.May != nil {
			if err := by.May(site.QualificationStatus, d.To); err != nil {
				return err
			}
		}
		if site.ArchivedAt != nil {
			return qualification.Problems{"status": "The site is archived; restore it before deciding on its qualification."}.
				Err("The site cannot move to that status.")
		}
		facts, err := siteFacts(tx, site)
		if err != nil {
			return err
		}
		if err := qualification.CheckDecision(facts, d, s.Today()); err != nil {
			return err
		}
		now := s.Now()
		before := site
		site.QualificationStatus, site.StatusSince, site.ConditionalUntil = d.To, now, model.Date{}
		if d.To == model.StatusConditional {
			site.ConditionalUntil = d.ConditionalUntil
		}
		site.Version = before.Version + 1
		site.UpdatedAt = now
		res := tx.Model(&model.Site{}).Where("id = ? AND version = ?", siteID, before.Version).UpdateColumns(map[string]any{
			"qualification_status": site.QualificationStatus,
			"status_since":         site.StatusSince,
			"conditional_until":    site.ConditionalUntil,
			"version":              site.Version,
			"updated_at":           site.UpdatedAt,
		})
		if res.Error != nil {
			return translate(res.Error, "decide qualification")
		}
		if res.RowsAffected == 0 {
			return ErrVersionConflict
		}
		dec = model.QualificationDecision{
			SiteID: siteID, FromStatus: before.QualificationStatus, ToStatus: d.To, Reason: d.Reason,
			ConditionalUntil: site.ConditionalUntil, DecidedByID: by.UserID, DecidedAt: now,
		}
		if err := tx.Create(&dec).Error; err != nil {
			return translate(err, "decide qualification")
		}
		sig, err := s.sign(tx, qualification.SignDecision, "qualification_decision", dec.ID, qualification.DecisionContent{
			Kind: "qualification_decision", DecisionID: dec.ID, SiteID: siteID, SiteCode: site.Code,
			From: dec.FromStatus, To: dec.ToStatus, Reason: dec.Reason, ConditionalUntil: dec.ConditionalUntil,
		})
		if err != nil {
			return err
		}
		changes := audit.Diff(before, site)
		changes["reason"] = [2]any{nil, d.Reason}
		changes["decision_id"] = [2]any{nil, dec.ID}
		changes["signature"] = [2]any{nil, signatureChange(sig)}
		if _, err := s.trail.Append(tx, audit.Entry{Actor: by.Actor, Action: audit.ActionSiteQualification, EntityType: audit.EntitySite, EntityID: siteID, Changes: changes}); err != nil {
			return err
		}
		return s.emitSiteStatusChanged(tx, dec)
	})
	if err != nil {
		return DecisionView{}, SiteView{}, err
	}
	db := s.db.WithContext(ctx)
	views, err := s.decisionViews(db, []model.QualificationDecision{dec})
	if err != nil {
		return DecisionView{}, SiteView{}, err
	}
	sites, err := s.siteViews(db, []model.Site{site})
	if err != nil {
		return DecisionView{}, SiteView{}, err
	}
	return views[0], sites[0], nil
}

// QualificationHistory returns one page of a site's decisions, newest first.
func (s *Store) QualificationHistory(ctx context.Context, siteID int64, p Page) ([]DecisionView, int64, error) {
	db := s.db.WithContext(ctx)
	var exists int64
	if err := s.in(db.Model(&model.Site{}).Where("id = ?", siteID), "sites.manufacturer_id", viaManufacturer).Count(&exists).Error; err != nil {
		return nil, 0, translate(err, "qualification history")
	}
	if exists == 0 {
		return nil, 0, ErrNotFound
	}
	var rows []model.QualificationDecision
	total, err := list(db.Model(&model.QualificationDecision{}).Where("site_id = ?", siteID), p, DecisionSorts, "-decided_at", &rows)
	if err != nil {
		return nil, 0, translate(err, "qualification history")
	}
	views, err := s.decisionViews(db, rows)
	return views, total, err
}

// decisionViews adds who decided, with one query for the page.
func (s *Store) decisionViews(db *gorm.DB, rows []model.QualificationDecision) ([]DecisionView, error) {
	views := make([]DecisionView, len(rows))
	if len(rows) == 0 {
		return views, nil
	}
	ids := make([]int64, 0, len(rows))
	for _, r := range rows {
		ids = append(ids, r.DecidedByID)
	}
	var users []DecidedByUser
	if err := db.Model(&model.User{}).Select("id", "name", "email").Where("id IN ?", ids).Scan(&users).Error; err != nil {
		return nil, fmt.Errorf("store: decided by: %w", err)
	}
	byID := make(map[int64]DecidedByUser, len(users))
	for _, u := range users {
		byID[u.ID] = u
	}
	sigs, err := latestSignatures(db, qualification.SignDecision, "qualification_decision", distinctIDs(rows, func(r model.QualificationDecision) int64 { return r.ID }))
	if err != nil {
		return nil, err
	}
	for i, r := range rows {
		ref, ok := byID[r.DecidedByID]
		if !ok {
			ref = DecidedByUser{ID: r.DecidedByID}
		}
		views[i] = DecisionView{QualificationDecision: r, DecidedBy: ref}
		if sig, ok := sigs[r.ID]; ok {
			views[i].Signature = &sig
		}
	}
	return views, nil
}
