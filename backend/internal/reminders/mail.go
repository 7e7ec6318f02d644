package reminders

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"strings"
	"time"
)

// compose renders m as an RFC 5322 message with CRLF line endings: a
// multipart/alternative body holding the plain text part, then the HTML
// part (the last part is the one mail programs prefer).
func (m Message) compose(from *mail.Address, date time.Time) ([]byte, error) {
	var buf bytes.Buffer
	to := &mail.Address{Name: oneLine(m.ToName), Address: m.To}
	mw := multipart.NewWriter(&buf)
	header := func(k, v string) { fmt.Fprintf(&buf, "%s: %s\r\n", k, v) }
	header("From", from.String())
	header("To", to.String())
	header("Subject", mime.QEncoding.Encode("utf-8", oneLine(m.Subject)))
	header("Date", date.UTC().Format(time.RFC1123Z))
	header("Message-ID", messageID(from.Address))
	header("MIME-Version", "1.0")
	// RFC 3834: an automatic message; well-behaved auto-responders stay quiet.
	header("Auto-Submitted", "auto-generated")
	if m.Unsubscribe != "" {
		// RFC 2369: mail programs show it as an "unsubscribe" button.
		header("List-Unsubscribe", "<"+oneLine(m.Unsubscribe)+">")
	}
	header("Content-Type", `multipart/alternative; boundary="`+mw.Boundary()+`"`)
	buf.WriteString("\r\n")
	for _, part := range []struct{ contentType, body string }{
		{"text/plain; charset=utf-8", m.Text},
		{"text/html; charset=utf-8", m.HTML},
	} {
		pw, err := mw.CreatePart(textproto.MIMEHeader{
			"Content-Type":              {part.contentType},
			"Content-Transfer-Encoding": {"quoted-printable"},
		})
		if err != nil {
			return nil, err
		}
		qp := quotedprintable.NewWriter(pw)
		if _, err := qp.Write([]byte(part.body)); err != nil {
			return nil, err
		}
		if err := qp.Close(); err != nil {
			return nil, err
		}
	}
	if err := mw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// oneLine keeps a header value on one line, whatever the user typed.
func oneLine(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == '\r' || r == '\n' }), " ")
}

func messageID(fromAddr string) string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	domain := "qualtrack.invalid"
	if i := strings.LastIndexByte(fromAddr, '@'); i >= 0 && i < len(fromAddr)-1 {
		domain = fromAddr[i+1:]
	}
	return "<" + hex.EncodeToString(b) + "@" + domain + ">"
}
