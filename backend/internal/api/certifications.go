package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

func (s *Server) listCertifications(c *gin.Context) error {
	p, err := listQuery(c, store.CertificationSorts)
	if err != nil {
		return err
	}
	problems := qualification.Problems{}
	f := store.CertificationFilter{
		SiteID:             queryInt64(c, "site_id", problems),
		Standard:           queryText(c, "standard", problems),
		Statuses:           queryEnumList(c, "status", model.CertificationStatuses, problems),
		Q:                  querySearch(c, problems),
		ExpiringWithinDays: queryExpiringWithin(c, problems),
		ActiveSites:        queryFlag(c, "active_sites", problems),
	}
	if err := problems.Err("The filters are not valid."); err != nil {
		return err
	}
	rows, total, err := s.st(c).ListCertifications(c.Request.Context(), f, p)
	if err != nil {
		return err
	}
	writeList(c, rows, total, p)
	return nil
}

func (s *Server) getCertification(c *gin.Context) error {
	return writeByID(c, "The certification", s.st(c).CertificationByID)
}

type createCertificationRequest struct {
	SiteID            int64      `json:"site_id"`
	Standard          string     `json:"standard"`
	CertificateNumber string     `json:"certificate_number"`
	IssuingBody       string     `json:"issuing_body"`
	Scope             string     `json:"scope"`
	IssuedOn          model.Date `json:"issued_on"`
	ExpiresOn         model.Date `json:"expires_on"`
	Withdrawn         bool       `json:"withdrawn"`
	WithdrawnReason   string     `json:"withdrawn_reason"`
	// Verified says the certificate was just checked against the issuing
	// body's register; the check is recorded with the user and time.
	Verified bool `json:"verified"`
}

func (s *Server) createCertification(c *gin.Context) error {
	var req createCertificationRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	cert := model.Certification{
		SiteID: req.SiteID, Standard: req.Standard, CertificateNumber: req.CertificateNumber,
		IssuingBody: req.IssuingBody, Scope: req.Scope, IssuedOn: req.IssuedOn, ExpiresOn: req.ExpiresOn,
		Withdrawn: req.Withdrawn, WithdrawnReason: req.WithdrawnReason,
	}
	row, err := s.st(c).CreateCertification(c.Request.Context(), &cert, req.Verified, actor(c))
	if err != nil {
		return err
	}
	c.JSON(http.StatusCreated, row)
	return nil
}

type updateCertificationRequest struct {
	Version           int64           `json:"version"`
	SiteID            Opt[int64]      `json:"site_id"`
	Standard          Opt[string]     `json:"standard"`
	CertificateNumber Opt[string]     `json:"certificate_number"`
	IssuingBody       Opt[string]     `json:"issuing_body"`
	Scope             Opt[string]     `json:"scope"`
	IssuedOn          Opt[model.Date] `json:"issued_on"`
	ExpiresOn         Opt[model.Date] `json:"expires_on"`
	Withdrawn         Opt[bool]       `json:"withdrawn"`
	WithdrawnReason   Opt[string]     `json:"withdrawn_reason"`
	Verified          Opt[bool]       `json:"verified"`
}

func (r *updateCertificationRequest) sentVersion() int64 { return r.Version }

// updateCertification edits a certificate; verified true records a new
// register check, false clears it.
func (s *Server) updateCertification(c *gin.Context) error {
	var req updateCertificationRequest
	id, err := bindUpdate(c, &req)
	if err != nil {
		return err
	}
	var verify *bool
	if req.Verified.Set {
		v := req.Verified.Value
		verify = &v
	}
	row, err := s.st(c).UpdateCertification(c.Request.Context(), id, req.Version, verify, actor(c), func(cert *model.Certification) error {
		applyOpt(req.SiteID, &cert.SiteID)
		applyOpt(req.Standard, &cert.Standard)
		applyOpt(req.CertificateNumber, &cert.CertificateNumber)
		applyOpt(req.IssuingBody, &cert.IssuingBody)
		applyOpt(req.Scope, &cert.Scope)
		applyOpt(req.IssuedOn, &cert.IssuedOn)
		applyOpt(req.ExpiresOn, &cert.ExpiresOn)
		applyOpt(req.Withdrawn, &cert.Withdrawn)
		applyOpt(req.WithdrawnReason, &cert.WithdrawnReason)
		return nil
	})
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, row)
	return nil
}

// deleteCertification removes a certificate entered by mistake; the audit
// event keeps the record.
func (s *Server) deleteCertification(c *gin.Context) error {
	return s.deleteByID(c, (*store.Store).DeleteCertification)
}
