-- Supplier accounts: a fifth role, and the sites a supplier may be
-- limited to.
-- +goose Up
-- SQLite cannot alter a CHECK constraint; it is rewritten in the schema
-- (the documented procedure for changes that leave the stored rows as they
-- are). The CREATE TABLE below moves the schema version on, so every
-- connection reloads the schema; RESET reloads this one's.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql, 'role IN (''admin'',''manager'',''procurement'',''auditor'')',
    'role IN (''admin'',''manager'',''procurement'',''auditor'',''supplier'')')
WHERE type = 'table' AND name = 'users';
PRAGMA writable_schema = RESET;

-- A supplier is bound to one manufacturer through user_manufacturer_scopes
-- (00005); rows here narrow it further to some of that manufacturer's
-- sites. Like the manufacturer scope there is no foreign key to sites: a
-- row naming a deleted site matches nothing, it never widens the scope.
CREATE TABLE user_site_scopes (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    site_id BIGINT NOT NULL,
    created_at DATETIME NOT NULL,
    PRIMARY KEY (user_id, site_id)
);

-- +goose Down
DROP TABLE user_site_scopes;
DELETE FROM users WHERE role = 'supplier';
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql, 'role IN (''admin'',''manager'',''procurement'',''auditor'',''supplier'')',
    'role IN (''admin'',''manager'',''procurement'',''auditor'')')
WHERE type = 'table' AND name = 'users';
PRAGMA writable_schema = RESET;
CREATE TABLE supplier_accounts_down (id INTEGER PRIMARY KEY);
DROP TABLE supplier_accounts_down;
