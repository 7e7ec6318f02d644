package api

import (
	"errors"
	"io"
	"net/http"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/qualtrack/qualtrack/backend/internal/qualification"
	"github.com/qualtrack/qualtrack/backend/internal/spreadsheet"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// importMaxBody bounds an import upload: a spreadsheet of the most rows
// an import takes is far smaller.
const importMaxBody = 10 << 20

// importResponse is the answer to an import: what it created and updated
// (in a dry run, would have), and every problem by sheet, row and column.
type importResponse struct {
	DryRun               bool                  `json:"dry_run"`
	Sheet                string                `json:"sheet"`
	Created              int                   `json:"created"`
	Updated              int                   `json:"updated"`
	Unchanged            int                   `json:"unchanged"`
	ManufacturersCreated *int                  `json:"manufacturers_created,omitempty"`
	IgnoredColumns       []string              `json:"ignored_columns"`
	Errors               []spreadsheet.Problem `json:"errors"`
	// Warnings are rows read and left out on purpose (the template's
	// example row); they do not stop the import.
	Warnings []spreadsheet.Problem `json:"warnings"`
	// Changes are, row by row, the records the import creates and
	// updates, with each changed field's old and new value.
	Changes []store.ImportChange `json:"changes"`
}

// importRejected is a 422 with the contract's error object next to the
// import's answer, so a client finds the errors list in the same place
// whether the import was a dry run or was refused.
type importRejected struct {
	Error *Error `json:"error"`
	importResponse
}

func (s *Server) importLimits() spreadsheet.Limits {
	l := spreadsheet.DefaultLimits
	if s.cfg.MaxImportRows > 0 {
		l.MaxRows = s.cfg.MaxImportRows
	}
	return l
}

func (s *Server) sitesTemplate(c *gin.Context) error {
	t, err := spreadsheet.SitesTemplate()
	if err != nil {
		return err
	}
	defer t.Close()
	return s.writeWorkbook(c, t.FileName, t.Write)
}

func (s *Server) certificationsTemplate(c *gin.Context) error {
	t, err := spreadsheet.CertificationsTemplate()
	if err != nil {
		return err
	}
	defer t.Close()
	return s.writeWorkbook(c, t.FileName, t.Write)
}

// importSites upserts sites from a workbook (see spreadsheet.ReadSites and
// store.ImportSites).
func (s *Server) importSites(c *gin.Context) error {
	dryRun, data, name, err := readImportUpload(c)
	if err != nil {
		return importFailed(c, dryRun, err)
	}
	start := time.Now()
	parsed, err := spreadsheet.ReadSites(data, s.importLimits())
	if err != nil {
		s.metric.ObserveImport("sites", time.Since(start), err)
		return importFailed(c, dryRun, err)
	}
	in := parsed.Import
	in.DryRun, in.Source.FileName = dryRun || len(parsed.Problems) > 0, name
	res, err := s.unscoped.ImportSites(c.Request.Context(), in, actor(c))
	s.metric.ObserveImport("sites", time.Since(start), err)
	if err != nil {
		return err
	}
	resp := importAnswer(dryRun, &parsed.Parsed, res)
	resp.ManufacturersCreated = &res.ManufacturersCreated
	if len(resp.Errors) > 0 && !dryRun {
		zero := 0
		resp.ManufacturersCreated = &zero
	}
	return sendImportAnswer(c, resp)
}

// importCertifications upserts certificates from a workbook.
func (s *Server) importCertifications(c *gin.Context) error {
	dryRun, data, name, err := readImportUpload(c)
	if err != nil {
		return importFailed(c, dryRun, err)
	}
	start := time.Now()
	parsed, err := spreadsheet.ReadCertifications(data, s.importLimits())
	if err != nil {
		s.metric.ObserveImport("certifications", time.Since(start), err)
		return importFailed(c, dryRun, err)
	}
	in := parsed.Import
	in.DryRun, in.Source.FileName = dryRun || len(parsed.Problems) > 0, name
	res, err := s.unscoped.ImportCertifications(c.Request.Context(), in, actor(c))
	s.metric.ObserveImport("certifications", time.Since(start), err)
	if err != nil {
		return err
	}
	return sendImportAnswer(c, importAnswer(dryRun, &parsed.Parsed, res))
}

// importAnswer merges the file's and the database's problems in row order.
// A real import with problems wrote nothing, so its counts are zero.
func importAnswer(dryRun bool, p *spreadsheet.Parsed, res store.ImportResult) importResponse {
	problems := append(append([]spreadsheet.Problem{}, p.Problems...), p.Place(res.Problems)...)
	sort.SliceStable(problems, func(i, j int) bool { return problems[i].Row < problems[j].Row })
	resp := importResponse{DryRun: dryRun, Sheet: p.Sheet, Created: res.Created, Updated: res.Updated, Unchanged: res.Unchanged,
		IgnoredColumns: p.Ignored, Errors: problems, Warnings: p.Warnings, Changes: res.Changes}
	if resp.IgnoredColumns == nil {
		resp.IgnoredColumns = []string{}
	}
	if resp.Warnings == nil {
		resp.Warnings = []spreadsheet.Problem{}
	}
	if resp.Changes == nil || (len(problems) > 0 && !dryRun) {
		resp.Changes = []store.ImportChange{}
	}
	if len(problems) > 0 && !dryRun {
		resp.Created, resp.Updated, resp.Unchanged = 0, 0, 0
	}
	return resp
}

func sendImportAnswer(c *gin.Context, resp importResponse) error {
	if len(resp.Errors) > 0 && !resp.DryRun {
		msg := "Nothing was imported: " + problemCount(len(resp.Errors)) + " to fix. Correct the rows listed in errors and import the file again."
		c.JSON(http.StatusUnprocessableEntity, importRejected{Error: invalid(msg, map[string]string{"file": msg}), importResponse: resp})
		return nil
	}
	c.JSON(http.StatusOK, resp)
	return nil
}

func problemCount(n int) string {
	if n == 1 {
		return "1 problem"
	}
	return strconv.Itoa(n) + " problems"
}

// importFailed answers a file that cannot be imported at all with 422
// (413 when it is too large), the errors list saying what to do.
func importFailed(c *gin.Context, dryRun bool, err error) error {
	var fe *spreadsheet.FileError
	if !errors.As(err, &fe) {
		return err
	}
	c.JSON(http.StatusUnprocessableEntity, importRejected{
		Error:          invalid(fe.Message, map[string]string{"file": fe.Message}),
		importResponse: importResponse{DryRun: dryRun, IgnoredColumns: []string{}, Errors: fe.Problems, Warnings: []spreadsheet.Problem{}, Changes: []store.ImportChange{}},
	})
	return nil
}

// readImportUpload reads dry_run and the multipart field "file". A body
// over the route's limit is answered 413 by the error middleware; a
// request that is not multipart is malformed (400); a missing file is a
// validation problem (422).
func readImportUpload(c *gin.Context) (dryRun bool, data []byte, name string, err error) {
	problems := qualification.Problems{}
	if b := queryBool(c, "dry_run", problems); b != nil {
		dryRun = *b
	}
	if err := problems.Err("The import parameters are not valid."); err != nil {
		return false, nil, "", err
	}
	if !strings.HasPrefix(c.ContentType(), "multipart/form-data") {
		return dryRun, nil, "", badRequest(`Send the spreadsheet as multipart/form-data, in a field named "file".`, nil)
	}
	if err := c.Request.ParseMultipartForm(importMaxBody); err != nil {
		var mb *http.MaxBytesError
		if errors.As(err, &mb) {
			return dryRun, nil, "", err
		}
		return dryRun, nil, "", badRequest("The upload could not be read; send it again.", nil)
	}
	defer c.Request.MultipartForm.RemoveAll()
	files := c.Request.MultipartForm.File["file"]
	if len(files) == 0 {
		msg := `Choose the spreadsheet to import (the form field "file" is empty).`
		return dryRun, nil, "", &spreadsheet.FileError{Message: msg, Problems: []spreadsheet.Problem{{Message: msg}}}
	}
	f, err := files[0].Open()
	if err != nil {
		return dryRun, nil, "", badRequest("The upload could not be read; send it again.", nil)
	}
	defer f.Close()
	data, err = io.ReadAll(io.LimitReader(f, importMaxBody))
	if err != nil {
		return dryRun, nil, "", badRequest("The upload could not be read; send it again.", nil)
	}
	name = filepath.Base(files[0].Filename)
	if len(name) > 255 {
		name = name[:255]
	}
	return dryRun, data, name, nil
}
