import { queryOptions } from '@tanstack/react-query';
import { apiRequest, isApiError } from './client';
import type { ChangePasswordRequest, LoginRequest, LoginResponse, Role, User } from './types';

export function login(credentials: LoginRequest): Promise<LoginResponse> {
  return apiRequest<LoginResponse>('/auth/login', { method: 'POST', body: credentials });
}

export function logout(): Promise<void> {
  return apiRequest<void>('/auth/logout', { method: 'POST' });
}

/** The signed-in user, or null when there is no valid session. */
export async function fetchMe(signal?: AbortSignal): Promise<User | null> {
  try {
    return await apiRequest<User>('/auth/me', signal ? { signal } : {});
  } catch (error) {
    if (isApiError(error, 401)) return null;
    throw error;
  }
}

export function changePassword(body: ChangePasswordRequest): Promise<void> {
  return apiRequest<void>('/auth/password', { method: 'POST', body });
}

export const meQueryKey = ['auth', 'me'] as const;

export const meQuery = queryOptions({
  queryKey: meQueryKey,
  queryFn: ({ signal }) => fetchMe(signal),
  staleTime: 60_000,
  // Retry only what may pass on a second try: the network and 5xx.
  retry: (failureCount, error) =>
    failureCount < 2 && (!isApiError(error) || error.status === 0 || error.status >= 500),
});

/** Roles that create and edit records and import spreadsheets (DESIGN.md, Roles). */
export const WRITER_ROLES: readonly Role[] = ['admin', 'manager', 'procurement'];

/** Auditors read everything and change nothing (DESIGN.md, Roles). */
export function isReadOnly(role: Role): boolean {
  return role === 'auditor';
}
