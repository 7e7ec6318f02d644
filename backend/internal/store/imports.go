package store

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/model"
)

// ImportProblem is a row an import cannot take because of what the
// database holds (an archived site, an unknown site code).
type ImportProblem struct {
	Row     int    // the spreadsheet's row number
	Field   string // the field (JSON name) whose column shows the problem
	Message string
}

// ImportResult counts what an import did, or would do in a dry run.
type ImportResult struct {
	Created              int
	Updated              int
	Unchanged            int
	ManufacturersCreated int
	Problems             []ImportProblem
}

// ImportSource says where imported rows come from, for the audit trail.
type ImportSource struct {
	FileName string
	Sheet    string
}

// errImportRejected rolls an import back when a row has a problem.
var errImportRejected = errors.New("import rejected")

// importChunk bounds the values of one IN (...) lookup.
const importChunk = 400

// importInsertBatch is how many rows one INSERT writes: well inside the
// bound variables SQLite and PostgreSQL allow a statement.
const importInsertBatch = 200

// SiteImportRow is one row of a sites import.
type SiteImportRow struct {
	Row          int
	Manufacturer string
	// ManufacturerCountry is used when the manufacturer is created;
	// empty means the site's country.
	ManufacturerCountry string
	// Site holds Code, Name, Country, RiskTier and the optional fields.
	Site model.Site
}

// SiteImport is a validated sites file. Sites are matched by code
// ignoring case, manufacturers by name ignoring case (and created when
// missing). New sites start prospective: an import never sets a status.
type SiteImport struct {
	Rows []SiteImportRow
	// Fields are the optional fields the file has a column for (JSON
	// names: address, city, processes, approved_scope, contact_name,
	// contact_email, contact_phone, notes). An existing site keeps the
	// stored value of every field the file has no column for.
	Fields []string
	DryRun bool
	Source ImportSource
}

type sitePlan struct {
	row     *SiteImportRow
	before  *model.Site // nil: a new site
	after   model.Site
	changes map[string][2]any
}

// ImportSites upserts the sites in one transaction, all or nothing. In a
// dry run, or when a row has a problem, nothing is written and the result
// says what would have happened.
func (s *Store) ImportSites(ctx context.Context, in SiteImport, actor audit.Actor) (ImportResult, error) {
	if in.DryRun {
		_, res, err := s.planSites(s.db.WithContext(ctx), in)
		return res, err
	}
	var res ImportResult
	err := s.tx(ctx, func(tx *gorm.DB) error {
		plans, r, err := s.planSites(tx, in)
		res = r
		if err != nil {
			return err
		}
		if len(res.Problems) > 0 {
			return errImportRejected
		}
		return s.applySites(tx, in, plans, res, actor)
	})
	if errors.Is(err, errImportRejected) {
		err = nil
	}
	return res, err
}

// planSites works out, for every row, whether it creates, changes or
// leaves a site as it is, without writing anything.
func (s *Store) planSites(db *gorm.DB, in SiteImport) ([]sitePlan, ImportResult, error) {
	var res ImportResult
	names, codes := make([]string, 0, len(in.Rows)), make([]string, 0, len(in.Rows))
	for _, r := range in.Rows {
		names = append(names, r.Manufacturer)
		codes = append(codes, r.Site.Code)
	}
	makers, err := importManufacturers(db, names)
	if err != nil {
		return nil, res, err
	}
	sites, err := importSites(db, codes)
	if err != nil {
		return nil, res, err
	}
	newMakers := map[string]bool{}
	plans := make([]sitePlan, 0, len(in.Rows))
	for i := range in.Rows {
		r := &in.Rows[i]
		p := sitePlan{row: r}
		m, known := makers[strings.ToLower(r.Manufacturer)]
		switch {
		case known && m.ArchivedAt != nil:
			res.Problems = append(res.Problems, ImportProblem{r.Row, "manufacturer",
				fmt.Sprintf("The manufacturer %s is archived. Restore it in qualtrack first, or name another manufacturer.", m.Name)})
			continue
		case !known && !newMakers[strings.ToLower(r.Manufacturer)]:
			newMakers[strings.ToLower(r.Manufacturer)] = true
			res.ManufacturersCreated++
		}
		if old, ok := sites[strings.ToLower(r.Site.Code)]; ok {
			if old.ArchivedAt != nil {
				res.Problems = append(res.Problems, ImportProblem{r.Row, "code",
					fmt.Sprintf("The site %s is archived. Restore it in qualtrack before importing changes to it.", old.Code)})
				continue
			}
			before := old
			p.before, p.after = &before, old
			applySiteFields(&p.after, r, in.Fields)
			p.after.ManufacturerID = m.ID // 0 for a manufacturer still to create
			p.changes = audit.Diff(before, p.after)
			if len(p.changes) == 0 {
				res.Unchanged++
			} else {
				res.Updated++
			}
		} else {
			p.after = r.Site
			p.after.ManufacturerID = m.ID
			res.Created++
		}
		plans = append(plans, p)
	}
	return plans, res, nil
}

// applySiteFields copies the imported fields onto a stored site.
func applySiteFields(dst *model.Site, r *SiteImportRow, fields []string) {
	src := r.Site
	dst.Name, dst.Country, dst.RiskTier = src.Name, src.Country, src.RiskTier
	for _, f := range fields {
		switch f {
		case "address":
			dst.Address = src.Address
		case "city":
			dst.City = src.City
		case "processes":
			dst.Processes = src.Processes
		case "approved_scope":
			dst.ApprovedScope = src.ApprovedScope
		case "contact_name":
			dst.ContactName = src.ContactName
		case "contact_email":
			dst.ContactEmail = src.ContactEmail
		case "contact_phone":
			dst.ContactPhone = src.ContactPhone
		case "notes":
			dst.Notes = src.Notes
		}
	}
}

func (s *Store) applySites(tx *gorm.DB, in SiteImport, plans []sitePlan, res ImportResult, actor audit.Actor) error {
	now := s.Now()
	makers := map[string]int64{}
	var created []model.Site
	for i := range plans {
		p := &plans[i]
		if p.after.ManufacturerID == 0 {
			id, err := s.importManufacturer(tx, p.row, makers, actor)
			if err != nil {
				return err
			}
			p.after.ManufacturerID = id
			if p.before != nil {
				p.changes = audit.Diff(*p.before, p.after)
			}
		}
		switch {
		case p.before == nil:
			site := p.after
			site.QualificationStatus, site.StatusSince, site.Version = model.StatusProspective, now, 1
			s.scheduleNewSite(&site, now)
			created = append(created, site)
		case len(p.changes) > 0:
			site := p.after
			site.Version = p.before.Version + 1
			if err := saveVersioned(tx, &site, site.ID, p.before.Version); err != nil {
				return importWriteError(err, p.row.Row, "code", "site "+site.Code)
			}
			if err := s.refreshSiteSchedule(tx, site.ID); err != nil {
				return err
			}
			if _, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionSiteUpdate, EntityType: audit.EntitySite, EntityID: site.ID, Changes: p.changes}); err != nil {
				return err
			}
		}
	}
	// New sites go in with multi-row inserts: a large import holds the
	// write lock for its whole transaction, so every statement saved
	// shortens the wait of everyone else's edits.
	if len(created) > 0 {
		if err := tx.CreateInBatches(&created, importInsertBatch).Error; err != nil {
			return importWriteError(err, 0, "code", "sites")
		}
	}
	for i := range created {
		if _, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionSiteCreate, EntityType: audit.EntitySite, EntityID: created[i].ID, Changes: audit.Diff(nil, created[i])}); err != nil {
			return err
		}
	}
	_, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionImportSites, EntityType: audit.EntityImport, Changes: map[string]any{
		"file_name": in.Source.FileName, "sheet": in.Source.Sheet, "rows": len(in.Rows),
		"created": res.Created, "updated": res.Updated, "unchanged": res.Unchanged,
		"manufacturers_created": res.ManufacturersCreated,
	}})
	return err
}

// importManufacturer creates the row's manufacturer once per import.
func (s *Store) importManufacturer(tx *gorm.DB, r *SiteImportRow, made map[string]int64, actor audit.Actor) (int64, error) {
	key := strings.ToLower(r.Manufacturer)
	if id, ok := made[key]; ok {
		return id, nil
	}
	country := r.ManufacturerCountry
	if country == "" {
		country = r.Site.Country
	}
	m := model.Manufacturer{Name: r.Manufacturer, Country: country, Version: 1}
	if err := tx.Create(&m).Error; err != nil {
		return 0, importWriteError(err, r.Row, "manufacturer", "manufacturer "+m.Name)
	}
	if _, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionManufacturerCreate, EntityType: audit.EntityManufacturer, EntityID: m.ID, Changes: audit.Diff(nil, m)}); err != nil {
		return 0, err
	}
	made[key] = m.ID
	return m.ID, nil
}

// importWriteError explains a write that clashed with a record saved
// since the import was planned (another import or edit at the same time).
func importWriteError(err error, row int, field, what string) error {
	err = translate(err, "import")
	if errors.Is(err, ErrConflict) {
		where := "One of the"
		if row > 0 {
			where = fmt.Sprintf("Row %d: the", row)
		}
		return &ConflictError{Field: field, Message: fmt.Sprintf("%s %s was saved by someone else while the file was imported. Import the file again.", where, what)}
	}
	return err
}

// importManufacturers loads manufacturers by name, ignoring case, keyed
// by the lower-case name. SQLite's lower() folds only ASCII letters, so
// names are also looked up as written ("Élan" finds "Élan").
func importManufacturers(db *gorm.DB, names []string) (map[string]model.Manufacturer, error) {
	out := map[string]model.Manufacturer{}
	err := importInChunks(importUnique(names), func(chunk []string) error {
		var found []model.Manufacturer
		if err := db.Where("lower(name) IN ? OR name IN ?", importLower(chunk), chunk).Find(&found).Error; err != nil {
			return err
		}
		for _, m := range found {
			out[strings.ToLower(m.Name)] = m
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: import: manufacturers: %w", err)
	}
	return out, nil
}

// importSites loads sites by code, ignoring case as importManufacturers
// does, keyed by the lower-case code. Codes are unique as typed; should
// two stored codes differ only in case, the newer site matches.
func importSites(db *gorm.DB, codes []string) (map[string]model.Site, error) {
	out := map[string]model.Site{}
	err := importInChunks(importUnique(codes), func(chunk []string) error {
		var found []model.Site
		if err := db.Where("lower(code) IN ? OR code IN ?", importLower(chunk), chunk).Order("id").Find(&found).Error; err != nil {
			return err
		}
		for _, s := range found {
			out[strings.ToLower(s.Code)] = s
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: import: sites: %w", err)
	}
	return out, nil
}

func importLower(values []string) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = strings.ToLower(v)
	}
	return out
}

func importInChunks(values []string, fn func([]string) error) error {
	for len(values) > 0 {
		n := min(len(values), importChunk)
		if err := fn(values[:n]); err != nil {
			return err
		}
		values = values[n:]
	}
	return nil
}

func importUnique(values []string) []string {
	seen := make(map[string]bool, len(values))
	out := make([]string, 0, len(values))
	for _, v := range values {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}
