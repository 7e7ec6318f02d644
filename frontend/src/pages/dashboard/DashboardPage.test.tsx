// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Dashboard } from '../../api';
import { fakeApi, manager, on, renderAsApp } from '../../test/render';
import DashboardPage from './DashboardPage';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const dashboard: Dashboard = {
  today: '2026-11-20',
  expiring_within_days: 90,
  sites_by_status: { prospective: 0, in_qualification: 1, qualified: 5, conditional: 1, suspended: 0, disqualified: 0 },
  inspections_due_30_days: 2,
  inspections_overdue: 1,
  planned_inspections_next_30_days: 1,
  certifications_expiring: 1,
  certifications_expired: 0,
  open_findings_by_severity: { critical: 1, major: 2, minor: 0, observation: 0 },
  overdue_findings: 1,
  overdue_corrective_actions: 4,
  overdue_self_assessments: 3,
  self_assessments_to_review: 2,
  integrity_drift: 0,
  inspections_per_month: [],
  attention: { overdue_sites: [], expiring_certifications: [], overdue_findings: [] },
};

describe('the dashboard', { timeout: 30_000 }, () => {
  it('opens the overdue requests, the overdue questionnaires and those to review from their figures', async () => {
    fakeApi(on('GET', '/dashboard', 200, dashboard));
    renderAsApp(<DashboardPage />, { user: manager, path: '/', route: '/' });
    for (const [name, value, href] of [
      ['Corrective-action requests overdue', '4', '/corrective-actions?overdue=true'],
      ['Questionnaires overdue', '3', '/self-assessments?overdue=true'],
      ['Questionnaires to review', '2', '/self-assessments?status=submitted'],
    ] as const) {
      const card = (await screen.findByText(name, {}, { timeout: 15_000 })).closest('a');
      expect(card?.getAttribute('href')).toBe(href);
      expect(card?.textContent).toContain(value);
    }
  });
});
