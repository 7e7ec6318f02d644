import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiRequest, parseApiError, parseRetryAfter } from './client';
import { fetchMe } from './auth';

describe('parseApiError', () => {
  it('reads the contract error shape with field errors', () => {
    const err = parseApiError(
      422,
      JSON.stringify({
        error: { code: 'validation_failed', message: 'check the fields', fields: { new_password: 'too short' } },
      }),
    );
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toBeInstanceOf(Error);
    expect(err.status).toBe(422);
    expect(err.code).toBe('validation_failed');
    expect(err.message).toBe('check the fields');
    expect(err.fields).toEqual({ new_password: 'too short' });
    expect(err.field('new_password')).toBe('too short');
    expect(err.retryAfter).toBeNull();
  });

  it('keeps the server code for 401 on bad credentials', () => {
    const err = parseApiError(401, '{"error":{"code":"unauthenticated","message":"wrong email or password"}}');
    expect(err.code).toBe('unauthenticated');
    expect(err.message).toBe('wrong email or password');
    expect(err.fields).toEqual({});
  });

  it('reads Retry-After seconds on 429', () => {
    const err = parseApiError(429, '{"error":{"code":"rate_limited","message":"slow down"}}', '37');
    expect(err.code).toBe('rate_limited');
    expect(err.retryAfter).toBe(37);
  });

  it('falls back to the status when the body is not JSON (a proxy error page)', () => {
    const err = parseApiError(502, '<html><body>Bad Gateway</body></html>');
    expect(err.status).toBe(502);
    expect(err.code).toBe('unavailable');
    expect(err.message).toMatch(/not reachable/);
  });

  it('falls back on an empty body and on an unknown status', () => {
    expect(parseApiError(403, '').code).toBe('forbidden');
    const odd = parseApiError(418, '');
    expect(odd.code).toBe('http_418');
    expect(odd.message).toContain('418');
  });

  it('ignores malformed parts of an error body instead of trusting them', () => {
    const err = parseApiError(
      422,
      JSON.stringify({ error: { code: 42, message: '', fields: { name: 'required', tags: ['x'], n: 1 } } }),
    );
    expect(err.code).toBe('validation_failed');
    expect(err.message).toBe('Some fields need attention.');
    expect(err.fields).toEqual({ name: 'required' });
  });

  it('treats a JSON body without an error object as no details', () => {
    expect(parseApiError(500, '{"message":"boom"}').code).toBe('internal');
    expect(parseApiError(500, '[1,2]').code).toBe('internal');
    expect(parseApiError(500, 'null').code).toBe('internal');
  });
});

describe('parseRetryAfter', () => {
  const now = new Date('2026-11-26T12:00:00Z');
  it('reads delay-seconds', () => {
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter(' 120 ', now)).toBe(120);
  });
  it('reads an HTTP-date relative to now', () => {
    expect(parseRetryAfter('Thu, 26 Nov 2026 12:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter('Thu, 26 Nov 2026 11:00:00 GMT', now)).toBe(0);
  });
  it('returns null for absent or unreadable values', () => {
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('', now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('-5', now)).toBeNull();
  });
});

describe('apiRequest', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  function stubFetch(response: Response) {
    const fetchMock = vi.fn<typeof fetch>().mockResolvedValue(response);
    vi.stubGlobal('fetch', fetchMock);
    return fetchMock;
  }

  it('sends the CSRF header and same-origin credentials on a read', async () => {
    const fetchMock = stubFetch(new Response('{"id":1}', { status: 200 }));
    await expect(apiRequest<{ id: number }>('/auth/me')).resolves.toEqual({ id: 1 });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/v1/auth/me');
    expect(init?.credentials).toBe('same-origin');
    expect(init?.method).toBe('GET');
    const headers = new Headers(init?.headers);
    expect(headers.get('X-Requested-With')).toBe('qualtrack');
    expect(headers.get('Content-Type')).toBeNull();
    expect(init?.body).toBeUndefined();
  });

  it('sends JSON with the CSRF header on a write and returns undefined for 204', async () => {
    const fetchMock = stubFetch(new Response(null, { status: 204 }));
    await expect(
      apiRequest<void>('/auth/password', { method: 'POST', body: { current_password: 'a', new_password: 'b' } }),
    ).resolves.toBeUndefined();
    const [, init] = fetchMock.mock.calls[0]!;
    const headers = new Headers(init?.headers);
    expect(headers.get('X-Requested-With')).toBe('qualtrack');
    expect(headers.get('Content-Type')).toBe('application/json');
    expect(init?.credentials).toBe('same-origin');
    expect(JSON.parse(String(init?.body))).toEqual({ current_password: 'a', new_password: 'b' });
  });

  it('throws a typed ApiError with Retry-After on 429', async () => {
    stubFetch(
      new Response('{"error":{"code":"rate_limited","message":"too many"}}', {
        status: 429,
        headers: { 'Retry-After': '12', 'Content-Type': 'application/json' },
      }),
    );
    const err = await apiRequest('/auth/login', { method: 'POST', body: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 429, code: 'rate_limited', retryAfter: 12 });
  });

  it('turns a network failure into ApiError status 0', async () => {
    vi.stubGlobal('fetch', vi.fn<typeof fetch>().mockRejectedValue(new TypeError('Failed to fetch')));
    await expect(apiRequest('/auth/me')).rejects.toMatchObject({ status: 0, code: 'network' });
  });

  it('rethrows an abort unchanged so TanStack Query can cancel', async () => {
    const abort = new DOMException('aborted', 'AbortError');
    vi.stubGlobal('fetch', vi.fn<typeof fetch>().mockRejectedValue(abort));
    await expect(apiRequest('/auth/me')).rejects.toBe(abort);
  });

  it('reports a 200 that is not JSON', async () => {
    stubFetch(new Response('<html>index</html>', { status: 200 }));
    await expect(apiRequest('/auth/me')).rejects.toMatchObject({ code: 'bad_response' });
  });
});

describe('fetchMe', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('returns null when there is no session', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn<typeof fetch>().mockResolvedValue(
        new Response('{"error":{"code":"unauthenticated","message":"sign in"}}', { status: 401 }),
      ),
    );
    await expect(fetchMe()).resolves.toBeNull();
  });

  it('still throws other failures', async () => {
    vi.stubGlobal('fetch', vi.fn<typeof fetch>().mockResolvedValue(new Response('', { status: 500 })));
    await expect(fetchMe()).rejects.toMatchObject({ status: 500, code: 'internal' });
  });
});
