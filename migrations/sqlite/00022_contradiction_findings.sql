-- A finding raised for review when the inspector's answer to a critical
-- checklist item contradicts the supplier's self-assessment. One row per
-- item of an inspection, kept even when the answer is later cleared, so
-- the finding is never raised twice.
-- +goose Up
CREATE TABLE contradiction_findings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    inspection_id BIGINT NOT NULL REFERENCES inspections (id),
    item_id BIGINT NOT NULL REFERENCES checklist_items (id),
    self_assessment_id BIGINT NOT NULL REFERENCES self_assessments (id),
    finding_id BIGINT NOT NULL REFERENCES findings (id)
);
CREATE UNIQUE INDEX contradiction_findings_item_key ON contradiction_findings (inspection_id, item_id);

-- +goose Down
DROP TABLE contradiction_findings;
