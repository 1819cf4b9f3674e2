/**
 * `npm run bench:engines`: both engines in one run, on the same generated graph, at Stockholm
 * scale and at Sweden scale (250,000 organisations). For each engine and scale:
 * - load: the seed and the synthetic graph into an empty store by the engine's bulk path;
 * - filter search (a target group in a district, page of 50 with the total), text search (the
 *   full-text index: words of names, typos, everyday words with a district), profile, and 2-hop
 *   neighbourhood: p50/p95 in process and over HTTP (autocannon in a worker thread) at 1 and 20
 *   clients;
 * - raw Cypher: the statements one request runs on the engine (recorded from the store with no
 *   in-process read model, then replayed directly on the engine in one read transaction), p50;
 * - the ratio of HTTP p50 to that raw Cypher p50, at 1 and 20 clients.
 * Neo4j is the one at NEO4J_URI (it must be empty or a marked test database: it is emptied), or
 * one started here (Java 17 and Maven). Prints a table and writes bench-results/engines.json.
 *
 *   npm run bench:engines -- [--scales stockholm,sweden] [--seed 1] [--samples 300] [--duration 10]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { EmbeddedEngine } from '../../graph/engines/embedded.js';
import { Neo4jEngine } from '../../graph/engines/neo4j.js';
import type { GraphEngine, Tx } from '../../graph/engines/port.js';
import type { Statement } from '../../graph/cypher/statement.js';
import { applySchema } from '../../graph/schema/apply.js';
import { storeOver, type GraphStore } from '../../graph/store.js';
import { latency, measureConcurrently, type Latency } from '../graph/stats.js';
import { drawSamples } from '../graph/samples.js';
import { buildSeedBatch } from '../../seeds/load/build-batch.js';
import { seedStore } from '../../seeds/load/seed.js';
import { generateSynthetic } from '../../seeds/synthetic/generate.js';
import { baseFromSeed } from '../../seeds/synthetic/base.js';
import { startServer } from '../../server/app.js';
import { emptyTestDatabase } from '../../tools/neo4j/test-database.js';
import { freePorts, launchNeo4j, type RunningNeo4j } from '../../tools/neo4j/launch.js';
import { TEXT_SEARCH_QUERY, drawTextQueries } from './text-queries.js';

const { values } = parseArgs({
  options: {
    scales: { type: 'string', default: 'stockholm,sweden' },
    seed: { type: 'string', default: '1' },
    samples: { type: 'string', default: '300' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '20' },
  },
});
const scales = values.scales.split(',') as ('stockholm' | 'sweden')[];
const seed = Number(values.seed);
const samples = Number(values.samples);
const duration = Number(values.duration);
const connections = Number(values.connections);
const progress = (what: string) => console.error(`[bench:engines ${new Date().toISOString().slice(11, 19)}] ${what}`);

const Q = {
  filter: `query Search($f: OrganisationFilter) { organisations(filter: $f, first: 50) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name } } } }`,
  text: TEXT_SEARCH_QUERY,
  profile: `query Profile($id: ID!) { organisation(id: $id) { id name aliases orgNumber legalForm description website version provenance { basis confidence }
    targetGroups { id name detail role provenance { basis confidence } } districts { id name detail role provenance { basis confidence } }
    agreements { id name detail role provenance { basis confidence } } collaborations { id name detail role provenance { basis confidence } }
    resourcesOffered { id name detail } resourcesNeeded { id name detail } umbrellas { id name detail } } }`,
  neighbourhood: `query Near($id: ID!) { organisation(id: $id) { id neighbourhood(first: 50) { localPeers { organisation { id name } shared sharedTargetGroups } partnersOfPartners { organisation { id name } shared sharedTargetGroups } } } }`,
};
type Kind = keyof typeof Q;
const KINDS = Object.keys(Q) as Kind[];

interface Recorded {
  statement: Statement<object, unknown>;
  params: object;
}

/** Runs reads through `inner` and records the statements each ran (for the raw Cypher replay). */
class RecordingEngine implements GraphEngine {
  recorded: Recorded[] = [];
  constructor(private readonly inner: GraphEngine) {}
  get kind() {
    return this.inner.kind;
  }
  read<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.inner.read((tx) => work({ run: (statement, params) => (this.recorded.push({ statement: statement as Statement<object, unknown>, params }), tx.run(statement, params)) }));
  }
  write<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.inner.write(work);
  }
  bulkLoad(...a: Parameters<GraphEngine['bulkLoad']>) {
    return this.inner.bulkLoad(...a);
  }
  exclusively<T>(name: string, work: () => Promise<T>): Promise<T> {
    return this.inner.exclusively(name, work);
  }
  recoverBulkLoad(...a: Parameters<GraphEngine['recoverBulkLoad']>) {
    return this.inner.recoverBulkLoad(...a);
  }
  applySchema(s: readonly string[]) {
    return this.inner.applySchema(s);
  }
  describe() {
    return this.inner.describe();
  }
  close() {
    return this.inner.close();
  }
}

const concurrently = (concurrency: number, count: number, run: (i: number) => Promise<unknown>) => measureConcurrently(concurrency, count, run, 10);

interface HttpRun extends Latency {
  clients: number;
  requestsPerSecond: number;
  errors: number;
}

async function http(url: string, clients: number, bodies: string[]): Promise<HttpRun> {
  const worker = new Worker(new URL('../api/load-worker.mjs', import.meta.url), { workerData: { url: `${url}/graphql`, connections: clients, duration, bodies } });
  const answer = await new Promise<{ times?: number[]; errors?: number; error?: string }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  if (answer.error || !answer.times) throw new Error(`load worker: ${answer.error}`);
  return { ...latency(answer.times), clients, requestsPerSecond: Math.round(answer.times.length / duration), errors: answer.errors ?? 0 };
}

interface EngineResult {
  engine: string;
  loadMs: number;
  nodes: number;
  relationships: number;
  warmMs: number;
  queries: Record<Kind, { inProcess1: Latency; inProcessN: Latency; http1: HttpRun; httpN: HttpRun; rawCypher1: Latency; rawCypherN: Latency; statementsPerRequest: number; ratio: { oneClient: number; concurrent: number } }>;
}

async function benchEngine(kind: 'embedded' | 'neo4j', scale: string, neo4jUri: string | null): Promise<EngineResult[]> {
  const seedBatch = buildSeedBatch();
  const { batch, stats } = generateSynthetic({ scale: scale as 'stockholm' | 'sweden', seed, base: baseFromSeed(seedBatch), now: Date.UTC(2026, 10, 1) });
  const drawn = drawSamples(batch, seedBatch, seed, samples);
  const texts = drawTextQueries(batch, seedBatch, seed, samples);
  const dir = kind === 'embedded' ? fs.mkdtempSync(path.join(os.tmpdir(), `samverkan-bench-engines-${scale}-`)) : null;
  let raw: GraphEngine;
  if (kind === 'embedded') raw = await EmbeddedEngine.open({ dataDir: dir!, bufferPoolBytes: 4 * 1024 ** 3 });
  else {
    await emptyTestDatabase(neo4jUri!, { user: process.env['NEO4J_USER'] ?? 'neo4j', password: process.env['NEO4J_PASSWORD'] ?? '' });
    raw = await Neo4jEngine.open({ uri: neo4jUri!, user: process.env['NEO4J_USER'] ?? 'neo4j', password: process.env['NEO4J_PASSWORD'] ?? '' });
  }
  try {
    const schema = await applySchema(raw);
    progress(`${kind} ${scale}: loading ${stats.organisations} organisations (${stats.nodes} nodes, ${stats.relationships} relationships)`);
    const t0 = performance.now();
    await seedStore(raw, seedBatch);
    const loaded = await raw.bulkLoad(batch);
    const loadMs = performance.now() - t0;
    progress(`${kind} ${scale}: loaded in ${(loadMs / 1000).toFixed(1)} s`);

    const results: EngineResult[] = [];
    // As `npm start` serves (the read model warm), and on Neo4j also with every read going to Cypher (READ_MODEL=false).
    for (const readModel of kind === 'embedded' ? [true] : [true, false]) {
      results.push({ ...(await measure(kind, scale, raw, schema, readModel, drawn, texts)), loadMs: Math.round(loadMs), nodes: loaded.nodes, relationships: loaded.relationships });
    }
    return results;
  } finally {
    await raw.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function measure(
  kind: 'embedded' | 'neo4j',
  scale: string,
  raw: GraphEngine,
  schema: Awaited<ReturnType<typeof applySchema>>,
  withReadModel: boolean,
  drawn: ReturnType<typeof drawSamples>,
  texts: string[],
): Promise<Omit<EngineResult, 'loadMs' | 'nodes' | 'relationships'>> {
  const label = `${kind}${withReadModel ? '' : ' (Cypher only)'} ${scale}`;
  {
    // As `npm start` serves: the read model where the engine has one, the search index warmed.
    const w0 = performance.now();
    let warm: Promise<void> = Promise.resolve();
    let ready!: () => void;
    if (withReadModel) warm = new Promise<void>((r) => (ready = r));
    const store: GraphStore = storeOver(raw, schema, withReadModel ? { readModel: { onLoaded: () => ready(), onError: (m: string) => progress(`read model: ${m}`) } } : {});
    await warm;
    await store.organisations.warmSearch();
    await store.organisations.list({ text: 'förening' }, { first: 1 });
    const warmMs = performance.now() - w0;
    progress(`${label}: read model and search index warm in ${(warmMs / 1000).toFixed(1)} s`);

    const variables: Record<Kind, (i: number) => Record<string, unknown>> = {
      filter: (i) => ({ f: { targetGroups: [drawn.pairs[i % drawn.pairs.length]!.tg], districts: [drawn.pairs[i % drawn.pairs.length]!.d] } }),
      text: (i) => ({ f: { text: texts[i % texts.length] } }),
      profile: (i) => ({ id: drawn.sampleOrgs[i % drawn.sampleOrgs.length] }),
      neighbourhood: (i) => ({ id: drawn.sampleOrgs[(i * 7) % drawn.sampleOrgs.length] }),
    };
    const calls: Record<Kind, (s: GraphStore, i: number) => Promise<unknown>> = {
      filter: (s, i) => s.organisations.list(variables.filter(i)['f'], { first: 50 }),
      text: (s, i) => s.organisations.list(variables.text(i)['f'], { first: 20 }),
      profile: (s, i) => s.organisations.profile(String(variables.profile(i)['id'])),
      neighbourhood: (s, i) => s.organisations.neighbourhood(String(variables.neighbourhood(i)['id']), 50),
    };

    // The statements each request runs on the engine itself (no read model), to replay as raw Cypher.
    const recording = new RecordingEngine(raw);
    const direct = storeOver(recording, schema);
    const replay: Record<Kind, Recorded[][]> = { filter: [], text: [], profile: [], neighbourhood: [] };
    for (const k of KINDS) {
      for (let i = 0; i < Math.min(samples, 100); i++) {
        recording.recorded = [];
        await calls[k](direct, i);
        replay[k].push(recording.recorded);
      }
    }
    direct.projections.close();

    const server = await startServer(store, { port: 0, host: '127.0.0.1', shutdownGraceMs: 2000, requestTimeoutMs: 60_000 });
    const queries = {} as EngineResult['queries'];
    try {
      for (const k of KINDS) {
        const sample = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: Q[k], variables: variables[k](0) }) });
        const text = await sample.text();
        if (sample.status !== 200 || text.includes('"errors"')) throw new Error(`${k}: sample request failed: ${sample.status} ${text.slice(0, 400)}`);
        progress(`${label}: ${k}`);
        const inProcess1 = await concurrently(1, samples, (i) => calls[k](store, i));
        const inProcessN = await concurrently(connections, samples, (i) => calls[k](store, i));
        const bodies = Array.from({ length: samples }, (_, i) => JSON.stringify({ query: Q[k], variables: variables[k](i) }));
        const http1 = await http(server.url, 1, bodies);
        const httpN = await http(server.url, connections, bodies);
        const replayOne = (i: number) => raw.read(async (tx) => {
          for (const r of replay[k][i % replay[k].length]!) await tx.run(r.statement, r.params);
        });
        const rawCypher1 = await concurrently(1, samples, replayOne);
        const rawCypherN = await concurrently(connections, samples, replayOne);
        const statementsPerRequest = replay[k].reduce((a, r) => a + r.length, 0) / replay[k].length;
        const ratio = (a: Latency, b: Latency) => Number((a.p50 / b.p50).toPrecision(3));
        queries[k] = { inProcess1, inProcessN, http1, httpN, rawCypher1, rawCypherN, statementsPerRequest, ratio: { oneClient: ratio(http1, rawCypher1), concurrent: ratio(httpN, rawCypherN) } };
      }
    } finally {
      await server.close();
    }
    store.projections.close();
    await store.readModel?.close();
    return { engine: `${kind === 'embedded' ? 'embedded (LadybugDB 0.19.1)' : 'neo4j (5.26 Community)'}${withReadModel ? ', reads from the read model' : ', every read to Cypher'}`, warmMs: Math.round(warmMs), queries };
  }
}

let launched: RunningNeo4j | null = null;
let home: string | null = null;
let neo4jUri = process.env['NEO4J_URI'] ?? null;
if (!neo4jUri) {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'samverkan-bench-neo4j-'));
  const port = await freePorts(1, 27687);
  progress(`starting Neo4j on port ${port}`);
  launched = await launchNeo4j({ home, port, heap: '6g', pageCache: '3g' });
  neo4jUri = launched.uri;
}

const report: Record<string, unknown> = {
  benchmark: 'engines',
  at: new Date().toISOString(),
  machine: { cpus: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 1024 ** 3), node: process.version },
  settings: { seed, samples, durationSecondsPerHttpRun: duration, connections },
  loadAverageAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
  scales: {} as Record<string, EngineResult[]>,
  targets: { neo4jSwedenTextSearchP95AtConcurrentMs: 40, ratioMax: 1.5 },
};
try {
  for (const scale of scales) {
    const results: EngineResult[] = [];
    for (const kind of ['embedded', 'neo4j'] as const) results.push(...(await benchEngine(kind, scale, neo4jUri)));
    (report['scales'] as Record<string, EngineResult[]>)[scale] = results;
    print(scale, results);
  }
} finally {
  await launched?.stop();
  if (home) fs.rmSync(home, { recursive: true, force: true });
}
report['loadAverageAtEnd'] = os.loadavg().map((x) => Math.round(x * 100) / 100);
const sweden = (report['scales'] as Record<string, EngineResult[]>)['sweden']?.find((r) => r.engine.startsWith('neo4j') && r.engine.includes('read model'));
if (sweden) {
  const met = {
    textSearchP95: sweden.queries.text.httpN.p95 < 40,
    filterSearchP95: sweden.queries.filter.httpN.p95 < 40,
    ratio: KINDS.every((k) => sweden.queries[k].ratio.oneClient <= 1.5 && sweden.queries[k].ratio.concurrent <= 1.5),
  };
  report['met'] = met;
  console.log(`targets (Neo4j, Sweden scale): text search p95 < 40 ms at ${connections} clients: ${met.textSearchP95 ? 'met' : 'MISSED'} (${sweden.queries.text.httpN.p95} ms); filter search: ${met.filterSearchP95 ? 'met' : 'MISSED'} (${sweden.queries.filter.httpN.p95} ms); HTTP p50 / raw Cypher p50 ≤ 1.5 for every query: ${met.ratio ? 'met' : 'MISSED'}`);
}
fs.mkdirSync('bench-results', { recursive: true });
fs.writeFileSync('bench-results/engines.json', JSON.stringify(report, null, 2));
console.log(`load average: ${(report['loadAverageAtStart'] as number[]).join(', ')} at the start, ${(report['loadAverageAtEnd'] as number[]).join(', ')} at the end; written to bench-results/engines.json`);

function print(scale: string, results: EngineResult[]): void {
  console.log(`\n${scale} scale (seed ${seed}):`);
  for (const r of results) {
    console.log(`  ${r.engine}: load ${(r.loadMs / 1000).toFixed(1)} s (${r.nodes} nodes, ${r.relationships} relationships), warm ${(r.warmMs / 1000).toFixed(1)} s`);
    console.log(`    ${'query'.padEnd(14)} ${'in process 1'.padStart(14)} ${`in process ${connections}`.padStart(15)} ${'HTTP 1'.padStart(14)} ${`HTTP ${connections}`.padStart(14)} ${'raw Cypher 1'.padStart(14)} ${`raw ${connections}`.padStart(14)}  ratio 1 / ${connections}  (p50/p95 ms)`);
    for (const k of KINDS) {
      const q = r.queries[k];
      const f = (l: Latency) => `${l.p50}/${l.p95}`.padStart(14);
      console.log(`    ${k.padEnd(14)} ${f(q.inProcess1)} ${f(q.inProcessN).padStart(15)} ${f(q.http1)} ${f(q.httpN)} ${f(q.rawCypher1)} ${f(q.rawCypherN)}  ${q.ratio.oneClient} / ${q.ratio.concurrent}  (${q.statementsPerRequest.toFixed(1)} statements, ${q.httpN.requestsPerSecond} req/s, ${q.httpN.errors} errors)`);
    }
  }
}
