-- The BOM/AVL file of a revision is an attachment of the revision.
-- +goose Up
-- SQLite cannot alter a CHECK constraint; it is rewritten in the schema
-- (the stored rows stay as they are). The CREATE/DROP below moves the
-- schema version on, so every connection reloads it.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql, '''certification'',''self_assessment'')', '''certification'',''self_assessment'',''bom_revision'')')
WHERE type = 'table' AND name = 'attachments';
PRAGMA writable_schema = RESET;
CREATE TABLE bom_revision_files_up (id INTEGER PRIMARY KEY);
DROP TABLE bom_revision_files_up;

-- +goose Down
DELETE FROM attachments WHERE owner_type = 'bom_revision';
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql, '''certification'',''self_assessment'',''bom_revision'')', '''certification'',''self_assessment'')')
WHERE type = 'table' AND name = 'attachments';
PRAGMA writable_schema = RESET;
CREATE TABLE bom_revision_files_down (id INTEGER PRIMARY KEY);
DROP TABLE bom_revision_files_down;
