/**
 * What of a batch the store does not hold yet: its nodes whose ids are new and its relationships
 * between pairs not yet linked. Seeding and the facts import load only this, so running either
 * twice changes nothing and what the store holds (a person's edits included) is never overwritten.
 */
import type { GraphEngine } from '../engines/port.js';
import type { GraphBatch, RelRow } from './batch.js';
import { bulkStatements, existingIdsStatement } from './statements.js';
import type { NodeLabel, RelType } from '../model/model.js';

export interface MissingReport {
  missing: GraphBatch;
  nodesPresent: number;
  relationshipsPresent: number;
  /** Facts of the batch the store holds as a person's entry. */
  keptEntered: number;
}

const CHUNK = 5_000;

export async function missingFromStore(engine: GraphEngine, batch: GraphBatch): Promise<MissingReport> {
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
  return { missing, nodesPresent, relationshipsPresent, keptEntered };
}
