-- +goose Up
-- One row per day's reminder run: the unique run date lets exactly one
-- instance send a day's reminders.
CREATE TABLE reminder_runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    run_date DATE NOT NULL,
    started_at DATETIME NOT NULL,
    finished_at DATETIME,
    reminders INTEGER NOT NULL DEFAULT 0,
    emails INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX reminder_runs_run_date_key ON reminder_runs (run_date);

-- Each stage of each record is told to each user once.
CREATE TABLE reminders (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    kind VARCHAR(30) NOT NULL CHECK (kind IN ('certificate_expiry','inspection_due','finding_overdue','conditional_ending')),
    entity_type VARCHAR(20) NOT NULL,
    entity_id BIGINT NOT NULL,
    stage VARCHAR(40) NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id),
    run_date DATE NOT NULL,
    channel VARCHAR(10) NOT NULL CHECK (channel IN ('email','in_app')),
    emailed_at DATETIME
);
CREATE UNIQUE INDEX reminders_key ON reminders (kind, entity_id, stage, user_id);
CREATE INDEX reminders_pending_email_idx ON reminders (run_date) WHERE channel = 'email' AND emailed_at IS NULL;

CREATE TABLE notifications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id),
    reminder_id BIGINT REFERENCES reminders (id),
    kind VARCHAR(30) NOT NULL,
    entity_type VARCHAR(20) NOT NULL,
    entity_id BIGINT NOT NULL,
    title VARCHAR(300) NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    link VARCHAR(200) NOT NULL DEFAULT '',
    due_date DATE,
    read_at DATETIME
);
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at);
CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;
CREATE INDEX notifications_reminder_idx ON notifications (reminder_id);

CREATE TABLE notification_preferences (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id),
    kind VARCHAR(30) NOT NULL CHECK (kind IN ('certificate_expiry','inspection_due','finding_overdue','conditional_ending')),
    channel VARCHAR(10) NOT NULL CHECK (channel IN ('email','in_app','off'))
);
CREATE UNIQUE INDEX notification_preferences_key ON notification_preferences (user_id, kind);

-- Only the SHA-256 of a calendar feed token is kept.
CREATE TABLE calendar_tokens (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id),
    token_hash VARCHAR(64) NOT NULL,
    last_used_at DATETIME
);
CREATE UNIQUE INDEX calendar_tokens_user_key ON calendar_tokens (user_id);
CREATE UNIQUE INDEX calendar_tokens_hash_key ON calendar_tokens (token_hash);

-- +goose Down
DROP TABLE calendar_tokens;
DROP TABLE notification_preferences;
DROP TABLE notifications;
DROP TABLE reminders;
DROP TABLE reminder_runs;
