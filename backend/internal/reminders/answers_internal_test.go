package reminders

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

func TestAnswerStage(t *testing.T) {
	for _, tc := range []struct {
		name   string
		status model.CAStageStatus
		due    string
		want   string
	}{
		{"three days ahead: not yet", model.StageOpen, "2026-06-18", ""},
		{"two days ahead", model.StageOpen, "2026-06-17", "d4:2d@2026-06-17"},
		{"due today: still the two-day stage", model.StageOpen, "2026-06-15", "d4:2d@2026-06-15"},
		{"a day late", model.StageOpen, "2026-06-14", "d4:overdue@2026-06-14"},
		{"returned to the supplier counts as open", model.StageReturned, "2026-06-14", "d4:overdue@2026-06-14"},
		{"submitted: with the buyer", model.StageSubmitted, "2026-06-14", ""},
		{"accepted", model.StageAccepted, "2026-06-14", ""},
		{"late past the limit", model.StageOpen, "2026-05-15", ""},
		{"30 days late: still told", model.StageOpen, "2026-05-16", "d4:overdue@2026-05-16"},
		{"no due date", model.StageOpen, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var due model.Date
			if tc.due != "" {
				due = d(tc.due)
			}
			got, ok := AnswerStage(model.StageRootCause, tc.status, due, today)
			if got != tc.want || ok != (tc.want != "") {
				t.Errorf("AnswerStage = %q, %v; want %q", got, ok, tc.want)
			}
		})
	}
}

func TestSupplierAnswerStage(t *testing.T) {
	at := func(s string) *time.Time { tm := d(s).Time().Add(9 * time.Hour); return &tm }
	for _, tc := range []struct {
		name        string
		status      model.CAStageStatus
		submitted   *time.Time
		submissions int
		want        string
	}{
		{"first answer", model.StageSubmitted, at("2026-06-14"), 1, "d3:answer1@2026-06-14"},
		{"an answer again after a return is told again", model.StageSubmitted, at("2026-06-15"), 2, "d3:answer2@2026-06-15"},
		{"open: nothing to review", model.StageOpen, nil, 0, ""},
		{"accepted", model.StageAccepted, at("2026-06-14"), 1, ""},
		{"waiting past the limit", model.StageSubmitted, at("2026-05-01"), 1, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := SupplierAnswerStage(model.StageContainment, tc.status, tc.submitted, tc.submissions, today)
			if got != tc.want || ok != (tc.want != "") {
				t.Errorf("SupplierAnswerStage = %q, %v; want %q", got, ok, tc.want)
			}
		})
	}
}

// answerFacts are stages of two manufacturers' requests: each supplier
// stage due soon or late (one returned), and an answer waiting.
func answerFacts() store.ReminderFacts {
	f := store.ReminderFacts{Today: today}
	submitted := d("2026-06-14").Time().Add(10 * time.Hour)
	for i, st := range model.SupplierStages {
		f.Stages = append(f.Stages,
			store.DueStage{CorrectiveActionID: 7, FindingID: 70, SiteID: 1, ManufacturerID: 1, ManufacturerName: "深圳板卡", SiteCode: "SZB-1",
				SiteName: "龙华工厂", Stage: st, Status: model.StageOpen, DueDate: today.AddDays(2 - 2*i), Finding: "离子风机未校准。"},
			store.DueStage{CorrectiveActionID: 8, FindingID: 80, SiteID: 2, ManufacturerID: 1, ManufacturerName: "深圳板卡", SiteCode: "SZB-2",
				SiteName: "宝安工厂", Stage: st, Status: model.StageReturned, DueDate: today.AddDays(-1 - i), Finding: "批次标签缺失"})
	}
	f.Stages = append(f.Stages,
		store.DueStage{CorrectiveActionID: 9, FindingID: 90, SiteID: 3, ManufacturerID: 2, ManufacturerName: "Baltic Boards", SiteCode: "BB-1",
			SiteName: "Kaunas", Stage: model.StageContainment, Status: model.StageOpen, DueDate: today, Finding: "ESD floor"},
		store.DueStage{CorrectiveActionID: 7, FindingID: 70, SiteID: 1, ManufacturerID: 1, ManufacturerName: "深圳板卡", SiteCode: "SZB-1",
			SiteName: "龙华工厂", Stage: model.StageContainment, Status: model.StageSubmitted, SubmittedAt: &submitted, Submissions: 2, Finding: "离子风机未校准"})
	return f
}

// Each recipient hears of exactly its own: a supplier of the stages its
// manufacturer must answer (narrowed to its sites when bound to some), in
// its language; the buyers of the answers waiting; an auditor and a
// supplier bound to no manufacturer of nothing.
func TestPlanTellsSuppliersOfTheirStagesAndBuyersOfAnswers(t *testing.T) {
	items := DueItems(answerFacts())
	recipients := []store.Recipient{
		{ID: 1, Email: "lin@szb.example", Role: model.RoleSupplier, Scope: []int64{1}, Language: model.LanguageSimplifiedChinese},
		{ID: 2, Email: "site2@szb.example", Role: model.RoleSupplier, Scope: []int64{1}, SiteScope: []int64{2}},
		{ID: 3, Email: "ona@bb.example", Role: model.RoleSupplier, Scope: []int64{2}},
		{ID: 4, Email: "nobody@example.com", Role: model.RoleSupplier},
		{ID: 5, Email: "buyer@example.com", Role: model.RoleProcurement, Language: model.LanguageSimplifiedChinese},
		{ID: 6, Email: "auditor@example.com", Role: model.RoleAuditor},
	}
	told := map[int64][]Reminder{}
	for _, r := range Plan(items, recipients, nil, true) {
		told[r.UserID] = append(told[r.UserID], r)
	}
	entities := func(id int64) []string {
		var out []string
		for _, r := range told[id] {
			out = append(out, string(r.Kind)+" "+strconv.FormatInt(r.EntityID, 10)+" "+r.Stage)
		}
		slices.Sort(out)
		return out
	}
	want := map[int64][]string{
		1: {"answer_due 7 d3:2d@2026-06-17", "answer_due 7 d4:2d@2026-06-15", "answer_due 7 d5:overdue@2026-06-13", "answer_due 7 d7:overdue@2026-06-11",
			"answer_due 8 d3:overdue@2026-06-14", "answer_due 8 d4:overdue@2026-06-13", "answer_due 8 d5:overdue@2026-06-12", "answer_due 8 d7:overdue@2026-06-11"},
		2: {"answer_due 8 d3:overdue@2026-06-14", "answer_due 8 d4:overdue@2026-06-13", "answer_due 8 d5:overdue@2026-06-12", "answer_due 8 d7:overdue@2026-06-11"},
		3: {"answer_due 9 d3:2d@2026-06-15"},
		5: {"supplier_answer 7 d3:answer2@2026-06-14"},
	}
	for id := int64(1); id <= 6; id++ {
		if got := entities(id); !slices.Equal(got, want[id]) {
			t.Errorf("user %d told %q, want %q", id, got, want[id])
		}
	}
	for _, r := range told[1] {
		if !strings.Contains(r.Title, "到期") && !strings.Contains(r.Title, "逾期") || r.Link != "/supplier/requests/"+strconv.FormatInt(r.EntityID, 10) {
			t.Errorf("the Chinese-speaking supplier's reminder: %q %q", r.Title, r.Link)
		}
	}
	for _, r := range told[2] {
		if !strings.Contains(r.Title, "is overdue by") || !strings.Contains(r.Body, "The buyer returned your answer; answer again.") {
			t.Errorf("the English-speaking supplier's reminder: %q / %q", r.Title, r.Body)
		}
	}
	// The buyer's words are English whatever language they chose.
	if b := told[5]; len(b) == 1 && (b[0].Title != "深圳板卡 answered Containment (D3) of request 7 at SZB-1" || b[0].Link != "/findings/70" ||
		!strings.Contains(b[0].Body, "answered again (answer 2) on 2026-06-14")) {
		t.Errorf("the buyer's reminder: %+v", b[0])
	}
}

var englishWord = regexp.MustCompile(`(?i)\b(hello|reminders?|due|overdue|answers?|containment|root|cause|corrective|preventive|action|request|today|tomorrow|days?|open|choose|more|returned|buyer|see)\b`)

// A supplier's digest in Chinese has no English left in it but names and
// addresses: subject, greeting, headings, items, dates and links.
func TestSupplierDigestSpeaksItsLanguage(t *testing.T) {
	r := store.Recipient{ID: 1, Email: "lin@szb.example", Name: "林伟", Role: model.RoleSupplier, Scope: []int64{1}, Language: model.LanguageSimplifiedChinese}
	items := DueItems(answerFacts())
	// Many requests, so a section shows the "and more" line too.
	first := items[slices.IndexFunc(items, func(it Item) bool { return it.Kind == model.KindAnswerDue })]
	for i := range 12 {
		it := first
		it.EntityID = int64(100 + i)
		items = append(items, it)
	}
	var pending []store.PendingEmail
	for _, it := range items {
		pending = append(pending, store.PendingEmail{ReminderID: it.EntityID, UserID: 1, Kind: it.Kind, EntityType: it.EntityType, EntityID: it.EntityID, RunDate: today})
	}
	digests := Digests(items, []store.Recipient{r}, pending)
	if len(digests) != 1 {
		t.Fatalf("%d digests", len(digests))
	}
	msg, err := RenderDigest(digests[0], today, "https://qt.example.com")
	if err != nil {
		t.Fatal(err)
	}
	if msg.Subject != "qualtrack：2026年6月15日 的 20 条提醒（部分已逾期）" {
		t.Errorf("subject %q", msg.Subject)
	}
	for _, part := range []string{msg.Text, msg.HTML} {
		for _, want := range []string{"林伟，您好：", "已逾期的答复", "即将到期的答复", "还有", "2026年6月17日", "遏制措施 (D3)", "采购方退回了您的答复",
			"https://qt.example.com/supplier/requests/7", "https://qt.example.com/supplier#settings"} {
			if !strings.Contains(part, want) {
				t.Errorf("the digest lacks %q:\n%s", want, part)
			}
		}
		words := regexp.MustCompile(`https?://\S+|<[^>]*>|&[a-z]+;`).ReplaceAllString(part, " ")
		if w := englishWord.FindAllString(words, -1); len(w) > 0 {
			t.Errorf("English words left in the Chinese digest: %q", w)
		}
	}
	if !strings.Contains(msg.HTML, `<html lang="zh-CN">`) {
		t.Error("the HTML part does not say its language")
	}
	// No register totals in a supplier's digest.
	if strings.Contains(msg.Text, "Overdue in all") {
		t.Error("the supplier's digest carries the register's totals")
	}
}
