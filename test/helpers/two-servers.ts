/**
 * Two app servers' stores on one Neo4j database (the tests of what crosses between servers: the
 * change feed, a consistent backup). Neo4j only: the embedded engine has one process per store.
 */
import { afterAll, beforeAll } from 'vitest';
import { tempStore, type TempStore } from './store.js';
import { whenStarted } from './when-started.js';
import { Neo4jEngine } from '../../graph/engines/neo4j.js';
import { applySchema } from '../../graph/schema/apply.js';
import { storeOver, type GraphStore, type StoreOptions } from '../../graph/store.js';

/**
 * For the enclosing `describe`: the seeded test database, opened before its tests by two engines,
 * each with its own store (`prepare` readies one, e.g. warms its read model); all closed after.
 */
export function twoServersForSuite(options: StoreOptions = {}, prepare: (store: GraphStore) => Promise<void> = async () => {}): { a: GraphStore; b: GraphStore } {
  let temp: TempStore | undefined;
  let a: GraphStore | undefined;
  let b: GraphStore | undefined;
  beforeAll(async () => {
    temp = await tempStore({ seeded: true });
    const open = async () => {
      const engine = await Neo4jEngine.open({ uri: temp!.uri!, user: 'neo4j', password: '' });
      const store = storeOver(engine, await applySchema(engine), options);
      await prepare(store);
      return store;
    };
    [a, b] = [await open(), await open()];
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await temp?.cleanup();
  });
  return { a: whenStarted(() => a), b: whenStarted(() => b) };
}
