-- +goose Up
-- A password generated or set by an administrator must be changed at the
-- user's first sign-in; until then the session may only change it.
ALTER TABLE users ADD COLUMN must_change_password BOOLEAN NOT NULL DEFAULT 0;

-- Manufacturer names are unique by their normalised form (NFKC, case-
-- folded, computed in Go: store.NameKey), so look-alike spellings cannot
-- register the same company twice. Existing rows start from lower(name),
-- which the old index kept unique; every save writes the full key.
ALTER TABLE manufacturers ADD COLUMN name_key VARCHAR(200) NOT NULL DEFAULT '';
UPDATE manufacturers SET name_key = lower(name);
DROP INDEX manufacturers_name_key;
CREATE UNIQUE INDEX manufacturers_name_key ON manufacturers (name_key);

-- Recovery codes are stored as salted argon2id hashes (PHC strings, longer
-- than the SHA-256 hex they replace); SQLite does not enforce the length.

-- +goose Down
DROP INDEX manufacturers_name_key;
CREATE UNIQUE INDEX manufacturers_name_key ON manufacturers (lower(name));
ALTER TABLE manufacturers DROP COLUMN name_key;
ALTER TABLE users DROP COLUMN must_change_password;
