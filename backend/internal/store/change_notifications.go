package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
)

// Change notifications (PCN): recorded by the supplier, or by the buyer on
// its behalf, decided by a manager (signed); an approval may plan a
// for-cause inspection at each site at once. A change found on site that
// was never notified is recorded as a finding of category
// unnotified_change with a retroactive notification.

// ChangeNotificationView is a change notification with its sites.
type ChangeNotificationView struct {
	model.ChangeNotification
	ManufacturerName string      `json:"manufacturer_name"`
	Sites            []SiteLabel `json:"sites"`
	SubmittedByName  string      `json:"submitted_by_name"`
	DecidedByName    string      `json:"decided_by_name"`
}

// SiteLabel is a site's id, code and name.
type SiteLabel struct {
	ID   int64  `json:"id"`
	Code string `json:"code"`
	Name string `json:"name"`
}

// ChangeNotificationFilter narrows the change notifications list.
type ChangeNotificationFilter struct {
	Status       model.ChangeStatus
	Manufacturer int64
	Site         int64
	// Since keeps changes created, planned or decided on or after it.
	Since model.Date
}

// ChangeNotificationSorts are the list's sort fields.
var ChangeNotificationSorts = SortFields{
	"created_at":   timeSort("change_notifications.created_at"),
	"planned_date": nullsLast(dateSort("change_notifications.planned_date")),
	"status":       textSort("change_notifications.status"),
}

// changesInScope narrows change notifications to the store's scope: a
// change is in scope when its manufacturer is, and for a store limited to
// some sites, when one of its sites is.
func (s *Store) changesInScope(q *gorm.DB) *gorm.DB {
	if s.scope == nil {
		return q
	}
	q = s.in(q, "change_notifications.manufacturer_id", viaManufacturer)
	if s.sites != nil {
		sub, args := s.subquery(viaSite)
		q = q.Where("change_notifications.id IN (SELECT cns.change_notification_id FROM change_notification_sites cns WHERE cns.site_id IN "+sub+")", args...)
	}
	return q
}

// NewChange is a change notification to record.
type NewChange struct {
	ManufacturerID int64
	Kind           model.ChangeKind
	Title          string
	Description    string
	PlannedDate    model.Date
	SiteIDs        []int64
}

// CreateChangeNotification records a pending change notification. Its
// sites must be the manufacturer's and within the store's scope.
func (s *Store) CreateChangeNotification(ctx context.Context, in NewChange, actor audit.Actor) (ChangeNotificationView, error) {
	var view ChangeNotificationView
	err := s.tx(ctx, func(tx *gorm.DB) error {
		cn, err := s.createChange(tx, in, false, nil, actor)
		if err != nil {
			return err
		}
		view, err = s.describeChange(tx, cn)
		return err
	})
	return view, err
}

func (s *Store) createChange(tx *gorm.DB, in NewChange, retroactive bool, findingID *int64, actor audit.Actor) (model.ChangeNotification, error) {
	sites := slices.Compact(slices.Sorted(slices.Values(in.SiteIDs)))
	in.Title, in.Description = strings.TrimSpace(in.Title), strings.TrimSpace(in.Description)
	if err := qualification.ValidateChange(qualification.ChangeInput{Kind: in.Kind, Title: in.Title, Description: in.Description,
		PlannedDate: in.PlannedDate, Sites: len(sites)}); err != nil {
		return model.ChangeNotification{}, err
	}
	if err := s.checkInScope(tx, viaManufacturer, in.ManufacturerID); err != nil {
		return model.ChangeNotification{}, qualification.Problems{"manufacturer_id": "Choose an existing manufacturer."}.Err("The change notification is not valid.")
	}
	var n int64
	if err := s.in(tx.Model(&model.Site{}), "sites.id", viaSite).Where("id IN ? AND manufacturer_id = ?", sites, in.ManufacturerID).Count(&n).Error; err != nil {
		return model.ChangeNotification{}, fmt.Errorf("store: change sites: %w", err)
	}
	if int(n) != len(sites) {
		return model.ChangeNotification{}, qualification.Problems{"site_ids": "Choose sites of this manufacturer."}.Err("The change notification is not valid.")
	}
	now := s.Now()
	cn := model.ChangeNotification{ManufacturerID: in.ManufacturerID, Kind: in.Kind, Title: in.Title, Description: in.Description,
		PlannedDate: in.PlannedDate, Status: model.ChangePending, Retroactive: retroactive, FindingID: findingID, SubmittedAt: now, Version: 1}
	if a := actorID(actor); a != nil {
		cn.SubmittedByID = *a
	}
	if err := tx.Create(&cn).Error; err != nil {
		return cn, translate(err, "create change notification")
	}
	for _, id := range sites {
		if err := tx.Create(&model.ChangeNotificationSite{ChangeNotificationID: cn.ID, SiteID: id}).Error; err != nil {
			return cn, translate(err, "create change notification site")
		}
	}
	changes := audit.Diff(nil, cn)
	changes["site_ids"] = [2]any{nil, sites}
	_, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionChangeNotificationCreate, EntityType: audit.EntityChangeNotification, EntityID: cn.ID, Changes: changes})
	return cn, err
}

func (s *Store) describeChange(tx *gorm.DB, cn model.ChangeNotification) (ChangeNotificationView, error) {
	views, err := s.describeChanges(tx, []model.ChangeNotification{cn})
	if err != nil {
		return ChangeNotificationView{}, err
	}
	return views[0], nil
}

func (s *Store) describeChanges(tx *gorm.DB, cns []model.ChangeNotification) ([]ChangeNotificationView, error) {
	out := make([]ChangeNotificationView, len(cns))
	if len(cns) == 0 {
		return out, nil
	}
	ids := make([]int64, len(cns))
	var users, makers []int64
	for i, cn := range cns {
		ids[i] = cn.ID
		users = append(users, cn.SubmittedByID)
		if cn.DecidedByID != nil {
			users = append(users, *cn.DecidedByID)
		}
		makers = append(makers, cn.ManufacturerID)
	}
	names, err := userNames(tx, users)
	if err != nil {
		return nil, err
	}
	var mrows []struct {
		ID   int64
		Name string
	}
	if err := tx.Model(&model.Manufacturer{}).Select("id", "name").Where("id IN ?", makers).Scan(&mrows).Error; err != nil {
		return nil, fmt.Errorf("store: change manufacturers: %w", err)
	}
	mnames := map[int64]string{}
	for _, m := range mrows {
		mnames[m.ID] = m.Name
	}
	var srows []struct {
		ChangeNotificationID int64
		SiteLabel
	}
	if err := tx.Table("change_notification_sites").Select("change_notification_sites.change_notification_id, sites.id, sites.code, sites.name").
		Joins("JOIN sites ON sites.id = change_notification_sites.site_id").Where("change_notification_sites.change_notification_id IN ?", ids).
		Order("sites.code").Scan(&srows).Error; err != nil {
		return nil, fmt.Errorf("store: change sites: %w", err)
	}
	for i, cn := range cns {
		out[i] = ChangeNotificationView{ChangeNotification: cn, ManufacturerName: mnames[cn.ManufacturerID], Sites: []SiteLabel{},
			SubmittedByName: names[cn.SubmittedByID]}
		if cn.DecidedByID != nil {
			out[i].DecidedByName = names[*cn.DecidedByID]
		}
		for _, r := range srows {
			if r.ChangeNotificationID == cn.ID {
				out[i].Sites = append(out[i].Sites, r.SiteLabel)
			}
		}
	}
	return out, nil
}

// ChangeNotificationByID returns a change within the store's scope.
func (s *Store) ChangeNotificationByID(ctx context.Context, id int64) (ChangeNotificationView, error) {
	db := s.db.WithContext(ctx)
	var cn model.ChangeNotification
	if err := s.changesInScope(db.Model(&model.ChangeNotification{})).Where("id = ?", id).Take(&cn).Error; err != nil {
		return ChangeNotificationView{}, translate(err, "change notification")
	}
	return s.describeChange(db, cn)
}

// ListChangeNotifications lists changes within the store's scope.
func (s *Store) ListChangeNotifications(ctx context.Context, f ChangeNotificationFilter, p Page) ([]ChangeNotificationView, int64, error) {
	db := s.db.WithContext(ctx)
	q := s.changesInScope(db.Model(&model.ChangeNotification{}))
	if f.Status != "" {
		q = q.Where("change_notifications.status = ?", f.Status)
	}
	if f.Manufacturer != 0 {
		q = q.Where("change_notifications.manufacturer_id = ?", f.Manufacturer)
	}
	if f.Site != 0 {
		q = q.Where("change_notifications.id IN (SELECT change_notification_id FROM change_notification_sites WHERE site_id = ?)", f.Site)
	}
	if !f.Since.IsZero() {
		since := f.Since.Time()
		q = q.Where("(change_notifications.created_at >= ? OR change_notifications.planned_date >= ? OR change_notifications.decided_at >= ?)", since, f.Since, since)
	}
	var cns []model.ChangeNotification
	total, err := list(q, p, ChangeNotificationSorts, "-created_at", &cns)
	if err != nil {
		return nil, 0, translate(err, "list change notifications")
	}
	views, err := s.describeChanges(db, cns)
	return views, total, err
}

// DecideChangeNotification records a manager's signed decision. An
// approval that requires a for-cause inspection plans one at each of the
// change's sites on the chosen date, in the same transaction, which moves
// each site's next planned inspection.
func (s *Store) DecideChangeNotification(ctx context.Context, id int64, d qualification.ChangeDecision, actor audit.Actor) (ChangeNotificationView, error) {
	var view ChangeNotificationView
	err := s.tx(ctx, func(tx *gorm.DB) error {
		var cn model.ChangeNotification
		// Locked, so no file is attached between reading the files the
		// signature covers and the decision (see CreateAttachment).
		if err := s.changesInScope(lockRows(tx, "UPDATE").Model(&model.ChangeNotification{})).Where("id = ?", id).Take(&cn).Error; err != nil {
			return translate(err, "decide change notification")
		}
		d.Conditions, d.Reason = strings.TrimSpace(d.Conditions), strings.TrimSpace(d.Reason)
		if err := qualification.CheckChangeDecision(cn.Status, d, s.Today()); err != nil {
			return err
		}
		var sites []int64
		if err := tx.Model(&model.ChangeNotificationSite{}).Where("change_notification_id = ?", cn.ID).Order("site_id").Pluck("site_id", &sites).Error; err != nil {
			return fmt.Errorf("store: change sites: %w", err)
		}
		var files []string
		if err := tx.Model(&model.Attachment{}).Where("owner_type = ? AND owner_id = ?", model.OwnerChangeNotification, cn.ID).Order("id").Pluck("sha256", &files).Error; err != nil {
			return fmt.Errorf("store: change files: %w", err)
		}
		before := cn
		now := s.Now()
		cn.Status, cn.Conditions, cn.DecisionReason, cn.RequiresInspection = d.Status, d.Conditions, d.Reason, d.RequiresInspection
		cn.DecidedByID, cn.DecidedAt = actorID(actor), &now
		if d.RequiresInspection {
			plain := *s
			plain.signer = nil
			for i, site := range sites {
				in := model.Inspection{SiteID: site, Type: model.InspectionForCause, Status: model.InspectionPlanned, ScheduledDate: d.InspectionDate,
					Scope: "Change notification " + fmt.Sprint(cn.ID) + ": " + cn.Title, Version: 1}
				if err := plain.validateInspection(tx, in, nil); err != nil {
					return err
				}
				if err := tx.Create(&in).Error; err != nil {
					return translate(err, "plan for-cause inspection")
				}
				if err := plain.refreshSiteSchedule(tx, site); err != nil {
					return err
				}
				if _, err := plain.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionInspectionCreate, EntityType: audit.EntityInspection, EntityID: in.ID, Changes: audit.Diff(nil, in)}); err != nil {
					return err
				}
				if i == 0 {
					cn.InspectionID = &in.ID
				}
			}
		}
		cn.Version = before.Version + 1
		if err := saveVersioned(tx, &cn, cn.ID, before.Version); err != nil {
			return translate(err, "decide change notification")
		}
		sig, err := s.sign(tx, qualification.SignChangeDecision, string(audit.EntityChangeNotification), cn.ID, qualification.ChangeContent{
			Kind: "change_notification", ChangeNotificationID: cn.ID, ManufacturerID: cn.ManufacturerID, ChangeKind: cn.Kind, Title: cn.Title,
			Description: cn.Description, PlannedDate: cn.PlannedDate, SiteIDs: sites, Status: cn.Status, Conditions: cn.Conditions,
			Reason: cn.DecisionReason, RequiresInspection: cn.RequiresInspection, Files: files})
		if err != nil {
			return err
		}
		changes := audit.Diff(before, cn)
		changes["signature"] = [2]any{nil, signatureChange(sig)}
		if _, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionChangeNotificationDecide, EntityType: audit.EntityChangeNotification, EntityID: cn.ID, Changes: changes}); err != nil {
			return err
		}
		if err := s.emitChangeDecided(tx, cn, sites); err != nil {
			return err
		}
		view, err = s.describeChange(tx, cn)
		return err
	})
	return view, err
}

// UnnotifiedChange is a change found on site that was never notified.
type UnnotifiedChange struct {
	Kind        model.ChangeKind
	Title       string
	Description string
	Severity    model.Severity
}

// RecordUnnotifiedChange raises a finding of category unnotified_change on
// the inspection and a retroactive change notification of the site's
// manufacturer linked to it, in one transaction.
func (s *Store) RecordUnnotifiedChange(ctx context.Context, inspectionID int64, u UnnotifiedChange, actor audit.Actor) (ChangeNotificationView, FindingRow, error) {
	var view ChangeNotificationView
	var row FindingRow
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := s.checkInScope(tx, viaInspection, inspectionID); err != nil {
			return err
		}
		var in model.Inspection
		if err := tx.Select("id", "site_id").Take(&in, inspectionID).Error; err != nil {
			return translate(err, "unnotified change")
		}
		var site model.Site
		if err := tx.Select("id", "manufacturer_id").Take(&site, in.SiteID).Error; err != nil {
			return translate(err, "unnotified change: site")
		}
		if err := qualification.ValidateChange(qualification.ChangeInput{Kind: u.Kind, Title: u.Title, Description: u.Description, Sites: 1}); err != nil {
			return err
		}
		desc := "Unnotified change (" + string(u.Kind) + "): " + strings.TrimSpace(u.Title)
		if d := strings.TrimSpace(u.Description); d != "" {
			desc += "\n" + d
		}
		f := model.Finding{Severity: u.Severity, Category: model.CategoryUnnotifiedChange, Description: desc}
		var err error
		if row, err = s.createFinding(tx, inspectionID, &f, actor); err != nil {
			return err
		}
		cn, err := s.createChange(tx, NewChange{ManufacturerID: site.ManufacturerID, Kind: u.Kind, Title: u.Title, Description: u.Description,
			SiteIDs: []int64{in.SiteID}}, true, &f.ID, actor)
		if err != nil {
			return err
		}
		view, err = s.describeChange(tx, cn)
		return err
	})
	return view, row, err
}

// SiteChanges are a site's change notifications and whether an approved
// one still waits for an inspection.
type SiteChanges struct {
	Items       []ChangeNotificationView `json:"items"`
	Uninspected bool                     `json:"uninspected_change"`
}

// ChangesOfSite returns a site's change notifications, newest first (at
// most 200), with the flag of an approved change not yet inspected.
func (s *Store) ChangesOfSite(ctx context.Context, siteID int64) (SiteChanges, error) {
	db := s.db.WithContext(ctx)
	if err := s.checkInScope(db, viaSite, siteID); err != nil {
		return SiteChanges{}, err
	}
	var site model.Site
	if err := db.Select("id", "last_inspection_date").Take(&site, siteID).Error; err != nil {
		return SiteChanges{}, translate(err, "site changes")
	}
	views, _, err := s.ListChangeNotifications(ctx, ChangeNotificationFilter{Site: siteID}, Page{Page: 1, PageSize: MaxPageSize})
	if err != nil {
		return SiteChanges{}, err
	}
	out := SiteChanges{Items: views}
	for _, v := range views {
		if v.DecidedAt != nil && qualification.ChangeUninspected(v.Status, model.DateOf(*v.DecidedAt), site.LastInspectionDate) {
			out.Uninspected = true
		}
	}
	return out, nil
}

// ChangesSinceLastVisit returns the change notifications of an
// inspection's site since the site's completed inspection before it (all of
// them when there is none): what the inspector checks against.
func (s *Store) ChangesSinceLastVisit(ctx context.Context, inspectionID int64) ([]ChangeNotificationView, model.Date, error) {
	db := s.db.WithContext(ctx)
	if err := s.checkInScope(db, viaInspection, inspectionID); err != nil {
		return nil, model.Date{}, err
	}
	var in model.Inspection
	if err := db.Select("id", "site_id", "status", "performed_date", "scheduled_date").Take(&in, inspectionID).Error; err != nil {
		return nil, model.Date{}, translate(err, "changes since last visit")
	}
	var last model.Inspection
	q := db.Select("performed_date").Where("site_id = ? AND status = ? AND id <> ?", in.SiteID, model.InspectionCompleted, in.ID)
	if !in.PerformedDate.IsZero() {
		q = q.Where("performed_date <= ?", in.PerformedDate)
	}
	err := q.Order("performed_date DESC").Limit(1).Take(&last).Error
	if err != nil && translate(err, "") != ErrNotFound {
		return nil, model.Date{}, fmt.Errorf("store: last visit: %w", err)
	}
	views, _, err := s.ListChangeNotifications(ctx, ChangeNotificationFilter{Site: in.SiteID, Since: last.PerformedDate}, Page{Page: 1, PageSize: MaxPageSize})
	return views, last.PerformedDate, err
}

// ChangeNotificationAttachable returns ErrNotFound outside the store's
// scope, and a validation error unless files may be attached to the
// change now (checked before an upload is read; CreateAttachment checks
// again in its transaction).
func (s *Store) ChangeNotificationAttachable(ctx context.Context, id int64) error {
	var cn model.ChangeNotification
	if err := s.changesInScope(s.db.WithContext(ctx).Model(&model.ChangeNotification{})).Select("id", "status").Where("id = ?", id).Take(&cn).Error; err != nil {
		return translate(err, "change notification")
	}
	return qualification.CanAttachToChange(cn.Status)
}

// changeAttachable refuses a file for a change that was decided, inside
// the attachment's transaction.
func changeAttachable(tx *gorm.DB, id int64) error {
	var status []model.ChangeStatus
	if err := tx.Model(&model.ChangeNotification{}).Where("id = ?", id).Pluck("status", &status).Error; err != nil {
		return fmt.Errorf("store: change status: %w", err)
	}
	if len(status) == 0 {
		return ErrNotFound
	}
	return qualification.CanAttachToChange(status[0])
}

// ChangeNotificationFile returns a file of a change within the store's
// scope; any other attachment is ErrNotFound.
func (s *Store) ChangeNotificationFile(ctx context.Context, id int64) (AttachmentRow, error) {
	db := s.db.WithContext(ctx)
	var a model.Attachment
	err := s.attachmentsInScope(db.Model(&model.Attachment{}), "attachments").
		Where("id = ? AND owner_type = ?", id, model.OwnerChangeNotification).Take(&a).Error
	if err != nil {
		return AttachmentRow{}, translate(err, "change notification file")
	}
	rows, err := describeAttachments(db, []model.Attachment{a})
	if err != nil {
		return AttachmentRow{}, err
	}
	return rows[0], nil
}
