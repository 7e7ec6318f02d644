package spreadsheet

import (
	"context"
	"fmt"
	"time"

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
		dossierOverview, dossierHistory, dossierInspections, dossierChecklists, dossierQuestionnaires, dossierFindings, dossierCertifications, dossierAttachments, dossierIntegrity,
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

// assessmentTones colour a questionnaire's status: returned to the
// supplier amber, accepted green.
var assessmentTones = map[model.AssessmentStatus]Tone{model.AssessmentReturned: ToneAmber, model.AssessmentAccepted: ToneGreen}

// dossierQuestionnaires is every self-assessment questionnaire sent for
// the site, a row per item with the supplier's answer as it stated it: its
// own statements, apart from the inspectors' checklist answers.
func dossierQuestionnaires(ctx context.Context, st *store.Store, wb *Workbook, r store.ReportSite) (int, error) {
	sh, err := wb.AddListSheet("Questionnaires", 2, []Column{
		{"Questionnaire ID", 10}, {"Item", 7}, {"Template", 30}, {"Version", 8}, {"Status", 12}, {"Sent at", 16}, {"Due date", 12},
		{"Submitted at", 16}, {"Submissions", 10}, {"Reviewed at", 16}, {"Returns", 8},
		{"Question", 50}, {"Critical", 9}, {"Supplier's answer", 16}, {"Note", 40}, {"Evidence files", 10},
		{"Returned with", 40}, {"Answered by", 20}, {"Answered at", 16},
	})
	if err != nil {
		return 0, err
	}
	for page := 1; ; page++ {
		rows, total, err := st.ListSelfAssessments(ctx, store.SelfAssessmentFilter{Site: r.ID}, store.Page{Page: page, PageSize: store.MaxPageSize, Sort: "sent_at"})
		if err != nil {
			return 0, err
		}
		for _, row := range rows {
			a, err := st.SelfAssessmentByID(ctx, row.ID)
			if err != nil {
				return 0, err
			}
			head := []any{a.ID, nil, a.TemplateName, a.TemplateVersion, Toned{label(a.Status), assessmentTones[a.Status]}, a.SentAt,
				Toned{a.DueDate, overdueTone(a.Overdue)}, instant(a.SubmittedAt), a.Submissions, instant(a.ReviewedAt), a.ReworkCount}
			for _, sec := range a.Sections {
				for _, it := range sec.Items {
					cells := append([]any{}, head...)
					cells[1] = it.Number
					critical := ""
					if it.Critical {
						critical = "critical"
					}
					cells = append(cells, it.Question, critical)
					if ans := it.Answer; ans != nil {
						var by any
						if ans.AnsweredByName != "" {
							by = ans.AnsweredByName
						}
						cells = append(cells, statedAnswer(ans.Answer, ans.Rating, ans.Text, ans.NotApplicable), ans.Note, len(ans.AttachmentIDs),
							ans.ReturnComment, by, ans.AnsweredAt)
					} else {
						cells = append(cells, "", "", 0, "", nil, nil)
					}
					if err := sh.Add(cells...); err != nil {
						return 0, err
					}
				}
			}
		}
		if int64(page*store.MaxPageSize) >= total || len(rows) == 0 {
			break
		}
	}
	return sh.Rows(), sh.Close()
}

// instant is a time a record may not have yet, as a cell value.
func instant(t *time.Time) any {
	if t == nil {
		return nil
	}
	return *t
}
