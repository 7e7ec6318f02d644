package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// dashboard is the overview page's figures and attention lists.
func (s *Server) dashboard(c *gin.Context) {
	d, err := s.st(c).Dashboard(c.Request.Context())
	if err != nil {
		_ = c.Error(err)
		return
	}
	c.JSON(http.StatusOK, d)
}
