/**
 * `npm run import -- file.csv [--mode all|valid] [--dry-run] [--map "Column=field"]...
 *   [--accept-matches] [--decisions decisions.json] [--basis stated|entered] [--report report.json]`
 *
 * Imports a CSV or XLSX list of organisations into the configured store with a progress bar,
 * then prints what it did: the column mapping, the proposed matches, and every error by row
 * and column. Exit code 0 when it wrote (or a dry run found nothing wrong), 1 when it did not.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { openStore } from '../../store.js';
import { importSpreadsheet, type ImportOptions, type ImportProgress, type ImportReport } from '../import/importer.js';
import { parseMapArgs, IMPORT_FIELDS } from '../import/columns.js';
import { ImportFileError } from '../import/problems.js';
import { failWith, usage } from './common.js';
import type { Delimiter } from '../import/decode.js';

const HELP = `
usage: npm run import -- <file.csv|file.xlsx> [options]
  --mode all|valid        all (default): every row or nothing; valid: the valid rows, the rest reported
  --dry-run               check and report, write nothing
  --map "Column=field"    map a column to a field (repeatable); fields: ${Object.keys(IMPORT_FIELDS).join(', ')}, ignore
  --delimiter ";"         CSV delimiter (default: detected)
  --accept-matches        apply every proposed name match (best candidate)
  --decisions file.json   decisions on proposed matches by row: {"12": "org:id", "13": "new"}
  --basis stated|entered  stated (default): the file states the facts; entered: your own data
  --report file.json      write the full report as JSON
  --json                  print the report as JSON instead of text`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    mode: { type: 'string', default: 'all' },
    'dry-run': { type: 'boolean', default: false },
    map: { type: 'string', multiple: true, default: [] },
    delimiter: { type: 'string' },
    'accept-matches': { type: 'boolean', default: false },
    decisions: { type: 'string' },
    basis: { type: 'string', default: 'stated' },
    report: { type: 'string' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (values.help || positionals.length !== 1) usage(HELP);
if (values.mode !== 'all' && values.mode !== 'valid') usage(`--mode must be all or valid\n${HELP}`);
if (values.basis !== 'stated' && values.basis !== 'entered') usage(`--basis must be stated or entered\n${HELP}`);
const delimiter = values.delimiter === '\\t' ? '\t' : values.delimiter;
if (delimiter !== undefined && ![';', ',', '\t', '|'].includes(delimiter)) usage('--delimiter must be one of ; , \\t |');

const file = positionals[0]!;
let bytes: Uint8Array;
let decisions: Record<number, string> | undefined;
let map: Record<string, string>;
try {
  bytes = new Uint8Array(fs.readFileSync(file));
  map = parseMapArgs(values.map);
  if (values.decisions) decisions = JSON.parse(fs.readFileSync(values.decisions, 'utf8')) as Record<number, string>;
} catch (error) {
  failWith(error);
}

const bar = new cliProgress.SingleBar(
  { format: ' {phase} [{bar}] {percentage}% | {value}/{total}', hideCursor: true, clearOnComplete: true, stream: process.stderr },
  cliProgress.Presets.shades_classic,
);
const PHASES: Record<ImportProgress['phase'], string> = { read: 'läser    ', validate: 'kontroll ', match: 'matchning', write: 'skriver  ', done: 'klart    ' };
let phase: ImportProgress['phase'] | null = null;
const onProgress = (p: ImportProgress) => {
  if (p.phase !== phase) {
    if (phase) bar.stop();
    phase = p.phase;
    if (p.phase !== 'done') bar.start(Math.max(1, p.total), p.done, { phase: PHASES[p.phase] });
    return;
  }
  bar.setTotal(Math.max(1, p.total));
  bar.update(p.done, { phase: PHASES[p.phase] });
};

const store = await openStore();
let report: ImportReport;
try {
  const options: ImportOptions = {
    fileName: path.basename(file),
    mode: values.mode,
    dryRun: values['dry-run'],
    map,
    basis: values.basis === 'entered' ? 'ENTERED' : 'STATED',
    acceptMatches: values['accept-matches'],
    actor: { id: `cli:${process.env['USER'] ?? 'import'}`, displayName: `import (${process.env['USER'] ?? 'cli'})` },
    onProgress,
    ...(decisions ? { decisions } : {}),
    ...(delimiter ? { delimiter: delimiter as Delimiter } : {}),
  };
  report = await importSpreadsheet(store.engine, bytes!, options);
} catch (error) {
  bar.stop();
  await store.close();
  failWith(error, columnHint(error));
}
bar.stop();
await store.close();

if (values.report) fs.writeFileSync(values.report, JSON.stringify(report, null, 2) + '\n');
if (values.json) console.log(JSON.stringify(report, null, 2));
else printReport(report);
process.exit(report.committed || (report.dryRun && report.errors.length === 0) ? 0 : 1);

/** The problems name columns in words the web page shares; here the way to fix them is --map. */
function columnHint(error: unknown): string | undefined {
  if (!(error instanceof ImportFileError)) return undefined;
  return error.problems.some((p) => p.code === 'MISSING_COLUMN' || p.code === 'COLUMNS_CLASH') ? 'map a column to a field with --map "Column=field" (or "Column=ignore")' : undefined;
}

function printReport(r: ImportReport): void {
  const s = r.summary;
  console.log(`file: ${r.file.name} (${r.file.format}${r.file.encoding ? `, ${r.file.encoding}` : ''}${r.file.delimiter ? `, delimiter ${JSON.stringify(r.file.delimiter)}` : ''}), ${s.rows} rows`);
  console.log('columns:');
  for (const m of r.mapping) console.log(`  ${JSON.stringify(m.column)} → ${m.field ?? '(ignored)'}${m.how === 'explicit' ? ' (--map)' : m.how === 'unknown' ? ' (unknown header: use --map to use it)' : ''}`);
  if (r.matches.length) {
    console.log('matches with existing organisations:');
    for (const m of r.matches) {
      const c = m.candidates[0];
      const what = m.status === 'pending' ? 'AWAITS CONFIRMATION' : m.status;
      console.log(`  row ${m.line}: ${JSON.stringify(m.name)} → ${c ? `${c.id} ${JSON.stringify(c.name)} (${c.reason}, ${c.score})` : m.organisationId} [${what}]`);
      for (const other of m.candidates.slice(1)) console.log(`           or ${other.id} ${JSON.stringify(other.name)} (${other.reason}, ${other.score})`);
    }
  }
  if (r.warnings.length) {
    console.log(`warnings (${r.warnings.length}):`);
    for (const w of r.warnings.slice(0, 50)) console.log(`  row ${w.line}${w.column ? `, column ${JSON.stringify(w.column)}` : ''}: ${w.message}`);
  }
  if (r.errors.length) {
    console.log(`errors (${r.errors.length}, in ${s.invalidRows} rows):`);
    for (const e of r.errors.slice(0, 200)) console.log(`  row ${e.line}, column ${JSON.stringify(e.column)}: ${e.message}`);
    if (r.errors.length > 200) console.log(`  … ${r.errors.length - 200} more (see --report)`);
  }
  console.log(
    `rows: ${s.validRows} valid, ${s.invalidRows} with errors, ${s.duplicateRows} duplicates, ${s.pendingRows} awaiting confirmation; ` +
      `organisations: ${s.organisationsCreated} new, ${s.organisationsUpdated} updated${s.organisationsKept ? `, ${s.organisationsKept} kept as a person entered them` : ''}; ` +
      `${s.agreementsCreated} new agreements, ${s.collaborationsCreated} new collaborations, ${s.links} links`,
  );
  console.log(r.committed ? `committed in one transaction (source ${r.sourceId}, ${r.ms} ms)` : `nothing written: ${r.notCommittedBecause}`);
}
