package store

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
)

// ManufacturerSorts are the sort fields of the manufacturers list.
var ManufacturerSorts = SortFields{
	"name":       textSort("lower(name)"),
	"country":    textSort("country"),
	"created_at": timeSort("created_at"),
	"updated_at": timeSort("updated_at"),
}

// Archived selects archived or active records in a list.
type Archived string

const (
	// ActiveOnly hides archived records (the default).
	ActiveOnly Archived = ""
	// ArchivedOnly shows only archived records.
	ArchivedOnly Archived = "true"
	// ArchivedAll shows both.
	ArchivedAll Archived = "all"
)

// where narrows q (whose table is table) to what a selects.
func (a Archived) where(q *gorm.DB, table string) *gorm.DB {
	switch a {
	case ArchivedOnly:
		return q.Where(table + ".archived_at IS NOT NULL")
	case ArchivedAll:
		return q
	}
	return q.Where(table + ".archived_at IS NULL")
}

// ManufacturerFilter narrows the manufacturers list.
type ManufacturerFilter struct {
	Q        string // name or legal name
	Country  string // ISO alpha-2
	Archived Archived
}

// ManufacturerView is a manufacturer as the API shows it.
type ManufacturerView struct {
	model.Manufacturer
	Archived bool `json:"archived"`
	// SiteCount counts every site of the manufacturer, archived ones too:
	// any site keeps the manufacturer from being deleted.
	SiteCount int64 `json:"site_count"`
}

// ListManufacturers returns one page of manufacturers with their site counts.
func (s *Store) ListManufacturers(ctx context.Context, f ManufacturerFilter, p Page) ([]ManufacturerView, int64, error) {
	ctx, done, err := s.snapshot(ctx) // the count, the page and its rows' details
	if err != nil {
		return nil, 0, err
	}
	defer done()
	q := s.db.WithContext(ctx).Model(&model.Manufacturer{})
	q = s.in(f.Archived.where(q, "manufacturers"), "manufacturers.id", viaManufacturer)
	if strings.TrimSpace(f.Q) != "" {
		cond, args := s.textMatch("manufacturers", []string{"name", "legal_name"}, f.Q)
		q = q.Where(cond, args...)
	}
	if f.Country != "" {
		q = q.Where("country = ?", f.Country)
	}
	var rows []model.Manufacturer
	total, err := list(q, p, ManufacturerSorts, "name", &rows)
	if err != nil {
		return nil, 0, translate(err, "list manufacturers")
	}
	views, err := s.manufacturerViews(s.db.WithContext(ctx), rows)
	return views, total, err
}

// ManufacturerByID returns a manufacturer with its site count.
func (s *Store) ManufacturerByID(ctx context.Context, id int64) (ManufacturerView, error) {
	var m model.Manufacturer
	if err := s.in(s.db.WithContext(ctx), "manufacturers.id", viaManufacturer).Take(&m, id).Error; err != nil {
		return ManufacturerView{}, translate(err, "manufacturer by id")
	}
	views, err := s.manufacturerViews(s.db.WithContext(ctx), []model.Manufacturer{m})
	if err != nil {
		return ManufacturerView{}, err
	}
	return views[0], nil
}

// manufacturerViews adds the site counts of rows in one grouped query.
func (s *Store) manufacturerViews(db *gorm.DB, rows []model.Manufacturer) ([]ManufacturerView, error) {
	views := make([]ManufacturerView, len(rows))
	if len(rows) == 0 {
		return views, nil
	}
	ids := make([]int64, len(rows))
	for i, m := range rows {
		ids[i] = m.ID
	}
	var counts []struct {
		ManufacturerID int64
		N              int64
	}
	err := db.Model(&model.Site{}).Select("manufacturer_id, count(*) AS n").
		Where("manufacturer_id IN ?", ids).Group("manufacturer_id").Scan(&counts).Error
	if err != nil {
		return nil, fmt.Errorf("store: manufacturer site counts: %w", err)
	}
	byID := make(map[int64]int64, len(counts))
	for _, c := range counts {
		byID[c.ManufacturerID] = c.N
	}
	for i, m := range rows {
		views[i] = ManufacturerView{Manufacturer: m, Archived: m.ArchivedAt != nil, SiteCount: byID[m.ID]}
	}
	return views, nil
}

var errManufacturerName = &ConflictError{Field: "name", Message: "A manufacturer with this name already exists."}

// CreateManufacturer validates and inserts m.
func (s *Store) CreateManufacturer(ctx context.Context, m *model.Manufacturer, actor audit.Actor) error {
	if err := qualification.NormalizeManufacturer(m); err != nil {
		return err
	}
	m.ID, m.ArchivedAt, m.Version = 0, nil, 1
	return s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(m).Error; err != nil {
			if errors.Is(translate(err, ""), ErrConflict) {
				return errManufacturerName
			}
			return translate(err, "create manufacturer")
		}
		_, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionManufacturerCreate, EntityType: audit.EntityManufacturer, EntityID: m.ID, Changes: audit.Diff(nil, m)})
		return err
	})
}

// ManufacturerChange is an edit of a manufacturer; Archive, when set, archives
// (true) or restores (false) it.
type ManufacturerChange struct {
	Apply   func(m *model.Manufacturer)
	Archive *bool
}

// UpdateManufacturer applies change to the manufacturer at the version the
// client read. A manufacturer with active sites cannot be archived: its
// sites would stay in every list under a manufacturer nobody can find.
func (s *Store) UpdateManufacturer(ctx context.Context, id, version int64, actor audit.Actor, change ManufacturerChange) (ManufacturerView, error) {
	var m model.Manufacturer
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Take(&m, id).Error; err != nil {
			return translate(err, "update manufacturer")
		}
		if m.Version != version {
			return ErrVersionConflict
		}
		before := m
		if change.Apply != nil {
			change.Apply(&m)
		}
		err := qualification.NormalizeManufacturer(&m)
		if change.Archive != nil {
			if err := s.archiveManufacturer(tx, &m, *change.Archive); err != nil {
				return err
			}
		}
		if err != nil {
			return err
		}
		m.Version = version + 1
		if err := saveVersioned(tx, &m, id, version); err != nil {
			if errors.Is(translate(err, ""), ErrConflict) {
				return errManufacturerName
			}
			return translate(err, "update manufacturer")
		}
		_, err = s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionManufacturerUpdate, EntityType: audit.EntityManufacturer, EntityID: m.ID, Changes: audit.Diff(before, m)})
		return err
	})
	if err != nil {
		return ManufacturerView{}, err
	}
	views, err := s.manufacturerViews(s.db.WithContext(ctx), []model.Manufacturer{m})
	if err != nil {
		return ManufacturerView{}, err
	}
	return views[0], nil
}

func (s *Store) archiveManufacturer(tx *gorm.DB, m *model.Manufacturer, archive bool) error {
	switch {
	case !archive:
		m.ArchivedAt = nil
	case m.ArchivedAt == nil:
		var active int64
		if err := tx.Model(&model.Site{}).Where("manufacturer_id = ? AND archived_at IS NULL", m.ID).Count(&active).Error; err != nil {
			return fmt.Errorf("store: archive manufacturer: %w", err)
		}
		if active > 0 {
			return (qualification.Problems{"archived": fmt.Sprintf("The manufacturer still has %d active site(s); archive them first.", active)}).
				Err("The manufacturer cannot be archived.")
		}
		now := s.Now()
		m.ArchivedAt = &now
	}
	return nil
}

// DeleteManufacturer deletes a manufacturer that has no sites; one with
// sites is archived instead, so its history stays readable.
func (s *Store) DeleteManufacturer(ctx context.Context, id int64, actor audit.Actor) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		var m model.Manufacturer
		if err := tx.Take(&m, id).Error; err != nil {
			return translate(err, "delete manufacturer")
		}
		var sites int64
		if err := tx.Model(&model.Site{}).Where("manufacturer_id = ?", id).Count(&sites).Error; err != nil {
			return fmt.Errorf("store: delete manufacturer: %w", err)
		}
		if sites > 0 {
			return &ConflictError{Field: "id", Message: fmt.Sprintf("The manufacturer has %d site(s) and cannot be deleted; archive it instead.", sites)}
		}
		if err := tx.Delete(&model.Manufacturer{}, id).Error; err != nil {
			return translate(err, "delete manufacturer")
		}
		_, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionManufacturerDelete, EntityType: audit.EntityManufacturer, EntityID: id, Changes: audit.Deleted(m)})
		return err
	})
}
