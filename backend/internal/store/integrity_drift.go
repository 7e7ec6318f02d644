package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
)

// DriftRow is a product at a site whose observed firmware, seal, BOM or
// AVL differs from the baseline, or was not observed within the site's
// inspection interval.
type DriftRow struct {
	SiteProductID  int64           `json:"site_product_id"`
	SiteID         int64           `json:"site_id"`
	SiteCode       string          `json:"site_code"`
	SiteName       string          `json:"site_name"`
	ManufacturerID int64           `json:"manufacturer_id"`
	Manufacturer   string          `json:"manufacturer"`
	RiskTier       model.RiskTier  `json:"risk_tier"`
	ProductID      int64           `json:"product_id"`
	PartNumber     string          `json:"part_number"`
	Revision       string          `json:"revision"`
	ProductName    string          `json:"product_name"`
	ObservedSince  model.Date      `json:"observed_since"`
	Items          []DriftItemView `json:"items"`
}

// DriftReport is the drift of every product at every active site in the
// reader's scope, sites by code.
type DriftReport struct {
	Rows []DriftRow
	// SiteProducts is how many products at sites were checked.
	SiteProducts int
}

// DriftFilter narrows the drift report: zero values leave it whole.
type DriftFilter struct {
	ManufacturerID int64
	SiteID         int64
	ProductID      int64
	// Kinds keeps the values of these kinds (firmware, golden sample, ...)
	// and the products at sites that drift in one of them.
	Kinds []model.ObservationKind
}

// Filter returns the rows of the report that f keeps, each with only the
// drifting values of f's kinds. The report itself is left as it is (it is
// shared through the cache).
func (r DriftReport) Filter(f DriftFilter) []DriftRow {
	out := []DriftRow{}
	for _, row := range r.Rows {
		if (f.ManufacturerID != 0 && row.ManufacturerID != f.ManufacturerID) || (f.SiteID != 0 && row.SiteID != f.SiteID) ||
			(f.ProductID != 0 && row.ProductID != f.ProductID) {
			continue
		}
		if len(f.Kinds) > 0 {
			var items []DriftItemView
			for _, it := range row.Items {
				if slices.Contains(f.Kinds, it.Kind) {
					items = append(items, it)
				}
			}
			if len(items) == 0 {
				continue
			}
			row.Items = items
		}
		out = append(out, row)
	}
	return out
}

// Drift computes the drift report (cached between writes like the
// dashboard; see derivedCache). Callers must not modify the answer.
func (s *Store) Drift(ctx context.Context) (DriftReport, error) {
	v, err := s.cached(ctx, "integrity drift", func(ctx context.Context) (any, error) { return s.computeDrift(ctx) })
	if err != nil {
		return DriftReport{}, err
	}
	return v.(DriftReport), nil
}

// computeDrift reads every product at an active site and every latest
// observation in two ordered passes of plain rows (no per-site queries),
// then compares each product's newest values with its baseline in memory
// with qualification.Drift.
func (s *Store) computeDrift(ctx context.Context) (DriftReport, error) {
	db := s.db.WithContext(ctx)
	today := s.Today()
	productIDs := []int64{}
	if err := db.Model(&model.Product{}).Order("id").Pluck("id", &productIDs).Error; err != nil {
		return DriftReport{}, translate(err, "drift products")
	}
	bases, err := loadBaselines(db, productIDs)
	if err != nil {
		return DriftReport{}, err
	}
	var products []model.Product
	if err := db.Select("id", "part_number", "revision", "name").Find(&products).Error; err != nil {
		return DriftReport{}, translate(err, "drift products")
	}
	byID := make(map[int64]model.Product, len(products))
	for _, p := range products {
		byID[p.ID] = p
	}

	scope, scopeArgs := s.inSQL("sites.id", viaSite)
	rows, err := db.Raw(`SELECT sp.id, sp.site_id, sp.product_id, sp.golden_serial, sp.golden_seal_number, sp.golden_sealed_on,
		sites.code, sites.name, sites.risk_tier, sites.manufacturer_id, manufacturers.name
		FROM site_products sp JOIN sites ON sites.id = sp.site_id JOIN manufacturers ON manufacturers.id = sites.manufacturer_id
		WHERE sites.archived_at IS NULL AND `+scope+` ORDER BY sp.id`, scopeArgs...).Rows()
	if err != nil {
		return DriftReport{}, translate(err, "drift sites")
	}
	type siteProduct struct {
		row    DriftRow
		golden qualification.GoldenSample
		seen   []qualification.Observed
	}
	var sps []*siteProduct
	index := map[int64]*siteProduct{}
	for rows.Next() {
		sp := &siteProduct{}
		var sealed model.Date
		if err := rows.Scan(&sp.row.SiteProductID, &sp.row.SiteID, &sp.row.ProductID, &sp.golden.Serial, &sp.golden.SealNumber, &sealed,
			&sp.row.SiteCode, &sp.row.SiteName, &sp.row.RiskTier, &sp.row.ManufacturerID, &sp.row.Manufacturer); err != nil {
			_ = rows.Close()
			return DriftReport{}, fmt.Errorf("store: drift sites: %w", err)
		}
		sp.golden.SealedOn = sealed
		sps = append(sps, sp)
		index[sp.row.SiteProductID] = sp
	}
	if err := closeRows(rows); err != nil {
		return DriftReport{}, fmt.Errorf("store: drift sites: %w", err)
	}

	obsScope, obsArgs := s.inSQL("o.site_id", viaSite)
	rows, err = db.Raw(`SELECT o.site_product_id, o.kind, o.component, o.sha256, o.serial_number, o.seal_number, o.seal_state,
		o.revision, o.aoi_result, o.observed_on, o.matches, o.problem
		FROM integrity_observations o WHERE o.latest = TRUE AND `+obsScope, obsArgs...).Rows()
	if err != nil {
		return DriftReport{}, translate(err, "drift observations")
	}
	for rows.Next() {
		var spID int64
		var o qualification.Observed
		if err := rows.Scan(&spID, &o.Kind, &o.Component, &o.SHA256, &o.Serial, &o.SealNumber, &o.SealState,
			&o.Revision, &o.AOIResult, &o.ObservedOn, &o.Matched, &o.Problem); err != nil {
			_ = rows.Close()
			return DriftReport{}, fmt.Errorf("store: drift observations: %w", err)
		}
		if sp := index[spID]; sp != nil {
			sp.seen = append(sp.seen, o)
		}
	}
	if err := closeRows(rows); err != nil {
		return DriftReport{}, fmt.Errorf("store: drift observations: %w", err)
	}

	report := DriftReport{Rows: []DriftRow{}, SiteProducts: len(sps)}
	since := map[model.RiskTier]model.Date{}
	for _, sp := range sps {
		due, ok := since[sp.row.RiskTier]
		if !ok {
			due = qualification.ObservationDueSince(today, sp.row.RiskTier, s.rules.Intervals)
			since[sp.row.RiskTier] = due
		}
		base := bases[sp.row.ProductID]
		base.Golden = sp.golden
		items := qualification.Drift(base, sp.seen, due)
		if len(items) == 0 {
			continue
		}
		p := byID[sp.row.ProductID]
		sp.row.PartNumber, sp.row.Revision, sp.row.ProductName = p.PartNumber, p.Revision, p.Name
		sp.row.ObservedSince, sp.row.Items = due, driftViews(items)
		report.Rows = append(report.Rows, sp.row)
	}
	sortDriftRows(report.Rows)
	return report, nil
}

func closeRows(rows *sql.Rows) error {
	if err := rows.Err(); err != nil {
		_ = rows.Close()
		return err
	}
	return rows.Close()
}

// sortDriftRows orders the report by site code, then part number.
func sortDriftRows(rows []DriftRow) {
	slices.SortFunc(rows, func(a, b DriftRow) int {
		if c := strings.Compare(a.SiteCode, b.SiteCode); c != 0 {
			return c
		}
		if c := strings.Compare(a.PartNumber, b.PartNumber); c != 0 {
			return c
		}
		return int(a.SiteProductID - b.SiteProductID)
	})
}
