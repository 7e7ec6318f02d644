package main

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx"
	_ "modernc.org/sqlite"             // database/sql driver "sqlite"

	"github.com/qualtrack/qualtrack/backend/cmd/loadtest/floor"
	"github.com/qualtrack/qualtrack/backend/internal/database"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
)

// openFloorDB opens the database the server uses, with the server's pool
// size and (for SQLite) its DSN and pragmas.
func openFloorDB(dsn string) (floor.Floor, error) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		db, err := sql.Open("pgx", dsn)
		if err != nil {
			return floor.Floor{}, err
		}
		db.SetMaxOpenConns(20)
		db.SetMaxIdleConns(10)
		return floor.Floor{DB: db, Postgres: true}, db.Ping()
	}
	db, err := sql.Open("sqlite", database.SQLiteDSN(dsn))
	if err != nil {
		return floor.Floor{}, err
	}
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(8)
	return floor.Floor{DB: db}, db.Ping()
}

// floorHandler serves /sites?page=N and /dashboard from the floor. The
// dashboard is computed as of today with the default expiry window, every
// time (the floor has no cache).
func floorHandler(f floor.Floor) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/sites", func(w http.ResponseWriter, r *http.Request) {
		page, _ := strconv.Atoi(r.URL.Query().Get("page"))
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		if err := f.WritePage(r.Context(), max(page, 1), w); err != nil && r.Context().Err() == nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
		}
	})
	mux.HandleFunc("/dashboard", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		err := f.WriteDashboard(r.Context(), time.Now().UTC(), qualification.DefaultExpiringWithinDays, w)
		if err != nil && r.Context().Err() == nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
		}
	})
	return mux
}

// measureFloors serves the floor handler on a loopback port and loads it
// like the sites-list scenario and like the dashboard scenario, as each is
// wanted.
func measureFloors(ctx context.Context, o options, fx fixture, sitesList, dashboard bool) ([]result, error) {
	f, err := openFloorDB(o.floorDB)
	if err != nil {
		return nil, err
	}
	defer f.DB.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	hs := &http.Server{Handler: floorHandler(f), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = hs.Serve(ln) }()
	defer hs.Close()
	c := newClient("http://"+ln.Addr().String(), o.clients)
	pages := min(fx.pages, 50)
	var scs []scenario
	if sitesList {
		scs = append(scs, scenario{name: "sites-list floor", clients: o.clients, next: func(r *rand.Rand) request {
			return request{method: http.MethodGet, path: fmt.Sprintf("/sites?page=%d", 1+r.IntN(pages))}
		}})
	}
	if dashboard {
		scs = append(scs, scenario{name: "dashboard floor", clients: o.clients, next: func(*rand.Rand) request {
			return request{method: http.MethodGet, path: "/dashboard"}
		}})
	}
	var out []result
	for _, sc := range scs {
		first := sc.next(rand.New(rand.NewPCG(1, 1)))
		status, body, err := c.do(ctx, http.MethodGet, first.path, nil)
		if err != nil || status != http.StatusOK {
			return nil, fmt.Errorf("floor handler %s: %d %v %.200s", first.path, status, err, body)
		}
		r := measure(ctx, c, sc, o.warmup, o.duration, 0) // client and server share this process: no CPU figure
		r.Note = "floor (database/sql + encoding/json + net/http, in the load tool's process)"
		out = append(out, r)
	}
	return out, nil
}
