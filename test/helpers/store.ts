/**
 * Stores for tests, on the engine under test: the embedded engine (`npm test`), or Neo4j when
 * SAMVERKAN_TEST_ENGINE=neo4j (`npm run test:neo4j`). Every test that touches the store opens it
 * here, so the same test runs on both engines.
 *
 * - `tempStore()`: an empty store with the schema applied (the raw engine and its cleanup).
 * - `emptyStore()`: the same as a GraphStore (repositories, projections).
 * - `seededStore()`: a GraphStore holding the Stockholm seed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { EmbeddedEngine } from '../../graph/engines/embedded.js';
import { applySchema } from '../../graph/schema/apply.js';
import type { EngineOptions, GraphEngine } from '../../graph/engines/port.js';
import { storeOver, type GraphStore, type StoreOptions } from '../../graph/store.js';
import { seedStore } from '../../seeds/load/seed.js';
import { takeNeo4jDatabase, neo4jTestConfig } from '../../tools/neo4j/test-database.js';
import { seedTemplateDir } from './seed-template.js';
import { meta } from '../../graph/cypher/statements/meta.js';

export type TestEngineKind = 'embedded' | 'neo4j';

/** The engine this run tests. */
export const TEST_ENGINE: TestEngineKind = process.env['SAMVERKAN_TEST_ENGINE'] === 'neo4j' ? 'neo4j' : 'embedded';

export interface TempStore {
  engine: GraphEngine;
  kind: TestEngineKind;
  /** The embedded store's directory (null on Neo4j). */
  dir: string | null;
  /** The Neo4j database's Bolt URI (null on the embedded engine). */
  uri: string | null;
  cleanup(): Promise<void>;
}

export interface TempStoreOptions extends EngineOptions {
  /** Start from a copy of the seeded Stockholm store (embedded) or seed it (Neo4j). */
  seeded?: boolean;
}

/** Records that the current test file touched the store, for the per-engine counts CI prints. */
function recordTouch(kind: TestEngineKind): void {
  const file = process.env['SAMVERKAN_STORE_TOUCH_LOG'];
  // In a suite's hooks vitest may not say which file runs: the call stack does.
  const testPath = expect.getState().testPath ?? /\(?((?:\/[^\s():]+)+\.test\.ts)/.exec(new Error().stack ?? '')?.[1];
  if (!file || !testPath) return;
  fs.appendFileSync(file, `${kind}\t${path.relative(process.cwd(), testPath)}\n`);
}

/** An empty store (or the seeded one) with the schema applied. */
export async function tempStore(options: TempStoreOptions = {}): Promise<TempStore> {
  const { seeded = false, ...engineOptions } = options;
  recordTouch(TEST_ENGINE);
  if (TEST_ENGINE === 'neo4j') {
    const config = neo4jTestConfig();
    const db = await takeNeo4jDatabase(config);
    const { Neo4jEngine } = await import('../../graph/engines/neo4j.js');
    let engine: GraphEngine;
    try {
      engine = await Neo4jEngine.open({ uri: db.uri, user: config.user, password: config.password, ...engineOptions });
      await applySchema(engine);
      if (seeded) await seedStore(engine);
    } catch (error) {
      db.release();
      throw error;
    }
    return {
      engine,
      kind: 'neo4j',
      dir: null,
      uri: db.uri,
      async cleanup() {
        await engine.close();
        db.release();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samverkan-test-'));
  if (seeded) fs.cpSync(await seedTemplateDir(), dir, { recursive: true });
  const engine = await EmbeddedEngine.open({ dataDir: dir, bufferPoolBytes: 256 * 1024 ** 2, ...engineOptions });
  // The template was made by applySchema under this very schema (its name derives from it).
  if (!seeded) await applySchema(engine);
  return {
    engine,
    kind: 'embedded',
    dir,
    uri: null,
    async cleanup() {
      await engine.discard();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface TestStore {
  temp: TempStore;
  store: GraphStore;
  close(): Promise<void>;
}

const SCHEMA = { from: 1, to: 1, columnsAdded: [] } as const;

async function wrapped(temp: TempStore, options: StoreOptions): Promise<TestStore> {
  const store = storeOver(temp.engine, { ...SCHEMA, columnsAdded: [] }, options);
  return {
    temp,
    store,
    async close() {
      store.projections.close();
      await store.readModel?.close();
      await temp.cleanup();
    },
  };
}

/** An empty GraphStore on the engine under test. */
export async function emptyStore(options: StoreOptions & EngineOptions = {}): Promise<TestStore> {
  const { projectionDebounceMs, readModel, ...engineOptions } = options;
  return wrapped(await tempStore(engineOptions), { ...(projectionDebounceMs !== undefined ? { projectionDebounceMs } : {}), ...(readModel !== undefined ? { readModel } : {}) });
}

/** A GraphStore holding the Stockholm seed, on the engine under test. */
export async function seededStore(options: StoreOptions & EngineOptions = {}): Promise<TestStore> {
  const { projectionDebounceMs, readModel, ...engineOptions } = options;
  return wrapped(await tempStore({ ...engineOptions, seeded: true }), {
    ...(projectionDebounceMs !== undefined ? { projectionDebounceMs } : {}),
    ...(readModel !== undefined ? { readModel } : {}),
  });
}

/** How many nodes and how many relationships the store holds, read in one transaction (to show a refused write left it as it was). */
export async function graphSize(engine: GraphEngine): Promise<[number, number]> {
  return engine.read(async (tx) => [(await tx.run(meta.countNodes, {}))[0]!.n, (await tx.run(meta.countRelationships, {}))[0]!.n]);
}
