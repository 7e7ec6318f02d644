package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
	"github.com/qualtrack/qualtrack/backend/internal/spreadsheet"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// Hardware integrity (docs/integrity.md): baselines, observations compared
// with them, drift, component sources and suspect-part incidents.

func (s *Server) listProducts(c *gin.Context) error {
	p, err := listQuery(c, store.ProductSorts)
	if err != nil {
		return err
	}
	problems := qualification.Problems{}
	q := querySearch(c, problems)
	if err := problems.Err("The filters are not valid."); err != nil {
		return err
	}
	rows, total, err := s.st(c).ListProducts(c.Request.Context(), q, p)
	if err != nil {
		return err
	}
	writeList(c, rows, total, p)
	return nil
}

func (s *Server) getProduct(c *gin.Context) error {
	return writeByID(c, "The product", s.st(c).ProductByID)
}

type productRequest struct {
	PartNumber string `json:"part_number"`
	Revision   string `json:"revision"`
	Name       string `json:"name"`
	Notes      string `json:"notes"`
}

func (s *Server) createProduct(c *gin.Context) error {
	var req productRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	p, err := s.st(c).CreateProduct(c.Request.Context(), store.ProductInput{PartNumber: req.PartNumber, Revision: req.Revision, Name: req.Name, Notes: req.Notes}, actor(c))
	if err != nil {
		return err
	}
	c.JSON(http.StatusCreated, p)
	return nil
}

type updateProductRequest struct {
	Version    int64       `json:"version"`
	PartNumber Opt[string] `json:"part_number"`
	Revision   Opt[string] `json:"revision"`
	Name       Opt[string] `json:"name"`
	Notes      Opt[string] `json:"notes"`
}

func (r *updateProductRequest) sentVersion() int64 { return r.Version }

func (s *Server) updateProduct(c *gin.Context) error {
	var req updateProductRequest
	id, err := bindUpdate(c, &req)
	if err != nil {
		return err
	}
	p, err := s.st(c).UpdateProduct(c.Request.Context(), id, req.Version, func(in *store.ProductInput) {
		applyOpt(req.PartNumber, &in.PartNumber)
		applyOpt(req.Revision, &in.Revision)
		applyOpt(req.Name, &in.Name)
		applyOpt(req.Notes, &in.Notes)
	}, actor(c))
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, p)
	return nil
}

func (s *Server) deleteProduct(c *gin.Context) error {
	return s.deleteByID(c, (*store.Store).DeleteProduct)
}

type releaseRequest struct {
	Component       model.Component `json:"component"`
	FirmwareVersion string          `json:"firmware_version"`
	SHA256          string          `json:"sha256"`
	Signer          string          `json:"signer"`
	KeyID           string          `json:"key_id"`
	ReleasedOn      model.Date      `json:"released_on"`
	Notes           string          `json:"notes"`
	SupersedesID    *int64          `json:"supersedes_id"`
}

// createFirmwareRelease records a released image, pending a manager's
// approval.
func (s *Server) createFirmwareRelease(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req releaseRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	r, err := s.st(c).CreateFirmwareRelease(c.Request.Context(), id, store.ReleaseInput{Component: req.Component,
		FirmwareVersion: req.FirmwareVersion, SHA256: req.SHA256, Signer: req.Signer, KeyID: req.KeyID,
		ReleasedOn: req.ReleasedOn, Notes: req.Notes, SupersedesID: req.SupersedesID}, actor(c))
	if err != nil {
		return err
	}
	c.JSON(http.StatusCreated, r)
	return nil
}

type approveReleaseRequest struct {
	Signature *signatureRequest `json:"signature"`
}

// approveFirmwareRelease approves a release with the manager's electronic
// signature (the same machinery as a qualification decision).
func (s *Server) approveFirmwareRelease(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req approveReleaseRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	st, err := s.signingStore(c, req.Signature)
	if err != nil {
		return err
	}
	r, err := st.ApproveFirmwareRelease(c.Request.Context(), id, actor(c))
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, r)
	return nil
}

func (s *Server) deleteFirmwareRelease(c *gin.Context) error {
	return s.deleteByID(c, (*store.Store).DeleteFirmwareRelease)
}

type bomRevisionRequest struct {
	BOMRevision string     `json:"bom_revision"`
	AVLRevision string     `json:"avl_revision"`
	EffectiveOn model.Date `json:"effective_on"`
	Notes       string     `json:"notes"`
}

func (s *Server) createBOMRevision(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req bomRevisionRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	b, err := s.st(c).CreateBOMRevision(c.Request.Context(), id, req.BOMRevision, req.AVLRevision, req.Notes, req.EffectiveOn, actor(c))
	if err != nil {
		return err
	}
	c.JSON(http.StatusCreated, b)
	return nil
}

func (s *Server) deleteBOMRevision(c *gin.Context) error {
	return s.deleteByID(c, (*store.Store).DeleteBOMRevision)
}

func (s *Server) siteIntegrity(c *gin.Context) error {
	return writeByID(c, "The site", s.st(c).SiteIntegrityByID)
}

type siteProductRequest struct {
	ProductID        int64      `json:"product_id"`
	Processes        []string   `json:"processes"`
	GoldenSerial     string     `json:"golden_serial"`
	GoldenSealNumber string     `json:"golden_seal_number"`
	GoldenCustodian  string     `json:"golden_custodian"`
	GoldenLocation   string     `json:"golden_location"`
	GoldenSealedOn   model.Date `json:"golden_sealed_on"`
	GoldenPhotoIDs   []int64    `json:"golden_photo_ids"`
}

func (s *Server) addSiteProduct(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req siteProductRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	sp, err := s.st(c).AddSiteProduct(c.Request.Context(), id, store.SiteProductInput{ProductID: req.ProductID, Processes: req.Processes,
		GoldenSerial: req.GoldenSerial, GoldenSeal: req.GoldenSealNumber, GoldenCustodian: req.GoldenCustodian,
		GoldenLocation: req.GoldenLocation, GoldenSealedOn: req.GoldenSealedOn, GoldenPhotoIDs: req.GoldenPhotoIDs}, actor(c))
	if err != nil {
		return err
	}
	c.JSON(http.StatusCreated, sp)
	return nil
}

type updateSiteProductRequest struct {
	Version          int64           `json:"version"`
	Processes        Opt[[]string]   `json:"processes"`
	GoldenSerial     Opt[string]     `json:"golden_serial"`
	GoldenSealNumber Opt[string]     `json:"golden_seal_number"`
	GoldenCustodian  Opt[string]     `json:"golden_custodian"`
	GoldenLocation   Opt[string]     `json:"golden_location"`
	GoldenSealedOn   Opt[model.Date] `json:"golden_sealed_on"`
	GoldenPhotoIDs   Opt[[]int64]    `json:"golden_photo_ids"`
}

func (r *updateSiteProductRequest) sentVersion() int64 { return r.Version }

// updateSiteProduct changes the processes or the golden sample (a
// re-sealing records the new seal and the day it was sealed).
func (s *Server) updateSiteProduct(c *gin.Context) error {
	var req updateSiteProductRequest
	id, err := bindUpdate(c, &req)
	if err != nil {
		return err
	}
	sp, err := s.st(c).UpdateSiteProduct(c.Request.Context(), id, req.Version, func(in *store.SiteProductInput) {
		applyOpt(req.Processes, &in.Processes)
		applyOpt(req.GoldenSerial, &in.GoldenSerial)
		applyOpt(req.GoldenSealNumber, &in.GoldenSeal)
		applyOpt(req.GoldenCustodian, &in.GoldenCustodian)
		applyOpt(req.GoldenLocation, &in.GoldenLocation)
		applyOpt(req.GoldenSealedOn, &in.GoldenSealedOn)
		applyOpt(req.GoldenPhotoIDs, &in.GoldenPhotoIDs)
	}, actor(c))
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, sp)
	return nil
}

func (s *Server) deleteSiteProduct(c *gin.Context) error {
	return s.deleteByID(c, (*store.Store).DeleteSiteProduct)
}

func (s *Server) inspectionIntegrity(c *gin.Context) error {
	return writeByID(c, "The inspection", s.st(c).InspectionIntegrityByID)
}

type observationRequest struct {
	Kind            model.ObservationKind `json:"kind"`
	Component       model.Component       `json:"component"`
	FirmwareVersion string                `json:"firmware_version"`
	SHA256          string                `json:"sha256"`
	SerialNumber    string                `json:"serial_number"`
	SealNumber      string                `json:"seal_number"`
	SealState       model.SealState       `json:"seal_state"`
	Revision        string                `json:"revision"`
	AOIResult       model.AOIResult       `json:"aoi_result"`
	Note            string                `json:"note"`
	PhotoIDs        []int64               `json:"photo_ids"`
}

type recordObservationsRequest struct {
	ProductID    int64                `json:"product_id"`
	Observations []observationRequest `json:"observations"`
}

// recordObservations records what the inspector saw for one product; each
// mismatch raises a finding at once.
func (s *Server) recordObservations(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req recordObservationsRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	key, err := idempotencyKey(c, struct {
		InspectionID int64 `json:"inspection_id"`
		recordObservationsRequest
	}{id, req})
	if err != nil {
		return err
	}
	in := make([]store.ObservationInput, len(req.Observations))
	for i, o := range req.Observations {
		in[i] = store.ObservationInput{Kind: o.Kind, Component: o.Component, FirmwareVersion: o.FirmwareVersion, SHA256: o.SHA256,
			SerialNumber: o.SerialNumber, SealNumber: o.SealNumber, SealState: o.SealState, Revision: o.Revision,
			AOIResult: o.AOIResult, Note: o.Note, PhotoIDs: o.PhotoIDs}
	}
	out, err := s.st(c).RecordObservationsOnce(c.Request.Context(), key, id, req.ProductID, in, actor(c))
	if err != nil {
		return err
	}
	writeKeyed(c, out)
	return nil
}

func (s *Server) deleteObservation(c *gin.Context) error {
	return s.deleteByID(c, (*store.Store).DeleteObservation)
}

// driftResponse is one page of the drift report.
type driftResponse struct {
	Items []store.DriftRow `json:"items"`
	Total int64            `json:"total"`
	// TotalExact is always true: the report is counted whole.
	TotalExact bool `json:"total_exact"`
	// SiteProducts is how many products at sites were checked.
	SiteProducts int `json:"site_products"`
	Page         int `json:"page"`
	PageSize     int `json:"page_size"`
}

// driftSorts: the report has one order (site code, part number).
var driftSorts = store.SortFields{}

func (s *Server) integrityDrift(c *gin.Context) error {
	p, err := listQuery(c, driftSorts)
	if err != nil {
		return err
	}
	f, err := driftFilter(c)
	if err != nil {
		return err
	}
	r, err := s.st(c).Drift(c.Request.Context())
	if err != nil {
		return err
	}
	rows := r.Filter(f)
	from := min(p.Offset(), len(rows))
	to := min(from+p.PageSize, len(rows))
	c.JSON(http.StatusOK, driftResponse{Items: rows[from:to], Total: int64(len(rows)), TotalExact: true, SiteProducts: r.SiteProducts, Page: p.Page, PageSize: p.PageSize})
	return nil
}

// driftFilter reads the drift report's filters (the list's and the
// spreadsheet's).
func driftFilter(c *gin.Context) (store.DriftFilter, error) {
	problems := qualification.Problems{}
	f := store.DriftFilter{
		ManufacturerID: queryInt64(c, "manufacturer_id", problems),
		SiteID:         queryInt64(c, "site_id", problems),
		ProductID:      queryInt64(c, "product_id", problems),
		Kinds:          queryEnumList(c, "kind", model.ObservationKinds, problems),
	}
	return f, problems.Err("The filters are not valid.")
}

type sourceRequest struct {
	Name                  string           `json:"name"`
	SourceType            model.SourceType `json:"source_type"`
	ComponentFamilies     []string         `json:"component_families"`
	Authorised            bool             `json:"authorised"`
	CertificationStandard string           `json:"certification_standard"`
	CertificateNumber     string           `json:"certificate_number"`
	CertificateExpiresOn  model.Date       `json:"certificate_expires_on"`
	Justification         string           `json:"justification"`
}

func (s *Server) createComponentSource(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req sourceRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	v, err := s.st(c).CreateComponentSource(c.Request.Context(), id, store.SourceInput{Name: req.Name, SourceType: req.SourceType,
		ComponentFamilies: req.ComponentFamilies, Authorised: req.Authorised, CertificationStandard: req.CertificationStandard,
		CertificateNumber: req.CertificateNumber, CertificateExpiresOn: req.CertificateExpiresOn, Justification: req.Justification}, actor(c))
	if err != nil {
		return err
	}
	c.JSON(http.StatusCreated, v)
	return nil
}

type updateSourceRequest struct {
	Version               int64                 `json:"version"`
	Name                  Opt[string]           `json:"name"`
	SourceType            Opt[model.SourceType] `json:"source_type"`
	ComponentFamilies     Opt[[]string]         `json:"component_families"`
	Authorised            Opt[bool]             `json:"authorised"`
	CertificationStandard Opt[string]           `json:"certification_standard"`
	CertificateNumber     Opt[string]           `json:"certificate_number"`
	CertificateExpiresOn  Opt[model.Date]       `json:"certificate_expires_on"`
	Justification         Opt[string]           `json:"justification"`
}

func (r *updateSourceRequest) sentVersion() int64 { return r.Version }

func (s *Server) updateComponentSource(c *gin.Context) error {
	var req updateSourceRequest
	id, err := bindUpdate(c, &req)
	if err != nil {
		return err
	}
	v, err := s.st(c).UpdateComponentSource(c.Request.Context(), id, req.Version, func(in *store.SourceInput) {
		applyOpt(req.Name, &in.Name)
		applyOpt(req.SourceType, &in.SourceType)
		applyOpt(req.ComponentFamilies, &in.ComponentFamilies)
		applyOpt(req.Authorised, &in.Authorised)
		applyOpt(req.CertificationStandard, &in.CertificationStandard)
		applyOpt(req.CertificateNumber, &in.CertificateNumber)
		applyOpt(req.CertificateExpiresOn, &in.CertificateExpiresOn)
		applyOpt(req.Justification, &in.Justification)
	}, actor(c))
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, v)
	return nil
}

type acceptJustificationRequest struct {
	Version int64 `json:"version"`
}

func (r *acceptJustificationRequest) sentVersion() int64 { return r.Version }

func (s *Server) acceptSourceJustification(c *gin.Context) error {
	var req acceptJustificationRequest
	id, err := bindUpdate(c, &req)
	if err != nil {
		return err
	}
	v, err := s.st(c).AcceptSourceJustification(c.Request.Context(), id, req.Version, actor(c))
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, v)
	return nil
}

func (s *Server) deleteComponentSource(c *gin.Context) error {
	return s.deleteByID(c, (*store.Store).DeleteComponentSource)
}

func (s *Server) listPartIncidents(c *gin.Context) error {
	p, err := listQuery(c, store.IncidentSorts)
	if err != nil {
		return err
	}
	problems := qualification.Problems{}
	q := querySearch(c, problems)
	statuses := queryEnumList(c, "status", model.IncidentStatuses, problems)
	if err := problems.Err("The filters are not valid."); err != nil {
		return err
	}
	rows, total, err := s.st(c).ListPartIncidents(c.Request.Context(), q, statuses, p)
	if err != nil {
		return err
	}
	writeList(c, rows, total, p)
	return nil
}

func (s *Server) getPartIncident(c *gin.Context) error {
	return writeByID(c, "The part incident", s.st(c).PartIncidentByID)
}

type incidentRequest struct {
	PartNumber      string               `json:"part_number"`
	ComponentFamily string               `json:"component_family"`
	LotCodes        string               `json:"lot_codes"`
	DateCodes       string               `json:"date_codes"`
	SourceName      string               `json:"source_name"`
	HowFound        string               `json:"how_found"`
	GIDEPReference  string               `json:"gidep_reference"`
	ERAIReference   string               `json:"erai_reference"`
	Status          model.IncidentStatus `json:"status"`
	ReportedOn      model.Date           `json:"reported_on"`
}

func (s *Server) createPartIncident(c *gin.Context) error {
	var req incidentRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	i, err := s.st(c).CreatePartIncident(c.Request.Context(), store.IncidentInput{PartNumber: req.PartNumber, ComponentFamily: req.ComponentFamily,
		LotCodes: req.LotCodes, DateCodes: req.DateCodes, SourceName: req.SourceName, HowFound: req.HowFound,
		GIDEPReference: req.GIDEPReference, ERAIReference: req.ERAIReference, Status: req.Status, ReportedOn: req.ReportedOn}, actor(c))
	if err != nil {
		return err
	}
	c.JSON(http.StatusCreated, i)
	return nil
}

type updateIncidentRequest struct {
	Version         int64                     `json:"version"`
	PartNumber      Opt[string]               `json:"part_number"`
	ComponentFamily Opt[string]               `json:"component_family"`
	LotCodes        Opt[string]               `json:"lot_codes"`
	DateCodes       Opt[string]               `json:"date_codes"`
	SourceName      Opt[string]               `json:"source_name"`
	HowFound        Opt[string]               `json:"how_found"`
	GIDEPReference  Opt[string]               `json:"gidep_reference"`
	ERAIReference   Opt[string]               `json:"erai_reference"`
	Status          Opt[model.IncidentStatus] `json:"status"`
	ReportedOn      Opt[model.Date]           `json:"reported_on"`
}

func (r *updateIncidentRequest) sentVersion() int64 { return r.Version }

func (s *Server) updatePartIncident(c *gin.Context) error {
	var req updateIncidentRequest
	id, err := bindUpdate(c, &req)
	if err != nil {
		return err
	}
	i, err := s.st(c).UpdatePartIncident(c.Request.Context(), id, req.Version, func(in *store.IncidentInput) {
		applyOpt(req.PartNumber, &in.PartNumber)
		applyOpt(req.ComponentFamily, &in.ComponentFamily)
		applyOpt(req.LotCodes, &in.LotCodes)
		applyOpt(req.DateCodes, &in.DateCodes)
		applyOpt(req.SourceName, &in.SourceName)
		applyOpt(req.HowFound, &in.HowFound)
		applyOpt(req.GIDEPReference, &in.GIDEPReference)
		applyOpt(req.ERAIReference, &in.ERAIReference)
		applyOpt(req.Status, &in.Status)
		applyOpt(req.ReportedOn, &in.ReportedOn)
	}, actor(c))
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, i)
	return nil
}

func (s *Server) deletePartIncident(c *gin.Context) error {
	return s.deleteByID(c, (*store.Store).DeletePartIncident)
}

func (s *Server) integrityDriftReport(c *gin.Context) error {
	f, err := driftFilter(c)
	if err != nil {
		return err
	}
	exp, err := spreadsheet.IntegrityDrift(c.Request.Context(), s.st(c), f, s.reportRun(c))
	return s.sendExport(c, exp, err, "", 0)
}

func (s *Server) blastRadiusReport(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	exp, err := spreadsheet.BlastRadius(c.Request.Context(), s.st(c), id, s.reportRun(c))
	return s.sendExport(c, exp, err, audit.EntityPartIncident, id)
}
