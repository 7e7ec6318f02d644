package store

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/database"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
)

// Checklist templates are versioned by key: each version is a row of its
// own with its sections and items, and a version an inspection has used
// never changes again. Replacing the content of a used version inserts the
// next version under the same key; an unused version is rewritten in
// place (its version number still moves on, as the client's lock).

// ChecklistTemplateSorts are the sort fields of the templates list.
var ChecklistTemplateSorts = SortFields{
	"name":       textSort("checklist_templates.name"),
	"created_at": timeSort("checklist_templates.created_at"),
	"updated_at": timeSort("checklist_templates.updated_at"),
}

// latestTemplateVersion keeps only the newest version of each key.
const latestTemplateVersion = "checklist_templates.version = (SELECT MAX(t2.version) FROM checklist_templates t2 WHERE t2.key = checklist_templates.key)"

// ChecklistTemplateFilter narrows the templates list.
type ChecklistTemplateFilter struct {
	Q        string // name or description
	Archived Archived
}

// ChecklistTemplateRow is a template version as lists show it.
type ChecklistTemplateRow struct {
	model.ChecklistTemplate
	SectionCount  int `json:"section_count"`
	ItemCount     int `json:"item_count"`
	CriticalCount int `json:"critical_count"`
	// InUse says an inspection uses this version: replacing its content
	// creates the next version.
	InUse bool `json:"in_use"`
	// LatestID and LatestVersion name the newest version of the key.
	LatestID      int64  `json:"latest_id"`
	LatestVersion int64  `json:"latest_version"`
	CreatedByName string `json:"created_by_name"`
}

// ChecklistTemplateView is a template version with its content.
type ChecklistTemplateView struct {
	ChecklistTemplateRow
	Sections []ChecklistSectionView `json:"sections"`
}

// ChecklistSectionView is a section with its items, numbered from 1.
type ChecklistSectionView struct {
	model.ChecklistSection
	Number int                 `json:"number"`
	Items  []ChecklistItemView `json:"items"`
}

// ChecklistItemView is an item numbered "section.item" ("2.3").
type ChecklistItemView struct {
	model.ChecklistItem
	Number string `json:"number"`
}

// TemplateOptions are what a creation sets besides the content.
type TemplateOptions struct {
	// Key is the family key; empty derives one from the name.
	Key         string
	Builtin     bool
	CreatedByID *int64
}

// ListChecklistTemplates returns one page of templates, newest version of
// each only, by name by default.
func (s *Store) ListChecklistTemplates(ctx context.Context, f ChecklistTemplateFilter, p Page) ([]ChecklistTemplateRow, int64, error) {
	db := s.db.WithContext(ctx)
	q := f.Archived.where(db.Model(&model.ChecklistTemplate{}).Where(latestTemplateVersion), "checklist_templates")
	if strings.TrimSpace(f.Q) != "" {
		pat := likePattern(f.Q)
		q = q.Where(`(lower(checklist_templates.name) LIKE ? ESCAPE '\' OR lower(checklist_templates.description) LIKE ? ESCAPE '\')`, pat, pat)
	}
	found := []model.ChecklistTemplate{}
	total, err := list(q, p, ChecklistTemplateSorts, "name", &found)
	if err != nil {
		return nil, 0, translate(err, "list checklist templates")
	}
	rows, err := describeTemplates(db, found)
	return rows, total, err
}

// ChecklistTemplateByID returns a template version with its content.
func (s *Store) ChecklistTemplateByID(ctx context.Context, id int64) (ChecklistTemplateView, error) {
	return templateView(s.db.WithContext(ctx), id)
}

// ChecklistTemplateVersions lists every version of the template's key,
// newest first.
func (s *Store) ChecklistTemplateVersions(ctx context.Context, id int64) ([]ChecklistTemplateRow, error) {
	db := s.db.WithContext(ctx)
	var t model.ChecklistTemplate
	if err := db.Select("id", "key").Take(&t, id).Error; err != nil {
		return nil, translate(err, "checklist template versions")
	}
	var found []model.ChecklistTemplate
	if err := db.Where("key = ?", t.Key).Order("version DESC").Find(&found).Error; err != nil {
		return nil, translate(err, "checklist template versions")
	}
	return describeTemplates(db, found)
}

// CreateChecklistTemplate validates and inserts version 1 of a template.
func (s *Store) CreateChecklistTemplate(ctx context.Context, in qualification.ChecklistTemplateInput, opt TemplateOptions, actor audit.Actor) (ChecklistTemplateView, error) {
	in = normalizeTemplateInput(in)
	if err := qualification.ValidateChecklistTemplate(in); err != nil {
		return ChecklistTemplateView{}, err
	}
	var view ChecklistTemplateView
	err := s.tx(ctx, func(tx *gorm.DB) error {
		key := opt.Key
		if key == "" {
			var err error
			if key, err = unusedTemplateKey(tx, in.Name); err != nil {
				return err
			}
		}
		t := model.ChecklistTemplate{Key: key, Name: in.Name, Description: in.Description, Version: 1, Builtin: opt.Builtin, CreatedByID: opt.CreatedByID}
		if err := insertTemplate(tx, &t, in); err != nil {
			return err
		}
		changes := audit.Diff(nil, templateAuditContent(t, in))
		if _, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionChecklistTemplateCreate, EntityType: audit.EntityChecklistTemplate, EntityID: t.ID, Changes: changes}); err != nil {
			return err
		}
		var err error
		view, err = templateView(tx, t.ID)
		return err
	})
	return view, err
}

// EnsureChecklistTemplate creates the template under key unless some
// version of key exists (whatever it has become since); it reports whether
// it created it.
func (s *Store) EnsureChecklistTemplate(ctx context.Context, key string, in qualification.ChecklistTemplateInput, actor audit.Actor) (bool, error) {
	var n int64
	if err := s.db.WithContext(ctx).Model(&model.ChecklistTemplate{}).Where("key = ?", key).Count(&n).Error; err != nil {
		return false, translate(err, "ensure checklist template")
	}
	if n > 0 {
		return false, nil
	}
	_, err := s.CreateChecklistTemplate(ctx, in, TemplateOptions{Key: key, Builtin: true}, actor)
	if errors.Is(err, ErrConflict) { // another instance created it first
		return false, nil
	}
	return err == nil, err
}

// ReplaceChecklistTemplate replaces the content of the template version id,
// which must be the newest version and at the version the client read.
// A version an inspection uses is kept as it is and the content becomes
// the next version (a new id); an unused one is rewritten in place.
func (s *Store) ReplaceChecklistTemplate(ctx context.Context, id, version int64, in qualification.ChecklistTemplateInput, actor audit.Actor) (ChecklistTemplateView, error) {
	in = normalizeTemplateInput(in)
	if err := qualification.ValidateChecklistTemplate(in); err != nil {
		return ChecklistTemplateView{}, err
	}
	var view ChecklistTemplateView
	err := s.tx(ctx, func(tx *gorm.DB) error {
		t, err := lockLatestTemplate(tx, id, version)
		if err != nil {
			return err
		}
		before, err := templateInput(tx, t)
		if err != nil {
			return err
		}
		inUse, err := templateInUse(tx, t.ID)
		if err != nil {
			return err
		}
		changes := audit.Diff(templateAuditContent(t, before), templateAuditContent(t, in))
		changes["template_version"] = [2]any{t.Version, t.Version + 1}
		next := t
		next.Name, next.Description, next.Version = in.Name, in.Description, t.Version+1
		action := audit.ActionChecklistTemplateUpdate
		if inUse {
			// The used version stays as inspections saw it.
			next = model.ChecklistTemplate{Key: t.Key, Name: in.Name, Description: in.Description, Version: t.Version + 1,
				Builtin: t.Builtin, CreatedByID: actorID(actor), ArchivedAt: t.ArchivedAt}
			if err := insertTemplate(tx, &next, in); err != nil {
				return err
			}
			action = audit.ActionChecklistTemplateNewVersion
			changes["previous_id"] = [2]any{nil, t.ID}
		} else {
			if err := tx.Where("template_id = ?", t.ID).Delete(&model.ChecklistItem{}).Error; err != nil {
				return translate(err, "replace checklist template")
			}
			if err := tx.Where("template_id = ?", t.ID).Delete(&model.ChecklistSection{}).Error; err != nil {
				return translate(err, "replace checklist template")
			}
			res := tx.Model(&model.ChecklistTemplate{}).Where("id = ? AND version = ?", t.ID, t.Version).
				Updates(map[string]any{"name": next.Name, "description": next.Description, "version": next.Version, "updated_at": tx.NowFunc()})
			if res.Error != nil {
				return translate(res.Error, "replace checklist template")
			}
			if res.RowsAffected == 0 {
				return ErrVersionConflict
			}
			if err := insertContent(tx, t.ID, in); err != nil {
				return err
			}
		}
		if _, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: action, EntityType: audit.EntityChecklistTemplate, EntityID: next.ID, Changes: changes}); err != nil {
			return err
		}
		view, err = templateView(tx, next.ID)
		return err
	})
	return view, err
}

// SetChecklistTemplateArchived archives or restores a template (its newest
// version, at the version the client read). Archived templates stay on the
// inspections that used them but cannot be added to new ones. Archiving
// does not change the content, so the version does not move.
func (s *Store) SetChecklistTemplateArchived(ctx context.Context, id, version int64, archived bool, actor audit.Actor) (ChecklistTemplateView, error) {
	var view ChecklistTemplateView
	err := s.tx(ctx, func(tx *gorm.DB) error {
		t, err := lockLatestTemplate(tx, id, version)
		if err != nil {
			return err
		}
		if (t.ArchivedAt != nil) != archived {
			before := t
			t.ArchivedAt = nil
			if archived {
				now := s.Now()
				t.ArchivedAt = &now
			}
			if err := tx.Model(&t).Select("archived_at", "updated_at").Updates(&t).Error; err != nil {
				return translate(err, "archive checklist template")
			}
			action := map[bool]audit.Action{true: audit.ActionChecklistTemplateArchive, false: audit.ActionChecklistTemplateRestore}[archived]
			if _, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: action, EntityType: audit.EntityChecklistTemplate, EntityID: t.ID, Changes: audit.Diff(before, t)}); err != nil {
				return err
			}
		}
		view, err = templateView(tx, t.ID)
		return err
	})
	return view, err
}

// lockLatestTemplate loads template id for a change: it must be the newest
// version of its key and at version. On PostgreSQL the row stays locked
// until tx ends, so an inspection cannot start using it meanwhile (adding
// a checklist takes a share lock on it).
func lockLatestTemplate(tx *gorm.DB, id, version int64) (model.ChecklistTemplate, error) {
	var t model.ChecklistTemplate
	if err := lockRows(tx, "UPDATE").Take(&t, id).Error; err != nil {
		return t, translate(err, "checklist template")
	}
	var latest int64
	if err := tx.Model(&model.ChecklistTemplate{}).Where("key = ?", t.Key).Select("MAX(version)").Scan(&latest).Error; err != nil {
		return t, translate(err, "checklist template")
	}
	if t.Version != latest || t.Version != version {
		return t, ErrVersionConflict
	}
	return t, nil
}

// lockRows adds FOR UPDATE or FOR SHARE (strength) on PostgreSQL; SQLite
// write transactions are serialised and need no row locks.
func lockRows(tx *gorm.DB, strength string) *gorm.DB {
	if database.DialectOf(tx) == database.Postgres {
		return tx.Clauses(clause.Locking{Strength: strength})
	}
	return tx
}

func templateInUse(tx *gorm.DB, id int64) (bool, error) {
	var n int64
	if err := tx.Model(&model.InspectionChecklist{}).Where("template_id = ?", id).Count(&n).Error; err != nil {
		return false, fmt.Errorf("store: template in use: %w", err)
	}
	if n > 0 {
		return true, nil
	}
	// A questionnaire sent to a supplier keeps the questions it was sent with.
	if err := tx.Model(&model.SelfAssessment{}).Where("template_id = ?", id).Count(&n).Error; err != nil {
		return false, fmt.Errorf("store: template in use: %w", err)
	}
	return n > 0, nil
}

func insertTemplate(tx *gorm.DB, t *model.ChecklistTemplate, in qualification.ChecklistTemplateInput) error {
	if err := tx.Create(t).Error; err != nil {
		if errors.Is(translate(err, ""), ErrConflict) {
			return &ConflictError{Field: "version", Message: "Someone else saved a new version of this template at the same time. Reload it and apply your change again."}
		}
		return translate(err, "create checklist template")
	}
	return insertContent(tx, t.ID, in)
}

// insertContent inserts the sections and items of a template version.
func insertContent(tx *gorm.DB, templateID int64, in qualification.ChecklistTemplateInput) error {
	for i, sec := range in.Sections {
		row := model.ChecklistSection{TemplateID: templateID, Position: i + 1, Title: sec.Title}
		if err := tx.Create(&row).Error; err != nil {
			return translate(err, "create checklist section")
		}
		items := make([]model.ChecklistItem, len(sec.Items))
		for j, it := range sec.Items {
			items[j] = model.ChecklistItem{TemplateID: templateID, SectionID: row.ID, Position: j + 1,
				Question: it.Question, Guidance: it.Guidance, Requirement: it.Requirement, Weight: it.Weight,
				AnswerType: it.AnswerType, NAAllowed: it.NAAllowed, Critical: it.Critical, Category: it.Category}
		}
		if err := tx.Create(&items).Error; err != nil {
			return translate(err, "create checklist items")
		}
	}
	return nil
}

func normalizeTemplateInput(in qualification.ChecklistTemplateInput) qualification.ChecklistTemplateInput {
	out := qualification.ChecklistTemplateInput{Name: strings.TrimSpace(in.Name), Description: strings.TrimSpace(in.Description)}
	for _, s := range in.Sections {
		sec := qualification.ChecklistSectionInput{Title: strings.TrimSpace(s.Title)}
		for _, it := range s.Items {
			it.Question = strings.TrimSpace(it.Question)
			it.Guidance = strings.TrimSpace(it.Guidance)
			it.Requirement = strings.TrimSpace(it.Requirement)
			if it.AnswerType == "" {
				it.AnswerType = model.AnswerYesNo
			}
			if it.Category == "" {
				it.Category = "quality"
			}
			sec.Items = append(sec.Items, it)
		}
		out.Sections = append(out.Sections, sec)
	}
	return out
}

// unusedTemplateKey derives a key from the name ("ESD audit" -> "esd-audit")
// and numbers it when taken ("esd-audit-2").
func unusedTemplateKey(tx *gorm.DB, name string) (string, error) {
	base := templateKeyOf(name)
	for n := 1; n < 1000; n++ {
		key := base
		if n > 1 {
			key = fmt.Sprintf("%s-%d", base, n)
		}
		var count int64
		if err := tx.Model(&model.ChecklistTemplate{}).Where("key = ?", key).Count(&count).Error; err != nil {
			return "", fmt.Errorf("store: template key: %w", err)
		}
		if count == 0 {
			return key, nil
		}
	}
	return "", &ConflictError{Field: "name", Message: "Too many templates share this name; choose another."}
}

func templateKeyOf(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case b.Len() > 0 && !dash:
			b.WriteByte('-')
			dash = true
		}
		if b.Len() >= 60 {
			break
		}
	}
	key := strings.Trim(b.String(), "-")
	if key == "" {
		key = "checklist"
	}
	return key
}
