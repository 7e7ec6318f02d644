package audit_test

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/model"
)

func event(action, typ string, id int64, changes any) model.AuditEvent {
	b, _ := json.Marshal(changes)
	actor := int64(7)
	ev := model.AuditEvent{Action: action, EntityType: typ, ActorID: &actor, Changes: string(b)}
	if id != 0 {
		ev.EntityID = &id
	}
	return ev
}

var lookup = audit.Lookup{
	Names: map[string]map[int64]string{
		"user":         {7: "Ada Auditor", 8: "Ines Inspector"},
		"manufacturer": {1: "Acme Electronics", 2: "Baltic Boards"},
		"site":         {3: "ACME-SZ1 Shenzhen plant"},
		"inspection":   {12: "ACME-SZ1 routine inspection #12"},
		"finding":      {5: "ACME-SZ1 finding #5"},
	},
	AttachmentOwners: map[int64]audit.Ref{40: {Type: "finding", ID: 5}},
}

func TestDescribe(t *testing.T) {
	cases := []struct {
		name    string
		ev      model.AuditEvent
		summary string
		record  *audit.Record
		fields  []audit.FieldChange
	}{
		{
			name: "an update shows only what changed, with labels, names, dates and words",
			ev: event("site.update", "site", 3, map[string][2]any{
				"manufacturer_id":      {1, 2},
				"risk_tier":            {"low", "high"},
				"qualification_status": {"prospective", "in_qualification"},
				"conditional_until":    {nil, "2026-05-01"},
				"country":              {"DE", "LT"},
				"processes":            {[]string{"smt"}, []string{"smt", "pcb_fabrication"}},
				"city":                 {"Kaunas", "Kaunas"},
				"status_since":         {"2026-01-02T10:00:00.123456Z", "2026-01-02T10:00:00Z"},
				"lead_inspector_id":    {nil, 8},
			}),
			summary: "Site changed",
			record:  &audit.Record{Type: "site", TypeLabel: "Site", ID: 3, Label: "ACME-SZ1 Shenzhen plant", Link: "/sites/3"},
			fields: []audit.FieldChange{
				{Field: "conditional_until", Label: "Conditional until", Kind: "date", Before: "", After: "2026-05-01"},
				{Field: "country", Label: "Country", Kind: "text", Before: "Germany", After: "Lithuania"},
				{Field: "lead_inspector_id", Label: "Lead inspector", Kind: "text", Before: "", After: "Ines Inspector"},
				{Field: "manufacturer_id", Label: "Manufacturer", Kind: "text", Before: "Acme Electronics", After: "Baltic Boards"},
				{Field: "processes", Label: "Processes", Kind: "text", Before: "SMT", After: "SMT, PCB fabrication"},
				{Field: "qualification_status", Label: "Qualification status", Kind: "text", Before: "Prospective", After: "In qualification"},
				{Field: "risk_tier", Label: "Risk tier", Kind: "text", Before: "Low", After: "High"},
			},
		},
		{
			name:    "a creation lists what the record was created with, without bookkeeping",
			ev:      event("manufacturer.create", "manufacturer", 1, map[string][2]any{"id": {nil, 1}, "name": {nil, "Acme"}, "notes": {nil, ""}, "created_at": {nil, "2026-01-01T00:00:00Z"}, "version": {nil, 1}}),
			summary: "Manufacturer created",
			record:  &audit.Record{Type: "manufacturer", TypeLabel: "Manufacturer", ID: 1, Label: "Acme Electronics", Link: "/manufacturers/1"},
			fields:  []audit.FieldChange{{Field: "name", Label: "Name", Kind: "text", After: "Acme"}},
		},
		{
			name:    "a deleted record is named from what it was, without a link",
			ev:      event("manufacturer.delete", "manufacturer", 9, audit.Deleted(map[string]any{"id": 9, "name": "Gone Ltd", "archived": true})),
			summary: "Manufacturer deleted",
			record:  &audit.Record{Type: "manufacturer", TypeLabel: "Manufacturer", ID: 9, Label: "Gone Ltd"},
			fields:  []audit.FieldChange{{Field: "archived", Label: "Archived", Kind: "text", Before: "Yes"}, {Field: "name", Label: "Name", Kind: "text", Before: "Gone Ltd"}},
		},
		{
			name: "a checklist answer links to its inspection and keeps its context out of the changes",
			ev: event("checklist_answer.update", "checklist_answer", 77, map[string][2]any{
				"answer": {"yes", "no"}, "note": {"", "Solder paste expired"}, "inspection_id": {12, 12}, "item_number": {"1.2", "1.2"},
			}),
			summary: "Checklist answer changed",
			record:  &audit.Record{Type: "checklist_answer", TypeLabel: "Checklist answer", ID: 77, Label: "Item 1.2 of ACME-SZ1 routine inspection #12", Link: "/inspections/12"},
			fields: []audit.FieldChange{
				{Field: "answer", Label: "Answer", Kind: "text", Before: "Yes", After: "No"},
				{Field: "note", Label: "Note", Kind: "text", After: "Solder paste expired"},
			},
		},
		{
			name:    "an export is described by its report and filters",
			ev:      event("report.export", "report", 0, map[string]any{"report": "approved_suppliers", "file_name": "approved-suppliers-2026-01-01.xlsx", "filters": map[string]string{"country": "DE"}, "rows": 4}),
			summary: "Spreadsheet exported",
			record:  &audit.Record{Type: "report", TypeLabel: "Report", Label: "Approved suppliers report"},
			fields: []audit.FieldChange{
				{Field: "file_name", Label: "File name", Kind: "text", After: "approved-suppliers-2026-01-01.xlsx"},
				{Field: "filters", Label: "Filters", Kind: "text", After: "Country: DE"},
				{Field: "report", Label: "Report", Kind: "text", After: "Approved suppliers"},
				{Field: "rows", Label: "Rows", Kind: "text", After: "4"},
			},
		},
		{
			name:    "an attachment links to the record it is attached to",
			ev:      event("attachment.create", "attachment", 40, map[string][2]any{"file_name": {nil, "cert.pdf"}}),
			summary: "Attachment created",
			record:  &audit.Record{Type: "attachment", TypeLabel: "Attachment", ID: 40, Label: "Attachment #40", Link: "/findings/5"},
			fields:  []audit.FieldChange{{Field: "file_name", Label: "File name", Kind: "text", After: "cert.pdf"}},
		},
		{
			name: "an attachment's owner reads as the record it is attached to, not as a type and an id",
			ev: event("attachment.create", "attachment", 40, map[string][2]any{
				"file_name": {nil, "cert.pdf"}, "owner_type": {nil, "finding"}, "owner_id": {nil, 5},
			}),
			summary: "Attachment created",
			record:  &audit.Record{Type: "attachment", TypeLabel: "Attachment", ID: 40, Label: "Attachment #40", Link: "/findings/5"},
			fields: []audit.FieldChange{
				{Field: "file_name", Label: "File name", Kind: "text", After: "cert.pdf"},
				{Field: "owner_id", Label: "Attached to", Kind: "text", After: "ACME-SZ1 finding #5"},
			},
		},
		{
			name:    "a deleted attachment names the record it was attached to",
			ev:      event("attachment.delete", "attachment", 41, map[string]any{"deleted": map[string]any{"file_name": "old.pdf", "owner_type": "inspection", "owner_id": 12}}),
			summary: "Attachment deleted",
			record:  &audit.Record{Type: "attachment", TypeLabel: "Attachment", ID: 41, Label: "old.pdf", Link: "/inspections/12"},
			fields: []audit.FieldChange{
				{Field: "file_name", Label: "File name", Kind: "text", Before: "old.pdf"},
				{Field: "owner_id", Label: "Attached to", Kind: "text", Before: "ACME-SZ1 routine inspection #12"},
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := audit.Describe(tc.ev, lookup)
			if got.Summary != tc.summary {
				t.Errorf("summary = %q, want %q", got.Summary, tc.summary)
			}
			if got.ActorName != "Ada Auditor" {
				t.Errorf("actor name = %q", got.ActorName)
			}
			if !reflect.DeepEqual(got.Record, tc.record) {
				t.Errorf("record = %+v, want %+v", got.Record, tc.record)
			}
			if !reflect.DeepEqual(got.Fields, tc.fields) {
				t.Errorf("fields:\n got %+v\nwant %+v", got.Fields, tc.fields)
			}
		})
	}
}

func TestRefsNameTheRecordAnAttachmentBelongsTo(t *testing.T) {
	ev := event("attachment.create", "attachment", 40, map[string][2]any{"owner_type": {nil, "certification"}, "owner_id": {nil, 9}})
	got := audit.Refs(ev)
	want := []audit.Ref{{Type: "user", ID: 7}, {Type: "attachment", ID: 40}, {Type: "certification", ID: 9}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("refs = %+v, want %+v", got, want)
	}
}

func TestRefsNameEveryRecordAnEventMentions(t *testing.T) {
	ev := event("user.scope", "user", 8, map[string][2]any{"scope_manufacturer_ids": {[]int64{1}, []int64{1, 2}}})
	got := audit.Refs(ev)
	want := []audit.Ref{{Type: "user", ID: 7}, {Type: "user", ID: 8}, {Type: "manufacturer", ID: 1}, {Type: "manufacturer", ID: 1}, {Type: "manufacturer", ID: 2}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("refs = %+v, want %+v", got, want)
	}
	r := audit.Describe(ev, lookup)
	if len(r.Fields) != 1 || r.Fields[0].Before != "Acme Electronics" || r.Fields[0].After != "Acme Electronics, Baltic Boards" {
		t.Fatalf("scope change = %+v", r.Fields)
	}
}
