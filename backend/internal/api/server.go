// Package api is qualtrack's HTTP interface: gin handlers (one file per
// resource), the route table with each route's role rule, the contract's
// error shape and the embedded single-page application.
package api

import (
	"context"
	"errors"
	"io/fs"
	"log/slog"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/auth"
	"github.com/qualtrack/qualtrack/backend/internal/config"
	"github.com/qualtrack/qualtrack/backend/internal/database"
	"github.com/qualtrack/qualtrack/backend/internal/filestore"
	"github.com/qualtrack/qualtrack/backend/internal/metrics"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// Deps are what the server needs.
type Deps struct {
	Config config.Config
	DB     *gorm.DB
	Logger *slog.Logger
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Frontend is the built SPA (frontend.Dist); nil serves a notice.
	Frontend fs.FS
	// Hasher hashes passwords; nil means the production argon2id cost.
	Hasher *auth.Hasher
	// Metrics records requests, exports, imports and failed sign-ins;
	// nil gives the server a registry of its own.
	Metrics *metrics.Metrics
}

// Server holds the handlers' dependencies.
type Server struct {
	cfg    config.Config
	db     *gorm.DB
	store  *store.Store
	files  *filestore.Files
	tokens *auth.Tokens
	guard  *auth.Guard
	hasher *auth.Hasher
	limits *auth.LoginLimits
	box    *auth.SecretBox // seals two-factor secrets
	log    *slog.Logger
	now    func() time.Time
	spa    fs.FS
	metric *metrics.Metrics
	lists  *listCache
}

// New builds a server.
func New(d Deps) (*Server, error) {
	if d.DB == nil {
		return nil, errors.New("api: no database")
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
	box, err := auth.NewSecretBox(d.Config.JWTSecret)
	if err != nil {
		return nil, err
	}
	hasher := d.Hasher
	if hasher == nil {
		hasher = auth.NewHasher(4)
	}
	files := filestore.New(d.Config.AttachmentsDir())
	st := store.New(d.DB, now).WithRules(store.Rules{
		Intervals:          qualification.IntervalsFrom(d.Config.InspectionIntervalMonths),
		ExpiringWithinDays: d.Config.ExpiringWithinDays,
	}).WithFiles(files)
	// Stored due dates follow the intervals they were computed with; when
	// the configured intervals change, move every site's due date now.
	refreshed, err := st.RefreshSchedulesIfIntervalsChanged(context.Background())
	if err != nil {
		return nil, err
	}
	if refreshed {
		log.Info("inspection intervals changed; recomputed every site's schedule")
	}
	m := d.Metrics
	if m == nil {
		m = metrics.New()
	}
	if sqlDB, err := d.DB.DB(); err == nil {
		m.WatchDB(database.Dialect(d.DB), sqlDB)
	}
	srv := &Server{
		metric: m,
		lists:  newListCache(),
		cfg:    d.Config,
		db:     d.DB,
		store:  st,
		files:  files,
		tokens: tokens,
		guard:  auth.NewGuard(tokens, st, now),
		hasher: hasher,
		limits: auth.NewLoginLimits(st, now),
		box:    box,
		log:    log,
		now:    now,
		spa:    d.Frontend,
	}
	srv.guard.TrustOrigins(d.Config.CORSOrigins)
	srv.guard.AllowDuringEnrolment("/api/v1/auth/me", "/api/v1/auth/logout", "/api/v1/me/totp/enrol", "/api/v1/me/totp/confirm")
	srv.guard.OnRenew(func(c *gin.Context, u model.User, authTime time.Time, enrolOnly bool) {
		if err := srv.setSessionCookie(c, u, authTime, enrolOnly); err != nil {
			log.Warn("renew session cookie", "err", err)
		}
	})
	return srv, nil
}

// Store is the server's store (for tests and subcommands).
func (s *Server) Store() *store.Store { return s.store }

// Metrics is the server's metrics registry; serve it with its Handler on
// a listener of its own.
func (s *Server) Metrics() *metrics.Metrics { return s.metric }

// Hasher is the server's password hasher.
func (s *Server) Hasher() *auth.Hasher { return s.hasher }

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
	api := r.Group("/api/v1")
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
