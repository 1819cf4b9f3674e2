/**
 * `npm run bench:import`: imports a generated 10,000-row spreadsheet (Windows-1252, `;`, as
 * Swedish Excel saves it) into a fresh embedded store seeded with the Stockholm graph, and
 * times each phase. Rows carry target groups, districts, an agreement and a collaboration; one
 * in ten has no organisation number, so name matching runs too. Then imports the same file
 * again (every row matched by organisation number: an update of 10,000 organisations).
 * Prints a table and writes bench-results/import.json. Target: < 30 s for 10,000 rows.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { EmbeddedEngine } from '../../graph/engines/embedded.js';
import { applySchema } from '../../graph/schema/apply.js';
import { seedStore } from '../../seeds/load/seed.js';
import { importSpreadsheet, type ImportProgress, type ImportReport } from '../../graph/io/import/importer.js';
import { buildImportFile as buildFile } from './generate.js';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '10000' } } });
const ROWS = Number(values.rows);
const TARGET_MS = 30_000;

async function timed(run: (onProgress: (p: ImportProgress) => void) => Promise<ImportReport>) {
  const started = performance.now();
  const phaseStart = new Map<string, number>();
  const report = await run((p) => {
    if (!phaseStart.has(p.phase)) phaseStart.set(p.phase, performance.now() - started);
  });
  const total = performance.now() - started;
  const marks = [...phaseStart.entries()];
  const phases: Record<string, number> = {};
  marks.forEach(([phase, at], i) => {
    if (phase !== 'done') phases[phase] = Math.round((marks[i + 1]?.[1] ?? total) - at);
  });
  return { report, ms: Math.round(total), phases };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samverkan-bench-import-'));
const engine = await EmbeddedEngine.open({ dataDir: dir, bufferPoolBytes: 1024 ** 3 });
try {
  await applySchema(engine);
  await seedStore(engine);
  const file = buildFile(ROWS);
  console.error(`[bench:import] ${ROWS} rows, ${(file.byteLength / 1024 / 1024).toFixed(2)} MB (windows-1252, ';')`);

  const first = await timed((onProgress) => importSpreadsheet(engine, file, { fileName: 'bench.csv', mode: 'all', acceptMatches: true, onProgress }));
  if (!first.report.committed) throw new Error(`first import did not commit: ${first.report.notCommittedBecause} ${JSON.stringify(first.report.errors.slice(0, 3))}`);
  const second = await timed((onProgress) => importSpreadsheet(engine, file, { fileName: 'bench.csv', mode: 'all', acceptMatches: true, onProgress }));
  if (!second.report.committed) throw new Error(`second import did not commit: ${second.report.notCommittedBecause}`);

  const result = {
    benchmark: 'import',
    engine: 'embedded',
    rows: ROWS,
    bytes: file.byteLength,
    targetMs: TARGET_MS,
    newImport: { ms: first.ms, phases: first.phases, rowsPerSecond: Math.round(ROWS / (first.ms / 1000)), summary: first.report.summary, matches: first.report.matches.length },
    reImport: { ms: second.ms, phases: second.phases, rowsPerSecond: Math.round(ROWS / (second.ms / 1000)), summary: second.report.summary },
    meetsTarget: first.ms < TARGET_MS && second.ms < TARGET_MS,
    machine: { cpus: os.cpus().length, node: process.version, loadAverage1m: Math.round(os.loadavg()[0]! * 100) / 100 },
    at: new Date().toISOString(),
  };
  console.log(`import of ${ROWS} rows on the embedded engine (target < ${TARGET_MS / 1000} s)`);
  console.log(`| run | total ms | read | validate | match | write | rows/s |`);
  console.log(`| --- | --- | --- | --- | --- | --- | --- |`);
  for (const [name, r] of [['new organisations', result.newImport], ['same file again (updates)', result.reImport]] as const) {
    console.log(`| ${name} | ${r.ms} | ${r.phases['read'] ?? '-'} | ${r.phases['validate'] ?? '-'} | ${r.phases['match'] ?? '-'} | ${r.phases['write'] ?? '-'} | ${r.rowsPerSecond} |`);
  }
  console.log(`created ${first.report.summary.organisationsCreated} organisations, ${first.report.summary.links} links, ${first.report.summary.agreementsCreated} agreements, ${first.report.summary.collaborationsCreated} collaborations; ${first.report.matches.length} name matches proposed`);
  console.log(result.meetsTarget ? 'meets the target' : 'MISSES the target');
  fs.mkdirSync('bench-results', { recursive: true });
  fs.writeFileSync('bench-results/import.json', JSON.stringify(result, null, 2) + '\n');
  console.log('wrote bench-results/import.json');
} finally {
  await engine.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
