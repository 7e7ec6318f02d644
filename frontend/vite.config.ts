import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Emits sw.js from service-worker.js with the list of files of this build
 * (every emitted chunk and asset, the public files, "/") and a release id
 * from their names, so a new build installs a new cache and drops the old.
 */
function serviceWorker(): Plugin {
  const publicFiles = ['/favicon.svg', '/manifest.webmanifest', '/icons/icon-192.png', '/icons/icon-512.png', '/icons/icon-maskable-512.png', '/icons/apple-touch-icon.png'];
  return {
    name: 'qualtrack-service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle)
        .filter((f) => f !== 'index.html' && !f.endsWith('.map'))
        .map((f) => '/' + f);
      const precache = ['/', ...publicFiles, ...files.sort()];
      const release = createHash('sha256').update(precache.join('\n')).digest('hex').slice(0, 12);
      const source = readFileSync(new URL('./service-worker.js', import.meta.url), 'utf8')
        .replace("'__RELEASE__'", JSON.stringify(release))
        .replace('__PRECACHE__', JSON.stringify(precache));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}

// `npm run dev` proxies the API to a qualtrack server; QUALTRACK_DEV_API points it elsewhere.
const api = process.env.QUALTRACK_DEV_API ?? 'http://127.0.0.1:8080';

// The Go binary embeds frontend/dist (see embed.go). Vite owns only dist/app,
// so emptyOutDir cleans that folder and never the tracked dist/.gitkeep.
export default defineConfig({
  base: '/',
  plugins: [react(), serviceWorker()],
  build: {
    outDir: 'dist/app',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 600,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: {
      '/api': { target: api, changeOrigin: false },
    },
  },
  preview: {
    host: '127.0.0.1',
    port: 4173,
    proxy: {
      '/api': { target: api, changeOrigin: false },
    },
  },
});
