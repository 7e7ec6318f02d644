package qualification

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

// Limits of a checklist template and of an answer.
const (
	MaxTemplateNameLength  = 200
	MaxSectionTitleLength  = 200
	MaxRequirementLength   = 200
	MaxQuestionLength      = 2000
	MaxGuidanceLength      = 10000
	MaxTemplateSections    = 50
	MaxTemplateItems       = 500
	MinItemWeight          = 1
	MaxItemWeight          = 10
	MaxAnswerTextLength    = 10000
	MaxAnswerAttachments   = 20
	MaxTemplateDescription = 10000
)

// ChecklistTemplateInput is a template's content as entered.
type ChecklistTemplateInput struct {
	Name        string
	Description string
	Sections    []ChecklistSectionInput
}

// ChecklistSectionInput is one section of a template.
type ChecklistSectionInput struct {
	Title string
	Items []ChecklistItemInput
}

// ChecklistItemInput is one question of a template.
type ChecklistItemInput struct {
	Question    string
	Guidance    string
	Requirement string
	Weight      int
	AnswerType  model.AnswerType
	NAAllowed   bool
	Critical    bool
	Category    model.FindingCategory
}

// ValidateChecklistTemplate returns nil or a *ValidationError naming every
// wrong field by its path, e.g. "sections[1].items[0].weight".
func ValidateChecklistTemplate(in ChecklistTemplateInput) error {
	p := Problems{}
	checkChecklistText(p, "name", "name", in.Name, MaxTemplateNameLength, true)
	checkChecklistText(p, "description", "description", in.Description, MaxTemplateDescription, false)
	switch {
	case len(in.Sections) == 0:
		p.Add("sections", "Add at least one section with at least one item.")
	case len(in.Sections) > MaxTemplateSections:
		p.Add("sections", fmt.Sprintf("A template has at most %d sections.", MaxTemplateSections))
	}
	items := 0
	for i, s := range in.Sections {
		sp := fmt.Sprintf("sections[%d]", i)
		checkChecklistText(p, sp+".title", "section title", s.Title, MaxSectionTitleLength, true)
		if len(s.Items) == 0 {
			p.Add(sp+".items", "Add at least one item to the section.")
		}
		for j, it := range s.Items {
			items++
			validateChecklistItem(p, fmt.Sprintf("%s.items[%d]", sp, j), it)
		}
	}
	if items > MaxTemplateItems {
		p.Add("sections", fmt.Sprintf("A template has at most %d items; it has %d.", MaxTemplateItems, items))
	}
	return p.Err("The checklist template cannot be saved.")
}

func validateChecklistItem(p Problems, path string, it ChecklistItemInput) {
	checkChecklistText(p, path+".question", "question", it.Question, MaxQuestionLength, true)
	checkChecklistText(p, path+".guidance", "guidance", it.Guidance, MaxGuidanceLength, false)
	checkChecklistText(p, path+".requirement", "requirement reference", it.Requirement, MaxRequirementLength, false)
	if it.Weight < MinItemWeight || it.Weight > MaxItemWeight {
		p.Add(path+".weight", fmt.Sprintf("The weight must be a whole number from %d to %d.", MinItemWeight, MaxItemWeight))
	}
	if !it.AnswerType.Valid() {
		p.Add(path+".answer_type", "Choose the answer type: yes_no, rating_1_5 or text.")
	}
	// An unnotified change is found on site, not checked for by an item.
	if !it.Category.Valid() || it.Category == model.CategoryUnnotifiedChange {
		p.Add(path+".category", "Choose the finding category: quality, security, traceability, esd, process, environmental or other.")
	}
	// A text answer has no score, so it cannot fail; a critical flag on it
	// would promise a check that never happens.
	if it.Critical && it.AnswerType == model.AnswerFreeText {
		p.Add(path+".critical", "A text item is not scored, so it cannot be critical; use yes_no or rating_1_5.")
	}
}

func checkChecklistText(p Problems, field, label, v string, max int, required bool) {
	v = strings.TrimSpace(v)
	switch {
	case required && v == "":
		p.Add(field, fmt.Sprintf("Enter the %s.", label))
	case utf8.RuneCountInString(v) > max:
		p.Add(field, fmt.Sprintf("Keep the %s to %d characters or fewer.", label, max))
	}
}

// AnswerInput is an answer to one checklist item as entered.
type AnswerInput struct {
	Answer        string // "yes" or "no"
	Rating        *int
	Text          string
	NotApplicable bool
	Note          string
	Attachments   int // how many photos are referenced
}

// ValidateAnswer checks an answer against its item's answer type and N/A
// rule.
func ValidateAnswer(typ model.AnswerType, naAllowed bool, in AnswerInput) error {
	p := Problems{}
	checkChecklistText(p, "note", "note", in.Note, MaxAnswerTextLength, false)
	checkChecklistText(p, "text", "text", in.Text, MaxAnswerTextLength, false)
	if in.Attachments > MaxAnswerAttachments {
		p.Add("attachment_ids", fmt.Sprintf("Reference at most %d photos per answer.", MaxAnswerAttachments))
	}
	if in.NotApplicable {
		if !naAllowed {
			p.Add("not_applicable", "This item must be answered; it cannot be marked N/A.")
		}
		if in.Answer != "" || in.Rating != nil || strings.TrimSpace(in.Text) != "" {
			p.Add("not_applicable", "An item marked N/A has no answer; send either N/A or an answer.")
		}
		return p.Err("The answer cannot be saved.")
	}
	switch typ {
	case model.AnswerYesNo:
		if in.Answer != "yes" && in.Answer != "no" {
			p.Add("answer", "Answer yes or no.")
		}
		refuseOtherAnswer(p, in.Rating != nil, "rating", "This item is answered yes or no, not rated.")
		refuseOtherAnswer(p, strings.TrimSpace(in.Text) != "", "text", "This item is answered yes or no; put remarks in the note.")
	case model.AnswerRating:
		switch {
		case in.Rating == nil:
			p.Add("rating", "Rate the item from 1 to 5.")
		case *in.Rating < 1 || *in.Rating > 5:
			p.Add("rating", "The rating must be a whole number from 1 to 5.")
		}
		refuseOtherAnswer(p, in.Answer != "", "answer", "This item is rated from 1 to 5, not answered yes or no.")
		refuseOtherAnswer(p, strings.TrimSpace(in.Text) != "", "text", "This item is rated; put remarks in the note.")
	case model.AnswerFreeText:
		if strings.TrimSpace(in.Text) == "" {
			p.Add("text", "Enter the answer.")
		}
		refuseOtherAnswer(p, in.Answer != "", "answer", "This item is answered in text, not yes or no.")
		refuseOtherAnswer(p, in.Rating != nil, "rating", "This item is answered in text, not rated.")
	}
	return p.Err("The answer cannot be saved.")
}

func refuseOtherAnswer(p Problems, present bool, field, why string) {
	if present {
		p.Add(field, why)
	}
}
