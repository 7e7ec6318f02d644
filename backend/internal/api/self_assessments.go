package api

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// Self-assessment questionnaires: the buyer sends a checklist template to
// a site's manufacturer and reviews the answers; the supplier answers in
// the portal (drafts, evidence files, submission). Both sides read through
// s.st(c), so a supplier never reaches another manufacturer's
// questionnaire. Every change names the questionnaire's version read.

func assessmentNotFound(err error) error {
	if errors.Is(err, store.ErrNotFound) {
		return notFound("The questionnaire")
	}
	return err
}

type sendAssessmentRequest struct {
	SiteID     int64      `json:"site_id"`
	TemplateID int64      `json:"template_id"`
	DueDate    model.Date `json:"due_date"`
	Message    string     `json:"message"`
}

// sendSelfAssessment sends a questionnaire to a site's manufacturer.
func (s *Server) sendSelfAssessment(c *gin.Context) error {
	var req sendAssessmentRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	p := qualification.Problems{}
	if req.SiteID < 1 {
		p.Add("site_id", "Choose the site the questionnaire is about.")
	}
	if req.TemplateID < 1 {
		p.Add("template_id", "Choose the checklist template to send.")
	}
	if err := p.Err("The questionnaire cannot be sent."); err != nil {
		return err
	}
	v, err := s.st(c).SendSelfAssessment(c.Request.Context(), store.SendAssessment{SiteID: req.SiteID, TemplateID: req.TemplateID,
		DueDate: req.DueDate, Message: req.Message}, actor(c))
	if err != nil {
		return err
	}
	c.JSON(http.StatusCreated, v)
	return nil
}

// listSelfAssessments lists questionnaires (staff: filters by manufacturer
// too; the supplier's store holds only its own).
func (s *Server) listSelfAssessments(c *gin.Context) error {
	p, err := listQuery(c, store.SelfAssessmentSorts)
	if err != nil {
		return err
	}
	problems := qualification.Problems{}
	f := store.SelfAssessmentFilter{
		Status:  queryEnum(c, "status", model.AssessmentStatuses, problems),
		Overdue: queryFlag(c, "overdue", problems),
		Site:    queryInt64(c, "site_id", problems),
	}
	if principal(c).Role != model.RoleSupplier {
		f.Manufacturer = queryInt64(c, "manufacturer_id", problems)
	}
	if err := problems.Err("The filters are not valid."); err != nil {
		return err
	}
	rows, total, err := s.st(c).ListSelfAssessments(c.Request.Context(), f, p)
	if err != nil {
		return err
	}
	writeList(c, rows, total, p)
	return nil
}

func (s *Server) getSelfAssessment(c *gin.Context) error {
	return writeByID(c, "The questionnaire", s.st(c).SelfAssessmentByID)
}

type returnedItemRequest struct {
	ItemID  int64  `json:"item_id"`
	Comment string `json:"comment"`
}

type reviewAssessmentRequest struct {
	Version int64 `json:"version"`
	// Decision is accept or return.
	Decision string                `json:"decision"`
	Comment  string                `json:"comment"`
	Items    []returnedItemRequest `json:"items"`
}

func (r reviewAssessmentRequest) sentVersion() int64 { return r.Version }

// reviewSelfAssessment accepts the submitted answers or returns items for
// rework, each with a comment.
func (s *Server) reviewSelfAssessment(c *gin.Context) error {
	var req reviewAssessmentRequest
	id, err := bindUpdate(c, &req)
	if err != nil {
		return err
	}
	if req.Decision != "accept" && req.Decision != "return" {
		return invalid("The review is not valid.", map[string]string{"decision": "must be accept or return"})
	}
	r := store.AssessmentReview{Accept: req.Decision == "accept", Comment: req.Comment}
	for _, it := range req.Items {
		r.Returns = append(r.Returns, qualification.ReturnedItem{ItemID: it.ItemID, Comment: it.Comment})
	}
	v, err := s.st(c).ReviewSelfAssessment(c.Request.Context(), id, req.Version, r, actor(c))
	if err != nil {
		return assessmentNotFound(err)
	}
	c.JSON(http.StatusOK, v)
	return nil
}

type assessmentAnswerRequest struct {
	ItemID        int64   `json:"item_id"`
	Answer        string  `json:"answer"`
	Rating        *int    `json:"rating"`
	Text          string  `json:"text"`
	NotApplicable bool    `json:"not_applicable"`
	Note          string  `json:"note"`
	AttachmentIDs []int64 `json:"attachment_ids"`
}

type saveAnswersRequest struct {
	Version int64                     `json:"version"`
	Answers []assessmentAnswerRequest `json:"answers"`
}

func (r saveAnswersRequest) sentVersion() int64 { return r.Version }

// saveAssessmentAnswers saves the supplier's answers as a draft.
func (s *Server) saveAssessmentAnswers(c *gin.Context) error {
	var req saveAnswersRequest
	id, err := bindUpdate(c, &req)
	if err != nil {
		return err
	}
	in := make([]store.AssessmentAnswerInput, len(req.Answers))
	for i, a := range req.Answers {
		in[i] = store.AssessmentAnswerInput{ItemID: a.ItemID, Answer: a.Answer, Rating: a.Rating, Text: a.Text,
			NotApplicable: a.NotApplicable, Note: a.Note, AttachmentIDs: a.AttachmentIDs}
	}
	v, err := s.st(c).SaveAssessmentAnswers(c.Request.Context(), id, req.Version, in, actor(c))
	if err != nil {
		return assessmentNotFound(err)
	}
	c.JSON(http.StatusOK, v)
	return nil
}

type submitAssessmentRequest struct {
	Version int64 `json:"version"`
}

func (r submitAssessmentRequest) sentVersion() int64 { return r.Version }

// submitSelfAssessment submits the supplier's answers for review.
func (s *Server) submitSelfAssessment(c *gin.Context) error {
	var req submitAssessmentRequest
	id, err := bindUpdate(c, &req)
	if err != nil {
		return err
	}
	v, err := s.st(c).SubmitSelfAssessment(c.Request.Context(), id, req.Version, actor(c))
	if err != nil {
		return assessmentNotFound(err)
	}
	c.JSON(http.StatusOK, v)
	return nil
}

// uploadAssessmentFile attaches an evidence file to a questionnaire the
// supplier may still change; an answer then names it in attachment_ids.
func (s *Server) uploadAssessmentFile(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return notFound("The questionnaire")
	}
	if err := s.st(c).SelfAssessmentEditable(c.Request.Context(), id); err != nil {
		return assessmentNotFound(err)
	}
	return s.uploadAttachment(model.OwnerSelfAssessment)(c)
}

// downloadAssessmentFile streams an evidence file of one of the supplier's
// questionnaires; no other attachment is reachable here.
func (s *Server) downloadAssessmentFile(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return notFound("The file")
	}
	a, err := s.st(c).SelfAssessmentFile(c.Request.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		return notFound("The file")
	}
	if err != nil {
		return err
	}
	return s.serveAttachment(c, a, false)
}
