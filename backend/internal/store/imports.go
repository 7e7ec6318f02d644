package store

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
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
	// Changes lists, row by row, the records created and updated with
	// the old and new value of every field an update changes.
	Changes []ImportChange
}

// ImportChange is what an import does to one record.
type ImportChange struct {
	Row    int    `json:"row"`
	Record string `json:"record"` // the site code, or site, standard and number of a certificate
	Action string `json:"action"` // create or update
	// Fields are the fields an update changes, by JSON name.
	Fields []FieldChange `json:"fields"`
}

// FieldChange is one field's value before and after an import.
type FieldChange struct {
	Field string `json:"field"`
	Old   any    `json:"old"`
	New   any    `json:"new"`
}

// fieldChanges sorts an audit diff into field changes.
func fieldChanges(diff map[string][2]any) []FieldChange {
	out := make([]FieldChange, 0, len(diff))
	for k, v := range diff {
		out = append(out, FieldChange{Field: k, Old: v[0], New: v[1]})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Field < out[j].Field })
	return out
}

// importFieldProblems turns a domain validation error into row problems,
// renaming fields (a manufacturer's name is the row's manufacturer).
func importFieldProblems(row int, err error, rename map[string]string) []ImportProblem {
	ps := importValidationProblems(row, err)
	for i := range ps {
		if to, ok := rename[ps[i].Field]; ok {
			ps[i].Field = to
		}
	}
	return ps
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
	Row int
	// Manufacturer names the site's manufacturer; empty keeps an existing
	// site's manufacturer (a new site needs one).
	Manufacturer string
	// ManufacturerCountry is used when the manufacturer is created;
	// empty means the site's country.
	ManufacturerCountry string
	// Site holds the code and the values of the fields in Set.
	Site model.Site
	// Set are the fields (JSON names) the row gives a value, or clears
	// with the empty value. Every other field of an existing site keeps
	// its stored value: a blank cell never erases anything.
	Set []string
}

// SiteImport is a sites file read row by row. Sites are matched by code
// ignoring case, manufacturers by their name key (model.NameKey, the form
// the API keeps names unique by: NFKC, case-folded, spaces collapsed) and
// created when missing; a manufacturer name with hidden formatting
// characters is refused as the API refuses it. Every resulting site passes qualification.NormalizeSite, as
// the API's do. New sites start prospective: an import never sets a
// status.
type SiteImport struct {
	Rows   []SiteImportRow
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
		if r.Manufacturer != "" {
			names = append(names, r.Manufacturer)
		}
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
	makerNames, err := importManufacturerNames(db, sites)
	if err != nil {
		return nil, res, err
	}
	newMakers := map[string]bool{}
	plans := make([]sitePlan, 0, len(in.Rows))
	for i := range in.Rows {
		r := &in.Rows[i]
		p := sitePlan{row: r}
		old, exists := sites[strings.ToLower(qualification.NormalizeSiteCode(r.Site.Code))]
		if exists && old.ArchivedAt != nil {
			res.Problems = append(res.Problems, ImportProblem{r.Row, "code",
				fmt.Sprintf("The site %s is archived. Restore it in qualtrack before importing changes to it.", old.Code)})
			continue
		}
		var problems []ImportProblem
		if exists {
			before := old
			p.before, p.after = &before, old
		} else {
			p.after = model.Site{Code: r.Site.Code, Processes: model.StringList{}}
		}
		applySiteFields(&p.after, r)
		if err := qualification.NormalizeSite(&p.after); err != nil {
			problems = append(problems, importValidationProblems(r.Row, err)...)
		}
		var m model.Manufacturer
		newMaker := false
		switch {
		case r.Manufacturer == "" && !exists:
			problems = append(problems, ImportProblem{r.Row, "manufacturer", "The manufacturer is missing. Name the manufacturer the site belongs to."})
		case r.Manufacturer != "":
			known := false
			m, known = makers[model.NameKey(r.Manufacturer)]
			switch {
			case qualification.CheckNameCharacters(r.Manufacturer) != "":
				// Refused before the lookup too: a name that only looks like
				// a manufacturer's must not quietly become that manufacturer.
				problems = append(problems, ImportProblem{r.Row, "manufacturer", qualification.CheckNameCharacters(r.Manufacturer)})
			case known && m.ArchivedAt != nil:
				problems = append(problems, ImportProblem{r.Row, "manufacturer",
					fmt.Sprintf("The manufacturer %s is archived. Restore it in qualtrack first, or name another manufacturer.", m.Name)})
			case !known:
				maker := newImportManufacturer(r, p.after.Country)
				if err := qualification.NormalizeManufacturer(&maker); err != nil {
					problems = append(problems, importFieldProblems(r.Row, err, map[string]string{"name": "manufacturer", "country": "manufacturer_country"})...)
				}
				newMaker = true
			}
			p.after.ManufacturerID = m.ID // 0 for a manufacturer still to create
		}
		if len(problems) > 0 {
			res.Problems = append(res.Problems, problems...)
			continue
		}
		if newMaker && !newMakers[model.NameKey(r.Manufacturer)] {
			newMakers[model.NameKey(r.Manufacturer)] = true
			res.ManufacturersCreated++
		}
		if exists {
			p.changes = audit.Diff(*p.before, p.after)
			if len(p.changes) == 0 {
				res.Unchanged++
			} else {
				res.Updated++
				res.Changes = append(res.Changes, ImportChange{Row: r.Row, Record: old.Code, Action: "update",
					Fields: siteFieldChanges(p.changes, makerNames, r.Manufacturer)})
			}
		} else {
			res.Created++
			res.Changes = append(res.Changes, ImportChange{Row: r.Row, Record: p.after.Code, Action: "create", Fields: []FieldChange{}})
		}
		plans = append(plans, p)
	}
	return plans, res, nil
}

// siteFieldChanges are a site's changes as a person reads them: the
// manufacturer by name rather than by id.
func siteFieldChanges(diff map[string][2]any, makerNames map[int64]string, newMaker string) []FieldChange {
	out := fieldChanges(diff)
	for i, c := range out {
		if c.Field == "manufacturer_id" {
			old, _ := c.Old.(float64)
			out[i] = FieldChange{Field: "manufacturer", Old: makerNames[int64(old)], New: newMaker}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Field < out[j].Field })
	return out
}

// applySiteFields copies the fields the row sets onto a site.
func applySiteFields(dst *model.Site, r *SiteImportRow) {
	src := r.Site
	for _, f := range r.Set {
		switch f {
		case "name":
			dst.Name = src.Name
		case "country":
			dst.Country = src.Country
		case "risk_tier":
			dst.RiskTier = src.RiskTier
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

// newImportManufacturer is the manufacturer a row creates: in the row's
// manufacturer country, or else in the site's.
func newImportManufacturer(r *SiteImportRow, siteCountry string) model.Manufacturer {
	country := r.ManufacturerCountry
	if country == "" {
		country = siteCountry
	}
	return model.Manufacturer{Name: r.Manufacturer, Country: country}
}

func (s *Store) applySites(tx *gorm.DB, in SiteImport, plans []sitePlan, res ImportResult, actor audit.Actor) error {
	now := s.Now()
	makers := map[string]int64{}
	var created []model.Site
	for i := range plans {
		p := &plans[i]
		if p.after.ManufacturerID == 0 {
			id, err := s.importManufacturer(tx, p.row, p.after.Country, makers, actor)
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
func (s *Store) importManufacturer(tx *gorm.DB, r *SiteImportRow, siteCountry string, made map[string]int64, actor audit.Actor) (int64, error) {
	key := model.NameKey(r.Manufacturer)
	if id, ok := made[key]; ok {
		return id, nil
	}
	m := newImportManufacturer(r, siteCountry)
	if err := qualification.NormalizeManufacturer(&m); err != nil {
		return 0, err
	}
	m.Version = 1
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

// importManufacturers loads the manufacturers the names refer to by their
// name key (the unique column), keyed by it: "ACME", "Ａｃｍｅ" and "acme"
// are one manufacturer, as the API's uniqueness has it.
func importManufacturers(db *gorm.DB, names []string) (map[string]model.Manufacturer, error) {
	out := map[string]model.Manufacturer{}
	keys := make([]string, len(names))
	for i, n := range names {
		keys[i] = model.NameKey(n)
	}
	err := importInChunks(importUnique(keys), func(chunk []string) error {
		var found []model.Manufacturer
		if err := db.Where("name_key IN ?", chunk).Find(&found).Error; err != nil {
			return err
		}
		for _, m := range found {
			out[m.NameKey] = m
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: import: manufacturers: %w", err)
	}
	return out, nil
}

// importManufacturerNames are the names of the sites' manufacturers.
func importManufacturerNames(db *gorm.DB, sites map[string]model.Site) (map[int64]string, error) {
	ids := make([]int64, 0, len(sites))
	seen := map[int64]bool{}
	for _, s := range sites {
		if !seen[s.ManufacturerID] {
			seen[s.ManufacturerID] = true
			ids = append(ids, s.ManufacturerID)
		}
	}
	out := make(map[int64]string, len(ids))
	for len(ids) > 0 {
		n := min(len(ids), importChunk)
		var found []model.Manufacturer
		if err := db.Select("id", "name").Where("id IN ?", ids[:n]).Find(&found).Error; err != nil {
			return nil, fmt.Errorf("store: import: manufacturer names: %w", err)
		}
		for _, m := range found {
			out[m.ID] = m.Name
		}
		ids = ids[n:]
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
