package api

import (
	"context"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// unscopedStore is what handlers may do outside the request user's view of
// the records: sign-in, sessions, users and two-factor sign-in, security
// settings, calendar tokens, checklist templates (they belong to no
// manufacturer), the audit append and imports (their
// routes are closed to every scoped role). It has no method that reads a
// manufacturer's records, so a handler cannot read one unscoped by a slip:
// those reads go through s.st(c), the store as the request's user may see
// it. Jobs and the CLI use *store.Store itself (internal/app).
type unscopedStore interface {
	CalendarTokenOf(ctx context.Context, userID int64) (model.CalendarToken, error)
	CalendarRevisions(ctx context.Context, hashes map[string]string) (map[string]store.CalendarRevision, error)
	ChangePassword(ctx context.Context, id int64, hash string, actor audit.Actor) (model.User, error)
	ChecklistTemplateByID(ctx context.Context, id int64) (store.ChecklistTemplateView, error)
	ChecklistTemplateVersions(ctx context.Context, id int64) ([]store.ChecklistTemplateRow, error)
	ConfirmTOTP(ctx context.Context, userID, step int64, codeHashes []string, actor audit.Actor) (model.User, error)
	CreateSSOUser(ctx context.Context, u *model.User, scope []int64, issuer, subject string, actor audit.Actor) error
	CreateChecklistTemplate(ctx context.Context, in qualification.ChecklistTemplateInput, opt store.TemplateOptions, actor audit.Actor) (store.ChecklistTemplateView, error)
	DisableTOTP(ctx context.Context, userID int64, action audit.Action, actor audit.Actor) error
	EndSessions(ctx context.Context, id int64, actor audit.Actor, action audit.Action) error
	HasIdentity(ctx context.Context, userID int64, issuer string) (bool, error)
	ImportCertifications(ctx context.Context, in store.CertificationImport, actor audit.Actor) (store.ImportResult, error)
	ImportSites(ctx context.Context, in store.SiteImport, actor audit.Actor) (store.ImportResult, error)
	LinkIdentity(ctx context.Context, userID int64, issuer, subject string, actor audit.Actor) error
	ListChecklistTemplates(ctx context.Context, f store.ChecklistTemplateFilter, p store.Page) ([]store.ChecklistTemplateRow, int64, error)
	ListUsers(ctx context.Context, f store.UserFilter, p store.Page) ([]model.User, int64, error)
	ManufacturerScope(ctx context.Context, userID int64) ([]int64, error)
	ManufacturerScopes(ctx context.Context, userIDs []int64) (map[int64][]int64, error)
	Record(ctx context.Context, e audit.Entry) error
	SiteScopes(ctx context.Context, userIDs []int64) (map[int64][]int64, error)
	RecordLogin(ctx context.Context, u model.User, actor audit.Actor) error
	RecordSSOLogin(ctx context.Context, u model.User, actor audit.Actor) error
	ReplaceChecklistTemplate(ctx context.Context, id, version int64, in qualification.ChecklistTemplateInput, actor audit.Actor) (store.ChecklistTemplateView, error)
	ResetCalendarToken(ctx context.Context, userID int64, hash string, actor audit.Actor) (model.CalendarToken, error)
	RevokeCalendarToken(ctx context.Context, userID int64, actor audit.Actor) (bool, error)
	StartOIDCLogin(ctx context.Context, state, nonce, verifier string, ttl time.Duration) error
	TakeOIDCLogin(ctx context.Context, state string) (nonce, verifier string, err error)
	SecuritySettings(ctx context.Context) (store.SecuritySettings, error)
	SetChecklistTemplateArchived(ctx context.Context, id, version int64, archived bool, actor audit.Actor) (store.ChecklistTemplateView, error)
	SetSecuritySettings(ctx context.Context, v store.SecuritySettings, actor audit.Actor) error
	StartTOTPEnrolment(ctx context.Context, userID int64, sealed string, actor audit.Actor) error
	TOTPEnabledUsers(ctx context.Context, userIDs []int64) (map[int64]bool, error)
	TOTPOf(ctx context.Context, userID int64) (model.UserTOTP, error)
	Today() model.Date
	UpdateUserWithScope(ctx context.Context, id, version int64, scope *[]int64, actor audit.Actor, change func(u *model.User) error) (model.User, error)
	UnusedRecoveryCodes(ctx context.Context, userID int64) ([]store.RecoveryCode, error)
	SpendRecoveryCode(ctx context.Context, userID, id int64, actor audit.Actor) (bool, error)
	UseTOTPStep(ctx context.Context, userID, step int64) (bool, error)
	UserByCalendarToken(ctx context.Context, hash string) (model.User, error)
	UserByEmail(ctx context.Context, email string) (model.User, error)
	UserByID(ctx context.Context, id int64) (model.User, error)
	UserByIdentity(ctx context.Context, issuer, subject string) (model.User, error)

	// Service tokens and webhooks (api/integrations.go): administrators'
	// routes, closed to every scoped role.
	CreateServiceToken(ctx context.Context, in store.NewServiceToken, actor audit.Actor) (store.ServiceTokenView, error)
	ListServiceTokens(ctx context.Context) ([]store.ServiceTokenView, error)
	RevokeServiceToken(ctx context.Context, id int64, actor audit.Actor) (store.ServiceTokenView, error)
	CreateWebhook(ctx context.Context, in store.WebhookInput, secretEnc string, actor audit.Actor) (store.WebhookView, error)
	UpdateWebhook(ctx context.Context, id, version int64, in store.WebhookInput, actor audit.Actor) (store.WebhookView, error)
	DeleteWebhook(ctx context.Context, id int64, actor audit.Actor) error
	ListWebhooks(ctx context.Context) ([]store.WebhookView, error)
	WebhookByID(ctx context.Context, id int64) (store.WebhookView, error)
	PauseWebhook(ctx context.Context, id int64, reason string, actor audit.Actor) (store.WebhookView, error)
	ResumeWebhook(ctx context.Context, id int64, actor audit.Actor) (store.WebhookView, error)
	SendTestWebhook(ctx context.Context, id int64) error
	ListWebhookDeliveries(ctx context.Context, subscriptionID int64, p store.Page) ([]model.WebhookDelivery, int64, error)
}
