package reminders

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/language"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

func TestAssessmentDueStage(t *testing.T) {
	for _, tc := range []struct {
		name   string
		status model.AssessmentStatus
		due    string
		want   string
	}{
		{"three days ahead: not yet", model.AssessmentOpen, "2026-06-18", ""},
		{"two days ahead", model.AssessmentOpen, "2026-06-17", "questionnaire:2d@2026-06-17"},
		{"due today", model.AssessmentOpen, "2026-06-15", "questionnaire:2d@2026-06-15"},
		{"a day late", model.AssessmentOpen, "2026-06-14", "questionnaire:overdue@2026-06-14"},
		{"returned to the supplier counts as open", model.AssessmentReturned, "2026-06-14", "questionnaire:overdue@2026-06-14"},
		{"submitted: with the buyer", model.AssessmentSubmitted, "2026-06-14", ""},
		{"accepted", model.AssessmentAccepted, "2026-06-14", ""},
		{"late past the limit", model.AssessmentOpen, "2026-05-15", ""},
		{"30 days late: still told", model.AssessmentOpen, "2026-05-16", "questionnaire:overdue@2026-05-16"},
		{"no due date", model.AssessmentOpen, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var due model.Date
			if tc.due != "" {
				due = d(tc.due)
			}
			got, ok := AssessmentDueStage(tc.status, due, today)
			if got != tc.want || ok != (tc.want != "") {
				t.Errorf("AssessmentDueStage = %q, %v; want %q", got, ok, tc.want)
			}
		})
	}
}

func TestAssessmentSubmittedStage(t *testing.T) {
	at := func(s string) *time.Time { tm := d(s).Time().Add(9 * time.Hour); return &tm }
	for _, tc := range []struct {
		name        string
		status      model.AssessmentStatus
		submitted   *time.Time
		submissions int
		want        string
	}{
		{"first submission", model.AssessmentSubmitted, at("2026-06-14"), 1, "questionnaire:answer1@2026-06-14"},
		{"submitted again after a return is told again", model.AssessmentSubmitted, at("2026-06-15"), 2, "questionnaire:answer2@2026-06-15"},
		{"open: nothing to review", model.AssessmentOpen, nil, 0, ""},
		{"returned: with the supplier", model.AssessmentReturned, at("2026-06-14"), 1, ""},
		{"accepted", model.AssessmentAccepted, at("2026-06-14"), 1, ""},
		{"waiting past the limit", model.AssessmentSubmitted, at("2026-05-01"), 1, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := AssessmentSubmittedStage(tc.status, tc.submitted, tc.submissions, today)
			if got != tc.want || ok != (tc.want != "") {
				t.Errorf("AssessmentSubmittedStage = %q, %v; want %q", got, ok, tc.want)
			}
		})
	}
}

// questionnaireFacts are questionnaires of two manufacturers: one due in
// two days, one returned and late, one submitted; and a request whose id
// is the same as a questionnaire's, so the two are told apart by type.
func questionnaireFacts() store.ReminderFacts {
	f := store.ReminderFacts{Today: today}
	submitted := d("2026-06-14").Time().Add(10 * time.Hour)
	f.Assessments = []store.DueAssessment{
		{ID: 7, SiteID: 1, ManufacturerID: 1, ManufacturerName: "深圳板卡", SiteCode: "SZB-1", SiteName: "龙华工厂", TemplateName: "SMT 工艺审核",
			Status: model.AssessmentOpen, DueDate: today.AddDays(2)},
		{ID: 8, SiteID: 2, ManufacturerID: 1, ManufacturerName: "深圳板卡", SiteCode: "SZB-2", SiteName: "宝安工厂", TemplateName: "ESD control",
			Status: model.AssessmentReturned, DueDate: today.AddDays(-3), Submissions: 1},
		{ID: 9, SiteID: 3, ManufacturerID: 2, ManufacturerName: "Baltic Boards", SiteCode: "BB-1", SiteName: "Kaunas", TemplateName: "ESD control",
			Status: model.AssessmentSubmitted, DueDate: today.AddDays(5), SubmittedAt: &submitted, Submissions: 2},
	}
	f.Stages = []store.DueStage{{CorrectiveActionID: 7, FindingID: 70, SiteID: 1, ManufacturerID: 1, ManufacturerName: "深圳板卡", SiteCode: "SZB-1",
		SiteName: "龙华工厂", Stage: model.StageContainment, Status: model.StageOpen, DueDate: today.AddDays(1), Finding: "离子风机未校准"}}
	return f
}

// A supplier hears of its manufacturer's questionnaires due (of its own
// sites when bound to some), in its language and linked to the portal;
// the buyers hear of the one submitted, linked to its review page; the
// other manufacturer's supplier and an auditor hear of none of these.
func TestPlanTellsOfQuestionnaires(t *testing.T) {
	items := DueItems(questionnaireFacts())
	recipients := []store.Recipient{
		{ID: 1, Email: "lin@szb.example", Role: model.RoleSupplier, Scope: []int64{1}, Language: model.LanguageSimplifiedChinese},
		{ID: 2, Email: "site2@szb.example", Role: model.RoleSupplier, Scope: []int64{1}, SiteScope: []int64{2}},
		{ID: 3, Email: "ona@bb.example", Role: model.RoleSupplier, Scope: []int64{2}},
		{ID: 5, Email: "buyer@example.com", Role: model.RoleManager},
		{ID: 6, Email: "auditor@example.com", Role: model.RoleAuditor},
	}
	told := map[int64][]Reminder{}
	for _, r := range Plan(items, recipients, nil, true) {
		told[r.UserID] = append(told[r.UserID], r)
	}
	entities := func(id int64) []string {
		var out []string
		for _, r := range told[id] {
			out = append(out, string(r.Kind)+" "+r.EntityType+" "+strconv.FormatInt(r.EntityID, 10)+" "+r.Stage)
		}
		slices.Sort(out)
		return out
	}
	want := map[int64][]string{
		1: {"answer_due corrective_action 7 d3:2d@2026-06-16", "answer_due self_assessment 7 questionnaire:2d@2026-06-17",
			"answer_due self_assessment 8 questionnaire:overdue@2026-06-12"},
		2: {"answer_due self_assessment 8 questionnaire:overdue@2026-06-12"},
		5: {"supplier_answer self_assessment 9 questionnaire:answer2@2026-06-14"},
	}
	for id := int64(1); id <= 6; id++ {
		if got := entities(id); !slices.Equal(got, want[id]) {
			t.Errorf("user %d told %q, want %q", id, got, want[id])
		}
	}
	for _, r := range told[1] {
		if r.EntityType == "self_assessment" && (!strings.Contains(r.Title, "的问卷") || r.Link != "/supplier/questionnaires/"+strconv.FormatInt(r.EntityID, 10)) {
			t.Errorf("the Chinese-speaking supplier's reminder: %q %q", r.Title, r.Link)
		}
	}
	if r := told[2]; len(r) == 1 && (r[0].Title != `The questionnaire "ESD control" for SZB-2 is overdue by 3 days` ||
		!strings.Contains(r[0].Body, "were due on 2026-06-12.") || !strings.Contains(r[0].Body, "The buyer returned some items")) {
		t.Errorf("the English-speaking supplier's reminder: %q / %q", r[0].Title, r[0].Body)
	}
	if b := told[5]; len(b) == 1 && (b[0].Title != `Baltic Boards submitted the questionnaire "ESD control" for BB-1` ||
		b[0].Link != "/self-assessments/9" || !strings.Contains(b[0].Body, "submitted its answers again (submission 2) on 2026-06-14")) {
		t.Errorf("the buyer's reminder: %+v", b[0])
	}
}

// A request and a questionnaire with the same id, both pending for the
// same user, are each carried by the digest under their own heading, and
// a pending reminder of one never carries the other.
func TestDigestTellsQuestionnairesApartFromRequests(t *testing.T) {
	r := store.Recipient{ID: 1, Email: "lin@szb.example", Name: "Lin", Role: model.RoleSupplier, Scope: []int64{1}}
	items := DueItems(questionnaireFacts())
	only := []store.PendingEmail{{ReminderID: 1, UserID: 1, Kind: model.KindAnswerDue, EntityType: "self_assessment", EntityID: 7, RunDate: today}}
	ds := Digests(items, []store.Recipient{r}, only)
	if len(ds) != 1 || len(ds[0].Items) != 1 || ds[0].Items[0].EntityType != "self_assessment" {
		t.Fatalf("a questionnaire's reminder carried %+v", ds)
	}
	both := append(only, store.PendingEmail{ReminderID: 2, UserID: 1, Kind: model.KindAnswerDue, EntityType: "corrective_action", EntityID: 7, RunDate: today})
	ds = Digests(items, []store.Recipient{r}, both)
	msg, err := RenderDigest(ds[0], today, "https://qt.example.com")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Answers due", "Questionnaires due", "https://qt.example.com/supplier/questionnaires/7", "https://qt.example.com/supplier/requests/7"} {
		if !strings.Contains(msg.Text, want) {
			t.Errorf("the digest lacks %q:\n%s", want, msg.Text)
		}
	}
	buyer := store.Recipient{ID: 5, Email: "buyer@example.com", Name: "Buyer", Role: model.RoleManager}
	ds = Digests(items, []store.Recipient{buyer}, []store.PendingEmail{{ReminderID: 3, UserID: 5, Kind: model.KindSupplierAnswer, EntityType: "self_assessment", EntityID: 9, RunDate: today}})
	msg, err = RenderDigest(ds[0], today, "https://qt.example.com")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(msg.Text, "Questionnaires to review") || !strings.Contains(msg.Text, "https://qt.example.com/self-assessments/9") ||
		strings.Contains(msg.Subject, "overdue") {
		t.Errorf("the buyer's digest: %s\n%s", msg.Subject, msg.Text)
	}
}

// A supplier's Chinese digest of questionnaires has no English left in it
// but names and addresses.
func TestSupplierQuestionnaireDigestSpeaksItsLanguage(t *testing.T) {
	r := store.Recipient{ID: 1, Email: "lin@szb.example", Name: "林伟", Role: model.RoleSupplier, Scope: []int64{1}, Language: model.LanguageSimplifiedChinese}
	items := DueItems(questionnaireFacts())
	var pending []store.PendingEmail
	for _, it := range items {
		pending = append(pending, store.PendingEmail{ReminderID: it.EntityID, UserID: 1, Kind: it.Kind, EntityType: it.EntityType, EntityID: it.EntityID, RunDate: today})
	}
	ds := Digests(items, []store.Recipient{r}, pending)
	if len(ds) != 1 || len(ds[0].Items) != 3 {
		t.Fatalf("digests %+v", ds)
	}
	msg, err := RenderDigest(ds[0], today, "https://qt.example.com")
	if err != nil {
		t.Fatal(err)
	}
	for _, part := range []string{msg.Subject, msg.Text, msg.HTML} {
		for _, want := range []string{"已逾期的问卷", "即将到期的问卷", "SZB-1 的问卷“SMT 工艺审核”将于2 天后到期", "2026年6月17日", "采购方退回了部分条目"} {
			if part != msg.Subject && !strings.Contains(part, want) {
				t.Errorf("the digest lacks %q:\n%s", want, part)
			}
		}
		// The template's own name ("ESD control") is the buyer's word, not
		// the digest's: it is left out of the check with the addresses.
		words := regexp.MustCompile(`https?://\S+|<[^>]*>|&[a-z]+;|ESD control`).ReplaceAllString(part, " ")
		if w := questionnaireEnglish.FindAllString(words, -1); len(w) > 0 {
			t.Errorf("English words left in the Chinese digest: %q", w)
		}
	}
}

var questionnaireEnglish = regexp.MustCompile(`(?i)\b(hello|reminders?|due|overdue|answers?|questionnaires?|items?|submit|returned|buyer|today|tomorrow|days?|open|choose|more|see|by|were|your)\b`)

// TestCatalogIsComplete: every message a supplier's reminder writes
// through a printer (p.Sprintf with a literal format, the stage names and
// the supplier's digest headings) has its Simplified Chinese.
func TestCatalogIsComplete(t *testing.T) {
	var keys []string
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || sel.Sel.Name != "Sprintf" {
				return true
			}
			if id, ok := sel.X.(*ast.Ident); !ok || id.Name != "p" {
				return true
			}
			if lit, ok := call.Args[0].(*ast.BasicLit); ok && lit.Kind == token.STRING {
				s, err := strconv.Unquote(lit.Value)
				if err != nil {
					t.Fatal(err)
				}
				keys = append(keys, s)
			}
			return true
		})
	}
	if len(keys) < 20 {
		t.Fatalf("found only %d messages; the scan is broken", len(keys))
	}
	for _, name := range stageNames {
		keys = append(keys, name)
	}
	for _, sec := range digestSections {
		if sec.kind == model.KindAnswerDue {
			keys = append(keys, sec.heading)
		}
	}
	zh := supplierWords[language.SimplifiedChinese]
	for _, k := range keys {
		if _, ok := zh[k]; !ok {
			t.Errorf("no Simplified Chinese for %q", k)
		}
	}
}
