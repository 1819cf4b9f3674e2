/**
 * The same queries give the same organisations on both engines: Neo4j's full-text indexes and the
 * embedded engine's in-memory index, over the same seeded graph. Runs under `npm run test:neo4j`
 * (the engine under test is Neo4j; the embedded store is opened beside it for comparison).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededStore, type TestStore } from '../helpers/store.js';
import { EmbeddedEngine } from '../../graph/engines/embedded.js';
import { applySchema } from '../../graph/schema/apply.js';
import { storeOver, type GraphStore } from '../../graph/store.js';
import { seedStore } from '../../seeds/load/seed.js';
import { judgedQueries } from '../../bench/search/eval.js';

describe('search on Neo4j and on the embedded engine', () => {
  let neo4j: TestStore;
  let embedded: GraphStore;
  let dir: string;
  beforeAll(async () => {
    neo4j = await seededStore();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samverkan-agree-'));
    const engine = await EmbeddedEngine.open({ dataDir: dir, bufferPoolBytes: 256 * 1024 ** 2 });
    embedded = storeOver(engine, await applySchema(engine));
    await seedStore(embedded.engine);
  });
  afterAll(async () => {
    await neo4j?.close();
    embedded?.projections.close();
    await embedded?.engine.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('find the same relevant organisations for every judged query, and mostly the same top ten', async () => {
    expect(neo4j.store.engine.kind).toBe('neo4j');
    const differences: string[] = [];
    let overlap = 0;
    const queries = judgedQueries();
    for (const { q, relevant } of queries) {
      const [a, b] = await Promise.all([neo4j.store, embedded].map(async (s) => (await s.organisations.list({ text: q }, { first: 10 })).nodes.map((o) => o.id)));
      const rel = new Set(relevant);
      const foundA = a!.filter((id) => rel.has(id)).sort();
      const foundB = b!.filter((id) => rel.has(id)).sort();
      if (JSON.stringify(foundA) !== JSON.stringify(foundB)) differences.push(`${q}: neo4j ${foundA.join(',')} / embedded ${foundB.join(',')}`);
      const union = new Set([...a!, ...b!]);
      overlap += union.size ? a!.filter((id) => b!.includes(id)).length / union.size : 1;
    }
    console.log(`top-ten overlap (Jaccard) between the engines: ${(overlap / queries.length).toFixed(3)} over ${queries.length} queries`);
    expect(differences).toEqual([]);
    expect(overlap / queries.length).toBeGreaterThanOrEqual(0.8);
  });
});
