/**
 * Registers the service worker that keeps the app shell for offline use.
 * Only in a production build (the dev server has no sw.js) and in a secure
 * context (https, or http://127.0.0.1 / localhost).
 */
export function registerServiceWorker() {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator) || !window.isSecureContext) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => {
      // Without it the app still works online; inspection mode says so when offline.
    });
  });
}

/**
 * Resolves true once the app shell is kept on the device (the worker is
 * active) and the worker serves this page, false if it cannot be. A page
 * that loaded while the worker was still installing is outside it until the
 * worker claims it: the page asks, so that the scripts it loads later (the
 * inspection mode's) come from the kept copy when the network is gone.
 */
export async function appShellReady(timeoutMs = 10_000): Promise<boolean> {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return false;
  const sw = navigator.serviceWorker;
  const controlled = sw.ready.then(async (registration) => {
    if (sw.controller) return true;
    const changed = new Promise<true>((resolve) => sw.addEventListener('controllerchange', () => resolve(true), { once: true }));
    registration.active?.postMessage({ type: 'claim' });
    return changed;
  });
  const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs));
  return Promise.race([controlled, timeout]);
}
