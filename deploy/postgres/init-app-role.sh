#!/bin/sh
# Run once by the postgres image when it creates the database
# (docker-entrypoint-initdb.d): the runtime role qualtrack serves as. It
# owns nothing; deploy/postgres/runtime-grants.sql gives it its rights
# after each migration. See docs/operations.md, "Database roles".
set -eu
: "${QUALTRACK_DB_APP_PASSWORD:?set QUALTRACK_DB_APP_PASSWORD}"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -v app_password="$QUALTRACK_DB_APP_PASSWORD" <<'SQL'
CREATE ROLE qualtrack_app LOGIN PASSWORD :'app_password';
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
SQL
