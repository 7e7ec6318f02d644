// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appShellReady } from './serviceWorker';

/** A navigator.serviceWorker whose active worker claims the page when asked (or never, when deaf). */
function fakeWorkerContainer({ controlled, deaf = false }: { controlled: boolean; deaf?: boolean }) {
  const listeners: Array<() => void> = [];
  const posted: unknown[] = [];
  const container = {
    controller: controlled ? {} : null,
    addEventListener: (type: string, fn: () => void) => {
      if (type === 'controllerchange') listeners.push(fn);
    },
    ready: Promise.resolve({
      active: {
        postMessage: (message: unknown) => {
          posted.push(message);
          if (deaf) return;
          container.controller = {};
          setTimeout(() => listeners.forEach((fn) => fn()), 0);
        },
      },
    }),
  };
  Object.defineProperty(navigator, 'serviceWorker', { value: container, configurable: true });
  vi.stubGlobal('isSecureContext', true);
  return { posted };
}

afterEach(() => {
  vi.unstubAllGlobals();
  Reflect.deleteProperty(navigator, 'serviceWorker');
});

describe('appShellReady', () => {
  it('is ready at once on a page the worker already serves', async () => {
    const { posted } = fakeWorkerContainer({ controlled: true });
    expect(await appShellReady(1_000)).toBe(true);
    expect(posted).toEqual([]);
  });

  it('asks the worker to claim a page that loaded while it was installing, and is ready once it serves it', async () => {
    const { posted } = fakeWorkerContainer({ controlled: false });
    expect(await appShellReady(1_000)).toBe(true);
    expect(posted).toEqual([{ type: 'claim' }]);
    expect(navigator.serviceWorker.controller).not.toBeNull();
  });

  it('is not ready while the worker does not serve the page', async () => {
    fakeWorkerContainer({ controlled: false, deaf: true });
    expect(await appShellReady(50)).toBe(false);
  });
});
