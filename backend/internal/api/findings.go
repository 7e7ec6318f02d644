package api

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

func (s *Server) listFindings(c *gin.Context) error {
	p, err := listQuery(c, store.FindingSorts)
	if err != nil {
		return err
	}
	problems := qualification.Problems{}
	f := store.FindingFilter{
		SiteID:       queryInt64(c, "site_id", problems),
		InspectionID: queryInt64(c, "inspection_id", problems),
		Statuses:     queryEnumList(c, "status", model.FindingStatuses, problems),
		Severity:     queryEnum(c, "severity", model.Severities, problems),
		Overdue:      queryBool(c, "overdue", problems),
		Q:            querySearch(c, problems),
		ActiveSites:  queryFlag(c, "active_sites", problems),
	}
	if err := problems.Err("The filters are not valid."); err != nil {
		return err
	}
	// The overdue list is what managers chase: read often, written seldom,
	// and the same for every unscoped user, so it is cached like the sites.
	return writeCachedList(s, c, p, func(ctx context.Context) ([]store.FindingRow, int64, error) { return s.st(c).ListFindings(ctx, f, p) })
}

func (s *Server) getFinding(c *gin.Context) error {
	return writeByID(c, "The finding", s.st(c).FindingByID)
}

type createFindingRequest struct {
	Severity         model.Severity        `json:"severity"`
	Category         model.FindingCategory `json:"category"`
	Requirement      string                `json:"requirement"`
	Description      string                `json:"description"`
	CorrectiveAction string                `json:"corrective_action"`
	Owner            string                `json:"owner"`
	DueDate          model.Date            `json:"due_date"`
	Status           model.FindingStatus   `json:"status"`
	VerificationNote string                `json:"verification_note"`
	// Signature signs recording the finding as closed.
	Signature *signatureRequest `json:"signature"`
}

// createFinding records a finding of the inspection in the path.
func (s *Server) createFinding(c *gin.Context) error {
	inspectionID, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req createFindingRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	f := model.Finding{
		Severity: req.Severity, Category: req.Category, Requirement: req.Requirement,
		Description: req.Description, CorrectiveAction: req.CorrectiveAction, Owner: req.Owner,
		DueDate: req.DueDate, Status: req.Status, VerificationNote: req.VerificationNote,
	}
	st, err := s.signingStore(c, req.Signature)
	if err != nil {
		return err
	}
	row, err := st.CreateFinding(c.Request.Context(), inspectionID, &f, actor(c))
	if err != nil {
		return err
	}
	c.JSON(http.StatusCreated, row)
	return nil
}

type updateFindingRequest struct {
	Version          int64                      `json:"version"`
	Severity         Opt[model.Severity]        `json:"severity"`
	Category         Opt[model.FindingCategory] `json:"category"`
	Requirement      Opt[string]                `json:"requirement"`
	Description      Opt[string]                `json:"description"`
	CorrectiveAction Opt[string]                `json:"corrective_action"`
	Owner            Opt[string]                `json:"owner"`
	DueDate          Opt[model.Date]            `json:"due_date"`
	Status           Opt[model.FindingStatus]   `json:"status"`
	VerificationNote Opt[string]                `json:"verification_note"`
	// Signature signs closing the finding (verified).
	Signature *signatureRequest `json:"signature"`
}

func (r *updateFindingRequest) sentVersion() int64 { return r.Version }

// updateFinding edits a finding; closing it needs a verification note and
// records the closer.
func (s *Server) updateFinding(c *gin.Context) error {
	var req updateFindingRequest
	id, err := bindUpdate(c, &req)
	if err != nil {
		return err
	}
	st, err := s.signingStore(c, req.Signature)
	if err != nil {
		return err
	}
	row, err := st.UpdateFinding(c.Request.Context(), id, req.Version, actor(c), func(f *model.Finding) error {
		applyOpt(req.Severity, &f.Severity)
		applyOpt(req.Category, &f.Category)
		applyOpt(req.Requirement, &f.Requirement)
		applyOpt(req.Description, &f.Description)
		applyOpt(req.CorrectiveAction, &f.CorrectiveAction)
		applyOpt(req.Owner, &f.Owner)
		applyOpt(req.DueDate, &f.DueDate)
		applyOpt(req.Status, &f.Status)
		applyOpt(req.VerificationNote, &f.VerificationNote)
		return nil
	})
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, row)
	return nil
}
