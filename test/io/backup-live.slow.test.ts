/**
 * `npm run backup` while `npm start` takes writes: the command goes through the running server
 * (its control file), the file is mode 0600, it restores into an empty store, and it is one
 * consistent state: every organisation's version agrees with the update records of its history,
 * which the same transactions wrote. Real processes: the server and the command are children.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempStore, type TempStore } from '../helpers/store.js';
import { Client } from '../helpers/client.js';
import { restoreStore } from '../../graph/io/backup/restore.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ADMIN = { email: 'backup-admin@stad.example', password: 'ett långt lösenord för säkerhetskopian' };

interface Line {
  kind: string;
  label?: string;
  props?: Record<string, unknown>;
  nodes?: number;
}

function run(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('npm run backup while the server takes writes', () => {
  let store: TempStore;
  let target: TempStore;
  let dir: string;
  let server: ChildProcess | null = null;
  let env: NodeJS.ProcessEnv;
  let url: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samverkan-backup-live-'));
    store = await tempStore();
    // The server owns the store: on the embedded engine it must be the only process holding it.
    if (store.kind === 'embedded') await store.engine.close();
    env = {
      ...(store.kind === 'embedded' ? { GRAPH_DATA_DIR: store.dir!, NEO4J_URI: '' } : { NEO4J_URI: store.uri! }),
      CONTROL_FILE: path.join(dir, 'server.json'),
      PORT: '0',
      // The test talks to the API only.
      SKIP_WEB_BUILD: '1',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      COOKIE_SECURE: 'false',
      RATE_LIMIT_MUTATIONS_PER_MINUTE: '100000',
      LOG_LEVEL: 'warn',
    };
    server = run(['server/main.ts'], env);
    let err = '';
    server.stderr!.on('data', (d) => (err += d));
    for (let i = 0; i < 1200 && !fs.existsSync(env['CONTROL_FILE']!); i++) {
      if (server.exitCode !== null) throw new Error(`the server exited: ${err}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    url = (JSON.parse(fs.readFileSync(env['CONTROL_FILE']!, 'utf8')) as { url: string }).url;
  });
  afterAll(async () => {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server!.once('exit', r));
    }
    await target?.cleanup();
    if (store.kind === 'neo4j') await store.cleanup();
    else fs.rmSync(store.dir!, { recursive: true, force: true });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is one consistent state, mode 0600, and restores', async () => {
    const admin = new Client(url);
    expect((await admin.signIn(ADMIN.email, ADMIN.password)).body.data).toMatchObject({ signIn: { viewer: { role: 'ADMIN' } } });
    const listed = await admin.gql<{ organisations: { edges: { node: { id: string } }[] } }>('{ organisations(first: 8) { edges { node { id } } } }');
    expect(listed.body.errors).toBeUndefined();
    const ids = listed.body.data!.organisations.edges.map((e) => e.node.id);

    // Editors keep updating these organisations until the backup is done.
    let writing = true;
    let acknowledged = 0;
    const writer = async (k: number) => {
      for (let i = 0; writing; i++) {
        const id = ids[(i + k) % ids.length]!;
        const v = (await admin.gql<{ organisation: { version: number } }>('query ($id: ID!) { organisation(id: $id) { version } }', { id })).body.data!.organisation.version;
        const r = await admin.gql<{ updateOrganisation: { errors: unknown[] } }>(
          'mutation ($id: ID!, $v: Int!, $d: String!) { updateOrganisation(id: $id, input: {description: $d, version: $v}) { errors { code } } }',
          { id, v, d: `skriven under säkerhetskopian ${k}.${i}` },
        );
        if (r.body.data?.updateOrganisation.errors.length === 0) acknowledged++;
      }
    };
    const writers = [0, 1, 2, 3].map(writer);
    while (acknowledged < 10) await new Promise((r) => setTimeout(r, 20));

    const file = path.join(dir, 'backup.jsonl');
    const cli = run(['server/cli/backup.ts', file], { CONTROL_FILE: env['CONTROL_FILE'] });
    let cliOut = '';
    cli.stderr!.on('data', (d) => (cliOut += d));
    const code = await new Promise<number | null>((r) => cli.once('exit', r));
    const duringBackup = acknowledged;
    // Writes go on after the backup.
    while (acknowledged < duringBackup + 5) await new Promise((r) => setTimeout(r, 20));
    writing = false;
    await Promise.all(writers);

    expect(code, cliOut).toBe(0);
    expect(cliOut).toMatch(/through the server/);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    const lines = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Line);
    const nodes = lines.filter((l) => l.kind === 'node');
    const versions = new Map(nodes.filter((l) => l.label === 'Organisation').map((l) => [l.props!['id'] as string, l.props!['version'] as number]));
    const updates = new Map<string, number>();
    for (const l of nodes) {
      if (l.label === 'AuditRecord' && l.props!['entityType'] === 'Organisation' && l.props!['action'] === 'UPDATE') {
        const id = l.props!['entityId'] as string;
        updates.set(id, (updates.get(id) ?? 0) + 1);
      }
    }
    // Each update raised the version by one and wrote one record, in one transaction; the seed's version is 1.
    const disagreeing = ids.filter((id) => (versions.get(id) ?? 0) - 1 !== (updates.get(id) ?? 0)).map((id) => `${id}: version ${versions.get(id)}, ${updates.get(id) ?? 0} updates`);
    expect(disagreeing).toEqual([]);
    expect([...updates.values()].reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(10);

    target = await tempStore();
    const report = await restoreStore(target.engine, fs.readFileSync(file, 'utf8').split('\n'));
    expect(report.nodes).toBe(nodes.filter((l) => l.label !== 'SchemaMeta').length);
  });
});
