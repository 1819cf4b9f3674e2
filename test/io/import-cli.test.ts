/**
 * `npm run import` keeps clear English: row problems as English sentences by row and column,
 * file and mapping problems by field with the --map hint. The API says the same problems in
 * Swedish (test/api/import-api.test.ts); the command line does not.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_HIGH, cp1252Text, FILE_TEXT } from './helpers.js';

const CLI = fileURLToPath(new URL('../../graph/io/cli/import.ts', import.meta.url));
/** Words of the Swedish sentences the API would give for the same problems. */
const SWEDISH = /\b(är|inte|finns|raden|saknas|stämmer|Filen|Ingen kolumn)\b/;

/** The command on a store of its own (embedded): the Neo4j the tests may run on belongs to the harness. */
function run(args: string[], dataDir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { env: { ...process.env, GRAPH_DATA_DIR: dataDir, NEO4J_URI: '', LOG_LEVEL: 'error' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('import command line', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samverkan-import-cli-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reports row problems in English sentences by row and column', async () => {
    const file = path.join(dir, 'lista.csv');
    fs.writeFileSync(file, ['Namn;E-post;Målgrupp', 'Första föreningen;inte-en-adress;', 'Andra föreningen;;Marsianer', 'Tredje;;', 'Tredje;;'].join('\n') + '\n');
    const { code, stdout } = await run([file, '--dry-run'], path.join(dir, 'store-a'));
    expect(code).toBe(1);
    expect(stdout).toContain('row 2, column "E-post": "inte-en-adress" is not an e-mail address (name@example.com).');
    expect(stdout).toContain('row 3, column "Målgrupp": "Marsianer" is not a known target group.');
    expect(stdout).toContain('row 5: The row is identical to row 4 and is skipped.');
    // Headers and cells are the file's; every sentence around them is English.
    expect(stdout.replace(/"[^"]*"/g, '""')).not.toMatch(SWEDISH);
  });

  it('reads Windows-1252 with every character of 0x80–0x9F (en dash, curly quotes, €…)', async () => {
    const file = path.join(dir, 'fika.csv');
    fs.writeFileSync(file, cp1252Text(FILE_TEXT));
    const report = path.join(dir, 'fika.json');
    const { code } = await run([file, '--dry-run', '--report', report], path.join(dir, 'store-c'));
    expect(code).toBe(0);
    const json = JSON.parse(fs.readFileSync(report, 'utf8')) as { file: { encoding: string }; preview: { name: string; description: string }[] };
    expect(json.file.encoding).toBe('windows-1252');
    expect(json.preview[0]).toMatchObject({ name: 'Kaffe – “Fika” för € 20', description: `Öppet ’alla’ dagar… ${ALL_HIGH}` });
  });

  it('names a missing column by field, in English, with the way to map it', async () => {
    const file = path.join(dir, 'utan-namn.csv');
    fs.writeFileSync(file, 'Orgnr;Målgrupp\n556000-0001;Äldre\n');
    const { code, stderr } = await run([file, '--dry-run'], path.join(dir, 'store-b'));
    expect(code).toBe(2);
    expect(stderr).toContain('columns.name: No column fills the name field, which is required.');
    expect(stderr).toContain('--map "Column=field"');
    expect(stderr.replace(/"[^"]*"/g, '""')).not.toMatch(SWEDISH);
  });
});
