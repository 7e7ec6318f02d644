-- Why critical checklist items were left unanswered when an inspection was
-- completed: like a result override, the gap is recorded, not hidden.
-- +goose Up
ALTER TABLE inspections ADD COLUMN unanswered_reason TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE inspections DROP COLUMN unanswered_reason;
