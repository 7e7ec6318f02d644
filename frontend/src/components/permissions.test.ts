import { describe, expect, it } from 'vitest';
import { permissionsFor } from './permissions';

describe('permissionsFor', () => {
  it('gives auditors nothing to change', () => {
    const p = permissionsFor('auditor');
    expect(p.edit || p.importData || p.remove || p.manageUsers || p.decide('prospective') || p.decide('qualified')).toBe(false);
    expect(p.readOnly).toBe(true);
  });
  it('lets procurement only start a qualification', () => {
    const p = permissionsFor('procurement');
    expect(p.edit).toBe(true);
    expect(p.decide('prospective')).toBe(true);
    expect(p.decide('in_qualification')).toBe(false);
    expect(p.remove).toBe(false);
    expect(p.correctInspections).toBe(false);
  });
  it('leaves corrections of completed inspections to managers and admins', () => {
    expect(permissionsFor('manager').correctInspections).toBe(true);
    expect(permissionsFor('admin').correctInspections).toBe(true);
    expect(permissionsFor('auditor').correctInspections).toBe(false);
  });
  it('keeps deleting and users to admins', () => {
    expect(permissionsFor('manager').remove).toBe(false);
    expect(permissionsFor('manager').decide('suspended')).toBe(true);
    expect(permissionsFor('admin').remove).toBe(true);
    expect(permissionsFor('admin').manageUsers).toBe(true);
  });
});
