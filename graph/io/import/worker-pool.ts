/**
 * Runs import analyses (analyse.ts) in worker threads, so reading and validating a large file
 * never blocks the event loop that answers other requests. At most MAX_BUSY workers run at once
 * (further jobs wait their turn); an idle worker is kept a while for the next job, since starting
 * one (loading the import's modules) takes about a second. A job can be cancelled with an
 * AbortSignal: its worker is terminated at once. A worker is capped in memory: a file that needs
 * more fails with the memory limit named instead of taking the process down.
 */
import type { Worker } from 'node:worker_threads';
import { tsWorker } from '../../threads/ts-worker.js';
import { ValidationError, type FieldProblem } from '../../errors.js';
import { ImportFileError, type FileFieldProblem } from './problems.js';
import { limitError } from './read-errors.js';
import { emptyPlan, type AnalyseOptions, type AnalyseProgress, type CatalogueData, type Plan } from './analyse.js';
import type { PlanChunk, SerializedError, WorkerAnswer, WorkerJob, WorkerMessage } from './worker.js';

const MODULE = new URL('./worker.ts', import.meta.url);

/** Workers analysing at once (the machine has few cores, and the server needs one). */
const MAX_BUSY = 2;
/** An idle worker is ended after this long. */
const IDLE_MS = 5 * 60_000;
/** Heap of one worker (MB): a file within the read limits needs far less. */
export const WORKER_HEAP_MB = 1024;

/** The job was cancelled (its worker terminated) before it answered. */
export class ImportCancelled extends Error {
  constructor() {
    super('the import was cancelled');
    this.name = 'ImportCancelled';
  }
}

export function rebuildError(error: SerializedError): Error {
  if (error.name === 'ImportFileError') return new ImportFileError(error.problems as FileFieldProblem[]);
  if (error.name === 'ValidationError') return new ValidationError(error.problems as FieldProblem[]);
  return new Error('message' in error ? error.message : 'the import failed');
}

interface Slot {
  worker: Worker;
  idleTimer: NodeJS.Timeout | null;
}

const idle: Slot[] = [];
let busy = 0;
const waiting: (() => void)[] = [];
let nextId = 1;

function spawn(): Slot {
  const worker = tsWorker(MODULE, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
  return { worker, idleTimer: null };
}

async function acquire(signal?: AbortSignal): Promise<Slot> {
  while (busy >= MAX_BUSY) {
    await new Promise<void>((resolve, reject) => {
      const go = () => {
        signal?.removeEventListener('abort', stop);
        resolve();
      };
      const stop = () => {
        const i = waiting.indexOf(go);
        if (i >= 0) waiting.splice(i, 1);
        reject(new ImportCancelled());
      };
      if (signal?.aborted) return stop();
      signal?.addEventListener('abort', stop, { once: true });
      waiting.push(go);
    });
  }
  busy++;
  const slot = idle.pop() ?? spawn();
  if (slot.idleTimer) clearTimeout(slot.idleTimer);
  slot.idleTimer = null;
  slot.worker.ref();
  return slot;
}

function release(slot: Slot | null): void {
  busy--;
  if (slot) park(slot);
  waiting.shift()?.();
}

/** Keeps a worker idle for the next job, without holding the process open; it is ended after IDLE_MS unused. */
function park(slot: Slot): void {
  slot.worker.unref();
  slot.idleTimer = setTimeout(() => {
    const i = idle.indexOf(slot);
    if (i >= 0) idle.splice(i, 1);
    void slot.worker.terminate();
  }, IDLE_MS).unref();
  idle.push(slot);
}

export interface AnalyseRequest {
  bytes: Uint8Array;
  catalogue: CatalogueData;
  options: AnalyseOptions;
  tolerateMapping?: boolean;
  /** Bring the plan's writes back (a commit, or a preview showing what they would change). */
  withPlan?: boolean;
}

/** Runs one analysis in a worker; rejects with ImportCancelled when `signal` aborts first. */
export async function analyseInWorker(request: AnalyseRequest, control: { signal?: AbortSignal; onProgress?: (p: AnalyseProgress) => void } = {}): Promise<WorkerAnswer> {
  const { signal, onProgress } = control;
  if (signal?.aborted) throw new ImportCancelled();
  const slot = await acquire(signal);
  const id = nextId++;
  // The worker gets its own copy of the bytes (moved, not copied again).
  const bytes = request.bytes.slice();
  const job: WorkerJob = { id, bytes, catalogue: request.catalogue, options: request.options, tolerateMapping: request.tolerateMapping ?? false, withPlan: request.withPlan ?? false };
  // The plan arrives in chunks before the answer; it is put together here.
  const plan: Plan = emptyPlan();
  const addChunk = (chunk: PlanChunk) => {
    switch (chunk.part) {
      case 'newGroups':
      case 'existingGroups':
      case 'proposedGroups':
        for (const g of chunk.rows) plan[chunk.part].push(g);
        break;
      case 'freshLinks':
      case 'mergeLinks':
        for (const l of chunk.rows) plan[chunk.part][chunk.kind].push(l);
        break;
      case 'newAgreements':
      case 'newCollaborations':
        for (const r of chunk.rows) plan[chunk.part].push(r);
        break;
    }
  };
  let reusable = false;
  try {
    return await new Promise<WorkerAnswer>((resolve, reject) => {
      const { worker } = slot;
      const cleanup = () => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        signal?.removeEventListener('abort', onAbort);
      };
      const onMessage = (m: WorkerMessage) => {
        if (m.id !== id) return;
        if (m.type === 'progress') return onProgress?.(m.progress);
        if (m.type === 'plan') {
          addChunk(m.chunk);
          // The next chunk comes once this one is taken, after the event loop has had its turn.
          setImmediate(() => worker.postMessage({ type: 'ack' }));
          return;
        }
        cleanup();
        reusable = true;
        if (m.type === 'error') return reject(rebuildError(m.error));
        const analysis = m.answer.analysis;
        if (analysis && job.withPlan) {
          const { creates, updates, linkCount } = analysis.counts;
          Object.assign(plan, { creates, updates, linkCount });
          resolve({ ...m.answer, analysis: { ...analysis, plan } });
        } else resolve(m.answer);
      };
      const onError = (error: Error & { code?: string }) => {
        cleanup();
        reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? limitError('memory', WORKER_HEAP_MB, null) : error);
      };
      const onExit = () => {
        cleanup();
        reject(new Error('the import worker stopped'));
      };
      const onAbort = () => {
        cleanup();
        void worker.terminate();
        reject(new ImportCancelled());
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      signal?.addEventListener('abort', onAbort, { once: true });
      worker.postMessage(job, [bytes.buffer as ArrayBuffer]);
    });
  } finally {
    if (!reusable) void slot.worker.terminate();
    release(reusable ? slot : null);
  }
}

/** Starts one idle worker ahead of the first job (a server at start), so no request waits for it. */
export function warmImportWorkers(): void {
  if (idle.length || busy) return;
  const slot = spawn();
  slot.worker.once('error', () => undefined);
  park(slot);
}

/** Ends every idle worker (shutdown, tests); running jobs end with their requests. */
export async function closeImportWorkers(): Promise<void> {
  const all = idle.splice(0);
  await Promise.all(all.map((s) => (s.idleTimer && clearTimeout(s.idleTimer), s.worker.terminate())));
}
