-- +goose Up
-- Indexes measured on a 10,000-site, 200,000-inspection register (see
-- docs/benchmarks.md).
-- The sites list counts and pages the active sites in code order: both
-- read this index instead of the table.
CREATE INDEX sites_archived_code_idx ON sites (archived_at, code);
-- The dashboard's inspections per month read only this index.
CREATE INDEX inspections_completed_idx ON inspections (status, performed_date, result);
-- Overdue findings, soonest due first, without scanning closed ones. The
-- queries spell the condition exactly so the planner can use it.
CREATE INDEX findings_unclosed_due_idx ON findings (due_date) WHERE status <> 'closed';

-- +goose Down
DROP INDEX findings_unclosed_due_idx;
DROP INDEX inspections_completed_idx;
DROP INDEX sites_archived_code_idx;
