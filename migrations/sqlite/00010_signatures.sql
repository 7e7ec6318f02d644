-- Electronic signatures: who signed which record, meaning what, and the
-- SHA-256 of the record's signed content. A signature is made in the same
-- transaction as the change it signs and belongs to that one record: the
-- table is append-only, so a signature can be neither edited nor moved to
-- another record.
-- +goose Up
CREATE TABLE signatures (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at DATETIME NOT NULL,
    signer_id INTEGER NOT NULL REFERENCES users (id),
    signer_name VARCHAR(200) NOT NULL,
    signer_email VARCHAR(254) NOT NULL,
    meaning VARCHAR(20) NOT NULL,
    action VARCHAR(60) NOT NULL,
    entity_type VARCHAR(40) NOT NULL,
    entity_id INTEGER NOT NULL,
    content_hash VARCHAR(64) NOT NULL,
    two_factor BOOLEAN NOT NULL DEFAULT 0,
    signed_at DATETIME NOT NULL
);
CREATE INDEX signatures_entity_idx ON signatures (entity_type, entity_id, id);
-- +goose StatementBegin
CREATE TRIGGER signatures_no_update BEFORE UPDATE ON signatures
BEGIN
    SELECT RAISE(ABORT, 'signatures is append-only');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER signatures_no_delete BEFORE DELETE ON signatures
BEGIN
    SELECT RAISE(ABORT, 'signatures is append-only');
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER signatures_no_delete;
DROP TRIGGER signatures_no_update;
DROP TABLE signatures;
