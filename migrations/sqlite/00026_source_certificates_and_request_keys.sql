-- A component source's counterfeit-avoidance certificate is a certification
-- held by the source (component_source_id), kept in step with the source by
-- the store; and a request sent again under its idempotency key answers what
-- the first one did (request_keys).
-- +goose Up
-- The column has no REFERENCES clause on SQLite so that it can be dropped
-- again; the store writes it only from the source it belongs to.
ALTER TABLE certifications ADD COLUMN component_source_id BIGINT;
CREATE UNIQUE INDEX certifications_component_source_idx ON certifications (component_source_id) WHERE component_source_id IS NOT NULL;
INSERT INTO certifications (created_at, updated_at, site_id, standard, certificate_number, expires_on, component_source_id, version)
SELECT created_at, updated_at, site_id, certification_standard, certificate_number, certificate_expires_on, id, 1
FROM component_sources WHERE certificate_expires_on IS NOT NULL AND certification_standard <> '';

CREATE TABLE request_keys (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at DATETIME NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id),
    idempotency_key VARCHAR(100) NOT NULL,
    request_hash VARCHAR(64) NOT NULL,
    status INTEGER NOT NULL,
    response TEXT NOT NULL
);
CREATE UNIQUE INDEX request_keys_user_key_idx ON request_keys (user_id, idempotency_key);

-- +goose Down
DROP TABLE request_keys;
DELETE FROM attachments WHERE owner_type = 'certification' AND owner_id IN (SELECT id FROM certifications WHERE component_source_id IS NOT NULL);
DELETE FROM certifications WHERE component_source_id IS NOT NULL;
DROP INDEX certifications_component_source_idx;
ALTER TABLE certifications DROP COLUMN component_source_id;
