import { queryOptions } from '@tanstack/react-query';
import { apiRequest, isApiError } from './client';
import type { ChangePasswordRequest, LoginRequest, LoginResponse, Me, Role, SecuritySettings, SignInMethods, SSOStart } from './types';

/**
 * The web app asks for a cookie session (`session: 'cookie'`): the server then
 * sets only the HttpOnly cookie and sends no bearer token, which script could read.
 */
export function login(credentials: LoginRequest): Promise<LoginAnswer> {
  return apiRequest<LoginAnswer>('/auth/login', { method: 'POST', body: { ...credentials, session: 'cookie' } });
}

export const signInMethodsQuery = queryOptions({
  queryKey: ['auth', 'methods'] as const,
  queryFn: ({ signal }) => apiRequest<SignInMethods>('/auth/methods', { signal }),
  staleTime: 5 * 60_000,
});

/** Starts a sign-in at the identity provider; the caller sends the browser to the answer's URL. */
export function startSSO(): Promise<SSOStart> {
  return apiRequest<SSOStart>('/auth/oidc/start', { method: 'POST' });
}

/** Completes it with what the provider sent the browser back with: the answer of POST /auth/login. */
export function finishSSO(body: { code: string; state: string }): Promise<LoginAnswer> {
  return apiRequest<LoginAnswer>('/auth/oidc/callback', { method: 'POST', body: { ...body, session: 'cookie' } });
}

export function logout(): Promise<void> {
  return apiRequest<void>('/auth/logout', { method: 'POST' });
}

/** The signed-in user, or null when there is no valid session. */
export async function fetchMe(signal?: AbortSignal): Promise<Me | null> {
  try {
    return await apiRequest<Me>('/auth/me', signal ? { signal } : {});
  } catch (error) {
    if (isApiError(error, 401)) return null;
    throw error;
  }
}

/** Sets the language of the translated screens and e-mails ('' follows the browser). */
export function setLanguage(language: Me['language'] & string): Promise<Me> {
  return apiRequest<Me>('/me/language', { method: 'PUT', body: { language } });
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

/** Roles that create and edit records and import spreadsheets (docs/rules.md, Roles). */
export const WRITER_ROLES: readonly Role[] = ['admin', 'manager', 'procurement'];

/** Auditors read everything and change nothing (docs/rules.md, Roles). */
export function isReadOnly(role: Role): boolean {
  return role === 'auditor';
}

/**
 * What POST /auth/login may answer besides a session: a two-factor challenge
 * (no session yet) or a session that may only enrol in two-factor sign-in.
 */
export type LoginAnswer = LoginResponse;

export function loginTotp(body: { challenge: string; code?: string; recovery_code?: string }): Promise<LoginAnswer> {
  return apiRequest<LoginAnswer>('/auth/login/totp', { method: 'POST', body: { ...body, session: 'cookie' } });
}

export const totpApi = {
  enrol: (password: string) => apiRequest<{ secret: string; otpauth_url: string; qr_svg: string }>('/me/totp/enrol', { method: 'POST', body: { password } }),
  confirm: (code: string) => apiRequest<{ recovery_codes: string[]; token?: string }>('/me/totp/confirm', { method: 'POST', body: { code } }),
  disable: (password: string, code: string) => apiRequest<{ token?: string }>('/me/totp', { method: 'DELETE', body: { password, code } }),
};

export const securitySettingsQueryKey = ['settings', 'security'] as const;

/** GET/PUT /settings/security (admins). */
export const securitySettingsApi = {
  get: (signal?: AbortSignal) => apiRequest<SecuritySettings>('/settings/security', signal ? { signal } : {}),
  put: (body: SecuritySettings) => apiRequest<SecuritySettings>('/settings/security', { method: 'PUT', body }),
};
