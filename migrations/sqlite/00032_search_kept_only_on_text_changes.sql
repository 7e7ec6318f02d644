-- A record saved through the API writes every column (a versioned update
-- names them all), and SQLite fires a trigger declared AFTER UPDATE OF a
-- column whenever the column is named, changed or not: each edit of a
-- finding, each completion of an inspection, took its text out of the
-- search index and put it back, a trigram at a time. The search triggers
-- now fire only when the text changed. (PostgreSQL's trigram indexes are
-- indexes of the table, kept by the database without triggers: its
-- migration 00032 changes nothing.)

-- +goose Up
DROP TRIGGER sites_search_update;
-- +goose StatementBegin
CREATE TRIGGER sites_search_update AFTER UPDATE OF code, name, city ON sites
WHEN old.code IS NOT new.code OR old.name IS NOT new.name OR old.city IS NOT new.city
BEGIN
    INSERT INTO sites_search (sites_search, rowid, code, name, city) VALUES ('delete', old.id, old.code, old.name, old.city);
    INSERT INTO sites_search (rowid, code, name, city) VALUES (new.id, new.code, new.name, new.city);
END;
-- +goose StatementEnd

DROP TRIGGER manufacturers_search_update;
-- +goose StatementBegin
CREATE TRIGGER manufacturers_search_update AFTER UPDATE OF name, legal_name ON manufacturers
WHEN old.name IS NOT new.name OR old.legal_name IS NOT new.legal_name
BEGIN
    INSERT INTO manufacturers_search (manufacturers_search, rowid, name, legal_name) VALUES ('delete', old.id, old.name, old.legal_name);
    INSERT INTO manufacturers_search (rowid, name, legal_name) VALUES (new.id, new.name, new.legal_name);
END;
-- +goose StatementEnd

DROP TRIGGER inspections_search_update;
-- +goose StatementBegin
CREATE TRIGGER inspections_search_update AFTER UPDATE OF summary ON inspections
WHEN old.summary IS NOT new.summary
BEGIN
    INSERT INTO inspections_search (inspections_search, rowid, summary) VALUES ('delete', old.id, old.summary);
    INSERT INTO inspections_search (rowid, summary) VALUES (new.id, new.summary);
END;
-- +goose StatementEnd

DROP TRIGGER findings_search_update;
-- +goose StatementBegin
CREATE TRIGGER findings_search_update AFTER UPDATE OF description, requirement, owner ON findings
WHEN old.description IS NOT new.description OR old.requirement IS NOT new.requirement OR old.owner IS NOT new.owner
BEGIN
    INSERT INTO findings_search (findings_search, rowid, description, requirement, owner) VALUES ('delete', old.id, old.description, old.requirement, old.owner);
    INSERT INTO findings_search (rowid, description, requirement, owner) VALUES (new.id, new.description, new.requirement, new.owner);
END;
-- +goose StatementEnd

DROP TRIGGER certifications_search_update;
-- +goose StatementBegin
CREATE TRIGGER certifications_search_update AFTER UPDATE OF standard, certificate_number, issuing_body ON certifications
WHEN old.standard IS NOT new.standard OR old.certificate_number IS NOT new.certificate_number OR old.issuing_body IS NOT new.issuing_body
BEGIN
    INSERT INTO certifications_search (certifications_search, rowid, standard, certificate_number, issuing_body) VALUES ('delete', old.id, old.standard, old.certificate_number, old.issuing_body);
    INSERT INTO certifications_search (rowid, standard, certificate_number, issuing_body) VALUES (new.id, new.standard, new.certificate_number, new.issuing_body);
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER sites_search_update;
-- +goose StatementBegin
CREATE TRIGGER sites_search_update AFTER UPDATE OF code, name, city ON sites
BEGIN
    INSERT INTO sites_search (sites_search, rowid, code, name, city) VALUES ('delete', old.id, old.code, old.name, old.city);
    INSERT INTO sites_search (rowid, code, name, city) VALUES (new.id, new.code, new.name, new.city);
END;
-- +goose StatementEnd

DROP TRIGGER manufacturers_search_update;
-- +goose StatementBegin
CREATE TRIGGER manufacturers_search_update AFTER UPDATE OF name, legal_name ON manufacturers
BEGIN
    INSERT INTO manufacturers_search (manufacturers_search, rowid, name, legal_name) VALUES ('delete', old.id, old.name, old.legal_name);
    INSERT INTO manufacturers_search (rowid, name, legal_name) VALUES (new.id, new.name, new.legal_name);
END;
-- +goose StatementEnd

DROP TRIGGER inspections_search_update;
-- +goose StatementBegin
CREATE TRIGGER inspections_search_update AFTER UPDATE OF summary ON inspections
BEGIN
    INSERT INTO inspections_search (inspections_search, rowid, summary) VALUES ('delete', old.id, old.summary);
    INSERT INTO inspections_search (rowid, summary) VALUES (new.id, new.summary);
END;
-- +goose StatementEnd

DROP TRIGGER findings_search_update;
-- +goose StatementBegin
CREATE TRIGGER findings_search_update AFTER UPDATE OF description, requirement, owner ON findings
BEGIN
    INSERT INTO findings_search (findings_search, rowid, description, requirement, owner) VALUES ('delete', old.id, old.description, old.requirement, old.owner);
    INSERT INTO findings_search (rowid, description, requirement, owner) VALUES (new.id, new.description, new.requirement, new.owner);
END;
-- +goose StatementEnd

DROP TRIGGER certifications_search_update;
-- +goose StatementBegin
CREATE TRIGGER certifications_search_update AFTER UPDATE OF standard, certificate_number, issuing_body ON certifications
BEGIN
    INSERT INTO certifications_search (certifications_search, rowid, standard, certificate_number, issuing_body) VALUES ('delete', old.id, old.standard, old.certificate_number, old.issuing_body);
    INSERT INTO certifications_search (rowid, standard, certificate_number, issuing_body) VALUES (new.id, new.standard, new.certificate_number, new.issuing_body);
END;
-- +goose StatementEnd
