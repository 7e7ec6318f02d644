-- +goose Up
-- The dashboard without its cache (docs/benchmarks.md): every figure is a
-- count read from an index that holds only what it counts, or from a table
-- of counts the database keeps in step with each write. The partial
-- indexes also hold the column of their condition: SQLite counts a query
-- as covered by an index only when every column it names is in it.

-- Active sites by status; due soon and overdue (the range of due dates,
-- with the planned date beside it for the overdue rule). Active sites in
-- code order (the sites list's count and default order) and the few
-- archived ones get partial indexes too, replacing (archived_at, code):
-- with that one, SQLite took "archived_at IS NULL" for a selective
-- equality and read every active site's row instead of these indexes.
DROP INDEX sites_archived_code_idx;
CREATE INDEX sites_active_code_idx ON sites (code, archived_at) WHERE archived_at IS NULL;
CREATE INDEX sites_archived_idx ON sites (archived_at) WHERE archived_at IS NOT NULL;
CREATE INDEX sites_active_status_idx ON sites (qualification_status, archived_at) WHERE archived_at IS NULL;
CREATE INDEX sites_active_due_idx ON sites (next_inspection_due, next_planned_date, archived_at) WHERE archived_at IS NULL;
-- Planned inspections by date, with their site.
CREATE INDEX inspections_planned_idx ON inspections (scheduled_date, site_id, status) WHERE status = 'planned';
-- Certificates not withdrawn, by expiry: expiring and expired.
CREATE INDEX certifications_current_expiry_idx ON certifications (expires_on, site_id) WHERE withdrawn = FALSE;
-- Unclosed findings by due date (overdue) with the site beside it, so
-- counting them reads no table row.
DROP INDEX findings_unclosed_due_idx;
CREATE INDEX findings_unclosed_due_site_idx ON findings (due_date, site_id, status) WHERE status <> 'closed';

-- Completed inspections per month and result: the chart of the last 12
-- months reads 36 rows instead of counting a year of inspections. The
-- triggers keep it in step in the writing transaction, whoever writes
-- (the API, an import, the bulk seed).
CREATE TABLE inspection_month_results (
    month VARCHAR(7) NOT NULL,
    result VARCHAR(20) NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (month, result)
);
INSERT INTO inspection_month_results (month, result, n)
SELECT substr(performed_date, 1, 7), result, count(*) FROM inspections
WHERE status = 'completed' AND performed_date IS NOT NULL
GROUP BY substr(performed_date, 1, 7), result;

-- Unclosed findings by severity, over every site: the dashboard takes away
-- those of the few archived sites. Kept in step like the months above.
CREATE TABLE finding_open_counts (
    severity VARCHAR(20) PRIMARY KEY,
    n BIGINT NOT NULL
);
INSERT INTO finding_open_counts (severity, n)
SELECT severity, count(*) FROM findings WHERE status <> 'closed' GROUP BY severity;

-- +goose StatementBegin
CREATE TRIGGER inspection_month_results_insert AFTER INSERT ON inspections
WHEN NEW.status = 'completed' AND NEW.performed_date IS NOT NULL
BEGIN
    INSERT INTO inspection_month_results (month, result, n) VALUES (substr(NEW.performed_date, 1, 7), NEW.result, 1)
    ON CONFLICT (month, result) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER inspection_month_results_delete AFTER DELETE ON inspections
WHEN OLD.status = 'completed' AND OLD.performed_date IS NOT NULL
BEGIN
    UPDATE inspection_month_results SET n = n - 1 WHERE month = substr(OLD.performed_date, 1, 7) AND result = OLD.result;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER inspection_month_results_update_old AFTER UPDATE OF status, performed_date, result ON inspections
WHEN OLD.status = 'completed' AND OLD.performed_date IS NOT NULL
BEGIN
    UPDATE inspection_month_results SET n = n - 1 WHERE month = substr(OLD.performed_date, 1, 7) AND result = OLD.result;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER inspection_month_results_update_new AFTER UPDATE OF status, performed_date, result ON inspections
WHEN NEW.status = 'completed' AND NEW.performed_date IS NOT NULL
BEGIN
    INSERT INTO inspection_month_results (month, result, n) VALUES (substr(NEW.performed_date, 1, 7), NEW.result, 1)
    ON CONFLICT (month, result) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER finding_open_counts_insert AFTER INSERT ON findings
WHEN NEW.status <> 'closed'
BEGIN
    INSERT INTO finding_open_counts (severity, n) VALUES (NEW.severity, 1)
    ON CONFLICT (severity) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER finding_open_counts_delete AFTER DELETE ON findings
WHEN OLD.status <> 'closed'
BEGIN
    UPDATE finding_open_counts SET n = n - 1 WHERE severity = OLD.severity;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER finding_open_counts_update_old AFTER UPDATE OF status, severity ON findings
WHEN OLD.status <> 'closed'
BEGIN
    UPDATE finding_open_counts SET n = n - 1 WHERE severity = OLD.severity;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER finding_open_counts_update_new AFTER UPDATE OF status, severity ON findings
WHEN NEW.status <> 'closed'
BEGIN
    INSERT INTO finding_open_counts (severity, n) VALUES (NEW.severity, 1)
    ON CONFLICT (severity) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd

-- Search (q) on sites, manufacturers, inspections, findings and
-- certifications through an index instead of a scan: one FTS5 table per
-- record type with the trigram tokenizer, so a search matches any part of
-- a word ("shen" finds Shenzhen), case-insensitively. Each is an external
-- content table (the text stays in the record's table only) kept in step
-- by triggers in the writing transaction, and filled here from the rows
-- already there. Searches shorter than three characters have no trigram
-- and scan as before (store.textMatch).

CREATE VIRTUAL TABLE sites_search USING fts5(code, name, city, content='sites', content_rowid='id', tokenize='trigram');
INSERT INTO sites_search (sites_search) VALUES ('rebuild');
-- +goose StatementBegin
CREATE TRIGGER sites_search_insert AFTER INSERT ON sites BEGIN
    INSERT INTO sites_search (rowid, code, name, city) VALUES (new.id, new.code, new.name, new.city);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER sites_search_delete AFTER DELETE ON sites BEGIN
    INSERT INTO sites_search (sites_search, rowid, code, name, city) VALUES ('delete', old.id, old.code, old.name, old.city);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER sites_search_update AFTER UPDATE OF code, name, city ON sites BEGIN
    INSERT INTO sites_search (sites_search, rowid, code, name, city) VALUES ('delete', old.id, old.code, old.name, old.city);
    INSERT INTO sites_search (rowid, code, name, city) VALUES (new.id, new.code, new.name, new.city);
END;
-- +goose StatementEnd

CREATE VIRTUAL TABLE manufacturers_search USING fts5(name, legal_name, content='manufacturers', content_rowid='id', tokenize='trigram');
INSERT INTO manufacturers_search (manufacturers_search) VALUES ('rebuild');
-- +goose StatementBegin
CREATE TRIGGER manufacturers_search_insert AFTER INSERT ON manufacturers BEGIN
    INSERT INTO manufacturers_search (rowid, name, legal_name) VALUES (new.id, new.name, new.legal_name);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER manufacturers_search_delete AFTER DELETE ON manufacturers BEGIN
    INSERT INTO manufacturers_search (manufacturers_search, rowid, name, legal_name) VALUES ('delete', old.id, old.name, old.legal_name);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER manufacturers_search_update AFTER UPDATE OF name, legal_name ON manufacturers BEGIN
    INSERT INTO manufacturers_search (manufacturers_search, rowid, name, legal_name) VALUES ('delete', old.id, old.name, old.legal_name);
    INSERT INTO manufacturers_search (rowid, name, legal_name) VALUES (new.id, new.name, new.legal_name);
END;
-- +goose StatementEnd

CREATE VIRTUAL TABLE inspections_search USING fts5(summary, content='inspections', content_rowid='id', tokenize='trigram');
INSERT INTO inspections_search (inspections_search) VALUES ('rebuild');
-- +goose StatementBegin
CREATE TRIGGER inspections_search_insert AFTER INSERT ON inspections BEGIN
    INSERT INTO inspections_search (rowid, summary) VALUES (new.id, new.summary);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER inspections_search_delete AFTER DELETE ON inspections BEGIN
    INSERT INTO inspections_search (inspections_search, rowid, summary) VALUES ('delete', old.id, old.summary);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER inspections_search_update AFTER UPDATE OF summary ON inspections BEGIN
    INSERT INTO inspections_search (inspections_search, rowid, summary) VALUES ('delete', old.id, old.summary);
    INSERT INTO inspections_search (rowid, summary) VALUES (new.id, new.summary);
END;
-- +goose StatementEnd

CREATE VIRTUAL TABLE findings_search USING fts5(description, requirement, owner, content='findings', content_rowid='id', tokenize='trigram');
INSERT INTO findings_search (findings_search) VALUES ('rebuild');
-- +goose StatementBegin
CREATE TRIGGER findings_search_insert AFTER INSERT ON findings BEGIN
    INSERT INTO findings_search (rowid, description, requirement, owner) VALUES (new.id, new.description, new.requirement, new.owner);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER findings_search_delete AFTER DELETE ON findings BEGIN
    INSERT INTO findings_search (findings_search, rowid, description, requirement, owner) VALUES ('delete', old.id, old.description, old.requirement, old.owner);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER findings_search_update AFTER UPDATE OF description, requirement, owner ON findings BEGIN
    INSERT INTO findings_search (findings_search, rowid, description, requirement, owner) VALUES ('delete', old.id, old.description, old.requirement, old.owner);
    INSERT INTO findings_search (rowid, description, requirement, owner) VALUES (new.id, new.description, new.requirement, new.owner);
END;
-- +goose StatementEnd

CREATE VIRTUAL TABLE certifications_search USING fts5(standard, certificate_number, issuing_body, content='certifications', content_rowid='id', tokenize='trigram');
INSERT INTO certifications_search (certifications_search) VALUES ('rebuild');
-- +goose StatementBegin
CREATE TRIGGER certifications_search_insert AFTER INSERT ON certifications BEGIN
    INSERT INTO certifications_search (rowid, standard, certificate_number, issuing_body) VALUES (new.id, new.standard, new.certificate_number, new.issuing_body);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER certifications_search_delete AFTER DELETE ON certifications BEGIN
    INSERT INTO certifications_search (certifications_search, rowid, standard, certificate_number, issuing_body) VALUES ('delete', old.id, old.standard, old.certificate_number, old.issuing_body);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER certifications_search_update AFTER UPDATE OF standard, certificate_number, issuing_body ON certifications BEGIN
    INSERT INTO certifications_search (certifications_search, rowid, standard, certificate_number, issuing_body) VALUES ('delete', old.id, old.standard, old.certificate_number, old.issuing_body);
    INSERT INTO certifications_search (rowid, standard, certificate_number, issuing_body) VALUES (new.id, new.standard, new.certificate_number, new.issuing_body);
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER sites_search_update;
DROP TRIGGER sites_search_delete;
DROP TRIGGER sites_search_insert;
DROP TABLE sites_search;
DROP TRIGGER manufacturers_search_update;
DROP TRIGGER manufacturers_search_delete;
DROP TRIGGER manufacturers_search_insert;
DROP TABLE manufacturers_search;
DROP TRIGGER inspections_search_update;
DROP TRIGGER inspections_search_delete;
DROP TRIGGER inspections_search_insert;
DROP TABLE inspections_search;
DROP TRIGGER findings_search_update;
DROP TRIGGER findings_search_delete;
DROP TRIGGER findings_search_insert;
DROP TABLE findings_search;
DROP TRIGGER certifications_search_update;
DROP TRIGGER certifications_search_delete;
DROP TRIGGER certifications_search_insert;
DROP TABLE certifications_search;
DROP TRIGGER finding_open_counts_update_new;
DROP TRIGGER finding_open_counts_update_old;
DROP TRIGGER finding_open_counts_delete;
DROP TRIGGER finding_open_counts_insert;
DROP TABLE finding_open_counts;
DROP TRIGGER inspection_month_results_update_new;
DROP TRIGGER inspection_month_results_update_old;
DROP TRIGGER inspection_month_results_delete;
DROP TRIGGER inspection_month_results_insert;
DROP TABLE inspection_month_results;
DROP INDEX findings_unclosed_due_site_idx;
CREATE INDEX findings_unclosed_due_idx ON findings (due_date) WHERE status <> 'closed';
DROP INDEX certifications_current_expiry_idx;
DROP INDEX inspections_planned_idx;
DROP INDEX sites_active_due_idx;
DROP INDEX sites_active_status_idx;
DROP INDEX sites_archived_idx;
DROP INDEX sites_active_code_idx;
CREATE INDEX sites_archived_code_idx ON sites (archived_at, code);
