-- Why a completed inspection's result, status, site or performed date was
-- changed afterwards: a correction is a manager's decision with a reason,
-- kept on the record (the latest) and in the audit trail (every one).
-- +goose Up
ALTER TABLE inspections ADD COLUMN correction_reason TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE inspections DROP COLUMN correction_reason;
