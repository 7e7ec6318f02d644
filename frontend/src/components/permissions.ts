import type { QualificationStatus, Role } from '../api';
import { useCurrentUser } from './CurrentUser';

/** What a role may do (docs/rules.md, Roles). The server enforces the same rules. */
export interface Permissions {
  edit: boolean;
  importData: boolean;
  /** Any qualification decision at all (procurement: only prospective -> in qualification). */
  decide: (from: QualificationStatus) => boolean;
  /** Correct a completed inspection's result, status, site or performed date (with a reason). */
  correctInspections: boolean;
  remove: boolean;
  manageUsers: boolean;
  /** Approve or reject a manufacturer's change notification (signed). */
  decideChanges: boolean;
  readOnly: boolean;
}

export function permissionsFor(role: Role): Permissions {
  const writer = role === 'admin' || role === 'manager' || role === 'procurement';
  return {
    edit: writer,
    importData: writer,
    decide: (from) => role === 'admin' || role === 'manager' || (role === 'procurement' && from === 'prospective'),
    correctInspections: role === 'admin' || role === 'manager',
    remove: role === 'admin',
    manageUsers: role === 'admin',
    decideChanges: role === 'admin' || role === 'manager',
    readOnly: role === 'auditor',
  };
}

export function usePermissions(): Permissions {
  return permissionsFor(useCurrentUser().role);
}
