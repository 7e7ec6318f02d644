package api

import (
	"net/http"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
	"github.com/qualtrack/qualtrack/backend/internal/reminders"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// Every handler here acts on the signed-in user's own notifications and
// settings only: the user id always comes from the session, never the
// request.

func (s *Server) listNotifications(c *gin.Context) error {
	p, err := listQuery(c, store.NotificationSorts)
	if err != nil {
		return err
	}
	problems := qualification.Problems{}
	f := store.NotificationFilter{UserID: principal(c).ID, Unread: queryBool(c, "unread", problems)}
	if err := problems.Err("The filters are not valid."); err != nil {
		return err
	}
	items, total, err := s.st(c).ListNotifications(c.Request.Context(), f, p)
	if err != nil {
		return err
	}
	writeList(c, items, total, p)
	return nil
}

func (s *Server) unreadNotificationCount(c *gin.Context) error {
	n, err := s.st(c).CountUnreadNotifications(c.Request.Context(), principal(c).ID)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, gin.H{"count": n})
	return nil
}

func (s *Server) markNotificationRead(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	n, err := s.st(c).MarkNotificationRead(c.Request.Context(), principal(c).ID, id)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, n)
	return nil
}

func (s *Server) markAllNotificationsRead(c *gin.Context) error {
	n, err := s.st(c).MarkAllNotificationsRead(c.Request.Context(), principal(c).ID)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, gin.H{"marked": n})
	return nil
}

// notificationPreferences is the shape of GET and PUT
// /me/notification-preferences.
type notificationPreferences struct {
	// Preferences is the effective channel for every kind.
	Preferences map[model.ReminderKind]model.NotificationChannel `json:"preferences"`
	// Defaults are the role's channels, for kinds the user never chose.
	Defaults map[model.ReminderKind]model.NotificationChannel `json:"defaults"`
	// EmailAvailable is false when the server has no SMTP server: e-mail
	// reminders are then shown in the app only.
	EmailAvailable bool `json:"email_available"`
}

func (s *Server) writeNotificationPreferences(c *gin.Context, u model.User) error {
	chosen, err := s.st(c).NotificationPreferences(c.Request.Context(), u.ID)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, notificationPreferences{
		Preferences:    reminders.Preferences(u.Role, chosen),
		Defaults:       reminders.Preferences(u.Role, nil),
		EmailAvailable: s.cfg.SMTP.Configured(),
	})
	return nil
}

func (s *Server) getNotificationPreferences(c *gin.Context) error {
	return s.writeNotificationPreferences(c, principal(c))
}

type notificationPreferencesRequest struct {
	Preferences map[string]string `json:"preferences"`
}

// updateNotificationPreferences sets the channel of the kinds sent; kinds
// not sent keep theirs.
func (s *Server) updateNotificationPreferences(c *gin.Context) error {
	var req notificationPreferencesRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	problems := qualification.Problems{}
	if req.Preferences == nil {
		problems.Add("preferences", "Send the channel for each kind of reminder, e.g. {\"certificate_expiry\": \"email\"}.")
	}
	u := principal(c)
	kinds := model.KindsFor(u.Role)
	prefs := map[model.ReminderKind]model.NotificationChannel{}
	for k, v := range req.Preferences {
		kind, ch := model.ReminderKind(k), model.NotificationChannel(v)
		switch {
		case !slices.Contains(kinds, kind):
			problems.Add("preferences."+k, "is not a kind of reminder you receive; yours are "+joinValues(kinds))
		case !ch.Valid():
			problems.Add("preferences."+k, "must be one of: "+joinValues(model.NotificationChannels))
		default:
			prefs[kind] = ch
		}
	}
	if err := problems.Err("The notification settings are not valid."); err != nil {
		return err
	}
	if err := s.st(c).SetNotificationPreferences(c.Request.Context(), u.ID, prefs, actor(c)); err != nil {
		return err
	}
	return s.writeNotificationPreferences(c, u)
}

func joinValues[T ~string](values []T) string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = string(v)
	}
	return strings.Join(out, ", ")
}
