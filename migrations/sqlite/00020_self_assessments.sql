-- Self-assessment questionnaires: a checklist template sent to a
-- manufacturer for one of its sites, answered by its suppliers in the
-- portal and reviewed by the buyer.
-- +goose Up
-- Evidence files are attachments of the questionnaire. SQLite cannot alter
-- a CHECK constraint; it is rewritten in the schema (the stored rows stay
-- as they are). The CREATE TABLEs below move the schema version on, so
-- every connection reloads it; RESET reloads this one's.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql, '''finding'',''certification'')', '''finding'',''certification'',''self_assessment'')')
WHERE type = 'table' AND name = 'attachments';
PRAGMA writable_schema = RESET;

-- manufacturer_id is the site's, so a supplier's reads narrow by index.
-- template_id is the template version answered: a used version never
-- changes again.
CREATE TABLE self_assessments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    manufacturer_id BIGINT NOT NULL REFERENCES manufacturers (id),
    site_id BIGINT NOT NULL REFERENCES sites (id),
    template_id BIGINT NOT NULL REFERENCES checklist_templates (id),
    status VARCHAR(20) NOT NULL CHECK (status IN ('open','submitted','returned','accepted')),
    message TEXT NOT NULL DEFAULT '',
    due_date DATE NOT NULL,
    sent_by_id BIGINT NOT NULL REFERENCES users (id),
    sent_at DATETIME NOT NULL,
    submitted_at DATETIME,
    submitted_by_id BIGINT REFERENCES users (id),
    submissions INTEGER NOT NULL DEFAULT 0,
    reviewed_at DATETIME,
    reviewed_by_id BIGINT REFERENCES users (id),
    review_comment TEXT NOT NULL DEFAULT '',
    rework_count INTEGER NOT NULL DEFAULT 0,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX self_assessments_manufacturer_idx ON self_assessments (manufacturer_id, status);
CREATE INDEX self_assessments_site_idx ON self_assessments (site_id, status);
CREATE INDEX self_assessments_due_idx ON self_assessments (status, due_date);
CREATE INDEX self_assessments_template_idx ON self_assessments (template_id);

-- The supplier's answer to one item: its own statement, never mixed with
-- an inspector's checklist answers. return_comment is the buyer's reason
-- when the item was returned for rework; reworked says the supplier has
-- changed the answer since.
CREATE TABLE self_assessment_answers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    self_assessment_id BIGINT NOT NULL REFERENCES self_assessments (id),
    item_id BIGINT NOT NULL REFERENCES checklist_items (id),
    answer VARCHAR(3) NOT NULL DEFAULT '',
    rating INTEGER,
    text TEXT NOT NULL DEFAULT '',
    not_applicable BOOLEAN NOT NULL DEFAULT 0,
    note TEXT NOT NULL DEFAULT '',
    attachment_ids TEXT NOT NULL DEFAULT '[]',
    answered_by_id BIGINT REFERENCES users (id),
    answered_at DATETIME NOT NULL,
    return_comment TEXT NOT NULL DEFAULT '',
    reworked BOOLEAN NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX self_assessment_answers_key ON self_assessment_answers (self_assessment_id, item_id);

-- +goose Down
DROP TABLE self_assessment_answers;
DROP TABLE self_assessments;
DELETE FROM attachments WHERE owner_type = 'self_assessment';
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql, '''finding'',''certification'',''self_assessment'')', '''finding'',''certification'')')
WHERE type = 'table' AND name = 'attachments';
PRAGMA writable_schema = RESET;
CREATE TABLE self_assessments_down (id INTEGER PRIMARY KEY);
DROP TABLE self_assessments_down;
