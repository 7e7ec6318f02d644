package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

func (s *Server) listInspections(c *gin.Context) error {
	p, err := listQuery(c, store.InspectionSorts)
	if err != nil {
		return err
	}
	problems := qualification.Problems{}
	f := store.InspectionFilter{
		SiteID: queryInt64(c, "site_id", problems),
		Status: queryEnum(c, "status", model.InspectionStatuses, problems),
		Type:   queryEnum(c, "type", model.InspectionTypes, problems),
		Result: queryEnum(c, "result", model.InspectionResults, problems),
		Q:      querySearch(c, problems),
	}
	f.From, f.To = queryDateRange(c, problems)
	if err := problems.Err("The filters are not valid."); err != nil {
		return err
	}
	rows, total, err := s.st(c).ListInspections(c.Request.Context(), f, p)
	if err != nil {
		return err
	}
	writeList(c, rows, total, p)
	return nil
}

func (s *Server) getInspection(c *gin.Context) error {
	return writeByID(c, "The inspection", s.st(c).InspectionByID)
}

type createInspectionRequest struct {
	SiteID          int64                  `json:"site_id"`
	Type            model.InspectionType   `json:"type"`
	Status          model.InspectionStatus `json:"status"`
	ScheduledDate   model.Date             `json:"scheduled_date"`
	PerformedDate   model.Date             `json:"performed_date"`
	LeadInspectorID *int64                 `json:"lead_inspector_id"`
	Team            string                 `json:"team"`
	Scope           string                 `json:"scope"`
	Result          model.InspectionResult `json:"result"`
	Score           *int                   `json:"score"`
	Summary         string                 `json:"summary"`
	// Signature signs logging an inspection as completed.
	Signature *signatureRequest `json:"signature"`
}

// createInspection plans an inspection (status planned unless given) or
// logs one already done.
func (s *Server) createInspection(c *gin.Context) error {
	var req createInspectionRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	in := model.Inspection{
		SiteID: req.SiteID, Type: req.Type, Status: req.Status,
		ScheduledDate: req.ScheduledDate, PerformedDate: req.PerformedDate,
		LeadInspectorID: req.LeadInspectorID, Team: req.Team, Scope: req.Scope,
		Result: req.Result, Score: req.Score, Summary: req.Summary,
	}
	st, err := s.signingStore(c, req.Signature)
	if err != nil {
		return err
	}
	row, err := st.CreateInspection(c.Request.Context(), &in, actor(c))
	if err != nil {
		return err
	}
	c.JSON(http.StatusCreated, row)
	return nil
}

type updateInspectionRequest struct {
	Version         int64                       `json:"version"`
	SiteID          Opt[int64]                  `json:"site_id"`
	Type            Opt[model.InspectionType]   `json:"type"`
	Status          Opt[model.InspectionStatus] `json:"status"`
	ScheduledDate   Opt[model.Date]             `json:"scheduled_date"`
	PerformedDate   Opt[model.Date]             `json:"performed_date"`
	LeadInspectorID Opt[int64]                  `json:"lead_inspector_id"`
	Team            Opt[string]                 `json:"team"`
	Scope           Opt[string]                 `json:"scope"`
	Result          Opt[model.InspectionResult] `json:"result"`
	Score           Opt[int]                    `json:"score"`
	Summary         Opt[string]                 `json:"summary"`
	// ResultOverrideReason says why the result differs from the one the
	// inspection's checklists suggest; required then.
	ResultOverrideReason Opt[string] `json:"result_override_reason"`
	// UnansweredReason says why critical checklist items are unanswered;
	// required to complete it then.
	UnansweredReason Opt[string] `json:"unanswered_reason"`
	// CorrectionReason says why a completed inspection's result, status,
	// site or performed date is changed; required then (a manager's or an
	// admin's correction).
	CorrectionReason Opt[string] `json:"correction_reason"`
	// Signature signs completing the inspection, or correcting a completed
	// one that stays completed.
	Signature *signatureRequest `json:"signature"`
}

func (r *updateInspectionRequest) sentVersion() int64 { return r.Version }

// updateInspection edits an inspection; completing one updates its site's
// schedule in the same transaction.
func (s *Server) updateInspection(c *gin.Context) error {
	var req updateInspectionRequest
	id, err := bindUpdate(c, &req)
	if err != nil {
		return err
	}
	st, err := s.signingStore(c, req.Signature)
	if err != nil {
		return err
	}
	row, err := st.UpdateInspection(c.Request.Context(), id, req.Version, actor(c), func(in *model.Inspection) error {
		applyOpt(req.SiteID, &in.SiteID)
		applyOpt(req.Type, &in.Type)
		applyOpt(req.Status, &in.Status)
		applyOpt(req.ScheduledDate, &in.ScheduledDate)
		applyOpt(req.PerformedDate, &in.PerformedDate)
		applyOptPtr(req.LeadInspectorID, &in.LeadInspectorID)
		applyOpt(req.Team, &in.Team)
		applyOpt(req.Scope, &in.Scope)
		applyOpt(req.Result, &in.Result)
		applyOptPtr(req.Score, &in.Score)
		applyOpt(req.Summary, &in.Summary)
		applyOpt(req.ResultOverrideReason, &in.ResultOverrideReason)
		applyOpt(req.UnansweredReason, &in.UnansweredReason)
		applyOpt(req.CorrectionReason, &in.CorrectionReason)
		return nil
	})
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, row)
	return nil
}

// deleteInspection removes a planned inspection entered by mistake; the
// store refuses anything that is history.
func (s *Server) deleteInspection(c *gin.Context) error {
	return s.deleteByID(c, (*store.Store).DeleteInspection)
}

// applyOpt copies a PATCH field that was sent; null sets the zero value.
func applyOpt[T any](o Opt[T], dst *T) {
	if o.Set {
		*dst = o.Value
	}
}

// applyOptPtr copies a PATCH field that was sent into a nullable field.
func applyOptPtr[T any](o Opt[T], dst **T) {
	switch {
	case !o.Set:
	case o.Null:
		*dst = nil
	default:
		v := o.Value
		*dst = &v
	}
}
