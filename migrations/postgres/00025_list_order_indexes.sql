-- Every order the lists accept is read off an index (docs/architecture.md,
-- "Lists"): the sort expression exactly as the store writes it, then id,
-- the tie-breaker that makes the order total. A keyset cursor (after=)
-- then starts a page by seeking in the same index. A nullable column
-- sorted with its empty rows last in both directions has two: ascending
-- orders by "IS NULL", descending by "IS NOT NULL" read backwards. The
-- sites and manufacturers lists show the active records unless asked
-- otherwise, so their indexes hold only those.
--
-- The sites list sorted by manufacturer orders by the manufacturer's
-- name, lowered; a column no index can reach through a subquery, so the
-- site keeps a copy (manufacturer_sort_name), kept in step by triggers.

-- +goose Up
ALTER TABLE sites ADD COLUMN manufacturer_sort_name VARCHAR(200) NOT NULL DEFAULT '';
UPDATE sites SET manufacturer_sort_name = (SELECT lower(manufacturers.name) FROM manufacturers WHERE manufacturers.id = sites.manufacturer_id);
-- +goose StatementBegin
CREATE FUNCTION sites_manufacturer_sort_name() RETURNS trigger AS $$
BEGIN
    NEW.manufacturer_sort_name := (SELECT lower(name) FROM manufacturers WHERE id = NEW.manufacturer_id);
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd
CREATE TRIGGER sites_manufacturer_sort_name BEFORE INSERT OR UPDATE OF manufacturer_id ON sites
    FOR EACH ROW EXECUTE FUNCTION sites_manufacturer_sort_name();
-- +goose StatementBegin
CREATE FUNCTION manufacturers_sort_name() RETURNS trigger AS $$
BEGIN
    UPDATE sites SET manufacturer_sort_name = lower(NEW.name) WHERE manufacturer_id = NEW.id;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd
CREATE TRIGGER manufacturers_sort_name AFTER UPDATE OF name ON manufacturers
    FOR EACH ROW EXECUTE FUNCTION manufacturers_sort_name();

CREATE INDEX sites_active_code_order_idx ON sites (code, id) WHERE archived_at IS NULL;
CREATE INDEX sites_active_name_order_idx ON sites ((lower(name)), id) WHERE archived_at IS NULL;
CREATE INDEX sites_active_country_order_idx ON sites (country, id) WHERE archived_at IS NULL;
CREATE INDEX sites_active_risk_tier_order_idx ON sites ((CASE risk_tier WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3 WHEN 'critical' THEN 4 ELSE 5 END), id) WHERE archived_at IS NULL;
CREATE INDEX sites_active_status_order_idx ON sites ((CASE qualification_status WHEN 'prospective' THEN 1 WHEN 'in_qualification' THEN 2 WHEN 'qualified' THEN 3 WHEN 'conditional' THEN 4 WHEN 'suspended' THEN 5 WHEN 'disqualified' THEN 6 ELSE 7 END), id) WHERE archived_at IS NULL;
CREATE INDEX sites_active_due_order_idx ON sites (next_inspection_due, id) WHERE archived_at IS NULL;
CREATE INDEX sites_active_updated_at_order_idx ON sites (updated_at, id) WHERE archived_at IS NULL;
CREATE INDEX sites_active_created_at_order_idx ON sites (created_at, id) WHERE archived_at IS NULL;
CREATE INDEX sites_active_manufacturer_order_idx ON sites (manufacturer_sort_name, id) WHERE archived_at IS NULL;
CREATE INDEX manufacturers_active_name_order_idx ON manufacturers ((lower(name)), id) WHERE archived_at IS NULL;
CREATE INDEX manufacturers_active_country_order_idx ON manufacturers (country, id) WHERE archived_at IS NULL;
CREATE INDEX manufacturers_active_created_at_order_idx ON manufacturers (created_at, id) WHERE archived_at IS NULL;
CREATE INDEX manufacturers_active_updated_at_order_idx ON manufacturers (updated_at, id) WHERE archived_at IS NULL;
CREATE INDEX inspections_date_asc_idx ON inspections ((COALESCE(performed_date, scheduled_date) IS NULL), (COALESCE(performed_date, scheduled_date)), id);
CREATE INDEX inspections_date_desc_idx ON inspections ((COALESCE(performed_date, scheduled_date) IS NOT NULL), (COALESCE(performed_date, scheduled_date)), id);
CREATE INDEX inspections_scheduled_asc_idx ON inspections ((scheduled_date IS NULL), scheduled_date, id);
CREATE INDEX inspections_scheduled_desc_idx ON inspections ((scheduled_date IS NOT NULL), scheduled_date, id);
CREATE INDEX inspections_performed_asc_idx ON inspections ((performed_date IS NULL), performed_date, id);
CREATE INDEX inspections_performed_desc_idx ON inspections ((performed_date IS NOT NULL), performed_date, id);
CREATE INDEX inspections_score_asc_idx ON inspections ((score IS NULL), score, id);
CREATE INDEX inspections_score_desc_idx ON inspections ((score IS NOT NULL), score, id);
CREATE INDEX inspections_created_at_order_idx ON inspections (created_at, id);
CREATE INDEX inspections_updated_at_order_idx ON inspections (updated_at, id);
CREATE INDEX findings_due_asc_idx ON findings ((due_date IS NULL), due_date, id);
CREATE INDEX findings_due_desc_idx ON findings ((due_date IS NOT NULL), due_date, id);
CREATE INDEX findings_severity_order_idx ON findings ((CASE severity WHEN 'critical' THEN 0 WHEN 'major' THEN 1 WHEN 'minor' THEN 2 ELSE 3 END), id);
CREATE INDEX findings_status_order_idx ON findings ((CASE status WHEN 'open' THEN 0 WHEN 'in_progress' THEN 1 ELSE 2 END), id);
CREATE INDEX findings_created_at_order_idx ON findings (created_at, id);
CREATE INDEX findings_updated_at_order_idx ON findings (updated_at, id);
CREATE INDEX certifications_expires_on_order_idx ON certifications (expires_on, id);
CREATE INDEX certifications_standard_order_idx ON certifications (standard, id);
CREATE INDEX certifications_issued_on_asc_idx ON certifications ((issued_on IS NULL), issued_on, id);
CREATE INDEX certifications_issued_on_desc_idx ON certifications ((issued_on IS NOT NULL), issued_on, id);
CREATE INDEX certifications_created_at_order_idx ON certifications (created_at, id);
CREATE INDEX certifications_updated_at_order_idx ON certifications (updated_at, id);
CREATE INDEX corrective_actions_next_due_asc_idx ON corrective_actions ((next_due IS NULL), next_due, id);
CREATE INDEX corrective_actions_next_due_desc_idx ON corrective_actions ((next_due IS NOT NULL), next_due, id);
CREATE INDEX corrective_actions_issued_at_order_idx ON corrective_actions (issued_at, id);
CREATE INDEX corrective_actions_updated_at_order_idx ON corrective_actions (updated_at, id);
CREATE INDEX corrective_actions_stage_order_idx ON corrective_actions (current_stage, id);
CREATE INDEX change_notifications_created_at_order_idx ON change_notifications (created_at, id);
CREATE INDEX change_notifications_status_order_idx ON change_notifications (status, id);
CREATE INDEX change_notifications_planned_asc_idx ON change_notifications ((planned_date IS NULL), planned_date, id);
CREATE INDEX change_notifications_planned_desc_idx ON change_notifications ((planned_date IS NOT NULL), planned_date, id);
CREATE INDEX self_assessments_due_date_order_idx ON self_assessments (due_date, id);
CREATE INDEX self_assessments_sent_at_order_idx ON self_assessments (sent_at, id);
CREATE INDEX self_assessments_updated_at_order_idx ON self_assessments (updated_at, id);
CREATE INDEX self_assessments_status_order_idx ON self_assessments (status, id);

-- +goose Down
DROP INDEX sites_active_code_order_idx;
DROP INDEX sites_active_name_order_idx;
DROP INDEX sites_active_country_order_idx;
DROP INDEX sites_active_risk_tier_order_idx;
DROP INDEX sites_active_status_order_idx;
DROP INDEX sites_active_due_order_idx;
DROP INDEX sites_active_updated_at_order_idx;
DROP INDEX sites_active_created_at_order_idx;
DROP INDEX sites_active_manufacturer_order_idx;
DROP INDEX manufacturers_active_name_order_idx;
DROP INDEX manufacturers_active_country_order_idx;
DROP INDEX manufacturers_active_created_at_order_idx;
DROP INDEX manufacturers_active_updated_at_order_idx;
DROP INDEX inspections_date_asc_idx;
DROP INDEX inspections_date_desc_idx;
DROP INDEX inspections_scheduled_asc_idx;
DROP INDEX inspections_scheduled_desc_idx;
DROP INDEX inspections_performed_asc_idx;
DROP INDEX inspections_performed_desc_idx;
DROP INDEX inspections_score_asc_idx;
DROP INDEX inspections_score_desc_idx;
DROP INDEX inspections_created_at_order_idx;
DROP INDEX inspections_updated_at_order_idx;
DROP INDEX findings_due_asc_idx;
DROP INDEX findings_due_desc_idx;
DROP INDEX findings_severity_order_idx;
DROP INDEX findings_status_order_idx;
DROP INDEX findings_created_at_order_idx;
DROP INDEX findings_updated_at_order_idx;
DROP INDEX certifications_expires_on_order_idx;
DROP INDEX certifications_standard_order_idx;
DROP INDEX certifications_issued_on_asc_idx;
DROP INDEX certifications_issued_on_desc_idx;
DROP INDEX certifications_created_at_order_idx;
DROP INDEX certifications_updated_at_order_idx;
DROP INDEX corrective_actions_next_due_asc_idx;
DROP INDEX corrective_actions_next_due_desc_idx;
DROP INDEX corrective_actions_issued_at_order_idx;
DROP INDEX corrective_actions_updated_at_order_idx;
DROP INDEX corrective_actions_stage_order_idx;
DROP INDEX change_notifications_created_at_order_idx;
DROP INDEX change_notifications_status_order_idx;
DROP INDEX change_notifications_planned_asc_idx;
DROP INDEX change_notifications_planned_desc_idx;
DROP INDEX self_assessments_due_date_order_idx;
DROP INDEX self_assessments_sent_at_order_idx;
DROP INDEX self_assessments_updated_at_order_idx;
DROP INDEX self_assessments_status_order_idx;
DROP TRIGGER manufacturers_sort_name ON manufacturers;
DROP FUNCTION manufacturers_sort_name();
DROP TRIGGER sites_manufacturer_sort_name ON sites;
DROP FUNCTION sites_manufacturer_sort_name();
ALTER TABLE sites DROP COLUMN manufacturer_sort_name;
