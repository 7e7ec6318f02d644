-- The dashboard counted the overdue findings of active sites by reading
-- every unclosed finding due before today (some 9,600 on the seeded
-- register, the largest of its counts). Unclosed findings are now counted
-- by due date, over every site, in a table kept in step by a trigger in
-- the writing transaction, like the counts by severity of migration
-- 00008: the overdue count is the sum of the dates before today (some 900
-- rows), less the archived sites' overdue findings, which the dashboard
-- reads with their open findings by severity. For that read to stay
-- within its index, findings_site_id_idx holds the due date too. The
-- update trigger fires only when the status or the due date changed (a
-- versioned save names every column).

-- +goose Up
CREATE TABLE finding_due_counts (
    due_date DATE PRIMARY KEY,
    n BIGINT NOT NULL
);
INSERT INTO finding_due_counts (due_date, n)
SELECT due_date, count(*) FROM findings WHERE status <> 'closed' AND due_date IS NOT NULL GROUP BY due_date;

-- +goose StatementBegin
CREATE FUNCTION finding_due_counts_step() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status <> 'closed' AND OLD.due_date IS NOT NULL THEN
        UPDATE finding_due_counts SET n = n - 1 WHERE due_date = OLD.due_date;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.status <> 'closed' AND NEW.due_date IS NOT NULL THEN
        INSERT INTO finding_due_counts (due_date, n) VALUES (NEW.due_date, 1)
        ON CONFLICT (due_date) DO UPDATE SET n = finding_due_counts.n + 1;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd
CREATE TRIGGER finding_due_counts_insert AFTER INSERT OR DELETE ON findings
FOR EACH ROW EXECUTE FUNCTION finding_due_counts_step();
CREATE TRIGGER finding_due_counts_update AFTER UPDATE OF status, due_date ON findings
FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.due_date IS DISTINCT FROM NEW.due_date)
EXECUTE FUNCTION finding_due_counts_step();

DROP INDEX findings_site_id_idx;
CREATE INDEX findings_site_id_idx ON findings (site_id, status, severity, due_date);

-- +goose Down
DROP INDEX findings_site_id_idx;
CREATE INDEX findings_site_id_idx ON findings (site_id, status, severity);
DROP TRIGGER finding_due_counts_update ON findings;
DROP TRIGGER finding_due_counts_insert ON findings;
DROP FUNCTION finding_due_counts_step();
DROP TABLE finding_due_counts;
