/**
 * Several app servers on one Neo4j, behind nginx (`npm run test:cluster`): three server processes
 * as `npm start` runs them, started at the same moment on an empty database, round-robin behind
 * a real nginx. What one server holds in memory must never make the app wrong on another.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeNeo4jDatabase } from '../../tools/neo4j/test-database.js';
import { startCluster, type Cluster } from '../../tools/cluster/cluster.js';
import { Client } from '../helpers/client.js';
import { Neo4jEngine } from '../../graph/engines/neo4j.js';
import { defineStatement } from '../../graph/cypher/statement.js';
import { batchCounts } from '../../graph/bulk/batch.js';
import { buildSeedBatch } from '../../seeds/load/build-batch.js';
import { meta } from '../../graph/cypher/statements/meta.js';
import { runEditors, verifyEditors } from '../../tools/cluster/editors.js';

const ADMIN = { email: 'kluster.admin@stad.example', password: 'ett långt lösenord för klustret' };
const usersWith = defineStatement<{ email: string }, { n: number }>({ name: 'test.usersWith', mode: 'read', cypher: 'MATCH (u:User) WHERE u.email = $email RETURN count(u) AS n', example: { email: 'x' } });
const sessionCount = defineStatement<Record<string, never>, { n: number }>({ name: 'test.sessionCount', mode: 'read', cypher: 'MATCH (s:Session) RETURN count(s) AS n', example: {} });
const orgCount = defineStatement<Record<string, never>, { n: number }>({ name: 'test.orgCount', mode: 'read', cypher: 'MATCH (o:Organisation) RETURN count(o) AS n', example: {} });

async function until<T>(what: string, read: () => Promise<T>, ok: (value: T) => boolean, limitMs = 30_000): Promise<number> {
  const started = performance.now();
  for (;;) {
    if (ok(await read())) return Math.round(performance.now() - started);
    if (performance.now() - started > limitMs) throw new Error(`${what}: not seen within ${limitMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('three app servers behind nginx on one Neo4j', () => {
  let cluster: Cluster;
  let engine: Neo4jEngine;
  let release: () => void;
  let admin: Client;

  beforeAll(async () => {
    const db = await takeNeo4jDatabase();
    release = db.release;
    cluster = await startCluster({ neo4jUri: db.uri, servers: 3, env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, COOKIE_SECURE: 'false', RATE_LIMIT_MUTATIONS_PER_MINUTE: '100000', RATE_LIMIT_SIGNIN_PER_MINUTE: '100000', FEED_POLL_MS: '200' } });
    engine = await Neo4jEngine.open({ uri: db.uri, user: 'neo4j', password: '' });
    admin = new Client(cluster.url);
    const signedIn = await admin.signIn(ADMIN.email, ADMIN.password);
    expect(signedIn.body.data, JSON.stringify(signedIn.body)).toMatchObject({ signIn: { viewer: { role: 'ADMIN' } } });
  });
  afterAll(async () => {
    await cluster?.stop();
    await engine?.close();
    release?.();
  });

  it('started together on an empty database, they seeded once and created one admin', async () => {
    const seed = batchCounts(buildSeedBatch());
    expect((await engine.read((tx) => tx.run(orgCount, {})))[0]!.n).toBe((buildSeedBatch().nodes.Organisation ?? []).length);
    expect((await engine.read((tx) => tx.run(usersWith, { email: ADMIN.email })))[0]!.n).toBe(1);
    // The seed's nodes, the admin and the admin's audit record (and the sessions of signing in); nothing twice.
    const [nodes, sessions] = await engine.read(async (tx) => [(await tx.run(meta.countNodes, {}))[0]!.n, (await tx.run(sessionCount, {}))[0]!.n]);
    expect(nodes - sessions!).toBe(seed.nodes + 2);
  });

  it('a write through one server shows through the others', async () => {
    const [a, b, c] = cluster.servers.map((s) => {
      const client = new Client(s.url);
      return client;
    }) as [Client, Client, Client];
    await a.signIn(ADMIN.email, ADMIN.password);
    const created = await a.gql<{ createOrganisation: { organisation: { id: string; version: number } } }>(
      'mutation { createOrganisation(input: {name: "Klusterföreningen Zyxqv"}) { organisation { id version } errors { code } } }',
    );
    const org = created.body.data!.createOrganisation.organisation;
    const delays: Record<string, number> = {};
    for (const [name, client] of [['b', b], ['c', c]] as const) {
      delays[`search ${name}`] = await until(`search on ${name}`, () => client.gql<{ organisations: { edges: { node: { id: string } }[] } }>('{ organisations(filter: {text: "zyxqv"}, first: 5) { edges { node { id } } } }'), (r) => r.body.data?.organisations.edges[0]?.node.id === org.id);
      delays[`profile ${name}`] = await until(`profile on ${name}`, () => client.gql<{ organisation: { id: string } | null }>('query ($id: ID!) { organisation(id: $id) { id } }', { id: org.id }), (r) => r.body.data?.organisation?.id === org.id);
    }
    // Linked to a target group in a district, it is counted in coverage on the others.
    const linked = await a.gql('mutation ($id: ID!) { t: addOrganisationLink(id: $id, kind: TARGET_GROUP, targetId: "tg:hemlosa") { errors { code } } d: addOrganisationLink(id: $id, kind: DISTRICT, targetId: "district:sdo-farsta") { errors { code } } }', { id: org.id });
    expect(linked.body.errors).toBeUndefined();
    const COVERAGE = '{ coverage(targetGroups: ["tg:hemlosa"], level: STADSDELSOMRADE) { cells { district { id } local { organisation { id } } } } }';
    type Coverage = { coverage: { cells: { district: { id: string }; local: { organisation: { id: string } }[] }[] } };
    const inFarsta = (r: { body: { data?: Coverage } }) => r.body.data?.coverage.cells.some((cell) => cell.district.id === 'district:sdo-farsta' && cell.local.some((l) => l.organisation.id === org.id)) ?? false;
    for (const [name, client] of [['b', b], ['c', c]] as const) delays[`coverage ${name}`] = await until(`coverage on ${name}`, () => client.gql<Coverage>(COVERAGE), inFarsta);
    console.log(`seen through the other servers after (ms): ${JSON.stringify(delays)}`);
  });

  it('an import uploaded through one server is previewed through another and committed through a third', async () => {
    const [a, b, c] = cluster.servers.map((s) => new Client(s.url)) as [Client, Client, Client];
    await a.signIn(ADMIN.email, ADMIN.password);
    // The same session on every server: it is kept in the graph.
    for (const other of [b, c]) Object.assign(other, { cookie: a.cookie, csrf: a.csrf });
    const file = Buffer.from('Namn;Målgrupper;Stadsdelar\nKlusterimportens förening Qwxz;Äldre;Kista\nAndra klusterföreningen Qwxz;Äldre;Kista\n', 'utf8');
    const half = Math.ceil(file.length / 2 / 3) * 3;
    type Upload = { startImport: { upload: { id: string } | null; errors: { code: string }[] } };
    const started = await a.gql<Upload>('mutation ($n: Int!) { startImport(fileName: "kluster.csv", byteLength: $n, format: CSV) { upload { id } errors { code } } }', { n: file.length });
    const id = started.body.data!.startImport.upload!.id;
    // One chunk through A, the next through B.
    const chunk = (client: Client, index: number, bytes: Buffer) =>
      client.gql<{ appendImportChunk: { upload: { receivedBytes: number; complete: boolean } | null; errors: { code: string }[] } }>(
        'mutation ($id: ID!, $i: Int!, $d: String!) { appendImportChunk(id: $id, index: $i, data: $d) { upload { receivedBytes complete } errors { code } } }',
        { id, i: index, d: bytes.toString('base64') },
      );
    expect((await chunk(a, 0, file.subarray(0, half))).body.data?.appendImportChunk.errors).toEqual([]);
    const second = await chunk(b, 1, file.subarray(half));
    expect(second.body.data?.appendImportChunk.upload).toEqual({ receivedBytes: file.length, complete: true });
    const preview = await c.gql<{ previewImport: { preview: { rowCount: number; errorCount: number } | null; errors: { code: string }[] } }>('mutation ($id: ID!) { previewImport(id: $id) { preview { rowCount errorCount } errors { code message } } }', { id });
    expect(preview.body.data?.previewImport.preview).toEqual({ rowCount: 2, errorCount: 0 });
    const commit = await b.gql<{ commitImport: { job: { id: string } | null; errors: { code: string }[] } }>('mutation ($id: ID!) { commitImport(id: $id, mode: VALID) { job { id } errors { code message } } }', { id });
    const jobId = commit.body.data!.commitImport.job!.id;
    // Its progress and outcome can be read through any server.
    type Job = { importJob: { state: string; report: { committed: boolean; summary: { organisationsCreated: number } } | null } };
    let job: Job['importJob'] | undefined;
    await until('the import job through A and C', async () => {
      const [viaA, viaC] = await Promise.all([a.gql<Job>('query ($id: ID!) { importJob(id: $id) { state report { committed summary { organisationsCreated } } } }', { id: jobId }), c.gql<Job>('query ($id: ID!) { importJob(id: $id) { state } }', { id: jobId })]);
      job = viaA.body.data?.importJob;
      return [job?.state, viaC.body.data?.importJob.state];
    }, ([x, y]) => x === 'SUCCEEDED' && y === 'SUCCEEDED');
    expect(job?.report).toEqual({ committed: true, summary: { organisationsCreated: 2 } });
    // Written once: a second commit through another server is refused.
    const again = await c.gql<{ commitImport: { errors: { code: string; field: string }[] } }>('mutation ($id: ID!) { commitImport(id: $id, mode: VALID) { errors { code field } } }', { id });
    expect(again.body.data?.commitImport.errors).toEqual([{ code: 'CONFLICT', field: 'id' }]);
    // And what it wrote is found through every server.
    for (const client of [a, b, c]) {
      await until('the imported organisations', () => client.gql<{ organisations: { totalCount: number } }>('{ organisations(filter: {text: "qwxz"}, first: 5) { totalCount } }'), (r) => r.body.data?.organisations.totalCount === 2);
    }
  });

  it('editors writing and reading through nginx get no 5xx and lose no acknowledged write', async () => {
    const run = await runEditors(cluster.url, { admin: ADMIN, editors: 12, seconds: 12 });
    console.log(`through nginx: ${run.requests} requests, ${run.acknowledged.length} acknowledged writes, ${run.conflicts.length} conflicts, ${run.status5xx} 5xx, ${run.failures.length} failures`);
    expect(run.status5xx).toBe(0);
    expect(run.failures).toEqual([]);
    expect(run.acknowledged.length).toBeGreaterThan(20);
    const check = await verifyEditors(engine, run);
    expect(check.lost).toEqual([]);
    expect(check.unjustifiedConflicts).toEqual([]);
  });

  it('a server killed with SIGKILL mid-requests loses nothing it acknowledged, and the others go on', async () => {
    const victim = cluster.servers[1]!;
    const running = runEditors(cluster.url, { admin: ADMIN, editors: 8, seconds: 10, allowFailures: true });
    await new Promise((r) => setTimeout(r, 3000));
    await victim.kill('SIGKILL');
    const run = await running;
    const check = await verifyEditors(engine, run);
    expect(check.lost).toEqual([]);
    // Those that reached the others after the kill were served.
    expect(run.acknowledgedAfter(Date.now() - 5000)).toBeGreaterThan(0);
    console.log(`with ${victim.name} killed: ${run.acknowledged.length} acknowledged, ${run.failures.length} failed requests (in flight at the kill), none lost`);
    await victim.start();
  });
});

describe('accounts across the servers of a cluster', () => {
  let cluster: Cluster;
  let release: () => void;

  beforeAll(async () => {
    const db = await takeNeo4jDatabase();
    release = db.release;
    cluster = await startCluster({ neo4jUri: db.uri, servers: 2, env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, COOKIE_SECURE: 'false', RATE_LIMIT_SIGNIN_PER_MINUTE: '100000', LOCKOUT_THRESHOLD: '3', FEED_POLL_MS: '200' } });
  });
  afterAll(async () => {
    await cluster?.stop();
    release?.();
  });

  it('a locked account stays locked on every server', async () => {
    const [a, b] = cluster.servers as [Cluster['servers'][number], Cluster['servers'][number]];
    // Wrong passwords through server A until the account is locked for this client.
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 4; i++) codes.push((await new Client(a.url).signIn(ADMIN.email, 'fel lösenord nummer ' + i)).body.data?.signIn.errors[0]?.code);
    expect(codes.at(-1)).toBe('ACCOUNT_LOCKED');
    // The right password through server B is refused as locked too.
    const throughB = await new Client(b.url).signIn(ADMIN.email, ADMIN.password);
    expect(throughB.body.data?.signIn.viewer ?? null).toBeNull();
    expect(throughB.body.data?.signIn.errors[0]?.code).toBe('ACCOUNT_LOCKED');
  });
});
