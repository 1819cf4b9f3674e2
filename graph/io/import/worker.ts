/**
 * The import's worker thread: reads, validates and matches a spreadsheet (analyse.ts) off the
 * server's event loop, one job at a time, and reports progress and its answer to the pool
 * (worker-pool.ts). Errors cross the thread boundary as data and are rebuilt there.
 */
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { analyseTable, readAndMap, summarise, type AnalyseOptions, type Analysis, type CatalogueData, type Plan, type PlannedGroup, type TableSummary } from './analyse.js';
import type { ImportLinkKind } from '../../cypher/statements/io.js';
import { ImportFileError } from './problems.js';
import { ValidationError } from '../../errors.js';

export interface WorkerJob {
  id: number;
  bytes: Uint8Array;
  catalogue: CatalogueData;
  options: AnalyseOptions;
  /** A mapping the file cannot satisfy is answered (mappingError) instead of failing the job: what a preview shows. */
  tolerateMapping: boolean;
  /** Send the plan's writes (in chunks, before the answer): a commit needs them, a preview does not. */
  withPlan: boolean;
}

export interface WorkerAnswer {
  table: TableSummary;
  mappingError: SerializedError | null;
  analysis: Analysis | null;
}

export type SerializedError = { name: 'ImportFileError' | 'ValidationError'; problems: unknown[] } | { name: 'Error'; message: string };

/** A piece of the plan: its parts are sent a slice at a time, so no one message is large to read on the other side. */
export type PlanChunk =
  | { part: 'newGroups' | 'existingGroups' | 'proposedGroups'; rows: PlannedGroup[] }
  | { part: 'newAgreements' | 'newCollaborations'; rows: Plan['newAgreements'] }
  | { part: 'freshLinks' | 'mergeLinks'; kind: ImportLinkKind; rows: Plan['freshLinks'][ImportLinkKind] };

export type WorkerMessage =
  | { type: 'progress'; id: number; progress: { phase: 'read' | 'validate' | 'match'; done: number; total: number } }
  | { type: 'plan'; id: number; chunk: PlanChunk }
  | { type: 'answer'; id: number; answer: WorkerAnswer }
  | { type: 'error'; id: number; error: SerializedError };

export function serializeError(error: unknown): SerializedError {
  if (error instanceof ImportFileError) return { name: 'ImportFileError', problems: [...error.problems] };
  if (error instanceof ValidationError) return { name: 'ValidationError', problems: [...error.problems] };
  return { name: 'Error', message: error instanceof Error ? error.message : String(error) };
}

/**
 * The analysis runs at a lower scheduling priority than the thread that answers requests: on a
 * busy machine the server keeps its CPU and the import waits (on Linux the priority of pid 0 is
 * this thread's alone).
 */
const NICE = 10;

/** Rows of the plan per message. */
const CHUNK = 2000;

function* planChunks(plan: Plan): Generator<PlanChunk> {
  for (const part of ['newGroups', 'existingGroups', 'proposedGroups'] as const) for (let i = 0; i < plan[part].length; i += CHUNK) yield { part, rows: plan[part].slice(i, i + CHUNK) };
  for (const part of ['newAgreements', 'newCollaborations'] as const) for (let i = 0; i < plan[part].length; i += CHUNK) yield { part, rows: plan[part].slice(i, i + CHUNK) };
  for (const part of ['freshLinks', 'mergeLinks'] as const) {
    for (const kind of Object.keys(plan[part]) as ImportLinkKind[]) {
      for (let i = 0; i < plan[part][kind].length; i += CHUNK) yield { part, kind, rows: plan[part][kind].slice(i, i + CHUNK) };
    }
  }
}

const port = parentPort;
/** Waiting for the pool to take a plan chunk. */
const acks: (() => void)[] = [];
if (port) {
  try {
    setPriority(0, NICE);
  } catch {
    // Not permitted here: the analysis runs at the normal priority.
  }
  port.on('message', (message: WorkerJob | { type: 'ack' }) => {
    if ('type' in message) return acks.shift()?.();
    const job = message;
    void (async () => {
      try {
        const progress = (p: { phase: 'read' | 'validate' | 'match'; done: number; total: number }) => port.postMessage({ type: 'progress', id: job.id, progress: p } satisfies WorkerMessage);
        progress({ phase: 'read', done: 0, total: 1 });
        const { table, mapping, mappingError } = await readAndMap(job.bytes, job.options);
        progress({ phase: 'read', done: 1, total: 1 });
        let answer: WorkerAnswer;
        if (!mapping) {
          if (!job.tolerateMapping) throw mappingError;
          answer = { table: summarise(table), mappingError: serializeError(mappingError), analysis: null };
        } else {
          const analysis = analyseTable(table, mapping, job.bytes, job.catalogue, job.options, progress);
          // One chunk at a time, each after the other side has taken the last: a burst of large
          // messages would be read in one go there, holding up its event loop.
          if (job.withPlan && analysis.plan) {
            for (const chunk of planChunks(analysis.plan)) {
              const taken = new Promise<void>((resolve) => acks.push(resolve));
              port.postMessage({ type: 'plan', id: job.id, chunk } satisfies WorkerMessage);
              await taken;
            }
          }
          answer = { table: summarise(table), mappingError: null, analysis: { ...analysis, plan: null } };
        }
        port.postMessage({ type: 'answer', id: job.id, answer } satisfies WorkerMessage);
      } catch (error) {
        port.postMessage({ type: 'error', id: job.id, error: serializeError(error) } satisfies WorkerMessage);
      }
    })();
  });
}
