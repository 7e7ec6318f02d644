package database

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/gorm"
	"modernc.org/sqlite"
)

// DefaultTimeout is how long a database call, or a whole transaction, may
// take unless the caller's context says otherwise
// (QUALTRACK_DATABASE_TIMEOUT). The largest import ends well inside it.
const DefaultTimeout = 30 * time.Second

// deadlines gives every statement a deadline: a call whose context has
// none gets the database's timeout, so a hung or unreachable database
// answers with an error instead of holding the request, its connection
// and its goroutine for ever. A context that already has a deadline keeps
// it (a transaction's, or a long report's).
type deadlines struct{ timeout time.Duration }

const (
	deadlinesName = "qualtrack:deadlines"
	cancelKey     = "qualtrack:cancel_deadline"
)

func (d *deadlines) Name() string { return deadlinesName }

func (d *deadlines) Initialize(db *gorm.DB) error {
	cb := db.Callback()
	for _, p := range []struct {
		name   string
		before func(string, func(*gorm.DB)) error
		after  func(string, func(*gorm.DB)) error
	}{
		{"create", cb.Create().Before("*").Register, cb.Create().After("*").Register},
		{"query", cb.Query().Before("*").Register, cb.Query().After("*").Register},
		{"update", cb.Update().Before("*").Register, cb.Update().After("*").Register},
		{"delete", cb.Delete().Before("*").Register, cb.Delete().After("*").Register},
		{"raw", cb.Raw().Before("*").Register, cb.Raw().After("*").Register},
	} {
		if err := p.before(deadlinesName+":"+p.name, d.start); err != nil {
			return err
		}
		if err := p.after(deadlinesName+":"+p.name+"_end", d.end); err != nil {
			return err
		}
	}
	// Row (and Rows, Scan) hand back a cursor that is read after the
	// callbacks ran, so its deadline cannot end with them: it ends when
	// the caller's context does, or when it passes.
	return cb.Row().Before("*").Register(deadlinesName+":row", d.startRow)
}

// bounded is a statement's own deadline and the context it replaced.
type bounded struct {
	parent context.Context
	cancel context.CancelFunc
}

func (d *deadlines) start(db *gorm.DB) {
	parent := db.Statement.Context
	if parent == nil {
		parent = context.Background()
	}
	ctx, cancel, ok := d.bound(parent)
	if ok {
		db.Statement.Context = ctx
		db.InstanceSet(cancelKey, bounded{parent: parent, cancel: cancel})
	}
}

// end gives the statement its caller's context back before ending its
// deadline: the query log that runs next must see the caller's context,
// not one this callback cancelled.
func (d *deadlines) end(db *gorm.DB) {
	if v, ok := db.InstanceGet(cancelKey); ok {
		b := v.(bounded)
		db.Statement.Context = b.parent
		b.cancel()
	}
}

func (d *deadlines) startRow(db *gorm.DB) {
	parent := db.Statement.Context
	ctx, cancel, ok := d.bound(parent)
	if ok {
		db.Statement.Context = ctx
		if parent != nil {
			context.AfterFunc(parent, cancel)
		}
	}
}

// bound returns ctx with the timeout, unless it already has a deadline.
func (d *deadlines) bound(ctx context.Context) (context.Context, context.CancelFunc, bool) {
	if ctx == nil {
		ctx = context.Background()
	}
	if _, has := ctx.Deadline(); has {
		return ctx, nil, false
	}
	c, cancel := context.WithTimeout(ctx, d.timeout)
	return c, cancel, true
}

// Timeout is the deadline db gives a call or a transaction.
func Timeout(db *gorm.DB) time.Duration {
	if p, ok := db.Config.Plugins[deadlinesName].(*deadlines); ok {
		return p.timeout
	}
	return DefaultTimeout
}

// WithDeadline bounds ctx by db's timeout, unless it has a deadline
// already. Transactions take it before they begin: beginning one and
// committing it are database calls too, which no statement callback sees.
func WithDeadline(ctx context.Context, db *gorm.DB) (context.Context, context.CancelFunc) {
	if _, has := ctx.Deadline(); has {
		return ctx, func() {}
	}
	return context.WithTimeout(ctx, Timeout(db))
}

// Unavailable reports whether err says the database could not answer (it
// is down, unreachable, closed, out of space, or did not answer within the
// deadline), rather than that the request was wrong: the API answers 503
// for these, not 500.
func Unavailable(err error) bool {
	if err == nil {
		return false
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, driver.ErrBadConn) || errors.Is(err, sql.ErrConnDone) ||
		errors.Is(err, io.ErrUnexpectedEOF) || pgconn.Timeout(err) {
		return true
	}
	// database/sql's own error for a closed pool is not exported.
	if strings.Contains(err.Error(), "sql: database is closed") {
		return true
	}
	var connect *pgconn.ConnectError
	if errors.As(err, &connect) {
		return true
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch {
		case strings.HasPrefix(pgErr.Code, "08"), // connection exception
			strings.HasPrefix(pgErr.Code, "53"), // insufficient resources: disk full, too many connections
			strings.HasPrefix(pgErr.Code, "57"), // operator intervention: statement timeout, shutdown
			pgErr.Code == "55P03":               // lock not available (lock_timeout)
			return true
		}
		return false
	}
	var sqliteErr *sqlite.Error
	if errors.As(err, &sqliteErr) {
		switch sqliteErr.Code() & 0xff {
		case 5, 6, 8, 9, 10, 13, 14: // BUSY, LOCKED, READONLY, INTERRUPT, IOERR, FULL, CANTOPEN
			return true
		}
		return false
	}
	var netErr net.Error
	return errors.As(err, &netErr)
}
