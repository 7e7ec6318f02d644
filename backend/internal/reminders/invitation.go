package reminders

import (
	"bytes"
	"fmt"
	htmltemplate "html/template"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

// Invitation is what an invitation e-mail says: to whom, from whom, the
// link that sets the password and when it stops working.
type Invitation struct {
	Email, Name string
	Inviter     string
	Link        string
	Expires     time.Time
	Language    model.Language
}

// InvitationMessage is the e-mail that carries a supplier's invitation
// link, in the invitation's language through the message catalog, as
// plain text and HTML (which says its language).
func InvitationMessage(inv Invitation) (Message, error) {
	p := printer(inv.Language)
	v := struct {
		Lang, Title, Hello, Intro, Choose, Button, Link, Ignore string
	}{
		Lang:   languageTag(inv.Language),
		Title:  p.Sprintf("Your qualtrack invitation"),
		Hello:  p.Sprintf("Hello %s,", inv.Name),
		Intro:  p.Sprintf("%s invites you to qualtrack, where you answer corrective-action requests and questionnaires and send change notifications for your company's sites.", inv.Inviter),
		Choose: p.Sprintf("Choose your password here (the link works once, until %s):", writeTime(inv.Language, inv.Expires)),
		Button: p.Sprintf("Choose your password"),
		Link:   inv.Link,
		Ignore: p.Sprintf("If you do not expect this invitation, ignore this e-mail: no account is used until a password is chosen."),
	}
	text := fmt.Sprintf("%s\n\n%s\n\n%s\n%s\n\n%s\n", v.Hello, v.Intro, v.Choose, v.Link, v.Ignore)
	var html bytes.Buffer
	if err := invitationHTML.Execute(&html, v); err != nil {
		return Message{}, fmt.Errorf("reminders: render invitation: %w", err)
	}
	return Message{To: inv.Email, ToName: inv.Name, Subject: v.Title, Text: text, HTML: html.String()}, nil
}

// writeTime writes an instant in UTC as lang reads it.
func writeTime(lang model.Language, t time.Time) string {
	t = t.UTC()
	if lang == model.LanguageSimplifiedChinese {
		return fmt.Sprintf("%d年%d月%d日 %s（UTC）", t.Year(), int(t.Month()), t.Day(), t.Format("15:04"))
	}
	return t.Format("2006-01-02 15:04") + " UTC"
}

var invitationHTML = htmltemplate.Must(htmltemplate.New("invitation").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
</head>
<body style="margin:0;padding:0;background:#f1f3f5;">
<div style="max-width:640px;margin:0 auto;padding:16px;background:#ffffff;font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;font-size:15px;line-height:1.45;color:#1a1b1e;">
<p style="margin:0 0 12px;">{{.Hello}}</p>
<p style="margin:0 0 16px;">{{.Intro}}</p>
<p style="margin:0 0 8px;">{{.Choose}}</p>
<p style="margin:0 0 16px;"><a href="{{.Link}}" style="display:inline-block;padding:10px 16px;background:#1c7ed6;color:#ffffff;border-radius:4px;text-decoration:none;font-weight:600;">{{.Button}}</a></p>
<p style="margin:0 0 16px;word-break:break-all;color:#495057;font-size:13px;">{{.Link}}</p>
<p style="color:#868e96;font-size:13px;margin:24px 0 0;">{{.Ignore}}</p>
</div>
</body>
</html>
`))
