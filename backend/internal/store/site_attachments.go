package store

import (
	"context"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
)

// SiteAttachment is a file of a site or of one of its inspections, findings
// or certifications, with the record it is attached to.
type SiteAttachment struct {
	AttachmentRow
	Record AttachmentRecord `json:"record"`
}

// AttachmentRecord is the record a file is attached to, as a reader
// recognises it: its type and id (for a link), its label in words and, for
// an inspection, its day (performed, else scheduled).
type AttachmentRecord struct {
	Type  model.AttachmentOwner `json:"type"`
	ID    int64                 `json:"id"`
	Label string                `json:"label"`
	Date  model.Date            `json:"date"`
}

// siteAttachmentOrder lists the site's own files first, then those of its
// inspections, findings and certifications, newest record first, so the
// files of one record are next to each other on a page.
const siteAttachmentOrder = "CASE owner_type WHEN 'site' THEN 0 WHEN 'inspection' THEN 1 WHEN 'finding' THEN 2 ELSE 3 END, owner_id DESC, uploaded_at DESC, id DESC"

// ListSiteAttachments returns one page of the files of a site and of its
// inspections, findings and certifications, grouped by record (see
// siteAttachmentOrder); ErrNotFound when the site does not exist or is
// outside the scope.
func (s *Store) ListSiteAttachments(ctx context.Context, siteID int64, p Page) ([]SiteAttachment, int64, error) {
	db := s.db.WithContext(ctx)
	if err := attachmentOwnerExists(db, model.OwnerSite, siteID, false); err != nil {
		return nil, 0, err
	}
	if err := s.checkInScope(db, viaSite, siteID); err != nil {
		return nil, 0, err
	}
	q := db.Model(&model.Attachment{}).Where(
		"(owner_type = ? AND owner_id = ?)"+
			" OR (owner_type = ? AND owner_id IN (SELECT id FROM inspections WHERE site_id = ?))"+
			" OR (owner_type = ? AND owner_id IN (SELECT id FROM findings WHERE site_id = ?))"+
			" OR (owner_type = ? AND owner_id IN (SELECT id FROM certifications WHERE site_id = ?))",
		model.OwnerSite, siteID, model.OwnerInspection, siteID, model.OwnerFinding, siteID, model.OwnerCertification, siteID)
	q = s.attachmentsInScope(q, "attachments")
	var total int64
	if err := q.Session(&gorm.Session{}).Count(&total).Error; err != nil {
		return nil, 0, translate(err, "list site attachments")
	}
	if total == 0 {
		return []SiteAttachment{}, 0, nil
	}
	var rows []model.Attachment
	if err := q.Order(siteAttachmentOrder).Offset(p.Offset()).Limit(p.PageSize).Find(&rows).Error; err != nil {
		return nil, 0, translate(err, "list site attachments")
	}
	described, err := describeAttachments(db, rows)
	if err != nil {
		return nil, 0, err
	}
	records, err := attachmentRecords(db, rows)
	if err != nil {
		return nil, 0, err
	}
	out := make([]SiteAttachment, len(described))
	for i, a := range described {
		out[i] = SiteAttachment{AttachmentRow: a, Record: records[recordKey{a.OwnerType, a.OwnerID}]}
	}
	return out, total, nil
}

type recordKey struct {
	owner model.AttachmentOwner
	id    int64
}

// attachmentRecords names the records the attachments belong to, with one
// query per kind of record.
func attachmentRecords(db *gorm.DB, rows []model.Attachment) (map[recordKey]AttachmentRecord, error) {
	ids := map[model.AttachmentOwner][]int64{}
	out := map[recordKey]AttachmentRecord{}
	for _, a := range rows {
		k := recordKey{a.OwnerType, a.OwnerID}
		if _, ok := out[k]; !ok {
			out[k] = AttachmentRecord{Type: a.OwnerType, ID: a.OwnerID}
			ids[a.OwnerType] = append(ids[a.OwnerType], a.OwnerID)
		}
	}
	set := func(owner model.AttachmentOwner, id int64, label string, date model.Date) {
		out[recordKey{owner, id}] = AttachmentRecord{Type: owner, ID: id, Label: label, Date: date}
	}
	if len(ids[model.OwnerSite]) > 0 {
		labels, err := siteLabels(db, ids[model.OwnerSite])
		if err != nil {
			return nil, err
		}
		for id, l := range labels {
			set(model.OwnerSite, id, strings.TrimSpace(l.Code+" "+l.Name), model.Date{})
		}
	}
	if len(ids[model.OwnerInspection]) > 0 {
		var ins []model.Inspection
		err := db.Select("id", "type", "status", "result", "scheduled_date", "performed_date").Where("id IN ?", ids[model.OwnerInspection]).Find(&ins).Error
		if err != nil {
			return nil, fmt.Errorf("store: attachment inspections: %w", err)
		}
		for _, in := range ins {
			day := in.PerformedDate
			if day.IsZero() {
				day = in.ScheduledDate
			}
			set(model.OwnerInspection, in.ID, qualification.InspectionLabel(in.Type, in.Status, in.Result), day)
		}
	}
	if len(ids[model.OwnerFinding]) > 0 {
		var fs []model.Finding
		if err := db.Select("id", "severity", "description").Where("id IN ?", ids[model.OwnerFinding]).Find(&fs).Error; err != nil {
			return nil, fmt.Errorf("store: attachment findings: %w", err)
		}
		for _, f := range fs {
			set(model.OwnerFinding, f.ID, qualification.FindingLabel(f.Severity, f.Description), model.Date{})
		}
	}
	if len(ids[model.OwnerCertification]) > 0 {
		var cs []model.Certification
		if err := db.Select("id", "standard", "certificate_number").Where("id IN ?", ids[model.OwnerCertification]).Find(&cs).Error; err != nil {
			return nil, fmt.Errorf("store: attachment certifications: %w", err)
		}
		for _, c := range cs {
			set(model.OwnerCertification, c.ID, qualification.CertificationLabel(c.Standard, c.CertificateNumber), model.Date{})
		}
	}
	return out, nil
}
