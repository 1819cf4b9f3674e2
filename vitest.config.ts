import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Projects: `unit` (everything on the embedded engine, run by `npm test`), `contract` (the
// engine-parametrised contract suite; `npm run test:neo4j` runs it against NEO4J_URI) and `web`
// (browser tests of the web app).
export default defineConfig({
  // One graphql instance, as under Node: vite would resolve `graphql` to its ESM build for our
  // sources while Apollo and graphql-query-complexity load the CommonJS one, and graphql refuses
  // types from "another module or realm".
  // `$lib/…` as SvelteKit resolves it, for unit tests of the web app's plain modules (test/weblib/).
  resolve: {
    alias: [
      { find: /^graphql$/, replacement: fileURLToPath(new URL('node_modules/graphql/index.js', import.meta.url)) },
      { find: /^\$lib\/(.*)$/, replacement: `${fileURLToPath(new URL('web/src/lib/', import.meta.url))}$1` },
    ],
  },
  test: {
    // Generous: the suite shares two cores with builds and other suites; a timeout here means a hang.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // LadybugDB opens one store per test file; two cores, so keep files in parallel modestly.
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/contract/**', 'test/web/**'] } },
      { extends: true, test: { name: 'contract', include: ['test/contract/**/*.test.ts'] } },
      // Browser tests: the built web app in Debian's Chromium (global setup builds it when stale); they run
      // after the other projects so Chromium does not compete for the two cores with the engine tests.
      { extends: true, test: { name: 'web', include: ['test/web/**/*.test.ts'], globalSetup: ['test/web/helpers/global-setup.ts'], env: { LOG_LEVEL: 'warn' }, testTimeout: 240_000, sequence: { groupOrder: 1 } } },
    ],
  },
});
