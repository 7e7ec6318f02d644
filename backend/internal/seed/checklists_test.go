package seed_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
	"github.com/qualtrack/qualtrack/backend/internal/seed"
	"github.com/qualtrack/qualtrack/backend/internal/store"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// The built-in templates are valid, and the supply-chain one covers the
// tampering risks with critical items.
func TestBuiltinChecklists(t *testing.T) {
	builtins := seed.BuiltinChecklists()
	if len(builtins) != 2 {
		t.Fatalf("%d built-in templates", len(builtins))
	}
	for _, b := range builtins {
		if err := qualification.ValidateChecklistTemplate(b.Template); err != nil {
			t.Errorf("%s: %v", b.Key, err)
		}
	}
	var supply qualification.ChecklistTemplateInput
	for _, b := range builtins {
		if b.Key == seed.SupplyChainIntegrityKey {
			supply = b.Template
		}
	}
	critical := map[string]bool{} // section title -> has a critical item
	all := ""
	for _, sec := range supply.Sections {
		if len(sec.Items) < 3 {
			t.Errorf("section %q has only %d items", sec.Title, len(sec.Items))
		}
		for _, it := range sec.Items {
			critical[sec.Title] = critical[sec.Title] || it.Critical
			all += " " + it.Question + " " + it.Requirement
		}
	}
	for _, topic := range []string{"authorised", "AS5553", "AS6081", "golden", "X-ray", "signed", "hash", "logins", "serial number", "tamper-evident", "one person alone", "sub-tier supplier"} {
		if !strings.Contains(all, topic) {
			t.Errorf("the supply-chain checklist never mentions %q", topic)
		}
	}
	for _, title := range []string{"Component sourcing and counterfeit avoidance", "BOM and golden-sample comparison", "X-ray and AOI comparison against the golden board",
		"Firmware programming (BIOS, BMC, CPLD)", "Programming stations", "Serial-number traceability", "Tamper-evident packaging and seals",
		"Physical access and separation of duties", "Change notification"} {
		if !critical[title] {
			t.Errorf("section %q has no critical item", title)
		}
	}
}

// Seeding twice creates the templates once, and an edited built-in
// template is left as it is.
func TestChecklistsIdempotent(t *testing.T) {
	ctx := context.Background()
	db := testutil.NewDB(t, nil)
	st := store.New(db.DB, func() time.Time { return testutil.FixedNow })
	n, err := seed.Checklists(ctx, st)
	testutil.Fatal(t, err, "seed")
	if n != 2 {
		t.Fatalf("created %d templates, want 2", n)
	}
	rows, _, err := st.ListChecklistTemplates(ctx, store.ChecklistTemplateFilter{}, store.Page{Page: 1, PageSize: 50})
	testutil.Fatal(t, err, "list")
	_, err = st.SetChecklistTemplateArchived(ctx, rows[0].ID, rows[0].Version, true, testutil.SystemActor)
	testutil.Fatal(t, err, "archive")
	n, err = seed.Checklists(ctx, st)
	testutil.Fatal(t, err, "seed again")
	if n != 0 {
		t.Fatalf("seeding again created %d templates", n)
	}
	var count int64
	testutil.Fatal(t, db.Model(&model.ChecklistTemplate{}).Count(&count).Error, "count")
	if count != 2 {
		t.Fatalf("%d template rows, want 2", count)
	}
}

// assertDemoChecklists checks, after the demo story (TestDemo), that it
// answered checklists and that every result it recorded is the one its
// checklists suggest; the suspended firmware site's critical finding was
// raised from the failed firmware item.
func assertDemoChecklists(t *testing.T, db *testutil.DB, st *store.Store) {
	t.Helper()
	ctx := context.Background()
	var templates, answers int64
	testutil.Fatal(t, db.Model(&model.ChecklistTemplate{}).Count(&templates).Error, "count")
	testutil.Fatal(t, db.Model(&model.ChecklistAnswer{}).Count(&answers).Error, "count")
	if templates != 2 || answers < 200 {
		t.Fatalf("%d templates, %d answers", templates, answers)
	}
	var ids []int64
	testutil.Fatal(t, db.Model(&model.InspectionChecklist{}).Distinct("inspection_id").Pluck("inspection_id", &ids).Error, "inspections")
	results := map[model.InspectionResult]int{}
	for _, id := range ids {
		v, err := st.InspectionChecklists(ctx, id)
		testutil.Fatal(t, err, "checklists of %d", id)
		in, err := st.InspectionByID(ctx, id)
		testutil.Fatal(t, err, "inspection %d", id)
		if in.Status != model.InspectionCompleted || in.Result != v.ResultSuggestion.Result || in.ResultOverrideReason != "" {
			t.Errorf("inspection %d: %s %s, suggested %s (%v)", id, in.Status, in.Result, v.ResultSuggestion.Result, v.Reasons)
		}
		if in.Score == nil || v.Score == nil || *in.Score != *v.Score || v.Answered != v.Total {
			t.Errorf("inspection %d: score %v, checklist %+v", id, in.Score, v.ChecklistScore)
		}
		results[in.Result]++
	}
	if results[model.ResultPass] == 0 || results[model.ResultConditional] == 0 || results[model.ResultFail] < 2 {
		t.Errorf("results on checklists: %v", results)
	}
	var raised []model.Finding
	testutil.Fatal(t, db.Where("id IN (SELECT finding_id FROM checklist_answers WHERE finding_id IS NOT NULL)").Find(&raised).Error, "raised")
	signed := false
	for _, f := range raised {
		signed = signed || f.Severity == model.SeverityCritical && strings.Contains(f.Description, "signed by the customer")
	}
	if !signed {
		t.Errorf("no critical finding raised from the firmware signature item: %+v", raised)
	}
}
