-- Corrective-action requests (8D) answered by suppliers, and change
-- notifications.
-- +goose Up
-- A change found on site that was never notified is a finding of its own
-- category. SQLite cannot alter a CHECK constraint; it is rewritten in the
-- schema (the stored rows stay as they are). The CREATE TABLEs below move
-- the schema version on, so every connection reloads it; RESET reloads
-- this one's.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql, '''environmental'',''other'')', '''environmental'',''other'',''unnotified_change'')')
WHERE type = 'table' AND name = 'findings';
PRAGMA writable_schema = RESET;

-- One request per finding. site_id and manufacturer_id are the finding's,
-- so a supplier's reads narrow by index; next_due is the earliest due date
-- of a stage waiting for the supplier, for the overdue lists.
CREATE TABLE corrective_actions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    finding_id BIGINT NOT NULL REFERENCES findings (id),
    site_id BIGINT NOT NULL REFERENCES sites (id),
    manufacturer_id BIGINT NOT NULL REFERENCES manufacturers (id),
    status VARCHAR(20) NOT NULL CHECK (status IN ('open','closed')),
    current_stage VARCHAR(4) NOT NULL CHECK (current_stage IN ('d3','d4','d5','d7','d8')),
    request TEXT NOT NULL DEFAULT '',
    internal_note TEXT NOT NULL DEFAULT '',
    issued_by_id BIGINT NOT NULL REFERENCES users (id),
    issued_at DATETIME NOT NULL,
    next_due DATE,
    first_response_at DATETIME,
    rework_count INTEGER NOT NULL DEFAULT 0,
    verification_method VARCHAR(30) NOT NULL DEFAULT '',
    verification_note TEXT NOT NULL DEFAULT '',
    verification_reference VARCHAR(300) NOT NULL DEFAULT '',
    verified_by_id BIGINT REFERENCES users (id),
    verified_at DATETIME,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX corrective_actions_finding_key ON corrective_actions (finding_id);
CREATE INDEX corrective_actions_manufacturer_idx ON corrective_actions (manufacturer_id, status);
CREATE INDEX corrective_actions_site_idx ON corrective_actions (site_id, status);
CREATE INDEX corrective_actions_due_idx ON corrective_actions (status, next_due);

CREATE TABLE corrective_action_stages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    corrective_action_id BIGINT NOT NULL REFERENCES corrective_actions (id),
    stage VARCHAR(4) NOT NULL CHECK (stage IN ('d3','d4','d5','d7','d8')),
    status VARCHAR(20) NOT NULL CHECK (status IN ('open','submitted','returned','accepted')),
    due_date DATE,
    text TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT '',
    method VARCHAR(20) NOT NULL DEFAULT '',
    submitted_at DATETIME,
    submitted_by_id BIGINT REFERENCES users (id),
    submissions INTEGER NOT NULL DEFAULT 0,
    reviewed_at DATETIME,
    reviewed_by_id BIGINT REFERENCES users (id),
    return_reason TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX corrective_action_stages_key ON corrective_action_stages (corrective_action_id, stage);

-- The receipt of each supplier submission: the audit event that recorded it.
CREATE TABLE corrective_action_receipts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at DATETIME NOT NULL,
    corrective_action_id BIGINT NOT NULL REFERENCES corrective_actions (id),
    stage VARCHAR(4) NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id),
    audit_sequence BIGINT NOT NULL,
    audit_hash VARCHAR(64) NOT NULL
);
CREATE INDEX corrective_action_receipts_idx ON corrective_action_receipts (corrective_action_id, id);

-- Files the supplier attaches to a stage's answer, stored like attachments.
CREATE TABLE corrective_action_files (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    corrective_action_id BIGINT NOT NULL REFERENCES corrective_actions (id),
    stage VARCHAR(4) NOT NULL CHECK (stage IN ('d3','d4','d5','d7','d8')),
    file_name VARCHAR(255) NOT NULL,
    content_type VARCHAR(100) NOT NULL,
    size BIGINT NOT NULL,
    sha256 VARCHAR(64) NOT NULL,
    storage_key VARCHAR(100) NOT NULL,
    uploaded_by_id BIGINT NOT NULL REFERENCES users (id),
    uploaded_at DATETIME NOT NULL
);
CREATE INDEX corrective_action_files_idx ON corrective_action_files (corrective_action_id, stage);
CREATE INDEX corrective_action_files_storage_key_idx ON corrective_action_files (storage_key);

-- Change notifications (PCN) of a manufacturer, for some of its sites.
CREATE TABLE change_notifications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    manufacturer_id BIGINT NOT NULL REFERENCES manufacturers (id),
    kind VARCHAR(30) NOT NULL CHECK (kind IN ('process','equipment','location','sub_tier_source','material','firmware_toolchain','key_personnel')),
    title VARCHAR(200) NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    planned_date DATE,
    status VARCHAR(30) NOT NULL CHECK (status IN ('pending','approved','approved_with_conditions','rejected')),
    conditions TEXT NOT NULL DEFAULT '',
    decision_reason TEXT NOT NULL DEFAULT '',
    requires_inspection BOOLEAN NOT NULL DEFAULT 0,
    inspection_id BIGINT REFERENCES inspections (id),
    retroactive BOOLEAN NOT NULL DEFAULT 0,
    finding_id BIGINT REFERENCES findings (id),
    submitted_by_id BIGINT NOT NULL REFERENCES users (id),
    submitted_at DATETIME NOT NULL,
    decided_by_id BIGINT REFERENCES users (id),
    decided_at DATETIME,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX change_notifications_manufacturer_idx ON change_notifications (manufacturer_id, status);
CREATE INDEX change_notifications_status_idx ON change_notifications (status, created_at);

CREATE TABLE change_notification_sites (
    change_notification_id BIGINT NOT NULL REFERENCES change_notifications (id),
    site_id BIGINT NOT NULL REFERENCES sites (id),
    PRIMARY KEY (change_notification_id, site_id)
);
CREATE INDEX change_notification_sites_site_idx ON change_notification_sites (site_id);

-- +goose Down
DROP TABLE change_notification_sites;
DROP TABLE change_notifications;
DROP TABLE corrective_action_files;
DROP TABLE corrective_action_receipts;
DROP TABLE corrective_action_stages;
DROP TABLE corrective_actions;
UPDATE findings SET category = 'other' WHERE category = 'unnotified_change';
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql, '''environmental'',''other'',''unnotified_change'')', '''environmental'',''other'')')
WHERE type = 'table' AND name = 'findings';
PRAGMA writable_schema = RESET;
CREATE TABLE corrective_actions_down (id INTEGER PRIMARY KEY);
DROP TABLE corrective_actions_down;
