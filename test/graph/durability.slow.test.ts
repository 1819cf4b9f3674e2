/**
 * Durability: a process killed with SIGKILL in the middle of a bulk write leaves a store that
 * opens and holds either the whole batch or none of it.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EmbeddedEngine } from '../../graph/engines/embedded.js';
import { defineStatement } from '../../graph/cypher/statement.js';

const CHILD = fileURLToPath(new URL('./durability-child.ts', import.meta.url));
const countOrgs = defineStatement<Record<string, never>, { n: number }>({
  name: 'test.countOrganisations',
  mode: 'read',
  cypher: 'MATCH (o:Organisation) RETURN count(o) AS n',
  example: {},
});

/** Runs the child, kills it `delayMs` after it says "begin" (null: lets it finish); tells whether it had finished. */
function runAndKill(dir: string, mode: string, n: number, delayMs: number | null): Promise<{ finished: boolean; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, mode, String(n)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d) => {
      out += d;
      if (delayMs !== null && out.includes('begin') && !child.killed) setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (!out.includes('begin')) reject(new Error(`child failed before writing (code ${code}): ${err}`));
      else resolve({ finished: out.includes('done'), signal });
    });
  });
}

describe('durability under SIGKILL', () => {
  const cases: [mode: string, n: number, delays: (number | null)[]][] = [
    ['bulk', 200_000, [1, 150, 400, null]],
    ['upsert', 30_000, [1, 300, 900, null]],
  ];
  for (const [mode, n, delays] of cases) {
    it(`${mode}: whole batch or nothing after a kill at ${delays.filter((d) => d !== null).join(', ')} ms, the whole batch without one`, async () => {
      const outcomes: string[] = [];
      for (const delay of delays) {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samverkan-durability-'));
        try {
          const { finished, signal } = await runAndKill(dir, mode, n, delay);
          const engine = await EmbeddedEngine.open({ dataDir: dir, bufferPoolBytes: 256 * 1024 ** 2 });
          const count = (await engine.read((tx) => tx.run(countOrgs, {})))[0]!.n;
          await engine.close();
          outcomes.push(`${delay === null ? 'no kill' : `${delay} ms`}: ${signal ?? 'exited'}, ${count} rows`);
          expect([0, n]).toContain(count);
          if (finished) expect(count).toBe(n);
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      }
      console.log(`${mode} (${n} rows): ${outcomes.join('; ')}`);
      // The earliest kill lands before the commit: otherwise the test would not be testing a crash.
      expect(outcomes[0]).toMatch(/SIGKILL, 0 rows/);
      // The last is not killed: the whole batch must be there after it exits.
      expect(outcomes[outcomes.length - 1]).toMatch(new RegExp(`, ${n} rows$`));
      // Four child processes writing 200,000 / 30,000 rows: minutes on a 2-core machine that is busy.
    }, 300_000);
  }
});
