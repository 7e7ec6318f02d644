package reminders_test

import (
	"context"
	"strings"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/audit"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
	"github.com/qualtrack/qualtrack/backend/internal/store"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// A questionnaire walked day by day: the supplier hears, in its language,
// two days before it is due and the day after it passed; the other
// manufacturer's supplier hears nothing; when the supplier submits, the
// buyers hear of it waiting for their review, once per submission.
func TestSupplierAndBuyerRemindersOfAQuestionnaire(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	site, other := w.site(), w.site()
	buyer := audit.ActorOf(w.users[model.RoleProcurement], "")
	tpl, err := w.store.CreateChecklistTemplate(ctx, qualification.ChecklistTemplateInput{Name: "ESD self-check", Sections: []qualification.ChecklistSectionInput{
		{Title: "ESD", Items: []qualification.ChecklistItemInput{{Question: "Are wrist straps tested daily?", Weight: 1, AnswerType: model.AnswerYesNo, Category: "esd"}}}}},
		store.TemplateOptions{}, buyer)
	testutil.Fatal(t, err, "template")
	a, err := w.store.SendSelfAssessment(ctx, store.SendAssessment{SiteID: site.ID, TemplateID: tpl.ID, DueDate: model.NewDate(2026, 6, 17)}, buyer)
	testutil.Fatal(t, err, "send questionnaire")

	lin := model.User{Email: "lin.wei@szb.example", Name: "林伟", Role: model.RoleSupplier, PasswordHash: "x", Active: true, Language: model.LanguageSimplifiedChinese}
	testutil.Fatal(t, w.store.CreateSupplier(ctx, &lin, site.ManufacturerID, nil, system), "supplier")
	ona := model.User{Email: "ona@other.example", Name: "Ona", Role: model.RoleSupplier, PasswordHash: "x", Active: true}
	testutil.Fatal(t, w.store.CreateSupplier(ctx, &ona, other.ManufacturerID, nil, system), "other supplier")
	sched := w.scheduler(w.mail)
	link := "/supplier/questionnaires/" + itoa(a.ID)

	w.run(sched)
	ns := w.notifications(lin.ID)
	if len(ns) != 1 || ns[0].Kind != model.KindAnswerDue || ns[0].EntityType != "self_assessment" || ns[0].Link != link ||
		!strings.Contains(ns[0].Title, "的问卷“ESD self-check”将于2 天后到期") {
		t.Fatalf("the supplier's notifications two days before: %+v", ns)
	}
	if mails := w.mail.to(lin.Email); len(mails) != 1 || !strings.Contains(mails[0].Text, "即将到期的问卷") ||
		!strings.Contains(mails[0].Text, "https://qt.example.com"+link) || !strings.Contains(mails[0].Text, "2026年6月17日") {
		t.Fatalf("the supplier's e-mail: %+v", mails)
	}
	for _, role := range []model.Role{model.RoleProcurement, model.RoleManager, model.RoleAdmin, model.RoleAuditor} {
		if n := w.notifications(w.users[role].ID); len(n) != 0 {
			t.Errorf("%s heard of the supplier's questionnaire due: %+v", role, n)
		}
	}
	w.at(model.NewDate(2026, 6, 16))
	if res := w.run(sched); res.Reminders != 0 {
		t.Errorf("the day after: %d reminders, want none", res.Reminders)
	}
	w.at(model.NewDate(2026, 6, 18))
	w.run(sched)
	if ns := w.notifications(lin.ID); len(ns) != 2 || !strings.Contains(ns[1].Title, "已逾期 1 天") {
		t.Fatalf("the supplier's notifications once the questionnaire is late: %+v", ns)
	}

	// The supplier answers and submits; the next day the buyers hear of it.
	binding, err := w.store.SupplierBindingOf(ctx, lin.ID)
	testutil.Fatal(t, err, "binding")
	portal := w.store.ForSupplier(lin.ID, binding)
	item := a.Sections[0].Items[0].ID
	saved, err := portal.SaveAssessmentAnswers(ctx, a.ID, a.Version, []store.AssessmentAnswerInput{{ItemID: item, Answer: "yes"}}, audit.ActorOf(lin, ""))
	testutil.Fatal(t, err, "answer")
	submitted, err := portal.SubmitSelfAssessment(ctx, a.ID, saved.Version, audit.ActorOf(lin, ""))
	testutil.Fatal(t, err, "submit")
	w.at(model.NewDate(2026, 6, 19))
	w.run(sched)
	for _, role := range []model.Role{model.RoleProcurement, model.RoleManager, model.RoleAdmin} {
		ns := w.notifications(w.users[role].ID)
		if len(ns) != 1 || ns[0].Kind != model.KindSupplierAnswer || ns[0].Link != "/self-assessments/"+itoa(a.ID) ||
			!strings.Contains(ns[0].Title, `submitted the questionnaire "ESD self-check" for `+site.Code) {
			t.Errorf("%s's notifications after the submission: %+v", role, ns)
		}
	}
	if got := w.mail.to("procurement@example.com"); len(got) != 1 || !strings.Contains(got[0].Text, "Questionnaires to review") {
		t.Errorf("procurement's e-mails: %+v", got)
	}
	if n := w.notifications(w.users[model.RoleAuditor].ID); len(n) != 0 {
		t.Errorf("the auditor heard of the submission: %+v", n)
	}
	if ns := w.notifications(lin.ID); len(ns) != 2 {
		t.Errorf("the supplier heard %d times, want 2: a submitted questionnaire is not reminded of", len(ns))
	}
	if n := w.notifications(ona.ID); len(n) != 0 {
		t.Errorf("the other manufacturer's supplier heard of this questionnaire: %+v", n)
	}
	w.at(model.NewDate(2026, 6, 20))
	if res := w.run(sched); res.Reminders != 0 {
		t.Errorf("the submission was told again: %d reminders", res.Reminders)
	}

	// Returned and submitted again: the second submission is news again.
	returned, err := w.store.ReviewSelfAssessment(ctx, a.ID, submitted.Version, store.AssessmentReview{
		Returns: []qualification.ReturnedItem{{ItemID: item, Comment: "Show the tester's log."}}}, buyer)
	testutil.Fatal(t, err, "return")
	saved, err = portal.SaveAssessmentAnswers(ctx, a.ID, returned.Version, []store.AssessmentAnswerInput{{ItemID: item, Answer: "yes", Note: "Log attached to the ESD file."}}, audit.ActorOf(lin, ""))
	testutil.Fatal(t, err, "rework")
	_, err = portal.SubmitSelfAssessment(ctx, a.ID, saved.Version, audit.ActorOf(lin, ""))
	testutil.Fatal(t, err, "submit again")
	w.at(model.NewDate(2026, 6, 21))
	w.run(sched)
	if ns := w.notifications(w.users[model.RoleManager].ID); len(ns) != 2 || !strings.Contains(ns[1].Body, "again (submission 2)") {
		t.Errorf("the manager's notifications after the second submission: %+v", ns)
	}
}
