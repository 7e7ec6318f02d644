package seed

import (
	"context"
	"fmt"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// Keys of the built-in checklist templates.
const (
	GeneralAuditKey         = "general-manufacturing-process-audit"
	SupplyChainIntegrityKey = "hardware-supply-chain-integrity"
)

// BuiltinChecklist is a checklist qualtrack ships.
type BuiltinChecklist struct {
	Key      string
	Template qualification.ChecklistTemplateInput
}

// BuiltinChecklists are the templates every installation starts with.
func BuiltinChecklists() []BuiltinChecklist {
	return []BuiltinChecklist{
		{GeneralAuditKey, generalAuditChecklist()},
		{SupplyChainIntegrityKey, supplyChainIntegrityChecklist()},
	}
}

// Checklists creates the built-in templates that do not exist yet and
// reports how many it created. A built-in template edited or archived
// since keeps its edits: only a key with no version at all is created.
func Checklists(ctx context.Context, st *store.Store) (int, error) {
	n := 0
	for _, b := range BuiltinChecklists() {
		created, err := st.EnsureChecklistTemplate(ctx, b.Key, b.Template, system)
		if err != nil {
			return n, fmt.Errorf("seed: checklist %s: %w", b.Key, err)
		}
		if created {
			n++
		}
	}
	return n, nil
}

// checklistItem builds a template item; the flags read as naOK/naNo and
// isCritical/notCritical at each call.
func checklistItem(question, guidance, requirement string, weight int, typ model.AnswerType, naAllowed, critical bool, category model.FindingCategory) qualification.ChecklistItemInput {
	return qualification.ChecklistItemInput{Question: question, Guidance: guidance, Requirement: requirement, Weight: weight,
		AnswerType: typ, NAAllowed: naAllowed, Critical: critical, Category: category}
}

// Readable names for checklistItem's flags.
const (
	naOK        = true  // the item may be answered N/A
	naNo        = false // the item always applies
	isCritical  = true  // failing it fails the inspection
	notCritical = false
)
