package store

import (
	"fmt"

	"gorm.io/gorm"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
)

// templateView loads one template version with its content.
func templateView(tx *gorm.DB, id int64) (ChecklistTemplateView, error) {
	var t model.ChecklistTemplate
	if err := tx.Take(&t, id).Error; err != nil {
		return ChecklistTemplateView{}, translate(err, "checklist template")
	}
	rows, err := describeTemplates(tx, []model.ChecklistTemplate{t})
	if err != nil {
		return ChecklistTemplateView{}, err
	}
	content, err := templateContent(tx, []int64{id})
	if err != nil {
		return ChecklistTemplateView{}, err
	}
	return ChecklistTemplateView{ChecklistTemplateRow: rows[0], Sections: content[id]}, nil
}

// describeTemplates adds counts, use, the newest version and the creator's
// name to a page of template versions, with one query for each kind.
func describeTemplates(tx *gorm.DB, ts []model.ChecklistTemplate) ([]ChecklistTemplateRow, error) {
	rows := make([]ChecklistTemplateRow, len(ts))
	if len(ts) == 0 {
		return rows, nil
	}
	ids := distinctIDs(ts, func(t model.ChecklistTemplate) int64 { return t.ID })
	var sections []struct {
		TemplateID int64
		N          int
	}
	if err := tx.Model(&model.ChecklistSection{}).Select("template_id, COUNT(*) AS n").Where("template_id IN ?", ids).
		Group("template_id").Scan(&sections).Error; err != nil {
		return nil, fmt.Errorf("store: template section counts: %w", err)
	}
	var items []struct {
		TemplateID int64
		N          int
		Critical   int
	}
	if err := tx.Model(&model.ChecklistItem{}).Select("template_id, COUNT(*) AS n, SUM(CASE WHEN critical THEN 1 ELSE 0 END) AS critical").
		Where("template_id IN ?", ids).Group("template_id").Scan(&items).Error; err != nil {
		return nil, fmt.Errorf("store: template item counts: %w", err)
	}
	var used []int64
	if err := tx.Model(&model.InspectionChecklist{}).Distinct("template_id").Where("template_id IN ?", ids).Pluck("template_id", &used).Error; err != nil {
		return nil, fmt.Errorf("store: templates in use: %w", err)
	}
	var sent []int64
	if err := tx.Model(&model.SelfAssessment{}).Distinct("template_id").Where("template_id IN ?", ids).Pluck("template_id", &sent).Error; err != nil {
		return nil, fmt.Errorf("store: templates sent: %w", err)
	}
	used = append(used, sent...)
	keys := map[string]bool{}
	keyList := []string{}
	for _, t := range ts {
		if !keys[t.Key] {
			keys[t.Key] = true
			keyList = append(keyList, t.Key)
		}
	}
	var latest []model.ChecklistTemplate
	if err := tx.Select("id", "key", "version").Where("key IN ?", keyList).Where(latestTemplateVersion).Find(&latest).Error; err != nil {
		return nil, fmt.Errorf("store: latest template versions: %w", err)
	}
	names, err := userNames(tx, distinctIDs(ts, func(t model.ChecklistTemplate) int64 {
		if t.CreatedByID == nil {
			return 0
		}
		return *t.CreatedByID
	}))
	if err != nil {
		return nil, err
	}
	sectionN := map[int64]int{}
	for _, s := range sections {
		sectionN[s.TemplateID] = s.N
	}
	itemN, criticalN := map[int64]int{}, map[int64]int{}
	for _, it := range items {
		itemN[it.TemplateID], criticalN[it.TemplateID] = it.N, it.Critical
	}
	inUse := map[int64]bool{}
	for _, id := range used {
		inUse[id] = true
	}
	newest := map[string]model.ChecklistTemplate{}
	for _, l := range latest {
		newest[l.Key] = l
	}
	for i, t := range ts {
		rows[i] = ChecklistTemplateRow{ChecklistTemplate: t, SectionCount: sectionN[t.ID], ItemCount: itemN[t.ID], CriticalCount: criticalN[t.ID],
			InUse: inUse[t.ID], LatestID: newest[t.Key].ID, LatestVersion: newest[t.Key].Version}
		if t.CreatedByID != nil {
			rows[i].CreatedByName = names[*t.CreatedByID]
		}
	}
	return rows, nil
}

// templateContent loads the numbered sections and items of the template
// versions in ids with two queries.
func templateContent(tx *gorm.DB, ids []int64) (map[int64][]ChecklistSectionView, error) {
	out := map[int64][]ChecklistSectionView{}
	if len(ids) == 0 {
		return out, nil
	}
	var sections []model.ChecklistSection
	if err := tx.Where("template_id IN ?", ids).Order("template_id, position").Find(&sections).Error; err != nil {
		return nil, fmt.Errorf("store: checklist sections: %w", err)
	}
	var items []model.ChecklistItem
	if err := tx.Where("template_id IN ?", ids).Order("template_id, section_id, position").Find(&items).Error; err != nil {
		return nil, fmt.Errorf("store: checklist items: %w", err)
	}
	bySection := map[int64][]model.ChecklistItem{}
	for _, it := range items {
		bySection[it.SectionID] = append(bySection[it.SectionID], it)
	}
	for _, sec := range sections {
		n := len(out[sec.TemplateID]) + 1
		view := ChecklistSectionView{ChecklistSection: sec, Number: n, Items: []ChecklistItemView{}}
		for j, it := range bySection[sec.ID] {
			view.Items = append(view.Items, ChecklistItemView{ChecklistItem: it, Number: fmt.Sprintf("%d.%d", n, j+1)})
		}
		out[sec.TemplateID] = append(out[sec.TemplateID], view)
	}
	return out, nil
}

// templateInput is the stored content of a template version as input.
func templateInput(tx *gorm.DB, t model.ChecklistTemplate) (qualification.ChecklistTemplateInput, error) {
	content, err := templateContent(tx, []int64{t.ID})
	if err != nil {
		return qualification.ChecklistTemplateInput{}, err
	}
	in := qualification.ChecklistTemplateInput{Name: t.Name, Description: t.Description}
	for _, sec := range content[t.ID] {
		s := qualification.ChecklistSectionInput{Title: sec.Title}
		for _, it := range sec.Items {
			s.Items = append(s.Items, qualification.ChecklistItemInput{Question: it.Question, Guidance: it.Guidance,
				Requirement: it.Requirement, Weight: it.Weight, AnswerType: it.AnswerType, NAAllowed: it.NAAllowed,
				Critical: it.Critical, Category: it.Category})
		}
		in.Sections = append(in.Sections, s)
	}
	return in, nil
}

// templateAuditItem is an item as the audit trail records it.
type templateAuditItem struct {
	Question    string                `json:"question"`
	Guidance    string                `json:"guidance,omitempty"`
	Requirement string                `json:"requirement,omitempty"`
	Weight      int                   `json:"weight"`
	AnswerType  model.AnswerType      `json:"answer_type"`
	NAAllowed   bool                  `json:"na_allowed"`
	Critical    bool                  `json:"critical"`
	Category    model.FindingCategory `json:"category"`
}

type templateAuditSection struct {
	Title string              `json:"title"`
	Items []templateAuditItem `json:"items"`
}

// templateAuditContent is what a template's audit events record: the key,
// name, description and every section and item, so the trail shows each
// version's questions exactly.
func templateAuditContent(t model.ChecklistTemplate, in qualification.ChecklistTemplateInput) any {
	sections := make([]templateAuditSection, len(in.Sections))
	for i, s := range in.Sections {
		sections[i].Title = s.Title
		for _, it := range s.Items {
			sections[i].Items = append(sections[i].Items, templateAuditItem{Question: it.Question, Guidance: it.Guidance,
				Requirement: it.Requirement, Weight: it.Weight, AnswerType: it.AnswerType, NAAllowed: it.NAAllowed,
				Critical: it.Critical, Category: it.Category})
		}
	}
	return struct {
		Key         string                 `json:"key"`
		Name        string                 `json:"name"`
		Description string                 `json:"description"`
		Builtin     bool                   `json:"builtin"`
		Sections    []templateAuditSection `json:"sections"`
	}{t.Key, in.Name, in.Description, t.Builtin, sections}
}
