import { defineConfig } from 'vitest/config';

// Unit tests only: the browser tests in e2e/ run under `node --test` (npm run e2e).
export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}'],
    exclude: ['e2e/**', 'node_modules/**', 'dist/**'],
    environment: 'node',
  },
});
