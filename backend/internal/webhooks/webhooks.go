// Package webhooks delivers the events the store queues in its outbox
// (in the transaction of each change) to the subscribed endpoints: signed
// with HMAC-SHA256, retried with exponential backoff, every attempt
// logged, and an endpoint that keeps failing paused. It owns the
// delivery policy that keeps webhooks away from internal addresses.
package webhooks

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/auth"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// The headers of a delivery.
const (
	SignatureHeader = "X-Qualtrack-Signature"
	TimestampHeader = "X-Qualtrack-Timestamp"
	EventHeader     = "X-Qualtrack-Event"
	DeliveryHeader  = "X-Qualtrack-Delivery"
)

// ReplayWindow is how old a delivery's timestamp a receiver should accept
// (docs/integrations.md); retries are signed afresh, so it can be short.
const ReplayWindow = 5 * time.Minute

// MaxAttempts is how often an event is tried before it is given up.
const MaxAttempts = 12

// Backoff is the wait after the attempt-th failed attempt: 30 seconds,
// doubling, at most 6 hours (12 attempts span about a day and a half).
func Backoff(attempt int) time.Duration {
	d := 30 * time.Second
	for i := 1; i < attempt && d < 6*time.Hour; i++ {
		d *= 2
	}
	return min(d, 6*time.Hour)
}

// NewSecret returns a new signing secret.
func NewSecret() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return "whsec_" + base64.RawURLEncoding.EncodeToString(b)
}

// Sign is the signature header's value for body sent at t:
// "t=<unix seconds>,v1=<hex HMAC-SHA256 of "<unix seconds>.<body>">".
func Sign(secret []byte, t time.Time, body []byte) string {
	ts := strconv.FormatInt(t.Unix(), 10)
	return "t=" + ts + ",v1=" + mac(secret, ts, body)
}

func mac(secret []byte, ts string, body []byte) string {
	h := hmac.New(sha256.New, secret)
	h.Write([]byte(ts))
	h.Write([]byte{'.'})
	h.Write(body)
	return hex.EncodeToString(h.Sum(nil))
}

// Verify checks a signature header as a receiver should: a v1 signature
// that matches, made within window of now.
func Verify(secret []byte, header string, body []byte, now time.Time, window time.Duration) error {
	var ts string
	var sigs []string
	for _, part := range strings.Split(header, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		switch k {
		case "t":
			ts = v
		case "v1":
			sigs = append(sigs, v)
		}
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return errors.New("webhooks: no timestamp in the signature")
	}
	if d := now.Sub(time.Unix(sec, 0)); d > window || d < -window {
		return errors.New("webhooks: the signature's timestamp is outside the replay window")
	}
	want := mac(secret, ts, body)
	for _, s := range sigs {
		if hmac.Equal([]byte(s), []byte(want)) {
			return nil
		}
	}
	return errors.New("webhooks: the signature does not match")
}

// Options configure a Dispatcher.
type Options struct {
	Store  *store.Store
	Box    *auth.SecretBox // opens the subscriptions' signing secrets
	Policy Policy
	Logger *slog.Logger
	// Timeout bounds one delivery (connect, send, answer).
	Timeout time.Duration
	// PauseAfter consecutive failures pause an endpoint (0: never).
	PauseAfter int
	// Poll is how often the outbox is looked at.
	Poll time.Duration
}

// Dispatcher delivers queued events. Several instances may share a
// database: each message is claimed before it is sent.
type Dispatcher struct {
	store      *store.Store
	box        *auth.SecretBox
	client     *http.Client
	log        *slog.Logger
	pauseAfter int
	poll       time.Duration
	lease      time.Duration
}

// New returns a dispatcher.
func New(o Options) *Dispatcher {
	log := o.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	timeout := o.Timeout
	if timeout <= 0 {
		timeout = 10 * time.Second
	}
	poll := o.Poll
	if poll <= 0 {
		poll = 5 * time.Second
	}
	dialer := &net.Dialer{Timeout: timeout}
	tr := &http.Transport{
		Proxy:                 nil, // a proxy would connect on our behalf, past the address check
		DialContext:           o.Policy.dialContext(dialer),
		TLSHandshakeTimeout:   timeout,
		ResponseHeaderTimeout: timeout,
		MaxIdleConnsPerHost:   2,
		IdleConnTimeout:       time.Minute,
	}
	client := &http.Client{Transport: tr, Timeout: timeout,
		// A redirect could lead anywhere; the endpoint must answer itself.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return &Dispatcher{store: o.Store, box: o.Box, client: client, log: log, pauseAfter: o.PauseAfter, poll: poll, lease: 2*timeout + 30*time.Second}
}

// Run delivers until ctx ends.
func (d *Dispatcher) Run(ctx context.Context) {
	d.log.Info("webhook dispatcher started")
	for {
		if _, err := d.RunOnce(ctx); err != nil && ctx.Err() == nil {
			d.log.Error("webhooks: delivery round failed", "err", err)
		}
		t := time.NewTimer(d.poll)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
	}
}

// RunOnce makes one attempt at every message due now and returns how many
// it attempted.
func (d *Dispatcher) RunOnce(ctx context.Context) (int, error) {
	n := 0
	for {
		due, err := d.store.DueWebhookMessages(ctx, 50)
		if err != nil {
			return n, err
		}
		tried := 0
		for _, m := range due {
			ok, err := d.store.ClaimWebhookMessage(ctx, m.ID, d.lease)
			if err != nil {
				return n, err
			}
			if !ok {
				continue
			}
			if err := d.deliver(ctx, m); err != nil {
				return n, err
			}
			tried++
		}
		n += tried
		// A message whose retry is due at once would come back; only a
		// full batch means there may be more.
		if len(due) < 50 || tried == 0 {
			return n, nil
		}
	}
}

// deliver makes one attempt and records it.
func (d *Dispatcher) deliver(ctx context.Context, m model.WebhookMessage) error {
	w, err := d.store.WebhookSubscription(ctx, m.SubscriptionID)
	if err != nil {
		return err
	}
	a := d.send(ctx, w, m)
	if !a.OK && m.Attempts+1 < MaxAttempts {
		a.Next = d.store.Now().Add(Backoff(m.Attempts + 1))
	}
	paused, err := d.store.RecordWebhookAttempt(ctx, m, a, d.pauseAfter)
	if err != nil {
		return err
	}
	lvl := slog.LevelInfo
	if !a.OK {
		lvl = slog.LevelWarn
	}
	d.log.Log(ctx, lvl, "webhook delivery", "subscription", w.ID, "event", m.EventType, "event_id", m.EventID,
		"attempt", m.Attempts+1, "status", a.StatusCode, "duration_ms", a.Duration.Milliseconds(), "err", a.Err)
	if paused {
		d.log.Warn("webhook endpoint paused after repeated failures", "subscription", w.ID, "name", w.Name)
	}
	return nil
}

// send posts the message to the subscription's URL.
func (d *Dispatcher) send(ctx context.Context, w model.WebhookSubscription, m model.WebhookMessage) store.WebhookAttempt {
	secret, err := d.box.Open(w.SecretEnc)
	if err != nil {
		return store.WebhookAttempt{Err: "the signing secret cannot be opened with the configured encryption key"}
	}
	body := []byte(m.Payload)
	now := d.store.Now()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.URL, bytes.NewReader(body))
	if err != nil {
		return store.WebhookAttempt{Err: "the URL cannot be requested: " + err.Error()}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "qualtrack-webhooks/1")
	req.Header.Set(EventHeader, m.EventType)
	req.Header.Set(DeliveryHeader, m.EventID)
	req.Header.Set(TimestampHeader, strconv.FormatInt(now.Unix(), 10))
	req.Header.Set(SignatureHeader, Sign(secret, now, body))
	start := time.Now()
	resp, err := d.client.Do(req)
	elapsed := time.Since(start)
	if err != nil {
		return store.WebhookAttempt{Duration: elapsed, Err: describe(err)}
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	a := store.WebhookAttempt{StatusCode: resp.StatusCode, Duration: elapsed, OK: resp.StatusCode >= 200 && resp.StatusCode < 300}
	if !a.OK {
		a.Err = fmt.Sprintf("the endpoint answered %d %s", resp.StatusCode, http.StatusText(resp.StatusCode))
	}
	return a
}

// describe says why a request failed, without the URL's query (which may
// carry a receiver's token).
func describe(err error) string {
	if errors.Is(err, ErrRefused) {
		var oe *net.OpError
		if errors.As(err, &oe) && oe.Err != nil {
			return oe.Err.Error()
		}
		return ErrRefused.Error()
	}
	var ue interface{ Unwrap() error }
	if errors.As(err, &ue) && ue.Unwrap() != nil {
		err = ue.Unwrap()
	}
	return err.Error()
}
