-- Reminders reach suppliers (a corrective-action stage coming due) and
-- buyers (a supplier's answer to review); e-mails and the supplier's screens
-- speak the language each user chose ('' follows the browser, e-mails are
-- then in English).
--
-- SQLite cannot change a CHECK constraint in place: the tables are rebuilt.
-- notifications refers to reminders, so it is rebuilt too and the old tables
-- are dropped child first; renaming reminders_new carries the reference of
-- notifications_new along, and no foreign key is ever left dangling.
-- +goose Up
CREATE TABLE reminders_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    kind VARCHAR(30) NOT NULL CHECK (kind IN ('certificate_expiry','inspection_due','finding_overdue','conditional_ending','supplier_answer','answer_due')),
    entity_type VARCHAR(20) NOT NULL,
    entity_id BIGINT NOT NULL,
    stage VARCHAR(40) NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id),
    run_date DATE NOT NULL,
    channel VARCHAR(10) NOT NULL CHECK (channel IN ('email','in_app')),
    emailed_at DATETIME
);
INSERT INTO reminders_new (id, created_at, updated_at, kind, entity_type, entity_id, stage, user_id, run_date, channel, emailed_at)
    SELECT id, created_at, updated_at, kind, entity_type, entity_id, stage, user_id, run_date, channel, emailed_at FROM reminders;

CREATE TABLE notifications_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id),
    reminder_id BIGINT REFERENCES reminders_new (id),
    kind VARCHAR(30) NOT NULL,
    entity_type VARCHAR(20) NOT NULL,
    entity_id BIGINT NOT NULL,
    title VARCHAR(300) NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    link VARCHAR(200) NOT NULL DEFAULT '',
    due_date DATE,
    read_at DATETIME
);
INSERT INTO notifications_new (id, created_at, updated_at, user_id, reminder_id, kind, entity_type, entity_id, title, body, link, due_date, read_at)
    SELECT id, created_at, updated_at, user_id, reminder_id, kind, entity_type, entity_id, title, body, link, due_date, read_at FROM notifications;

CREATE TABLE notification_preferences_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id),
    kind VARCHAR(30) NOT NULL CHECK (kind IN ('certificate_expiry','inspection_due','finding_overdue','conditional_ending','supplier_answer','answer_due')),
    channel VARCHAR(10) NOT NULL CHECK (channel IN ('email','in_app','off'))
);
INSERT INTO notification_preferences_new (id, created_at, updated_at, user_id, kind, channel)
    SELECT id, created_at, updated_at, user_id, kind, channel FROM notification_preferences;

DROP TABLE notifications;
DROP TABLE reminders;
DROP TABLE notification_preferences;
ALTER TABLE reminders_new RENAME TO reminders;
ALTER TABLE notifications_new RENAME TO notifications;
ALTER TABLE notification_preferences_new RENAME TO notification_preferences;

CREATE UNIQUE INDEX reminders_key ON reminders (kind, entity_id, stage, user_id);
CREATE INDEX reminders_pending_email_idx ON reminders (run_date) WHERE channel = 'email' AND emailed_at IS NULL;
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at);
CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;
CREATE INDEX notifications_reminder_idx ON notifications (reminder_id);
CREATE UNIQUE INDEX notification_preferences_key ON notification_preferences (user_id, kind);

ALTER TABLE users ADD COLUMN language VARCHAR(10) NOT NULL DEFAULT '' CHECK (language IN ('', 'en', 'zh-CN'));

-- +goose Down
ALTER TABLE users DROP COLUMN language;
DELETE FROM notification_preferences WHERE kind IN ('supplier_answer','answer_due');
UPDATE notifications SET reminder_id = NULL WHERE reminder_id IN (SELECT id FROM reminders WHERE kind IN ('supplier_answer','answer_due'));
DELETE FROM reminders WHERE kind IN ('supplier_answer','answer_due');
