package reminders

import (
	"fmt"
	"strings"
	"time"

	"golang.org/x/text/message"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// answerNoticeDays is how long before a corrective-action stage is due its
// supplier is reminded; it is reminded again once the date has passed.
var answerNoticeDays = []int{2}

// AnswerStage is the reminder stage of a corrective-action stage the
// supplier must answer (open, or returned to it): two days before it is
// due, then "overdue" from the day after, until LateLimitDays after. The
// stage's code is part of the name, so D3 and D4 of one request are
// reminded of apart.
func AnswerStage(code model.CAStage, status model.CAStageStatus, due, today model.Date) (string, bool) {
	if due.IsZero() || (status != model.StageOpen && status != model.StageReturned) || late(due, today) {
		return "", false
	}
	if today.After(due) {
		return string(code) + ":overdue@" + due.String(), true
	}
	s := stage(due, today, answerNoticeDays)
	if s == "" {
		return "", false
	}
	return string(code) + ":" + s, true
}

// SupplierAnswerStage is the reminder stage of a supplier's answer waiting
// for the buyer's review: each submission of a stage is told once, from
// the day it arrives until LateLimitDays after.
func SupplierAnswerStage(code model.CAStage, status model.CAStageStatus, submittedAt *time.Time, submissions int, today model.Date) (string, bool) {
	if status != model.StageSubmitted || submittedAt == nil {
		return "", false
	}
	on := model.DateOf(*submittedAt)
	if late(on, today) {
		return "", false
	}
	return fmt.Sprintf("%s:answer%d@%s", code, submissions, on), true
}

// stageNames are the stages as the supplier's screens name them; they are
// catalog keys.
var stageNames = map[model.CAStage]string{
	model.StageContainment: "Containment (D3)",
	model.StageRootCause:   "Root cause (D4)",
	model.StageCorrection:  "Corrective action (D5/D6)",
	model.StagePrevention:  "Preventive action (D7)",
}

// answerDueItem is a stage due from the supplier. Its words are in the
// supplier's language (Item.In).
func answerDueItem(st store.DueStage, name string, today model.Date) Item {
	say := func(p *message.Printer, lang model.Language) (string, string) {
		stageName := p.Sprintf(stageNames[st.Stage])
		request := p.Sprintf("request %d at %s", st.CorrectiveActionID, st.SiteCode)
		site := p.Sprintf("%s (%s) of %s", st.SiteName, st.SiteCode, st.ManufacturerName)
		var title, body string
		if st.DueDate.Before(today) {
			title = p.Sprintf("%s for %s is overdue by %s", stageName, request, countDays(p, st.DueDate.DaysUntil(today)))
			body = p.Sprintf("%s: %s. Your answer was due on %s.", site, shortFinding(st.Finding), writeDate(lang, st.DueDate))
		} else {
			title = p.Sprintf("%s for %s is due %s", stageName, request, dueIn(p, today.DaysUntil(st.DueDate)))
			body = p.Sprintf("%s: %s. Your answer is due on %s.", site, shortFinding(st.Finding), writeDate(lang, st.DueDate))
		}
		if st.Status == model.StageReturned {
			body += " " + p.Sprintf("The buyer returned your answer; answer again.")
		}
		return title, body
	}
	it := Item{Kind: model.KindAnswerDue, ManufacturerID: st.ManufacturerID, SiteID: st.SiteID, EntityType: "corrective_action",
		EntityID: st.CorrectiveActionID, Stage: name, Date: st.DueDate, Link: fmt.Sprintf("/supplier/requests/%d", st.CorrectiveActionID), say: say}
	it.Title, it.Body = say(printer(""), "")
	return it
}

// supplierAnswerItem is a supplier's answer waiting for the buyer.
func supplierAnswerItem(st store.DueStage, name string) Item {
	on := model.DateOf(*st.SubmittedAt)
	title := fmt.Sprintf("%s answered %s of request %d at %s", st.ManufacturerName, stageNames[st.Stage], st.CorrectiveActionID, st.SiteCode)
	verb := "answered"
	if st.Submissions > 1 {
		verb = fmt.Sprintf("answered again (answer %d)", st.Submissions)
	}
	body := fmt.Sprintf("%s: %s. The supplier %s on %s; accept it or return it with a reason.",
		siteLabel(st.SiteName, st.SiteCode, st.ManufacturerName), shortFinding(st.Finding), verb, on)
	return Item{Kind: model.KindSupplierAnswer, ManufacturerID: st.ManufacturerID, SiteID: st.SiteID, EntityType: "corrective_action",
		EntityID: st.CorrectiveActionID, Stage: name, Date: on, Title: title, Body: body, Link: fmt.Sprintf("/findings/%d", st.FindingID)}
}

// shortFinding is the finding's description, cut to a line, without its
// final full stop (the sentence around it has one).
func shortFinding(s string) string {
	return strings.TrimRight(shorten(s, 160), ".。")
}

func dueIn(p *message.Printer, n int) string {
	switch n {
	case 0:
		return p.Sprintf("today")
	case 1:
		return p.Sprintf("tomorrow")
	}
	return p.Sprintf("in %d days", n)
}

func countDays(p *message.Printer, n int) string {
	if n == 1 {
		return p.Sprintf("%d day", n)
	}
	return p.Sprintf("%d days", n)
}

// assessmentPrefix names a questionnaire's reminder stages apart from a
// request's (whose stages start with the stage's code), so the two kinds
// of record never share a reminder key.
const assessmentPrefix = "questionnaire:"

// AssessmentDueStage is the reminder stage of a questionnaire the supplier
// must answer (open, or returned to it): two days before it is due, then
// "overdue" from the day after, until LateLimitDays after. A questionnaire
// returned again after a later due date is a new stage.
func AssessmentDueStage(status model.AssessmentStatus, due, today model.Date) (string, bool) {
	if due.IsZero() || (status != model.AssessmentOpen && status != model.AssessmentReturned) || late(due, today) {
		return "", false
	}
	if today.After(due) {
		return assessmentPrefix + "overdue@" + due.String(), true
	}
	s := stage(due, today, answerNoticeDays)
	if s == "" {
		return "", false
	}
	return assessmentPrefix + s, true
}

// AssessmentSubmittedStage is the reminder stage of a questionnaire
// submitted and waiting for the buyer's review: each submission is told
// once, from the day it arrives until LateLimitDays after.
func AssessmentSubmittedStage(status model.AssessmentStatus, submittedAt *time.Time, submissions int, today model.Date) (string, bool) {
	if status != model.AssessmentSubmitted || submittedAt == nil {
		return "", false
	}
	on := model.DateOf(*submittedAt)
	if late(on, today) {
		return "", false
	}
	return fmt.Sprintf("%sanswer%d@%s", assessmentPrefix, submissions, on), true
}

// assessmentDueItem is a questionnaire due from the supplier, in its
// language.
func assessmentDueItem(a store.DueAssessment, name string, today model.Date) Item {
	say := func(p *message.Printer, lang model.Language) (string, string) {
		what := p.Sprintf("The questionnaire \"%s\" for %s", a.TemplateName, a.SiteCode)
		site := p.Sprintf("%s (%s) of %s", a.SiteName, a.SiteCode, a.ManufacturerName)
		var title, body string
		if a.DueDate.Before(today) {
			title = p.Sprintf("%s is overdue by %s", what, countDays(p, a.DueDate.DaysUntil(today)))
			body = p.Sprintf("%s: your answers to the questionnaire were due on %s.", site, writeDate(lang, a.DueDate))
		} else {
			title = p.Sprintf("%s is due %s", what, dueIn(p, today.DaysUntil(a.DueDate)))
			body = p.Sprintf("%s: answer every item and submit the questionnaire by %s.", site, writeDate(lang, a.DueDate))
		}
		if a.Status == model.AssessmentReturned {
			body += " " + p.Sprintf("The buyer returned some items; change them and submit again.")
		}
		return title, body
	}
	it := Item{Kind: model.KindAnswerDue, ManufacturerID: a.ManufacturerID, SiteID: a.SiteID, EntityType: "self_assessment",
		EntityID: a.ID, Stage: name, Date: a.DueDate, Link: fmt.Sprintf("/supplier/questionnaires/%d", a.ID), say: say}
	it.Title, it.Body = say(printer(""), "")
	return it
}

// assessmentSubmittedItem is a submitted questionnaire waiting for the
// buyer.
func assessmentSubmittedItem(a store.DueAssessment, name string) Item {
	on := model.DateOf(*a.SubmittedAt)
	title := fmt.Sprintf("%s submitted the questionnaire \"%s\" for %s", a.ManufacturerName, a.TemplateName, a.SiteCode)
	verb := "submitted its answers"
	if a.Submissions > 1 {
		verb = fmt.Sprintf("submitted its answers again (submission %d)", a.Submissions)
	}
	body := fmt.Sprintf("%s: the supplier %s on %s; accept them or return the items that must change.",
		siteLabel(a.SiteName, a.SiteCode, a.ManufacturerName), verb, on)
	return Item{Kind: model.KindSupplierAnswer, ManufacturerID: a.ManufacturerID, SiteID: a.SiteID, EntityType: "self_assessment",
		EntityID: a.ID, Stage: name, Date: on, Title: title, Body: body, Link: fmt.Sprintf("/self-assessments/%d", a.ID)}
}
