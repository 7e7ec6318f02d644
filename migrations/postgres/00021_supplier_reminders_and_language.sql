-- Reminders reach suppliers (a corrective-action stage coming due) and
-- buyers (a supplier's answer to review); e-mails and the supplier's screens
-- speak the language each user chose ('' follows the browser, e-mails are
-- then in English).
-- +goose Up
ALTER TABLE reminders DROP CONSTRAINT reminders_kind_check;
ALTER TABLE reminders ADD CONSTRAINT reminders_kind_check
    CHECK (kind IN ('certificate_expiry','inspection_due','finding_overdue','conditional_ending','supplier_answer','answer_due'));
ALTER TABLE notification_preferences DROP CONSTRAINT notification_preferences_kind_check;
ALTER TABLE notification_preferences ADD CONSTRAINT notification_preferences_kind_check
    CHECK (kind IN ('certificate_expiry','inspection_due','finding_overdue','conditional_ending','supplier_answer','answer_due'));
ALTER TABLE users ADD COLUMN language VARCHAR(10) NOT NULL DEFAULT '' CHECK (language IN ('', 'en', 'zh-CN'));

-- +goose Down
ALTER TABLE users DROP COLUMN language;
DELETE FROM notification_preferences WHERE kind IN ('supplier_answer','answer_due');
ALTER TABLE notification_preferences DROP CONSTRAINT notification_preferences_kind_check;
ALTER TABLE notification_preferences ADD CONSTRAINT notification_preferences_kind_check
    CHECK (kind IN ('certificate_expiry','inspection_due','finding_overdue','conditional_ending'));
UPDATE notifications SET reminder_id = NULL WHERE reminder_id IN (SELECT id FROM reminders WHERE kind IN ('supplier_answer','answer_due'));
DELETE FROM reminders WHERE kind IN ('supplier_answer','answer_due');
ALTER TABLE reminders DROP CONSTRAINT reminders_kind_check;
ALTER TABLE reminders ADD CONSTRAINT reminders_kind_check
    CHECK (kind IN ('certificate_expiry','inspection_due','finding_overdue','conditional_ending'));
