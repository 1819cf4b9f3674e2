import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Two projects: `unit` (everything on the embedded engine, run by `npm test`) and `contract`
// (the engine-parametrised contract suite; `npm run test:neo4j` runs it against NEO4J_URI).
export default defineConfig({
  // One graphql instance, as under Node: vite would resolve `graphql` to its ESM build for our
  // sources while Apollo and graphql-query-complexity load the CommonJS one, and graphql refuses
  // types from "another module or realm".
  resolve: { alias: [{ find: /^graphql$/, replacement: fileURLToPath(new URL('node_modules/graphql/index.js', import.meta.url)) }] },
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // LadybugDB opens one store per test file; two cores, so keep files in parallel modestly.
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/contract/**'] } },
      { extends: true, test: { name: 'contract', include: ['test/contract/**/*.test.ts'] } },
    ],
  },
});
