import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// `npm run dev` proxies the API to a qualtrack server; QUALTRACK_DEV_API points it elsewhere.
const api = process.env.QUALTRACK_DEV_API ?? 'http://127.0.0.1:8080';

// The Go binary embeds frontend/dist (see embed.go). Vite owns only dist/app,
// so emptyOutDir cleans that folder and never the tracked dist/.gitkeep.
export default defineConfig({
  base: '/',
  plugins: [react()],
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
