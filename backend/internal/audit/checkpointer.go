package audit

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"gorm.io/gorm"
)

// Checkpointer signs the chain's head every so many events or so often and
// publishes each checkpoint outside the database: appended to a log file
// and, when configured, posted to a webhook and mailed.
type Checkpointer struct {
	DB       *gorm.DB
	Key      *Key
	Log      string // the checkpoint log file
	Every    int64
	Interval time.Duration
	Webhook  string // optional
	// Mail, when set, sends each checkpoint by e-mail (to people who keep
	// it outside the server); a failure is logged, like the webhook's.
	Mail   func(ctx context.Context, cp Head) error
	Now    func() time.Time
	Logger *slog.Logger
	Client *http.Client

	mu     sync.Mutex
	last   Head
	loaded bool
}

// Tick makes a checkpoint when one is due and returns it (nil when none
// was due). Before signing it checks that the chain still holds the last
// checkpoint: a trail cut short or rewritten under the server is never
// signed, and the error says so.
func (c *Checkpointer) Tick(ctx context.Context) (*Head, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.loaded {
		cps, err := ReadCheckpoints(c.Log)
		if err != nil {
			return nil, err
		}
		if len(cps) > 0 {
			c.last = cps[len(cps)-1]
		}
		c.loaded = true
	}
	now := c.Now().UTC()
	head, err := CurrentHead(ctx, c.DB, now)
	if err != nil {
		return nil, err
	}
	if head.Sequence == 0 || head.Sequence <= c.last.Sequence {
		if head.Sequence < c.last.Sequence {
			return nil, fmt.Errorf("audit: the chain ends at event %d, before the last checkpoint (event %d): events were removed", head.Sequence, c.last.Sequence)
		}
		return nil, nil
	}
	due := c.last.Sequence == 0 || head.Sequence-c.last.Sequence >= c.Every || now.Sub(c.last.ExportedAt) >= c.Interval
	if !due {
		return nil, nil
	}
	reason, err := headReason(ctx, c.DB, c.last)
	if err != nil {
		return nil, err
	}
	if reason != "" {
		return nil, fmt.Errorf("audit: not signing a new checkpoint: %s", reason)
	}
	cp := c.Key.Sign(head)
	if err := AppendCheckpoint(c.Log, cp); err != nil {
		return nil, err
	}
	c.last = cp
	if c.Webhook != "" {
		go c.post(cp)
	}
	if c.Mail != nil {
		go c.mail(cp)
	}
	return &cp, nil
}

// mail sends a checkpoint by e-mail; a failure is logged, the file
// already holds the checkpoint.
func (c *Checkpointer) mail(cp Head) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if err := c.Mail(ctx, cp); err != nil {
		c.Logger.Error("audit checkpoint e-mail", "sequence", cp.Sequence, "err", err)
	}
}

// post sends a checkpoint to the webhook; a failure is logged, the file
// already holds the checkpoint.
func (c *Checkpointer) post(cp Head) {
	b, _ := json.Marshal(cp) // a Head always encodes
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.Webhook, bytes.NewReader(b))
	if err != nil {
		c.Logger.Error("audit checkpoint webhook", "err", err)
		return
	}
	req.Header.Set("Content-Type", "application/json")
	client := c.Client
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		c.Logger.Error("audit checkpoint webhook", "err", err)
		return
	}
	resp.Body.Close()
	if resp.StatusCode >= 300 {
		c.Logger.Error("audit checkpoint webhook", "status", resp.Status)
	}
}

// Run ticks every period until ctx ends.
func (c *Checkpointer) Run(ctx context.Context, period time.Duration) {
	t := time.NewTicker(period)
	defer t.Stop()
	for {
		if cp, err := c.Tick(ctx); err != nil {
			c.Logger.Error("audit checkpoint", "err", err)
		} else if cp != nil {
			c.Logger.Info("audit checkpoint signed", "sequence", cp.Sequence, "key_id", cp.KeyID)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
