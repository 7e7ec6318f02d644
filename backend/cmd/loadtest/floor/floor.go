// Package floor is the floor the sites list is measured against: the
// SQL one page of the list runs (count, the page's rows, then manufacturer
// names, open findings and certificates for the page, one grouped query
// each), read through database/sql into plain structs and written with
// encoding/json. No router, auth, ORM, cache or logging. The load tool
// serves it over net/http and the Go benchmarks call it in-process; the
// app's figure over the floor's is what everything else costs.
package floor

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

const pageSize = 50

// Site is one row of the page with its derived values.
type Site struct {
	ID                   int64          `json:"id"`
	CreatedAt            time.Time      `json:"created_at"`
	UpdatedAt            time.Time      `json:"updated_at"`
	ManufacturerID       int64          `json:"manufacturer_id"`
	Code                 string         `json:"code"`
	Name                 string         `json:"name"`
	Address              string         `json:"address"`
	City                 string         `json:"city"`
	Country              string         `json:"country"`
	Processes            string         `json:"processes"`
	ApprovedScope        string         `json:"approved_scope"`
	RiskTier             string         `json:"risk_tier"`
	QualificationStatus  string         `json:"qualification_status"`
	StatusSince          time.Time      `json:"status_since"`
	ConditionalUntil     *string        `json:"conditional_until"`
	ContactName          string         `json:"contact_name"`
	ContactEmail         string         `json:"contact_email"`
	ContactPhone         string         `json:"contact_phone"`
	Notes                string         `json:"notes"`
	LastInspectionDate   *string        `json:"last_inspection_date"`
	LastInspectionResult string         `json:"last_inspection_result"`
	NextInspectionDue    *string        `json:"next_inspection_due"`
	NextPlannedDate      *string        `json:"next_planned_date"`
	ArchivedAt           *time.Time     `json:"archived_at"`
	Version              int64          `json:"version"`
	ManufacturerName     string         `json:"manufacturer_name"`
	OpenFindings         map[string]int `json:"open_findings"`
	Certifications       int            `json:"certifications"`
}

const columns = `id, created_at, updated_at, manufacturer_id, code, name, address, city, country, processes,
	approved_scope, risk_tier, qualification_status, status_since, conditional_until, contact_name, contact_email,
	contact_phone, notes, last_inspection_date, last_inspection_result, next_inspection_due, next_planned_date,
	archived_at, version`

// Floor runs pages of the sites list on db.
type Floor struct {
	DB       *sql.DB
	Postgres bool
}

// rebind turns ? placeholders into $n for PostgreSQL.
func (f Floor) rebind(q string) string {
	if !f.Postgres {
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

// date reads a DATE column whichever way the driver hands it over.
type date struct{ p **string }

func (d date) Scan(v any) error {
	switch x := v.(type) {
	case nil:
		*d.p = nil
	case time.Time:
		s := x.Format("2006-01-02")
		*d.p = &s
	case string:
		s := x
		*d.p = &s
	case []byte:
		s := string(x)
		*d.p = &s
	default:
		return fmt.Errorf("floor: date from %T", v)
	}
	return nil
}

// WritePage writes page (1-based) of the active sites in code order.
func (f Floor) WritePage(ctx context.Context, page int, w io.Writer) error {
	var total int64
	if err := f.DB.QueryRowContext(ctx, `SELECT count(*) FROM sites WHERE archived_at IS NULL`).Scan(&total); err != nil {
		return err
	}
	rows, err := f.DB.QueryContext(ctx, f.rebind(`SELECT `+columns+` FROM sites WHERE archived_at IS NULL ORDER BY code ASC, id ASC LIMIT 50 OFFSET ?`), (page-1)*pageSize)
	if err != nil {
		return err
	}
	items := make([]Site, 0, pageSize)
	for rows.Next() {
		var s Site
		if err := rows.Scan(&s.ID, &s.CreatedAt, &s.UpdatedAt, &s.ManufacturerID, &s.Code, &s.Name, &s.Address, &s.City, &s.Country,
			&s.Processes, &s.ApprovedScope, &s.RiskTier, &s.QualificationStatus, &s.StatusSince, date{&s.ConditionalUntil},
			&s.ContactName, &s.ContactEmail, &s.ContactPhone, &s.Notes, date{&s.LastInspectionDate}, &s.LastInspectionResult,
			date{&s.NextInspectionDue}, date{&s.NextPlannedDate}, &s.ArchivedAt, &s.Version); err != nil {
			rows.Close()
			return err
		}
		s.OpenFindings = map[string]int{}
		items = append(items, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if len(items) > 0 {
		if err := f.derive(ctx, items); err != nil {
			return err
		}
	}
	return json.NewEncoder(w).Encode(struct {
		Items    []Site `json:"items"`
		Total    int64  `json:"total"`
		Page     int    `json:"page"`
		PageSize int    `json:"page_size"`
	}{items, total, page, pageSize})
}

func (f Floor) derive(ctx context.Context, items []Site) error {
	ids, mfrs := make([]any, len(items)), make([]any, len(items))
	index := make(map[int64]int, len(items))
	for i, s := range items {
		ids[i], mfrs[i], index[s.ID] = s.ID, s.ManufacturerID, i
	}
	in := strings.TrimSuffix(strings.Repeat("?,", len(items)), ",")
	rows, err := f.DB.QueryContext(ctx, f.rebind(`SELECT id, name FROM manufacturers WHERE id IN (`+in+`)`), mfrs...)
	if err != nil {
		return err
	}
	names := map[int64]string{}
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			rows.Close()
			return err
		}
		names[id] = name
	}
	rows.Close()
	for i := range items {
		items[i].ManufacturerName = names[items[i].ManufacturerID]
	}
	rows, err = f.DB.QueryContext(ctx, f.rebind(`SELECT site_id, severity, count(*) FROM findings WHERE site_id IN (`+in+`) AND status IN ('open','in_progress') GROUP BY site_id, severity`), ids...)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		var sev string
		var n int
		if err := rows.Scan(&id, &sev, &n); err != nil {
			rows.Close()
			return err
		}
		items[index[id]].OpenFindings[sev] = n
	}
	rows.Close()
	rows, err = f.DB.QueryContext(ctx, f.rebind(`SELECT site_id, expires_on, withdrawn, count(*) FROM certifications WHERE component_source_id IS NULL AND site_id IN (`+in+`) GROUP BY site_id, expires_on, withdrawn`), ids...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var expires *string
		var withdrawn bool
		var n int
		if err := rows.Scan(&id, date{&expires}, &withdrawn, &n); err != nil {
			return err
		}
		items[index[id]].Certifications += n
	}
	return rows.Err()
}
