-- The lists count their matches for every page. A filter on a column of
-- few values (a finding's status or severity, an inspection's status,
-- type or result) read through an index on that column alone still looks
-- up every matching row in the table to test the other filters: counting
-- the closed findings of one severity, or the routine inspections with one
-- result, took 100-250 ms on 200,000 inspections and 100,000 findings.
-- These indexes hold the common filters together, so such counts (and the
-- narrow lists' matches) are read from an index alone; each filter leads
-- one of them. site_id ends the findings' indexes for the lists of
-- findings at active sites only (a site that is not archived).

-- +goose Up
CREATE INDEX findings_status_severity_site_idx ON findings (status, severity, site_id);
CREATE INDEX findings_severity_site_idx ON findings (severity, site_id);
CREATE INDEX inspections_status_type_result_idx ON inspections (status, type, result);
CREATE INDEX inspections_type_result_status_idx ON inspections (type, result, status);
CREATE INDEX inspections_result_status_type_idx ON inspections (result, status, type);

-- +goose Down
DROP INDEX inspections_result_status_type_idx;
DROP INDEX inspections_type_result_status_idx;
DROP INDEX inspections_status_type_result_idx;
DROP INDEX findings_severity_site_idx;
DROP INDEX findings_status_severity_site_idx;
