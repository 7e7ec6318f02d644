package api_test

import (
	"bufio"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	"net/http"
	"net/mail"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/config"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// mailSink is an SMTP server that accepts every message and keeps it.
type mailSink struct {
	ln    net.Listener
	mu    sync.Mutex
	mails []string
}

func startMailSink(t *testing.T) *mailSink {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &mailSink{ln: ln}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go s.serve(conn)
		}
	}()
	return s
}

func (s *mailSink) serve(conn net.Conn) {
	defer conn.Close()
	r := bufio.NewReader(conn)
	say := func(line string) { _, _ = io.WriteString(conn, line+"\r\n") }
	say("220 sink")
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		switch cmd := strings.ToUpper(strings.TrimSpace(line)); {
		case strings.HasPrefix(cmd, "EHLO"), strings.HasPrefix(cmd, "HELO"):
			say("250 sink")
		case cmd == "DATA":
			say("354 go on")
			var data strings.Builder
			for {
				l, err := r.ReadString('\n')
				if err != nil {
					return
				}
				if l == ".\r\n" {
					break
				}
				data.WriteString(strings.TrimPrefix(l, "."))
			}
			s.mu.Lock()
			s.mails = append(s.mails, data.String())
			s.mu.Unlock()
			say("250 kept")
		case cmd == "QUIT":
			say("221 bye")
			return
		default:
			say("250 ok")
		}
	}
}

// last is the last message received: its subject, and its parts' text.
func (s *mailSink) last(t *testing.T) (subject, text, html string) {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.mails) == 0 {
		t.Fatal("no e-mail was sent")
	}
	msg, err := mail.ReadMessage(strings.NewReader(s.mails[len(s.mails)-1]))
	if err != nil {
		t.Fatal(err)
	}
	subject, err = new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if err != nil {
		t.Fatal(err)
	}
	_, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil {
		t.Fatal(err)
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(quotedprintable.NewReader(part))
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(part.Header.Get("Content-Type"), "text/html") {
			html = string(b)
		} else {
			text = string(b)
		}
	}
	return subject, text, html
}

func (s *mailSink) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.mails)
}

var invitationEnglish = regexp.MustCompile(`(?i)\b(hello|invites?|you|your|answer|requests?|questionnaires?|change|notifications?|company|sites?|choose|password|link|works?|once|until|ignore|e-mail|account)\b`)

// With an SMTP server configured, an invitation is e-mailed in the
// invitation's language: a Chinese invitation has no English word left but
// names, addresses and the product's name; an English one is English; a
// new link for the same person keeps its language; an unknown language is
// refused.
func TestInvitationMailSpeaksTheInvitationsLanguage(t *testing.T) {
	t.Parallel()
	sink := startMailSink(t)
	port := sink.ln.Addr().(*net.TCPAddr).Port
	srv := testutil.NewServer(t, func(c *config.Config) {
		c.SMTP = config.SMTP{Host: "127.0.0.1", Port: port, From: "qualtrack <qualtrack@buyer.example>", TLS: config.SMTPTLSNone, Timeout: config.DefaultSMTPTimeout}
	})
	b := testutil.NewBuilder(t, srv.Store)
	m := b.Manufacturer("Shenzhen Boards")

	r := srv.Do(model.RoleManager, http.MethodPost, "/api/v1/supplier-invitations",
		map[string]any{"email": "x@sz.example", "name": "X Y", "manufacturer_id": m.ID, "language": "fr"}).Want(http.StatusUnprocessableEntity)
	if r.ErrorFields()["language"] == "" {
		t.Errorf("an unknown language: fields %v", r.ErrorFields())
	}
	if sink.count() != 0 {
		t.Fatal("a refused invitation was e-mailed")
	}

	inv := apiRecord(srv.Do(model.RoleManager, http.MethodPost, "/api/v1/supplier-invitations",
		map[string]any{"email": "lin@sz.example", "name": "林伟", "manufacturer_id": m.ID, "language": "zh-CN"}).Want(http.StatusCreated).JSON())
	if inv["emailed"] != true || inv["invitation_url"] != nil || inv.obj("user").str("language") != "zh-CN" {
		t.Fatalf("the Chinese invitation = %v", inv)
	}
	subject, text, html := sink.last(t)
	if subject != "您的 qualtrack 邀请" || !strings.Contains(text, "林伟，您好：") || !strings.Contains(text, "设置您的密码") ||
		!strings.Contains(text, "（UTC）") || !strings.Contains(html, `<html lang="zh-CN">`) || !strings.Contains(text, "/invitation?lang=zh-CN#") {
		t.Errorf("the Chinese invitation e-mail:\n%s\n%s", subject, text)
	}
	for _, part := range []string{subject, text, html} {
		words := regexp.MustCompile(`https?://\S+|<[^>]*>|&[a-z#0-9]+;|qualtrack|UTC`).ReplaceAllString(part, " ")
		if w := invitationEnglish.FindAllString(words, -1); len(w) > 0 {
			t.Errorf("English words left in the Chinese invitation: %q", w)
		}
	}

	// A new link for the same person is written in the same language.
	srv.Do(model.RoleManager, http.MethodPost, "/api/v1/supplier-users/"+itoa(inv.obj("user").id())+"/invitation", nil).Want(http.StatusOK)
	if subject, _, _ := sink.last(t); subject != "您的 qualtrack 邀请" || sink.count() != 2 {
		t.Errorf("the new link's e-mail: %q (%d e-mails)", subject, sink.count())
	}

	srv.Do(model.RoleManager, http.MethodPost, "/api/v1/supplier-invitations",
		map[string]any{"email": "ona@sz.example", "name": "Ona", "manufacturer_id": m.ID}).Want(http.StatusCreated)
	subject, text, _ = sink.last(t)
	if subject != "Your qualtrack invitation" || !strings.Contains(text, "Hello Ona,") || !strings.Contains(text, "Choose your password here") {
		t.Errorf("the English invitation e-mail:\n%s\n%s", subject, text)
	}
}
