package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// dashboard is the overview page's figures and attention lists.
func (s *Server) dashboard(c *gin.Context) error {
	d, err := s.st(c).Dashboard(c.Request.Context())
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, d)
	return nil
}
