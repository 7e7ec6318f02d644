-- A component source's counterfeit-avoidance certificate is a certification
-- held by the source (component_source_id), kept in step with the source by
-- the store.
-- +goose Up
ALTER TABLE certifications ADD COLUMN component_source_id BIGINT REFERENCES component_sources (id);
CREATE UNIQUE INDEX certifications_component_source_idx ON certifications (component_source_id) WHERE component_source_id IS NOT NULL;
INSERT INTO certifications (created_at, updated_at, site_id, standard, certificate_number, expires_on, component_source_id, version)
SELECT created_at, updated_at, site_id, certification_standard, certificate_number, certificate_expires_on, id, 1
FROM component_sources WHERE certificate_expires_on IS NOT NULL AND certification_standard <> '';

-- +goose Down
DELETE FROM attachments WHERE owner_type = 'certification' AND owner_id IN (SELECT id FROM certifications WHERE component_source_id IS NOT NULL);
DELETE FROM certifications WHERE component_source_id IS NOT NULL;
ALTER TABLE certifications DROP COLUMN component_source_id;
