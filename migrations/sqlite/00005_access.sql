-- Scoped auditors and two-factor sign-in.
-- +goose Up
-- An auditor with rows here reads only these manufacturers' records. There
-- is deliberately no foreign key to manufacturers: a scope naming a deleted
-- manufacturer then matches nothing, it never widens to everything.
CREATE TABLE user_manufacturer_scopes (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    manufacturer_id BIGINT NOT NULL,
    created_at DATETIME NOT NULL,
    PRIMARY KEY (user_id, manufacturer_id)
);

-- One row per user who started enrolling; enabled once a code confirmed it.
-- The secret is AES-GCM encrypted (see auth/totp.go); last_step stops a
-- code from being used twice.
CREATE TABLE user_totp (
    user_id BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    secret_enc TEXT NOT NULL,
    enabled BOOLEAN NOT NULL DEFAULT 0,
    last_step BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE totp_recovery_codes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at DATETIME NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash VARCHAR(64) NOT NULL,
    used_at DATETIME
);
CREATE UNIQUE INDEX totp_recovery_codes_key ON totp_recovery_codes (user_id, code_hash);

-- +goose Down
DROP TABLE totp_recovery_codes;
DROP TABLE user_totp;
DROP TABLE user_manufacturer_scopes;
