// Package api is qualtrack's HTTP interface: gin handlers (one file per
// resource), the route table with each route's role rule, the contract's
// error shape and the embedded single-page application.
package api

import (
	"errors"
	"io/fs"
	"log/slog"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/accounts"
	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/auth"
	"github.com/qualtrack/qualtrack/backend/internal/config"
	"github.com/qualtrack/qualtrack/backend/internal/filestore"
	"github.com/qualtrack/qualtrack/backend/internal/metrics"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/reminders"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// Deps are what the server needs; internal/app builds them.
type Deps struct {
	Config config.Config
	// DB answers readiness checks; the store does everything else.
	DB    *gorm.DB
	Store *store.Store
	// Files keeps attachment content; Uploads is the local directory
	// uploads are received (hashed and checked) into first.
	Files    filestore.Store
	Uploads  *filestore.Files
	Accounts *accounts.Service
	Hasher   *auth.Hasher
	Logger   *slog.Logger
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Frontend is the built SPA (frontend.Dist); nil serves a notice.
	Frontend fs.FS
	// Metrics records requests, exports, imports and failed sign-ins.
	Metrics *metrics.Metrics
	// CheckpointKey signs exported audit heads; nil gives the server a
	// key of its own for this process only (tests).
	CheckpointKey *audit.Key
	// Mailer sends supplier invitations; nil (no SMTP server
	// configured) shows invitation links to the inviter instead.
	Mailer reminders.Mailer
	// FreeSpace measures the free bytes under a directory for /readyz;
	// nil asks the file system (filestore.FreeBytes).
	FreeSpace func(dir string) (uint64, error)
}

// Server holds the handlers' dependencies.
type Server struct {
	cfg       config.Config
	freeSpace func(dir string) (uint64, error)
	db        *gorm.DB
	unscoped  unscopedStore
	// scoped is the store as a user limited to scope may read it (see st).
	scoped func(userID int64, scope []int64) *store.Store
	// supplierScoped is the store as a supplier bound to b may read it.
	supplierScoped func(userID int64, b store.SupplierBinding) *store.Store
	mailer         reminders.Mailer
	files          filestore.Store
	uploads        *filestore.Files
	accounts       *accounts.Service
	tokens         *auth.Tokens
	guard          *auth.Guard
	hasher         *auth.Hasher
	limits         *auth.LoginLimits
	box            *auth.SecretBox // seals two-factor and webhook signing secrets
	oidc           *auth.OIDC      // nil: single sign-on is off
	log            *slog.Logger
	now            func() time.Time
	spa            fs.FS
	metric         *metrics.Metrics
	// checkpointKey signs exported audit heads.
	checkpointKey *audit.Key
}

// New builds the HTTP side of the application over its parts. It writes
// nothing to the database.
func New(d Deps) (*Server, error) {
	if d.DB == nil || d.Store == nil || d.Files == nil || d.Uploads == nil || d.Accounts == nil || d.Hasher == nil || d.Metrics == nil {
		return nil, errors.New("api: missing dependencies (build the server with internal/app)")
	}
	now := d.Now
	if now == nil {
		now = time.Now
	}
	log := d.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	tokens, err := auth.NewTokens(d.Config.JWTSecret, d.Config.SessionTTL, d.Config.SessionIdleTimeout, now)
	if err != nil {
		return nil, err
	}
	key, previous := d.Config.TOTPKeys()
	box, err := auth.NewSecretBox(key, previous...)
	if err != nil {
		return nil, err
	}
	ckey := d.CheckpointKey
	if ckey == nil {
		if ckey, err = audit.NewEphemeralKey(); err != nil {
			return nil, err
		}
	}
	st := d.Store
	freeSpace := d.FreeSpace
	if freeSpace == nil {
		freeSpace = filestore.FreeBytes
	}
	srv := &Server{
		freeSpace:      freeSpace,
		checkpointKey:  ckey,
		metric:         d.Metrics,
		cfg:            d.Config,
		db:             d.DB,
		unscoped:       st,
		scoped:         st.For,
		supplierScoped: st.ForSupplier,
		mailer:         d.Mailer,
		files:          d.Files,
		uploads:        d.Uploads,
		accounts:       d.Accounts,
		tokens:         tokens,
		guard:          auth.NewGuard(tokens, st, now),
		hasher:         d.Hasher,
		limits:         auth.NewLoginLimits(st, now),
		box:            box,
		log:            log,
		now:            now,
		spa:            d.Frontend,
	}
	if o := d.Config.OIDC; o.Enabled() {
		srv.oidc = auth.NewOIDC(auth.OIDCSettings{Issuer: o.Issuer, ClientID: o.ClientID, ClientSecret: o.ClientSecret.Reveal(),
			RedirectURL: o.RedirectURL, Scopes: o.Scopes, GroupsClaim: o.GroupsClaim}, now)
	}
	srv.guard.TrustOrigins(d.Config.CORSOrigins)
	srv.guard.AcceptServiceTokens(st)
	srv.guard.AllowDuringEnrolment("/api/v1/auth/me", "/api/v1/auth/logout", "/api/v1/me/totp/enrol", "/api/v1/me/totp/confirm")
	srv.guard.AllowDuringPasswordChange("/api/v1/auth/me", "/api/v1/auth/logout", "/api/v1/auth/password")
	srv.guard.OnRenew(func(c *gin.Context, u model.User, authTime time.Time, enrolOnly bool) {
		if err := srv.setSessionCookie(c, u, authTime, enrolOnly); err != nil {
			log.Warn("renew session cookie", "err", err)
		}
	})
	return srv, nil
}

// Handler returns the HTTP handler with every route registered.
func (s *Server) Handler() (http.Handler, error) {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.ContextWithFallback = true
	r.HandleMethodNotAllowed = true
	if err := r.SetTrustedProxies(s.cfg.TrustedProxies); err != nil {
		return nil, err
	}
	r.Use(s.accessLog(), s.recovery(), s.securityHeaders(), s.cors(), handleErrors(s.log))
	// API answers hold records, tokens and secrets: no browser or proxy
	// keeps them unless a handler says otherwise (attachments revalidate by
	// ETag; the calendar feed is private to its URL).
	api := r.Group("/api/v1", func(c *gin.Context) { c.Header("Cache-Control", "no-store") })
	for _, rt := range s.Routes() {
		if !rt.Permission.Valid() {
			return nil, errors.New("api: route " + rt.Method + " " + rt.Path + " declares no permission")
		}
		group := r.Group("")
		if rt.API {
			group = api
		}
		group.Handle(rt.Method, rt.Path, bodyLimit(rt.BodyLimit()), s.guard.Require(rt.Permission), rt.Handler.gin())
	}
	r.NoRoute(HandlerFunc(s.serveSPA).gin())
	r.NoMethod(HandlerFunc(func(c *gin.Context) error {
		return &Error{Status: http.StatusMethodNotAllowed, Code: "method_not_allowed", Message: "This method is not allowed here."}
	}).gin())
	return r, nil
}
