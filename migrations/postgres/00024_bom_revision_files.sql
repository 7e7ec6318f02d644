-- The BOM/AVL file of a revision is an attachment of the revision.
-- +goose Up
ALTER TABLE attachments DROP CONSTRAINT attachments_owner_type_check;
ALTER TABLE attachments ADD CONSTRAINT attachments_owner_type_check
    CHECK (owner_type IN ('site','inspection','finding','certification','self_assessment','bom_revision'));

-- +goose Down
DELETE FROM attachments WHERE owner_type = 'bom_revision';
ALTER TABLE attachments DROP CONSTRAINT attachments_owner_type_check;
ALTER TABLE attachments ADD CONSTRAINT attachments_owner_type_check
    CHECK (owner_type IN ('site','inspection','finding','certification','self_assessment'));
