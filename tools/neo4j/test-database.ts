/**
 * Neo4j databases for tests and benchmarks. Community has one user database per DBMS, so the test launcher
 * (`.ci/neo4j/Neo4jLauncher.java`) starts several DBMSs on consecutive Bolt ports from
 * NEO4J_URI's, and each vitest worker takes `NEO4J_TEST_DATABASES_PER_WORKER` of them: worker w
 * (VITEST_POOL_ID, from 1) owns ports base + (w-1)·k … base + w·k - 1. A test file may hold that
 * many stores open at once (a backup's source and its restore target, say).
 *
 * The guard: a database is emptied only when it is empty already or carries the test marker (an
 * index of that name, so it survives emptying and adds no node); anything else is refused, so the
 * tests never wipe a database someone uses.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';

export const TEST_MARKER_INDEX = 'samverkan_test_database';

export interface Neo4jTestConfig {
  uris: string[];
  user: string;
  password: string;
}

export function neo4jTestConfig(env: NodeJS.ProcessEnv = process.env): Neo4jTestConfig {
  const base = env['NEO4J_URI'];
  if (!base) throw new Error('the Neo4j tests need NEO4J_URI (npm run test:neo4j starts a Neo4j when it is unset)');
  const perWorker = Number(env['NEO4J_TEST_DATABASES_PER_WORKER'] ?? '1');
  const worker = Number(env['VITEST_POOL_ID'] ?? '1');
  const url = new URL(base);
  const basePort = Number(url.port || '7687');
  const uris: string[] = [];
  for (let i = 0; i < perWorker; i++) {
    const u = new URL(base);
    u.port = String(basePort + (worker - 1) * perWorker + i);
    uris.push(u.toString().replace(/\/$/, ''));
  }
  return { uris, user: env['NEO4J_USER'] ?? 'neo4j', password: env['NEO4J_PASSWORD'] ?? '' };
}

const inUse = new Set<string>();

/**
 * A lock file per database, so that two processes never use one database at once whatever the
 * test runner's worker numbering does (a worker that is still shutting down, say): created by
 * link(2), which fails when it exists, holding the owner's pid; one whose owner has died is taken over.
 */
function lockPath(uri: string): string {
  return path.join(os.tmpdir(), `samverkan-neo4j-test-${new URL(uri).host.replace(/[^\w.-]/g, '_')}.lock`);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

async function lockDatabase(uri: string, waitMs = 180_000): Promise<() => void> {
  const file = lockPath(uri);
  const started = Date.now();
  for (;;) {
    try {
      // Written whole, then linked into place: a reader never sees the lock file without its pid.
      const draft = `${file}.${process.pid}`;
      fs.writeFileSync(draft, String(process.pid));
      try {
        fs.linkSync(draft, file);
      } finally {
        fs.rmSync(draft, { force: true });
      }
      const unlink = () => {
        try {
          if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.unlinkSync(file);
        } catch {
          // Already gone.
        }
      };
      // A worker runs many test files: the exit hook goes with the lock it guards.
      const release = () => {
        process.off('exit', unlink);
        unlink();
      };
      process.once('exit', unlink);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(fs.readFileSync(file, 'utf8') || '0');
      if (owner === process.pid || !owner || !alive(owner)) {
        fs.rmSync(file, { force: true });
        continue;
      }
      if (Date.now() - started > waitMs) throw new Error(`the Neo4j test database ${uri} is held by process ${owner} (${file})`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** Takes a free database of this worker's, guarded and emptied; `release` gives it back. */
export async function takeNeo4jDatabase(config = neo4jTestConfig()): Promise<{ uri: string; release(): void }> {
  const uri = config.uris.find((u) => !inUse.has(u));
  if (!uri) throw new Error(`this test holds more Neo4j stores at once than the ${config.uris.length} a worker has (NEO4J_TEST_DATABASES_PER_WORKER)`);
  inUse.add(uri);
  let unlock: (() => void) | null = null;
  try {
    unlock = await lockDatabase(uri);
    await emptyTestDatabase(uri, config);
  } catch (error) {
    unlock?.();
    inUse.delete(uri);
    throw error;
  }
  return {
    uri,
    release: () => {
      unlock?.();
      inUse.delete(uri);
    },
  };
}

/** Refuses a database that holds data and is not marked for tests; otherwise marks it and empties it. */
export async function emptyTestDatabase(uri: string, config: Pick<Neo4jTestConfig, 'user' | 'password'>): Promise<void> {
  const driver: Driver = neo4j.driver(uri, neo4j.auth.basic(config.user, config.password), { disableLosslessIntegers: true });
  const session = driver.session();
  try {
    const marked = (await session.run('SHOW INDEXES YIELD name WHERE name = $name RETURN count(*) AS n', { name: TEST_MARKER_INDEX })).records[0]!.get('n') as number;
    if (marked === 0) {
      const any = (await session.run('MATCH (n) RETURN count(n) > 0 AS any LIMIT 1')).records[0]!.get('any') as boolean;
      if (any) {
        throw new Error(
          `refusing to run tests against ${uri}: the database holds data and is not marked as a test database (index ${TEST_MARKER_INDEX}). ` +
            'Point NEO4J_URI at an empty database, or at the one `npm run test:neo4j` starts.',
        );
      }
      await session.run(`CREATE INDEX ${TEST_MARKER_INDEX} IF NOT EXISTS FOR (n:SamverkanTestDatabase) ON (n.marker)`);
    }
    await session.run('MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
  } finally {
    await session.close();
    await driver.close();
  }
}
