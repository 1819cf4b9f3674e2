/**
 * `npm run bench:cluster`: three app servers behind nginx on one Neo4j (started here when
 * NEO4J_URI is unset), seeded with the Stockholm graph.
 * - load: 50 editors for 60 s mixing reads and writes through nginx; 5xx, acknowledged writes all
 *   found in the database afterwards, conflicts all justified;
 * - freshness: a write through server A, and how long after A acknowledged it servers B and C show it in search and
 *   the profile (target p95 1 s) and in overlaps, suggestions and coverage (target p95 5 s);
 * - scaling: search requests per second through nginx with 1, 2 and 3 servers.
 * Prints and writes bench-results/cluster.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { latency } from '../graph/stats.js';
import { Neo4jEngine } from '../../graph/engines/neo4j.js';
import { startCluster } from '../../tools/cluster/cluster.js';
import { startNginx } from '../../tools/cluster/nginx.js';
import { runEditors, verifyEditors } from '../../tools/cluster/editors.js';
import { emptyTestDatabase } from '../../tools/neo4j/test-database.js';
import { freePorts, launchNeo4j, type RunningNeo4j } from '../../tools/neo4j/launch.js';

const { values } = parseArgs({
  options: {
    editors: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '60' },
    trials: { type: 'string', default: '20' },
    duration: { type: 'string', default: '10' },
  },
});
const progress = (what: string) => console.error(`[bench:cluster ${new Date().toISOString().slice(11, 19)}] ${what}`);
const ADMIN = { email: 'bench.admin@stad.example', password: 'ett långt lösenord för mätningen' };

let launched: RunningNeo4j | null = null;
let home: string | null = null;
let uri = process.env['NEO4J_URI'];
if (!uri) {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'samverkan-bench-cluster-'));
  const port = await freePorts(1, 27787);
  progress(`starting Neo4j on port ${port}`);
  launched = await launchNeo4j({ home, port, heap: '2g', pageCache: '512m' });
  uri = launched.uri;
}
await emptyTestDatabase(uri, { user: process.env['NEO4J_USER'] ?? 'neo4j', password: process.env['NEO4J_PASSWORD'] ?? '' });

progress('starting three servers at once on the empty database');
const t0 = performance.now();
const cluster = await startCluster({
  neo4jUri: uri,
  servers: 3,
  env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, COOKIE_SECURE: 'false', RATE_LIMIT_MUTATIONS_PER_MINUTE: '100000', RATE_LIMIT_SIGNIN_PER_MINUTE: '100000' },
});
const startMs = performance.now() - t0;
const engine = await Neo4jEngine.open({ uri, user: 'neo4j', password: '' });

interface Session {
  url: string;
  cookie: string;
  csrf: string;
}
async function gql<T>(s: Session, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(`${s.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf }, body: JSON.stringify({ query, variables }) });
  for (const c of res.headers.getSetCookie()) if (c.startsWith('samverkan_session=')) s.cookie = c.split(';')[0]!;
  const body = (await res.json()) as { data: T; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}
async function signedIn(url: string): Promise<Session> {
  const s: Session = { url, cookie: '', csrf: '' };
  const r = await gql<{ signIn: { viewer: { csrfToken: string } } }>(s, 'mutation ($e: String!, $p: String!) { signIn(email: $e, password: $p) { viewer { csrfToken } } }', { e: ADMIN.email, p: ADMIN.password });
  s.csrf = r.signIn.viewer.csrfToken;
  return s;
}

try {
  progress(`load: ${values.editors} editors for ${values.seconds} s through nginx`);
  const run = await runEditors(cluster.url, { admin: ADMIN, editors: Number(values.editors), seconds: Number(values.seconds), organisations: 40 });
  const check = await verifyEditors(engine, run);
  const load = {
    editors: Number(values.editors),
    seconds: Number(values.seconds),
    requests: run.requests,
    requestsPerSecond: Math.round(run.requests / Number(values.seconds)),
    acknowledgedWrites: run.acknowledged.length,
    conflicts: run.conflicts.length,
    status5xx: run.status5xx,
    samples5xx: run.samples5xx,
    failures: run.failures.length,
    lostAcknowledgedWrites: check.lost.length,
    unjustifiedConflicts: check.unjustifiedConflicts.length,
    latencyMs: { search: latency(run.latencies.search), profile: latency(run.latencies.profile), update: latency(run.latencies.update) },
  };
  progress(`load: ${JSON.stringify(load)}`);

  progress(`freshness: ${values.trials} writes through A, seen through B and C`);
  const [a, b, c] = await Promise.all(cluster.servers.map((s) => signedIn(s.url)));
  const seen: Record<string, number[]> = { search: [], profile: [], coverage: [], overlaps: [], suggestions: [] };
  const until = async (kind: string, check: () => Promise<boolean>, from: number) => {
    for (;;) {
      if (await check()) return void seen[kind]!.push(performance.now() - from);
      if (performance.now() - from > 60_000) throw new Error(`${kind}: not seen within 60 s`);
      // Every 50 ms: ten loops asking at once are load of their own, and would measure themselves.
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  // Measured apart from the load phase: once the servers have caught up with it.
  await new Promise((r) => setTimeout(r, 10_000));
  for (let i = 0; i < Number(values.trials); i++) {
    const word = `friskhet${i}x${Date.now().toString(36)}`;
    const created = await gql<{ createOrganisation: { organisation: { id: string } } }>(a!, 'mutation ($n: String!) { createOrganisation(input: {name: $n}) { organisation { id } } }', { n: `Färskhetsföreningen ${word}` });
    // From the moment the write is acknowledged.
    const from = performance.now();
    const id = created.createOrganisation.organisation.id;
    // Search and profile first, then (after the links) the analytics: asked at once, the analytics'
    // heavier polls would hold up the servers that the search is timed on.
    await Promise.all(
      [b!, c!].flatMap((s) => [
        until('search', async () => (await gql<{ organisations: { edges: { node: { id: string } }[] } }>(s, 'query ($t: String!) { organisations(filter: {text: $t}, first: 3) { edges { node { id } } } }', { t: word })).organisations.edges.some((e) => e.node.id === id), from),
        until('profile', async () => (await gql<{ organisation: { id: string } | null }>(s, 'query ($id: ID!) { organisation(id: $id) { id } }', { id })).organisation !== null, from),
      ]),
    );
    await gql(a!, 'mutation ($id: ID!) { t: addOrganisationLink(id: $id, kind: TARGET_GROUP, targetId: "tg:hemlosa") { errors { code } } d: addOrganisationLink(id: $id, kind: DISTRICT, targetId: "district:sdo-farsta") { errors { code } } }', { id });
    const linkedAt = performance.now();
    await Promise.all(
      [b!, c!].flatMap((s) => [
        until(
          'coverage',
          async () =>
            (await gql<{ coverage: { cells: { district: { id: string }; local: { organisation: { id: string } }[] }[] } }>(s, '{ coverage(targetGroups: ["tg:hemlosa"], level: STADSDELSOMRADE, maxListed: 100) { cells { district { id } local { organisation { id } } } } }')).coverage.cells.some(
              (cell) => cell.district.id === 'district:sdo-farsta' && cell.local.some((l) => l.organisation.id === id),
            ),
          linkedAt,
        ),
        until('overlaps', async () => (await gql<{ overlaps: { nodes: { id: string }[] } }>(s, '{ overlaps(filter: {targetGroups: ["tg:hemlosa"]}, includeIsolated: true) { nodes { id } } }')).overlaps.nodes.some((n) => n.id === id), linkedAt),
        // Until the server's analytics know of the organisation they answer its id as unknown: not yet seen.
        until('suggestions', async () => (await gql<{ partnershipSuggestions: unknown[] }>(s, 'query ($id: ID!) { partnershipSuggestions(organisationId: $id, first: 5) { score } }', { id }).catch((e: Error) => (e.message.includes('UNKNOWN_ID') ? { partnershipSuggestions: [] } : Promise.reject(e)))).partnershipSuggestions.length > 0, linkedAt),
      ]),
    );
  }
  const freshness = Object.fromEntries(Object.entries(seen).map(([k, v]) => [k, latency(v)]));
  progress(`freshness (ms): ${JSON.stringify(freshness)}`);

  progress('scaling: search through nginx with 1, 2 and 3 servers');
  const bodies = ['hemlösa', 'äldre Farsta', 'förening', 'demens', 'Stadsmisionen', 'nyanlända Kista', 'lokaler', 'barn och unga'].map((t) => JSON.stringify({ query: 'query ($t: String!) { organisations(filter: {text: $t}, first: 20) { totalCount edges { node { id name } } } }', variables: { t } }));
  const scaling: { servers: number; requestsPerSecond: number; p50: number; p95: number; errors: number }[] = [];
  for (const n of [1, 2, 3]) {
    const port = await freePorts(1, 32000 + n * 10);
    const nginx = await startNginx(port, cluster.servers.slice(0, n).map((s) => s.url));
    const worker = new Worker(new URL('../api/load-worker.mjs', import.meta.url), { workerData: { url: `${nginx.url}/graphql`, connections: 20, duration: Number(values.duration), bodies } });
    const answer = await new Promise<{ times: number[]; errors: number }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    await nginx.stop();
    const l = latency(answer.times);
    scaling.push({ servers: n, requestsPerSecond: Math.round(answer.times.length / Number(values.duration)), p50: l.p50, p95: l.p95, errors: answer.errors });
    progress(`scaling: ${JSON.stringify(scaling.at(-1))}`);
  }

  const report = {
    benchmark: 'cluster',
    at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 1024 ** 3), node: process.version },
    loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
    servers: 3,
    startMs: Math.round(startMs),
    load,
    freshness,
    scaling,
    targets: { freshSearchProfileP95Ms: 1000, freshAnalyticsP95Ms: 5000 },
    met: {
      noFailures: load.status5xx === 0 && load.lostAcknowledgedWrites === 0 && load.unjustifiedConflicts === 0,
      searchProfile: freshness['search']!.p95 <= 1000 && freshness['profile']!.p95 <= 1000,
      analytics: freshness['coverage']!.p95 <= 5000 && freshness['overlaps']!.p95 <= 5000 && freshness['suggestions']!.p95 <= 5000,
    },
  };
  fs.mkdirSync('bench-results', { recursive: true });
  fs.writeFileSync('bench-results/cluster.json', JSON.stringify(report, null, 2));
  console.log(`three servers behind nginx on Neo4j 5.26 (started together in ${(startMs / 1000).toFixed(1)} s)`);
  console.log(`load: ${load.editors} editors, ${load.seconds} s: ${load.requests} requests (${load.requestsPerSecond}/s), ${load.acknowledgedWrites} acknowledged writes, ${load.conflicts} conflicts (${load.unjustifiedConflicts} unjustified), ${load.status5xx} 5xx, ${load.lostAcknowledgedWrites} lost; p50/p95 ms search ${load.latencyMs.search.p50}/${load.latencyMs.search.p95}, profile ${load.latencyMs.profile.p50}/${load.latencyMs.profile.p95}, update ${load.latencyMs.update.p50}/${load.latencyMs.update.p95}`);
  console.log(`freshness through the other servers, p50/p95 ms: ${Object.entries(freshness).map(([k, l]) => `${k} ${l.p50}/${l.p95}`).join(', ')} (targets: search and profile 1,000, analytics 5,000)`);
  console.log(`scaling (search, 20 clients through nginx): ${scaling.map((s) => `${s.servers} server${s.servers > 1 ? 's' : ''} ${s.requestsPerSecond} req/s (p95 ${s.p95} ms)`).join(', ')}; ratio 3:1 ${(scaling[2]!.requestsPerSecond / scaling[0]!.requestsPerSecond).toFixed(2)} on ${os.cpus().length} cores`);
  console.log(`load average ${report.loadAverage.join(', ')}; written to bench-results/cluster.json`);
} finally {
  await engine.close();
  await cluster.stop();
  await launched?.stop();
  if (home) fs.rmSync(home, { recursive: true, force: true });
}
