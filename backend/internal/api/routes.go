package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/qualtrack/qualtrack/backend/internal/auth"
	"github.com/qualtrack/qualtrack/backend/internal/model"
)

// Route is one endpoint and the rule that guards it. Every route declares
// a Permission; the role matrix test walks this table.
type Route struct {
	Method     string
	Path       string // under /api/v1 when API is true
	Permission auth.Permission
	Handler    HandlerFunc
	API        bool
	MaxBody    int64 // 0: the JSON default
}

func get(path string, p auth.Permission, h HandlerFunc) Route {
	return Route{Method: http.MethodGet, Path: path, Permission: p, Handler: h, API: true}
}

func post(path string, p auth.Permission, h HandlerFunc) Route {
	return Route{Method: http.MethodPost, Path: path, Permission: p, Handler: h, API: true}
}

func put(path string, p auth.Permission, h HandlerFunc) Route {
	return Route{Method: http.MethodPut, Path: path, Permission: p, Handler: h, API: true}
}

func patch(path string, p auth.Permission, h HandlerFunc) Route {
	return Route{Method: http.MethodPatch, Path: path, Permission: p, Handler: h, API: true}
}

func del(path string, p auth.Permission, h HandlerFunc) Route {
	return Route{Method: http.MethodDelete, Path: path, Permission: p, Handler: h, API: true}
}

// HandlerFunc is a route's handler: it writes the answer, or returns the
// error the error middleware turns into the contract's error shape.
type HandlerFunc func(c *gin.Context) error

// gin adapts a handler to gin: a returned error goes to handleErrors.
func (h HandlerFunc) gin() gin.HandlerFunc {
	return func(c *gin.Context) {
		if err := h(c); err != nil {
			_ = c.Error(err)
		}
	}
}

// Routes is the route table.
func (s *Server) Routes() []Route {
	return append([]Route{
		{Method: http.MethodGet, Path: "/healthz", Permission: auth.Public, Handler: s.healthz},
		{Method: http.MethodGet, Path: "/readyz", Permission: auth.Public, Handler: s.readyz},

		post("/auth/login", auth.Public, s.login),
		post("/auth/logout", auth.Self, s.logout),
		get("/auth/me", auth.Self, s.me),
		put("/me/language", auth.Self, s.setLanguage),
		post("/auth/password", auth.Self, s.changePassword),

		get("/users", auth.ManageUsers, s.listUsers),
		post("/users", auth.ManageUsers, s.createUser),
		get("/users/:id", auth.ManageUsers, s.getUser),
		patch("/users/:id", auth.ManageUsers, s.updateUser),
		post("/users/:id/end-sessions", auth.ManageUsers, s.endUserSessions),

		// Service tokens and webhooks (api/integrations.go).
		get("/admin/service-tokens", auth.ManageIntegrations, s.listServiceTokens),
		post("/admin/service-tokens", auth.ManageIntegrations, s.createServiceToken),
		post("/admin/service-tokens/:id/revoke", auth.ManageIntegrations, s.revokeServiceToken),
		get("/admin/webhooks", auth.ManageIntegrations, s.listWebhooks),
		post("/admin/webhooks", auth.ManageIntegrations, s.createWebhook),
		get("/admin/webhooks/:id", auth.ManageIntegrations, s.getWebhook),
		patch("/admin/webhooks/:id", auth.ManageIntegrations, s.updateWebhook),
		del("/admin/webhooks/:id", auth.ManageIntegrations, s.deleteWebhook),
		post("/admin/webhooks/:id/pause", auth.ManageIntegrations, s.pauseWebhook),
		post("/admin/webhooks/:id/resume", auth.ManageIntegrations, s.resumeWebhook),
		post("/admin/webhooks/:id/test", auth.ManageIntegrations, s.testWebhook),
		get("/admin/webhooks/:id/deliveries", auth.ManageIntegrations, s.listWebhookDeliveries),

		// Two-factor sign-in (api/totp.go) and the sign-in rules.
		post("/auth/login/totp", auth.Public, s.loginTOTP),

		// Single sign-on (api/oidc.go).
		get("/auth/methods", auth.Public, s.signInMethods),
		post("/auth/oidc/start", auth.Public, s.startOIDC),
		post("/auth/oidc/callback", auth.Public, s.finishOIDC),
		post("/me/totp/enrol", auth.Self, s.enrolTOTP),
		post("/me/totp/confirm", auth.Self, s.confirmTOTP),
		del("/me/totp", auth.Self, s.disableTOTP),
		post("/users/:id/totp/reset", auth.ManageUsers, s.resetUserTOTP),
		get("/settings/security", auth.ManageUsers, s.getSecuritySettings),
		put("/settings/security", auth.ManageUsers, s.putSecuritySettings),

		// Supplier accounts and the supplier portal (api/suppliers.go).
		post("/supplier-invitations", auth.InviteSuppliers, s.inviteSupplier),
		get("/supplier-users", auth.InviteSuppliers, s.listSupplierUsers),
		post("/supplier-users/:id/invitation", auth.InviteSuppliers, s.reinviteSupplier),
		post("/auth/invitation", auth.Public, s.acceptInvitation),
		get("/supplier/manufacturer", auth.SupplierPortal, s.supplierManufacturer),
		get("/supplier/sites/:id", auth.SupplierPortal, s.supplierSite),
		get("/supplier/certifications", auth.SupplierPortal, s.supplierCertifications),

		// Corrective-action requests (api/corrective_actions.go).
		post("/findings/:id/corrective-action", auth.Edit, s.issueCorrectiveAction),
		get("/findings/:id/corrective-action", auth.Read, s.findingCorrectiveAction),
		get("/corrective-actions", auth.Read, s.listCorrectiveActions),
		get("/corrective-actions/:id", auth.Read, s.getCorrectiveAction),
		post("/corrective-actions/:id/stages/:stage/review", auth.Edit, s.reviewStage),
		post("/corrective-actions/:id/verify", auth.Edit, s.verifyCorrectiveAction),
		get("/corrective-action-files/:id", auth.Read, s.downloadStageFile),
		get("/supplier/corrective-actions", auth.SupplierPortal, s.supplierCorrectiveActions),
		get("/supplier/corrective-actions/:id", auth.SupplierPortal, s.supplierCorrectiveAction),
		post("/supplier/corrective-actions/:id/stages/:stage/submit", auth.SupplierPortal, s.submitStage),
		{Method: http.MethodPost, Path: "/supplier/corrective-actions/:id/stages/:stage/files", Permission: auth.SupplierPortal,
			Handler: s.uploadStageFile, API: true, MaxBody: s.maxAttachmentBody()},
		get("/supplier/corrective-action-files/:id", auth.SupplierPortal, s.downloadStageFile),
		get("/supplier/receipts/:sequence/verify", auth.SupplierPortal, s.verifyReceipt),

		// Self-assessment questionnaires (api/self_assessments.go).
		get("/self-assessments", auth.Read, s.listSelfAssessments),
		post("/self-assessments", auth.Edit, s.sendSelfAssessment),
		get("/self-assessments/:id", auth.Read, s.getSelfAssessment),
		post("/self-assessments/:id/review", auth.Edit, s.reviewSelfAssessment),
		get("/supplier/self-assessments", auth.SupplierPortal, s.listSelfAssessments),
		get("/supplier/self-assessments/:id", auth.SupplierPortal, s.getSelfAssessment),
		put("/supplier/self-assessments/:id/answers", auth.SupplierPortal, s.saveAssessmentAnswers),
		post("/supplier/self-assessments/:id/submit", auth.SupplierPortal, s.submitSelfAssessment),
		{Method: http.MethodPost, Path: "/supplier/self-assessments/:id/files", Permission: auth.SupplierPortal,
			Handler: s.uploadAssessmentFile, API: true, MaxBody: s.maxAttachmentBody()},
		get("/supplier/self-assessment-files/:id", auth.SupplierPortal, s.downloadAssessmentFile),

		// Change notifications (api/change_notifications.go).
		get("/change-notifications", auth.Read, s.listChangeNotifications),
		post("/change-notifications", auth.Edit, s.createChangeNotification),
		get("/change-notifications/:id", auth.Read, s.getChangeNotification),
		post("/change-notifications/:id/decision", auth.DecideChanges, s.decideChangeNotification),
		post("/inspections/:id/unnotified-change", auth.Edit, s.recordUnnotifiedChange),
		get("/inspections/:id/changes", auth.Read, s.inspectionChanges),
		get("/sites/:id/change-notifications", auth.Read, s.siteChangeNotifications),
		get("/reports/change-notifications.xlsx", auth.Read, s.changeNotificationsReport),
		get("/supplier/change-notifications", auth.SupplierPortal, s.supplierChangeNotifications),
		post("/supplier/change-notifications", auth.SupplierPortal, s.supplierCreateChange),
		get("/supplier/change-notifications/:id", auth.SupplierPortal, s.getChangeNotification),
		attachmentUploadRoute("/change-notifications/:id/attachments", s.uploadChangeFile, s.maxAttachmentBody()),
		get("/change-notifications/:id/attachments", auth.Read, s.listAttachments(model.OwnerChangeNotification)),
		{Method: http.MethodPost, Path: "/supplier/change-notifications/:id/files", Permission: auth.SupplierPortal,
			Handler: s.uploadChangeFile, API: true, MaxBody: s.maxAttachmentBody()},
		get("/supplier/change-notifications/:id/files", auth.SupplierPortal, s.listAttachments(model.OwnerChangeNotification)),
		get("/supplier/change-notification-files/:id", auth.SupplierPortal, s.downloadChangeFile),

		get("/manufacturers", auth.Read, s.listManufacturers),
		post("/manufacturers", auth.Edit, s.createManufacturer),
		get("/manufacturers/:id", auth.Read, s.getManufacturer),
		patch("/manufacturers/:id", auth.Edit, s.updateManufacturer),
		del("/manufacturers/:id", auth.Delete, s.deleteManufacturer),
		get("/sites", auth.Read, s.listSites),
		post("/sites", auth.Edit, s.createSite),
		get("/sites/:id", auth.Read, s.getSite),
		patch("/sites/:id", auth.Edit, s.updateSite),
		del("/sites/:id", auth.Delete, s.deleteSite),
		get("/sites/:id/qualification", auth.Read, s.qualificationHistory),
		post("/sites/:id/qualification", auth.Decide, s.decideQualification),
		get("/sites/:id/qualification/options", auth.Read, s.qualificationOptions),
		get("/dashboard", auth.Read, s.dashboard),

		get("/inspections", auth.Read, s.listInspections),
		post("/inspections", auth.Edit, s.createInspection),
		get("/inspections/:id", auth.Read, s.getInspection),
		patch("/inspections/:id", auth.Edit, s.updateInspection),
		del("/inspections/:id", auth.Delete, s.deleteInspection),
		post("/inspections/:id/findings", auth.Edit, s.createFinding),
		get("/findings", auth.Read, s.listFindings),
		get("/findings/:id", auth.Read, s.getFinding),
		patch("/findings/:id", auth.Edit, s.updateFinding),
		get("/certifications", auth.Read, s.listCertifications),
		post("/certifications", auth.Edit, s.createCertification),
		get("/certifications/:id", auth.Read, s.getCertification),
		patch("/certifications/:id", auth.Edit, s.updateCertification),
		del("/certifications/:id", auth.Delete, s.deleteCertification),

		attachmentUploadRoute("/sites/:id/attachments", s.uploadAttachment(model.OwnerSite), s.maxAttachmentBody()),
		get("/sites/:id/attachments", auth.Read, s.listAttachments(model.OwnerSite)),
		get("/sites/:id/all-attachments", auth.Read, s.listSiteAttachments),
		attachmentUploadRoute("/inspections/:id/attachments", s.uploadAttachment(model.OwnerInspection), s.maxAttachmentBody()),
		get("/inspections/:id/attachments", auth.Read, s.listAttachments(model.OwnerInspection)),
		attachmentUploadRoute("/findings/:id/attachments", s.uploadAttachment(model.OwnerFinding), s.maxAttachmentBody()),
		get("/findings/:id/attachments", auth.Read, s.listAttachments(model.OwnerFinding)),
		attachmentUploadRoute("/certifications/:id/attachments", s.uploadAttachment(model.OwnerCertification), s.maxAttachmentBody()),
		get("/certifications/:id/attachments", auth.Read, s.listAttachments(model.OwnerCertification)),
		attachmentUploadRoute("/bom-revisions/:id/attachments", s.uploadAttachment(model.OwnerBOMRevision), s.maxAttachmentBody()),
		get("/bom-revisions/:id/attachments", auth.Read, s.listAttachments(model.OwnerBOMRevision)),
		get("/attachments/:id", auth.Read, s.downloadAttachment),
		del("/attachments/:id", auth.Delete, s.deleteAttachment),

		get("/checklist-templates", auth.Read, s.listChecklistTemplates),
		post("/checklist-templates", auth.ManageTemplates, s.createChecklistTemplate),
		get("/checklist-templates/:id", auth.Read, s.getChecklistTemplate),
		put("/checklist-templates/:id", auth.ManageTemplates, s.replaceChecklistTemplate),
		patch("/checklist-templates/:id", auth.ManageTemplates, s.updateChecklistTemplate),
		get("/checklist-templates/:id/versions", auth.Read, s.listChecklistTemplateVersions),
		get("/inspections/:id/checklists", auth.Read, s.getInspectionChecklists),
		post("/inspections/:id/checklists", auth.Edit, s.addInspectionChecklist),
		del("/inspections/:id/checklists/:cid", auth.Edit, s.removeInspectionChecklist),
		put("/inspections/:id/checklists/:cid/answers/:item_id", auth.Edit, s.answerChecklistItem),
		del("/inspections/:id/checklists/:cid/answers/:item_id", auth.Edit, s.clearChecklistAnswer),
		post("/inspections/:id/checklists/:cid/items/:item_id/finding", auth.Edit, s.raiseFindingFromItem),
		get("/inspections/:id/report.xlsx", auth.Read, s.inspectionReport),

		get("/audit-events", auth.Read, s.listAuditEvents),
		get("/audit-events/actors", auth.Read, s.listAuditActors),
		get("/audit-events/verify", auth.Read, s.verifyAuditTrail),
		get("/audit-events/head", auth.Read, s.auditHead),
		get("/audit-events/heads/:sequence/verify", auth.Read, s.verifyKeptHead),
		get("/audit-events/checkpoint-key", auth.Read, s.checkpointPublicKey),

		// Reminders: each user's own notifications, settings and calendar
		// feed. The feed is Public: calendar apps cannot sign in, so the
		// token in its path authenticates it (see calendarFeed).
		get("/notifications", auth.Self, s.listNotifications),
		get("/notifications/unread-count", auth.Self, s.unreadNotificationCount),
		post("/notifications/read-all", auth.Self, s.markAllNotificationsRead),
		post("/notifications/:id/read", auth.Self, s.markNotificationRead),
		get("/me/notification-preferences", auth.Self, s.getNotificationPreferences),
		put("/me/notification-preferences", auth.Self, s.updateNotificationPreferences),
		get("/me/calendar-token", auth.Calendar, s.getCalendarToken),
		post("/me/calendar-token", auth.Calendar, s.createCalendarToken),
		del("/me/calendar-token", auth.Calendar, s.deleteCalendarToken),
		{Method: http.MethodGet, Path: "/calendar/:token.ics", Permission: auth.Public, Handler: s.calendarFeed},

		// Spreadsheets: reports (api/reports.go) and imports (api/imports.go).
		get("/reports/approved-suppliers.xlsx", auth.Read, s.approvedSuppliersReport),
		get("/reports/inspections.xlsx", auth.Read, s.inspectionsReport),
		get("/reports/certifications.xlsx", auth.Read, s.certificationsReport),
		get("/reports/findings.xlsx", auth.Read, s.findingsReport),
		get("/reports/summary.xlsx", auth.Read, s.summaryReport),
		get("/reports/audit-trail.xlsx", auth.Read, s.auditTrailReport),
		get("/sites/:id/dossier.xlsx", auth.Read, s.siteDossier),
		get("/imports/sites/template.xlsx", auth.Read, s.sitesTemplate),
		get("/imports/certifications/template.xlsx", auth.Read, s.certificationsTemplate),
		{Method: http.MethodPost, Path: "/imports/sites", Permission: auth.Edit, Handler: s.importSites, API: true, MaxBody: importMaxBody},
		{Method: http.MethodPost, Path: "/imports/certifications", Permission: auth.Edit, Handler: s.importCertifications, API: true, MaxBody: importMaxBody},
	}, s.integrityRoutes()...)
}

// integrityRoutes are the hardware integrity routes (api/integrity.go):
// procurement records baselines and observations, managers approve
// firmware releases and justifications, admins delete.
func (s *Server) integrityRoutes() []Route {
	return []Route{
		get("/products", auth.Read, s.listProducts),
		post("/products", auth.Edit, s.createProduct),
		get("/products/:id", auth.Read, s.getProduct),
		patch("/products/:id", auth.Edit, s.updateProduct),
		del("/products/:id", auth.Delete, s.deleteProduct),
		post("/products/:id/firmware-releases", auth.Edit, s.createFirmwareRelease),
		post("/firmware-releases/:id/approve", auth.Approve, s.approveFirmwareRelease),
		del("/firmware-releases/:id", auth.Delete, s.deleteFirmwareRelease),
		post("/products/:id/bom-revisions", auth.Edit, s.createBOMRevision),
		del("/bom-revisions/:id", auth.Delete, s.deleteBOMRevision),
		get("/sites/:id/integrity", auth.Read, s.siteIntegrity),
		post("/sites/:id/products", auth.Edit, s.addSiteProduct),
		patch("/site-products/:id", auth.Edit, s.updateSiteProduct),
		del("/site-products/:id", auth.Delete, s.deleteSiteProduct),
		post("/sites/:id/component-sources", auth.Edit, s.createComponentSource),
		patch("/component-sources/:id", auth.Edit, s.updateComponentSource),
		post("/component-sources/:id/accept-justification", auth.Approve, s.acceptSourceJustification),
		del("/component-sources/:id", auth.Delete, s.deleteComponentSource),
		get("/inspections/:id/integrity", auth.Read, s.inspectionIntegrity),
		post("/inspections/:id/integrity-observations", auth.Edit, s.recordObservations),
		del("/integrity-observations/:id", auth.Delete, s.deleteObservation),
		get("/integrity/drift", auth.Read, s.integrityDrift),
		get("/reports/integrity-drift.xlsx", auth.Read, s.integrityDriftReport),
		get("/part-incidents", auth.Read, s.listPartIncidents),
		post("/part-incidents", auth.Edit, s.createPartIncident),
		get("/part-incidents/:id", auth.Read, s.getPartIncident),
		patch("/part-incidents/:id", auth.Edit, s.updatePartIncident),
		del("/part-incidents/:id", auth.Delete, s.deletePartIncident),
		get("/part-incidents/:id/blast-radius.xlsx", auth.Read, s.blastRadiusReport),
	}
}
