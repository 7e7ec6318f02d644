-- Files (drawings, descriptions) attached to a change notification are
-- attachments of the notification.
-- +goose Up
ALTER TABLE attachments DROP CONSTRAINT attachments_owner_type_check;
ALTER TABLE attachments ADD CONSTRAINT attachments_owner_type_check
    CHECK (owner_type IN ('site','inspection','finding','certification','self_assessment','bom_revision','change_notification'));

-- +goose Down
DELETE FROM attachments WHERE owner_type = 'change_notification';
ALTER TABLE attachments DROP CONSTRAINT attachments_owner_type_check;
ALTER TABLE attachments ADD CONSTRAINT attachments_owner_type_check
    CHECK (owner_type IN ('site','inspection','finding','certification','self_assessment','bom_revision'));
