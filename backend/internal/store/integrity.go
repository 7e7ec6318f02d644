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

// Hardware integrity baselines: products, the sites that build them (with
// the golden sample each keeps), firmware releases and BOM/AVL revisions.
// Products and their releases belong to the buyer, not to a manufacturer,
// so every reader sees them (like checklist templates); what is site's
// (site products, observations, sources) is narrowed to the reader's scope.

// ProductSorts are the sort fields of the products list.
var ProductSorts = SortFields{
	"part_number": textSort("products.part_number"),
	"name":        textSort("products.name"),
	"updated_at":  timeSort("products.updated_at"),
}

// ProductRow is a product with the number of sites (in the reader's
// scope) that build it.
type ProductRow struct {
	model.Product
	SiteCount int64 `json:"site_count"`
}

// ListProducts returns one page of products; q searches part number and
// name.
func (s *Store) ListProducts(ctx context.Context, q string, p Page) ([]ProductRow, int64, error) {
	db := s.db.WithContext(ctx)
	query := db.Model(&model.Product{})
	if strings.TrimSpace(q) != "" {
		cond, args := s.WithSearchByScan().textMatch("products", []string{"part_number", "name"}, q)
		query = query.Where(cond, args...)
	}
	var found []model.Product
	total, err := list(query, p, ProductSorts, "part_number", &found)
	if err != nil {
		return nil, 0, translate(err, "list products")
	}
	rows := make([]ProductRow, len(found))
	counts := map[int64]int64{}
	if len(found) > 0 {
		var got []struct {
			ProductID int64
			N         int64
		}
		cq := s.in(db.Model(&model.SiteProduct{}).Select("product_id, count(*) AS n").
			Where("product_id IN ?", distinctIDs(found, func(p model.Product) int64 { return p.ID })), "site_id", viaSite)
		if err := cq.Group("product_id").Scan(&got).Error; err != nil {
			return nil, 0, translate(err, "count product sites")
		}
		for _, g := range got {
			counts[g.ProductID] = g.N
		}
	}
	for i, f := range found {
		rows[i] = ProductRow{Product: f, SiteCount: counts[f.ID]}
	}
	return rows, total, nil
}

// FirmwareReleaseView is a release as the web app shows it.
type FirmwareReleaseView struct {
	model.FirmwareRelease
	SupersededByVersion string           `json:"superseded_by_version"`
	Current             bool             `json:"current"`
	RecordedByName      string           `json:"recorded_by_name"`
	Signature           *model.Signature `json:"signature"`
}

// ProductSite is a site that builds a product.
type ProductSite struct {
	SiteProductID int64  `json:"site_product_id"`
	SiteID        int64  `json:"site_id"`
	SiteCode      string `json:"site_code"`
	SiteName      string `json:"site_name"`
}

// ProductDetail is a product with its baselines and the sites building it.
type ProductDetail struct {
	model.Product
	FirmwareReleases []FirmwareReleaseView `json:"firmware_releases"`
	BOMRevisions     []model.BOMRevision   `json:"bom_revisions"`
	Sites            []ProductSite         `json:"sites"`
}

// ProductByID returns a product with its releases (newest first), BOM/AVL
// revisions (current first) and the sites in scope that build it.
func (s *Store) ProductByID(ctx context.Context, id int64) (ProductDetail, error) {
	db := s.db.WithContext(ctx)
	var p model.Product
	if err := db.Take(&p, id).Error; err != nil {
		return ProductDetail{}, translate(err, "product by id")
	}
	out := ProductDetail{Product: p, Sites: []ProductSite{}, BOMRevisions: []model.BOMRevision{}}
	var err error
	if out.FirmwareReleases, err = releaseViews(db, id); err != nil {
		return ProductDetail{}, err
	}
	if err := db.Where("product_id = ?", id).Order("effective_on DESC, id DESC").Find(&out.BOMRevisions).Error; err != nil {
		return ProductDetail{}, translate(err, "bom revisions")
	}
	q := s.in(db.Table("site_products").Select("site_products.id AS site_product_id, sites.id AS site_id, sites.code AS site_code, sites.name AS site_name").
		Joins("JOIN sites ON sites.id = site_products.site_id").Where("site_products.product_id = ?", id), "site_products.site_id", viaSite)
	if err := q.Order("sites.code").Scan(&out.Sites).Error; err != nil {
		return ProductDetail{}, translate(err, "product sites")
	}
	return out, nil
}

// releaseViews returns a product's releases, newest first.
func releaseViews(db *gorm.DB, productID int64) ([]FirmwareReleaseView, error) {
	var rs []model.FirmwareRelease
	if err := db.Where("product_id = ?", productID).Order("released_on DESC, id DESC").Find(&rs).Error; err != nil {
		return nil, translate(err, "firmware releases")
	}
	return describeReleases(db, rs)
}

func describeReleases(db *gorm.DB, rs []model.FirmwareRelease) ([]FirmwareReleaseView, error) {
	out := make([]FirmwareReleaseView, len(rs))
	if len(rs) == 0 {
		return out, nil
	}
	versions := map[int64]string{}
	var supers []int64
	for _, r := range rs {
		versions[r.ID] = r.FirmwareVersion
		if r.SupersededByID != nil {
			supers = append(supers, *r.SupersededByID)
		}
	}
	if len(supers) > 0 {
		var more []model.FirmwareRelease
		if err := db.Select("id", "firmware_version").Where("id IN ?", supers).Find(&more).Error; err != nil {
			return nil, translate(err, "superseding releases")
		}
		for _, m := range more {
			versions[m.ID] = m.FirmwareVersion
		}
	}
	names, err := userNames(db, distinctIDs(rs, func(r model.FirmwareRelease) int64 { return deref(r.RecordedByID) }))
	if err != nil {
		return nil, err
	}
	sigs, err := latestSignatures(db, qualification.SignFirmwareApprove, string(audit.EntityFirmwareRelease), distinctIDs(rs, func(r model.FirmwareRelease) int64 { return r.ID }))
	if err != nil {
		return nil, err
	}
	for i, r := range rs {
		v := FirmwareReleaseView{FirmwareRelease: r, RecordedByName: names[deref(r.RecordedByID)],
			Current: r.Status == model.ReleaseApproved && r.SupersededByID == nil}
		if r.SupersededByID != nil {
			v.SupersededByVersion = versions[*r.SupersededByID]
		}
		if sig, ok := sigs[r.ID]; ok {
			v.Signature = &sig
		}
		out[i] = v
	}
	return out, nil
}

func deref(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}

// ProductInput is a product as entered.
type ProductInput struct {
	PartNumber, Revision, Name, Notes string
}

func (in *ProductInput) normalize() {
	in.PartNumber, in.Revision = strings.TrimSpace(in.PartNumber), strings.TrimSpace(in.Revision)
	in.Name, in.Notes = strings.TrimSpace(in.Name), strings.TrimSpace(in.Notes)
}

var errProductTaken = &ConflictError{Field: "part_number", Message: "A product with this part number and revision exists already."}

// CreateProduct records a product.
func (s *Store) CreateProduct(ctx context.Context, in ProductInput, actor audit.Actor) (model.Product, error) {
	in.normalize()
	p := qualification.Problems{}
	qualification.ValidateProduct(in.PartNumber, in.Revision, in.Name, p)
	if err := p.Err("The product cannot be saved."); err != nil {
		return model.Product{}, err
	}
	prod := model.Product{PartNumber: in.PartNumber, Revision: in.Revision, Name: in.Name, Notes: in.Notes, Version: 1}
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(&prod).Error; err != nil {
			if err = translate(err, "create product"); isConflict(err) {
				return errProductTaken
			}
			return err
		}
		_, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionProductCreate, EntityType: audit.EntityProduct, EntityID: prod.ID, Changes: audit.Diff(nil, prod)})
		return err
	})
	return prod, err
}

// UpdateProduct changes a product at the version the client read.
func (s *Store) UpdateProduct(ctx context.Context, id, version int64, change func(*ProductInput), actor audit.Actor) (model.Product, error) {
	var prod model.Product
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Take(&prod, id).Error; err != nil {
			return translate(err, "update product")
		}
		if prod.Version != version {
			return ErrVersionConflict
		}
		before := prod
		in := ProductInput{PartNumber: prod.PartNumber, Revision: prod.Revision, Name: prod.Name, Notes: prod.Notes}
		change(&in)
		in.normalize()
		p := qualification.Problems{}
		qualification.ValidateProduct(in.PartNumber, in.Revision, in.Name, p)
		if err := p.Err("The product cannot be saved."); err != nil {
			return err
		}
		prod.PartNumber, prod.Revision, prod.Name, prod.Notes, prod.Version = in.PartNumber, in.Revision, in.Name, in.Notes, version+1
		if err := saveVersioned(tx, &prod, id, version); err != nil {
			if err = translate(err, "update product"); isConflict(err) {
				return errProductTaken
			}
			return err
		}
		_, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionProductUpdate, EntityType: audit.EntityProduct, EntityID: id, Changes: audit.Diff(before, prod)})
		return err
	})
	return prod, err
}

// DeleteProduct deletes a product entered by mistake: one no site builds
// and with no releases or BOM revisions.
func (s *Store) DeleteProduct(ctx context.Context, id int64, actor audit.Actor) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		var prod model.Product
		if err := tx.Take(&prod, id).Error; err != nil {
			return translate(err, "delete product")
		}
		for _, ref := range []struct {
			model any
			what  string
		}{{&model.SiteProduct{}, "site(s) build it"}, {&model.FirmwareRelease{}, "firmware release(s) are recorded for it"}, {&model.BOMRevision{}, "BOM revision(s) are recorded for it"}} {
			var n int64
			if err := tx.Model(ref.model).Where("product_id = ?", id).Count(&n).Error; err != nil {
				return translate(err, "delete product")
			}
			if n > 0 {
				return &ConflictError{Field: "product", Message: fmt.Sprintf("The product cannot be deleted: %d %s.", n, ref.what)}
			}
		}
		if err := tx.Delete(&model.Product{}, id).Error; err != nil {
			return translate(err, "delete product")
		}
		_, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionProductDelete, EntityType: audit.EntityProduct, EntityID: id, Changes: audit.Deleted(prod)})
		return err
	})
}

func isConflict(err error) bool { return errors.Is(err, ErrConflict) }

// ReleaseInput is a new firmware release as entered. SupersedesID names
// the release it replaces once approved.
type ReleaseInput struct {
	Component               model.Component
	FirmwareVersion, SHA256 string
	Signer, KeyID, Notes    string
	ReleasedOn              model.Date
	SupersedesID            *int64
}

// CreateFirmwareRelease records a release of a product's firmware,
// pending approval.
func (s *Store) CreateFirmwareRelease(ctx context.Context, productID int64, in ReleaseInput, actor audit.Actor) (FirmwareReleaseView, error) {
	var view FirmwareReleaseView
	p := qualification.Problems{}
	sha := qualification.ValidateRelease(qualification.ReleaseInput{Component: in.Component, Version: in.FirmwareVersion,
		SHA256: in.SHA256, Signer: in.Signer, KeyID: in.KeyID, ReleasedOn: in.ReleasedOn}, s.Today(), p)
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Select("id").Take(&model.Product{}, productID).Error; err != nil {
			return translate(err, "create firmware release")
		}
		if in.SupersedesID != nil {
			var old model.FirmwareRelease
			err := tx.Take(&old, *in.SupersedesID).Error
			switch {
			case errors.Is(err, gorm.ErrRecordNotFound):
				p.Add("supersedes_id", fmt.Sprintf("There is no firmware release with id %d.", *in.SupersedesID))
			case err != nil:
				return translate(err, "create firmware release")
			case old.ProductID != productID || old.Component != in.Component:
				p.Add("supersedes_id", "must be a release of the same product and component")
			case old.SupersededByID != nil:
				p.Add("supersedes_id", "was superseded already")
			}
		}
		if err := p.Err("The firmware release cannot be saved."); err != nil {
			return err
		}
		r := model.FirmwareRelease{ProductID: productID, Component: in.Component, FirmwareVersion: strings.TrimSpace(in.FirmwareVersion),
			SHA256: sha, Signer: strings.TrimSpace(in.Signer), KeyID: strings.TrimSpace(in.KeyID), ReleasedOn: in.ReleasedOn,
			Notes: strings.TrimSpace(in.Notes), SupersedesID: in.SupersedesID, Status: model.ReleasePending, RecordedByID: actorID(actor)}
		if err := tx.Create(&r).Error; err != nil {
			if err = translate(err, "create firmware release"); isConflict(err) {
				return &ConflictError{Field: "sha256", Message: "This image is recorded already for this product and component."}
			}
			return err
		}
		if _, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionFirmwareReleaseCreate, EntityType: audit.EntityFirmwareRelease, EntityID: r.ID, Changes: audit.Diff(nil, r)}); err != nil {
			return err
		}
		views, err := describeReleases(tx, []model.FirmwareRelease{r})
		if err == nil {
			view = views[0]
		}
		return err
	})
	return view, err
}

// ApproveFirmwareRelease approves a pending release with the store's
// signer's signature; the release it supersedes stops being current.
func (s *Store) ApproveFirmwareRelease(ctx context.Context, id int64, actor audit.Actor) (FirmwareReleaseView, error) {
	var view FirmwareReleaseView
	err := s.tx(ctx, func(tx *gorm.DB) error {
		var r model.FirmwareRelease
		if err := lockRows(tx, "UPDATE").Take(&r, id).Error; err != nil {
			return translate(err, "approve firmware release")
		}
		if r.Status == model.ReleaseApproved {
			return &ConflictError{Field: "status", Message: "The release is approved already."}
		}
		sig, err := s.sign(tx, qualification.SignFirmwareApprove, string(audit.EntityFirmwareRelease), r.ID, qualification.FirmwareReleaseContentOf(r))
		if err != nil {
			return err
		}
		now := s.Now()
		before := r
		r.Status, r.ApprovedByID, r.ApprovedAt = model.ReleaseApproved, actorID(actor), &now
		if err := tx.Model(&model.FirmwareRelease{}).Where("id = ? AND status = ?", id, model.ReleasePending).
			Updates(map[string]any{"status": r.Status, "approved_by_id": r.ApprovedByID, "approved_at": now, "updated_at": now}).Error; err != nil {
			return translate(err, "approve firmware release")
		}
		changes := audit.Diff(before, r)
		changes["signature"] = [2]any{nil, signatureChange(sig)}
		if _, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionFirmwareReleaseApprove, EntityType: audit.EntityFirmwareRelease, EntityID: id, Changes: changes}); err != nil {
			return err
		}
		if r.SupersedesID != nil {
			res := tx.Model(&model.FirmwareRelease{}).Where("id = ? AND superseded_by_id IS NULL", *r.SupersedesID).
				Updates(map[string]any{"superseded_by_id": id, "updated_at": now})
			if res.Error != nil {
				return translate(res.Error, "supersede firmware release")
			}
			if res.RowsAffected == 0 {
				return &ConflictError{Field: "supersedes_id", Message: "The release this one supersedes was superseded by another meanwhile."}
			}
			if _, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionFirmwareReleaseSupersede, EntityType: audit.EntityFirmwareRelease,
				EntityID: *r.SupersedesID, Changes: map[string][2]any{"superseded_by_id": {nil, id}}}); err != nil {
				return err
			}
		}
		views, err := describeReleases(tx, []model.FirmwareRelease{r})
		if err == nil {
			view = views[0]
		}
		return err
	})
	return view, err
}

// DeleteFirmwareRelease deletes a release entered by mistake: one still
// pending that no observation matched.
func (s *Store) DeleteFirmwareRelease(ctx context.Context, id int64, actor audit.Actor) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		var r model.FirmwareRelease
		if err := tx.Take(&r, id).Error; err != nil {
			return translate(err, "delete firmware release")
		}
		if r.Status == model.ReleaseApproved {
			return &ConflictError{Field: "status", Message: "An approved release is never deleted; record the release that supersedes it."}
		}
		var n int64
		if err := tx.Model(&model.IntegrityObservation{}).Where("release_id = ?", id).Count(&n).Error; err != nil {
			return translate(err, "delete firmware release")
		}
		if n > 0 {
			return &ConflictError{Field: "release", Message: fmt.Sprintf("%d observation(s) matched this release; it cannot be deleted.", n)}
		}
		if err := tx.Delete(&model.FirmwareRelease{}, id).Error; err != nil {
			return translate(err, "delete firmware release")
		}
		_, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionFirmwareReleaseDelete, EntityType: audit.EntityFirmwareRelease, EntityID: id, Changes: audit.Deleted(r)})
		return err
	})
}

// CreateBOMRevision records a product's BOM and AVL revision; the newest
// by effective date is the current one.
func (s *Store) CreateBOMRevision(ctx context.Context, productID int64, bom, avl, notes string, effective model.Date, actor audit.Actor) (model.BOMRevision, error) {
	b := model.BOMRevision{ProductID: productID, BOMRevision: strings.TrimSpace(bom), AVLRevision: strings.TrimSpace(avl),
		EffectiveOn: effective, Notes: strings.TrimSpace(notes), RecordedByID: actorID(actor)}
	p := qualification.Problems{}
	qualification.ValidateBOMRevision(b.BOMRevision, b.AVLRevision, effective, s.Today(), p)
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Select("id").Take(&model.Product{}, productID).Error; err != nil {
			return translate(err, "create bom revision")
		}
		if err := p.Err("The BOM/AVL revision cannot be saved."); err != nil {
			return err
		}
		if err := tx.Create(&b).Error; err != nil {
			return translate(err, "create bom revision")
		}
		_, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionBOMRevisionCreate, EntityType: audit.EntityBOMRevision, EntityID: b.ID, Changes: audit.Diff(nil, b)})
		return err
	})
	return b, err
}

// DeleteBOMRevision deletes a BOM/AVL revision entered by mistake.
func (s *Store) DeleteBOMRevision(ctx context.Context, id int64, actor audit.Actor) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		var b model.BOMRevision
		if err := tx.Take(&b, id).Error; err != nil {
			return translate(err, "delete bom revision")
		}
		files, err := countAttachments(tx, model.OwnerBOMRevision, id)
		if err != nil {
			return err
		}
		if files > 0 {
			return &ConflictError{Field: "attachments", Message: fmt.Sprintf("The revision has %d file(s); delete them first.", files)}
		}
		if err := tx.Delete(&model.BOMRevision{}, id).Error; err != nil {
			return translate(err, "delete bom revision")
		}
		_, err = s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionBOMRevisionDelete, EntityType: audit.EntityBOMRevision, EntityID: id, Changes: audit.Deleted(b)})
		return err
	})
}
