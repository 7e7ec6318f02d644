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

/** Resolves true once the app shell is kept on the device (the worker is active), false if it cannot be. */
export async function appShellReady(timeoutMs = 10_000): Promise<boolean> {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return false;
  const ready = navigator.serviceWorker.ready.then(() => true);
  const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs));
  return Promise.race([ready, timeout]);
}
