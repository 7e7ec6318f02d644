-- Reminder e-mail refused for good, and calendar event revisions.
-- +goose Up
-- A mail server's permanent refusal (5xx) of a user's address: no digest is
-- tried again until the address changes or a test e-mail to it goes through.
ALTER TABLE users ADD COLUMN email_refused_at DATETIME;
ALTER TABLE users ADD COLUMN email_refusal VARCHAR(300) NOT NULL DEFAULT '';

-- Whoever sends a day's pending digests holds this lease, so a later
-- `reminders run` and the server's own retry never send the same digest twice.
ALTER TABLE reminder_runs ADD COLUMN mail_lease_until DATETIME;

-- One row per calendar event (by UID): the hash of what the feed last
-- showed, and how often and when that changed (the event's SEQUENCE and
-- DTSTAMP), so calendar apps see an event change when it changes.
CREATE TABLE calendar_event_revisions (
    uid VARCHAR(200) PRIMARY KEY,
    content_hash VARCHAR(64) NOT NULL,
    sequence INTEGER NOT NULL DEFAULT 0,
    changed_at DATETIME NOT NULL
);

-- +goose Down
DROP TABLE calendar_event_revisions;
ALTER TABLE reminder_runs DROP COLUMN mail_lease_until;
ALTER TABLE users DROP COLUMN email_refusal;
ALTER TABLE users DROP COLUMN email_refused_at;
