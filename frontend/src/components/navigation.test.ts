import { describe, expect, it } from 'vitest';
import { STAFF_ROLES } from '../api';
import { activeLink, navFor } from './navigation';

const labels = (role: (typeof STAFF_ROLES)[number]) => navFor(role).flatMap((s) => s.items.map((i) => i.label));

describe('navFor', () => {
  it('shows Users to admins only', () => {
    expect(labels('admin')).toContain('Users');
    for (const role of ['manager', 'procurement', 'auditor'] as const) {
      expect(labels(role)).not.toContain('Users');
    }
  });

  it('shows Webhooks to admins only', () => {
    expect(labels('admin')).toContain('Webhooks');
    for (const role of ['manager', 'procurement', 'auditor'] as const) {
      expect(labels(role)).not.toContain('Webhooks');
    }
  });

  it('hides Import from read-only auditors', () => {
    expect(labels('auditor')).not.toContain('Import');
    expect(labels('procurement')).toContain('Import');
  });

  it('drops a section left empty', () => {
    expect(navFor('auditor').map((s) => s.label)).not.toContain('Administration');
  });

  it('gives every staff role the records and the audit trail', () => {
    for (const role of STAFF_ROLES) {
      expect(labels(role)).toEqual(
        expect.arrayContaining(['Dashboard', 'Manufacturers', 'Sites', 'Inspections', 'Findings', 'Certifications', 'Reports', 'Audit trail']),
      );
    }
  });
});

describe('activeLink', () => {
  const items = navFor('admin').flatMap((s) => s.items);
  it('marks the closest link current', () => {
    expect(activeLink('/inspections/calendar', items)).toBe('/inspections/calendar');
    expect(activeLink('/inspections/12', items)).toBe('/inspections');
    expect(activeLink('/', items)).toBe('/');
    expect(activeLink('/sites/3', items)).toBe('/sites');
    expect(activeLink('/account/password', items)).toBeNull();
  });
});
