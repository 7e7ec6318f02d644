-- Service tokens for integrations and signed outbound webhooks.
-- +goose Up
-- A service token acts as a user of its own (service = 1): its changes
-- carry that user's id wherever a record names who made it, and the user
-- never signs in (it has no password and is not active) nor appears among
-- the people on the Users page.
ALTER TABLE users ADD COLUMN service BOOLEAN NOT NULL DEFAULT 0;

-- Only the SHA-256 of the secret is kept; the secret is shown once.
CREATE TABLE service_tokens (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id),
    name VARCHAR(100) NOT NULL,
    name_key VARCHAR(100) NOT NULL,
    token_hash VARCHAR(64) NOT NULL,
    prefix VARCHAR(16) NOT NULL DEFAULT '',
    expires_at DATETIME,
    revoked_at DATETIME,
    last_used_at DATETIME,
    created_by_id BIGINT REFERENCES users (id)
);
CREATE UNIQUE INDEX service_tokens_hash_key ON service_tokens (token_hash);
CREATE UNIQUE INDEX service_tokens_name_key ON service_tokens (name_key);
CREATE UNIQUE INDEX service_tokens_user_key ON service_tokens (user_id);

-- event_types is a comma-bracketed list (",site.status_changed,finding.opened,")
-- so one LIKE finds the subscriptions of an event. The signing secret is
-- sealed with the encryption key (QUALTRACK_ENCRYPTION_KEY).
CREATE TABLE webhook_subscriptions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    name VARCHAR(100) NOT NULL,
    url VARCHAR(2000) NOT NULL,
    event_types TEXT NOT NULL,
    secret_enc TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT 1,
    paused_at DATETIME,
    pause_reason VARCHAR(300) NOT NULL DEFAULT '',
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    version BIGINT NOT NULL DEFAULT 1
);

-- One row per event and subscription, written in the transaction of the
-- change it reports. dedupe_key keeps a daily event (a certificate
-- expiring) from being queued twice for the same subscription.
CREATE TABLE webhook_outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    subscription_id BIGINT NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
    event_id VARCHAR(40) NOT NULL,
    event_type VARCHAR(60) NOT NULL,
    payload TEXT NOT NULL,
    dedupe_key VARCHAR(200),
    state VARCHAR(20) NOT NULL DEFAULT 'pending',
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at DATETIME NOT NULL,
    locked_until DATETIME,
    delivered_at DATETIME
);
CREATE INDEX webhook_outbox_due_idx ON webhook_outbox (state, next_attempt_at);
CREATE INDEX webhook_outbox_subscription_idx ON webhook_outbox (subscription_id, id);
CREATE UNIQUE INDEX webhook_outbox_dedupe_key ON webhook_outbox (subscription_id, dedupe_key);

-- Every delivery attempt: what the endpoint answered and how long it took.
CREATE TABLE webhook_deliveries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at DATETIME NOT NULL,
    subscription_id BIGINT NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
    outbox_id BIGINT NOT NULL REFERENCES webhook_outbox (id) ON DELETE CASCADE,
    event_id VARCHAR(40) NOT NULL,
    event_type VARCHAR(60) NOT NULL,
    attempt INTEGER NOT NULL,
    status_code INTEGER NOT NULL DEFAULT 0,
    duration_ms BIGINT NOT NULL DEFAULT 0,
    error VARCHAR(500) NOT NULL DEFAULT '',
    succeeded BOOLEAN NOT NULL DEFAULT 0
);
CREATE INDEX webhook_deliveries_subscription_idx ON webhook_deliveries (subscription_id, id);

-- +goose Down
DROP TABLE webhook_deliveries;
DROP TABLE webhook_outbox;
DROP TABLE webhook_subscriptions;
DROP TABLE service_tokens;
ALTER TABLE users DROP COLUMN service;
