import {
  IconAlertOctagon,
  IconAlertTriangle,
  IconCpu,
  IconShieldExclamation,
  IconArrowsExchange,
  IconBuildingFactory2,
  IconCalendarEvent,
  IconCertificate,
  IconClipboardCheck,
  IconFileSpreadsheet,
  IconForms,
  IconHistory,
  IconLayoutDashboard,
  IconMapPin,
  IconTool,
  IconUpload,
  IconUsers,
  IconWebhook,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';
import { WRITER_ROLES, type Role } from '../api';

export interface NavItem {
  label: string;
  to: string;
  icon: ComponentType<{ size?: number; stroke?: number }>;
  /** Roles that see the link; absent means every role. The server enforces the same rule. */
  roles?: readonly Role[];
}

export interface NavSection {
  /** Absent for the first, unlabelled section. */
  label?: string;
  items: NavItem[];
}

export const NAV_SECTIONS: NavSection[] = [
  { items: [{ label: 'Dashboard', to: '/', icon: IconLayoutDashboard }] },
  {
    label: 'Records',
    items: [
      { label: 'Manufacturers', to: '/manufacturers', icon: IconBuildingFactory2 },
      { label: 'Sites', to: '/sites', icon: IconMapPin },
      { label: 'Inspections', to: '/inspections', icon: IconClipboardCheck },
      { label: 'Calendar', to: '/inspections/calendar', icon: IconCalendarEvent },
      { label: 'Findings', to: '/findings', icon: IconAlertTriangle },
      { label: 'Corrective actions', to: '/corrective-actions', icon: IconTool },
      { label: 'Change notifications', to: '/change-notifications', icon: IconArrowsExchange },
      { label: 'Questionnaires', to: '/self-assessments', icon: IconForms },
      { label: 'Certifications', to: '/certifications', icon: IconCertificate },
    ],
  },
  {
    label: 'Integrity',
    items: [
      { label: 'Products', to: '/products', icon: IconCpu },
      { label: 'Integrity drift', to: '/integrity/drift', icon: IconShieldExclamation },
      { label: 'Suspect parts', to: '/part-incidents', icon: IconAlertOctagon },
    ],
  },
  {
    label: 'Evidence',
    items: [
      { label: 'Reports', to: '/reports', icon: IconFileSpreadsheet },
      { label: 'Import', to: '/import', icon: IconUpload, roles: WRITER_ROLES },
      { label: 'Audit trail', to: '/audit-trail', icon: IconHistory },
    ],
  },
  {
    label: 'Administration',
    items: [
      { label: 'Users', to: '/users', icon: IconUsers, roles: ['admin'] },
      { label: 'Webhooks', to: '/webhooks', icon: IconWebhook, roles: ['admin'] },
    ],
  },
];

/**
 * The link that matches the path most closely (Calendar, not Inspections, on
 * /inspections/calendar), so exactly one link is marked current.
 */
export function activeLink(pathname: string, items: readonly Pick<NavItem, 'to'>[]): string | null {
  let best: string | null = null;
  for (const { to } of items) {
    const hit = to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(to + '/');
    if (hit && (best === null || to.length > best.length)) best = to;
  }
  return best;
}

/** The sections and links a role may see; sections left empty are dropped. */
export function navFor(role: Role): NavSection[] {
  return NAV_SECTIONS.map((section) => ({
    ...section,
    items: section.items.filter((item) => !item.roles || item.roles.includes(role)),
  })).filter((section) => section.items.length > 0);
}
