package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

func (s *Server) listManufacturers(c *gin.Context) error {
	p, err := listQuery(c, store.ManufacturerSorts)
	if err != nil {
		return err
	}
	problems := qualification.Problems{}
	f := store.ManufacturerFilter{
		Q:        querySearch(c, problems),
		Country:  queryCountry(c, problems),
		Archived: queryArchived(c, problems),
	}
	if err := problems.Err("The filters are not valid."); err != nil {
		return err
	}
	items, total, err := s.st(c).ListManufacturers(c.Request.Context(), f, p)
	if err != nil {
		return err
	}
	writeList(c, items, total, p)
	return nil
}

func (s *Server) getManufacturer(c *gin.Context) error {
	return writeByID(c, "The manufacturer", s.st(c).ManufacturerByID)
}

type createManufacturerRequest struct {
	Name      string `json:"name"`
	LegalName string `json:"legal_name"`
	Country   string `json:"country"`
	Website   string `json:"website"`
	Notes     string `json:"notes"`
}

func (s *Server) createManufacturer(c *gin.Context) error {
	var req createManufacturerRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	m := model.Manufacturer{Name: req.Name, LegalName: req.LegalName, Country: req.Country, Website: req.Website, Notes: req.Notes}
	if err := s.st(c).CreateManufacturer(c.Request.Context(), &m, actor(c)); err != nil {
		return err
	}
	c.JSON(http.StatusCreated, store.ManufacturerView{Manufacturer: m})
	return nil
}

type updateManufacturerRequest struct {
	Version   int64       `json:"version"`
	Name      Opt[string] `json:"name"`
	LegalName Opt[string] `json:"legal_name"`
	Country   Opt[string] `json:"country"`
	Website   Opt[string] `json:"website"`
	Notes     Opt[string] `json:"notes"`
	Archived  Opt[bool]   `json:"archived"`
}

func (r *updateManufacturerRequest) sentVersion() int64 { return r.Version }

// updateManufacturer edits a manufacturer; {"archived": true} archives it
// and false restores it.
func (s *Server) updateManufacturer(c *gin.Context) error {
	var req updateManufacturerRequest
	id, err := bindUpdate(c, &req)
	if err != nil {
		return err
	}
	archive, err := archiveChange(req.Archived)
	if err != nil {
		return err
	}
	m, err := s.st(c).UpdateManufacturer(c.Request.Context(), id, req.Version, actor(c), store.ManufacturerChange{
		Archive: archive,
		Apply: func(m *model.Manufacturer) {
			setSent(&m.Name, req.Name)
			setSent(&m.LegalName, req.LegalName)
			setSent(&m.Country, req.Country)
			setSent(&m.Website, req.Website)
			setSent(&m.Notes, req.Notes)
		},
	})
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, m)
	return nil
}

// archiveChange reads the archived flag of a PATCH (nil when not sent).
func archiveChange(archived Opt[bool]) (*bool, error) {
	if archived.Set && archived.Null {
		return nil, invalid("The change cannot be saved.", map[string]string{"archived": "must be true or false"})
	}
	if !archived.Set {
		return nil, nil
	}
	return &archived.Value, nil
}

// setSent copies a sent PATCH field onto dst; null clears it.
func setSent[T any](dst *T, o Opt[T]) {
	if o.Set {
		*dst = o.Value
	}
}

func (s *Server) deleteManufacturer(c *gin.Context) error {
	return s.deleteByID(c, (*store.Store).DeleteManufacturer)
}
