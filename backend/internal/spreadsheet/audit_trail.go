package spreadsheet

import (
	"context"
	"strconv"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

var auditTrailColumns = []Column{
	{"#", 8},
	{"When (UTC)", 18},
	{"Person", 22},
	{"E-mail", 26},
	{"Role", 11},
	{"What happened", 28},
	{"Record type", 16},
	{"Record", 34},
	{"Field", 24},
	{"Before", 34},
	{"After", 34},
}

// AuditTrail exports the filtered audit trail as an auditor reads it on
// screen: one row per changed field (one row for an event without any),
// names instead of ids, labels instead of codes, newest first.
func AuditTrail(ctx context.Context, st *store.Store, f store.AuditFilter, run Run) (*Export, error) {
	filters := auditTrailFilters(f)
	if f.ActorID != 0 {
		person := "user #" + strconv.FormatInt(f.ActorID, 10)
		if u, err := st.UserByID(ctx, f.ActorID); err == nil {
			person = u.Name + " <" + u.Email + ">"
		}
		filters = append(filters, Filter{"person", person})
	}
	e := newExport("audit_trail", "Audit trail", run, filters, datedFileName("audit-trail", run.At))
	e.meta.Notes = []string{
		"One row per changed field; an event that changed no field has one row.",
		"Each event is chained to the one before by its hash: verify the trail in the web app or with qualtrack audit verify.",
	}
	sh, err := e.wb.AddSheet("Audit trail", auditTrailColumns)
	if err != nil {
		return e.fail(err)
	}
	err = st.EachAuditEvent(ctx, f, func(batch []model.AuditEvent) error {
		readable, err := st.DescribeAuditEvents(ctx, batch)
		if err != nil {
			return err
		}
		for i := range batch {
			if err := addAuditRows(sh, &batch[i], &readable[i]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return e.fail(err)
	}
	e.Rows = sh.Rows()
	return e, nil
}

func addAuditRows(sh *Sheet, ev *model.AuditEvent, r *audit.Readable) error {
	person := r.ActorName
	if person == "" && ev.ActorID == nil {
		person = "System"
	}
	var recordType, recordLabel any
	if r.Record != nil {
		recordType, recordLabel = r.Record.TypeLabel, r.Record.Label
	}
	head := []any{ev.Sequence, ev.OccurredAt, person, ev.ActorEmail, label(ev.ActorRole), r.Summary, recordType, recordLabel}
	if len(r.Fields) == 0 {
		return sh.Add(append(head, nil, nil, nil)...)
	}
	for _, fc := range r.Fields {
		if err := sh.Add(append(head, fc.Label, auditValue(fc.Kind, fc.Before), auditValue(fc.Kind, fc.After))...); err != nil {
			return err
		}
	}
	return nil
}

// auditValue writes a date or a timestamp as a date cell, anything else as text.
func auditValue(kind, v string) any {
	switch kind {
	case "date":
		if d, err := model.ParseDate(v); err == nil {
			return d
		}
	case "timestamp":
		if t, err := time.Parse(time.RFC3339Nano, v); err == nil {
			return t
		}
	}
	return v
}

func auditTrailFilters(f store.AuditFilter) []Filter {
	var filters []Filter
	if f.EntityType != "" {
		filters = append(filters, Filter{"record type", audit.TypeLabel(f.EntityType)})
	}
	if f.EntityID != 0 {
		filters = append(filters, Filter{"record id", strconv.FormatInt(f.EntityID, 10)})
	}
	if f.Action != "" {
		filters = append(filters, Filter{"action", f.Action})
	}
	if !f.From.IsZero() {
		filters = append(filters, Filter{"from", model.DateOf(f.From.UTC()).String()})
	}
	if !f.To.IsZero() {
		filters = append(filters, Filter{"to", model.DateOf(f.To.UTC().Add(-time.Nanosecond)).String()})
	}
	return filters
}
