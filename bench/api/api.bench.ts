/**
 * `npm run bench:api`: the GraphQL API over HTTP at Sweden scale (the synthetic graph of
 * bench/graph/sweden-store.ts in data/bench/, built once and reused with `-- --reuse`).
 *
 * For the organisation search (a target group in a district, page of 50, with totalCount), the
 * text search (words of names, their starts, typos, an everyday word with a district) and the
 * profile query (one organisation with all its links and their provenance) it measures, in one run:
 * - raw: the same repository call in process (store.organisations.list / .profile), sequentially
 *   and with 20 concurrent callers;
 * - HTTP: autocannon on loopback (in a worker thread, on the other core), 1 client and 20 concurrent
 *   clients, each request a different sample;
 * - engine: the same repository call with the read model bypassed (the Cypher statements on
 *   LadybugDB, as bench:graph's `--engine-only`), sequentially and with 20 concurrent callers;
 * and prints p50/p95 and the ratios HTTP p50 / raw p50 and HTTP p50 / engine p50 at equal
 * concurrency. Writes bench-results/api.json. Targets: search and text search p95 < 40 ms at 20 clients; ratio ≤ 1.5.
 * `--profile DIR` writes a CPU profile of the server during each HTTP run at 20 clients.
 *
 * Where the branch has the in-process read model (graph/readmodel/), the store serves reads from
 * it, as `npm start` does, and the benchmark waits for it to be warm before measuring.
 */
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import path from 'node:path';
import { Session } from 'node:inspector/promises';
import { Worker } from 'node:worker_threads';
import { storeOver } from '../../graph/store.js';
import { openSwedenStore } from '../graph/sweden-store.js';
import { latency, measureConcurrently, type Latency } from '../graph/stats.js';
import { drawSamples } from '../graph/samples.js';
import { startServer } from '../../server/app.js';
import { TEXT_SEARCH_QUERY, drawTextQueries } from '../engines/text-queries.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    samples: { type: 'string', default: '400' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '20' },
    reuse: { type: 'boolean', default: false },
    /** Samples of the engine path (read model bypassed): a search there takes some 200 ms. */
    'engine-samples': { type: 'string', default: '100' },
    /** Writes a V8 CPU profile of each HTTP run at `connections` clients into this folder. */
    profile: { type: 'string' },
  },
});
const seed = Number(values.seed);
const samples = Number(values.samples);
const duration = Number(values.duration);
const connections = Number(values.connections);
const engineSamples = Number(values['engine-samples']);
const progress = (what: string) => console.error(`[bench:api] ${what}`);

const SEARCH = `query Search($f: OrganisationFilter, $first: Int) {
  organisations(filter: $f, first: $first) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name } } }
}`;
const LINK = 'id name detail role provenance { basis confidence sourceId: locator recordedAt }';
const PROFILE = `query Profile($id: ID!) {
  organisation(id: $id) {
    id name aliases orgNumber legalForm description website contactVerifiedAt version
    provenance { basis confidence recordedAt }
    targetGroups { ${LINK} } districts { ${LINK} } agreements { ${LINK} } collaborations { ${LINK} }
    resourcesOffered { ${LINK} } resourcesNeeded { ${LINK} } umbrellas { ${LINK} }
  }
}`;

progress(values.reuse ? 'opening the Sweden-scale store (reused if built)' : 'generating and loading the Sweden-scale graph');
const sweden = await openSwedenStore(seed, { fresh: !values.reuse });
const { engine, stats, seedBatch } = sweden;
const batch = sweden.batch!;

// Samples drawn from the data, as bench:graph draws them.
const drawn = drawSamples(batch, seedBatch, seed, samples);
const filters = drawn.pairs.map((p) => ({ targetGroups: [p.tg], districts: [p.d] }));
const profileIds = drawn.sampleOrgs;
// Text searches as bench:engines draws them: a word of a name, its start, one with a typo, an everyday word with a district.
const texts = drawTextQueries(batch, seedBatch, seed, samples);
sweden.batch = null; // let the generated batch go before timing

// The read model (graph/readmodel/) serves the repositories' reads in process; the benchmark
// waits for it to be warm and reports its load time apart.
const readModelStarted = performance.now();
let readModelLoaded: unknown = null;
let loaded!: () => void;
let loadFailed!: (e: Error) => void;
const warm = new Promise<void>((resolve, reject) => {
  loaded = resolve;
  loadFailed = reject;
});
const store = storeOver(engine, { from: 1, to: 1, columnsAdded: [] }, {
  readModel: {
    onLoaded: (timings: unknown) => {
      readModelLoaded = timings;
      loaded();
    },
    onError: (message: string) => loadFailed(new Error(`read model: ${message}`)),
  },
} as never);
const withReadModel = Boolean((store as unknown as { readModel?: unknown }).readModel);
if (withReadModel) {
  progress('loading the read model');
  await warm;
  progress(`read model ready in ${((performance.now() - readModelStarted) / 1000).toFixed(1)} s`);
} else progress('no read model on this branch: the repositories read from LadybugDB');
const readModelMs = withReadModel ? performance.now() - readModelStarted : null;

/** In-process latency of `run` over the samples, `concurrency` callers at a time. */
const raw = (concurrency: number, run: (i: number) => Promise<unknown>, count = samples) => measureConcurrently(concurrency, count, run, 20);

interface HttpRun extends Latency {
  connections: number;
  requests: number;
  requestsPerSecond: number;
  errors: number;
  /**
   * CPU time of the server's thread (this process's main thread; the load runs in a worker) per
   * request, in microseconds: what one request costs the server, much less sensitive to other
   * load on the machine than latency. Null where /proc is not there.
   */
  serverCpuUsPerRequest: number | null;
}

/** CPU milliseconds the main thread has used (Linux: /proc/self/task/<pid>/stat, utime + stime in clock ticks of 10 ms). */
function mainThreadCpuMs(): number | null {
  try {
    const stat = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/**
 * autocannon on loopback, in a worker thread (bench/api/load-worker.mjs) so the load generator
 * runs on the other core, not on the server's event loop; each request the next sample; latency
 * per response; any GraphQL error counts.
 */
async function http(url: string, clients: number, body: (i: number) => string, profileAs?: string): Promise<HttpRun> {
  const bodies = Array.from({ length: samples }, (_, i) => body(i));
  // The server runs in this process: the inspector profiles its main thread (the load worker apart).
  const session = profileAs && values.profile ? new Session() : null;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  const cpuBefore = mainThreadCpuMs();
  const worker = new Worker(new URL('./load-worker.mjs', import.meta.url), { workerData: { url: `${url}/graphql`, connections: clients, duration, bodies } });
  const answer = await new Promise<{ times?: number[]; errors?: number; error?: string }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  const cpuAfter = mainThreadCpuMs();
  await worker.terminate();
  if (session) {
    const { profile } = await session.post('Profiler.stop');
    fs.mkdirSync(values.profile!, { recursive: true });
    fs.writeFileSync(path.join(values.profile!, `${profileAs}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
  if (answer.error || !answer.times) throw new Error(`load worker: ${answer.error}`);
  const l = latency(answer.times);
  const serverCpuUsPerRequest = cpuBefore === null || cpuAfter === null || !answer.times.length ? null : Math.round(((cpuAfter - cpuBefore) * 1000) / answer.times.length);
  return { ...l, connections: clients, requests: answer.times.length, requestsPerSecond: Math.round(answer.times.length / duration), errors: answer.errors ?? 0, serverCpuUsPerRequest };
}

const server = await startServer(store, { port: 0, host: '127.0.0.1', shutdownGraceMs: 2000, requestTimeoutMs: 30_000 });
try {
  // A sample of each over HTTP must answer without errors before anything is timed.
  for (const [query, variables] of [[SEARCH, { f: filters[0], first: 50 }], [PROFILE, { id: profileIds[0] }], [TEXT_SEARCH_QUERY, { f: { text: texts[0] } }]] as const) {
    const res = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    const text = await res.text();
    if (res.status !== 200 || text.includes('"errors"')) throw new Error(`sample request failed: ${res.status} ${text.slice(0, 500)}`);
  }
  const searchBody = (i: number) => JSON.stringify({ query: SEARCH, variables: { f: filters[i % filters.length], first: 50 } });
  const profileBody = (i: number) => JSON.stringify({ query: PROFILE, variables: { id: profileIds[i % profileIds.length] } });
  const search = (i: number) => store.organisations.list(filters[i % filters.length]!, { first: 50 });
  const profile = (i: number) => store.organisations.profile(profileIds[i % profileIds.length]!);
  const textBody = (i: number) => JSON.stringify({ query: TEXT_SEARCH_QUERY, variables: { f: { text: texts[i % texts.length] } } });
  const textSearch = (i: number) => store.organisations.list({ text: texts[i % texts.length]! }, { first: 20 });

  progress('search: raw, sequential and 20 concurrent');
  const searchRaw1 = await raw(1, search);
  const searchRawN = await raw(connections, search);
  progress('search: HTTP, 1 client and 20 clients');
  const searchHttp1 = await http(server.url, 1, searchBody);
  const searchHttpN = await http(server.url, connections, searchBody, 'search');
  // The in-memory search index is built at the first text search; measured once it is.
  await store.organisations.warmSearch();
  progress('text search: raw, sequential and 20 concurrent');
  const textRaw1 = await raw(1, textSearch);
  const textRawN = await raw(connections, textSearch);
  progress('text search: HTTP, 1 client and 20 clients');
  const textHttp1 = await http(server.url, 1, textBody);
  const textHttpN = await http(server.url, connections, textBody, 'text');
  progress('profile: raw, sequential and 20 concurrent');
  const profileRaw1 = await raw(1, profile);
  const profileRawN = await raw(connections, profile);
  progress('profile: HTTP, 1 client and 20 clients');
  const profileHttp1 = await http(server.url, 1, profileBody);
  const profileHttpN = await http(server.url, connections, profileBody, 'profile');

  // The same repository calls with the read model bypassed: the statements on LadybugDB.
  const direct = storeOver(engine, { from: 1, to: 1, columnsAdded: [] });
  const engineSearch = (i: number) => direct.organisations.list(filters[i % filters.length]!, { first: 50 });
  const engineProfile = (i: number) => direct.organisations.profile(profileIds[i % profileIds.length]!);
  progress(`search: engine (read model bypassed), sequential and ${connections} concurrent, ${engineSamples} samples`);
  const searchEngine1 = await raw(1, engineSearch, engineSamples);
  const searchEngineN = await raw(connections, engineSearch, engineSamples);
  progress(`profile: engine (read model bypassed), sequential and ${connections} concurrent, ${engineSamples} samples`);
  const profileEngine1 = await raw(1, engineProfile, engineSamples);
  const profileEngineN = await raw(connections, engineProfile, engineSamples);
  direct.projections.close();

  // Three significant digits: against the engine path the ratio is far below 1.
  const ratio = (a: Latency, b: Latency) => Number((a.p50 / b.p50).toPrecision(3));
  const report = {
    benchmark: 'api',
    engine: withReadModel ? 'embedded (LadybugDB 0.19.1), reads from the in-process read model' : 'embedded (LadybugDB 0.19.1), reads from the engine (no read model on this branch)',
    machine: { cpus: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 1024 ** 3), node: process.version },
    at: new Date().toISOString(),
    seed,
    graph: { organisations: stats.organisations, nodes: stats.nodes, relationships: stats.relationships },
    store: { load: sweden.load, readModel: withReadModel, readModelMs: readModelMs === null ? null : Math.round(readModelMs), readModelLoad: readModelLoaded },
    settings: { samples, engineSamples, durationSecondsPerHttpRun: duration, connections, loopback: true },
    load: { loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100) },
    search: {
      query: 'organisations(filter: {targetGroups: [tg], districts: [d]}, first: 50) { totalCount pageInfo edges { cursor node { id name } } }',
      rawSequential: searchRaw1,
      rawConcurrent: searchRawN,
      http1: searchHttp1,
      httpConcurrent: searchHttpN,
      engineSequential: searchEngine1,
      engineConcurrent: searchEngineN,
      ratioHttpToRawP50: { oneClient: ratio(searchHttp1, searchRaw1), concurrent: ratio(searchHttpN, searchRawN) },
      ratioHttpToEngineP50: { oneClient: ratio(searchHttp1, searchEngine1), concurrent: ratio(searchHttpN, searchEngineN) },
    },
    textSearch: {
      query: 'organisations(filter: {text}, first: 20) { totalCount edges { node match { score coveredWords highlights } } search { meant didYouMean } }',
      rawSequential: textRaw1,
      rawConcurrent: textRawN,
      http1: textHttp1,
      httpConcurrent: textHttpN,
      ratioHttpToRawP50: { oneClient: ratio(textHttp1, textRaw1), concurrent: ratio(textHttpN, textRawN) },
    },
    profile: {
      query: 'organisation(id) { scalars, provenance, and its seven kinds of links with provenance }',
      rawSequential: profileRaw1,
      rawConcurrent: profileRawN,
      http1: profileHttp1,
      httpConcurrent: profileHttpN,
      engineSequential: profileEngine1,
      engineConcurrent: profileEngineN,
      ratioHttpToRawP50: { oneClient: ratio(profileHttp1, profileRaw1), concurrent: ratio(profileHttpN, profileRawN) },
      ratioHttpToEngineP50: { oneClient: ratio(profileHttp1, profileEngine1), concurrent: ratio(profileHttpN, profileEngineN) },
    },
    targets: { searchP95AtConcurrentMs: 40, textSearchP95AtConcurrentMs: 40, ratioMax: 1.5 },
  };
  const met = {
    searchP95: searchHttpN.p95 < 40,
    textSearchP95: textHttpN.p95 < 40,
    searchRatio: report.search.ratioHttpToRawP50.oneClient <= 1.5 && report.search.ratioHttpToRawP50.concurrent <= 1.5,
    searchRatioToEngine: report.search.ratioHttpToEngineP50.oneClient <= 1.5 && report.search.ratioHttpToEngineP50.concurrent <= 1.5,
  };
  fs.mkdirSync('bench-results', { recursive: true });
  fs.writeFileSync('bench-results/api.json', JSON.stringify({ ...report, met }, null, 2));

  const row = (name: string, l: Latency & Partial<HttpRun>) =>
    `${name.padEnd(30)} ${String(l.p50).padStart(8)} ${String(l.p95).padStart(8)} ${String(l.max).padStart(9)} ${String(l.n).padStart(7)}${l.requestsPerSecond !== undefined ? `  ${l.requestsPerSecond} req/s, ${l.errors} errors, server CPU ${l.serverCpuUsPerRequest ?? '?'} µs/request` : ''}`;
  console.log(`API benchmark at Sweden scale: ${stats.organisations} organisations, ${stats.nodes} nodes, ${stats.relationships} relationships (seed ${seed}); ${readModelMs === null ? 'no read model: reads from LadybugDB' : `read model loaded in ${(readModelMs / 1000).toFixed(1)} s`}`);
  console.log(`${'measurement'.padEnd(30)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'max ms'.padStart(9)} ${'n'.padStart(7)}`);
  console.log(row('search raw (1 caller)', searchRaw1));
  console.log(row(`search raw (${connections} callers)`, searchRawN));
  console.log(row('search HTTP (1 client)', searchHttp1));
  console.log(row(`search HTTP (${connections} clients)`, searchHttpN));
  console.log(row('text search raw (1 caller)', textRaw1));
  console.log(row(`text search raw (${connections} callers)`, textRawN));
  console.log(row('text search HTTP (1 client)', textHttp1));
  console.log(row(`text search HTTP (${connections} clients)`, textHttpN));
  console.log(row('profile raw (1 caller)', profileRaw1));
  console.log(row(`profile raw (${connections} callers)`, profileRawN));
  console.log(row('profile HTTP (1 client)', profileHttp1));
  console.log(row(`profile HTTP (${connections} clients)`, profileHttpN));
  console.log(row('search engine (1 caller)', searchEngine1));
  console.log(row(`search engine (${connections} callers)`, searchEngineN));
  console.log(row('profile engine (1 caller)', profileEngine1));
  console.log(row(`profile engine (${connections} callers)`, profileEngineN));
  const ratios = (r: { oneClient: number; concurrent: number }) => `${r.oneClient} (1 client), ${r.concurrent} (${connections})`;
  console.log(`ratio HTTP p50 / raw p50 (read model): search ${ratios(report.search.ratioHttpToRawP50)}; profile ${ratios(report.profile.ratioHttpToRawP50)}`);
  console.log(`ratio HTTP p50 / engine p50 (read model bypassed): search ${ratios(report.search.ratioHttpToEngineP50)}; profile ${ratios(report.profile.ratioHttpToEngineP50)}`);
  console.log(`targets: search p95 < 40 ms at ${connections} clients: ${met.searchP95 ? 'met' : 'MISSED'} (${searchHttpN.p95} ms); text search p95 < 40 ms: ${met.textSearchP95 ? 'met' : 'MISSED'} (${textHttpN.p95} ms, in process ${textRawN.p95} ms at ${connections} callers); ratio ≤ 1.5 to raw: ${met.searchRatio ? 'met' : 'MISSED'}; to engine: ${met.searchRatioToEngine ? 'met' : 'MISSED'}`);
  console.log(`load average during the run: ${report.load.loadAverage.join(', ')}`);
  console.log('written to bench-results/api.json');
} finally {
  await server.close();
  await store.close();
}
