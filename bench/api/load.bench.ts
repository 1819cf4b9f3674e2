/**
 * `npm run bench:load [-- --seconds 60 --editors 50]`: editors signed in with cookie sessions
 * doing mixed reads and writes against the seeded Stockholm graph over loopback HTTP, for a
 * bounded time. Then it checks, through the API, that every acknowledged write is in the store
 * and in the audit trail: each acknowledged update's audit record holds what was written, and
 * per organisation the acknowledged versions are distinct and the last one is what the store
 * holds (a lost update would break either). Prints and writes bench-results/load.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fork } from 'node:child_process';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { latency } from '../graph/stats.js';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '60' }, editors: { type: 'string', default: '50' } } });
const SECONDS = Number(values.seconds);
const EDITORS = Number(values.editors);

interface Gql<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
}

const here = path.dirname(fileURLToPath(import.meta.url));
const child = fork(path.join(here, 'load-server.ts'), [], { execArgv: ['--import', 'tsx'], env: { ...process.env, BENCH_EDITORS: String(EDITORS), LOG_LEVEL: 'warn' } });
const { url, password } = await new Promise<{ url: string; password: string }>((resolve, reject) => {
  child.once('message', (m) => resolve(m as { url: string; password: string }));
  child.once('exit', (code) => reject(new Error(`the server exited (${code})`)));
});

class Session {
  cookie = '';
  csrf = '';
  constructor(readonly email: string) {}
  async gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<{ status: number; body: Gql<T> }> {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: this.cookie, 'x-csrf-token': this.csrf },
      body: JSON.stringify({ query, variables }),
    });
    for (const c of res.headers.getSetCookie()) if (c.startsWith('samverkan_session=')) this.cookie = c.split(';')[0]!;
    const text = await res.text();
    let body: Gql<T> = {};
    try {
      body = JSON.parse(text) as Gql<T>;
    } catch {
      body = { errors: [{ message: text.slice(0, 200) }] };
    }
    return { status: res.status, body };
  }
  async signIn(): Promise<void> {
    const r = await this.gql<{ signIn: { viewer: { csrfToken: string } | null } }>('mutation ($e: String!, $p: String!) { signIn(email: $e, password: $p) { viewer { csrfToken } errors { code } } }', { e: this.email, p: password });
    const v = r.body.data?.signIn.viewer;
    if (!v) throw new Error(`sign-in failed for ${this.email}: ${JSON.stringify(r.body)}`);
    this.csrf = v.csrfToken;
  }
}

const admin = new Session('admin@bench.example');
await admin.signIn();
const orgs = (await admin.gql<{ organisations: { edges: { node: { id: string } }[] } }>('{ organisations(first: 100) { edges { node { id } } } }')).body.data!.organisations.edges.map((e) => e.node.id);
const tgs = (await admin.gql<{ targetGroups: { id: string }[] }>('{ targetGroups { id } }')).body.data!.targetGroups.map((t) => t.id);
// Writes concentrate on 20 organisations so that editors really do collide.
const hot = orgs.slice(0, 20);

interface AckUpdate {
  org: string;
  version: number;
  description: string;
  auditId: string;
  actor: string;
}
interface AckLink {
  org: string;
  tg: string;
  present: boolean;
  auditId: string;
  at: number;
}
const acks: { updates: AckUpdate[]; links: AckLink[] } = { updates: [], links: [] };
const samples: Record<string, number[]> = {};
const statuses = new Map<number, number>();
const outcomes = { ok: 0, conflicts: 0, userErrors: 0, graphqlErrors: 0, server5xx: 0, networkErrors: 0 };
const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)]!;

async function timed<T>(kind: string, work: () => Promise<{ status: number; body: Gql<T> }>) {
  const t = performance.now();
  try {
    const r = await work();
    (samples[kind] ??= []).push(performance.now() - t);
    statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    if (r.status >= 500) outcomes.server5xx++;
    else if (r.body.errors?.length) outcomes.graphqlErrors++;
    return r;
  } catch (error) {
    outcomes.networkErrors++;
    throw error;
  }
}

async function editorLoop(i: number, until: number): Promise<void> {
  const s = new Session(`editor${i}@bench.example`);
  await s.signIn();
  let n = 0;
  while (Date.now() < until) {
    n++;
    const r = Math.random();
    const org = pick(hot);
    if (r < 0.3) {
      await timed('read.search', () => s.gql(`query ($t: [ID!]) { organisations(filter: {targetGroups: $t}, first: 20) { totalCount edges { node { id name targetGroups { id } districts { id } } } } }`, { t: [pick(tgs)] }));
    } else if (r < 0.5) {
      await timed('read.profile', () => s.gql('query ($id: ID!) { organisation(id: $id) { id name version description agreements { id } collaborations { id } contactPersons { name } } }', { id: pick(orgs) }));
    } else if (r < 0.55) {
      await timed('read.history', () => s.gql('query ($id: ID!) { organisationHistory(id: $id, first: 10) { id action at } }', { id: org }));
    } else if (r < 0.85) {
      // Read-modify-write: the version read, then the update (a CONFLICT when someone was faster).
      const read = await timed<{ organisation: { version: number } }>('write.read-version', () => s.gql('query ($id: ID!) { organisation(id: $id) { version } }', { id: org }));
      const version = read.body.data?.organisation.version;
      if (version === undefined) continue;
      const description = `Uppdaterad av redaktör ${i}, ändring ${n}`;
      const w = await timed<{ updateOrganisation: { organisation: { version: number } | null; auditId: string | null; errors: { code: string }[] } }>('write.update', () =>
        s.gql('mutation ($id: ID!, $v: Int!, $d: String!) { updateOrganisation(id: $id, input: {description: $d, version: $v}, reason: "belastningstest") { organisation { version } auditId errors { code } } }', { id: org, v: version, d: description }),
      );
      const p = w.body.data?.updateOrganisation;
      if (p?.errors.length) {
        if (p.errors[0]!.code === 'CONFLICT') outcomes.conflicts++;
        else outcomes.userErrors++;
      } else if (p?.organisation && p.auditId) {
        outcomes.ok++;
        acks.updates.push({ org, version: p.organisation.version, description, auditId: p.auditId, actor: s.email });
      }
    } else {
      const tg = pick(tgs.slice(0, 6));
      const add = Math.random() < 0.5;
      const mutation = add
        ? 'mutation ($id: ID!, $t: ID!) { addOrganisationLink(id: $id, kind: TARGET_GROUP, targetId: $t) { auditId errors { code } } }'
        : 'mutation ($id: ID!, $t: ID!) { removeOrganisationLink(id: $id, kind: TARGET_GROUP, targetId: $t) { auditId errors { code } } }';
      const w = await timed<Record<string, { auditId: string | null; errors: { code: string }[] }>>(add ? 'write.link-add' : 'write.link-remove', () => s.gql(mutation, { id: org, t: tg }));
      const p = w.body.data ? Object.values(w.body.data)[0] : undefined;
      if (p?.auditId) {
        outcomes.ok++;
        acks.links.push({ org, tg, present: add, auditId: p.auditId, at: Date.now() });
      } else if (p?.errors.length) outcomes.userErrors++; // removing a link that is not there: NOT_FOUND
    }
  }
}

console.log(`load: ${EDITORS} editors, ${SECONDS} s, against ${url}`);
const started = Date.now();
const until = started + SECONDS * 1000;
await Promise.all(Array.from({ length: EDITORS }, (_, i) => editorLoop(i, until)));
const elapsed = (Date.now() - started) / 1000;

// ---- verification: every acknowledged write is in the store and in the audit trail
const problems: string[] = [];
const auditOf = async (id: string) => (await admin.gql<{ auditRecord: { entityId: string; action: string; after: string | null; actorId: string } | null }>('query ($id: ID!) { auditRecord(id: $id) { entityId action after actorId } }', { id })).body.data?.auditRecord ?? null;
for (const u of acks.updates) {
  const a = await auditOf(u.auditId);
  if (!a) problems.push(`update ${u.auditId} has no audit record`);
  else if (a.entityId !== u.org || !a.after?.includes(JSON.stringify(u.description).slice(1, -1))) problems.push(`audit ${u.auditId} does not hold the acknowledged update`);
}
for (const l of acks.links) {
  const a = await auditOf(l.auditId);
  // Adding a link that is already there records LINK_UPDATE (with what it replaced).
  const expected = l.present ? ['LINK_ADD', 'LINK_UPDATE'] : ['LINK_REMOVE'];
  if (!a || !expected.includes(a.action) || a.entityId !== l.org) problems.push(`link change ${l.auditId} has no matching audit record`);
}
for (const org of hot) {
  const ups = acks.updates.filter((u) => u.org === org).sort((a, b) => a.version - b.version);
  if (new Set(ups.map((u) => u.version)).size !== ups.length) problems.push(`${org}: two acknowledged updates produced the same version (a lost update)`);
  const o = (await admin.gql<{ organisation: { version: number; description: string | null; targetGroups: { id: string }[] } }>('query ($id: ID!) { organisation(id: $id) { version description targetGroups { id } } }', { id: org })).body.data!.organisation;
  const last = ups[ups.length - 1];
  if (last && (o.version !== last.version || o.description !== last.description)) problems.push(`${org}: the store holds version ${o.version} "${o.description}", the last acknowledged update was ${last.version} "${last.description}"`);
  // Audit ids sort by commit time: the last acknowledged link change per target group decides whether it is there.
  const lastLink = new Map<string, AckLink>();
  for (const l of acks.links.filter((x) => x.org === org).sort((a, b) => (a.auditId < b.auditId ? -1 : 1))) lastLink.set(l.tg, l);
  const present = new Set(o.targetGroups.map((t) => t.id));
  for (const [tg, l] of lastLink) if (present.has(tg) !== l.present) problems.push(`${org}: ${tg} should be ${l.present ? 'linked' : 'unlinked'} after ${l.auditId}`);
}

const perKind = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, latency(v)]));
const all = latency(Object.values(samples).flat());
const requests = Object.values(samples).reduce((n, v) => n + v.length, 0);
const report = {
  when: new Date().toISOString(),
  editors: EDITORS,
  seconds: Math.round(elapsed * 10) / 10,
  requests,
  requestsPerSecond: Math.round((requests / elapsed) * 10) / 10,
  acknowledgedWrites: acks.updates.length + acks.links.length,
  acknowledgedWritesPerSecond: Math.round(((acks.updates.length + acks.links.length) / elapsed) * 10) / 10,
  outcomes,
  httpStatuses: Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])),
  latencyMs: { all, ...perKind, p99: Math.round((Object.values(samples).flat().sort((a, b) => a - b)[Math.floor(requests * 0.99)] ?? 0) * 100) / 100 },
  lostWrites: problems.length,
  problems: problems.slice(0, 20),
  note: 'Server in a child process on loopback, embedded LadybugDB (one writer at a time), seeded Stockholm graph; writes target 20 organisations so editors collide (CONFLICT answers are counted, not errors). Per-user mutation limit raised to 100000/min for the run.',
};
console.table(Object.fromEntries(Object.entries(perKind).map(([k, v]) => [k, v])));
console.log(JSON.stringify({ ...report, latencyMs: undefined }, null, 2));
fs.mkdirSync('bench-results', { recursive: true });
fs.writeFileSync('bench-results/load.json', JSON.stringify(report, null, 2));
console.log('written to bench-results/load.json');
child.send({ stop: true });
await new Promise((r) => child.once('exit', r));
process.exit(outcomes.server5xx === 0 && problems.length === 0 ? 0 : 1);
