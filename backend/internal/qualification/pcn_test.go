package qualification

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

func TestValidateChange(t *testing.T) {
	for _, c := range []struct {
		name string
		in   ChangeInput
		ok   bool
	}{
		{"complete", ChangeInput{Kind: "equipment", Title: "New reflow oven on line 2", Sites: 1}, true},
		{"unknown kind", ChangeInput{Kind: "mood", Title: "x", Sites: 1}, false},
		{"no title", ChangeInput{Kind: "material", Title: "  ", Sites: 1}, false},
		{"no site", ChangeInput{Kind: "location", Title: "Move to Dongguan"}, false},
	} {
		if err := ValidateChange(c.in); (err == nil) != c.ok {
			t.Errorf("%s: err = %v, want ok %v", c.name, err, c.ok)
		}
	}
}

func TestCheckChangeDecision(t *testing.T) {
	today := model.NewDate(2026, 6, 15)
	for _, c := range []struct {
		name string
		from model.ChangeStatus
		d    ChangeDecision
		ok   bool
	}{
		{"approve", model.ChangePending, ChangeDecision{Status: model.ChangeApproved}, true},
		{"approve with an inspection", model.ChangePending, ChangeDecision{Status: model.ChangeApproved, RequiresInspection: true, InspectionDate: today.AddDays(10)}, true},
		{"inspection without a date", model.ChangePending, ChangeDecision{Status: model.ChangeApproved, RequiresInspection: true}, false},
		{"inspection in the past", model.ChangePending, ChangeDecision{Status: model.ChangeApproved, RequiresInspection: true, InspectionDate: today.AddDays(-1)}, false},
		{"conditions", model.ChangePending, ChangeDecision{Status: model.ChangeApprovedWithConditions, Conditions: "First 3 lots to be 100% tested"}, true},
		{"conditions missing", model.ChangePending, ChangeDecision{Status: model.ChangeApprovedWithConditions}, false},
		{"conditions on a plain approval", model.ChangePending, ChangeDecision{Status: model.ChangeApproved, Conditions: "x"}, false},
		{"reject with a reason", model.ChangePending, ChangeDecision{Status: model.ChangeRejected, Reason: "Sub-tier not qualified"}, true},
		{"reject without a reason", model.ChangePending, ChangeDecision{Status: model.ChangeRejected}, false},
		{"reject and inspect", model.ChangePending, ChangeDecision{Status: model.ChangeRejected, Reason: "no", RequiresInspection: true, InspectionDate: today}, false},
		{"decide twice", model.ChangeApproved, ChangeDecision{Status: model.ChangeRejected, Reason: "changed mind"}, false},
		{"back to pending", model.ChangePending, ChangeDecision{Status: model.ChangePending}, false},
	} {
		if err := CheckChangeDecision(c.from, c.d, today); (err == nil) != c.ok {
			t.Errorf("%s: err = %v, want ok %v", c.name, err, c.ok)
		}
	}
}

func TestChangeUninspected(t *testing.T) {
	d := model.NewDate(2026, 6, 1)
	for _, c := range []struct {
		name   string
		status model.ChangeStatus
		last   model.Date
		want   bool
	}{
		{"approved, never inspected", model.ChangeApproved, model.Date{}, true},
		{"approved, inspected before", model.ChangeApproved, d.AddDays(-30), true},
		{"approved, inspected since", model.ChangeApprovedWithConditions, d.AddDays(3), false},
		{"approved, inspected that day", model.ChangeApproved, d, false},
		{"pending", model.ChangePending, model.Date{}, false},
		{"rejected", model.ChangeRejected, model.Date{}, false},
	} {
		if got := ChangeUninspected(c.status, d, c.last); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

func TestCanAttachToChange(t *testing.T) {
	for _, s := range model.ChangeStatuses {
		if err := CanAttachToChange(s); (err == nil) != (s == model.ChangePending) {
			t.Errorf("%s: err = %v", s, err)
		}
	}
}

// A decision on a change without files signs the content it signed
// before files could be attached; the files' hashes change it.
func TestChangeContentFiles(t *testing.T) {
	c := ChangeContent{Kind: "change_notification", ChangeNotificationID: 3, Title: "New reflow oven", Status: model.ChangeApproved}
	plain, err := ContentHash(c)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(c)
	if strings.Contains(string(b), "files") {
		t.Errorf("content without files names them: %s", b)
	}
	c.Files = []string{strings.Repeat("a", 64)}
	withFile, err := ContentHash(c)
	if err != nil || withFile == plain {
		t.Errorf("a file does not change the signed content: %v", err)
	}
}
