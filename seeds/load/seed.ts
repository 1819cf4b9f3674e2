/**
 * Idempotent seeding: loads the seed facts the store does not hold yet, in one transaction, by
 * the bulk path. What the store already holds is left as it is, so running it twice changes
 * nothing and a person's edits are never overwritten by the seed (they are counted as kept).
 */
import type { GraphEngine } from '../../graph/engines/port.js';
import type { GraphBatch, RelRow } from '../../graph/bulk/batch.js';
import { batchCounts } from '../../graph/bulk/batch.js';
import { bulkStatements, existingIdsStatement } from '../../graph/bulk/statements.js';
import type { NodeLabel, RelType } from '../../graph/model/model.js';
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

const CHUNK = 5_000;

export async function seedStore(engine: GraphEngine, batch: GraphBatch = buildSeedBatch()): Promise<SeedReport> {
  const started = performance.now();
  const missing: GraphBatch = { nodes: {}, rels: {} };
  let nodesPresent = 0;
  let relationshipsPresent = 0;
  let keptEntered = 0;

  await engine.read(async (tx) => {
    for (const [label, rows] of Object.entries(batch.nodes) as [NodeLabel, NonNullable<GraphBatch['nodes'][NodeLabel]>][]) {
      const existing = new Map<string, string | null>();
      for (let i = 0; i < rows.length; i += CHUNK) {
        const chunk = rows.slice(i, i + CHUNK).map((x) => x.id);
        for (const r of await tx.run(existingIdsStatement(label, chunk.length), { ids: chunk })) existing.set(r.id, r.basis);
      }
      nodesPresent += existing.size;
      keptEntered += [...existing.values()].filter((b) => b === 'ENTERED').length;
      const fresh = rows.filter((r) => !existing.has(r.id));
      if (fresh.length) missing.nodes[label] = fresh;
    }
    for (const [type, rows] of Object.entries(batch.rels) as [RelType, RelRow[]][]) {
      const fresh: RelRow[] = [];
      const byPair = new Map<string, RelRow[]>();
      for (const r of rows) {
        const k = `${type}:${r.fromLabel}:${r.toLabel}`;
        byPair.set(k, [...(byPair.get(k) ?? []), r]);
      }
      for (const [k, pairRows] of byPair) {
        const existing = new Map<string, string | null>();
        for (let i = 0; i < pairRows.length; i += CHUNK) {
          const pairs = pairRows.slice(i, i + CHUNK).map((r) => ({ from: r.from, to: r.to }));
          for (const e of await tx.run(bulkStatements.relsExisting[k]!, { pairs })) existing.set(`${e.from}|${e.to}`, e.basis);
        }
        relationshipsPresent += existing.size;
        keptEntered += [...existing.values()].filter((b) => b === 'ENTERED').length;
        fresh.push(...pairRows.filter((r) => !existing.has(`${r.from}|${r.to}`)));
      }
      if (fresh.length) missing.rels[type] = fresh;
    }
  });

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
