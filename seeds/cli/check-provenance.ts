/**
 * `npm run check:provenance`: seeds a fresh embedded store in a temporary directory and prints the
 * provenance check's figures for the seeded graph (graph/quality/provenance-check.ts). Exits 1
 * unless every figure holds. `-- --store` checks the configured store instead (GRAPH_DATA_DIR or
 * NEO4J_URI), as it is.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { configFromEnv, openEngine } from '../../graph/engines/open.js';
import type { GraphEngine } from '../../graph/engines/port.js';
import { applySchema } from '../../graph/schema/apply.js';
import { checkProvenance, formatReport, reportHolds } from '../../graph/quality/provenance-check.js';
import { SEED_DIR } from '../load/build-batch.js';
import { seedStore } from '../load/seed.js';

const ROOT = path.resolve(SEED_DIR, '..');
const configured = process.argv.includes('--store');

let engine: GraphEngine;
let temp: string | null = null;
if (configured) {
  engine = await openEngine(configFromEnv());
  await applySchema(engine);
} else {
  temp = fs.mkdtempSync(path.join(os.tmpdir(), 'samverkan-provenance-'));
  engine = await openEngine({ engine: 'embedded', dataDir: temp });
  await applySchema(engine);
  await seedStore(engine);
}
try {
  const report = await checkProvenance(engine, ROOT);
  console.log(configured ? `Provenance of the configured store (${engine.kind}):` : 'Provenance of the seeded graph:');
  console.log(formatReport(report));
  if (report.problems.length) console.log(`\nProblems (first ${report.problems.length}):\n- ${report.problems.join('\n- ')}`);
  process.exitCode = reportHolds(report) ? 0 : 1;
} finally {
  await engine.close();
  if (temp) fs.rmSync(temp, { recursive: true, force: true });
}
