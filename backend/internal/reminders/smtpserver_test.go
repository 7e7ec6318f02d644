package reminders_test

import (
	"bufio"
	"crypto/tls"
	"encoding/base64"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
)

// smtpServer is a small SMTP server for tests: it speaks EHLO/HELO,
// STARTTLS (when given a certificate), AUTH PLAIN, MAIL, RCPT, DATA, RSET,
// NOOP and QUIT on 127.0.0.1, and keeps what it received.
type smtpServer struct {
	t        *testing.T
	ln       net.Listener
	tls      *tls.Config // nil: no STARTTLS offered
	password string      // "": AUTH not offered; else the password accepted
	wg       sync.WaitGroup

	mu    sync.Mutex
	mails []receivedMail
	// refuse answers RCPT TO these addresses with the reply given.
	refuse map[string]string
	// hang accepts connections and never answers.
	hang bool
}

// refuseRecipient makes the server answer RCPT TO addr with reply.
func (s *smtpServer) refuseRecipient(addr, reply string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.refuse == nil {
		s.refuse = map[string]string{}
	}
	s.refuse[addr] = reply
}

// receivedMail is one message as the server saw it.
type receivedMail struct {
	From    string
	To      []string
	Data    string // the message, CRLF line endings, dot-stuffing undone
	BareLF  bool   // a line ended in LF without CR
	Auth    string // user:password of AUTH PLAIN
	UsedTLS bool
}

func startSMTP(t *testing.T, tlsConfig *tls.Config, password string) *smtpServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &smtpServer{t: t, ln: ln, tls: tlsConfig, password: password}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s.wg.Add(1)
			go func() {
				defer s.wg.Done()
				s.session(c)
			}()
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		s.wg.Wait()
	})
	return s
}

func (s *smtpServer) port() string {
	_, p, _ := net.SplitHostPort(s.ln.Addr().String())
	return p
}

func (s *smtpServer) received() []receivedMail {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]receivedMail(nil), s.mails...)
}

func (s *smtpServer) session(c net.Conn) {
	defer func() { c.Close() }()
	r, w := bufio.NewReader(c), bufio.NewWriter(c)
	reply := func(lines ...string) {
		for _, l := range lines {
			w.WriteString(l + "\r\n")
		}
		w.Flush()
	}
	var cur receivedMail
	usedTLS := false
	s.mu.Lock()
	hang := s.hang
	s.mu.Unlock()
	if hang {
		_, _ = io.Copy(io.Discard, r) // until the client gives up
		return
	}
	reply("220 test.invalid ESMTP ready")
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		line = strings.TrimRight(line, "\r\n")
		verb, arg, _ := strings.Cut(line, " ")
		switch strings.ToUpper(verb) {
		case "EHLO":
			ext := []string{"250-test.invalid greets " + arg, "250-8BITMIME"}
			if s.tls != nil && !usedTLS {
				ext = append(ext, "250-STARTTLS")
			}
			if s.password != "" {
				ext = append(ext, "250-AUTH PLAIN")
			}
			ext = append(ext, "250 SMTPUTF8")
			reply(ext...)
		case "HELO":
			reply("250 test.invalid")
		case "STARTTLS":
			if s.tls == nil {
				reply("502 not offered")
				continue
			}
			reply("220 go ahead")
			tc := tls.Server(c, s.tls)
			if err := tc.Handshake(); err != nil {
				return
			}
			c, usedTLS = tc, true
			r, w = bufio.NewReader(c), bufio.NewWriter(c)
		case "AUTH":
			mech, resp, _ := strings.Cut(arg, " ")
			raw, err := base64.StdEncoding.DecodeString(resp)
			parts := strings.Split(string(raw), "\x00")
			if strings.ToUpper(mech) != "PLAIN" || err != nil || len(parts) != 3 || parts[2] != s.password {
				reply("535 5.7.8 authentication failed")
				continue
			}
			cur.Auth = parts[1] + ":" + parts[2]
			reply("235 2.7.0 accepted")
		case "MAIL":
			cur.From = bracketed(arg)
			reply("250 ok")
		case "RCPT":
			s.mu.Lock()
			refused, ok := s.refuse[bracketed(arg)]
			s.mu.Unlock()
			if ok {
				reply(refused)
				continue
			}
			cur.To = append(cur.To, bracketed(arg))
			reply("250 ok")
		case "DATA":
			reply("354 end with <CRLF>.<CRLF>")
			var data strings.Builder
			for {
				l, err := r.ReadString('\n')
				if err != nil {
					return
				}
				if !strings.HasSuffix(l, "\r\n") {
					cur.BareLF = true
				}
				if l == ".\r\n" {
					break
				}
				data.WriteString(strings.TrimPrefix(l, "."))
			}
			cur.Data, cur.UsedTLS = data.String(), usedTLS
			s.mu.Lock()
			s.mails = append(s.mails, cur)
			s.mu.Unlock()
			cur = receivedMail{Auth: cur.Auth}
			reply("250 queued")
		case "RSET":
			cur = receivedMail{Auth: cur.Auth}
			reply("250 ok")
		case "NOOP":
			reply("250 ok")
		case "QUIT":
			reply("221 bye")
			return
		default:
			reply("502 command not implemented")
		}
	}
}

// bracketed is the address in "FROM:<a@b> BODY=8BITMIME".
func bracketed(arg string) string {
	_, rest, _ := strings.Cut(arg, "<")
	addr, _, _ := strings.Cut(rest, ">")
	return addr
}
