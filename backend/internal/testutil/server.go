package testutil

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/accounts"
	"github.com/qualtrack/qualtrack/backend/internal/api"
	"github.com/qualtrack/qualtrack/backend/internal/app"
	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/auth"
	"github.com/qualtrack/qualtrack/backend/internal/config"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// Password is every test user's password.
const Password = "correct horse battery"

// Secret signs test tokens.
var Secret = []byte("test-secret-test-secret-test-secret-0123")

// Server is a real qualtrack API over a test database, with one signed-in
// user per role.
type Server struct {
	T       testing.TB
	DB      *DB
	Clock   *Clock
	App     *app.App
	API     *api.Server
	Handler http.Handler
	Store   *store.Store
	Config  config.Config
	Users   map[model.Role]model.User
	Tokens  map[model.Role]string
}

// NewServer starts a server at FixedNow with a user per role. Pass a
// function to adjust the configuration (may be nil).
func NewServer(t testing.TB, adjust func(*config.Config)) *Server {
	t.Helper()
	clock := NewClock(FixedNow)
	cfg, err := config.Load(func(string) string { return "" })
	Fatal(t, err, "config")
	cfg.JWTSecret = Secret
	cfg.DataDir = t.TempDir()
	if adjust != nil {
		adjust(&cfg)
	}
	return serverOver(t, newDB(t, clock.Now, cfg.DatabaseTimeout), clock, cfg)
}

// NewServerOver is NewServer over a database the test opened itself (say,
// through a proxy it can cut), migrated, and the clock that stamps it.
func NewServerOver(t testing.TB, db *DB, clock *Clock, adjust func(*config.Config)) *Server {
	t.Helper()
	cfg, err := config.Load(func(string) string { return "" })
	Fatal(t, err, "config")
	cfg.JWTSecret = Secret
	cfg.DataDir = t.TempDir()
	if adjust != nil {
		adjust(&cfg)
	}
	return serverOver(t, db, clock, cfg)
}

func serverOver(t testing.TB, db *DB, clock *Clock, cfg config.Config) *Server {
	t.Helper()
	a, err := app.New(cfg, db.DB, app.Options{Now: clock.Now, Hasher: auth.NewTestHasher()})
	Fatal(t, err, "app.New")
	srv, err := a.HTTP(nil)
	Fatal(t, err, "api.New")
	h, err := srv.Handler()
	Fatal(t, err, "handler")
	s := &Server{T: t, DB: db, Clock: clock, App: a, API: srv, Handler: h, Store: a.Store, Config: cfg,
		Users: map[model.Role]model.User{}, Tokens: map[model.Role]string{}}
	for _, r := range model.Roles {
		u := s.CreateUser(string(r)+"@example.com", r)
		s.Users[r] = u
		s.Tokens[r] = s.Login(u.Email, Password)
	}
	return s
}

// Restart builds a second application over s's database and clock and runs
// the start-up step that rewrites stored data (the recovery-code
// upgrade), as a restarted serve would; users and tokens carry over.
func Restart(t testing.TB, s *Server) *Server {
	t.Helper()
	a, err := app.New(s.Config, s.DB.DB, app.Options{Now: s.Clock.Now, Hasher: auth.NewTestHasher()})
	Fatal(t, err, "app.New")
	Fatal(t, a.UpgradeRecoveryCodes(context.Background()), "upgrade recovery codes")
	srv, err := a.HTTP(nil)
	Fatal(t, err, "api.New")
	h, err := srv.Handler()
	Fatal(t, err, "handler")
	return &Server{T: t, DB: s.DB, Clock: s.Clock, App: a, API: srv, Handler: h, Store: a.Store, Config: s.Config,
		Users: s.Users, Tokens: s.Tokens}
}

// CreateUser adds an active user with Password. A supplier made here is
// bound to no manufacturer (as one whose manufacturer was deleted): it can
// sign in and reads nothing; CreateSupplier binds one.
func (s *Server) CreateUser(email string, role model.Role) model.User {
	s.T.Helper()
	if role == model.RoleSupplier {
		hash, err := auth.NewTestHasher().Hash(context.Background(), Password)
		Fatal(s.T, err, "hash")
		u := model.User{Email: email, Name: "Test supplier", Role: role, PasswordHash: hash, Active: true}
		Fatal(s.T, s.Store.CreateUserWithScope(context.Background(), &u, nil, audit.Actor{Email: "test"}), "create supplier %s", email)
		return u
	}
	u, _, err := s.App.Accounts.Create(context.Background(), accounts.NewUser{Email: email, Name: "Test " + string(role), Role: role,
		Password: Password, Active: true}, audit.Actor{Email: "test"})
	Fatal(s.T, err, "create user %s", email)
	return u
}

// Login signs in and returns the token.
func (s *Server) Login(email, password string) string {
	s.T.Helper()
	r := s.Do("", http.MethodPost, "/api/v1/auth/login", map[string]string{"email": email, "password": password})
	r.Want(http.StatusOK)
	var out struct {
		Token string `json:"token"`
	}
	r.Decode(&out)
	return out.Token
}

// Response is a recorded response.
type Response struct {
	t      testing.TB
	Status int
	Header http.Header
	Body   []byte
	Method string
	Path   string
}

// Do sends a request as role (with its bearer token; "" sends none). body
// is JSON-encoded unless it is a string or []byte, sent as is.
func (s *Server) Do(role model.Role, method, path string, body any) *Response {
	s.T.Helper()
	h := http.Header{}
	if role != "" {
		h.Set("Authorization", "Bearer "+s.Tokens[role])
	}
	return s.DoWith(h, method, path, body)
}

// DoWith sends a request with the given headers.
func (s *Server) DoWith(h http.Header, method, path string, body any) *Response {
	s.T.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	case io.Reader:
		rd = b
	default:
		buf, err := json.Marshal(b)
		Fatal(s.T, err, "encode body")
		rd = bytes.NewReader(buf)
	}
	req := httptest.NewRequest(method, path, rd)
	req.RemoteAddr = "192.0.2.10:4321"
	if rd != nil && h.Get("Content-Type") == "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range h {
		req.Header[k] = v
	}
	rec := httptest.NewRecorder()
	s.Handler.ServeHTTP(rec, req)
	s.checkContract(req, rec)
	return &Response{t: s.T, Status: rec.Code, Header: rec.Header(), Body: rec.Body.Bytes(), Method: method, Path: path}
}

// Want fails the test unless the status is one of want.
func (r *Response) Want(want ...int) *Response {
	r.t.Helper()
	for _, w := range want {
		if r.Status == w {
			return r
		}
	}
	r.t.Fatalf("%s %s: status %d, want %v; body: %s", r.Method, r.Path, r.Status, want, truncate(r.Body))
	return r
}

// Decode reads the JSON body into v.
func (r *Response) Decode(v any) {
	r.t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		r.t.Fatalf("%s %s: decode %s: %v", r.Method, r.Path, truncate(r.Body), err)
	}
}

// JSON returns the body as a map.
func (r *Response) JSON() map[string]any {
	r.t.Helper()
	m := map[string]any{}
	r.Decode(&m)
	return m
}

// ErrorCode returns error.code of an error body ("" if none).
func (r *Response) ErrorCode() string {
	var e struct {
		Error struct {
			Code string `json:"code"`
		} `json:"error"`
	}
	_ = json.Unmarshal(r.Body, &e)
	return e.Error.Code
}

// ErrorFields returns error.fields of an error body.
func (r *Response) ErrorFields() map[string]string {
	var e struct {
		Error struct {
			Fields map[string]string `json:"fields"`
		} `json:"error"`
	}
	_ = json.Unmarshal(r.Body, &e)
	return e.Error.Fields
}

func truncate(b []byte) string {
	if len(b) > 2000 {
		return string(b[:2000]) + "..."
	}
	return string(b)
}

// Date parses a YYYY-MM-DD date or fails the test.
func Date(t testing.TB, s string) model.Date {
	t.Helper()
	d, err := model.ParseDate(s)
	Fatal(t, err, "date")
	return d
}

// Today is FixedNow's date.
func Today() model.Date { return model.DateOf(FixedNow) }

// ErrorCodeMessage returns error.message of an error body.
func (r *Response) ErrorCodeMessage() string {
	var e struct {
		Error struct {
			Message string `json:"message"`
		} `json:"error"`
	}
	_ = json.Unmarshal(r.Body, &e)
	return e.Error.Message
}

// SystemActor is the audit actor of fixtures.
var SystemActor = audit.Actor{Email: "test", Role: "system"}

// checkContract fails the test when the response breaks docs/openapi.yaml.
func (s *Server) checkContract(req *http.Request, rec *httptest.ResponseRecorder) {
	s.T.Helper()
	c, err := OpenAPIContract()
	Fatal(s.T, err, "docs/openapi.yaml")
	if err := c.Check(req, rec.Code, rec.Header(), rec.Body.Bytes()); err != nil {
		s.T.Errorf("the response breaks docs/openapi.yaml: %v\nbody: %s", err, truncate(rec.Body.Bytes()))
	}
}

// Signed adds the signed-in test user's electronic signature (Password and
// meaning) to a request body that makes a signed change.
func Signed(body map[string]any, meaning model.SignatureMeaning) map[string]any {
	out := make(map[string]any, len(body)+1)
	for k, v := range body {
		out[k] = v
	}
	out["signature"] = map[string]any{"password": Password, "meaning": meaning}
	return out
}

// CreateSupplier adds an active supplier with Password, bound to the
// manufacturer (and, when given, some of its sites), and returns it with
// its bearer header.
func (s *Server) CreateSupplier(email string, manufacturer int64, sites ...int64) (model.User, http.Header) {
	s.T.Helper()
	u, _, err := s.App.Accounts.Create(context.Background(), accounts.NewUser{Email: email, Name: "Sam Supplier", Role: model.RoleSupplier,
		Password: Password, Active: true, ScopeManufacturerIDs: []int64{manufacturer}, ScopeSiteIDs: sites}, audit.Actor{Email: "test"})
	Fatal(s.T, err, "create supplier %s", email)
	h := http.Header{}
	h.Set("Authorization", "Bearer "+s.Login(email, Password))
	return u, h
}
