import { defineConfig } from 'vitest/config';

// Unit and component tests (files that start with `// @vitest-environment jsdom`
// render components with src/test/render.tsx against a fake API); the browser
// tests in e2e/ run under @playwright/test (npm run e2e).
//
// Most files share their worker's modules (isolate: false): importing React,
// Mantine and the app again for each of some fifty files took three times as
// long as the tests themselves. A file that replaces a module with vi.mock
// must not leak its stand-in into the others: name it *.isolated.test.ts and
// it runs with modules of its own. Globals a test stubs (fetch, XMLHttpRequest)
// are put back after every test (unstubGlobals).
const shared = ['src/**/*.test.{ts,tsx}'];
const isolated = ['src/**/*.isolated.test.{ts,tsx}'];
const never = ['e2e/**', 'node_modules/**', 'dist/**'];

export default defineConfig({
  test: {
    environment: 'node',
    unstubGlobals: true,
    projects: [
      { extends: true, test: { name: 'shared', include: shared, exclude: [...never, ...isolated], isolate: false } },
      { extends: true, test: { name: 'isolated', include: isolated, exclude: never } },
    ],
  },
});
