package spreadsheet

import (
	"context"
	"fmt"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// Dossier is everything qualtrack holds on one site, a sheet per kind of
// record: what an auditor asks for when they audit a supplier.
func Dossier(ctx context.Context, st *store.Store, siteID int64, run Run) (*Export, error) {
	site, err := st.ReportSiteByID(ctx, siteID)
	if err != nil {
		return nil, err
	}
	filters := []Filter{{"site", site.Code + " (" + site.Name + ")"}}
	e := newExport("dossier", "Site dossier", run, filters, datedFileName("dossier-"+fileNamePart(site.Code), run.At))
	steps := []func(context.Context, *store.Store, *Workbook, store.ReportSite) (int, error){
		dossierOverview, dossierHistory, dossierInspections, dossierChecklists, dossierFindings, dossierCertifications, dossierAttachments, dossierIntegrity,
	}
	for _, step := range steps {
		n, err := step(ctx, st, e.wb, site)
		if err != nil {
			return e.fail(err)
		}
		e.Rows += n
	}
	return e, nil
}

func dossierOverview(_ context.Context, _ *store.Store, wb *Workbook, r store.ReportSite) (int, error) {
	sh, err := wb.AddSheet("Overview", []Column{{"Field", 24}, {"Value", 70}})
	if err != nil {
		return 0, err
	}
	lines := [][2]any{
		{"Code", r.Code},
		{"Site name", r.Name},
		{"Manufacturer", r.Manufacturer},
		{"Address", r.Address},
		{"City", r.City},
		{"Country", countryName(r.Country)},
		{"Processes", processList(r.Processes)},
		{"Approved scope", r.ApprovedScope},
		{"Risk tier", riskTier(r.RiskTier)},
		{"Qualification status", Toned{label(r.Status), SiteStatusTone(r.Status)}},
		{"Status since", r.StatusSince},
		{"Conditional until", r.ConditionalUntil},
		{"Last inspection", r.LastInspectionDate},
		{"Last result", Toned{label(r.LastInspectionResult), ResultTone(r.LastInspectionResult)}},
		{"Next inspection due", Toned{r.NextInspectionDue, overdueTone(r.Overdue)}},
		{"Next planned inspection", r.NextPlannedDate},
		{"Overdue", Toned{r.Overdue, overdueTone(r.Overdue)}},
		{"Valid certifications", certificateSummary(r.ValidCertifications)},
		{"Open critical findings", Toned{r.OpenFindings.Critical, countTone(r.OpenFindings.Critical, ToneRed)}},
		{"Open major findings", Toned{r.OpenFindings.Major, countTone(r.OpenFindings.Major, ToneOrange)}},
		{"Open minor findings", r.OpenFindings.Minor},
		{"Open observations", r.OpenFindings.Observation},
		{"Contact name", r.ContactName},
		{"Contact e-mail", r.ContactEmail},
		{"Contact phone", r.ContactPhone},
		{"Notes", r.Notes},
		{"Created at", r.CreatedAt},
	}
	for _, l := range lines {
		if err := sh.Add(l[0], l[1]); err != nil {
			return 0, err
		}
	}
	return sh.Rows(), sh.Close()
}

func dossierHistory(ctx context.Context, st *store.Store, wb *Workbook, r store.ReportSite) (int, error) {
	sh, err := wb.AddSheet("Qualification history", []Column{
		{"Decided at", 16}, {"From", 16}, {"To", 16}, {"Reason", 60}, {"Conditional until", 12}, {"Decided by", 30},
		signatureColumns[0], signatureColumns[1], signatureColumns[2], signatureColumns[3],
	})
	if err != nil {
		return 0, err
	}
	err = st.EachReportDecision(ctx, r.ID, func(batch []store.ReportDecision) error {
		for _, d := range batch {
			err := sh.Add(append([]any{d.DecidedAt, Toned{label(d.From), SiteStatusTone(d.From)}, Toned{label(d.To), SiteStatusTone(d.To)},
				d.Reason, d.ConditionalUntil, d.DecidedBy}, signatureCells(d.Signature)...)...)
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return sh.Rows(), sh.Close()
}

func dossierInspections(ctx context.Context, st *store.Store, wb *Workbook, r store.ReportSite) (int, error) {
	sh, err := wb.AddListSheet("Inspections", 1, append([]Column{{"Inspection ID", 10}}, inspectionColumns...))
	if err != nil {
		return 0, err
	}
	err = st.EachReportInspection(ctx, store.ReportInspectionFilter{SiteID: r.ID}, func(batch []store.ReportInspection) error {
		for i := range batch {
			if err := sh.Add(appendInspectionCells([]any{batch[i].ID}, &batch[i])...); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return sh.Rows(), sh.Close()
}

func dossierFindings(ctx context.Context, st *store.Store, wb *Workbook, r store.ReportSite) (int, error) {
	sh, err := wb.AddListSheet("Findings", 1, append([]Column{{"Finding ID", 10}}, findingColumns...))
	if err != nil {
		return 0, err
	}
	err = st.EachReportFinding(ctx, store.ReportFindingFilter{SiteID: r.ID}, func(batch []store.ReportFinding) error {
		for i := range batch {
			if err := sh.Add(append([]any{batch[i].ID}, findingCells(&batch[i])...)...); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return sh.Rows(), sh.Close()
}

func dossierCertifications(ctx context.Context, st *store.Store, wb *Workbook, r store.ReportSite) (int, error) {
	sh, err := wb.AddSheet("Certifications", certificationColumns)
	if err != nil {
		return 0, err
	}
	err = st.EachReportCertification(ctx, store.ReportCertificationFilter{SiteID: r.ID}, func(batch []store.ReportCertification) error {
		for i := range batch {
			if err := sh.Add(certificationCells(&batch[i])...); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return sh.Rows(), sh.Close()
}

func dossierAttachments(ctx context.Context, st *store.Store, wb *Workbook, r store.ReportSite) (int, error) {
	sh, err := wb.AddSheet("Attachments", []Column{
		{"File name", 36}, {"Attached to", 20}, {"Content type", 24}, {"Size (bytes)", 12},
		{"SHA-256", 66}, {"Uploaded by", 20}, {"Uploaded at", 16},
	})
	if err != nil {
		return 0, err
	}
	err = st.EachReportAttachment(ctx, r.ID, func(batch []store.ReportAttachment) error {
		for _, a := range batch {
			owner := "site"
			if a.OwnerType != model.OwnerSite {
				owner = fmt.Sprintf("%s %d", a.OwnerType, a.OwnerID)
			}
			if err := sh.Add(a.FileName, owner, a.ContentType, a.Size, a.SHA256, a.UploadedBy, a.UploadedAt); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return sh.Rows(), sh.Close()
}

// dossierChecklists is every checklist answer given at the site's
// inspections, each row naming its inspection.
func dossierChecklists(ctx context.Context, st *store.Store, wb *Workbook, r store.ReportSite) (int, error) {
	var inspections []store.InspectionRow
	var lists []store.InspectionChecklistsView
	for page := 1; ; page++ {
		rows, total, err := st.ListInspections(ctx, store.InspectionFilter{SiteID: r.ID}, store.Page{Page: page, PageSize: store.MaxPageSize, Sort: "date"})
		if err != nil {
			return 0, err
		}
		for _, in := range rows {
			view, err := st.InspectionChecklists(ctx, in.ID)
			if err != nil {
				return 0, err
			}
			if len(view.Checklists) > 0 {
				inspections, lists = append(inspections, in), append(lists, view)
			}
		}
		if int64(page*store.MaxPageSize) >= total || len(rows) == 0 {
			break
		}
	}
	if inspections == nil {
		inspections = []store.InspectionRow{}
	}
	return checklistAnswers(wb, "Checklist answers", inspections, lists)
}
