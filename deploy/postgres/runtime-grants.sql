-- qualtrack on PostgreSQL with two roles (docs/operations.md, "Database
-- roles"): the migration role owns the schema and every table and runs
-- `qualtrack migrate up`; the runtime role, which `qualtrack serve` signs
-- in as, owns nothing. Owning nothing, it cannot disable or drop the
-- append-only triggers, alter or drop tables, or create any; this script
-- also takes UPDATE, DELETE and TRUNCATE on the audit trail and the
-- signatures away from it, and every write to the migrations table.
--
-- Run it as the migration role after every `qualtrack migrate up`:
--   psql "$QUALTRACK_MIGRATION_DATABASE_URL" -v app=qualtrack_app -f deploy/postgres/runtime-grants.sql
-- It works on the connection's current schema (public unless search_path
-- says otherwise) and may be run again at any time.
\set ON_ERROR_STOP on
SELECT set_config('qualtrack.app_role', :'app', false);
DO $grants$
DECLARE
    app text := current_setting('qualtrack.app_role');
    s   text := current_schema();
BEGIN
    EXECUTE format('REVOKE CREATE ON SCHEMA %I FROM PUBLIC', s);
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', s, app);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO %I', s, app);
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO %I', s, app);
    -- The trail and the signatures are append-only for the application.
    EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON %I.audit_events, %I.signatures FROM %I', s, s, app);
    -- Migrations are the migration role's; the application only reads them.
    EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON %I.goose_db_version FROM %I', s, app);
    -- Tables a later release adds get the same grants (re-run after each
    -- upgrade all the same, so new append-only tables lose UPDATE/DELETE).
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I', s, app);
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT ON SEQUENCES TO %I', s, app);
END
$grants$;
