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

// A request walked day by day: the supplier hears, in its own language,
// two days before its containment is due and the day after it passed; the
// other manufacturer's supplier hears nothing; when the supplier answers,
// the buyers hear of the answer waiting for them, once.
func TestSupplierAndBuyerRemindersOfARequest(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	site, other := w.site(), w.site()
	b := testutil.NewBuilder(t, w.store)
	visit := b.Completed(site.ID, "2026-06-14", model.ResultConditional)
	finding := b.Finding(visit.ID, model.SeverityCritical, testutil.Described("Ionizers on line 3 out of calibration"))
	ca, err := w.store.IssueCorrectiveActionFor(ctx, finding.ID, store.IssueCorrectiveAction{Request: "Contain and find the cause."},
		qualification.DefaultCorrectiveDueDays, audit.ActorOf(w.users[model.RoleProcurement], ""))
	testutil.Fatal(t, err, "issue request")

	lin := model.User{Email: "lin.wei@szb.example", Name: "林伟", Role: model.RoleSupplier, PasswordHash: "x", Active: true, Language: model.LanguageSimplifiedChinese}
	testutil.Fatal(t, w.store.CreateSupplier(ctx, &lin, site.ManufacturerID, nil, system), "supplier")
	ona := model.User{Email: "ona@other.example", Name: "Ona", Role: model.RoleSupplier, PasswordHash: "x", Active: true}
	testutil.Fatal(t, w.store.CreateSupplier(ctx, &ona, other.ManufacturerID, nil, system), "other supplier")
	sched := w.scheduler(w.mail)

	// Issued today (2026-06-15): containment is due on 2026-06-17, in two days.
	w.run(sched)
	ns := w.notifications(lin.ID)
	if len(ns) != 1 || ns[0].Kind != model.KindAnswerDue || !strings.Contains(ns[0].Title, "遏制措施 (D3)将于2 天后到期") ||
		ns[0].Link != "/supplier/requests/"+itoa(ca.ID) {
		t.Fatalf("the supplier's notifications on the day of issue: %+v", ns)
	}
	mails := w.mail.to(lin.Email)
	if len(mails) != 1 || !strings.Contains(mails[0].Subject, "条提醒") || !strings.Contains(mails[0].Text, "2026年6月17日") {
		t.Fatalf("the supplier's e-mail: %+v", mails)
	}
	for _, role := range []model.Role{model.RoleProcurement, model.RoleManager, model.RoleAdmin, model.RoleAuditor} {
		if n := w.notifications(w.users[role].ID); len(n) != 0 {
			t.Errorf("%s heard of the supplier's due stage: %+v", role, n)
		}
	}

	w.at(model.NewDate(2026, 6, 16))
	if res := w.run(sched); res.Reminders != 0 {
		t.Errorf("the day after: %d reminders, want none", res.Reminders)
	}
	w.at(model.NewDate(2026, 6, 18))
	w.run(sched)
	if ns := w.notifications(lin.ID); len(ns) != 2 || !strings.Contains(ns[1].Title, "已逾期 1 天") {
		t.Fatalf("the supplier's notifications once containment is late: %+v", ns)
	}

	// The supplier answers; the next day the buyers hear of it, in English.
	binding, err := w.store.SupplierBindingOf(ctx, lin.ID)
	testutil.Fatal(t, err, "binding")
	_, err = w.store.ForSupplier(lin.ID, binding).SubmitStage(ctx, ca.ID, model.StageContainment, store.StageAnswer{Text: "Lots 24-118 to 24-121 quarantined."},
		audit.ActorOf(lin, ""))
	testutil.Fatal(t, err, "submit containment")
	w.at(model.NewDate(2026, 6, 19))
	w.run(sched)
	for _, role := range []model.Role{model.RoleProcurement, model.RoleManager, model.RoleAdmin} {
		ns := w.notifications(w.users[role].ID)
		if len(ns) != 1 || ns[0].Kind != model.KindSupplierAnswer || ns[0].Link != "/findings/"+itoa(finding.ID) ||
			!strings.Contains(ns[0].Title, "answered Containment (D3) of request") {
			t.Errorf("%s's notifications after the answer: %+v", role, ns)
		}
	}
	if got := w.mail.to("procurement@example.com"); len(got) != 1 || !strings.Contains(got[0].Text, "Supplier answers to review") {
		t.Errorf("procurement's e-mails: %+v", got)
	}
	if n := w.notifications(w.users[model.RoleAuditor].ID); len(n) != 0 {
		t.Errorf("the auditor heard of the answer: %+v", n)
	}
	if ns := w.notifications(lin.ID); len(ns) != 2 {
		t.Errorf("the supplier heard %d times, want 2: an answered stage is not reminded of", len(ns))
	}
	if n := w.notifications(ona.ID); len(n) != 0 {
		t.Errorf("the other manufacturer's supplier heard of this request: %+v", n)
	}
	w.at(model.NewDate(2026, 6, 20))
	if res := w.run(sched); res.Reminders != 0 {
		t.Errorf("the answer was told again: %d reminders", res.Reminders)
	}
}
