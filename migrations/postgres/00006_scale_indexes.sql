-- +goose Up
-- Indexes measured on a 10,000-site, 200,000-inspection register (see
-- docs/benchmarks.md).
-- The sites list counts and pages the active sites in code order: both
-- read this index instead of the table.
CREATE INDEX sites_archived_code_idx ON sites (archived_at, code);
-- A site's schedule (refreshSiteSchedule, on every inspection write) reads
-- its latest completed and its next planned inspection straight from these;
-- with (site_id, status) alone, SQLite chose an index in date order and
-- walked every completed inspection: 125 ms of CPU per write. They replace
-- that index.
DROP INDEX inspections_site_id_idx;
CREATE INDEX inspections_site_performed_idx ON inspections (site_id, status, performed_date);
CREATE INDEX inspections_site_scheduled_idx ON inspections (site_id, status, scheduled_date);
-- The dashboard's inspections per month read only this index.
CREATE INDEX inspections_completed_idx ON inspections (status, performed_date, result);
-- Overdue findings, soonest due first, without scanning closed ones. The
-- queries spell the condition exactly so the planner can use it.
CREATE INDEX findings_unclosed_due_idx ON findings (due_date) WHERE status <> 'closed';

-- +goose Down
DROP INDEX findings_unclosed_due_idx;
DROP INDEX inspections_completed_idx;
DROP INDEX inspections_site_scheduled_idx;
DROP INDEX inspections_site_performed_idx;
CREATE INDEX inspections_site_id_idx ON inspections (site_id, status);
DROP INDEX sites_archived_code_idx;
