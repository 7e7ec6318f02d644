package api_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/seed"
	"github.com/qualtrack/qualtrack/backend/internal/store"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// Search through the indexes (FTS5 on SQLite, pg_trgm on PostgreSQL) finds
// exactly the rows a plain scan finds, in the same order: every list with
// q, on a seeded register, for searches of every length, case and the
// characters LIKE and FTS5 treat specially, also after edits (the indexes
// follow the writes).
func TestSearchFindsWhatAScanFinds(t *testing.T) {
	t.Parallel()
	srv := seededServer(t, seed.BulkOptions{Sites: 120, Inspections: 1200, Findings: 600, Certifications: 300, Seed: 5})
	// An edit after the seed: the index must follow it.
	testutil.Fatal(t, srv.DB.Exec("UPDATE sites SET name = 'Quirky \"Widget\" 100% Works_ltd', version = version + 1 WHERE id = (SELECT min(id) FROM sites)").Error, "rename")
	testutil.Fatal(t, srv.DB.Exec("DELETE FROM findings WHERE id = (SELECT min(id) FROM findings)").Error, "delete")

	terms := []string{"shen", "SHEN", "Shenzhen", "zhou", "an", "a", "e", "ltd", "Ltd.", "solder", "ISO 9001", "9001", "C-100", "tüv", "TÜV",
		"widget", `"widget"`, "100%", "works_", "_", "%", `"`, "'", "  shen  ", "no such text anywhere", "fab", "ACME", "-"}
	type row struct {
		ID   int64
		Text []string
	}
	all := func(table string, cols ...string) []row {
		var out []row
		q := srv.DB.Table(table).Select(append([]string{"id"}, cols...)).Order("id")
		rows, err := q.Rows()
		testutil.Fatal(t, err, "scan %s", table)
		defer rows.Close()
		for rows.Next() {
			r := row{Text: make([]string, len(cols))}
			dst := []any{&r.ID}
			for i := range cols {
				dst = append(dst, &r.Text[i])
			}
			testutil.Fatal(t, rows.Scan(dst...), "scan")
			out = append(out, r)
		}
		return out
	}
	contains := func(r row, term string) bool {
		for _, s := range r.Text {
			if strings.Contains(strings.ToLower(s), strings.ToLower(strings.TrimSpace(term))) {
				return true
			}
		}
		return false
	}
	ids := func(rows []row, term string) map[int64]bool {
		out := map[int64]bool{}
		for _, r := range rows {
			if contains(r, term) {
				out[r.ID] = true
			}
		}
		return out
	}
	manufacturers := all("manufacturers", "name", "legal_name")
	var sites []row // the sites list shows active sites only
	var active []int64
	testutil.Fatal(t, srv.DB.Table("sites").Where("archived_at IS NULL").Pluck("id", &active).Error, "active sites")
	for _, r := range all("sites", "code", "name", "city") {
		if slices.Contains(active, r.ID) {
			sites = append(sites, r)
		}
	}
	siteManufacturer := map[int64]int64{}
	var links []struct{ ID, ManufacturerID int64 }
	testutil.Fatal(t, srv.DB.Table("sites").Select("id, manufacturer_id").Where("archived_at IS NULL").Scan(&links).Error, "links")
	for _, l := range links {
		siteManufacturer[l.ID] = l.ManufacturerID
	}
	manufacturerNames := all("manufacturers", "name")
	siteCodesNames := all("sites", "code", "name")
	siteCodes := all("sites", "code")
	var inspectionSites, certificationSites []struct{ ID, SiteID int64 }
	testutil.Fatal(t, srv.DB.Table("inspections").Select("id, site_id").Scan(&inspectionSites).Error, "inspection sites")
	testutil.Fatal(t, srv.DB.Table("certifications").Select("id, site_id").Scan(&certificationSites).Error, "certification sites")
	inspections, findings, certifications := all("inspections", "summary"), all("findings", "description", "requirement", "owner"),
		all("certifications", "standard", "certificate_number", "issuing_body")

	p := store.Page{Page: 1, PageSize: store.MaxPageSize}
	scan := srv.Store.WithSearchByScan()
	ctx := t.Context()
	for _, term := range terms {
		// What a plain scan in Go keeps, by record type.
		want := map[string]map[int64]bool{
			"manufacturers": ids(manufacturers, term),
			"findings":      ids(findings, term),
		}
		// The sites search looks at the manufacturer's name, not its legal name.
		byName := ids(manufacturerNames, term)
		want["sites"] = ids(sites, term)
		for id, m := range siteManufacturer {
			if byName[m] {
				want["sites"][id] = true
			}
		}
		ins := ids(inspections, term)
		bySite := ids(siteCodesNames, term)
		for _, is := range inspectionSites {
			if bySite[is.SiteID] {
				ins[is.ID] = true
			}
		}
		want["inspections"] = ins
		cs := ids(certifications, term)
		byCode := ids(siteCodes, term)
		for _, c := range certificationSites {
			if byCode[c.SiteID] {
				cs[c.ID] = true
			}
		}
		want["certifications"] = cs

		lists := map[string]func(st *store.Store) ([]int64, int64, error){
			"sites": func(st *store.Store) ([]int64, int64, error) {
				r, n, err := st.ListSites(ctx, store.SiteFilter{Q: term}, p)
				return pluck(r, func(v store.SiteView) int64 { return v.ID }), n, err
			},
			"manufacturers": func(st *store.Store) ([]int64, int64, error) {
				r, n, err := st.ListManufacturers(ctx, store.ManufacturerFilter{Q: term}, p)
				return pluck(r, func(v store.ManufacturerView) int64 { return v.ID }), n, err
			},
			"inspections": func(st *store.Store) ([]int64, int64, error) {
				r, n, err := st.ListInspections(ctx, store.InspectionFilter{Q: term}, p)
				return pluck(r, func(v store.InspectionRow) int64 { return v.ID }), n, err
			},
			"findings": func(st *store.Store) ([]int64, int64, error) {
				r, n, err := st.ListFindings(ctx, store.FindingFilter{Q: term}, p)
				return pluck(r, func(v store.FindingRow) int64 { return v.ID }), n, err
			},
			"certifications": func(st *store.Store) ([]int64, int64, error) {
				r, n, err := st.ListCertifications(ctx, store.CertificationFilter{Q: term}, p)
				return pluck(r, func(v store.CertificationRow) int64 { return v.ID }), n, err
			},
		}
		for name, list := range lists {
			got, total, err := list(srv.Store)
			testutil.Fatal(t, err, "%s q=%q", name, term)
			scanned, scannedTotal, err := list(scan)
			testutil.Fatal(t, err, "%s q=%q by scan", name, term)
			if total != int64(len(want[name])) {
				t.Errorf("%s q=%q: %d found, a plain scan finds %d", name, term, total, len(want[name]))
			}
			// SQLite's lower() folds ASCII letters only, so its scan
			// misses "TÜV" for "tüv"; the index folds every letter (as the
			// check above shows).
			ascii := strings.IndexFunc(term, func(r rune) bool { return r > 127 }) < 0
			if ascii && (total != scannedTotal || !slices.Equal(got, scanned)) {
				t.Errorf("%s q=%q: the index gives %d rows %v, the scan %d rows %v", name, term, total, head(got), scannedTotal, head(scanned))
			}
			for _, id := range got {
				if !want[name][id] {
					t.Errorf("%s q=%q: %d found but does not contain the text", name, term, id)
				}
			}
		}
	}
}

func pluck[T any](rows []T, id func(T) int64) []int64 {
	out := make([]int64, len(rows))
	for i, r := range rows {
		out[i] = id(r)
	}
	return out
}

func head(ids []int64) string {
	if len(ids) > 8 {
		return fmt.Sprint(ids[:8]) + "…"
	}
	return fmt.Sprint(ids)
}
