-- Single sign-on through an OpenID Connect provider: sign-ins under way
-- (their state, nonce and PKCE verifier stay on the server until the
-- browser comes back, once) and the provider accounts linked to users.
-- +goose Up
CREATE TABLE oidc_logins (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    state_hash VARCHAR(64) NOT NULL UNIQUE,
    nonce VARCHAR(100) NOT NULL,
    code_verifier VARCHAR(200) NOT NULL,
    expires_at DATETIME NOT NULL
);
CREATE INDEX oidc_logins_expires_at ON oidc_logins (expires_at);

-- One row per provider account: the issuer and subject name it for good
-- (an e-mail address may be reused); a user has at most one per issuer.
CREATE TABLE oidc_identities (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    issuer VARCHAR(500) NOT NULL,
    subject VARCHAR(255) NOT NULL,
    UNIQUE (issuer, subject),
    UNIQUE (user_id, issuer)
);

-- +goose Down
DROP TABLE oidc_identities;
DROP TABLE oidc_logins;
