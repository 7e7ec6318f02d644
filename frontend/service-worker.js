// qualtrack's service worker: keeps the app shell (index.html, the built
// scripts and styles, icons) so the web app opens without a network, for
// inspection mode on a factory floor. It never touches /api: records live
// in IndexedDB, written by the app itself. Built into dist/app/sw.js by
// vite.config.ts, which fills in the file list and the release.
const RELEASE = '__RELEASE__';
const PRECACHE = __PRECACHE__;
const CACHE = `qualtrack-shell-${RELEASE}`;
// A page load waits this long for the network before the kept copy is used.
const NAVIGATION_TIMEOUT_MS = 4000;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('qualtrack-shell-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

// A page that loaded while this worker was being installed stays outside
// it (its scripts loaded later would not come from the kept copy); the app
// asks for it when it prepares for offline use.
self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'claim') event.waitUntil(self.clients.claim());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/') || url.pathname === '/healthz' || url.pathname === '/readyz') return;
  if (request.mode === 'navigate') {
    event.respondWith(navigation(request));
    return;
  }
  // Hashed assets and icons: the kept copy, else the network.
  event.respondWith(caches.match(request).then((hit) => hit || fetch(request)));
});

// Pages: the network first (a new release, the server's headers), the kept
// index.html when there is none; every client-side route is index.html.
async function navigation(request) {
  try {
    const response = await Promise.race([
      fetch(request),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), NAVIGATION_TIMEOUT_MS)),
    ]);
    return response;
  } catch {
    const cache = await caches.open(CACHE);
    const shell = await cache.match('/');
    return shell || Response.error();
  }
}
