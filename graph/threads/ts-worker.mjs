// A worker thread's entry that runs a TypeScript module (workerData.module): the project runs
// TypeScript through tsx, whose loader a worker thread does not inherit everywhere (vitest, plain
// node), so it is registered here. Started by tsWorker (ts-worker.ts).
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport(workerData.module, import.meta.url);
