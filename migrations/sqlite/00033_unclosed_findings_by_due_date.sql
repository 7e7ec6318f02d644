-- The dashboard counted the overdue findings of active sites by reading
-- every unclosed finding due before today (some 9,600 on the seeded
-- register, 2-6 ms, the largest of its counts). Unclosed findings are now
-- counted by due date, over every site, in a table kept in step by
-- triggers in the writing transaction, like the counts by severity of
-- migration 00008: the overdue count is the sum of the dates before today
-- (some 900 rows), less the archived sites' overdue findings, which the
-- dashboard reads with their open findings by severity. For that read to
-- stay within its index, findings_site_id_idx holds the due date too.
-- The update triggers fire only when the status or the due date changed
-- (a versioned save names every column, see 00032). The table is its own
-- primary key's index (WITHOUT ROWID), so the sum reads nothing else.

-- +goose Up
CREATE TABLE finding_due_counts (
    due_date DATE PRIMARY KEY,
    n BIGINT NOT NULL
) WITHOUT ROWID;
INSERT INTO finding_due_counts (due_date, n)
SELECT due_date, count(*) FROM findings WHERE status <> 'closed' AND due_date IS NOT NULL GROUP BY due_date;

-- +goose StatementBegin
CREATE TRIGGER finding_due_counts_insert AFTER INSERT ON findings
WHEN NEW.status <> 'closed' AND NEW.due_date IS NOT NULL
BEGIN
    INSERT INTO finding_due_counts (due_date, n) VALUES (NEW.due_date, 1)
    ON CONFLICT (due_date) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER finding_due_counts_delete AFTER DELETE ON findings
WHEN OLD.status <> 'closed' AND OLD.due_date IS NOT NULL
BEGIN
    UPDATE finding_due_counts SET n = n - 1 WHERE due_date = OLD.due_date;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER finding_due_counts_update_old AFTER UPDATE OF status, due_date ON findings
WHEN OLD.status <> 'closed' AND OLD.due_date IS NOT NULL
    AND (NEW.status = 'closed' OR NEW.due_date IS NOT OLD.due_date)
BEGIN
    UPDATE finding_due_counts SET n = n - 1 WHERE due_date = OLD.due_date;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER finding_due_counts_update_new AFTER UPDATE OF status, due_date ON findings
WHEN NEW.status <> 'closed' AND NEW.due_date IS NOT NULL
    AND (OLD.status = 'closed' OR NEW.due_date IS NOT OLD.due_date)
BEGIN
    INSERT INTO finding_due_counts (due_date, n) VALUES (NEW.due_date, 1)
    ON CONFLICT (due_date) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd

DROP INDEX findings_site_id_idx;
CREATE INDEX findings_site_id_idx ON findings (site_id, status, severity, due_date);

-- +goose Down
DROP INDEX findings_site_id_idx;
CREATE INDEX findings_site_id_idx ON findings (site_id, status, severity);
DROP TRIGGER finding_due_counts_update_new;
DROP TRIGGER finding_due_counts_update_old;
DROP TRIGGER finding_due_counts_delete;
DROP TRIGGER finding_due_counts_insert;
DROP TABLE finding_due_counts;
