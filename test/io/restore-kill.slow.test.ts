/**
 * A restore into Neo4j killed with SIGKILL halfway: its batches have committed in part, yet a
 * second restore into the same database succeeds, and no node of the first attempt remains.
 * (On the embedded engine a restore is one COPY transaction: durability.slow.test.ts kills that.)
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempStore, type TempStore } from '../helpers/store.js';
import { backupStore } from '../../graph/io/backup/backup.js';
import { restoreStore } from '../../graph/io/backup/restore.js';
import { BACKUP_FORMAT, BACKUP_VERSION, type BackupLine } from '../../graph/io/backup/format.js';
import { SCHEMA_VERSION } from '../../graph/model/model.js';
import { defineStatement } from '../../graph/cypher/statement.js';

const CHILD = fileURLToPath(new URL('./restore-child.ts', import.meta.url));
const FIRST = 150_000;

const countOrgs = defineStatement<Record<string, never>, { n: number }>({ name: 'test.countOrganisations', mode: 'read', cypher: 'MATCH (o:Organisation) RETURN count(o) AS n', example: {} });
const countFirst = defineStatement<{ prefix: string }, { n: number }>({ name: 'test.countByPrefix', mode: 'read', cypher: 'MATCH (n) WHERE n.id STARTS WITH $prefix RETURN count(n) AS n', example: { prefix: 'x' } });
const countAll = defineStatement<Record<string, never>, { n: number }>({ name: 'test.countAll', mode: 'read', cypher: "MATCH (n) WHERE NOT n:SchemaMeta RETURN count(n) AS n", example: {} });

/** A backup file of `n` organisations that no seed has: the first attempt's data. */
function firstAttemptBackup(n: number): string[] {
  const lines: BackupLine[] = [{ kind: 'header', format: BACKUP_FORMAT, version: BACKUP_VERSION, schemaVersion: SCHEMA_VERSION, engine: 'neo4j', createdAt: new Date().toISOString() }];
  for (let i = 0; i < n; i++) lines.push({ kind: 'node', label: 'Organisation', props: { id: `org:first-attempt-${i}`, name: `Första försöket ${i}`, sourceId: 'src:test', basis: 'STATED', synthetic: true } });
  lines.push({ kind: 'footer', nodes: n, relationships: 0, counts: { Organisation: n } });
  return lines.map((l) => JSON.stringify(l));
}

describe('a restore into Neo4j killed halfway', () => {
  let target: TempStore;
  let seedBackup: string[];
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samverkan-restore-kill-'));
    const seeded = await tempStore({ seeded: true });
    seedBackup = [];
    await backupStore(seeded.engine, (line) => void seedBackup.push(JSON.stringify(line)));
    await seeded.cleanup();
    target = await tempStore();
  });
  afterAll(async () => {
    await target?.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('leaves nothing of the first attempt once the second restore has run', async () => {
    const file = path.join(dir, 'first.jsonl');
    fs.writeFileSync(file, firstAttemptBackup(FIRST).join('\n'));
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, target.uri!, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    // Kill it once some of its batches have committed, and before all of them have.
    let seen = 0;
    for (let i = 0; i < 6000 && child.exitCode === null; i++) {
      seen = (await target.engine.read((tx) => tx.run(countOrgs, {})))[0]!.n;
      if (seen > 0) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    child.kill('SIGKILL');
    const { signal } = await exited;
    expect(signal, `the child ended by itself: ${err}`).toBe('SIGKILL');
    const left = (await target.engine.read((tx) => tx.run(countFirst, { prefix: 'org:first-attempt-' })))[0]!.n;
    console.log(`killed with ${seen} organisations seen, ${left} of ${FIRST} committed`);
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThan(FIRST);

    const report = await restoreStore(target.engine, seedBackup);
    const footer = JSON.parse(seedBackup[seedBackup.length - 1]!) as { nodes: number; counts: Record<string, number> };
    expect(report.nodes).toBe(footer.nodes - (footer.counts['SchemaMeta'] ?? 0));
    expect((await target.engine.read((tx) => tx.run(countFirst, { prefix: 'org:first-attempt-' })))[0]!.n).toBe(0);
    expect((await target.engine.read((tx) => tx.run(countAll, {})))[0]!.n).toBe(report.nodes);
    expect((await target.engine.read((tx) => tx.run(countOrgs, {})))[0]!.n).toBe(footer.counts['Organisation']);
  });
});
