import { describe, expect, it } from 'vitest';
import { ROLES } from '../api';
import { navFor } from './navigation';

const labels = (role: (typeof ROLES)[number]) => navFor(role).flatMap((s) => s.items.map((i) => i.label));

describe('navFor', () => {
  it('shows Users to admins only', () => {
    expect(labels('admin')).toContain('Users');
    for (const role of ['manager', 'procurement', 'auditor'] as const) {
      expect(labels(role)).not.toContain('Users');
    }
  });

  it('hides Import from read-only auditors', () => {
    expect(labels('auditor')).not.toContain('Import');
    expect(labels('procurement')).toContain('Import');
  });

  it('drops a section left empty', () => {
    expect(navFor('auditor').map((s) => s.label)).not.toContain('Administration');
  });

  it('gives every role the records and the audit trail', () => {
    for (const role of ROLES) {
      expect(labels(role)).toEqual(
        expect.arrayContaining(['Dashboard', 'Manufacturers', 'Sites', 'Inspections', 'Findings', 'Certifications', 'Reports', 'Audit trail']),
      );
    }
  });
});
