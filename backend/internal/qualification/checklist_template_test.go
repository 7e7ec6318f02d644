package qualification

import (
	"reflect"
	"strings"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

func TestValidateChecklistTemplate(t *testing.T) {
	item := ChecklistItemInput{Question: "Are wrist straps tested daily?", Weight: 2, AnswerType: model.AnswerYesNo, Category: "esd"}
	ok := ChecklistTemplateInput{Name: "ESD audit", Sections: []ChecklistSectionInput{{Title: "ESD", Items: []ChecklistItemInput{item}}}}
	change := func(f func(*ChecklistTemplateInput)) ChecklistTemplateInput {
		in := ok
		in.Sections = []ChecklistSectionInput{{Title: "ESD", Items: []ChecklistItemInput{item}}}
		f(&in)
		return in
	}
	tests := []struct {
		name string
		in   ChecklistTemplateInput
		want []string // fields with a problem
	}{
		{"valid", ok, nil},
		{"no name", change(func(in *ChecklistTemplateInput) { in.Name = "  " }), []string{"name"}},
		{"long name", change(func(in *ChecklistTemplateInput) { in.Name = strings.Repeat("x", 201) }), []string{"name"}},
		{"no sections", change(func(in *ChecklistTemplateInput) { in.Sections = nil }), []string{"sections"}},
		{"empty section", change(func(in *ChecklistTemplateInput) {
			in.Sections = append(in.Sections, ChecklistSectionInput{Title: "Training"})
		}), []string{"sections[1].items"}},
		{"untitled section", change(func(in *ChecklistTemplateInput) { in.Sections[0].Title = "" }), []string{"sections[0].title"}},
		{"item problems", change(func(in *ChecklistTemplateInput) {
			in.Sections[0].Items = []ChecklistItemInput{item, {Question: "", Weight: 11, AnswerType: "photo", Category: "misc", Requirement: strings.Repeat("r", 201)}}
		}), []string{"sections[0].items[1].question", "sections[0].items[1].weight", "sections[0].items[1].answer_type",
			"sections[0].items[1].category", "sections[0].items[1].requirement"}},
		{"weight 0", change(func(in *ChecklistTemplateInput) { in.Sections[0].Items[0].Weight = 0 }), []string{"sections[0].items[0].weight"}},
		{"critical text item", change(func(in *ChecklistTemplateInput) {
			in.Sections[0].Items[0].AnswerType, in.Sections[0].Items[0].Critical = model.AnswerFreeText, true
		}), []string{"sections[0].items[0].critical"}},
		{"too many items", change(func(in *ChecklistTemplateInput) {
			many := make([]ChecklistItemInput, MaxTemplateItems+1)
			for i := range many {
				many[i] = item
			}
			in.Sections[0].Items = many
		}), []string{"sections"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assertProblemFields(t, ValidateChecklistTemplate(tt.in), tt.want)
		})
	}
}

func TestValidateAnswer(t *testing.T) {
	three, six, zero := 3, 6, 0
	tests := []struct {
		name      string
		typ       model.AnswerType
		naAllowed bool
		in        AnswerInput
		want      []string
	}{
		{"yes", model.AnswerYesNo, false, AnswerInput{Answer: "yes", Note: "seen at line 2"}, nil},
		{"no", model.AnswerYesNo, false, AnswerInput{Answer: "no"}, nil},
		{"maybe", model.AnswerYesNo, false, AnswerInput{Answer: "maybe"}, []string{"answer"}},
		{"yes/no unanswered", model.AnswerYesNo, false, AnswerInput{}, []string{"answer"}},
		{"yes/no rated", model.AnswerYesNo, false, AnswerInput{Answer: "yes", Rating: &three}, []string{"rating"}},
		{"rating 3", model.AnswerRating, false, AnswerInput{Rating: &three}, nil},
		{"rating 6", model.AnswerRating, false, AnswerInput{Rating: &six}, []string{"rating"}},
		{"rating 0", model.AnswerRating, false, AnswerInput{Rating: &zero}, []string{"rating"}},
		{"rating missing", model.AnswerRating, false, AnswerInput{Answer: "yes"}, []string{"rating", "answer"}},
		{"text", model.AnswerFreeText, false, AnswerInput{Text: "Lot 4411 traced to the distributor invoice."}, nil},
		{"empty text", model.AnswerFreeText, false, AnswerInput{Text: " "}, []string{"text"}},
		{"n/a allowed", model.AnswerYesNo, true, AnswerInput{NotApplicable: true, Note: "no firmware at this site"}, nil},
		{"n/a not allowed", model.AnswerYesNo, false, AnswerInput{NotApplicable: true}, []string{"not_applicable"}},
		{"n/a with an answer", model.AnswerRating, true, AnswerInput{NotApplicable: true, Rating: &three}, []string{"not_applicable"}},
		{"too many photos", model.AnswerYesNo, false, AnswerInput{Answer: "yes", Attachments: MaxAnswerAttachments + 1}, []string{"attachment_ids"}},
		{"long note", model.AnswerYesNo, false, AnswerInput{Answer: "yes", Note: strings.Repeat("n", MaxAnswerTextLength+1)}, []string{"note"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assertProblemFields(t, ValidateAnswer(tt.typ, tt.naAllowed, tt.in), tt.want)
		})
	}
}

// assertFields checks that err names exactly the fields in want.
func assertProblemFields(t *testing.T, err error, want []string) {
	t.Helper()
	if want == nil {
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		return
	}
	ve, ok := err.(*ValidationError)
	if !ok {
		t.Fatalf("error %v, want a validation error on %v", err, want)
	}
	got := map[string]bool{}
	for k := range ve.Fields {
		got[k] = true
	}
	wantSet := map[string]bool{}
	for _, f := range want {
		wantSet[f] = true
	}
	if !reflect.DeepEqual(got, wantSet) {
		t.Fatalf("fields %v, want %v", ve.Fields, want)
	}
}
