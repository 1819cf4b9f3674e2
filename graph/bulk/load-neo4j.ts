/**
 * Bulk load on Neo4j: UNWIND batches inside one managed write transaction, so the whole batch
 * commits or none of it does. Same checks as the embedded path first.
 */
import { RELATIONSHIPS, type NodeLabel, type RelType } from '../model/model.js';
import { ValidationError } from '../errors.js';
import type { Tx, BulkLoadResult } from '../engines/port.js';
import type { GraphBatch } from './batch.js';
import { bulkStatements, existingIdsStatement } from './statements.js';
import { externalEndpoints, validateBatch } from './validate.js';

const CHUNK = 10_000;

export async function bulkLoadNeo4j(batch: GraphBatch, write: <T>(work: (tx: Tx) => Promise<T>) => Promise<T>): Promise<BulkLoadResult> {
  const started = performance.now();
  validateBatch(batch);
  return write(async (tx) => {
    const problems: { field: string; message: string }[] = [];
    for (const [label, rows] of Object.entries(batch.nodes) as [NodeLabel, { id: string }[]][]) {
      const existing = await tx.run(existingIdsStatement(label, rows.length), { ids: rows.map((r) => r.id) });
      for (const r of existing.slice(0, 20)) problems.push({ field: `nodes.${label}.id`, message: `${JSON.stringify(r.id)} already exists` });
    }
    for (const [label, ids] of externalEndpoints(batch)) {
      const found = new Set((await tx.run(existingIdsStatement(label, ids.size), { ids: [...ids] })).map((r) => r.id));
      for (const id of [...ids].filter((x) => !found.has(x)).slice(0, 20))
        problems.push({ field: `rels.${label}`, message: `endpoint ${JSON.stringify(id)} does not exist` });
    }
    if (problems.length) throw new ValidationError(problems);

    let nodes = 0;
    let relationships = 0;
    for (const [label, rows] of Object.entries(batch.nodes) as [NodeLabel, Record<string, unknown>[]][]) {
      // Neo4j does not store nulls: drop them so `SET n = r` writes only what is given.
      const clean = rows.map(withoutNulls);
      for (let i = 0; i < clean.length; i += CHUNK) await tx.run(bulkStatements.createNodes[label], { rows: clean.slice(i, i + CHUNK) });
      nodes += rows.length;
    }
    for (const [type, rows] of Object.entries(batch.rels) as [RelType, NonNullable<GraphBatch['rels'][RelType]>][]) {
      for (const [from, to] of RELATIONSHIPS[type].pairs) {
        const pairRows = rows
          .filter((r) => r.fromLabel === from && r.toLabel === to)
          .map((r) => ({ from: r.from, to: r.to, props: withoutNulls(r.props ?? {}) }));
        const statement = bulkStatements.createRels[`${type}:${from}:${to}`]!;
        for (let i = 0; i < pairRows.length; i += CHUNK) await tx.run(statement, { rows: pairRows.slice(i, i + CHUNK) });
        relationships += pairRows.length;
      }
    }
    return { nodes, relationships, ms: performance.now() - started };
  });
}

function withoutNulls(o: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== null && v !== undefined) out[k] = v;
  return out;
}
