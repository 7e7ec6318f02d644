package api

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

func (s *Server) listSites(c *gin.Context) error {
	p, err := listQuery(c, store.SiteSorts)
	if err != nil {
		return err
	}
	problems := qualification.Problems{}
	f := store.SiteFilter{
		Q:              querySearch(c, problems),
		ManufacturerID: queryInt64(c, "manufacturer_id", problems),
		Statuses:       queryStatuses(c, problems),
		RiskTier:       queryEnum(c, "risk_tier", model.RiskTiers, problems),
		Country:        queryCountry(c, problems),
		Overdue:        queryBool(c, "overdue", problems),
		DueSoon:        queryFlag(c, "due_soon", problems),
		Archived:       queryArchived(c, problems),
	}
	if err := problems.Err("The filters are not valid."); err != nil {
		return err
	}
	return writeCachedList(s, c, p, func(ctx context.Context) ([]store.SiteView, int64, error) { return s.st(c).ListSites(ctx, f, p) })
}

func (s *Server) getSite(c *gin.Context) error { return writeByID(c, "The site", s.st(c).SiteByID) }

// decidedFields are site fields only a qualification decision sets; a
// create or edit that sends them is told where to go instead.
type decidedFields struct {
	QualificationStatus json.RawMessage `json:"qualification_status"`
	ConditionalUntil    json.RawMessage `json:"conditional_until"`
}

func (d decidedFields) check() error {
	p := qualification.Problems{}
	const why = "is set by a qualification decision (POST /api/v1/sites/{id}/qualification), not by editing the site"
	if d.QualificationStatus != nil {
		p.Add("qualification_status", why)
	}
	if d.ConditionalUntil != nil {
		p.Add("conditional_until", why)
	}
	return p.Err("The site's qualification status cannot be edited directly.")
}

type createSiteRequest struct {
	ManufacturerID      int64           `json:"manufacturer_id"`
	Code                string          `json:"code"`
	Name                string          `json:"name"`
	Address             string          `json:"address"`
	City                string          `json:"city"`
	Country             string          `json:"country"`
	Processes           []string        `json:"processes"`
	ApprovedScope       string          `json:"approved_scope"`
	RiskTier            model.RiskTier  `json:"risk_tier"`
	ContactName         string          `json:"contact_name"`
	ContactEmail        string          `json:"contact_email"`
	ContactPhone        string          `json:"contact_phone"`
	Notes               string          `json:"notes"`
	QualificationStatus json.RawMessage `json:"qualification_status"`
	ConditionalUntil    json.RawMessage `json:"conditional_until"`
}

// createSite adds a site. It starts prospective; its status changes only
// through qualification decisions.
func (s *Server) createSite(c *gin.Context) error {
	var req createSiteRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if err := (decidedFields{req.QualificationStatus, req.ConditionalUntil}).check(); err != nil {
		return err
	}
	site := model.Site{
		ManufacturerID: req.ManufacturerID, Code: req.Code, Name: req.Name, Address: req.Address, City: req.City,
		Country: req.Country, Processes: req.Processes, ApprovedScope: req.ApprovedScope, RiskTier: req.RiskTier,
		ContactName: req.ContactName, ContactEmail: req.ContactEmail, ContactPhone: req.ContactPhone, Notes: req.Notes,
	}
	ctx := c.Request.Context()
	if err := s.st(c).CreateSite(ctx, &site, actor(c)); err != nil {
		return err
	}
	view, err := s.st(c).SiteByID(ctx, site.ID)
	if err != nil {
		return err
	}
	c.JSON(http.StatusCreated, view)
	return nil
}

type updateSiteRequest struct {
	Version             int64                 `json:"version"`
	ManufacturerID      Opt[int64]            `json:"manufacturer_id"`
	Code                Opt[string]           `json:"code"`
	Name                Opt[string]           `json:"name"`
	Address             Opt[string]           `json:"address"`
	City                Opt[string]           `json:"city"`
	Country             Opt[string]           `json:"country"`
	Processes           Opt[model.StringList] `json:"processes"`
	ApprovedScope       Opt[string]           `json:"approved_scope"`
	RiskTier            Opt[model.RiskTier]   `json:"risk_tier"`
	ContactName         Opt[string]           `json:"contact_name"`
	ContactEmail        Opt[string]           `json:"contact_email"`
	ContactPhone        Opt[string]           `json:"contact_phone"`
	Notes               Opt[string]           `json:"notes"`
	Archived            Opt[bool]             `json:"archived"`
	QualificationStatus json.RawMessage       `json:"qualification_status"`
	ConditionalUntil    json.RawMessage       `json:"conditional_until"`
}

func (r *updateSiteRequest) sentVersion() int64 { return r.Version }

// updateSite edits a site; {"archived": true} archives it and false
// restores it. A change of risk tier moves the next inspection due date.
func (s *Server) updateSite(c *gin.Context) error {
	var req updateSiteRequest
	id, err := bindUpdate(c, &req)
	if err != nil {
		return err
	}
	if err := (decidedFields{req.QualificationStatus, req.ConditionalUntil}).check(); err != nil {
		return err
	}
	archive, err := archiveChange(req.Archived)
	if err != nil {
		return err
	}
	site, err := s.st(c).UpdateSite(c.Request.Context(), id, req.Version, actor(c), store.SiteChange{
		Archive: archive,
		Apply: func(st *model.Site) {
			setSent(&st.ManufacturerID, req.ManufacturerID)
			setSent(&st.Code, req.Code)
			setSent(&st.Name, req.Name)
			setSent(&st.Address, req.Address)
			setSent(&st.City, req.City)
			setSent(&st.Country, req.Country)
			setSent(&st.Processes, req.Processes)
			setSent(&st.ApprovedScope, req.ApprovedScope)
			setSent(&st.RiskTier, req.RiskTier)
			setSent(&st.ContactName, req.ContactName)
			setSent(&st.ContactEmail, req.ContactEmail)
			setSent(&st.ContactPhone, req.ContactPhone)
			setSent(&st.Notes, req.Notes)
		},
	})
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, site)
	return nil
}

func (s *Server) deleteSite(c *gin.Context) error {
	return s.deleteByID(c, (*store.Store).DeleteSite)
}
