package api

import (
	"bytes"
	"compress/gzip"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/qualtrack/qualtrack/backend/internal/auth"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/reminders"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// calendarTokenBytes is the randomness of a feed token; it travels as 43
// characters of unpadded base64url.
const calendarTokenBytes = 32

// calendarFeedPath is where a token's feed is served.
const calendarFeedPath = "/calendar/"

type calendarTokenStatus struct {
	Exists     bool       `json:"exists"`
	CreatedAt  *time.Time `json:"created_at"`
	LastUsedAt *time.Time `json:"last_used_at"`
}

func (s *Server) getCalendarToken(c *gin.Context) error {
	t, err := s.unscoped.CalendarTokenOf(c.Request.Context(), principal(c).ID)
	switch {
	case errors.Is(err, store.ErrNotFound):
		c.JSON(http.StatusOK, calendarTokenStatus{})
		return nil
	case err != nil:
		return err
	}
	c.JSON(http.StatusOK, calendarTokenStatus{Exists: true, CreatedAt: &t.CreatedAt, LastUsedAt: t.LastUsedAt})
	return nil
}

// createCalendarToken makes a new feed token, replacing any old one, and
// returns the feed URL: the only time the token is ever shown.
func (s *Server) createCalendarToken(c *gin.Context) error {
	raw := make([]byte, calendarTokenBytes)
	if _, err := rand.Read(raw); err != nil {
		return err
	}
	token := base64.RawURLEncoding.EncodeToString(raw)
	t, err := s.unscoped.ResetCalendarToken(c.Request.Context(), principal(c).ID, hashCalendarToken(token), actor(c))
	if err != nil {
		return err
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusCreated, gin.H{"url": s.cfg.BaseURL + calendarFeedPath + token + ".ics", "created_at": t.CreatedAt})
	return nil
}

func (s *Server) deleteCalendarToken(c *gin.Context) error {
	if _, err := s.unscoped.RevokeCalendarToken(c.Request.Context(), principal(c).ID, actor(c)); err != nil {
		return err
	}
	c.Status(http.StatusNoContent)
	return nil
}

// calendarFeed serves GET /calendar/:token.ics. Calendar apps cannot sign
// in, so the route is public and the token in the path is the credential:
// an unknown, revoked or malformed token, or one whose user may no longer
// sign in, is answered 404. The access log records the route pattern, so
// the token never reaches it.
func (s *Server) calendarFeed(c *gin.Context) error {
	token, ok := strings.CutSuffix(c.Param("token.ics"), ".ics")
	if !ok || !wellFormedCalendarToken(token) {
		return notFound("The calendar")
	}
	ctx := c.Request.Context()
	u, err := s.unscoped.UserByCalendarToken(ctx, hashCalendarToken(token))
	if errors.Is(err, store.ErrNotFound) {
		return notFound("The calendar")
	}
	if err != nil {
		return err
	}
	if !canReadCalendar(u, s.now()) {
		return notFound("The calendar")
	}
	var scope []int64
	if u.Role == model.RoleAuditor {
		if scope, err = s.unscoped.ManufacturerScope(ctx, u.ID); err != nil {
			return err
		}
	}
	from, to := reminders.FeedWindow(s.unscoped.Today())
	entries, err := s.scoped(u.ID, scope).CalendarEntries(ctx, from, to)
	if err != nil {
		return err
	}
	cal := reminders.FeedCalendar("qualtrack: "+u.Name, entries, s.cfg.BaseURL)
	hashes := make(map[string]string, len(cal.Events))
	for _, e := range cal.Events {
		hashes[e.UID] = e.ContentHash()
	}
	revs, err := s.unscoped.CalendarRevisions(ctx, hashes)
	if err != nil {
		return err
	}
	cal.Revise(revs)
	var buf bytes.Buffer
	if err := reminders.WriteCalendar(&buf, cal); err != nil {
		return err
	}
	// Calendar apps poll hourly: an unchanged feed is a 304, a changed one
	// is compressed when the app accepts it (a large register's feed is a
	// megabyte of text, a tenth of that compressed).
	sum := sha256.Sum256(buf.Bytes())
	etag := `W/"` + hex.EncodeToString(sum[:16]) + `"`
	c.Header("Cache-Control", "private, no-cache")
	c.Header("ETag", etag)
	c.Header("Vary", "Accept-Encoding")
	if etagMatches(c.GetHeader("If-None-Match"), etag) {
		c.Status(http.StatusNotModified)
		return nil
	}
	c.Header("Content-Disposition", `inline; filename="qualtrack.ics"`)
	body := buf.Bytes()
	if acceptsGzip(c.GetHeader("Accept-Encoding")) {
		var z bytes.Buffer
		zw := gzip.NewWriter(&z)
		if _, err := zw.Write(body); err != nil {
			return err
		}
		if err := zw.Close(); err != nil {
			return err
		}
		c.Header("Content-Encoding", "gzip")
		body = z.Bytes()
	}
	c.Data(http.StatusOK, "text/calendar; charset=utf-8", body)
	return nil
}

// etagMatches applies If-None-Match's weak comparison: any listed tag
// equal to etag once the W/ prefixes are set aside, or "*".
func etagMatches(header, etag string) bool {
	want := strings.TrimPrefix(etag, "W/")
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == want {
			return true
		}
	}
	return false
}

// acceptsGzip reports whether an Accept-Encoding header allows gzip.
func acceptsGzip(header string) bool {
	for _, part := range strings.Split(header, ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(coding), "gzip") {
			q := strings.ReplaceAll(strings.TrimSpace(params), " ", "")
			return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
		}
	}
	return false
}

// canReadCalendar: a feed shows what its user may read, and nothing once
// they may not sign in (disabled, or an auditor whose access ended).
func canReadCalendar(u model.User, now time.Time) bool {
	if !u.Active || (u.AccessExpiresAt != nil && !now.Before(*u.AccessExpiresAt)) {
		return false
	}
	return auth.Calendar.Allows(u.Role)
}

func hashCalendarToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

func wellFormedCalendarToken(token string) bool {
	b, err := base64.RawURLEncoding.DecodeString(token)
	return err == nil && len(b) == calendarTokenBytes
}
