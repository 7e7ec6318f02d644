package audit

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
)

// Readable is an event as an auditor reads it: what happened in words, the
// record it belongs to, and only the fields that changed, each with its
// label and its values as people write them (names instead of ids). The
// web app and the audit trail spreadsheet both show this.
type Readable struct {
	// ActorName is the name of the user who acted; empty for the system.
	ActorName string        `json:"actor_name"`
	Summary   string        `json:"summary"`
	Record    *Record       `json:"record"`
	Fields    []FieldChange `json:"fields"`
}

// Record is the record an event belongs to.
type Record struct {
	Type      string `json:"type"`
	TypeLabel string `json:"type_label"`
	ID        int64  `json:"id"`
	Label     string `json:"label"`
	// Link is the web app's page of the record ("/sites/3"); empty when the
	// record has none or was deleted.
	Link string `json:"link"`
}

// FieldChange is one changed field. Before is empty for a creation or a
// detail of the event, After is empty for a deletion.
type FieldChange struct {
	Field string `json:"field"`
	Label string `json:"label"`
	// Kind says how Before and After read: "text", or "date" (YYYY-MM-DD)
	// and "timestamp" (RFC 3339), which a reader shows in their own format.
	Kind   string `json:"kind"`
	Before string `json:"before"`
	After  string `json:"after"`
}

// Ref names a record.
type Ref struct {
	Type string
	ID   int64
}

// Lookup holds the names of the records events refer to, loaded in one
// pass for a page of events (see Refs).
type Lookup struct {
	// Names maps a record type and id to its name ("site" -> 3 -> "ACME-SZ1 Shenzhen plant").
	Names map[string]map[int64]string
	// AttachmentOwners maps an attachment to the record it is attached to.
	AttachmentOwners map[int64]Ref
	// ChecklistInspections maps an inspection checklist to its inspection.
	ChecklistInspections map[int64]int64
}

func (l Lookup) name(typ string, id int64) string {
	return l.Names[typ][id]
}

// RecordTypes are the record types of the trail, as the filter offers them.
var RecordTypes = []string{
	string(EntitySite), string(EntityManufacturer), string(EntityInspection), string(EntityFinding),
	string(EntityCertification), string(EntityAttachment), string(EntityInspectionChecklist),
	string(EntityChecklistAnswer), string(EntityChecklistTemplate), string(EntityUser), string(EntityImport),
	ExportRecordType, string(EntityReport), string(EntitySettings), string(EntityReminderRun),
	string(EntityProduct), string(EntitySiteProduct), string(EntityFirmwareRelease), string(EntityBOMRevision),
	string(EntityIntegrityObservation), string(EntityComponentSource), string(EntityPartIncident),
	string(EntitySelfAssessment),
	string(EntityServiceToken), string(EntityWebhook),
}

// ExportRecordType is the filter's name for spreadsheet exports, which the
// trail records as the action report.export on whatever they were about.
const ExportRecordType = "export"

var typeLabels = map[string]string{
	"site": "Site", "manufacturer": "Manufacturer", "inspection": "Inspection", "finding": "Finding",
	"certification": "Certificate", "attachment": "Attachment", "inspection_checklist": "Inspection checklist",
	"checklist_answer": "Checklist answer", "checklist_template": "Checklist template", "user": "User",
	"import": "Import", "report": "Report", "export": "Export", "settings": "Settings",
	"reminder_run": "Reminder run", "product": "Product", "site_product": "Product built at a site",
	"firmware_release": "Firmware release", "bom_revision": "BOM/AVL revision",
	"integrity_observation": "Integrity observation", "component_source": "Component source",
	"part_incident": "Suspect-part incident", "self_assessment": "Self-assessment questionnaire",
	"service_token": "Service token", "webhook": "Webhook",
}

// TypeLabel is a record type as people name it ("checklist_answer" -> "Checklist answer").
func TypeLabel(typ string) string {
	if l, ok := typeLabels[typ]; ok {
		return l
	}
	return sentence(typ)
}

var recordPaths = map[string]string{
	"site": "/sites/", "manufacturer": "/manufacturers/", "inspection": "/inspections/",
	"finding": "/findings/", "certification": "/certifications/", "product": "/products/",
	"part_incident": "/part-incidents/", "self_assessment": "/self-assessments/",
}

// fieldKind says how a field's values read.
type fieldKind int

const (
	kindText fieldKind = iota
	kindDate
	kindTimestamp
	kindEnum
	kindEnumList
	kindBool
	kindCountry
	kindRef
	kindRefList
)

type fieldSpec struct {
	label string
	kind  fieldKind
	ref   string // the record type of a kindRef or kindRefList
}

var fieldSpecs = map[string]fieldSpec{
	"manufacturer_id":         {"Manufacturer", kindRef, "manufacturer"},
	"site_id":                 {"Site", kindRef, "site"},
	"inspection_id":           {"Inspection", kindRef, "inspection"},
	"finding_id":              {"Finding", kindRef, "finding"},
	"component_source_id":     {"Held by component source", kindRef, "component_source"},
	"lead_inspector_id":       {"Lead inspector", kindRef, "user"},
	"decided_by_id":           {"Decided by", kindRef, "user"},
	"verified_by_id":          {"Verified by", kindRef, "user"},
	"uploaded_by_id":          {"Uploaded by", kindRef, "user"},
	"created_by_id":           {"Created by", kindRef, "user"},
	"answered_by_id":          {"Answered by", kindRef, "user"},
	"added_by_id":             {"Added by", kindRef, "user"},
	"user_id":                 {"User", kindRef, "user"},
	"template_id":             {"Checklist template", kindRef, "checklist_template"},
	"scope_manufacturer_ids":  {"Limited to manufacturers", kindRefList, "manufacturer"},
	"attachment_ids":          {"Attachments", kindRefList, "attachment"},
	"country":                 {"Country", kindCountry, ""},
	"processes":               {"Processes", kindEnumList, ""},
	"approved_scope":          {"Approved scope", kindEnumList, ""},
	"require_totp_for":        {"Two-factor sign-in required for", kindEnumList, ""},
	"status":                  {"Status", kindEnum, ""},
	"qualification_status":    {"Qualification status", kindEnum, ""},
	"risk_tier":               {"Risk tier", kindEnum, ""},
	"type":                    {"Type", kindEnum, ""},
	"severity":                {"Severity", kindEnum, ""},
	"category":                {"Category", kindEnum, ""},
	"result":                  {"Result", kindEnum, ""},
	"last_inspection_result":  {"Last inspection result", kindEnum, ""},
	"role":                    {"Role", kindEnum, ""},
	"answer":                  {"Answer", kindEnum, ""},
	"answer_type":             {"Answer type", kindEnum, ""},
	"owner_type":              {"Attached to", kindEnum, ""},
	"report":                  {"Report", kindEnum, ""},
	"contact_email":           {"Contact e-mail", kindText, ""},
	"email":                   {"E-mail", kindText, ""},
	"sha256":                  {"SHA-256", kindText, ""},
	"size":                    {"Size (bytes)", kindText, ""},
	"result_override_reason":  {"Reason for a result other than the suggested one", kindText, ""},
	"correction_reason":       {"Reason for the correction", kindText, ""},
	"na_allowed":              {"N/A allowed", kindBool, ""},
	"not_applicable":          {"Not applicable", kindBool, ""},
	"item_number":             {"Item", kindText, ""},
	"inspection_checklist_id": {"Checklist", kindText, ""},
	"access_expires_at":       {"Access ends", kindTimestamp, ""},
}

// hiddenFields say nothing a reader needs: ids, bookkeeping and hashes.
var hiddenFields = map[string]bool{"id": true, "created_at": true, "updated_at": true, "version": true, "storage_key": true}

var dateFields = map[string]bool{
	"scheduled_date": true, "performed_date": true, "due_date": true, "issued_on": true, "expires_on": true,
	"conditional_until": true, "next_inspection_due": true, "next_planned_date": true, "last_inspection_date": true,
	"run_date": true,
}

func specOf(field string) fieldSpec {
	if s, ok := fieldSpecs[field]; ok {
		return s
	}
	switch {
	case dateFields[field]:
		return fieldSpec{sentence(field), kindDate, ""}
	case strings.HasSuffix(field, "_at") || field == "status_since":
		return fieldSpec{sentence(strings.TrimSuffix(field, "_at")) + " at", kindTimestamp, ""}
	}
	return fieldSpec{sentence(field), kindText, ""}
}

var specialWords = map[string]string{
	"in_qualification": "In qualification", "for_cause": "For cause", "follow_up": "Follow-up",
	"in_progress": "In progress", "esd": "ESD", "smt": "SMT", "pcb_fabrication": "PCB fabrication",
	"na": "N/A", "totp": "Two-factor sign-in",
}

// sentence turns a code into words: "in_qualification" -> "In qualification".
func sentence(code string) string {
	if w, ok := specialWords[code]; ok {
		return w
	}
	s := strings.ReplaceAll(code, "_", " ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// Refs returns the records an event refers to, whose names Describe needs.
func Refs(ev model.AuditEvent) []Ref {
	var refs []Ref
	if ev.ActorID != nil {
		refs = append(refs, Ref{"user", *ev.ActorID})
	}
	if ev.EntityID != nil {
		refs = append(refs, Ref{ev.EntityType, *ev.EntityID})
	}
	changes := decode(ev.Changes)
	if d, ok := changes["deleted"].(map[string]any); ok && len(changes) == 1 {
		changes = map[string]any{}
		for k, v := range d {
			changes[k] = v
		}
	}
	if owner, ok := attachmentOwnerOf(changes); ok {
		refs = append(refs, owner)
	}
	for field, raw := range changes {
		spec := specOf(field)
		if spec.kind != kindRef && spec.kind != kindRefList {
			continue
		}
		for _, id := range ids(raw) {
			refs = append(refs, Ref{spec.ref, id})
		}
	}
	return refs
}

// Describe turns a stored event into what a reader sees.
func Describe(ev model.AuditEvent, lk Lookup) Readable {
	changes := decode(ev.Changes)
	r := Readable{Summary: summary(ev), Fields: []FieldChange{}}
	if ev.ActorID != nil {
		r.ActorName = lk.name("user", *ev.ActorID)
	}
	var deleted map[string]any
	if d, ok := changes["deleted"].(map[string]any); ok && len(changes) == 1 {
		deleted = d
	}
	r.Record = record(ev, changes, deleted, lk)
	// An attachment's owner_type and owner_id read as one field: the record
	// it is attached to, by name.
	source := changes
	if deleted != nil {
		source = deleted
	}
	owner, hasOwner := attachmentOwnerOf(source)
	ownerField := func(before, after bool) FieldChange {
		name := lk.name(owner.Type, owner.ID)
		if name == "" {
			name = fmt.Sprintf("%s #%d", TypeLabel(owner.Type), owner.ID)
		}
		fc := FieldChange{Field: "owner_id", Label: "Attached to", Kind: "text"}
		if before {
			fc.Before = name
		}
		if after {
			fc.After = name
		}
		return fc
	}
	switch {
	case deleted != nil:
		for _, field := range sortedKeys(deleted) {
			if hiddenFields[field] || (hasOwner && field == "owner_type") {
				continue
			}
			if hasOwner && field == "owner_id" {
				r.Fields = append(r.Fields, ownerField(true, false))
				continue
			}
			if fc, ok := change(field, deleted[field], nil, lk); ok {
				r.Fields = append(r.Fields, fc)
			}
		}
	case isDiff(changes):
		for _, field := range sortedKeys(changes) {
			pair := changes[field].([]any)
			if hiddenFields[field] || (hasOwner && field == "owner_type") {
				continue
			}
			if hasOwner && field == "owner_id" {
				r.Fields = append(r.Fields, ownerField(pair[0] != nil, pair[1] != nil))
				continue
			}
			if fc, ok := change(field, pair[0], pair[1], lk); ok {
				r.Fields = append(r.Fields, fc)
			}
		}
	default:
		for _, field := range sortedKeys(changes) {
			if hasOwner && field == "owner_type" {
				continue
			}
			if hasOwner && field == "owner_id" {
				r.Fields = append(r.Fields, ownerField(false, true))
				continue
			}
			if fc, ok := change(field, nil, changes[field], lk); ok {
				r.Fields = append(r.Fields, fc)
			}
		}
	}
	return r
}

// attachmentOwnerOf reads the record an attachment event names by its
// owner_type and owner_id (each a value, or an [old, new] pair of which the
// set one counts).
func attachmentOwnerOf(fields map[string]any) (Ref, bool) {
	set := func(v any) any {
		if pair, ok := v.([]any); ok && len(pair) == 2 {
			if pair[1] != nil {
				return pair[1]
			}
			return pair[0]
		}
		return v
	}
	typ, _ := set(fields["owner_type"]).(string)
	id := firstID(set(fields["owner_id"]))
	if _, known := recordPaths[typ]; !known || id == 0 {
		return Ref{}, false
	}
	return Ref{Type: typ, ID: id}, true
}

// change is one field's change, false when nothing a reader sees changed
// (the same value, or a timestamp stored at another precision).
func change(field string, before, after any, lk Lookup) (FieldChange, bool) {
	spec := specOf(field)
	fc := FieldChange{Field: field, Label: spec.label, Kind: "text", Before: value(spec, before, lk), After: value(spec, after, lk)}
	switch spec.kind {
	case kindDate:
		fc.Kind = "date"
	case kindTimestamp:
		fc.Kind = "timestamp"
	}
	if fc.Before == fc.After || (fc.Kind == "timestamp" && sameSecond(fc.Before, fc.After)) {
		return fc, false
	}
	return fc, true
}

func sameSecond(a, b string) bool {
	return len(a) >= 19 && len(b) >= 19 && a[:19] == b[:19] && (len(a) == 19 || len(b) == 19 || strings.HasSuffix(a, "Z") == strings.HasSuffix(b, "Z"))
}

// value writes one value as people read it; empty for none.
func value(spec fieldSpec, v any, lk Lookup) string {
	if v == nil {
		return ""
	}
	switch spec.kind {
	case kindRef:
		if refs := ids(v); len(refs) > 0 {
			if n := lk.name(spec.ref, refs[0]); n != "" {
				return n
			}
			return fmt.Sprintf("%s #%d", TypeLabel(spec.ref), refs[0])
		}
	case kindRefList:
		var names []string
		for _, id := range ids(v) {
			n := lk.name(spec.ref, id)
			if n == "" {
				n = fmt.Sprintf("%s #%d", TypeLabel(spec.ref), id)
			}
			names = append(names, n)
		}
		sort.Strings(names)
		return strings.Join(names, ", ")
	case kindEnum:
		if s, ok := v.(string); ok {
			return sentence(s)
		}
	case kindEnumList:
		if list, ok := v.([]any); ok {
			words := make([]string, 0, len(list))
			for _, item := range list {
				if s, ok := item.(string); ok {
					words = append(words, sentence(s))
				}
			}
			return strings.Join(words, ", ")
		}
	case kindCountry:
		if s, ok := v.(string); ok {
			if n := qualification.CountryName(s); n != "" {
				return n
			}
			return s
		}
	case kindBool:
		if b, ok := v.(bool); ok {
			return yesNo(b)
		}
	}
	return plain(v)
}

func yesNo(b bool) string {
	if b {
		return "Yes"
	}
	return "No"
}

// plain writes a value of no known kind.
func plain(v any) string {
	switch t := v.(type) {
	case nil:
		return ""
	case string:
		return t
	case bool:
		return yesNo(t)
	case float64:
		if t == math.Trunc(t) && math.Abs(t) < 1e15 {
			return strconv.FormatInt(int64(t), 10)
		}
		return strconv.FormatFloat(t, 'f', -1, 64)
	case []any:
		parts := make([]string, 0, len(t))
		for _, item := range t {
			parts = append(parts, plain(item))
		}
		return strings.Join(parts, ", ")
	case map[string]any:
		parts := make([]string, 0, len(t))
		for _, k := range sortedKeys(t) {
			if s := plain(t[k]); s != "" {
				parts = append(parts, sentence(k)+": "+s)
			}
		}
		return strings.Join(parts, "; ")
	}
	b, _ := json.Marshal(v)
	return string(b)
}

var verbs = map[string]string{
	"create": "created", "update": "changed", "delete": "deleted", "qualification": "qualification decided",
	"scope": "access restricted", "notification_preferences": "notification settings changed",
	"finding": "finding raised", "calendar_token_reset": "calendar link renewed",
	"calendar_token_revoke": "calendar link revoked", "security": "security settings changed",
}

var actionSummaries = map[Action]string{
	ActionReportExport: "Spreadsheet exported", ActionImportSites: "Sites imported", ActionImportCertifications: "Certificates imported",
	ActionAuthLogin: "Signed in", ActionAuthLoginFailed: "Sign-in failed", ActionAuthPasswordChange: "Password changed",
	ActionAuthLogout: "Signed out", ActionTotpEnrol: "Two-factor sign-in enrolment started", ActionTotpConfirm: "Two-factor sign-in turned on",
	ActionTotpRecoveryCodeUsed: "Recovery code used", ActionRemindersRun: "Reminders sent", ActionSeedBulk: "Benchmark data loaded",
	ActionFirmwareReleaseApprove: "Firmware release approved", ActionFirmwareReleaseSupersede: "Firmware release superseded",
	ActionComponentSourceAcceptJustification: "Justification for an unauthorised source accepted",
	ActionIntegrityObservationCreate:         "Integrity observation recorded",
	ActionInspectionCorrect:                  "Completed inspection corrected",
	ActionUserIdentityLink:                   "Single sign-on account linked",
	ActionServiceTokenCreate:                 "Service token created",
	ActionServiceTokenRevoke:                 "Service token revoked",
	ActionWebhookPause:                       "Webhook paused",
	ActionWebhookResume:                      "Webhook resumed",
}

func summary(ev model.AuditEvent) string {
	if s, ok := actionSummaries[Action(ev.Action)]; ok {
		return s
	}
	typ, verb, _ := strings.Cut(ev.Action, ".")
	if v, ok := verbs[verb]; ok {
		return TypeLabel(typ) + " " + v
	}
	return sentence(strings.ReplaceAll(ev.Action, ".", " "))
}

// record names the record an event belongs to and links to its page. An
// answer, a checklist or an attachment links to the page that shows it.
func record(ev model.AuditEvent, changes, deleted map[string]any, lk Lookup) *Record {
	if ev.EntityID == nil && ev.EntityType != "import" && ev.EntityType != "report" {
		return nil
	}
	r := &Record{Type: ev.EntityType, TypeLabel: TypeLabel(ev.EntityType)}
	if ev.EntityID != nil {
		r.ID = *ev.EntityID
		r.Label = lk.name(ev.EntityType, r.ID)
	}
	gone := strings.HasSuffix(ev.Action, ".delete")
	if p, ok := recordPaths[ev.EntityType]; ok && !gone && r.ID != 0 {
		r.Link = p + strconv.FormatInt(r.ID, 10)
	}
	context := func(field string) any {
		if deleted != nil {
			return deleted[field]
		}
		if pair, ok := changes[field].([]any); ok && len(pair) == 2 {
			if pair[1] != nil {
				return pair[1]
			}
			return pair[0]
		}
		return changes[field]
	}
	inspectionLink := func(id int64) {
		if id != 0 {
			r.Link = "/inspections/" + strconv.FormatInt(id, 10)
		}
	}
	switch ev.EntityType {
	case "checklist_answer":
		inspection := firstID(context("inspection_id"))
		inspectionLink(inspection)
		r.Label = fmt.Sprintf("Item %s", plain(context("item_number")))
		if n := lk.name("inspection", inspection); n != "" {
			r.Label += " of " + n
		}
	case "inspection_checklist":
		inspection := firstID(context("inspection_id"))
		if inspection == 0 {
			inspection = lk.ChecklistInspections[r.ID]
		}
		inspectionLink(inspection)
		if t := plain(context("template")); t != "" {
			r.Label = t
		} else if n := lk.name("checklist_template", firstID(context("template_id"))); n != "" {
			r.Label = n
		}
		if n := lk.name("inspection", inspection); n != "" {
			r.Label = strings.TrimSpace(r.Label + " on " + n)
		}
	case "attachment":
		owner, ok := lk.AttachmentOwners[r.ID]
		if !ok && deleted != nil {
			owner = Ref{plain(deleted["owner_type"]), firstID(deleted["owner_id"])}
		}
		if p, ok := recordPaths[owner.Type]; ok && owner.ID != 0 {
			r.Link = p + strconv.FormatInt(owner.ID, 10)
		}
	case "import":
		r.Label = summary(ev)
	case "report":
		r.Label = sentence(plain(changes["report"])) + " report"
	}
	if r.Label == "" && deleted != nil {
		for _, f := range []string{"name", "code", "file_name", "certificate_number", "description", "email"} {
			if s := plain(deleted[f]); s != "" {
				r.Label = s
				break
			}
		}
	}
	if r.Label == "" && r.ID != 0 {
		r.Label = fmt.Sprintf("%s #%d", r.TypeLabel, r.ID)
	}
	return r
}

func decode(raw string) map[string]any {
	m := map[string]any{}
	if raw != "" {
		_ = json.Unmarshal([]byte(raw), &m)
	}
	return m
}

// isDiff reports whether changes are {field: [old, new]} pairs, as Diff
// writes them, rather than details of an event.
func isDiff(changes map[string]any) bool {
	if len(changes) == 0 {
		return false
	}
	for _, v := range changes {
		pair, ok := v.([]any)
		if !ok || len(pair) != 2 {
			return false
		}
	}
	return true
}

// ids reads one id or a list of them.
func ids(v any) []int64 {
	switch t := v.(type) {
	case float64:
		if t > 0 && t == math.Trunc(t) {
			return []int64{int64(t)}
		}
	case []any:
		var out []int64
		for _, item := range t {
			out = append(out, ids(item)...)
		}
		return out
	}
	return nil
}

func firstID(v any) int64 {
	if list := ids(v); len(list) > 0 {
		return list[0]
	}
	return 0
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
