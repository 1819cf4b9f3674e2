/**
 * `npm run test:neo4j`: the test suite on Neo4j. Every test that opens a store through the test
 * harness (test/helpers/store.ts) gets a Neo4j database; see vitest.config.ts for what is left out.
 *
 * With NEO4J_URI set, the databases are NEO4J_TEST_DATABASES (default 1) DBMSs on consecutive
 * Bolt ports from NEO4J_URI's (Community has one user database per DBMS); each must be empty or
 * marked as a test database, or the tests refuse to touch it. Without NEO4J_URI, a Neo4j of four
 * DBMSs is started for the run (Java 17 and Maven needed) and stopped afterwards.
 * Extra arguments go to vitest.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePorts, launchNeo4j, type RunningNeo4j } from './launch.js';

const args = process.argv.slice(2);
let started: RunningNeo4j | null = null;
let home: string | null = null;
let uri = process.env['NEO4J_URI'];
let databases = Number(process.env['NEO4J_TEST_DATABASES'] ?? '1');

if (!uri) {
  databases = 4;
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'samverkan-neo4j-test-'));
  const port = await freePorts(databases);
  console.log(`starting Neo4j (${databases} databases from port ${port}) for the tests…`);
  started = await launchNeo4j({ home, instances: databases, port, heap: '3g', pageCache: '128m' });
  uri = started.uri;
}

// Two stores at once per worker where there are enough databases (a backup's source and its restore target).
const workers = Math.max(1, Math.min(2, Math.floor(databases / 2)));
const perWorker = Math.max(1, Math.floor(databases / workers));
console.log(`Neo4j tests on ${uri}: ${workers} worker(s), ${perWorker} database(s) each`);

const code = await new Promise<number>((resolve) => {
  const child = spawn('npx', ['vitest', 'run', `--maxWorkers=${workers}`, ...args], {
    stdio: 'inherit',
    env: { ...process.env, SAMVERKAN_TEST_ENGINE: 'neo4j', NEO4J_URI: uri, NEO4J_TEST_DATABASES_PER_WORKER: String(perWorker) },
  });
  child.once('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0)));
});

if (started) await started.stop();
if (home) fs.rmSync(home, { recursive: true, force: true });
process.exit(code);
