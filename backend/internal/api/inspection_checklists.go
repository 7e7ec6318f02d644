package api

import (
	"errors"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
	"github.com/qualtrack/qualtrack/backend/internal/spreadsheet"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// checklistPath reads the inspection, checklist and (when itemParam is
// set) item ids of a checklist route.
func checklistPath(c *gin.Context, withItem bool) (inspectionID, checklistID, itemID int64, err error) {
	if inspectionID, err = pathID(c, "id"); err != nil {
		return 0, 0, 0, notFound("The inspection")
	}
	if checklistID, err = pathID(c, "cid"); err != nil {
		return 0, 0, 0, notFound("The checklist")
	}
	if withItem {
		if itemID, err = pathID(c, "item_id"); err != nil {
			return 0, 0, 0, notFound("The checklist item")
		}
	}
	return inspectionID, checklistID, itemID, nil
}

// checklistNotFound names what was not found on a checklist route.
func checklistNotFound(err error) error {
	if errors.Is(err, store.ErrNotFound) {
		return notFound("The inspection or its checklist")
	}
	return err
}

// getInspectionChecklists returns the inspection's checklists, answers,
// score and suggested result.
func (s *Server) getInspectionChecklists(c *gin.Context) error {
	return writeByID(c, "The inspection", s.st(c).InspectionChecklists)
}

type addChecklistRequest struct {
	TemplateID int64 `json:"template_id"`
}

func (s *Server) addInspectionChecklist(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return notFound("The inspection")
	}
	var req addChecklistRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if req.TemplateID < 1 {
		return invalid("Choose a checklist template.", map[string]string{"template_id": "is required"})
	}
	view, err := s.st(c).AddInspectionChecklist(c.Request.Context(), id, req.TemplateID, actor(c))
	if err != nil {
		return checklistNotFound(err)
	}
	c.JSON(http.StatusCreated, view)
	return nil
}

func (s *Server) removeInspectionChecklist(c *gin.Context) error {
	id, cid, _, err := checklistPath(c, false)
	if err != nil {
		return err
	}
	if err := s.st(c).RemoveInspectionChecklist(c.Request.Context(), id, cid, actor(c)); err != nil {
		return checklistNotFound(err)
	}
	c.Status(http.StatusNoContent)
	return nil
}

// answerRequest is an answer to one item. version is the version of the
// answer the client read, 0 (or absent) when it saw none.
type answerRequest struct {
	Version       int64   `json:"version"`
	Answer        string  `json:"answer"`
	Rating        *int    `json:"rating"`
	Text          string  `json:"text"`
	NotApplicable bool    `json:"not_applicable"`
	Note          string  `json:"note"`
	AttachmentIDs []int64 `json:"attachment_ids"`
	// AnsweredAt is when the inspector gave the answer, sent with an
	// answer queued offline (see store.ChecklistAnswerInput.GivenAt).
	AnsweredAt *time.Time `json:"answered_at"`
}

// answerChecklistItem records (201) or changes (200) the answer to an
// item.
func (s *Server) answerChecklistItem(c *gin.Context) error {
	id, cid, itemID, err := checklistPath(c, true)
	if err != nil {
		return err
	}
	var req answerRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if req.Version < 0 {
		return invalid("Send the version of the answer you read (0 for none).", map[string]string{"version": "must be 0 or more"})
	}
	in := store.ChecklistAnswerInput{Answer: req.Answer, Rating: req.Rating, Text: req.Text,
		NotApplicable: req.NotApplicable, Note: req.Note, AttachmentIDs: req.AttachmentIDs}
	if req.AnsweredAt != nil {
		in.GivenAt = *req.AnsweredAt
	}
	view, err := s.st(c).AnswerChecklistItem(c.Request.Context(), id, cid, itemID, req.Version, in, actor(c))
	if err != nil {
		return checklistNotFound(err)
	}
	status := http.StatusOK
	if req.Version == 0 {
		status = http.StatusCreated
	}
	c.JSON(status, view)
	return nil
}

// clearChecklistAnswer removes an answer; ?version= is the version read.
func (s *Server) clearChecklistAnswer(c *gin.Context) error {
	id, cid, itemID, err := checklistPath(c, true)
	if err != nil {
		return err
	}
	problems := qualification.Problems{}
	version := queryVersion(c, problems)
	if err := problems.Err("Send the version of the answer you read."); err != nil {
		return err
	}
	if err := s.st(c).ClearChecklistAnswer(c.Request.Context(), id, cid, itemID, version, actor(c)); err != nil {
		return checklistNotFound(err)
	}
	c.Status(http.StatusNoContent)
	return nil
}

// findingFromItemRequest overrides the prefilled finding; every field is
// optional and the body may be empty.
type findingFromItemRequest struct {
	Severity         model.Severity        `json:"severity"`
	Category         model.FindingCategory `json:"category"`
	Owner            string                `json:"owner"`
	DueDate          model.Date            `json:"due_date"`
	CorrectiveAction string                `json:"corrective_action"`
	Description      string                `json:"description"`
	Requirement      string                `json:"requirement"`
}

// raiseFindingFromItem records a finding prefilled from an item answered
// no (or rated below 5).
func (s *Server) raiseFindingFromItem(c *gin.Context) error {
	id, cid, itemID, err := checklistPath(c, true)
	if err != nil {
		return err
	}
	var req findingFromItemRequest
	if c.Request.ContentLength != 0 {
		if err := decodeJSON(c, &req); err != nil {
			return err
		}
	}
	choice := store.FindingFromItem{Severity: req.Severity, Category: req.Category, Owner: req.Owner,
		DueDate: req.DueDate, CorrectiveAction: req.CorrectiveAction, Description: req.Description, Requirement: req.Requirement}
	row, err := s.st(c).RaiseFindingFromItem(c.Request.Context(), id, cid, itemID, choice, actor(c))
	if err != nil {
		return checklistNotFound(err)
	}
	c.JSON(http.StatusCreated, row)
	return nil
}

// inspectionReport downloads the inspection, its checklist answers and
// findings as a workbook.
func (s *Server) inspectionReport(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return notFound("The inspection")
	}
	exp, err := spreadsheet.InspectionWorkbook(c.Request.Context(), s.st(c), id, s.reportRun(c))
	if errors.Is(err, store.ErrNotFound) {
		err = notFound("The inspection")
	}
	return s.sendExport(c, exp, err, audit.EntityInspection, id)
}
