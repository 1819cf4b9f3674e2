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
import { EmbeddedEngine } from '../../engines/embedded.js';
import { applySchema } from '../../schema/apply.js';
import { seedStore } from '../../../seeds/load/seed.js';
import { importSpreadsheet, type ImportProgress, type ImportReport } from '../import/importer.js';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '10000' } } });
const ROWS = Number(values.rows);
const TARGET_MS = 30_000;

function orgNumber(serial: number): string {
  const nine = `802${String(serial).padStart(6, '0')}`;
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let d = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return `${nine.slice(0, 6)}-${nine.slice(6)}${(10 - (sum % 10)) % 10}`;
}

const TARGET_GROUPS = ['Äldre', 'Barn och unga', 'Personer i hemlöshet', 'Nyanlända', 'Våldsutsatta kvinnor och flickor', 'Anhöriga och närstående', 'Personer med psykisk ohälsa'];
const DISTRICTS = ['Kista', 'Rinkeby', 'Skärholmen', 'Södermalm', 'Farsta', 'Hässelby gård', 'Bromma kyrka', 'Östermalm', 'Hägersten', 'Husby'];
const WORDS = ['Väntjänst', 'Läxhjälp', 'Kvinnojour', 'Idrottsförening', 'Kulturförening', 'Pensionärsförening', 'Stödförening', 'Ungdomsgård'];

function buildFile(rows: number): Uint8Array {
  const lines = ['Föreningens namn;Organisationsnummer;Målgrupper;Stadsdelar;Överenskommelse;Avtalstyp;Samverkan;Webbplats;Beskrivning'];
  for (let i = 0; i < rows; i++) {
    const name = `${DISTRICTS[i % DISTRICTS.length]}s ${WORDS[i % WORDS.length]} nr ${i}`;
    const number = i % 10 === 0 ? '' : orgNumber(100_000 + i);
    const tgs = `${TARGET_GROUPS[i % TARGET_GROUPS.length]}, ${TARGET_GROUPS[(i + 3) % TARGET_GROUPS.length]}`;
    const ds = `${DISTRICTS[i % DISTRICTS.length]}; ${DISTRICTS[(i + 1) % DISTRICTS.length]}`;
    const agreement = `Föreningsbidrag 2026 ${DISTRICTS[i % DISTRICTS.length]}`;
    const collab = `Nätverket ${WORDS[i % WORDS.length]}`;
    lines.push(`${name};${number};"${tgs}";"${ds}";${agreement};bidrag;${collab};https://forening${i}.example.se;"Verksamhet för ${TARGET_GROUPS[i % TARGET_GROUPS.length]!.toLowerCase()}.\r\nÖppet alla vardagar."`);
  }
  return new Uint8Array(Buffer.from(lines.join('\r\n') + '\r\n', 'latin1'));
}

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
