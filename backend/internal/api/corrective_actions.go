package api

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/filestore"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// Corrective-action requests: the buyer issues them from a finding,
// reviews each answer and verifies effectiveness (D8); the supplier reads
// its own and answers them in the portal. Both sides read through s.st(c),
// so a supplier never reaches another manufacturer's request.

func caNotFound(err error) error {
	if errors.Is(err, store.ErrNotFound) {
		return notFound("The corrective-action request")
	}
	return err
}

type issueCARequest struct {
	Request      string `json:"request"`
	InternalNote string `json:"internal_note"`
}

// issueCorrectiveAction issues a request to a finding's manufacturer.
func (s *Server) issueCorrectiveAction(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return notFound("The finding")
	}
	var req issueCARequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	v, err := s.st(c).IssueCorrectiveActionFor(c.Request.Context(), id, store.IssueCorrectiveAction{Request: req.Request, InternalNote: req.InternalNote},
		s.cfg.CorrectiveDueDays, actor(c))
	if errors.Is(err, store.ErrNotFound) {
		return notFound("The finding")
	}
	if err != nil {
		return err
	}
	c.JSON(http.StatusCreated, v)
	return nil
}

func (s *Server) findingCorrectiveAction(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return notFound("The finding")
	}
	v, err := s.st(c).CorrectiveActionOfFinding(c.Request.Context(), id)
	if err != nil {
		return caNotFound(err)
	}
	c.JSON(http.StatusOK, v)
	return nil
}

func (s *Server) getCorrectiveAction(c *gin.Context) error {
	return writeByID(c, "The corrective-action request", s.st(c).CorrectiveActionByID)
}

// caFilter reads the requests list's filters.
func caFilter(c *gin.Context, problems qualification.Problems) store.CorrectiveActionFilter {
	return store.CorrectiveActionFilter{
		Status:       queryEnum(c, "status", model.CAStatuses, problems),
		Stage:        queryEnum(c, "stage", model.CAStages, problems),
		Overdue:      queryFlag(c, "overdue", problems),
		Manufacturer: queryInt64(c, "manufacturer_id", problems),
		Site:         queryInt64(c, "site_id", problems),
		Finding:      queryInt64(c, "finding_id", problems),
	}
}

func (s *Server) listCorrectiveActions(c *gin.Context) error {
	p, err := listQuery(c, store.CorrectiveActionSorts)
	if err != nil {
		return err
	}
	problems := qualification.Problems{}
	f := caFilter(c, problems)
	if err := problems.Err("The filters are not valid."); err != nil {
		return err
	}
	rows, total, err := s.st(c).ListCorrectiveActions(c.Request.Context(), f, p)
	if err != nil {
		return err
	}
	writeList(c, rows, total, p)
	return nil
}

// pathStage reads the stage from the path.
func pathStage(c *gin.Context) (model.CAStage, error) {
	st := model.CAStage(c.Param("stage"))
	if !st.Valid() {
		return "", notFound("The stage")
	}
	return st, nil
}

type reviewStageRequest struct {
	// Decision is accept or return.
	Decision  string            `json:"decision"`
	Reason    string            `json:"reason"`
	Signature *signatureRequest `json:"signature"`
}

// reviewStage accepts a submitted answer (signed) or returns it to the
// supplier with a reason.
func (s *Server) reviewStage(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return notFound("The corrective-action request")
	}
	stage, err := pathStage(c)
	if err != nil {
		return err
	}
	var req reviewStageRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if req.Decision != "accept" && req.Decision != "return" {
		return invalid("The review is not valid.", map[string]string{"decision": "must be accept or return"})
	}
	st, err := s.signingStore(c, req.Signature)
	if err != nil {
		return err
	}
	v, err := st.ReviewStage(c.Request.Context(), id, stage, req.Decision == "accept", req.Reason, actor(c))
	if err != nil {
		return caNotFound(err)
	}
	c.JSON(http.StatusOK, v)
	return nil
}

type verifyCARequest struct {
	Method    model.VerificationMethod `json:"method"`
	Note      string                   `json:"note"`
	Reference string                   `json:"reference"`
	Signature *signatureRequest        `json:"signature"`
}

// verifyCorrectiveAction records the buyer's verification of effectiveness
// (D8, signed); it closes the request and its finding.
func (s *Server) verifyCorrectiveAction(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return notFound("The corrective-action request")
	}
	var req verifyCARequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	st, err := s.signingStore(c, req.Signature)
	if err != nil {
		return err
	}
	v, err := st.VerifyCorrectiveAction(c.Request.Context(), id, store.Verification{Method: req.Method, Note: req.Note, Reference: req.Reference}, actor(c))
	if err != nil {
		return caNotFound(err)
	}
	c.JSON(http.StatusOK, v)
	return nil
}

// downloadStageFile streams a file of a request's answer, as attachments
// are streamed (stored type, nosniff, sandbox).
func (s *Server) downloadStageFile(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return notFound("The file")
	}
	f, err := s.st(c).StageFile(c.Request.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		return notFound("The file")
	}
	if err != nil {
		return err
	}
	rd, err := s.files.Open(c.Request.Context(), f.StorageKey)
	if err != nil {
		return fmt.Errorf("api: stage file %d %s: %w", f.ID, f.StorageKey, err)
	}
	defer rd.Close()
	h := c.Writer.Header()
	h.Set("Content-Type", f.ContentType)
	h.Set("Content-Disposition", attachmentDisposition("attachment", f.FileName))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "sandbox")
	h.Set("Cache-Control", "private, no-cache")
	h.Set("ETag", `"`+f.SHA256+`"`)
	http.ServeContent(c.Writer, c.Request, "", f.UploadedAt, rd)
	return nil
}

// supplierCA is a request as its supplier reads it: without the buyer's
// internal note.
type supplierCA struct {
	ID                    int64                           `json:"id"`
	CreatedAt             time.Time                       `json:"created_at"`
	UpdatedAt             time.Time                       `json:"updated_at"`
	FindingID             int64                           `json:"finding_id"`
	SiteID                int64                           `json:"site_id"`
	SiteCode              string                          `json:"site_code"`
	Status                model.CAStatus                  `json:"status"`
	CurrentStage          model.CAStage                   `json:"current_stage"`
	Request               string                          `json:"request"`
	IssuedByName          string                          `json:"issued_by_name"`
	IssuedAt              time.Time                       `json:"issued_at"`
	NextDue               model.Date                      `json:"next_due"`
	Overdue               bool                            `json:"overdue"`
	ReworkCount           int                             `json:"rework_count"`
	FindingSeverity       model.Severity                  `json:"finding_severity"`
	FindingCategory       model.FindingCategory           `json:"finding_category"`
	FindingRequirement    string                          `json:"finding_requirement"`
	FindingDescription    string                          `json:"finding_description"`
	VerificationMethod    model.VerificationMethod        `json:"verification_method"`
	VerificationNote      string                          `json:"verification_note"`
	VerificationReference string                          `json:"verification_reference"`
	VerifiedAt            *time.Time                      `json:"verified_at"`
	Stages                []store.StageView               `json:"stages"`
	Receipts              []model.CorrectiveActionReceipt `json:"receipts"`
}

func supplierViewOf(v store.CorrectiveActionView) supplierCA {
	return supplierCA{ID: v.ID, CreatedAt: v.CreatedAt, UpdatedAt: v.UpdatedAt, FindingID: v.FindingID, SiteID: v.SiteID, SiteCode: v.SiteCode,
		Status: v.Status, CurrentStage: v.CurrentStage, Request: v.Request, IssuedByName: v.IssuedByName, IssuedAt: v.IssuedAt,
		NextDue: v.NextDue, Overdue: v.Overdue, ReworkCount: v.ReworkCount, FindingSeverity: v.FindingSeverity,
		FindingCategory: v.FindingCategory, FindingRequirement: v.FindingRequirement, FindingDescription: v.FindingDescription,
		VerificationMethod: v.VerificationMethod, VerificationNote: v.VerificationNote, VerificationReference: v.VerificationReference,
		VerifiedAt: v.VerifiedAt, Stages: v.Stages, Receipts: v.Receipts}
}

// supplierCARow is a request in the supplier's list.
type supplierCARow struct {
	ID                 int64          `json:"id"`
	FindingID          int64          `json:"finding_id"`
	SiteID             int64          `json:"site_id"`
	SiteCode           string         `json:"site_code"`
	Status             model.CAStatus `json:"status"`
	CurrentStage       model.CAStage  `json:"current_stage"`
	IssuedAt           time.Time      `json:"issued_at"`
	NextDue            model.Date     `json:"next_due"`
	Overdue            bool           `json:"overdue"`
	FindingSeverity    model.Severity `json:"finding_severity"`
	FindingDescription string         `json:"finding_description"`
}

func (s *Server) supplierCorrectiveActions(c *gin.Context) error {
	p, err := listQuery(c, store.CorrectiveActionSorts)
	if err != nil {
		return err
	}
	problems := qualification.Problems{}
	f := store.CorrectiveActionFilter{
		Status:  queryEnum(c, "status", model.CAStatuses, problems),
		Stage:   queryEnum(c, "stage", model.CAStages, problems),
		Overdue: queryFlag(c, "overdue", problems),
		Site:    queryInt64(c, "site_id", problems),
	}
	if err := problems.Err("The filters are not valid."); err != nil {
		return err
	}
	rows, total, err := s.st(c).ListCorrectiveActions(c.Request.Context(), f, p)
	if err != nil {
		return err
	}
	out := make([]supplierCARow, len(rows))
	for i, r := range rows {
		out[i] = supplierCARow{ID: r.ID, FindingID: r.FindingID, SiteID: r.SiteID, SiteCode: r.SiteCode, Status: r.Status,
			CurrentStage: r.CurrentStage, IssuedAt: r.IssuedAt, NextDue: r.NextDue, Overdue: r.Overdue,
			FindingSeverity: r.FindingSeverity, FindingDescription: r.FindingDescription}
	}
	writeList(c, out, total, p)
	return nil
}

func (s *Server) supplierCorrectiveAction(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return notFound("The corrective-action request")
	}
	v, err := s.st(c).CorrectiveActionByID(c.Request.Context(), id)
	if err != nil {
		return caNotFound(err)
	}
	c.JSON(http.StatusOK, supplierViewOf(v))
	return nil
}

type submitStageRequest struct {
	Text   string                `json:"text"`
	Detail string                `json:"detail"`
	Method model.RootCauseMethod `json:"method"`
}

// submitStage records the supplier's answer and answers its receipt: the
// sequence and hash of the audit event that recorded it, which
// `qualtrack audit verify --head` (or the receipt check) proves later is
// still in the chain.
func (s *Server) submitStage(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return notFound("The corrective-action request")
	}
	stage, err := pathStage(c)
	if err != nil {
		return err
	}
	var req submitStageRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	r, err := s.st(c).SubmitStage(c.Request.Context(), id, stage, store.StageAnswer{Text: req.Text, Detail: req.Detail, Method: req.Method}, actor(c))
	if err != nil {
		return caNotFound(err)
	}
	c.JSON(http.StatusCreated, r)
	return nil
}

// uploadStageFile attaches a file to the answer the supplier is writing.
func (s *Server) uploadStageFile(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return notFound("The corrective-action request")
	}
	stage, err := pathStage(c)
	if err != nil {
		return err
	}
	ctx := c.Request.Context()
	if err := s.st(c).CorrectiveActionExists(ctx, id); err != nil {
		return caNotFound(err)
	}
	mr, part, rawName, err := attachmentFilePart(c.Request)
	if err != nil {
		return err
	}
	name := filestore.CleanName(rawName)
	body := &readErrRecorder{r: part}
	up, err := s.uploads.Receive(body, s.maxAttachmentBytes())
	if err != nil {
		return s.attachmentReceiveError(err, body.err)
	}
	defer up.Discard()
	if err := attachmentRest(mr); err != nil {
		return err
	}
	if up.Size == 0 {
		return invalid("The file is empty.", map[string]string{attachmentField: "is empty; choose a file with content"})
	}
	contentType, err := filestore.DetectType(name, up, up.Size)
	var te *filestore.TypeError
	if errors.As(err, &te) {
		return invalid("This kind of file cannot be attached.", map[string]string{attachmentField: te.Error()})
	}
	if err != nil {
		return err
	}
	f := model.CorrectiveActionFile{FileName: filestore.NameForType(name, contentType), ContentType: contentType, UploadedByID: principal(c).ID}
	row, err := s.st(c).AddStageFile(ctx, id, stage, &f, up, actor(c))
	if err != nil {
		return caNotFound(err)
	}
	c.JSON(http.StatusCreated, row)
	return nil
}

// receiptCheck answers whether a receipt's event is still in an intact
// chain.
type receiptCheck struct {
	audit.VerifyResult
	Sequence int64  `json:"sequence"`
	Hash     string `json:"hash"`
}

// verifyReceipt checks one of the supplier's own receipts against the
// audit chain: the chain is intact and its event still has the receipt's
// hash. Only the supplier's own receipts are checked; any other sequence
// is 404.
func (s *Server) verifyReceipt(c *gin.Context) error {
	seq, err := strconv.ParseInt(c.Param("sequence"), 10, 64)
	if err != nil || seq < 1 {
		return notFound("The receipt")
	}
	hash := strings.ToLower(c.Query("hash"))
	if len(hash) != 64 || strings.Trim(hash, "0123456789abcdef") != "" {
		return invalid("This is not a receipt.", map[string]string{"hash": "must be the receipt's 64 hexadecimal digits"})
	}
	ctx := c.Request.Context()
	if err := s.st(c).CheckOwnReceipt(ctx, seq); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return notFound("The receipt")
		}
		return err
	}
	res, err := audit.VerifyAgainst(ctx, s.db, audit.Head{Sequence: seq, Hash: hash})
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, receiptCheck{VerifyResult: res, Sequence: seq, Hash: hash})
	return nil
}
