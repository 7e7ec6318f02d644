-- +goose Up
-- Checklists: versioned templates (sections, items), the templates an
-- inspection uses and the answers given. A template row and its sections
-- and items never change once an inspection uses it; an edit then adds the
-- next version under the same key.
ALTER TABLE inspections ADD COLUMN result_override_reason TEXT NOT NULL DEFAULT '';

CREATE TABLE checklist_templates (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    key VARCHAR(80) NOT NULL,
    name VARCHAR(200) NOT NULL,
    version BIGINT NOT NULL CHECK (version >= 1),
    description TEXT NOT NULL DEFAULT '',
    builtin BOOLEAN NOT NULL DEFAULT 0,
    created_by_id BIGINT REFERENCES users (id),
    archived_at DATETIME
);
CREATE UNIQUE INDEX checklist_templates_key_version_key ON checklist_templates (key, version);
CREATE INDEX checklist_templates_name_idx ON checklist_templates (name);

CREATE TABLE checklist_sections (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    template_id BIGINT NOT NULL REFERENCES checklist_templates (id),
    position INTEGER NOT NULL,
    title VARCHAR(200) NOT NULL
);
CREATE INDEX checklist_sections_template_id_idx ON checklist_sections (template_id, position);

CREATE TABLE checklist_items (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    template_id BIGINT NOT NULL REFERENCES checklist_templates (id),
    section_id BIGINT NOT NULL REFERENCES checklist_sections (id),
    position INTEGER NOT NULL,
    question TEXT NOT NULL,
    guidance TEXT NOT NULL DEFAULT '',
    requirement VARCHAR(200) NOT NULL DEFAULT '',
    weight INTEGER NOT NULL CHECK (weight BETWEEN 1 AND 10),
    answer_type VARCHAR(20) NOT NULL CHECK (answer_type IN ('yes_no','rating_1_5','text')),
    na_allowed BOOLEAN NOT NULL DEFAULT 0,
    critical BOOLEAN NOT NULL DEFAULT 0,
    category VARCHAR(20) NOT NULL CHECK (category IN ('quality','security','traceability','esd','process','environmental','other'))
);
CREATE INDEX checklist_items_template_id_idx ON checklist_items (template_id, section_id, position);

CREATE TABLE inspection_checklists (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    inspection_id BIGINT NOT NULL REFERENCES inspections (id),
    template_id BIGINT NOT NULL REFERENCES checklist_templates (id),
    added_by_id BIGINT REFERENCES users (id)
);
CREATE UNIQUE INDEX inspection_checklists_key ON inspection_checklists (inspection_id, template_id);
CREATE INDEX inspection_checklists_template_id_idx ON inspection_checklists (template_id);

CREATE TABLE checklist_answers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    inspection_checklist_id BIGINT NOT NULL REFERENCES inspection_checklists (id),
    item_id BIGINT NOT NULL REFERENCES checklist_items (id),
    answer VARCHAR(3) NOT NULL DEFAULT '' CHECK (answer IN ('','yes','no')),
    rating INTEGER CHECK (rating BETWEEN 1 AND 5),
    text TEXT NOT NULL DEFAULT '',
    not_applicable BOOLEAN NOT NULL DEFAULT 0,
    note TEXT NOT NULL DEFAULT '',
    attachment_ids TEXT NOT NULL DEFAULT '[]',
    finding_id BIGINT REFERENCES findings (id),
    answered_by_id BIGINT REFERENCES users (id),
    answered_at DATETIME NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX checklist_answers_key ON checklist_answers (inspection_checklist_id, item_id);

-- +goose Down
DROP TABLE checklist_answers;
DROP TABLE inspection_checklists;
DROP TABLE checklist_items;
DROP TABLE checklist_sections;
DROP TABLE checklist_templates;
ALTER TABLE inspections DROP COLUMN result_override_reason;
