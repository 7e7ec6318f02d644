package spreadsheet

import (
	"context"
	"strings"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

var changeColumns = []Column{
	{"Change ID", 10},
	{"Manufacturer", 24},
	{"Sites", 20},
	{"Kind", 16},
	{"Title", 32},
	{"Description", 44},
	{"Planned date", 12},
	{"Status", 16},
	{"Conditions", 32},
	{"Decision reason", 32},
	{"Decided by", 20},
	{"Decided at", 16},
	{"For-cause inspection ID", 10},
	{"Retroactive", 10},
	{"Finding ID", 10},
	{"Submitted by", 20},
	{"Submitted at", 16},
}

// changeTones colour a change's status.
var changeTones = map[model.ChangeStatus]Tone{
	model.ChangePending: ToneAmber, model.ChangeApproved: ToneGreen, model.ChangeApprovedWithConditions: ToneYellow, model.ChangeRejected: ToneRed,
}

// ChangeNotifications lists change notifications, newest first, read a
// page at a time.
func ChangeNotifications(ctx context.Context, st *store.Store, f store.ChangeNotificationFilter, run Run) (*Export, error) {
	var filters []Filter
	if f.Status != "" {
		filters = append(filters, Filter{"status", string(f.Status)})
	}
	e := newExport("change_notifications", "Change notifications", run, filters, datedFileName("change-notifications", run.At))
	e.meta.Notes = []string{"Retroactive: recorded after the change was found on site without notice (a finding of category unnotified_change)."}
	sh, err := e.wb.AddSheet("Change notifications", changeColumns)
	if err != nil {
		return e.fail(err)
	}
	for page := 1; ; page++ {
		views, total, err := st.ListChangeNotifications(ctx, f, store.Page{Page: page, PageSize: store.MaxPageSize, Sort: "-created_at"})
		if err != nil {
			return e.fail(err)
		}
		for _, v := range views {
			codes := make([]string, len(v.Sites))
			for i, s := range v.Sites {
				codes[i] = s.Code
			}
			var decidedAt, inspection, finding any
			if v.DecidedAt != nil {
				decidedAt = *v.DecidedAt
			}
			if v.InspectionID != nil {
				inspection = *v.InspectionID
			}
			if v.FindingID != nil {
				finding = *v.FindingID
			}
			if err := sh.Add(v.ID, v.ManufacturerName, strings.Join(codes, ", "), label(v.Kind), v.Title, v.Description, v.PlannedDate,
				Toned{label(v.Status), changeTones[v.Status]}, v.Conditions, v.DecisionReason, v.DecidedByName, decidedAt,
				inspection, v.Retroactive, finding, v.SubmittedByName, v.SubmittedAt); err != nil {
				return e.fail(err)
			}
		}
		if int64(page*store.MaxPageSize) >= total {
			break
		}
	}
	e.Rows = sh.Rows()
	return e, nil
}
