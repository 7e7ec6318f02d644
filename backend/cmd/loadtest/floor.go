package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx"
	_ "modernc.org/sqlite"             // database/sql driver "sqlite"

	"github.com/qualtrack/qualtrack/backend/internal/database"
)

// The floor: the SQL the sites list page runs (count, one page of rows,
// then manufacturer names, open findings and certificates for the page,
// each one grouped query), through database/sql, encoded with
// encoding/json and served by net/http. No router, no auth, no logging.
// The app's figure over this one is the cost of everything else.

const (
	floorCount = `SELECT count(*) FROM sites WHERE sites.archived_at IS NULL`
	floorPage  = `SELECT * FROM sites WHERE sites.archived_at IS NULL ORDER BY sites.code ASC, id ASC LIMIT 50 OFFSET ?`
	floorMfrs  = `SELECT id, name FROM manufacturers WHERE id IN (%s)`
	floorFinds = `SELECT site_id, severity, count(*) AS n FROM findings WHERE site_id IN (%s) AND status IN ('open','in_progress') GROUP BY site_id, severity`
	floorCerts = `SELECT site_id, expires_on, withdrawn, count(*) AS n FROM certifications WHERE site_id IN (%s) GROUP BY site_id, expires_on, withdrawn`
)

type floorServer struct {
	db       *sql.DB
	postgres bool
}

// openFloorDB opens the database the server uses, with the server's pool
// size and (for SQLite) its DSN and pragmas.
func openFloorDB(dsn string) (*floorServer, error) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		db, err := sql.Open("pgx", dsn)
		if err != nil {
			return nil, err
		}
		db.SetMaxOpenConns(20)
		db.SetMaxIdleConns(10)
		return &floorServer{db: db, postgres: true}, db.Ping()
	}
	db, err := sql.Open("sqlite", database.SQLiteDSN(dsn))
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(8)
	return &floorServer{db: db}, db.Ping()
}

// rebind turns ? placeholders into $n for PostgreSQL.
func (f *floorServer) rebind(q string) string {
	if !f.postgres {
		return q
	}
	var b strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func (f *floorServer) in(q string, ids []any) string {
	return f.rebind(fmt.Sprintf(q, strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",")))
}

func (f *floorServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	page, _ := strconv.Atoi(r.URL.Query().Get("page"))
	page = max(page, 1)
	out, err := f.list(r.Context(), page)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_ = json.NewEncoder(w).Encode(out)
}

func (f *floorServer) list(ctx context.Context, page int) (map[string]any, error) {
	var total int64
	if err := f.db.QueryRowContext(ctx, floorCount).Scan(&total); err != nil {
		return nil, err
	}
	rows, err := f.db.QueryContext(ctx, f.rebind(floorPage), (page-1)*50)
	if err != nil {
		return nil, err
	}
	items, err := scanMaps(rows)
	if err != nil {
		return nil, err
	}
	ids, mfrs := make([]any, len(items)), make([]any, 0, len(items))
	index := map[int64]map[string]any{}
	for i, it := range items {
		id := asInt(it["id"])
		ids[i], index[id] = id, it
		mfrs = append(mfrs, asInt(it["manufacturer_id"]))
		it["open_findings"] = map[string]int64{}
		it["certification_summary"] = map[string]int64{}
	}
	if len(items) > 0 {
		names, err := f.pairs(ctx, f.in(floorMfrs, mfrs), mfrs)
		if err != nil {
			return nil, err
		}
		for _, it := range items {
			it["manufacturer_name"] = names[asInt(it["manufacturer_id"])]
		}
		rows, err := f.db.QueryContext(ctx, f.in(floorFinds, ids), ids...)
		if err != nil {
			return nil, err
		}
		finds, err := scanMaps(rows)
		if err != nil {
			return nil, err
		}
		for _, r := range finds {
			index[asInt(r["site_id"])]["open_findings"].(map[string]int64)[fmt.Sprint(r["severity"])] += asInt(r["n"])
		}
		rows, err = f.db.QueryContext(ctx, f.in(floorCerts, ids), ids...)
		if err != nil {
			return nil, err
		}
		certs, err := scanMaps(rows)
		if err != nil {
			return nil, err
		}
		for _, r := range certs {
			index[asInt(r["site_id"])]["certification_summary"].(map[string]int64)["total"] += asInt(r["n"])
		}
	}
	return map[string]any{"items": items, "total": total, "page": page, "page_size": 50}, nil
}

func (f *floorServer) pairs(ctx context.Context, q string, args []any) (map[int64]string, error) {
	rows, err := f.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, err
		}
		out[id] = name
	}
	return out, rows.Err()
}

// scanMaps reads every row as column name -> value.
func scanMaps(rows *sql.Rows) ([]map[string]any, error) {
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	var out []map[string]any
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		m := make(map[string]any, len(cols))
		for i, c := range cols {
			if b, ok := vals[i].([]byte); ok {
				vals[i] = string(b)
			}
			m[c] = vals[i]
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

func asInt(v any) int64 {
	switch x := v.(type) {
	case int64:
		return x
	case int32:
		return int64(x)
	case int:
		return int64(x)
	case float64:
		return int64(x)
	case string:
		n, _ := strconv.ParseInt(x, 10, 64)
		return n
	}
	return 0
}

// measureFloor serves the floor handler on a loopback port and loads it
// like the sites-list scenario.
func measureFloor(ctx context.Context, o options, fx fixture) (result, error) {
	f, err := openFloorDB(o.floorDB)
	if err != nil {
		return result{}, err
	}
	defer f.db.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return result{}, err
	}
	hs := &http.Server{Handler: f, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = hs.Serve(ln) }()
	defer hs.Close()
	c := newClient("http://"+ln.Addr().String(), o.clients)
	pages := min(fx.pages, 50)
	sc := scenario{name: "sites-list floor", clients: o.clients, next: func(r *rand.Rand) request {
		return request{method: http.MethodGet, path: fmt.Sprintf("/sites?page=%d", 1+r.IntN(pages))}
	}}
	status, body, err := c.do(ctx, http.MethodGet, "/sites?page=1", nil)
	if err != nil || status != http.StatusOK {
		return result{}, fmt.Errorf("floor handler: %d %v %.200s", status, err, body)
	}
	r := measure(ctx, c, sc, o.warmup, o.duration, 0) // client and server share this process: no CPU figure
	r.Note = "floor (database/sql + encoding/json + net/http)"
	return r, nil
}
