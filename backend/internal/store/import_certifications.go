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

// CertificationImportRow is one row of a certifications import.
type CertificationImportRow struct {
	Row      int
	SiteCode string
	// Certification holds Standard, CertificateNumber and the values of
	// the fields in Set.
	Certification model.Certification
	// Set are the fields the row gives a value, or clears with the empty
	// value; an existing certificate keeps every other field as stored.
	Set []string
}

// CertificationImport is a validated certifications file. A row updates
// the certificate with the same site code, standard and certificate
// number (ignoring case), or adds one.
type CertificationImport struct {
	Rows   []CertificationImportRow
	DryRun bool
	Source ImportSource
}

// CertificationKey identifies a certificate in an import.
func CertificationKey(siteCode, standard, number string) string {
	return strings.ToLower(strings.TrimSpace(siteCode)) + "\x00" +
		strings.ToLower(qualification.NormalizeStandard(standard)) + "\x00" +
		strings.ToLower(strings.TrimSpace(number))
}

type certificationPlan struct {
	row     *CertificationImportRow
	before  *model.Certification
	after   model.Certification
	changes map[string][2]any
}

// ImportCertifications upserts the certificates in one transaction, all
// or nothing; in a dry run nothing is written.
func (s *Store) ImportCertifications(ctx context.Context, in CertificationImport, actor audit.Actor) (ImportResult, error) {
	if in.DryRun {
		_, res, err := s.planCertifications(s.db.WithContext(ctx), in)
		return res, err
	}
	var res ImportResult
	err := s.tx(ctx, func(tx *gorm.DB) error {
		plans, r, err := s.planCertifications(tx, in)
		res = r
		if err != nil {
			return err
		}
		if len(res.Problems) > 0 {
			return errImportRejected
		}
		return s.applyCertifications(tx, in, plans, res, actor)
	})
	if errors.Is(err, errImportRejected) {
		err = nil
	}
	return res, err
}

func (s *Store) planCertifications(db *gorm.DB, in CertificationImport) ([]certificationPlan, ImportResult, error) {
	var res ImportResult
	codes := make([]string, 0, len(in.Rows))
	for _, r := range in.Rows {
		codes = append(codes, r.SiteCode)
	}
	sites, err := importSites(db, codes)
	if err != nil {
		return nil, res, err
	}
	existing, err := importCertificates(db, sites)
	if err != nil {
		return nil, res, err
	}
	plans := make([]certificationPlan, 0, len(in.Rows))
	for i := range in.Rows {
		r := &in.Rows[i]
		site, ok := sites[strings.ToLower(r.SiteCode)]
		switch {
		case !ok:
			res.Problems = append(res.Problems, ImportProblem{r.Row, "site_code",
				fmt.Sprintf("There is no site with the code %s. Correct the code, or import the site first.", r.SiteCode)})
			continue
		case site.ArchivedAt != nil:
			res.Problems = append(res.Problems, ImportProblem{r.Row, "site_code",
				fmt.Sprintf("The site %s is archived. Restore it in qualtrack before importing its certificates.", site.Code)})
			continue
		}
		p := certificationPlan{row: r}
		c := r.Certification
		key := CertificationKey(site.Code, c.Standard, c.CertificateNumber)
		if old, ok := existing[key]; ok {
			before := old
			p.before, p.after = &before, old
		} else {
			p.after = model.Certification{SiteID: site.ID, Standard: c.Standard, CertificateNumber: c.CertificateNumber}
		}
		applyCertificationFields(&p.after, r)
		normalizeCertification(&p.after)
		if err := qualification.ValidateCertification(qualification.CertificationInput{
			Standard: p.after.Standard, CertificateNumber: p.after.CertificateNumber, IssuingBody: p.after.IssuingBody,
			IssuedOn: p.after.IssuedOn, ExpiresOn: p.after.ExpiresOn, Scope: p.after.Scope, Withdrawn: p.after.Withdrawn, WithdrawnReason: p.after.WithdrawnReason,
		}); err != nil {
			res.Problems = append(res.Problems, importValidationProblems(r.Row, err)...)
			continue
		}
		record := site.Code + " " + p.after.Standard
		if p.after.CertificateNumber != "" {
			record += " " + p.after.CertificateNumber
		}
		switch {
		case p.before == nil:
			res.Created++
			res.Changes = append(res.Changes, ImportChange{Row: r.Row, Record: record, Action: "create", Fields: []FieldChange{}})
		default:
			p.changes = audit.Diff(*p.before, p.after)
			if len(p.changes) == 0 {
				res.Unchanged++
			} else {
				res.Updated++
				res.Changes = append(res.Changes, ImportChange{Row: r.Row, Record: record, Action: "update", Fields: fieldChanges(p.changes)})
			}
		}
		plans = append(plans, p)
	}
	return plans, res, nil
}

// validationProblems turns a domain validation error into row problems.
func importValidationProblems(row int, err error) []ImportProblem {
	var ve *qualification.ValidationError
	if !errors.As(err, &ve) {
		return []ImportProblem{{Row: row, Message: err.Error()}}
	}
	keys := make([]string, 0, len(ve.Fields))
	for k := range ve.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]ImportProblem, 0, len(keys))
	for _, k := range keys {
		out = append(out, ImportProblem{Row: row, Field: k, Message: ve.Fields[k]})
	}
	return out
}

// applyCertificationFields copies the fields the row sets onto a
// certificate. The standard and number matched ignoring case and keep
// their stored spelling.
func applyCertificationFields(dst *model.Certification, r *CertificationImportRow) {
	src := r.Certification
	for _, f := range r.Set {
		switch f {
		case "expires_on":
			dst.ExpiresOn = src.ExpiresOn
		case "issuing_body":
			dst.IssuingBody = src.IssuingBody
		case "scope":
			dst.Scope = src.Scope
		case "issued_on":
			dst.IssuedOn = src.IssuedOn
		case "withdrawn":
			dst.Withdrawn = src.Withdrawn
		case "withdrawn_reason":
			dst.WithdrawnReason = src.WithdrawnReason
		}
	}
}

func (s *Store) applyCertifications(tx *gorm.DB, in CertificationImport, plans []certificationPlan, res ImportResult, actor audit.Actor) error {
	for i := range plans {
		p := &plans[i]
		switch {
		case p.before == nil:
			c := p.after
			c.Version = 1
			if err := tx.Create(&c).Error; err != nil {
				return importWriteError(err, p.row.Row, "standard", "certificate "+c.Standard)
			}
			if _, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionCertificationCreate, EntityType: audit.EntityCertification, EntityID: c.ID, Changes: audit.Diff(nil, c)}); err != nil {
				return err
			}
		case len(p.changes) > 0:
			c := p.after
			c.Version = p.before.Version + 1
			if err := saveVersioned(tx, &c, c.ID, p.before.Version); err != nil {
				return importWriteError(err, p.row.Row, "standard", "certificate "+c.Standard)
			}
			if _, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionCertificationUpdate, EntityType: audit.EntityCertification, EntityID: c.ID, Changes: p.changes}); err != nil {
				return err
			}
		}
	}
	_, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionImportCertifications, EntityType: audit.EntityImport, Changes: map[string]any{
		"file_name": in.Source.FileName, "sheet": in.Source.Sheet, "rows": len(in.Rows),
		"created": res.Created, "updated": res.Updated, "unchanged": res.Unchanged,
	}})
	return err
}

// importCertificates loads the certificates of the sites by their key.
func importCertificates(db *gorm.DB, sites map[string]model.Site) (map[string]model.Certification, error) {
	codes := map[int64]string{}
	ids := make([]int64, 0, len(sites))
	for _, s := range sites {
		codes[s.ID] = s.Code
		ids = append(ids, s.ID)
	}
	out := map[string]model.Certification{}
	for len(ids) > 0 {
		n := min(len(ids), importChunk)
		var found []model.Certification
		if err := db.Where("site_id IN ? AND component_source_id IS NULL", ids[:n]).Order("id").Find(&found).Error; err != nil {
			return nil, fmt.Errorf("store: import: certificates: %w", err)
		}
		for _, c := range found {
			out[CertificationKey(codes[c.SiteID], c.Standard, c.CertificateNumber)] = c
		}
		ids = ids[n:]
	}
	return out, nil
}
