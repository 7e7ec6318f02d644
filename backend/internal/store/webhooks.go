package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
)

// WebhookView is a subscription as administrators see it: never its
// secret.
type WebhookView struct {
	model.WebhookSubscription
	EventTypes []string `json:"event_types"`
	// Status is active, paused or disabled.
	Status string `json:"status"`
	// Pending counts the events waiting for delivery.
	Pending int64 `json:"pending"`
}

// WebhookInput is what an administrator sets on a subscription.
type WebhookInput struct {
	Name       string
	URL        string
	EventTypes []string
	Active     bool
}

// joinEventTypes stores event types so that one LIKE finds them.
func joinEventTypes(types []string) string {
	t := slices.Clone(types)
	slices.Sort(t)
	t = slices.Compact(t)
	return "," + strings.Join(t, ",") + ","
}

func splitEventTypes(s string) []string {
	out := []string{}
	for _, t := range strings.Split(strings.Trim(s, ","), ",") {
		if t != "" {
			out = append(out, t)
		}
	}
	return out
}

// CreateWebhook stores a subscription; secretEnc is its sealed signing
// secret.
func (s *Store) CreateWebhook(ctx context.Context, in WebhookInput, secretEnc string, actor audit.Actor) (WebhookView, error) {
	if err := qualification.CheckWebhook(in.Name, in.EventTypes); err != nil {
		return WebhookView{}, err
	}
	w := model.WebhookSubscription{Name: strings.TrimSpace(in.Name), URL: in.URL, EventTypes: joinEventTypes(in.EventTypes),
		SecretEnc: secretEnc, Active: in.Active, Version: 1}
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(&w).Error; err != nil {
			return translate(err, "create webhook")
		}
		_, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionWebhookCreate, EntityType: audit.EntityWebhook, EntityID: w.ID,
			Changes: map[string]any{"name": w.Name, "url": w.URL, "event_types": splitEventTypes(w.EventTypes), "active": w.Active}})
		return err
	})
	if err != nil {
		return WebhookView{}, err
	}
	return s.WebhookByID(ctx, w.ID)
}

// UpdateWebhook applies in to the subscription at the version read.
func (s *Store) UpdateWebhook(ctx context.Context, id, version int64, in WebhookInput, actor audit.Actor) (WebhookView, error) {
	if err := qualification.CheckWebhook(in.Name, in.EventTypes); err != nil {
		return WebhookView{}, err
	}
	err := s.tx(ctx, func(tx *gorm.DB) error {
		var w model.WebhookSubscription
		if err := tx.Take(&w, id).Error; err != nil {
			return translate(err, "update webhook")
		}
		if w.Version != version {
			return ErrVersionConflict
		}
		before := w
		w.Name, w.URL, w.EventTypes, w.Active = strings.TrimSpace(in.Name), in.URL, joinEventTypes(in.EventTypes), in.Active
		w.Version++
		w.UpdatedAt = s.Now()
		if err := saveVersioned(tx, &w, id, version); err != nil {
			return translate(err, "update webhook")
		}
		changes := audit.Diff(before, w)
		if before.EventTypes != w.EventTypes {
			changes["event_types"] = [2]any{splitEventTypes(before.EventTypes), splitEventTypes(w.EventTypes)}
		}
		_, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionWebhookUpdate, EntityType: audit.EntityWebhook, EntityID: id, Changes: changes})
		return err
	})
	if err != nil {
		return WebhookView{}, err
	}
	return s.WebhookByID(ctx, id)
}

// DeleteWebhook removes a subscription with its outbox and delivery log.
func (s *Store) DeleteWebhook(ctx context.Context, id int64, actor audit.Actor) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		var w model.WebhookSubscription
		if err := tx.Take(&w, id).Error; err != nil {
			return translate(err, "delete webhook")
		}
		for _, t := range []any{&model.WebhookDelivery{}, &model.WebhookMessage{}} {
			if err := tx.Where("subscription_id = ?", id).Delete(t).Error; err != nil {
				return translate(err, "delete webhook")
			}
		}
		if err := tx.Delete(&w).Error; err != nil {
			return translate(err, "delete webhook")
		}
		w.SecretEnc = ""
		_, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionWebhookDelete, EntityType: audit.EntityWebhook, EntityID: id, Changes: audit.Deleted(w)})
		return err
	})
}

// ListWebhooks lists every subscription by name.
func (s *Store) ListWebhooks(ctx context.Context) ([]WebhookView, error) {
	var ws []model.WebhookSubscription
	if err := s.db.WithContext(ctx).Order("name, id").Find(&ws).Error; err != nil {
		return nil, translate(err, "list webhooks")
	}
	return s.webhookViews(s.db.WithContext(ctx), ws)
}

// WebhookByID returns one subscription.
func (s *Store) WebhookByID(ctx context.Context, id int64) (WebhookView, error) {
	w, err := s.WebhookSubscription(ctx, id)
	if err != nil {
		return WebhookView{}, err
	}
	vs, err := s.webhookViews(s.db.WithContext(ctx), []model.WebhookSubscription{w})
	if err != nil {
		return WebhookView{}, err
	}
	return vs[0], nil
}

// WebhookSubscription returns the stored subscription, sealed secret
// included, for the dispatcher.
func (s *Store) WebhookSubscription(ctx context.Context, id int64) (model.WebhookSubscription, error) {
	var w model.WebhookSubscription
	err := s.db.WithContext(ctx).Take(&w, id).Error
	return w, translate(err, "webhook")
}

func (s *Store) webhookViews(db *gorm.DB, ws []model.WebhookSubscription) ([]WebhookView, error) {
	ids := make([]int64, len(ws))
	for i, w := range ws {
		ids[i] = w.ID
	}
	type count struct {
		SubscriptionID int64
		N              int64
	}
	var counts []count
	if len(ids) > 0 {
		if err := db.Model(&model.WebhookMessage{}).Select("subscription_id, COUNT(*) AS n").
			Where("subscription_id IN ? AND state = ?", ids, model.OutboxPending).Group("subscription_id").Scan(&counts).Error; err != nil {
			return nil, translate(err, "count pending webhooks")
		}
	}
	pending := map[int64]int64{}
	for _, c := range counts {
		pending[c.SubscriptionID] = c.N
	}
	out := make([]WebhookView, len(ws))
	for i, w := range ws {
		st := "active"
		switch {
		case !w.Active:
			st = "disabled"
		case w.PausedAt != nil:
			st = "paused"
		}
		w.CreatedAt, w.UpdatedAt, w.PausedAt = w.CreatedAt.UTC(), w.UpdatedAt.UTC(), utcPtr(w.PausedAt)
		out[i] = WebhookView{WebhookSubscription: w, EventTypes: splitEventTypes(w.EventTypes), Status: st, Pending: pending[w.ID]}
	}
	return out, nil
}

// PauseWebhook stops deliveries to a subscription until it is resumed;
// its events keep queueing.
func (s *Store) PauseWebhook(ctx context.Context, id int64, reason string, actor audit.Actor) (WebhookView, error) {
	err := s.tx(ctx, func(tx *gorm.DB) error {
		return s.pauseWebhook(tx, id, reason, actor)
	})
	if err != nil {
		return WebhookView{}, err
	}
	return s.WebhookByID(ctx, id)
}

func (s *Store) pauseWebhook(tx *gorm.DB, id int64, reason string, actor audit.Actor) error {
	var w model.WebhookSubscription
	if err := tx.Take(&w, id).Error; err != nil {
		return translate(err, "pause webhook")
	}
	if w.PausedAt != nil {
		return nil
	}
	now := s.Now()
	if err := tx.Model(&w).UpdateColumns(map[string]any{"paused_at": now, "pause_reason": reason, "version": w.Version + 1, "updated_at": now}).Error; err != nil {
		return translate(err, "pause webhook")
	}
	_, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionWebhookPause, EntityType: audit.EntityWebhook, EntityID: id,
		Changes: map[string]any{"reason": reason}})
	return err
}

// ResumeWebhook lets deliveries to a paused subscription go again, its
// waiting events first and at once.
func (s *Store) ResumeWebhook(ctx context.Context, id int64, actor audit.Actor) (WebhookView, error) {
	err := s.tx(ctx, func(tx *gorm.DB) error {
		var w model.WebhookSubscription
		if err := tx.Take(&w, id).Error; err != nil {
			return translate(err, "resume webhook")
		}
		now := s.Now()
		if err := tx.Model(&w).UpdateColumns(map[string]any{"paused_at": nil, "pause_reason": "", "consecutive_failures": 0,
			"version": w.Version + 1, "updated_at": now}).Error; err != nil {
			return translate(err, "resume webhook")
		}
		if err := tx.Model(&model.WebhookMessage{}).Where("subscription_id = ? AND state = ?", id, model.OutboxPending).
			UpdateColumn("next_attempt_at", now).Error; err != nil {
			return translate(err, "resume webhook")
		}
		if w.PausedAt == nil {
			return nil
		}
		_, err := s.trail.Append(tx, audit.Entry{Actor: actor, Action: audit.ActionWebhookResume, EntityType: audit.EntityWebhook, EntityID: id})
		return err
	})
	if err != nil {
		return WebhookView{}, err
	}
	return s.WebhookByID(ctx, id)
}

// WebhookDeliverySorts are the delivery log's sort fields.
var WebhookDeliverySorts = SortFields{"attempted_at": timeSort("created_at"), "id": numberSort("id")}

// ListWebhookDeliveries is a subscription's delivery log, newest first.
func (s *Store) ListWebhookDeliveries(ctx context.Context, subscriptionID int64, p Page) ([]model.WebhookDelivery, int64, error) {
	if _, err := s.WebhookSubscription(ctx, subscriptionID); err != nil {
		return nil, 0, err
	}
	if p.Sort == "" {
		p.Sort = "-id"
	}
	out := []model.WebhookDelivery{}
	total, err := list(s.db.WithContext(ctx).Model(&model.WebhookDelivery{}).Where("subscription_id = ?", subscriptionID), p, WebhookDeliverySorts, "-id", &out)
	for i := range out {
		out[i].CreatedAt = out[i].CreatedAt.UTC()
	}
	return out, total, translate(err, "list webhook deliveries")
}

// Event is what a webhook delivers: the JSON body, signed.
type Event struct {
	ID        string    `json:"id"`
	Type      string    `json:"type"`
	CreatedAt time.Time `json:"created_at"`
	Data      any       `json:"data"`
}

func newEventID() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return "evt_" + hex.EncodeToString(b)
}

// emit queues an event of typ for every active subscription that chose
// it, inside tx: the event is sent if and only if the change commits.
// dedupe, when not empty, queues it at most once per subscription (a daily
// run seeing the same expiring certificate again). data is only built
// when someone subscribed.
func (s *Store) emit(tx *gorm.DB, typ, dedupe string, data func() (any, error)) error {
	var subs []int64
	if err := tx.Model(&model.WebhookSubscription{}).Where("active = ? AND event_types LIKE ?", true, "%,"+typ+",%").
		Order("id").Pluck("id", &subs).Error; err != nil {
		return fmt.Errorf("store: webhook subscriptions: %w", err)
	}
	if len(subs) == 0 {
		return nil
	}
	d, err := data()
	if err != nil {
		return err
	}
	return s.enqueue(tx, subs, typ, d, dedupe)
}

func (s *Store) enqueue(tx *gorm.DB, subs []int64, typ string, data any, dedupe string) error {
	now := s.Now()
	ev := Event{ID: newEventID(), Type: typ, CreatedAt: now, Data: data}
	body, err := json.Marshal(ev)
	if err != nil {
		return fmt.Errorf("store: encode webhook event: %w", err)
	}
	for _, id := range subs {
		m := model.WebhookMessage{SubscriptionID: id, EventID: ev.ID, EventType: typ, Payload: string(body),
			State: model.OutboxPending, NextAttemptAt: now}
		if dedupe != "" {
			d := dedupe
			m.DedupeKey = &d
		}
		m.CreatedAt, m.UpdatedAt = now, now
		if err := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&m).Error; err != nil {
			return fmt.Errorf("store: queue webhook event: %w", err)
		}
	}
	return nil
}

// SendTestWebhook queues a test event for one subscription.
func (s *Store) SendTestWebhook(ctx context.Context, id int64) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		var w model.WebhookSubscription
		if err := tx.Take(&w, id).Error; err != nil {
			return translate(err, "test webhook")
		}
		return s.enqueue(tx, []int64{id}, model.EventWebhookTest, map[string]any{"subscription_id": id, "name": w.Name}, "")
	})
}

// DueWebhookMessages are the queued events whose next attempt is due, to
// subscriptions that are active and not paused, oldest first.
func (s *Store) DueWebhookMessages(ctx context.Context, limit int) ([]model.WebhookMessage, error) {
	now := s.Now()
	var out []model.WebhookMessage
	err := s.db.WithContext(ctx).Table("webhook_outbox o").Select("o.*").
		Joins("JOIN webhook_subscriptions w ON w.id = o.subscription_id").
		Where("o.state = ? AND o.next_attempt_at <= ? AND w.active = ? AND w.paused_at IS NULL AND (o.locked_until IS NULL OR o.locked_until <= ?)",
			model.OutboxPending, now, true, now).
		Order("o.id").Limit(limit).Find(&out).Error
	return out, translate(err, "due webhooks")
}

// ClaimWebhookMessage takes a message for one delivery attempt for lease;
// false when another dispatcher (instance) has it.
func (s *Store) ClaimWebhookMessage(ctx context.Context, id int64, lease time.Duration) (bool, error) {
	now := s.Now()
	res := s.db.WithContext(ctx).Model(&model.WebhookMessage{}).
		Where("id = ? AND state = ? AND (locked_until IS NULL OR locked_until <= ?)", id, model.OutboxPending, now).
		UpdateColumns(map[string]any{"locked_until": now.Add(lease), "updated_at": now})
	if res.Error != nil {
		return false, translate(res.Error, "claim webhook")
	}
	return res.RowsAffected == 1, nil
}

// WebhookAttempt is the outcome of one delivery attempt.
type WebhookAttempt struct {
	StatusCode int
	Duration   time.Duration
	Err        string
	OK         bool
	// Next is when to try again after a failure; zero gives up.
	Next time.Time
}

// RecordWebhookAttempt logs an attempt and moves the message on:
// delivered, retried at a.Next, or given up. pauseAfter consecutive
// failures of a subscription pause it; paused reports that this attempt
// did.
func (s *Store) RecordWebhookAttempt(ctx context.Context, m model.WebhookMessage, a WebhookAttempt, pauseAfter int) (paused bool, err error) {
	err = s.tx(ctx, func(tx *gorm.DB) error {
		now := s.Now()
		d := model.WebhookDelivery{CreatedAt: now, SubscriptionID: m.SubscriptionID, OutboxID: m.ID, EventID: m.EventID, EventType: m.EventType,
			Attempt: m.Attempts + 1, StatusCode: a.StatusCode, DurationMS: a.Duration.Milliseconds(), Error: truncateText(a.Err, 500), Succeeded: a.OK}
		if err := tx.Create(&d).Error; err != nil {
			return translate(err, "log webhook delivery")
		}
		upd := map[string]any{"attempts": m.Attempts + 1, "locked_until": nil, "updated_at": now}
		switch {
		case a.OK:
			upd["state"], upd["delivered_at"] = model.OutboxDelivered, now
		case a.Next.IsZero():
			upd["state"] = model.OutboxFailed
		default:
			upd["next_attempt_at"] = a.Next
		}
		if err := tx.Model(&model.WebhookMessage{}).Where("id = ?", m.ID).UpdateColumns(upd).Error; err != nil {
			return translate(err, "update webhook message")
		}
		if a.OK {
			return translate(tx.Model(&model.WebhookSubscription{}).Where("id = ?", m.SubscriptionID).
				UpdateColumn("consecutive_failures", 0).Error, "reset webhook failures")
		}
		if err := tx.Model(&model.WebhookSubscription{}).Where("id = ?", m.SubscriptionID).
			UpdateColumn("consecutive_failures", gorm.Expr("consecutive_failures + 1")).Error; err != nil {
			return translate(err, "count webhook failures")
		}
		var w model.WebhookSubscription
		if err := tx.Take(&w, m.SubscriptionID).Error; err != nil {
			return translate(err, "webhook")
		}
		if pauseAfter > 0 && w.ConsecutiveFailures >= pauseAfter && w.PausedAt == nil {
			paused = true
			reason := fmt.Sprintf("Paused after %d failed deliveries in a row; the last: %s", w.ConsecutiveFailures, truncateText(a.Err, 200))
			return s.pauseWebhook(tx, w.ID, reason, audit.Actor{Email: "webhooks", Role: "system"})
		}
		return nil
	})
	return paused, err
}

func truncateText(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
