import { defineConfig } from 'vitest/config';

// Unit and component tests (files that start with `// @vitest-environment jsdom`
// render components with src/test/render.tsx against a fake API); the browser
// tests in e2e/ run under @playwright/test (npm run e2e).
export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}'],
    exclude: ['e2e/**', 'node_modules/**', 'dist/**'],
    environment: 'node',
  },
});
