-- On SQLite this migration makes the inspections' and findings' order
-- indexes end with the columns their lists filter on, so that a walk of
-- an order tests the filters from the index alone. A PostgreSQL index scan
-- reads each row from the table before it tests a filter that is not part
-- of the index's condition, so those columns would only make the indexes
-- larger here; the lists' plans on PostgreSQL are chosen knowing that
-- (store.walkCostOf). What both dialects share: the indexes on updated_at
-- alone are the first column of the updated_at order's index, and go.

-- +goose Up
DROP INDEX inspections_updated_at_idx;
DROP INDEX findings_updated_at_idx;

-- +goose Down
CREATE INDEX findings_updated_at_idx ON findings (updated_at);
CREATE INDEX inspections_updated_at_idx ON inspections (updated_at);
