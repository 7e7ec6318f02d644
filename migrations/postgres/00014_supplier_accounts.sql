-- Supplier accounts: a fifth role, and the sites a supplier may be
-- limited to.
-- +goose Up
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('admin','manager','procurement','auditor','supplier'));

-- A supplier is bound to one manufacturer through user_manufacturer_scopes
-- (00005); rows here narrow it further to some of that manufacturer's
-- sites. Like the manufacturer scope there is no foreign key to sites: a
-- row naming a deleted site matches nothing, it never widens the scope.
CREATE TABLE user_site_scopes (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    site_id BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, site_id)
);

-- +goose Down
DROP TABLE user_site_scopes;
DELETE FROM users WHERE role = 'supplier';
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('admin','manager','procurement','auditor'));
