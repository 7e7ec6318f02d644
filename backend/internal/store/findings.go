package store

import (
	"context"
	"maps"
	"strings"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
)

// FindingSorts are the sort fields of the findings list. Severity sorts
// worst first and status in its lifecycle order, not alphabetically.
var FindingSorts = SortFields{
	"due_date":   nullsLast(dateSort("findings.due_date")),
	"severity":   numberSort("CASE findings.severity WHEN 'critical' THEN 0 WHEN 'major' THEN 1 WHEN 'minor' THEN 2 ELSE 3 END"),
	"status":     numberSort("CASE findings.status WHEN 'open' THEN 0 WHEN 'in_progress' THEN 1 ELSE 2 END"),
	"created_at": timeSort("findings.created_at"),
	"updated_at": timeSort("findings.updated_at"),
}

// overdueFindingSorts order the overdue findings, which all have a due
// date: sorting by it plainly (not nulls last) lets the partial index on
// the unclosed findings' due dates hand over the page without sorting the
// thousands of matches.
var overdueFindingSorts = func() SortFields {
	f := maps.Clone(FindingSorts)
	f["due_date"] = dateSort("findings.due_date")
	return f
}()

// FindingFilter narrows the findings list.
type FindingFilter struct {
	SiteID       int64
	InspectionID int64
	Statuses     []model.FindingStatus // any of them; empty means all
	Severity     model.Severity
	// Overdue keeps only overdue findings (true) or only the others (false).
	Overdue *bool
	// Q searches the description, requirement and owner.
	Q string
	// ActiveSites keeps the findings of sites that are not archived (what
	// the dashboard counts).
	ActiveSites bool
}

// FindingRow is a finding with what lists show of its site and state.
type FindingRow struct {
	model.Finding
	Overdue        bool   `json:"overdue"`
	SiteCode       string `json:"site_code"`
	SiteName       string `json:"site_name"`
	VerifiedByName string `json:"verified_by_name"`
	// Signature is the signature that closed the finding, while it is
	// closed.
	Signature *model.Signature `json:"signature"`
}

// ListFindings returns one page of findings, soonest due first by default.
func (s *Store) ListFindings(ctx context.Context, f FindingFilter, p Page) ([]FindingRow, int64, error) {
	ctx, done, err := s.snapshot(ctx) // the count, the page and its rows' details
	if err != nil {
		return nil, 0, err
	}
	defer done()
	db := s.db.WithContext(ctx)
	today := s.Today()
	q := s.in(db.Model(&model.Finding{}), "findings.site_id", viaSite)
	if f.SiteID != 0 {
		q = q.Where("findings.site_id = ?", f.SiteID)
	}
	if f.InspectionID != 0 {
		q = q.Where("findings.inspection_id = ?", f.InspectionID)
	}
	if len(f.Statuses) > 0 {
		q = q.Where("findings.status IN ?", f.Statuses)
	}
	if f.Severity != "" {
		q = q.Where("findings.severity = ?", f.Severity)
	}
	if f.Overdue != nil {
		q = filtersFollowTheOrder(q, "findings.due_date")
		// The SQL form of qualification.FindingOverdue.
		if *f.Overdue {
			q = q.Where(findingOverdue, today)
		} else {
			q = q.Where("(findings.status = ? OR findings.due_date IS NULL OR findings.due_date >= ?)", model.FindingClosed, today)
		}
	}
	if f.ActiveSites {
		q = q.Where(onActiveSite("findings"))
	}
	if strings.TrimSpace(f.Q) != "" {
		cols := []string{"description", "requirement", "owner"}
		filtered := f.SiteID != 0 || f.InspectionID != 0 || len(f.Statuses) > 0 || f.Severity != "" || f.Overdue != nil || f.ActiveSites
		aside := false
		if filtered {
			found, err := s.searchRows(ctx, "findings", cols, f.Q, s.searchSizeLimit())
			if err != nil {
				return nil, 0, err
			}
			if aside, err = s.searchAside(q, found); err != nil {
				return nil, 0, err
			}
		}
		cond, args := s.textMatchAs("findings", cols, f.Q, aside)
		q = q.Where(cond, args...)
	}
	sorts := FindingSorts
	if f.Overdue != nil && *f.Overdue {
		sorts = overdueFindingSorts
	}
	found := []model.Finding{}
	total, err := list(q, p, sorts, "due_date", &found)
	if err != nil {
		return nil, 0, translate(err, "list findings")
	}
	rows, err := s.describeFindings(db, found)
	return rows, total, err
}

// FindingByID returns one finding.
func (s *Store) FindingByID(ctx context.Context, id int64) (FindingRow, error) {
	db := s.db.WithContext(ctx)
	var f model.Finding
	if err := s.in(db, "findings.site_id", viaSite).Take(&f, id).Error; err != nil {
		return FindingRow{}, translate(err, "finding by id")
	}
	return s.describeFinding(db, f)
}

// CreateFinding records f on an inspection that is planned or completed;
// it takes its site from the inspection and, without a due date, the
// default one for its severity counted from today.
func (s *Store) CreateFinding(ctx context.Context, inspectionID int64, f *model.Finding, actor audit.Actor) (FindingRow, error) {
	var row FindingRow
	err := s.tx(ctx, func(tx *gorm.DB) error {
		var err error
		row, err = s.createFinding(tx, inspectionID, f, actor)
		return err
	})
	return row, err
}

// createFinding is CreateFinding inside tx, for writes that raise a
// finding together with another change.
func (s *Store) createFinding(tx *gorm.DB, inspectionID int64, f *model.Finding, actor audit.Actor) (FindingRow, error) {
	var in model.Inspection
	if err := tx.Select("id", "site_id", "status").Take(&in, inspectionID).Error; err != nil {
		return FindingRow{}, translate(err, "create finding")
	}
	if in.Status == model.InspectionCancelled {
		return FindingRow{}, (qualification.Problems{"inspection_id": "The inspection was cancelled; record findings on a planned or completed inspection."}).Err("The finding cannot be saved.")
	}
	f.InspectionID, f.SiteID = in.ID, in.SiteID
	if f.Status == "" {
		f.Status = model.FindingOpen
	}
	if f.DueDate.IsZero() {
		f.DueDate = qualification.DefaultDueDate(f.Severity, s.Today())
	}
	normalizeFinding(f)
	if f.Status == model.FindingClosed {
		now := s.Now()
		f.VerifiedByID, f.VerifiedAt = actorID(actor), &now
	}
	f.Version = 1
	if err := validateFinding(*f); err != nil {
		return FindingRow{}, err
	}
	if err := tx.Create(f).Error; err != nil {
		return FindingRow{}, translate(err, "create finding")
	}
	changes := audit.Diff(nil, f)
	if f.Status == model.FindingClosed {
		sig, err := s.sign(tx, qualification.SignFindingClose, "finding", f.ID, qualification.FindingContentOf(*f))
		if err != nil {
			return FindingRow{}, err
		}
		changes["signature"] = [2]any{nil, signatureChange(sig)}
	} else if err := s.checkSignatureUsed(false); err != nil {
		return FindingRow{}, err
	}
	if err := s.emitFindingChange(tx, nil, *f); err != nil {
		return FindingRow{}, err
	}
	row, err := s.describeFinding(tx, *f)
	if err != nil {
		return FindingRow{}, err
	}
	// Appended last: see audit.Trail.Append.
	if _, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionFindingCreate, EntityType: audit.EntityFinding, EntityID: f.ID, Changes: changes}); err != nil {
		return FindingRow{}, err
	}
	return row, nil
}

// UpdateFinding applies change to the finding at the version the client
// read. Closing records who closed it and when; reopening clears that and
// the verification note, which no longer holds.
func (s *Store) UpdateFinding(ctx context.Context, id, version int64, actor audit.Actor, change func(f *model.Finding) error) (FindingRow, error) {
	var row FindingRow
	err := s.tx(ctx, func(tx *gorm.DB) error {
		var f model.Finding
		if err := tx.Take(&f, id).Error; err != nil {
			return translate(err, "update finding")
		}
		if f.Version != version {
			return ErrVersionConflict
		}
		before := f
		if err := change(&f); err != nil {
			return err
		}
		f.ID, f.InspectionID, f.SiteID = before.ID, before.InspectionID, before.SiteID
		normalizeFinding(&f)
		switch {
		case before.Status != model.FindingClosed && f.Status == model.FindingClosed:
			if err := checkNoOpenRequest(tx, id); err != nil {
				return err
			}
			now := s.Now()
			f.VerifiedByID, f.VerifiedAt = actorID(actor), &now
		case before.Status == model.FindingClosed && f.Status != model.FindingClosed:
			f.VerifiedByID, f.VerifiedAt = nil, nil
			if f.VerificationNote == before.VerificationNote {
				f.VerificationNote = ""
			}
		}
		if err := validateFinding(f); err != nil {
			return err
		}
		f.Version = version + 1
		if err := saveVersioned(tx, &f, id, version); err != nil {
			return translate(err, "update finding")
		}
		changes := audit.Diff(before, f)
		if before.Status != model.FindingClosed && f.Status == model.FindingClosed {
			sig, err := s.sign(tx, qualification.SignFindingClose, "finding", id, qualification.FindingContentOf(f))
			if err != nil {
				return err
			}
			changes["signature"] = [2]any{nil, signatureChange(sig)}
		} else if err := s.checkSignatureUsed(false); err != nil {
			return err
		}
		if err := s.emitFindingChange(tx, &before, f); err != nil {
			return err
		}
		var err error
		if row, err = s.describeFinding(tx, f); err != nil {
			return err
		}
		_, err = s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionFindingUpdate, EntityType: audit.EntityFinding, EntityID: id, Changes: changes})
		return err // last: see audit.Trail.Append
	})
	return row, err
}

func normalizeFinding(f *model.Finding) {
	f.Requirement = strings.TrimSpace(f.Requirement)
	f.Description = strings.TrimSpace(f.Description)
	f.CorrectiveAction = strings.TrimSpace(f.CorrectiveAction)
	f.Owner = strings.TrimSpace(f.Owner)
	f.VerificationNote = strings.TrimSpace(f.VerificationNote)
}

func validateFinding(f model.Finding) error {
	p := qualification.Problems{}
	err := qualification.ValidateFinding(qualification.FindingInput{
		Severity: f.Severity, Category: f.Category, Requirement: f.Requirement, Description: f.Description,
		CorrectiveAction: f.CorrectiveAction, Owner: f.Owner, DueDate: f.DueDate, Status: f.Status, VerificationNote: f.VerificationNote,
	})
	if err := mergeProblems(p, err); err != nil {
		return err
	}
	return p.Err("The finding cannot be saved.")
}

func (s *Store) describeFinding(tx *gorm.DB, f model.Finding) (FindingRow, error) {
	rows, err := s.describeFindings(tx, []model.Finding{f})
	if err != nil {
		return FindingRow{}, err
	}
	return rows[0], nil
}

// describeFindings adds overdue, site labels and verifier names to a page
// of findings, with one query for each kind.
func (s *Store) describeFindings(tx *gorm.DB, fs []model.Finding) ([]FindingRow, error) {
	rows := make([]FindingRow, len(fs))
	if len(fs) == 0 {
		return rows, nil
	}
	sites, err := siteLabels(tx, distinctIDs(fs, func(f model.Finding) int64 { return f.SiteID }))
	if err != nil {
		return nil, err
	}
	names, err := userNames(tx, distinctIDs(fs, func(f model.Finding) int64 {
		if f.VerifiedByID == nil {
			return 0
		}
		return *f.VerifiedByID
	}))
	if err != nil {
		return nil, err
	}
	sigs, err := latestSignatures(tx, qualification.SignFindingClose, "finding", distinctIDs(fs, func(f model.Finding) int64 {
		if f.Status != model.FindingClosed {
			return 0
		}
		return f.ID
	}))
	if err != nil {
		return nil, err
	}
	today := s.Today()
	for i, f := range fs {
		rows[i] = FindingRow{Finding: f, Overdue: qualification.FindingOverdue(f.DueDate, f.Status, today),
			SiteCode: sites[f.SiteID].Code, SiteName: sites[f.SiteID].Name}
		if f.VerifiedByID != nil {
			rows[i].VerifiedByName = names[*f.VerifiedByID]
		}
		if sig, ok := sigs[f.ID]; ok && f.Status == model.FindingClosed {
			rows[i].Signature = &sig
		}
	}
	return rows, nil
}

// actorID is the id of the signed-in actor; a write without one (a
// command-line import) cannot claim a verifier.
func actorID(a audit.Actor) *int64 {
	if a.ID == nil {
		return nil
	}
	id := *a.ID
	return &id
}

// findingUnclosed is written out, not bound, so the planner can use the
// partial indexes on unclosed findings (migrations 00006 and 00008).
const findingUnclosed = "findings.status <> '" + string(model.FindingClosed) + "'"

// findingOverdue is the SQL form of qualification.FindingOverdue, with
// today as its argument.
const findingOverdue = findingUnclosed + " AND findings.due_date < ?"
