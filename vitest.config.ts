import { defineConfig } from 'vitest/config';

// Two projects: `unit` (everything on the embedded engine, run by `npm test`) and `contract`
// (the engine-parametrised contract suite; `npm run test:neo4j` runs it against NEO4J_URI).
export default defineConfig({
  test: {
    // Generous: the suite shares two cores with builds and other suites; a timeout here means a hang.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // LadybugDB opens one store per test file; two cores, so keep files in parallel modestly.
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/contract/**'] } },
      { extends: true, test: { name: 'contract', include: ['test/contract/**/*.test.ts'] } },
    ],
  },
});
