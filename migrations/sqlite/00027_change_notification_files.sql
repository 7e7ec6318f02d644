-- Files (drawings, descriptions) attached to a change notification are
-- attachments of the notification.
-- +goose Up
-- SQLite cannot alter a CHECK constraint; it is rewritten in the schema
-- (the stored rows stay as they are). The CREATE/DROP below moves the
-- schema version on, so every connection reloads it.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql, '''self_assessment'',''bom_revision'')', '''self_assessment'',''bom_revision'',''change_notification'')')
WHERE type = 'table' AND name = 'attachments';
PRAGMA writable_schema = RESET;
CREATE TABLE change_notification_files_up (id INTEGER PRIMARY KEY);
DROP TABLE change_notification_files_up;

-- +goose Down
DELETE FROM attachments WHERE owner_type = 'change_notification';
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql, '''self_assessment'',''bom_revision'',''change_notification'')', '''self_assessment'',''bom_revision'')')
WHERE type = 'table' AND name = 'attachments';
PRAGMA writable_schema = RESET;
CREATE TABLE change_notification_files_down (id INTEGER PRIMARY KEY);
DROP TABLE change_notification_files_down;
