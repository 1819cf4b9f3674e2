/**
 * Bulk load on Neo4j in bounded batches: each chunk of rows is a transaction of its own, so a
 * Sweden-scale load or restore never needs one transaction's memory for everything. It is still
 * all or nothing as the store shows it afterwards:
 *
 * - the load is journaled (a SchemaMeta node, locked when taken, so one load runs at a time);
 * - the nodes it creates carry a loading label, relationships between older nodes a tag;
 * - when every chunk has committed, the journal says DONE and the marks are removed;
 * - a load that failed is removed at once; one that was killed (its journal RUNNING, its
 *   heartbeat old) is removed by the next load, restore or start (`recoverNeo4jLoad`).
 *
 * While a load runs, what it has written so far is visible to readers; loads run at start,
 * from the seed, and into empty stores (restore), where nobody reads yet.
 */
import crypto from 'node:crypto';
import os from 'node:os';
import { RELATIONSHIPS, type NodeLabel, type RelType } from '../model/model.js';
import { ConflictError, ValidationError } from '../errors.js';
import type { Tx, BulkLoadResult } from '../engines/port.js';
import type { GraphBatch } from './batch.js';
import { existingIdsStatement } from './statements.js';
import { neo4jLoad } from './neo4j-load-statements.js';
import { externalEndpoints, validateBatch } from './validate.js';

export interface TxRunner {
  read<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  write<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
}

export interface Neo4jLoadOptions {
  /** Rows per transaction. */
  chunk?: number;
  /** A RUNNING journal whose heartbeat is older than this belongs to a load that died. */
  staleMs?: number;
  /** Called after each committed chunk (tests kill the process here). */
  onChunk?: (progress: { nodes: number; relationships: number }) => void;
}

const CHUNK = 5_000;
const CLEANUP = 10_000;
const STALE_MS = 60_000;

export async function bulkLoadNeo4j(batch: GraphBatch, engine: TxRunner, options: Neo4jLoadOptions = {}): Promise<BulkLoadResult> {
  const started = performance.now();
  const chunk = options.chunk ?? CHUNK;
  validateBatch(batch);
  await checkAgainstStore(batch, engine);

  // Host and process first, so a refused load can say which process holds the journal.
  const owner = `${os.hostname()}:${process.pid}:${crypto.randomUUID()}`;
  await recoverNeo4jLoad(engine, { staleMs: options.staleMs ?? STALE_MS });
  await engine.write(async (tx) => {
    const [journal] = await tx.run(neo4jLoad.journal, { now: Date.now() });
    // The driver may run this transaction again after a commit whose answer was lost: the journal is then ours.
    if (journal?.state && journal.owner !== owner) {
      throw new ConflictError(`another bulk load is running on this database (${describeLoad(journal)})`, 'store');
    }
    await tx.run(neo4jLoad.setJournal, { state: 'RUNNING', owner, now: Date.now() });
  });

  const external = externalEndpoints(batch);
  let nodes = 0;
  let relationships = 0;
  const inChunk = async (work: (tx: Tx) => Promise<void>) => {
    await engine.write(async (tx) => {
      await work(tx);
      await tx.run(neo4jLoad.heartbeat, { owner, now: Date.now() });
    });
    options.onChunk?.({ nodes, relationships });
  };
  try {
    for (const [label, rows] of Object.entries(batch.nodes) as [NodeLabel, Record<string, unknown>[]][]) {
      // Neo4j does not store nulls: drop them so `SET n = r` writes only what is given.
      const clean = rows.map(withoutNulls);
      for (let i = 0; i < clean.length; i += chunk) {
        const part = clean.slice(i, i + chunk);
        await inChunk(async (tx) => void (await tx.run(neo4jLoad.createNodes[label], { rows: part })));
        nodes += part.length;
      }
    }
    for (const [type, rows] of Object.entries(batch.rels) as [RelType, NonNullable<GraphBatch['rels'][RelType]>][]) {
      for (const [from, to] of RELATIONSHIPS[type].pairs) {
        const key = `${type}:${from}:${to}`;
        const older = (label: string, id: string) => external.get(label as NodeLabel)?.has(id) ?? false;
        const pairRows = rows.filter((r) => r.fromLabel === from && r.toLabel === to);
        // Between two nodes that existed before the load, a relationship is tagged so a rollback finds it.
        for (const tagged of [false, true]) {
          const selected = pairRows.filter((r) => (older(from, r.from) && older(to, r.to)) === tagged).map((r) => ({ from: r.from, to: r.to, props: withoutNulls(r.props ?? {}) }));
          const statement = tagged ? neo4jLoad.createRelsTagged[key]! : neo4jLoad.createRels[key]!;
          for (let i = 0; i < selected.length; i += chunk) {
            const part = selected.slice(i, i + chunk);
            await inChunk(async (tx) => void (await tx.run(statement, { rows: part })));
            relationships += part.length;
          }
        }
      }
    }
    await engine.write((tx) => tx.run(neo4jLoad.setJournal, { state: 'DONE', owner, now: Date.now() }));
  } catch (error) {
    await removeLoad(engine);
    throw error;
  }
  await publishLoad(engine);
  return { nodes, relationships, ms: performance.now() - started };
}

/**
 * Finishes or removes a load that did not end: a DONE one is published, a RUNNING one whose
 * heartbeat is older than `staleMs` (or any RUNNING one with `force`, as a restore into a store
 * that must be empty does) is removed. A load still running elsewhere is left alone.
 */
export async function recoverNeo4jLoad(engine: TxRunner, options: { staleMs?: number; force?: boolean } = {}): Promise<'none' | 'published' | 'removed' | 'running'> {
  const journal = await engine.read((tx) => tx.run(neo4jLoad.journalRead, {}));
  const state = journal[0]?.state ?? null;
  if (!state && !journal.length) return 'none';
  if (state === 'DONE') {
    await publishLoad(engine);
    return 'published';
  }
  const stale = Date.now() - (journal[0]?.heartbeat ?? 0) > (options.staleMs ?? STALE_MS);
  if (state === 'RUNNING' && !stale && !options.force) return 'running';
  await removeLoad(engine);
  return 'removed';
}

async function removeLoad(engine: TxRunner): Promise<void> {
  await repeat(engine, neo4jLoad.deleteLoading);
  for (const type of Object.keys(RELATIONSHIPS) as RelType[]) await repeat(engine, neo4jLoad.deleteTaggedRels[type]);
  await engine.write((tx) => tx.run(neo4jLoad.clearJournal, {}));
}

async function publishLoad(engine: TxRunner): Promise<void> {
  await repeat(engine, neo4jLoad.untagNodes);
  for (const type of Object.keys(RELATIONSHIPS) as RelType[]) await repeat(engine, neo4jLoad.untagRels[type]);
  await engine.write((tx) => tx.run(neo4jLoad.clearJournal, {}));
}

/** Runs a batch statement until it touches nothing more, one transaction a batch. */
async function repeat(engine: TxRunner, statement: (typeof neo4jLoad)['deleteLoading']): Promise<void> {
  for (;;) {
    const [row] = await engine.write((tx) => tx.run(statement, { limit: CLEANUP }));
    if (!row || row.n < CLEANUP) return;
  }
}

/** Ids the batch creates must be new, endpoints it does not create must exist. */
async function checkAgainstStore(batch: GraphBatch, engine: TxRunner): Promise<void> {
  const problems = await engine.read(async (tx) => {
    const out: { field: string; message: string }[] = [];
    for (const [label, rows] of Object.entries(batch.nodes) as [NodeLabel, { id: string }[]][]) {
      for (let i = 0; i < rows.length && out.length < 20; i += 50_000) {
        const ids = rows.slice(i, i + 50_000).map((r) => r.id);
        for (const r of (await tx.run(existingIdsStatement(label, ids.length), { ids })).slice(0, 20)) out.push({ field: `nodes.${label}.id`, message: `${JSON.stringify(r.id)} already exists` });
      }
    }
    for (const [label, ids] of externalEndpoints(batch)) {
      const found = new Set((await tx.run(existingIdsStatement(label, ids.size), { ids: [...ids] })).map((r) => r.id));
      for (const id of [...ids].filter((x) => !found.has(x)).slice(0, 20)) out.push({ field: `rels.${label}`, message: `endpoint ${JSON.stringify(id)} does not exist` });
    }
    return out;
  });
  if (problems.length) throw new ValidationError(problems);
}

/** "process 123 on host, its last heartbeat 2 s ago": who holds a journal, as an operator needs it. */
function describeLoad(journal: { owner: string | null; heartbeat: number | null }): string {
  const [host, pid] = (journal.owner ?? '').split(':');
  const who = pid ? `process ${pid} on ${host}` : 'an older server';
  return journal.heartbeat ? `${who}, its last heartbeat ${Math.max(0, Math.round((Date.now() - journal.heartbeat) / 1000))} s ago` : who;
}

function withoutNulls(o: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== null && v !== undefined) out[k] = v;
  return out;
}
