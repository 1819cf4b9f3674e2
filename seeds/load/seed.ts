/**
 * Idempotent seeding: loads the seed facts the store does not hold yet, in one transaction, by
 * the bulk path. What the store already holds is left as it is, so running it twice changes
 * nothing and a person's edits are never overwritten by the seed (they are counted as kept).
 */
import type { GraphEngine } from '../../graph/engines/port.js';
import type { GraphBatch } from '../../graph/bulk/batch.js';
import { batchCounts } from '../../graph/bulk/batch.js';
import { missingFromStore } from '../../graph/bulk/missing.js';
import { buildSeedBatch } from './build-batch.js';
import { organisationLists } from '../../graph/cypher/statements/organisation-lists.js';

export interface SeedReport {
  nodesAdded: number;
  relationshipsAdded: number;
  nodesPresent: number;
  relationshipsPresent: number;
  /** Seed facts the store holds as a person's entry: the person's version wins. */
  keptEntered: number;
  ms: number;
}

export async function seedStore(engine: GraphEngine, batch: GraphBatch = buildSeedBatch()): Promise<SeedReport> {
  const started = performance.now();
  const { missing, nodesPresent, relationshipsPresent, keptEntered } = await missingFromStore(engine, batch);
  const { nodes, relationships } = batchCounts(missing);
  if (nodes + relationships > 0) await engine.bulkLoad(missing);
  return { nodesAdded: nodes, relationshipsAdded: relationships, nodesPresent, relationshipsPresent, keptEntered, ms: performance.now() - started };
}

/** What `npm start` does: seed a store that holds no organisations yet, leave any other alone. */
export async function seedIfEmpty(engine: GraphEngine): Promise<SeedReport | null> {
  const [row] = await engine.read((tx) => tx.run(organisationLists.count['all']!, { text: '', bySynthetic: false, synthetic: false }));
  if ((row?.n ?? 0) > 0) return null;
  return seedStore(engine);
}
