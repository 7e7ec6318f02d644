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
-- trigger keeps it in step in the writing transaction, whoever writes
-- (the API, an import, the bulk seed).
CREATE TABLE inspection_month_results (
    month VARCHAR(7) NOT NULL,
    result VARCHAR(20) NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (month, result)
);
INSERT INTO inspection_month_results (month, result, n)
SELECT to_char(performed_date, 'YYYY-MM'), result, count(*) FROM inspections
WHERE status = 'completed' AND performed_date IS NOT NULL
GROUP BY to_char(performed_date, 'YYYY-MM'), result;

-- Unclosed findings by severity, over every site: the dashboard takes away
-- those of the few archived sites. Kept in step like the months above.
CREATE TABLE finding_open_counts (
    severity VARCHAR(20) PRIMARY KEY,
    n BIGINT NOT NULL
);
INSERT INTO finding_open_counts (severity, n)
SELECT severity, count(*) FROM findings WHERE status <> 'closed' GROUP BY severity;

-- +goose StatementBegin
CREATE FUNCTION inspection_month_results_step() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'completed' AND OLD.performed_date IS NOT NULL THEN
        UPDATE inspection_month_results SET n = n - 1
        WHERE month = to_char(OLD.performed_date, 'YYYY-MM') AND result = OLD.result;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.status = 'completed' AND NEW.performed_date IS NOT NULL THEN
        INSERT INTO inspection_month_results (month, result, n) VALUES (to_char(NEW.performed_date, 'YYYY-MM'), NEW.result, 1)
        ON CONFLICT (month, result) DO UPDATE SET n = inspection_month_results.n + 1;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd
CREATE TRIGGER inspection_month_results_insert AFTER INSERT OR DELETE ON inspections
FOR EACH ROW EXECUTE FUNCTION inspection_month_results_step();
CREATE TRIGGER inspection_month_results_update AFTER UPDATE OF status, performed_date, result ON inspections
FOR EACH ROW EXECUTE FUNCTION inspection_month_results_step();

-- +goose StatementBegin
CREATE FUNCTION finding_open_counts_step() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status <> 'closed' THEN
        UPDATE finding_open_counts SET n = n - 1 WHERE severity = OLD.severity;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.status <> 'closed' THEN
        INSERT INTO finding_open_counts (severity, n) VALUES (NEW.severity, 1)
        ON CONFLICT (severity) DO UPDATE SET n = finding_open_counts.n + 1;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd
CREATE TRIGGER finding_open_counts_insert AFTER INSERT OR DELETE ON findings
FOR EACH ROW EXECUTE FUNCTION finding_open_counts_step();
CREATE TRIGGER finding_open_counts_update AFTER UPDATE OF status, severity ON findings
FOR EACH ROW EXECUTE FUNCTION finding_open_counts_step();

-- Search (q) on sites, manufacturers, inspections, findings and
-- certifications through an index instead of a scan: pg_trgm's trigram
-- GIN indexes on the lowered columns the searches read, which serve the
-- store's `lower(column) LIKE '%text%'` as they are. Creating the extension
-- needs a role allowed to (a superuser, or the database owner on
-- PostgreSQL 13+ since pg_trgm is trusted). Without it the migration still
-- succeeds, search scans as before, and qualtrack warns at start
-- (docs/operations.md says how to add the indexes later).
-- +goose StatementBegin
DO $$
DECLARE
    ext_schema text;
BEGIN
    BEGIN
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
    EXCEPTION WHEN insufficient_privilege OR undefined_file OR feature_not_supported THEN
        RAISE NOTICE 'pg_trgm is not available (%): search scans without an index', SQLERRM;
    END;
    SELECT n.nspname INTO ext_schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm';
    IF ext_schema IS NULL THEN
        RETURN;
    END IF;

    EXECUTE format('CREATE INDEX IF NOT EXISTS sites_code_search_idx ON sites USING gin (lower(code) %I.gin_trgm_ops)', ext_schema);
    EXECUTE format('CREATE INDEX IF NOT EXISTS sites_name_search_idx ON sites USING gin (lower(name) %I.gin_trgm_ops)', ext_schema);
    EXECUTE format('CREATE INDEX IF NOT EXISTS sites_city_search_idx ON sites USING gin (lower(city) %I.gin_trgm_ops)', ext_schema);
    EXECUTE format('CREATE INDEX IF NOT EXISTS manufacturers_name_search_idx ON manufacturers USING gin (lower(name) %I.gin_trgm_ops)', ext_schema);
    EXECUTE format('CREATE INDEX IF NOT EXISTS manufacturers_legal_name_search_idx ON manufacturers USING gin (lower(legal_name) %I.gin_trgm_ops)', ext_schema);
    EXECUTE format('CREATE INDEX IF NOT EXISTS inspections_summary_search_idx ON inspections USING gin (lower(summary) %I.gin_trgm_ops)', ext_schema);
    EXECUTE format('CREATE INDEX IF NOT EXISTS findings_description_search_idx ON findings USING gin (lower(description) %I.gin_trgm_ops)', ext_schema);
    EXECUTE format('CREATE INDEX IF NOT EXISTS findings_requirement_search_idx ON findings USING gin (lower(requirement) %I.gin_trgm_ops)', ext_schema);
    EXECUTE format('CREATE INDEX IF NOT EXISTS findings_owner_search_idx ON findings USING gin (lower(owner) %I.gin_trgm_ops)', ext_schema);
    EXECUTE format('CREATE INDEX IF NOT EXISTS certifications_standard_search_idx ON certifications USING gin (lower(standard) %I.gin_trgm_ops)', ext_schema);
    EXECUTE format('CREATE INDEX IF NOT EXISTS certifications_certificate_number_search_idx ON certifications USING gin (lower(certificate_number) %I.gin_trgm_ops)', ext_schema);
    EXECUTE format('CREATE INDEX IF NOT EXISTS certifications_issuing_body_search_idx ON certifications USING gin (lower(issuing_body) %I.gin_trgm_ops)', ext_schema);
END;
$$;
-- +goose StatementEnd

-- +goose Down
DROP INDEX IF EXISTS sites_code_search_idx;
DROP INDEX IF EXISTS sites_name_search_idx;
DROP INDEX IF EXISTS sites_city_search_idx;
DROP INDEX IF EXISTS manufacturers_name_search_idx;
DROP INDEX IF EXISTS manufacturers_legal_name_search_idx;
DROP INDEX IF EXISTS inspections_summary_search_idx;
DROP INDEX IF EXISTS findings_description_search_idx;
DROP INDEX IF EXISTS findings_requirement_search_idx;
DROP INDEX IF EXISTS findings_owner_search_idx;
DROP INDEX IF EXISTS certifications_standard_search_idx;
DROP INDEX IF EXISTS certifications_certificate_number_search_idx;
DROP INDEX IF EXISTS certifications_issuing_body_search_idx;
DROP TRIGGER finding_open_counts_update ON findings;
DROP TRIGGER finding_open_counts_insert ON findings;
DROP FUNCTION finding_open_counts_step();
DROP TABLE finding_open_counts;
DROP TRIGGER inspection_month_results_update ON inspections;
DROP TRIGGER inspection_month_results_insert ON inspections;
DROP FUNCTION inspection_month_results_step();
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
