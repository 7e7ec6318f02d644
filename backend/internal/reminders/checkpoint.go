package reminders

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
)

// CheckpointMail publishes each signed audit checkpoint by e-mail, one
// message to each address: someone who keeps the message outside the
// server holds a copy that whoever controls the database cannot change.
// Every address is tried; the error names those that failed.
func CheckpointMail(m Mailer, to []string, baseURL string) func(ctx context.Context, cp audit.Head) error {
	return func(ctx context.Context, cp audit.Head) error {
		var errs []error
		for _, addr := range to {
			if err := m.Send(ctx, CheckpointMessage(cp, addr, baseURL)); err != nil {
				errs = append(errs, fmt.Errorf("checkpoint to %s: %w", addr, err))
			}
		}
		return errors.Join(errs...)
	}
}

// CheckpointMessage is the e-mail of one checkpoint: what it is, how to
// check it later, and the signed head as the JSON the web app and
// `qualtrack audit verify --head` take.
func CheckpointMessage(cp audit.Head, to, baseURL string) Message {
	raw, _ := json.Marshal(cp) // a Head always encodes
	head := string(raw)
	when := cp.OccurredAt.UTC().Format(time.RFC3339)
	link := baseURL + "/audit-trail"
	text := fmt.Sprintf(`qualtrack signed the head of its audit trail: event %d (hash %s, recorded %s).

Keep this message, or the signed head below saved as a .json file, where the qualtrack server and its database cannot reach it. Later anyone can check that the trail still holds this head: in qualtrack open Audit trail and use "Check a kept head", or run: qualtrack audit verify --head FILE
If events up to this one were removed or rewritten since, the check fails, even when whoever did it controls the database.

Signed head (key %s):
%s

Audit trail: %s
`, cp.Sequence, cp.Hash, when, cp.KeyID, head, link)
	body := fmt.Sprintf(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Audit checkpoint</title></head>
<body style="font-family: sans-serif; line-height: 1.5; color: #1a1b1e; max-width: 640px">
<p>qualtrack signed the head of its audit trail: <strong>event %d</strong> (recorded %s).</p>
<p>Keep this message, or the signed head below saved as a <code>.json</code> file, where the qualtrack server and its database cannot reach it. Later anyone can check that the trail still holds this head: in qualtrack open <a href="%s">Audit trail</a> and use <em>Check a kept head</em>, or run <code>qualtrack audit verify --head FILE</code>. If events up to this one were removed or rewritten since, the check fails, even when whoever did it controls the database.</p>
<p>Signed head (key %s):</p>
<pre style="white-space: pre-wrap; word-break: break-all; background: #f1f3f5; padding: 8px">%s</pre>
</body></html>
`, cp.Sequence, html.EscapeString(when), html.EscapeString(link), html.EscapeString(cp.KeyID), html.EscapeString(head))
	return Message{To: to, Subject: fmt.Sprintf("qualtrack audit checkpoint: event %d", cp.Sequence), Text: text, HTML: body}
}
