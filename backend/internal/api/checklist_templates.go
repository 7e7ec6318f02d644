package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

func (s *Server) listChecklistTemplates(c *gin.Context) error {
	p, err := listQuery(c, store.ChecklistTemplateSorts)
	if err != nil {
		return err
	}
	problems := qualification.Problems{}
	f := store.ChecklistTemplateFilter{Q: querySearch(c, problems), Archived: queryArchived(c, problems)}
	if err := problems.Err("The filters are not valid."); err != nil {
		return err
	}
	rows, total, err := s.unscoped.ListChecklistTemplates(c.Request.Context(), f, p)
	if err != nil {
		return err
	}
	writeList(c, rows, total, p)
	return nil
}

func (s *Server) getChecklistTemplate(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return notFound("The checklist template")
	}
	view, err := s.unscoped.ChecklistTemplateByID(c.Request.Context(), id)
	if err != nil {
		return templateNotFound(err)
	}
	c.JSON(http.StatusOK, view)
	return nil
}

// listChecklistTemplateVersions lists every version of the template's
// key, newest first.
func (s *Server) listChecklistTemplateVersions(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return notFound("The checklist template")
	}
	rows, err := s.unscoped.ChecklistTemplateVersions(c.Request.Context(), id)
	if err != nil {
		return templateNotFound(err)
	}
	writeList(c, rows, int64(len(rows)), store.Page{Page: 1, PageSize: max(len(rows), 1)})
	return nil
}

// templateItemRequest is an item of a template body. A missing weight is
// 1, a missing answer type yes_no and a missing category quality.
type templateItemRequest struct {
	Question    string                `json:"question"`
	Guidance    string                `json:"guidance"`
	Requirement string                `json:"requirement"`
	Weight      *int                  `json:"weight"`
	AnswerType  model.AnswerType      `json:"answer_type"`
	NAAllowed   bool                  `json:"na_allowed"`
	Critical    bool                  `json:"critical"`
	Category    model.FindingCategory `json:"category"`
}

type templateSectionRequest struct {
	Title string                `json:"title"`
	Items []templateItemRequest `json:"items"`
}

// templateRequest is the whole content of a template (POST and PUT; PUT
// adds the version read).
type templateRequest struct {
	Version     int64           `json:"version"`
	Name        string          `json:"name"`
	Description string          `json:"description"`
	Sections    json.RawMessage `json:"sections"`
}

func (r *templateRequest) sentVersion() int64 { return r.Version }

// input reads the sections strictly: a misspelt field inside an item is
// refused rather than silently dropped.
func (r templateRequest) input() (qualification.ChecklistTemplateInput, error) {
	in := qualification.ChecklistTemplateInput{Name: r.Name, Description: r.Description}
	var sections []templateSectionRequest
	if len(r.Sections) > 0 && string(r.Sections) != "null" {
		dec := json.NewDecoder(bytes.NewReader(r.Sections))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&sections); err != nil {
			msg := strings.TrimPrefix(err.Error(), "json: ")
			return in, badRequest("The sections could not be read.", map[string]string{"sections": msg})
		}
	}
	for _, sec := range sections {
		si := qualification.ChecklistSectionInput{Title: sec.Title}
		for _, it := range sec.Items {
			weight := 1
			if it.Weight != nil {
				weight = *it.Weight
			}
			si.Items = append(si.Items, qualification.ChecklistItemInput{Question: it.Question, Guidance: it.Guidance,
				Requirement: it.Requirement, Weight: weight, AnswerType: it.AnswerType, NAAllowed: it.NAAllowed,
				Critical: it.Critical, Category: it.Category})
		}
		in.Sections = append(in.Sections, si)
	}
	return in, nil
}

func (s *Server) createChecklistTemplate(c *gin.Context) error {
	var req templateRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if req.Version != 0 {
		return badRequest("A new template has no version yet.", map[string]string{"version": "is not a field of a new template"})
	}
	in, err := req.input()
	if err != nil {
		return err
	}
	u := principal(c)
	view, err := s.unscoped.CreateChecklistTemplate(c.Request.Context(), in, store.TemplateOptions{CreatedByID: &u.ID}, actor(c))
	if err != nil {
		return err
	}
	c.JSON(http.StatusCreated, view)
	return nil
}

// replaceChecklistTemplate replaces a template's whole content. When an
// inspection used the version, the answer is the next version, with a new
// id; past inspections keep the version they were done with.
func (s *Server) replaceChecklistTemplate(c *gin.Context) error {
	var req templateRequest
	id, err := bindUpdate(c, &req)
	if err != nil {
		return err
	}
	in, err := req.input()
	if err != nil {
		return err
	}
	view, err := s.unscoped.ReplaceChecklistTemplate(c.Request.Context(), id, req.Version, in, actor(c))
	if err != nil {
		return templateNotFound(err)
	}
	c.JSON(http.StatusOK, view)
	return nil
}

type updateChecklistTemplateRequest struct {
	Version  int64     `json:"version"`
	Archived Opt[bool] `json:"archived"`
}

func (r *updateChecklistTemplateRequest) sentVersion() int64 { return r.Version }

// updateChecklistTemplate archives or restores a template; its content
// changes only with PUT.
func (s *Server) updateChecklistTemplate(c *gin.Context) error {
	var req updateChecklistTemplateRequest
	id, err := bindUpdate(c, &req)
	if err != nil {
		return err
	}
	archived, err := archiveChange(req.Archived)
	if err != nil {
		return err
	}
	if archived == nil {
		return invalid("Nothing to change.", map[string]string{"archived": "is required: true archives the template, false restores it; change the content with PUT"})
	}
	view, err := s.unscoped.SetChecklistTemplateArchived(c.Request.Context(), id, req.Version, *archived, actor(c))
	if err != nil {
		return templateNotFound(err)
	}
	c.JSON(http.StatusOK, view)
	return nil
}

func templateNotFound(err error) error {
	if errors.Is(err, store.ErrNotFound) {
		return notFound("The checklist template")
	}
	return err
}
