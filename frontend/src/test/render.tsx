// Renders a component as the app does (Mantine, React Query, a router, the
// signed-in user) against a fake API, for component tests under jsdom.
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { createMemoryRouter, RouterProvider, useLocation } from 'react-router-dom';
import { vi } from 'vitest';
import type { Me } from '../api';
import { CurrentUserProvider } from '../components/CurrentUser';
import { theme } from '../theme';

/** jsdom lacks what Mantine measures with; these stand in for it. */
export function installBrowserStubs(): void {
  if (!window.matchMedia) {
    window.matchMedia = (query: string) =>
      ({
        matches: false,
        media: query,
        onchange: null,
        addListener: () => {},
        removeListener: () => {},
        addEventListener: () => {},
        removeEventListener: () => {},
        dispatchEvent: () => false,
      }) as MediaQueryList;
  }
  if (!('ResizeObserver' in window)) {
    class ResizeObserverStub {
      observe() {}
      unobserve() {}
      disconnect() {}
    }
    Object.assign(window, { ResizeObserver: ResizeObserverStub });
  }
  Element.prototype.scrollIntoView ??= () => {};
}

/** One request the fake API received. */
export interface Call {
  method: string;
  path: string;
  body: unknown;
}

type Reply = { status: number; body?: unknown };
type Handler = (call: Call) => Reply | undefined;

/**
 * A fake qualtrack API on fetch: each handler answers the calls it knows
 * (return undefined to pass); anything unanswered is a 404 in the contract's
 * shape, so a test sees a request it did not expect. Every call is kept.
 */
export function fakeApi(...handlers: Handler[]): { calls: Call[] } {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://qualtrack.test');
    const call: Call = {
      method: init?.method ?? 'GET',
      path: url.pathname.replace(/^\/api\/v1/, '') + url.search,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(call);
    for (const h of handlers) {
      const reply = h(call);
      if (reply) {
        return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), {
          status: reply.status,
          headers: { 'Content-Type': 'application/json' },
        });
      }
    }
    return new Response(JSON.stringify({ error: { code: 'not_found', message: `no fake for ${call.method} ${call.path}` } }), {
      status: 404,
      headers: { 'Content-Type': 'application/json' },
    });
  });
  return { calls };
}

/** Answers `method path` (path without /api/v1, query included) with body. */
export function on(method: string, path: string, status: number, body?: unknown): Handler {
  return (call) => (call.method === method && call.path === path ? { status, body } : undefined);
}

export const manager: Me = {
  id: 7,
  version: 1,
  email: 'mira.manager@example.com',
  name: 'Mira Manager',
  role: 'manager',
  active: true,
  access_expires_at: null,
  last_login_at: null,
  totp_enabled: false,
  totp_enrolment_required: false,
  created_at: '2026-01-05T09:00:00Z',
  updated_at: '2026-01-05T09:00:00Z',
} as unknown as Me;

/** What a test sees after the app navigated away from the component under test. */
function Elsewhere() {
  const location = useLocation();
  return <p data-testid="elsewhere">{location.pathname + location.search}</p>;
}

/**
 * Renders ui signed in as user, in a data router (as the app's, so
 * navigation guards work) at path; ui answers the route pattern route
 * (default: path itself), and any other path shows where the app went.
 */
export function renderAsApp(
  ui: ReactElement,
  { user = manager, path = '/', route }: { user?: Me; path?: string; route?: string } = {},
): RenderResult {
  installBrowserStubs();
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const router = createMemoryRouter(
    [
      { path: route ?? path.split('?')[0]!, element: ui },
      { path: '*', element: <Elsewhere /> },
    ],
    { initialEntries: [path] },
  );
  return render(
    <MantineProvider theme={theme} env="test">
      <QueryClientProvider client={client}>
        <CurrentUserProvider value={user}>
          <RouterProvider router={router} />
        </CurrentUserProvider>
      </QueryClientProvider>
    </MantineProvider>,
  );
}

/** One upload the fake XMLHttpRequest received: where, and the file sent. */
export interface Upload {
  path: string;
  file: File | null;
}

/**
 * A fake XMLHttpRequest for uploads: each send answers with status and
 * body (JSON), after reporting the whole file as sent; status 0 is a
 * network failure. Every upload is kept.
 */
export function fakeUploads(status: number, body: unknown = null): { uploads: Upload[] } {
  const uploads: Upload[] = [];
  class FakeXHR {
    status = 0;
    responseText = '';
    withCredentials = false;
    upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null };
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    onabort: (() => void) | null = null;
    private path = '';
    open(_method: string, url: string) {
      this.path = url.replace(/^\/api\/v1/, '');
    }
    setRequestHeader() {}
    getResponseHeader() {
      return null;
    }
    abort() {
      this.onabort?.();
    }
    send(form: FormData) {
      const file = form.get('file');
      uploads.push({ path: this.path, file: file instanceof File ? file : null });
      setTimeout(() => {
        if (status === 0) {
          this.onerror?.();
          return;
        }
        this.upload.onprogress?.({ lengthComputable: true, loaded: 1, total: 1 });
        this.status = status;
        this.responseText = JSON.stringify(body);
        this.onload?.();
      }, 0);
    }
  }
  vi.stubGlobal('XMLHttpRequest', FakeXHR);
  return { uploads };
}
