-- +goose Up
CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    email VARCHAR(254) NOT NULL,
    name VARCHAR(200) NOT NULL,
    role VARCHAR(20) NOT NULL CHECK (role IN ('admin','manager','procurement','auditor')),
    password_hash VARCHAR(255) NOT NULL,
    active BOOLEAN NOT NULL DEFAULT 1,
    access_expires_at DATETIME,
    token_version BIGINT NOT NULL DEFAULT 0,
    last_login_at DATETIME,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE settings (
    key VARCHAR(100) PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at DATETIME NOT NULL
);

CREATE TABLE manufacturers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    name VARCHAR(200) NOT NULL,
    legal_name VARCHAR(300) NOT NULL DEFAULT '',
    country VARCHAR(2) NOT NULL DEFAULT '',
    website VARCHAR(500) NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    archived_at DATETIME,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX manufacturers_name_key ON manufacturers (lower(name));
CREATE INDEX manufacturers_updated_at_idx ON manufacturers (updated_at);

CREATE TABLE sites (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    manufacturer_id BIGINT NOT NULL REFERENCES manufacturers (id),
    code VARCHAR(40) NOT NULL,
    name VARCHAR(200) NOT NULL,
    address VARCHAR(500) NOT NULL DEFAULT '',
    city VARCHAR(120) NOT NULL DEFAULT '',
    country VARCHAR(2) NOT NULL,
    processes TEXT NOT NULL DEFAULT '[]',
    approved_scope TEXT NOT NULL DEFAULT '',
    risk_tier VARCHAR(20) NOT NULL CHECK (risk_tier IN ('low','medium','high','critical')),
    qualification_status VARCHAR(30) NOT NULL CHECK (qualification_status IN ('prospective','in_qualification','qualified','conditional','suspended','disqualified')),
    status_since DATETIME NOT NULL,
    conditional_until DATE,
    contact_name VARCHAR(200) NOT NULL DEFAULT '',
    contact_email VARCHAR(254) NOT NULL DEFAULT '',
    contact_phone VARCHAR(60) NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    last_inspection_date DATE,
    last_inspection_result VARCHAR(20) NOT NULL DEFAULT '',
    next_inspection_due DATE,
    next_planned_date DATE,
    archived_at DATETIME,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX sites_code_key ON sites (code);
CREATE INDEX sites_manufacturer_id_idx ON sites (manufacturer_id);
CREATE INDEX sites_status_idx ON sites (qualification_status);
CREATE INDEX sites_risk_tier_idx ON sites (risk_tier);
CREATE INDEX sites_country_idx ON sites (country);
CREATE INDEX sites_next_inspection_due_idx ON sites (next_inspection_due);
CREATE INDEX sites_updated_at_idx ON sites (updated_at);
CREATE INDEX sites_name_idx ON sites (name);

CREATE TABLE qualification_decisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    site_id BIGINT NOT NULL REFERENCES sites (id),
    from_status VARCHAR(30) NOT NULL,
    to_status VARCHAR(30) NOT NULL,
    reason TEXT NOT NULL,
    conditional_until DATE,
    decided_by_id BIGINT NOT NULL REFERENCES users (id),
    decided_at DATETIME NOT NULL
);
CREATE INDEX qualification_decisions_site_id_idx ON qualification_decisions (site_id, decided_at);

CREATE TABLE inspections (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    site_id BIGINT NOT NULL REFERENCES sites (id),
    type VARCHAR(20) NOT NULL CHECK (type IN ('qualification','routine','for_cause','follow_up')),
    status VARCHAR(20) NOT NULL CHECK (status IN ('planned','completed','cancelled')),
    scheduled_date DATE,
    performed_date DATE,
    lead_inspector_id BIGINT REFERENCES users (id),
    team TEXT NOT NULL DEFAULT '',
    scope TEXT NOT NULL DEFAULT '',
    result VARCHAR(20) NOT NULL DEFAULT '' CHECK (result IN ('','pass','conditional','fail')),
    score INTEGER CHECK (score BETWEEN 0 AND 100),
    summary TEXT NOT NULL DEFAULT '',
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX inspections_site_id_idx ON inspections (site_id, status);
CREATE INDEX inspections_scheduled_date_idx ON inspections (scheduled_date);
CREATE INDEX inspections_performed_date_idx ON inspections (performed_date);
CREATE INDEX inspections_status_idx ON inspections (status, scheduled_date);
CREATE INDEX inspections_updated_at_idx ON inspections (updated_at);

CREATE TABLE findings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    inspection_id BIGINT NOT NULL REFERENCES inspections (id),
    site_id BIGINT NOT NULL REFERENCES sites (id),
    severity VARCHAR(20) NOT NULL CHECK (severity IN ('critical','major','minor','observation')),
    category VARCHAR(20) NOT NULL CHECK (category IN ('quality','security','traceability','esd','process','environmental','other')),
    requirement VARCHAR(200) NOT NULL DEFAULT '',
    description TEXT NOT NULL,
    corrective_action TEXT NOT NULL DEFAULT '',
    owner VARCHAR(200) NOT NULL DEFAULT '',
    due_date DATE,
    status VARCHAR(20) NOT NULL CHECK (status IN ('open','in_progress','closed')),
    verification_note TEXT NOT NULL DEFAULT '',
    verified_by_id BIGINT REFERENCES users (id),
    verified_at DATETIME,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX findings_inspection_id_idx ON findings (inspection_id);
CREATE INDEX findings_site_id_idx ON findings (site_id, status, severity);
CREATE INDEX findings_status_due_idx ON findings (status, due_date);
CREATE INDEX findings_updated_at_idx ON findings (updated_at);

CREATE TABLE certifications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    site_id BIGINT NOT NULL REFERENCES sites (id),
    standard VARCHAR(100) NOT NULL,
    certificate_number VARCHAR(100) NOT NULL DEFAULT '',
    issuing_body VARCHAR(200) NOT NULL DEFAULT '',
    scope TEXT NOT NULL DEFAULT '',
    issued_on DATE,
    expires_on DATE NOT NULL,
    withdrawn BOOLEAN NOT NULL DEFAULT 0,
    withdrawn_reason TEXT NOT NULL DEFAULT '',
    verified_by_id BIGINT REFERENCES users (id),
    verified_at DATETIME,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX certifications_site_id_idx ON certifications (site_id);
CREATE INDEX certifications_expires_on_idx ON certifications (expires_on);
CREATE INDEX certifications_standard_idx ON certifications (standard);
CREATE INDEX certifications_updated_at_idx ON certifications (updated_at);

CREATE TABLE attachments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    owner_type VARCHAR(20) NOT NULL CHECK (owner_type IN ('site','inspection','finding','certification')),
    owner_id BIGINT NOT NULL,
    file_name VARCHAR(255) NOT NULL,
    content_type VARCHAR(100) NOT NULL,
    size BIGINT NOT NULL,
    sha256 VARCHAR(64) NOT NULL,
    storage_key VARCHAR(100) NOT NULL,
    uploaded_by_id BIGINT NOT NULL REFERENCES users (id),
    uploaded_at DATETIME NOT NULL
);
CREATE INDEX attachments_owner_idx ON attachments (owner_type, owner_id);
CREATE INDEX attachments_storage_key_idx ON attachments (storage_key);

CREATE TABLE audit_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    sequence BIGINT NOT NULL,
    occurred_at DATETIME NOT NULL,
    actor_id BIGINT,
    actor_email VARCHAR(254) NOT NULL DEFAULT '',
    actor_role VARCHAR(20) NOT NULL DEFAULT '',
    action VARCHAR(60) NOT NULL,
    entity_type VARCHAR(40) NOT NULL DEFAULT '',
    entity_id BIGINT,
    changes TEXT NOT NULL DEFAULT '',
    client_ip VARCHAR(64) NOT NULL DEFAULT '',
    prev_hash VARCHAR(64) NOT NULL,
    hash VARCHAR(64) NOT NULL,
    created_at DATETIME NOT NULL
);
CREATE UNIQUE INDEX audit_events_sequence_key ON audit_events (sequence);
CREATE INDEX audit_events_entity_idx ON audit_events (entity_type, entity_id);
CREATE INDEX audit_events_actor_idx ON audit_events (actor_id);
CREATE INDEX audit_events_occurred_at_idx ON audit_events (occurred_at);

-- +goose Down
DROP TABLE audit_events;
DROP TABLE attachments;
DROP TABLE certifications;
DROP TABLE findings;
DROP TABLE inspections;
DROP TABLE qualification_decisions;
DROP TABLE sites;
DROP TABLE manufacturers;
DROP TABLE settings;
DROP TABLE users;
