// Wire types for /api/v1, hand-typed from DESIGN.md's HTTP contract (snake_case,
// timestamps RFC 3339 UTC, calendar dates YYYY-MM-DD).

export const ROLES = ['admin', 'manager', 'procurement', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** RFC 3339 timestamp in UTC, e.g. "2026-11-26T21:06:00Z". */
export type Timestamp = string;
/** Calendar date, e.g. "2026-11-26"; never shifted by time zones. */
export type CalendarDate = string;

/** The user as the login response returns it. */
export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: Role;
}

/** GET /auth/me. */
export interface User extends SessionUser {
  active: boolean;
  access_expires_at: Timestamp | null;
  last_login_at: Timestamp | null;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface LoginRequest {
  email: string;
  password: string;
}

export interface LoginResponse {
  token: string;
  expires_at: Timestamp;
  user: SessionUser;
}

export interface ChangePasswordRequest {
  current_password: string;
  new_password: string;
}

/** Field name -> why it was refused. */
export type FieldErrors = Record<string, string>;

/** Every error response: {"error": {...}}. */
export interface ErrorBody {
  error: {
    code: string;
    message: string;
    fields?: FieldErrors;
  };
}
