package qualification

import (
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

func stagesOf(statuses ...model.CAStageStatus) []StageState {
	out := make([]StageState, len(statuses))
	for i, s := range statuses {
		out[i] = StageState{Stage: model.CAStages[i], Status: s}
	}
	return out
}

const (
	open      = model.StageOpen
	submitted = model.StageSubmitted
	returned  = model.StageReturned
	accepted  = model.StageAccepted
)

func TestCheckSubmit(t *testing.T) {
	for _, c := range []struct {
		name   string
		stages []StageState
		stage  model.CAStage
		ok     bool
	}{
		{"containment first", stagesOf(open, open, open, open, open), model.StageContainment, true},
		{"root cause before containment", stagesOf(open, open, open, open, open), model.StageRootCause, false},
		{"root cause after containment submitted", stagesOf(submitted, open, open, open, open), model.StageRootCause, true},
		{"root cause after containment accepted", stagesOf(accepted, open, open, open, open), model.StageRootCause, true},
		{"returned root cause again", stagesOf(accepted, returned, open, open, open), model.StageRootCause, true},
		{"correction while root cause returned", stagesOf(accepted, returned, open, open, open), model.StageCorrection, false},
		{"submitted twice", stagesOf(submitted, open, open, open, open), model.StageContainment, false},
		{"accepted again", stagesOf(accepted, open, open, open, open), model.StageContainment, false},
		{"prevention last", stagesOf(accepted, accepted, submitted, open, open), model.StagePrevention, true},
		{"verification is the buyer's", stagesOf(accepted, accepted, accepted, accepted, open), model.StageVerification, false},
		{"unknown stage", stagesOf(open, open, open, open, open), "d9", false},
	} {
		if err := CheckSubmit(c.stages, c.stage); (err == nil) != c.ok {
			t.Errorf("%s: err = %v, want ok %v", c.name, err, c.ok)
		}
	}
}

func TestCheckAnswer(t *testing.T) {
	for _, c := range []struct {
		name         string
		stage        model.CAStage
		text, detail string
		method       model.RootCauseMethod
		wantField    string // "" when valid
	}{
		{"containment", model.StageContainment, "Quarantined lot 42", "", "", ""},
		{"empty text", model.StageContainment, "  ", "", "", "text"},
		{"root cause without method", model.StageRootCause, "Worn nozzle", "", "", "method"},
		{"root cause with unknown method", model.StageRootCause, "Worn nozzle", "", "guess", "method"},
		{"root cause by five whys", model.StageRootCause, "Worn nozzle", "", "five_why", ""},
		{"method elsewhere", model.StageContainment, "Sorted", "", "fishbone", "method"},
		{"correction without implementation", model.StageCorrection, "Replace nozzles weekly", "", "", "detail"},
		{"correction", model.StageCorrection, "Replace nozzles weekly", "Done on line 3 on 2026-06-20", "", ""},
		{"prevention without lateral", model.StagePrevention, "PM plan updated", "", "", ""},
	} {
		err := CheckAnswer(c.stage, c.text, c.detail, c.method)
		if c.wantField == "" {
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
			continue
		}
		if ve, ok := err.(*ValidationError); !ok || ve.Fields[c.wantField] == "" {
			t.Errorf("%s: err = %v, want a problem with %s", c.name, err, c.wantField)
		}
	}
}

func TestCheckReviewAndReviewed(t *testing.T) {
	for _, c := range []struct {
		name   string
		status model.CAStageStatus
		accept bool
		reason string
		ok     bool
		after  model.CAStageStatus
	}{
		{"accept a submission", submitted, true, "", true, accepted},
		{"return with a reason", submitted, false, "Show the 5 whys", true, returned},
		{"return without a reason", submitted, false, " ", false, ""},
		{"review an open stage", open, true, "", false, ""},
		{"review an accepted stage", accepted, false, "again", false, ""},
		{"review a returned stage", returned, true, "", false, ""},
	} {
		err := CheckReview(StageState{Stage: model.StageRootCause, Status: c.status}, c.accept, c.reason)
		if (err == nil) != c.ok {
			t.Errorf("%s: err = %v, want ok %v", c.name, err, c.ok)
		}
		if c.ok && Reviewed(c.accept) != c.after {
			t.Errorf("%s: after = %s, want %s", c.name, Reviewed(c.accept), c.after)
		}
	}
}

func TestCheckVerify(t *testing.T) {
	all := stagesOf(accepted, accepted, accepted, accepted, open)
	for _, c := range []struct {
		name      string
		stages    []StageState
		method    model.VerificationMethod
		note, ref string
		ok        bool
	}{
		{"all accepted", all, "on_site_check", "Line 3 audited, no defects in 500 boards", "", true},
		{"prevention not accepted", stagesOf(accepted, accepted, accepted, submitted, open), "on_site_check", "ok", "", false},
		{"no method", all, "", "ok", "", false},
		{"no note", all, "document_review", "", "", false},
		{"next inspection without the item", all, "next_inspection", "Checked", "", false},
		{"next inspection with the item", all, "next_inspection", "Checked", "2026-09 routine, item 4.2", true},
	} {
		if err := CheckVerify(c.stages, c.method, c.note, c.ref); (err == nil) != c.ok {
			t.Errorf("%s: err = %v, want ok %v", c.name, err, c.ok)
		}
	}
}

func TestCurrentStageAndDue(t *testing.T) {
	today := model.NewDate(2026, 6, 15)
	for _, c := range []struct {
		name    string
		stages  []StageState
		current model.CAStage
	}{
		{"new", stagesOf(open, open, open, open, open), model.StageContainment},
		{"containment submitted", stagesOf(submitted, open, open, open, open), model.StageContainment},
		{"root cause returned", stagesOf(accepted, returned, submitted, open, open), model.StageRootCause},
		{"all answered and accepted", stagesOf(accepted, accepted, accepted, accepted, open), model.StageVerification},
	} {
		if got := CurrentStage(c.stages); got != c.current {
			t.Errorf("%s: current = %s, want %s", c.name, got, c.current)
		}
	}
	due := StageDueDates(model.SeverityCritical, today, DefaultCorrectiveDueDays)
	if due[model.StageContainment] != today.AddDays(2) || due[model.StageRootCause] != today.AddDays(14) || due[model.StageCorrection] != today.AddDays(30) {
		t.Errorf("critical due dates = %v", due)
	}
	for _, c := range []struct {
		name string
		s    StageState
		want bool
	}{
		{"open and past due", StageState{Status: open, Due: today.AddDays(-1)}, true},
		{"open, due today", StageState{Status: open, Due: today}, false},
		{"returned and past due", StageState{Status: returned, Due: today.AddDays(-5)}, true},
		{"submitted and past due: the buyer's turn", StageState{Status: submitted, Due: today.AddDays(-5)}, false},
		{"accepted", StageState{Status: accepted, Due: today.AddDays(-5)}, false},
		{"no due date", StageState{Status: open}, false},
	} {
		if got := StageOverdue(c.s, today); got != c.want {
			t.Errorf("%s: overdue = %v, want %v", c.name, got, c.want)
		}
	}
	stages := []StageState{{Status: accepted, Due: today.AddDays(-9)}, {Status: submitted, Due: today.AddDays(3)},
		{Status: open, Due: today.AddDays(20)}, {Status: returned, Due: today.AddDays(10)}}
	if got := NextDue(stages); got != today.AddDays(10) {
		t.Errorf("next due = %s, want the returned stage's %s", got, today.AddDays(10))
	}
	if err := CheckCorrectiveDueDays(CorrectiveDueDays{model.SeverityMajor: {"d3": 5, "d4": 3, "d5": 10, "d7": 20}}); err == nil {
		t.Error("due days that shrink were accepted")
	}
	if err := CheckCorrectiveDueDays(DefaultCorrectiveDueDays); err != nil {
		t.Errorf("defaults: %v", err)
	}
}
