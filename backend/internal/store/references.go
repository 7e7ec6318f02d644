package store

import (
	"errors"
	"fmt"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
)

// siteLabel is what a record shows of the site it belongs to.
type siteLabel struct {
	ID   int64
	Code string
	Name string
}

// checkOpenSite adds a problem on field unless the site exists and is not
// archived: new inspections and certifications belong to sites in use.
func checkOpenSite(tx *gorm.DB, siteID int64, field string, p qualification.Problems) error {
	if siteID < 1 {
		p.Add(field, "Choose the site.")
		return nil
	}
	var site model.Site
	err := tx.Select("id", "code", "archived_at").Take(&site, siteID).Error
	switch {
	case errors.Is(err, gorm.ErrRecordNotFound):
		p.Add(field, fmt.Sprintf("There is no site with id %d.", siteID))
	case err != nil:
		return fmt.Errorf("store: check site: %w", err)
	case site.ArchivedAt != nil:
		p.Add(field, fmt.Sprintf("Site %s is archived; restore it before adding records to it.", site.Code))
	}
	return nil
}

// checkLeadInspector adds a problem on field unless the user exists, is
// active and is not an auditor: auditors only read, they do not inspect
// for the company.
func checkLeadInspector(tx *gorm.DB, userID int64, field string, p qualification.Problems) error {
	var u model.User
	err := tx.Select("id", "role", "active").Take(&u, userID).Error
	switch {
	case errors.Is(err, gorm.ErrRecordNotFound):
		p.Add(field, fmt.Sprintf("There is no user with id %d.", userID))
	case err != nil:
		return fmt.Errorf("store: check lead inspector: %w", err)
	case !u.Active:
		p.Add(field, "This user is disabled; choose an active user as lead inspector.")
	case u.Role == model.RoleAuditor:
		p.Add(field, "An auditor cannot lead an inspection; choose an admin, manager or procurement user.")
	case u.Role == model.RoleSupplier:
		p.Add(field, "A supplier cannot lead an inspection; choose an admin, manager or procurement user.")
	}
	return nil
}

// siteLabels loads the code and name of every site in ids with one query.
func siteLabels(tx *gorm.DB, ids []int64) (map[int64]siteLabel, error) {
	out := map[int64]siteLabel{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []siteLabel
	if err := tx.Model(&model.Site{}).Select("id", "code", "name").Where("id IN ?", ids).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("store: site labels: %w", err)
	}
	for _, r := range rows {
		out[r.ID] = r
	}
	return out, nil
}

// userNames loads the name of every user in ids with one query.
func userNames(tx *gorm.DB, ids []int64) (map[int64]string, error) {
	out := map[int64]string{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []struct {
		ID   int64
		Name string
	}
	if err := tx.Model(&model.User{}).Select("id", "name").Where("id IN ?", ids).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("store: user names: %w", err)
	}
	for _, r := range rows {
		out[r.ID] = r.Name
	}
	return out, nil
}

// countAttachments counts the files attached to one record; a record with
// files is not deleted, so no file is left without its owner.
func countAttachments(tx *gorm.DB, owner model.AttachmentOwner, id int64) (int64, error) {
	var n int64
	err := tx.Model(&model.Attachment{}).Where("owner_type = ? AND owner_id = ?", owner, id).Count(&n).Error
	if err != nil {
		return 0, fmt.Errorf("store: count attachments: %w", err)
	}
	return n, nil
}

// mergeProblems adds the fields of a *ValidationError to p and returns
// any other error.
func mergeProblems(p qualification.Problems, err error) error {
	var ve *qualification.ValidationError
	if errors.As(err, &ve) {
		for k, v := range ve.Fields {
			p.Add(k, v)
		}
		return nil
	}
	return err
}

// distinctIDs collects the distinct non-zero values key returns over rows.
func distinctIDs[T any](rows []T, key func(T) int64) []int64 {
	seen := map[int64]bool{}
	out := []int64{}
	for _, r := range rows {
		if id := key(r); id != 0 && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}
