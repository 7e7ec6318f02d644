package spreadsheet

import (
	"context"
	"strconv"
	"strings"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// integrityValue names the value an observation is about ("BMC firmware").
func integrityValue(kind model.ObservationKind, c model.Component) string {
	switch kind {
	case model.ObserveFirmware:
		return qualification.ComponentLabel(c) + " firmware"
	case model.ObserveGoldenSample:
		return "Golden sample"
	case model.ObserveBOM:
		return "BOM revision"
	case model.ObserveAVL:
		return "AVL revision"
	}
	return "X-ray/AOI"
}

// IntegrityDrift lists, for every active site, each product whose observed
// firmware, golden sample, BOM or AVL differs from its baseline or was not
// observed within the site's inspection interval: one row per value.
func IntegrityDrift(ctx context.Context, st *store.Store, f store.DriftFilter, run Run) (*Export, error) {
	e := newExport("integrity-drift", "Hardware integrity drift", run, driftFilters(f), datedFileName("integrity-drift", run.At))
	e.meta.Notes = []string{
		"A value drifts when its newest observation differs from today's baseline (or differed when it was recorded), or when it was not observed since the site's inspection interval began (Observed since).",
		"Critical: a firmware image that is no current release, a broken, missing or changed seal, an X-ray/AOI mismatch. Major: a superseded image, a BOM or AVL revision other than current, a value not observed in time.",
	}
	sh, err := e.wb.AddSheet("Drift", []Column{
		{"Site code", 14}, {"Site name", 26}, {"Manufacturer", 24}, {"Risk tier", 10}, {"Part number", 16}, {"Revision", 9},
		{"Product", 26}, {"Value", 18}, {"Severity", 10}, {"Problem", 60}, {"Expected", 30}, {"Observed", 30},
		{"Observed on", 12}, {"Not observed in time", 12}, {"Observed since", 12},
	})
	if err != nil {
		return e.fail(err)
	}
	report, err := st.Drift(ctx)
	if err != nil {
		return e.fail(err)
	}
	for _, r := range report.Filter(f) {
		for _, it := range r.Items {
			var stale any
			if it.Stale {
				stale = Toned{true, ToneAmber}
			}
			err := sh.Add(r.SiteCode, r.SiteName, r.Manufacturer, string(r.RiskTier), r.PartNumber, r.Revision, r.ProductName,
				integrityValue(it.Kind, it.Component), Toned{string(it.Severity), SeverityTone(it.Severity)}, it.Problem,
				it.Expected, it.Observed, it.ObservedOn, stale, r.ObservedSince)
			if err != nil {
				return e.fail(err)
			}
		}
	}
	e.Rows = sh.Rows()
	return e, nil
}

// driftFilters are the drift report's filters as the Report sheet lists
// them.
func driftFilters(f store.DriftFilter) []Filter {
	var out []Filter
	for _, id := range []struct {
		name string
		id   int64
	}{{"manufacturer_id", f.ManufacturerID}, {"site_id", f.SiteID}, {"product_id", f.ProductID}} {
		if id.id != 0 {
			out = append(out, Filter{id.name, strconv.FormatInt(id.id, 10)})
		}
	}
	if len(f.Kinds) > 0 {
		kinds := make([]string, len(f.Kinds))
		for i, k := range f.Kinds {
			kinds[i] = string(k)
		}
		out = append(out, Filter{"kind", strings.Join(kinds, ",")})
	}
	return out
}

// BlastRadius is a suspect-part incident and every site and product that
// used its source, or an unauthorised source of its component family.
func BlastRadius(ctx context.Context, st *store.Store, incidentID int64, run Run) (*Export, error) {
	inc, err := st.PartIncidentByID(ctx, incidentID)
	if err != nil {
		return nil, err
	}
	filters := []Filter{{"incident", inc.PartNumber + " from " + inc.SourceName}}
	e := newExport("blast-radius", "Suspect-part blast radius", run, filters, datedFileName("blast-radius-"+fileNamePart(inc.PartNumber), run.At))
	e.meta.Notes = []string{"A site is listed when one of its component sources has the incident's source name (ignoring case and punctuation), or is an unauthorised source of the incident's component family; once per product the site builds."}
	ov, err := e.wb.AddSheet("Incident", []Column{{"Field", 24}, {"Value", 60}})
	if err != nil {
		return e.fail(err)
	}
	for _, l := range [][2]any{
		{"Part number", inc.PartNumber}, {"Component family", inc.ComponentFamily}, {"Lot codes", inc.LotCodes},
		{"Date codes", inc.DateCodes}, {"Source", inc.SourceName}, {"How found", inc.HowFound},
		{"GIDEP reference", inc.GIDEPReference}, {"ERAI reference", inc.ERAIReference},
		{"Status", string(inc.Status)}, {"Reported on", inc.ReportedOn},
	} {
		if err := ov.Add(l[0], l[1]); err != nil {
			return e.fail(err)
		}
	}
	if err := ov.Close(); err != nil {
		return e.fail(err)
	}
	sh, err := e.wb.AddSheet("Blast radius", []Column{
		{"Site code", 14}, {"Site name", 26}, {"Manufacturer", 24}, {"Source", 26}, {"Authorised", 11},
		{"Component families", 30}, {"Why listed", 22}, {"Part number", 16}, {"Product", 26},
	})
	if err != nil {
		return e.fail(err)
	}
	for _, r := range inc.BlastRadius {
		why := "Same source"
		if r.Reason == "same_family" {
			why = "Unauthorised, same family"
		}
		authorised := Toned{r.Authorised, ToneNone}
		if !r.Authorised {
			authorised.Tone = ToneRed
		}
		if err := sh.Add(r.SiteCode, r.SiteName, r.Manufacturer, r.SourceName, authorised, r.Families, why, r.PartNumber, r.ProductName); err != nil {
			return e.fail(err)
		}
	}
	e.Rows = ov.Rows() + sh.Rows()
	return e, nil
}

// dossierIntegrity is the site's integrity history: every observation of
// every product built there, newest first, and its component sources.
func dossierIntegrity(ctx context.Context, st *store.Store, wb *Workbook, r store.ReportSite) (int, error) {
	view, err := st.SiteIntegrityByID(ctx, r.ID)
	if err != nil {
		return 0, err
	}
	sh, err := wb.AddSheet("Integrity", []Column{
		{"Part number", 16}, {"Product", 26}, {"Observed on", 12}, {"Inspection ID", 10}, {"Value", 18},
		{"Observed", 40}, {"Matches baseline", 10}, {"Severity", 10}, {"Problem", 60}, {"Finding ID", 10},
	})
	if err != nil {
		return 0, err
	}
	for _, p := range view.Products {
		for _, o := range p.History {
			matches := Toned{o.Matches, ToneGreen}
			var sev any
			if !o.Matches {
				matches.Tone = ToneRed
				sev = Toned{string(o.Severity), SeverityTone(o.Severity)}
			}
			var finding any
			if o.FindingID != nil {
				finding = *o.FindingID
			}
			if err := sh.Add(p.PartNumber, p.ProductName, o.ObservedOn, o.InspectionID, integrityValue(o.Kind, o.Component),
				observedValue(o), matches, sev, o.Problem, finding); err != nil {
				return 0, err
			}
		}
	}
	if err := sh.Close(); err != nil {
		return 0, err
	}
	src, err := wb.AddSheet("Component sources", []Column{
		{"Source", 26}, {"Type", 20}, {"Component families", 30}, {"Authorised", 11}, {"Certification", 16},
		{"Certificate number", 18}, {"Certificate expires", 12}, {"Certificate status", 12}, {"Justification", 40},
		{"Justification accepted by", 22}, {"Flagged", 9},
	})
	if err != nil {
		return 0, err
	}
	for _, c := range view.Sources {
		flagged := Toned{c.Flagged, ToneNone}
		if c.Flagged {
			flagged.Tone = ToneRed
		}
		if err := src.Add(c.Name, label(c.SourceType), strings.Join(c.ComponentFamilies, ", "), c.Authorised, c.CertificationStandard,
			c.CertificateNumber, c.CertificateExpiresOn, Toned{c.CertificateStatus, CertificationTone(model.CertificationStatus(c.CertificateStatus))},
			c.Justification, c.AcceptedByName, flagged); err != nil {
			return 0, err
		}
	}
	return sh.Rows() + src.Rows(), src.Close()
}

// observedValue is an observation's value in a few words.
func observedValue(o model.IntegrityObservation) string {
	switch o.Kind {
	case model.ObserveFirmware:
		v := o.SHA256
		if o.FirmwareVersion != "" {
			v = o.FirmwareVersion + " " + v
		}
		return v
	case model.ObserveGoldenSample:
		return "serial " + o.SerialNumber + ", seal " + o.SealNumber + " (" + string(o.SealState) + ")"
	case model.ObserveAOI:
		return string(o.AOIResult)
	}
	return o.Revision
}
