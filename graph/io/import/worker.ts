/**
 * The import's worker thread: reads, validates and matches a spreadsheet (analyse.ts) off the
 * server's event loop, one job at a time, and reports progress and its answer to the pool
 * (worker-pool.ts). Errors cross the thread boundary as data and are rebuilt there.
 */
import { parentPort } from 'node:worker_threads';
import { analyseTable, readAndMap, summarise, type AnalyseOptions, type Analysis, type CatalogueData, type TableSummary } from './analyse.js';
import { ImportFileError } from './problems.js';
import { ValidationError } from '../../errors.js';

export interface WorkerJob {
  id: number;
  bytes: Uint8Array;
  catalogue: CatalogueData;
  options: AnalyseOptions;
  /** A mapping the file cannot satisfy is answered (mappingError) instead of failing the job: what a preview shows. */
  tolerateMapping: boolean;
}

export interface WorkerAnswer {
  table: TableSummary;
  mappingError: SerializedError | null;
  analysis: Analysis | null;
}

export type SerializedError = { name: 'ImportFileError' | 'ValidationError'; problems: unknown[] } | { name: 'Error'; message: string };

export type WorkerMessage =
  | { type: 'progress'; id: number; progress: { phase: 'read' | 'validate' | 'match'; done: number; total: number } }
  | { type: 'answer'; id: number; answer: WorkerAnswer }
  | { type: 'error'; id: number; error: SerializedError };

export function serializeError(error: unknown): SerializedError {
  if (error instanceof ImportFileError) return { name: 'ImportFileError', problems: [...error.problems] };
  if (error instanceof ValidationError) return { name: 'ValidationError', problems: [...error.problems] };
  return { name: 'Error', message: error instanceof Error ? error.message : String(error) };
}

const port = parentPort;
if (port) {
  port.on('message', (job: WorkerJob) => {
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
          answer = { table: summarise(table), mappingError: null, analysis: analyseTable(table, mapping, job.bytes, job.catalogue, job.options, progress) };
        }
        port.postMessage({ type: 'answer', id: job.id, answer } satisfies WorkerMessage);
      } catch (error) {
        port.postMessage({ type: 'error', id: job.id, error: serializeError(error) } satisfies WorkerMessage);
      }
    })();
  });
}
