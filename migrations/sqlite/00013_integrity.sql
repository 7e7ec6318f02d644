-- Hardware integrity: products and the sites that build them (with their
-- golden samples), firmware releases, BOM/AVL revisions, what inspectors
-- observed against them, the component sources of each site and
-- suspect-part incidents.
-- +goose Up
CREATE TABLE products (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    part_number VARCHAR(100) NOT NULL,
    revision VARCHAR(40) NOT NULL DEFAULT '',
    name VARCHAR(200) NOT NULL,
    notes TEXT NOT NULL DEFAULT '',
    version BIGINT NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX products_part_revision_key ON products (lower(part_number), lower(revision));

CREATE TABLE site_products (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    site_id BIGINT NOT NULL REFERENCES sites (id),
    product_id BIGINT NOT NULL REFERENCES products (id),
    processes TEXT NOT NULL DEFAULT '[]',
    golden_serial VARCHAR(100) NOT NULL DEFAULT '',
    golden_seal_number VARCHAR(100) NOT NULL DEFAULT '',
    golden_custodian VARCHAR(200) NOT NULL DEFAULT '',
    golden_location VARCHAR(200) NOT NULL DEFAULT '',
    golden_sealed_on DATE,
    golden_photo_ids TEXT NOT NULL DEFAULT '[]',
    version BIGINT NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX site_products_site_product_key ON site_products (site_id, product_id);
CREATE INDEX site_products_product_id_idx ON site_products (product_id);

CREATE TABLE firmware_releases (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    product_id BIGINT NOT NULL REFERENCES products (id),
    component VARCHAR(20) NOT NULL CHECK (component IN ('bios','bmc','cpld','nic','other')),
    firmware_version VARCHAR(100) NOT NULL,
    sha256 VARCHAR(64) NOT NULL CHECK (length(sha256) = 64),
    signer VARCHAR(200) NOT NULL DEFAULT '',
    key_id VARCHAR(200) NOT NULL DEFAULT '',
    released_on DATE NOT NULL,
    notes TEXT NOT NULL DEFAULT '',
    supersedes_id BIGINT REFERENCES firmware_releases (id),
    superseded_by_id BIGINT REFERENCES firmware_releases (id),
    status VARCHAR(20) NOT NULL CHECK (status IN ('pending','approved')),
    recorded_by_id BIGINT REFERENCES users (id),
    approved_by_id BIGINT REFERENCES users (id),
    approved_at DATETIME
);
CREATE UNIQUE INDEX firmware_releases_image_key ON firmware_releases (product_id, component, sha256);
-- A released image is never edited: only its approval and the release
-- that supersedes it are ever set.
-- +goose StatementBegin
CREATE TRIGGER firmware_releases_image_fixed BEFORE UPDATE ON firmware_releases
WHEN NEW.product_id <> OLD.product_id OR NEW.component <> OLD.component OR NEW.firmware_version <> OLD.firmware_version
  OR NEW.sha256 <> OLD.sha256 OR NEW.signer <> OLD.signer OR NEW.key_id <> OLD.key_id OR NEW.released_on <> OLD.released_on
  OR (OLD.status = 'approved' AND NEW.status <> 'approved')
BEGIN
    SELECT RAISE(ABORT, 'a firmware release is never edited, only superseded');
END;
-- +goose StatementEnd

CREATE TABLE bom_revisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    product_id BIGINT NOT NULL REFERENCES products (id),
    bom_revision VARCHAR(100) NOT NULL,
    avl_revision VARCHAR(100) NOT NULL,
    effective_on DATE NOT NULL,
    notes TEXT NOT NULL DEFAULT '',
    recorded_by_id BIGINT REFERENCES users (id)
);
CREATE INDEX bom_revisions_product_idx ON bom_revisions (product_id, effective_on, id);

CREATE TABLE integrity_observations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    inspection_id BIGINT NOT NULL REFERENCES inspections (id),
    site_id BIGINT NOT NULL REFERENCES sites (id),
    product_id BIGINT NOT NULL REFERENCES products (id),
    site_product_id BIGINT NOT NULL REFERENCES site_products (id),
    kind VARCHAR(20) NOT NULL CHECK (kind IN ('firmware','golden_sample','bom','avl','aoi')),
    component VARCHAR(20) NOT NULL DEFAULT '',
    firmware_version VARCHAR(100) NOT NULL DEFAULT '',
    sha256 VARCHAR(64) NOT NULL DEFAULT '',
    serial_number VARCHAR(100) NOT NULL DEFAULT '',
    seal_number VARCHAR(100) NOT NULL DEFAULT '',
    seal_state VARCHAR(20) NOT NULL DEFAULT '',
    revision VARCHAR(100) NOT NULL DEFAULT '',
    aoi_result VARCHAR(20) NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    photo_ids TEXT NOT NULL DEFAULT '[]',
    observed_on DATE NOT NULL,
    matches BOOLEAN NOT NULL,
    severity VARCHAR(20) NOT NULL DEFAULT '',
    problem TEXT NOT NULL DEFAULT '',
    release_id BIGINT REFERENCES firmware_releases (id),
    finding_id BIGINT REFERENCES findings (id),
    latest BOOLEAN NOT NULL DEFAULT 1,
    recorded_by_id BIGINT REFERENCES users (id)
);
CREATE INDEX integrity_observations_inspection_idx ON integrity_observations (inspection_id);
CREATE INDEX integrity_observations_history_idx ON integrity_observations (site_product_id, kind, component, id);
CREATE INDEX integrity_observations_latest_idx ON integrity_observations (latest, site_product_id);

CREATE TABLE component_sources (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    site_id BIGINT NOT NULL REFERENCES sites (id),
    name VARCHAR(200) NOT NULL,
    source_type VARCHAR(30) NOT NULL CHECK (source_type IN ('manufacturer','authorised_distributor','independent_distributor','broker')),
    component_families TEXT NOT NULL DEFAULT '[]',
    authorised BOOLEAN NOT NULL DEFAULT 0,
    certification_standard VARCHAR(100) NOT NULL DEFAULT '',
    certificate_number VARCHAR(100) NOT NULL DEFAULT '',
    certificate_expires_on DATE,
    justification TEXT NOT NULL DEFAULT '',
    justification_accepted_by_id BIGINT REFERENCES users (id),
    justification_accepted_at DATETIME,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX component_sources_site_idx ON component_sources (site_id);

CREATE TABLE part_incidents (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    part_number VARCHAR(100) NOT NULL,
    component_family VARCHAR(100) NOT NULL DEFAULT '',
    lot_codes TEXT NOT NULL DEFAULT '',
    date_codes TEXT NOT NULL DEFAULT '',
    source_name VARCHAR(200) NOT NULL,
    how_found TEXT NOT NULL DEFAULT '',
    gidep_reference VARCHAR(100) NOT NULL DEFAULT '',
    erai_reference VARCHAR(100) NOT NULL DEFAULT '',
    status VARCHAR(20) NOT NULL CHECK (status IN ('open','investigating','closed')),
    reported_on DATE NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX part_incidents_reported_on_idx ON part_incidents (reported_on);

-- +goose Down
DROP TABLE part_incidents;
DROP TABLE component_sources;
DROP TABLE integrity_observations;
DROP TABLE bom_revisions;
DROP TRIGGER firmware_releases_image_fixed;
DROP TABLE firmware_releases;
DROP TABLE site_products;
DROP TABLE products;
