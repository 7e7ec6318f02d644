package api_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/config"
	"github.com/qualtrack/qualtrack/backend/internal/database"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// wantUnavailable checks a 503 database_unavailable in the contract's
// error shape, with Retry-After. (That it comes at all proves the deadline:
// against a hung server a request without one never returns, and the test
// run's own timeout fails it; no wall-clock bound a busy machine breaks.)
func wantUnavailable(t *testing.T, what string, r *testutil.Response) {
	t.Helper()
	if r.Status != http.StatusServiceUnavailable || r.ErrorCode() != "database_unavailable" || r.Header.Get("Retry-After") == "" {
		t.Errorf("%s: status %d %s (Retry-After %q), want 503 database_unavailable", what, r.Status, r.Body, r.Header.Get("Retry-After"))
	}
}

// When the database is closed, a signed-in request answers 503
// database_unavailable, not 401 (which would sign the web app's user out)
// and not 500.
func TestDatabaseFailureIsNotASignOut(t *testing.T) {
	t.Parallel()
	srv := testutil.NewServer(t, nil)
	testutil.Fatal(t, database.Close(srv.DB.DB), "close the pool")
	r := srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/sites", nil)
	wantUnavailable(t, "a read on a closed database", r)
	r = srv.Do("", http.MethodPost, "/api/v1/auth/login", map[string]string{"email": "auditor@example.com", "password": testutil.Password})
	wantUnavailable(t, "a sign-in on a closed database", r)
}

// holdLock makes another connection hold the lock the server's calls
// need: on PostgreSQL an exclusive lock on the users and manufacturers
// tables (every signed-in request reads users), on SQLite the write lock
// (readers go on in WAL mode; writers wait). release gives it back.
func holdLock(t *testing.T, db *testutil.DB) (release func()) {
	t.Helper()
	h, err := database.Open(context.Background(), database.Options{Dialect: db.Dialect, DSN: db.DSN})
	testutil.Fatal(t, err, "open the holder")
	tx := h.Begin()
	testutil.Fatal(t, tx.Error, "begin")
	if db.Dialect == database.Postgres {
		testutil.Fatal(t, tx.Exec("LOCK TABLE users, manufacturers IN ACCESS EXCLUSIVE MODE").Error, "lock")
	} else {
		testutil.Fatal(t, tx.Create(&model.Manufacturer{Name: "Lock Holder", Country: "DE"}).Error, "take the write lock")
	}
	var once sync.Once
	release = func() {
		once.Do(func() {
			tx.Rollback()
			database.Close(h)
		})
	}
	t.Cleanup(release)
	return release
}

// A database that does not answer (its lock held by another connection)
// makes a request answer 503 database_unavailable soon after
// QUALTRACK_DATABASE_TIMEOUT instead of hanging; nothing the request tried
// to write is stored; once the database answers again, so does the API.
func TestHungDatabaseAnswers503(t *testing.T) {
	t.Parallel()
	// The deadline bounds the fixture's own writes too (its users are
	// created through the store): short enough to keep the test quick,
	// long enough for those writes on a loaded machine under the race
	// detector.
	const deadline = 2 * time.Second
	srv := testutil.NewServer(t, func(c *config.Config) { c.DatabaseTimeout = deadline })
	release := holdLock(t, srv.DB)

	r := srv.Do(model.RoleManager, http.MethodPost, "/api/v1/manufacturers", map[string]any{"name": "Hung Write GmbH", "country": "DE"})
	wantUnavailable(t, "a write", r)
	r = srv.Do("", http.MethodPost, "/api/v1/auth/login", map[string]string{"email": "manager@example.com", "password": "wrong password here"})
	wantUnavailable(t, "a sign-in", r)
	if srv.DB.Dialect == database.Postgres {
		r = srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/manufacturers", nil)
		wantUnavailable(t, "a read", r)
	} else {
		srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/manufacturers", nil).Want(http.StatusOK)
	}

	release()
	srv.Do(model.RoleManager, http.MethodPost, "/api/v1/manufacturers", map[string]any{"name": "After The Lock GmbH", "country": "DE"}).Want(http.StatusCreated)
	var n int64
	testutil.Fatal(t, srv.DB.Model(&model.Manufacturer{}).Where("name = ?", "Hung Write GmbH").Count(&n).Error, "count")
	if n != 0 {
		t.Errorf("the write answered 503 was stored later (%d rows)", n)
	}
	srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/manufacturers", nil).Want(http.StatusOK)
	// The wrong password was never checked, so it did not count against
	// the account: the right one signs in.
	srv.Login("manager@example.com", testutil.Password)
}

// tcpProxy forwards connections to target until told to hang (it keeps
// every connection open and passes nothing on, like a database host that
// stopped answering) or to go down (it closes every connection and
// refuses new ones).
type tcpProxy struct {
	ln     net.Listener
	target string

	mu    sync.Mutex
	hung  bool
	conns []net.Conn
}

func startProxy(t *testing.T, target string) *tcpProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	testutil.Fatal(t, err, "listen")
	p := &tcpProxy{ln: ln, target: target}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go p.serve(c)
		}
	}()
	t.Cleanup(p.down)
	return p
}

func (p *tcpProxy) serve(c net.Conn) {
	p.mu.Lock()
	p.conns = append(p.conns, c)
	hung := p.hung
	p.mu.Unlock()
	if hung {
		_, _ = io.Copy(io.Discard, c)
		return
	}
	up, err := net.Dial("tcp", p.target)
	if err != nil {
		c.Close()
		return
	}
	p.mu.Lock()
	p.conns = append(p.conns, up)
	p.mu.Unlock()
	pipe := func(dst, src net.Conn) {
		buf := make([]byte, 32<<10)
		for {
			n, err := src.Read(buf)
			if err != nil {
				dst.Close()
				return
			}
			p.mu.Lock()
			hung := p.hung
			p.mu.Unlock()
			if !hung {
				if _, err := dst.Write(buf[:n]); err != nil {
					return
				}
			}
		}
	}
	go pipe(up, c)
	pipe(c, up)
}

func (p *tcpProxy) hang() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.hung = true
}

func (p *tcpProxy) down() {
	p.ln.Close()
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

// A PostgreSQL server that stops answering mid-operation, then goes away
// altogether: requests answer 503 database_unavailable soon after the
// deadline, never hang and never 500. (On SQLite the database is a file
// of the process; TestDatabaseFailureIsNotASignOut closes it.)
func TestUnreachablePostgresAnswers503(t *testing.T) {
	base := os.Getenv(testutil.PostgresURLEnv)
	if base == "" {
		t.Skip("a PostgreSQL server across the network: set " + testutil.PostgresURLEnv)
	}
	t.Parallel()
	const deadline = 500 * time.Millisecond
	clock := testutil.NewClock(testutil.FixedNow)
	direct := testutil.NewDB(t, clock.Now)
	u, err := url.Parse(direct.DSN)
	testutil.Fatal(t, err, "parse the DSN")
	proxy := startProxy(t, u.Host)
	u.Host = proxy.ln.Addr().String()
	h, err := database.Open(context.Background(), database.Options{Dialect: database.Postgres, DSN: u.String(), Now: clock.Now, Timeout: deadline})
	testutil.Fatal(t, err, "open through the proxy")
	t.Cleanup(func() { database.Close(h) })
	srv := testutil.NewServerOver(t, &testutil.DB{DB: h, Dialect: database.Postgres, DSN: u.String()}, clock, nil)
	srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/sites", nil).Want(http.StatusOK)

	proxy.hang()
	r := srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/sites", nil)
	wantUnavailable(t, "a read from a hung server", r)
	r = srv.Do(model.RoleManager, http.MethodPost, "/api/v1/manufacturers", map[string]any{"name": "Never Stored GmbH", "country": "DE"})
	wantUnavailable(t, "a write to a hung server", r)

	proxy.down()
	r = srv.Do(model.RoleAuditor, http.MethodGet, "/api/v1/sites", nil)
	wantUnavailable(t, "a read from a server that is gone", r)
	r = srv.Do("", http.MethodPost, "/api/v1/auth/login", map[string]string{"email": "auditor@example.com", "password": testutil.Password})
	wantUnavailable(t, "a sign-in with the server gone", r)

	var n int64
	testutil.Fatal(t, direct.Model(&model.Manufacturer{}).Where("name = ?", "Never Stored GmbH").Count(&n).Error, "count")
	if n != 0 {
		t.Errorf("the write answered 503 was stored (%d rows)", n)
	}
}
