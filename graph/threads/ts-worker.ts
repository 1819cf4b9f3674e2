/**
 * Starts a worker thread that runs a TypeScript module: through ts-worker.mjs, which registers
 * tsx in the thread (a worker does not inherit the loader everywhere: vitest, plain node).
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';

const ENTRY = fileURLToPath(new URL('./ts-worker.mjs', import.meta.url));

/** A worker running `module` (a URL, as `new URL('./x.ts', import.meta.url)` gives it). */
export function tsWorker(module: URL, options: Omit<WorkerOptions, 'workerData'> = {}): Worker {
  return new Worker(ENTRY, { ...options, workerData: { module: fileURLToPath(module) } });
}
