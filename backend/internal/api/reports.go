package api

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
	"github.com/qualtrack/qualtrack/backend/internal/spreadsheet"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// reportRun says who asked for a report and when.
func (s *Server) reportRun(c *gin.Context) spreadsheet.Run {
	u := principal(c)
	return spreadsheet.Run{At: s.st(c).Now(), By: fmt.Sprintf("%s <%s> (%s)", u.Name, u.Email, u.Role)}
}

// sendExport records the export in the audit trail, then streams the
// workbook. entityType/entityID name the record a report is about (the
// dossier's site); reports over many records have none.
func (s *Server) sendExport(c *gin.Context, exp *spreadsheet.Export, err error, entityType audit.EntityType, entityID int64) error {
	if err != nil {
		return err
	}
	defer exp.Close()
	if entityType == "" {
		entityType = audit.EntityReport
	}
	err = s.st(c).Record(c.Request.Context(), audit.Entry{
		Actor: actor(c), Action: audit.ActionReportExport, EntityType: entityType, EntityID: entityID, Changes: exp.AuditChanges(),
	})
	if err != nil {
		return err
	}
	var writeErr error
	err = s.writeWorkbook(c, exp.FileName, func(w io.Writer) error {
		writeErr = exp.Write(w)
		return writeErr
	})
	s.metric.ObserveExport(exp.Report, time.Since(c.GetTime(requestStartKey)), writeErr)
	return err
}

// writeWorkbook sends an .xlsx download. Once the first bytes are out an
// error can only end the response early; it is logged.
func (s *Server) writeWorkbook(c *gin.Context, fileName string, write func(io.Writer) error) error {
	h := c.Writer.Header()
	h.Set("Content-Type", spreadsheet.ContentType)
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": fileName}))
	h.Set("Cache-Control", "no-store")
	c.Status(http.StatusOK)
	if err := write(c.Writer); err != nil {
		if c.Writer.Written() {
			s.log.Warn("workbook cut short", "route", c.FullPath(), "err", err)
			c.Abort()
			return nil
		}
		return err
	}
	return nil
}

func (s *Server) approvedSuppliersReport(c *gin.Context) error {
	problems := qualification.Problems{}
	f := store.ReportSiteFilter{
		Q:              querySearch(c, problems),
		ManufacturerID: queryInt64(c, "manufacturer_id", problems),
		Statuses:       queryStatuses(c, problems),
		RiskTier:       queryEnum(c, "risk_tier", model.RiskTiers, problems),
		Overdue:        queryBool(c, "overdue", problems),
		Country:        queryCountry(c, problems),
	}
	if err := problems.Err("The filters are not valid."); err != nil {
		return err
	}
	exp, err := spreadsheet.ApprovedSuppliers(c.Request.Context(), s.st(c), f, s.reportRun(c))
	return s.sendExport(c, exp, err, "", 0)
}

func (s *Server) inspectionsReport(c *gin.Context) error {
	problems := qualification.Problems{}
	var f store.ReportInspectionFilter
	f.From, f.To = queryDateRange(c, problems)
	if err := problems.Err("The filters are not valid."); err != nil {
		return err
	}
	exp, err := spreadsheet.Inspections(c.Request.Context(), s.st(c), f, s.reportRun(c))
	return s.sendExport(c, exp, err, "", 0)
}

func (s *Server) certificationsReport(c *gin.Context) error {
	problems := qualification.Problems{}
	f := store.ReportCertificationFilter{ExpiringWithinDays: queryExpiringWithin(c, problems)}
	if err := problems.Err("The filters are not valid."); err != nil {
		return err
	}
	exp, err := spreadsheet.Certifications(c.Request.Context(), s.st(c), f, s.reportRun(c))
	return s.sendExport(c, exp, err, "", 0)
}

func (s *Server) findingsReport(c *gin.Context) error {
	problems := qualification.Problems{}
	f := store.ReportFindingFilter{Statuses: queryEnumList(c, "status", model.FindingStatuses, problems)}
	if err := problems.Err("The filters are not valid."); err != nil {
		return err
	}
	exp, err := spreadsheet.Findings(c.Request.Context(), s.st(c), f, s.reportRun(c))
	return s.sendExport(c, exp, err, "", 0)
}

func (s *Server) summaryReport(c *gin.Context) error {
	exp, err := spreadsheet.Summary(c.Request.Context(), s.st(c), s.reportRun(c))
	return s.sendExport(c, exp, err, "", 0)
}

func (s *Server) siteDossier(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	exp, err := spreadsheet.Dossier(c.Request.Context(), s.st(c), id, s.reportRun(c))
	if errors.Is(err, store.ErrNotFound) {
		err = notFound("The site")
	}
	return s.sendExport(c, exp, err, audit.EntitySite, id)
}
