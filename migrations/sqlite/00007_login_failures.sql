-- Failed sign-ins, kept in the database so that every instance counts the
-- same failures (the limits in auth/ratelimit.go). key_hash is the SHA-256
-- of what is limited (an e-mail and IP pair, an IP, an e-mail), so the table
-- holds no addresses. Rows older than the 15-minute window are deleted as
-- new failures arrive.
-- +goose Up
CREATE TABLE login_failures (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at DATETIME NOT NULL,
    key_hash VARCHAR(64) NOT NULL
);
CREATE INDEX login_failures_key_idx ON login_failures (key_hash, created_at);
CREATE INDEX login_failures_created_at_idx ON login_failures (created_at);

-- +goose Down
DROP TABLE login_failures;
