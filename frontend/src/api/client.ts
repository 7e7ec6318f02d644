import type { FieldErrors } from './types';

export const API_BASE = '/api/v1';

/**
 * The server refuses cookie-authenticated writes without this header (its CSRF
 * guard: a cross-site form or image cannot set custom headers). Sent on every
 * request so reads and writes behave alike.
 */
export const CSRF_HEADER = 'X-Requested-With';
export const CSRF_HEADER_VALUE = 'qualtrack';

/** An error answer from the API, or a failure to reach it (status 0). */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldErrors = {},
    /** Seconds to wait before retrying, from Retry-After (429, 503). */
    readonly retryAfter: number | null = null,
  ) {
    super(message);
  }

  /** The server's reason for one field, if it gave one. */
  field(name: string): string | undefined {
    return this.fields[name];
  }
}

// Codes the contract uses for each status; used when a body carries no code
// (a proxy's HTML error page, an empty 502).
const CODE_BY_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'too_large',
  422: 'validation_failed',
  429: 'rate_limited',
  500: 'internal',
  502: 'unavailable',
  503: 'unavailable',
  504: 'unavailable',
};

const MESSAGE_BY_STATUS: Record<number, string> = {
  400: 'The request was not understood.',
  401: 'You are not signed in.',
  403: 'You do not have permission to do that.',
  404: 'Not found.',
  409: 'Someone else changed this record. Reload and try again.',
  413: 'The file is too large.',
  422: 'Some fields need attention.',
  429: 'Too many attempts. Try again later.',
  500: 'Something went wrong on the server.',
  502: 'The qualtrack server is not reachable.',
  503: 'The qualtrack server is not available right now.',
  504: 'The qualtrack server did not answer in time.',
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Retry-After is either delay-seconds or an HTTP-date (RFC 9110 10.2.3).
 * Returns whole seconds from `now`, never negative, or null when absent or unreadable.
 */
export function parseRetryAfter(value: string | null, now: Date = new Date()): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  // An HTTP-date names its day and month ("Thu, 26 Nov 2026 12:00:30 GMT"); without
  // this check Date.parse would read "-5" as the year -5.
  if (!/[A-Za-z]{3}/.test(trimmed)) return null;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}

function readFields(value: unknown): FieldErrors {
  const fields: FieldErrors = {};
  if (!isRecord(value)) return fields;
  for (const [name, why] of Object.entries(value)) {
    if (typeof why === 'string') fields[name] = why;
  }
  return fields;
}

/**
 * Turns a non-2xx answer into an ApiError. Reads the contract's
 * {"error":{"code","message","fields"}} shape and falls back to the status
 * when the body is not that (HTML from a proxy, empty, truncated).
 */
export function parseApiError(
  status: number,
  bodyText: string,
  retryAfterHeader: string | null = null,
  now: Date = new Date(),
): ApiError {
  let code = CODE_BY_STATUS[status] ?? `http_${status}`;
  let message = MESSAGE_BY_STATUS[status] ?? `The server answered with status ${status}.`;
  let fields: FieldErrors = {};

  let body: unknown = undefined;
  try {
    body = bodyText === '' ? undefined : JSON.parse(bodyText);
  } catch {
    body = undefined;
  }
  if (isRecord(body) && isRecord(body.error)) {
    const err = body.error;
    if (typeof err.code === 'string' && err.code !== '') code = err.code;
    if (typeof err.message === 'string' && err.message !== '') message = err.message;
    fields = readFields(err.fields);
  }
  return new ApiError(status, code, message, fields, parseRetryAfter(retryAfterHeader, now));
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Sent as JSON. */
  body?: unknown;
  signal?: AbortSignal;
  /** Sent as they are, besides those of every request (an Idempotency-Key). */
  headers?: Record<string, string>;
}

/**
 * Calls the API at `path` (relative to /api/v1) and returns the parsed JSON,
 * or undefined for 204. The type parameter is the caller's claim about the
 * contract; the wire types live in types.ts.
 */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', body, signal } = options;
  const headers: Record<string, string> = {
    ...options.headers,
    Accept: 'application/json',
    [CSRF_HEADER]: CSRF_HEADER_VALUE,
  };
  const init: RequestInit = {
    method,
    headers,
    credentials: 'same-origin',
    cache: 'no-store',
  };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  if (signal) init.signal = signal;

  let response: Response;
  try {
    response = await fetch(API_BASE + path, init);
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network', 'Cannot reach the qualtrack server. Check your connection and try again.');
  }

  const text = await response.text();
  if (!response.ok) {
    throw parseApiError(response.status, text, response.headers.get('Retry-After'));
  }
  if (response.status === 204 || text === '') {
    return undefined as T;
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError(response.status, 'bad_response', 'The server sent an answer that is not JSON.');
  }
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}
