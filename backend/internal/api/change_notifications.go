package api

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
	"github.com/qualtrack/qualtrack/backend/internal/spreadsheet"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// Change notifications (PCN): the supplier records them in the portal
// (procurement may on its behalf), a manager decides them (signed), an
// inspector records a change found on site that was never notified, and
// the inspection page lists the site's changes since the last visit.

func changeNotFound(err error) error {
	if errors.Is(err, store.ErrNotFound) {
		return notFound("The change notification")
	}
	return err
}

type changeRequest struct {
	ManufacturerID int64            `json:"manufacturer_id"`
	Kind           model.ChangeKind `json:"kind"`
	Title          string           `json:"title"`
	Description    string           `json:"description"`
	PlannedDate    model.Date       `json:"planned_date"`
	SiteIDs        []int64          `json:"site_ids"`
}

// createChangeNotification records a change on a manufacturer's behalf.
func (s *Server) createChangeNotification(c *gin.Context) error {
	var req changeRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if req.ManufacturerID < 1 {
		return invalid("The change notification is not valid.", map[string]string{"manufacturer_id": "is required"})
	}
	return s.recordChange(c, req)
}

// supplierCreateChange records a change of the supplier's own company.
func (s *Server) supplierCreateChange(c *gin.Context) error {
	var req struct {
		Kind        model.ChangeKind `json:"kind"`
		Title       string           `json:"title"`
		Description string           `json:"description"`
		PlannedDate model.Date       `json:"planned_date"`
		SiteIDs     []int64          `json:"site_ids"`
	}
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	m, err := s.st(c).PortalManufacturer(c.Request.Context())
	if err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return notFound("Your company")
		}
		return err
	}
	return s.recordChange(c, changeRequest{ManufacturerID: m.ID, Kind: req.Kind, Title: req.Title, Description: req.Description,
		PlannedDate: req.PlannedDate, SiteIDs: req.SiteIDs})
}

func (s *Server) recordChange(c *gin.Context, req changeRequest) error {
	v, err := s.st(c).CreateChangeNotification(c.Request.Context(), store.NewChange{ManufacturerID: req.ManufacturerID, Kind: req.Kind,
		Title: req.Title, Description: req.Description, PlannedDate: req.PlannedDate, SiteIDs: req.SiteIDs}, actor(c))
	if err != nil {
		return err
	}
	c.JSON(http.StatusCreated, v)
	return nil
}

func (s *Server) listChangeNotifications(c *gin.Context) error {
	p, err := listQuery(c, store.ChangeNotificationSorts)
	if err != nil {
		return err
	}
	problems := qualification.Problems{}
	f := store.ChangeNotificationFilter{
		Status:       queryEnum(c, "status", model.ChangeStatuses, problems),
		Manufacturer: queryInt64(c, "manufacturer_id", problems),
		Site:         queryInt64(c, "site_id", problems),
	}
	if err := problems.Err("The filters are not valid."); err != nil {
		return err
	}
	views, total, err := s.st(c).ListChangeNotifications(c.Request.Context(), f, p)
	if err != nil {
		return err
	}
	writeList(c, views, total, p)
	return nil
}

func (s *Server) getChangeNotification(c *gin.Context) error {
	return writeByID(c, "The change notification", s.st(c).ChangeNotificationByID)
}

type changeDecisionRequest struct {
	Status             model.ChangeStatus `json:"status"`
	Conditions         string             `json:"conditions"`
	Reason             string             `json:"reason"`
	RequiresInspection bool               `json:"requires_inspection"`
	InspectionDate     model.Date         `json:"inspection_date"`
	Signature          *signatureRequest  `json:"signature"`
}

// decideChangeNotification records a manager's signed decision.
func (s *Server) decideChangeNotification(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return notFound("The change notification")
	}
	var req changeDecisionRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	st, err := s.signingStore(c, req.Signature)
	if err != nil {
		return err
	}
	v, err := st.DecideChangeNotification(c.Request.Context(), id, qualification.ChangeDecision{Status: req.Status, Conditions: req.Conditions,
		Reason: req.Reason, RequiresInspection: req.RequiresInspection, InspectionDate: req.InspectionDate}, actor(c))
	if err != nil {
		return changeNotFound(err)
	}
	c.JSON(http.StatusOK, v)
	return nil
}

// recordUnnotifiedChange raises an unnotified_change finding on an
// inspection with its retroactive change notification.
func (s *Server) recordUnnotifiedChange(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return notFound("The inspection")
	}
	var req struct {
		Kind        model.ChangeKind `json:"kind"`
		Title       string           `json:"title"`
		Description string           `json:"description"`
		Severity    model.Severity   `json:"severity"`
	}
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	v, f, err := s.st(c).RecordUnnotifiedChange(c.Request.Context(), id, store.UnnotifiedChange{Kind: req.Kind, Title: req.Title,
		Description: req.Description, Severity: req.Severity}, actor(c))
	if errors.Is(err, store.ErrNotFound) {
		return notFound("The inspection")
	}
	if err != nil {
		return err
	}
	c.JSON(http.StatusCreated, gin.H{"change_notification": v, "finding": f})
	return nil
}

func (s *Server) siteChangeNotifications(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return notFound("The site")
	}
	out, err := s.st(c).ChangesOfSite(c.Request.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		return notFound("The site")
	}
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, out)
	return nil
}

func (s *Server) inspectionChanges(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return notFound("The inspection")
	}
	items, since, err := s.st(c).ChangesSinceLastVisit(c.Request.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		return notFound("The inspection")
	}
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, gin.H{"since": since, "items": items})
	return nil
}

func (s *Server) supplierChangeNotifications(c *gin.Context) error {
	p, err := listQuery(c, store.ChangeNotificationSorts)
	if err != nil {
		return err
	}
	problems := qualification.Problems{}
	f := store.ChangeNotificationFilter{Status: queryEnum(c, "status", model.ChangeStatuses, problems), Site: queryInt64(c, "site_id", problems)}
	if err := problems.Err("The filters are not valid."); err != nil {
		return err
	}
	views, total, err := s.st(c).ListChangeNotifications(c.Request.Context(), f, p)
	if err != nil {
		return err
	}
	writeList(c, views, total, p)
	return nil
}

// changeNotificationsReport is the change notifications workbook.
func (s *Server) changeNotificationsReport(c *gin.Context) error {
	problems := qualification.Problems{}
	f := store.ChangeNotificationFilter{Status: queryEnum(c, "status", model.ChangeStatuses, problems)}
	if err := problems.Err("The filters are not valid."); err != nil {
		return err
	}
	exp, err := spreadsheet.ChangeNotifications(c.Request.Context(), s.st(c), f, s.reportRun(c))
	return s.sendExport(c, exp, err, "", 0)
}

// uploadChangeFile attaches a file (a drawing, a description) to a change
// while it is pending: the supplier to its own company's changes, or the
// buyer to any it may read.
func (s *Server) uploadChangeFile(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return notFound("The change notification")
	}
	if err := s.st(c).ChangeNotificationAttachable(c.Request.Context(), id); err != nil {
		return changeNotFound(err)
	}
	return s.uploadAttachment(model.OwnerChangeNotification)(c)
}

// downloadChangeFile streams a file of one of the supplier's changes; no
// other attachment is reachable here.
func (s *Server) downloadChangeFile(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return notFound("The file")
	}
	a, err := s.st(c).ChangeNotificationFile(c.Request.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		return notFound("The file")
	}
	if err != nil {
		return err
	}
	return s.serveAttachment(c, a, false)
}
