import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Projects: `unit` (engine, repositories, API over HTTP, io, analytics, seeds), `slow` (the Neo4j
 * lint of every statement, kills of the embedded engine, the 10,000-row import: `*.slow.test.ts`),
 * `web` (browser tests of the web app); `npm test` runs these three on the embedded engine. Suites
 * of their own: `hostile` (test/hostile: hostile requests with the server's /healthz watched,
 * `npm run test:hostile`) and `cluster` (`npm run test:cluster`).
 *
 * `npm run test:neo4j` (SAMVERKAN_TEST_ENGINE=neo4j) runs the same projects on Neo4j: every test
 * that opens a store through test/helpers gets a Neo4j database instead. Left out there are the
 * files that cannot open a store (storeTestFiles), the tests of the embedded engine itself
 * (EMBEDDED_ONLY) and browser tests beyond the core journeys (WEB_ON_NEO4J), which exercise the
 * web app rather than the store.
 */
const ON_NEO4J = process.env['SAMVERKAN_TEST_ENGINE'] === 'neo4j';
/** `npm run test:cluster` asks for the cluster suite (several app servers and nginx); nothing else runs it. */
const SUITE = process.env['SAMVERKAN_TEST_SUITE'];

/** Tests of the embedded engine's own machinery, with no Neo4j counterpart. */
const EMBEDDED_ONLY = [
  // SIGKILL of a process holding a LadybugDB store (the Neo4j counterpart is the restore kill test).
  'test/graph/durability.slow.test.ts',
  // Pure: the linter needs no engine, and runs once.
  'test/graph/cypher-lint.slow.test.ts',
];

/** Tests of Neo4j's own machinery (batched, journaled loads), with no embedded counterpart. */
const NEO4J_ONLY = ['test/io/restore-kill.slow.test.ts', 'test/graph/neo4j-engine.test.ts', 'test/search/engines-agree.test.ts', 'test/graph/feed.test.ts', 'test/graph/startup.test.ts', 'test/io/backup-servers.test.ts'];

/**
 * On Neo4j, only the test files that can open a store: those that reach the harness's store
 * (test/helpers/store.ts) through their imports. The others never touch an engine and would run
 * exactly as they did on the embedded one.
 */
function storeTestFiles(root = 'test'): string[] {
  const target = path.resolve(root, 'helpers/store.ts');
  const seen = new Map<string, boolean>();
  const reaches = (file: string): boolean => {
    const known = seen.get(file);
    if (known !== undefined) return known;
    seen.set(file, false);
    const text = fs.readFileSync(file, 'utf8');
    const found = [...text.matchAll(/from '(\.{1,2}\/[^']+)'/g)].some(([, spec]) => {
      const next = path.resolve(path.dirname(file), spec!.replace(/\.js$/, '.ts'));
      return next === target || (next.startsWith(path.resolve(root)) && fs.existsSync(next) && reaches(next));
    });
    seen.set(file, found);
    return found;
  };
  const files = (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.test.ts')).map((f) => path.join(root, f));
  return files.filter((f) => reaches(path.resolve(f))).map((f) => f.split(path.sep).join('/'));
}

/** Computed once: both projects below take their share. */
const STORE_TESTS = ON_NEO4J ? storeTestFiles() : [];

/**
 * Workers of the unit and slow projects on the embedded engine: three on two cores. A worker's
 * main thread waits most of the time (a CPU profile: about 60 %) on LadybugDB's own threads,
 * child processes and timers, and a third worker fills those waits. On Neo4j each worker owns
 * databases of its own, and the browser tests share the cores with Chromium: two there.
 */
const ENGINE_WORKERS = ON_NEO4J ? 2 : 3;

/** The browser journeys that also run on Neo4j: the city officer, the coordinator's network, the coverage map, editing. */
const WEB_ON_NEO4J = ['test/web/explore.test.ts', 'test/web/analytics.test.ts', 'test/web/editing.test.ts', 'test/web/agreement-editing.test.ts'];

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
    // Two cores. On Neo4j each worker owns its own databases (tools/neo4j/test-database.ts).
    maxWorkers: 2,
    projects: SUITE === 'cluster' ? [{ extends: true, test: { name: 'cluster', include: ['test/cluster/**/*.test.ts'], fileParallelism: false, env: { LOG_LEVEL: 'warn' } } }]
      // Hostile and careless requests against a running server with /healthz watched throughout
      // (`npm run test:hostile`): a suite of its own, one file at a time, so the event-loop
      // measurements are not disturbed by another suite in the same process.
      : SUITE === 'hostile' ? [{ extends: true, test: { name: 'hostile', include: ['test/hostile/**/*.test.ts'], fileParallelism: false, env: { LOG_LEVEL: 'warn' } } }]
      : [
      {
        extends: true,
        // Files share their worker's module cache (no per-file re-import of the graph and server
        // modules, which took a third of the project's time). Each file opens its own stores and
        // servers; nothing in test/ stubs modules or leaves the environment changed.
        test: { name: 'unit', maxWorkers: ENGINE_WORKERS, isolate: false, include: ON_NEO4J ? STORE_TESTS : ['test/**/*.test.ts'], exclude: ['test/web/**', 'test/cluster/**', 'test/hostile/**', 'test/**/*.slow.test.ts', ...(ON_NEO4J ? EMBEDDED_ONLY : NEO4J_ONLY)] },
      },
      { extends: true, test: { name: 'slow', maxWorkers: ENGINE_WORKERS, include: ON_NEO4J ? STORE_TESTS.filter((f) => f.endsWith('.slow.test.ts')) : ['test/**/*.slow.test.ts'], exclude: ON_NEO4J ? EMBEDDED_ONLY : NEO4J_ONLY } },
      // Browser tests: the built web app in Debian's Chromium (global setup builds it when stale); they run
      // after the other projects so Chromium does not compete for the two cores with the engine tests.
      {
        extends: true,
        test: {
          name: 'web',
          include: ON_NEO4J ? WEB_ON_NEO4J : ['test/web/**/*.test.ts'],
          globalSetup: ['test/web/helpers/global-setup.ts'],
          env: { LOG_LEVEL: 'warn' },
          testTimeout: 240_000,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
