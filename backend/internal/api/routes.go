package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/qualtrack/qualtrack/backend/internal/auth"
)

// Route is one endpoint and the rule that guards it. Every route declares
// a Permission; the role matrix test walks this table.
type Route struct {
	Method     string
	Path       string // under /api/v1 when API is true
	Permission auth.Permission
	Handler    gin.HandlerFunc
	API        bool
	MaxBody    int64 // 0: the JSON default
}

func get(path string, p auth.Permission, h gin.HandlerFunc) Route {
	return Route{Method: http.MethodGet, Path: path, Permission: p, Handler: h, API: true}
}

func post(path string, p auth.Permission, h gin.HandlerFunc) Route {
	return Route{Method: http.MethodPost, Path: path, Permission: p, Handler: h, API: true}
}

func patch(path string, p auth.Permission, h gin.HandlerFunc) Route {
	return Route{Method: http.MethodPatch, Path: path, Permission: p, Handler: h, API: true}
}

func del(path string, p auth.Permission, h gin.HandlerFunc) Route {
	return Route{Method: http.MethodDelete, Path: path, Permission: p, Handler: h, API: true}
}

// Routes is the route table.
func (s *Server) Routes() []Route {
	return []Route{
		{Method: http.MethodGet, Path: "/healthz", Permission: auth.Public, Handler: s.healthz},
		{Method: http.MethodGet, Path: "/readyz", Permission: auth.Public, Handler: s.readyz},

		post("/auth/login", auth.Public, s.login),
		post("/auth/logout", auth.Self, s.logout),
		get("/auth/me", auth.Self, s.me),
		post("/auth/password", auth.Self, s.changePassword),

		get("/users", auth.ManageUsers, s.listUsers),
		post("/users", auth.ManageUsers, s.createUser),
		get("/users/:id", auth.ManageUsers, s.getUser),
		patch("/users/:id", auth.ManageUsers, s.updateUser),

		get("/audit-events", auth.Read, s.listAuditEvents),
		get("/audit-events/verify", auth.Read, s.verifyAuditTrail),

		// Spreadsheets: reports (api/reports.go) and imports (api/imports.go).
		get("/reports/approved-suppliers.xlsx", auth.Read, s.approvedSuppliersReport),
		get("/reports/inspections.xlsx", auth.Read, s.inspectionsReport),
		get("/reports/certifications.xlsx", auth.Read, s.certificationsReport),
		get("/reports/findings.xlsx", auth.Read, s.findingsReport),
		get("/reports/summary.xlsx", auth.Read, s.summaryReport),
		get("/sites/:id/dossier.xlsx", auth.Read, s.siteDossier),
		get("/imports/sites/template.xlsx", auth.Read, s.sitesTemplate),
		get("/imports/certifications/template.xlsx", auth.Read, s.certificationsTemplate),
		{Method: http.MethodPost, Path: "/imports/sites", Permission: auth.Edit, Handler: s.importSites, API: true, MaxBody: importMaxBody},
		{Method: http.MethodPost, Path: "/imports/certifications", Permission: auth.Edit, Handler: s.importCertifications, API: true, MaxBody: importMaxBody},
	}
}
