package store

import (
	"context"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/model"
)

// NotificationSorts are the sort fields of the notifications list.
var NotificationSorts = SortFields{"created_at": timeSort("created_at"), "due_date": nullsLast(dateSort("due_date"))}

// NotificationFilter narrows a user's notifications.
type NotificationFilter struct {
	UserID int64
	// Unread keeps only unread (true) or only read (false) notifications.
	Unread *bool
}

// ListNotifications returns one page of a user's notifications, newest first
// by default.
func (s *Store) ListNotifications(ctx context.Context, f NotificationFilter, p Page) ([]model.Notification, int64, error) {
	q := s.notificationsInScope(s.db.WithContext(ctx).Model(&model.Notification{}).Where("user_id = ?", f.UserID))
	if f.Unread != nil {
		if *f.Unread {
			q = q.Where("read_at IS NULL")
		} else {
			q = q.Where("read_at IS NOT NULL")
		}
	}
	out := []model.Notification{}
	total, err := list(q, p, NotificationSorts, "-created_at", &out)
	return out, total, translate(err, "list notifications")
}

// CountUnreadNotifications counts a user's unread notifications.
func (s *Store) CountUnreadNotifications(ctx context.Context, userID int64) (int64, error) {
	var n int64
	err := s.notificationsInScope(s.db.WithContext(ctx).Model(&model.Notification{}).Where("user_id = ? AND read_at IS NULL", userID)).Count(&n).Error
	return n, translate(err, "count unread notifications")
}

// MarkNotificationRead marks one of the user's notifications read (again
// is fine) and returns it. Another user's notification is ErrNotFound.
func (s *Store) MarkNotificationRead(ctx context.Context, userID, id int64) (model.Notification, error) {
	var n model.Notification
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Where("id = ? AND user_id = ?", id, userID).Take(&n).Error; err != nil {
			return translate(err, "mark notification read")
		}
		if n.ReadAt != nil {
			return nil
		}
		now := s.Now()
		n.ReadAt, n.UpdatedAt = &now, now
		return translate(tx.Model(&n).Select("read_at", "updated_at").Updates(&n).Error, "mark notification read")
	})
	return n, err
}

// MarkAllNotificationsRead marks every unread notification of the user read
// and returns how many there were.
func (s *Store) MarkAllNotificationsRead(ctx context.Context, userID int64) (int64, error) {
	now := s.Now()
	res := s.db.WithContext(ctx).Model(&model.Notification{}).Where("user_id = ? AND read_at IS NULL", userID).
		Updates(map[string]any{"read_at": now, "updated_at": now})
	return res.RowsAffected, translate(res.Error, "mark all notifications read")
}

// NotificationPreferences returns the channels the user chose; kinds they
// never chose are absent (they follow the role's default).
func (s *Store) NotificationPreferences(ctx context.Context, userID int64) (map[model.ReminderKind]model.NotificationChannel, error) {
	var rows []model.NotificationPreference
	if err := s.db.WithContext(ctx).Where("user_id = ?", userID).Find(&rows).Error; err != nil {
		return nil, translate(err, "notification preferences")
	}
	out := make(map[model.ReminderKind]model.NotificationChannel, len(rows))
	for _, r := range rows {
		out[r.Kind] = r.Channel
	}
	return out, nil
}

// SetNotificationPreferences records the user's choice for each kind in
// prefs (valid kinds and channels, checked by the caller); other kinds keep
// theirs.
func (s *Store) SetNotificationPreferences(ctx context.Context, userID int64, prefs map[model.ReminderKind]model.NotificationChannel, actor audit.Actor) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		var before []model.NotificationPreference
		if err := tx.Where("user_id = ?", userID).Find(&before).Error; err != nil {
			return translate(err, "set notification preferences")
		}
		old := map[model.ReminderKind]model.NotificationChannel{}
		for _, p := range before {
			old[p.Kind] = p.Channel
		}
		changes := map[string][2]any{}
		for _, kind := range model.ReminderKinds {
			ch, ok := prefs[kind]
			if !ok || old[kind] == ch {
				continue
			}
			row := model.NotificationPreference{UserID: userID, Kind: kind, Channel: ch}
			err := tx.Clauses(clause.OnConflict{
				Columns:   []clause.Column{{Name: "user_id"}, {Name: "kind"}},
				DoUpdates: clause.AssignmentColumns([]string{"channel", "updated_at"}),
			}).Create(&row).Error
			if err != nil {
				return translate(err, "set notification preferences")
			}
			var was any
			if c, ok := old[kind]; ok {
				was = c
			}
			changes[string(kind)] = [2]any{was, ch}
		}
		if len(changes) == 0 {
			return nil
		}
		_, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionUserNotificationPreferences, EntityType: audit.EntityUser, EntityID: userID, Changes: changes})
		return err
	})
}
