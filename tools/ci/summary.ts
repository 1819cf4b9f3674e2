/**
 * CI's closing lines: how many tests ran on each engine, how many of them touch the store, and
 * the plain `N passed, N failed` over every suite. Reads vitest's JSON reports and the store
 * touch log that test/helpers/store.ts appends to (one line per store opened: engine, file).
 *
 *   tsx tools/ci/summary.ts --touch artifacts/store-touch.log embedded=artifacts/test-embedded.json neo4j=artifacts/test-neo4j.json …
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

interface Report {
  numPassedTests: number;
  numFailedTests: number;
  numTotalTests: number;
  testResults: { name: string; status: string; message?: string; assertionResults: { status: string }[] }[];
}

const { values, positionals } = parseArgs({ options: { touch: { type: 'string' } }, allowPositionals: true });
const touched = new Map<string, Set<string>>();
if (values.touch && fs.existsSync(values.touch)) {
  for (const line of fs.readFileSync(values.touch, 'utf8').split('\n')) {
    const [engine, file] = line.split('\t');
    if (!engine || !file) continue;
    if (!touched.has(engine)) touched.set(engine, new Set());
    touched.get(engine)!.add(file);
  }
}

let passed = 0;
let failed = 0;
const storeTests = new Map<string, number>();
for (const arg of positionals) {
  const [name, file] = arg.includes('=') ? (arg.split('=') as [string, string]) : [path.basename(arg, '.json'), arg];
  if (!fs.existsSync(file)) {
    console.log(`${name}: no report (${file}): the suite did not run to the end`);
    failed += 1;
    continue;
  }
  const report = JSON.parse(fs.readFileSync(file, 'utf8')) as Report;
  passed += report.numPassedTests;
  // A file whose hooks failed fails its tests without running them: they count as failed, not skipped.
  const suiteFailures = report.testResults
    .filter((r) => r.status === 'failed' && !r.assertionResults.some((a) => a.status === 'failed'))
    .reduce((n, r) => n + Math.max(1, r.assertionResults.length), 0);
  const fileFailed = report.numFailedTests + suiteFailures;
  failed += fileFailed + Math.max(0, report.numTotalTests - report.numPassedTests - report.numFailedTests - countSkipped(report));
  const files = touched.get(name) ?? new Set<string>();
  const inStoreFiles = report.testResults
    .filter((r) => files.has(path.relative(process.cwd(), r.name)))
    .reduce((n, r) => n + r.assertionResults.filter((a) => a.status === 'passed').length, 0);
  if (touched.has(name)) storeTests.set(name, inStoreFiles);
  console.log(
    `${name}: ${report.numPassedTests} passed, ${fileFailed} failed` + (touched.has(name) ? ` (${inStoreFiles} passed in ${files.size} files that touch the store)` : ''),
  );
}
const embedded = storeTests.get('embedded');
const neo4j = storeTests.get('neo4j');
if (embedded && neo4j !== undefined) {
  console.log(`store tests on Neo4j: ${neo4j} of the ${embedded} on the embedded engine (${((100 * neo4j) / embedded).toFixed(1)}%)`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);

function countSkipped(report: Report): number {
  return report.testResults.reduce((n, r) => n + r.assertionResults.filter((a) => a.status === 'skipped' || a.status === 'pending' || a.status === 'todo').length, 0);
}
