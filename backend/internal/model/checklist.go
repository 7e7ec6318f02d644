package model

import (
	"slices"
	"time"
)

// AnswerType is how a checklist item is answered.
type AnswerType string

const (
	AnswerYesNo    AnswerType = "yes_no"
	AnswerRating   AnswerType = "rating_1_5"
	AnswerFreeText AnswerType = "text"
)

// AnswerTypes lists every answer type.
var AnswerTypes = []AnswerType{AnswerYesNo, AnswerRating, AnswerFreeText}

// Valid reports whether t is a known answer type.
func (t AnswerType) Valid() bool { return slices.Contains(AnswerTypes, t) }

// ChecklistTemplate is one version of a checklist. A template's rows
// (sections, items) never change once an inspection has used it: editing
// it then inserts the next version under the same Key, so past
// inspections keep the questions they were answered against. Version is
// both the template's version number and the optimistic-lock version.
type ChecklistTemplate struct {
	Base
	Key         string     `gorm:"size:80" json:"key"`
	Name        string     `gorm:"size:200" json:"name"`
	Version     int64      `json:"version"`
	Description string     `json:"description"`
	Builtin     bool       `json:"builtin"`
	CreatedByID *int64     `json:"created_by_id"`
	ArchivedAt  *time.Time `json:"archived_at"`
}

// ChecklistSection groups the items of a template.
type ChecklistSection struct {
	Base
	TemplateID int64  `json:"template_id"`
	Position   int    `json:"position"`
	Title      string `gorm:"size:200" json:"title"`
}

// ChecklistItem is one question of a template.
type ChecklistItem struct {
	Base
	TemplateID  int64           `json:"template_id"`
	SectionID   int64           `json:"section_id"`
	Position    int             `json:"position"`
	Question    string          `json:"question"`
	Guidance    string          `json:"guidance"`
	Requirement string          `gorm:"size:200" json:"requirement"`
	Weight      int             `json:"weight"`
	AnswerType  AnswerType      `gorm:"size:20" json:"answer_type"`
	NAAllowed   bool            `gorm:"column:na_allowed" json:"na_allowed"`
	Critical    bool            `json:"critical"`
	Category    FindingCategory `gorm:"size:20" json:"category"`
}

// InspectionChecklist is a template version used by an inspection.
type InspectionChecklist struct {
	Base
	InspectionID int64  `json:"inspection_id"`
	TemplateID   int64  `json:"template_id"`
	AddedByID    *int64 `json:"added_by_id"`
}

// ChecklistAnswer is the answer to one item of an inspection's checklist.
// Photos are attachments of the inspection, referenced by id.
type ChecklistAnswer struct {
	Base
	InspectionChecklistID int64     `json:"inspection_checklist_id"`
	ItemID                int64     `json:"item_id"`
	Answer                string    `gorm:"size:3" json:"answer"` // "yes", "no" or ""
	Rating                *int      `json:"rating"`
	Text                  string    `json:"text"`
	NotApplicable         bool      `json:"not_applicable"`
	Note                  string    `json:"note"`
	AttachmentIDs         IDList    `gorm:"type:text" json:"attachment_ids"`
	FindingID             *int64    `json:"finding_id"`
	AnsweredByID          *int64    `json:"answered_by_id"`
	AnsweredAt            time.Time `json:"answered_at"`
	Version               int64     `json:"version"`
}
